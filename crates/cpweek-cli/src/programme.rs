//! `cpweek programme summary`: the programme at a glance, as the Dashboard
//! shows it (the core decides what counts: `cpweek_core::summary`);
//! `cpweek programme export`: the programme as published documents (the
//! core decides what is published: `cpweek_core::publish::programme`).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use cpweek_core::publish::programme::{Edition, ProgrammeFormat};
use cpweek_core::{time, Error, Store};

use crate::output;

#[derive(Debug, Subcommand)]
pub(crate) enum ProgrammeCommand {
    /// Events by day and by region, councils taking part and not registered
    /// yet, and the events needing attention (returned, cancelled, outside the week)
    Summary {
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "")]
        programme: String,
        #[arg(long)]
        json: bool,
    },
    /// The programme's approved public events as a published document: a
    /// printable HTML file, a tagged PDF, CSV for spreadsheets, or the
    /// conference-schedule JSON that schedule apps read
    Export {
        /// html, pdf, csv or json
        #[arg(long, value_name = "html|pdf|csv|json")]
        format: String,
        /// The file to write; - for standard output (csv, json and html)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Export the current approved programme, as it stands now
        #[arg(long)]
        live: bool,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
        programme: String,
    },
    /// A council's approved public events as an HTML fragment to paste into
    /// its own website (no script, no styles; class names in docs/listing.md)
    Listing(crate::publish::ListingArgs),
}

pub(crate) fn run(store: &Store, command: ProgrammeCommand, database: &Path) -> Result<(), Error> {
    match command {
        ProgrammeCommand::Summary { programme, json } => summary(store, &programme, json),
        ProgrammeCommand::Export {
            format,
            output,
            live,
            force,
            programme,
        } => export(store, &format, &output, live, force, &programme, database),
        ProgrammeCommand::Listing(args) => crate::publish::listing(store, args, database),
    }
}

/// Which edition to publish: only `--live` until numbered releases exist.
pub(crate) fn edition(live: bool) -> Result<Edition, Error> {
    if live {
        Ok(Edition::Live)
    } else {
        Err(Error::invalid(
            "live",
            "numbered releases of the programme are not made yet; add --live to export \
             the current approved programme as it stands now",
        ))
    }
}

fn export(
    store: &Store,
    format: &str,
    output: &Path,
    live: bool,
    force: bool,
    programme: &str,
    database: &Path,
) -> Result<(), Error> {
    let format = ProgrammeFormat::from_input(format)?;
    let edition = edition(live)?;
    if output == Path::new("-") {
        if !format.is_text() {
            return Err(Error::invalid(
                "output",
                "a PDF is not written to standard output; give -o FILE",
            ));
        }
        let bytes = store.programme_export(programme, edition, format)?;
        return output::to_stdout(&bytes);
    }
    let target = output::chosen_file(output, format.kind(), database, force)?;
    let events = store
        .save_programme_export(programme, edition, format, &target)
        .map_err(output::name_force)?;
    eprintln!(
        "Wrote the programme ({} {}) to {}.",
        events,
        if events == 1 { "event" } else { "events" },
        target.path().display()
    );
    Ok(())
}

fn summary(store: &Store, programme: &str, json: bool) -> Result<(), Error> {
    let s = store.programme_summary(programme)?;
    if json {
        output::json(&s);
        return Ok(());
    }
    let name = store
        .programmes()?
        .into_iter()
        .find(|p| p.id == s.programme)
        .map_or(s.programme.clone(), |p| p.name);
    let events = if s.events == 1 { "event" } else { "events" };
    println!(
        "{name}: {} {events} from {} of {} councils; {} cancelled.",
        s.events, s.councils_taking_part, s.councils, s.cancelled
    );
    let a = &s.attendance;
    let n = |count: u32, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    let statuses: Vec<String> = a
        .by_status
        .iter()
        .filter(|b| b.count > 0)
        .map(|b| {
            // "Submitted to the LGA" reads "2 submitted to the LGA".
            let mut label = b.label.chars();
            let first = label.next().map(|c| c.to_lowercase().collect::<String>());
            format!(
                "{} {}{}",
                b.count,
                first.unwrap_or_default(),
                label.as_str()
            )
        })
        .collect();
    println!(
        "{} (accepted or held) from {}{}.\n",
        n(
            a.ministerial_engagements,
            "ministerial engagement",
            "ministerial engagements"
        ),
        n(a.requests, "request", "requests"),
        if statuses.is_empty() {
            String::new()
        } else {
            format!(": {}", statuses.join(", "))
        }
    );
    let days: Vec<Vec<String>> = s
        .by_day
        .iter()
        .map(|d| vec![time::format_date(d.day), d.events.to_string()])
        .collect();
    output::table(&["DAY", "EVENTS"], &days);
    println!();
    let regions: Vec<Vec<String>> = s
        .by_region
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.events.to_string(),
                format!("{} of {}", r.councils_taking_part, r.councils),
                r.not_registered
                    .iter()
                    .map(|c| c.display_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    output::table(
        &["REGION", "EVENTS", "TAKING PART", "NOT REGISTERED YET"],
        &regions,
    );
    println!();
    if s.needing_attention.is_empty() {
        println!("No events are returned, cancelled or outside the week.");
        return Ok(());
    }
    println!("Needing attention:");
    let rows: Vec<Vec<String>> = s
        .needing_attention
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.title.clone(),
                a.council_name.clone(),
                a.when.clone(),
                a.reasons
                    .iter()
                    .map(|r| r.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    output::table(&["ID", "EVENT", "COUNCIL", "WHEN", "WHY"], &rows);
    Ok(())
}
