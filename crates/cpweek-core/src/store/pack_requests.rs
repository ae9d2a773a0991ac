//! Ministerial requests in packs (format version 2; the format is
//! [`crate::pack::request`], `docs/pack-format.md` states the rules).
//!
//! A council's submission carries the requests it asked for (asked by the
//! council, for its own events, in the pack's programme); the LGA's reply
//! carries them back with the LGA's decisions. An import takes each after
//! the pack's events (so a request for an event the same pack creates or
//! moves finds it as it now is), in the same transaction:
//! - a request speaks for its own council only, for one of that council's
//!   events here (by the event's UID), for a person on this database's
//!   list (by seed key, or exactly by name and title for a person added by
//!   hand), passing the rules `cpweek request add` applies;
//! - statuses follow [`status_from`]: a submission never sets what the LGA
//!   decides, and a reply carries only the LGA's decisions (and its
//!   priority: the council sees it on its request page already);
//! - content changed on both sides since the last exchange is a conflict,
//!   kept in `pack_conflicts` (with `request_id`) until a person chooses
//!   (`pack_request_conflicts.rs`); `pack_request_check.rs` holds the
//!   checks a record passes.

use super::pack_exchange::{exchanged, set_exchanged, RecordKind};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::events::{self, conversion};
use super::pack_request_check::{check, shown, Checked, Refusal};
use super::pack_request_conflicts::open_conflict;
use super::requests::{self, Change, NewRequest};
use crate::attendance::{RequestHistoryAction, RequestRole, RequestStatus};
use crate::catalogue::Catalogue;
use crate::council::Council;
use crate::error::{Error, Result};
use crate::event::Status;
use crate::pack::report::{FieldChange, Outcome, PackCounts, PackRequestItem};
use crate::pack::request::{
    content_digest, created_from_submission, status_from, PersonRef, RequestContent, RequestRecord,
    StatusTaken,
};
use crate::pack::rules::{self, Exchange};
use crate::pack::{Pack, PackKind, Side};
use crate::permission::Actor;
use crate::programme::Programme;
use crate::time;

/// A request's columns as a pack reads them.
const SELECT: &str = "SELECT q.id, q.uid, q.programme_id, q.asked_by, e.uid, p.seed_key, p.name,
        p.title, q.role, q.starts_at, q.ends_at, q.whole_event, q.case_text, q.contact_name,
        q.contact_email, q.contact_phone, q.priority, q.status, q.created_at, q.updated_at,
        (SELECT h.note FROM request_history h
          WHERE h.request_id = q.id AND h.to_status = q.status
            AND (h.from_status IS NULL OR h.from_status <> h.to_status)
          ORDER BY h.id DESC LIMIT 1)
     FROM requests q
     JOIN people p ON p.id = q.person_id
     JOIN events e ON e.id = q.event_id";

fn read(r: &Row, programmes: &[Programme]) -> rusqlite::Result<(i64, RequestRecord)> {
    let programme: String = r.get(2)?;
    let tz = programmes
        .iter()
        .find(|p| p.id == programme)
        .map_or(time::LONDON, |p| p.time_zone);
    let local = |i: usize| -> rusqlite::Result<String> {
        Ok(events::instant(r, i)?.with_timezone(&tz).to_rfc3339())
    };
    let role: String = r.get(8)?;
    let status: String = r.get(17)?;
    Ok((
        r.get(0)?,
        RequestRecord {
            uid: r.get(1)?,
            programme,
            council: r.get(3)?,
            event: r.get(4)?,
            person: PersonRef {
                key: r.get(5)?,
                name: r.get(6)?,
                title: r.get(7)?,
            },
            role: RequestRole::parse(&role)
                .ok_or_else(|| conversion(8, format!("unknown role {role}")))?,
            start: local(9)?,
            end: local(10)?,
            whole_event: r.get(11)?,
            case: r.get(12)?,
            contact_name: r.get(13)?,
            contact_email: r.get(14)?,
            contact_phone: r.get(15)?,
            priority: r.get(16)?,
            status: RequestStatus::parse(&status)
                .ok_or_else(|| conversion(17, format!("unknown request status {status}")))?,
            status_note: r.get(20)?,
            created_at: r.get(18)?,
            updated_at: r.get(19)?,
            seen: None,
        },
    ))
}

/// The requests `council` asked for, for its own events in `programme`,
/// by start, each with what this side last took from the `other` side.
pub(super) fn records(
    conn: &Connection,
    programmes: &[Programme],
    programme: &str,
    council: &str,
    other: Side,
) -> Result<Vec<RequestRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE q.programme_id = ?1 AND q.asked_by = ?2 AND e.council_code = ?2
         ORDER BY q.starts_at, q.uid"
    ))?;
    let rows = stmt
        .query_map(params![programme, council], |r| read(r, programmes))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(_, mut record)| {
            record.seen = exchanged(conn, RecordKind::Request, &record.uid, other)?;
            Ok(record)
        })
        .collect()
}

