//! The SQLite store. One file, opened with WAL, foreign keys on and a busy
//! timeout. Every public method that writes is one transaction: it either
//! happens whole or not at all.

mod events;
mod feeds;
mod import;
mod migrations;
mod reference;
mod seeds;
mod settings;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction};

use crate::catalogue::Catalogue;
use crate::council::{Council, Region};
use crate::error::{Error, FieldError, Result};
use crate::event::{self, Event, EventForm, Review, Status};
use crate::filter::Selection;
use crate::programme::{Conference, Minister, Programme, Term};
use crate::summary::{self, ProgrammeSummary};

pub use crate::filter::EventFilter;
pub use feeds::{ExportStep, Exported};
pub use import::{
    Action, FaultyEvents, ImportItem, ImportMode, ImportReport, SeriesReport, Skipped,
};
pub use reference::ConferenceChange;
pub use seeds::SeedReport;
pub use settings::{Role, Screen, Settings, SettingsForm};

/// Where the database lives when neither `--db` nor `CPWEEK_DB` says:
/// the platform data directory (`~/.local/share/cpweek/cpweek.db` on Linux).
pub fn default_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "cpweek")
        .map(|dirs| dirs.data_dir().join("cpweek.db"))
        .ok_or_else(|| Error::Io {
            context: "finding the data directory".into(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no home directory"),
        })
}

/// Whether opening may create a new database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Create the file (and its folder) if missing.
    CreateIfMissing,
    /// Refuse a missing file, so that a mistyped path does not quietly
    /// start an empty database.
    Existing,
}

