//! Who may do what (the store applies [`crate::permission`]), the settings
//! that say who is acting, and the history that names them.

use super::tests::{at, officer, seeded};
use super::*;
use crate::ics::read;
use crate::permission::{EventAction, Role};
use crate::ErrorCode;

fn kent() -> EventForm {
    EventForm {
        council: "Kent".into(),
        title: "Kent celebrates its care leavers".into(),
        start: "2014-10-28T10:00".into(),
        end: "2014-10-28T12:00".into(),
        ..Default::default()
    }
}

/// An entry as the test checks it: who, action, from, to, note.
type Seen<'a> = (&'a str, &'a str, Option<Status>, Status, Option<&'a str>);

fn set(store: &mut Store, form: SettingsForm) -> Settings {
    store.save_settings(&form).unwrap()
}

fn history_rows(store: &Store) -> i64 {
    store
        .conn
        .query_row("SELECT count(*) FROM event_history", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_organiser_may_not_approve_or_return_and_nothing_is_written() {
    let mut store = seeded();
    let added = store.add_event(&kent(), at(2014, 9, 2, 9)).unwrap().event;
    let rows = history_rows(&store);
    for review in [
        Review::Approve,
        Review::Return {
            note: "Add a booking link".into(),
        },
        // Refused for the role before the blank note is looked at.
        Review::Return { note: " ".into() },
    ] {
        let err = store
            .review_event(added.id, &review, at(2014, 9, 3, 9))
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden, "{review:?}");
        assert!(
            err.to_string().starts_with("only an LGA officer can "),
            "{err}"
        );
        assert!(
            err.to_string()
                .ends_with("your role is council organiser: change it in Settings or with `cpweek settings set --role lga-officer`"),
            "{err}"
        );
    }
    let same = store.event(added.id).unwrap();
    assert_eq!(same, added, "status, SEQUENCE and stamps unchanged");
    assert_eq!(history_rows(&store), rows);
    assert_eq!(
        store.actions(&same).unwrap(),
        [EventAction::Edit, EventAction::Cancel]
    );

    // An organiser may cancel their event.
    let cancel = Review::Cancel {
        reason: "Venue flooded".into(),
    };
    let e = store
        .review_event(added.id, &cancel, at(2014, 9, 4, 9))
        .unwrap()
        .event;
    assert_eq!((e.status, e.sequence), (Status::Cancelled, 1));
    assert!(
        store.actions(&e).unwrap().is_empty(),
        "a cancelled event offers nothing"
    );
}

#[test]
fn an_officer_may_review_and_is_offered_what_the_status_allows() {
    let mut store = officer();
    let added = store.add_event(&kent(), at(2014, 9, 2, 9)).unwrap().event;
    assert_eq!(
        store.actions(&added).unwrap(),
        [
            EventAction::Edit,
            EventAction::Approve,
            EventAction::Return,
            EventAction::Cancel
        ]
    );
    let e = store
        .review_event(added.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap()
        .event;
    assert_eq!((e.status, e.sequence), (Status::Approved, 1));
    assert_eq!(
        store.actions(&e).unwrap(),
        [EventAction::Edit, EventAction::Return, EventAction::Cancel]
    );
    // The role is read from the settings each time: back to organiser, the
    // same event offers less, and a return is refused.
    set(
        &mut store,
        SettingsForm {
            role: Some(Role::CouncilOrganiser),
            ..Default::default()
        },
    );
    assert_eq!(
        store.actions(&e).unwrap(),
        [EventAction::Edit, EventAction::Cancel]
    );
    let back = Review::Return {
        note: "Add a venue".into(),
    };
    let err = store
        .review_event(e.id, &back, at(2014, 9, 4, 9))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert_eq!(store.event(e.id).unwrap().status, Status::Approved);
}

#[test]
fn history_names_the_person_in_the_settings_at_the_time() {
    let mut store = seeded();
    let id = store
        .add_event(&kent(), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    set(
        &mut store,
        SettingsForm {
            role: Some(Role::LgaOfficer),
            name: Some("  Jo Bloggs ".into()),
            ..Default::default()
        },
    );
    let back = Review::Return {
        note: "Add a booking link".into(),
    };
    store.review_event(id, &back, at(2014, 9, 3, 9)).unwrap();
    set(
        &mut store,
        SettingsForm {
            role: Some(Role::CouncilOrganiser),
            name: Some("Sam Patel".into()),
            ..Default::default()
        },
    );
    let fixed = EventForm {
        booking_url: "https://www.kent.gov.uk/cpw".into(),
        ..kent()
    };
    store.edit_event(id, &fixed, at(2014, 9, 4, 9)).unwrap();
    // An edit that changes nothing writes nothing, history included.
    assert!(
        !store
            .edit_event(id, &fixed, at(2014, 9, 5, 9))
            .unwrap()
            .changed
    );
    set(
        &mut store,
        SettingsForm {
            role: Some(Role::LgaOfficer),
            name: Some("Jo Bloggs".into()),
            ..Default::default()
        },
    );
    store
        .review_event(id, &Review::Approve, at(2014, 9, 6, 9))
        .unwrap();
    let cancel = Review::Cancel {
        reason: "Venue flooded".into(),
    };
    store
        .review_event(id, &cancel, at(2014, 10, 27, 9))
        .unwrap();

    let history = store.event_history(id).unwrap();
    let seen: Vec<Seen> = history
        .iter()
        .map(|h| {
            (
                h.who.as_str(),
                h.action.as_str(),
                h.from_status,
                h.to_status,
                h.note.as_deref(),
            )
        })
        .collect();
    use Status::*;
    assert_eq!(
        seen,
        [
            ("unnamed council organiser", "added", None, Submitted, None),
            (
                "Jo Bloggs",
                "returned",
                Some(Submitted),
                Returned,
                Some("Add a booking link")
            ),
            ("Sam Patel", "edited", Some(Returned), Submitted, None),
            ("Jo Bloggs", "approved", Some(Submitted), Approved, None),
            (
                "Jo Bloggs",
                "cancelled",
                Some(Approved),
                Cancelled,
                Some("Venue flooded")
            ),
        ]
    );
    assert_eq!(
        history[1].summary,
        "Returned to the council by Jo Bloggs (LGA officer)"
    );
    assert_eq!(
        history[2].summary,
        "Changed by Sam Patel (council organiser)"
    );
    // Shown in the programme's zone: 9am UTC in September is 10am BST.
    assert_eq!(history[0].when, "Tuesday 2 September 2014, 10am");
    assert_eq!(history[0].at.to_rfc3339(), "2014-09-02T10:00:00+01:00");
    // After the clocks go back, GMT.
    assert_eq!(history[4].when, "Monday 27 October 2014, 9am");
}

#[test]
fn an_import_records_what_it_created_and_changed_and_a_dry_run_nothing() {
    let mut store = seeded();
    set(
        &mut store,
        SettingsForm {
            name: Some("Sam Patel".into()),
            ..Default::default()
        },
    );
    let cal = |seq: u32, extra: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:abc@example.org\r\nDTSTART;TZID=Europe/London:20141028T100000\r\nDTEND;TZID=Europe/London:20141028T120000\r\nSUMMARY:Coffee morning\r\nSEQUENCE:{seq}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };
    let import = |store: &mut Store, body: &str, mode| {
        let calendar = read::parse(body.as_bytes()).unwrap();
        store
            .import_ics(
                "Kent",
                &calendar,
                mode,
                FaultyEvents::Refuse,
                at(2014, 10, 1, 9),
            )
            .unwrap()
    };
    import(&mut store, &cal(0, ""), ImportMode::DryRun);
    assert_eq!(history_rows(&store), 0, "a dry run records nothing");
    import(&mut store, &cal(0, ""), ImportMode::Write);
    import(&mut store, &cal(0, ""), ImportMode::Write);
    import(
        &mut store,
        &cal(1, "STATUS:CANCELLED\r\n"),
        ImportMode::Write,
    );
    let id = store.events(&EventFilter::default()).unwrap()[0].id;
    let history = store.event_history(id).unwrap();
    let seen: Vec<_> = history
        .iter()
        .map(|h| (h.who.as_str(), h.action, h.from_status, h.to_status))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Sam Patel",
                HistoryAction::Imported,
                None,
                Status::Submitted
            ),
            (
                "Sam Patel",
                HistoryAction::UpdatedByImport,
                Some(Status::Submitted),
                Status::Cancelled
            ),
        ],
        "the unchanged second import is not recorded"
    );
    assert_eq!(
        history[1].note.as_deref(),
        Some("cancelled in the imported calendar")
    );
}

