//! The week's ministerial figures from the store: the Dashboard's count of
//! ministerial engagements and requests by status (the programme summary),
//! the same as the ministerial report's, and the report as a board paper.

use super::tests::{at, be, kent_form, seeded};
use super::*;
use crate::attendance::{MoveNote, RequestAction, RequestForm, RequestStatus};
use crate::event::EventForm;
use chrono::{NaiveDate, TimeZone};

fn now() -> DateTime<Utc> {
    at(2014, 9, 1, 9)
}

/// A Kent event from `start` to `end`, in the programme of its year.
fn kent_event(store: &mut Store, title: &str, start: &str, end: &str) -> i64 {
    be(store, Role::CouncilOrganiser);
    let form = EventForm {
        programme: start[..4].into(),
        title: title.into(),
        start: start.into(),
        end: end.into(),
        ..kent_form()
    };
    store.add_event(&form, now()).unwrap().event.id
}

fn october(day: u32, title: &str) -> (String, String, String) {
    (
        title.to_string(),
        format!("2014-10-{day:02}T10:00"),
        format!("2014-10-{day:02}T12:00"),
    )
}

/// A draft request from Kent for `person` at `event`.
fn ask(store: &mut Store, event: i64, person: i64) -> i64 {
    be(store, Role::CouncilOrganiser);
    let form = RequestForm {
        event: event.to_string(),
        person: person.to_string(),
        ..Default::default()
    };
    store.add_request(&form, now()).unwrap().id
}

/// Moves request `id` through `actions`, each by the role that makes it.
fn moves(store: &mut Store, id: i64, actions: &[RequestAction], when: DateTime<Utc>) {
    for action in actions {
        let role = match action {
            RequestAction::Submit | RequestAction::Withdraw => Role::CouncilOrganiser,
            _ => Role::LgaOfficer,
        };
        be(store, role);
        store
            .move_request(id, *action, &MoveNote::default(), when)
            .unwrap_or_else(|e| panic!("request {id}: {action:?}: {e}"));
    }
}

use RequestAction::{Accept, Decline, Forward, Held, Submit};

/// The minister (person 1): held on Tuesday, accepted on Wednesday,
/// forwarded on Thursday, declined on Friday, a draft on Saturday; an
/// official (Isabelle Trowler, person 4) accepted on Tuesday; and a draft
/// for the minister in the 2012 week.
fn a_week_of_requests() -> Store {
    let mut store = seeded();
    let mut events = Vec::new();
    for (day, title) in [
        (28, "Tuesday awards"),
        (29, "Wednesday visit"),
        (30, "Thursday talk"),
        (31, "Friday lunch"),
        (25, "Saturday before the week"),
    ] {
        let (title, start, end) = october(day, title);
        events.push(kent_event(&mut store, &title, &start, &end));
    }
    let minister: Vec<i64> = events.iter().map(|e| ask(&mut store, *e, 1)).collect();
    let official = ask(&mut store, events[0], 4);
    let old = kent_event(
        &mut store,
        "Kent in 2012",
        "2012-06-26T10:00",
        "2012-06-26T12:00",
    );
    ask(&mut store, old, 1);

    let open = [Submit, Forward];
    moves(&mut store, minister[0], &[Submit, Forward, Accept], now());
    moves(&mut store, minister[0], &[Held], at(2014, 10, 28, 13));
    moves(&mut store, minister[1], &[Submit, Forward, Accept], now());
    moves(&mut store, minister[2], &open, now());
    moves(&mut store, minister[3], &[Submit, Forward, Decline], now());
    moves(&mut store, official, &[Submit, Forward, Accept], now());
    store
}

#[test]
fn the_dashboard_counts_ministerial_engagements_accepted_or_held_for_ministers_only() {
    let store = a_week_of_requests();
    let s = store.programme_summary("2014").unwrap();
    let a = &s.attendance;
    // Held and accepted for the minister; not the forwarded, declined or
    // draft ones, nor the official's accepted engagement.
    assert_eq!(a.ministerial_engagements, 2);
    assert_eq!(a.engagements, 3);
    assert_eq!(a.requests, 6, "the 2012 week's request is not counted");
    let by_status: Vec<(RequestStatus, u32)> =
        a.by_status.iter().map(|b| (b.status, b.count)).collect();
    use RequestStatus::*;
    assert_eq!(
        by_status,
        [
            (Draft, 1),
            (Submitted, 0),
            (Forwarded, 1),
            (Accepted, 2),
            (Declined, 1),
            (Withdrawn, 0),
            (Held, 1),
        ]
    );
    assert_eq!(a.by_status[4].label, "Declined");

    // The report leads with the same figures.
    let r = store.ministerial_report("2014").unwrap();
    assert_eq!(
        (r.ministerial_engagements, r.engagements, r.requests),
        (a.ministerial_engagements, a.engagements, a.requests)
    );
    assert_eq!(r.by_status, a.by_status);

    let old = store.programme_summary("2012").unwrap().attendance;
    assert_eq!((old.requests, old.ministerial_engagements), (1, 0));
}

