//! The toolkit as a document, and the Word writer.

use std::io::Read;

use super::*;
use crate::practice::{Contact, Outcome};
use crate::programme::Term;
use crate::publish::programme::PublishedCouncil;
use crate::publish::toolkit::{PublishedPractice, PublishedToolkit};

/// The text of a DOCX's `word/document.xml` (its XML, to search).
pub(crate) fn docx_part(bytes: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut file = zip.by_name(part).unwrap();
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

pub(crate) fn docx_text(bytes: &[u8]) -> String {
    docx_part(bytes, "word/document.xml")
}

fn term(slug: &str, name: &str) -> Term {
    Term {
        slug: slug.into(),
        name: name.into(),
    }
}

fn practice(id: i64, title: &str, region: &str, themes: Vec<Term>) -> PublishedPractice {
    PublishedPractice {
        id,
        title: title.into(),
        council_code: format!("C{id}"),
        council_name: format!("Council {id}"),
        region: region.into(),
        partners: vec![],
        partner_organisations: vec![],
        themes,
        summary: "What it did.".into(),
        what_was_done: Some("First part.\n\nSecond part.".into()),
        outcomes: vec![Outcome {
            measure: "Adoptions".into(),
            before: "20".into(),
            after: "42".into(),
            period: "2012 to 2013".into(),
        }],
        source: Some("Minister's speech, 2013".into()),
        contact: Some(Contact {
            name: "Jo Bloggs".into(),
            role: Some("Head of adoption".into()),
            email: "jo@example.gov.uk".into(),
        }),
    }
}

fn sample() -> PublishedToolkit {
    let adoption = term("adoption", "Adoption");
    let education = term("education", "Education");
    let mut joint = practice(
        2,
        "Tri-borough <b>care</b> & \"courts\"",
        "London",
        vec![education.clone(), adoption.clone()],
    );
    joint.partners = vec![PublishedCouncil {
        code: "C9".into(),
        name: "Council 9".into(),
    }];
    joint.partner_organisations = vec!["Coram".into()];
    PublishedToolkit {
        programme_id: "2014".into(),
        programme_name: "Corporate Parenting Week 2014".into(),
        introduction: vec![],
        themes: vec![adoption.clone(), education],
        entries: vec![
            practice(1, "Kent adoption", "South East", vec![adoption]),
            joint,
            practice(3, "No theme yet", "North West", vec![]),
        ],
    }
}

fn headings(doc: &Document) -> Vec<(u8, String)> {
    doc.blocks
        .iter()
        .zip(doc.heading_levels())
        .filter_map(|(b, l)| match b {
            Block::Heading { text, .. } => Some((l.unwrap().number(), text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn an_entry_is_set_under_its_first_theme_and_listed_under_the_others() {
    let doc = toolkit(&sample());
    let h = headings(&doc);
    let at = |t: &str| {
        h.iter()
            .position(|(_, x)| x == t)
            .unwrap_or_else(|| panic!("{t} in {h:?}"))
    };
    assert!(at("Introduction") < at("Adoption"));
    assert!(at("Adoption") < at("Kent adoption"));
    assert!(at("Education") < at("Tri-borough <b>care</b> & \"courts\""));
    assert_eq!(
        h.iter()
            .filter(|(_, x)| x.starts_with("Tri-borough"))
            .count(),
        1
    );
    assert!(at("Also on adoption") > at("Kent adoption"));
    assert!(at("Other practice") < at("No theme yet"));
    assert!(at("Index by region") < at("Index by council"));
    let bullets: Vec<&String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Bullets(items) => Some(items),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        bullets
            .iter()
            .any(|b| b.starts_with("Tri-borough") && b.ends_with("see Education")),
        "{bullets:?}"
    );
    let tables: Vec<&Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(
        tables.len(),
        4,
        "an outcomes table each, and the council index"
    );
    let index = tables.last().unwrap();
    let names: Vec<&str> = index.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["Council 1", "Council 2", "Council 3", "Council 9"],
        "partners too"
    );
}

#[test]
fn the_word_document_has_heading_styles_tables_the_language_and_text_kept_as_text() {
    let bytes = docx(&toolkit(&sample())).unwrap();
    let body = docx_text(&bytes);
    for level in 1..=3 {
        assert!(
            body.contains(&format!("<w:pStyle w:val=\"Heading{level}\" />")),
            "Heading{level}"
        );
    }
    assert!(body.contains("<w:tbl>"), "tables as tables");
    assert!(
        body.contains("Tri-borough &lt;b&gt;care&lt;/b&gt; &amp;"),
        "hostile title escaped once"
    );
    assert!(!body.contains("<b>care"), "no markup from a title");
    let styles = docx_part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:lang w:val=\"en-GB\""), "{styles}");
    assert!(
        styles.contains("w:name w:val=\"heading 1\""),
        "built-in heading names"
    );
    assert!(docx_part(&bytes, "docProps/core.xml").contains("<dc:language>en-GB</dc:language>"));
}

#[test]
fn the_same_toolkit_gives_the_same_bytes_in_every_format() {
    let t = sample();
    let first = docx(&toolkit(&t)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let second = docx(&toolkit(&t)).unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    for name in zip.file_names() {
        if name.ends_with('/') {
            continue;
        }
        let (a, b) = (docx_part(&first, name), docx_part(&second, name));
        let at = a.chars().zip(b.chars()).position(|(x, y)| x != y);
        assert_eq!(
            at,
            None,
            "{name} differs: {}",
            &a[at.unwrap_or(0).saturating_sub(80)..][..200.min(a.len())]
        );
    }
    assert!(first == second, "DOCX bytes differ");
    assert_eq!(html(&toolkit(&t)), html(&toolkit(&t)), "HTML");
    let core = docx_part(&first, "docProps/core.xml");
    assert!(!core.contains("2026"), "no time of export: {core}");
}

#[test]
fn characters_xml_cannot_hold_are_left_out_of_the_word_document() {
    let mut t = sample();
    t.entries[0].summary = "Bell\u{7} and form feed\u{c} gone".into();
    let body = docx_text(&docx(&toolkit(&t)).unwrap());
    assert!(body.contains("Bell and form feed gone"), "{body}");
}
