//! The `requests` and `request_history` tables: rows in and out. Rules
//! live in [`crate::attendance`] and [`crate::permission`]; this module
//! only stores.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::attendance::person::PersonKind;
use crate::attendance::record::{Request, RequestHistoryAction, RequestHistoryEntry};
use crate::attendance::request::{AskedBy, RequestRole, RequestStatus};
use crate::error::{Error, Result};
use crate::permission::{self, Actor, Role};
use crate::programme::Programme;
use crate::time;

use super::events::{conversion, instant};

/// A request's own columns as the store writes them.
#[derive(Debug, Clone)]
pub(crate) struct NewRequest {
    /// Made once ([`new_uid`]) and never changed: the request's identity
    /// in every database (packs match requests by it).
    pub uid: String,
    pub programme_id: String,
    pub event_id: Option<i64>,
    pub person_id: i64,
    pub role: RequestRole,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub whole_event: bool,
    pub slot: Option<Slot>,
    pub case: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub asked_by: String,
    pub priority: u8,
}

/// Where and what an LGA-led slot is, having no event.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub title: String,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub region: Option<String>,
}

const SELECT: &str = "SELECT q.id, q.programme_id, q.event_id, q.person_id, p.name, p.kind, q.role,
        q.starts_at, q.ends_at, q.whole_event,
        coalesce(e.title, q.slot_title), coalesce(e.venue, q.slot_venue),
        coalesce(e.address, q.slot_address), coalesce(e.postcode, q.slot_postcode),
        e.council_code, c.display_name, coalesce(c.region_code, q.slot_region), rg.name,
        e.visibility, q.case_text, q.contact_name, q.contact_email, q.contact_phone,
        q.asked_by, ac.display_name, q.priority, q.status,
        (SELECT override_reason FROM request_history h
          WHERE h.request_id = q.id AND h.override_reason IS NOT NULL ORDER BY h.id DESC LIMIT 1),
        q.updated_at, (SELECT count(*) FROM request_history h WHERE h.request_id = q.id),
        q.uid
     FROM requests q
     JOIN people p ON p.id = q.person_id
     LEFT JOIN events e ON e.id = q.event_id
     LEFT JOIN councils c ON c.code = e.council_code
     LEFT JOIN regions rg ON rg.code = coalesce(c.region_code, q.slot_region)
     LEFT JOIN councils ac ON ac.code = q.asked_by";

fn read(r: &Row, programmes: &[Programme], role: Role) -> rusqlite::Result<Request> {
    let programme_id: String = r.get(1)?;
    let tz = programmes
        .iter()
        .find(|p| p.id == programme_id)
        .map(|p| p.time_zone)
        .ok_or_else(|| conversion(1, format!("unknown programme {programme_id}")))?;
    let kind: String = r.get(5)?;
    let request_role: String = r.get(6)?;
    let (start, end) = (instant(r, 7)?, instant(r, 8)?);
    let asked: String = r.get(23)?;
    let asked_by = if asked == "lga" {
        AskedBy::Lga
    } else {
        AskedBy::Council {
            name: r
                .get::<_, Option<String>>(24)?
                .unwrap_or_else(|| asked.clone()),
            code: asked,
        }
    };
    let status: String = r.get(26)?;
    let status = RequestStatus::parse(&status)
        .ok_or_else(|| conversion(26, format!("unknown request status {status}")))?;
    let visibility: Option<String> = r.get(18)?;
    let (local_start, local_end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    Ok(Request {
        id: r.get(0)?,
        uid: r.get(30)?,
        programme: programme_id.clone(),
        status,
        status_label: status.label().to_string(),
        event_id: r.get(2)?,
        person_id: r.get(3)?,
        person_name: r.get(4)?,
        person_kind: PersonKind::ALL
            .into_iter()
            .find(|k| k.as_str() == kind)
            .ok_or_else(|| conversion(5, format!("unknown kind of person {kind}")))?,
        role: RequestRole::parse(&request_role)
            .ok_or_else(|| conversion(6, format!("unknown role {request_role}")))?,
        title: r.get(10)?,
        council: r.get(14)?,
        council_name: r.get(15)?,
        region_code: r.get(16)?,
        region: r.get(17)?,
        start: local_start.fixed_offset(),
        end: local_end.fixed_offset(),
        date: local_start.date_naive(),
        when: time::format_span(local_start.naive_local(), local_end.naive_local(), false),
        whole_event: r.get(9)?,
        venue: r.get(11)?,
        address: r.get(12)?,
        postcode: r.get(13)?,
        private: visibility.as_deref() == Some("private"),
        case: r.get(19)?,
        contact_name: r.get(20)?,
        contact_email: r.get(21)?,
        contact_phone: r.get(22)?,
        actions: permission::request_actions(role, status, &asked_by),
        asked_by,
        priority: r.get(25)?,
        override_reason: r.get(27)?,
        updated_at: instant(r, 28)?,
        revision: r.get(29)?,
        history: None,
    })
}

/// Which requests a list holds: every field narrows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub status: Option<RequestStatus>,
    pub person: Option<i64>,
    pub event: Option<i64>,
    pub programme: Option<String>,
}

