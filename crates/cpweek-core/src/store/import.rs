//! Importing a calendar into one council's events, in one transaction.
//!
//! Events are matched by UID. A known event is updated only when the file's
//! copy is newer (a higher SEQUENCE or a later LAST-MODIFIED than last seen)
//! and differs in what a calendar carries; fields a calendar does not carry
//! (audiences, contact, capacity) are kept. An RRULE is expanded into its
//! occurrences within the programmes' weeks, each stored as an event with
//! the UID `<series UID>/<original start>` and linked to the series. Every
//! event passes the same rules as the event form ([`crate::event::validate`]).
//!
//! An event with a fault of its own (one the reader found, a rule of the
//! form it breaks, a UID that is not this council's, a rule that cannot be
//! expanded) is listed with its line and why, every one of them. The import
//! goes on without them only when the person said so
//! ([`FaultyEvents::LeaveOut`]); otherwise nothing is written and the error
//! lists them all.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{events, Store};
use crate::catalogue::Catalogue;
use crate::error::{Error, FieldError, Result};
use crate::event::{self, Event, EventForm, Status, Visibility};
use crate::ics::read::{Calendar, Incoming, Span};
use crate::ics::write;
use crate::programme::find_term;
use crate::time;

/// At most this many occurrences are reckoned from all of a file's rules
/// together (each rule makes at most [`crate::ics::recur::MOST`]): 50 MB of
/// rules could otherwise make a thousand million.
pub const MOST_OCCURRENCES: usize = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Work everything out and report it; write nothing.
    DryRun,
    Write,
}

/// What to do when some events in the file are faulty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FaultyEvents {
    /// Import nothing; the error lists every faulty event.
    Refuse,
    /// Import the other events; the report lists the faulty ones.
    LeaveOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Created,
    Updated,
    Unchanged,
}

/// One event the import created, updated or left as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportItem {
    pub action: Action,
    pub line: usize,
    pub uid: String,
    pub title: String,
    pub when: String,
    /// The series UID, for an occurrence of a recurring event.
    pub series: Option<String>,
    pub warnings: Vec<String>,
}

/// An event the import left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Skipped {
    /// The event's BEGIN:VEVENT line.
    pub line: usize,
    pub uid: Option<String>,
    pub title: Option<String>,
    /// Why; it starts with the line at fault when that is not the event's
    /// first.
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    /// `line 12: "Title" (UID abc): why`, as the CLI lists it, on one line:
    /// the title and UID from the file are quoted as every message quotes
    /// user text ([`crate::text::quoted`]: a hidden character such as a
    /// line break in a title escaped, so it cannot start a line of its own,
    /// and a long one cut short).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::text::{quoted, shown};
        write!(f, "line {}: ", self.line)?;
        match &self.title {
            Some(t) => write!(f, "\"{}\"", quoted(t))?,
            None => f.write_str("(no title)")?,
        }
        if let Some(u) = &self.uid {
            write!(f, " (UID {})", quoted(u))?;
        }
        write!(f, ": {}", shown(&self.reason))
    }
}

/// A recurring event and what became of its occurrences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SeriesReport {
    pub line: usize,
    pub uid: String,
    pub title: Option<String>,
    pub rule: String,
    /// Occurrences within a programme's week, imported as events.
    pub occurrences: usize,
    /// Occurrences outside every programme's week, not imported (counted
    /// up to the end of the last programme: a rule may never end).
    pub outside: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub council: String,
    pub dry_run: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Events with a fault of their own, in file order: not imported.
    pub faulty: Vec<Skipped>,
    /// Events left out without a fault of their own: the stored copy is
    /// newer, or cancelled.
    pub skipped: Vec<Skipped>,
    pub series: Vec<SeriesReport>,
    pub items: Vec<ImportItem>,
}

/// One event to match against the store.
struct Candidate<'a> {
    uid: String,
    source: &'a Incoming,
    span: Span,
    series: Option<usize>,
}

