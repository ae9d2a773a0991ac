//! A published programme made by hand, for the listing's and the site's
//! tests (the store's tests go through the real gate instead).

use chrono::{Duration, NaiveDate, TimeZone};

use super::programme::{
    Edition, PublishedConference, PublishedDay, PublishedEvent, PublishedProgramme,
};
use crate::programme::Term;

pub(crate) const HOSTILE: &str = "<script>alert(\"x\")</script> & 'Co'";

fn term(slug: &str, name: &str) -> Term {
    Term {
        slug: slug.into(),
        name: name.into(),
    }
}

/// An event of `council` starting at `hour` local time on `date`, for
/// `minutes`.
pub(crate) fn event(
    id: i64,
    council: (&str, &str, &str),
    title: &str,
    date: NaiveDate,
    hour: u32,
    minutes: i64,
) -> PublishedEvent {
    let tz = chrono_tz::Europe::London;
    let start = tz
        .from_local_datetime(&date.and_hms_opt(hour, 0, 0).unwrap())
        .single()
        .unwrap()
        .fixed_offset();
    let end = start + Duration::minutes(minutes);
    PublishedEvent {
        id,
        uid: format!("{id:04}-sample@cpweek.local.gov.uk"),
        title: title.into(),
        description: None,
        council_code: council.0.into(),
        council_name: council.1.into(),
        region: council.2.into(),
        partners: Vec::new(),
        start,
        end,
        all_day: false,
        start_date: start.date_naive(),
        end_date: end.date_naive(),
        conference_day: None,
        venue: None,
        address: None,
        postcode: None,
        themes: Vec::new(),
        audiences: Vec::new(),
        booking_url: None,
        contact_name: None,
        contact_email: None,
        contact_phone: None,
    }
}

pub(crate) const KENT: (&str, &str, &str) = ("886", "Kent", "South East");
pub(crate) const LEEDS: (&str, &str, &str) = ("383", "Leeds", "Yorkshire and The Humber");

/// The 2014 week (27 October to 2 November; NCAS on 29 to 31 October)
/// with `events`, sorted as the gate sorts them.
pub(crate) fn programme(mut events: Vec<PublishedEvent>) -> PublishedProgramme {
    events.sort_by_key(|e| (e.start, e.id));
    let first = NaiveDate::from_ymd_opt(2014, 10, 27).unwrap();
    let mut dates: Vec<NaiveDate> = (0..7).map(|i| first + Duration::days(i)).collect();
    dates.extend(events.iter().map(|e| e.start_date));
    dates.sort();
    dates.dedup();
    let days = dates
        .into_iter()
        .map(|date| {
            let offset = (date - first).num_days();
            PublishedDay {
                date,
                conference_day: (2..=4).contains(&offset).then(|| (offset - 1) as u32),
                in_week: (0..7).contains(&offset),
            }
        })
        .collect();
    PublishedProgramme {
        id: "2014".into(),
        name: "Corporate Parenting Week 2014".into(),
        edition: Edition::Live,
        time_zone: chrono_tz::Europe::London,
        starts_on: first,
        ends_on: first + Duration::days(6),
        conference: Some(PublishedConference {
            name: "National Children and Adult Services Conference 2014".into(),
            short_name: "NCAS".into(),
            venue: None,
        }),
        days,
        events,
    }
}

/// A Kent event with every field given, each of them hostile.
pub(crate) fn hostile_kent() -> PublishedEvent {
    let date = NaiveDate::from_ymd_opt(2014, 10, 29).unwrap();
    let mut e = event(7, KENT, HOSTILE, date, 10, 150);
    e.conference_day = Some(1);
    e.description = Some(format!("First {HOSTILE}\nsecond line\n\nA new paragraph"));
    e.venue = Some(format!("{HOSTILE} House"));
    e.address = Some("County Hall, Maidstone".into());
    e.postcode = Some("ME14 1XQ".into());
    e.themes = vec![term("care-leavers", "Care leavers")];
    e.audiences = vec![term("councillors", "Councillors")];
    e.booking_url = Some("https://www.kent.gov.uk/cpw?a=1&b=\"2\"".into());
    e.contact_name = Some(format!("{HOSTILE} Organiser"));
    e.contact_email = Some("kim@kent.gov.uk".into());
    e.contact_phone = Some("03000 41 41 41".into());
    e
}
