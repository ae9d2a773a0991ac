//! Reference data commands: councils, regions, themes, audiences,
//! programmes, conferences.

use clap::Subcommand;
use cpweek_core::programme::Term;
use cpweek_core::store::ConferenceChange;
use cpweek_core::{time, Error, Store};

use crate::output;

pub(crate) fn councils(store: &Store, region: Option<String>, json: bool) -> Result<(), Error> {
    let councils = store.councils(region.as_deref())?;
    if json {
        output::json(&councils);
    } else {
        let rows: Vec<Vec<String>> = councils
            .iter()
            .map(|c| vec![c.code.clone(), c.display_name.clone(), c.region.clone()])
            .collect();
        output::table(&["CODE", "COUNCIL", "REGION"], &rows);
    }
    Ok(())
}

pub(crate) fn regions(store: &Store, json: bool) -> Result<(), Error> {
    let regions = store.regions()?;
    if json {
        output::json(&regions);
    } else {
        let rows: Vec<Vec<String>> = regions
            .iter()
            .map(|r| vec![r.code.clone(), r.name.clone()])
            .collect();
        output::table(&["CODE", "REGION"], &rows);
    }
    Ok(())
}

pub(crate) fn terms(terms: Vec<Term>, json: bool) -> Result<(), Error> {
    if json {
        output::json(&terms);
    } else {
        let rows: Vec<Vec<String>> = terms
            .iter()
            .map(|t| vec![t.slug.clone(), t.name.clone()])
            .collect();
        output::table(&["SLUG", "NAME"], &rows);
    }
    Ok(())
}

pub(crate) fn programmes(store: &Store, json: bool) -> Result<(), Error> {
    let programmes = store.programmes()?;
    if json {
        output::json(&programmes);
        return Ok(());
    }
    for p in &programmes {
        println!(
            "{}  {}{}\n      {} to {} ({})",
            p.id,
            p.name,
            if p.is_current { " (current)" } else { "" },
            time::format_date(p.starts_on),
            time::format_date(p.ends_on),
            p.time_zone.name()
        );
        if let Some(c) = &p.conference {
            let days = match (c.starts_on, c.ends_on) {
                (Some(s), Some(e)) => {
                    format!("{} to {}", time::format_date(s), time::format_date(e))
                }
                _ => "days not set".to_string(),
            };
            println!(
                "      linked to {} ({}): {}{}{}",
                output::shown(&c.name),
                c.id,
                days,
                c.venue
                    .as_ref()
                    .map(|v| format!(", {}", output::shown(v)))
                    .unwrap_or_default(),
                if c.confirmed { "" } else { " (provisional)" }
            );
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConferenceCommand {
    /// Change a conference's name, days or venue (days and venue are data, not fixed)
    Edit {
        /// Conference id, e.g. ncas-2014
        id: String,
        #[arg(long)]
        name: Option<String>,
        /// First day, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        start_date: Option<String>,
        /// Last day, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        end_date: Option<String>,
        /// Venue; empty to clear
        #[arg(long)]
        venue: Option<String>,
        /// Whether the days are confirmed
        #[arg(long, value_name = "true|false")]
        confirmed: Option<bool>,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn conference(store: &mut Store, command: ConferenceCommand) -> Result<(), Error> {
    let ConferenceCommand::Edit {
        id,
        name,
        start_date,
        end_date,
        venue,
        confirmed,
        json,
    } = command;
    let conference = store.update_conference(
        &id,
        &ConferenceChange {
            name,
            starts_on: start_date,
            ends_on: end_date,
            venue,
            confirmed,
        },
    )?;
    if json {
        output::json(&conference);
    } else {
        println!("Conference {} updated.", conference.id);
    }
    Ok(())
}
