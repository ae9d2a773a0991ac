//! `cpweek programme release`, `releases` and `changes`: numbered releases
//! of the published programme and what changed between them, as text, JSON
//! or an Atom feed. The core decides everything
//! (`cpweek_core::store::Store::make_release` and the rest); this prints.

use std::path::Path;

use chrono::{DateTime, Utc};
use cpweek_core::file::Kind;
use cpweek_core::publish::programme::release::ReleaseChanges;
use cpweek_core::{Error, Store};

use crate::output::{self, shown};

/// How `programme changes` writes what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ChangesFormat {
    /// Lines for people.
    Text,
    /// One JSON document (as --json).
    Json,
    /// An Atom feed (RFC 4287) of every release and its changes.
    Atom,
}

pub(crate) fn release(
    store: &mut Store,
    programme: &str,
    note: Option<&str>,
    json: bool,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let made = store.make_release(programme, note, now)?;
    if json {
        output::json(&made);
        return Ok(());
    }
    let r = &made.release;
    let events = if r.events == 1 { "event" } else { "events" };
    println!(
        "Made release {} of the programme ({} {events}): {}.",
        r.number,
        r.events,
        made.changes.counts()
    );
    print_changes(&made, false);
    Ok(())
}

pub(crate) fn releases(store: &Store, programme: &str, json: bool) -> Result<(), Error> {
    let releases = store.releases(programme)?;
    if json {
        output::json(&releases);
        return Ok(());
    }
    if releases.is_empty() {
        println!(
            "No release of the programme has been made yet; an LGA officer makes one with \
             `cpweek programme release`."
        );
        return Ok(());
    }
    let rows: Vec<Vec<String>> = releases
        .iter()
        .map(|r| {
            vec![
                r.number.to_string(),
                r.made_at.format("%Y-%m-%d %H:%M").to_string(),
                r.made_by.clone(),
                r.events.to_string(),
                r.note
                    .as_deref()
                    .map(cpweek_core::text::joined_lines)
                    .unwrap_or_default(),
            ]
        })
        .collect();
    output::table(&["RELEASE", "MADE", "BY", "EVENTS", "NOTE"], &rows);
    Ok(())
}

/// The release's lines (its changes), each shown escaped; with `whole`,
/// the heading lines about the release too.
fn print_changes(changes: &ReleaseChanges, whole: bool) {
    let lines = if whole {
        changes.lines()
    } else {
        changes.changes.lines()
    };
    for line in lines {
        println!("{}", shown(&line));
    }
}

/// What `programme changes` was asked for.
pub(crate) struct ChangesAsked<'a> {
    pub programme: &'a str,
    pub since: Option<u32>,
    pub format: ChangesFormat,
    pub output: Option<&'a Path>,
    pub public_url: Option<&'a str>,
    pub force: bool,
}

pub(crate) fn changes(store: &Store, asked: ChangesAsked, database: &Path) -> Result<(), Error> {
    if asked.format == ChangesFormat::Atom {
        if asked.since.is_some() {
            return Err(Error::invalid(
                "since",
                "the Atom feed holds every release with its changes since the one before; \
                 leave out --since",
            ));
        }
        let bytes = store.changes_feed(asked.programme, asked.public_url)?;
        let Some(path) = asked.output.filter(|p| *p != Path::new("-")) else {
            return output::to_stdout(&bytes);
        };
        let target = output::chosen_file(path, Kind::Atom, database, asked.force)?;
        cpweek_core::file::write_whole(&target, &bytes).map_err(output::name_force)?;
        eprintln!(
            "Wrote the programme's releases as an Atom feed to {}.",
            target.path().display()
        );
        return Ok(());
    }
    if asked.output.is_some() || asked.public_url.is_some() {
        return Err(Error::invalid(
            "output",
            "-o and --public-url are for the Atom feed; add --format atom",
        ));
    }
    let all = store.release_changes(asked.programme, asked.since)?;
    if asked.format == ChangesFormat::Json {
        output::json(&all);
        return Ok(());
    }
    if all.is_empty() {
        println!(
            "No release of the programme has been made yet; an LGA officer makes one with \
             `cpweek programme release`."
        );
        return Ok(());
    }
    for (i, r) in all.iter().enumerate() {
        if i > 0 {
            println!();
        }
        print_changes(r, true);
    }
    Ok(())
}
