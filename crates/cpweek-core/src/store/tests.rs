use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};

use super::*;
use crate::file::{Kind, Replace};

pub(super) fn at(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
}

pub(super) fn seeded() -> Store {
    let mut store = Store::open_in_memory(at(2014, 9, 1, 9)).unwrap();
    store.init().unwrap();
    store
}

/// A seeded store whose person is an LGA officer, who may approve and
/// return events.
/// Sets the person in the settings: "Kim Organiser", a council organiser,
/// or "Lee Officer", an LGA officer.
pub(super) fn be(store: &mut Store, role: Role) {
    store
        .save_settings(&SettingsForm {
            role: Some(role),
            name: Some(match role {
                Role::CouncilOrganiser => "Kim Organiser".into(),
                Role::LgaOfficer => "Lee Officer".into(),
            }),
            ..Default::default()
        })
        .unwrap();
}

pub(super) fn officer() -> Store {
    let mut store = seeded();
    store
        .save_settings(&SettingsForm {
            role: Some(Role::LgaOfficer),
            ..Default::default()
        })
        .unwrap();
    store
}

pub(super) fn kent_form() -> EventForm {
    EventForm {
        council: "886".into(),
        title: "Kent celebrates its care leavers".into(),
        start: "2014-10-28T10:00".into(),
        end: "2014-10-28T12:00".into(),
        venue: "Sessions House".into(),
        postcode: "me14 1xq".into(),
        themes: vec!["care-leavers".into(), "Celebrating achievement".into()],
        audiences: vec!["care-leavers".into()],
        ..Default::default()
    }
}

fn count(store: &Store) -> usize {
    store.events(&EventFilter::default()).unwrap().len()
}

#[test]
fn init_twice_leaves_152_councils_in_their_regions() {
    let mut store = seeded();
    let again = store.init().unwrap();
    assert_eq!(again.councils, 152);
    assert_eq!(again.regions, 9);
    let mut by_region: BTreeMap<String, usize> = BTreeMap::new();
    for c in store.councils(None).unwrap() {
        *by_region.entry(c.region).or_default() += 1;
    }
    let expected = [
        ("East Midlands", 9),
        ("East of England", 11),
        ("London", 33),
        ("North East", 12),
        ("North West", 23),
        ("South East", 19),
        ("South West", 16),
        ("West Midlands", 14),
        ("Yorkshire and The Humber", 15),
    ];
    assert_eq!(
        by_region,
        expected.iter().map(|(r, n)| (r.to_string(), *n)).collect()
    );
    let scilly = store
        .councils(Some("south west"))
        .unwrap()
        .into_iter()
        .find(|c| c.code == "420")
        .unwrap();
    assert_eq!(scilly.display_name, "Isles of Scilly");
}

#[test]
fn seeds_the_programmes_minister_themes_and_audiences() {
    let store = seeded();
    let programmes = store.programmes().unwrap();
    assert_eq!(programmes.len(), 2);
    let p2014 = programmes.iter().find(|p| p.id == "2014").unwrap();
    assert!(p2014.is_current);
    assert_eq!(p2014.starts_on.to_string(), "2014-10-27");
    assert_eq!(p2014.ends_on.to_string(), "2014-11-02");
    let ncas = p2014.conference.as_ref().unwrap();
    assert_eq!(ncas.short_name, "NCAS");
    let p2012 = programmes.iter().find(|p| p.id == "2012").unwrap();
    assert_eq!(
        (p2012.starts_on.to_string(), p2012.ends_on.to_string()),
        ("2012-06-25".into(), "2012-07-01".into())
    );
    let minister = &store.people(None).unwrap()[0];
    assert_eq!(minister.name, "Edward Timpson MP");
    assert_eq!(minister.base_postcode.as_deref(), Some("SW1P 3BT"));
    assert_eq!(store.themes().unwrap().len(), 9);
    assert_eq!(store.audiences().unwrap().len(), 7);
}