#[test]
fn the_report_marks_conference_days_and_days_outside_the_week() {
    let store = a_week_of_requests();
    let r = store.ministerial_report("").unwrap();
    assert_eq!(r.conference.as_deref(), Some("NCAS"));
    assert_eq!(r.week, "Monday 27 October 2014 to Sunday 2 November 2014");
    let days: Vec<(&str, Option<u32>, bool, u32, u32)> = r
        .by_day
        .iter()
        .map(|d| {
            (
                d.label.as_str(),
                d.conference_day,
                d.in_week,
                d.requests,
                d.engagements,
            )
        })
        .collect();
    assert_eq!(days[0], ("Saturday 25 October 2014", None, false, 1, 0));
    assert_eq!(days[2], ("Tuesday 28 October 2014", None, true, 2, 2));
    assert_eq!(days[3], ("Wednesday 29 October 2014", Some(1), true, 1, 1));
    assert_eq!(days[5], ("Friday 31 October 2014", Some(3), true, 1, 0));
    assert_eq!(days.len(), 8, "the week and the Saturday before it");
}

#[test]
fn the_board_paper_escapes_hostile_text_never_names_a_private_event_and_is_dated_as_given() {
    let mut store = seeded();
    let (_, start, end) = october(28, "");
    let hostile = kent_event(
        &mut store,
        "<script>alert('x')</script> & \"friends\"",
        &start,
        &end,
    );
    be(&mut store, Role::CouncilOrganiser);
    let private = store
        .add_event(
            &EventForm {
                title: "Secret care council".into(),
                start: "2014-10-29T10:00".into(),
                end: "2014-10-29T12:00".into(),
                private: true,
                ..kent_form()
            },
            now(),
        )
        .unwrap()
        .event
        .id;
    for event in [hostile, private] {
        let id = ask(&mut store, event, 1);
        moves(&mut store, id, &[Submit, Forward, Decline], now());
    }
    let day = NaiveDate::from_ymd_opt(2014, 11, 3).unwrap();
    let html = String::from_utf8(
        store
            .ministerial_report_file("2014", Format::Html, day)
            .unwrap(),
    )
    .unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"),
        "{html}"
    );
    assert!(!html.contains("Secret care council"), "{html}");
    assert!(html.contains("at a private event (request 2)"), "{html}");
    assert!(html.contains("<dd>Monday 3 November 2014</dd>"), "{html}");
    assert!(html.contains("<dt>Contact officer</dt><dd>Lee Officer</dd>"));
    // The same data and date, the same bytes; another date, another paper.
    let again = store
        .ministerial_report_file("2014", Format::Html, day)
        .unwrap();
    assert_eq!(again, html.as_bytes());
    let later = store
        .ministerial_report_file("2014", Format::Html, day.succ_opt().unwrap())
        .unwrap();
    assert_ne!(later, html.as_bytes());
}

#[test]
fn a_paper_is_dated_as_given_or_today_in_the_programmes_time_zone() {
    let store = seeded();
    let given = store.paper_date("2014", Some("2014-11-03"), now()).unwrap();
    assert_eq!(given, NaiveDate::from_ymd_opt(2014, 11, 3).unwrap());
    // 11:30pm on 1 September in UTC is already 2 September in London (BST).
    let late = Utc.with_ymd_and_hms(2014, 9, 1, 23, 30, 0).unwrap();
    let today = store.paper_date("2014", None, late).unwrap();
    assert_eq!(today, NaiveDate::from_ymd_opt(2014, 9, 2).unwrap());
    let err = store
        .paper_date("2014", Some("3 November"), now())
        .unwrap_err();
    let fields: Vec<&str> = err.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(fields, ["date"], "{err}");
}
