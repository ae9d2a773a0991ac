//! The emitter: a feed as RFC 5545 text, CRLF, folded at 75 octets, TEXT
//! escaped. Every value goes out through [`escape`] (TEXT: UID, SUMMARY,
//! CATEGORIES, ...), [`uri`] (URL) or is written here from a number, a
//! date or a fixed word; and [`fold`] drops any control character that
//! still reaches a line. So no value, whatever the store holds, can end a
//! line or start another property or component.
//!
//! Written by hand (not with `ical`'s generator) so that the bytes are
//! exactly known: an unchanged feed is byte-identical, which is what
//! lets clients and the feed server's ETag see that nothing changed.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

use super::feed::{Feed, FeedEvent};
use super::read::Span;
use super::text::{fold, uri};
use crate::event::{Event, Status, Visibility};
use crate::programme::Term;
use crate::publish::escape::ical_text as escape;

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
    let parts: Vec<&str> =
        location_parts(&e.details.venue, &e.details.address, &e.details.postcode).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The parts of a LOCATION that are given, in order.
fn location_parts<'a>(
    venue: &'a Option<String>,
    address: &'a Option<String>,
    postcode: &'a Option<String>,
) -> impl Iterator<Item = &'a str> {
    [venue, address, postcode]
        .into_iter()
        .filter_map(|p| p.as_deref())
}

/// Pushes `n` as exactly `width` decimal digits (`n` has no more).
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

/// `YYYYMMDD`.
fn push_date(out: &mut String, d: NaiveDate) {
    match u32::try_from(d.year()) {
        Ok(year) if year <= 9999 => push_digits(out, year, 4),
        _ => {
            let _ = write!(out, "{:04}", d.year());
        }
    }
    push_digits(out, d.month(), 2);
    push_digits(out, d.day(), 2);
}

/// `YYYYMMDDTHHMMSSZ`, written digit by digit (this runs several times per
/// event, for thousands of events).
pub(crate) fn push_stamp(out: &mut String, t: DateTime<Utc>) {
    push_date(out, t.date_naive());
    out.push('T');
    push_digits(out, t.hour(), 2);
    push_digits(out, t.minute(), 2);
    push_digits(out, t.second(), 2);
    out.push('Z');
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

fn event(e: &FeedEvent, themes: &[Term], out: &mut String, line: &mut String) {
    let mut put = |line: &mut String| {
        fold(line, out);
        line.clear();
    };
    let text = |line: &mut String, key: &str, value: &str| {
        line.push_str(key);
        escape(value, line);
    };
    let stamp = |line: &mut String, key: &str, t: DateTime<Utc>| {
        line.push_str(key);
        push_stamp(line, t);
    };
    line.push_str("BEGIN:VEVENT");
    put(line);
    text(line, "UID:", &e.uid);
    put(line);
    stamp(line, "DTSTAMP:", e.updated_at);
    put(line);
    match e.span {
        Span::AllDay { start, end } => {
            line.push_str("DTSTART;VALUE=DATE:");
            push_date(line, start);
            put(line);
            line.push_str("DTEND;VALUE=DATE:");
            push_date(line, end);
            put(line);
        }
        Span::Timed { start, end } => {
            stamp(line, "DTSTART:", start);
            put(line);
            stamp(line, "DTEND:", end);
            put(line);
        }
    }
    text(line, "SUMMARY:", &e.title);
    put(line);
    // A joint event's partners close the description: every calendar
    // keeps and shows DESCRIPTION, where an X- property would be dropped
    // by most on import.
    match (&e.description, crate::event::joint_with(&e.partners)) {
        (Some(d), Some(joint)) => {
            text(line, "DESCRIPTION:", &format!("{d}\n\n{joint}"));
            put(line);
        }
        (Some(d), None) => {
            text(line, "DESCRIPTION:", d);
            put(line);
        }
        (None, Some(joint)) => {
            text(line, "DESCRIPTION:", &joint);
            put(line);
        }
        (None, None) => {}
    }
    // The parts joined with ", ", escaped as one TEXT value.
    let mut parts = location_parts(&e.venue, &e.address, &e.postcode).peekable();
    if parts.peek().is_some() {
        line.push_str("LOCATION:");
        for (i, part) in parts.enumerate() {
            if i > 0 {
                line.push_str("\\, ");
            }
            escape(part, line);
        }
        put(line);
    }
    if let Some(u) = &e.booking_url {
        // URL is a URI value, not TEXT: percent-encoded, not escaped.
        line.push_str("URL:");
        uri(u, line);
        put(line);
    }
    // CATEGORIES: the theme names, then the region.
    line.push_str("CATEGORIES:");
    for slug in &e.themes {
        let name = themes
            .iter()
            .find(|t| &t.slug == slug)
            .map_or(slug, |t| &t.name);
        escape(name, line);
        line.push(',');
    }
    escape(&e.region, line);
    put(line);
    if e.visibility == Visibility::Private {
        line.push_str("CLASS:PRIVATE");
        put(line);
    }
    line.push_str("STATUS:");
    line.push_str(status(e.status));
    put(line);
    let _ = write!(line, "SEQUENCE:{}", e.sequence);
    put(line);
    stamp(line, "CREATED:", e.created_at);
    put(line);
    stamp(line, "LAST-MODIFIED:", e.updated_at);
    put(line);
    line.push_str("END:VEVENT");
    put(line);
}
