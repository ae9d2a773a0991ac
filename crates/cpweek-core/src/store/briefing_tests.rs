//! Briefing notes from the store: only for an accepted or held
//! engagement, with the file name a save dialog suggests, and saved whole
//! with each step reported.

use super::tests::{at, be, kent_form, seeded};
use super::*;
use crate::attendance::{MoveNote, RequestAction, RequestForm, RequestStatus};
use crate::document::Block;
use crate::error::ErrorCode;
use crate::file::{self, Kind, Replace};

fn now() -> DateTime<Utc> {
    at(2014, 9, 1, 9)
}

fn act(store: &mut Store, role: Role, action: RequestAction) {
    be(store, role);
    store
        .move_request(1, action, &MoveNote::default(), now())
        .unwrap();
}

/// A seeded store with Kent's event (id 1) and Kent's request (id 1) for
/// the minister to speak there, drafted.
fn drafted() -> Store {
    let mut store = seeded();
    be(&mut store, Role::CouncilOrganiser);
    store.add_event(&kent_form(), now()).unwrap();
    store
        .add_request(
            &RequestForm {
                event: "1".into(),
                person: "1".into(),
                role: "speak".into(),
                contact_name: "Sam Contact".into(),
                contact_email: "sam.contact@kent.gov.uk".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    store
}

fn accepted() -> Store {
    let mut store = drafted();
    act(&mut store, Role::CouncilOrganiser, RequestAction::Submit);
    act(&mut store, Role::LgaOfficer, RequestAction::Forward);
    act(&mut store, Role::LgaOfficer, RequestAction::Accept);
    store
}

#[test]
fn only_an_accepted_or_held_engagement_has_a_briefing_note() {
    let with: Vec<_> = RequestStatus::ALL
        .into_iter()
        .filter(|s| s.has_briefing())
        .collect();
    assert_eq!(with, [RequestStatus::Accepted, RequestStatus::Held]);

    let mut store = drafted();
    let dir = tempfile::tempdir().unwrap();
    let target = file::chosen_target(
        &dir.path().join("note"),
        Kind::Pdf,
        &dir.path().join("cpweek.db"),
        Replace::Allowed,
    )
    .unwrap();
    for (role, action) in [
        (None, None),
        (Some(Role::CouncilOrganiser), Some(RequestAction::Submit)),
        (Some(Role::LgaOfficer), Some(RequestAction::Forward)),
    ] {
        if let (Some(role), Some(action)) = (role, action) {
            act(&mut store, role, action);
        }
        let status = store.request(1).unwrap().status;
        let err = store.briefing_document(1, now()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Conflict, "{status:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "a briefing note is written for an accepted engagement; request 1 is {}",
                status.as_str()
            )
        );
        let named = store.briefing_file_name(1, Format::Pdf).unwrap_err();
        assert_eq!(named.to_string(), err.to_string());
        let mut steps = Vec::new();
        store
            .save_briefing_reporting(1, Format::Pdf, &target, now(), &mut |s| steps.push(s))
            .unwrap_err();
        assert_eq!(steps, [DocumentStep::Gathering], "refused before setting");
        assert!(!target.path().exists(), "nothing written for {status:?}");
    }

    act(&mut store, Role::LgaOfficer, RequestAction::Accept);
    let doc = store.briefing_document(1, now()).unwrap();
    assert_eq!(doc.title, "Briefing: Kent celebrates its care leavers");
    assert!(doc.blocks.iter().any(|b| matches!(b,
        Block::Details(d) if d.iter().any(|d| d.label == "Contact officer" && d.value == "Sam Contact"))));
    assert_eq!(
        store.briefing_document(2, now()).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn saving_a_briefing_note_reports_each_step_and_writes_the_whole_file() {
    let store = accepted();
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Pdf, Format::Html] {
        let name = store.briefing_file_name(1, format).unwrap();
        let ext = format.kind().extension();
        assert_eq!(
            name,
            format!("briefing-1-kent-celebrates-its-care-leavers.{ext}")
        );
        let target = file::chosen_target(
            &dir.path().join(&name),
            format.kind(),
            &dir.path().join("cpweek.db"),
            Replace::Allowed,
        )
        .unwrap();
        let mut steps = Vec::new();
        store
            .save_briefing_reporting(1, format, &target, now(), &mut |s| steps.push(s))
            .unwrap();
        assert_eq!(
            steps,
            [
                DocumentStep::Gathering,
                DocumentStep::Setting { format },
                DocumentStep::Saving
            ]
        );
        let written = std::fs::read(target.path()).unwrap();
        assert_eq!(written, store.briefing(1, format, now()).unwrap());
        match format {
            Format::Pdf => assert!(written.starts_with(b"%PDF-")),
            Format::Html => assert!(written.starts_with(b"<!DOCTYPE html>")),
        }
    }
    // Nothing but the written files: no temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn the_suggested_file_name_keeps_to_plain_words_of_a_long_title() {
    let mut store = seeded();
    be(&mut store, Role::CouncilOrganiser);
    let title = "Kent's care leavers: \u{201c}our future\u{201d} awards / Question time, \
                 tea with the Children in Care Council and a tour of the new leaving-care hub";
    let mut form = kent_form();
    form.title = title.into();
    store.add_event(&form, now()).unwrap();
    store
        .add_request(
            &RequestForm {
                event: "1".into(),
                person: "1".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    act(&mut store, Role::CouncilOrganiser, RequestAction::Submit);
    act(&mut store, Role::LgaOfficer, RequestAction::Forward);
    act(&mut store, Role::LgaOfficer, RequestAction::Accept);
    let name = store.briefing_file_name(1, Format::Html).unwrap();
    assert_eq!(
        name,
        "briefing-1-kent-s-care-leavers-our-future-awards-question-time-tea-with.html"
    );
    let words = name
        .trim_start_matches("briefing-1-")
        .trim_end_matches(".html");
    assert!(words.len() <= 60, "{words}");
    assert!(name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'));
}
