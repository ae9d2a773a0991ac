//! Practice entries in packs (format version 3; the format is
//! [`crate::pack::practice`], `docs/pack-format.md` states the rules).
//!
//! A council's submission carries the entries it leads, with every field
//! it sets and its status only as far as a council sets it (draft or
//! submitted); the LGA's reply carries them back with the LGA's decisions
//! (approved, returned with its note, published with the consent check)
//! and corrections. An import takes each after the pack's events (an
//! entry links events by UID), in the same transaction:
//! - an entry speaks for its own council only (the pack's council leads
//!   it), in the pack's programme, passing the rules `cpweek practice add`
//!   applies;
//! - a submission never approves, returns or publishes, nor sets a consent
//!   check: a record that says so is refused, whatever its digest, and
//!   the entry stays as the LGA has it;
//! - content changed on both sides since the last exchange is a conflict,
//!   kept in `pack_conflicts` (with `practice_id`) until a person chooses
//!   (`pack_practice_conflicts.rs`).

use super::pack_exchange::{exchanged, set_exchanged, RecordKind};
use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::pack_practice_conflicts::open_conflict;
use super::pack_request_check::{shown, Refusal};
use super::practice::{self as stored, PracticeHistoryAction};
use crate::catalogue::Catalogue;
use crate::council::Council;
use crate::error::Result;
use crate::event::Event;
use crate::pack::practice::{
    claimed, content_digest, content_fields, set_by_lga, status_from, ConsentRecord, ContactRecord,
    OutcomeRecord, PracticeRecord, StatusTaken, CONSENT_CLAIMED,
};
use crate::pack::report::{FieldChange, Outcome, PackCounts, PackPracticeItem};
use crate::pack::rules::{self, Exchange};
use crate::pack::{Pack, PackKind};
use crate::permission::Actor;
use crate::practice::{
    self, ConsentForm, OutcomeForm, PracticeContent, PracticeEntry, PracticeForm, PracticeStatus,
};
use crate::time;