#[test]
fn init_keeps_conference_days_that_staff_edited() {
    let mut store = seeded();
    store
        .update_conference(
            "ncas-2014",
            &ConferenceChange {
                starts_on: Some("2014-10-28".into()),
                ends_on: Some("2014-10-30".into()),
                venue: Some("Manchester Central".into()),
                confirmed: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    store.init().unwrap();
    let ncas = store.programmes().unwrap()[1].conference.clone().unwrap();
    assert_eq!(ncas.starts_on.unwrap().to_string(), "2014-10-28");
    assert_eq!(ncas.venue.as_deref(), Some("Manchester Central"));
    assert!(ncas.confirmed);
}

#[test]
fn an_event_for_kent_lists_in_local_time_with_its_offset() {
    let mut store = seeded();
    let saved = store.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    assert!(saved.warnings.is_empty());
    let e = &store.events(&EventFilter::default()).unwrap()[0];
    assert_eq!(e.id, saved.event.id);
    assert_eq!(e.start.to_rfc3339(), "2014-10-28T10:00:00+00:00");
    assert_eq!(e.council, "886");
    assert_eq!(e.council_name, "Kent");
    assert_eq!(e.region, "South East");
    assert_eq!(e.status, Status::Submitted);
    assert_eq!(e.sequence, 0);
    assert_eq!(e.details.postcode.as_deref(), Some("ME14 1XQ"));
    assert_eq!(e.details.themes, ["care-leavers", "achievement"]);
    assert!(e.in_week);
    assert_eq!(e.conference_day, None);
    assert!(e.uid.ends_with("@cpweek.local.gov.uk"));
}

#[test]
fn a_summer_event_in_2012_is_stored_in_utc_and_shown_in_bst() {
    let mut store = seeded();
    let form = EventForm {
        programme: "2012".into(),
        start: "2012-06-26T10:00".into(),
        end: "2012-06-26T12:00".into(),
        ..kent_form()
    };
    let e = store.add_event(&form, at(2012, 6, 1, 9)).unwrap().event;
    assert_eq!(e.start.to_rfc3339(), "2012-06-26T10:00:00+01:00");
    assert_eq!(e.start.with_timezone(&Utc), at(2012, 6, 26, 9));
    assert!(e.in_week);
}

#[test]
fn an_event_outside_the_week_is_saved_with_a_warning() {
    let mut store = seeded();
    let form = EventForm {
        start: "2014-10-24T10:00".into(),
        end: "2014-10-24T11:00".into(),
        ..kent_form()
    };
    let saved = store.add_event(&form, at(2014, 9, 2, 9)).unwrap();
    assert!(!saved.event.in_week);
    assert_eq!(saved.warnings.len(), 1);
    assert!(saved.warnings[0].contains("outside Corporate Parenting Week 2014"));
    // 24 October 2014 was summer time.
    assert_eq!(saved.event.start.to_rfc3339(), "2014-10-24T10:00:00+01:00");
}

#[test]
fn an_event_on_a_conference_day_says_which() {
    let mut store = seeded();
    let form = EventForm {
        start: "2014-10-30T10:00".into(),
        end: "2014-10-30T11:00".into(),
        ..kent_form()
    };
    let e = store.add_event(&form, at(2014, 9, 2, 9)).unwrap().event;
    assert_eq!(e.conference_day, Some(2));
}

#[test]
fn all_day_events_run_from_midnight_to_the_midnight_after_the_last_day() {
    let mut store = seeded();
    let form = EventForm {
        all_day: true,
        start: "2014-10-27".into(),
        end: "2014-10-28".into(),
        ..kent_form()
    };
    let e = store.add_event(&form, at(2014, 9, 2, 9)).unwrap().event;
    assert_eq!(e.start.to_rfc3339(), "2014-10-27T00:00:00+00:00");
    assert_eq!(e.end.to_rfc3339(), "2014-10-29T00:00:00+00:00");
    assert_eq!(
        (e.start_date.to_string(), e.end_date.to_string()),
        ("2014-10-27".into(), "2014-10-28".into())
    );
    assert_eq!(e.to_form().end, "2014-10-28");
}

#[test]
fn bad_input_names_every_field_and_writes_nothing() {
    let mut store = seeded();
    let form = EventForm {
        council: "Kentt".into(),
        title: "x".repeat(201),
        start: "2014-10-28T12:00".into(),
        end: "2014-10-28T10:00".into(),
        postcode: "XYZ".into(),
        contact_email: "events@kent".into(),
        booking_url: "kent events".into(),
        capacity: "-3".into(),
        themes: vec!["knitting".into()],
        ..kent_form()
    };
    let err = store.add_event(&form, at(2014, 9, 2, 9)).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
    let fields: Vec<&str> = err.field_errors().iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "council",
            "title",
            "end",
            "postcode",
            "contact_email",
            "booking_url",
            "capacity",
            "themes"
        ]
    );
    let end = &err.field_errors()[2].message;
    assert_eq!(end, "end 2014-10-28 10:00 is before start 2014-10-28 12:00");
    assert!(err.field_errors()[0]
        .message
        .contains("did you mean Kent (886)?"));
    assert_eq!(count(&store), 0);
}

