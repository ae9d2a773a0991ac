//! `cpweek request report --format html|pdf -o FILE`: the week's
//! ministerial report as an LGA board paper, through the real binary,
//! read back with poppler (`pdftotext`, `pdfinfo`, `pdffonts`); and the
//! same figures in `cpweek programme summary`, as the Dashboard shows them.

mod common;

use common::{assert_fonts_embedded, poppler, Db};

const HOSTILE: &str = "<script>alert(\"x\")</script> & Co";
const SECRET: &str = "Secret care council";

fn as_role(db: &Db, role: &str, name: &str) {
    db.ok(&["settings", "set", "--role", role, "--name", name]);
}

fn event(db: &Db, council: &str, title: &str, day: u32, private: bool) {
    let start = format!("2014-10-{day}T10:00");
    let end = format!("2014-10-{day}T12:00");
    let mut args = vec![
        "event",
        "add",
        "--council",
        council,
        "--title",
        title,
        "--start",
        &start,
        "--end",
        &end,
    ];
    if private {
        args.push("--private");
    }
    db.ok(&args);
}

/// The minister asked to three events: Kent's on Wednesday 29 October
/// (NCAS day 1), accepted; Manchester's, with a hostile title, on
/// Tuesday 28, declined; and Kent's private one on Thursday 30, declined.
fn a_week(db: &Db) {
    as_role(db, "council-organiser", "Kim Organiser");
    event(db, "886", "Kent care leavers' awards", 29, false);
    event(db, "352", HOSTILE, 28, false);
    event(db, "886", SECRET, 30, true);
    for id in ["1", "2", "3"] {
        db.ok(&["request", "add", "--event", id, "--person", "1"]);
        db.ok(&["request", "submit", id]);
    }
    as_role(db, "lga-officer", "Lee Officer");
    for id in ["1", "2", "3"] {
        db.ok(&["request", "forward", id]);
    }
    db.ok(&["request", "accept", "1"]);
    db.ok(&["request", "decline", "2"]);
    db.ok(&["request", "decline", "3"]);
}

fn paper(db: &Db, format: &str, file: &std::path::Path, more: &[&str]) -> std::process::Output {
    let mut args = vec![
        "request",
        "report",
        "--format",
        format,
        "-o",
        file.to_str().unwrap(),
        "--date",
        "2014-11-03",
    ];
    args.extend_from_slice(more);
    db.run(&args)
}

fn fails(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should have failed");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_report_as_a_board_paper_is_a_tagged_pdf_with_its_headings_and_figures() {
    let db = Db::new();
    a_week(&db);
    let pdf = db.file("paper.pdf");
    let out = paper(&db, "pdf", &pdf, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Wrote the ministerial report to"));

    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains(
            "Title:           Ministerial and VIP attendance: Corporate Parenting Week 2014"
        ),
        "{info}"
    );
    assert_fonts_embedded(&pdf);

    let text = poppler("pdftotext", &["-layout"], &pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Date: Monday 3 November 2014",
        "Ministerial engagements: 1",
        "Purpose of report",
        "Summary",
        "Recommendation",
        "Action",
        "Contact officer: Lee Officer",
        "1 ministerial engagement (requests for a minister accepted or held)",
        "1 engagement fell on the NCAS conference days.",
        "Requests by status",
        "Declined 2",
        "Wednesday 29 October 2014 NCAS day 1 1 1",
        "Tuesday 28 October 2014 1 0",
        "South East 2 1",
        "North West 1 0",
        "Edward Timpson MP 3 1",
        "Councils whose requests were declined",
        "Kent South East Edward Timpson MP to visit at a private event (request 3)",
        "Manchester North West Edward Timpson MP to visit at <script>alert(\"x\")</script> & Co",
    ] {
        assert!(
            flat.contains(wanted),
            "{wanted:?} missing from the PDF's text:\n{text}"
        );
    }
    assert!(!flat.contains(SECRET), "{text}");

    // The same data and date, the same bytes.
    let again = db.file("again.pdf");
    assert!(paper(&db, "pdf", &again, &[]).status.success());
    assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn the_html_paper_escapes_hostile_text_names_no_private_event_and_is_the_same_each_time() {
    let db = Db::new();
    a_week(&db);
    let html = db.file("paper.html");
    assert!(paper(&db, "html", &html, &[]).status.success());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
        "{page}"
    );
    assert!(
        page.contains("at &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co (request 2)"),
        "{page}"
    );
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains(SECRET), "{page}");
    assert!(page.contains("at a private event (request 3)"), "{page}");
    assert!(page.contains("<td>NCAS day 1</td>"), "{page}");

    // An existing file is replaced only with --force, and then with the
    // same bytes.
    let err = String::from_utf8(paper(&db, "html", &html, &[]).stderr).unwrap();
    assert!(
        err.contains("already exists; add --force to replace it"),
        "{err}"
    );
    assert!(paper(&db, "html", &html, &["--force"]).status.success());
    assert_eq!(std::fs::read_to_string(&html).unwrap(), page);

    // The text and JSON forms name no private event either.
    for out in [
        db.ok(&["request", "report"]),
        db.ok(&["request", "report", "--json"]),
    ] {
        assert!(!out.contains(SECRET), "{out}");
    }
}

