//! The sample week through the store: loaded whole, refused when the
//! programme holds anything of its own, and removed exactly.

use super::super::tests::{at, be, kent_form, seeded};
use super::*;
use crate::error::ErrorCode;
use crate::filter::EventFilter;
use crate::practice::PracticeFilter;
use crate::store::RequestFilter;

/// After the week (requests can be marked held only once they took place).
fn later() -> DateTime<Utc> {
    at(2014, 11, 20, 9)
}

fn everything(store: &Store) -> (usize, usize, usize) {
    let filter = EventFilter {
        programme: "2014".into(),
        ..Default::default()
    };
    (
        store.events(&filter).unwrap().len(),
        store.requests(&RequestFilter::default()).unwrap().len(),
        store
            .practice_entries(&PracticeFilter::default())
            .unwrap()
            .len(),
    )
}

#[test]
fn the_sample_loads_whole_for_either_role_and_is_marked() {
    for role in [Role::CouncilOrganiser, Role::LgaOfficer] {
        let mut store = seeded();
        be(&mut store, role);
        let counts = store.load_sample(later()).unwrap();
        assert!(counts.events >= 100, "{counts:?}");
        assert_eq!(counts.requests, 14);
        assert_eq!(
            everything(&store),
            (
                counts.events as usize,
                counts.requests as usize,
                counts.practice_entries as usize
            )
        );
        assert_eq!(store.sample_counts().unwrap(), counts);
        let events = store.events(&EventFilter::default()).unwrap();
        assert!(events
            .iter()
            .all(|e| e.details.title.starts_with(sample::MARK)));
        // Each event's history starts with the sample's name.
        let history = store.event_history(events[0].id).unwrap();
        assert_eq!(history[0].who, sample::WHO);
    }
}

#[test]
fn loading_into_a_programme_with_its_own_events_is_refused_and_changes_nothing() {
    let mut store = seeded();
    store.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    let before = store.app_stamp().unwrap();
    let err = store.load_sample(later()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(
        err.to_string().contains("1 event, no ministerial requests"),
        "{err}"
    );
    assert_eq!(store.app_stamp().unwrap(), before);
    assert_eq!(everything(&store), (1, 0, 0));
}

#[test]
fn loading_twice_is_refused() {
    let mut store = seeded();
    let first = store.load_sample(later()).unwrap();
    let err = store.load_sample(later()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("loaded already"), "{err}");
    assert_eq!(store.sample_counts().unwrap(), first);
}

#[test]
fn removing_takes_out_exactly_the_sample_and_its_history() {
    let mut store = seeded();
    be(&mut store, Role::LgaOfficer);
    let loaded = store.load_sample(later()).unwrap();
    let mine = store.add_event(&kent_form(), later()).unwrap().event.id;
    let removed = store.remove_sample().unwrap();
    assert_eq!(removed, loaded);
    assert_eq!(everything(&store), (1, 0, 0));
    assert_eq!(store.event(mine).unwrap().details.title, kent_form().title);
    let left: i64 = store
        .conn
        .query_row(
            "SELECT (SELECT count(*) FROM event_history WHERE event_id <> ?1)
                  + (SELECT count(*) FROM request_history)
                  + (SELECT count(*) FROM practice_history)
                  + (SELECT count(*) FROM sample_rows)",
            [mine],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    // Nothing more to take out.
    assert!(store.remove_sample().unwrap().is_empty());
}

#[test]
fn a_request_of_ones_own_for_a_sample_event_stops_the_removal() {
    let mut store = seeded();
    be(&mut store, Role::LgaOfficer);
    store.load_sample(later()).unwrap();
    let event = store
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .find(|e| e.status == Status::Approved)
        .unwrap();
    let mine = store
        .add_request(
            &crate::attendance::RequestForm {
                event: event.id.to_string(),
                person: "2".into(),
                ..Default::default()
            },
            later(),
        )
        .unwrap();
    let before = store.sample_counts().unwrap();
    let err = store.remove_sample().unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(
        err.to_string().contains(&format!("request {}", mine.id)),
        "{err}"
    );
    assert_eq!(store.sample_counts().unwrap(), before);
}