/// A saved event and what the user should be told about it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Saved {
    pub event: Event,
    pub warnings: Vec<String>,
    /// False when an edit changed nothing.
    pub changed: bool,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (and with [`Open::CreateIfMissing`] creates) the database at
    /// `path` and brings its schema up to date. `now` stamps migrations.
    pub fn open(path: &Path, mode: Open, now: DateTime<Utc>) -> Result<Store> {
        let flags = match mode {
            Open::CreateIfMissing => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                        context: format!("creating {}", dir.display()),
                        source,
                    })?;
                }
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
            }
            Open::Existing => {
                if !path.is_file() {
                    return Err(Error::NotInitialised {
                        path: path.display().to_string(),
                    });
                }
                OpenFlags::SQLITE_OPEN_READ_WRITE
            }
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        Self::prepare(conn, path.to_path_buf(), now)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory(now: DateTime<Utc>) -> Result<Store> {
        Self::prepare(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            now,
        )
    }

    fn prepare(mut conn: Connection, path: PathBuf, now: DateTime<Utc>) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::apply(&mut conn, &crate::time::to_store(now))?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        migrations::current_version(&self.conn)
    }

    /// Loads the seeds, idempotently: running it twice leaves the same data.
    pub fn init(&mut self) -> Result<SeedReport> {
        self.write(seeds::load)
    }

    fn write<T>(&mut self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = action(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Everything validation needs; refuses a database that was never
    /// seeded, with the command that seeds it.
    pub fn catalogue(&self) -> Result<Catalogue> {
        let catalogue = reference::catalogue(&self.conn)?;
        if catalogue.councils.is_empty() || catalogue.programmes.is_empty() {
            return Err(Error::NotInitialised {
                path: self.path.display().to_string(),
            });
        }
        Ok(catalogue)
    }

    pub fn regions(&self) -> Result<Vec<Region>> {
        reference::regions(&self.conn)
    }

    /// Councils, optionally in one region (by name or E12 code).
    pub fn councils(&self, region: Option<&str>) -> Result<Vec<Council>> {
        let councils = self.catalogue()?.councils;
        match region {
            None => Ok(councils),
            Some(r) => {
                let code = self.region_code(r)?;
                Ok(councils
                    .into_iter()
                    .filter(|c| c.region_code == code)
                    .collect())
            }
        }
    }

    fn region_code(&self, query: &str) -> Result<String> {
        crate::council::resolve_region(&self.regions()?, query)
            .map(|r| r.code.clone())
            .map_err(|m| Error::invalid("region", m))
    }

    pub fn themes(&self) -> Result<Vec<Term>> {
        reference::terms(&self.conn, "themes")
    }

    pub fn audiences(&self) -> Result<Vec<Term>> {
        reference::terms(&self.conn, "audiences")
    }

    pub fn programmes(&self) -> Result<Vec<Programme>> {
        reference::programmes(&self.conn)
    }

    pub fn ministers(&self) -> Result<Vec<Minister>> {
        reference::ministers(&self.conn)
    }

    /// Changes a conference's name, days, venue or confirmation.
    pub fn update_conference(&mut self, id: &str, change: &ConferenceChange) -> Result<Conference> {
        self.write(|tx| reference::update_conference(tx, id, change))
    }

    /// Registers a new event as `submitted`, with a new UID and SEQUENCE 0.
    pub fn add_event(&mut self, form: &EventForm, now: DateTime<Utc>) -> Result<Saved> {
        let catalogue = self.catalogue()?;
        let checked = event::validate(form, &catalogue).map_err(Error::Invalid)?;
        let uid = format!("{}@cpweek.local.gov.uk", uuid::Uuid::new_v4());
        let id =
            self.write(|tx| events::insert(tx, &uid, &checked.content, Status::Submitted, now))?;
        Ok(Saved {
            event: events::get(&self.conn, &catalogue.programmes, id)?,
            warnings: checked.warnings,
            changed: true,
        })
    }

    /// Replaces an event's fields with `form`. SEQUENCE rises when anything
    /// changes; an edit that changes nothing writes nothing. A returned
    /// event is resubmitted; a cancelled one cannot be edited.
    pub fn edit_event(&mut self, id: i64, form: &EventForm, now: DateTime<Utc>) -> Result<Saved> {
        let catalogue = self.catalogue()?;
        let checked = event::validate(form, &catalogue).map_err(Error::Invalid)?;
        let changed = self.write(|tx| {
            let old = events::get(tx, &catalogue.programmes, id)?;
            let status = event::status_after_edit(old.status)
                .map_err(|m| Error::Conflict(format!("event {id}: {m}")))?;
            if old.content() == checked.content && status == old.status {
                return Ok(false);
            }
            events::update(tx, id, &checked.content, status, old.sequence + 1, now)?;
            Ok(true)
        })?;
        Ok(Saved {
            event: events::get(&self.conn, &catalogue.programmes, id)?,
            warnings: checked.warnings,
            changed,
        })
    }

    /// Approves, returns (with a note) or cancels (with a reason) an event.
    /// Every status change raises SEQUENCE: partners see the status.
    pub fn review_event(&mut self, id: i64, review: &Review, now: DateTime<Utc>) -> Result<Event> {
        let note = match review {
            Review::Approve => None,
            Review::Return { note } => {
                Some(required_text("note", "a note saying what to change", note)?)
            }
            Review::Cancel { reason } => Some(required_text("reason", "a reason", reason)?),
        };
        let programmes = self.programmes()?;
        self.write(|tx| {
            let old = events::get(tx, &programmes, id)?;
            let status = event::next_status(old.status, review)
                .map_err(|m| Error::Conflict(format!("event {id}: {m}")))?;
            events::set_status(tx, id, status, note.as_deref(), old.sequence + 1, now)
        })?;
        events::get(&self.conn, &programmes, id)
    }

    pub fn event(&self, id: i64) -> Result<Event> {
        events::get(&self.conn, &self.programmes()?, id)
    }

    /// Events matching every filter given, in start order (then id).
    /// The programme is chosen in SQL; every other filter is
    /// [`Selection::matches`], the one definition the window follows too.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<Event>> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(&filter.programme)
            .map_err(|m| FieldError::new("programme", m));
        let selection = Selection::resolve(filter, &catalogue, &self.regions()?);
        let (programme, selection) = match (programme, selection) {
            (Ok(p), Ok(s)) => (p, s),
            (p, s) => {
                let mut errors: Vec<FieldError> = p.err().into_iter().collect();
                errors.extend(s.err().unwrap_or_default());
                return Err(Error::Invalid(errors));
            }
        };
        let w = events::Where {
            programme_id: Some(programme.id.clone()),
            ..Default::default()
        };
        let mut list = events::list(&self.conn, &catalogue.programmes, &w)?;
        list.retain(|e| selection.matches(e));
        Ok(list)
    }

    /// A stamp that changes whenever any of the programme's events changes
    /// (one added, edited, reviewed or imported, here or by another
    /// process): its id, how many events it has, their highest id, the sum
    /// of their SEQUENCEs (which rise on every change) and their latest
    /// change. The window compares it before loading every event again.
    /// An empty `programme` means the current one.
    pub fn events_stamp(&self, programme: &str) -> Result<String> {
        let programmes = self.programmes()?;
        let id = &crate::programme::find(&programmes, programme)
            .map_err(|m| Error::invalid("programme", m))?
            .id;
        let (count, top, sequences, last): (i64, Option<i64>, Option<i64>, Option<String>) =
            self.conn.query_row(
                "SELECT count(*), max(id), sum(sequence), max(updated_at)
                 FROM events WHERE programme_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        Ok(format!(
            "{id}/{count}/{}/{}/{}",
            top.unwrap_or(0),
            sequences.unwrap_or(0),
            last.unwrap_or_default()
        ))
    }

    /// The programme at a glance (see [`crate::summary`] for what counts);
    /// an empty `programme` means the current one.
    pub fn programme_summary(&self, programme: &str) -> Result<ProgrammeSummary> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let w = events::Where {
            programme_id: Some(programme.id.clone()),
            ..Default::default()
        };
        let events = events::list(&self.conn, &catalogue.programmes, &w)?;
        Ok(summary::summarise(
            programme,
            &events,
            &catalogue.councils,
            &self.regions()?,
        ))
    }

    /// Copies the whole database to `to` (a consistent snapshot, safe while
    /// the app runs). Refuses to overwrite an existing file.
    pub fn back_up(&self, to: &Path) -> Result<()> {
        if to.exists() {
            return Err(Error::invalid(
                "path",
                format!("{} already exists; choose a new file name", to.display()),
            ));
        }
        self.conn
            .execute("VACUUM INTO ?1", [to.to_string_lossy()])
            .map(|_| ())
            .map_err(Error::from)
    }
}

fn required_text(field: &'static str, what: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid(
            field,
            format!("{field} is required: give {what}"),
        ));
    }
    if t.chars().count() > event::DESCRIPTION_MAX {
        return Err(Error::invalid(
            field,
            format!(
                "{field} must be {} characters or fewer",
                event::DESCRIPTION_MAX
            ),
        ));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod ics_tests;
#[cfg(test)]
mod tests;
