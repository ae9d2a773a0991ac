//! `cpweek programme export --format html|pdf|csv|json --live`: the
//! national programme as published documents, through the real binary,
//! read back by independent tools: poppler (`pdftotext`, `pdfinfo`,
//! `pdffonts`) for the PDF, Python's `csv` module for the CSV, and
//! Python's `jsonschema` with the format's published schema
//! (`tests/fixtures/schedule/schema.json`) for the schedule JSON. Only
//! approved public events are published; a private event, and every word
//! of it, is absent from every format.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{assert_fonts_embedded, poppler, Db};
use serde_json::Value;

const HOSTILE: &str = "<script>alert(\"x\")</script> & Co";
const SECRET: &str = "Secret care council";
const SECRET_VENUE: &str = "Hidden House";
const SECRET_CONTACT: &str = "Private Person";

/// Fails if `text` (the programme as `format`) holds anything from the
/// private event or from the events not approved ("Awaiting review" is
/// submitted, "Called off" cancelled).
fn assert_unpublished_absent(text: &str, format: &str) {
    for absent in [
        SECRET,
        SECRET_VENUE,
        SECRET_CONTACT,
        "Awaiting review",
        "Called off",
    ] {
        assert!(!text.contains(absent), "{absent} in the {format}");
    }
}
const HYPERLINK: &str = "=HYPERLINK(\"http://evil.example\",\"Click\")";
const FORMATS: [&str; 4] = ["html", "pdf", "csv", "json"];

struct Added {
    uid: String,
    id: String,
}

fn add(db: &Db, args: &[&str]) -> Added {
    let mut all = vec!["event", "add", "--json"];
    all.extend_from_slice(args);
    let e = db.json(&all);
    Added {
        uid: e["uid"].as_str().unwrap().to_string(),
        id: e["id"].to_string(),
    }
}

fn approve(db: &Db, e: &Added) {
    db.ok(&["event", "approve", &e.id]);
}

/// The week as the LGA has reviewed it: five approved public events (one
/// with a hostile title, several with spreadsheet formulas), a private
/// approved event, one still submitted and one cancelled after approval.
/// Gives the approved public events' UIDs.
fn a_programme(db: &Db) -> Vec<String> {
    db.ok(&["settings", "set", "--role", "lga-officer", "--name", "Lee"]);
    let kent = add(
        db,
        &[
            "--council",
            "886",
            "--title",
            "Kent care leavers' awards",
            "--start",
            "2014-10-29T10:00",
            "--end",
            "2014-10-29T12:30",
            "--venue",
            "Sessions House",
            "--address",
            "County Hall, Maidstone",
            "--postcode",
            "ME14 1XQ",
            "--theme",
            "care-leavers",
            "--audience",
            "care-leavers",
            "--booking-url",
            "https://www.kent.gov.uk/cpw",
            "--contact-name",
            "Kim Organiser",
            "--contact-phone",
            "+44 3000 41 41 41",
            "--description",
            "Awards for Kent's care leavers.",
        ],
    );
    let manchester = add(
        db,
        &[
            "--council",
            "352",
            "--title",
            HOSTILE,
            "--start",
            "2014-10-28T14:00",
            "--end",
            "2014-10-28T15:00",
            "--description",
            HYPERLINK,
        ],
    );
    let leeds = add(
        db,
        &[
            "--council",
            "383",
            "--title",
            "+1 foster carers' tea",
            "--start",
            "2014-10-28T09:30",
            "--end",
            "2014-10-28T11:00",
            // `=`: a value starting with `-` is not taken for a flag.
            "--venue=-1 Leeds Civic Hall",
        ],
    );
    let norfolk = add(
        db,
        &[
            "--council",
            "926",
            "--title",
            "@SUM(A1:A9) quiz night",
            "--start",
            "2014-10-27",
            "--all-day",
        ],
    );
    let camden = add(
        db,
        &[
            "--council",
            "202",
            "--title",
            HYPERLINK,
            "--start",
            "2014-10-31T18:00",
            "--end",
            "2014-10-31T20:00",
        ],
    );
    let secret = add(
        db,
        &[
            "--council",
            "886",
            "--title",
            SECRET,
            "--start",
            "2014-10-30T10:00",
            "--end",
            "2014-10-30T12:00",
            "--venue",
            SECRET_VENUE,
            "--contact-name",
            SECRET_CONTACT,
            "--private",
        ],
    );
    add(
        db,
        &[
            "--council",
            "330",
            "--title",
            "Awaiting review",
            "--start",
            "2014-10-30T10:00",
            "--end",
            "2014-10-30T11:00",
        ],
    );
    let cancelled = add(
        db,
        &[
            "--council",
            "330",
            "--title",
            "Called off",
            "--start",
            "2014-10-29T10:00",
            "--end",
            "2014-10-29T11:00",
        ],
    );
    for e in [
        &kent,
        &manchester,
        &leeds,
        &norfolk,
        &camden,
        &secret,
        &cancelled,
    ] {
        approve(db, e);
    }
    db.ok(&[
        "event",
        "cancel",
        &cancelled.id,
        "--reason",
        "Venue flooded",
    ]);
    [kent, manchester, leeds, norfolk, camden]
        .into_iter()
        .map(|e| e.uid)
        .collect()
}

