//! Practice entries: councils' case studies for the good-practice toolkit
//! (issue 11). A council (or several, or a council with a charity) says
//! what it did and the difference it made in figures ("adoptions up 110%",
//! care proceedings "from 49 weeks to 27 weeks"), the LGA reviews it, a
//! named person confirms the safeguarding and consent check, and the LGA
//! publishes it.
//!
//! - this module: the types (the form a person fills in, the content
//!   validation leaves, the stored entry the window and `--json` show, the
//!   statuses and the consent check);
//! - [`rules`]: validation (every field at fault named), the outcome text
//!   the command line takes, the full name of the person who checked
//!   consent, and how the status moves;
//! - [`filter`]: which entries a list shows.
//!
//! Who may take each step is [`crate::permission::check_practice`];
//! the store (`store/practice.rs`) applies both in one transaction per
//! action and keeps each entry's history.

pub mod filter;
pub mod rules;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::time;

pub use filter::{PracticeFilter, PracticeSelection};
pub use rules::{check_consent, next_status, outcome_from_text, validate};

/// Where an entry is on its way to the toolkit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum PracticeStatus {
    /// The council is writing it; only its council sees it.
    Draft,
    /// Sent to the LGA for review.
    Submitted,
    /// The LGA asked the council for changes, with a note.
    Returned,
    /// The LGA accepted it; it waits for the consent check to be published.
    Approved,
    /// In the toolkit, with its consent check.
    Published,
}

impl PracticeStatus {
    pub const ALL: [PracticeStatus; 5] = [
        PracticeStatus::Draft,
        PracticeStatus::Submitted,
        PracticeStatus::Returned,
        PracticeStatus::Approved,
        PracticeStatus::Published,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PracticeStatus::Draft => "draft",
            PracticeStatus::Submitted => "submitted",
            PracticeStatus::Returned => "returned",
            PracticeStatus::Approved => "approved",
            PracticeStatus::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Option<PracticeStatus> {
        PracticeStatus::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// What the person who checked an entry confirmed before it is published.
/// There is no default: which check was made is always said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConsentKind {
    /// No child or care leaver can be identified from the entry.
    IdentifiedNone,
    /// Consent is on record from every child or care leaver who can be
    /// identified.
    OnRecord,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 2] = [ConsentKind::IdentifiedNone, ConsentKind::OnRecord];

    /// As stored and as JSON names it: `identified_none`.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::IdentifiedNone => "identified_none",
            ConsentKind::OnRecord => "on_record",
        }
    }

    /// As the command line names it: `identified-none`.
    pub fn flag(self) -> &'static str {
        match self {
            ConsentKind::IdentifiedNone => "identified-none",
            ConsentKind::OnRecord => "on-record",
        }
    }

    /// What was confirmed, for people.
    pub fn label(self) -> &'static str {
        match self {
            ConsentKind::IdentifiedNone => "no child or care leaver can be identified",
            ConsentKind::OnRecord => "consent is on record",
        }
    }

    /// Reads a kind as stored (`on_record`) or as typed (`on-record`).
    pub fn parse(text: &str) -> Option<ConsentKind> {
        let t = text.trim();
        ConsentKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(t) || k.flag().eq_ignore_ascii_case(t))
    }
}

/// One outcome as a person fills it in: what was measured, the figure
/// before and after, and over what period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, rename = "PracticeOutcomeForm")]
pub struct OutcomeForm {
    pub measure: String,
    pub before: String,
    pub after: String,
    pub period: String,
}

/// An entry as a person fills it in, every field as typed: what the entry
/// form holds and what `cpweek practice add` builds from its flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PracticeForm {
    /// Programme id; empty means the current programme.
    pub programme: String,
    /// The lead council, by code or name.
    pub council: String,
    /// The councils that did it with the lead council, by code or name.
    pub partner_councils: Vec<String>,
    /// Organisations that did it with the councils (a charity), by name.
    pub partner_organisations: Vec<String>,
    pub title: String,
    /// Themes, by slug or name (the seeded ones).
    pub themes: Vec<String>,
    pub summary: String,
    pub what_was_done: String,
    pub outcomes: Vec<OutcomeForm>,
    /// Where it was told before, if anywhere: a speech and its date.
    pub source: String,
    pub contact_name: String,
    pub contact_role: String,
    pub contact_email: String,
    /// The council's events it tells of, by id.
    #[ts(type = "Array<number>")]
    pub events: Vec<i64>,
}

/// One outcome as validation leaves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "PracticeOutcome")]
pub struct Outcome {
    /// What was measured: `Adoptions`.
    pub measure: String,
    /// The figure before: `20`, `49 weeks`.
    pub before: String,
    /// The figure after: `42`, `27 weeks`.
    pub after: String,
    /// Over what period: `2011 to 2013`.
    pub period: String,
}