#[test]
fn description_limit_is_ten_thousand_characters() {
    let mut store = seeded();
    let ok = EventForm {
        description: "é".repeat(10_000),
        ..kent_form()
    };
    store.add_event(&ok, at(2014, 9, 2, 9)).unwrap();
    let too_long = EventForm {
        description: "é".repeat(10_001),
        ..kent_form()
    };
    let err = store.add_event(&too_long, at(2014, 9, 2, 9)).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "description");
    assert_eq!(count(&store), 1);
}

#[test]
fn later_council_names_are_pointed_to_their_2014_council() {
    let mut store = seeded();
    for (name, hint) in [
        ("Cumberland", "Cumbria (909)"),
        ("Westmorland and Furness", "Cumbria (909)"),
        ("North Northamptonshire", "Northamptonshire (928)"),
        ("West Northamptonshire", "Northamptonshire (928)"),
        ("Bournemouth, Christchurch and Poole", "Bournemouth (837)"),
        ("Dorset Council", "Dorset (835)"),
    ] {
        let form = EventForm {
            council: name.into(),
            ..kent_form()
        };
        let err = store.add_event(&form, at(2014, 9, 2, 9)).unwrap_err();
        let message = &err.field_errors()[0].message;
        assert!(message.contains(hint), "{name}: {message}");
    }
    assert_eq!(count(&store), 0);
}

#[test]
fn sequence_rises_on_every_change_a_partner_would_see() {
    let mut store = officer();
    let id = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;

    // Saving the same values changes nothing.
    let same = store
        .edit_event(id, &kent_form(), at(2014, 9, 3, 9))
        .unwrap();
    assert!(!same.changed);
    assert_eq!(same.event.sequence, 0);
    assert_eq!(same.event.updated_at, at(2014, 9, 2, 9));

    let retitled = EventForm {
        title: "Kent celebrates care leavers".into(),
        ..kent_form()
    };
    let e = store
        .edit_event(id, &retitled, at(2014, 9, 4, 9))
        .unwrap()
        .event;
    assert_eq!(e.sequence, 1);
    assert_eq!(e.updated_at, at(2014, 9, 4, 9));

    let e = store
        .review_event(id, &Review::Approve, at(2014, 9, 5, 9))
        .unwrap()
        .event;
    assert_eq!((e.status, e.sequence), (Status::Approved, 2));

    let moved = EventForm {
        start: "2014-10-28T11:00".into(),
        ..retitled.clone()
    };
    let e = store
        .edit_event(id, &moved, at(2014, 9, 6, 9))
        .unwrap()
        .event;
    assert_eq!((e.status, e.sequence), (Status::Approved, 3));

    let e = store
        .review_event(
            id,
            &Review::Cancel {
                reason: "venue flooded".into(),
            },
            at(2014, 9, 7, 9),
        )
        .unwrap()
        .event;
    assert_eq!((e.status, e.sequence), (Status::Cancelled, 4));
    assert_eq!(e.status_note.as_deref(), Some("venue flooded"));
    let uid = e.uid.clone();

    // A cancelled event cannot change, and the failed attempt writes nothing.
    let err = store
        .edit_event(id, &kent_form(), at(2014, 9, 8, 9))
        .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Conflict);
    let e = store.event(id).unwrap();
    assert_eq!((e.sequence, e.uid), (4, uid));
}

