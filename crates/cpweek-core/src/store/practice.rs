//! Practice entries (migration 16): rows in and out, each entry's history,
//! and the store's API for them. The rules are [`crate::practice`] and
//! [`crate::permission::check_practice`]; every action is one transaction,
//! in which the person's role and council are read from the settings, and
//! its history row is written with the change.

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::events::{self, conversion, instant};
use super::{settings, Store};
use crate::catalogue::Catalogue;
use crate::error::{Error, FieldError, Result};
use crate::event::Event;
use crate::permission::{self, Actor, PracticeAction, Role};
use crate::practice::{
    self, ConsentCheck, ConsentKind, Contact, Outcome, PracticeContent, PracticeDetails,
    PracticeEntry, PracticeFilter, PracticeForm, PracticeSelection, PracticeStatus, PracticeStep,
};
use crate::time;

/// A saved entry, and whether the save changed anything (an edit that
/// changes nothing writes nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PracticeSaved {
    pub entry: PracticeEntry,
    pub changed: bool,
}

/// What happened to a practice entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PracticeHistoryAction {
    Added,
    /// Changed by its council.
    Edited,
    /// Changed by the LGA (a correction; its status stays).
    Corrected,
    Submitted,
    Approved,
    Returned,
    Published,
    /// Created from a pack.
    ImportedFromPack,
    /// Its council's changes taken from a submission pack.
    UpdatedByPack,
    /// The LGA's decisions or corrections taken from its reply.
    DecidedByPack,
    /// A pack conflict settled by keeping the council's version.
    ConflictKeptCouncil,
    /// A pack conflict settled by keeping the LGA's version.
    ConflictKeptLga,
}

impl PracticeHistoryAction {
    const ALL: [PracticeHistoryAction; 12] = [
        PracticeHistoryAction::Added,
        PracticeHistoryAction::Edited,
        PracticeHistoryAction::Corrected,
        PracticeHistoryAction::Submitted,
        PracticeHistoryAction::Approved,
        PracticeHistoryAction::Returned,
        PracticeHistoryAction::Published,
        PracticeHistoryAction::ImportedFromPack,
        PracticeHistoryAction::UpdatedByPack,
        PracticeHistoryAction::DecidedByPack,
        PracticeHistoryAction::ConflictKeptCouncil,
        PracticeHistoryAction::ConflictKeptLga,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PracticeHistoryAction::Added => "added",
            PracticeHistoryAction::Edited => "edited",
            PracticeHistoryAction::Corrected => "corrected",
            PracticeHistoryAction::Submitted => "submitted",
            PracticeHistoryAction::Approved => "approved",
            PracticeHistoryAction::Returned => "returned",
            PracticeHistoryAction::Published => "published",
            PracticeHistoryAction::ImportedFromPack => "imported_from_pack",
            PracticeHistoryAction::UpdatedByPack => "updated_by_pack",
            PracticeHistoryAction::DecidedByPack => "decided_by_pack",
            PracticeHistoryAction::ConflictKeptCouncil => "conflict_kept_council",
            PracticeHistoryAction::ConflictKeptLga => "conflict_kept_lga",
        }
    }

    /// For people: "Returned to the council".
    pub fn label(self) -> &'static str {
        match self {
            PracticeHistoryAction::Added => "Added",
            PracticeHistoryAction::Edited => "Changed",
            PracticeHistoryAction::Corrected => "Corrected by the LGA",
            PracticeHistoryAction::Submitted => "Submitted to the LGA",
            PracticeHistoryAction::Approved => "Approved",
            PracticeHistoryAction::Returned => "Returned to the council",
            PracticeHistoryAction::Published => "Published in the toolkit",
            PracticeHistoryAction::ImportedFromPack => "Imported from a pack",
            PracticeHistoryAction::UpdatedByPack => "Updated from the council's pack",
            PracticeHistoryAction::DecidedByPack => "Updated from the LGA's reply",
            PracticeHistoryAction::ConflictKeptCouncil => {
                "Pack conflict settled: the council's kept"
            }
            PracticeHistoryAction::ConflictKeptLga => "Pack conflict settled: the LGA's kept",
        }
    }

    fn parse(text: &str) -> Option<PracticeHistoryAction> {
        PracticeHistoryAction::ALL
            .into_iter()
            .find(|a| a.as_str() == text)
    }

    fn of(step: &PracticeStep) -> PracticeHistoryAction {
        match step {
            PracticeStep::Submit => PracticeHistoryAction::Submitted,
            PracticeStep::Approve => PracticeHistoryAction::Approved,
            PracticeStep::Return { .. } => PracticeHistoryAction::Returned,
            PracticeStep::Publish { .. } => PracticeHistoryAction::Published,
        }
    }
}