#[test]
fn bad_report_options_are_refused_by_name_and_write_nothing() {
    let db = Db::new();
    a_week(&db);
    let file = db.file("paper.pdf");
    let path = file.to_str().unwrap();
    let err = fails(&db, &["request", "report", "--format", "docx", "-o", path]);
    assert!(
        err.contains("error: format \"docx\" is not one cpweek writes; give html or pdf"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "request",
            "report",
            "--format",
            "pdf",
            "-o",
            path,
            "--date",
            "3/11/2014",
        ],
    );
    assert!(
        err.contains("error: \"3/11/2014\" is not a date; expected YYYY-MM-DD"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "request",
            "report",
            "--format",
            "pdf",
            "-o",
            path,
            "--programme",
            "1999",
        ],
    );
    assert!(err.contains("programme \"1999\" is not known"), "{err}");
    assert!(!file.exists());
    let err = fails(&db, &["request", "report", "--format", "pdf"]);
    assert!(err.contains("--output <FILE>"), "{err}");
    let err = fails(
        &db,
        &["request", "report", "--json", "--format", "pdf", "-o", path],
    );
    assert!(err.contains("cannot be used with"), "{err}");
    assert!(!file.exists());
}

#[test]
fn the_programme_summary_counts_ministerial_engagements_and_requests_by_status() {
    let db = Db::new();
    a_week(&db);
    // Isabelle Trowler (an official) accepted too: an engagement, but not
    // a ministerial one.
    as_role(&db, "council-organiser", "Kim Organiser");
    db.ok(&["request", "add", "--event", "1", "--person", "4"]);
    db.ok(&["request", "submit", "4"]);
    as_role(&db, "lga-officer", "Lee Officer");
    db.ok(&["request", "forward", "4"]);
    db.ok(&["request", "accept", "4"]);
    let s = db.json(&["programme", "summary", "--json"]);
    let a = &s["attendance"];
    assert_eq!(a["ministerial_engagements"], 1);
    assert_eq!(a["engagements"], 2);
    assert_eq!(a["requests"], 4);
    let count = |status: &str| {
        a["by_status"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["status"] == status)
            .unwrap()["count"]
            .clone()
    };
    assert_eq!((count("accepted"), count("declined")), (2.into(), 2.into()));
    let text = db.ok(&["programme", "summary"]);
    assert!(
        text.contains(
            "1 ministerial engagement (accepted or held) from 4 requests: 2 accepted, 2 declined."
        ),
        "{text}"
    );
}
