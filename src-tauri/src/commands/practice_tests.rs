//! Practice entries as the window reaches them: a step crosses IPC as the
//! window sends it; the form's errors come back as `{code, message,
//! fields}` naming each field; the page offers what the core's
//! `practice_actions` allows the person in Settings, and publishing needs
//! a full name.

use chrono::{TimeZone, Utc};
use cpweek_core::permission::{PracticeAction, Role};
use cpweek_core::practice::{ConsentKind, OutcomeForm, PracticeForm, PracticeStatus, PracticeStep};
use cpweek_core::store::{Open, SettingsForm};
use cpweek_core::{ErrorCode, Store};

use super::*;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap();
    let mut store = Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now).unwrap();
    store.init().unwrap();
    (dir, store)
}

fn as_(store: &mut Store, role: Role, council: Option<&str>, name: &str) {
    store
        .save_settings(&SettingsForm {
            role: Some(role),
            my_council: council.map(Into::into),
            name: Some(name.into()),
        })
        .unwrap();
}

fn form() -> PracticeForm {
    PracticeForm {
        council: "Kent".into(),
        partner_councils: vec!["Medway".into()],
        title: "Adoption together".into(),
        summary: "Two councils share one adoption team.".into(),
        outcomes: vec![OutcomeForm {
            measure: "Adoptions".into(),
            before: "20".into(),
            after: "42".into(),
            period: "2011 to 2013".into(),
        }],
        contact_name: "Sam Green".into(),
        contact_email: "sam.green@kent.gov.uk".into(),
        ..Default::default()
    }
}

#[test]
fn a_step_crosses_ipc_as_the_window_sends_it() {
    let publish: PracticeStep = serde_json::from_str(
        r#"{"step":"publish","consent":{"checked_by":"Jo Bloggs","kind":"on_record"}}"#,
    )
    .unwrap();
    match publish {
        PracticeStep::Publish { consent } => {
            assert_eq!(consent.checked_by, "Jo Bloggs");
            assert_eq!(consent.kind, Some(ConsentKind::OnRecord));
        }
        other => panic!("read as {other:?}"),
    }
    let back: PracticeStep =
        serde_json::from_str(r#"{"step":"return","note":"Add a figure"}"#).unwrap();
    assert_eq!(
        back,
        PracticeStep::Return {
            note: "Add a figure".into()
        }
    );
    assert!(serde_json::from_str::<PracticeStep>(r#"{"step":"delete"}"#).is_err());
}

#[test]
fn an_entry_goes_from_the_form_to_published_with_what_each_person_may_do() {
    let (_dir, mut store) = store();
    let now = Utc.with_ymd_and_hms(2014, 9, 2, 9, 0, 0).unwrap();
    as_(
        &mut store,
        Role::CouncilOrganiser,
        Some("Kent"),
        "Sam Green",
    );

    // A bad e-mail: the core names the field; nothing is saved.
    let mut bad = form();
    bad.contact_email = "sam at kent".into();
    let err = save(&mut store, None, &bad, now).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.fields.iter().any(|f| f.field == "contact_email"),
        "{:?}",
        err.fields
    );
    assert!(store
        .practice_entries(&Default::default())
        .unwrap()
        .is_empty());

    let id = save(&mut store, None, &form(), now).unwrap().id;
    let p = page(&store, store.practice_entry(id).unwrap()).unwrap();
    assert_eq!(p.entry.status, PracticeStatus::Draft);
    assert_eq!(
        p.actions,
        vec![PracticeAction::Edit, PracticeAction::Submit]
    );
    assert_eq!(p.history.len(), 1);
    let p = step_as_set(&mut store, id, &PracticeStep::Submit, now).unwrap();
    assert_eq!(p.entry.status, PracticeStatus::Submitted);
    assert!(!p.actions.contains(&PracticeAction::Submit));

    as_(&mut store, Role::LgaOfficer, None, "Lee Officer");
    let p = page(&store, store.practice_entry(id).unwrap()).unwrap();
    assert!(p.actions.contains(&PracticeAction::Approve));
    assert!(p.actions.contains(&PracticeAction::Return));
    assert!(!p.actions.contains(&PracticeAction::Publish));
    step_as_set(&mut store, id, &PracticeStep::Approve, now).unwrap();

    // No radio chosen: the window sends no kind, and the core refuses it by
    // the radios' field (nothing is assumed); the entry stays approved.
    let kindless: PracticeStep = serde_json::from_str(
        r#"{"step":"publish","consent":{"checked_by":"Jo Bloggs","kind":null}}"#,
    )
    .unwrap();
    let err = step_as_set(&mut store, id, &kindless, now).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field).collect();
    assert_eq!(fields, ["consent_kind"]);
    assert_eq!(
        store.practice_entry(id).unwrap().status,
        PracticeStatus::Approved
    );

    // A one-word name is refused, naming the field; the entry stays approved.
    let one_word = PracticeStep::Publish {
        consent: cpweek_core::practice::ConsentForm {
            checked_by: "Jo".into(),
            kind: Some(ConsentKind::IdentifiedNone),
        },
    };
    let err = step_as_set(&mut store, id, &one_word, now).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.fields[0].field, "consent_checked_by");
    assert_eq!(
        store.practice_entry(id).unwrap().status,
        PracticeStatus::Approved
    );

    let full = PracticeStep::Publish {
        consent: cpweek_core::practice::ConsentForm {
            checked_by: "Jo Bloggs".into(),
            kind: Some(ConsentKind::IdentifiedNone),
        },
    };
    let p = step_as_set(&mut store, id, &full, now).unwrap();
    assert_eq!(p.entry.status, PracticeStatus::Published);
    assert_eq!(p.entry.consent.as_ref().unwrap().checked_by, "Jo Bloggs");
    assert!(!p.actions.contains(&PracticeAction::Publish));
}

#[test]
fn an_organiser_of_another_council_is_refused() {
    let (_dir, mut store) = store();
    let now = Utc.with_ymd_and_hms(2014, 9, 2, 9, 0, 0).unwrap();
    as_(
        &mut store,
        Role::CouncilOrganiser,
        Some("Kent"),
        "Sam Green",
    );
    let id = save(&mut store, None, &form(), now).unwrap().id;
    as_(
        &mut store,
        Role::CouncilOrganiser,
        Some("Leeds"),
        "Ali Khan",
    );
    let p = page(&store, store.practice_entry(id).unwrap()).unwrap();
    assert!(p.actions.is_empty(), "{:?}", p.actions);
    let err = step_as_set(&mut store, id, &PracticeStep::Submit, now).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(
        store.practice_entry(id).unwrap().status,
        PracticeStatus::Draft
    );
}