#[test]
fn settings_change_only_what_is_given_and_name_each_bad_value() {
    let mut store = seeded();
    let all = set(
        &mut store,
        SettingsForm {
            my_council: Some("886".into()),
            role: Some(Role::LgaOfficer),
            name: Some("Jo Bloggs".into()),
        },
    );
    assert_eq!(all.person().who(), "Jo Bloggs");
    let only_name = set(
        &mut store,
        SettingsForm {
            name: Some("Jo Smith".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        (
            only_name.my_council.as_deref(),
            only_name.role,
            only_name.name.as_deref()
        ),
        (Some("886"), Role::LgaOfficer, Some("Jo Smith"))
    );

    let err = store
        .save_settings(&SettingsForm {
            my_council: Some("Atlantis".into()),
            role: Some(Role::CouncilOrganiser),
            name: Some("Jo\u{1b}[31m Bloggs".into()),
        })
        .unwrap_err();
    let fields: Vec<&str> = err.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(fields, ["my_council", "name"], "{err}");
    assert!(err.to_string().contains("control characters"), "{err}");
    let err = store
        .save_settings(&SettingsForm {
            name: Some("J".repeat(101)),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "name");
    assert!(err.to_string().contains("100 characters or fewer"), "{err}");
    assert_eq!(store.settings().unwrap(), only_name, "nothing half-written");

    // Empty clears.
    let cleared = set(
        &mut store,
        SettingsForm {
            my_council: Some(String::new()),
            name: Some(" ".into()),
            ..Default::default()
        },
    );
    assert_eq!((&cleared.my_council, &cleared.name), (&None, &None));
    assert_eq!(cleared.role, Role::LgaOfficer);
    assert_eq!(cleared.person().who(), "unnamed LGA officer");
}

#[test]
fn migration_8_keeps_the_settings_and_adds_an_empty_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut store = Store::open(&path, Open::CreateIfMissing, at(2014, 9, 1, 9)).unwrap();
    store.init().unwrap();
    let id = store
        .add_event(&kent(), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    // Put the database back as version 7 left it, with settings in it (and
    // forget migration 21 too, which adds a column to the history 8 makes).
    store
        .conn
        .execute_batch(
            "DROP TABLE event_history;
             DROP TABLE settings;
             CREATE TABLE settings (
                 key TEXT PRIMARY KEY CHECK (key IN ('my_council', 'role', 'last_screen')),
                 value TEXT NOT NULL
             ) STRICT;
             INSERT INTO settings VALUES ('my_council', '886'), ('role', 'lga_officer');
             DELETE FROM schema_migrations WHERE version IN (8, 21);",
        )
        .unwrap();
    drop(store);
    let mut store = Store::open(&path, Open::Existing, at(2014, 9, 3, 9)).unwrap();
    let settings = store.settings().unwrap();
    assert_eq!(
        (settings.my_council.as_deref(), settings.role),
        (Some("886"), Role::LgaOfficer)
    );
    assert!(store.event_history(id).unwrap().is_empty());
    set(
        &mut store,
        SettingsForm {
            name: Some("Jo Bloggs".into()),
            ..Default::default()
        },
    );
    store
        .review_event(id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let history = store.event_history(id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].who, "Jo Bloggs");
}
