//! `cpweek programme release`, `releases`, `changes` and `export
//! --release N`: numbered releases of the national programme, through the
//! real binary. A release's documents never change after it is made; the
//! changes name each field with its old and new values; a private event is
//! never in a release or its changes; the releases' Atom feed is read back
//! by Python's `feedparser` (`tests/release_check/`), with a hostile title
//! kept as text.

mod common;

use std::path::Path;
use std::process::Command;

use common::Db;
use serde_json::Value;

const HOSTILE: &str = "<script>alert(\"x\")</script> & Co";
const SECRET: &str = "Secret care council";
const HIDDEN_LATER: &str = "Hidden later";
const HIDDEN_TITLE: &str = "Children in care only";
const FORMATS: [&str; 4] = ["html", "pdf", "csv", "json"];

fn add(db: &Db, council: &str, title: &str, day: u32, more: &[&str]) -> String {
    let start = format!("2014-10-{day}T10:00");
    let end = format!("2014-10-{day}T12:00");
    let mut args = vec![
        "event",
        "add",
        "--json",
        "--council",
        council,
        "--title",
        title,
        "--start",
        &start,
        "--end",
        &end,
    ];
    args.extend_from_slice(more);
    db.json(&args)["id"].to_string()
}

fn approved(db: &Db, council: &str, title: &str, day: u32, more: &[&str]) -> String {
    let id = add(db, council, title, day, more);
    db.ok(&["event", "approve", &id]);
    id
}

fn fails(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should have failed");
    String::from_utf8(out.stderr).unwrap()
}

/// Exports release `release` (none: the default) in `format` to `file`.
fn export(db: &Db, format: &str, file: &Path, release: Option<&str>) -> Vec<u8> {
    let mut args = vec![
        "programme",
        "export",
        "--format",
        format,
        "--force",
        "-o",
        file.to_str().unwrap(),
    ];
    if let Some(n) = release {
        args.extend_from_slice(&["--release", n]);
    }
    db.ok(&args);
    std::fs::read(file).unwrap()
}

/// The week's first state: Kent's awards, Manchester's event with a hostile
/// title, Leeds's tea (cancelled later), an event made private later, and
/// a private event from the start. Gives (kent, leeds, hidden later) ids.
fn first_programme(db: &Db) -> (String, String, String) {
    db.ok(&["settings", "set", "--role", "lga-officer", "--name", "Lee"]);
    let kent = approved(
        db,
        "886",
        "Kent care leavers' awards",
        29,
        &["--venue", "Sessions House"],
    );
    approved(db, "352", HOSTILE, 28, &[]);
    let leeds = approved(db, "383", "Leeds foster carers' tea", 28, &[]);
    let hidden = approved(db, "926", HIDDEN_LATER, 30, &[]);
    approved(db, "886", SECRET, 30, &["--private"]);
    (kent, leeds, hidden)
}

/// Edits, a cancellation, an event made private and a new event: the
/// second state.
fn second_programme(db: &Db, kent: &str, leeds: &str, hidden: &str) {
    db.ok(&[
        "event",
        "edit",
        kent,
        "--title",
        "Kent care leavers' awards evening",
        "--venue",
        "County Hall",
    ]);
    db.ok(&["event", "cancel", leeds, "--reason", "Flooded"]);
    db.ok(&[
        "event",
        "edit",
        hidden,
        "--private",
        "--title",
        HIDDEN_TITLE,
    ]);
    approved(db, "202", "Camden care leavers' lunch", 31, &[]);
}