/// Whom to ask about the practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "PracticeContact")]
pub struct Contact {
    pub name: String,
    /// Their job: `Head of adoption services`.
    pub role: Option<String>,
    pub email: String,
}

/// What an entry says beyond its councils and programme, as validation
/// leaves it; the stored entry ([`PracticeEntry`], whose JSON carries it
/// flattened) embeds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PracticeDetails {
    pub title: String,
    pub partner_organisations: Vec<String>,
    /// Theme slugs, in the order given.
    pub themes: Vec<String>,
    pub summary: String,
    pub what_was_done: Option<String>,
    pub outcomes: Vec<Outcome>,
    pub source: Option<String>,
    pub contact: Option<Contact>,
    /// Ids of the councils' events it tells of, in the order given.
    #[ts(type = "Array<number>")]
    pub events: Vec<i64>,
}

/// An entry's content once every rule holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeContent {
    pub programme_id: String,
    /// The lead council, by code.
    pub council_code: String,
    /// Partner councils, by code, in order; never the lead, never twice.
    pub partner_councils: Vec<String>,
    pub details: PracticeDetails,
}

/// The safeguarding and consent check as recorded when the entry was
/// published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConsentCheck {
    /// The full name of the person who confirmed it.
    pub checked_by: String,
    pub kind: ConsentKind,
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
}

/// The consent check as a person gives it when publishing. Which check was
/// made (`kind`) is the person's choice: none given is refused by
/// [`check_consent`], never taken as either kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConsentForm {
    /// The full name of the person who checked: `Jo Bloggs`.
    pub checked_by: String,
    pub kind: Option<ConsentKind>,
}

/// A stored practice entry, as the window and `--json` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PracticeEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// Made once, never changed: what packs carry it by.
    pub uid: String,
    pub programme: String,
    /// The lead council's DfE code, name and region.
    pub council: String,
    pub council_name: String,
    pub region: String,
    pub partner_councils: Vec<String>,
    /// Their names, in the same order.
    pub partner_council_names: Vec<String>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: PracticeDetails,
    pub status: PracticeStatus,
    /// The LGA's note when it returned the entry (kept while the council
    /// works on it, until it is submitted again).
    pub status_note: Option<String>,
    /// The check recorded when it was published; none before.
    pub consent: Option<ConsentCheck>,
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

impl PracticeEntry {
    /// The councils that did it: the lead, then its partners, by code.
    pub fn councils(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.council.as_str())
            .chain(self.partner_councils.iter().map(String::as_str))
    }

    /// Whether council `code` is the lead or a partner.
    pub fn is_by(&self, code: &str) -> bool {
        self.councils().any(|c| c == code)
    }

    /// What validation made of it when it was saved.
    pub fn content(&self) -> PracticeContent {
        PracticeContent {
            programme_id: self.programme.clone(),
            council_code: self.council.clone(),
            partner_councils: self.partner_councils.clone(),
            details: self.details.clone(),
        }
    }

    /// The form that edits it, filled in with its values.
    pub fn to_form(&self) -> PracticeForm {
        let d = &self.details;
        let contact = d.contact.as_ref();
        PracticeForm {
            programme: self.programme.clone(),
            council: self.council.clone(),
            partner_councils: self.partner_councils.clone(),
            partner_organisations: d.partner_organisations.clone(),
            title: d.title.clone(),
            themes: d.themes.clone(),
            summary: d.summary.clone(),
            what_was_done: d.what_was_done.clone().unwrap_or_default(),
            outcomes: d
                .outcomes
                .iter()
                .map(|o| OutcomeForm {
                    measure: o.measure.clone(),
                    before: o.before.clone(),
                    after: o.after.clone(),
                    period: o.period.clone(),
                })
                .collect(),
            source: d.source.clone().unwrap_or_default(),
            contact_name: contact.map(|c| c.name.clone()).unwrap_or_default(),
            contact_role: contact.and_then(|c| c.role.clone()).unwrap_or_default(),
            contact_email: contact.map(|c| c.email.clone()).unwrap_or_default(),
            events: d.events.clone(),
        }
    }
}

/// A step on an entry's way to the toolkit that a person asks for (an
/// edit is the store's `edit_practice`). Over IPC: `{ "step": "submit" }`,
/// `{ "step": "return", "note": "..." }`, `{ "step": "publish", "consent":
/// { "checked_by": "Jo Bloggs", "kind": "on_record" } }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
#[ts(export)]
pub enum PracticeStep {
    Submit,
    Approve,
    Return { note: String },
    Publish { consent: ConsentForm },
}

impl PracticeStep {
    pub fn action(&self) -> crate::permission::PracticeAction {
        use crate::permission::PracticeAction;
        match self {
            PracticeStep::Submit => PracticeAction::Submit,
            PracticeStep::Approve => PracticeAction::Approve,
            PracticeStep::Return { .. } => PracticeAction::Return,
            PracticeStep::Publish { .. } => PracticeAction::Publish,
        }
    }
}
