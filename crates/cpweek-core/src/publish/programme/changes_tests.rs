use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, TimeZone};

use super::*;
use crate::programme::Term;
use crate::publish::programme::{Edition, PublishedConference, PublishedDay};

fn event(n: i64, title: &str, day: u32) -> PublishedEvent {
    let tz = chrono_tz::Europe::London;
    let date = NaiveDate::from_ymd_opt(2014, 10, day).unwrap();
    let start = tz
        .from_local_datetime(&date.and_hms_opt(10, 0, 0).unwrap())
        .single()
        .unwrap()
        .fixed_offset();
    PublishedEvent {
        id: n,
        uid: format!("event-{n}@cpweek"),
        title: title.into(),
        description: None,
        council_code: "886".into(),
        council_name: "Kent".into(),
        region: "South East".into(),
        partners: Vec::new(),
        start,
        end: start + Duration::hours(2),
        all_day: false,
        start_date: date,
        end_date: date,
        conference_day: (day == 29).then_some(1),
        venue: Some("County Hall".into()),
        address: None,
        postcode: None,
        themes: vec![Term {
            slug: "care-leavers".into(),
            name: "Care leavers".into(),
        }],
        audiences: Vec::new(),
        booking_url: None,
        contact_name: None,
        contact_email: None,
        contact_phone: None,
    }
}

fn programme(events: Vec<PublishedEvent>) -> PublishedProgramme {
    let first = NaiveDate::from_ymd_opt(2014, 10, 27).unwrap();
    PublishedProgramme {
        id: "2014".into(),
        name: "Corporate Parenting Week 2014".into(),
        edition: Edition::Live,
        time_zone: chrono_tz::Europe::London,
        starts_on: first,
        ends_on: first + Duration::days(6),
        conference: Some(PublishedConference {
            name: "National Children and Adult Services Conference".into(),
            short_name: "NCAS".into(),
            venue: None,
        }),
        days: (0..7)
            .map(|i| PublishedDay {
                date: first + Duration::days(i),
                conference_day: None,
                in_week: true,
            })
            .collect(),
        events,
    }
}

fn none() -> BTreeSet<String> {
    BTreeSet::new()
}

#[test]
fn the_same_programme_has_no_changes() {
    let p = programme(vec![event(1, "Open day", 28), event(2, "Tea", 29)]);
    let changes = diff(&p, &p.clone(), &none());
    assert!(changes.is_empty());
    assert_eq!(changes.counts(), "no changes to events");
    assert!(changes.lines().is_empty());
}

#[test]
fn against_nothing_every_event_is_added_in_start_order() {
    let new = programme(vec![event(2, "Tea", 28), event(1, "Open day", 29)]);
    let changes = diff(&programme(Vec::new()), &new, &none());
    let titles: Vec<&str> = changes.added.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Tea", "Open day"]);
    assert!(changes.changed.is_empty() && changes.left.is_empty());
    assert_eq!(changes.counts(), "2 added");
    assert_eq!(
        changes.added[1].when,
        "Wednesday 29 October 2014, 10am to midday"
    );
}

#[test]
fn a_changed_event_names_each_changed_field_with_old_and_new() {
    let old = programme(vec![event(1, "Open day", 28), event(2, "Tea", 28)]);
    let mut moved = event(1, "Open day at the hall", 29);
    moved.venue = None;
    moved.contact_email = Some("kim@example.gov.uk".into());
    let new = programme(vec![moved, event(2, "Tea", 28)]);
    let changes = diff(&old, &new, &none());
    assert!(changes.added.is_empty() && changes.left.is_empty());
    assert_eq!(
        changes.changed.len(),
        1,
        "the unchanged event is not listed"
    );
    let c = &changes.changed[0];
    assert_eq!(c.event.title, "Open day at the hall");
    let got: Vec<(&str, Option<&str>, Option<&str>)> = c
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.old.as_deref(), f.new.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("Title", Some("Open day"), Some("Open day at the hall")),
            (
                "When",
                Some("Tuesday 28 October 2014, 10am to midday"),
                Some("Wednesday 29 October 2014, 10am to midday")
            ),
            ("Conference day", None, Some("NCAS conference day 1")),
            ("Venue", Some("County Hall"), None),
            ("Contact email", None, Some("kim@example.gov.uk")),
        ]
    );
    let lines = changes.lines();
    assert_eq!(lines[0], "Changed (1):");
    assert!(
        lines.contains(&"  Venue: \"County Hall\" to (none)".to_string()),
        "{lines:?}"
    );
}