#[test]
fn releases_are_numbered_and_an_old_release_never_changes() {
    let db = Db::new();
    let (kent, leeds, hidden) = first_programme(&db);
    let file = db.file("before.csv");
    let err = fails(
        &db,
        &[
            "programme",
            "export",
            "--format",
            "csv",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(err.contains("`cpweek programme release`"), "{err}");
    assert!(err.contains("--live"), "{err}");
    assert!(!file.exists(), "nothing written when refused");

    let first = db.json(&[
        "programme",
        "release",
        "--note",
        "First programme",
        "--json",
    ]);
    assert_eq!(first["release"]["number"], 1);
    assert_eq!(first["release"]["events"], 4);
    assert_eq!(first["release"]["made_by"], "Lee");
    assert_eq!(first["release"]["note"], "First programme");
    assert_eq!(first["since"], Value::Null);
    assert_eq!(first["changes"]["added"].as_array().unwrap().len(), 4);

    let frozen: Vec<Vec<u8>> = FORMATS
        .iter()
        .map(|f| export(&db, f, &db.file(&format!("r1.{f}")), Some("1")))
        .collect();
    for (format, bytes) in FORMATS.iter().zip(&frozen) {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(SECRET), "the private event in the {format}");
    }
    second_programme(&db, &kent, &leeds, &hidden);
    let said = db.ok(&["programme", "release"]);
    assert!(
        said.starts_with(
            "Made release 2 of the programme (3 events): 1 added, 1 changed, 1 cancelled, \
             1 withdrawn."
        ),
        "{said}"
    );
    for (format, bytes) in FORMATS.iter().zip(&frozen) {
        let again = export(
            &db,
            format,
            &db.file(&format!("r1-again.{format}")),
            Some("1"),
        );
        assert!(
            &again == bytes,
            "release 1 as {format} changed after the events did"
        );
    }
    // Without --release: the latest release, whose schedule says so.
    let latest: Value =
        serde_json::from_slice(&export(&db, "json", &db.file("latest.json"), None)).unwrap();
    assert_eq!(latest["schedule"]["version"], "2");
    let one: Value = serde_json::from_slice(&frozen[3]).unwrap();
    assert_eq!(one["schedule"]["version"], "1");
    let live: Value = serde_json::from_slice(&{
        let f = db.file("live.json");
        db.ok(&[
            "programme",
            "export",
            "--format",
            "json",
            "--live",
            "-o",
            f.to_str().unwrap(),
        ]);
        std::fs::read(f).unwrap()
    })
    .unwrap();
    assert_eq!(live["schedule"]["version"], "live");
    let csv = String::from_utf8(export(&db, "csv", &db.file("latest.csv"), None)).unwrap();
    assert!(csv.contains("Kent care leavers' awards evening"));
    assert!(!csv.contains("Leeds foster carers' tea"), "cancelled");
    assert!(!csv.contains(HIDDEN_TITLE) && !csv.contains(HIDDEN_LATER));

    let listed = db.json(&["programme", "releases", "--json"]);
    let numbers: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2]);
    let table = db.ok(&["programme", "releases"]);
    assert!(table.contains("First programme"), "{table}");
}