/// Entry `entry` as a pack record (`seen` none): every field, its linked
/// events by UID, its status, note and consent check.
pub(super) fn record_of(conn: &Connection, entry: &PracticeEntry) -> Result<PracticeRecord> {
    let mut uids = Vec::with_capacity(entry.details.events.len());
    for id in &entry.details.events {
        let uid: String = conn
            .prepare_cached("SELECT uid FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        uids.push(uid);
    }
    let mut record = content_fields(&entry.content(), uids);
    record.uid = entry.uid.clone();
    record.status = entry.status;
    record.status_note = entry.status_note.clone();
    record.consent = entry.consent.as_ref().map(|c| ConsentRecord {
        checked_by: c.checked_by.clone(),
        kind: c.kind,
        at: time::to_store(c.at),
    });
    record.created_at = time::to_store(entry.created_at);
    record.updated_at = time::to_store(entry.updated_at);
    Ok(record)
}

/// The status a council's submission says: its own word only (a returned
/// entry it has not sent again is a draft to it; one the LGA has taken
/// further is, for the council, submitted).
fn councils_word(status: PracticeStatus) -> PracticeStatus {
    match status {
        PracticeStatus::Draft | PracticeStatus::Returned => PracticeStatus::Draft,
        _ => PracticeStatus::Submitted,
    }
}

/// The entries `council` leads in `programme`, in the order they were
/// added, each with what this side last took from the other side; a
/// submission's carry the council's word only (status draft or submitted,
/// no note, no consent check).
pub(super) fn records(
    conn: &Connection,
    programme: &str,
    council: &str,
    kind: PackKind,
) -> Result<Vec<PracticeRecord>> {
    let other = kind.from_side().other();
    stored::list(conn, programme)?
        .into_iter()
        .filter(|e| e.council == council)
        .map(|e| {
            let mut record = record_of(conn, &e)?;
            if kind == PackKind::Submission {
                record.status = councils_word(record.status);
                record.status_note = None;
                record.consent = None;
            }
            record.seen = exchanged(conn, RecordKind::Practice, &record.uid, other)?;
            Ok(record)
        })
        .collect()
}

/// Imports the pack's practice entries (after its events and requests).
#[allow(clippy::too_many_arguments)]
pub(super) fn import(
    tx: &Transaction,
    catalogue: &Catalogue,
    pack: &Pack,
    council: &Council,
    person: &Actor,
    items: &mut Vec<PackPracticeItem>,
    counts: &mut PackCounts,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut seen = HashSet::new();
    for record in &pack.practice {
        let item = one(tx, catalogue, pack, council, person, record, &mut seen, now)?;
        counts.count(item.outcome);
        items.push(item);
    }
    Ok(())
}

fn refused(mut item: PackPracticeItem, (field, reason): Refusal) -> PackPracticeItem {
    item.outcome = Outcome::Refused;
    item.field = Some(field.to_string());
    item.reason = Some(reason);
    item
}

/// A record that passed every check: its content as it would be stored
/// here, its digest, and the consent check it carries.
pub(super) struct Checked {
    pub content: PracticeContent,
    pub digest: String,
    pub consent: Option<practice::ConsentCheck>,
}

/// Checks one record: what the side that made it may say (a submission
/// never carries the LGA's decisions; a reply's returned entry has its
/// note, a published one its consent check), its stamps, its linked
/// events by UID, and the rules `cpweek practice add` applies.
pub(super) fn check(
    tx: &Connection,
    catalogue: &Catalogue,
    kind: PackKind,
    record: &PracticeRecord,
) -> Result<std::result::Result<Checked, Refusal>> {
    match kind {
        PackKind::Submission => {
            if set_by_lga(record.status) {
                return Ok(Err((
                    "status",
                    format!(
                        "{}; nothing of the record was taken",
                        claimed(record.status, PracticeStatus::Submitted)
                            .replace(" (the entry stays submitted)", "")
                    ),
                )));
            }
            if record.consent.is_some() {
                return Ok(Err((
                    "consent",
                    format!("{CONSENT_CLAIMED}; nothing of the record was taken"),
                )));
            }
        }
        PackKind::Reply => {
            let published = record.status == PracticeStatus::Published;
            if published != record.consent.is_some() {
                let why = if published {
                    "the reply says published but carries no consent check: an entry is published only with its consent check"
                } else {
                    "the reply carries a consent check for an entry that is not published"
                };
                return Ok(Err(("consent", why.to_string())));
            }
            if record.status == PracticeStatus::Returned
                && record
                    .status_note
                    .as_deref()
                    .is_none_or(|n| n.trim().is_empty())
            {
                return Ok(Err((
                    "status_note",
                    "a returned entry needs the LGA's note saying what to change".to_string(),
                )));
            }
        }
    }
    for (field, stamp) in [
        ("created_at", &record.created_at),
        ("updated_at", &record.updated_at),
    ] {
        if let Err(e) = time::from_store(stamp) {
            return Ok(Err((field, e)));
        }
    }
    let consent = match &record.consent {
        None => None,
        Some(c) => {
            let at = match time::from_store(&c.at) {
                Ok(at) => at,
                Err(e) => return Ok(Err(("consent", e))),
            };
            let form = ConsentForm {
                checked_by: c.checked_by.clone(),
                kind: Some(c.kind),
            };
            match practice::check_consent(&form, at) {
                Ok(check) => Some(check),
                Err(e) => return Ok(Err(("consent", crate::Error::Invalid(e).to_string()))),
            }
        }
    };
    let mut ids = Vec::with_capacity(record.events.len());
    let mut linked: Vec<Event> = Vec::with_capacity(record.events.len());
    for uid in &record.events {
        let id: Option<i64> = tx
            .prepare_cached("SELECT id FROM events WHERE uid = ?1")?
            .query_row([uid], |r| r.get(0))
            .optional()?;
        let Some(id) = id else {
            return Ok(Err((
                "events",
                format!(
                    "the entry links event {}, which this database does not hold (a pack carries the council's events with its entries: was the event refused?)",
                    shown(uid)
                ),
            )));
        };
        ids.push(id);
        linked.push(super::events::get(tx, &catalogue.programmes, id)?);
    }
    let form = form_of(record, ids);
    let content = match practice::validate(&form, catalogue, &linked) {
        Ok(content) => content,
        Err(errors) => {
            let field = errors.first().map_or("record", |e| e.field);
            let why = errors
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            return Ok(Err((field, why)));
        }
    };
    let digest = content_digest(&content_fields(&content, record.events.clone()));
    Ok(Ok(Checked {
        content,
        digest,
        consent,
    }))
}

/// The form a record fills in: what `cpweek practice add` checks.
fn form_of(record: &PracticeRecord, events: Vec<i64>) -> PracticeForm {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let contact = record.contact.as_ref();
    PracticeForm {
        programme: record.programme.clone(),
        council: record.council.clone(),
        partner_councils: record.partner_councils.clone(),
        partner_organisations: record.partner_organisations.clone(),
        title: record.title.clone(),
        themes: record.themes.clone(),
        summary: record.summary.clone(),
        what_was_done: text(&record.what_was_done),
        outcomes: record
            .outcomes
            .iter()
            .map(|o: &OutcomeRecord| OutcomeForm {
                measure: o.measure.clone(),
                before: o.before.clone(),
                after: o.after.clone(),
                period: o.period.clone(),
            })
            .collect(),
        source: text(&record.source),
        contact_name: contact
            .map(|c: &ContactRecord| c.name.clone())
            .unwrap_or_default(),
        contact_role: contact.and_then(|c| c.role.clone()).unwrap_or_default(),
        contact_email: contact.map(|c| c.email.clone()).unwrap_or_default(),
        events,
    }
}

/// The entry with UID `uid` here: its id and lead council.
fn here_by_uid(conn: &Connection, uid: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, council_code FROM practice_entries WHERE uid = ?1")?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

#[allow(clippy::too_many_arguments)]
fn one(
    tx: &Transaction,
    catalogue: &Catalogue,
    pack: &Pack,
    council: &Council,
    person: &Actor,
    record: &PracticeRecord,
    seen: &mut HashSet<String>,
    now: DateTime<Utc>,
) -> Result<PackPracticeItem> {
    let item = PackPracticeItem {
        uid: record.uid.clone(),
        title: record.title.clone(),
        outcome: Outcome::Unchanged,
        entry_id: None,
        changes: Vec::new(),
        reason: None,
        field: None,
        conflict: None,
        notes: Vec::new(),
    };
    if !seen.insert(record.uid.clone()) {
        let why = format!(
            "UID {} is repeated in the pack; its first record was taken",
            shown(&record.uid)
        );
        return Ok(refused(item, ("uid", why)));
    }
    if let Err(e) = crate::text::UID.required(&record.uid) {
        return Ok(refused(item, ("uid", e.message)));
    }
    if record.council != council.code {
        let why = format!(
            "the entry is led by council {}, but this is {}'s pack: a pack speaks only for the entries its own council leads",
            shown(&record.council),
            council.label()
        );
        return Ok(refused(item, ("council", why)));
    }
    if record.programme != pack.programme {
        let why = format!(
            "the entry is for programme {}, but the pack is for {}",
            shown(&record.programme),
            shown(&pack.programme)
        );
        return Ok(refused(item, ("programme", why)));
    }
    let mut item = item;
    let here = here_by_uid(tx, &record.uid)?;
    if let Some((id, lead)) = &here {
        item.entry_id = Some(*id);
        if *lead != council.code {
            let why = format!(
                "UID {} is practice entry {id} here, led by {lead}, not {}",
                shown(&record.uid),
                council.display_name
            );
            return Ok(refused(item, ("uid", why)));
        }
    }
    let checked = match check(tx, catalogue, pack.kind, record)? {
        Ok(c) => c,
        Err(refusal) => return Ok(refused(item, refusal)),
    };
    let from = pack.kind.from_side();
    let Some((id, _)) = here else {
        return create(tx, pack.kind, person, record, &checked, item, now);
    };
    let waiting: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM pack_conflicts
             WHERE uid = ?1 AND resolved_at IS NULL AND digest = ?2 AND practice_id IS NOT NULL",
        )?
        .query_row(params![record.uid, checked.digest], |r| r.get(0))
        .optional()?;
    if let Some(conflict) = waiting {
        item.outcome = Outcome::Conflict;
        item.conflict = Some(conflict);
        item.notes.push(format!(
            "this version already waits for a choice: `cpweek pack resolve {conflict} --keep lga|council`"
        ));
        return Ok(item);
    }
    let entry = stored::get(tx, id)?;
    let before = record_of(tx, &entry)?;
    let here_digest = content_digest(&before);
    let taken = exchanged(tx, RecordKind::Practice, &record.uid, from)?;
    let (take, decisions) = match rules::compare(
        &here_digest,
        &checked.digest,
        record.seen.as_deref(),
        taken.as_deref(),
    ) {
        Exchange::Same => (false, true),
        Exchange::Take => (true, true),
        Exchange::KeepOurs => {
            item.notes.push(format!(
                "this database's version is newer than the pack's ({} version was taken here before); it goes back in the next pack",
                from.possessive()
            ));
            (false, false)
        }
        Exchange::Conflict => {
            return open_conflict(tx, &before, id, record, from, &checked.digest, item, now)
        }
    };
    if take
        && pack.kind == PackKind::Submission
        && !matches!(
            entry.status,
            PracticeStatus::Draft | PracticeStatus::Returned
        )
    {
        let why = format!(
            "the entry is {} here: its council's changes are taken only while it is a draft or returned (the LGA returns it first)",
            entry.status.as_str()
        );
        return Ok(refused(item, ("status", why)));
    }
    if checked.digest == here_digest || take {
        set_exchanged(
            tx,
            RecordKind::Practice,
            &record.uid,
            from,
            &checked.digest,
            now,
        )?;
    }
    let action = match pack.kind {
        PackKind::Submission => PracticeHistoryAction::UpdatedByPack,
        PackKind::Reply => PracticeHistoryAction::DecidedByPack,
    };
    let change = Change {
        kind: pack.kind,
        take,
        decisions,
        action,
        note: None,
    };
    if let Some(after) = write_change(tx, person, &entry, record, &checked, &change, now)? {
        item.outcome = Outcome::Changed;
        item.changes = FieldChange::between_practice(&before, &after);
    }
    Ok(item)
}

fn create(
    tx: &Transaction,
    kind: PackKind,
    person: &Actor,
    record: &PracticeRecord,
    checked: &Checked,
    mut item: PackPracticeItem,
    now: DateTime<Utc>,
) -> Result<PackPracticeItem> {
    let id = stored::insert(tx, &record.uid, &checked.content, now)?;
    let note = match kind {
        PackKind::Reply => record.status_note.clone(),
        PackKind::Submission => None,
    };
    set_state(
        tx,
        id,
        record.status,
        note.as_deref(),
        checked.consent.as_ref(),
    )?;
    tx.prepare_cached(
        "UPDATE practice_entries SET created_at = ?2, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![
        id,
        stamp(&record.created_at),
        stamp(&record.updated_at)
    ])?;
    stored::record(
        tx,
        person,
        id,
        PracticeHistoryAction::ImportedFromPack,
        None,
        record.status,
        history_note(record.status, note.as_deref(), checked.consent.as_ref()).as_deref(),
        now,
    )?;
    set_exchanged(
        tx,
        RecordKind::Practice,
        &record.uid,
        kind.from_side(),
        &checked.digest,
        now,
    )?;
    item.outcome = Outcome::Created;
    item.entry_id = Some(id);
    Ok(item)
}

