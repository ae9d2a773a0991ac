//! A request as the store keeps it and shows it, the form it is asked
//! with, and its history.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::person::PersonKind;
use super::request::{AskedBy, RequestAction, RequestRole, RequestStatus};
use crate::error::{Error, FieldError, Result};
use crate::permission::Role;
use crate::text;
use crate::time;

/// A request as typed in the window or on the command line. For an event:
/// `event` (its id), and optionally `from`/`to` (`HH:MM`, or a local
/// `YYYY-MM-DDTHH:MM` for an event of several days) within it. For an
/// LGA-led slot without an event: `title`, `start`, `end` (local date and
/// time), and where (`venue`, `address`, `postcode`, `region`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RequestForm {
    pub event: String,
    pub person: String,
    pub role: String,
    pub from: String,
    pub to: String,
    pub priority: String,
    pub case: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub title: String,
    pub start: String,
    pub end: String,
    pub venue: String,
    pub address: String,
    pub postcode: String,
    pub region: String,
}

/// A stored request, with what it is for (its event's or its slot's title,
/// times, place and council) and what the viewer may do with it now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Request {
    #[ts(type = "number")]
    pub id: i64,
    /// Made once, never changed: the request's identity in every database
    /// (packs carry it).
    pub uid: String,
    pub programme: String,
    pub status: RequestStatus,
    pub status_label: String,
    /// None for an LGA-led slot.
    #[ts(type = "number | null")]
    pub event_id: Option<i64>,
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    pub person_kind: PersonKind,
    pub role: RequestRole,
    /// The event's title, or the slot's.
    pub title: String,
    /// The event's council; none for a slot.
    pub council: Option<String>,
    pub council_name: Option<String>,
    /// E12 code and name.
    pub region_code: Option<String>,
    pub region: Option<String>,
    /// The part wanted, local with its offset.
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub start: DateTime<FixedOffset>,
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub end: DateTime<FixedOffset>,
    /// Local date of the start.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// For people: `Tuesday 28 October 2014, 10am to midday`.
    pub when: String,
    /// The whole event is wanted (its times follow the event's).
    pub whole_event: bool,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// The event is private: children in care may be present.
    pub private: bool,
    pub case: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub asked_by: AskedBy,
    pub priority: u8,
    /// The reason given when it was accepted despite a clash, if it was.
    pub override_reason: Option<String>,
    /// What the person in the settings may do with it now.
    pub actions: Vec<RequestAction>,
    /// When it last changed.
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    /// How many changes its history holds (a diary's SEQUENCE).
    pub revision: u32,
    /// Every change, oldest first (`cpweek request show` and the window's
    /// request page; lists leave it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<RequestHistoryEntry>>,
}

impl Request {
    pub fn start_utc(&self) -> DateTime<Utc> {
        self.start.with_timezone(&Utc)
    }

    pub fn end_utc(&self) -> DateTime<Utc> {
        self.end.with_timezone(&Utc)
    }

    /// How it is named in messages: `request 3 (Care leavers' awards, Tuesday 28 October 2014, 10am to midday)`.
    pub fn named(&self) -> String {
        format!("request {} ({}, {})", self.id, self.title, self.when)
    }
}

/// What happened to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RequestHistoryAction {
    Drafted,
    Edited,
    Submitted,
    Forwarded,
    Accepted,
    Declined,
    Withdrawn,
    Held,
    /// Its event's time or place changed.
    EventMoved,
    /// Its event was cancelled.
    EventCancelled,
    /// Taken from a pack: the council's submission at the LGA, or the
    /// LGA's reply at the council (`docs/pack-format.md`).
    ImportedFromPack,
    /// Changed by the council's pack (its details, or a submission or
    /// withdrawal made at the council).
    UpdatedByPack,
    /// The LGA's decision (status, note, priority) taken from its reply.
    DecidedByPack,
    /// A person settled a pack's conflict by keeping the council's version.
    ConflictKeptCouncil,
    /// A person settled a pack's conflict by keeping the LGA's version.
    ConflictKeptLga,
}

