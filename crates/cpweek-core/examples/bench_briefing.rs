//! Benchmark (not a test): one briefing note as a tagged PDF.
//!
//! `cargo run --release -p cpweek-core --example bench_briefing` prints one
//! JSON line of timings in milliseconds: the first PDF a process makes
//! (which also loads the embedded fonts and evaluates the template), the
//! median of the next runs (each a different note, so no run is answered
//! whole from Typst's cache), and the HTML of the same note. Run it with
//! `scripts/bench-briefing`.

use std::time::Instant;

use cpweek_core::document::briefing::{
    Attendee, ContactOfficer, Engagement, Leg, Place, Privacy, Venue,
};
use cpweek_core::document::{briefing, html, pdf, Briefing};

const RUNS: usize = 15;

fn note(run: usize) -> Briefing {
    Briefing {
        person: Attendee {
            name: "Edward Timpson MP".into(),
            title: "Children and Families Minister".into(),
        },
        engagement: Engagement {
            title: format!("Care leavers' question time {run}"),
            host: "Kent County Council".into(),
            region: Some("South East".into()),
            day: "Tuesday 28 October 2014".into(),
            times: "10am to 12:30pm".into(),
            part: Some("11am to 11:45am".into()),
            role: "speak".into(),
        },
        venue: Venue {
            name: Some("Sessions House".into()),
            address: Some("County Road, Maidstone".into()),
            postcode: Some("ME14 1XQ".into()),
        },
        arrival: Some(Leg {
            place: Place::Home("Sanctuary Buildings, SW1P 3BT".into()),
            minutes: 85,
            reckoning: "58 km in a straight line between the postcodes, times 1.3 for the \
                        roads, at 60 km an hour, plus 15 minutes to change over"
                .into(),
            leave: Some("9:20am".into()),
        }),
        departure: Some(Leg {
            place: Place::Engagement("Foster carers' awards, Medway".into()),
            minutes: 40,
            reckoning: "From the region-to-region table (South East to South East)".into(),
            leave: Some("11:50am".into()),
        }),
        audiences: vec![
            "Care leavers".into(),
            "Foster carers".into(),
            "Councillors".into(),
        ],
        description: Some(
            "Care leavers put their questions to the panel of corporate parents: the \
             leader, the lead member for children's services and the director."
                .into(),
        ),
        case: Some(
            "Kent's care leavers asked to meet the minister; the council's Staying Put \
             scheme is one the Department has praised."
                .into(),
        ),
        contact: ContactOfficer {
            name: "Helen Johnston".into(),
            position: Some("Head of Children's Services".into()),
            phone: Some("020 7664 3172".into()),
            email: Some("helen.johnston@local.gov.uk".into()),
        },
        privacy: Privacy::Private,
        practice: Vec::new(),
        status: "Accepted".into(),
        priority: 4,
        prepared: "Monday 20 October 2014".into(),
    }
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let start = Instant::now();
    let first = pdf(&briefing(&note(0))).expect("a PDF");
    let first_ms = ms(start);

    let mut runs = Vec::with_capacity(RUNS);
    let mut html_runs = Vec::with_capacity(RUNS);
    for run in 1..=RUNS {
        let note = note(run);
        let start = Instant::now();
        let bytes = pdf(&briefing(&note)).expect("a PDF");
        runs.push(ms(start));
        assert!(bytes.starts_with(b"%PDF"));
        let start = Instant::now();
        let page = html(&briefing(&note));
        html_runs.push(ms(start));
        assert!(page.starts_with("<!DOCTYPE html>"));
    }
    println!(
        "{{\"first_pdf_ms\": {first_ms:.1}, \"pdf_median_ms\": {:.1}, \"html_median_ms\": {:.3}, \
         \"runs\": {RUNS}, \"pdf_bytes\": {}}}",
        median(runs),
        median(html_runs),
        first.len()
    );
}
