//! The programme as the window previews it (what it holds, what is left
//! out and why) and saves it, reporting each step.

use crate::document::Block;
use crate::event::{EventForm, Review};
use crate::file::{self, Replace};
use crate::publish::programme::{Edition, ProgrammeFormat};
use crate::store::tests::{at, officer};
use crate::store::{LeftOut, ProgrammeStep};
use crate::{ErrorCode, Store};

fn add(s: &mut Store, council: &str, title: &str, day: u32, private: bool) -> i64 {
    let form = EventForm {
        council: council.into(),
        title: title.into(),
        start: format!("2014-10-{day}T10:00"),
        end: format!("2014-10-{day}T12:00"),
        private,
        ..Default::default()
    };
    s.add_event(&form, at(2014, 9, 2, 9)).unwrap().event.id
}

fn review(s: &mut Store, id: i64, review: Review) {
    s.review_event(id, &review, at(2014, 9, 3, 9)).unwrap();
}

/// Approved public events from Kent (two) and Leeds; left out: two private
/// events (one approved, one waiting), one waiting for review, one
/// returned and one cancelled after approval.
fn week() -> Store {
    let mut s = officer();
    let approved = [
        add(&mut s, "886", "Kent open day", 29, false),
        add(&mut s, "886", "<script>alert('Kent')</script>", 30, false),
        add(&mut s, "383", "Leeds tea", 28, false),
    ];
    let private = add(&mut s, "886", "Kent children in care council", 30, true);
    add(&mut s, "886", "Kent private, waiting", 30, true);
    add(&mut s, "886", "Kent awaiting review", 28, false);
    let returned = add(&mut s, "383", "Leeds returned", 28, false);
    let cancelled = add(&mut s, "383", "Leeds called off", 29, false);
    for id in approved.into_iter().chain([private, cancelled]) {
        review(&mut s, id, Review::Approve);
    }
    let note = "Add a venue".to_string();
    review(&mut s, returned, Review::Return { note });
    let reason = "Flooded".to_string();
    review(&mut s, cancelled, Review::Cancel { reason });
    s
}

fn headings(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_preview_is_the_published_document_with_what_it_leaves_out_counted() {
    let s = week();
    let p = s.programme_preview("", Edition::Live).unwrap();
    assert_eq!(p.programme, "2014");
    assert_eq!(p.name, "Corporate Parenting Week 2014");
    assert_eq!((p.events, p.councils), (3, 2));
    assert_eq!(p.edition, Edition::Live);
    assert_eq!(
        p.left_out,
        Some(LeftOut {
            private: 2,
            waiting: 1,
            returned: 1,
            cancelled: 1,
        })
    );
    // The very document the HTML and the PDF are made from.
    let published = s.published_programme("", Edition::Live).unwrap();
    assert_eq!(
        p.preview,
        crate::document::programme(&published).preview(),
        "the window shows what the files hold"
    );
    let shown = headings(&p.preview.document.blocks);
    for title in [
        "Kent open day",
        "<script>alert('Kent')</script>",
        "Leeds tea",
    ] {
        assert!(shown.contains(&title), "{title} is in {shown:?}");
    }
    for never in [
        "Kent children in care council",
        "Kent private, waiting",
        "Kent awaiting review",
        "Leeds returned",
        "Leeds called off",
    ] {
        let text = format!("{:?}", p.preview);
        assert!(!text.contains(never), "{never} is left out");
    }
    assert!(p.preview.document.contents, "it opens with its contents");
}

#[test]
fn an_empty_programme_has_nothing_left_out_and_an_unknown_one_is_refused() {
    let s = officer();
    let p = s.programme_preview("", Edition::Live).unwrap();
    assert_eq!((p.events, p.councils), (0, 0));
    assert_eq!(p.left_out, Some(LeftOut::default()));
    let err = s.programme_preview("1999", Edition::Live).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("1999"), "{err}");
    let err = s
        .programme_file_name("1999", Edition::Live, ProgrammeFormat::Pdf)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[test]
fn saving_the_programme_reports_each_step_and_writes_what_the_export_gives() {
    let s = week();
    let dir = tempfile::tempdir().unwrap();
    for format in [
        ProgrammeFormat::Pdf,
        ProgrammeFormat::Html,
        ProgrammeFormat::Csv,
        ProgrammeFormat::Json,
    ] {
        let name = s.programme_file_name("", Edition::Live, format).unwrap();
        let ext = format.kind().extension();
        assert_eq!(name, format!("cpweek-2014-programme.{ext}"));
        let target = file::chosen_target(
            &dir.path().join(&name),
            format.kind(),
            &dir.path().join("cpweek.db"),
            Replace::Allowed,
        )
        .unwrap();
        let mut steps = Vec::new();
        let events = s
            .save_programme_export_reporting("", Edition::Live, format, &target, &mut |step| {
                steps.push(step)
            })
            .unwrap();
        assert_eq!(events, 3);
        assert_eq!(
            steps,
            [
                ProgrammeStep::Gathering,
                ProgrammeStep::Setting { format, events: 3 },
                ProgrammeStep::Saving
            ]
        );
        let written = std::fs::read(target.path()).unwrap();
        assert_eq!(
            written,
            s.programme_export("", Edition::Live, format).unwrap()
        );
    }
    // Nothing but the four files: no temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
}

#[test]
fn an_unknown_programme_is_refused_before_anything_is_written() {
    let s = week();
    let dir = tempfile::tempdir().unwrap();
    let target = file::chosen_target(
        &dir.path().join("programme.pdf"),
        ProgrammeFormat::Pdf.kind(),
        &dir.path().join("cpweek.db"),
        Replace::Allowed,
    )
    .unwrap();
    let mut steps = Vec::new();
    let err = s
        .save_programme_export_reporting(
            "1999",
            Edition::Live,
            ProgrammeFormat::Pdf,
            &target,
            &mut |step| steps.push(step),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(steps, [ProgrammeStep::Gathering]);
    assert!(!target.path().exists());
}
