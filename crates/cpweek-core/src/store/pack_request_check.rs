//! The checks a pack's request record passes before it is taken: the
//! event is one of the council's own here, the person is on this
//! database's list, and the rules `cpweek request add` applies
//! (`docs/pack-format.md`, *Request records*).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::events;
use crate::attendance::request::PRIORITY;
use crate::catalogue::Catalogue;
use crate::error::Result;
use crate::event::Event;
use crate::pack::request::{PersonRef, RequestContent, RequestRecord};
use crate::time;

/// A record that passed every check: what it asks for, as it would be
/// stored here.
pub(super) struct Checked {
    pub event: Event,
    pub person_id: i64,
    pub content: RequestContent,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status_note: Option<String>,
}

/// A record refused: the field at fault and why.
pub(super) type Refusal = (&'static str, String);

pub(super) fn shown(text: &str) -> String {
    crate::text::shown(text).into_owned()
}

/// Checks one record against this database and the rules `cpweek request
/// add` applies: the event is one of the council's own here, the person is
/// on the list, the text fields pass their rules, the part wanted lies
/// within the event (a whole event's request takes the event's times here).
pub(super) fn check(
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
