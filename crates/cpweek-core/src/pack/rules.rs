//! The rules an import of a pack follows for one record, apart from the
//! store: whose version of its content to take ([`compare`]), what its
//! status becomes ([`decide_status`]: a submission never sets what the LGA
//! decides), and what a record must hold ([`note_fits`], [`MOST_SEQUENCE`]).
//! `store/pack.rs` applies them; `docs/pack-format.md` states them.

use super::{EventRecord, PackKind};
use crate::event::{self, Event, Status};

/// What to do with a known event's content, from four content digests
/// ([`super::content_digest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exchange {
    /// The pack holds what this database holds.
    Same,
    /// Take the pack's version.
    Take,
    /// Keep this database's: the other side has not changed it since it
    /// last took it (or since this database last took it from them).
    KeepOurs,
    /// Changed on both sides since the last exchange.
    Conflict,
}

/// Whose content to take, given `here` (this database's), `theirs` (the
/// record's), `seen` (what the pack's maker last took from this side) and
/// `taken` (what this database last took from the pack's side).
pub fn compare(here: &str, theirs: &str, seen: Option<&str>, taken: Option<&str>) -> Exchange {
    if theirs == here {
        Exchange::Same
    } else if seen == Some(here) {
        // Made from this database's version as it is now.
        Exchange::Take
    } else if seen == Some(theirs) || taken == Some(theirs) {
        Exchange::KeepOurs
    } else if taken == Some(here) {
        // Unchanged here since the last exchange.
        Exchange::Take
    } else {
        Exchange::Conflict
    }
}

/// The highest SEQUENCE a record may carry: iCalendar's SEQUENCE is a
/// signed 32-bit integer, and every change raises it by one.
pub const MOST_SEQUENCE: u32 = i32::MAX as u32 - 1_000_000;

/// A note or reason, when the record has one, meets its text rule; a
/// cancelled record has its reason and a returned one the LGA's note.
pub(crate) fn note_fits(record: &EventRecord) -> std::result::Result<(), (&'static str, String)> {
    let rule = match record.status {
        Status::Cancelled => crate::text::REASON,
        _ => crate::text::NOTE,
    };
    let note = rule
        .optional(record.status_note.as_deref().unwrap_or_default())
        .map_err(|e| ("status_note", e.message))?;
    if note.is_none() && matches!(record.status, Status::Cancelled | Status::Returned) {
        return Err((
            "status_note",
            format!(
                "a {} event needs its {}",
                record.status.as_str(),
                if record.status == Status::Cancelled {
                    "reason"
                } else {
                    "note saying what to change"
                }
            ),
        ));
    }
    Ok(())
}

/// The status an event takes from a record.
pub(crate) struct Decided {
    pub status: Status,
    pub note: Option<String>,
    pub was_approved: bool,
    /// The pack's status, when it was not taken, and why.
    pub not_taken: Option<String>,
}

impl Decided {
    pub fn changes(&self, old: &Event) -> bool {
        self.status != old.status
            || self.note != old.status_note
            || self.was_approved != old.was_approved
    }
}

/// What `record` makes of `old`'s status: from a submission only a
/// cancellation (and a resubmission, when its content is taken, as an
/// edit makes one); from a reply, the LGA's status, note and "was
/// approved". A cancelled event cannot change.
pub(crate) fn decide_status(
    kind: PackKind,
    old: &Event,
    record: &EventRecord,
    content_taken: bool,
) -> std::result::Result<Decided, String> {
    let mut not_taken = None;
    let decided = match kind {
        PackKind::Submission => {
            if record.status == Status::Cancelled && old.status != Status::Cancelled {
                Decided {
                    status: Status::Cancelled,
                    note: record.status_note.clone(),
                    was_approved: old.was_approved,
                    not_taken: None,
                }
            } else {
                if matches!(record.status, Status::Approved | Status::Returned)
                    && record.status != old.status
                {
                    not_taken = Some(claimed(record.status, old.status));
                }
                let status = if content_taken {
                    event::status_after_edit(old.status)?
                } else {
                    old.status
                };
                Decided {
                    status,
                    note: old.status_note.clone(),
                    was_approved: old.was_approved,
                    not_taken,
                }
            }
        }
        PackKind::Reply => Decided {
            status: record.status,
            note: record.status_note.clone(),
            was_approved: record.was_approved || old.was_approved,
            not_taken: None,
        },
    };
    if old.status == Status::Cancelled && (content_taken || decided.changes(old)) {
        return Err("the event is cancelled here; a cancelled event cannot change".to_string());
    }
    Ok(decided)
}

/// The note for a submission's status that only the LGA sets.
pub(crate) fn claimed(said: Status, kept: Status) -> String {
    format!(
        "the pack says {}, which only the LGA decides: not taken (the event stays {})",
        said.as_str(),
        kept.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_taken_only_when_one_side_alone_changed_it() {
        use Exchange::*;
        // Nothing differs.
        assert_eq!(compare("a", "a", None, None), Same);
        // The other side built on this side's current version.
        assert_eq!(compare("a", "b", Some("a"), None), Take);
        // Changed here only: the pack holds what was exchanged before.
        assert_eq!(compare("b", "a", Some("a"), None), KeepOurs);
        assert_eq!(compare("b", "a", None, Some("a")), KeepOurs);
        // Changed there only.
        assert_eq!(compare("a", "b", None, Some("a")), Take);
        // Changed on both sides, or never exchanged and different.
        assert_eq!(compare("b", "c", Some("a"), Some("a")), Conflict);
        assert_eq!(compare("b", "c", None, None), Conflict);
    }
}
