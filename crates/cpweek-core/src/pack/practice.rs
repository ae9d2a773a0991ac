//! Practice entries in a pack (format version 3): the record of one case
//! study its lead council wrote, and the rules an import follows for its
//! status and consent check (a council's submission never approves,
//! returns or publishes, nor sets a consent check; the LGA's reply carries
//! those decisions back). `docs/pack-format.md` states them.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{canonical, sha256_hex};
use crate::practice::{ConsentKind, PracticeContent, PracticeStatus};

/// One outcome: what was measured, before, after, over what period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackPracticeOutcome")]
pub struct OutcomeRecord {
    pub measure: String,
    pub before: String,
    pub after: String,
    pub period: String,
}

/// Whom to ask about the practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackPracticeContact")]
pub struct ContactRecord {
    pub name: String,
    pub role: Option<String>,
    pub email: String,
}

/// The safeguarding and consent check the LGA recorded when it published
/// the entry: who, which, when. Only a reply carries one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackConsentRecord")]
pub struct ConsentRecord {
    pub checked_by: String,
    pub kind: ConsentKind,
    /// UTC (`2014-09-02T09:00:00Z`).
    pub at: String,
}

/// One practice entry in a pack: every field its council sets, the status
/// as far as each side sets it, the consent check (a reply only) and its
/// stamps. A field added to practice entries is added here, in
/// `store/pack_practice.rs` and `docs/pack-format.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackPracticeRecord")]
pub struct PracticeRecord {
    /// Made once by the database it was drafted in, never changed.
    pub uid: String,
    pub programme: String,
    /// The lead council (DfE code): the pack's council.
    pub council: String,
    /// Partner councils' DfE codes, in order.
    pub partner_councils: Vec<String>,
    pub title: String,
    pub partner_organisations: Vec<String>,
    /// Theme slugs, in order.
    pub themes: Vec<String>,
    pub summary: String,
    pub what_was_done: Option<String>,
    pub outcomes: Vec<OutcomeRecord>,
    pub source: Option<String>,
    pub contact: Option<ContactRecord>,
    /// The linked events' UIDs, in order.
    pub events: Vec<String>,
    pub status: PracticeStatus,
    /// The LGA's note when it returned the entry.
    pub status_note: Option<String>,
    /// The consent check, once published; always none in a submission.
    pub consent: Option<ConsentRecord>,
    /// UTC (`2014-09-02T09:00:00Z`).
    pub created_at: String,
    pub updated_at: String,
    /// The content digest ([`content_digest`]) as the pack's maker last
    /// took it from the other side's pack; none if it never has.
    pub seen: Option<String>,
}

/// The record's members, in order, that [`PracticeRecord::differences`]
/// compares (its UID, stamps and `seen` left out).
const COMPARED: [&str; 16] = [
    "programme",
    "council",
    "partner_councils",
    "title",
    "partner_organisations",
    "themes",
    "summary",
    "what_was_done",
    "outcomes",
    "source",
    "contact",
    "events",
    "status",
    "status_note",
    "consent",
    "created_at",
];

impl PracticeRecord {
    /// Each compared field that differs from `other`'s, in the record's
    /// order, as JSON values: (field, this one's, the other's).
    pub fn differences(&self, other: &PracticeRecord) -> Vec<(String, Value, Value)> {
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

    /// What the council says about the entry, as [`content_digest`]
    /// takes it (events by UID).
    pub fn content_value(&self) -> Value {
        serde_json::json!({
            "programme": self.programme,
            "council": self.council,
            "partner_councils": self.partner_councils,
            "title": self.title,
            "partner_organisations": self.partner_organisations,
            "themes": self.themes,
            "summary": self.summary,
            "what_was_done": self.what_was_done,
            "outcomes": self.outcomes,
            "source": self.source,
            "contact": self.contact,
            "events": self.events,
        })
    }
}

fn object(record: &PracticeRecord) -> serde_json::Map<String, Value> {
    match serde_json::to_value(record).expect("JSON of a practice record") {
        Value::Object(map) => map,
        _ => unreachable!("a record is an object"),
    }
}

/// The digest of an entry's content (every field its council sets, the
/// linked events by UID; not its status, consent check or stamps): the hex
/// SHA-256 of the canonical bytes of [`PracticeRecord::content_value`],
/// the same whichever database holds it.
pub fn content_digest(record: &PracticeRecord) -> String {
    sha256_hex(&canonical(&record.content_value()))
}

/// The content of a stored entry with its events as UIDs, in the record's
/// form (for [`content_digest`]).
pub fn content_fields(content: &PracticeContent, event_uids: Vec<String>) -> PracticeRecord {
    let d = &content.details;
    PracticeRecord {
        uid: String::new(),
        programme: content.programme_id.clone(),
        council: content.council_code.clone(),
        partner_councils: content.partner_councils.clone(),
        title: d.title.clone(),
        partner_organisations: d.partner_organisations.clone(),
        themes: d.themes.clone(),
        summary: d.summary.clone(),
        what_was_done: d.what_was_done.clone(),
        outcomes: d
            .outcomes
            .iter()
            .map(|o| OutcomeRecord {
                measure: o.measure.clone(),
                before: o.before.clone(),
                after: o.after.clone(),
                period: o.period.clone(),
            })
            .collect(),
        source: d.source.clone(),
        contact: d.contact.as_ref().map(|c| ContactRecord {
            name: c.name.clone(),
            role: c.role.clone(),
            email: c.email.clone(),
        }),
        events: event_uids,
        status: PracticeStatus::Draft,
        status_note: None,
        consent: None,
        created_at: String::new(),
        updated_at: String::new(),
        seen: None,
    }
}

/// Statuses only the LGA sets: never taken from a council's submission.
pub fn set_by_lga(status: PracticeStatus) -> bool {
    matches!(
        status,
        PracticeStatus::Approved | PracticeStatus::Returned | PracticeStatus::Published
    )
}

/// What a record makes of an entry's status here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusTaken {
    /// Nothing to take.
    Kept,
    /// Take the record's status (with its note, and its consent check when
    /// published).
    Take(PracticeStatus),
    /// Not taken, and why (for the report's notes).
    NotTaken(String),
}

