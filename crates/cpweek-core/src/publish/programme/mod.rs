//! The national programme as published documents: a printable HTML file
//! and a tagged PDF ([`crate::document::programme`]), a spreadsheet's CSV
//! ([`csv`]) and the conference-schedule JSON that schedule apps read
//! ([`schedule`]).
//!
//! What is published is decided once, here, by the one gate
//! ([`Audience::Partners`] and [`Listing::Programme`]): approved, public
//! events only. [`gather`] copies from each event it lets through only what
//! the public may read (never the LGA's review note or the capacity), into
//! a [`PublishedProgramme`]; every format is made from that and nothing
//! else, so no format can show a private event or anything from one.
//!
//! Every output is a pure function of its data: the same programme gives
//! the same bytes, with no time of export stamped in.

pub mod changes;
pub mod csv;
pub mod feed;
pub mod release;
pub mod schedule;

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::event::Event;
use crate::file::Kind;
use crate::programme::{Programme, Term};
use crate::publish::{Audience, Exposure, Listing};

/// Which state of the programme is published: the live one (the approved
/// public events as they stand now) or a numbered release, frozen when the
/// LGA made it ([`crate::store::Store::make_release`]). Crosses IPC as
/// `"live"` or `{ "release": 2 }`; a release that was never made is
/// refused by the store, not here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Edition {
    /// The current approved programme, as the database holds it now.
    Live,
    /// Release N (1, 2, ...), as it was when it was made.
    Release(u32),
}

impl Edition {
    /// The schedule's `version` for this edition: `live`, or the release's
    /// number (`3`).
    pub fn version(self) -> String {
        match self {
            Edition::Live => "live".to_string(),
            Edition::Release(n) => n.to_string(),
        }
    }
}

/// The forms the programme is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ProgrammeFormat {
    /// One printable, self-contained HTML file.
    Html,
    /// A tagged PDF (PDF/UA-1).
    Pdf,
    /// A spreadsheet's rows: UTF-8 with a byte order mark, CRLF.
    Csv,
    /// The frab/pretalx/c3voc conference-schedule JSON.
    Json,
}

impl ProgrammeFormat {
    /// Reads `html`, `pdf`, `csv` or `json`, naming the field `format`.
    pub fn from_input(text: &str) -> Result<ProgrammeFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(ProgrammeFormat::Html),
            "pdf" => Ok(ProgrammeFormat::Pdf),
            "csv" => Ok(ProgrammeFormat::Csv),
            "json" => Ok(ProgrammeFormat::Json),
            _ => Err(Error::invalid(
                "format",
                format!(
                    "format \"{}\" is not one the programme is published in; \
                     give html, pdf, csv or json",
                    crate::text::quoted(text.trim())
                ),
            )),
        }
    }

    /// The kind of file it is written to (its extension).
    pub fn kind(self) -> Kind {
        match self {
            ProgrammeFormat::Html => Kind::Html,
            ProgrammeFormat::Pdf => Kind::Pdf,
            ProgrammeFormat::Csv => Kind::Csv,
            ProgrammeFormat::Json => Kind::Json,
        }
    }

    /// Whether it is text that may go to standard output (a PDF may not).
    pub fn is_text(self) -> bool {
        !matches!(self, ProgrammeFormat::Pdf)
    }
}

/// The programme as it is published: the week, its days and the events
/// the public may read, each with only its public fields. A numbered
/// release keeps it as JSON (serde), so a field added later needs
/// `#[serde(default)]` for the releases made before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedProgramme {
    /// The programme's short id ("2014").
    pub id: String,
    /// "Corporate Parenting Week 2014".
    pub name: String,
    pub edition: Edition,
    pub time_zone: Tz,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The conference the week is tied to, if the programme has one.
    pub conference: Option<PublishedConference>,
    /// Every day of the week, and any other day an event starts on, in
    /// order.
    pub days: Vec<PublishedDay>,
    /// The events, in start order (then id).
    pub events: Vec<PublishedEvent>,
}

/// The conference, as the programme names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedConference {
    /// "National Children and Adult Services Conference".
    pub name: String,
    /// "NCAS".
    pub short_name: String,
    pub venue: Option<String>,
}

/// One day of the published programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDay {
    pub date: NaiveDate,
    /// Which conference day it is (1 for the first), if any.
    pub conference_day: Option<u32>,
    /// Whether it is a day of the programme's week.
    pub in_week: bool,
}

/// An event as the public may read it: no status note, no capacity, no
/// history; nothing from a private event ever reaches one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedEvent {
    pub id: i64,
    /// The iCalendar UID (made once, never changed).
    pub uid: String,
    pub title: String,
    pub description: Option<String>,
    /// The council's DfE code and the name people use.
    pub council_code: String,
    pub council_name: String,
    pub region: String,
    /// The councils running it with the lead (a joint event), in order.
    #[serde(default)]
    pub partners: Vec<PublishedCouncil>,
    /// Local, in the programme's zone, with its offset; the end exclusive.
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub all_day: bool,
    pub start_date: NaiveDate,
    /// The last local date (inclusive).
    pub end_date: NaiveDate,
    pub conference_day: Option<u32>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// Themes and audiences, by slug and name, in the council's order.
    pub themes: Vec<Term>,
    pub audiences: Vec<Term>,
    pub booking_url: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// A partner council of a joint event, by DfE code and the name people use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedCouncil {
    pub code: String,
    pub name: String,
}

impl PublishedEvent {
    /// Its partners for people, GOV.UK style: `with Kingston upon Thames and
    /// Kent`; `None` for an event of one council.
    pub fn with_partners(&self) -> Option<String> {
        let names: Vec<String> = self.partners.iter().map(|p| p.name.clone()).collect();
        crate::event::with_councils(&names)
    }