/// One entry of a practice entry's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PracticeHistoryEntry {
    /// When, in Europe/London with its offset.
    #[serde(serialize_with = "time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub at: DateTime<FixedOffset>,
    /// When, for people: `Tuesday 2 September 2014, 9am`.
    pub when: String,
    /// The settings name at the time, or "unnamed" and the role.
    pub who: String,
    pub role: Role,
    pub action: PracticeHistoryAction,
    /// What happened, for people: `Published in the toolkit by Lee Officer (LGA officer)`.
    pub summary: String,
    /// The status before; none for a new entry.
    pub from_status: Option<PracticeStatus>,
    pub to_status: PracticeStatus,
    /// The LGA's note when returned; who checked consent, and what, when
    /// published.
    pub note: Option<String>,
}

impl Store {
    /// Checks a practice form without saving it: the window's form asks
    /// this as the person goes; every field at fault is named.
    pub fn check_practice_form(&self, form: &PracticeForm) -> Result<()> {
        let catalogue = self.catalogue()?;
        let linked = linked_events(&self.conn, &catalogue, form)?;
        practice::validate(form, &catalogue, &linked)
            .map(|_| ())
            .map_err(Error::Invalid)
    }

    /// Adds a practice entry as a draft, with a new UID, for a council
    /// organiser of one of its councils; its history names them.
    pub fn add_practice(
        &mut self,
        form: &PracticeForm,
        now: DateTime<Utc>,
    ) -> Result<PracticeEntry> {
        let catalogue = self.catalogue()?;
        let uid = format!("{}@cpweek.local.gov.uk", uuid::Uuid::new_v4());
        let id = self.write(|tx| {
            let mine = settings::read(tx)?;
            let person = mine.person();
            // The role first; the council once the form says whose it is.
            permission::check_practice_role(person.role, PracticeAction::Add)?;
            let linked = linked_events(tx, &catalogue, form)?;
            let content = practice::validate(form, &catalogue, &linked).map_err(Error::Invalid)?;
            permission::check_practice(
                person.role,
                mine.my_council.as_deref(),
                PracticeAction::Add,
                &councils_of(&content),
            )?;
            let id = insert(tx, &uid, &content, now)?;
            record(
                tx,
                &person,
                id,
                PracticeHistoryAction::Added,
                None,
                PracticeStatus::Draft,
                None,
                now,
            )?;
            Ok(id)
        })?;
        get(&self.conn, id)
    }

    /// Replaces an entry's fields with `form`: its council's change while
    /// it is a draft or returned (a returned entry becomes a draft again),
    /// or the LGA's correction of a submitted or approved entry (its status
    /// stays). A change that changes nothing writes nothing.
    pub fn edit_practice(
        &mut self,
        id: i64,
        form: &PracticeForm,
        now: DateTime<Utc>,
    ) -> Result<PracticeSaved> {
        let catalogue = self.catalogue()?;
        let changed = self.write(|tx| {
            let mine = settings::read(tx)?;
            let person = mine.person();
            let old = get(tx, id)?;
            let councils: Vec<&str> = old.councils().collect();
            permission::check_practice(
                person.role,
                mine.my_council.as_deref(),
                PracticeAction::Edit,
                &councils,
            )?;
            let status = practice::next_status(person.role, old.status, PracticeAction::Edit)
                .map_err(|m| Error::Conflict(format!("practice entry {id}: {m}")))?;
            let linked = linked_events(tx, &catalogue, form)?;
            let content = practice::validate(form, &catalogue, &linked).map_err(Error::Invalid)?;
            permission::check_practice(
                person.role,
                mine.my_council.as_deref(),
                PracticeAction::Edit,
                &councils_of(&content),
            )?;
            if content == old.content() && status == old.status {
                return Ok(false);
            }
            update(tx, id, &content, status, now)?;
            let action = match person.role {
                Role::CouncilOrganiser => PracticeHistoryAction::Edited,
                Role::LgaOfficer => PracticeHistoryAction::Corrected,
            };
            record(tx, &person, id, action, Some(old.status), status, None, now)?;
            Ok(true)
        })?;
        Ok(PracticeSaved {
            entry: get(&self.conn, id)?,
            changed,
        })
    }

