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
//!   kept in `pack_conflicts` (with `request_id`) until a person chooses.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::events::{self, conversion};
use super::requests::{self, Change, NewRequest};
use super::{pack_conflicts::capitalised, settings, Store};
use crate::attendance::request::PRIORITY;
use crate::attendance::{RequestHistoryAction, RequestRole, RequestStatus};
use crate::catalogue::Catalogue;
use crate::council::Council;
use crate::error::{Error, Result};
use crate::event::{Event, Status};
use crate::pack::report::{
    FieldChange, Outcome, PackCounts, PackRequestConflict, PackRequestItem, Resolved,
};
use crate::pack::request::{
    content_digest, created_from_submission, status_from, PersonRef, RequestContent, RequestRecord,
    StatusTaken,
};
use crate::pack::rules::{self, Exchange};
use crate::pack::{Pack, PackKind, Side};
use crate::permission::{self, Actor, PackAction};
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
            record.seen = exchanged(conn, &record.uid, other)?;
            Ok(record)
        })
        .collect()
}

/// Request `id` as a pack record (`seen` none), if it is an event's.
fn record_of(conn: &Connection, programmes: &[Programme], id: i64) -> Result<RequestRecord> {
    conn.prepare_cached(&format!("{SELECT} WHERE q.id = ?1"))?
        .query_row([id], |r| read(r, programmes))
        .optional()?
        .map(|(_, record)| record)
        .ok_or_else(|| Error::NotFound {
            what: "request",
            id: id.to_string(),
        })
}

/// The digest this database last took from `side`'s pack for request `uid`.
fn exchanged(conn: &Connection, uid: &str, side: Side) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT digest FROM request_exchanges WHERE uid = ?1 AND side = ?2")?
        .query_row(params![uid, side.as_str()], |r| r.get(0))
        .optional()?)
}

fn set_exchanged(
    conn: &Connection,
    uid: &str,
    side: Side,
    digest: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO request_exchanges (uid, side, digest, at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (uid, side) DO UPDATE SET digest = excluded.digest, at = excluded.at
         WHERE digest IS NOT excluded.digest",
    )?
    .execute(params![uid, side.as_str(), digest, time::to_store(now)])?;
    Ok(())
}

/// A record that passed every check: what it asks for, as it would be
/// stored here.
struct Checked {
    event: Event,
    person_id: i64,
    content: RequestContent,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    status_note: Option<String>,
}