fn export(db: &Db, format: &str, file: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec![
        "programme",
        "export",
        "--format",
        format,
        "-o",
        file.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    db.run(&args)
}

/// Exports in `format` to a new file and gives its path.
fn exported(db: &Db, format: &str) -> PathBuf {
    let file = db.file(&format!("programme.{format}"));
    let out = export(db, format, &file, &["--live"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("Wrote the programme (5 events) to"), "{said}");
    file
}

fn fails(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should have failed");
    String::from_utf8(out.stderr).unwrap()
}

/// Runs one of `tests/programme_check/`'s Python scripts and gives what it
/// printed. Fails (never skips) when Python or its packages are missing;
/// `CPWEEK_PYTHON` names the interpreter (`scripts/setup test` makes one).
fn python(script: &str, args: &[&str]) -> Value {
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(python)
        .arg(common::repo().join("tests/programme_check").join(script))
        .args(args)
        .output()
        .expect("python3 is needed: run `scripts/setup test`");
    assert!(
        out.status.success(),
        "{script} failed: {}\n(if a package is missing: pip install -r tests/programme_check/requirements.txt)",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_programme_as_a_pdf_is_tagged_with_embedded_fonts_by_day_then_region() {
    let db = Db::new();
    a_programme(&db);
    let pdf = exported(&db, "pdf");
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Title:           Corporate Parenting Week 2014: the programme"),
        "{info}"
    );
    assert_fonts_embedded(&pdf);
    let text = flat(&poppler("pdftotext", &["-layout"], &pdf));
    // In order: contents, then each day, each day's regions, their events.
    let in_order = [
        "Contents",
        "5 events from 5 councils",
        "Monday 27 October 2014",
        "East of England",
        "@SUM(A1:A9) quiz night",
        "Time: All day",
        "Tuesday 28 October 2014",
        "North West",
        "<script>alert(\"x\")</script> & Co",
        "Time: 2pm to 3pm",
        "Yorkshire and The Humber",
        "+1 foster carers' tea",
        "Time: 9:30am to 11am",
        "Wednesday 29 October 2014: NCAS conference day 1",
        "South East",
        "Kent care leavers' awards",
        "Time: 10am to 12:30pm",
        "Council: Kent",
        "Venue: Sessions House, County Hall, Maidstone, ME14 1XQ",
        "Themes: Care leavers",
        "Booking: https://www.kent.gov.uk/cpw",
        "Contact: Kim Organiser, +44 3000 41 41 41",
        "Awards for Kent's care leavers.",
        "Thursday 30 October 2014: NCAS conference day 2",
        "No events on this day.",
        "Friday 31 October 2014: NCAS conference day 3",
        "London",
        "=HYPERLINK(\"http://evil.example\",\"Click\")",
        "Sunday 2 November 2014",
    ];
    // The contents come first (the intro follows them), so everything
    // after the intro is found in the body.
    let mut at = 0;
    for wanted in in_order {
        let found = text[at..]
            .find(wanted)
            .unwrap_or_else(|| panic!("{wanted:?} not found after {at} in {text}"));
        at += found + wanted.len();
    }
    assert_unpublished_absent(&text, "PDF");
}

#[test]
fn the_programme_as_html_keeps_a_hostile_title_as_text_and_lists_no_private_event() {
    let db = Db::new();
    a_programme(&db);
    let html = std::fs::read_to_string(exported(&db, "html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(!html.contains("<script"), "a title was read as markup");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"));
    // The contents list days and regions, not each event.
    let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
    assert!(nav.contains("Wednesday 29 October 2014: NCAS conference day 1"));
    assert!(nav.contains(">South East</a>"));
    assert!(!nav.contains("Kent care leavers"), "{nav}");
    assert!(html.contains("Kent care leavers&#39; awards"));
    assert_unpublished_absent(&html, "HTML");
}

#[test]
fn the_programme_as_csv_opens_in_a_spreadsheet_with_formulas_kept_as_text() {
    let db = Db::new();
    a_programme(&db);
    let file = exported(&db, "csv");
    let read = python("read_csv.py", &[file.to_str().unwrap()]);
    assert_eq!(read["bom"], true, "no byte order mark");
    assert_eq!(read["crlf"], true, "a line not ended CRLF");
    let rows: Vec<Vec<String>> = serde_json::from_value(read["rows"].clone()).unwrap();
    let header = &rows[0];
    assert_eq!(header[..4], ["ID", "UID", "Title", "Date"]);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (title, venue, description) = (column("Title"), column("Venue"), column("Description"));
    let body = &rows[1..];
    assert_eq!(body.len(), 5, "{rows:?}");
    assert!(body.iter().all(|r| r.len() == header.len()));
    let titles: Vec<&str> = body.iter().map(|r| r[title].as_str()).collect();
    assert_eq!(
        titles,
        [
            "'@SUM(A1:A9) quiz night",
            "'+1 foster carers' tea",
            HOSTILE,
            "Kent care leavers' awards",
            &format!("'{HYPERLINK}"),
        ]
    );
    assert_eq!(body[1][venue], "'-1 Leeds Civic Hall");
    assert_eq!(body[2][description], format!("'{HYPERLINK}"));
    let kent = &body[3];
    assert_eq!(kent[column("Start")], "2014-10-29 10:00");
    assert_eq!(kent[column("End")], "2014-10-29 12:30");
    assert_eq!(kent[column("Conference day")], "NCAS day 1");
    assert_eq!(kent[column("Region")], "South East");
    assert_eq!(kent[column("Contact phone")], "'+44 3000 41 41 41");
    assert_eq!(
        kent[column("When")],
        "Wednesday 29 October 2014, 10am to 12:30pm"
    );
    // No cell of any row begins as a formula would.
    for cell in body.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?} would run as a formula"
        );
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert_unpublished_absent(&text, "CSV");
}

#[test]
fn the_programme_as_schedule_json_is_valid_against_the_published_schema() {
    let db = Db::new();
    let uids = a_programme(&db);
    let file = exported(&db, "json");
    let schema = common::repo().join("tests/fixtures/schedule/schema.json");
    let mut args = vec![schema.to_str().unwrap(), file.to_str().unwrap()];
    args.extend(uids.iter().map(String::as_str));
    let checked = python("check_schedule.py", &args);
    assert_eq!(checked["errors"], serde_json::json!([]), "{checked}");

    let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let conference = &doc["schedule"]["conference"];
    assert_eq!(conference["acronym"], "cpweek2014");
    assert_eq!(conference["title"], "Corporate Parenting Week 2014");
    assert_eq!(conference["time_zone_name"], "Europe/London");
    assert_eq!(
        (conference["start"].as_str(), conference["end"].as_str()),
        (Some("2014-10-27"), Some("2014-11-02"))
    );
    assert_eq!(conference["daysCount"], 7);
    let days = conference["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    let wednesday = &days[2];
    assert_eq!(wednesday["index"], 3);
    assert_eq!(wednesday["date"], "2014-10-29");
    assert_eq!(wednesday["day_start"], "2014-10-29T00:00:00+00:00");
    let kent = &wednesday["rooms"]["Kent"][0];
    assert_eq!(kent["title"], "Kent care leavers' awards");
    assert_eq!(kent["room"], "Kent");
    assert_eq!(kent["start"], "10:00");
    assert_eq!(kent["duration"], "02:30");
    assert_eq!(kent["date"], "2014-10-29T10:00:00+00:00");
    assert_eq!(kent["url"], "https://www.kent.gov.uk/cpw");
    assert_eq!(kent["track"], "Care leavers");
    assert_eq!(kent["language"], "en");
    assert_eq!(kent["abstract"], "Awards for Kent's care leavers.");
    assert!(kent["slug"]
        .as_str()
        .unwrap()
        .ends_with("-kent-care-leavers-awards"));
    // The guid is UUID v5 of the UID, as Python's uuid module works it out.
    assert_eq!(kent["guid"], checked["guids"][&uids[0]]);
    let all_day = &days[0]["rooms"]["Norfolk"][0];
    assert_eq!(
        (all_day["start"].as_str(), all_day["duration"].as_str()),
        (Some("00:00"), Some("24:00"))
    );
    let guids: Vec<&Value> = days
        .iter()
        .flat_map(|d| d["rooms"].as_object().unwrap().values())
        .flat_map(|r| r.as_array().unwrap())
        .map(|e| &e["guid"])
        .collect();
    assert_eq!(guids.len(), 5);
    for uid in &uids {
        assert!(guids.contains(&&checked["guids"][uid]), "{uid} missing");
    }
    assert!(days[3]["rooms"].as_object().unwrap().is_empty(), "Thursday");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_unpublished_absent(&text, "JSON");
}

#[test]
fn every_format_gives_the_same_bytes_twice() {
    let db = Db::new();
    a_programme(&db);
    for format in FORMATS {
        let first = std::fs::read(exported(&db, format)).unwrap();
        let out = export(
            &db,
            format,
            &db.file(&format!("programme.{format}")),
            &["--live", "--force"],
        );
        assert!(out.status.success(), "{format}");
        let second = std::fs::read(db.file(&format!("programme.{format}"))).unwrap();
        assert!(first == second, "{format} changed between two exports");
    }
    // csv and json also go to standard output, the same bytes.
    for format in ["csv", "json"] {
        let out = db.run(&[
            "programme",
            "export",
            "--format",
            format,
            "-o",
            "-",
            "--live",
        ]);
        assert!(out.status.success(), "{format}");
        let file = std::fs::read(db.file(&format!("programme.{format}"))).unwrap();
        assert!(out.stdout == file, "{format} on standard output differs");
    }
}

#[test]
fn bad_format_missing_live_and_an_existing_file_are_refused_with_nothing_written() {
    let db = Db::new();
    a_programme(&db);
    let file = db.file("programme.pdf");
    let err = fails(
        &db,
        &[
            "programme",
            "export",
            "--format",
            "docx",
            "-o",
            file.to_str().unwrap(),
            "--live",
        ],
    );
    assert!(
        err.starts_with("error: format \"docx\" is not one the programme is published in; give html, pdf, csv or json"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "programme",
            "export",
            "--format",
            "pdf",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        err.contains("no release of Corporate Parenting Week 2014 has been made yet")
            && err.contains("`cpweek programme release`")
            && err.contains("add --live"),
        "{err}"
    );
    let err = fails(
        &db,
        &[
            "programme",
            "export",
            "--format",
            "pdf",
            "-o",
            "-",
            "--live",
        ],
    );
    assert!(
        err.contains("a PDF is not written to standard output"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(db.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("programme"))
            .count(),
        0,
        "a refused export wrote a file"
    );

    std::fs::write(&file, b"keep me").unwrap();
    let err = fails(
        &db,
        &[
            "programme",
            "export",
            "--format",
            "pdf",
            "-o",
            file.to_str().unwrap(),
            "--live",
        ],
    );
    assert!(
        err.contains("already exists; add --force to replace it"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"keep me");
    // The extension is added when left out, as other exports do.
    let bare = db.file("programme-sheet");
    let out = export(&db, "csv", &bare, &["--live"]);
    assert!(out.status.success());
    assert!(db.file("programme-sheet.csv").is_file());
}

#[test]
fn an_empty_programme_is_published_saying_so() {
    let db = Db::new();
    let file = db.file("empty.html");
    let out = export(&db, "html", &file, &["--live"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("No event has been approved for the programme yet."));
    let csv = db.file("empty.csv");
    assert!(export(&db, "csv", &csv, &["--live"]).status.success());
    let read = python("read_csv.py", &[csv.to_str().unwrap()]);
    assert_eq!(
        read["rows"].as_array().unwrap().len(),
        1,
        "the header alone"
    );
}
