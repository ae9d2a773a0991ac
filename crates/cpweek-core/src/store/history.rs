//! Each event's history: what happened to it, when and by whom (the name
//! and role in the settings at the time). A row is written in the same
//! transaction as every add, edit, import, approval, return and
//! cancellation, so the history and the event never disagree.

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::events;
use super::import::{Action, ImportItem};
use crate::error::Result;
use crate::event::{Review, Status};
use crate::pack::EventRecord;
use crate::permission::{Actor, Role};
use crate::time;

/// What happened to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HistoryAction {
    Added,
    Edited,
    /// Added from an imported calendar.
    Imported,
    /// Changed by an imported calendar.
    UpdatedByImport,
    Approved,
    Returned,
    Cancelled,
    /// Added from a pack: a council's submission at the LGA, or the
    /// LGA's reply at a council that did not hold the event.
    ImportedFromPack,
    /// Its content changed by a pack (the council's change at the LGA, or
    /// the LGA's correction at the council).
    UpdatedByPack,
    /// Cancelled by its council through the council's pack.
    CancelledByPack,
    /// The LGA's decision (approved, returned, cancelled) taken from the
    /// LGA's reply, at the council.
    DecidedByPack,
    /// A person settled a pack's conflict by keeping the council's version.
    ConflictKeptCouncil,
    /// A person settled a pack's conflict by keeping the LGA's version.
    ConflictKeptLga,
}

impl HistoryAction {
    const ALL: [HistoryAction; 13] = [
        HistoryAction::Added,
        HistoryAction::Edited,
        HistoryAction::Imported,
        HistoryAction::UpdatedByImport,
        HistoryAction::Approved,
        HistoryAction::Returned,
        HistoryAction::Cancelled,
        HistoryAction::ImportedFromPack,
        HistoryAction::UpdatedByPack,
        HistoryAction::CancelledByPack,
        HistoryAction::DecidedByPack,
        HistoryAction::ConflictKeptCouncil,
        HistoryAction::ConflictKeptLga,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HistoryAction::Added => "added",
            HistoryAction::Edited => "edited",
            HistoryAction::Imported => "imported",
            HistoryAction::UpdatedByImport => "updated_by_import",
            HistoryAction::Approved => "approved",
            HistoryAction::Returned => "returned",
            HistoryAction::Cancelled => "cancelled",
            HistoryAction::ImportedFromPack => "imported_from_pack",
            HistoryAction::UpdatedByPack => "updated_by_pack",
            HistoryAction::CancelledByPack => "cancelled_by_pack",
            HistoryAction::DecidedByPack => "decided_by_pack",
            HistoryAction::ConflictKeptCouncil => "conflict_kept_council",
            HistoryAction::ConflictKeptLga => "conflict_kept_lga",
        }
    }

    /// Whether this entry, made by someone in `role`, is a change on the
    /// council's side: what puts an approved event back in the LGA's review
    /// queue ([`crate::review`]). A council organiser's add or edit is; an
    /// LGA officer's own edit is a correction, not the council's word; a
    /// calendar import is the council's word whoever ran it.
    pub fn is_council_change(self, role: Role) -> bool {
        match self {
            HistoryAction::Added | HistoryAction::Edited => role == Role::CouncilOrganiser,
            // A calendar is the council's word, whoever imports it; so is the
            // council's version kept in a pack's conflict.
            HistoryAction::Imported
            | HistoryAction::UpdatedByImport
            | HistoryAction::ConflictKeptCouncil => true,
            // A pack imported by an LGA officer is a council's submission
            // (`permission::check_pack`); one imported by a council organiser
            // is the LGA's reply, whose corrections are the LGA's.
            HistoryAction::ImportedFromPack
            | HistoryAction::UpdatedByPack
            | HistoryAction::CancelledByPack => role == Role::LgaOfficer,
            HistoryAction::Approved
            | HistoryAction::Returned
            | HistoryAction::Cancelled
            | HistoryAction::DecidedByPack
            | HistoryAction::ConflictKeptLga => false,
        }
    }

    /// Whether this entry is the LGA's decision on the event (approved or
    /// returned, or taken from the LGA's reply), which takes it out of the
    /// review queue.
    pub fn is_lga_decision(self) -> bool {
        matches!(
            self,
            HistoryAction::Approved | HistoryAction::Returned | HistoryAction::DecidedByPack
        )
    }

    pub(crate) fn parse(text: &str) -> Option<HistoryAction> {
        HistoryAction::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// For people: "Approved", "Updated from a calendar".
    pub fn label(self) -> &'static str {
        match self {
            HistoryAction::Added => "Added",
            HistoryAction::Edited => "Changed",
            HistoryAction::Imported => "Imported from a calendar",
            HistoryAction::UpdatedByImport => "Updated from a calendar",
            HistoryAction::Approved => "Approved",
            HistoryAction::Returned => "Returned to the council",
            HistoryAction::Cancelled => "Cancelled",
            HistoryAction::ImportedFromPack => "Imported from a pack",
            HistoryAction::UpdatedByPack => "Updated from a pack",
            HistoryAction::CancelledByPack => "Cancelled by its council's pack",
            HistoryAction::DecidedByPack => "The LGA's decision taken from its reply",
            HistoryAction::ConflictKeptCouncil => "The council's version kept in a pack's conflict",
            HistoryAction::ConflictKeptLga => "The LGA's version kept in a pack's conflict",
        }
    }

    /// The review decision's entry.
    pub(crate) fn of(review: &Review) -> HistoryAction {
        match review {
            Review::Approve => HistoryAction::Approved,
            Review::Return { .. } => HistoryAction::Returned,
            Review::Cancel { .. } => HistoryAction::Cancelled,
        }
    }
}

