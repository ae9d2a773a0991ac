//! A pack's practice conflicts: entries changed on both sides since the
//! last exchange, kept (the pack's version in `pack_conflicts`, with
//! `practice_id` and no event) until a person chooses which to keep;
//! numbered with the events' and requests' conflicts.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::events::conversion;
use super::pack_conflicts::capitalised;
use super::pack_practice::{check, record_of, set_exchanged, write_change, Change};
use super::practice::{self as stored, PracticeHistoryAction};
use super::{settings, Store};
use crate::catalogue::Catalogue;
use crate::error::{Error, Result};
use crate::pack::practice::PracticeRecord;
use crate::pack::report::{FieldChange, Outcome, PackPracticeConflict, PackPracticeItem};
use crate::pack::{PackKind, Side};
use crate::permission::{self, PackAction};
use crate::time;

/// Keeps both versions: the pack's record waits in `pack_conflicts` (an
/// older version of the same record waiting there is replaced by it).
#[allow(clippy::too_many_arguments)]
pub(super) fn open_conflict(
    tx: &Transaction,
    before: &PracticeRecord,
    entry_id: i64,
    record: &PracticeRecord,
    from: Side,
    incoming: &str,
    mut item: PackPracticeItem,
    now: DateTime<Utc>,
) -> Result<PackPracticeItem> {
    tx.prepare_cached(
        "DELETE FROM pack_conflicts
         WHERE uid = ?1 AND resolved_at IS NULL AND practice_id IS NOT NULL",
    )?
    .execute([&record.uid])?;
    let json = serde_json::to_string(record).expect("JSON of a record");
    tx.prepare_cached(
        "INSERT INTO pack_conflicts (practice_id, uid, side, record, digest, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        entry_id,
        record.uid,
        from.as_str(),
        json,
        incoming,
        time::to_store(now)
    ])?;
    let id = tx.last_insert_rowid();
    item.outcome = Outcome::Conflict;
    item.conflict = Some(id);
    item.changes = FieldChange::between_practice(before, record);
    item.reason = Some(format!(
        "changed here and in {} pack since the last exchange: both versions are kept until a person chooses (`cpweek pack resolve {id} --keep lga|council`)",
        from.possessive()
    ));
    Ok(item)
}

/// Open practice conflict `id`, with the digest of the pack's version.
fn conflict(conn: &Connection, id: i64) -> Result<Option<(PackPracticeConflict, String)>> {
    let row: Option<(i64, String, String, String, String, String, bool)> = conn
        .prepare_cached(
            "SELECT practice_id, uid, side, record, digest, opened_at, resolved_at IS NOT NULL
             FROM pack_conflicts WHERE id = ?1 AND practice_id IS NOT NULL",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    let Some((entry_id, uid, side, record, digest, opened_at, resolved)) = row else {
        return Ok(None);
    };
    if resolved {
        return Err(Error::Conflict(format!(
            "pack conflict {id} was already resolved"
        )));
    }
    let from = Side::parse(&side).ok_or_else(|| conversion(2, format!("unknown side {side}")))?;
    let there: PracticeRecord = serde_json::from_str(&record)
        .map_err(|e| conversion(3, format!("a stored pack practice record: {e}")))?;
    let here = record_of(conn, &stored::get(conn, entry_id)?)?;
    Ok(Some((
        PackPracticeConflict {
            id,
            record: "practice".into(),
            entry_id,
            uid,
            title: here.title.clone(),
            from,
            fields: FieldChange::between_practice(&here, &there),
            here,
            there,
            opened_at,
        },
        digest,
    )))
}

impl Store {
    /// The practice entries' conflicts waiting for a choice, oldest first.
    pub fn pack_practice_conflicts(&self) -> Result<Vec<PackPracticeConflict>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM pack_conflicts
                 WHERE resolved_at IS NULL AND practice_id IS NOT NULL ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids
            .into_iter()
            .map(|id| conflict(&self.conn, id))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .map(|(c, _)| c)
            .collect())
    }

    /// Whether pack conflict `id` is a practice entry's.
    pub(super) fn is_practice_conflict(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT practice_id IS NOT NULL FROM pack_conflicts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or(false))
    }

    /// Settles practice conflict `id` by keeping one side's version.
    pub(super) fn resolve_practice_conflict(
        &mut self,
        id: i64,
        keep: Side,
        now: DateTime<Utc>,
    ) -> Result<crate::practice::PracticeEntry> {
        let catalogue = self.catalogue()?;
        let entry_id = self.write(|tx| resolve(tx, &catalogue, id, keep, now))?;
        stored::get(&self.conn, entry_id)
    }
}

/// Settles practice conflict `id`: the pack's side's version is written
/// here (as an import would), or this database's is kept and goes back to
/// the other side in the next pack, which says the other's was seen.
fn resolve(
    tx: &Transaction,
    catalogue: &Catalogue,
    id: i64,
    keep: Side,
    now: DateTime<Utc>,
) -> Result<i64> {
    let Some((c, digest)) = conflict(tx, id)? else {
        return Err(Error::NotFound {
            what: "pack conflict",
            id: id.to_string(),
        });
    };
    let s = settings::read(tx)?;
    permission::check_pack(
        s.role,
        s.my_council.as_deref(),
        PackAction::Resolve { from: c.from },
        &c.here.council,
    )?;
    let person = s.person();
    let action = match keep {
        Side::Council => PracticeHistoryAction::ConflictKeptCouncil,
        Side::Lga => PracticeHistoryAction::ConflictKeptLga,
    };
    let kept_note = format!(
        "{} version kept (pack conflict {id})",
        capitalised(keep.possessive())
    );
    let entry = stored::get(tx, c.entry_id)?;
    if keep == c.from {
        let kind = match c.from {
            Side::Council => PackKind::Submission,
            Side::Lga => PackKind::Reply,
        };
        let checked = match check(tx, catalogue, kind, &c.there)? {
            Ok(checked) => checked,
            Err((field, why)) => {
                return Err(Error::Conflict(format!(
                    "conflict {id}: {} version no longer passes the practice rules ({field}: {why}); keep the other version",
                    c.from.possessive()
                )))
            }
        };
        let change = Change {
            kind,
            take: true,
            decisions: true,
            action,
            note: Some(&kept_note),
        };
        write_change(tx, &person, &entry, &c.there, &checked, &change, now)?;
    } else {
        // This version goes back to the other side as a change of its own.
        tx.prepare_cached("UPDATE practice_entries SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![entry.id, time::to_store(now)])?;
        stored::record(
            tx,
            &person,
            entry.id,
            action,
            Some(entry.status),
            entry.status,
            Some(&kept_note),
            now,
        )?;
    }
    set_exchanged(tx, &c.uid, c.from, &digest, now)?;
    tx.prepare_cached("UPDATE pack_conflicts SET resolved_at = ?2, kept = ?3 WHERE id = ?1")?
        .execute(params![id, time::to_store(now), keep.as_str()])?;
    Ok(entry.id)
}