/// Request `id` as a pack record (`seen` none), if it is an event's.
pub(super) fn record_of(
    conn: &Connection,
    programmes: &[Programme],
    id: i64,
) -> Result<RequestRecord> {
    conn.prepare_cached(&format!("{SELECT} WHERE q.id = ?1"))?
        .query_row([id], |r| read(r, programmes))
        .optional()?
        .map(|(_, record)| record)
        .ok_or_else(|| Error::NotFound {
            what: "request",
            id: id.to_string(),
        })
}

/// Imports the pack's requests (after its events), adding each item to
/// `items` and `counts`.
#[allow(clippy::too_many_arguments)]
pub(super) fn import(
    tx: &Transaction,
    catalogue: &Catalogue,
    pack: &Pack,
    council: &Council,
    person: &Actor,
    items: &mut Vec<PackRequestItem>,
    counts: &mut PackCounts,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for record in &pack.requests {
        let item = one(tx, catalogue, pack, council, person, record, &mut seen, now)?;
        counts.count(item.outcome);
        items.push(item);
    }
    Ok(())
}

fn refused(mut item: PackRequestItem, (field, reason): Refusal) -> PackRequestItem {
    item.outcome = Outcome::Refused;
    item.field = Some(field.to_string());
    item.reason = Some(reason);
    item
}

/// A request's row as an import compares it.
pub(super) struct Here {
    pub id: i64,
    pub asked_by: String,
    pub status: RequestStatus,
    pub priority: u8,
    pub updated_at: String,
}

pub(super) fn here_by_uid(conn: &Connection, uid: &str) -> Result<Option<Here>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, asked_by, status, priority, updated_at FROM requests WHERE uid = ?1",
        )?
        .query_row([uid], |r| {
            let status: String = r.get(2)?;
            Ok(Here {
                id: r.get(0)?,
                asked_by: r.get(1)?,
                status: RequestStatus::parse(&status)
                    .ok_or_else(|| conversion(2, format!("unknown request status {status}")))?,
                priority: r.get(3)?,
                updated_at: r.get(4)?,
            })
        })
        .optional()?)
}

#[allow(clippy::too_many_arguments)]
fn one(
    tx: &Transaction,
    catalogue: &Catalogue,
    pack: &Pack,
    council: &Council,
    person: &Actor,
    record: &RequestRecord,
    seen: &mut std::collections::HashSet<String>,
    now: DateTime<Utc>,
) -> Result<PackRequestItem> {
    let mut item = PackRequestItem {
        uid: record.uid.clone(),
        title: record.label(),
        outcome: Outcome::Unchanged,
        request_id: None,
        changes: Vec::new(),
        reason: None,
        field: None,
        conflict: None,
        notes: Vec::new(),
    };
    if !seen.insert(record.uid.clone()) {
        let why = format!(
            "UID {} is repeated in the pack; its first record was taken",
            shown(&record.uid)
        );
        return Ok(refused(item, ("uid", why)));
    }
    if record.council != council.code {
        let why = format!(
            "the request was asked by council {}, but this is {}'s pack: a pack speaks only for its own council's requests",
            shown(&record.council),
            council.label()
        );
        return Ok(refused(item, ("council", why)));
    }
    if record.programme != pack.programme {
        let why = format!(
            "the request is for programme {}, but the pack is for {}",
            shown(&record.programme),
            shown(&pack.programme)
        );
        return Ok(refused(item, ("programme", why)));
    }
    if let Err(e) = crate::text::UID.required(&record.uid) {
        return Ok(refused(item, ("uid", e.message)));
    }
    let here = here_by_uid(tx, &record.uid)?;
    if let Some(h) = &here {
        item.request_id = Some(h.id);
        if h.asked_by != council.code {
            let why = format!(
                "UID {} is request {} here, asked by {}, not {}",
                shown(&record.uid),
                h.id,
                if h.asked_by == "lga" {
                    "the LGA".to_string()
                } else {
                    h.asked_by.clone()
                },
                council.display_name
            );
            return Ok(refused(item, ("uid", why)));
        }
    }
    let checked = match check(tx, catalogue, &council.code, record)? {
        Ok(c) => c,
        Err(refusal) => return Ok(refused(item, refusal)),
    };
    item.title = format!("{}: {}", record.label(), checked.event.details.title);
    let incoming = content_digest(&checked.content);
    let from = pack.kind.from_side();
    let Some(here) = here else {
        return create(
            tx, pack.kind, person, record, &checked, &incoming, item, now,
        );
    };

    let waiting: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM pack_conflicts
             WHERE uid = ?1 AND resolved_at IS NULL AND digest = ?2 AND request_id IS NOT NULL",
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
    let before = record_of(tx, &catalogue.programmes, here.id)?;
    let here_digest = content_digest(&content_of(&before)?);
    let taken = exchanged(tx, RecordKind::Request, &record.uid, from)?;
    let take = match rules::compare(
        &here_digest,
        &incoming,
        record.seen.as_deref(),
        taken.as_deref(),
    ) {
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
            return open_conflict(tx, &before, here.id, record, from, &incoming, item, now)
        }
    };
    if incoming == here_digest || take {
        set_exchanged(tx, RecordKind::Request, &record.uid, from, &incoming, now)?;
    }
    let action = match pack.kind {
        PackKind::Submission => RequestHistoryAction::UpdatedByPack,
        PackKind::Reply => RequestHistoryAction::DecidedByPack,
    };
    if take && checked.event.status == Status::Cancelled && record.status.is_open() {
        let why = format!(
            "event {} is cancelled here; its requests cannot change",
            checked.event.id
        );
        return Ok(refused(item, ("event", why)));
    }
    if take && here.status.is_open() {
        if let Some(other) = open_for(tx, checked.event.id, checked.person_id, &record.uid)? {
            let why = format!(
                "there is already an open request (request {other}) for {} at event {} here: withdraw one of them first",
                shown(&checked.content.person.name),
                checked.event.id
            );
            return Ok(refused(item, ("person", why)));
        }
    }
    let written = write_change(
        tx, catalogue, pack.kind, person, &here, record, &checked, take, action, None, now,
    )?;
    item.notes.extend(written.notes);
    if let Some(after) = written.after {
        item.outcome = Outcome::Changed;
        item.changes = FieldChange::between_requests(&before, &after);
    }
    Ok(item)
}

