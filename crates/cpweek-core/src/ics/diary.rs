//! A person's diary as iCalendar, for their office: accepted engagements
//! `CONFIRMED`, forwarded ones `TENTATIVE`, every one `CLASS:CONFIDENTIAL`,
//! and travel as blocks of its own. It is not a partner feed: it carries
//! private events' details and is written only on request
//! (`cpweek export ics --scope person:ID`); the partner feeds' scopes
//! ([`super::feed::Scope`]) cannot name a person, so the feed server can
//! neither list nor serve one.
//!
//! The same rules as the feeds' emitter ([`super::write`]): CRLF, folded,
//! every TEXT value escaped, and the same bytes for the same diary.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::text::fold;
use super::write::{push_stamp, PRODID};
use crate::attendance::{DiaryEntry, PersonWeek, Request};
use crate::publish::escape::ical_text as escape;
use crate::time;

/// The diary's calendar text.
pub fn calendar(week: &PersonWeek, tz: Tz) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let put = |line: &mut String, out: &mut String| {
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
        put(&mut line, &mut out);
    }
    let name = format!(
        "{}: Corporate Parenting Week diary (confidential)",
        week.person.name
    );
    for key in ["NAME:", "X-WR-CALNAME:"] {
        line.push_str(key);
        escape(&name, &mut line);
        put(&mut line, &mut out);
    }
    for day in &week.days {
        for (i, entry) in day.entries.iter().enumerate() {
            let mut block = Vec::new();
            match entry {
                DiaryEntry::Engagement {
                    request, confirmed, ..
                } => engagement(request, *confirmed, &week.person.name, &mut block),
                DiaryEntry::Travel {
                    from_label,
                    to_label,
                    minutes,
                    explanation,
                    start_minute,
                    end_minute,
                    short,
                    ..
                } => {
                    // Travel leads to the next engagement, or home from
                    // the one before.
                    let next = day.entries[i + 1..].iter().find_map(request_of);
                    let before = day.entries[..i].iter().rev().find_map(request_of);
                    let travel = Travel {
                        day: day.date,
                        from_label,
                        to_label,
                        minutes: *minutes,
                        explanation,
                        start_minute: *start_minute,
                        end_minute: *end_minute,
                        short: *short,
                    };
                    travel_block(&travel, next, before, tz, &mut block);
                }
            }
            for mut l in block {
                put(&mut l, &mut out);
            }
        }
    }
    line.push_str("END:VCALENDAR");
    put(&mut line, &mut out);
    out
}

fn request_of(e: &DiaryEntry) -> Option<&Request> {
    match e {
        DiaryEntry::Engagement { request, .. } => Some(request.as_ref()),
        DiaryEntry::Travel { .. } => None,
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    let mut s = String::new();
    push_stamp(&mut s, t);
    s
}

fn text_line(key: &str, value: &str) -> String {
    let mut l = String::from(key);
    escape(value, &mut l);
    l
}

fn engagement(r: &Request, confirmed: bool, person: &str, out: &mut Vec<String>) {
    out.push("BEGIN:VEVENT".into());
    out.push(format!("UID:request-{}@cpweek.local.gov.uk", r.id));
    out.push(format!("DTSTAMP:{}", stamp(r.updated_at)));
    out.push(format!("DTSTART:{}", stamp(r.start_utc())));
    out.push(format!("DTEND:{}", stamp(r.end_utc())));
    out.push(format!("SEQUENCE:{}", r.revision));
    out.push(text_line(
        "SUMMARY:",
        &format!("{person} to {}: {}", r.role.label(), r.title),
    ));
    let mut description = Vec::new();
    if let Some(c) = &r.council_name {
        description.push(format!(
            "Council: {c}{}",
            r.region
                .as_ref()
                .map_or(String::new(), |g| format!(" ({g})"))
        ));
    } else {
        description.push("LGA-led".to_string());
    }
    description.push(format!("Request {} ({})", r.id, r.status_label));
    if let Some(case) = &r.case {
        description.push(format!("Case for attending: {case}"));
    }
    let contact: Vec<&str> = [&r.contact_name, &r.contact_email, &r.contact_phone]
        .into_iter()
        .filter_map(|c| c.as_deref())
        .collect();
    if !contact.is_empty() {
        description.push(format!("Contact officer: {}", contact.join(", ")));
    }
    if r.private {
        description.push(
            "Private event: children in care are present. No photographs, and no names or anything that could identify a child without consent."
                .to_string(),
        );
    }
    out.push(text_line("DESCRIPTION:", &description.join("\n")));
    let place: Vec<&str> = [&r.venue, &r.address, &r.postcode]
        .into_iter()
        .filter_map(|c| c.as_deref())
        .collect();
    if !place.is_empty() {
        out.push(text_line("LOCATION:", &place.join(", ")));
    }
    out.push(format!(
        "STATUS:{}",
        if confirmed { "CONFIRMED" } else { "TENTATIVE" }
    ));
    out.push("CLASS:CONFIDENTIAL".into());
    out.push("TRANSP:OPAQUE".into());
    out.push("END:VEVENT".into());
}

struct Travel<'a> {
    day: NaiveDate,
    from_label: &'a str,
    to_label: &'a str,
    minutes: u32,
    explanation: &'a str,
    start_minute: u32,
    end_minute: u32,
    short: bool,
}

fn at_minute(day: NaiveDate, minute: u32, tz: Tz) -> DateTime<Utc> {
    let (days, m) = (minute / (24 * 60), minute % (24 * 60));
    let date = day + chrono::Duration::days(i64::from(days));
    let t = NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap_or(NaiveTime::MIN);
    time::resolve_local(date.and_time(t), tz)
}

fn travel_block(
    t: &Travel,
    next: Option<&Request>,
    before: Option<&Request>,
    tz: Tz,
    out: &mut Vec<String>,
) {
    // Named after the engagement it leads to, or the one it leaves for home.
    let (uid, stamp_at, confirmed) = match (next, before) {
        (Some(r), _) => (
            format!("travel-to-{}@cpweek.local.gov.uk", r.id),
            r.updated_at,
            r.status.is_engagement(),
        ),
        (None, Some(r)) => (
            format!("travel-home-{}@cpweek.local.gov.uk", r.id),
            r.updated_at,
            r.status.is_engagement(),
        ),
        (None, None) => (
            format!("travel-{}@cpweek.local.gov.uk", t.day),
            at_minute(t.day, 0, tz),
            true,
        ),
    };
    let start = at_minute(t.day, t.start_minute, tz);
    let end = at_minute(t.day, t.end_minute.max(t.start_minute + 1), tz);
    out.push("BEGIN:VEVENT".into());
    out.push(format!("UID:{uid}"));
    out.push(format!("DTSTAMP:{}", stamp(stamp_at)));
    out.push(format!("DTSTART:{}", stamp(start)));
    out.push(format!("DTEND:{}", stamp(end)));
    out.push("SEQUENCE:0".into());
    out.push(text_line(
        "SUMMARY:",
        &format!(
            "Travel: {} to {} ({} minutes)",
            t.from_label, t.to_label, t.minutes
        ),
    ));
    let mut description = t.explanation.to_string();
    if t.short {
        description.push_str("\nNot enough time: this journey does not fit before the engagement.");
    }
    out.push(text_line("DESCRIPTION:", &description));
    out.push(format!(
        "STATUS:{}",
        if confirmed { "CONFIRMED" } else { "TENTATIVE" }
    ));
    out.push("CLASS:CONFIDENTIAL".into());
    out.push("TRANSP:OPAQUE".into());
    out.push("END:VEVENT".into());
}
