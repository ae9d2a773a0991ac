//! Benchmark (not a test): the national programme of 2,000 approved public
//! events as a tagged PDF (issue 10 aims at under 3 seconds), and the same
//! programme as HTML, CSV and the schedule JSON.
//!
//! `cargo run --release -p cpweek-core --example bench_programme` prints
//! one JSON line of timings in milliseconds. `EVENTS=N` changes the number
//! of events. Run it with `scripts/bench-programme`.

use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone};
use cpweek_core::programme::Term;
use cpweek_core::publish::programme::{
    export, Edition, ProgrammeFormat, PublishedConference, PublishedDay, PublishedEvent,
    PublishedProgramme,
};

const COUNCILS: [(&str, &str, &str); 12] = [
    ("886", "Kent", "South East"),
    ("352", "Manchester", "North West"),
    ("383", "Leeds", "Yorkshire and The Humber"),
    ("926", "Norfolk", "East of England"),
    ("202", "Camden", "London"),
    ("330", "Birmingham", "West Midlands"),
    ("391", "Newcastle upon Tyne", "North East"),
    ("830", "Derbyshire", "East Midlands"),
    ("803", "South Gloucestershire", "South West"),
    ("850", "Hampshire", "South East"),
    ("340", "Knowsley", "North West"),
    ("873", "Cambridgeshire", "East of England"),
];

fn term(slug: &str, name: &str) -> Term {
    Term {
        slug: slug.into(),
        name: name.into(),
    }
}

fn programme(events: usize) -> PublishedProgramme {
    let tz = chrono_tz::Europe::London;
    let first = NaiveDate::from_ymd_opt(2014, 10, 27).expect("a date");
    let days: Vec<PublishedDay> = (0..7)
        .map(|i| {
            let date = first + Duration::days(i);
            PublishedDay {
                date,
                conference_day: (2..=4).contains(&i).then(|| (i - 1) as u32),
                in_week: true,
            }
        })
        .collect();
    let events = (0..events)
        .map(|i| {
            let (code, council, region) = COUNCILS[i % COUNCILS.len()];
            let day = days[i % days.len()];
            let hour = 9 + (i % 9) as u32;
            let local = day.date.and_hms_opt(hour, 0, 0).expect("a time");
            let start = tz
                .from_local_datetime(&local)
                .single()
                .expect("one instant")
                .fixed_offset();
            PublishedEvent {
                id: i as i64 + 1,
                uid: format!("{i:08}-bench@cpweek.local.gov.uk"),
                title: format!("{council} corporate parenting event {i}"),
                description: Some(
                    "Councillors, officers and partners meet children in care and care \
                     leavers to hear what matters to them and what the council should do \
                     next."
                        .into(),
                ),
                council_code: code.into(),
                council_name: council.into(),
                partners: Vec::new(),
                region: region.into(),
                start,
                end: start + Duration::minutes(90),
                all_day: false,
                start_date: day.date,
                end_date: day.date,
                conference_day: day.conference_day,
                venue: Some("Council House".into()),
                address: Some("1 High Street".into()),
                postcode: Some("ME14 1XQ".into()),
                themes: vec![term("care-leavers", "Care leavers")],
                audiences: vec![term("councillors", "Councillors")],
                booking_url: Some(format!("https://example.gov.uk/cpw/{i}")),
                contact_name: Some("Kim Organiser".into()),
                contact_email: Some("kim.organiser@example.gov.uk".into()),
                contact_phone: Some("03000 41 41 41".into()),
            }
        })
        .collect();
    PublishedProgramme {
        id: "2014".into(),
        name: "Corporate Parenting Week 2014".into(),
        edition: Edition::Live,
        time_zone: tz,
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

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let count = std::env::var("EVENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let p = programme(count);
    let mut timings = Vec::new();
    let mut pdf_bytes = 0;
    for format in [
        ProgrammeFormat::Pdf,
        ProgrammeFormat::Html,
        ProgrammeFormat::Csv,
        ProgrammeFormat::Json,
    ] {
        let start = Instant::now();
        let bytes = export(&p, format).expect("the programme");
        timings.push((format, ms(start)));
        if format == ProgrammeFormat::Pdf {
            assert!(bytes.starts_with(b"%PDF"));
            pdf_bytes = bytes.len();
        }
    }
    let fields: Vec<String> = timings
        .iter()
        .map(|(f, t)| format!("\"{}_ms\": {t:.1}", format!("{f:?}").to_lowercase()))
        .collect();
    println!(
        "{{\"events\": {count}, {}, \"pdf_bytes\": {pdf_bytes}}}",
        fields.join(", ")
    );
}
