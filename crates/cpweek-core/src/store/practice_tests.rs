//! Practice entries through the store: each step one transaction, taken
//! by the role and council in the settings, with its history; refusals
//! change nothing.

use super::tests::{at, be, kent_form, seeded};
use super::*;
use crate::error::ErrorCode;
use crate::permission::PracticeAction;
use crate::practice::{
    outcome_from_text, ConsentForm, ConsentKind, PracticeFilter, PracticeForm, PracticeStatus,
    PracticeStep,
};

/// The settings: `role`, named, of council `council`.
fn as_person(store: &mut Store, role: Role, council: &str) {
    be(store, role);
    store
        .save_settings(&SettingsForm {
            my_council: Some(council.into()),
            ..Default::default()
        })
        .unwrap();
}

fn tri_borough() -> PracticeForm {
    PracticeForm {
        council: "Westminster".into(),
        partner_councils: vec![
            "Kensington and Chelsea".into(),
            "Hammersmith and Fulham".into(),
        ],
        title: "Tri-borough care proceedings".into(),
        themes: vec!["placement-stability".into()],
        summary: "Three London boroughs cut the time care cases take in the family courts.".into(),
        outcomes: vec![outcome_from_text(
            "Average length of care cases; 49 weeks; 27 weeks; 2011 to 2013",
        )
        .unwrap()],
        ..PracticeForm::default()
    }
}

fn kent_practice() -> PracticeForm {
    PracticeForm {
        council: "Kent".into(),
        partner_organisations: vec!["Coram".into()],
        title: "Kent and Coram's adoption partnership".into(),
        themes: vec!["adoption".into()],
        summary: "Adoptions rose by 110% within a year.".into(),
        contact_name: "Jo Bloggs".into(),
        contact_email: "jo.bloggs@kent.gov.uk".into(),
        ..PracticeForm::default()
    }
}

fn step(store: &mut Store, id: i64, step: PracticeStep) -> Result<crate::practice::PracticeEntry> {
    store.practice_step(id, &step, at(2014, 9, 3, 9))
}

fn publish(by: &str) -> PracticeStep {
    PracticeStep::Publish {
        consent: ConsentForm {
            checked_by: by.into(),
            kind: Some(ConsentKind::IdentifiedNone),
        },
    }
}

/// The entry and its history, to hold a refusal to changing nothing.
fn snapshot(store: &Store, id: i64) -> (crate::practice::PracticeEntry, usize) {
    (
        store.practice_entry(id).unwrap(),
        store.practice_history(id).unwrap().len(),
    )
}

