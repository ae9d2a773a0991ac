//! Packs in and out of the store (the format is [`crate::pack`];
//! `docs/pack-format.md` describes it).
//!
//! Export gathers one council's events of one programme (private ones too,
//! every field) into a pack; a reply is the LGA's. Import reads a pack
//! whole (refused whole when it is not a pack, of a newer or unknown format
//! version, damaged, or for a programme or council this database does not
//! hold), then takes each record in one transaction (a dry run is the same
//! transaction rolled back), and reports each: created, changed (which
//! fields, old and new), unchanged, refused (why), or a conflict.
//!
//! The rules:
//! - A pack speaks for its own council only: a record of another council,
//!   or a UID that is another council's event here, is refused.
//! - Every record passes [`crate::event::validate`], as `event add` does.
//! - A submission never sets what the LGA decides: approved, returned, the
//!   LGA's note and "was approved" are never taken from it; a council may
//!   cancel (with its reason), and a changed record of a returned event is
//!   resubmitted, as an edit is. A reply's statuses are taken, and only by
//!   its own council ([`crate::permission::check_pack`]).
//! - Content changed on both sides since the last exchange is a conflict:
//!   both versions are kept (the pack's in `pack_conflicts`), nothing is
//!   overwritten until a person chooses ([`Store::resolve_pack_conflict`]).
//!   "Since the last exchange" is told by content digests
//!   ([`crate::pack::content_digest`]): `pack_exchanges` keeps, per UID
//!   and side, the digest this database last took from that side's pack,
//!   and each record carries the digest its maker last took from ours
//!   (`seen`).

use super::pack_exchange::{exchanged, set_exchanged, RecordKind};
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{attendance, events, history, settings, ImportMode, Store};
use crate::catalogue::Catalogue;
use crate::council::Council;
use crate::error::{Error, Result};
use crate::event::{self, Event, EventContent, Status};
use crate::pack::report::{FieldChange, Outcome, PackItem, PackReport};
pub use crate::pack::rules::MOST_SEQUENCE;
use crate::pack::rules::{self, claimed, decide_status, note_fits, Decided, Exchange};
use crate::pack::{self, content_digest, EventRecord, Pack, PackCouncil, PackKind};
use crate::permission::{self, Actor, PackAction};
use crate::store::HistoryAction;
use crate::time;

/// A pack made for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    pub bytes: Vec<u8>,
    /// How many events it holds.
    pub events: usize,
    /// How many ministerial requests it holds.
    pub requests: usize,
    /// How many practice entries it holds.
    pub practice: usize,
    /// The file name to suggest: `cpweek-submission-886-2014.json`.
    pub suggested_name: String,
}

impl PackFile {
    /// What it holds, for people: "12 events and 3 ministerial requests"
    /// (and its good-practice entries, when it holds any).
    pub fn holds(&self) -> String {
        pack::shown::holds(self.events, self.requests, self.practice)
    }
}

