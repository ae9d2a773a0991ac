//! A pack's request conflicts: requests changed on both sides since the
//! last exchange, kept (the pack's version in `pack_conflicts`, with
//! `request_id`) until a person chooses which to keep; numbered with the
//! events' conflicts.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::events::conversion;
use super::pack_request_check::check;
use super::pack_requests::{here_by_uid, record_of, set_exchanged, write_change};
use super::requests::{self, Change};
use super::{pack_conflicts::capitalised, settings, Store};
use crate::attendance::RequestHistoryAction;
use crate::catalogue::Catalogue;
use crate::error::{Error, Result};
use crate::pack::report::{FieldChange, Outcome, PackRequestConflict, PackRequestItem, Resolved};
use crate::pack::request::RequestRecord;
use crate::pack::{PackKind, Side};
use crate::permission::{self, PackAction};
use crate::programme::Programme;
use crate::time;

/// Keeps both versions: the pack's record waits in `pack_conflicts` (an
/// older version of the same record waiting there is replaced by it).
#[allow(clippy::too_many_arguments)]
pub(super) fn open_conflict(
    tx: &Transaction,
    before: &RequestRecord,
    request_id: i64,
    record: &RequestRecord,
    from: Side,
    incoming: &str,
    mut item: PackRequestItem,
    now: DateTime<Utc>,
) -> Result<PackRequestItem> {
    tx.prepare_cached(
        "DELETE FROM pack_conflicts
         WHERE uid = ?1 AND resolved_at IS NULL AND request_id IS NOT NULL",
    )?
    .execute([&record.uid])?;
    let event_id: i64 = tx
        .prepare_cached("SELECT event_id FROM requests WHERE id = ?1")?
        .query_row([request_id], |r| r.get(0))?;
    let json = serde_json::to_string(record).expect("JSON of a record");
    tx.prepare_cached(
        "INSERT INTO pack_conflicts (event_id, request_id, uid, side, record, digest, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        event_id,
        request_id,
        record.uid,
        from.as_str(),
        json,
        incoming,
        time::to_store(now)
    ])?;
    let id = tx.last_insert_rowid();
    item.outcome = Outcome::Conflict;
    item.conflict = Some(id);
    item.changes = FieldChange::between_requests(before, record);
    item.reason = Some(format!(
        "changed here and in {} pack since the last exchange: both versions are kept until a person chooses (`cpweek pack resolve {id} --keep lga|council`)",
        from.possessive()
    ));
    Ok(item)
}