/// The requests `filter` chooses, by start then id, as `role` sees them.
pub(crate) fn list(
    conn: &Connection,
    programmes: &[Programme],
    role: Role,
    filter: &RequestFilter,
) -> Result<Vec<Request>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (?1 IS NULL OR q.status = ?1) AND (?2 IS NULL OR q.person_id = ?2)
           AND (?3 IS NULL OR q.event_id = ?3) AND (?4 IS NULL OR q.programme_id = ?4)
         ORDER BY q.starts_at, q.id"
    ))?;
    let rows = stmt.query_map(
        params![
            filter.status.map(RequestStatus::as_str),
            filter.person,
            filter.event,
            filter.programme
        ],
        |r| read(r, programmes, role),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One request with its history.
pub(crate) fn get(
    conn: &Connection,
    programmes: &[Programme],
    role: Role,
    id: i64,
) -> Result<Request> {
    let mut request = conn
        .prepare_cached(&format!("{SELECT} WHERE q.id = ?1"))?
        .query_row([id], |r| read(r, programmes, role))
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "request",
            id: id.to_string(),
        })?;
    let tz = programmes
        .iter()
        .find(|p| p.id == request.programme)
        .map_or(time::LONDON, |p| p.time_zone);
    request.history = Some(history(conn, id, tz)?);
    Ok(request)
}

pub(crate) fn insert(conn: &Connection, q: &NewRequest, now: DateTime<Utc>) -> Result<i64> {
    let slot = q.slot.as_ref();
    let result = conn
        .prepare_cached(
            "INSERT INTO requests (programme_id, event_id, person_id, role, starts_at, ends_at,
                 whole_event, slot_title, slot_venue, slot_address, slot_postcode, slot_region,
                 case_text, contact_name, contact_email, contact_phone, asked_by, priority,
                 status, created_at, updated_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, 'draft', ?19, ?19, ?20)",
        )?
        .execute(params![
            q.programme_id,
            q.event_id,
            q.person_id,
            q.role.as_str(),
            time::to_store(q.start),
            time::to_store(q.end),
            q.whole_event,
            slot.map(|s| &s.title),
            slot.and_then(|s| s.venue.as_ref()),
            slot.and_then(|s| s.address.as_ref()),
            slot.and_then(|s| s.postcode.as_ref()),
            slot.and_then(|s| s.region.as_ref()),
            q.case,
            q.contact_name,
            q.contact_email,
            q.contact_phone,
            q.asked_by,
            q.priority,
            time::to_store(now),
            q.uid,
        ]);
    match result {
        Ok(_) => Ok(conn.last_insert_rowid()),
        Err(e) if is_unique_violation(&e) => Err(Error::Conflict(format!(
            "there is already an open request for this person at event {}; withdraw it first, or change that one",
            q.event_id.unwrap_or_default()
        ))),
        Err(e) => Err(e.into()),
    }
}

/// A new request's UID: a random UUID and the app's domain, as events'
/// UIDs are made.
pub(crate) fn new_uid() -> String {
    format!("{}@cpweek.local.gov.uk", uuid::Uuid::new_v4())
}

pub(crate) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

pub(crate) fn set_status(
    conn: &Connection,
    id: i64,
    status: RequestStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached("UPDATE requests SET status = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, status.as_str(), time::to_store(now)])?;
    Ok(())
}

pub(crate) fn set_priority(
    conn: &Connection,
    id: i64,
    priority: u8,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached("UPDATE requests SET priority = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, priority, time::to_store(now)])?;
    Ok(())
}

pub(crate) fn set_times(
    conn: &Connection,
    id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE requests SET starts_at = ?2, ends_at = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id,
        time::to_store(start),
        time::to_store(end),
        time::to_store(now)
    ])?;
    Ok(())
}

/// One change to record in a request's history.
pub(crate) struct Change<'a> {
    pub request_id: i64,
    pub action: RequestHistoryAction,
    pub from: Option<RequestStatus>,
    pub to: RequestStatus,
    pub note: Option<&'a str>,
    pub override_reason: Option<&'a str>,
}

pub(crate) fn record(
    conn: &Connection,
    actor: &Actor,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO request_history (request_id, at, who, role, action, from_status, to_status,
                                      note, override_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        change.request_id,
        time::to_store(now),
        actor.who(),
        actor.role.as_str(),
        change.action.as_str(),
        change.from.map(RequestStatus::as_str),
        change.to.as_str(),
        change.note,
        change.override_reason,
    ])?;
    Ok(())
}

fn history(conn: &Connection, id: i64, tz: chrono_tz::Tz) -> Result<Vec<RequestHistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, who, role, action, from_status, to_status, note, override_reason
         FROM request_history WHERE request_id = ?1 ORDER BY id",
    )?;
    let status = |r: &Row, i: usize| -> rusqlite::Result<Option<RequestStatus>> {
        let text: Option<String> = r.get(i)?;
        text.map(|t| {
            RequestStatus::parse(&t).ok_or_else(|| conversion(i, format!("unknown status {t}")))
        })
        .transpose()
    };
    let rows = stmt.query_map([id], |r| {
        let at = instant(r, 0)?.with_timezone(&tz);
        let who: String = r.get(1)?;
        let role: String = r.get(2)?;
        let role =
            Role::parse(&role).ok_or_else(|| conversion(2, format!("unknown role {role}")))?;
        let action: String = r.get(3)?;
        let action = RequestHistoryAction::parse(&action)
            .ok_or_else(|| conversion(3, format!("unknown action {action}")))?;
        Ok(RequestHistoryEntry {
            at: at.fixed_offset(),
            when: time::format_when(at.naive_local()),
            summary: format!("{} by {who} ({})", action.label(), role.label()),
            who,
            role,
            action,
            from_status: status(r, 4)?,
            to_status: status(r, 5)?.ok_or_else(|| conversion(5, "no status".into()))?,
            note: r.get(6)?,
            override_reason: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