/// A stored record's content, as its digest is taken.
fn content_of(record: &RequestRecord) -> Result<RequestContent> {
    let utc = |text: &str| -> Result<String> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| time::to_store(t.to_utc()))
            .map_err(|e| Error::Conflict(format!("a stored request's time {text}: {e}")))
    };
    Ok(RequestContent {
        programme: record.programme.clone(),
        council: record.council.clone(),
        event: record.event.clone(),
        person: record.person.clone(),
        role: record.role,
        start: utc(&record.start)?,
        end: utc(&record.end)?,
        whole_event: record.whole_event,
        case: record.case.clone(),
        contact_name: record.contact_name.clone(),
        contact_email: record.contact_email.clone(),
        contact_phone: record.contact_phone.clone(),
    })
}

#[allow(clippy::too_many_arguments)]
fn create(
    tx: &Transaction,
    kind: PackKind,
    person: &Actor,
    record: &RequestRecord,
    checked: &Checked,
    incoming: &str,
    mut item: PackRequestItem,
    now: DateTime<Utc>,
) -> Result<PackRequestItem> {
    let status = match kind {
        PackKind::Submission => {
            let (status, note) = created_from_submission(record.status);
            item.notes.extend(note);
            status
        }
        PackKind::Reply => record.status,
    };
    if status.is_open() && checked.event.status == Status::Cancelled {
        let why = format!(
            "event {} is cancelled here; nobody can be asked to attend it",
            checked.event.id
        );
        return Ok(refused(item, ("event", why)));
    }
    let new = NewRequest {
        uid: record.uid.clone(),
        programme_id: record.programme.clone(),
        event_id: Some(checked.event.id),
        person_id: checked.person_id,
        role: record.role,
        start: checked.start,
        end: checked.end,
        whole_event: record.whole_event,
        slot: None,
        case: checked.content.case.clone(),
        contact_name: checked.content.contact_name.clone(),
        contact_email: checked.content.contact_email.clone(),
        contact_phone: checked.content.contact_phone.clone(),
        asked_by: record.council.clone(),
        priority: record.priority,
    };
    if status.is_open() {
        if let Some(other) = open_for(tx, checked.event.id, checked.person_id, &record.uid)? {
            let why = format!(
                "there is already an open request (request {other}) for {} at event {} here: withdraw one of them first",
                shown(&checked.content.person.name),
                checked.event.id
            );
            return Ok(refused(item, ("person", why)));
        }
    }
    let id = requests::insert(tx, &new, now)?;
    tx.prepare_cached(
        "UPDATE requests SET status = ?2, created_at = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id,
        status.as_str(),
        stamp(&record.created_at),
        stamp(&record.updated_at)
    ])?;
    let note = (status == record.status)
        .then_some(checked.status_note.as_deref())
        .flatten();
    let change = Change {
        request_id: id,
        action: RequestHistoryAction::ImportedFromPack,
        from: None,
        to: status,
        note,
        override_reason: None,
    };
    requests::record(tx, person, &change, now)?;
    set_exchanged(
        tx,
        RecordKind::Request,
        &record.uid,
        kind.from_side(),
        incoming,
        now,
    )?;
    item.outcome = Outcome::Created;
    item.request_id = Some(id);
    Ok(item)
}

