//! The toolkit through the store: the introduction (an LGA officer's,
//! refused whole when a line is not one the model can express) and the
//! toolkit's documents, which hold published entries with their consent
//! check and nothing else.

use super::tests::{at, be, seeded};
use super::*;
use crate::error::ErrorCode;
use crate::practice::{outcome_from_text, ConsentForm, ConsentKind, PracticeForm, PracticeStep};
use crate::publish::toolkit::ToolkitFormat;

fn form(council: &str, title: &str) -> PracticeForm {
    PracticeForm {
        council: council.into(),
        title: title.into(),
        themes: vec!["adoption".into(), "education".into()],
        summary: format!("{title}: what the council did."),
        outcomes: vec![outcome_from_text("Adoptions; 20; 42; 2012 to 2013").unwrap()],
        ..PracticeForm::default()
    }
}

pub(super) fn settings_as(store: &mut Store, role: Role, council: &str) {
    be(store, role);
    store
        .save_settings(&SettingsForm {
            my_council: Some(council.into()),
            ..Default::default()
        })
        .unwrap();
}

/// Adds an entry as Kent's organiser and takes it as far as `to`:
/// "draft", "submitted", "returned", "approved" or "published".
pub(super) fn entry_at(store: &mut Store, title: &str, to: &str) -> i64 {
    settings_as(store, Role::CouncilOrganiser, "886");
    let id = store
        .add_practice(&form("Kent", title), at(2014, 9, 1, 9))
        .unwrap()
        .id;
    let now = at(2014, 9, 2, 9);
    if to == "draft" {
        return id;
    }
    store.practice_step(id, &PracticeStep::Submit, now).unwrap();
    settings_as(store, Role::LgaOfficer, "886");
    match to {
        "submitted" => {}
        "returned" => {
            store
                .practice_step(
                    id,
                    &PracticeStep::Return {
                        note: "More figures".into(),
                    },
                    now,
                )
                .unwrap();
        }
        "approved" | "published" => {
            store
                .practice_step(id, &PracticeStep::Approve, now)
                .unwrap();
            if to == "published" {
                let consent = ConsentForm {
                    checked_by: "Lee Officer".into(),
                    kind: Some(ConsentKind::IdentifiedNone),
                };
                store
                    .practice_step(id, &PracticeStep::Publish { consent }, now)
                    .unwrap();
            }
        }
        other => panic!("no status {other}"),
    }
    id
}

#[test]
fn only_published_entries_reach_the_toolkit_in_every_format() {
    let mut store = seeded();
    for status in ["draft", "submitted", "returned", "approved"] {
        entry_at(&mut store, &format!("Marker {status} entry"), status);
    }
    entry_at(&mut store, "Kent's published adoption work", "published");
    let published = store.published_toolkit("").unwrap();
    assert_eq!(published.entries.len(), 1);
    assert_eq!(published.entries[0].title, "Kent's published adoption work");
    for format in [ToolkitFormat::Html, ToolkitFormat::Docx] {
        let bytes = store.toolkit_export("", format).unwrap();
        let text = match format {
            ToolkitFormat::Docx => crate::document::toolkit_tests::docx_text(&bytes),
            _ => String::from_utf8(bytes).unwrap(),
        };
        assert!(text.contains("published adoption work"), "{format:?}");
        for status in ["draft", "submitted", "returned", "approved"] {
            assert!(
                !text.contains(&format!("Marker {status}")),
                "{status} in {format:?}"
            );
        }
        // The consent checker's name is not for the public.
        assert!(!text.contains("Lee Officer"), "{format:?}");
    }
}

#[test]
fn no_published_entry_and_an_unknown_programme_are_refused() {
    let mut store = seeded();
    entry_at(&mut store, "Still a draft", "draft");
    let e = store.toolkit_export("", ToolkitFormat::Pdf).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("no published practice entry"), "{e}");
    let e = store
        .toolkit_export("1999", ToolkitFormat::Html)
        .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "programme", "{e}");
}

#[test]
fn the_introduction_is_an_lga_officers_and_refused_whole_when_a_line_is_not_text() {
    let mut store = seeded();
    settings_as(&mut store, Role::CouncilOrganiser, "886");
    let e = store
        .set_toolkit_intro("", "Welcome.", at(2014, 9, 1, 9))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    assert_eq!(store.toolkit_intro("").unwrap(), None);

    settings_as(&mut store, Role::LgaOfficer, "886");
    let e = store
        .set_toolkit_intro("", "Welcome.\n\n<script>x</script>\n", at(2014, 9, 1, 9))
        .unwrap_err();
    assert!(e.to_string().contains("line 3"), "{e}");
    assert_eq!(store.toolkit_intro("").unwrap(), None);

    let blocks = store
        .set_toolkit_intro(
            "",
            "# A word from the LGA\n\nWelcome to **the** toolkit.\n",
            at(2014, 9, 1, 9),
        )
        .unwrap();
    assert_eq!(blocks, 2);
    store
        .set_toolkit_intro("2014", "Second thoughts.", at(2014, 9, 2, 9))
        .unwrap();
    let intro = store.toolkit_intro("2014").unwrap().unwrap();
    assert_eq!(intro.markdown, "Second thoughts.");
    assert_eq!(intro.updated_at, at(2014, 9, 2, 9));

    entry_at(&mut store, "Published", "published");
    let html = String::from_utf8(store.toolkit_export("", ToolkitFormat::Html).unwrap()).unwrap();
    assert!(
        html.contains("Second thoughts."),
        "the introduction is in the toolkit"
    );
}
