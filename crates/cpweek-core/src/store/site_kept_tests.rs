//! Publishing the site again keeps the programme's PDF when what it is made
//! from has not changed, and makes it again when that changed or when the
//! PDF in the folder is not the one its sidecar records.

use crate::event::{EventForm, Review};
use crate::pack::sha256_hex;
use crate::publish::programme::Edition;
use crate::publish::BaseUrl;
use crate::store::tests::{at, officer};
use crate::Store;
use std::path::Path;

fn add(s: &mut Store, title: &str) {
    let form = EventForm {
        council: "886".into(),
        title: title.into(),
        start: "2014-10-28T10:00".into(),
        end: "2014-10-28T12:00".into(),
        venue: format!("{title} venue"),
        themes: vec!["care-leavers".into()],
        ..Default::default()
    };
    let id = s.add_event(&form, at(2014, 9, 2, 9)).unwrap().event.id;
    s.review_event(id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
}

fn publish(s: &Store, site: &Path, db: &Path) -> super::SitePublished {
    let base = BaseUrl::parse("https://cpw.example.org.uk").unwrap();
    s.publish_site(site, "", Edition::Live, &base, db).unwrap()
}

#[test]
fn the_pdf_is_kept_while_its_input_is_unchanged_and_made_again_otherwise() {
    let mut s = officer();
    add(&mut s, "Kent walk");
    let dir = tempfile::tempdir().unwrap();
    let (site, db) = (dir.path().join("site"), dir.path().join("cpweek.db"));
    let first = publish(&s, &site, &db);
    let pdf_path = first
        .written
        .iter()
        .find(|p| p.ends_with(".pdf"))
        .expect("a PDF")
        .clone();
    let sidecar_path = format!("{pdf_path}.digest");
    assert!(first.written.contains(&sidecar_path), "{:?}", first.written);
    let pdf = std::fs::read(site.join(&pdf_path)).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let sidecar = std::fs::read_to_string(site.join(&sidecar_path)).unwrap();
    assert!(sidecar.ends_with(&format!("pdf {}\n", sha256_hex(&pdf))));

    // The PDF in the folder no longer what the sidecar records (edited or
    // damaged by hand): made again, the same bytes as before.
    std::fs::write(site.join(&pdf_path), b"%PDF-damaged").unwrap();
    let again = publish(&s, &site, &db);
    assert_eq!(again.written, vec![pdf_path.clone()]);
    assert_eq!(std::fs::read(site.join(&pdf_path)).unwrap(), pdf);

    // While the input is unchanged, the PDF the sidecar vouches for is
    // kept as it is, not typeset again (shown here with other bytes that
    // the sidecar records).
    let stand_in = b"%PDF-kept".to_vec();
    let input_line = sidecar.lines().nth(1).unwrap();
    std::fs::write(site.join(&pdf_path), &stand_in).unwrap();
    std::fs::write(
        site.join(&sidecar_path),
        format!(
            "cpweek programme PDF\n{input_line}\npdf {}\n",
            sha256_hex(&stand_in)
        ),
    )
    .unwrap();
    let kept = publish(&s, &site, &db);
    // Only the index changes, as it gives the PDF's size.
    assert_eq!(kept.written, vec!["index.html".to_string()]);
    assert_eq!(std::fs::read(site.join(&pdf_path)).unwrap(), stand_in);

    // A change to the programme: the PDF is made again, with the new event.
    add(&mut s, "Kent tea");
    let changed = publish(&s, &site, &db);
    assert!(changed.written.contains(&pdf_path), "{:?}", changed.written);
    assert!(changed.written.contains(&sidecar_path));
    let new_pdf = std::fs::read(site.join(&pdf_path)).unwrap();
    assert!(new_pdf.starts_with(b"%PDF") && new_pdf != pdf);
    let new_sidecar = std::fs::read_to_string(site.join(&sidecar_path)).unwrap();
    assert_ne!(new_sidecar.lines().nth(1).unwrap(), input_line);
}