/// Another open request here for the same event and person (one open
/// request per event and person).
fn open_for(conn: &Connection, event: i64, person: i64, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM requests WHERE event_id = ?1 AND person_id = ?2 AND uid <> ?3
               AND status IN ('draft', 'submitted', 'forwarded', 'accepted')",
        )?
        .query_row(params![event, person, uid], |r| r.get(0))
        .optional()?)
}

/// A stamp already checked by [`time::from_store`], in the store's form.
fn stamp(text: &str) -> String {
    time::from_store(text).map_or_else(|_| text.to_string(), time::to_store)
}

/// What a change from a record did.
pub(super) struct Written {
    /// The request after the change, if anything changed.
    pub after: Option<RequestRecord>,
    pub notes: Vec<String>,
}

/// Writes what `record` changes of request `here`: its content when
/// `take`, the status [`status_from`] allows, a reply's priority; the
/// later of the two last changes; the history (the move with its note,
/// and a change of priority as an entry of its own). Nothing written when
/// nothing changes.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_change(
    tx: &Transaction,
    catalogue: &Catalogue,
    kind: PackKind,
    person: &Actor,
    here: &Here,
    record: &RequestRecord,
    checked: &Checked,
    take: bool,
    action: RequestHistoryAction,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Written> {
    let mut notes = Vec::new();
    let status = match status_from(kind == PackKind::Submission, here.status, record.status) {
        StatusTaken::Kept => here.status,
        StatusTaken::Take(s) => s,
        StatusTaken::NotTaken(why) => {
            notes.push(why);
            here.status
        }
    };
    let priority =
        (kind == PackKind::Reply && record.priority != here.priority).then_some(record.priority);
    if !take && status == here.status && priority.is_none() {
        return Ok(Written { after: None, notes });
    }
    if take {
        if status.is_open() {
            if let Some(other) = open_for(tx, checked.event.id, checked.person_id, &record.uid)? {
                return Err(Error::Conflict(format!(
                    "request {}: there is already an open request (request {other}) for {} at event {} here",
                    here.id,
                    shown(&checked.content.person.name),
                    checked.event.id
                )));
            }
        }
        tx.prepare_cached(
            "UPDATE requests SET event_id = ?2, person_id = ?3, role = ?4, starts_at = ?5,
                 ends_at = ?6, whole_event = ?7, case_text = ?8, contact_name = ?9,
                 contact_email = ?10, contact_phone = ?11
             WHERE id = ?1",
        )?
        .execute(params![
            here.id,
            checked.event.id,
            checked.person_id,
            record.role.as_str(),
            time::to_store(checked.start),
            time::to_store(checked.end),
            record.whole_event,
            checked.content.case,
            checked.content.contact_name,
            checked.content.contact_email,
            checked.content.contact_phone,
        ])?;
    }
    if status != here.status {
        tx.prepare_cached("UPDATE requests SET status = ?2 WHERE id = ?1")?
            .execute(params![here.id, status.as_str()])?;
    }
    if let Some(p) = priority {
        tx.prepare_cached("UPDATE requests SET priority = ?2 WHERE id = ?1")?
            .execute(params![here.id, p])?;
    }
    // Both sides hold the same last change: the later of the two.
    let updated = stamp(&record.updated_at).max(here.updated_at.clone());
    tx.prepare_cached("UPDATE requests SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![here.id, updated])?;
    // The move, with its note (a status's note stays the note of its
    // move), then the LGA's priority as an entry of its own.
    let status_note = if status != here.status {
        checked.status_note.clone()
    } else {
        None
    };
    let first = match (note, status_note) {
        (Some(n), Some(s)) => Some(format!("{n}; {s}")),
        (Some(n), None) => Some(n.to_string()),
        (None, s) => s,
    };
    if take || status != here.status || note.is_some() {
        let change = Change {
            request_id: here.id,
            action,
            from: Some(here.status),
            to: status,
            note: first.as_deref(),
            override_reason: None,
        };
        requests::record(tx, person, &change, now)?;
    }
    if let Some(p) = priority {
        let said = format!("Priority {} to {p}", here.priority);
        let change = Change {
            request_id: here.id,
            action,
            from: Some(status),
            to: status,
            note: Some(&said),
            override_reason: None,
        };
        requests::record(tx, person, &change, now)?;
    }
    let after = record_of(tx, &catalogue.programmes, here.id)?;
    Ok(Written {
        after: Some(after),
        notes,
    })
}
