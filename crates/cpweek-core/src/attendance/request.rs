//! Requests for a person to attend: what is asked, the statuses a request
//! moves through and the moves allowed from each (who may make them is
//! [`crate::permission`]'s rule).
//!
//! ```text
//! draft --submit--> submitted --forward--> forwarded --accept--> accepted --held--> held
//!                                                    \--decline--> declined
//! draft | submitted | forwarded | accepted --withdraw--> withdrawn
//! ```

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum RequestStatus {
    /// Being written by whoever asks; nobody else acts on it yet.
    Draft,
    /// Sent to the LGA, which ranks it.
    Submitted,
    /// Passed by the LGA to the person's office.
    Forwarded,
    /// In the person's diary.
    Accepted,
    Declined,
    Withdrawn,
    /// Accepted and it happened.
    Held,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 7] = [
        RequestStatus::Draft,
        RequestStatus::Submitted,
        RequestStatus::Forwarded,
        RequestStatus::Accepted,
        RequestStatus::Declined,
        RequestStatus::Withdrawn,
        RequestStatus::Held,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Draft => "draft",
            RequestStatus::Submitted => "submitted",
            RequestStatus::Forwarded => "forwarded",
            RequestStatus::Accepted => "accepted",
            RequestStatus::Declined => "declined",
            RequestStatus::Withdrawn => "withdrawn",
            RequestStatus::Held => "held",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Draft => "Draft",
            RequestStatus::Submitted => "Submitted to the LGA",
            RequestStatus::Forwarded => "Forwarded to the office",
            RequestStatus::Accepted => "Accepted",
            RequestStatus::Declined => "Declined",
            RequestStatus::Withdrawn => "Withdrawn",
            RequestStatus::Held => "Held",
        }
    }

    pub fn parse(text: &str) -> Option<RequestStatus> {
        RequestStatus::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// Reads a status as typed, or says which there are (field `status`).
    pub fn from_input(text: &str) -> Result<RequestStatus> {
        RequestStatus::parse(text).ok_or_else(|| {
            Error::invalid(
                "status",
                format!(
                    "status \"{}\" is not a request status; give one of {}",
                    text::quoted(text.trim()),
                    RequestStatus::ALL.map(|s| s.as_str()).join(", ")
                ),
            )
        })
    }

    /// Still in play: at most one open request per event and person.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestStatus::Draft
                | RequestStatus::Submitted
                | RequestStatus::Forwarded
                | RequestStatus::Accepted
        )
    }

    /// Closed without happening (declined or withdrawn): lists fold
    /// these away.
    pub fn is_closed(self) -> bool {
        !self.is_open() && !self.is_engagement()
    }

    /// What the closed statuses are called together, for people, where
    /// lists fold them away: "Declined and withdrawn".
    pub fn closed_label() -> String {
        let labels: Vec<&str> = RequestStatus::ALL
            .into_iter()
            .filter(|s| s.is_closed())
            .map(RequestStatus::label)
            .collect();
        let mut text = match labels.split_last() {
            None => String::new(),
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        };
        // One phrase: only its first word keeps its capital.
        let lower = text.to_lowercase();
        if let Some(first) = text.chars().next() {
            text = format!("{first}{}", &lower[first.len_utf8()..]);
        }
        text
    }

    /// In the person's diary (clashes with these are refused).
    pub fn is_engagement(self) -> bool {
        matches!(self, RequestStatus::Accepted | RequestStatus::Held)
    }

    /// A briefing note is written for it: an engagement, accepted or
    /// held ([`crate::Store::briefing_document`] refuses any other).
    pub fn has_briefing(self) -> bool {
        self.is_engagement()
    }
}

/// What the person is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum RequestRole {
    Visit,
    Speak,
    MeetYoungPeople,
    PresentAwards,
    Other,
}

