//! What an import of a pack did, record by record, and the conflicts
//! waiting for a person's choice.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::practice::PracticeRecord;
use super::request::RequestRecord;
use super::{EventRecord, PackKind, Side};

/// What became of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "PackOutcome")]
pub enum Outcome {
    Created,
    Changed,
    Unchanged,
    /// Not taken: the reason says why (and `field` names the field at
    /// fault, when one is).
    Refused,
    /// Changed on both sides since the last exchange: both versions kept
    /// until a person chooses (`conflict` is its number).
    Conflict,
}

/// One field an import changed, with its value before and after (as the
/// pack writes it: text, a number, true or false, a list, or null).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "PackFieldChange")]
pub struct FieldChange {
    pub field: String,
    #[ts(
        type = "string | number | boolean | string[] | { key: string | null, name: string, title: string } | Record<string, unknown> | Array<Record<string, unknown>> | null"
    )]
    pub old: Value,
    #[ts(
        type = "string | number | boolean | string[] | { key: string | null, name: string, title: string } | Record<string, unknown> | Array<Record<string, unknown>> | null"
    )]
    pub new: Value,
}

impl FieldChange {
    /// Each field that differs between two request records.
    pub fn between_requests(old: &RequestRecord, new: &RequestRecord) -> Vec<FieldChange> {
        old.differences(new)
            .into_iter()
            .map(|(field, old, new)| FieldChange { field, old, new })
            .collect()
    }

    /// Each field that differs between two practice records.
    pub fn between_practice(old: &PracticeRecord, new: &PracticeRecord) -> Vec<FieldChange> {
        old.differences(new)
            .into_iter()
            .map(|(field, old, new)| FieldChange { field, old, new })
            .collect()
    }

    /// Each field that differs between `old` and `new`.
    pub fn between(old: &EventRecord, new: &EventRecord) -> Vec<FieldChange> {
        old.differences(new)
            .into_iter()
            .map(|(field, old, new)| FieldChange { field, old, new })
            .collect()
    }
}

/// One record of the pack and what the import made of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackItem {
    pub uid: String,
    pub title: String,
    pub outcome: Outcome,
    /// The event here, once created or when it was already here.
    #[ts(type = "number | null")]
    pub event_id: Option<i64>,
    /// For a changed record: each field, old and new.
    pub changes: Vec<FieldChange>,
    /// For a refused record: why.
    pub reason: Option<String>,
    /// For a refused record: the field at fault, when one is.
    pub field: Option<String>,
    /// For a conflict: its number, for `cpweek pack resolve`.
    #[ts(type = "number | null")]
    pub conflict: Option<i64>,
    /// What else a person should know (a status in the pack not taken).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackReport {
    pub kind: PackKind,
    /// The pack's council, for people: `Kent (886)`.
    pub council: String,
    pub programme: String,
    /// When the pack was made (UTC).
    pub made_at: String,
    pub dry_run: bool,
    pub created: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub conflicts: usize,
    pub items: Vec<PackItem>,
    /// The pack's ministerial requests, record by record (format
    /// version 2); the counts above are the events'.
    pub requests: Vec<PackRequestItem>,
    /// How many requests were created, changed, ... .
    pub request_counts: PackCounts,
    /// The pack's practice entries, record by record (format version 3).
    pub practice: Vec<PackPracticeItem>,
    /// How many practice entries were created, changed, ... .
    pub practice_counts: PackCounts,
}

/// One practice record of the pack and what the import made of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackPracticeItem {
    pub uid: String,
    /// The entry's title.
    pub title: String,
    pub outcome: Outcome,
    /// The entry here, once created or when it was already here.
    #[ts(type = "number | null")]
    pub entry_id: Option<i64>,
    /// For a changed record: each field, old and new.
    pub changes: Vec<FieldChange>,
    /// For a refused record: why.
    pub reason: Option<String>,
    /// For a refused record: the field at fault, when one is.
    pub field: Option<String>,
    /// For a conflict: its number, for `cpweek pack resolve`.
    #[ts(type = "number | null")]
    pub conflict: Option<i64>,
    /// What else a person should know.
    pub notes: Vec<String>,
}

