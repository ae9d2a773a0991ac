//! Choosing a feed's events and writing it; the list of feeds published;
//! and each event's stamp of the last change partners could see.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params_from_iter, Connection, Row};
use serde::Serialize;
use ts_rs::TS;

use super::events::{self, conversion, instant};
use super::Store;
use crate::error::{Error, FieldError, Result};
use crate::event::{Status, Visibility};
use crate::ics::feed::{Feed, FeedEvent, Privacy, Scope};
use crate::ics::read::Span;
use crate::ics::write;
use crate::programme::{resolve_term, Programme};
use crate::publish::names::{self, FeedKind, PublishedFeed};
use crate::publish::{Audience, Exposure, Listing};
use crate::time;

/// Only the columns a VEVENT needs (see [`FeedEvent`]); the themes are read
/// by a second query, as one pass over the covering index is much quicker
/// than a sub-select per event.
const SELECT: &str = "
    SELECT e.id, e.uid, e.sequence, r.name, e.title, e.description, e.starts_at, e.ends_at,
           e.all_day, e.venue, e.address, e.postcode, e.booking_url, e.visibility, e.status,
           e.approved_once, e.created_at, e.updated_at, e.council_code
    FROM events e
    JOIN councils c ON c.code = e.council_code
    JOIN regions r ON r.code = c.region_code";

/// The events of `w`'s slice that `listing` publishes to `audience`, in
/// time order.
fn read_feed(
    conn: &Connection,
    programme: &Programme,
    w: &events::Where,
    audience: &Audience,
    listing: Listing,
) -> Result<Vec<FeedEvent>> {
    // Partners first: a partner council runs a joint event too, so its own
    // copy holds the event even when it is private.
    let mut partners: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT p.event_id, c.display_name, c.code FROM event_partners p
         JOIN councils c ON c.code = p.council_code ORDER BY p.event_id, p.position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        partners
            .entry(row.get(0)?)
            .or_default()
            .push((row.get(1)?, row.get(2)?));
    }
    let (clause, values) = events::where_clause(w);
    let mut stmt = conn.prepare_cached(&format!("{SELECT}{clause} ORDER BY e.starts_at, e.id"))?;
    let mut rows = stmt.query(params_from_iter(values.iter()))?;
    let mut ids = Vec::new();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut e = read(row, programme)?;
        let id = row.get::<_, i64>(0)?;
        if let Some(list) = partners.remove(&id) {
            (e.partners, e.partner_codes) = list.into_iter().unzip();
        }
        if audience.publishes(listing, e.exposure()) {
            ids.push(id);
            out.push(e);
        }
    }
    if !out.is_empty() {
        let at: HashMap<i64, usize> = ids.into_iter().zip(0..).collect();
        let mut stmt = conn.prepare_cached(
            "SELECT event_id, theme_slug FROM event_themes ORDER BY event_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(&i) = at.get(&row.get::<_, i64>(0)?) {
                out[i].themes.push(row.get(1)?);
            }
        }
    }
    Ok(out)
}

fn read(row: &Row, programme: &Programme) -> rusqlite::Result<FeedEvent> {
    let (start, end) = (instant(row, 6)?, instant(row, 7)?);
    let all_day: bool = row.get(8)?;
    let span = if all_day {
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
    let visibility = row.get_ref(13)?.as_str()?;
    let status = row.get_ref(14)?.as_str()?;
    Ok(FeedEvent {
        uid: row.get(1)?,
        sequence: row.get(2)?,
        region: row.get(3)?,
        council: row.get(18)?,
        title: row.get(4)?,
        description: row.get(5)?,
        span,
        venue: row.get(9)?,
        address: row.get(10)?,
        postcode: row.get(11)?,
        booking_url: row.get(12)?,
        themes: Vec::new(),
        partners: Vec::new(),
        partner_codes: Vec::new(),
        visibility: Visibility::parse(visibility)
            .ok_or_else(|| conversion(13, format!("unknown visibility {visibility}")))?,
        status: Status::parse(status)
            .ok_or_else(|| conversion(14, format!("unknown status {status}")))?,
        was_approved: row.get(15)?,
        created_at: instant(row, 16)?,
        updated_at: instant(row, 17)?,
    })
}

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
    /// The latest change to any event of the programme that the feed's
    /// audience could see (see [`Feed::last_change`]).
    pub last_change: Option<DateTime<Utc>>,
}

/// What a feed's scope and programme resolve to.
struct Slice<'c> {
    programme: &'c Programme,
    /// Which events the slice selects (before the feed's own rules).
    filter: events::Where,
    /// The calendar's name, e.g. "Corporate Parenting Week 2014: South East".
    name: String,
    /// The scope as resolved: a council by its DfE code, a region by its
    /// name, a theme by its slug.
    scope: Scope,
    /// Who the feed is for.
    audience: Audience,
}

