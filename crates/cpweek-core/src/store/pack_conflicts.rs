//! A pack's conflicts: records changed on both sides since the last
//! exchange, kept (the pack's version in `pack_conflicts`) until a person
//! chooses which to keep.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::pack::{set_exchanged, write_change};
use super::{events, history, settings, Store};
use crate::error::{Error, Result};
use crate::event::{self, Event};
use crate::pack::report::{FieldChange, Outcome, PackConflict, PackItem};
use crate::pack::rules::decide_status;
use crate::pack::{EventRecord, PackKind, Side};
use crate::permission::{self, PackAction};
use crate::store::HistoryAction;
use crate::time;

impl Store {
    /// The conflicts waiting for a person's choice, oldest first.
    pub fn pack_conflicts(&self) -> Result<Vec<PackConflict>> {
        let programmes = self.programmes()?;
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM pack_conflicts
                 WHERE resolved_at IS NULL AND request_id IS NULL AND practice_id IS NULL ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| conflict(&self.conn, &programmes, id).map(|(c, _)| c))
            .collect()
    }

    /// Settles conflict `id` by keeping one side's version: the pack's
    /// side's is written here (as an import would), or this database's is
    /// kept and goes back to the other side in the next pack, which will
    /// say that it was made with the other side's version seen.
    pub fn resolve_pack_conflict(
        &mut self,
        id: i64,
        keep: Side,
        now: DateTime<Utc>,
    ) -> Result<Event> {
        let catalogue = self.catalogue()?;
        let event_id = self.write(|tx| {
            let (c, digest) = conflict(tx, &catalogue.programmes, id)?;
            let s = settings::read(tx)?;
            let old = events::get(tx, &catalogue.programmes, c.event_id)?;
            permission::check_pack(
                s.role,
                s.my_council.as_deref(),
                PackAction::Resolve { from: c.from },
                &old.council,
            )?;
            let person = s.person();
            let action = match keep {
                Side::Council => HistoryAction::ConflictKeptCouncil,
                Side::Lga => HistoryAction::ConflictKeptLga,
            };
            let kept_note = format!(
                "{} version kept (pack conflict {id})",
                capitalised(keep.possessive())
            );
            if keep == c.from {
                let checked = event::validate(&c.there.to_form(), &catalogue).map_err(|fields| {
                    Error::Conflict(format!(
                        "conflict {id}: {}'s version no longer passes the event rules ({}); keep the other version, or edit the event",
                        c.from.possessive(),
                        fields.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("; ")
                    ))
                })?;
                let kind = match c.from {
                    Side::Council => PackKind::Submission,
                    Side::Lga => PackKind::Reply,
                };
                let decided = decide_status(kind, &old, &c.there, true)
                    .map_err(|m| Error::Conflict(format!("conflict {id}: {m}")))?;
                write_change(
                    tx,
                    &catalogue,
                    &old,
                    &c.there,
                    Some(&checked.content),
                    &decided,
                    &person,
                    action,
                    Some(&kept_note),
                    now,
                )?;
            } else {
                // This version goes back to the other side as a change of
                // its own: its SEQUENCE rises past both sides'.
                tx.prepare_cached(
                    "UPDATE events SET sequence = ?2, updated_at = ?3 WHERE id = ?1",
                )?
                .execute(params![
                    old.id,
                    old.sequence.max(c.there.sequence) + 1,
                    time::to_store(now)
                ])?;
                let change = history::Change {
                    event_id: old.id,
                    action,
                    from: Some(old.status),
                    to: old.status,
                    note: Some(&kept_note),
                };
                history::record(tx, &person, &change, now)?;
            }
            set_exchanged(tx, &c.uid, c.from, &digest, now)?;
            tx.prepare_cached(
                "UPDATE pack_conflicts SET resolved_at = ?2, kept = ?3 WHERE id = ?1",
            )?
            .execute(params![id, time::to_store(now), keep.as_str()])?;
            Ok(old.id)
        })?;
        events::get(&self.conn, &catalogue.programmes, event_id)
    }
}

pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Open conflict `id`, with the digest of the pack's version.
fn conflict(
    conn: &Connection,
    programmes: &[crate::programme::Programme],
    id: i64,
) -> Result<(PackConflict, String)> {
    /// A row of `pack_conflicts`.
    struct Row {
        event_id: i64,
        uid: String,
        side: String,
        record: String,
        digest: String,
        opened_at: String,
        resolved: bool,
    }
    let row = conn
        .prepare_cached(
            "SELECT event_id, uid, side, record, digest, opened_at, resolved_at IS NOT NULL
             FROM pack_conflicts WHERE id = ?1 AND request_id IS NULL AND practice_id IS NULL",
        )?
        .query_row([id], |r| {
            Ok(Row {
                event_id: r.get(0)?,
                uid: r.get(1)?,
                side: r.get(2)?,
                record: r.get(3)?,
                digest: r.get(4)?,
                opened_at: r.get(5)?,
                resolved: r.get(6)?,
            })
        })
        .optional()?;
    let Some(Row {
        event_id,
        uid,
        side,
        record,
        digest,
        opened_at,
        resolved,
    }) = row
    else {
        return Err(Error::NotFound {
            what: "pack conflict",
            id: id.to_string(),
        });
    };
    if resolved {
        return Err(Error::Conflict(format!(
            "pack conflict {id} was already resolved"
        )));
    }
    let from =
        Side::parse(&side).ok_or_else(|| events::conversion(2, format!("unknown side {side}")))?;
    let there: EventRecord = serde_json::from_str(&record)
        .map_err(|e| events::conversion(3, format!("a stored pack record: {e}")))?;
    let event = events::get(conn, programmes, event_id)?;
    let here = EventRecord::of(&event, None);
    Ok((
        PackConflict {
            id,
            event_id,
            uid,
            title: event.details.title.clone(),
            from,
            fields: FieldChange::between(&here, &there),
            here,
            there,
            opened_at,
        },
        digest,
    ))
}

/// Keeps both versions: the pack's record waits in `pack_conflicts` (an
/// older version of the same record waiting there is replaced by it).
pub(super) fn open_conflict(
    tx: &Transaction,
    old: &Event,
    record: &EventRecord,
    from: Side,
    incoming: &str,
    mut item: PackItem,
    now: DateTime<Utc>,
) -> Result<PackItem> {
    tx.prepare_cached(
        "DELETE FROM pack_conflicts WHERE uid = ?1 AND resolved_at IS NULL AND request_id IS NULL AND practice_id IS NULL",
    )?
    .execute([&record.uid])?;
    let json = serde_json::to_string(record).expect("JSON of a record");
    tx.prepare_cached(
        "INSERT INTO pack_conflicts (event_id, uid, side, record, digest, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        old.id,
        record.uid,
        from.as_str(),
        json,
        incoming,
        time::to_store(now)
    ])?;
    let id = tx.last_insert_rowid();
    item.outcome = Outcome::Conflict;
    item.conflict = Some(id);
    item.changes = FieldChange::between(&EventRecord::of(old, None), record);
    item.reason = Some(format!(
        "changed here and in {} pack since the last exchange: both versions are kept until a person chooses (`cpweek pack resolve {id} --keep lga|council`)",
        from.possessive()
    ));
    Ok(item)
}
