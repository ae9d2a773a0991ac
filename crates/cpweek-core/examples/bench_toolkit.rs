//! Benchmark (not a test): the good-practice toolkit of 300 published
//! entries as a tagged PDF (issue 11 aims at under 3 seconds), as a Word
//! document (under a second) and as HTML.
//!
//! `cargo run --release -p cpweek-core --example bench_toolkit` prints one
//! JSON line of timings in milliseconds. `ENTRIES=N` changes the number of
//! entries. Run it with `scripts/bench-toolkit`.

use std::time::Instant;

use cpweek_core::practice::{Contact, Outcome};
use cpweek_core::programme::Term;
use cpweek_core::publish::programme::PublishedCouncil;
use cpweek_core::publish::toolkit::{export, PublishedPractice, PublishedToolkit, ToolkitFormat};

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

const THEMES: [(&str, &str); 5] = [
    ("adoption", "Adoption"),
    ("education", "Education"),
    ("care-leavers", "Care leavers"),
    ("health", "Health and wellbeing"),
    ("placement-stability", "Placement stability"),
];

fn term((slug, name): (&str, &str)) -> Term {
    Term {
        slug: slug.into(),
        name: name.into(),
    }
}

fn toolkit(entries: usize) -> PublishedToolkit {
    let entries = (0..entries)
        .map(|i| {
            let (code, council, region) = COUNCILS[i % COUNCILS.len()];
            let (_, partner, _) = COUNCILS[(i + 5) % COUNCILS.len()];
            PublishedPractice {
                id: i as i64 + 1,
                title: format!("{council} case study {i}: a team around the child"),
                council_code: code.into(),
                council_name: council.into(),
                region: region.into(),
                partners: if i % 3 == 0 {
                    vec![PublishedCouncil {
                        code: "000".into(),
                        name: partner.into(),
                    }]
                } else {
                    Vec::new()
                },
                partner_organisations: if i % 4 == 0 {
                    vec!["Coram".into()]
                } else {
                    Vec::new()
                },
                themes: vec![term(THEMES[i % 5]), term(THEMES[(i + 2) % 5])],
                summary: "The council and its partners changed how they work with children in \
                          care, and the figures moved within a year."
                    .into(),
                what_was_done: Some(
                    "Social workers, foster carers and the virtual school met every month to \
                     plan each child's next step together.\n\nCare leavers were asked what \
                     mattered to them, and the council changed its offer to match."
                        .into(),
                ),
                outcomes: vec![
                    Outcome {
                        measure: "Adoptions".into(),
                        before: "20".into(),
                        after: "42".into(),
                        period: "2012 to 2013".into(),
                    },
                    Outcome {
                        measure: "Average length of care proceedings".into(),
                        before: "49 weeks".into(),
                        after: "27 weeks".into(),
                        period: "2011 to 2013".into(),
                    },
                ],
                source: Some("The minister's speech, 2013".into()),
                contact: Some(Contact {
                    name: "Jo Bloggs".into(),
                    role: Some("Head of service".into()),
                    email: "jo.bloggs@example.gov.uk".into(),
                }),
            }
        })
        .collect();
    PublishedToolkit {
        programme_id: "2014".into(),
        programme_name: "Corporate Parenting Week 2014".into(),
        introduction: Vec::new(),
        themes: THEMES.into_iter().map(term).collect(),
        entries,
    }
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let count = std::env::var("ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let t = toolkit(count);
    let mut fields = Vec::new();
    for format in [ToolkitFormat::Pdf, ToolkitFormat::Docx, ToolkitFormat::Html] {
        let start = Instant::now();
        let bytes = export(&t, format).expect("the toolkit");
        let took = ms(start);
        let name = format!("{format:?}").to_lowercase();
        fields.push(format!(
            "\"{name}_ms\": {took:.1}, \"{name}_bytes\": {}",
            bytes.len()
        ));
    }
    println!("{{\"entries\": {count}, {}}}", fields.join(", "));
}
