//! `cpweek pack`: a council's submission pack for the LGA, the LGA's reply,
//! importing either, and the conflicts a person settles. The rules are the
//! core's (`cpweek_core::pack`, `Store::import_pack`); this prints.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Subcommand;
use cpweek_core::file::Kind;
use cpweek_core::pack::report::{
    AnyPackConflict, FieldChange, Outcome, PackCounts, PackReport, Resolved,
};
use cpweek_core::pack::{PackKind, Side};
use cpweek_core::store::ImportMode;
use cpweek_core::{Error, FieldError, Store};
use serde_json::Value;

use crate::output::{self, shown};

#[derive(Debug, Subcommand)]
pub(crate) enum PackCommand {
    /// Write a council's submission pack (its events, private ones too,
    /// every field, and the ministerial requests it asked for) for the
    /// LGA, or with --reply the LGA's reply to it (its decisions)
    Export {
        /// The council, by DfE code or name
        #[arg(long, value_name = "CODE")]
        council: String,
        /// The file to write (.json); - for standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Write the LGA's reply (its decisions and corrections) instead
        #[arg(long)]
        reply: bool,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
        programme: String,
    },
    /// Import a submission pack (at the LGA) or the LGA's reply (at the
    /// council): created or updated by UID, reported record by record
    Import {
        file: PathBuf,
        /// Report what the import would do; write nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Records changed on both sides since the last exchange, waiting for a choice
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Settle a conflict by keeping the LGA's or the council's version
    Resolve {
        id: i64,
        #[arg(long, value_name = "lga|council")]
        keep: String,
        #[arg(long)]
        json: bool,
    },
}

impl PackCommand {
    /// Whether the command may change the database.
    pub(crate) fn writes(&self) -> bool {
        matches!(
            self,
            PackCommand::Import { .. } | PackCommand::Resolve { .. }
        )
    }
}

pub(crate) fn run(
    store: &mut Store,
    command: PackCommand,
    now: DateTime<Utc>,
    database: &Path,
) -> Result<(), Error> {
    match command {
        PackCommand::Export {
            council,
            output,
            reply,
            force,
            programme,
        } => {
            let kind = if reply {
                PackKind::Reply
            } else {
                PackKind::Submission
            };
            export(
                store, &council, kind, &programme, &output, force, now, database,
            )
        }
        PackCommand::Import {
            file,
            dry_run,
            json,
        } => {
            let bytes = cpweek_core::pack::read::read_file(&file)?;
            let mode = if dry_run {
                ImportMode::DryRun
            } else {
                ImportMode::Write
            };
            let report = store.import_pack(&bytes, mode, now)?;
            if json {
                output::json(&report);
            } else {
                print_report(&report);
            }
            refusals(&report)
        }
        PackCommand::Conflicts { json } => {
            let conflicts = store.all_pack_conflicts()?;
            if json {
                output::json(&conflicts);
            } else {
                print_conflicts(&conflicts);
            }
            Ok(())
        }
        PackCommand::Resolve { id, keep, json } => {
            let keep = Side::parse(&keep).ok_or_else(|| {
                Error::invalid(
                    "keep",
                    format!(
                        "--keep {:?} is not a side; give lga or council",
                        shown(keep.trim())
                    ),
                )
            })?;
            let resolved = store.resolve_any_pack_conflict(id, keep, now)?;
            if json {
                output::json(&resolved);
            } else {
                match &resolved {
                    Resolved::Event(event) => println!(
                        "Conflict {id} resolved: {} version of event {} (\"{}\") kept.",
                        keep.possessive(),
                        event.id,
                        shown(&event.details.title)
                    ),
                    Resolved::Request(request) => println!(
                        "Conflict {id} resolved: {} version of request {} ({} to {}, \"{}\") kept.",
                        keep.possessive(),
                        request.id,
                        shown(&request.person_name),
                        request.role.label(),
                        shown(&request.title)
                    ),
                    Resolved::Practice(entry) => println!(
                        "Conflict {id} resolved: {} version of practice entry {} (\"{}\") kept.",
                        keep.possessive(),
                        entry.id,
                        shown(&entry.details.title)
                    ),
                }
            }
            Ok(())
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn export(
    store: &Store,
    council: &str,
    kind: PackKind,
    programme: &str,
    output: &Path,
    force: bool,
    now: DateTime<Utc>,
    database: &Path,
) -> Result<(), Error> {
    if output == Path::new("-") {
        let file = store.export_pack(council, kind, programme, now)?;
        return output::to_stdout(&file.bytes);
    }
    let target = output::chosen_file(output, Kind::Json, database, force)?;
    let file = store
        .save_pack(council, kind, programme, now, &target)
        .map_err(output::name_force)?;
    eprintln!(
        "Wrote the {} pack ({}) to {}.",
        kind.as_str(),
        file.holds(),
        target.path().display()
    );
    Ok(())
}

/// One record of the import report, of any kind, as the CLI prints it.
struct Line<'a> {
    /// What it is, for people: "record", "request", "practice entry".
    noun: &'static str,
    /// The `error:` line's field when it was refused.
    field_name: &'static str,
    /// Whether its title is printed in quotes (a request's is a phrase).
    quoted: bool,
    outcome: Outcome,
    uid: &'a str,
    title: &'a str,
    field: Option<&'a str>,
    changes: &'a [FieldChange],
    reason: Option<&'a str>,
    notes: &'a [String],
}

/// Builds a [`Line`] from any of the report's item types (they share
/// their field names).
macro_rules! line {
    ($item:expr, $noun:expr, $field_name:expr, $quoted:expr) => {{
        let i = $item;
        Line {
            noun: $noun,
            field_name: $field_name,
            quoted: $quoted,
            outcome: i.outcome,
            uid: &i.uid,
            title: &i.title,
            field: i.field.as_deref(),
            changes: &i.changes,
            reason: i.reason.as_deref(),
            notes: &i.notes,
        }
    }};
}

/// The report's records by kind, in the order they are printed: events,
/// practice entries, ministerial requests; each with its heading (none
/// for events, whose counts open the report) and counts.
fn sections(r: &PackReport) -> [(Option<&'static str>, PackCounts, Vec<Line<'_>>); 3] {
    let events = PackCounts {
        created: r.created,
        changed: r.changed,
        unchanged: r.unchanged,
        refused: r.refused,
        conflicts: r.conflicts,
    };
    [
        (
            None,
            events,
            r.items
                .iter()
                .map(|i| line!(i, "record", "record", true))
                .collect(),
        ),
        (
            Some("Practice entries"),
            r.practice_counts,
            r.practice
                .iter()
                .map(|i| line!(i, "practice entry", "practice", true))
                .collect(),
        ),
        (
            Some("Ministerial requests"),
            r.request_counts,
            r.requests
                .iter()
                .map(|i| line!(i, "request", "request", false))
                .collect(),
        ),
    ]
}

/// A refused record is bad input: after the report, one `error:` line
/// each, and a non-zero exit (the other records were taken).
fn refusals(report: &PackReport) -> Result<(), Error> {
    let errors: Vec<FieldError> = sections(report)
        .iter()
        .flat_map(|(_, _, lines)| lines)
        .filter(|l| l.outcome == Outcome::Refused)
        .map(|l| {
            let title = if l.quoted {
                format!("\"{}\"", l.title)
            } else {
                l.title.to_string()
            };
            FieldError::new(
                l.field_name,
                format!(
                    "{} {} ({title}) refused{}: {}",
                    l.noun,
                    l.uid,
                    l.field.map(|f| format!(" ({f})")).unwrap_or_default(),
                    l.reason.unwrap_or_default()
                ),
            )
        })
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    Err(Error::Invalid(errors))
}

/// "1 created, 2 changed, 3 unchanged, 0 refused, 1 conflict".
fn counts_text(c: &PackCounts) -> String {
    format!(
        "{} created, {} changed, {} unchanged, {} refused, {} {}",
        c.created,
        c.changed,
        c.unchanged,
        c.refused,
        c.conflicts,
        if c.conflicts == 1 {
            "conflict"
        } else {
            "conflicts"
        }
    )
}

fn print_report(r: &PackReport) {
    if r.dry_run {
        println!("Dry run: nothing was written. This is what the import would do.");
    }
    for (heading, counts, lines) in sections(r) {
        match heading {
            None => println!(
                "{} {} for programme {}, made {}: {}.",
                match r.kind {
                    PackKind::Submission => "Submission pack from",
                    PackKind::Reply => "The LGA's reply to",
                },
                r.council,
                shown(&r.programme),
                shown(&r.made_at),
                counts_text(&counts)
            ),
            // A kind the pack does not carry is left out.
            Some(_) if lines.is_empty() => continue,
            Some(heading) => println!("{heading}: {}.", counts_text(&counts)),
        }
        for l in &lines {
            print_line(l);
        }
    }
}

/// One record's line, and its changes, reason and notes below it.
fn print_line(l: &Line) {
    let what = match l.outcome {
        Outcome::Created => "created",
        Outcome::Changed => "changed",
        Outcome::Unchanged => "unchanged",
        Outcome::Refused => "refused",
        Outcome::Conflict => "conflict",
    };
    let title = if l.quoted {
        format!("\"{}\"", shown(l.title))
    } else {
        shown(l.title).into_owned()
    };
    println!("  {what:<9}  {}  {title}", shown(l.uid));
    if l.outcome != Outcome::Conflict {
        for c in l.changes {
            println!("      {}: {} -> {}", c.field, value(&c.old), value(&c.new));
        }
    }
    if let Some(reason) = l.reason {
        println!("      {}", shown(reason));
    }
    for n in l.notes {
        println!("      note: {}", shown(n));
    }
}

fn print_conflicts(conflicts: &[AnyPackConflict]) {
    if conflicts.is_empty() {
        println!("No conflicts wait for a choice.");
        return;
    }
    for c in conflicts {
        let (what, title) = match c {
            AnyPackConflict::Event(c) => (
                format!("event {}", c.event_id),
                format!("\"{}\"", shown(&c.title)),
            ),
            AnyPackConflict::Request(c) => (
                format!("request {}", c.request_id),
                shown(&c.title).into_owned(),
            ),
            AnyPackConflict::Practice(c) => (
                format!("practice entry {}", c.entry_id),
                format!("\"{}\"", shown(&c.title)),
            ),
        };
        let (uid, from, opened_at, fields) = match c {
            AnyPackConflict::Event(c) => (&c.uid, c.from, &c.opened_at, &c.fields),
            AnyPackConflict::Request(c) => (&c.uid, c.from, &c.opened_at, &c.fields),
            AnyPackConflict::Practice(c) => (&c.uid, c.from, &c.opened_at, &c.fields),
        };
        println!(
            "Conflict {}: {what} {title} ({}), from {} pack at {}:",
            c.id(),
            shown(uid),
            from.possessive(),
            shown(opened_at)
        );
        print_fields(from, fields);
        println!(
            "  Keep one: cpweek pack resolve {} --keep lga|council",
            c.id()
        );
    }
}

fn print_fields(from: Side, fields: &[FieldChange]) {
    let (here, there) = match from {
        Side::Council => ("LGA (here)", "council"),
        Side::Lga => ("council (here)", "LGA"),
    };
    for f in fields {
        println!("    {}:", f.field);
        println!("      {here:<15} {}", value(&f.old));
        println!("      {there:<15} {}", value(&f.new));
    }
}

/// A field's value for people: text quoted, lists joined, null as "(none)",
/// every hidden character escaped.
fn value(v: &Value) -> String {
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) => format!("\"{}\"", shown(s)),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(value).collect();
            format!("[{}]", parts.join(", "))
        }
        // A person: their name and title (and seed key, when seeded).
        Value::Object(map) if map.contains_key("title") => {
            let text = |k: &str| map.get(k).and_then(Value::as_str).unwrap_or_default();
            let key = map
                .get("key")
                .and_then(Value::as_str)
                .map(|k| format!(" [{}]", shown(k)))
                .unwrap_or_default();
            format!("\"{}\", {}{key}", shown(text("name")), shown(text("title")))
        }
        // An outcome, a contact, a consent check: each member named.
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}: {}", value(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        other => shown(&other.to_string()).into_owned(),
    }
}