impl Store {
    /// Imports `calendar`'s events as `council`'s. The whole import is one
    /// transaction; with [`ImportMode::DryRun`] it is rolled back. When some
    /// events are faulty, `faulty` says whether to import the others or
    /// nothing (an error listing every faulty event, dry run or not).
    pub fn import_ics(
        &mut self,
        council: &str,
        calendar: &Calendar,
        mode: ImportMode,
        faulty: FaultyEvents,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        let full = self.catalogue()?;
        let council = full
            .council(council)
            .map_err(|m| Error::invalid("council", m))?
            .clone();
        // Every event is this council's: validation only needs it, and the
        // partners its joint events already have (a calendar does not carry
        // them, so an update keeps them).
        let partners = super::events::partners_of(&self.conn, &council.code)?;
        let catalogue = Catalogue {
            councils: full
                .councils
                .iter()
                .filter(|c| c.code == council.code || partners.contains(&c.code))
                .cloned()
                .collect(),
            ..full
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let report = run(&tx, &catalogue, &council.code, calendar, now, mode)?;
        if faulty == FaultyEvents::Refuse && !report.faulty.is_empty() {
            tx.rollback()?;
            return Err(refusal(&report));
        }
        super::history::record_import(&tx, &report.items, now)?;
        match mode {
            ImportMode::Write => tx.commit()?,
            ImportMode::DryRun => tx.rollback()?,
        }
        Ok(ImportReport {
            council: council.label(),
            ..report
        })
    }
}

/// The error that refuses an import with faulty events: one entry for each
/// (field `event`), then what would be imported without them (field
/// `file`).
fn refusal(report: &ImportReport) -> Error {
    let mut errors: Vec<FieldError> = report
        .faulty
        .iter()
        .map(|s| FieldError::new("event", s.to_string()))
        .collect();
    let n = report.faulty.len();
    let others = report.created + report.updated;
    let faulty = if n == 1 {
        "1 event in the file is faulty".to_string()
    } else {
        format!("{n} events in the file are faulty")
    };
    let rest = match others {
        0 => "no other event would change".to_string(),
        1 => "the other 1 event can be imported without them".to_string(),
        _ => format!("the other {others} events can be imported without them"),
    };
    errors.push(FieldError::new(
        "file",
        format!("nothing was imported: {faulty}; {rest}"),
    ));
    Error::Invalid(errors)
}

fn run(
    tx: &Transaction,
    catalogue: &Catalogue,
    council: &str,
    calendar: &Calendar,
    now: DateTime<Utc>,
    mode: ImportMode,
) -> Result<ImportReport> {
    let mut report = ImportReport {
        council: council.to_string(),
        dry_run: mode == ImportMode::DryRun,
        created: 0,
        updated: 0,
        unchanged: 0,
        faulty: calendar
            .faults
            .iter()
            .map(|f| Skipped {
                line: f.line,
                uid: f.uid.clone(),
                title: f.summary.clone(),
                reason: f.reason.clone(),
            })
            .collect(),
        skipped: Vec::new(),
        series: Vec::new(),
        items: Vec::new(),
    };
    let fault = |report: &mut ImportReport, e: &Incoming, uid: Option<String>, reason: String| {
        report.faulty.push(Skipped {
            line: e.line,
            uid: uid.or_else(|| e.uid.clone()),
            title: e.summary.clone(),
            reason,
        })
    };
    // Replaced occurrences (RECURRENCE-ID), by series UID and key.
    let mut overrides: HashMap<(&str, &str), &Incoming> = HashMap::new();
    for e in &calendar.events {
        if let (Some(uid), Some(rid)) = (&e.uid, &e.recurrence_id) {
            overrides.insert((uid.as_str(), rid.as_str()), e);
        }
    }
    let masters: HashSet<&str> = calendar
        .events
        .iter()
        .filter(|e| e.recurrence_id.is_none() && e.recurrence.is_some())
        .filter_map(|e| e.uid.as_deref())
        .collect();
    let horizon = catalogue
        .programmes
        .iter()
        .map(|p| p.ends_on)
        .max()
        .and_then(|last| last.succ_opt())
        .unwrap_or(NaiveDate::MAX);
    let in_a_week = |span: &Span| {
        let first = match span {
            Span::AllDay { start, .. } => *start,
            Span::Timed { start, .. } => start.with_timezone(&time::LONDON).date_naive(),
        };
        catalogue.programmes.iter().any(|p| p.contains(first))
    };

    let mut candidates = Vec::new();
    let mut series_uids = Vec::new();
    // Occurrences reckoned so far, in all the file's rules.
    let mut made = 0;
    for e in &calendar.events {
        let Some(uid) = &e.uid else {
            fault(
                &mut report,
                e,
                None,
                "the event has no UID, so a later import could not match it".into(),
            );
            continue;
        };
        if let Err(bad) = crate::text::UID.required(uid) {
            fault(&mut report, e, Some(crate::text::quoted(uid)), bad.message);
            continue;
        }
        if let Some(rid) = &e.recurrence_id {
            if !masters.contains(uid.as_str()) {
                // A changed occurrence without its series: import it alone.
                if let Some(span) = e.span {
                    candidates.push(Candidate {
                        uid: format!("{uid}/{rid}"),
                        source: e,
                        span,
                        series: None,
                    });
                } else {
                    fault(&mut report, e, None, "the event has no DTSTART".into());
                }
            }
            continue;
        }
        let Some(span) = e.span else {
            fault(&mut report, e, None, "the event has no DTSTART".into());
            continue;
        };
        let Some(recurrence) = &e.recurrence else {
            candidates.push(Candidate {
                uid: uid.clone(),
                source: e,
                span,
                series: None,
            });
            continue;
        };
        let expanded = recurrence.occurrences(horizon);
        made += expanded.as_ref().map_or(0, Vec::len);
        if made > MOST_OCCURRENCES {
            return Err(Error::invalid(
                "file",
                format!(
                    "the calendar's recurring events make more than {MOST_OCCURRENCES} occurrences up to the end of the last programme (the rule on line {} passed it); split the file, or end the rules sooner",
                    recurrence.line
                ),
            ));
        }
        match expanded {
            Err(why) => fault(
                &mut report,
                e,
                None,
                format!(
                    "line {}: RRULE:{} cannot be expanded ({why}); the series was not imported",
                    recurrence.line, recurrence.rule
                ),
            ),
            Ok(occurrences) => {
                let index = report.series.len();
                let mut within = 0;
                let mut outside = 0;
                for (key, span) in occurrences {
                    let (source, span) = match overrides.get(&(uid.as_str(), key.as_str())) {
                        Some(o) => match o.span {
                            Some(s) => (*o, s),
                            None => (e, span),
                        },
                        None => (e, span),
                    };
                    if in_a_week(&span) {
                        within += 1;
                        candidates.push(Candidate {
                            uid: format!("{uid}/{key}"),
                            source,
                            span,
                            series: Some(index),
                        });
                    } else {
                        outside += 1;
                    }
                }
                series_uids.push(None);
                report.series.push(SeriesReport {
                    line: e.line,
                    uid: uid.clone(),
                    title: e.summary.clone(),
                    rule: recurrence.rule.clone(),
                    occurrences: within,
                    outside,
                });
            }
        }
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in candidates {
        if let Some(first) = seen.get(&c.uid) {
            fault(
                &mut report,
                c.source,
                Some(c.uid.clone()),
                format!(
                    "UID {} is repeated; the event on line {first} was imported",
                    c.uid
                ),
            );
            continue;
        }
        seen.insert(c.uid.clone(), c.source.line);
        let series_id = match c.series {
            None => None,
            Some(i) => Some(match series_uids[i] {
                Some(id) => id,
                None => {
                    let id = save_series(tx, council, &report.series[i], now)?;
                    series_uids[i] = Some(id);
                    id
                }
            }),
        };
        let series_uid = c.series.map(|i| report.series[i].uid.clone());
        match one(tx, catalogue, council, &c, series_id, now)? {
            Outcome::Fault(reason) => fault(&mut report, c.source, Some(c.uid.clone()), reason),
            Outcome::Kept(reason) => report.skipped.push(Skipped {
                line: c.source.line,
                uid: Some(c.uid.clone()),
                title: c.source.summary.clone(),
                reason,
            }),
            Outcome::Done(action, event, warnings) => {
                match action {
                    Action::Created => report.created += 1,
                    Action::Updated => report.updated += 1,
                    Action::Unchanged => report.unchanged += 1,
                }
                report.items.push(ImportItem {
                    action,
                    line: c.source.line,
                    uid: c.uid,
                    title: event.title,
                    when: time::format_span(
                        event.start.with_timezone(&time::LONDON).naive_local(),
                        event.end.with_timezone(&time::LONDON).naive_local(),
                        event.all_day,
                    ),
                    series: series_uid,
                    warnings,
                });
            }
        }
    }
    report.faulty.sort_by_key(|s| s.line);
    Ok(report)
}

fn save_series(
    tx: &Transaction,
    council: &str,
    s: &SeriesReport,
    now: DateTime<Utc>,
) -> Result<i64> {
    let now = time::to_store(now);
    tx.prepare_cached(
        "INSERT INTO event_series (uid, council_code, title, rrule, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (uid) DO UPDATE SET title = excluded.title, rrule = excluded.rrule,
             updated_at = CASE WHEN title IS excluded.title AND rrule IS excluded.rrule
                               THEN updated_at ELSE excluded.updated_at END",
    )?
    .execute(params![
        s.uid,
        council,
        s.title.clone().unwrap_or_default(),
        s.rule,
        now
    ])?;
    Ok(tx.query_row(
        "SELECT id FROM event_series WHERE uid = ?1",
        [&s.uid],
        |r| r.get(0),
    )?)
}

enum Outcome {
    /// The event's own fault.
    Fault(String),
    /// Left out, but not faulty: the stored copy is kept.
    Kept(String),
    Done(Action, Summary, Vec<String>),
}

/// What the report needs of a saved event.
struct Summary {
    title: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    all_day: bool,
}

fn one(
    tx: &Transaction,
    catalogue: &Catalogue,
    council: &str,
    c: &Candidate,
    series_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let e = c.source;
    let known: Option<(i64, Option<u32>, Option<String>)> = tx
        .prepare_cached("SELECT id, source_sequence, source_modified FROM events WHERE uid = ?1")?
        .query_row([&c.uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let existing = match &known {
        Some((id, _, _)) => Some(events::get(tx, &catalogue.programmes, *id)?),
        None => None,
    };
    if let Some(old) = &existing {
        if old.council != council {
            return Ok(Outcome::Fault(format!(
                "UID {} is event {} of {} ({}), not this council's",
                c.uid, old.id, old.council_name, old.council
            )));
        }
    }
    let form = form_for(catalogue, council, c, existing.as_ref());
    let checked = match event::validate(&form, catalogue) {
        Ok(checked) => checked,
        Err(fields) => {
            return Ok(Outcome::Fault(
                fields
                    .iter()
                    .map(|f| f.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ))
        }
    };
    let cancelled = e.status.as_deref() == Some("CANCELLED");
    let source_modified = e.last_modified.map(time::to_store);
    let summary = Summary {
        title: checked.content.details.title.clone(),
        start: checked.content.start,
        end: checked.content.end,
        all_day: checked.content.all_day,
    };
    let Some(old) = existing else {
        let status = if cancelled {
            Status::Cancelled
        } else {
            Status::Submitted
        };
        let source = events::Source {
            sequence: e.sequence,
            modified: source_modified,
            series_id,
            status_note: cancelled.then_some("cancelled in the imported calendar"),
        };
        events::insert_imported(tx, &c.uid, &checked.content, status, &source, now)?;
        return Ok(Outcome::Done(Action::Created, summary, checked.warnings));
    };
    let (_, source_sequence, stored_modified) = known.expect("known when existing");
    let status = if cancelled {
        Status::Cancelled
    } else {
        old.status
    };
    if old.content() == checked.content && status == old.status {
        return Ok(Outcome::Done(Action::Unchanged, summary, Vec::new()));
    }
    let seen_sequence = source_sequence.unwrap_or(old.sequence);
    let seen_modified = match stored_modified {
        Some(t) => time::from_store(&t).ok(),
        None => Some(old.updated_at),
    };
    let newer = e.sequence > seen_sequence
        || matches!((e.last_modified, seen_modified), (Some(new), Some(seen)) if new > seen);
    if !newer {
        return Ok(Outcome::Kept(format!(
            "the file's copy differs but is not newer (SEQUENCE {}, stored {}{}); the stored event was kept",
            e.sequence,
            seen_sequence,
            e.last_modified.map(|t| format!(", LAST-MODIFIED {}", time::to_store(t))).unwrap_or_default()
        )));
    }
    if old.status == Status::Cancelled {
        return Ok(Outcome::Kept(
            "the event is cancelled here; a cancelled event cannot change".into(),
        ));
    }
    let status = if cancelled {
        Status::Cancelled
    } else {
        event::status_after_edit(old.status).map_err(Error::Conflict)?
    };
    let sequence = (old.sequence + 1).max(e.sequence);
    events::update(tx, old.id, &checked.content, status, sequence, now)?;
    tx.prepare_cached("UPDATE events SET source_sequence = ?2, source_modified = ?3, series_id = coalesce(?4, series_id),
             status_note = CASE WHEN ?5 THEN 'cancelled in the imported calendar' ELSE status_note END
         WHERE id = ?1")?.execute(
        params![old.id, e.sequence, source_modified, series_id, cancelled],
    )?;
    Ok(Outcome::Done(Action::Updated, summary, checked.warnings))
}

/// The event form for an incoming event: the stored event's form (so that
/// fields a calendar does not carry are kept) with what the file says laid
/// over it.
fn form_for(
    catalogue: &Catalogue,
    council: &str,
    c: &Candidate,
    existing: Option<&Event>,
) -> EventForm {
    let e = c.source;
    let mut form = existing.map(Event::to_form).unwrap_or_default();
    let (start, end, all_day) = match c.span {
        Span::AllDay { start, end } => {
            let last = (end - Duration::days(1)).max(start);
            (start.to_string(), last.to_string(), true)
        }
        Span::Timed { start, end } => (start.to_rfc3339(), end.to_rfc3339(), false),
    };
    let first_date = match c.span {
        Span::AllDay { start, .. } => start,
        Span::Timed { start, .. } => start.with_timezone(&time::LONDON).date_naive(),
    };
    form.programme = catalogue
        .programmes
        .iter()
        .find(|p| p.contains(first_date))
        .or_else(|| {
            existing.and_then(|old| catalogue.programmes.iter().find(|p| p.id == old.programme))
        })
        .or_else(|| {
            catalogue
                .programmes
                .iter()
                .find(|p| p.starts_on.year() == first_date.year())
        })
        .map(|p| p.id.clone())
        .unwrap_or_default();
    form.council = council.to_string();
    form.title = e.summary.clone().unwrap_or_default();
    form.description = e.description.clone().unwrap_or_default();
    // Our own feed closes a joint event's description with its partners
    // (`ics::write`); reading it back, that sentence is not the council's
    // description, so a round trip changes nothing.
    if let Some(joint) =
        existing.and_then(|old| crate::event::joint_with(&old.partner_council_names))
    {
        if let Some(own) = form.description.strip_suffix(&joint) {
            form.description = own.trim_end_matches('\n').to_string();
        }
    }
    form.start = start;
    form.end = end;
    form.all_day = all_day;
    // The venue is one line: a LOCATION's lines are joined with ", ".
    let location = e.location.as_deref().map(crate::text::joined_lines);
    let same_place = existing
        .is_some_and(|old| write::location(old).map(|l| crate::text::joined_lines(&l)) == location);
    if !same_place {
        form.venue = location.unwrap_or_default();
        form.address.clear();
        form.postcode.clear();
    }
    form.booking_url = e.url.clone().unwrap_or_default();
    let themes: Vec<String> = e
        .categories
        .iter()
        .filter_map(|c| find_term(&catalogue.themes, c))
        .map(|t| t.slug.clone())
        .collect();
    if !themes.is_empty() || existing.is_none() {
        form.themes = themes;
    }
    // Never made public by an import: a private event stays private.
    form.private =
        e.private || existing.is_some_and(|old| old.details.visibility == Visibility::Private);
    form
}

#[cfg(test)]
#[path = "hostile_tests.rs"]
mod hostile_tests;
