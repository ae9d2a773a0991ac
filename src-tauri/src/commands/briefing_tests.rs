//! The briefing commands over a real database file: the preview is the
//! core's document with its numbers and levels, refused for a request that
//! is not an accepted engagement; saving goes through the core's check of
//! a chosen file and reports each step.

use chrono::TimeZone;
use cpweek_core::attendance::{MoveNote, RequestAction, RequestForm};
use cpweek_core::document::Block;
use cpweek_core::event::EventForm;
use cpweek_core::permission::Role;
use cpweek_core::store::{Open, SettingsForm};
use cpweek_core::ErrorCode;

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap()
}

fn act(store: &mut Store, role: Role, id: i64, action: RequestAction) {
    store
        .save_settings(&SettingsForm {
            role: Some(role),
            name: Some("Jo Bloggs".into()),
            ..Default::default()
        })
        .unwrap();
    store
        .move_request(id, action, &MoveNote::default(), now())
        .unwrap();
}

/// A seeded database file with Kent's awards (Maidstone, 10am to midday)
/// and two requests for the minister to speak there, Sam Contact the
/// contact officer: request 1 accepted, request 2 (for another person)
/// only submitted.
fn one_accepted() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now()).unwrap();
    store.init().unwrap();
    store
        .save_settings(&SettingsForm {
            role: Some(Role::CouncilOrganiser),
            ..Default::default()
        })
        .unwrap();
    let event = EventForm {
        council: "Kent".into(),
        title: "Kent care leavers' awards".into(),
        start: "2014-10-28T10:00".into(),
        end: "2014-10-28T12:00".into(),
        venue: "Sessions House".into(),
        postcode: "ME14 1XQ".into(),
        ..Default::default()
    };
    let event = store.add_event(&event, now()).unwrap().event.id;
    for person in ["1", "4"] {
        let form = RequestForm {
            event: event.to_string(),
            person: person.into(),
            role: "speak".into(),
            contact_name: "Sam Contact".into(),
            contact_email: "sam.contact@kent.gov.uk".into(),
            ..Default::default()
        };
        let id = store.add_request(&form, now()).unwrap().id;
        act(
            &mut store,
            Role::CouncilOrganiser,
            id,
            RequestAction::Submit,
        );
    }
    act(&mut store, Role::LgaOfficer, 1, RequestAction::Forward);
    act(&mut store, Role::LgaOfficer, 1, RequestAction::Accept);
    (dir, store)
}

#[test]
fn the_preview_is_the_cores_briefing_note_for_an_accepted_engagement_only() {
    let (_dir, store) = one_accepted();
    let shown = preview(&store, 1, now()).unwrap();
    let doc = store.briefing_document(1, now()).unwrap();
    assert_eq!(shown.numbers, doc.numbers());
    assert_eq!(shown.heading_levels, doc.heading_levels());
    assert_eq!(shown.document.title, "Briefing: Kent care leavers' awards");
    let json = serde_json::to_string(&shown).unwrap();
    for said in [
        "Tuesday 28 October 2014",
        "10am to midday",
        "Sam Contact",
        "Purpose of report",
    ] {
        assert!(json.contains(said), "{said} in {json}");
    }
    assert!(shown.document.blocks.iter().any(
        |b| matches!(b, Block::Table(t) if t.caption == "Timings on Tuesday 28 October 2014")
    ));

    let err = crate::error::IpcError::from(preview(&store, 2, now()).unwrap_err());
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        err.message,
        "a briefing note is written for an accepted engagement; request 2 is submitted"
    );
    let err = crate::error::IpcError::from(preview(&store, 99, now()).unwrap_err());
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn saving_writes_the_chosen_file_whole_with_its_extension_and_each_step_reported() {
    let (dir, store) = one_accepted();
    // The dialog has asked about replacing a file that is there.
    let chosen = dir.path().join("for the minister");
    std::fs::write(dir.path().join("for the minister.pdf"), "old").unwrap();
    let mut steps = Vec::new();
    let saved = write(&store, 1, Format::Pdf, &chosen, now(), &mut |s| {
        steps.push(s)
    })
    .unwrap();
    assert_eq!(
        saved.file,
        dir.path()
            .join("for the minister.pdf")
            .display()
            .to_string()
    );
    assert_eq!(saved.format, Format::Pdf);
    assert_eq!(
        steps,
        [
            DocumentStep::Gathering,
            DocumentStep::Setting {
                format: Format::Pdf
            },
            DocumentStep::Saving
        ]
    );
    let pdf = std::fs::read(&saved.file).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    let saved = write(
        &store,
        1,
        Format::Html,
        &dir.path().join("note.html"),
        now(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(saved.format, Format::Html);
    let html = std::fs::read_to_string(&saved.file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h1>Briefing: Kent care leavers"), "{html}");
}

#[test]
fn saving_a_request_with_no_note_writes_nothing() {
    let (dir, store) = one_accepted();
    let mut steps = Vec::new();
    let chosen = dir.path().join("not yet");
    let err = crate::error::IpcError::from(
        write(&store, 2, Format::Pdf, &chosen, now(), &mut |s| {
            steps.push(s)
        })
        .unwrap_err(),
    );
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        steps,
        [DocumentStep::Gathering],
        "refused before it was set"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("cpweek.db"))
        .collect();
    assert!(names.is_empty(), "nothing written: {names:?}");
}