    /// Moves an entry on: submitted by its council, approved, returned
    /// (with a note) or published (with the consent check) by the LGA. Who
    /// may is checked first, then the status, then what was given.
    pub fn practice_step(
        &mut self,
        id: i64,
        step: &PracticeStep,
        now: DateTime<Utc>,
    ) -> Result<PracticeEntry> {
        self.write(|tx| {
            let mine = settings::read(tx)?;
            step_in(
                tx,
                &mine.person(),
                mine.my_council.as_deref(),
                id,
                step,
                now,
            )
        })
    }

    pub fn practice_entry(&self, id: i64) -> Result<PracticeEntry> {
        get(&self.conn, id)
    }

    /// Entries of a programme matching every filter given, oldest first.
    pub fn practice_entries(&self, filter: &PracticeFilter) -> Result<Vec<PracticeEntry>> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(&filter.programme)
            .map_err(|m| FieldError::new("programme", m));
        let selection = PracticeSelection::resolve(filter, &catalogue, &self.regions()?);
        let (programme, selection) = match (programme, selection) {
            (Ok(p), Ok(s)) => (p, s),
            (p, s) => {
                let mut errors: Vec<FieldError> = p.err().into_iter().collect();
                errors.extend(s.err().unwrap_or_default());
                return Err(Error::Invalid(errors));
            }
        };
        let mut list = list(&self.conn, &programme.id)?;
        list.retain(|e| selection.matches(e));
        Ok(list)
    }

    /// What the person in the settings may do to `entry` now: their role,
    /// their council and the entry's status decide.
    pub fn practice_actions(&self, entry: &PracticeEntry) -> Result<Vec<PracticeAction>> {
        let mine = self.settings()?;
        let councils: Vec<&str> = entry.councils().collect();
        Ok(permission::practice_actions(mine.role, entry.status)
            .into_iter()
            .filter(|a| {
                permission::check_practice(mine.role, mine.my_council.as_deref(), *a, &councils)
                    .is_ok()
            })
            .collect())
    }

    /// An entry's history, oldest first, in Europe/London.
    pub fn practice_history(&self, id: i64) -> Result<Vec<PracticeHistoryEntry>> {
        get(&self.conn, id)?;
        history(&self.conn, id)
    }
}

/// Moves entry `id` on by `step`, as `person` (a council organiser of
/// `my_council`, or an LGA officer), inside the caller's transaction: what
/// [`Store::practice_step`] and the sample week do.
pub(super) fn step_in(
    tx: &Connection,
    person: &crate::permission::Actor,
    my_council: Option<&str>,
    id: i64,
    step: &PracticeStep,
    now: DateTime<Utc>,
) -> Result<PracticeEntry> {
    let old = get(tx, id)?;
    let councils: Vec<&str> = old.councils().collect();
    let action = step.action();
    permission::check_practice(person.role, my_council, action, &councils)?;
    let status = practice::next_status(person.role, old.status, action)
        .map_err(|m| Error::Conflict(format!("practice entry {id}: {m}")))?;
    let (note, consent, history_note) = match step {
        PracticeStep::Submit => (None, None, None),
        // Approving keeps nothing of an earlier return.
        PracticeStep::Approve => (None, None, None),
        PracticeStep::Return { note } => {
            let note =
                super::required_text(crate::text::NOTE, "what the council should change", note)?;
            (Some(note.clone()), None, Some(note))
        }
        PracticeStep::Publish { consent } => {
            let check = practice::check_consent(consent, now).map_err(Error::Invalid)?;
            let said = format!("checked by {}: {}", check.checked_by, check.kind.label());
            (None, Some(check), Some(said))
        }
    };
    tx.prepare_cached(
        "UPDATE practice_entries SET status = ?2, status_note = ?3, consent_by = ?4,
             consent_at = ?5, consent_kind = ?6, updated_at = ?7 WHERE id = ?1",
    )?
    .execute(params![
        id,
        status.as_str(),
        note,
        consent.as_ref().map(|c| c.checked_by.as_str()),
        consent.as_ref().map(|c| time::to_store(c.at)),
        consent.as_ref().map(|c| c.kind.as_str()),
        time::to_store(now),
    ])?;
    record(
        tx,
        person,
        id,
        PracticeHistoryAction::of(step),
        Some(old.status),
        status,
        history_note.as_deref(),
        now,
    )?;
    get(tx, id)
}

fn councils_of(content: &PracticeContent) -> Vec<&str> {
    std::iter::once(content.council_code.as_str())
        .chain(content.partner_councils.iter().map(String::as_str))
        .collect()
}