impl RequestHistoryAction {
    pub const ALL: [RequestHistoryAction; 15] = [
        RequestHistoryAction::Drafted,
        RequestHistoryAction::Edited,
        RequestHistoryAction::Submitted,
        RequestHistoryAction::Forwarded,
        RequestHistoryAction::Accepted,
        RequestHistoryAction::Declined,
        RequestHistoryAction::Withdrawn,
        RequestHistoryAction::Held,
        RequestHistoryAction::EventMoved,
        RequestHistoryAction::EventCancelled,
        RequestHistoryAction::ImportedFromPack,
        RequestHistoryAction::UpdatedByPack,
        RequestHistoryAction::DecidedByPack,
        RequestHistoryAction::ConflictKeptCouncil,
        RequestHistoryAction::ConflictKeptLga,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestHistoryAction::Drafted => "drafted",
            RequestHistoryAction::Edited => "edited",
            RequestHistoryAction::Submitted => "submitted",
            RequestHistoryAction::Forwarded => "forwarded",
            RequestHistoryAction::Accepted => "accepted",
            RequestHistoryAction::Declined => "declined",
            RequestHistoryAction::Withdrawn => "withdrawn",
            RequestHistoryAction::Held => "held",
            RequestHistoryAction::EventMoved => "event_moved",
            RequestHistoryAction::EventCancelled => "event_cancelled",
            RequestHistoryAction::ImportedFromPack => "imported_from_pack",
            RequestHistoryAction::UpdatedByPack => "updated_by_pack",
            RequestHistoryAction::DecidedByPack => "decided_by_pack",
            RequestHistoryAction::ConflictKeptCouncil => "conflict_kept_council",
            RequestHistoryAction::ConflictKeptLga => "conflict_kept_lga",
        }
    }

    pub fn parse(text: &str) -> Option<RequestHistoryAction> {
        RequestHistoryAction::ALL
            .into_iter()
            .find(|a| a.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestHistoryAction::Drafted => "Drafted",
            RequestHistoryAction::Edited => "Changed",
            RequestHistoryAction::Submitted => "Submitted to the LGA",
            RequestHistoryAction::Forwarded => "Forwarded to the office",
            RequestHistoryAction::Accepted => "Accepted",
            RequestHistoryAction::Declined => "Declined",
            RequestHistoryAction::Withdrawn => "Withdrawn",
            RequestHistoryAction::Held => "Marked held",
            RequestHistoryAction::EventMoved => "The event's time or place changed",
            RequestHistoryAction::EventCancelled => "The event was cancelled",
            RequestHistoryAction::ImportedFromPack => "Imported from a pack",
            RequestHistoryAction::UpdatedByPack => "Changed by the council's pack",
            RequestHistoryAction::DecidedByPack => "The LGA's decision, from its reply",
            RequestHistoryAction::ConflictKeptCouncil => {
                "Pack conflict settled: the council's version kept"
            }
            RequestHistoryAction::ConflictKeptLga => {
                "Pack conflict settled: the LGA's version kept"
            }
        }
    }

    pub fn of(action: RequestAction) -> RequestHistoryAction {
        match action {
            RequestAction::Submit => RequestHistoryAction::Submitted,
            RequestAction::Forward => RequestHistoryAction::Forwarded,
            RequestAction::Accept => RequestHistoryAction::Accepted,
            RequestAction::Decline => RequestHistoryAction::Declined,
            RequestAction::Withdraw => RequestHistoryAction::Withdrawn,
            RequestAction::Held => RequestHistoryAction::Held,
        }
    }
}

/// One entry of a request's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RequestHistoryEntry {
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub at: DateTime<FixedOffset>,
    pub when: String,
    pub who: String,
    pub role: Role,
    pub action: RequestHistoryAction,
    pub summary: String,
    pub from_status: Option<RequestStatus>,
    pub to_status: RequestStatus,
    pub note: Option<String>,
    /// The reason a clash was overridden, kept on record.
    pub override_reason: Option<String>,
}

/// A note and, for accepting despite a clash, the reason: what a move
/// carries besides itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct MoveNote {
    pub note: String,
    #[serde(rename = "override")]
    pub override_reason: String,
}

