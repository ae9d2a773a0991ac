//! A release's PDF is typeset when the release is made and used, byte for
//! byte, by the export and the site while it was made from the same input;
//! made again otherwise; only the latest release's is kept.

use crate::event::{EventForm, Review};
use crate::publish::programme::{Edition, ProgrammeFormat};
use crate::publish::BaseUrl;
use crate::store::tests::{at, officer};
use crate::Store;

fn add(s: &mut Store, title: &str) {
    let form = EventForm {
        council: "886".into(),
        title: title.into(),
        start: "2014-10-28T10:00".into(),
        end: "2014-10-28T12:00".into(),
        venue: format!("{title} venue"),
        ..Default::default()
    };
    let id = s.add_event(&form, at(2014, 9, 2, 9)).unwrap().event.id;
    s.review_event(id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
}

fn kept(s: &Store) -> Vec<(i64, String, Vec<u8>)> {
    let mut stmt = s
        .conn
        .prepare("SELECT number, input, pdf FROM release_pdfs ORDER BY number")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn pdf(s: &Store, edition: Edition) -> Vec<u8> {
    s.programme_export("", edition, ProgrammeFormat::Pdf)
        .unwrap()
}

#[test]
fn making_a_release_typesets_its_pdf_once_and_keeps_only_the_latest() {
    let mut s = officer();
    add(&mut s, "Kent walk");
    s.make_release("", None, at(2014, 9, 10, 9)).unwrap();
    let first = kept(&s);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].0, 1);
    // Exactly the PDF the release's export would typeset.
    let published = s.published_programme("", Edition::Release(1)).unwrap();
    let typeset = crate::publish::programme::export(&published, ProgrammeFormat::Pdf).unwrap();
    assert_eq!(first[0].2, typeset);
    assert_eq!(
        first[0].1,
        crate::document::pdf_input_digest(&crate::document::programme(&published))
    );

    add(&mut s, "Kent picnic");
    s.make_release("", None, at(2014, 9, 11, 9)).unwrap();
    let second = kept(&s);
    assert_eq!(second.len(), 1, "only the latest release's PDF is kept");
    assert_eq!(second[0].0, 2);
    // Release 1's PDF is typeset again when asked for, the same as before.
    assert_eq!(pdf(&s, Edition::Release(1)), typeset);
}

#[test]
fn the_kept_pdf_is_used_while_its_input_matches_and_typeset_again_otherwise() {
    let mut s = officer();
    add(&mut s, "Kent walk");
    s.make_release("", None, at(2014, 9, 10, 9)).unwrap();
    let made = pdf(&s, Edition::Release(1));
    assert!(made.starts_with(b"%PDF"));
    // What is kept is what the export gives: a stand-in with the same
    // input shows it is taken from the store, not typeset.
    s.conn
        .execute(
            "UPDATE release_pdfs SET pdf = CAST('%PDF-kept' AS BLOB)",
            [],
        )
        .unwrap();
    assert_eq!(pdf(&s, Edition::Release(1)), b"%PDF-kept");
    let dir = tempfile::tempdir().unwrap();
    let (site, db) = (dir.path().join("site"), dir.path().join("cpweek.db"));
    let base = BaseUrl::parse("https://cpw.example.org.uk").unwrap();
    let published = s
        .publish_site(&site, "", Edition::Release(1), &base, &db)
        .unwrap();
    let path = published
        .written
        .iter()
        .find(|p| p.ends_with(".pdf"))
        .expect("a PDF");
    assert_eq!(std::fs::read(site.join(path)).unwrap(), b"%PDF-kept");
    // Published again: the folder's PDF, made from the same input, is kept.
    let again = s
        .publish_site(&site, "", Edition::Release(1), &base, &db)
        .unwrap();
    assert!(again.written.is_empty(), "{:?}", again.written);
    // The live programme never takes a release's PDF.
    assert!(pdf(&s, Edition::Live).starts_with(b"%PDF-1"));
    // Made from another input (another cpweek version or template): typeset
    // again, the same PDF as at first.
    s.conn
        .execute("UPDATE release_pdfs SET input = ?1", [&"0".repeat(64)])
        .unwrap();
    assert_eq!(pdf(&s, Edition::Release(1)), made);
}
