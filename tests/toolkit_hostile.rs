//! Hostile data through practice entries and the toolkit, with the real
//! `cpweek` binary on a real database file: every text field refuses
//! hidden characters naming the field, or keeps markup and formulas as
//! text in the PDF (read back with poppler), the Word document (read back
//! with python-docx) and the HTML; nothing of a private event an entry
//! links reaches any output; the introduction's file refuses what it
//! cannot hold, naming the line, and says why it cannot read a file.

mod common;

use std::path::Path;
use std::process::Command;

use common::{poppler, Db};
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

fn entries(db: &Db) -> usize {
    db.json(&["practice", "list", "--json"])
        .as_array()
        .unwrap()
        .len()
}

/// A valid `practice add` with `flag` given `value` in place of its usual
/// value (or added when it has none).
fn add_with(flag: &str, value: &str) -> Vec<String> {
    let mut args: Vec<String> = [
        "practice",
        "add",
        "--council",
        "Kent",
        "--title",
        "A case",
        "--summary",
        "A summary.",
        "--contact-name",
        "Jo Bloggs",
        "--contact-email",
        "jo@kent.gov.uk",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    match args.iter().position(|a| a == flag) {
        Some(at) => args[at + 1] = value.to_string(),
        None => args.extend([flag.to_string(), value.to_string()]),
    }
    args
}

#[test]
fn hidden_characters_empty_and_huge_fields_are_refused_naming_the_field() {
    let db = Db::new();
    be(&db, "council-organiser");
    // (flag, what the error line names)
    let one_line = [
        ("--title", "title"),
        ("--partner-org", "partner organisation"),
        ("--contact-name", "contact"),
        ("--contact-role", "contact role"),
        ("--source", "source"),
    ];
    for (flag, label) in one_line {
        // A NUL cannot be given in an argument; the core's tests give one.
        for bad in ["A\u{1b}[2JB", "A\u{202e}B", "A\r\nB", "A\rB", "A\nB"] {
            let args = add_with(flag, bad);
            let args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
            let err = refused(&db, &args);
            assert!(err.to_lowercase().contains(label), "{flag} {bad:?}: {err}");
            assert!(
                !err.contains('\u{1b}') && !err.contains('\u{0}') && !err.contains('\u{202e}'),
                "the message shows no raw hidden character: {err:?}"
            );
        }
    }
    for (flag, bad) in [
        ("--summary", "A\u{1b}B"),
        ("--summary", "A\u{202e}B"),
        ("--what", "A\u{202e}B"),
    ] {
        let args = add_with(flag, bad);
        let args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
        let err = refused(&db, &args);
        let label = if flag == "--summary" {
            "summary"
        } else {
            "what was done"
        };
        assert!(err.contains(label), "{flag} {bad:?}: {err}");
    }
    for (flag, label) in [
        ("--title", "title"),
        ("--summary", "summary"),
        ("--council", "council"),
    ] {
        for blank in ["", "   \t  "] {
            let args = add_with(flag, blank);
            let args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
            let err = refused(&db, &args);
            assert!(err.contains(label), "{flag} {blank:?}: {err}");
        }
    }
    // An argument holds at most 128 KiB on Linux; the core's tests give 1 MB.
    let huge = "x".repeat(100_000);
    let args = add_with("--summary", &huge);
    let args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let err = refused(&db, &args);
    assert!(err.contains("summary"), "{}", &err[..err.len().min(300)]);
    assert!(err.len() < 2_000, "the message does not repeat the text");
    assert_eq!(entries(&db), 0, "nothing written");

    // The same gate on edit.
    let id = db.json(
        &add_with("--source", "ok")
            .iter()
            .map(|s| s.as_str())
            .chain(["--json"])
            .collect::<Vec<_>>(),
    )["id"]
        .to_string();
    let err = refused(&db, &["practice", "edit", &id, "--title", "New\u{1b}[0m"]);
    assert!(err.contains("title"), "{err}");
    let err = refused(&db, &["practice", "edit", &id, "--partner-org", "X\rY"]);
    assert!(err.contains("partner organisation"), "{err}");
    let shown = db.json(&["practice", "show", &id, "--json"]);
    assert_eq!(
        shown["entry"]["title"].as_str().or(shown["title"].as_str()),
        Some("A case")
    );
}

/// Markup of every format and a spreadsheet formula, kept as text.
const MARKUP: [&str; 6] = [
    "<script>alert(1)</script>",
    "{#x}",
    "#set page(width: 1pt)",
    "$x$",
    "back\\slash",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
];

fn all_markup() -> String {
    MARKUP.join(" ")
}

/// A published entry with markup and a formula in every text field, a very
/// long word and URL, linked to a private event of Kent's; gives its id.
fn hostile_published(db: &Db) -> String {
    be(db, "council-organiser");
    let private = db.json(&[
        "event",
        "add",
        "--council",
        "Kent",
        "--title",
        "PRIVATE-TITLE care leavers' meeting",
        "--venue",
        "PRIVATE-VENUE Maidstone House",
        "--start",
        "2014-10-28T10:00",
        "--end",
        "2014-10-28T12:00",
        "--private",
        "--json",
    ])["id"]
        .to_string();
    let m = all_markup();
    let long_word = "Kent".repeat(200);
    let long_url = format!("https://example.org/{}", "a".repeat(400));
    let title = format!("T {}", MARKUP.join(" "));
    let summary = format!("{m}\n\n{long_word}\n\n{long_url}");
    let added = db.json(&[
        "practice",
        "add",
        "--council",
        "Kent",
        "--title",
        &title,
        "--summary",
        &summary,
        "--what",
        &m,
        "--theme",
        "adoption",
        "--partner-org",
        &m,
        "--outcome",
        "=SUM(A1:A9); $1$; #set text(red); {#x}",
        "--contact-name",
        "=HYPERLINK(\"x\") Jo",
        "--contact-role",
        &m,
        "--contact-email",
        "jo@kent.gov.uk",
        "--source",
        &m,
        "--event",
        &private,
        "--json",
    ]);
    let id = added["id"].to_string();
    db.ok(&["practice", "submit", &id]);
    be(db, "lga-officer");
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
    id
}

fn export(db: &Db, format: &str) -> std::path::PathBuf {
    let path = db.file(&format!("toolkit.{format}"));
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
        "{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_nothing_private(text: &str, what: &str) {
    assert!(
        !text.contains("PRIVATE-"),
        "the private event in the {what}"
    );
}

fn read_docx(path: &Path) -> Value {
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(python)
        .arg(common::repo().join("tests/toolkit_check/read_docx.py"))
        .arg(path)
        .output()
        .expect("python3 is needed: run `scripts/setup test`");
    assert!(
        out.status.success(),
        "python-docx could not open it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn markup_and_formulas_stay_text_in_every_toolkit_format_and_no_private_event_shows() {
    let db = Db::new();
    hostile_published(&db);

    let pdf = export(&db, "pdf");
    let text = flat(&poppler("pdftotext", &[], &pdf));
    // Long text wraps wherever a line ends, so it is compared without spaces.
    let squeezed: String = text.split_whitespace().collect();
    let bare = |m: &str| m.split_whitespace().collect::<String>();
    for m in MARKUP {
        assert!(
            squeezed.contains(&bare(m)),
            "{m} as text in the PDF: {text}"
        );
    }
    assert!(text.contains("#set page(width: 1pt)"), "not read as Typst");
    assert!(
        text.contains("#set text(red)"),
        "an outcome's markup as text"
    );
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Page size:") && l.contains("595")),
        "Typst markup set no page width: {info}"
    );
    assert_nothing_private(&text, "PDF");

    let read = read_docx(&export(&db, "docx"));
    let all = serde_json::to_string(&read).unwrap();
    let paragraphs: Vec<&str> = read["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    let joined = paragraphs.join("\n");
    for m in MARKUP {
        assert!(joined.contains(m), "{m} as text in the Word document");
    }
    assert!(all.contains(&"Kent".repeat(200)), "the long word whole");
    assert_nothing_private(&all, "Word document");

    let html = std::fs::read_to_string(export(&db, "html")).unwrap();
    assert!(!html.contains("<script>alert"), "no script from an entry");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("#set page(width: 1pt)"));
    assert!(html.contains(&"a".repeat(400)), "the long URL whole");
    assert_nothing_private(&html, "HTML");
}

#[test]
fn the_introduction_file_refuses_what_it_cannot_hold_or_read() {
    let db = Db::new();
    be(&db, "lga-officer");
    let intro = |name: &str, bytes: &[u8]| -> (bool, String) {
        let path = db.file(name);
        std::fs::write(&path, bytes).unwrap();
        let out = db.run(&["toolkit", "intro", "--file", path.to_str().unwrap()]);
        (out.status.success(), String::from_utf8(out.stderr).unwrap())
    };
    let (ok, err) = intro("empty.md", b"");
    assert!(!ok && err.contains("the introduction is empty"), "{err}");
    let (ok, err) = intro("blank.md", b"  \n\r\n\t\n");
    assert!(!ok && err.contains("the introduction is empty"), "{err}");
    let (ok, err) = intro("big.md", "word ".repeat(400_000).as_bytes());
    assert!(!ok && err.contains("keep it to 50000"), "{err}");
    let (ok, err) = intro("latin1.md", b"Caf\xe9 society\n");
    assert!(!ok && err.contains("UTF-8"), "{err}");
    let (ok, err) = intro(
        "crlf.md",
        b"# Welcome\r\n\r\nFirst line\r\nsecond line.\r\n",
    );
    assert!(ok, "CRLF line ends work: {err}");

    for (name, bytes, line) in [
        ("nul.md", &b"Fine.\n\nBad\x00 here\n"[..], 3),
        ("esc.md", &b"Fine.\n\nBad\x1b[2J here\n"[..], 3),
        ("bidi.md", "Fine.\nBad \u{202e}here\n".as_bytes(), 2),
        ("cr.md", &b"Fine.\rBad\n"[..], 1),
    ] {
        let (ok, err) = intro(name, bytes);
        assert!(!ok, "{name} should be refused");
        assert!(
            err.starts_with(&format!("error: line {line}: ")),
            "{name}: {err:?}"
        );
        assert!(
            !err.contains('\u{0}') && !err.contains('\u{1b}') && !err.contains('\u{202e}'),
            "{name}: no raw hidden character in {err:?}"
        );
    }

    let dir = db.file("a-folder");
    std::fs::create_dir(&dir).unwrap();
    let err = refused(&db, &["toolkit", "intro", "--file", dir.to_str().unwrap()]);
    assert!(err.contains("is a folder"), "{err}");
    let missing = db.file("missing.md");
    let err = refused(
        &db,
        &["toolkit", "intro", "--file", missing.to_str().unwrap()],
    );
    assert!(err.contains("missing.md"), "{err}");
}

#[test]
fn the_lgas_note_and_consent_checker_refuse_hidden_characters_and_nothing_moves() {
    let db = Db::new();
    be(&db, "council-organiser");
    let args = add_with("--source", "ok");
    let mut args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    args.push("--json");
    let id = db.json(&args)["id"].to_string();
    db.ok(&["practice", "submit", &id]);
    be(&db, "lga-officer");
    for bad in ["More\u{1b}[2J", "More \u{202e}figures", "   "] {
        let err = refused(&db, &["practice", "return", &id, "--note", bad]);
        assert!(err.contains("note"), "{bad:?}: {err}");
    }
    db.ok(&["practice", "approve", &id]);
    for bad in [
        "Sam\u{1b}[0m Checker",
        "Sam\rChecker",
        "=HYPERLINK(\"x\")\u{202e}",
        "",
    ] {
        let err = refused(
            &db,
            &[
                "practice",
                "publish",
                &id,
                "--consent-checked-by",
                bad,
                "--consent",
                "on-record",
            ],
        );
        assert!(err.contains("consent checked by"), "{bad:?}: {err}");
    }
    let shown = db.json(&["practice", "list", "--json"]);
    assert_eq!(shown[0]["status"], "approved", "nothing moved: {shown}");
}