/// The part of an event wanted, from the form's `from` and `to`: both
/// empty means the whole event. Each is `HH:MM` on the event's first day
/// or a local `YYYY-MM-DDTHH:MM`, and the part must lie within the event.
pub fn part_of_event(
    event_start: DateTime<Utc>,
    event_end: DateTime<Utc>,
    all_day: bool,
    from: &str,
    to: &str,
    tz: Tz,
) -> std::result::Result<(DateTime<Utc>, DateTime<Utc>, bool), Vec<FieldError>> {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() && to.is_empty() {
        if all_day {
            return Err(vec![FieldError::new(
                "from",
                "the event lasts all day: say which part of it is wanted, from and to (HH:MM)",
            )]);
        }
        return Ok((event_start, event_end, true));
    }
    let first_day = event_start.with_timezone(&tz).date_naive();
    let read = |field: &'static str, label: &str, text: &str| {
        if text.is_empty() {
            return Err(FieldError::new(
                field,
                format!("{label} is required when the other end of the part is given (HH:MM)"),
            ));
        }
        local_time(text, first_day)
            .map(|naive| time::resolve_local(naive, tz))
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    format!(
                        "{label} \"{}\" is not a time; expected HH:MM (24-hour) or YYYY-MM-DDTHH:MM",
                        text::quoted(text)
                    ),
                )
            })
    };
    let mut errors = Vec::new();
    let start = read("from", "from", from).map_err(|e| errors.push(e)).ok();
    let end = read("to", "to", to).map_err(|e| errors.push(e)).ok();
    let (Some(start), Some(end)) = (start, end) else {
        return Err(errors);
    };
    if end <= start {
        return Err(vec![FieldError::new("to", "to must be after from")]);
    }
    if start < event_start || end > event_end {
        let span = time::format_span(
            event_start.with_timezone(&tz).naive_local(),
            event_end.with_timezone(&tz).naive_local(),
            all_day,
        );
        return Err(vec![FieldError::new(
            if start < event_start { "from" } else { "to" },
            format!("the part wanted must lie within the event ({span})"),
        )]);
    }
    Ok((start, end, false))
}

fn local_time(text: &str, day: NaiveDate) -> Option<NaiveDateTime> {
    if let Ok(t) = NaiveTime::parse_from_str(text, "%H:%M") {
        return Some(day.and_time(t));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok()
}

/// Refuses a request for a slot that lacks its title or times, naming each.
pub(crate) fn slot_times(
    form: &RequestForm,
    tz: Tz,
) -> std::result::Result<(String, DateTime<Utc>, DateTime<Utc>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = text::TITLE
        .required(&form.title)
        .map_err(|e| {
            errors.push(FieldError::new(
                "title",
                format!("{} (or give --event for an event's request)", e.message),
            ))
        })
        .ok();
    let when = |field: &'static str, text: &str| match time::parse_when(text) {
        Ok(time::When::Local(naive)) => Ok(time::resolve_local(naive, tz)),
        Ok(time::When::Instant(t)) => Ok(t),
        Ok(time::When::Date(_)) | Err(_) => Err(FieldError::new(
            field,
            format!(
                "{field} \"{}\" is not a date and time; expected YYYY-MM-DDTHH:MM",
                text::quoted(text.trim())
            ),
        )),
    };
    let start = when("start", &form.start).map_err(|e| errors.push(e)).ok();
    let end = when("end", &form.end).map_err(|e| errors.push(e)).ok();
    match (title, start, end) {
        (Some(t), Some(s), Some(e)) if errors.is_empty() => {
            if e <= s {
                Err(vec![FieldError::new("end", "end must be after start")])
            } else {
                Ok((t, s, e))
            }
        }
        _ => Err(errors),
    }
}

/// Reads a number id as typed, naming the field.
pub fn id(field: &'static str, label: &str, text: &str) -> Result<i64> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            Error::invalid(
                field,
                format!(
                    "{label} \"{}\" is not an id; expected a number such as 1",
                    text::quoted(text.trim())
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn london(h: u32, m: u32) -> DateTime<Utc> {
        time::LONDON
            .with_ymd_and_hms(2014, 10, 28, h, m, 0)
            .unwrap()
            .to_utc()
    }

    #[test]
    fn the_part_wanted_defaults_to_the_whole_event_and_must_lie_within_it() {
        let (s, e) = (london(10, 0), london(12, 0));
        assert_eq!(
            part_of_event(s, e, false, "", "", time::LONDON).unwrap(),
            (s, e, true)
        );
        assert_eq!(
            part_of_event(s, e, false, "10:30", "11:15", time::LONDON).unwrap(),
            (london(10, 30), london(11, 15), false)
        );
        let e1 = part_of_event(s, e, false, "09:30", "11:00", time::LONDON).unwrap_err();
        assert_eq!(e1[0].field, "from");
        assert!(e1[0].message.contains("within the event"), "{e1:?}");
        let e2 = part_of_event(s, e, false, "11:00", "half past", time::LONDON).unwrap_err();
        assert_eq!(e2[0].field, "to");
        let e3 = part_of_event(s, e, false, "11:00", "", time::LONDON).unwrap_err();
        assert_eq!(e3[0].field, "to");
        let e4 = part_of_event(s, e, true, "", "", time::LONDON).unwrap_err();
        assert!(e4[0].message.contains("all day"));
    }
}
