//! `cpweek import ics`, `cpweek export ics` and `cpweek serve`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use cpweek_core::file::{self, Kind};
use cpweek_core::ics::{read, Privacy, Scope};
use cpweek_core::publish::listen;
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
        /// national | region:NAME | council:CODE | theme:NAME, or person:ID for a
        /// person's confidential diary (for their office, never a partner feed)
        #[arg(long, default_value = "national", value_name = "SCOPE")]
        scope: String,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        /// Include private events, marked CLASS:PRIVATE: only with --scope council:CODE, for the council's own use, never for partners
        #[arg(long)]
        include_private: bool,
        /// Write to this file instead of standard output (".ics" is added
        /// if missing; never the database itself)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it already exists
        #[arg(long, requires = "output")]
        force: bool,
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
            output::shown(s.title.as_deref().unwrap_or("(no title)")),
            s.line,
            output::shown(&s.rule),
            s.occurrences,
            if s.occurrences == 1 { "" } else { "s" },
            output::shown(&s.uid),
            s.outside
        );
    }
    for i in &r.items {
        for w in &i.warnings {
            eprintln!("warning: line {}: {}", i.line, output::shown(w));
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

/// `live` is the database file, which `-o` may never name.
pub(crate) fn export(store: &Store, command: ExportCommand, live: &Path) -> Result<(), Error> {
    let ExportCommand::Ics {
        scope,
        programme,
        include_private,
        output,
        force,
    } = command;
    if let Some(person) = person_scope(&scope) {
        return diary(store, &person, output, force, live);
    }
    let scope = Scope::parse(&scope)?;
    let privacy = if include_private {
        Privacy::IncludePrivate
    } else {
        Privacy::PublicOnly
    };
    let programme = programme.as_deref().unwrap_or("");
    // The scope, programme and privacy are checked before anything is
    // written (the same check the window makes before its save dialog).
    store
        .feed_file_name(&scope, programme, privacy)
        .map_err(privacy_as_flag)?;
    match output {
        None => output::to_stdout(
            store
                .export_ics(&scope, programme, privacy)?
                .body
                .as_bytes(),
        ),
        Some(path) => {
            let target = output::chosen_file(&path, Kind::Calendar, live, force)?;
            let exported = store
                .export_ics_to_file(&scope, programme, privacy, &target, &mut |_| {})
                .map_err(output::name_force)?;
            eprintln!(
                "Wrote {} ({} events) to {}.",
                exported.name,
                exported.events,
                target.path().display()
            );
            Ok(())
        }
    }
}

/// `person:ID` names a person's diary, which is not a partner feed.
fn person_scope(scope: &str) -> Option<String> {
    let (kind, value) = scope.trim().split_once(':')?;
    kind.trim()
        .eq_ignore_ascii_case("person")
        .then(|| value.trim().to_string())
}

/// A person's confidential diary (`--scope person:ID`), to a file or
/// standard output.
fn diary(
    store: &Store,
    person: &str,
    output: Option<std::path::PathBuf>,
    force: bool,
    live: &Path,
) -> Result<(), Error> {
    let id = cpweek_core::attendance::record::id("scope", "person", person)?;
    let (body, name) = store.person_diary(id)?;
    match output {
        None => output::to_stdout(body.as_bytes()),
        Some(path) => {
            let target = output::chosen_file(&path, Kind::Calendar, live, force)?;
            file::write_whole(&target, body.as_bytes()).map_err(output::name_force)?;
            eprintln!(
                "Wrote {name} (confidential: for the person's office, not for partners) to {}.",
                target.path().display()
            );
            Ok(())
        }
    }
}

/// The core refuses private events outside a council's own copy by the
/// field `privacy`; here that field is the `--include-private` flag.
fn privacy_as_flag(error: Error) -> Error {
    match error {
        Error::Invalid(mut fields) => {
            for f in fields.iter_mut().filter(|f| f.field == "privacy") {
                f.message = "--include-private is only for a council's own events: use it with \
                             --scope council:CODE (partners' feeds and files never hold private events)"
                    .into();
            }
            Error::Invalid(fields)
        }
        other => other,
    }
}

/// `cpweek serve`'s flags.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on: IP:PORT, or a port alone for this computer only
    /// (ports 1024 to 65535)
    #[arg(long, default_value = listen::DEFAULT_ADDRESS, value_name = "IP:PORT")]
    addr: String,
    /// The address partners reach the feeds at, which the index page's links
    /// use, e.g. https://feeds.example.org/cpweek when published behind an
    /// HTTPS proxy [default: http://<the address listened on>]
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Close a connection that sends no request, or takes none of its
    /// answer, for this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    idle_timeout: u64,
    /// The most connections open at once; when reached, the one quiet
    /// longest is closed to make room [default: from the open-file limit,
    /// at most 1024]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=65536))]
    max_connections: Option<u32>,
}

pub(crate) fn serve(db: PathBuf, args: ServeArgs) -> Result<(), Error> {
    let addr = listen::address(&args.addr)?;
    let public_url = args
        .public_url
        .as_deref()
        .map(cpweek_core::publish::BaseUrl::parse)
        .transpose()?;
    // Refuse a missing database now rather than on the first request.
    Store::open(&db, cpweek_core::store::Open::Read, Utc::now())?;
    let config = cpweek_feeds::Config {
        db,
        public_url,
        limits: cpweek_feeds::Limits {
            idle_timeout: Duration::from_secs(args.idle_timeout),
            max_connections: args
                .max_connections
                .map_or_else(cpweek_feeds::default_max_connections, |n| {
                    usize::try_from(n).unwrap_or(usize::MAX)
                }),
        },
    };
    let shown = config.public_url.clone();
    let mut bound_ok = false;
    cpweek_feeds::serve(config, addr, |bound| {
        bound_ok = true;
        let mut ready = format!("Serving feeds on http://{bound}/ (press Ctrl+C to stop)");
        if let Some(public) = shown {
            ready.push_str(&format!("\nPartners reach them at {}", public));
        }
        println!("{ready}");
        if !bound.ip().is_loopback() {
            eprintln!("warning: {bound} is reachable from other machines");
        }
        let _ = std::io::stdout().flush();
    })
    .map_err(|e| {
        if bound_ok {
            Error::Io {
                context: format!("serving feeds on {addr}"),
                source: e,
            }
        } else {
            listen::bind_error(addr, e)
        }
    })
}
