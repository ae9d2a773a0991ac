//! A pack's practice conflicts: entries changed on both sides since the
//! last exchange, kept (the pack's version in `pack_conflicts`, with
//! `practice_id` and no event) until a person chooses which to keep;
//! numbered with the events' and requests' conflicts.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};

use super::events::conversion;
use super::pack_exchange::{self, set_exchanged, RecordKind};
use super::pack_practice::{check, record_of, write_change, Change};
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
    let waiting = pack_exchange::Waiting {
        kind: RecordKind::Practice,
        record_id: entry_id,
        event_id: None,
        uid: &record.uid,
        from,
        record: serde_json::to_string(record).expect("JSON of a record"),
        digest: incoming,
    };
    let id = pack_exchange::open(tx, &waiting, now)?;
    item.outcome = Outcome::Conflict;
    item.conflict = Some(id);
    item.changes = FieldChange::between_practice(before, record);
    item.reason = Some(pack_exchange::waiting_reason(from, id));
    Ok(item)
}

/// Open practice conflict `id`, with the digest of the pack's version.
fn conflict(conn: &Connection, id: i64) -> Result<Option<(PackPracticeConflict, String)>> {
    let Some(pack_exchange::Stored {
        record_id: entry_id,
        uid,
        from,
        record,
        digest,
        opened_at,
    }) = pack_exchange::stored(conn, RecordKind::Practice, id)?
    else {
        return Ok(None);
    };
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
        let ids = pack_exchange::open_ids(&self.conn, RecordKind::Practice)?;
        Ok(ids
            .into_iter()
            .map(|id| conflict(&self.conn, id))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .map(|(c, _)| c)
            .collect())
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
    let kept_note = pack_exchange::kept_note(keep, id);
    let entry = stored::get(tx, c.entry_id)?;
    if keep == c.from {
        let kind = PackKind::made_by(c.from);
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
    set_exchanged(tx, RecordKind::Practice, &c.uid, c.from, &digest, now)?;
    pack_exchange::close(tx, id, keep, now)?;
    Ok(entry.id)
}
