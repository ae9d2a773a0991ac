//! Choosing a feed's events and writing it.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params_from_iter, Connection, Row};

use super::events::{self, conversion, instant};
use super::Store;
use crate::error::{Error, FieldError, Result};
use crate::event::{Status, Visibility};
use crate::ics::feed::{self, Feed, FeedEvent, Privacy, Scope};
use crate::ics::read::Span;
use crate::ics::write;
use crate::programme::{resolve_term, Programme};
use crate::time;

/// Only the columns a VEVENT needs (see [`FeedEvent`]); the themes are read
/// by a second query, as one pass over the covering index is much quicker
/// than a sub-select per event.
const SELECT: &str = "
    SELECT e.id, e.uid, e.sequence, r.name, e.title, e.description, e.starts_at, e.ends_at,
           e.all_day, e.venue, e.address, e.postcode, e.booking_url, e.visibility, e.status,
           e.approved_once, e.created_at, e.updated_at
    FROM events e
    JOIN councils c ON c.code = e.council_code
    JOIN regions r ON r.code = c.region_code";

/// What a feed is over: its programme, its slice of the events, its name.
struct Slice {
    programme: Programme,
    w: events::Where,
    name: String,
    last_change: Option<DateTime<Utc>>,
}

/// Hands each event of the slice that the feed holds to `each`, in time
/// order. One value is reused from row to row (its text overwritten in
/// place), so that reading thousands of events allocates little.
fn each_event(
    conn: &Connection,
    slice: &Slice,
    scope: &Scope,
    privacy: Privacy,
    mut each: impl FnMut(&FeedEvent),
) -> Result<()> {
    // Theme slugs by event, in the council's order.
    let mut themes: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT event_id, theme_slug FROM event_themes ORDER BY event_id, position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        themes.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    let (clause, values) = events::where_clause(&slice.w);
    let mut stmt = conn.prepare_cached(&format!("{SELECT}{clause} ORDER BY e.starts_at, e.id"))?;
    let mut rows = stmt.query(params_from_iter(values.iter()))?;
    let mut e = FeedEvent {
        uid: String::new(),
        sequence: 0,
        title: String::new(),
        description: None,
        span: Span::Timed {
            start: DateTime::<Utc>::MIN_UTC,
            end: DateTime::<Utc>::MIN_UTC,
        },
        venue: None,
        address: None,
        postcode: None,
        booking_url: None,
        themes: Vec::new(),
        region: String::new(),
        visibility: Visibility::Private,
        status: Status::Submitted,
        was_approved: false,
        created_at: DateTime::<Utc>::MIN_UTC,
        updated_at: DateTime::<Utc>::MIN_UTC,
    };
    while let Some(row) = rows.next()? {
        // What decides whether it is in the feed first, then the rest.
        read_standing(row, &mut e)?;
        if !feed::includes(scope, privacy, &e) {
            continue;
        }
        read_into(row, &slice.programme, &mut e)?;
        e.themes = themes.remove(&row.get(0)?).unwrap_or_default();
        each(&e);
    }
    Ok(())
}

fn read_standing(row: &Row, e: &mut FeedEvent) -> rusqlite::Result<()> {
    let visibility = row.get_ref(13)?.as_str()?;
    let status = row.get_ref(14)?.as_str()?;
    e.visibility = Visibility::parse(visibility)
        .ok_or_else(|| conversion(13, format!("unknown visibility {visibility}")))?;
    e.status =
        Status::parse(status).ok_or_else(|| conversion(14, format!("unknown status {status}")))?;
    e.was_approved = row.get(15)?;
    Ok(())
}

/// Overwrites `e` with the row's values (but its standing, read by
/// [`read_standing`], and its themes).
fn read_into(row: &Row, programme: &Programme, e: &mut FeedEvent) -> rusqlite::Result<()> {
    let text = |idx: usize, to: &mut String| -> rusqlite::Result<()> {
        to.clear();
        to.push_str(row.get_ref(idx)?.as_str()?);
        Ok(())
    };
    let optional = |idx: usize, to: &mut Option<String>| -> rusqlite::Result<()> {
        match (row.get_ref(idx)?.as_str_or_null()?, to.as_mut()) {
            (None, _) => *to = None,
            (Some(value), Some(kept)) => {
                kept.clear();
                kept.push_str(value);
            }
            (Some(value), None) => *to = Some(value.to_string()),
        }
        Ok(())
    };
    let (start, end) = (instant(row, 6)?, instant(row, 7)?);
    e.span = if row.get(8)? {
        // The local dates, the last one inclusive as `Event::end_date` is;
        // the span's end is the day after it.
        let tz = programme.time_zone;
        let first = start.with_timezone(&tz).date_naive();
        let last = (end - Duration::seconds(1))
            .with_timezone(&tz)
            .date_naive()
            .max(first);
        Span::AllDay {
            start: first,
            end: last + Duration::days(1),
        }
    } else {
        Span::Timed { start, end }
    };
    text(1, &mut e.uid)?;
    e.sequence = row.get(2)?;
    text(3, &mut e.region)?;
    text(4, &mut e.title)?;
    optional(5, &mut e.description)?;
    optional(9, &mut e.venue)?;
    optional(10, &mut e.address)?;
    optional(11, &mut e.postcode)?;
    optional(12, &mut e.booking_url)?;
    e.created_at = instant(row, 16)?;
    e.updated_at = instant(row, 17)?;
    Ok(())
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
    /// The programme, slice and name of a feed.
    fn slice(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<Slice> {
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
        Ok(Slice {
            programme: programme.clone(),
            w,
            name,
            last_change,
        })
    }

    /// The events of a feed (see [`crate::ics::feed`] for what each holds).
    pub fn feed(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<Feed> {
        let slice = self.slice(scope, programme, privacy)?;
        let mut events = Vec::new();
        each_event(&self.conn, &slice, scope, privacy, |e| {
            events.push(e.clone())
        })?;
        Ok(Feed {
            name: slice.name,
            events,
            last_change: slice.last_change,
        })
    }

    /// A feed as iCalendar text, written as its events are read.
    pub fn export_ics(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<Exported> {
        let slice = self.slice(scope, programme, privacy)?;
        let themes = self.themes()?;
        let mut calendar = write::Calendar::new(&slice.name, &themes);
        let mut count = 0;
        each_event(&self.conn, &slice, scope, privacy, |e| {
            calendar.event(e);
            count += 1;
        })?;
        Ok(Exported {
            name: slice.name,
            body: calendar.finish(),
            events: count,
            last_change: slice.last_change,
        })
    }
}