/// A record refused: the field at fault and why.
type Refusal = (&'static str, String);

fn shown(text: &str) -> String {
    crate::text::shown(text).into_owned()
}

/// Checks one record against this database and the rules `cpweek request
/// add` applies: the event is one of the council's own here, the person is
/// on the list, the text fields pass their rules, the part wanted lies
/// within the event (a whole event's request takes the event's times here).
fn check(
    tx: &Connection,
    catalogue: &Catalogue,
    council: &str,
    record: &RequestRecord,
) -> Result<std::result::Result<Checked, Refusal>> {
    let event_id: Option<i64> = tx
        .prepare_cached("SELECT id FROM events WHERE uid = ?1")?
        .query_row([&record.event], |r| r.get(0))
        .optional()?;
    let Some(event_id) = event_id else {
        return Ok(Err((
            "event",
            format!(
                "the request is for event {}, which this database does not hold (a pack carries the council's events with its requests: was the event refused?)",
                shown(&record.event)
            ),
        )));
    };
    let event = events::get(tx, &catalogue.programmes, event_id)?;
    if event.council != council {
        return Ok(Err((
            "event",
            format!(
                "the request is for event {} (\"{}\") of {} ({}) here, not one of this council's: a council asks only for its own events",
                event.id,
                shown(&event.details.title),
                event.council_name,
                event.council
            ),
        )));
    }
    if event.programme != record.programme {
        return Ok(Err((
            "event",
            format!(
                "the request is for programme {}, but its event {} is in programme {}",
                shown(&record.programme),
                event.id,
                event.programme
            ),
        )));
    }
    let person = match person_here(tx, &record.person)? {
        Ok(p) => p,
        Err(why) => return Ok(Err(("person", why))),
    };
    let mut texts = Vec::new();
    for (field, rule, value) in [
        ("case", crate::text::CASE, &record.case),
        (
            "contact_name",
            crate::text::CONTACT_NAME,
            &record.contact_name,
        ),
        (
            "contact_email",
            crate::text::CONTACT_EMAIL,
            &record.contact_email,
        ),
        (
            "contact_phone",
            crate::text::CONTACT_PHONE,
            &record.contact_phone,
        ),
        ("status_note", crate::text::NOTE, &record.status_note),
    ] {
        match rule.optional(value.as_deref().unwrap_or_default()) {
            Ok(v) => texts.push(v),
            Err(e) => return Ok(Err((field, e.message))),
        }
    }
    let [case, contact_name, contact_email, contact_phone, status_note]: [Option<String>; 5] =
        texts.try_into().expect("five text fields");
    if !PRIORITY.contains(&record.priority) {
        return Ok(Err((
            "priority",
            format!(
                "priority {} is not a whole number from 1 (lowest) to 5 (highest)",
                record.priority
            ),
        )));
    }
    for (field, stamp) in [
        ("created_at", &record.created_at),
        ("updated_at", &record.updated_at),
    ] {
        if time::from_store(stamp).is_err() {
            return Ok(Err((
                field,
                format!(
                    "{field} \"{}\" is not a UTC time like 2014-09-02T09:00:00Z",
                    shown(stamp)
                ),
            )));
        }
    }
    let (event_start, event_end) = (event.start.to_utc(), event.end.to_utc());
    let (start, end) = if record.whole_event {
        if event.all_day {
            return Ok(Err((
                "whole_event",
                "the event lasts all day: a request for it says which part is wanted (whole_event false, with its start and end)".to_string(),
            )));
        }
        (event_start, event_end)
    } else {
        let parse = |field: &'static str, text: &str| {
            DateTime::parse_from_rfc3339(text)
                .map(|t| t.to_utc())
                .map_err(|_| {
                    (
                        field,
                        format!(
                            "{field} \"{}\" is not an RFC 3339 time like 2014-10-28T10:00:00+00:00",
                            shown(text)
                        ),
                    )
                })
        };
        let start = match parse("start", &record.start) {
            Ok(t) => t,
            Err(e) => return Ok(Err(e)),
        };
        let end = match parse("end", &record.end) {
            Ok(t) => t,
            Err(e) => return Ok(Err(e)),
        };
        if end <= start {
            return Ok(Err(("end", "end must be after start".to_string())));
        }
        if start < event_start || end > event_end {
            return Ok(Err((
                if start < event_start { "start" } else { "end" },
                format!(
                    "the part wanted must lie within the event here ({} to {})",
                    event.start.to_rfc3339(),
                    event.end.to_rfc3339()
                ),
            )));
        }
        (start, end)
    };
    let content = RequestContent {
        programme: record.programme.clone(),
        council: council.to_string(),
        event: record.event.clone(),
        person: person.1,
        role: record.role,
        start: time::to_store(start),
        end: time::to_store(end),
        whole_event: record.whole_event,
        case,
        contact_name,
        contact_email,
        contact_phone,
    };
    Ok(Ok(Checked {
        event,
        person_id: person.0,
        content,
        start,
        end,
        status_note,
    }))
}

