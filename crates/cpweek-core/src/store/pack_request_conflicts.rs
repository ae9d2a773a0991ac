//! A pack's request conflicts: requests changed on both sides since the
//! last exchange, kept (the pack's version in `pack_conflicts`, with
//! `request_id`) until a person chooses which to keep; numbered with the
//! events' conflicts.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::events::conversion;
use super::pack_exchange::{self, set_exchanged, RecordKind};
use super::pack_request_check::check;
use super::pack_requests::{here_by_uid, record_of, write_change};
use super::requests::{self, Change};
use super::{settings, Store};
use crate::attendance::RequestHistoryAction;
use crate::catalogue::Catalogue;
use crate::error::{Error, Result};
use crate::pack::report::{FieldChange, Outcome, PackRequestConflict, PackRequestItem};
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
    let event_id: i64 = tx
        .prepare_cached("SELECT event_id FROM requests WHERE id = ?1")?
        .query_row([request_id], |r| r.get(0))?;
    let waiting = pack_exchange::Waiting {
        kind: RecordKind::Request,
        record_id: request_id,
        event_id: Some(event_id),
        uid: &record.uid,
        from,
        record: serde_json::to_string(record).expect("JSON of a record"),
        digest: incoming,
    };
    let id = pack_exchange::open(tx, &waiting, now)?;
    item.outcome = Outcome::Conflict;
    item.conflict = Some(id);
    item.changes = FieldChange::between_requests(before, record);
    item.reason = Some(pack_exchange::waiting_reason(from, id));
    Ok(item)
}

/// Open request conflict `id`, with the digest of the pack's version.
fn conflict(
    conn: &Connection,
    programmes: &[Programme],
    id: i64,
) -> Result<Option<(PackRequestConflict, String)>> {
    let Some(pack_exchange::Stored {
        record_id: request_id,
        uid,
        from,
        record,
        digest,
        opened_at,
    }) = pack_exchange::stored(conn, RecordKind::Request, id)?
    else {
        return Ok(None);
    };
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
        let ids = pack_exchange::open_ids(&self.conn, RecordKind::Request)?;
        Ok(ids
            .into_iter()
            .map(|id| conflict(&self.conn, &programmes, id))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .map(|(c, _)| c)
            .collect())
    }

    /// Settles request conflict `id` by keeping one side's version.
    pub(super) fn resolve_request_conflict(
        &mut self,
        id: i64,
        keep: Side,
        now: DateTime<Utc>,
    ) -> Result<crate::attendance::Request> {
        let catalogue = self.catalogue()?;
        let request_id = self.write(|tx| resolve(tx, &catalogue, id, keep, now))?;
        self.request(request_id)
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
    let kept_note = pack_exchange::kept_note(keep, id);
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
        let kind = PackKind::made_by(c.from);
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
    set_exchanged(tx, RecordKind::Request, &c.uid, c.from, &digest, now)?;
    pack_exchange::close(tx, id, keep, now)?;
    Ok(here.id)
}
