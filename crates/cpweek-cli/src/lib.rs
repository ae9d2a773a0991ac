//! The `cpweek` command line. A thin adapter: it parses arguments, reads the
//! clock once, calls cpweek-core and prints the result, as text for people or
//! as JSON (`--json`, stdout only) for scripts. Errors go to stderr, one line
//! each, and the exit code is non-zero.

mod event;
mod ics;
mod output;
mod pack;
mod person;
mod practice;
mod programme;
mod publish;
mod reference;
mod release;
mod request;
mod review;
mod sample;
mod settings;
mod toolkit;
mod toolkit_sent;
mod travel;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use cpweek_core::store::{self, Open};
use cpweek_core::{Error, Store};

#[derive(Debug, Parser)]
#[command(
    name = "cpweek",
    version,
    args_override_self = true,
    about = "Corporate Parenting Week: councils' events, the national programme and partner feeds",
    after_help = "Times are Europe/London local times (YYYY-MM-DDTHH:MM); RFC 3339 with an offset is also accepted."
)]
pub struct Cli {
    /// The database file [default: ~/.local/share/cpweek/cpweek.db]
    #[arg(long, global = true, env = "CPWEEK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the database if needed and load the seeds (councils, regions,
    /// programmes, themes, audiences, the minister); safe to run again
    Init {
        #[arg(long)]
        json: bool,
    },
    /// The 152 councils of 2014
    Councils {
        /// Only this region (name or E12 code)
        #[arg(long, value_name = "NAME")]
        region: Option<String>,
        /// Only the councils not taking part yet (no event going ahead, as
        /// lead or partner), region by region, for chasing
        #[arg(long)]
        missing: bool,
        /// With --missing: the programme [default: the current one]
        #[arg(long, value_name = "ID", requires = "missing")]
        programme: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The 9 English regions
    Regions {
        #[arg(long)]
        json: bool,
    },
    /// Event themes
    Themes {
        #[arg(long)]
        json: bool,
    },
    /// Event audiences
    Audiences {
        #[arg(long)]
        json: bool,
    },
    /// Programmes (one per Corporate Parenting Week) with their dates and conference
    Programmes {
        #[arg(long)]
        json: bool,
    },
    /// One programme: its summary
    #[command(subcommand)]
    Programme(programme::ProgrammeCommand),
    /// Conferences a week is tied to (NCAS)
    #[command(subcommand)]
    Conference(reference::ConferenceCommand),
    /// Register, list, review and change events
    #[command(subcommand)]
    Event(Box<event::EventCommand>),
    /// The LGA's review queue: events new or changed on the council's side
    /// since the LGA last decided (approve or return them with `cpweek event`)
    Review(review::ReviewArgs),
    /// Import events from a file
    #[command(subcommand)]
    Import(ics::ImportCommand),
    /// Export events to a file
    #[command(subcommand)]
    Export(ics::ExportCommand),
    /// Submission packs (a council's events for the LGA) and the LGA's replies
    #[command(subcommand)]
    Pack(pack::PackCommand),
    /// Your settings (council, role, name), shared with the window's Settings
    Settings {
        #[command(subcommand)]
        command: Option<settings::SettingsCommand>,
        #[arg(long)]
        json: bool,
    },
    /// People who may be asked to attend events (the minister first)
    #[command(subcommand)]
    Person(person::PersonCommand),
    /// Requests for a person to attend: ask, submit, forward, accept, ...
    #[command(subcommand)]
    Request(request::RequestCommand),
    /// Case studies of councils' practice for the good-practice toolkit:
    /// add, edit, submit, and the LGA's approve, return and publish
    #[command(subcommand)]
    Practice(practice::PracticeCommand),
    /// The sample week for trying the app: load it into an empty
    /// programme, or remove exactly it
    #[command(subcommand)]
    Sample(sample::SampleCommand),
    /// The good-practice toolkit: the LGA's introduction, the published
    /// case studies as a PDF, a Word document or HTML, and which councils
    /// were sent which edition
    #[command(subcommand)]
    Toolkit(toolkit::ToolkitCommand),
    /// Publish the programme, its feeds and the councils' listings as static files
    #[command(subcommand)]
    Publish(publish::PublishCommand),
    /// Serve the partner feeds over HTTP for subscription (loopback only by default)
    Serve(ics::ServeArgs),
    /// The travel time between two postcodes by the stated rules, and how it was reckoned
    Travel(travel::TravelArgs),
}

impl Command {
    /// Whether the command may change the database. The others open it
    /// only to read, so they work on a read-only file and write nothing.
    fn writes(&self) -> bool {
        match self {
            Command::Init { .. } | Command::Conference(_) | Command::Import(_) => true,
            // `cpweek settings` alone shows them; `settings set` changes them.
            Command::Settings { command, .. } => command.is_some(),
            Command::Pack(c) => c.writes(),
            Command::Event(c) => !matches!(
                **c,
                event::EventCommand::List { .. } | event::EventCommand::Show { .. }
            ),
            Command::Person(c) => !matches!(
                c,
                person::PersonCommand::List { .. } | person::PersonCommand::Show { .. }
            ),
            Command::Programme(c) => c.writes(),
            Command::Practice(c) => c.writes(),
            Command::Sample(_) => true,
            Command::Toolkit(c) => c.writes(),
            Command::Request(c) => !matches!(
                c,
                request::RequestCommand::List { .. }
                    | request::RequestCommand::Show { .. }
                    | request::RequestCommand::Clashes { .. }
                    | request::RequestCommand::Plan { forward: false, .. }
                    | request::RequestCommand::Report { .. }
                    | request::RequestCommand::Brief { .. }
            ),
            Command::Councils { .. }
            | Command::Regions { .. }
            | Command::Themes { .. }
            | Command::Audiences { .. }
            | Command::Programmes { .. }
            | Command::Review(_)
            | Command::Export(_)
            | Command::Publish(_)
            | Command::Serve { .. }
            | Command::Travel(_) => false,
        }
    }
}

/// Runs the CLI with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::try_parse().unwrap_or_else(|e| output::usage_error(e));
    match run(cli, Utc::now()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::print_error(&e);
            ExitCode::FAILURE
        }
    }
}