/// The stored events among those `form` links (validation reports the
/// others as not found).
fn linked_events(
    conn: &Connection,
    catalogue: &Catalogue,
    form: &PracticeForm,
) -> Result<Vec<Event>> {
    let mut found = Vec::new();
    for &id in &form.events {
        match events::get(conn, &catalogue.programmes, id) {
            Ok(e) => found.push(e),
            Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(found)
}

const SELECT: &str = "SELECT p.id, p.uid, p.programme_id, p.council_code, c.display_name, r.name,
        p.title, p.summary, p.what_was_done, p.source, p.contact_name, p.contact_role,
        p.contact_email, p.status, p.status_note, p.consent_by, p.consent_at, p.consent_kind,
        p.created_at, p.updated_at
     FROM practice_entries p
     JOIN councils c ON c.code = p.council_code
     JOIN regions r ON r.code = c.region_code";

fn read(row: &Row) -> rusqlite::Result<PracticeEntry> {
    let status: String = row.get(13)?;
    let contact = match (
        row.get::<_, Option<String>>(10)?,
        row.get::<_, Option<String>>(12)?,
    ) {
        (Some(name), Some(email)) => Some(Contact {
            name,
            role: row.get(11)?,
            email,
        }),
        _ => None,
    };
    let consent = match row.get::<_, Option<String>>(15)? {
        Some(checked_by) => {
            let kind: String = row.get(17)?;
            Some(ConsentCheck {
                checked_by,
                kind: ConsentKind::parse(&kind)
                    .ok_or_else(|| conversion(17, format!("unknown consent {kind}")))?,
                at: instant(row, 16)?,
            })
        }
        None => None,
    };
    Ok(PracticeEntry {
        id: row.get(0)?,
        uid: row.get(1)?,
        programme: row.get(2)?,
        council: row.get(3)?,
        council_name: row.get(4)?,
        region: row.get(5)?,
        partner_councils: Vec::new(),
        partner_council_names: Vec::new(),
        details: PracticeDetails {
            title: row.get(6)?,
            summary: row.get(7)?,
            what_was_done: row.get(8)?,
            source: row.get(9)?,
            contact,
            ..PracticeDetails::default()
        },
        status: PracticeStatus::parse(&status)
            .ok_or_else(|| conversion(13, format!("unknown status {status}")))?,
        status_note: row.get(14)?,
        consent,
        created_at: instant(row, 18)?,
        updated_at: instant(row, 19)?,
    })
}

/// Fills in what an entry keeps in its own tables.
fn fill(conn: &Connection, entry: &mut PracticeEntry) -> Result<()> {
    let id = entry.id;
    let mut stmt = conn.prepare_cached(
        "SELECT p.council_code, c.display_name FROM practice_partners p
         JOIN councils c ON c.code = p.council_code WHERE p.entry_id = ?1 ORDER BY p.position",
    )?;
    for row in stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (code, name): (String, String) = row?;
        entry.partner_councils.push(code);
        entry.partner_council_names.push(name);
    }
    let strings = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let d = &mut entry.details;
    d.partner_organisations =
        strings("SELECT name FROM practice_organisations WHERE entry_id = ?1 ORDER BY position")?;
    d.themes =
        strings("SELECT theme_slug FROM practice_themes WHERE entry_id = ?1 ORDER BY position")?;
    let mut stmt = conn.prepare_cached(
        "SELECT measure, before, after, period FROM practice_outcomes
         WHERE entry_id = ?1 ORDER BY position",
    )?;
    d.outcomes = stmt
        .query_map([id], |r| {
            Ok(Outcome {
                measure: r.get(0)?,
                before: r.get(1)?,
                after: r.get(2)?,
                period: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT event_id FROM practice_events WHERE entry_id = ?1 ORDER BY position",
    )?;
    d.events = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<PracticeEntry> {
    let mut entry = conn
        .prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "practice entry",
            id: id.to_string(),
        })?;
    fill(conn, &mut entry)?;
    Ok(entry)
}

pub(crate) fn list(conn: &Connection, programme_id: &str) -> Result<Vec<PracticeEntry>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE p.programme_id = ?1 ORDER BY p.id"))?;
    let mut entries: Vec<PracticeEntry> = stmt
        .query_map([programme_id], read)?
        .collect::<rusqlite::Result<_>>()?;
    for entry in &mut entries {
        fill(conn, entry)?;
    }
    Ok(entries)
}

pub(super) fn insert(
    conn: &Connection,
    uid: &str,
    content: &PracticeContent,
    now: DateTime<Utc>,
) -> Result<i64> {
    let d = &content.details;
    let contact = d.contact.as_ref();
    conn.prepare_cached(
        "INSERT INTO practice_entries (uid, programme_id, council_code, title, summary,
             what_was_done, source, contact_name, contact_role, contact_email, status,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'draft', ?11, ?11)",
    )?
    .execute(params![
        uid,
        content.programme_id,
        content.council_code,
        d.title,
        d.summary,
        d.what_was_done,
        d.source,
        contact.map(|c| &c.name),
        contact.and_then(|c| c.role.as_ref()),
        contact.map(|c| &c.email),
        time::to_store(now),
    ])?;
    let id = conn.last_insert_rowid();
    insert_lists(conn, id, content)?;
    Ok(id)
}

pub(super) fn update(
    conn: &Connection,
    id: i64,
    content: &PracticeContent,
    status: PracticeStatus,
    now: DateTime<Utc>,
) -> Result<()> {
    let d = &content.details;
    let contact = d.contact.as_ref();
    conn.prepare_cached(
        "UPDATE practice_entries SET programme_id = ?2, council_code = ?3, title = ?4,
             summary = ?5, what_was_done = ?6, source = ?7, contact_name = ?8,
             contact_role = ?9, contact_email = ?10, status = ?11, updated_at = ?12
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        content.programme_id,
        content.council_code,
        d.title,
        d.summary,
        d.what_was_done,
        d.source,
        contact.map(|c| &c.name),
        contact.and_then(|c| c.role.as_ref()),
        contact.map(|c| &c.email),
        status.as_str(),
        time::to_store(now),
    ])?;
    for table in [
        "practice_partners",
        "practice_organisations",
        "practice_themes",
        "practice_outcomes",
        "practice_events",
    ] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE entry_id = ?1"))?
            .execute([id])?;
    }
    insert_lists(conn, id, content)
}

