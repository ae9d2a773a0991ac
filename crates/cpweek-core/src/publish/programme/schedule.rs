//! The programme as a conference schedule in the JSON format of frab,
//! pretalx and the c3voc tools (`schedule.json`), which schedule apps
//! read. Each council is a "room"; each day lists, per council, its events
//! starting that day. The mapping is written down in
//! `docs/schedule-format.md`, and a test holds the output to the format's
//! published JSON Schema (`tests/fixtures/schedule/schema.json`).
//!
//! Identifiers are stable: an event's `guid` is a UUID v5 of its UID and a
//! room's of its council's code, so a schedule app sees the same event
//! across exports. Nothing in it depends on the time of export.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

use super::{PublishedEvent, PublishedProgramme};
use crate::error::{Error, Result};

/// The schema the document says it follows.
pub const SCHEMA: &str = "https://c3voc.de/schedule/schema.json";

/// The smallest unit a schedule app lays events out in.
const TIMESLOT: &str = "00:15";

/// An event's `guid`: UUID v5, in the URL namespace, of `cpweek:event:`
/// and its UID.
pub fn event_guid(uid: &str) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("cpweek:event:{uid}").as_bytes(),
    )
}

/// A room's (council's) `guid`: UUID v5, in the URL namespace, of
/// `cpweek:council:` and its DfE code.
pub fn room_guid(council_code: &str) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("cpweek:council:{council_code}").as_bytes(),
    )
}

/// Lower-case ASCII letters and digits, every other run of characters one
/// hyphen, none at either end, at most `limit` characters.
fn slug_words(text: &str, limit: usize) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= limit {
            break;
        }
    }
    out.trim_matches('-').to_string()
}

/// The conference's acronym: `cpweek` and the programme's id in lower-case
/// letters, digits and underscores (`cpweek2014`).
pub fn acronym(programme_id: &str) -> String {
    let id: String = programme_id
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    format!("cpweek{id}")
}

/// An event's `slug`: the acronym, its id and its title's words
/// (`cpweek2014-12-kent-care-leavers-awards`).
fn event_slug(acronym: &str, e: &PublishedEvent) -> String {
    let words = slug_words(&e.title, 50);
    if words.is_empty() {
        format!("{acronym}-{}", e.id)
    } else {
        format!("{acronym}-{}-{words}", e.id)
    }
}

/// A length of time as `hh:mm` (hours may pass 24).
fn hours_minutes(d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[derive(Serialize)]
struct Root<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    generator: Generator,
    schedule: Schedule<'a>,
}

#[derive(Serialize)]
struct Generator {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Schedule<'a> {
    version: String,
    conference: Conference<'a>,
}

#[derive(Serialize)]
struct Conference<'a> {
    acronym: String,
    title: &'a str,
    description: String,
    start: String,
    end: String,
    #[serde(rename = "daysCount")]
    days_count: usize,
    timeslot_duration: &'static str,
    time_zone_name: &'static str,
    rooms: Vec<Room<'a>>,
    tracks: Vec<Track<'a>>,
    days: Vec<Day<'a>>,
}

#[derive(Serialize)]
struct Room<'a> {
    name: &'a str,
    guid: String,
}

#[derive(Serialize)]
struct Track<'a> {
    name: &'a str,
    slug: String,
}

#[derive(Serialize)]
struct Day<'a> {
    index: usize,
    date: String,
    day_start: String,
    day_end: String,
    rooms: BTreeMap<&'a str, Vec<Event<'a>>>,
}

#[derive(Serialize)]
struct Event<'a> {
    guid: String,
    id: i64,
    date: String,
    start: String,
    end: String,
    duration: String,
    room: &'a str,
    slug: String,
    url: String,
    title: &'a str,
    subtitle: Option<&'a str>,
    track: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
    language: &'static str,
    #[serde(rename = "abstract")]
    summary: Option<&'a str>,
    description: String,
    persons: Vec<Person>,
    links: Vec<Link<'a>>,
}

/// No event names its speakers; the list is always empty.
#[derive(Serialize)]
struct Person {}

#[derive(Serialize)]
struct Link<'a> {
    url: &'a str,
    title: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The event's details that have no field of their own, one a line:
