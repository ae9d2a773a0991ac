//! `cpweek import ics`, `cpweek export ics` and `cpweek serve`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use cpweek_core::ics::{read, Privacy, Scope};
use cpweek_core::store::{Action, FaultyEvents, ImportMode, ImportReport};
use cpweek_core::FieldError;
use cpweek_core::{Error, Store};

use crate::output;

#[derive(Debug, Subcommand)]
pub(crate) enum ImportCommand {
    /// Import a council's events from an iCalendar file (Outlook, Google,
    /// Apple, or a feed from cpweek); events are matched by UID
    Ics {
        /// The .ics file (50 MB at most)
        file: PathBuf,
        /// The council the events belong to: DfE code or name
        #[arg(long, value_name = "CODE")]
        council: String,
        /// Show what would be created, updated, unchanged or skipped; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import the other events when some are faulty (each is listed with
        /// its line and why); without it, nothing is imported
        #[arg(long)]
        skip_invalid: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ExportCommand {
    /// Write a feed as an iCalendar file (to standard output without -o)
    Ics {
        /// national | region:NAME | council:CODE | theme:NAME
        #[arg(long, default_value = "national", value_name = "SCOPE")]
        scope: String,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        /// Include private events, marked CLASS:PRIVATE: for the council's own use, never for partners
        #[arg(long)]
        include_private: bool,
        /// Write to this file instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub(crate) fn import(
    store: &mut Store,
    command: ImportCommand,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let ImportCommand::Ics {
        file,
        council,
        dry_run,
        skip_invalid,
        json,
    } = command;
    let calendar = read::read_file(&file)?;
    let mode = if dry_run {
        ImportMode::DryRun
    } else {
        ImportMode::Write
    };
    let faulty = if skip_invalid {
        FaultyEvents::LeaveOut
    } else {
        FaultyEvents::Refuse
    };
    let report = store
        .import_ics(&council, &calendar, mode, faulty, now)
        .map_err(|e| match e {
            // Faulty events refused the import: say how to import the rest.
            Error::Invalid(mut errors) if errors.iter().any(|f| f.field == "event") => {
                errors.push(FieldError::new(
                    "skip_invalid",
                    "to import the other events and leave out the faulty ones, run again with --skip-invalid",
                ));
                Error::Invalid(errors)
            }
            other => other,
        })?;
    if json {
        output::json(&report);
    } else {
        print_report(&report);
    }
    Ok(())
}

fn print_report(r: &ImportReport) {
    if r.dry_run {
        println!("Dry run: nothing was written. This is what the import would do.");
    }
    println!(
        "{}: {} created, {} updated, {} unchanged, {} skipped, {} faulty.",
        r.council,
        r.created,
        r.updated,
        r.unchanged,
        r.skipped.len(),
        r.faulty.len()
    );
    let rows: Vec<Vec<String>> = r
        .items
        .iter()
        .map(|i| {
            vec![
                match i.action {
                    Action::Created => "created",
                    Action::Updated => "updated",
                    Action::Unchanged => "unchanged",
                }
                .to_string(),
                i.line.to_string(),
                i.when.clone(),
                i.title.clone(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        output::table(&["ACTION", "LINE", "WHEN", "TITLE"], &rows);
    }
    for s in &r.series {
        println!(
            "Recurring event \"{}\" (line {}, RRULE:{}): {} occurrence{} in the week imported, each linked to series {}; {} other occurrence(s) up to the end of the last programme fall outside the weeks and were not imported.",
            s.title.as_deref().unwrap_or("(no title)"),
            s.line,
            s.rule,
            s.occurrences,
            if s.occurrences == 1 { "" } else { "s" },
            s.uid,
            s.outside
        );
    }
    for i in &r.items {
        for w in &i.warnings {
            eprintln!("warning: line {}: {w}", i.line);
        }
    }
    if !r.faulty.is_empty() {
        println!("Faulty, left out:");
        for s in &r.faulty {
            println!("  {s}");
        }
    }
    if !r.skipped.is_empty() {
        println!("Skipped:");
        for s in &r.skipped {
            println!("  {s}");
        }
    }
}

pub(crate) fn export(store: &Store, command: ExportCommand) -> Result<(), Error> {
    let ExportCommand::Ics {
        scope,
        programme,
        include_private,
        output,
    } = command;
    let scope = Scope::parse(&scope)?;
    let privacy = if include_private {
        Privacy::IncludePrivate
    } else {
        Privacy::PublicOnly
    };
    let programme = programme.as_deref().unwrap_or("");
    match output {
        None => {
            let exported = store.export_ics(&scope, programme, privacy)?;
            let mut out = std::io::stdout().lock();
            out.write_all(exported.body.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|source| Error::Io {
                    context: "writing to standard output".into(),
                    source,
                })
        }
        Some(path) => {
            let exported =
                store.export_ics_to_file(&scope, programme, privacy, &path, &mut |_| {})?;
            eprintln!(
                "Wrote {} ({} events) to {}.",
                exported.name,
                exported.events,
                path.display()
            );
            Ok(())
        }
    }
}

pub(crate) fn serve(db: PathBuf, addr: &str) -> Result<(), Error> {
    let addr: SocketAddr = addr.parse().map_err(|_| {
        Error::invalid(
            "addr",
            format!("address \"{addr}\" is not IP:PORT, like 127.0.0.1:8080"),
        )
    })?;
    // Refuse a missing database now rather than on the first request.
    Store::open(&db, cpweek_core::store::Open::Existing, Utc::now())?;
    let config = cpweek_feeds::Config { db };
    cpweek_feeds::serve(config, addr, |bound| {
        println!("Serving feeds on http://{bound}/ (press Ctrl+C to stop)");
        if !bound.ip().is_loopback() {
            eprintln!("warning: {bound} is reachable from other machines");
        }
        let _ = std::io::stdout().flush();
    })
    .map_err(|source| Error::Io {
        context: format!("serving on {addr}"),
        source,
    })
}
