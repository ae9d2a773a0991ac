//! The good-practice toolkit through the real `cpweek` binary on a real
//! database file, read back by independent tools: poppler (`pdfinfo`,
//! `pdffonts`, `pdftotext`) for the PDF, Python's `python-docx` and
//! LibreOffice (headless, converting it to PDF, then `pdftotext`) for the
//! Word document. Nothing unpublished or without its consent check reaches
//! any format; a hostile title stays text; unchanged data gives the same
//! bytes; refusals say what is wrong and write nothing.

mod common;

use std::path::Path;
use std::process::Command;

use common::{assert_fonts_embedded, poppler, Db};
use serde_json::Value;

fn be(db: &Db, role: &str) {
    let name = if role == "lga-officer" {
        "Lee Officer"
    } else {
        "Kim Organiser"
    };
    db.ok(&[
        "settings",
        "set",
        "--role",
        role,
        "--name",
        name,
        "--council",
        "Kent",
    ]);
}

fn refused(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should fail");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

/// An entry by Kent with `title` and one outcome, taken to `to` (draft,
/// submitted, returned, approved or published); its id.
fn entry(db: &Db, title: &str, outcome: &str, to: &str) -> String {
    be(db, "council-organiser");
    let added = db.json(&[
        "practice",
        "add",
        "--council",
        "Kent",
        "--title",
        title,
        "--summary",
        &format!("Summary of {title}."),
        "--what",
        "The service worked as one team.\n\nFamilies were found earlier.",
        "--theme",
        "adoption",
        "--theme",
        "education",
        "--partner-council",
        "Medway",
        "--partner-org",
        "Coram",
        "--outcome",
        outcome,
        "--contact-name",
        "Jo Bloggs",
        "--contact-role",
        "Head of adoption",
        "--contact-email",
        "jo.bloggs@kent.gov.uk",
        "--json",
    ]);
    let id = added["id"].to_string();
    if to == "draft" {
        return id;
    }
    db.ok(&["practice", "submit", &id]);
    be(db, "lga-officer");
    match to {
        "submitted" => {}
        "returned" => {
            db.ok(&["practice", "return", &id, "--note", "More figures, please"]);
        }
        "approved" => {
            db.ok(&["practice", "approve", &id]);
        }
        "published" => {
            db.ok(&["practice", "approve", &id]);
            db.ok(&[
                "practice",
                "publish",
                &id,
                "--consent-checked-by",
                "Sam Checker",
                "--consent",
                "identified-none",
            ]);
        }
        other => panic!("no status {other}"),
    }
    id
}

const HOSTILE: &str = "<script>alert(1)</script> & \"Tri-borough\" {#title}";

/// A database with an entry at every status but published (marked), and
/// two published ones (one with a hostile title); gives the published
/// titles and their outcome figures.
fn toolkit_db() -> (Db, Vec<(&'static str, &'static str)>) {
    let db = Db::new();
    for status in ["draft", "submitted", "returned", "approved"] {
        entry(
            &db,
            &format!("MARKER-{status} case"),
            "Secret measure; 1; 2; 2013",
            status,
        );
    }
    entry(
        &db,
        "Kent and Coram adoption partnership",
        "Adoptions; 20; 42; 2012 to 2013",
        "published",
    );
    entry(
        &db,
        HOSTILE,
        "Weeks in care proceedings; 49 weeks; 27 weeks; 2011 to 2013",
        "published",
    );
    (
        db,
        vec![
            (
                "Kent and Coram adoption partnership",
                "Adoptions 20 42 2012 to 2013",
            ),
            (
                HOSTILE,
                "Weeks in care proceedings 49 weeks 27 weeks 2011 to 2013",
            ),
        ],
    )
}

fn export(db: &Db, format: &str, name: &str) -> std::path::PathBuf {
    let path = db.file(name);
    let out = db.run(&[
        "toolkit",
        "export",
        "--format",
        format,
        "-o",
        path.to_str().unwrap(),
        "--force",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.starts_with("Wrote the toolkit (2 case studies) to "),
        "{said}"
    );
    path
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_nothing_unpublished(text: &str, what: &str) {
    for status in ["draft", "submitted", "returned", "approved"] {
        assert!(
            !text.contains(&format!("MARKER-{status}")),
            "a {status} entry in the {what}"
        );
    }
    assert!(
        !text.contains("Secret measure"),
        "an unpublished outcome in the {what}"
    );
    assert!(
        !text.contains("Sam Checker"),
        "the consent checker's name in the {what}"
    );
    assert!(
        !text.contains("More figures"),
        "the LGA's note in the {what}"
    );
}

fn python(script: &str, path: &Path) -> Value {
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(python)
        .arg(common::repo().join("tests/toolkit_check").join(script))
        .arg(path)
        .output()
        .expect("python3 is needed: run `scripts/setup test`");
    assert!(
        out.status.success(),
        "{script} failed: {}\n(if a package is missing: pip install -r tests/toolkit_check/requirements.txt)",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_pdf_is_tagged_with_embedded_fonts_and_holds_published_entries_only() {
    let (db, published) = toolkit_db();
    let pdf = export(&db, "pdf", "toolkit.pdf");
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|p| p.trim().parse().unwrap())
        .unwrap();
    assert!(
        pages >= 3,
        "a cover, the contents and the entries: {pages} pages"
    );
    assert_fonts_embedded(&pdf);
    let text = flat(&poppler("pdftotext", &[], &pdf));
    for (title, outcome) in &published {
        assert!(text.contains(title), "{title} in the PDF");
        assert!(text.contains(outcome), "{outcome} in the PDF: {text}");
    }
    for words in [
        "Corporate Parenting Week 2014",
        "Local Government Association",
        "Index by region",
        "Index by council",
        "South East",
        "Medway",
        "Coram",
        "Jo Bloggs",
    ] {
        assert!(text.contains(words), "{words} in the PDF");
    }
    assert_nothing_unpublished(&text, "PDF");
}

#[test]
fn the_word_document_has_heading_styles_tables_en_gb_and_opens_in_libreoffice() {
    let (db, published) = toolkit_db();
    let path = export(&db, "docx", "toolkit.docx");
    let read = python("read_docx.py", &path);
    assert_eq!(read["language"], "en-GB");
    assert_eq!(read["core_language"], "en-GB");
    let paragraphs = read["paragraphs"].as_array().unwrap();
    let styled = |style: &str| -> Vec<&str> {
        paragraphs
            .iter()
            .filter(|p| p["style"] == style)
            .map(|p| p["text"].as_str().unwrap())
            .collect()
    };
    assert!(
        styled("Heading 1").contains(&"Adoption"),
        "{:?}",
        styled("Heading 1")
    );
    assert!(styled("Heading 1").contains(&"Index by council"));
    for (title, _) in &published {
        assert!(
            styled("Heading 2").contains(title),
            "{title} as a Heading 2, kept as text"
        );
    }
    assert!(styled("Heading 3").contains(&"Outcomes"));
    let all: String = paragraphs
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let tables = read["tables"].as_array().unwrap();
    let cells = serde_json::to_string(tables).unwrap();
    assert!(
        tables
            .iter()
            .any(|t| t[0] == serde_json::json!(["Measure", "Before", "After", "Period"])),
        "{cells}"
    );
    assert!(
        tables
            .iter()
            .any(|t| t[1] == serde_json::json!(["Adoptions", "20", "42", "2012 to 2013"])),
        "{cells}"
    );
    assert_nothing_unpublished(&format!("{all}\n{cells}"), "Word document");

    // LibreOffice exits 0 even when it fails: the PDF it writes is checked.
    let out_dir = db.file("converted");
    let status = Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&path)
        .env("HOME", db.dir.path())
        .output()
        .expect("LibreOffice is needed: run `scripts/setup test` (libreoffice-writer-nogui)");
    let converted = out_dir.join("toolkit.pdf");
    assert!(
        converted.is_file(),
        "LibreOffice wrote no PDF: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = flat(&poppler("pdftotext", &[], &converted));
    // pdftotext reads a table's narrow columns one after another, so each
    // figure is looked for on its own.
    for (title, _) in &published {
        assert!(text.contains(title), "{title} in LibreOffice's PDF: {text}");
    }
    for figure in [
        "Adoptions",
        "20",
        "42",
        "2012 to 2013",
        "49 weeks",
        "27 weeks",
        "2011 to 2013",
    ] {
        assert!(
            text.contains(figure),
            "{figure} in LibreOffice's PDF: {text}"
        );
    }
    assert_nothing_unpublished(&text, "converted Word document");
}

#[test]
fn the_html_keeps_a_hostile_title_as_text_and_holds_published_entries_only() {
    let (db, _) = toolkit_db();
    let html = std::fs::read_to_string(export(&db, "html", "toolkit.html")).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Tri-borough&quot;"),
        "escaped once"
    );
    assert!(!html.contains("<script"), "no script from a title");
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<table"));
    assert_nothing_unpublished(&html, "HTML");
}

#[test]
fn unchanged_data_gives_the_same_bytes_in_every_format() {
    let (db, _) = toolkit_db();
    for format in ["pdf", "docx", "html"] {
        let first = std::fs::read(export(&db, format, &format!("a.{format}"))).unwrap();
        let second = std::fs::read(export(&db, format, &format!("b.{format}"))).unwrap();
        assert!(
            first == second,
            "{format}: the same entries gave different bytes"
        );
    }
}

#[test]
fn exports_are_refused_when_there_is_nothing_to_publish_or_the_file_exists() {
    let db = Db::new();
    entry(
        &db,
        "MARKER-approved only",
        "Adoptions; 1; 2; 2013",
        "approved",
    );
    let out = db.file("t.pdf");
    let o = out.to_str().unwrap();
    let err = refused(&db, &["toolkit", "export", "--format", "pdf", "-o", o]);
    assert!(err.contains("no published practice entry yet"), "{err}");
    assert!(!out.exists(), "nothing written");
    let err = refused(
        &db,
        &[
            "toolkit",
            "export",
            "--format",
            "pdf",
            "-o",
            o,
            "--programme",
            "1999",
        ],
    );
    assert!(err.contains("programme"), "{err}");
    let err = refused(&db, &["toolkit", "export", "--format", "odt", "-o", o]);
    assert!(err.contains("give pdf, docx or html"), "{err}");

    entry(&db, "Published one", "Adoptions; 1; 2; 2013", "published");
    std::fs::write(&out, b"keep me").unwrap();
    let err = refused(&db, &["toolkit", "export", "--format", "pdf", "-o", o]);
    assert!(err.contains("already exists; add --force"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
}

#[test]
fn the_introduction_is_an_lga_officers_and_goes_into_the_toolkit() {
    let (db, _) = toolkit_db();
    let md = db.file("intro.md");
    std::fs::write(
        &md,
        "# A word from the LGA\n\nCouncils did **remarkable** things.\n\n- first\n- second\n",
    )
    .unwrap();
    let m = md.to_str().unwrap();
    be(&db, "council-organiser");
    let err = refused(&db, &["toolkit", "intro", "--file", m]);
    assert!(err.contains("only an LGA officer"), "{err}");

    be(&db, "lga-officer");
    let bad = db.file("bad.md");
    std::fs::write(&bad, "Fine.\n\nSee [our site](https://example.org).\n").unwrap();
    let err = refused(&db, &["toolkit", "intro", "--file", bad.to_str().unwrap()]);
    assert!(
        err.starts_with("error: line 3: links are not part of the toolkit's text"),
        "{err}"
    );

    db.ok(&["toolkit", "intro", "--file", m]);
    let html = std::fs::read_to_string(export(&db, "html", "t.html")).unwrap();
    assert!(html.contains("A word from the LGA"));
    assert!(
        html.contains("Councils did remarkable things."),
        "emphasis markers taken off"
    );
    let read = python("read_docx.py", &export(&db, "docx", "t.docx"));
    let paragraphs = read["paragraphs"].as_array().unwrap();
    assert!(paragraphs
        .iter()
        .any(|p| p["style"] == "Heading 2" && p["text"] == "A word from the LGA"));
}
