//! The toolkit as the window shows it: the published entries only, the
//! others counted by status and never shown; no document (and no file
//! name to save) while nothing is published; saving reports its steps and
//! writes what the export gives; the introduction typed in a window,
//! refused by line under its own field name, an LGA officer's only.

use super::tests::{at, seeded};
use super::toolkit_tests::{entry_at, settings_as};
use super::*;
use crate::error::ErrorCode;
use crate::file::{self, Kind, Replace};
use crate::publish::toolkit::ToolkitFormat;

#[test]
fn the_preview_holds_the_published_entries_and_counts_the_others_unseen() {
    let mut store = seeded();
    for status in ["draft", "submitted", "submitted", "returned", "approved"] {
        entry_at(&mut store, &format!("Marker {status} entry"), status);
    }
    entry_at(&mut store, "Kent's published adoption work", "published");
    let shown = store.toolkit_preview("").unwrap();
    assert_eq!(shown.programme, "2014");
    assert_eq!((shown.entries, shown.councils), (1, 1));
    assert_eq!(
        shown.not_yet,
        ToolkitNotYet {
            draft: 1,
            submitted: 2,
            returned: 1,
            approved: 1
        }
    );
    assert_eq!(shown.empty, None);
    let preview = shown.preview.as_ref().expect("a document");
    assert_eq!(
        preview.document.title,
        "Corporate Parenting Week 2014: good practice toolkit"
    );
    assert!(preview.document.contents);
    let json = serde_json::to_string(&shown).unwrap();
    assert!(json.contains("Kent's published adoption work"), "{json}");
    assert!(!json.contains("Marker"), "{json}");
    // The consent checker's name is the LGA's, not the public's.
    assert!(!json.contains("Lee Officer"), "{json}");
}

#[test]
fn with_nothing_published_there_is_no_document_and_no_file_to_save() {
    let mut store = seeded();
    entry_at(&mut store, "Still a draft", "draft");
    let shown = store.toolkit_preview("").unwrap();
    assert_eq!(shown.entries, 0);
    assert_eq!(shown.not_yet.draft, 1);
    assert!(shown.preview.is_none());
    let empty = shown.empty.expect("why there is none");
    assert!(empty.starts_with("No entries are published yet"), "{empty}");

    let e = store.toolkit_file_name("", ToolkitFormat::Pdf).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("no published practice entry"), "{e}");
    let e = store.toolkit_preview("1999").unwrap_err();
    assert_eq!(e.field_errors()[0].field, "programme", "{e}");
}

#[test]
fn saving_names_the_file_reports_each_step_and_writes_the_export() {
    let mut store = seeded();
    entry_at(&mut store, "Kent's published adoption work", "published");
    assert_eq!(
        store.toolkit_file_name("", ToolkitFormat::Docx).unwrap(),
        "cpweek-2014-toolkit.docx"
    );
    assert_eq!(
        store.toolkit_file_name("2014", ToolkitFormat::Pdf).unwrap(),
        "cpweek-2014-toolkit.pdf"
    );
    let dir = tempfile::tempdir().unwrap();
    let target = file::chosen_target(
        &dir.path().join("toolkit"),
        Kind::Docx,
        &dir.path().join("cpweek.db"),
        Replace::Allowed,
    )
    .unwrap();
    let mut steps = Vec::new();
    let entries = store
        .save_toolkit_export_reporting("", ToolkitFormat::Docx, &target, &mut |s| steps.push(s))
        .unwrap();
    assert_eq!(entries, 1);
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
        std::fs::read(dir.path().join("toolkit.docx")).unwrap(),
        store.toolkit_export("", ToolkitFormat::Docx).unwrap()
    );
}

#[test]
fn the_introduction_typed_in_a_window_is_refused_by_line_and_only_an_officer_may_give_it() {
    let mut store = seeded();
    entry_at(&mut store, "Kent's published adoption work", "published");
    settings_as(&mut store, Role::CouncilOrganiser, "886");
    let shown = store.toolkit_preview("").unwrap();
    let refusal = shown.introduction.refusal.expect("an organiser may not");
    assert!(refusal.contains("only an LGA officer"), "{refusal}");
    assert_eq!(shown.introduction.markdown, None);
    let e = store
        .set_toolkit_intro_typed("", "Welcome.", at(2014, 9, 2, 9))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);

    settings_as(&mut store, Role::LgaOfficer, "886");
    assert_eq!(
        store.toolkit_preview("").unwrap().introduction.refusal,
        None
    );
    let e = store
        .set_toolkit_intro_typed("", "Welcome.\n\n| a | b |\n", at(2014, 9, 2, 9))
        .unwrap_err();
    let fields = e.field_errors();
    assert_eq!(fields[0].field, "introduction", "{e}");
    assert!(fields[0].message.starts_with("line 3:"), "{e}");
    assert_eq!(store.toolkit_intro("").unwrap(), None, "nothing stored");

    let shown = store
        .set_toolkit_intro_typed(
            "",
            "# A word from the LGA\n\nWelcome to the toolkit.\n",
            at(2014, 9, 2, 9),
        )
        .unwrap();
    let intro = shown.introduction;
    assert_eq!(
        intro.markdown.as_deref(),
        Some("# A word from the LGA\n\nWelcome to the toolkit.\n")
    );
    // 9am UTC is 10am in London in September.
    assert_eq!(
        intro.given.as_deref(),
        Some("Given by Lee Officer on Tuesday 2 September 2014, 10am")
    );
    let json = serde_json::to_string(&shown.preview).unwrap();
    assert!(json.contains("A word from the LGA"), "{json}");
}
