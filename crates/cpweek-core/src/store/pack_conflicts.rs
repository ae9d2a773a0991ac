//! A pack's conflicts: records changed on both sides since the last
//! exchange, kept (the pack's version in `pack_conflicts`) until a person
//! chooses which to keep.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};

use super::pack::write_change;
use super::pack_exchange::{self, set_exchanged, RecordKind};
use super::{events, history, settings, Store};
use crate::error::{Error, Result};
use crate::event::{self, Event};
use crate::pack::report::{
    AnyPackConflict, FieldChange, Outcome, PackConflict, PackItem, Resolved,
};
use crate::pack::rules::decide_status;
use crate::pack::{EventRecord, PackKind, Side};
use crate::permission::{self, PackAction};
use crate::store::HistoryAction;
use crate::time;

impl Store {
    /// The conflicts waiting for a person's choice, oldest first.
    pub fn pack_conflicts(&self) -> Result<Vec<PackConflict>> {
        let programmes = self.programmes()?;
        let ids = pack_exchange::open_ids(&self.conn, RecordKind::Event)?;
        ids.into_iter()
            .map(|id| conflict(&self.conn, &programmes, id).map(|(c, _)| c))
            .collect()
    }

    /// Every conflict waiting for a choice, events', requests' and
    /// practice entries', by number.
    pub fn all_pack_conflicts(&self) -> Result<Vec<AnyPackConflict>> {
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

    /// Settles conflict `id`, of any kind of record, by keeping one side's
    /// version.
    pub fn resolve_any_pack_conflict(
        &mut self,
        id: i64,
        keep: Side,
        now: DateTime<Utc>,
    ) -> Result<Resolved> {
        match pack_exchange::kind_of(&self.conn, id)? {
            Some(RecordKind::Request) => self
                .resolve_request_conflict(id, keep, now)
                .map(|r| Resolved::Request(Box::new(r))),
            Some(RecordKind::Practice) => self
                .resolve_practice_conflict(id, keep, now)
                .map(|e| Resolved::Practice(Box::new(e))),
            // An unknown number is refused by the events' resolution.
            Some(RecordKind::Event) | None => self
                .resolve_pack_conflict(id, keep, now)
                .map(|e| Resolved::Event(Box::new(e))),
        }
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
            let kept_note = pack_exchange::kept_note(keep, id);
            if keep == c.from {
                let checked = event::validate(&c.there.to_form(), &catalogue).map_err(|fields| {
                    Error::Conflict(format!(
                        "conflict {id}: {}'s version no longer passes the event rules ({}); keep the other version, or edit the event",
                        c.from.possessive(),
                        fields.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("; ")
                    ))
                })?;
                let kind = PackKind::made_by(c.from);
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
            set_exchanged(tx, RecordKind::Event, &c.uid, c.from, &digest, now)?;
            pack_exchange::close(tx, id, keep, now)?;
            Ok(old.id)
        })?;
        events::get(&self.conn, &catalogue.programmes, event_id)
    }
}

/// Open conflict `id`, with the digest of the pack's version.
fn conflict(
    conn: &Connection,
    programmes: &[crate::programme::Programme],
    id: i64,
) -> Result<(PackConflict, String)> {
    let Some(pack_exchange::Stored {
        record_id: event_id,
        uid,
        from,
        record,
        digest,
        opened_at,
    }) = pack_exchange::stored(conn, RecordKind::Event, id)?
    else {
        return Err(Error::NotFound {
            what: "pack conflict",
            id: id.to_string(),
        });
    };
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
    let waiting = pack_exchange::Waiting {
        kind: RecordKind::Event,
        record_id: old.id,
        event_id: None,
        uid: &record.uid,
        from,
        record: serde_json::to_string(record).expect("JSON of a record"),
        digest: incoming,
    };
    let id = pack_exchange::open(tx, &waiting, now)?;
    item.outcome = Outcome::Conflict;
    item.conflict = Some(id);
    item.changes = FieldChange::between(&EventRecord::of(old, None), record);
    item.reason = Some(pack_exchange::waiting_reason(from, id));
    Ok(item)
}
