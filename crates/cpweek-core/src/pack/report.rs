//! What an import of a pack did, record by record, and the conflicts
//! waiting for a person's choice.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

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
    #[ts(type = "string | number | boolean | string[] | null")]
    pub old: Value,
    #[ts(type = "string | number | boolean | string[] | null")]
    pub new: Value,
}

impl FieldChange {
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