#[test]
fn a_case_study_goes_from_its_council_through_review_and_consent_into_the_toolkit() {
    let mut store = seeded();
    as_person(&mut store, Role::CouncilOrganiser, "886");
    let entry = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap();
    assert_eq!(entry.status, PracticeStatus::Draft);
    assert!(entry.uid.ends_with("@cpweek.local.gov.uk"), "{}", entry.uid);
    assert_eq!(entry.council_name, "Kent");
    assert_eq!(entry.region, "South East");
    assert_eq!(entry.programme, "2014");
    assert_eq!(entry.consent, None);
    let id = entry.id;
    assert_eq!(
        store.practice_actions(&entry).unwrap(),
        [PracticeAction::Edit, PracticeAction::Submit]
    );

    let submitted = step(&mut store, id, PracticeStep::Submit).unwrap();
    assert_eq!(submitted.status, PracticeStatus::Submitted);
    assert_eq!(store.practice_actions(&submitted).unwrap(), []);

    as_person(&mut store, Role::LgaOfficer, "886");
    let approved = step(&mut store, id, PracticeStep::Approve).unwrap();
    assert_eq!(approved.status, PracticeStatus::Approved);
    assert_eq!(
        store.practice_actions(&approved).unwrap(),
        [
            PracticeAction::Edit,
            PracticeAction::Return,
            PracticeAction::Publish
        ]
    );

    // No consent check, no publishing; nothing is written.
    let before = snapshot(&store, id);
    for name in ["", "Lee"] {
        let e = step(&mut store, id, publish(name)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
        assert_eq!(e.field_errors()[0].field, "consent_checked_by", "{e}");
        assert_eq!(snapshot(&store, id), before);
    }
    // Which check was made is never assumed: a full name without it is
    // refused by the radios' field, and nothing is written.
    let kindless = PracticeStep::Publish {
        consent: ConsentForm {
            checked_by: "Lee Officer".into(),
            kind: None,
        },
    };
    let e = step(&mut store, id, kindless).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    let fields: Vec<&str> = e.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(fields, ["consent_kind"], "{e}");
    assert_eq!(snapshot(&store, id), before);

    let published = store
        .practice_step(
            id,
            &PracticeStep::Publish {
                consent: ConsentForm {
                    checked_by: "Lee Officer".into(),
                    kind: Some(ConsentKind::OnRecord),
                },
            },
            at(2014, 9, 4, 14),
        )
        .unwrap();
    assert_eq!(published.status, PracticeStatus::Published);
    let consent = published.consent.clone().unwrap();
    assert_eq!(consent.checked_by, "Lee Officer");
    assert_eq!(consent.kind, ConsentKind::OnRecord);
    assert_eq!(consent.at, at(2014, 9, 4, 14));
    assert_eq!(published.updated_at, at(2014, 9, 4, 14));
    assert_eq!(published.created_at, at(2014, 9, 2, 9));

    let history = store.practice_history(id).unwrap();
    let steps: Vec<(&str, Option<&str>, &str, &str)> = history
        .iter()
        .map(|h| {
            (
                h.action.as_str(),
                h.from_status.map(PracticeStatus::as_str),
                h.to_status.as_str(),
                h.who.as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("added", None, "draft", "Kim Organiser"),
            ("submitted", Some("draft"), "submitted", "Kim Organiser"),
            ("approved", Some("submitted"), "approved", "Lee Officer"),
            ("published", Some("approved"), "published", "Lee Officer"),
        ]
    );
    assert_eq!(
        history[3].note.as_deref(),
        Some("checked by Lee Officer: consent is on record")
    );
    assert_eq!(
        history[3].summary,
        "Published in the toolkit by Lee Officer (LGA officer)"
    );
    assert_eq!(history[3].when, "Thursday 4 September 2014, 3pm");
}

#[test]
fn a_returned_entry_is_a_draft_again_once_its_council_changes_it() {
    let mut store = seeded();
    as_person(&mut store, Role::CouncilOrganiser, "886");
    let id = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap()
        .id;
    step(&mut store, id, PracticeStep::Submit).unwrap();
    as_person(&mut store, Role::LgaOfficer, "886");
    let e = step(&mut store, id, PracticeStep::Return { note: " ".into() }).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "note");
    let note = "Say how many children were adopted before and after.";
    let returned = step(&mut store, id, PracticeStep::Return { note: note.into() }).unwrap();
    assert_eq!(returned.status, PracticeStatus::Returned);
    assert_eq!(returned.status_note.as_deref(), Some(note));

    as_person(&mut store, Role::CouncilOrganiser, "886");
    let mut form = returned.to_form();
    form.outcomes = vec![outcome_from_text("Children adopted; 20; 42; 2011 to 2013").unwrap()];
    let saved = store.edit_practice(id, &form, at(2014, 9, 5, 9)).unwrap();
    assert!(saved.changed);
    assert_eq!(saved.entry.status, PracticeStatus::Draft);
    assert_eq!(
        saved.entry.status_note.as_deref(),
        Some(note),
        "kept while the council works"
    );
    assert_eq!(saved.entry.details.outcomes.len(), 1);
    let again = step(&mut store, id, PracticeStep::Submit).unwrap();
    assert_eq!(again.status, PracticeStatus::Submitted);
    assert_eq!(again.status_note, None);
    let actions: Vec<&str> = store
        .practice_history(id)
        .unwrap()
        .iter()
        .map(|h| h.action.as_str())
        .collect();
    assert_eq!(
        actions,
        ["added", "submitted", "returned", "edited", "submitted"]
    );
    assert_eq!(
        store.practice_history(id).unwrap()[2].note.as_deref(),
        Some(note)
    );
}

#[test]
fn the_lga_corrects_without_moving_the_status_and_an_unchanged_edit_writes_nothing() {
    let mut store = seeded();
    as_person(&mut store, Role::CouncilOrganiser, "886");
    let id = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap()
        .id;
    let same = store
        .edit_practice(id, &kent_practice(), at(2014, 9, 2, 10))
        .unwrap();
    assert!(!same.changed);
    assert_eq!(same.entry.updated_at, at(2014, 9, 2, 9));
    step(&mut store, id, PracticeStep::Submit).unwrap();
    as_person(&mut store, Role::LgaOfficer, "352");
    let mut form = store.practice_entry(id).unwrap().to_form();
    form.title = "Kent and Coram: adoption in partnership".into();
    let corrected = store.edit_practice(id, &form, at(2014, 9, 3, 9)).unwrap();
    assert!(corrected.changed);
    assert_eq!(corrected.entry.status, PracticeStatus::Submitted);
    assert_eq!(corrected.entry.details.title, form.title);
    let last = store.practice_history(id).unwrap().pop().unwrap();
    assert_eq!(last.action.as_str(), "corrected");
    assert_eq!(
        last.summary,
        "Corrected by the LGA by Lee Officer (LGA officer)"
    );
}

#[test]
fn refused_actions_say_why_and_change_nothing() {
    let mut store = seeded();
    // An LGA officer does not write a council's case study.
    as_person(&mut store, Role::LgaOfficer, "886");
    let e = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    assert!(
        e.to_string()
            .starts_with("only a council organiser can add a practice entry;"),
        "{e}"
    );
    // Nor does another council's organiser.
    as_person(&mut store, Role::CouncilOrganiser, "887");
    let e = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    assert!(
        e.to_string()
            .contains("your council in the settings is 887"),
        "{e}"
    );
    let none = |s: &Store| {
        s.practice_entries(&PracticeFilter::default())
            .unwrap()
            .len()
    };
    assert_eq!(none(&store), 0);

    as_person(&mut store, Role::CouncilOrganiser, "886");
    let id = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap()
        .id;
    let before = snapshot(&store, id);
    let refusals: Vec<(Role, &str, PracticeStep, ErrorCode)> = vec![
        (
            Role::CouncilOrganiser,
            "886",
            PracticeStep::Approve,
            ErrorCode::Forbidden,
        ),
        (
            Role::CouncilOrganiser,
            "886",
            publish("Kim Organiser"),
            ErrorCode::Forbidden,
        ),
        (
            Role::CouncilOrganiser,
            "887",
            PracticeStep::Submit,
            ErrorCode::Forbidden,
        ),
        (
            Role::LgaOfficer,
            "886",
            PracticeStep::Submit,
            ErrorCode::Forbidden,
        ),
        (
            Role::LgaOfficer,
            "886",
            PracticeStep::Approve,
            ErrorCode::Conflict,
        ),
        (
            Role::LgaOfficer,
            "886",
            publish("Lee Officer"),
            ErrorCode::Conflict,
        ),
        (
            Role::LgaOfficer,
            "886",
            PracticeStep::Return {
                note: "More".into(),
            },
            ErrorCode::Conflict,
        ),
    ];
    for (role, council, s, code) in refusals {
        as_person(&mut store, role, council);
        let e = step(&mut store, id, s.clone()).unwrap_err();
        assert_eq!(e.code(), code, "{role:?} {s:?}: {e}");
        assert_eq!(snapshot(&store, id), before, "{role:?} {s:?}");
    }
    as_person(&mut store, Role::LgaOfficer, "886");
    let e = store
        .edit_practice(id, &tri_borough(), at(2014, 9, 3, 9))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict);
    assert_eq!(
        e.to_string(),
        format!("practice entry {id}: the entry is a draft; the LGA can correct it once its council submits it")
    );
    // A council cannot hand its entry to councils it is not among.
    as_person(&mut store, Role::CouncilOrganiser, "886");
    let e = store
        .edit_practice(id, &tri_borough(), at(2014, 9, 3, 9))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    // Bad input names its fields and writes nothing.
    let mut bad = kent_practice();
    bad.title.clear();
    bad.contact_email = "nobody".into();
    let e = store
        .edit_practice(id, &bad, at(2014, 9, 3, 9))
        .unwrap_err();
    let named: Vec<&str> = e.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(named, ["title", "contact_email"]);
    assert_eq!(snapshot(&store, id), before);
    let e = store.practice_entry(9999).unwrap_err();
    assert_eq!(e.to_string(), "practice entry 9999 was not found");
}