impl RequestRole {
    pub const ALL: [RequestRole; 5] = [
        RequestRole::Visit,
        RequestRole::Speak,
        RequestRole::MeetYoungPeople,
        RequestRole::PresentAwards,
        RequestRole::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestRole::Visit => "visit",
            RequestRole::Speak => "speak",
            RequestRole::MeetYoungPeople => "meet-young-people",
            RequestRole::PresentAwards => "present-awards",
            RequestRole::Other => "other",
        }
    }

    /// For a sentence: "to speak", "to meet young people".
    pub fn label(self) -> &'static str {
        match self {
            RequestRole::Visit => "visit",
            RequestRole::Speak => "speak",
            RequestRole::MeetYoungPeople => "meet young people",
            RequestRole::PresentAwards => "present awards",
            RequestRole::Other => "attend",
        }
    }

    /// On its own, for people: the ask form's choices, a request's page
    /// ("Asked to: Meet young people") and a pack's changes.
    pub fn named(self) -> String {
        text::capitalised(self.label())
    }

    pub fn parse(text: &str) -> Option<RequestRole> {
        let wanted = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        RequestRole::ALL.into_iter().find(|r| r.as_str() == wanted)
    }

    pub fn from_input(text: &str) -> Result<RequestRole> {
        RequestRole::parse(text).ok_or_else(|| {
            Error::invalid(
                "role",
                format!(
                    "role \"{}\" is not a role to ask for; give one of {}",
                    text::quoted(text.trim()),
                    RequestRole::ALL.map(|r| r.as_str()).join(", ")
                ),
            )
        })
    }
}

/// A move a person makes on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RequestAction {
    Submit,
    Forward,
    Accept,
    Decline,
    Withdraw,
    /// Record that an accepted engagement took place.
    Held,
}

impl RequestAction {
    pub const ALL: [RequestAction; 6] = [
        RequestAction::Submit,
        RequestAction::Forward,
        RequestAction::Accept,
        RequestAction::Decline,
        RequestAction::Withdraw,
        RequestAction::Held,
    ];

    /// As the CLI names it (`cpweek request forward`).
    pub fn as_str(self) -> &'static str {
        match self {
            RequestAction::Submit => "submit",
            RequestAction::Forward => "forward",
            RequestAction::Accept => "accept",
            RequestAction::Decline => "decline",
            RequestAction::Withdraw => "withdraw",
            RequestAction::Held => "held",
        }
    }

    /// The status the move leads to.
    pub fn to(self) -> RequestStatus {
        match self {
            RequestAction::Submit => RequestStatus::Submitted,
            RequestAction::Forward => RequestStatus::Forwarded,
            RequestAction::Accept => RequestStatus::Accepted,
            RequestAction::Decline => RequestStatus::Declined,
            RequestAction::Withdraw => RequestStatus::Withdrawn,
            RequestAction::Held => RequestStatus::Held,
        }
    }

    /// Whether a request in `status` may take this move.
    pub fn fits(self, status: RequestStatus) -> bool {
        use RequestStatus as S;
        match self {
            RequestAction::Submit => status == S::Draft,
            RequestAction::Forward => status == S::Submitted,
            RequestAction::Accept | RequestAction::Decline => status == S::Forwarded,
            RequestAction::Withdraw => status.is_open(),
            RequestAction::Held => status == S::Accepted,
        }
    }

    /// For a sentence: "forward a request to the person's office".
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            RequestAction::Submit => "submit a request to the LGA",
            RequestAction::Forward => "forward a request to the person's office",
            RequestAction::Accept => "record a request as accepted",
            RequestAction::Decline => "record a request as declined",
            RequestAction::Withdraw => "withdraw a request",
            RequestAction::Held => "record an engagement as held",
        }
    }
}

/// The status after `action` on a request in `current`, or a message that
/// says why not and names the moves allowed from `current`.
pub fn next_status(current: RequestStatus, action: RequestAction) -> Result<RequestStatus> {
    if action.fits(current) {
        return Ok(action.to());
    }
    let allowed: Vec<&str> = RequestAction::ALL
        .into_iter()
        .filter(|a| a.fits(current))
        .map(|a| a.as_str())
        .collect();
    let allowed = match allowed.as_slice() {
        [] => "none: it is closed".to_string(),
        [one] => one.to_string(),
        many => format!(
            "{} or {}",
            many[..many.len() - 1].join(", "),
            many[many.len() - 1]
        ),
    };
    Err(Error::Conflict(format!(
        "a {} request cannot be {}; the moves allowed from {} are: {allowed}",
        current.as_str(),
        past(action),
        current.as_str()
    )))
}

