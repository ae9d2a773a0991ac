//! What changed between two states of the published programme (two
//! numbered releases, or none and the first): events added, events changed
//! (which fields, old and new, named as the public reads them) and events
//! that left the programme (cancelled, or withdrawn: made private, returned
//! or otherwise no longer approved; the public is never told which, since
//! a private event is nobody's business but its council's).
//!
//! [`diff`] is a pure function of two [`PublishedProgramme`]s, so it can
//! only ever mention what was published: nothing private reaches it.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use ts_rs::TS;

use super::{PublishedEvent, PublishedProgramme};

/// An event as a list of changes names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EventMention {
    /// The iCalendar UID, which never changes: how releases are matched.
    pub uid: String,
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// The council's name as people use it.
    pub council: String,
    /// When it happens, GOV.UK style (`Tuesday 28 October 2014, 10am to
    /// midday`).
    pub when: String,
}

impl EventMention {
    fn of(e: &PublishedEvent) -> EventMention {
        EventMention {
            uid: e.uid.clone(),
            id: e.id,
            title: e.title.clone(),
            council: e.council_name.clone(),
            when: e.when(),
        }
    }
}

/// One field of an event that changed: its name as the public reads it
/// (`Venue`, `When`, `Contact email`) and its old and new values (none:
/// not given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// An event in both releases whose public fields differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChangedEvent {
    /// As the later release has it.
    pub event: EventMention,
    /// The fields that changed, in the order the public reads them.
    pub fields: Vec<FieldChange>,
}

/// Why an event left the programme, as far as the public may know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Leaving {
    /// Its council cancelled it (partners' calendars show it cancelled).
    Cancelled,
    /// It is no longer in the published programme for another reason
    /// (returned to its council, made private); the public is not told
    /// which.
    Withdrawn,
}

impl Leaving {
    pub fn label(self) -> &'static str {
        match self {
            Leaving::Cancelled => "cancelled",
            Leaving::Withdrawn => "withdrawn",
        }
    }
}

/// An event in the earlier release that is not in the later one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LeftEvent {
    /// As the earlier release had it.
    pub event: EventMention,
    pub why: Leaving,
}

/// Everything that changed from one state of the programme to another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProgrammeChanges {
    /// Events in the later release only, in start order.
    pub added: Vec<EventMention>,
    /// Events in both whose public fields differ, in start order.
    pub changed: Vec<ChangedEvent>,
    /// Events in the earlier release only, in its start order.
    pub left: Vec<LeftEvent>,
}

impl ProgrammeChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.left.is_empty()
    }

    /// How many of each, for a heading: `2 added, 1 changed, 1 cancelled`;
    /// `no changes to events`.
    pub fn counts(&self) -> String {
        let cancelled = self
            .left
            .iter()
            .filter(|l| l.why == Leaving::Cancelled)
            .count();
        let withdrawn = self.left.len() - cancelled;
        let parts: Vec<String> = [
            (self.added.len(), "added"),
            (self.changed.len(), "changed"),
            (cancelled, "cancelled"),
            (withdrawn, "withdrawn"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            "no changes to events".to_string()
        } else {
            parts.join(", ")
        }
    }

    /// The changes as plain text, one line each (a value of several lines
    /// is given on one): the Atom feed's entries and the command line both
    /// say it in these words. Text, never markup: whoever shows it escapes
    /// it for its format.
    pub fn lines(&self) -> Vec<String> {
        let mention = |e: &EventMention| format!("{} ({}), {}", e.title, e.council, e.when);
        let value = |v: &Option<String>| match v {
            Some(v) => format!("\"{}\"", crate::text::joined_lines(v)),
            None => "(none)".to_string(),
        };
        let mut out = Vec::new();
        if !self.added.is_empty() {
            out.push(format!("Added ({}):", self.added.len()));
            out.extend(self.added.iter().map(|e| format!("- {}", mention(e))));
        }
        if !self.changed.is_empty() {
            out.push(format!("Changed ({}):", self.changed.len()));
            for c in &self.changed {
                out.push(format!("- {}", mention(&c.event)));
                out.extend(
                    c.fields
                        .iter()
                        .map(|f| format!("  {}: {} to {}", f.field, value(&f.old), value(&f.new))),
                );
            }
        }
        for why in [Leaving::Cancelled, Leaving::Withdrawn] {
            let left: Vec<&LeftEvent> = self.left.iter().filter(|l| l.why == why).collect();
            if left.is_empty() {
                continue;
            }
            let heading = match why {
                Leaving::Cancelled => "Cancelled",
                Leaving::Withdrawn => "Withdrawn from the programme",
            };
            out.push(format!("{heading} ({}):", left.len()));
            out.extend(left.iter().map(|l| format!("- {}", mention(&l.event))));
        }
        out
    }
}