impl Store {
    /// The pack of `kind` for `council` (code or name) in `programme`
    /// (empty: the current one), made at `now`: every one of the council's
    /// events (it leads them), private ones too, with every field. A reply
    /// is the LGA's to write ([`permission::check_pack`]).
    pub fn export_pack(
        &self,
        council: &str,
        kind: PackKind,
        programme: &str,
        now: DateTime<Utc>,
    ) -> Result<PackFile> {
        let catalogue = self.catalogue()?;
        let council = catalogue
            .council(council)
            .map_err(|m| Error::invalid("council", m))?
            .clone();
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        if kind == PackKind::Reply {
            let s = settings::read(&self.conn)?;
            permission::check_pack(
                s.role,
                s.my_council.as_deref(),
                PackAction::ExportReply,
                &council.code,
            )?;
        }
        let w = events::Where {
            programme_id: Some(programme.id.clone()),
            council_code: Some(council.code.clone()),
            ..Default::default()
        };
        // The council's own events: those it leads (a joint event travels in
        // its lead council's pack only).
        let list: Vec<Event> = events::list(&self.conn, &catalogue.programmes, &w)?
            .into_iter()
            .filter(|e| e.council == council.code)
            .collect();
        // What this side last took from the other side's packs.
        let other = kind.from_side().other();
        let records = list
            .iter()
            .map(|e| {
                Ok(EventRecord::of(
                    e,
                    exchanged(&self.conn, RecordKind::Event, &e.uid, other)?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let events = records.len();
        let head = PackCouncil {
            code: council.code.clone(),
            name: council.display_name.clone(),
        };
        let mut made = pack::new_pack(kind, &programme.id, head, now, records);
        made.requests = super::pack_requests::records(
            &self.conn,
            &catalogue.programmes,
            &programme.id,
            &council.code,
            other,
        )?;
        let requests = made.requests.len();
        made.practice =
            super::pack_practice::records(&self.conn, &programme.id, &council.code, kind)?;
        let practice = made.practice.len();
        let bytes = pack::write(made);
        Ok(PackFile {
            bytes,
            events,
            requests,
            practice,
            suggested_name: format!(
                "cpweek-{}-{}-{}.json",
                kind.as_str(),
                council.code,
                programme.id
            ),
        })
    }

    /// Writes [`Store::export_pack`]'s pack to the chosen file, whole or
    /// not at all; gives how many events it holds.
    pub fn save_pack(
        &self,
        council: &str,
        kind: PackKind,
        programme: &str,
        now: DateTime<Utc>,
        to: &crate::file::Target,
    ) -> Result<PackFile> {
        let file = self.export_pack(council, kind, programme, now)?;
        crate::file::write_whole(to, &file.bytes)?;
        Ok(file)
    }

    /// Imports a pack (its file's bytes): one transaction, rolled back for
    /// [`ImportMode::DryRun`], which reports the same.
    pub fn import_pack(
        &mut self,
        bytes: &[u8],
        mode: ImportMode,
        now: DateTime<Utc>,
    ) -> Result<PackReport> {
        let pack = pack::read::read(bytes)?;
        let catalogue = self.catalogue()?;
        if !catalogue.programmes.iter().any(|p| p.id == pack.programme) {
            let held: Vec<&str> = catalogue.programmes.iter().map(|p| p.id.as_str()).collect();
            return Err(Error::invalid(
                "programme",
                format!(
                    "the pack is for programme {}, which this database does not hold (it holds {}); nothing was imported",
                    crate::text::quoted(&pack.programme),
                    held.join(", ")
                ),
            ));
        }
        let Some(council) = catalogue
            .councils
            .iter()
            .find(|c| c.code == pack.council.code)
            .cloned()
        else {
            return Err(Error::invalid(
                "council",
                format!(
                    "the pack is for council {}, which is not in this database's list of councils; nothing was imported",
                    crate::text::quoted(&pack.council.code)
                ),
            ));
        };
        // Every record taken is this council's (others are refused first):
        // validation only needs it and the partner councils the records
        // name, and need not search all 152.
        let named: std::collections::HashSet<&str> = pack
            .events
            .iter()
            .flat_map(|r| r.partner_councils.iter().map(String::as_str))
            .chain(
                pack.practice
                    .iter()
                    .flat_map(|r| r.partner_councils.iter().map(String::as_str)),
            )
            .collect();
        let catalogue = Catalogue {
            councils: catalogue
                .councils
                .iter()
                .filter(|c| c.code == council.code || named.contains(c.code.as_str()))
                .cloned()
                .collect(),
            ..catalogue
        };
        let path = self.path.clone();
        // Each record runs some twenty statements: keep them all prepared.
        self.conn.set_prepared_statement_cache_capacity(64);
        let run = |conn: &mut Connection| -> Result<PackReport> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let report = import(&tx, &catalogue, &pack, &council, mode, now)?;
            match mode {
                ImportMode::Write => tx.commit()?,
                ImportMode::DryRun => tx.rollback()?,
            }
            Ok(report)
        };
        run(&mut self.conn).map_err(|e| e.in_database(&path))
    }
}

fn import(
    tx: &Transaction,
    catalogue: &Catalogue,
    pack: &Pack,
    council: &Council,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<PackReport> {
    let s = settings::read(tx)?;
    let action = match pack.kind {
        PackKind::Submission => PackAction::ImportSubmission,
        PackKind::Reply => PackAction::ImportReply,
    };
    permission::check_pack(s.role, s.my_council.as_deref(), action, &council.code)?;
    let person = s.person();
    let mut report = PackReport {
        kind: pack.kind,
        council: council.label(),
        programme: pack.programme.clone(),
        made_at: pack.made_at.clone(),
        dry_run: mode == ImportMode::DryRun,
        created: 0,
        changed: 0,
        unchanged: 0,
        refused: 0,
        conflicts: 0,
        items: Vec::with_capacity(pack.events.len()),
        requests: Vec::with_capacity(pack.requests.len()),
        request_counts: Default::default(),
        practice: Vec::with_capacity(pack.practice.len()),
        practice_counts: Default::default(),
    };
    let mut seen = HashSet::new();
    // The council's events in the programme, read at once (most records
    // are one of them); any other UID is looked up alone.
    let w = events::Where {
        programme_id: Some(pack.programme.clone()),
        council_code: Some(council.code.clone()),
        ..Default::default()
    };
    let mut held: HashMap<String, Event> = events::list(tx, &catalogue.programmes, &w)?
        .into_iter()
        .map(|e| (e.uid.clone(), e))
        .collect();
    for record in &pack.events {
        let item = one(
            tx, catalogue, pack, council, &person, record, &mut seen, &mut held, now,
        )?;
        match item.outcome {
            Outcome::Created => report.created += 1,
            Outcome::Changed => report.changed += 1,
            Outcome::Unchanged => report.unchanged += 1,
            Outcome::Refused => report.refused += 1,
            Outcome::Conflict => report.conflicts += 1,
        }
        report.items.push(item);
    }
    // The requests after the events: a request for an event the same pack
    // creates or moves finds it as it now is.
    super::pack_requests::import(
        tx,
        catalogue,
        pack,
        council,
        &person,
        &mut report.requests,
        &mut report.request_counts,
        now,
    )?;
    // The practice entries last: they link the events by UID.
    super::pack_practice::import(
        tx,
        catalogue,
        pack,
        council,
        &person,
        &mut report.practice,
        &mut report.practice_counts,
        now,
    )?;
    Ok(report)
}

/// A refused record's item.
fn refused(mut item: PackItem, field: &str, reason: String) -> PackItem {
    item.outcome = Outcome::Refused;
    item.field = Some(field.to_string());
    item.reason = Some(reason);
    item
}

#[allow(clippy::too_many_arguments)]
fn one(
    tx: &Transaction,
    catalogue: &Catalogue,
    pack: &Pack,
    council: &Council,
    person: &Actor,
    record: &EventRecord,
    seen: &mut HashSet<String>,
    held: &mut HashMap<String, Event>,
    now: DateTime<Utc>,
) -> Result<PackItem> {
    let item = PackItem {
        uid: record.uid.clone(),
        title: record.title.clone(),
        outcome: Outcome::Unchanged,
        event_id: None,
        changes: Vec::new(),
        reason: None,
        field: None,
        conflict: None,
        notes: Vec::new(),
    };

    if !seen.insert(record.uid.clone()) {
        return Ok(refused(
            item,
            "uid",
            format!(
                "UID {} is repeated in the pack; its first record was taken",
                crate::text::quoted(&record.uid)
            ),
        ));
    }
    if record.council != council.code {
        return Ok(refused(
            item,
            "council",
            format!(
                "the record is for council {}, but this is {}'s pack: a pack speaks only for its own council's events",
                crate::text::quoted(&record.council),
                council.label()
            ),
        ));
    }
    if record.programme != pack.programme {
        return Ok(refused(
            item,
            "programme",
            format!(
                "the record is for programme {}, but the pack is for {}",
                crate::text::quoted(&record.programme),
                crate::text::quoted(&pack.programme)
            ),
        ));
    }
    if let Err(e) = crate::text::UID.required(&record.uid) {
        return Ok(refused(item, "uid", e.message));
    }
    let old = match held.remove(&record.uid) {
        Some(e) => Some(e),
        None => {
            let existing: Option<i64> = tx
                .prepare_cached("SELECT id FROM events WHERE uid = ?1")?
                .query_row([&record.uid], |r| r.get(0))
                .optional()?;
            match existing {
                Some(id) => Some(events::get(tx, &catalogue.programmes, id)?),
                None => None,
            }
        }
    };
    let mut item = item;
    if let Some(old) = &old {
        item.event_id = Some(old.id);
        if old.council != council.code {
            return Ok(refused(
                item,
                "uid",
                format!(
                    "UID {} is event {} of {} ({}) here, not {}'s",
                    crate::text::quoted(&record.uid),
                    old.id,
                    old.council_name,
                    old.council,
                    council.display_name
                ),
            ));
        }
    }
    let checked = match event::validate(&record.to_form(), catalogue) {
        Ok(c) => c,
        Err(fields) => {
            let field = fields.first().map_or("event", |f| f.field);
            let why = fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join("; ");
            return Ok(refused(item, field, why));
        }
    };
    for (field, stamp) in [
        ("created_at", &record.created_at),
        ("updated_at", &record.updated_at),
    ] {
        if time::from_store(stamp).is_err() {
            return Ok(refused(
                item,
                field,
                format!(
                    "{field} {:?} is not a UTC time like 2014-09-02T09:00:00Z",
                    crate::text::quoted(stamp)
                ),
            ));
        }
    }
    if record.sequence > MOST_SEQUENCE {
        return Ok(refused(
            item,
            "sequence",
            format!(
                "sequence {} is more than an event's SEQUENCE can be (at most {MOST_SEQUENCE}, so that it can still rise)",
                record.sequence
            ),
        ));
    }
    if let Err((field, why)) = note_fits(record) {
        return Ok(refused(item, field, why));
    }
    let incoming = content_digest(&checked.content);
    let from = pack.kind.from_side();
    let Some(old) = old else {
        return create(
            tx,
            pack.kind,
            person,
            record,
            &checked.content,
            &incoming,
            item,
            now,
        );
    };

    let here = content_digest(&old.content());
    let base = exchanged(tx, RecordKind::Event, &record.uid, from)?;
    let waiting: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM pack_conflicts
             WHERE uid = ?1 AND resolved_at IS NULL AND digest = ?2 AND request_id IS NULL AND practice_id IS NULL",
        )?
        .query_row(params![record.uid, incoming], |r| r.get(0))
        .optional()?;
    if let Some(id) = waiting {
        item.outcome = Outcome::Conflict;
        item.conflict = Some(id);
        item.notes.push(format!(
            "this version already waits for a choice: `cpweek pack resolve {id} --keep lga|council`"
        ));
        return Ok(item);
    }
    let take = match rules::compare(&here, &incoming, record.seen.as_deref(), base.as_deref()) {
        Exchange::Same => false,
        Exchange::Take => true,
        Exchange::KeepOurs => {
            item.notes.push(format!(
                "this database's version is newer than the pack's ({} version was taken here before); it goes back in the next pack",
                from.possessive()
            ));
            false
        }
        Exchange::Conflict => {
            return super::pack_conflicts::open_conflict(
                tx, &old, record, from, &incoming, item, now,
            )
        }
    };
    let decided = match decide_status(pack.kind, &old, record, take) {
        Ok(d) => d,
        Err(why) => return Ok(refused(item, "status", why)),
    };
    if let Some(note) = &decided.not_taken {
        item.notes.push(note.clone());
    }
    if incoming == here || take {
        set_exchanged(tx, RecordKind::Event, &record.uid, from, &incoming, now)?;
    }
    if !take && !decided.changes(&old) {
        return Ok(item);
    }
    let action = if take {
        HistoryAction::UpdatedByPack
    } else if pack.kind == PackKind::Submission {
        HistoryAction::CancelledByPack
    } else {
        HistoryAction::DecidedByPack
    };
    let content = take.then_some(&checked.content);
    let (new, notices) = write_change(
        tx, catalogue, &old, record, content, &decided, person, action, None, now,
    )?;
    item.outcome = Outcome::Changed;
    item.changes = FieldChange::between(&EventRecord::of(&old, None), &EventRecord::of(&new, None));
    item.notes.extend(notices);
    Ok(item)
}

#[allow(clippy::too_many_arguments)]
fn create(
    tx: &Transaction,
    kind: PackKind,
    person: &Actor,
    record: &EventRecord,
    content: &EventContent,
    incoming: &str,
    mut item: PackItem,
    now: DateTime<Utc>,
) -> Result<PackItem> {
    let decided = match kind {
        PackKind::Submission => {
            let status = if record.status == Status::Cancelled {
                Status::Cancelled
            } else {
                Status::Submitted
            };
            if matches!(record.status, Status::Approved | Status::Returned) {
                item.notes.push(claimed(record.status, status));
            }
            Decided {
                status,
                note: (status == Status::Cancelled)
                    .then(|| record.status_note.clone())
                    .flatten(),
                was_approved: false,
                not_taken: None,
            }
        }
        PackKind::Reply => Decided {
            status: record.status,
            note: record.status_note.clone(),
            was_approved: record.was_approved,
            not_taken: None,
        },
    };
    let id = events::insert(tx, &record.uid, content, decided.status, now)?;
    tx.prepare_cached(
        "UPDATE events SET sequence = ?2, created_at = ?3, updated_at = ?4, status_note = ?5,
             approved_once = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        record.sequence,
        stamp(&record.created_at),
        stamp(&record.updated_at),
        decided.note,
        decided.was_approved || decided.status == Status::Approved
    ])?;
    let note = matches!(decided.status, Status::Cancelled | Status::Returned)
        .then_some(decided.note.as_deref())
        .flatten();
    let change = history::Change {
        event_id: id,
        action: HistoryAction::ImportedFromPack,
        from: None,
        to: decided.status,
        note,
    };
    history::record(tx, person, &change, now)?;
    set_exchanged(
        tx,
        RecordKind::Event,
        &record.uid,
        kind.from_side(),
        incoming,
        now,
    )?;
    item.outcome = Outcome::Created;
    item.event_id = Some(id);
    Ok(item)
}

/// A stamp already checked by [`time::from_store`], in the store's form.
fn stamp(text: &str) -> String {
    time::from_store(text).map_or_else(|_| text.to_string(), time::to_store)
}

/// Writes a change from a record: its content (when taken) and status,
/// the pack's SEQUENCE and last change when the pack's is higher (so both
/// sides hold the same record), the history row, and what the change does
/// to attendance requests. Gives the event after it, and notices.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_change(
    tx: &Transaction,
    catalogue: &Catalogue,
    old: &Event,
    record: &EventRecord,
    content: Option<&EventContent>,
    decided: &Decided,
    person: &Actor,
    action: HistoryAction,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(Event, Vec<String>)> {
    match content {
        Some(content) => {
            events::update(tx, old.id, content, decided.status, old.sequence + 1, now)?
        }
        None => events::set_status(
            tx,
            old.id,
            decided.status,
            decided.note.as_deref(),
            old.sequence + 1,
            now,
        )?,
    }
    tx.prepare_cached(
        "UPDATE events SET status_note = ?2, approved_once = ?3 OR approved_once WHERE id = ?1",
    )?
    .execute(params![old.id, decided.note, decided.was_approved])?;
    if record.sequence > old.sequence {
        tx.prepare_cached("UPDATE events SET sequence = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![old.id, record.sequence, stamp(&record.updated_at)])?;
    }
    let status_changed = decided.status != old.status;
    let note = note.or(status_changed.then_some(decided.note.as_deref()).flatten());
    let change = history::Change {
        event_id: old.id,
        action,
        from: Some(old.status),
        to: decided.status,
        note,
    };
    history::record(tx, person, &change, now)?;
    let new = events::get(tx, &catalogue.programmes, old.id)?;
    let notices = if decided.status == Status::Cancelled && status_changed {
        attendance::after_event_cancelled(
            tx,
            old,
            decided.note.as_deref().unwrap_or_default(),
            person,
            now,
        )?
    } else if content.is_some() {
        attendance::after_event_moved(tx, old, &new, person, now)?
    } else {
        Vec::new()
    };
    Ok((new, notices))
}
