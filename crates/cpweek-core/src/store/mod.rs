//! The SQLite store. One file, in WAL mode, with foreign keys on and a busy
//! timeout ([`BUSY_WAIT`]); opened to read, nothing is written to it (see
//! [`Open`]). Every public method that writes is one transaction: it either
//! happens whole or not at all.

mod attendance;
mod briefing;
mod diary;
mod dissemination;
mod events;
mod feeds;
mod history;
mod import;
mod migrations;
mod opening;
mod pack;
mod pack_conflicts;
mod pack_exchange;
mod pack_practice;
mod pack_practice_conflicts;
mod pack_request_check;
mod pack_request_conflicts;
mod pack_requests;
mod pack_screen;
mod people;
mod practice;
mod programme_preview;
mod published;
mod reference;
mod release_pdf;
mod releases;
mod report;
mod requests;
mod review;
mod sample;
mod seeds;
mod settings;
mod site;
mod stamp;
mod take_up;
mod toolkit;
mod toolkit_preview;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};

use crate::catalogue::Catalogue;
use crate::council::{Council, Region};
use crate::error::{Error, FieldError, Result};
use crate::event::{self, Event, EventForm, Review, Status};
use crate::filter::Selection;
use crate::permission::{self, EventAction};
use crate::programme::{Conference, Programme, Term};
use crate::summary::{self, ProgrammeSummary};

pub use crate::filter::EventFilter;
pub use briefing::{DocumentStep, Format};
pub use feeds::{ExportStep, Exported};
pub use history::{HistoryAction, HistoryEntry};
pub use import::{
    Action, FaultyEvents, ImportItem, ImportMode, ImportReport, SeriesReport, Skipped,
};
pub use pack::{PackFile, MOST_SEQUENCE};
pub use pack_screen::{ConflictShown, PacksPage, PersonPack};
pub use practice::{PracticeHistoryAction, PracticeHistoryEntry, PracticeSaved};
pub use programme_preview::{LeftOut, ProgrammePreview, ProgrammeStep};
pub use reference::ConferenceChange;
pub use requests::RequestFilter;
pub use review::{QueueFilter, Queued};
pub use sample::{said as sample_said, SampleCounts};
pub use seeds::SeedReport;
pub use settings::{Role, Screen, Settings, SettingsForm};
pub use stamp::AppStamp;
pub use take_up::MissingInRegion;
pub use toolkit::ToolkitIntro;
pub use toolkit_preview::{ToolkitIntroShown, ToolkitNotYet, ToolkitPreview, ToolkitStep};

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

/// How long a connection waits for another to finish writing before it
/// gives up with [`crate::error::Unusable::Busy`]: longer than the longest
/// write (a 10,000-event import), so a reader or writer waits it out.
pub const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(120);

/// How a database file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// For reading and writing; create the file (and its folder) if missing.
    CreateIfMissing,
    /// For reading and writing; refuse a missing file, so that a mistyped
    /// path does not quietly start an empty database.
    Existing,
    /// An existing file, only to read: nothing is written to it (no journal
    /// mode set, no schema filled in, and a read-only file is read without
    /// creating anything beside it). Only a schema older than this cpweek's
    /// is brought up to date first, or refused when the file is read-only.
    Read,
}