#[test]
fn a_returned_event_is_resubmitted_by_its_edit() {
    let mut store = officer();
    let id = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    let e = store
        .review_event(
            id,
            &Review::Return {
                note: "Please add a booking link".into(),
            },
            at(2014, 9, 3, 9),
        )
        .unwrap()
        .event;
    assert_eq!(e.status, Status::Returned);
    let fixed = EventForm {
        booking_url: "https://www.kent.gov.uk/cpw".into(),
        ..kent_form()
    };
    let e = store
        .edit_event(id, &fixed, at(2014, 9, 4, 9))
        .unwrap()
        .event;
    assert_eq!((e.status, e.sequence), (Status::Submitted, 2));
}

#[test]
fn review_needs_a_note_or_reason_and_a_known_event() {
    let mut store = officer();
    let id = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    let err = store
        .review_event(id, &Review::Return { note: "  ".into() }, at(2014, 9, 3, 9))
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "note");
    let err = store
        .review_event(999, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::NotFound);
    assert_eq!(store.event(id).unwrap().status, Status::Submitted);
}

#[test]
fn filters_narrow_the_list() {
    let mut store = seeded();
    let now = at(2014, 9, 2, 9);
    store.add_event(&kent_form(), now).unwrap();
    store
        .add_event(
            &EventForm {
                council: "Bristol".into(),
                title: "Bristol foster carers' evening".into(),
                start: "2014-10-29T18:00".into(),
                end: "2014-10-29T20:00".into(),
                themes: vec!["fostering".into()],
                private: true,
                ..Default::default()
            },
            now,
        )
        .unwrap();
    let list = |f: EventFilter| -> Vec<String> {
        store
            .events(&f)
            .unwrap()
            .into_iter()
            .map(|e| e.council_name)
            .collect()
    };
    assert_eq!(list(EventFilter::default()), ["Kent", "Bristol"]);
    assert_eq!(
        list(EventFilter {
            region: Some("south west".into()),
            ..Default::default()
        }),
        ["Bristol"]
    );
    assert_eq!(
        list(EventFilter {
            council: Some("886".into()),
            ..Default::default()
        }),
        ["Kent"]
    );
    assert_eq!(
        list(EventFilter {
            day: Some("2014-10-29".into()),
            ..Default::default()
        }),
        ["Bristol"]
    );
    assert_eq!(
        list(EventFilter {
            theme: Some("fostering".into()),
            ..Default::default()
        }),
        ["Bristol"]
    );
    assert_eq!(
        list(EventFilter {
            visibility: Some("private".into()),
            ..Default::default()
        }),
        ["Bristol"]
    );
    assert_eq!(
        list(EventFilter {
            search: Some("CARERS'".into()),
            ..Default::default()
        }),
        ["Bristol"]
    );
    assert_eq!(
        list(EventFilter {
            search: Some("100%".into()),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        list(EventFilter {
            programme: "2012".into(),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    let err = store
        .events(&EventFilter {
            status: Some("done".into()),
            day: Some("28/10".into()),
            ..Default::default()
        })
        .unwrap_err();
    let fields: Vec<_> = err.field_errors().iter().map(|e| e.field).collect();
    assert_eq!(fields, ["day", "status"]);
}

#[test]
fn a_file_store_survives_reopening_and_backs_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("cpweek.db");
    assert_eq!(
        Store::open(&path, Open::Existing, at(2014, 9, 1, 9))
            .err()
            .map(|e| e.code()),
        Some(crate::ErrorCode::NotInitialised)
    );
    let mut store = Store::open(&path, Open::CreateIfMissing, at(2014, 9, 1, 9)).unwrap();
    store.init().unwrap();
    store.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    drop(store);
    let mut store = Store::open(&path, Open::Existing, at(2014, 9, 3, 9)).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::MIGRATIONS.last().unwrap().0
    );
    assert_eq!(count(&store), 1);
    let backup = dir.path().join("backup.db");
    let chosen = |replace| crate::file::chosen_target(&backup, Kind::Database, &path, replace);
    store.back_up(&chosen(Replace::Refused).unwrap()).unwrap();
    let copy = Store::open(&backup, Open::Existing, at(2014, 9, 3, 9)).unwrap();
    assert_eq!(count(&copy), 1);
    drop(copy);
    assert_eq!(
        chosen(Replace::Refused).unwrap_err().code(),
        crate::ErrorCode::InvalidInput
    );
    // Replacing a back-up, when allowed, writes a whole new copy.
    store.add_event(&kent_form(), at(2014, 9, 3, 9)).unwrap();
    store.back_up(&chosen(Replace::Allowed).unwrap()).unwrap();
    let copy = Store::open(&backup, Open::Read, at(2014, 9, 3, 9)).unwrap();
    assert_eq!(count(&copy), 2);
}

#[test]
fn an_unseeded_database_says_to_run_init() {
    let store = Store::open_in_memory(at(2014, 9, 1, 9)).unwrap();
    let err = store.events(&EventFilter::default()).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::NotInitialised);
    assert!(err.to_string().contains("cpweek init"));
}

#[test]
fn settings_keep_my_council_as_its_code_and_my_role() {
    let mut store = seeded();
    assert_eq!(store.settings().unwrap(), Settings::default());
    let saved = store
        .save_settings(&SettingsForm {
            my_council: Some("kent".into()),
            role: Some(Role::LgaOfficer),
            name: None,
        })
        .unwrap();
    assert_eq!(saved.my_council.as_deref(), Some("886"));
    assert_eq!(saved.my_council_name.as_deref(), Some("Kent"));
    assert_eq!(saved.role, Role::LgaOfficer);
    assert_eq!(store.settings().unwrap(), saved);
    // A new event is led by my council unless another is chosen.
    assert_eq!(saved.new_event_form().council, "886");
    assert_eq!(Settings::default().new_event_form(), EventForm::default());

    let err = store
        .save_settings(&SettingsForm {
            my_council: Some("Kentt".into()),
            role: Some(Role::CouncilOrganiser),
            name: None,
        })
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "my_council");
    assert!(err.to_string().contains("did you mean Kent (886)"), "{err}");
    // Nothing half-written: the role did not change either.
    assert_eq!(store.settings().unwrap(), saved);

    let cleared = store
        .save_settings(&SettingsForm {
            my_council: Some(" ".into()),
            role: Some(Role::CouncilOrganiser),
            name: None,
        })
        .unwrap();
    assert_eq!(cleared, Settings::default());
}

#[test]
fn changes_after_a_back_up_reach_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cpweek.db");
    let mut store = Store::open(&path, Open::CreateIfMissing, at(2014, 9, 1, 9)).unwrap();
    store.init().unwrap();
    let id = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    let copy = crate::file::chosen_target(
        &dir.path().join("copy.db"),
        Kind::Database,
        &path,
        Replace::Refused,
    )
    .unwrap();
    store.back_up(&copy).unwrap();
    let mut form = kent_form();
    form.capacity = "40".into();
    store.edit_event(id, &form, at(2014, 9, 3, 9)).unwrap();
    let other = Store::open(&path, Open::Existing, at(2014, 9, 3, 9)).unwrap();
    assert_eq!(other.event(id).unwrap().details.capacity, Some(40));
}