/// Rust ignores SIGPIPE, so printing into a closed pipe (`cpweek event list
/// --json | head`) would fail and panic; a command-line tool should instead
/// stop quietly, as other Unix tools do.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread starts; SIG_DFL
    // is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn run(cli: Cli, now: DateTime<Utc>) -> Result<(), Error> {
    let path = match cli.db {
        Some(p) => p,
        None => store::default_path()?,
    };
    // Travel needs no database, but counts times set by hand in one.
    let command = match cli.command {
        Command::Travel(args) if args.writes() => {
            let mut store = Store::open(&path, Open::Existing, now)?;
            return travel::run(args, Some(&mut store), now);
        }
        Command::Travel(args) if path.exists() => {
            let mut store = Store::open(&path, Open::Read, now)?;
            return travel::run(args, Some(&mut store), now);
        }
        Command::Travel(args) => return travel::run(args, None, now),
        command => command,
    };
    match command {
        Command::Init { json } => {
            let mut store = Store::open(&path, Open::CreateIfMissing, now)?;
            let report = store.init()?;
            if json {
                output::json(&report);
            } else {
                println!(
                    "Database ready at {}: {} councils in {} regions, {} programmes, {} themes, {} audiences.",
                    path.display(),
                    report.councils,
                    report.regions,
                    report.programmes,
                    report.themes,
                    report.audiences
                );
            }
            Ok(())
        }
        Command::Serve(args) => ics::serve(path, args),
        command => {
            let mode = if command.writes() {
                Open::Existing
            } else {
                Open::Read
            };
            let mut store = Store::open(&path, mode, now)?;
            match command {
                Command::Init { .. } | Command::Serve(_) | Command::Travel(_) => {
                    unreachable!("handled above")
                }
                Command::Councils {
                    region,
                    missing: true,
                    programme,
                    json,
                } => review::missing(&store, programme, region, json),
                Command::Councils { region, json, .. } => reference::councils(&store, region, json),
                Command::Review(args) => review::queue(&store, args),
                Command::Regions { json } => reference::regions(&store, json),
                Command::Themes { json } => reference::terms(store.themes()?, json),
                Command::Audiences { json } => reference::terms(store.audiences()?, json),
                Command::Programmes { json } => reference::programmes(&store, json),
                Command::Programme(c) => programme::run(&mut store, c, &path, now),
                Command::Conference(c) => reference::conference(&mut store, c),
                Command::Event(c) => event::run(&mut store, *c, now),
                Command::Import(c) => ics::import(&mut store, c, now),
                Command::Export(c) => ics::export(&store, c, &path),
                Command::Publish(c) => publish::run(&store, c, &path),
                Command::Pack(c) => pack::run(&mut store, c, now, &path),
                Command::Settings { command, json } => settings::run(&mut store, command, json),
                Command::Person(c) => person::run(&mut store, c),
                Command::Request(c) => request::run(&mut store, c, now, &path),
                Command::Practice(c) => practice::run(&mut store, c, now),
                Command::Sample(c) => sample::run(&mut store, c, now),
                Command::Toolkit(c) => toolkit::run(&mut store, c, &path, now),
            }
        }
    }
}