impl Store {
    /// The file name to suggest for a feed, e.g. `cpweek-2014-national.ics`
    /// (see [`names::file_name`]). Checks that the scope and programme name
    /// something and that the privacy asked for is allowed for the scope, so
    /// a caller can ask before doing anything else (before opening a save
    /// dialog, say).
    pub fn feed_file_name(
        &self,
        scope: &Scope,
        programme: &str,
        privacy: Privacy,
    ) -> Result<String> {
        let catalogue = self.catalogue()?;
        let slice = self.slice(&catalogue, scope, programme, privacy)?;
        Ok(names::file_name(&slice.scope, &slice.programme.id))
    }

    /// Resolves what `scope` and `programme` name (a council typed as
    /// "Kent" is council 886), and who the feed is for: private events only
    /// in a council's own copy (see [`Audience::of_feed`]).
    fn slice<'c>(
        &self,
        catalogue: &'c crate::Catalogue,
        scope: &Scope,
        programme: &str,
        privacy: Privacy,
    ) -> Result<Slice<'c>> {
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::Invalid(vec![FieldError::new("programme", m)]))?;
        let mut w = events::Where {
            programme_id: Some(programme.id.clone()),
            ..Default::default()
        };
        let (slice, resolved) = match scope {
            Scope::National => ("national programme".to_string(), Scope::National),
            Scope::Region(r) => {
                let code = self.region_code(r)?;
                let name = self
                    .regions()?
                    .into_iter()
                    .find(|x| x.code == code)
                    .map_or(code.clone(), |x| x.name);
                w.region_code = Some(code);
                (name.clone(), Scope::Region(name))
            }
            Scope::Council(c) => {
                let council = catalogue
                    .council(c)
                    .map_err(|m| Error::invalid("council", m))?;
                w.council_code = Some(council.code.clone());
                (council.label(), Scope::Council(council.code.clone()))
            }
            Scope::Theme(t) => {
                let theme = resolve_term(&catalogue.themes, "theme", t)
                    .map_err(|m| Error::invalid("theme", m))?;
                w.theme = Some(theme.slug.clone());
                (theme.name.clone(), Scope::Theme(theme.slug.clone()))
            }
        };
        let audience = Audience::of_feed(&resolved, privacy)?;
        let mut name = format!("{}: {slice}", programme.name);
        if audience != Audience::Partners {
            name.push_str(" (with private events: not for partners)");
        }
        Ok(Slice {
            programme,
            filter: w,
            name,
            scope: resolved,
            audience,
        })
    }

    /// The events of a feed (see [`crate::ics::feed`] for what each holds).
    pub fn feed(&self, scope: &Scope, programme: &str, privacy: Privacy) -> Result<Feed> {
        let catalogue = self.catalogue()?;
        let Slice {
            programme,
            filter: w,
            name,
            scope,
            audience,
        } = self.slice(&catalogue, scope, programme, privacy)?;
        let events = read_feed(&self.conn, programme, &w, &audience, Listing::of(&scope))?;
        // The whole programme's, so that an event leaving the slice counts.
        // Partners count only the changes they could see (`shared_at`).
        let stamp = match audience {
            Audience::Partners => "shared_at",
            Audience::OwnCouncil(_) => "updated_at",
        };
        let last: Option<String> = self.conn.query_row(
            &format!("SELECT MAX({stamp}) FROM events WHERE programme_id = ?1"),
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

    /// Writes a feed to the chosen file (whole or not at all; see
    /// [`crate::file::chosen_target`]), reporting progress.
    pub fn export_ics_to_file(
        &self,
        scope: &Scope,
        programme: &str,
        privacy: Privacy,
        target: &crate::file::Target,
        progress: &mut dyn FnMut(ExportStep),
    ) -> Result<Exported> {
        let exported = self.export_ics_reporting(scope, programme, privacy, progress)?;
        progress(ExportStep::Saving);
        crate::file::write_whole(target, exported.body.as_bytes())?;
        Ok(exported)
    }
}

impl Store {
    /// Every feed published to partners: the national programme, then each
    /// region, theme and council, with its name and path. The feed
    /// server's index page and the desktop's Feeds screen list these.
    pub fn published_feeds(&self) -> Result<Vec<PublishedFeed>> {
        let entry = |kind, name: String, scope: Scope| PublishedFeed {
            kind,
            name,
            path: names::feed_path(&scope),
            scope,
        };
        let mut feeds = vec![entry(
            FeedKind::National,
            "National programme".into(),
            Scope::National,
        )];
        for r in self.regions()? {
            feeds.push(entry(
                FeedKind::Region,
                format!("Region: {}", r.name),
                Scope::Region(r.name),
            ));
        }
        for t in self.themes()? {
            feeds.push(entry(
                FeedKind::Theme,
                format!("Theme: {}", t.name),
                Scope::Theme(t.slug),
            ));
        }
        for c in self.councils(None)? {
            feeds.push(entry(
                FeedKind::Council,
                format!("Council: {}", c.label()),
                Scope::Council(c.code),
            ));
        }
        Ok(feeds)
    }

    /// The published feed served at `path` (`/feeds/council/886.ics`): the
    /// one place a request's path is read back into a feed, by the very
    /// paths [`Store::published_feeds`] lists, so a feed is served only at
    /// the address its links give.
    pub fn published_feed(&self, path: &str) -> Result<PublishedFeed> {
        self.published_feeds()?
            .into_iter()
            .find(|f| f.path == path)
            .ok_or_else(|| Error::NotFound {
                what: "feed",
                id: path.to_string(),
            })
    }
}

impl Store {
    /// Every published feed of `programme` (empty: the current one) with
    /// its text, for partners: the same bytes as [`Store::export_ics`]
    /// gives for each (`Privacy::PublicOnly`), made from one read of the
    /// programme's events instead of one per feed (the static site writes
    /// them all at once).
    pub fn published_feed_texts(&self, programme: &str) -> Result<Vec<(PublishedFeed, Exported)>> {
        let catalogue = self.catalogue()?;
        let themes = self.themes()?;
        let feeds = self.published_feeds()?;
        let Some(first) = feeds.first() else {
            return Ok(Vec::new());
        };
        // The whole programme's events that any partner feed may hold:
        // a slice's listing holds every event the national one does.
        let slice = self.slice(&catalogue, &first.scope, programme, Privacy::PublicOnly)?;
        let w = events::Where {
            programme_id: Some(slice.programme.id.clone()),
            ..Default::default()
        };
        let all = read_feed(
            &self.conn,
            slice.programme,
            &w,
            &Audience::Partners,
            Listing::Slice,
        )?;
        let last: Option<String> = self.conn.query_row(
            "SELECT MAX(shared_at) FROM events WHERE programme_id = ?1",
            [&slice.programme.id],
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
        let mut out = Vec::with_capacity(feeds.len());
        for feed in feeds {
            let slice = self.slice(&catalogue, &feed.scope, programme, Privacy::PublicOnly)?;
            let listing = Listing::of(&slice.scope);
            let in_slice = |e: &FeedEvent| match &slice.scope {
                Scope::National => true,
                Scope::Region(name) => &e.region == name,
                Scope::Council(code) => &e.council == code || e.partner_codes.contains(code),
                Scope::Theme(slug) => e.themes.iter().any(|t| t == slug),
            };
            let events: Vec<FeedEvent> = all
                .iter()
                .filter(|e| in_slice(e) && slice.audience.publishes(listing, e.exposure()))
                .cloned()
                .collect();
            let written = Feed {
                name: slice.name,
                events,
                last_change,
            };
            let body = write::calendar(&written, &themes);
            out.push((
                feed,
                Exported {
                    name: written.name,
                    body,
                    events: written.events.len(),
                    last_change,
                },
            ));
        }
        Ok(out)
    }
}

/// What decides an event's publication, as stored (an owned [`Exposure`]).
pub(crate) struct Stored {
    council: String,
    visibility: Visibility,
    status: Status,
    was_approved: bool,
}

impl Stored {
    fn exposure(&self) -> Exposure<'_> {
        // Only partners' reach is asked of it, and partners never see a
        // private event, so who else runs the event does not matter here.
        Exposure {
            council: &self.council,
            partners: &[],
            visibility: self.visibility,
            status: self.status,
            was_approved: self.was_approved,
        }
    }
}

/// Reads what decides event `id`'s publication: call it before a change and
/// give the answer to [`note_change`].
pub(crate) fn stored(conn: &Connection, id: i64) -> Result<Stored> {
    let row = conn
        .prepare_cached(
            "SELECT council_code, visibility, status, approved_once FROM events WHERE id = ?1",
        )?
        .query_row([id], |row| {
            let visibility = row.get_ref(1)?.as_str()?;
            let status = row.get_ref(2)?.as_str()?;
            Ok(Stored {
                council: row.get(0)?,
                visibility: Visibility::parse(visibility)
                    .ok_or_else(|| conversion(1, format!("unknown visibility {visibility}")))?,
                status: Status::parse(status)
                    .ok_or_else(|| conversion(2, format!("unknown status {status}")))?,
                was_approved: row.get(3)?,
            })
        })?;
    Ok(row)
}

/// After event `id` was written at `now` (`before` is what it was; `None`
/// for a new event): stamps `shared_at`, the last change partners could see,
/// when partners could see the event before the change or after it. A
/// private event's edit leaves it alone; an event leaving every partner
/// feed (made private, returned) moves it.
pub(crate) fn note_change(
    conn: &Connection,
    id: i64,
    before: Option<&Stored>,
    now: DateTime<Utc>,
) -> Result<()> {
    let after = stored(conn, id)?;
    let seen = |s: &Stored| Audience::Partners.reaches(s.exposure());
    if before.is_some_and(seen) || seen(&after) {
        conn.prepare_cached("UPDATE events SET shared_at = ?2 WHERE id = ?1")?
            .execute(rusqlite::params![id, time::to_store(now)])?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "publish_tests.rs"]
mod tests;
