//! The briefing note's content for an accepted engagement, gathered from
//! the request, its event, the person and their day (travel to and from
//! it): the plain data [`crate::document::briefing`] lays out.

use chrono::NaiveDate;

use super::person::Person;
use super::record::Request;
use super::week::{DiaryDay, DiaryEntry};
use crate::document::briefing::{
    Attendee, Briefing, ContactOfficer, Engagement, Leg, Place, PracticeEntry, Privacy, Venue,
};
use crate::event::Event;
use crate::time;

/// What the note is written from.
pub struct Sources<'a> {
    pub request: &'a Request,
    pub person: &'a Person,
    /// The request's event, if it is for one (an LGA-led slot has none).
    pub event: Option<&'a Event>,
    /// The names of the event's audiences ("Children in care").
    pub audiences: Vec<String>,
    /// The person's day, with the travel around this engagement.
    pub day: Option<&'a DiaryDay>,
    /// The home base, for people ("Sanctuary Buildings, SW1P 3BT").
    pub home: Option<String>,
    /// The council's good-practice entries (none until the toolkit).
    pub practice: Vec<PracticeEntry>,
    /// The date the note is prepared.
    pub prepared: NaiveDate,
}

/// The note's content.
pub fn briefing(s: &Sources) -> Briefing {
    let r = s.request;
    let home = s.home.clone().unwrap_or_else(|| "the home base".to_string());
    let (arrival, departure) = s.day.map_or((None, None), |day| legs(day, r.id, &home));
    let times = match s.event {
        Some(e) => span_times(e),
        None => time_range(r),
    };
    Briefing {
        person: Attendee {
            name: s.person.name.clone(),
            title: s.person.title.clone(),
        },
        engagement: Engagement {
            title: r.title.clone(),
            host: r
                .council_name
                .clone()
                .unwrap_or_else(|| "LGA".to_string()),
            region: r.region.clone(),
            day: time::format_date(r.date),
            times,
            part: (!r.whole_event && s.event.is_some()).then(|| time_range(r)),
            role: r.role.label().to_string(),
        },
        venue: Venue {
            name: r.venue.clone(),
            address: r.address.clone(),
            postcode: r.postcode.clone(),
        },
        arrival,
        departure,
        audiences: s.audiences.clone(),
        description: s.event.and_then(|e| e.details.description.clone()),
        case: r.case.clone(),
        contact: ContactOfficer {
            name: r
                .contact_name
                .clone()
                .or_else(|| s.event.and_then(|e| e.details.contact_name.clone()))
                .unwrap_or_else(|| crate::document::briefing::NOT_GIVEN.to_string()),
            position: None,
            phone: r
                .contact_phone
                .clone()
                .or_else(|| s.event.and_then(|e| e.details.contact_phone.clone())),
            email: r
                .contact_email
                .clone()
                .or_else(|| s.event.and_then(|e| e.details.contact_email.clone())),
        },
        privacy: if r.private {
            Privacy::Private
        } else {
            Privacy::Public
        },
        practice: s.practice.clone(),
        status: r.status_label.clone(),
        priority: r.priority,
        prepared: time::format_date(s.prepared),
    }
}

/// "10am to midday": the request's own part.
fn time_range(r: &Request) -> String {
    format!(
        "{} to {}",
        time::format_time(r.start.time()),
        time::format_time(r.end.time())
    )
}

/// The event's times on its day ("10am to 12:30pm"), or its whole span
/// when it runs over several days.
fn span_times(e: &Event) -> String {
    if e.all_day || e.start.date_naive() != e.end.date_naive() {
        e.when()
    } else {
        format!(
            "{} to {}",
            time::format_time(e.start.time()),
            time::format_time(e.end.time())
        )
    }
}

/// The travel block just before engagement `id` in its day, and the one
/// just after it.
fn legs(day: &DiaryDay, id: i64, home: &str) -> (Option<Leg>, Option<Leg>) {
    let at = day.entries.iter().position(|e| {
        matches!(e, DiaryEntry::Engagement { request, .. } if request.id == id)
    });
    let Some(at) = at else {
        return (None, None);
    };
    let leg = |entry: Option<&DiaryEntry>, arriving: bool| match entry {
        Some(DiaryEntry::Travel {
            from_label,
            to_label,
            minutes,
            explanation,
            time_label,
            ..
        }) => {
            let other = if arriving { from_label } else { to_label };
            let place = if other == "Home base" {
                Place::Home(home.to_string())
            } else {
                Place::Engagement(other.clone())
            };
            Some(Leg {
                place,
                minutes: *minutes,
                reckoning: explanation.clone(),
                leave: time_label.split(" to ").next().map(str::to_string),
            })
        }
        _ => None,
    };
    let before = at.checked_sub(1).and_then(|i| day.entries.get(i));
    (leg(before, true), leg(day.entries.get(at + 1), false))
}