#[test]
fn a_published_entry_always_has_its_consent_check_and_loses_it_when_returned() {
    let mut store = seeded();
    as_person(&mut store, Role::CouncilOrganiser, "886");
    let id = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap()
        .id;
    step(&mut store, id, PracticeStep::Submit).unwrap();
    as_person(&mut store, Role::LgaOfficer, "886");
    step(&mut store, id, PracticeStep::Approve).unwrap();
    // The database holds it too: no published row without a check.
    let raw = store.conn.execute(
        "UPDATE practice_entries SET status = 'published' WHERE id = ?1",
        [id],
    );
    assert!(raw.is_err(), "published without a consent check");
    step(&mut store, id, publish("Lee Officer")).unwrap();
    let returned = step(
        &mut store,
        id,
        PracticeStep::Return {
            note: "A child can be recognised in the photograph.".into(),
        },
    )
    .unwrap();
    assert_eq!(returned.status, PracticeStatus::Returned);
    assert_eq!(
        returned.consent, None,
        "the content may change; check it again"
    );
}

#[test]
fn lists_filter_by_council_as_lead_or_partner_region_theme_and_status() {
    let mut store = seeded();
    as_person(&mut store, Role::CouncilOrganiser, "886");
    let kent = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap();
    as_person(&mut store, Role::CouncilOrganiser, "Kensington and Chelsea");
    let tri = store
        .add_practice(&tri_borough(), at(2014, 9, 2, 9))
        .unwrap();
    assert_eq!(tri.partner_councils.len(), 2);
    assert_eq!(tri.partner_council_names[0], "Kensington and Chelsea");
    step(&mut store, tri.id, PracticeStep::Submit).unwrap();
    let ids = |store: &Store, f: PracticeFilter| -> Vec<i64> {
        store
            .practice_entries(&f)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(ids(&store, PracticeFilter::default()), [kent.id, tri.id]);
    let by = |council: &str| PracticeFilter {
        council: Some(council.into()),
        ..Default::default()
    };
    assert_eq!(ids(&store, by("Hammersmith and Fulham")), [tri.id]);
    assert_eq!(ids(&store, by("Kent")), [kent.id]);
    assert_eq!(ids(&store, by("Surrey")), Vec::<i64>::new());
    let region = PracticeFilter {
        region: Some("London".into()),
        ..Default::default()
    };
    assert_eq!(ids(&store, region), [tri.id]);
    let theme = PracticeFilter {
        theme: Some("Adoption".into()),
        ..Default::default()
    };
    assert_eq!(ids(&store, theme), [kent.id]);
    let status = PracticeFilter {
        status: Some("submitted".into()),
        ..Default::default()
    };
    assert_eq!(ids(&store, status), [tri.id]);
    let bad = PracticeFilter {
        programme: "1999".into(),
        council: Some("Atlantis".into()),
        status: Some("cancelled".into()),
        ..Default::default()
    };
    let e = store.practice_entries(&bad).unwrap_err();
    let named: Vec<&str> = e.field_errors().iter().map(|f| f.field).collect();
    assert_eq!(named, ["programme", "council", "status"]);
    assert!(
        e.field_errors()[2]
            .message
            .ends_with("choose from draft, submitted, returned, approved, published"),
        "{e}"
    );
}

#[test]
fn an_entry_links_only_events_its_councils_run() {
    let mut store = seeded();
    as_person(&mut store, Role::CouncilOrganiser, "886");
    let kent_event = store
        .add_event(&kent_form(), at(2014, 9, 1, 9))
        .unwrap()
        .event
        .id;
    let mut surrey = kent_form();
    surrey.council = "Surrey".into();
    let surrey_event = store
        .add_event(&surrey, at(2014, 9, 1, 9))
        .unwrap()
        .event
        .id;
    let mut form = kent_practice();
    form.events = vec![kent_event, surrey_event];
    let e = store.add_practice(&form, at(2014, 9, 2, 9)).unwrap_err();
    assert_eq!(e.field_errors().len(), 1, "{e}");
    assert_eq!(e.field_errors()[0].field, "events");
    assert!(e.to_string().contains("is run by Surrey"), "{e}");
    assert!(store.check_practice_form(&form).is_err());
    form.events = vec![kent_event];
    assert!(store.check_practice_form(&form).is_ok());
    let entry = store.add_practice(&form, at(2014, 9, 2, 9)).unwrap();
    assert_eq!(entry.details.events, [kent_event]);
}

#[test]
fn a_change_to_an_entry_moves_the_stamp_and_a_read_does_not() {
    let mut store = seeded();
    as_person(&mut store, Role::CouncilOrganiser, "886");
    let before = store.app_stamp().unwrap();
    let id = store
        .add_practice(&kent_practice(), at(2014, 9, 2, 9))
        .unwrap()
        .id;
    let added = store.app_stamp().unwrap();
    assert!(added.events > before.events);
    store.practice_entry(id).unwrap();
    store.practice_entries(&PracticeFilter::default()).unwrap();
    store.practice_history(id).unwrap();
    assert_eq!(store.app_stamp().unwrap(), added);
}
