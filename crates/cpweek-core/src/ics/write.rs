//! The emitter: a feed as RFC 5545 text, CRLF, folded at 75 octets, TEXT
//! escaped. Written by hand (not with `ical`'s generator) so that the bytes
//! are exactly known: an unchanged feed is byte-identical, which is what
//! lets clients and the feed server's ETag see that nothing changed.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, Utc};

use super::feed::Feed;
use super::text::{escape, fold};
use crate::event::{Event, Status, Visibility};
use crate::programme::Term;

pub const PRODID: &str = "-//Local Government Association//cpweek//EN";

/// How often subscribers are asked to refresh (clients may ignore it:
/// Google refreshes on its own schedule, often every few hours).
pub const REFRESH: &str = "PT1H";

/// The iCalendar STATUS of an event. Returned events are left out of feeds
/// (see [`super::feed`]); if one is written for a council's own use it is
/// TENTATIVE, as it is still being worked on.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Submitted | Status::Returned => "TENTATIVE",
        Status::Approved => "CONFIRMED",
        Status::Cancelled => "CANCELLED",
    }
}

/// The LOCATION of an event: venue, address and postcode.
pub fn location(e: &Event) -> Option<String> {
    let parts: Vec<&str> = [&e.venue, &e.address, &e.postcode]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// CATEGORIES: the theme names, then the region.
pub fn categories(e: &Event, themes: &[Term]) -> Vec<String> {
    let mut out: Vec<String> = e
        .themes
        .iter()
        .map(|slug| {
            themes
                .iter()
                .find(|t| &t.slug == slug)
                .map_or_else(|| slug.clone(), |t| t.name.clone())
        })
        .collect();
    out.push(e.region.clone());
    out
}

/// `YYYYMMDDTHHMMSSZ`, written without chrono's format parser (this runs
/// several times per event).
fn stamp(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let mut s = String::with_capacity(16);
    let _ = write!(
        s,
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    s
}

fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Writes the feed as a calendar.
pub fn calendar(feed: &Feed, themes: &[Term]) -> String {
    calendar_reporting(feed, themes, &mut |_| {})
}

/// How many events are written between two progress reports.
pub const PROGRESS_EVERY: usize = 500;

/// Writes the feed as a calendar, telling `written` how many events are
/// written every [`PROGRESS_EVERY`] events and once at the end.
pub fn calendar_reporting(feed: &Feed, themes: &[Term], written: &mut dyn FnMut(usize)) -> String {
    let mut out = String::with_capacity(512 + feed.events.len() * 700);
    let mut line = String::with_capacity(256);
    let put = |out: &mut String, line: &mut String| {
        fold(line, out);
        line.clear();
    };
    for fixed in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        line.push_str(fixed);
        put(&mut out, &mut line);
    }
    for key in ["NAME:", "X-WR-CALNAME:"] {
        line.push_str(key);
        escape(&feed.name, &mut line);
        put(&mut out, &mut line);
    }
    for fixed in [
        format!("REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}"),
        format!("X-PUBLISHED-TTL:{REFRESH}"),
    ] {
        line.push_str(&fixed);
        put(&mut out, &mut line);
    }
    for (i, e) in feed.events.iter().enumerate() {
        event(e, themes, &mut out, &mut line);
        if (i + 1) % PROGRESS_EVERY == 0 {
            written(i + 1);
        }
    }
    written(feed.events.len());
    line.push_str("END:VCALENDAR");
    put(&mut out, &mut line);
    out
}

fn event(e: &Event, themes: &[Term], out: &mut String, line: &mut String) {
    let mut put = |line: &mut String| {
        fold(line, out);
        line.clear();
    };
    let text = |line: &mut String, key: &str, value: &str| {
        line.push_str(key);
        escape(value, line);
    };
    line.push_str("BEGIN:VEVENT");
    put(line);
    text(line, "UID:", &e.uid);
    put(line);
    let _ = write!(line, "DTSTAMP:{}", stamp(e.updated_at));
    put(line);
    if e.all_day {
        let _ = write!(line, "DTSTART;VALUE=DATE:{}", date(e.start_date));
        put(line);
        let end = e.end_date + Duration::days(1);
        let _ = write!(line, "DTEND;VALUE=DATE:{}", date(end));
        put(line);
    } else {
        let _ = write!(line, "DTSTART:{}", stamp(e.start.with_timezone(&Utc)));
        put(line);
        let _ = write!(line, "DTEND:{}", stamp(e.end.with_timezone(&Utc)));
        put(line);
    }
    text(line, "SUMMARY:", &e.title);
    put(line);
    if let Some(d) = &e.description {
        text(line, "DESCRIPTION:", d);
        put(line);
    }
    if let Some(l) = location(e) {
        text(line, "LOCATION:", &l);
        put(line);
    }
    if let Some(u) = &e.booking_url {
        // URL is a URI value, not TEXT: it is not escaped.
        line.push_str("URL:");
        line.push_str(u);
        put(line);
    }
    line.push_str("CATEGORIES:");
    for (i, c) in categories(e, themes).iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        escape(c, line);
    }
    put(line);
    if e.visibility == Visibility::Private {
        line.push_str("CLASS:PRIVATE");
        put(line);
    }
    let _ = write!(line, "STATUS:{}", status(e.status));
    put(line);
    let _ = write!(line, "SEQUENCE:{}", e.sequence);
    put(line);
    let _ = write!(line, "CREATED:{}", stamp(e.created_at));
    put(line);
    let _ = write!(line, "LAST-MODIFIED:{}", stamp(e.updated_at));
    put(line);
    line.push_str("END:VEVENT");
    put(line);
}
