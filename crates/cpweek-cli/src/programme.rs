//! `cpweek programme summary`: the programme at a glance, as the Dashboard
//! shows it (the core decides what counts: `cpweek_core::summary`);
//! `cpweek programme export`: the programme as published documents (the
//! core decides what is published: `cpweek_core::publish::programme`);
//! `cpweek programme release`, `releases` and `changes`: numbered releases
//! (printed by `crate::release`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Subcommand;
use cpweek_core::publish::programme::{Edition, ProgrammeFormat};
use cpweek_core::{time, Error, Store};

use crate::output;
use crate::release::{self, ChangesAsked, ChangesFormat};

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
        /// [default: the latest release]
        #[arg(long, conflicts_with = "release")]
        live: bool,
        /// Export release N as it was made
        #[arg(long, value_name = "N")]
        release: Option<u32>,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
        programme: String,
    },
    /// Make the next numbered release of the programme (an LGA officer's):
    /// its approved public events as they stand now, frozen
    Release {
        /// What the release is, for the list of releases and the feed
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
        programme: String,
        #[arg(long)]
        json: bool,
    },
    /// The programme's numbered releases: when, by whom, how many events
    Releases {
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
        programme: String,
        #[arg(long)]
        json: bool,
    },
    /// What was added, changed (old and new) and cancelled or withdrawn:
    /// in each release since the one before, or since release N
    Changes {
        /// Compare the latest release with release N
        #[arg(long, value_name = "N")]
        since: Option<u32>,
        /// text, json, or atom (every release as an Atom feed)
        #[arg(long, value_enum, default_value = "text", conflicts_with = "json")]
        format: ChangesFormat,
        #[arg(long)]
        json: bool,
        /// The Atom feed's file; - for standard output [default: -]
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Where the feed will be published, for its links
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
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

impl ProgrammeCommand {
    /// Whether it changes the database (and so opens it to write).
    pub(crate) fn writes(&self) -> bool {
        matches!(self, ProgrammeCommand::Release { .. })
    }
}

pub(crate) fn run(
    store: &mut Store,
    command: ProgrammeCommand,
    database: &Path,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    match command {
        ProgrammeCommand::Summary { programme, json } => summary(store, &programme, json),
        ProgrammeCommand::Export {
            format,
            output,
            live,
            release,
            force,
            programme,
        } => {
            let edition = edition(store, &programme, live, release)?;
            export(
                store, &format, &output, edition, force, &programme, database,
            )
        }
        ProgrammeCommand::Release {
            note,
            programme,
            json,
        } => release::release(store, &programme, note.as_deref(), json, now),
        ProgrammeCommand::Releases { programme, json } => {
            release::releases(store, &programme, json)
        }
        ProgrammeCommand::Changes {
            since,
            format,
            json,
            output,
            public_url,
            force,
            programme,
        } => release::changes(
            store,
            ChangesAsked {
                programme: &programme,
                since,
                format: if json { ChangesFormat::Json } else { format },
                output: output.as_deref(),
                public_url: public_url.as_deref(),
                force,
            },
            database,
        ),
        ProgrammeCommand::Listing(args) => crate::publish::listing(store, args, database),
    }
}

/// Which edition to publish: `--live`, `--release N`, or else the latest
/// release (refused by the core, saying what to do, while there is none).
pub(crate) fn edition(
    store: &Store,
    programme: &str,
    live: bool,
    release: Option<u32>,
) -> Result<Edition, Error> {
    match (live, release) {
        (true, _) => Ok(Edition::Live),
        (false, Some(n)) => Ok(Edition::Release(n)),
        (false, None) => store.latest_edition(programme),
    }
}

fn export(
    store: &Store,
    format: &str,
    output: &Path,
    edition: Edition,
    force: bool,
    programme: &str,
    database: &Path,
) -> Result<(), Error> {
    let format = ProgrammeFormat::from_input(format)?;
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
    let which = match edition {
        Edition::Live => "the programme".to_string(),
        Edition::Release(n) => format!("release {n} of the programme"),
    };
    eprintln!(
        "Wrote {which} ({} {}) to {}.",
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
        "{}{}.\n",
        a.headline,
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