#[test]
fn an_event_matched_by_uid_keeps_its_place_whatever_its_id_or_order() {
    let old = programme(vec![event(1, "Open day", 28), event(2, "Tea", 29)]);
    let new = programme(vec![event(2, "Tea", 29), event(1, "Open day", 28)]);
    assert!(diff(&old, &new, &none()).is_empty());
}

#[test]
fn events_that_left_are_cancelled_only_if_partners_see_them_cancelled() {
    let old = programme(vec![
        event(1, "Open day", 28),
        event(2, "Tea", 29),
        event(3, "Awards", 30),
    ]);
    let new = programme(vec![event(2, "Tea", 29), event(4, "Quiz", 31)]);
    let cancelled: BTreeSet<String> = ["event-3@cpweek".to_string()].into();
    let changes = diff(&old, &new, &cancelled);
    let left: Vec<(&str, Leaving)> = changes
        .left
        .iter()
        .map(|l| (l.event.title.as_str(), l.why))
        .collect();
    assert_eq!(
        left,
        [
            ("Open day", Leaving::Withdrawn),
            ("Awards", Leaving::Cancelled)
        ]
    );
    assert_eq!(changes.added[0].title, "Quiz");
    assert_eq!(changes.counts(), "1 added, 1 cancelled, 1 withdrawn");
    let lines = changes.lines();
    assert!(lines.contains(&"Cancelled (1):".to_string()), "{lines:?}");
    assert!(
        lines.contains(&"Withdrawn from the programme (1):".to_string()),
        "{lines:?}"
    );
}

#[test]
fn a_value_of_several_lines_is_said_on_one() {
    let old = programme(vec![event(1, "Open day", 28)]);
    let mut e = event(1, "Open day", 28);
    e.description = Some("First line\nSecond line".into());
    let changes = diff(&old, &programme(vec![e]), &none());
    let lines = changes.lines();
    assert!(
        lines.contains(&"  Description: (none) to \"First line, Second line\"".to_string()),
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| !l.contains('\n')));
}

#[test]
fn a_theme_renamed_is_a_change_of_themes() {
    let old = programme(vec![event(1, "Open day", 28)]);
    let mut e = event(1, "Open day", 28);
    e.themes.push(Term {
        slug: "health".into(),
        name: "Health".into(),
    });
    let changes = diff(&old, &programme(vec![e]), &none());
    assert_eq!(
        changes.changed[0].fields,
        [FieldChange {
            field: "Themes".into(),
            old: Some("Care leavers".into()),
            new: Some("Care leavers, Health".into()),
        }]
    );
}

#[test]
fn a_partner_council_joining_an_event_is_a_change_of_its_partner_councils() {
    use crate::publish::programme::PublishedCouncil;
    let old = programme(vec![event(1, "Open day", 28)]);
    let mut joint = event(1, "Open day", 28);
    joint.partners = vec![PublishedCouncil {
        code: "921".into(),
        name: "Isle of Wight".into(),
    }];
    let changes = diff(&old, &programme(vec![joint]), &none());
    let c = &changes.changed[0];
    let got: Vec<(&str, Option<&str>, Option<&str>)> = c
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.old.as_deref(), f.new.as_deref()))
        .collect();
    assert_eq!(got, [("Partner councils", None, Some("Isle of Wight"))]);
}