/// An event's public fields, by the names the public reads them under
/// (the programme's spreadsheet's column names), as text.
fn fields(p: &PublishedProgramme, e: &PublishedEvent) -> [(&'static str, Option<String>); 15] {
    let names = |terms: &[crate::programme::Term]| {
        (!terms.is_empty()).then(|| {
            terms
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let conference_day = match (&p.conference, e.conference_day) {
        (Some(c), Some(n)) => Some(format!("{} conference day {n}", c.short_name)),
        _ => None,
    };
    [
        ("Title", Some(e.title.clone())),
        ("When", Some(e.when())),
        ("Conference day", conference_day),
        ("Council", Some(e.council_name.clone())),
        (
            "Partner councils",
            (!e.partners.is_empty()).then(|| {
                e.partners
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ),
        ("Venue", e.venue.clone()),
        ("Address", e.address.clone()),
        ("Postcode", e.postcode.clone()),
        ("Themes", names(&e.themes)),
        ("Audiences", names(&e.audiences)),
        ("Description", e.description.clone()),
        ("Booking", e.booking_url.clone()),
        ("Contact name", e.contact_name.clone()),
        ("Contact email", e.contact_email.clone()),
        ("Contact phone", e.contact_phone.clone()),
    ]
}

/// What changed from `old` to `new`, events matched by UID. An event in
/// `old` only is [`Leaving::Cancelled`] if its UID is in `cancelled` (the
/// events partners' calendars show as cancelled when `new` was made),
/// otherwise [`Leaving::Withdrawn`].
pub fn diff(
    old: &PublishedProgramme,
    new: &PublishedProgramme,
    cancelled: &BTreeSet<String>,
) -> ProgrammeChanges {
    let before: HashMap<&str, &PublishedEvent> =
        old.events.iter().map(|e| (e.uid.as_str(), e)).collect();
    let after: HashMap<&str, &PublishedEvent> =
        new.events.iter().map(|e| (e.uid.as_str(), e)).collect();
    let mut changes = ProgrammeChanges::default();
    for e in &new.events {
        let Some(was) = before.get(e.uid.as_str()) else {
            changes.added.push(EventMention::of(e));
            continue;
        };
        let fields: Vec<FieldChange> = fields(old, was)
            .into_iter()
            .zip(fields(new, e))
            .filter(|((_, a), (_, b))| a != b)
            .map(|((field, old), (_, new))| FieldChange {
                field: field.to_string(),
                old,
                new,
            })
            .collect();
        if !fields.is_empty() {
            changes.changed.push(ChangedEvent {
                event: EventMention::of(e),
                fields,
            });
        }
    }
    changes.left = old
        .events
        .iter()
        .filter(|e| !after.contains_key(e.uid.as_str()))
        .map(|e| LeftEvent {
            event: EventMention::of(e),
            why: if cancelled.contains(&e.uid) {
                Leaving::Cancelled
            } else {
                Leaving::Withdrawn
            },
        })
        .collect();
    changes
}

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