fn past(action: RequestAction) -> &'static str {
    match action {
        RequestAction::Submit => "submitted",
        RequestAction::Forward => "forwarded",
        RequestAction::Accept => "accepted",
        RequestAction::Decline => "declined",
        RequestAction::Withdraw => "withdrawn",
        RequestAction::Held => "marked held",
    }
}

/// Who asked: a council, or the LGA itself (for its own slots, such as
/// the NCAS conference).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "by", rename_all = "snake_case")]
#[ts(export)]
pub enum AskedBy {
    Council { code: String, name: String },
    Lga,
}

impl AskedBy {
    pub fn key(&self) -> &str {
        match self {
            AskedBy::Council { code, .. } => code,
            AskedBy::Lga => "lga",
        }
    }

    pub fn label(&self) -> &str {
        match self {
            AskedBy::Council { name, .. } => name,
            AskedBy::Lga => "the LGA",
        }
    }
}

/// The LGA's priority: 1 lowest to 5 highest.
pub const PRIORITY: std::ops::RangeInclusive<u8> = 1..=5;
pub const PRIORITY_DEFAULT: u8 = 3;

/// Reads a priority as typed (empty: the default), naming `priority`.
pub fn priority(text: &str) -> Result<u8> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(PRIORITY_DEFAULT);
    }
    t.parse::<u8>()
        .ok()
        .filter(|p| PRIORITY.contains(p))
        .ok_or_else(|| {
            Error::invalid(
                "priority",
                format!(
                    "priority \"{}\" is not a whole number from 1 (lowest) to 5 (highest)",
                    text::quoted(t)
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestAction as A;
    use RequestStatus as S;

    #[test]
    fn roles_are_offered_in_order_with_their_names_for_people() {
        let names: Vec<(&str, String)> = RequestRole::ALL
            .iter()
            .map(|r| (r.as_str(), r.named()))
            .collect();
        assert_eq!(
            names,
            [
                ("visit", "Visit".to_string()),
                ("speak", "Speak".to_string()),
                ("meet-young-people", "Meet young people".to_string()),
                ("present-awards", "Present awards".to_string()),
                ("other", "Attend".to_string()),
            ]
        );
    }

    #[test]
    fn each_move_leads_from_its_statuses_only() {
        let allowed = [
            (A::Submit, vec![S::Draft]),
            (A::Forward, vec![S::Submitted]),
            (A::Accept, vec![S::Forwarded]),
            (A::Decline, vec![S::Forwarded]),
            (
                A::Withdraw,
                vec![S::Draft, S::Submitted, S::Forwarded, S::Accepted],
            ),
            (A::Held, vec![S::Accepted]),
        ];
        for (action, from) in allowed {
            for status in S::ALL {
                let result = next_status(status, action);
                assert_eq!(
                    result.is_ok(),
                    from.contains(&status),
                    "{} from {}",
                    action.as_str(),
                    status.as_str()
                );
                if let Ok(to) = result {
                    assert_eq!(to, action.to());
                }
            }
        }
    }

    #[test]
    fn a_refused_move_names_the_moves_allowed() {
        let e = next_status(S::Submitted, A::Accept)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "a submitted request cannot be accepted; the moves allowed from submitted are: forward or withdraw"
        );
        let e = next_status(S::Declined, A::Withdraw)
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("are: none: it is closed"), "{e}");
    }

    #[test]
    fn only_declined_and_withdrawn_are_closed() {
        let closed: Vec<_> = S::ALL.into_iter().filter(|s| s.is_closed()).collect();
        assert_eq!(closed, [S::Declined, S::Withdrawn]);
        assert_eq!(S::closed_label(), "Declined and withdrawn");
    }

    #[test]
    fn priorities_are_one_to_five() {
        assert_eq!(priority("").unwrap(), 3);
        assert_eq!(priority(" 5 ").unwrap(), 5);
        for bad in ["0", "6", "high", "-1"] {
            assert_eq!(
                priority(bad).unwrap_err().field_errors()[0].field,
                "priority"
            );
        }
    }
}