fn set_state(
    tx: &Connection,
    id: i64,
    status: PracticeStatus,
    note: Option<&str>,
    consent: Option<&practice::ConsentCheck>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE practice_entries SET status = ?2, status_note = ?3, consent_by = ?4,
             consent_at = ?5, consent_kind = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id,
        status.as_str(),
        note,
        consent.map(|c| c.checked_by.as_str()),
        consent.map(|c| time::to_store(c.at)),
        consent.map(|c| c.kind.as_str()),
    ])?;
    Ok(())
}

/// The history note of a move: the LGA's note when returned, who checked
/// consent and what when published.
fn history_note(
    status: PracticeStatus,
    note: Option<&str>,
    consent: Option<&practice::ConsentCheck>,
) -> Option<String> {
    match (status, consent) {
        (PracticeStatus::Published, Some(c)) => {
            Some(format!("checked by {}: {}", c.checked_by, c.kind.label()))
        }
        (PracticeStatus::Returned, _) => note.map(str::to_string),
        _ => None,
    }
}

/// A stamp already checked by [`time::from_store`], in the store's form.
fn stamp(text: &str) -> String {
    time::from_store(text).map_or_else(|_| text.to_string(), time::to_store)
}

/// What one change from a record may write.
pub(super) struct Change<'a> {
    pub kind: PackKind,
    /// Take the record's content.
    pub take: bool,
    /// Take the LGA's decisions (a reply's status, note and consent check).
    pub decisions: bool,
    pub action: PracticeHistoryAction,
    /// A note of the person's own for the history (a conflict settled).
    pub note: Option<&'a str>,
}

