//! `cpweek programme listing`: a council's approved public events as an
//! HTML fragment for its own website; `cpweek publish site`: the whole
//! public output as static files. The core makes and writes both
//! (`cpweek_core::publish::listing`, `publish::site`, `folder`); this
//! parses the flags and prints what was done.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use cpweek_core::file::Kind;
use cpweek_core::publish::BaseUrl;
use cpweek_core::{Error, Store};

use crate::output;
use crate::programme::edition;

#[derive(Debug, Args)]
pub(crate) struct ListingArgs {
    /// The council, by DfE code or name
    #[arg(long, value_name = "CODE")]
    council: String,
    /// The file to write; - for standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
    /// List the current approved programme, as it stands now
    /// [default: the latest release]
    #[arg(long, conflicts_with = "release")]
    live: bool,
    /// List the council's events in release N as it was made
    #[arg(long, value_name = "N")]
    release: Option<u32>,
    /// Programme id, e.g. 2014 [default: the current programme]
    #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
    programme: String,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PublishCommand {
    /// Every partner feed, the programme in every format, each council's
    /// listing and an index page, as files for any static web host; files
    /// whose bytes are unchanged are left untouched
    Site {
        /// The site's folder (made if missing); the folders feeds, listings
        /// and programme in it belong to the site
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
        /// The site's public address, for its links, e.g. https://cpw.example.org.uk
        #[arg(long, value_name = "URL")]
        public_url: String,
        /// Publish the current approved programme, as it stands now
        /// [default: the latest release]
        #[arg(long, conflicts_with = "release")]
        live: bool,
        /// Publish release N as it was made
        #[arg(long, value_name = "N")]
        release: Option<u32>,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
        programme: String,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn listing(store: &Store, args: ListingArgs, database: &Path) -> Result<(), Error> {
    let edition = edition(store, &args.programme, args.live, args.release)?;
    if args.output == Path::new("-") {
        let made = store.council_listing(&args.council, &args.programme, edition)?;
        return output::to_stdout(made.html.as_bytes());
    }
    let target = output::chosen_file(&args.output, Kind::Html, database, args.force)?;
    let made = store
        .save_council_listing(&args.council, &args.programme, edition, &target)
        .map_err(output::name_force)?;
    eprintln!(
        "Wrote the listing of {} ({} {}) to {}.",
        output::shown(&made.council),
        made.events,
        if made.events == 1 { "event" } else { "events" },
        target.path().display()
    );
    Ok(())
}

pub(crate) fn run(store: &Store, command: PublishCommand, database: &Path) -> Result<(), Error> {
    match command {
        PublishCommand::Site {
            dir,
            public_url,
            live,
            release,
            programme,
            json,
        } => {
            let base = BaseUrl::parse(&public_url)?;
            let edition = edition(store, &programme, live, release)?;
            let done = store.publish_site(&dir, &programme, edition, &base, database)?;
            if json {
                output::json(&done);
                return Ok(());
            }
            println!(
                "Published programme {} ({} {}) to {} for {}: {} written, {} unchanged, {} removed.",
                done.programme,
                done.events,
                if done.events == 1 { "event" } else { "events" },
                output::shown(&done.dir),
                done.public_url,
                done.written.len(),
                done.unchanged.len(),
                done.removed.len()
            );
            for (label, paths) in [("Written", &done.written), ("Removed", &done.removed)] {
                if !paths.is_empty() {
                    println!("{label}:");
                    for path in paths {
                        println!("  {}", output::shown(path));
                    }
                }
            }
            Ok(())
        }
    }
}
