//! The bookkeeping every kind of pack record shares: which content digest
//! this database last took from the other side (one table per kind, the
//! same shape), and the conflicts waiting in `pack_conflicts` (one table
//! for every kind, numbered together; a row names its kind by which of
//! `request_id` and `practice_id` it fills).

use crate::text::capitalised;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::events::conversion;
use crate::error::{Error, Result};
use crate::pack::Side;
use crate::time;

/// The kinds of record a pack carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RecordKind {
    Event,
    Request,
    Practice,
}

impl RecordKind {
    /// The SQL that reads the digest last taken from a side.
    fn exchanged_sql(self) -> &'static str {
        match self {
            RecordKind::Event => "SELECT digest FROM pack_exchanges WHERE uid = ?1 AND side = ?2",
            RecordKind::Request => {
                "SELECT digest FROM request_exchanges WHERE uid = ?1 AND side = ?2"
            }
            RecordKind::Practice => {
                "SELECT digest FROM practice_exchanges WHERE uid = ?1 AND side = ?2"
            }
        }
    }

    /// The SQL that records the digest taken from a side.
    fn set_exchanged_sql(self) -> &'static str {
        match self {
            RecordKind::Event => {
                "INSERT INTO pack_exchanges (uid, side, digest, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (uid, side) DO UPDATE SET digest = excluded.digest, at = excluded.at
                 WHERE digest IS NOT excluded.digest"
            }
            RecordKind::Request => {
                "INSERT INTO request_exchanges (uid, side, digest, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (uid, side) DO UPDATE SET digest = excluded.digest, at = excluded.at
                 WHERE digest IS NOT excluded.digest"
            }
            RecordKind::Practice => {
                "INSERT INTO practice_exchanges (uid, side, digest, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (uid, side) DO UPDATE SET digest = excluded.digest, at = excluded.at
                 WHERE digest IS NOT excluded.digest"
            }
        }
    }

    /// The condition on `pack_conflicts` that picks this kind's rows.
    pub(super) fn conflicts_where(self) -> &'static str {
        match self {
            RecordKind::Event => "request_id IS NULL AND practice_id IS NULL",
            RecordKind::Request => "request_id IS NOT NULL",
            RecordKind::Practice => "practice_id IS NOT NULL",
        }
    }

    /// The column of `pack_conflicts` that holds this kind's record id.
    fn id_column(self) -> &'static str {
        match self {
            RecordKind::Event => "event_id",
            RecordKind::Request => "request_id",
            RecordKind::Practice => "practice_id",
        }
    }
}

/// The digest this database last took from `side`'s pack for `uid`.
pub(super) fn exchanged(
    conn: &Connection,
    kind: RecordKind,
    uid: &str,
    side: Side,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(kind.exchanged_sql())?
        .query_row(params![uid, side.as_str()], |r| r.get(0))
        .optional()?)
}

/// Records that this database took `digest` from `side`'s pack for `uid`.
pub(super) fn set_exchanged(
    conn: &Connection,
    kind: RecordKind,
    uid: &str,
    side: Side,
    digest: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(kind.set_exchanged_sql())?
        .execute(params![uid, side.as_str(), digest, time::to_store(now)])?;
    Ok(())
}

/// Which kind of record conflict `id` holds, if there is such a conflict.
pub(super) fn kind_of(conn: &Connection, id: i64) -> Result<Option<RecordKind>> {
    Ok(conn
        .prepare_cached(
            "SELECT request_id IS NOT NULL, practice_id IS NOT NULL
             FROM pack_conflicts WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, bool>(1)?)))
        .optional()?
        .map(|is| match is {
            (true, _) => RecordKind::Request,
            (_, true) => RecordKind::Practice,
            _ => RecordKind::Event,
        }))
}

