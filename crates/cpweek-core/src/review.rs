//! The LGA's review queue: which events the LGA must look at, and what an
//! LGA decision does to an event in it.
//!
//! An event awaits review when it is not cancelled and either
//! - it is `submitted` (new, or resubmitted after the LGA returned it), or
//! - it is `approved` but changed on the council's side since the LGA last
//!   decided on it.
//!
//! There is no flag column: the event's history decides. Its most recent
//! entry that is either an LGA decision (approved, returned) or a change on
//! the council's side ([`HistoryAction::is_council_change`], the one
//! predicate) says whether the LGA has had the last word. An LGA officer's
//! own edit (a correction) is neither, so it neither puts an event in the
//! queue nor takes it out.

use serde::Serialize;
use ts_rs::TS;

use crate::event::{self, Review, Status};
use crate::pack::EventRecord;
use crate::permission::{self, EventAction, Role};
use crate::store::HistoryAction;

/// Why an event is in the review queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Awaiting {
    /// Submitted, and the LGA has never decided on it.
    New,
    /// Submitted again after the LGA returned it.
    Resubmitted,
    /// Approved, then changed on the council's side.
    ChangedSinceApproved,
}

impl Awaiting {
    /// As JSON and the CLI's table name it: `changed_since_approved`.
    pub fn as_str(self) -> &'static str {
        match self {
            Awaiting::New => "new",
            Awaiting::Resubmitted => "resubmitted",
            Awaiting::ChangedSinceApproved => "changed_since_approved",
        }
    }

    /// For people: "Changed since approved".
    pub fn label(self) -> &'static str {
        match self {
            Awaiting::New => "New",
            Awaiting::Resubmitted => "Resubmitted after return",
            Awaiting::ChangedSinceApproved => "Changed since approved",
        }
    }
}

/// Whether an event in `status`, whose history is `history` (oldest first:
/// each entry's action and the role of who made it), awaits the LGA's
/// review, and why.
pub fn awaiting(status: Status, history: &[(HistoryAction, Role)]) -> Option<Awaiting> {
    let decided_ever = history.iter().any(|(a, _)| a.is_lga_decision());
    match status {
        Status::Cancelled | Status::Returned => None,
        Status::Submitted if decided_ever => Some(Awaiting::Resubmitted),
        Status::Submitted => Some(Awaiting::New),
        Status::Approved => {
            let last_word = history
                .iter()
                .rev()
                .find(|(a, role)| a.is_lga_decision() || a.is_council_change(*role))?;
            last_word
                .0
                .is_council_change(last_word.1)
                .then_some(Awaiting::ChangedSinceApproved)
        }
    }
}

/// Who made the council's change `action`, recorded by `who` in `role`,
/// for people: the person; or, for a council's pack an LGA officer
/// imported, "from Kent's pack, imported by Lee" (a pack carries no
/// person's name, and the one who imported it did not make the change).
/// `council_name` is the event's lead council, whose pack carries it.
pub fn changed_by(action: HistoryAction, role: Role, who: &str, council_name: &str) -> String {
    match action {
        HistoryAction::ImportedFromPack
        | HistoryAction::UpdatedByPack
        | HistoryAction::CancelledByPack
            if role == Role::LgaOfficer =>
        {
            format!("from {council_name}'s pack, imported by {who}")
        }
        HistoryAction::ConflictKeptCouncil => {
            format!("from {council_name}'s pack, kept by {who} in a conflict")
        }
        _ => who.to_string(),
    }
}

/// The fields of an event's record that differ between `decided` (the
/// event as it stood when the LGA last decided on it, as its history keeps
/// it) and `now`, in the record's order, by the names packs give them
/// (`venue`, `partner_councils`); its status, the LGA's note and stamps
/// left out (they are the LGA's word, not the council's change).
pub fn changed_fields(decided: &EventRecord, now: &EventRecord) -> Vec<String> {
    const NOT_THE_COUNCILS: [&str; 3] = ["status", "status_note", "was_approved"];
    decided
        .differences(now)
        .into_iter()
        .map(|(field, _, _)| field)
        .filter(|f| !NOT_THE_COUNCILS.contains(&f.as_str()))
        .collect()
}

/// `fields` ([`changed_fields`]) for people: "Changed: venue and end".
pub fn changed_fields_shown(fields: &[String]) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|f| match f.as_str() {
            "booking_url" => "booking link".to_string(),
            "visibility" => "private or public".to_string(),
            "programme" => "programme (week)".to_string(),
            other => other.replace('_', " "),
        })
        .collect();
    match names.as_slice() {
        [] => "Changed back: nothing differs from when the LGA last decided".to_string(),
        [one] => format!("Changed: {one}"),
        [rest @ .., last] => format!("Changed: {} and {last}", rest.join(", ")),
    }
}

/// What a review does to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The event moves to this status.
    Move(Status),
    /// The council's change to an approved event is accepted: it stays
    /// approved, and nothing partners see changes.
    AcceptChange,
}

/// What `review` does to an event in `status` that awaits review for
/// `awaiting` (if it does), or why it cannot: approving an approved event
/// accepts its change when it is in the queue, and is refused otherwise;
/// everything else follows [`event::next_status`].
pub fn decide(
    status: Status,
    awaiting: Option<Awaiting>,
    review: &Review,
) -> Result<Decision, String> {
    match (status, awaiting, review) {
        (Status::Approved, Some(Awaiting::ChangedSinceApproved), Review::Approve) => {
            Ok(Decision::AcceptChange)
        }
        _ => event::next_status(status, review).map(Decision::Move),
    }
}