/// The person a record names, here: by seed key, or (added by hand, no
/// key) by exactly the same name and title among the people added by hand.
fn person_here(
    conn: &Connection,
    wanted: &PersonRef,
) -> Result<std::result::Result<(i64, PersonRef), String>> {
    let found: Vec<(i64, Option<String>, String, String)> = match &wanted.key {
        Some(key) => conn
            .prepare_cached("SELECT id, seed_key, name, title FROM people WHERE seed_key = ?1")?
            .query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?,
        None => conn
            .prepare_cached(
                "SELECT id, seed_key, name, title FROM people
                 WHERE seed_key IS NULL AND name = ?1 AND title = ?2",
            )?
            .query_map([&wanted.name, &wanted.title], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?,
    };
    Ok(match found.as_slice() {
        [(id, key, name, title)] => Ok((
            *id,
            PersonRef {
                key: key.clone(),
                name: name.clone(),
                title: title.clone(),
            },
        )),
        [] => Err(match &wanted.key {
            Some(key) => format!(
                "{} (seed key {}) is not on this database's list of people who may be asked; `cpweek init` adds the seeded people",
                shown(&wanted.name),
                shown(key)
            ),
            None => format!(
                "nobody added by hand here is called {} with the title {}: a person added by hand is matched by exactly the same name and title; add them (`cpweek person add`) or correct the name",
                shown(&wanted.name),
                shown(&wanted.title)
            ),
        }),
        many => Err(format!(
            "{} people here are called {} with the title {}; tell them apart before importing",
            many.len(),
            shown(&wanted.name),
            shown(&wanted.title)
        )),
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
struct Here {
    id: i64,
    asked_by: String,
    status: RequestStatus,
    priority: u8,
    updated_at: String,
}

fn here_by_uid(conn: &Connection, uid: &str) -> Result<Option<Here>> {
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
    let taken = exchanged(tx, &record.uid, from)?;
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
        set_exchanged(tx, &record.uid, from, &incoming, now)?;
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
    set_exchanged(tx, &record.uid, kind.from_side(), incoming, now)?;
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
struct Written {
    /// The request after the change, if anything changed.
    after: Option<RequestRecord>,
    notes: Vec<String>,
}

/// Writes what `record` changes of request `here`: its content when
/// `take`, the status [`status_from`] allows, a reply's priority; the
/// later of the two last changes; one history entry. Nothing written when
/// nothing changes.
#[allow(clippy::too_many_arguments)]
fn write_change(
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

/// Keeps both versions: the pack's record waits in `pack_conflicts` (an
/// older version of the same record waiting there is replaced by it).
#[allow(clippy::too_many_arguments)]
fn open_conflict(
    tx: &Transaction,
    before: &RequestRecord,
    request_id: i64,
    record: &RequestRecord,
    from: Side,
    incoming: &str,
    mut item: PackRequestItem,
    now: DateTime<Utc>,
) -> Result<PackRequestItem> {
    tx.prepare_cached(
        "DELETE FROM pack_conflicts
         WHERE uid = ?1 AND resolved_at IS NULL AND request_id IS NOT NULL",
    )?
    .execute([&record.uid])?;
    let event_id: i64 = tx
        .prepare_cached("SELECT event_id FROM requests WHERE id = ?1")?
        .query_row([request_id], |r| r.get(0))?;
    let json = serde_json::to_string(record).expect("JSON of a record");
    tx.prepare_cached(
        "INSERT INTO pack_conflicts (event_id, request_id, uid, side, record, digest, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        event_id,
        request_id,
        record.uid,
        from.as_str(),
        json,
        incoming,
        time::to_store(now)
    ])?;
    let id = tx.last_insert_rowid();
    item.outcome = Outcome::Conflict;
    item.conflict = Some(id);
    item.changes = FieldChange::between_requests(before, record);
    item.reason = Some(format!(
        "changed here and in {} pack since the last exchange: both versions are kept until a person chooses (`cpweek pack resolve {id} --keep lga|council`)",
        from.possessive()
    ));
    Ok(item)
}

/// Open request conflict `id`, with the digest of the pack's version.
fn conflict(
    conn: &Connection,
    programmes: &[Programme],
    id: i64,
) -> Result<Option<(PackRequestConflict, String)>> {
    let row: Option<(i64, String, String, String, String, String, bool)> = conn
        .prepare_cached(
            "SELECT request_id, uid, side, record, digest, opened_at, resolved_at IS NOT NULL
             FROM pack_conflicts WHERE id = ?1 AND request_id IS NOT NULL",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    let Some((request_id, uid, side, record, digest, opened_at, resolved)) = row else {
        return Ok(None);
    };
    if resolved {
        return Err(Error::Conflict(format!(
            "pack conflict {id} was already resolved"
        )));
    }
    let from = Side::parse(&side).ok_or_else(|| conversion(2, format!("unknown side {side}")))?;
    let there: RequestRecord = serde_json::from_str(&record)
        .map_err(|e| conversion(3, format!("a stored pack request record: {e}")))?;
    let here = record_of(conn, programmes, request_id)?;
    Ok(Some((
        PackRequestConflict {
            id,
            record: "request".into(),
            request_id,
            uid,
            title: format!("{}: {}", here.label(), event_title(conn, &here.event)?),
            from,
            fields: FieldChange::between_requests(&here, &there),
            here,
            there,
            opened_at,
        },
        digest,
    )))
}

fn event_title(conn: &Connection, uid: &str) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT title FROM events WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

impl Store {
    /// The requests' conflicts waiting for a person's choice, oldest first.
    pub fn pack_request_conflicts(&self) -> Result<Vec<PackRequestConflict>> {
        let programmes = self.programmes()?;
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM pack_conflicts
                 WHERE resolved_at IS NULL AND request_id IS NOT NULL ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids
            .into_iter()
            .map(|id| conflict(&self.conn, &programmes, id))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .map(|(c, _)| c)
            .collect())
    }

    /// Every conflict waiting for a choice, events' and requests', by
    /// number.
    pub fn all_pack_conflicts(&self) -> Result<Vec<crate::pack::report::AnyPackConflict>> {
        use crate::pack::report::AnyPackConflict;
        let mut all: Vec<AnyPackConflict> = self
            .pack_conflicts()?
            .into_iter()
            .map(AnyPackConflict::Event)
            .chain(
                self.pack_request_conflicts()?
                    .into_iter()
                    .map(AnyPackConflict::Request),
            )
            .collect();
        all.sort_by_key(AnyPackConflict::id);
        Ok(all)
    }

    /// Settles conflict `id`, an event's or a request's, by keeping one
    /// side's version ([`Store::resolve_pack_conflict`] for events).
    pub fn resolve_any_pack_conflict(
        &mut self,
        id: i64,
        keep: Side,
        now: DateTime<Utc>,
    ) -> Result<Resolved> {
        let is_request: bool = self
            .conn
            .prepare_cached("SELECT request_id IS NOT NULL FROM pack_conflicts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or(false);
        if !is_request {
            return self
                .resolve_pack_conflict(id, keep, now)
                .map(|e| Resolved::Event(Box::new(e)));
        }
        let catalogue = self.catalogue()?;
        let request_id = self.write(|tx| resolve(tx, &catalogue, id, keep, now))?;
        Ok(Resolved::Request(Box::new(self.request(request_id)?)))
    }
}

/// Settles request conflict `id`: the pack's side's version is written
/// here (as an import would), or this database's is kept and goes back to
/// the other side in the next pack, which says the other's was seen.
fn resolve(
    tx: &Transaction,
    catalogue: &Catalogue,
    id: i64,
    keep: Side,
    now: DateTime<Utc>,
) -> Result<i64> {
    let Some((c, digest)) = conflict(tx, &catalogue.programmes, id)? else {
        return Err(Error::NotFound {
            what: "pack conflict",
            id: id.to_string(),
        });
    };
    let s = settings::read(tx)?;
    permission::check_pack(
        s.role,
        s.my_council.as_deref(),
        PackAction::Resolve { from: c.from },
        &c.here.council,
    )?;
    let person = s.person();
    let action = match keep {
        Side::Council => RequestHistoryAction::ConflictKeptCouncil,
        Side::Lga => RequestHistoryAction::ConflictKeptLga,
    };
    let kept_note = format!(
        "{} version kept (pack conflict {id})",
        capitalised(keep.possessive())
    );
    let here = here_by_uid(tx, &c.uid)?.ok_or_else(|| Error::NotFound {
        what: "request",
        id: c.request_id.to_string(),
    })?;
    if keep == c.from {
        let checked = match check(tx, catalogue, &c.here.council, &c.there)? {
            Ok(checked) => checked,
            Err((field, why)) => {
                return Err(Error::Conflict(format!(
                    "conflict {id}: {} version no longer passes the request rules ({field}: {why}); keep the other version",
                    c.from.possessive()
                )))
            }
        };
        let kind = match c.from {
            Side::Council => PackKind::Submission,
            Side::Lga => PackKind::Reply,
        };
        write_change(
            tx,
            catalogue,
            kind,
            &person,
            &here,
            &c.there,
            &checked,
            true,
            action,
            Some(&kept_note),
            now,
        )?;
    } else {
        // This version goes back to the other side as a change of its own.
        tx.prepare_cached("UPDATE requests SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![here.id, time::to_store(now)])?;
        let change = Change {
            request_id: here.id,
            action,
            from: Some(here.status),
            to: here.status,
            note: Some(&kept_note),
            override_reason: None,
        };
        requests::record(tx, &person, &change, now)?;
    }
    set_exchanged(tx, &c.uid, c.from, &digest, now)?;
    tx.prepare_cached("UPDATE pack_conflicts SET resolved_at = ?2, kept = ?3 WHERE id = ?1")?
        .execute(params![id, time::to_store(now), keep.as_str()])?;
    Ok(here.id)
}
