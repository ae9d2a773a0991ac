//! The programme as published documents, from the store: only approved
//! public events, through the one gate, in every format; CSV cells a
//! spreadsheet would run kept as text.

use crate::event::{EventForm, Review};
use crate::publish::programme::{self, Edition, ProgrammeFormat};
use crate::store::tests::{at, officer};
use crate::Store;

fn form(council: &str, title: &str, day: u32, private: bool) -> EventForm {
    EventForm {
        council: council.into(),
        title: title.into(),
        start: format!("2014-10-{day}T10:00"),
        end: format!("2014-10-{day}T12:00"),
        venue: format!("{title} venue"),
        themes: vec!["care-leavers".into()],
        private,
        ..Default::default()
    }
}

fn add(s: &mut Store, council: &str, title: &str, day: u32, private: bool) -> i64 {
    s.add_event(&form(council, title, day, private), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id
}

fn review(s: &mut Store, id: i64, review: Review) {
    s.review_event(id, &review, at(2014, 9, 3, 9)).unwrap();
}

/// Approved public events from Kent and Leeds; and, never published, a
/// private approved one, a submitted one, a returned one and one cancelled
/// after approval.
fn week() -> Store {
    let mut s = officer();
    let kent = add(&mut s, "886", "Kent open day", 29, false);
    let leeds = add(&mut s, "383", "Leeds tea", 28, false);
    let private = add(&mut s, "886", "Kent children in care council", 30, true);
    add(&mut s, "886", "Kent awaiting review", 28, false);
    let returned = add(&mut s, "383", "Leeds returned", 28, false);
    let cancelled = add(&mut s, "383", "Leeds called off", 29, false);
    for id in [kent, leeds, private, cancelled] {
        review(&mut s, id, Review::Approve);
    }
    review(
        &mut s,
        returned,
        Review::Return {
            note: "Add a venue".into(),
        },
    );
    review(
        &mut s,
        cancelled,
        Review::Cancel {
            reason: "Flooded".into(),
        },
    );
    s
}

const NEVER: [&str; 4] = [
    "Kent children in care council",
    "Kent awaiting review",
    "Leeds returned",
    "Leeds called off",
];

#[test]
fn only_approved_public_events_are_published_in_any_format() {
    let s = week();
    let p = s.published_programme("", Edition::Live).unwrap();
    let titles: Vec<&str> = p.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Leeds tea", "Kent open day"]);
    assert_eq!(p.councils(), 2);
    for format in [
        ProgrammeFormat::Html,
        ProgrammeFormat::Csv,
        ProgrammeFormat::Json,
    ] {
        let bytes = s.programme_export("", Edition::Live, format).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("Kent open day"), "{format:?}");
        for never in NEVER {
            assert!(!text.contains(never), "{never} in {format:?}");
        }
        assert_eq!(
            s.programme_export("", Edition::Live, format).unwrap(),
            text.into_bytes(),
            "{format:?} is a pure function of the data"
        );
    }
}

#[test]
fn the_document_groups_by_day_then_region_and_marks_conference_days() {
    use crate::document::{programme, Block, Level};
    let s = week();
    let p = s.published_programme("2014", Edition::Live).unwrap();
    let doc = programme(&p);
    assert_eq!(doc.title, "Corporate Parenting Week 2014: the programme");
    assert!(doc.contents);
    assert_eq!(doc.contents_depth, Level::Two);
    let headings: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } => Some((level.number(), text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            (1, "Monday 27 October 2014"),
            (1, "Tuesday 28 October 2014"),
            (2, "Yorkshire and The Humber"),
            (3, "Leeds tea"),
            (1, "Wednesday 29 October 2014: NCAS conference day 1"),
            (2, "South East"),
            (3, "Kent open day"),
            (1, "Thursday 30 October 2014: NCAS conference day 2"),
            (1, "Friday 31 October 2014: NCAS conference day 3"),
            (1, "Saturday 1 November 2014"),
            (1, "Sunday 2 November 2014"),
        ]
    );
    let details = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Details(d) => Some(d),
            _ => None,
        })
        .unwrap();
    let pairs: Vec<(&str, &str)> = details
        .iter()
        .map(|d| (d.label.as_str(), d.value.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("Time", "10am to midday"),
            ("Council", "Leeds"),
            ("Venue", "Leeds tea venue"),
            ("Themes", "Care leavers"),
        ]
    );
}

/// Reads CSV bytes back as a spreadsheet would be given them.
fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{FEFF}').expect("a byte order mark");
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_cells_a_spreadsheet_would_run_stay_text_whatever_their_field() {
    let s = week();
    let mut p = s.published_programme("", Edition::Live).unwrap();
    // Text rules trim tabs and line breaks from the ends of what is typed;
    // the writer neutralises them anyway, in every field.
    let payloads = [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ];
    for (i, payload) in payloads.iter().enumerate() {
        let mut e = p.events[0].clone();
        e.id = 100 + i as i64;
        e.title = payload.to_string();
        e.description = Some(payload.to_string());
        e.contact_phone = Some(payload.to_string());
        p.events.push(e);
    }
    let bytes = programme::csv::csv(&p).unwrap();
    assert!(bytes.starts_with("\u{FEFF}ID,UID,Title,".as_bytes()));
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("\r\n"));
    // Outside the quoted CR payload, every line ends CRLF.
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "a bare LF"
    );
    let rows = read_back(&bytes);
    assert_eq!(rows.len(), 1 + 2 + payloads.len());
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, payload) in rows[3..].iter().zip(payloads) {
        for name in ["Title", "Description", "Contact phone"] {
            assert_eq!(row[column(name)], format!("'{payload}"), "{name}");
        }
    }
    for cell in rows[1..].iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?}"
        );
    }
}