#[test]
fn changes_name_each_field_old_and_new_and_never_a_private_event() {
    let db = Db::new();
    let (kent, leeds, hidden) = first_programme(&db);
    db.ok(&["programme", "release"]);
    second_programme(&db, &kent, &leeds, &hidden);
    db.ok(&["programme", "release", "--note", "Late changes"]);

    let all = db.json(&["programme", "changes", "--json"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1]["since"], 1);
    let changes = &all[1]["changes"];
    assert_eq!(changes["added"][0]["title"], "Camden care leavers' lunch");
    let changed = &changes["changed"][0];
    assert_eq!(
        changed["event"]["title"],
        "Kent care leavers' awards evening"
    );
    let fields: Vec<(String, Value, Value)> = changed["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["old"].clone(),
                f["new"].clone(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            (
                "Title".to_string(),
                Value::from("Kent care leavers' awards"),
                Value::from("Kent care leavers' awards evening")
            ),
            (
                "Venue".to_string(),
                Value::from("Sessions House"),
                Value::from("County Hall")
            ),
        ]
    );
    let left: Vec<(&str, &str)> = changes["left"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["event"]["title"].as_str().unwrap(),
                l["why"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        left,
        [
            ("Leeds foster carers' tea", "cancelled"),
            (HIDDEN_LATER, "withdrawn")
        ]
    );
    // Since release 1: the same, as one comparison.
    let since = db.json(&["programme", "changes", "--since", "1", "--json"]);
    assert_eq!(since[0]["changes"], *changes);
    let text = db.ok(&["programme", "changes"]);
    assert!(
        text.contains("  Venue: \"Sessions House\" to \"County Hall\""),
        "{text}"
    );
    assert!(text.contains("Note: Late changes"), "{text}");
    for output in [all.iter().map(Value::to_string).collect::<String>(), text] {
        assert!(!output.contains(SECRET), "the private event in the changes");
        assert!(
            !output.contains(HIDDEN_TITLE),
            "the private event's new title in the changes"
        );
    }
    let err = fails(&db, &["programme", "changes", "--since", "7"]);
    assert!(err.contains("there is no release 7"), "{err}");
}

#[test]
fn only_an_lga_officer_releases_and_an_unchanged_programme_is_not_released_again() {
    let db = Db::new();
    let id = add(&db, "886", "Kent awards", 29, &[]);
    let err = fails(&db, &["programme", "release"]);
    assert!(
        err.starts_with("error: only an LGA officer can make a release"),
        "{err}"
    );
    db.ok(&["settings", "set", "--role", "lga-officer"]);
    db.ok(&["event", "approve", &id]);
    let made = db.json(&["programme", "release", "--json"]);
    assert_eq!(made["release"]["made_by"], "unnamed LGA officer");
    let err = fails(&db, &["programme", "release", "--note", "Again"]);
    assert!(err.contains("nothing has changed since release 1"), "{err}");
    assert_eq!(
        db.json(&["programme", "releases", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1,
        "the refused release wrote nothing"
    );
    let file = db.file("x.csv");
    let err = fails(
        &db,
        &[
            "programme",
            "export",
            "--format",
            "csv",
            "--live",
            "--release",
            "1",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(err.contains("cannot be used with"), "{err}");
    let err = fails(
        &db,
        &[
            "programme",
            "export",
            "--format",
            "csv",
            "--release",
            "4",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(err.contains("there is no release 4"), "{err}");
}

/// Reads an Atom file with feedparser (`tests/release_check/read_atom.py`);
/// `CPWEEK_PYTHON` names the interpreter (`scripts/setup test` makes one).
fn feedparser(file: &Path) -> Value {
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(python)
        .arg(common::repo().join("tests/release_check/read_atom.py"))
        .arg(file)
        .output()
        .expect("python3 is needed: run `scripts/setup test`");
    assert!(
        out.status.success(),
        "read_atom.py failed: {}\n(if a package is missing: pip install -r tests/release_check/requirements.txt)",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_releases_feed_is_atom_that_feedparser_reads_with_titles_kept_as_text() {
    let db = Db::new();
    let (kent, leeds, hidden) = first_programme(&db);
    db.ok(&["programme", "release", "--note", "First <b>programme</b>"]);
    second_programme(&db, &kent, &leeds, &hidden);
    db.ok(&["programme", "release"]);
    let file = db.file("changes.atom");
    let url = "https://cpweek.example.org.uk/2014";
    let args = [
        "programme",
        "changes",
        "--format",
        "atom",
        "--public-url",
        url,
        "-o",
        file.to_str().unwrap(),
    ];
    db.ok(&args);
    let bytes = std::fs::read(&file).unwrap();
    let raw = String::from_utf8(bytes.clone()).unwrap();
    assert!(!raw.contains("<script>") && !raw.contains("<b>"), "{raw}");
    assert!(!raw.contains(SECRET) && !raw.contains(HIDDEN_TITLE));
    // A pure function of the releases: the same bytes again.
    let mut again = args;
    let second = db.file("again.atom");
    again[7] = second.to_str().unwrap();
    db.ok(&again);
    assert_eq!(std::fs::read(&second).unwrap(), bytes);

    let feed = feedparser(&file);
    assert_eq!(feed["bozo"], false, "{}", feed["bozo_exception"]);
    assert_eq!(feed["version"], "atom10");
    assert_eq!(
        feed["title"],
        "Corporate Parenting Week 2014: releases of the national programme"
    );
    assert_eq!(feed["language"], "en-GB");
    assert!(feed["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(feed["author"], "Local Government Association");
    let links: Vec<(&str, &str)> = feed["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["rel"].as_str().unwrap(), l["href"].as_str().unwrap()))
        .collect();
    assert!(
        links.contains(&("self", "https://cpweek.example.org.uk/2014/changes.atom")),
        "{links:?}"
    );
    let entries = feed["entries"].as_array().unwrap();
    let titles: Vec<&str> = entries
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Release 2 (since release 1): 1 added, 1 changed, 1 cancelled, 1 withdrawn",
            "Release 1: 4 added",
        ]
    );
    let releases = db.json(&["programme", "releases", "--json"]);
    assert_eq!(entries[0]["updated"], releases[1]["made_at"]);
    assert_ne!(entries[0]["id"], entries[1]["id"]);
    let first = &entries[1]["content"][0];
    assert_eq!(first["type"], "text/plain");
    let text = first["value"].as_str().unwrap();
    assert!(
        text.contains(&format!("- {HOSTILE} (Manchester")),
        "the hostile title, read back as the same text: {text}"
    );
    assert!(text.contains("Note: First <b>programme</b>"), "{text}");
    let second = entries[0]["content"][0]["value"].as_str().unwrap();
    assert!(
        second.contains("  Venue: \"Sessions House\" to \"County Hall\""),
        "{second}"
    );
    assert!(
        second.contains("Cancelled (1):\n- Leeds foster carers' tea"),
        "{second}"
    );
    assert!(!second.contains(HIDDEN_TITLE), "{second}");
}