/// A practice entry changed on both sides since the last exchange,
/// waiting for a person to choose; numbered with the events' conflicts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackPracticeConflict {
    #[ts(type = "number")]
    pub id: i64,
    /// Always `"practice"`: tells it from the others in
    /// `cpweek pack conflicts --json`.
    pub record: String,
    #[ts(type = "number")]
    pub entry_id: i64,
    pub uid: String,
    pub title: String,
    /// The side the pack came from; this database is the other side.
    pub from: Side,
    /// This database's version, as it is now.
    pub here: PracticeRecord,
    /// The pack's version.
    pub there: PracticeRecord,
    /// The fields that differ: `old` here, `new` in the pack.
    pub fields: Vec<FieldChange>,
    /// When the import found it (UTC).
    pub opened_at: String,
}

/// How many records of one kind each outcome had.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PackCounts {
    pub created: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub conflicts: usize,
}

impl PackCounts {
    pub fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Changed => self.changed += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Refused => self.refused += 1,
            Outcome::Conflict => self.conflicts += 1,
        }
    }
}

/// One request record of the pack and what the import made of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackRequestItem {
    pub uid: String,
    /// For people: who, to do what, at which event
    /// (`Edward Timpson MP to speak: Kent celebrates its care leavers`).
    pub title: String,
    pub outcome: Outcome,
    /// The request here, once created or when it was already here.
    #[ts(type = "number | null")]
    pub request_id: Option<i64>,
    /// For a changed record: each field, old and new.
    pub changes: Vec<FieldChange>,
    /// For a refused record: why.
    pub reason: Option<String>,
    /// For a refused record: the field at fault, when one is.
    pub field: Option<String>,
    /// For a conflict: its number, for `cpweek pack resolve`.
    #[ts(type = "number | null")]
    pub conflict: Option<i64>,
    /// What else a person should know (a status in the pack not taken).
    pub notes: Vec<String>,
}

/// A request changed on both sides since the last exchange, waiting for a
/// person to choose which version to keep. Its number is in the same
/// series as the events' conflicts (`cpweek pack resolve ID`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackRequestConflict {
    #[ts(type = "number")]
    pub id: i64,
    /// Always `"request"`: tells it from an event's conflict in
    /// `cpweek pack conflicts --json`.
    pub record: String,
    #[ts(type = "number")]
    pub request_id: i64,
    pub uid: String,
    pub title: String,
    /// The side the pack came from; this database is the other side.
    pub from: Side,
    /// This database's version, as it is now.
    pub here: RequestRecord,
    /// The pack's version.
    pub there: RequestRecord,
    /// The fields that differ: `old` here, `new` in the pack.
    pub fields: Vec<FieldChange>,
    /// When the import found it (UTC).
    pub opened_at: String,
}

/// The conflicts waiting for a choice: events' and requests', by number.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum AnyPackConflict {
    Event(PackConflict),
    Request(PackRequestConflict),
    Practice(PackPracticeConflict),
}

impl AnyPackConflict {
    pub fn id(&self) -> i64 {
        match self {
            AnyPackConflict::Event(c) => c.id,
            AnyPackConflict::Request(c) => c.id,
            AnyPackConflict::Practice(c) => c.id,
        }
    }
}

/// What settling a conflict kept: an event, or a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Resolved {
    Event(Box<crate::event::Event>),
    Request(Box<crate::attendance::Request>),
    Practice(Box<crate::practice::PracticeEntry>),
}

impl Resolved {
    /// What was kept, for people: the event's or entry's title, or the
    /// request (`Edward Timpson MP to speak: Kent celebrates its care
    /// leavers`).
    pub fn title(&self) -> String {
        match self {
            Resolved::Event(event) => event.details.title.clone(),
            Resolved::Request(request) => format!(
                "{} to {}: {}",
                request.person_name,
                request.role.label(),
                request.title
            ),
            Resolved::Practice(entry) => entry.details.title.clone(),
        }
    }
}

/// A record changed on both sides since the last exchange, waiting for a
/// person to choose which version to keep.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PackConflict {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub event_id: i64,
    pub uid: String,
    pub title: String,
    /// The side the pack came from; this database is the other side.
    pub from: Side,
    /// This database's version, as it is now.
    pub here: EventRecord,
    /// The pack's version.
    pub there: EventRecord,
    /// The fields that differ: `old` here, `new` in the pack.
    pub fields: Vec<FieldChange>,
    /// When the import found it (UTC).
    pub opened_at: String,
}