/// What a person in `role` may do now to an event in `status` awaiting
/// review for `awaiting`: [`permission::actions`], plus approving an
/// approved event whose change is in the queue.
pub fn actions(role: Role, status: Status, awaiting: Option<Awaiting>) -> Vec<EventAction> {
    let mut list = permission::actions(role, status);
    if role.may(EventAction::Approve)
        && !list.contains(&EventAction::Approve)
        && decide(status, awaiting, &Review::Approve).is_ok()
    {
        let at = usize::from(list.first() == Some(&EventAction::Edit));
        list.insert(at, EventAction::Approve);
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use HistoryAction::*;
    use Role::*;

    #[test]
    fn submitted_events_await_review_new_or_resubmitted() {
        assert_eq!(
            awaiting(Status::Submitted, &[(Added, CouncilOrganiser)]),
            Some(Awaiting::New)
        );
        assert_eq!(
            awaiting(Status::Submitted, &[(Imported, LgaOfficer)]),
            Some(Awaiting::New)
        );
        let resubmitted = [
            (Added, CouncilOrganiser),
            (Returned, LgaOfficer),
            (Edited, CouncilOrganiser),
        ];
        assert_eq!(
            awaiting(Status::Submitted, &resubmitted),
            Some(Awaiting::Resubmitted)
        );
    }

    #[test]
    fn returned_and_cancelled_events_do_not_await_review() {
        let h = [(Added, CouncilOrganiser), (Returned, LgaOfficer)];
        assert_eq!(awaiting(Status::Returned, &h), None);
        let h = [(Added, CouncilOrganiser), (Cancelled, CouncilOrganiser)];
        assert_eq!(awaiting(Status::Cancelled, &h), None);
    }

    #[test]
    fn an_approved_event_awaits_review_after_a_council_change_not_an_lga_correction() {
        let approved = vec![(Added, CouncilOrganiser), (Approved, LgaOfficer)];
        assert_eq!(awaiting(Status::Approved, &approved), None);

        let mut council_edit = approved.clone();
        council_edit.push((Edited, CouncilOrganiser));
        assert_eq!(
            awaiting(Status::Approved, &council_edit),
            Some(Awaiting::ChangedSinceApproved)
        );

        let mut correction = approved.clone();
        correction.push((Edited, LgaOfficer));
        assert_eq!(awaiting(Status::Approved, &correction), None);

        // A correction after the council's change does not clear it.
        let mut both = council_edit.clone();
        both.push((Edited, LgaOfficer));
        assert_eq!(
            awaiting(Status::Approved, &both),
            Some(Awaiting::ChangedSinceApproved)
        );

        // A calendar import is the council's word, whoever ran it.
        let mut imported = approved.clone();
        imported.push((UpdatedByImport, LgaOfficer));
        assert_eq!(
            awaiting(Status::Approved, &imported),
            Some(Awaiting::ChangedSinceApproved)
        );

        // Approving again settles it.
        let mut accepted = council_edit.clone();
        accepted.push((Approved, LgaOfficer));
        assert_eq!(awaiting(Status::Approved, &accepted), None);

        // No history (an event older than it): nothing to look at.
        assert_eq!(awaiting(Status::Approved, &[]), None);
    }

    #[test]
    fn approving_an_approved_event_accepts_its_change_only_when_queued() {
        let changed = Some(Awaiting::ChangedSinceApproved);
        assert_eq!(
            decide(Status::Approved, changed, &Review::Approve),
            Ok(Decision::AcceptChange)
        );
        assert!(decide(Status::Approved, None, &Review::Approve).is_err());
        let ret = Review::Return {
            note: "Which hall?".into(),
        };
        assert_eq!(
            decide(Status::Approved, changed, &ret),
            Ok(Decision::Move(Status::Returned))
        );
        assert_eq!(
            decide(Status::Submitted, Some(Awaiting::New), &Review::Approve),
            Ok(Decision::Move(Status::Approved))
        );
        assert!(decide(Status::Cancelled, None, &Review::Approve).is_err());
    }

    #[test]
    fn a_pack_names_its_council_and_who_imported_it_not_the_importer_as_the_changer() {
        assert_eq!(
            changed_by(UpdatedByPack, LgaOfficer, "Lee", "Kent"),
            "from Kent's pack, imported by Lee"
        );
        assert_eq!(
            changed_by(ImportedFromPack, LgaOfficer, "Lee", "Kent"),
            "from Kent's pack, imported by Lee"
        );
        assert_eq!(
            changed_by(ConflictKeptCouncil, LgaOfficer, "Lee", "Kent"),
            "from Kent's pack, kept by Lee in a conflict"
        );
        assert_eq!(changed_by(Edited, CouncilOrganiser, "Kim", "Kent"), "Kim");
        assert_eq!(
            changed_by(UpdatedByImport, LgaOfficer, "Lee", "Kent"),
            "Lee",
            "a calendar is imported by a person at a desk"
        );
    }

    #[test]
    fn the_fields_changed_since_the_lgas_decision_are_named_for_people() {
        assert_eq!(
            changed_fields_shown(&["venue".into(), "end".into()]),
            "Changed: venue and end"
        );
        assert_eq!(
            changed_fields_shown(&[
                "title".into(),
                "booking_url".into(),
                "partner_councils".into()
            ]),
            "Changed: title, booking link and partner councils"
        );
        assert_eq!(changed_fields_shown(&["start".into()]), "Changed: start");
        assert_eq!(
            changed_fields_shown(&[]),
            "Changed back: nothing differs from when the LGA last decided"
        );
    }
}