/// One entry of an event's history, as the window and `cpweek event show`
/// show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// When, in the programme's zone with its offset.
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub at: DateTime<FixedOffset>,
    /// When, for people: `Tuesday 2 September 2014, 9am`.
    pub when: String,
    /// The settings name at the time, or "unnamed" and the role.
    pub who: String,
    pub role: Role,
    pub action: HistoryAction,
    /// What happened, for people: `Approved by Jo Bloggs (LGA officer)`.
    pub summary: String,
    /// The status before; none for a new event.
    pub from_status: Option<Status>,
    pub to_status: Status,
    /// The note when returned, or the reason when cancelled.
    pub note: Option<String>,
}

/// One change to record.
pub(crate) struct Change<'a> {
    pub event_id: i64,
    pub action: HistoryAction,
    pub from: Option<Status>,
    pub to: Status,
    pub note: Option<&'a str>,
}

/// Records `change`, made by `person` at `now`; an LGA decision's row
/// with the event as it stands after it (its pack record as JSON: what
/// the review queue compares with to say which fields changed since the
/// LGA's last decision). Called once the change is written.
pub(crate) fn record(
    conn: &Connection,
    person: &Actor,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<()> {
    // Only a decision's row is ever compared with, so only it pays for
    // the read (a pack of 2,000 events writes none).
    let record = if change.action.is_lga_decision() {
        let programmes = super::reference::programmes(conn)?;
        let event = events::get(conn, &programmes, change.event_id)?;
        Some(
            serde_json::to_string(&EventRecord::of(&event, None)).expect("JSON of an event record"),
        )
    } else {
        None
    };
    conn.prepare_cached(
        "INSERT INTO event_history (event_id, at, who, role, action, from_status, to_status, note, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        change.event_id,
        time::to_store(now),
        person.who(),
        person.role.as_str(),
        change.action.as_str(),
        change.from.map(Status::as_str),
        change.to.as_str(),
        change.note,
        record,
    ])?;
    Ok(())
}

/// Records what an import created or changed (an unchanged event has no
/// entry), naming the person in the settings. The status before an update
/// is the one its history last recorded.
pub(crate) fn record_import(
    conn: &Connection,
    items: &[ImportItem],
    now: DateTime<Utc>,
) -> Result<()> {
    let person = &super::settings::read(conn)?.person();
    for item in items {
        let action = match item.action {
            Action::Created => HistoryAction::Imported,
            Action::Updated => HistoryAction::UpdatedByImport,
            Action::Unchanged => continue,
        };
        let (event_id, status, note): (i64, String, Option<String>) = conn
            .prepare_cached("SELECT id, status, status_note FROM events WHERE uid = ?1")?
            .query_row([&item.uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let to = parse_status(&status, 1)?;
        let from = match action {
            HistoryAction::Imported => None,
            _ => last_status(conn, event_id)?,
        };
        let note = (to == Status::Cancelled && from != Some(Status::Cancelled))
            .then_some(note)
            .flatten();
        record(
            conn,
            person,
            &Change {
                event_id,
                action,
                from,
                to,
                note: note.as_deref(),
            },
            now,
        )?;
    }
    Ok(())
}

fn parse_status(text: &str, idx: usize) -> rusqlite::Result<Status> {
    Status::parse(text).ok_or_else(|| events::conversion(idx, format!("unknown status {text}")))
}

fn last_status(conn: &Connection, event_id: i64) -> Result<Option<Status>> {
    let text: Option<String> = conn
        .prepare_cached(
            "SELECT to_status FROM event_history WHERE event_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([event_id], |r| r.get(0))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    Ok(text.map(|t| parse_status(&t, 0)).transpose()?)
}

/// An event's history, oldest first, its times in `tz`.
pub(crate) fn list(
    conn: &Connection,
    event_id: i64,
    tz: chrono_tz::Tz,
) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, who, role, action, from_status, to_status, note
         FROM event_history WHERE event_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([event_id], |r| {
        let at = events::instant(r, 0)?.with_timezone(&tz);
        let who: String = r.get(1)?;
        let role: String = r.get(2)?;
        let role = Role::parse(&role)
            .ok_or_else(|| events::conversion(2, format!("unknown role {role}")))?;
        let action: String = r.get(3)?;
        let action = HistoryAction::parse(&action)
            .ok_or_else(|| events::conversion(3, format!("unknown action {action}")))?;
        let from: Option<String> = r.get(4)?;
        let to: String = r.get(5)?;
        Ok(HistoryEntry {
            at: at.fixed_offset(),
            when: time::format_when(at.naive_local()),
            summary: format!("{} by {who} ({})", action.label(), role.label()),
            who,
            role,
            action,
            from_status: from.map(|f| parse_status(&f, 4)).transpose()?,
            to_status: parse_status(&to, 5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