    /// When it happens, for people, GOV.UK style: `Tuesday 28 October
    /// 2014, 10am to midday`.
    pub fn when(&self) -> String {
        crate::time::format_span(
            self.start.naive_local(),
            self.end.naive_local(),
            self.all_day,
        )
    }

    /// Its times within its day, for a list under the day's heading:
    /// `10am to midday`, `All day`; an event over several days says its
    /// whole span.
    pub fn times(&self) -> String {
        if self.start_date != self.end_date {
            self.when()
        } else if self.all_day {
            "All day".to_string()
        } else {
            format!(
                "{} to {}",
                crate::time::format_time(self.start.time()),
                crate::time::format_time(self.end.time())
            )
        }
    }

    /// The venue's lines in one: venue, address, postcode (those given).
    pub fn place(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.venue, &self.address, &self.postcode]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The contact's name, e-mail and phone (those given), in one line.
    pub fn contact(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.contact_name, &self.contact_email, &self.contact_phone]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// The names of `slugs` in `terms` (a slug not found is shown as itself).
fn terms(slugs: &[String], terms: &[Term]) -> Vec<Term> {
    slugs
        .iter()
        .map(|slug| {
            terms
                .iter()
                .find(|t| &t.slug == slug)
                .cloned()
                .unwrap_or_else(|| Term {
                    slug: slug.clone(),
                    name: slug.clone(),
                })
        })
        .collect()
}

/// The published programme from `programme`'s events: only those the one
/// gate lets through to partners in the published programme (approved,
/// public), each copied with its public fields only.
pub fn gather(
    programme: &Programme,
    edition: Edition,
    events: &[Event],
    themes: &[Term],
    audiences: &[Term],
) -> PublishedProgramme {
    let events: Vec<PublishedEvent> = events
        .iter()
        .filter(|e| e.programme == programme.id)
        .filter(|e| Audience::Partners.publishes(Listing::Programme, Exposure::of(e)))
        .map(|e| PublishedEvent {
            id: e.id,
            uid: e.uid.clone(),
            title: e.details.title.clone(),
            description: e.details.description.clone(),
            council_code: e.council.clone(),
            council_name: e.council_name.clone(),
            region: e.region.clone(),
            partners: e
                .partner_councils
                .iter()
                .zip(&e.partner_council_names)
                .map(|(code, name)| PublishedCouncil {
                    code: code.clone(),
                    name: name.clone(),
                })
                .collect(),
            start: e.start,
            end: e.end,
            all_day: e.all_day,
            start_date: e.start_date,
            end_date: e.end_date,
            conference_day: e.conference_day,
            venue: e.details.venue.clone(),
            address: e.details.address.clone(),
            postcode: e.details.postcode.clone(),
            themes: terms(&e.details.themes, themes),
            audiences: terms(&e.details.audiences, audiences),
            booking_url: e.details.booking_url.clone(),
            contact_name: e.details.contact_name.clone(),
            contact_email: e.details.contact_email.clone(),
            contact_phone: e.details.contact_phone.clone(),
        })
        .collect();
    let mut dates = programme.days();
    dates.extend(events.iter().map(|e| e.start_date));
    dates.sort();
    dates.dedup();
    let days = dates
        .into_iter()
        .map(|date| PublishedDay {
            date,
            conference_day: programme.conference_day(date),
            in_week: programme.contains(date),
        })
        .collect();
    PublishedProgramme {
        id: programme.id.clone(),
        name: programme.name.clone(),
        edition,
        time_zone: programme.time_zone,
        starts_on: programme.starts_on,
        ends_on: programme.ends_on,
        conference: programme.conference.as_ref().map(|c| PublishedConference {
            name: c.name.clone(),
            short_name: c.short_name.clone(),
            venue: c.venue.clone(),
        }),
        days,
        events,
    }
}

impl PublishedProgramme {
    /// The events starting on `date`, grouped by region (regions in
    /// alphabetical order), each group in start order.
    pub fn regions_on(&self, date: NaiveDate) -> Vec<(&str, Vec<&PublishedEvent>)> {
        let mut groups: Vec<(&str, Vec<&PublishedEvent>)> = Vec::new();
        for e in self.events.iter().filter(|e| e.start_date == date) {
            match groups.iter_mut().find(|(r, _)| *r == e.region) {
                Some((_, list)) => list.push(e),
                None => groups.push((e.region.as_str(), vec![e])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(b.0));
        groups
    }

    /// How many councils have an event in it, as lead or partner.
    pub fn councils(&self) -> usize {
        let mut codes: Vec<&str> = self
            .events
            .iter()
            .flat_map(|e| {
                std::iter::once(e.council_code.as_str())
                    .chain(e.partners.iter().map(|p| p.code.as_str()))
            })
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes.len()
    }

    /// A day's label for people, with its conference day marked:
    /// `Wednesday 29 October 2014: NCAS conference day 1`.
    pub fn day_label(&self, day: &PublishedDay) -> String {
        let date = crate::time::format_date(day.date);
        match (&self.conference, day.conference_day) {
            (Some(c), Some(n)) => format!("{date}: {} conference day {n}", c.short_name),
            _ => date,
        }
    }
}

/// The programme in `format`.
pub fn export(programme: &PublishedProgramme, format: ProgrammeFormat) -> Result<Vec<u8>> {
    match format {
        ProgrammeFormat::Html => {
            Ok(crate::document::html(&crate::document::programme(programme)).into_bytes())
        }
        ProgrammeFormat::Pdf => crate::document::pdf(&crate::document::programme(programme)),
        ProgrammeFormat::Csv => csv::csv(programme),
        ProgrammeFormat::Json => schedule::json(programme),
    }
}