#[test]
fn search_folds_case_beyond_ascii_and_takes_percent_literally() {
    let mut store = seeded();
    let now = at(2014, 9, 2, 9);
    for title in ["ÉCOLE des enfants", "Fully 100% booked", "Under_score club"] {
        store
            .add_event(
                &EventForm {
                    title: title.into(),
                    ..kent_form()
                },
                now,
            )
            .unwrap();
    }
    let titles = |search: &str| -> Vec<String> {
        store
            .events(&EventFilter {
                search: Some(search.into()),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|e| e.details.title)
            .collect()
    };
    // SQLite's lower() folds ASCII only; the core folds every letter.
    assert_eq!(titles("école"), ["ÉCOLE des enfants"]);
    assert_eq!(titles("0%"), ["Fully 100% booked"]);
    assert_eq!(titles("r_s"), ["Under_score club"]);
    assert_eq!(titles("  "), titles(""));
    assert_eq!(titles("").len(), 3);
}

#[test]
fn the_programme_summary_counts_the_stored_events() {
    let mut store = seeded();
    let now = at(2014, 9, 2, 9);
    let kent = store.add_event(&kent_form(), now).unwrap().event;
    let leeds = store
        .add_event(
            &EventForm {
                council: "Leeds".into(),
                start: "2014-11-04T10:00".into(),
                end: "2014-11-04T11:00".into(),
                ..kent_form()
            },
            now,
        )
        .unwrap()
        .event;
    store
        .review_event(
            kent.id,
            &Review::Cancel {
                reason: "Venue flooded".into(),
            },
            now,
        )
        .unwrap();
    let s = store.programme_summary("").unwrap();
    assert_eq!(s.programme, "2014");
    assert_eq!((s.events, s.cancelled), (1, 1));
    assert_eq!((s.councils_taking_part, s.councils), (1, 152));
    assert_eq!(s.by_region.len(), 9);
    let yorkshire = s
        .by_region
        .iter()
        .find(|r| r.name == "Yorkshire and The Humber")
        .unwrap();
    assert_eq!((yorkshire.events, yorkshire.councils_taking_part), (1, 1));
    assert!(
        s.by_day.iter().all(|d| d.events == 0),
        "Leeds is after the week"
    );
    let ids: Vec<i64> = s.needing_attention.iter().map(|a| a.id).collect();
    assert_eq!(ids, [kent.id, leeds.id]);
    assert_eq!(store.programme_summary("2012").unwrap().events, 0);
    let err = store.programme_summary("2013").unwrap_err();
    assert_eq!(err.field_errors()[0].field, "programme");
}

#[test]
fn the_app_opens_on_the_section_it_was_left_on() {
    let mut store = seeded();
    assert_eq!(store.settings().unwrap().last_screen, Screen::Week);
    store.remember_screen(Screen::Events).unwrap();
    assert_eq!(store.settings().unwrap().last_screen, Screen::Events);
    // Saving the settings form keeps it.
    store
        .save_settings(&SettingsForm {
            my_council: Some("Kent".into()),
            role: Some(Role::LgaOfficer),
            name: Some("Jo Bloggs".into()),
        })
        .unwrap();
    assert_eq!(store.settings().unwrap().last_screen, Screen::Events);
    store.remember_screen(Screen::Feeds).unwrap();
    assert_eq!(store.settings().unwrap().last_screen, Screen::Feeds);
    for screen in [
        Screen::Requests,
        Screen::Diaries,
        Screen::People,
        Screen::Programme,
        Screen::Review,
        Screen::Packs,
    ] {
        store.remember_screen(screen).unwrap();
        assert_eq!(store.settings().unwrap().last_screen, screen);
    }
    // A value this version does not know opens on the Week.
    store
        .conn
        .execute(
            "UPDATE settings SET value = 'toolkit' WHERE key = 'last_screen'",
            [],
        )
        .unwrap();
    assert_eq!(store.settings().unwrap().last_screen, Screen::Week);
}

#[test]
fn migration_7_keeps_the_settings_a_database_already_had() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut store = Store::open(&path, Open::CreateIfMissing, at(2014, 9, 1, 9)).unwrap();
    store.init().unwrap();
    // Put the database back as version 6 left it, with settings in it.
    store
        .conn
        .execute_batch(
            "DROP TABLE settings;
             CREATE TABLE settings (
                 key TEXT PRIMARY KEY CHECK (key IN ('my_council', 'role')),
                 value TEXT NOT NULL
             ) STRICT;
             INSERT INTO settings VALUES ('my_council', '886'), ('role', 'lga_officer');
             DELETE FROM schema_migrations WHERE version = 7;",
        )
        .unwrap();
    drop(store);

    let mut store = Store::open(&path, Open::Existing, at(2014, 9, 2, 9)).unwrap();
    let settings = store.settings().unwrap();
    assert_eq!(settings.my_council.as_deref(), Some("886"));
    assert_eq!(settings.role, Role::LgaOfficer);
    store.remember_screen(Screen::Dashboard).unwrap();
    assert_eq!(store.settings().unwrap().last_screen, Screen::Dashboard);
}