/// The status an entry in `here` takes from a record saying `said`:
/// - from a council's submission, only the council's own move: submitted,
///   from a draft or a returned entry; a status the LGA sets (approved,
///   returned, published) is never taken, so a hand-edited pack cannot
///   publish its own entry;
/// - from the LGA's reply, only the statuses the LGA sets; a draft the
///   council has not submitted is not moved by a reply, and a published
///   entry is published only with its consent check.
pub fn status_from(
    from_submission: bool,
    here: PracticeStatus,
    said: PracticeStatus,
    with_consent: bool,
) -> StatusTaken {
    use PracticeStatus as S;
    if said == here {
        return StatusTaken::Kept;
    }
    if from_submission {
        if set_by_lga(said) {
            return StatusTaken::NotTaken(claimed(said, here));
        }
        match (here, said) {
            (S::Draft | S::Returned, S::Submitted) => StatusTaken::Take(said),
            // The LGA's word is further on; the council's older word does
            // not take it back.
            _ => StatusTaken::Kept,
        }
    } else {
        if !set_by_lga(said) {
            return StatusTaken::Kept;
        }
        if said == S::Published && !with_consent {
            return StatusTaken::NotTaken(
                "the reply says published but carries no consent check: not taken (an entry is published only with its consent check)".into(),
            );
        }
        StatusTaken::Take(said)
    }
}

/// The note for a submission's status that only the LGA sets.
pub fn claimed(said: PracticeStatus, kept: PracticeStatus) -> String {
    format!(
        "the pack says {}, which only the LGA decides: not taken (the entry stays {})",
        said.as_str(),
        kept.as_str()
    )
}

/// The note for a submission that carries a consent check.
pub const CONSENT_CLAIMED: &str =
    "the pack carries a consent check, which only the LGA records: not taken";

/// The status an entry created from a submission starts in: draft or
/// submitted as the council said, or `submitted` for a status only the
/// LGA sets (with the note saying so).
pub fn created_from_submission(said: PracticeStatus) -> (PracticeStatus, Option<String>) {
    if set_by_lga(said) {
        (
            PracticeStatus::Submitted,
            Some(claimed(said, PracticeStatus::Submitted)),
        )
    } else {
        (said, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PracticeStatus as S;

    #[test]
    fn a_submission_takes_only_the_councils_own_move() {
        assert_eq!(
            status_from(true, S::Draft, S::Submitted, false),
            StatusTaken::Take(S::Submitted)
        );
        assert_eq!(
            status_from(true, S::Returned, S::Submitted, false),
            StatusTaken::Take(S::Submitted)
        );
        for lga in [S::Approved, S::Returned, S::Published] {
            for here in S::ALL.into_iter().filter(|h| *h != lga) {
                assert!(
                    matches!(status_from(true, here, lga, true), StatusTaken::NotTaken(_)),
                    "{lga:?} over {here:?}"
                );
            }
        }
        assert_eq!(
            status_from(true, S::Approved, S::Submitted, false),
            StatusTaken::Kept
        );
        assert_eq!(
            created_from_submission(S::Published).0,
            S::Submitted,
            "a new entry claiming published starts submitted"
        );
        assert_eq!(created_from_submission(S::Draft), (S::Draft, None));
    }

    #[test]
    fn a_reply_takes_the_lgas_decisions_and_publishes_only_with_consent() {
        assert_eq!(
            status_from(false, S::Submitted, S::Approved, false),
            StatusTaken::Take(S::Approved)
        );
        assert_eq!(
            status_from(false, S::Approved, S::Published, true),
            StatusTaken::Take(S::Published)
        );
        assert!(matches!(
            status_from(false, S::Approved, S::Published, false),
            StatusTaken::NotTaken(_)
        ));
        assert_eq!(
            status_from(false, S::Submitted, S::Draft, false),
            StatusTaken::Kept
        );
    }
}