/// The pack's version of a record, waiting in `pack_conflicts`.
pub(super) struct Waiting<'a> {
    pub kind: RecordKind,
    /// The record's id here.
    pub record_id: i64,
    /// The event a request is for (`None` for the other kinds).
    pub event_id: Option<i64>,
    pub uid: &'a str,
    pub from: Side,
    /// The pack's record as JSON.
    pub record: String,
    /// Its content digest.
    pub digest: &'a str,
}

/// Keeps both versions: the pack's record waits in `pack_conflicts` (an
/// older version of the same record waiting there is replaced by it).
/// Returns the conflict's number.
pub(super) fn open(tx: &Transaction, waiting: &Waiting, now: DateTime<Utc>) -> Result<i64> {
    let kind = waiting.kind;
    tx.prepare_cached(&format!(
        "DELETE FROM pack_conflicts WHERE uid = ?1 AND resolved_at IS NULL AND {}",
        kind.conflicts_where()
    ))?
    .execute([waiting.uid])?;
    let id = Some(waiting.record_id);
    let (event_id, request_id, practice_id) = match kind {
        RecordKind::Event => (id, None, None),
        RecordKind::Request => (waiting.event_id, id, None),
        RecordKind::Practice => (None, None, id),
    };
    tx.prepare_cached(
        "INSERT INTO pack_conflicts
             (event_id, request_id, practice_id, uid, side, record, digest, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        event_id,
        request_id,
        practice_id,
        waiting.uid,
        waiting.from.as_str(),
        waiting.record,
        waiting.digest,
        time::to_store(now)
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Why an item of the import report is a conflict, and how to settle it.
pub(super) fn waiting_reason(from: Side, id: i64) -> String {
    format!(
        "changed here and in {} pack since the last exchange: both versions are kept until a person chooses (`cpweek pack resolve {id} --keep lga|council`)",
        from.possessive()
    )
}

/// An open conflict as stored: the record's id here, the pack's version
/// (JSON) and its digest.
pub(super) struct Stored {
    pub record_id: i64,
    pub uid: String,
    pub from: Side,
    pub record: String,
    pub digest: String,
    pub opened_at: String,
}

/// Open conflict `id` of `kind`; `None` when there is none of that kind,
/// refused when it was resolved already.
pub(super) fn stored(conn: &Connection, kind: RecordKind, id: i64) -> Result<Option<Stored>> {
    let row: Option<(i64, String, String, String, String, String, bool)> = conn
        .prepare_cached(&format!(
            "SELECT {}, uid, side, record, digest, opened_at, resolved_at IS NOT NULL
             FROM pack_conflicts WHERE id = ?1 AND {}",
            kind.id_column(),
            kind.conflicts_where()
        ))?
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
    let Some((record_id, uid, side, record, digest, opened_at, resolved)) = row else {
        return Ok(None);
    };
    if resolved {
        return Err(Error::Conflict(format!(
            "pack conflict {id} was already resolved"
        )));
    }
    let from = Side::parse(&side).ok_or_else(|| conversion(2, format!("unknown side {side}")))?;
    Ok(Some(Stored {
        record_id,
        uid,
        from,
        record,
        digest,
        opened_at,
    }))
}

/// The open conflicts of `kind`, oldest first.
pub(super) fn open_ids(conn: &Connection, kind: RecordKind) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id FROM pack_conflicts WHERE resolved_at IS NULL AND {} ORDER BY id",
            kind.conflicts_where()
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The history note of a settled conflict: "The LGA's version kept (pack
/// conflict 3)".
pub(super) fn kept_note(keep: Side, id: i64) -> String {
    format!(
        "{} version kept (pack conflict {id})",
        capitalised(keep.possessive())
    )
}

/// Marks conflict `id` settled, keeping `keep`'s version, after the record
/// and its exchange digest are written.
pub(super) fn close(tx: &Transaction, id: i64, keep: Side, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached("UPDATE pack_conflicts SET resolved_at = ?2, kept = ?3 WHERE id = ?1")?
        .execute(params![id, time::to_store(now), keep.as_str()])?;
    Ok(())
}
