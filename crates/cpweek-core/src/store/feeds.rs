//! Choosing a feed's events and writing it.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{events, Store};
use crate::error::{Error, FieldError, Result};
use crate::ics::feed::{self, Feed, Privacy, Scope};
use crate::ics::write;
use crate::programme::resolve_term;
use crate::time;

/// How far an export has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
#[ts(export)]
pub enum ExportStep {
    /// Reading the feed's events from the database.
    Reading,
    /// Writing them as iCalendar text: `done` of `total` events.
    Writing { done: usize, total: usize },
    /// Saving the file.
    Saving,
}

/// A feed written out.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub name: String,
    /// The calendar text (CRLF, folded).
    pub body: String,
    pub events: usize,
    /// The latest change to any event of the programme.
    pub last_change: Option<DateTime<Utc>>,
}

impl Store {
    /// The name a feed's calendar carries, e.g. "Corporate Parenting Week
    /// 2014: South East". Checks that the scope and programme name
    /// something, so a caller can ask before doing anything else (before
    /// opening a save dialog, say).
    pub fn feed_name(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<String> {
        let catalogue = self.catalogue()?;
        Ok(self.slice(&catalogue, scope, programme, privacy)?.1)
    }

    /// Which events a feed's slice selects, and the feed's name.
    fn slice(
        &self,
        catalogue: &crate::Catalogue,
        scope: &Scope,
        programme: &str,
        privacy: Privacy,
    ) -> Result<(events::Where, String)> {
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::Invalid(vec![FieldError::new("programme", m)]))?;
        let mut w = events::Where {
            programme_id: Some(programme.id.clone()),
            ..Default::default()
        };
        let slice = match scope {
            Scope::National => "national programme".to_string(),
            Scope::Region(r) => {
                let code = self.region_code(r)?;
                let name = self
                    .regions()?
                    .into_iter()
                    .find(|x| x.code == code)
                    .map_or(code.clone(), |x| x.name);
                w.region_code = Some(code);
                name
            }
            Scope::Council(c) => {
                let council = catalogue
                    .council(c)
                    .map_err(|m| Error::invalid("council", m))?;
                w.council_code = Some(council.code.clone());
                council.label()
            }
            Scope::Theme(t) => {
                let theme = resolve_term(&catalogue.themes, "theme", t)
                    .map_err(|m| Error::invalid("theme", m))?;
                w.theme = Some(theme.slug.clone());
                theme.name.clone()
            }
        };
        let mut name = format!("{}: {slice}", programme.name);
        if privacy == Privacy::IncludePrivate {
            name.push_str(" (with private events: not for partners)");
        }
        Ok((w, name))
    }

    /// The events of a feed (see [`crate::ics::feed`] for what each holds).
    pub fn feed(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<Feed> {
        let catalogue = self.catalogue()?;
        let (w, name) = self.slice(&catalogue, scope, programme, privacy)?;
        let programme_id = w.programme_id.clone().unwrap_or_default();
        let events: Vec<_> = events::list(&self.conn, &catalogue.programmes, &w)?
            .into_iter()
            .filter(|e| feed::includes(scope, privacy, e))
            .collect();
        let last: Option<String> = self.conn.query_row(
            "SELECT MAX(updated_at) FROM events WHERE programme_id = ?1",
            [&programme_id],
            |r| r.get(0),
        )?;
        let last_change = last
            .map(|t| {
                time::from_store(&t).map_err(|m| {
                    Error::Storage(rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        m.into(),
                    ))
                })
            })
            .transpose()?;
        Ok(Feed {
            name,
            events,
            last_change,
        })
    }

    /// A feed as iCalendar text.
    pub fn export_ics(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<Exported> {
        self.export_ics_reporting(scope, programme, privacy, &mut |_| {})
    }

    /// A feed as iCalendar text, telling `progress` how far it has got.
    pub fn export_ics_reporting(
        &self,
        scope: &Scope,
        programme: &str,
        privacy: Privacy,
        progress: &mut dyn FnMut(ExportStep),
    ) -> Result<Exported> {
        progress(ExportStep::Reading);
        let feed = self.feed(scope, programme, privacy)?;
        let total = feed.events.len();
        progress(ExportStep::Writing { done: 0, total });
        let body = write::calendar_reporting(&feed, &self.themes()?, &mut |done| {
            progress(ExportStep::Writing { done, total })
        });
        Ok(Exported {
            name: feed.name,
            body,
            events: feed.events.len(),
            last_change: feed.last_change,
        })
    }

    /// Writes a feed to `path` (whole or not at all), reporting progress.
    pub fn export_ics_to_file(
        &self,
        scope: &Scope,
        programme: &str,
        privacy: Privacy,
        path: &Path,
        progress: &mut dyn FnMut(ExportStep),
    ) -> Result<Exported> {
        let exported = self.export_ics_reporting(scope, programme, privacy, progress)?;
        progress(ExportStep::Saving);
        crate::file::write_whole(path, exported.body.as_bytes())?;
        Ok(exported)
    }
}
