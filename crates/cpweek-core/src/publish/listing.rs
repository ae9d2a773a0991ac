//! A council's listing: the HTML fragment of its approved public events that
//! a council pastes into its own website (`cpweek programme listing`, and
//! each council's file in the static site).
//!
//! It is made from the [`PublishedProgramme`] only, so it passes the one
//! gate (approved, public events, public fields) and can show nothing the
//! programme does not. Every text from the data goes through
//! [`crate::publish::escape::html`]; the fragment holds no script, no
//! `style` attribute and no inline style: only plain class names, all
//! starting `cpweek-listing`, which the council's own style sheet may style
//! (`docs/listing.md` lists them). Dates and times are the programme's
//! (Europe/London), for people and in each `<time datetime>`.
//!
//! The same programme gives the same bytes.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::escape::html;
use super::names::slug;
use super::programme::{PublishedEvent, PublishedProgramme};
use crate::time;

/// The council a listing is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedCouncil<'a> {
    /// Its DfE code ("886").
    pub code: &'a str,
    /// The name people use ("Kent").
    pub name: &'a str,
}

/// Whether `event` is listed on `council`'s page: the one place this is
/// decided: by its lead council and by each of its partner councils.
pub fn lists(council: &str, event: &PublishedEvent) -> bool {
    event.council_code == council || event.partners.iter().any(|p| p.code == council)
}

/// How many of the programme's events `council` lists.
pub fn count(programme: &PublishedProgramme, council: &str) -> usize {
    programme
        .events
        .iter()
        .filter(|e| lists(council, e))
        .count()
}

/// The listing of `council`'s events in `programme`, as an HTML fragment
/// (a `<section>` with a level 2 heading), ending in a new line.
pub fn fragment(programme: &PublishedProgramme, council: ListedCouncil) -> String {
    let id = format!("cpweek-listing-{}", slug(council.code));
    let events: Vec<&PublishedEvent> = programme
        .events
        .iter()
        .filter(|e| lists(council.code, e))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"cpweek-listing\" aria-labelledby=\"{id}\" lang=\"en-GB\">"
    );
    let _ = writeln!(
        out,
        "<h2 class=\"cpweek-listing-title\" id=\"{id}\">{}: {}</h2>",
        html(council.name),
        html(&programme.name)
    );
    let _ = writeln!(
        out,
        "<p class=\"cpweek-listing-intro\">{} to {}. Times are UK times.</p>",
        day(programme.starts_on),
        day(programme.ends_on)
    );
    if events.is_empty() {
        out.push_str("<p class=\"cpweek-listing-empty\">No events have been published yet.</p>\n");
    } else {
        out.push_str("<ul class=\"cpweek-listing-events\">\n");
        for e in events {
            event(&mut out, programme, e);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

fn event(out: &mut String, programme: &PublishedProgramme, e: &PublishedEvent) {
    out.push_str("<li class=\"cpweek-listing-event\">\n");
    let _ = writeln!(
        out,
        "<h3 class=\"cpweek-listing-event-title\">{}</h3>",
        html(&e.title)
    );
    let _ = writeln!(out, "<p class=\"cpweek-listing-when\">{}</p>", when(e));
    if let (Some(c), Some(n)) = (&programme.conference, e.conference_day) {
        let _ = writeln!(
            out,
            "<p class=\"cpweek-listing-conference\">{} conference day {n}</p>",
            html(&c.short_name)
        );
    }
    if let Some(d) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
        for paragraph in d.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let lines: Vec<String> = paragraph.lines().map(|l| html(l.trim())).collect();
            let _ = writeln!(
                out,
                "<p class=\"cpweek-listing-description\">{}</p>",
                lines.join("<br>\n")
            );
        }
    }
    let mut details = String::new();
    if let Some(place) = e.place() {
        detail(&mut details, "Where", &html(&place));
    }
    if !e.themes.is_empty() {
        detail(&mut details, "Themes", &html(&names(&e.themes)));
    }
    if !e.audiences.is_empty() {
        detail(&mut details, "For", &html(&names(&e.audiences)));
    }
    if let Some(contact) = contact(e) {
        detail(&mut details, "Contact", &contact);
    }
    if !details.is_empty() {
        let _ = write!(
            out,
            "<dl class=\"cpweek-listing-details\">\n{details}</dl>\n"
        );
    }
    // A booking link is a checked web address (`text.rs`); only http(s)
    // links are ever written as links.
    if let Some(url) = e.booking_url.as_deref().filter(|u| is_web(u)) {
        let _ = writeln!(
            out,
            "<p class=\"cpweek-listing-booking\"><a href=\"{}\">Book a place at {}</a></p>",
            html(url),
            html(&e.title)
        );
    }
    out.push_str("</li>\n");
}

fn detail(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "<dt>{label}</dt>\n<dd>{value}</dd>");
}

fn names(terms: &[crate::programme::Term]) -> String {
    terms
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_web(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The contact's name, e-mail (as a `mailto:` link) and phone, escaped.
fn contact(e: &PublishedEvent) -> Option<String> {
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let mut parts = Vec::new();
    if let Some(name) = given(&e.contact_name) {
        parts.push(html(name));
    }
    if let Some(email) = given(&e.contact_email) {
        let email = html(email);
        parts.push(format!("<a href=\"mailto:{email}\">{email}</a>"));
    }
    if let Some(phone) = given(&e.contact_phone) {
        parts.push(html(phone));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// When the event happens, each end in a `<time datetime>` element with its
/// offset (a date alone for an all-day event): `Tuesday 28 October 2014,
/// 10am to midday`, as [`PublishedEvent::when`] says it.
fn when(e: &PublishedEvent) -> String {
    if e.all_day {
        let first = day(e.start_date);
        if e.end_date == e.start_date {
            first
        } else {
            format!("{first} to {}", day(e.end_date))
        }
    } else {
        let start = moment(&e.start, time::format_when(e.start.naive_local()));
        let end_text = if e.end.date_naive() == e.start.date_naive() {
            time::format_time(e.end.time())
        } else {
            time::format_when(e.end.naive_local())
        };
        format!("{start} to {}", moment(&e.end, end_text))
    }
}

/// A date in a `<time>` element.
fn day(date: NaiveDate) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        date.format("%Y-%m-%d"),
        html(&time::format_date(date))
    )
}

fn moment(at: &DateTime<FixedOffset>, text: String) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        at.format("%Y-%m-%dT%H:%M:%S%:z"),
        html(&text)
    )
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