/// Open request conflict `id`, with the digest of the pack's version.
fn conflict(
    conn: &Connection,
    programmes: &[Programme],
    id: i64,
) -> Result<Option<(PackRequestConflict, String)>> {
    let row: Option<(i64, String, String, String, String, String, bool)> = conn
        .prepare_cached(
            "SELECT request_id, uid, side, record, digest, opened_at, resolved_at IS NOT NULL
             FROM pack_conflicts WHERE id = ?1 AND request_id IS NOT NULL",
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
    let Some((request_id, uid, side, record, digest, opened_at, resolved)) = row else {
        return Ok(None);
    };
    if resolved {
        return Err(Error::Conflict(format!(
            "pack conflict {id} was already resolved"
        )));
    }
    let from = Side::parse(&side).ok_or_else(|| conversion(2, format!("unknown side {side}")))?;
    let there: RequestRecord = serde_json::from_str(&record)
        .map_err(|e| conversion(3, format!("a stored pack request record: {e}")))?;
    let here = record_of(conn, programmes, request_id)?;
    Ok(Some((
        PackRequestConflict {
            id,
            record: "request".into(),
            request_id,
            uid,
            title: format!("{}: {}", here.label(), event_title(conn, &here.event)?),
            from,
            fields: FieldChange::between_requests(&here, &there),
            here,
            there,
            opened_at,
        },
        digest,
    )))
}

fn event_title(conn: &Connection, uid: &str) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT title FROM events WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

impl Store {
    /// The requests' conflicts waiting for a person's choice, oldest first.
    pub fn pack_request_conflicts(&self) -> Result<Vec<PackRequestConflict>> {
        let programmes = self.programmes()?;
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM pack_conflicts
                 WHERE resolved_at IS NULL AND request_id IS NOT NULL ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids
            .into_iter()
            .map(|id| conflict(&self.conn, &programmes, id))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .map(|(c, _)| c)
            .collect())
    }

    /// Every conflict waiting for a choice, events' and requests', by
    /// number.
    pub fn all_pack_conflicts(&self) -> Result<Vec<crate::pack::report::AnyPackConflict>> {
        use crate::pack::report::AnyPackConflict;
        let mut all: Vec<AnyPackConflict> = self
            .pack_conflicts()?
            .into_iter()
            .map(AnyPackConflict::Event)
            .chain(
                self.pack_request_conflicts()?
                    .into_iter()
                    .map(AnyPackConflict::Request),
            )
            .chain(
                self.pack_practice_conflicts()?
                    .into_iter()
                    .map(AnyPackConflict::Practice),
            )
            .collect();
        all.sort_by_key(AnyPackConflict::id);
        Ok(all)
    }

    /// Settles conflict `id`, an event's or a request's, by keeping one
    /// side's version ([`Store::resolve_pack_conflict`] for events).
    pub fn resolve_any_pack_conflict(
        &mut self,
        id: i64,
        keep: Side,
        now: DateTime<Utc>,
    ) -> Result<Resolved> {
        if self.is_practice_conflict(id)? {
            return self
                .resolve_practice_conflict(id, keep, now)
                .map(|e| Resolved::Practice(Box::new(e)));
        }
        let is_request: bool = self
            .conn
            .prepare_cached("SELECT request_id IS NOT NULL FROM pack_conflicts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or(false);
        if !is_request {
            return self
                .resolve_pack_conflict(id, keep, now)
                .map(|e| Resolved::Event(Box::new(e)));
        }
        let catalogue = self.catalogue()?;
        let request_id = self.write(|tx| resolve(tx, &catalogue, id, keep, now))?;
        Ok(Resolved::Request(Box::new(self.request(request_id)?)))
    }
}

/// Settles request conflict `id`: the pack's side's version is written
/// here (as an import would), or this database's is kept and goes back to
/// the other side in the next pack, which says the other's was seen.
fn resolve(
    tx: &Transaction,
    catalogue: &Catalogue,
    id: i64,
    keep: Side,
    now: DateTime<Utc>,
) -> Result<i64> {
    let Some((c, digest)) = conflict(tx, &catalogue.programmes, id)? else {
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
        Side::Council => RequestHistoryAction::ConflictKeptCouncil,
        Side::Lga => RequestHistoryAction::ConflictKeptLga,
    };
    let kept_note = format!(
        "{} version kept (pack conflict {id})",
        capitalised(keep.possessive())
    );
    let here = here_by_uid(tx, &c.uid)?.ok_or_else(|| Error::NotFound {
        what: "request",
        id: c.request_id.to_string(),
    })?;
    if keep == c.from {
        let checked = match check(tx, catalogue, &c.here.council, &c.there)? {
            Ok(checked) => checked,
            Err((field, why)) => {
                return Err(Error::Conflict(format!(
                    "conflict {id}: {} version no longer passes the request rules ({field}: {why}); keep the other version",
                    c.from.possessive()
                )))
            }
        };
        let kind = match c.from {
            Side::Council => PackKind::Submission,
            Side::Lga => PackKind::Reply,
        };
        write_change(
            tx,
            catalogue,
            kind,
            &person,
            &here,
            &c.there,
            &checked,
            true,
            action,
            Some(&kept_note),
            now,
        )?;
    } else {
        // This version goes back to the other side as a change of its own.
        tx.prepare_cached("UPDATE requests SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![here.id, time::to_store(now)])?;
        let change = Change {
            request_id: here.id,
            action,
            from: Some(here.status),
            to: here.status,
            note: Some(&kept_note),
            override_reason: None,
        };
        requests::record(tx, &person, &change, now)?;
    }
    set_exchanged(tx, &c.uid, c.from, &digest, now)?;
    tx.prepare_cached("UPDATE pack_conflicts SET resolved_at = ?2, kept = ?3 WHERE id = ?1")?
        .execute(params![id, time::to_store(now), keep.as_str()])?;
    Ok(here.id)
}