fn insert_lists(conn: &Connection, id: i64, content: &PracticeContent) -> Result<()> {
    let d = &content.details;
    for (i, code) in content.partner_councils.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO practice_partners (entry_id, council_code, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, code, i as i64])?;
    }
    for (i, name) in d.partner_organisations.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO practice_organisations (entry_id, position, name) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, i as i64, name])?;
    }
    for (i, slug) in d.themes.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO practice_themes (entry_id, theme_slug, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, slug, i as i64])?;
    }
    for (i, o) in d.outcomes.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO practice_outcomes (entry_id, position, measure, before, after, period)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            id, i as i64, o.measure, o.before, o.after, o.period
        ])?;
    }
    for (i, event) in d.events.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO practice_events (entry_id, event_id, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, event, i as i64])?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn record(
    conn: &Connection,
    person: &Actor,
    entry_id: i64,
    action: PracticeHistoryAction,
    from: Option<PracticeStatus>,
    to: PracticeStatus,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO practice_history (entry_id, at, who, role, action, from_status, to_status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        entry_id,
        time::to_store(now),
        person.who(),
        person.role.as_str(),
        action.as_str(),
        from.map(PracticeStatus::as_str),
        to.as_str(),
        note,
    ])?;
    Ok(())
}

fn history(conn: &Connection, entry_id: i64) -> Result<Vec<PracticeHistoryEntry>> {
    let status = |text: String, idx: usize| {
        PracticeStatus::parse(&text)
            .ok_or_else(|| conversion(idx, format!("unknown status {text}")))
    };
    let mut stmt = conn.prepare_cached(
        "SELECT at, who, role, action, from_status, to_status, note
         FROM practice_history WHERE entry_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([entry_id], |r| {
        let at = instant(r, 0)?.with_timezone(&time::LONDON);
        let who: String = r.get(1)?;
        let role: String = r.get(2)?;
        let role =
            Role::parse(&role).ok_or_else(|| conversion(2, format!("unknown role {role}")))?;
        let action: String = r.get(3)?;
        let action = PracticeHistoryAction::parse(&action)
            .ok_or_else(|| conversion(3, format!("unknown action {action}")))?;
        Ok(PracticeHistoryEntry {
            at: at.fixed_offset(),
            when: time::format_when(at.naive_local()),
            summary: format!("{} by {who} ({})", action.label(), role.label()),
            who,
            role,
            action,
            from_status: r
                .get::<_, Option<String>>(4)?
                .map(|s| status(s, 4))
                .transpose()?,
            to_status: status(r.get(5)?, 5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
