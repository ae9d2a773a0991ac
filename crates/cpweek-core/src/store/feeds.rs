//! Choosing a feed's events and writing it.

use chrono::{DateTime, Utc};

use super::{events, Store};
use crate::error::{Error, FieldError, Result};
use crate::ics::feed::{self, Feed, Privacy, Scope};
use crate::ics::write;
use crate::programme::resolve_term;
use crate::time;

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
    /// The events of a feed (see [`crate::ics::feed`] for what each holds).
    pub fn feed(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<Feed> {
        let catalogue = self.catalogue()?;
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
        let events: Vec<_> = events::list(&self.conn, &catalogue.programmes, &w)?
            .into_iter()
            .filter(|e| feed::includes(scope, privacy, e))
            .collect();
        let last: Option<String> = self.conn.query_row(
            "SELECT MAX(updated_at) FROM events WHERE programme_id = ?1",
            [&programme.id],
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
        let mut name = format!("{}: {slice}", programme.name);
        if privacy == Privacy::IncludePrivate {
            name.push_str(" (with private events: not for partners)");
        }
        Ok(Feed {
            name,
            events,
            last_change,
        })
    }

    /// A feed as iCalendar text.
    pub fn export_ics(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<Exported> {
        let feed = self.feed(scope, programme, privacy)?;
        let body = write::calendar(&feed, &self.themes()?);
        Ok(Exported {
            name: feed.name,
            body,
            events: feed.events.len(),
            last_change: feed.last_change,
        })
    }
}
