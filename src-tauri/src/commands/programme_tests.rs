//! The programme's commands over a real database file: saving goes
//! through the core's check of a chosen file (its extension added, never
//! the live database), writes what the core's export gives and reports
//! each step; the preview is the core's.

use chrono::{DateTime, TimeZone, Utc};
use cpweek_core::event::{EventForm, Review};
use cpweek_core::permission::Role;
use cpweek_core::store::{Open, SettingsForm};
use cpweek_core::ErrorCode;

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap()
}

/// A seeded database file, as an LGA officer, with Kent's open day
/// approved and a private event approved too.
fn approved() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now()).unwrap();
    store.init().unwrap();
    store
        .save_settings(&SettingsForm {
            role: Some(Role::LgaOfficer),
            ..Default::default()
        })
        .unwrap();
    for (title, private) in [
        ("Kent open day", false),
        ("Kent children in care council", true),
    ] {
        let form = EventForm {
            council: "Kent".into(),
            title: title.into(),
            start: "2014-10-28T10:00".into(),
            end: "2014-10-28T12:00".into(),
            private,
            ..Default::default()
        };
        let id = store.add_event(&form, now()).unwrap().event.id;
        store.review_event(id, &Review::Approve, now()).unwrap();
    }
    (dir, store)
}

#[test]
fn saving_writes_the_chosen_file_whole_with_its_extension_and_each_step_reported() {
    let (dir, store) = approved();
    // The dialog has asked about replacing a file that is there.
    let chosen = dir.path().join("for the press");
    std::fs::write(dir.path().join("for the press.pdf"), "old").unwrap();
    let mut steps = Vec::new();
    let saved = write(
        &store,
        "",
        Edition::Live,
        ProgrammeFormat::Pdf,
        &chosen,
        &mut |s| steps.push(s),
    )
    .unwrap();
    assert_eq!(
        saved.file,
        dir.path().join("for the press.pdf").display().to_string()
    );
    assert_eq!((saved.format, saved.events), (ProgrammeFormat::Pdf, 1));
    assert_eq!(
        steps,
        [
            ProgrammeStep::Gathering,
            ProgrammeStep::Setting {
                format: ProgrammeFormat::Pdf,
                events: 1
            },
            ProgrammeStep::Saving
        ]
    );
    let pdf = std::fs::read(&saved.file).unwrap();
    assert_eq!(
        pdf,
        store
            .programme_export("", Edition::Live, ProgrammeFormat::Pdf)
            .unwrap()
    );

    let saved = write(
        &store,
        "",
        Edition::Live,
        ProgrammeFormat::Csv,
        &dir.path().join("programme.csv"),
        &mut |_| {},
    )
    .unwrap();
    let csv = std::fs::read_to_string(&saved.file).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte order mark for Excel");
    assert!(csv.contains("Kent open day"));
    assert!(!csv.contains("children in care"), "never the private event");
}

#[test]
fn the_live_database_is_never_written_over() {
    let (dir, store) = approved();
    let before = std::fs::read(dir.path().join("cpweek.db")).unwrap();
    // A file that is the database under another name.
    let link = dir.path().join("programme.html");
    std::os::unix::fs::symlink(dir.path().join("cpweek.db"), &link).unwrap();
    let mut steps = Vec::new();
    let err = crate::error::IpcError::from(
        write(
            &store,
            "",
            Edition::Live,
            ProgrammeFormat::Html,
            &link,
            &mut |s| steps.push(s),
        )
        .unwrap_err(),
    );
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
    assert!(steps.is_empty(), "refused before anything was gathered");
    assert_eq!(std::fs::read(dir.path().join("cpweek.db")).unwrap(), before);
}

#[test]
fn the_preview_is_the_cores_with_the_private_event_counted_not_shown() {
    let (_dir, store) = approved();
    let shown = store.programme_preview("", Edition::Live).unwrap();
    assert_eq!(shown.events, 1);
    assert_eq!(shown.left_out.map(|l| l.private), Some(1));
    let json = serde_json::to_string(&shown).unwrap();
    assert!(json.contains("Kent open day"));
    assert!(!json.contains("children in care"), "{json}");
}