/// A saved event and what the user should be told about it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Saved {
    pub event: Event,
    pub warnings: Vec<String>,
    /// What the change did to other records: attendance requests withdrawn
    /// with a cancelled event, or moved with it.
    pub notices: Vec<String>,
    /// False when an edit changed nothing.
    pub changed: bool,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (and with [`Open::CreateIfMissing`] creates) the database at
    /// `path`. Opened to write, its schema is brought up to date (`now`
    /// stamps the migrations); any mode refuses, by name, a file that is
    /// not a cpweek database, or that a newer cpweek made. Errors name the
    /// file.
    pub fn open(path: &Path, mode: Open, now: DateTime<Utc>) -> Result<Store> {
        opening::open(path, mode, now).map_err(|e| e.in_database(path))
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory(now: DateTime<Utc>) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::apply(&mut conn, &crate::time::to_store(now))?;
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
        })
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

    /// One user action that writes: one immediate transaction (the write
    /// lock is taken first, waiting up to [`BUSY_WAIT`] for another
    /// writer), whole or not at all. Errors name the database file.
    fn write<T>(&mut self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let run = |conn: &mut Connection| -> Result<T> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let value = action(&tx)?;
            tx.commit()?;
            Ok(value)
        };
        run(&mut self.conn).map_err(|e| e.in_database(&self.path))
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

    /// Changes a conference's name, days, venue or confirmation.
    pub fn update_conference(&mut self, id: &str, change: &ConferenceChange) -> Result<Conference> {
        self.write(|tx| reference::update_conference(tx, id, change))
    }

    /// Registers a new event as `submitted`, with a new UID and SEQUENCE 0,
    /// as far as the person's role allows; its history names them.
    pub fn add_event(&mut self, form: &EventForm, now: DateTime<Utc>) -> Result<Saved> {
        let catalogue = self.catalogue()?;
        let checked = event::validate(form, &catalogue).map_err(Error::Invalid)?;
        let uid = format!("{}@cpweek.local.gov.uk", uuid::Uuid::new_v4());
        let id = self.write(|tx| {
            let person = settings::read(tx)?.person();
            permission::check(person.role, EventAction::Add)?;
            let id = events::insert(tx, &uid, &checked.content, Status::Submitted, now)?;
            let change = history::Change {
                event_id: id,
                action: HistoryAction::Added,
                from: None,
                to: Status::Submitted,
                note: None,
            };
            history::record(tx, &person, &change, now)?;
            Ok(id)
        })?;
        Ok(Saved {
            event: events::get(&self.conn, &catalogue.programmes, id)?,
            warnings: checked.warnings,
            notices: Vec::new(),
            changed: true,
        })
    }

    /// Replaces an event's fields with `form`. SEQUENCE rises when anything
    /// changes; an edit that changes nothing writes nothing. A returned
    /// event is resubmitted; a cancelled one cannot be edited.
    pub fn edit_event(&mut self, id: i64, form: &EventForm, now: DateTime<Utc>) -> Result<Saved> {
        let catalogue = self.catalogue()?;
        let checked = event::validate(form, &catalogue).map_err(Error::Invalid)?;
        let (changed, notices) = self.write(|tx| {
            let person = settings::read(tx)?.person();
            permission::check(person.role, EventAction::Edit)?;
            let old = events::get(tx, &catalogue.programmes, id)?;
            let status = event::status_after_edit(old.status)
                .map_err(|m| Error::Conflict(format!("event {id}: {m}")))?;
            if old.content() == checked.content && status == old.status {
                return Ok((false, Vec::new()));
            }
            events::update(tx, id, &checked.content, status, old.sequence + 1, now)?;
            let change = history::Change {
                event_id: id,
                action: HistoryAction::Edited,
                from: Some(old.status),
                to: status,
                note: None,
            };
            history::record(tx, &person, &change, now)?;
            let new = events::get(tx, &catalogue.programmes, id)?;
            let notices = attendance::after_event_moved(tx, &old, &new, &person, now)?;
            Ok((true, notices))
        })?;
        Ok(Saved {
            event: events::get(&self.conn, &catalogue.programmes, id)?,
            warnings: checked.warnings,
            notices,
            changed,
        })
    }

    /// Approves, returns (with a note) or cancels (with a reason) an event,
    /// as far as the person's role allows ([`permission::check`]; refused
    /// with [`Error::Forbidden`] before anything else). Every status change
    /// raises SEQUENCE: partners see the status. Cancelling withdraws the
    /// event's open attendance requests, and the notices say so.
    pub fn review_event(&mut self, id: i64, review: &Review, now: DateTime<Utc>) -> Result<Saved> {
        let mut saved = self.review_events(&[id], review, now)?;
        Ok(saved.remove(0))
    }

    /// What the person may do to `event` now: their role (in the settings)
    /// and the event's status decide ([`permission::actions`]), and an
    /// approved event's change awaiting review may be approved
    /// ([`crate::review::actions`]).
    pub fn actions(&self, event: &Event) -> Result<Vec<EventAction>> {
        let awaiting = review::awaiting_now(&self.conn, event)?;
        Ok(crate::review::actions(
            self.settings()?.role,
            event.status,
            awaiting,
        ))
    }

    /// Event `id`'s history, oldest first, in its programme's zone.
    pub fn event_history(&self, id: i64) -> Result<Vec<HistoryEntry>> {
        let programmes = self.programmes()?;
        let event = events::get(&self.conn, &programmes, id)?;
        let tz = crate::programme::find(&programmes, &event.programme)
            .map_err(|m| Error::invalid("programme", m))?
            .time_zone;
        history::list(&self.conn, id, tz)
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

    /// How many changes each part of what the window shows (reference
    /// data, settings, events) has had, counted by triggers in the
    /// database, so that a change by any process counts: the CLI, another
    /// window, an import. The window compares it and loads again only what
    /// moved. Reading anything leaves it as it was.
    pub fn app_stamp(&self) -> Result<AppStamp> {
        stamp::read(&self.conn)
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
        let requests = self.requests(&RequestFilter {
            programme: Some(programme.id.clone()),
            ..RequestFilter::default()
        })?;
        Ok(summary::summarise(
            programme,
            &events,
            &requests,
            &catalogue.councils,
            &self.regions()?,
        ))
    }

    /// Copies the whole database to the chosen file (a consistent
    /// snapshot, safe while the app runs), whole or not at all; an existing
    /// file is replaced only if the person allowed it (see
    /// [`crate::file::chosen_target`]).
    pub fn back_up(&self, to: &crate::file::Target) -> Result<()> {
        crate::file::save(to, |temp| {
            self.conn
                .execute("VACUUM INTO ?1", [temp.to_string_lossy()])
                .map(|_| ())
                .map_err(|e| Error::from(e).in_database(&self.path))
        })
    }
}

/// The note or reason of a review, by the multi-line text rule
/// ([`crate::text::NOTE`], [`crate::text::REASON`]); `what` says what to give.
fn required_text(field: crate::text::Field, what: &str, text: &str) -> Result<String> {
    field
        .optional(text)
        .map_err(|e| Error::Invalid(vec![e]))?
        .ok_or_else(|| {
            Error::invalid(
                field.name,
                format!("{} is required: give {what}", field.label),
            )
        })
}

#[cfg(test)]
mod attendance_tests;
#[cfg(test)]
mod briefing_tests;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod ics_tests;
#[cfg(test)]
mod joint_tests;
#[cfg(test)]
mod open_tests;
#[cfg(test)]
mod pack_practice_tests;
#[cfg(test)]
mod pack_request_tests;
#[cfg(test)]
mod pack_tests;
#[cfg(test)]
mod practice_hostile_tests;
#[cfg(test)]
mod practice_tests;
#[cfg(test)]
mod programme_preview_tests;
#[cfg(test)]
mod published_tests;
#[cfg(test)]
mod releases_tests;
#[cfg(test)]
mod report_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod toolkit_preview_tests;
#[cfg(test)]
mod toolkit_tests;