/// council and region, place, themes, audiences, contact.
fn details(p: &PublishedProgramme, e: &PublishedEvent) -> String {
    let names = |terms: &[crate::programme::Term]| {
        terms
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let with = e
        .with_partners()
        .map(|w| format!(", {w}"))
        .unwrap_or_default();
    let mut lines = vec![format!("Council: {} ({}){with}", e.council_name, e.region)];
    lines.push(format!("When: {}", e.when()));
    if let (Some(c), Some(n)) = (&p.conference, e.conference_day) {
        lines.push(format!("{} conference day {n}", c.short_name));
    }
    if let Some(place) = e.place() {
        lines.push(format!("Venue: {place}"));
    }
    if !e.themes.is_empty() {
        lines.push(format!("Themes: {}", names(&e.themes)));
    }
    if !e.audiences.is_empty() {
        lines.push(format!("For: {}", names(&e.audiences)));
    }
    if let Some(url) = &e.booking_url {
        lines.push(format!("Booking: {url}"));
    }
    if let Some(contact) = e.contact() {
        lines.push(format!("Contact: {contact}"));
    }
    lines.join("\n")
}

fn event<'a>(p: &'a PublishedProgramme, acronym: &str, e: &'a PublishedEvent) -> Event<'a> {
    let guid = event_guid(&e.uid).to_string();
    let url = e
        .booking_url
        .clone()
        .unwrap_or_else(|| format!("urn:uuid:{guid}"));
    Event {
        id: e.id,
        date: e.start.to_rfc3339(),
        start: e.start.format("%H:%M").to_string(),
        end: e.end.to_rfc3339(),
        duration: hours_minutes(e.end - e.start),
        room: &e.council_name,
        slug: event_slug(acronym, e),
        url,
        title: &e.title,
        subtitle: None,
        track: e.themes.first().map(|t| t.name.as_str()),
        kind: "other",
        language: "en",
        summary: e.description.as_deref(),
        description: details(p, e),
        persons: Vec::new(),
        links: e
            .booking_url
            .as_deref()
            .map(|url| Link {
                url,
                title: "Book a place",
                kind: "web",
            })
            .into_iter()
            .collect(),
        guid,
    }
}

/// Midnight starting `date` in the programme's zone, with its offset.
fn midnight(p: &PublishedProgramme, date: NaiveDate) -> String {
    crate::time::with_offset(crate::time::start_of_day(date, p.time_zone), p.time_zone).to_rfc3339()
}

/// The programme as the schedule's JSON bytes.
pub fn json(p: &PublishedProgramme) -> Result<Vec<u8>> {
    let acronym = acronym(&p.id);
    let mut rooms: Vec<Room> = Vec::new();
    let mut tracks: Vec<Track> = Vec::new();
    for e in &p.events {
        if !rooms.iter().any(|r| r.name == e.council_name) {
            rooms.push(Room {
                name: &e.council_name,
                guid: room_guid(&e.council_code).to_string(),
            });
        }
        for t in &e.themes {
            if !tracks.iter().any(|x| x.name == t.name) {
                tracks.push(Track {
                    name: &t.name,
                    slug: slug_words(&t.slug, 60),
                });
            }
        }
    }
    rooms.sort_by(|a, b| a.name.cmp(b.name));
    tracks.sort_by(|a, b| a.name.cmp(b.name));
    let days: Vec<Day> = p
        .days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let mut rooms: BTreeMap<&str, Vec<Event>> = BTreeMap::new();
            for e in p.events.iter().filter(|e| e.start_date == day.date) {
                rooms
                    .entry(e.council_name.as_str())
                    .or_default()
                    .push(event(p, &acronym, e));
            }
            Day {
                index: i + 1,
                date: day.date.to_string(),
                day_start: midnight(p, day.date),
                day_end: midnight(p, day.date + Duration::days(1)),
                rooms,
            }
        })
        .collect();
    let mut description = format!(
        "{}: the national programme's approved public events, by council.",
        p.name
    );
    if let Some(c) = &p.conference {
        let conference_days: Vec<String> = p
            .days
            .iter()
            .filter(|d| d.conference_day.is_some())
            .map(|d| crate::time::format_day(d.date))
            .collect();
        if !conference_days.is_empty() {
            description.push_str(&format!(
                " The {} ({}) is on {}.",
                c.name,
                c.short_name,
                conference_days.join(", ")
            ));
        }
    }
    let root = Root {
        schema: SCHEMA,
        generator: Generator {
            name: "cpweek",
            version: env!("CARGO_PKG_VERSION"),
        },
        schedule: Schedule {
            version: p.edition.version(),
            conference: Conference {
                acronym: acronym.clone(),
                title: &p.name,
                description,
                start: p.days.first().map_or(p.starts_on, |d| d.date).to_string(),
                end: p.days.last().map_or(p.ends_on, |d| d.date).to_string(),
                days_count: days.len(),
                timeslot_duration: TIMESLOT,
                time_zone_name: p.time_zone.name(),
                rooms,
                tracks,
                days,
            },
        },
    };
    let mut out = serde_json::to_vec_pretty(&root).map_err(|e| Error::Io {
        context: "writing the programme as a schedule".to_string(),
        source: e.into(),
    })?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_acronyms_keep_to_the_formats_patterns() {
        assert_eq!(
            slug_words("Kent care leavers' awards!", 50),
            "kent-care-leavers-awards"
        );
        assert_eq!(
            slug_words("<script>alert(1)</script>", 50),
            "script-alert-1-script"
        );
        assert_eq!(slug_words("Café — thé", 50), "caf-th");
        assert_eq!(slug_words("***", 50), "");
        assert!(slug_words(&"word ".repeat(40), 50).len() <= 50);
        assert!(!slug_words(&"word ".repeat(40), 50).ends_with('-'));
        assert_eq!(acronym("2014"), "cpweek2014");
        assert_eq!(acronym("Spring-2015"), "cpweekspring2015");
    }

    #[test]
    fn durations_are_hours_and_minutes() {
        assert_eq!(hours_minutes(Duration::minutes(90)), "01:30");
        assert_eq!(hours_minutes(Duration::hours(26)), "26:00");
        assert_eq!(hours_minutes(Duration::minutes(5)), "00:05");
    }

    #[test]
    fn guids_are_uuid_v5_of_the_uid_and_stable() {
        let a = event_guid("event-1@cpweek");
        assert_eq!(a, event_guid("event-1@cpweek"));
        assert_ne!(a, event_guid("event-2@cpweek"));
        assert_eq!(a.get_version_num(), 5);
        assert_ne!(room_guid("886"), room_guid("383"));
    }
}