/// Writes what `record` changes of `entry`: its content when `take`; from
/// a submission the council's own move ([`status_from`]); from a reply the
/// LGA's decisions; the later of the two last changes; one history row.
/// Gives the entry's record after, or none when nothing changed.
pub(super) fn write_change(
    tx: &Transaction,
    person: &Actor,
    entry: &PracticeEntry,
    record: &PracticeRecord,
    checked: &Checked,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<Option<PracticeRecord>> {
    let here_consent = entry.consent.as_ref();
    let (status, note, consent) = match change.kind {
        PackKind::Submission => {
            let status = match status_from(true, entry.status, record.status, false) {
                StatusTaken::Take(s) => s,
                // A returned entry its council changed is a draft again.
                _ if change.take && entry.status == PracticeStatus::Returned => {
                    PracticeStatus::Draft
                }
                _ => entry.status,
            };
            // Sending it again leaves the LGA's old note behind.
            let note = if status == PracticeStatus::Submitted {
                None
            } else {
                entry.status_note.clone()
            };
            (status, note, here_consent.cloned())
        }
        PackKind::Reply => {
            let decided = change.decisions
                && set_by_lga(record.status)
                && (record.status != entry.status
                    || record.status_note != entry.status_note
                    || checked.consent.as_ref() != here_consent);
            if decided {
                (
                    record.status,
                    record.status_note.clone(),
                    checked.consent.clone(),
                )
            } else {
                (
                    entry.status,
                    entry.status_note.clone(),
                    here_consent.cloned(),
                )
            }
        }
    };
    let moved =
        status != entry.status || note != entry.status_note || consent.as_ref() != here_consent;
    if !change.take && !moved && change.note.is_none() {
        return Ok(None);
    }
    if change.take {
        stored::update(tx, entry.id, &checked.content, entry.status, now)?;
    }
    set_state(tx, entry.id, status, note.as_deref(), consent.as_ref())?;
    // Both sides hold the same last change: the later of the two.
    let updated = stamp(&record.updated_at).max(time::to_store(entry.updated_at));
    tx.prepare_cached("UPDATE practice_entries SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![entry.id, updated])?;
    let said = if status != entry.status {
        history_note(status, note.as_deref(), consent.as_ref())
    } else {
        None
    };
    let note = match (change.note, said) {
        (Some(n), Some(s)) => Some(format!("{n}; {s}")),
        (Some(n), None) => Some(n.to_string()),
        (None, s) => s,
    };
    stored::record(
        tx,
        person,
        entry.id,
        change.action,
        Some(entry.status),
        status,
        note.as_deref(),
        now,
    )?;
    let after = stored::get(tx, entry.id)?;
    Ok(Some(record_of(tx, &after)?))
}
