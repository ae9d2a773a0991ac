//! Ministerial requests in a pack (format version 2): the record of one
//! request a council asked for, its content digest, and the rules an
//! import follows for its status (a submission never sets what the LGA
//! decides; a reply carries the LGA's decisions back).
//! `store/pack_requests.rs` applies them; `docs/pack-format.md` states them.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{canonical, sha256_hex};
use crate::attendance::{RequestRole, RequestStatus};

/// Who is asked, as both databases know them. The people who may be asked
/// are the LGA's list, seeded in every database: a seeded person is
/// matched by their seed key (`key`), whatever either side has since
/// changed of their name or title; a person added by hand has no key and
/// is matched by exactly the same name and title among the people added by
/// hand (a record that matches nobody, or more than one, is refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackPerson")]
pub struct PersonRef {
    /// The seed key (`timpson`), or none for a person added by hand.
    pub key: Option<String>,
    pub name: String,
    pub title: String,
}

/// One ministerial request in a pack: every field the council sets, the
/// status as far as each side sets it, and its stamps. A field added to
/// requests is added here, in `store/pack_requests.rs` and
/// `docs/pack-format.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackRequestRecord")]
pub struct RequestRecord {
    /// Made once by the database it was drafted in, never changed.
    pub uid: String,
    pub programme: String,
    /// The council that asked (DfE code): the pack's council.
    pub council: String,
    /// The event's UID: one of the council's own events (it leads it).
    pub event: String,
    pub person: PersonRef,
    pub role: RequestRole,
    /// The part wanted: RFC 3339 local time with its offset in the
    /// programme's zone (`2014-10-28T10:00:00+00:00`).
    pub start: String,
    /// RFC 3339, after the start.
    pub end: String,
    /// The whole event is wanted: its times follow the event's.
    pub whole_event: bool,
    /// The case for the visit.
    pub case: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    /// The LGA's priority, 1 lowest to 5 highest.
    pub priority: u8,
    pub status: RequestStatus,
    /// The note given with the move to the present status, if any (the
    /// LGA's reason for declining, say).
    pub status_note: Option<String>,
    /// UTC (`2014-09-02T09:00:00Z`).
    pub created_at: String,
    pub updated_at: String,
    /// The content digest ([`content_digest`]) as the pack's maker last
    /// took it from the other side's pack; none if it never has.
    pub seen: Option<String>,
}

/// The record's members, in order, that [`RequestRecord::differences`]
/// compares (its UID, stamps and `seen` left out).
const COMPARED: [&str; 16] = [
    "programme",
    "council",
    "event",
    "person",
    "role",
    "start",
    "end",
    "whole_event",
    "case",
    "contact_name",
    "contact_email",
    "contact_phone",
    "priority",
    "status",
    "status_note",
    "created_at",
];

impl RequestRecord {
    /// Each compared field that differs from `other`'s, in the record's
    /// order, as JSON values: (field, this one's, the other's).
    pub fn differences(&self, other: &RequestRecord) -> Vec<(String, Value, Value)> {
        let (mut a, mut b) = (object(self), object(other));
        COMPARED
            .iter()
            .filter_map(|k| {
                let (old, new) = (
                    a.remove(*k).unwrap_or(Value::Null),
                    b.remove(*k).unwrap_or(Value::Null),
                );
                (old != new).then(|| (k.to_string(), old, new))
            })
            .collect()
    }

    /// A label for people: `Edward Timpson MP to speak`.
    pub fn label(&self) -> String {
        format!("{} to {}", self.person.name, self.role.label())
    }
}

fn object(record: &RequestRecord) -> serde_json::Map<String, Value> {
    match serde_json::to_value(record).expect("JSON of a request record") {
        Value::Object(map) => map,
        _ => unreachable!("a record is an object"),
    }
}

/// What the council says about a request, in the form both databases
/// compute alike: its event, who (the seed key, or name and title for a
/// person added by hand), role, times in UTC, whole event, case and
/// contact. Not the priority (the LGA's), status or stamps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContent {
    pub programme: String,
    pub council: String,
    pub event: String,
    pub person: PersonRef,
    pub role: RequestRole,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub start: String,
    pub end: String,
    pub whole_event: bool,
    pub case: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// The digest of a request's content: the hex SHA-256 of the canonical
/// bytes of its members (`person` as its seed key, or `{"name", "title"}`
/// for a person added by hand), the same whichever database holds it.
pub fn content_digest(c: &RequestContent) -> String {
    let person = match &c.person.key {
        Some(key) => Value::from(key.clone()),
        None => serde_json::json!({"name": c.person.name, "title": c.person.title}),
    };
    let value = serde_json::json!({
        "programme": c.programme,
        "council": c.council,
        "event": c.event,
        "person": person,
        "role": c.role.as_str(),
        "start": c.start,
        "end": c.end,
        "whole_event": c.whole_event,
        "case": c.case,
        "contact_name": c.contact_name,
        "contact_email": c.contact_email,
        "contact_phone": c.contact_phone,
    });
    sha256_hex(&canonical(&value))
}

