//! The toolkit's commands over a real database file: saving goes through
//! the core's check of a chosen file (its extension added, never the live
//! database), writes what the core's export gives (published entries
//! only) and reports each step; an empty toolkit and a refused
//! introduction cross IPC as `{code, message, fields}`.

use chrono::{DateTime, TimeZone, Utc};
use cpweek_core::permission::Role;
use cpweek_core::practice::{PracticeForm, PracticeStep};
use cpweek_core::store::{Open, SettingsForm};
use cpweek_core::ErrorCode;

use super::*;
use crate::error::IpcError;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap()
}

fn be(store: &mut Store, role: Role) {
    store
        .save_settings(&SettingsForm {
            role: Some(role),
            my_council: Some("Kent".into()),
            name: Some("Lee Officer".into()),
        })
        .unwrap();
}

/// Adds Kent's entry `title` and, when `publish`, takes it through the
/// LGA's review and consent check into the toolkit.
fn entry(store: &mut Store, title: &str, publish: bool) {
    be(store, Role::CouncilOrganiser);
    let form = PracticeForm {
        council: "Kent".into(),
        title: title.into(),
        summary: format!("{title}: what Kent did."),
        ..Default::default()
    };
    let id = store.add_practice(&form, now()).unwrap().id;
    if !publish {
        return;
    }
    store
        .practice_step(id, &PracticeStep::Submit, now())
        .unwrap();
    be(store, Role::LgaOfficer);
    store
        .practice_step(id, &PracticeStep::Approve, now())
        .unwrap();
    // As the window sends it.
    let step: PracticeStep = serde_json::from_str(
        r#"{"step":"publish","consent":{"checked_by":"Jo Bloggs","kind":"identified_none"}}"#,
    )
    .unwrap();
    store.practice_step(id, &step, now()).unwrap();
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now()).unwrap();
    store.init().unwrap();
    (dir, store)
}

#[test]
fn saving_writes_the_chosen_file_whole_with_its_extension_and_each_step_reported() {
    let (dir, mut store) = store();
    entry(&mut store, "Kent's adoption work", true);
    entry(&mut store, "Kent's unfinished draft", false);
    // The dialog has asked about replacing a file that is there.
    std::fs::write(dir.path().join("for the LGA.docx"), "old").unwrap();
    let mut steps = Vec::new();
    let saved = write(
        &store,
        "",
        ToolkitFormat::Docx,
        &dir.path().join("for the LGA"),
        &mut |s| steps.push(s),
    )
    .unwrap();
    assert_eq!(
        saved.file,
        dir.path().join("for the LGA.docx").display().to_string()
    );
    assert_eq!((saved.format, saved.entries), (ToolkitFormat::Docx, 1));
    assert_eq!(
        steps,
        [
            ToolkitStep::Gathering,
            ToolkitStep::Setting {
                format: ToolkitFormat::Docx,
                entries: 1
            },
            ToolkitStep::Saving
        ]
    );
    assert_eq!(
        std::fs::read(&saved.file).unwrap(),
        store.toolkit_export("", ToolkitFormat::Docx).unwrap()
    );

    let saved = write(
        &store,
        "",
        ToolkitFormat::Html,
        &dir.path().join("toolkit.html"),
        &mut |_| {},
    )
    .unwrap();
    let html = std::fs::read_to_string(&saved.file).unwrap();
    assert!(html.contains("Kent&#39;s adoption work"), "{html}");
    assert!(
        !html.contains("unfinished draft"),
        "never an unpublished entry"
    );
    assert!(!html.contains("Jo Bloggs"), "never the consent checker");
}

#[test]
fn the_live_database_is_never_written_over() {
    let (dir, mut store) = store();
    entry(&mut store, "Kent's adoption work", true);
    let before = std::fs::read(dir.path().join("cpweek.db")).unwrap();
    let link = dir.path().join("toolkit.html");
    std::os::unix::fs::symlink(dir.path().join("cpweek.db"), &link).unwrap();
    let mut steps = Vec::new();
    let err = IpcError::from(
        write(&store, "", ToolkitFormat::Html, &link, &mut |s| {
            steps.push(s)
        })
        .unwrap_err(),
    );
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
    assert!(steps.is_empty(), "refused before anything was gathered");
    assert_eq!(std::fs::read(dir.path().join("cpweek.db")).unwrap(), before);
}

#[test]
fn an_empty_toolkit_and_a_refused_introduction_cross_ipc_with_their_reasons() {
    let (_dir, mut store) = store();
    entry(&mut store, "Kent's unfinished draft", false);
    let shown = serde_json::to_value(store.toolkit_preview("").unwrap()).unwrap();
    assert_eq!(shown["entries"], 0);
    assert_eq!(shown["preview"], serde_json::Value::Null);
    assert_eq!(shown["not_yet"]["draft"], 1);
    assert!(!shown.to_string().contains("unfinished draft"), "{shown}");
    // What `save_toolkit` asks before it opens a dialog.
    let err = IpcError::from(store.toolkit_file_name("", ToolkitFormat::Pdf).unwrap_err());
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("no published practice entry"),
        "{}",
        err.message
    );

    be(&mut store, Role::LgaOfficer);
    let err = IpcError::from(
        store
            .set_toolkit_intro_typed("", "Welcome.\n<b>bold</b>\n", now())
            .unwrap_err(),
    );
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let fields = serde_json::to_value(&err.fields).unwrap();
    assert_eq!(fields[0]["field"], "introduction", "{fields}");
    assert!(
        fields[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("line 2:"),
        "{fields}"
    );
}