/// Statuses only the LGA sets: never taken from a council's submission.
pub fn set_by_lga(status: RequestStatus) -> bool {
    matches!(
        status,
        RequestStatus::Forwarded
            | RequestStatus::Accepted
            | RequestStatus::Declined
            | RequestStatus::Held
    )
}

/// What a record makes of a request's status here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusTaken {
    /// Nothing to take.
    Kept,
    /// Take the record's status (and its note).
    Take(RequestStatus),
    /// Not taken, and why (for the report's notes).
    NotTaken(String),
}

/// The status a request in `here` takes from a record saying `said`:
/// - from a council's submission, only the council's own moves: submitted
///   from draft, withdrawn from any open status; a status the LGA sets is
///   never taken (a hand-edited pack cannot accept its own request);
/// - from the LGA's reply, only the statuses the LGA sets (forwarded,
///   accepted, declined, held); a request closed here (withdrawn,
///   declined or held) does not reopen: a withdrawal goes to the LGA in
///   the council's next pack.
pub fn status_from(from_submission: bool, here: RequestStatus, said: RequestStatus) -> StatusTaken {
    use RequestStatus as S;
    if said == here {
        return StatusTaken::Kept;
    }
    if from_submission {
        if set_by_lga(said) {
            return StatusTaken::NotTaken(claimed(said, here));
        }
        match (here, said) {
            (S::Draft, S::Submitted) => StatusTaken::Take(said),
            (h, S::Withdrawn) if h.is_open() => StatusTaken::Take(said),
            // The LGA's version is further on (it was taken here before);
            // nothing the council's pack says takes it back.
            _ => StatusTaken::Kept,
        }
    } else {
        if !set_by_lga(said) {
            // The council's own statuses come from the council.
            return StatusTaken::Kept;
        }
        if !here.is_open() {
            return StatusTaken::NotTaken(format!(
                "the reply says {}, but the request is {} here, which does not change again: not taken",
                said.as_str(),
                here.as_str()
            ));
        }
        StatusTaken::Take(said)
    }
}

/// The note for a submission's status that only the LGA sets.
pub fn claimed(said: RequestStatus, kept: RequestStatus) -> String {
    format!(
        "the pack says {}, which only the LGA decides: not taken (the request stays {})",
        said.as_str(),
        kept.as_str()
    )
}

/// The status a request created from a submission starts in: the
/// council's own (draft, submitted, withdrawn), or `submitted` for a
/// status only the LGA sets (with the note saying so).
pub fn created_from_submission(said: RequestStatus) -> (RequestStatus, Option<String>) {
    if set_by_lga(said) {
        (
            RequestStatus::Submitted,
            Some(claimed(said, RequestStatus::Submitted)),
        )
    } else {
        (said, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus as S;

    #[test]
    fn a_submission_takes_only_the_councils_own_moves() {
        assert_eq!(
            status_from(true, S::Draft, S::Submitted),
            StatusTaken::Take(S::Submitted)
        );
        for open in [S::Draft, S::Submitted, S::Forwarded, S::Accepted] {
            assert_eq!(
                status_from(true, open, S::Withdrawn),
                StatusTaken::Take(S::Withdrawn)
            );
        }
        for lga in [S::Forwarded, S::Accepted, S::Declined, S::Held] {
            for here in S::ALL.into_iter().filter(|h| *h != lga) {
                assert!(
                    matches!(status_from(true, here, lga), StatusTaken::NotTaken(_)),
                    "{lga:?} over {here:?}"
                );
            }
        }
        // The LGA's is further on: the council's older word is not taken.
        assert_eq!(
            status_from(true, S::Forwarded, S::Submitted),
            StatusTaken::Kept
        );
        assert_eq!(status_from(true, S::Withdrawn, S::Draft), StatusTaken::Kept);
    }

    #[test]
    fn a_reply_takes_only_the_lgas_statuses_and_never_reopens_a_closed_request() {
        assert_eq!(
            status_from(false, S::Submitted, S::Forwarded),
            StatusTaken::Take(S::Forwarded)
        );
        assert_eq!(
            status_from(false, S::Forwarded, S::Declined),
            StatusTaken::Take(S::Declined)
        );
        assert_eq!(
            status_from(false, S::Draft, S::Submitted),
            StatusTaken::Kept
        );
        assert_eq!(
            status_from(false, S::Submitted, S::Withdrawn),
            StatusTaken::Kept
        );
        assert!(matches!(
            status_from(false, S::Withdrawn, S::Accepted),
            StatusTaken::NotTaken(_)
        ));
        assert_eq!(created_from_submission(S::Accepted).0, S::Submitted);
        assert_eq!(created_from_submission(S::Draft), (S::Draft, None));
    }
}
