//! The `cpweek` CLI contract, run as a real binary on a temporary database:
//! the names scripts and partners rely on, and how bad input is refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cpweek.db");
        Db { _dir: dir, path }
    }

    fn initialised() -> Db {
        let db = Db::new();
        db.ok(&["init"]);
        db
    }

    fn run(&self, args: &[&str]) -> Output {
        cpweek(&self.path, args)
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "cpweek {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let stdout = self.ok(&all);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("stdout of {args:?} is not JSON only ({e}):\n{stdout}"))
    }

    /// Runs and expects refusal; returns stderr.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "cpweek {args:?} should have failed");
        assert!(out.stdout.is_empty(), "a refusal prints nothing on stdout");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("panicked"), "{stderr}");
        stderr
    }

    fn events(&self) -> Value {
        self.json(&["event", "list"])
    }
}

fn cpweek(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cpweek"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CPWEEK_DB")
        .output()
        .unwrap()
}

const KENT: &[&str] = &[
    "event",
    "add",
    "--council",
    "886",
    "--title",
    "Kent celebrates its care leavers",
    "--start",
    "2014-10-28T10:00",
    "--end",
    "2014-10-28T12:00",
];

fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = base.to_vec();
    args.extend_from_slice(extra);
    args
}

#[test]
fn init_twice_leaves_152_councils_in_the_right_regions() {
    let db = Db::initialised();
    db.ok(&["init"]);
    let councils = db.json(&["councils"]);
    let councils = councils.as_array().unwrap();
    assert_eq!(councils.len(), 152);
    let kent = councils.iter().find(|c| c["code"] == "886").unwrap();
    assert_eq!(kent["name"], "Kent");
    assert_eq!(kent["display_name"], "Kent");
    assert_eq!(kent["gss_code"], "E10000016");
    assert_eq!(kent["region"], "South East");
    let bristol = councils.iter().find(|c| c["code"] == "801").unwrap();
    assert_eq!(bristol["name"], "Bristol, City of");
    assert_eq!(bristol["display_name"], "Bristol");
    for (region, count) in [
        ("North East", 12),
        ("North West", 23),
        ("Yorkshire and The Humber", 15),
        ("East Midlands", 9),
        ("West Midlands", 14),
        ("East of England", 11),
        ("London", 33),
        ("South East", 19),
        ("South West", 16),
    ] {
        let listed = db.json(&["councils", "--region", region]);
        assert_eq!(listed.as_array().unwrap().len(), count, "{region}");
    }
}

#[test]
fn programmes_have_their_dates_and_linked_conference() {
    let db = Db::initialised();
    let programmes = db.json(&["programmes"]);
    let p = programmes
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "2014")
        .unwrap();
    assert_eq!(p["starts_on"], "2014-10-27");
    assert_eq!(p["ends_on"], "2014-11-02");
    assert_eq!(p["time_zone"], "Europe/London");
    assert_eq!(p["is_current"], true);
    assert_eq!(p["conference"]["short_name"], "NCAS");
    assert_eq!(
        p["conference"]["name"],
        "National Children and Adult Services Conference 2014"
    );
}

#[test]
fn an_event_for_kent_lists_with_its_utc_offset() {
    let db = Db::initialised();
    let added = db.json(KENT);
    assert_eq!(added["status"], "submitted");
    assert_eq!(added["warnings"], serde_json::json!([]));
    let list = db.events();
    let e = &list[0];
    assert_eq!(e["id"], added["id"]);
    assert_eq!(e["council"], "886");
    assert_eq!(e["council_name"], "Kent");
    assert_eq!(e["title"], "Kent celebrates its care leavers");
    assert_eq!(e["start"], "2014-10-28T10:00:00+00:00");
    assert_eq!(e["end"], "2014-10-28T12:00:00+00:00");
    assert_eq!(e["all_day"], false);
    assert_eq!(e["visibility"], "public");
    assert_eq!(e["in_week"], true);
    assert_eq!(e["conference_day"], Value::Null);

    let text = db.ok(&["event", "list"]);
    assert!(text.contains("Kent celebrates its care leavers"), "{text}");
    let shown = db.ok(&["event", "show", &e["id"].to_string()]);
    assert!(
        shown.contains("Tuesday 28 October 2014, 10am to midday"),
        "{shown}"
    );
}

#[test]
fn every_add_flag_is_stored() {
    let db = Db::initialised();
    let e = db.json(&with(
        KENT,
        &[
            "--venue",
            "Sessions House",
            "--address",
            "County Road, Maidstone",
            "--postcode",
            "me14 1xq",
            "--description",
            "Awards, music and food, with care leavers.",
            "--theme",
            "care-leavers",
            "--theme",
            "Celebrating achievement",
            "--audience",
            "care-leavers",
            "--audience",
            "elected-members",
            "--private",
            "--contact-name",
            "Sam Jones",
            "--contact-email",
            "cpw@kent.gov.uk",
            "--contact-phone",
            "03000 41 41 41",
            "--booking-url",
            "https://www.kent.gov.uk/cpw",
            "--capacity",
            "120",
            "--programme",
            "2014",
        ],
    ));
    let shown = db.json(&["event", "show", &e["id"].to_string()]);
    assert_eq!(shown["venue"], "Sessions House");
    assert_eq!(shown["address"], "County Road, Maidstone");
    assert_eq!(shown["postcode"], "ME14 1XQ");
    assert_eq!(
        shown["description"],
        "Awards, music and food, with care leavers."
    );
    assert_eq!(
        shown["themes"],
        serde_json::json!(["care-leavers", "achievement"])
    );
    assert_eq!(
        shown["audiences"],
        serde_json::json!(["care-leavers", "elected-members"])
    );
    assert_eq!(shown["visibility"], "private");
    assert_eq!(shown["contact_name"], "Sam Jones");
    assert_eq!(shown["contact_email"], "cpw@kent.gov.uk");
    assert_eq!(shown["contact_phone"], "03000 41 41 41");
    assert_eq!(shown["booking_url"], "https://www.kent.gov.uk/cpw");
    assert_eq!(shown["capacity"], 120);
    assert_eq!(shown["programme"], "2014");
    assert_eq!(shown["sequence"], 0);
    assert!(shown["uid"].as_str().unwrap().contains('@'));
}

#[test]
fn summer_time_input_is_stored_as_the_right_instant() {
    let db = Db::initialised();
    let e = db.json(&[
        "event",
        "add",
        "--council",
        "Bristol",
        "--title",
        "2012 celebration",
        "--start",
        "2012-06-26T18:00",
        "--end",
        "2012-06-26T20:00",
        "--programme",
        "2012",
    ]);
    assert_eq!(e["start"], "2012-06-26T18:00:00+01:00");
    // RFC 3339 with an offset is accepted too, and means the same instant.
    let e = db.json(&[
        "event",
        "add",
        "--council",
        "Bristol",
        "--title",
        "Same instant",
        "--start",
        "2012-06-26T17:00:00Z",
        "--end",
        "2012-06-26T19:00:00+01:00",
        "--programme",
        "2012",
    ]);
    assert_eq!(e["start"], "2012-06-26T18:00:00+01:00");
    assert_eq!(e["end"], "2012-06-26T19:00:00+01:00");
}

#[test]
fn all_day_events_take_dates() {
    let db = Db::initialised();
    let e = db.json(&[
        "event",
        "add",
        "--council",
        "909",
        "--title",
        "Open day",
        "--all-day",
        "--start",
        "2014-10-30",
    ]);
    assert_eq!(e["all_day"], true);
    assert_eq!(e["start_date"], "2014-10-30");
    assert_eq!(e["end_date"], "2014-10-30");
    assert_eq!(e["conference_day"], 2);
}

#[test]
fn outside_the_week_is_accepted_with_a_warning() {
    let db = Db::initialised();
    let out = db.run(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Early start",
        "--start",
        "2014-10-20T10:00",
        "--end",
        "2014-10-20T11:00",
        "--json",
    ]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("warning: the event is outside Corporate Parenting Week 2014"));
    let e: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["in_week"], false);
    assert_eq!(e["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn each_kind_of_bad_input_names_its_field_and_writes_nothing() {
    let db = Db::initialised();
    db.json(KENT);
    let before = db.events();
    let long_title = "t".repeat(201);
    let long_description = "d".repeat(10_001);
    let cases: Vec<(Vec<&str>, &str)> =
        vec![
        (
            vec!["--end", "2014-10-28T09:00"],
            "error: end 2014-10-28 09:00 is before start 2014-10-28 10:00",
        ),
        (
            vec!["--council", "Kentt"],
            "error: council \"Kentt\" is not a council in 2014; did you mean Kent (886)?",
        ),
        (vec!["--council", "Cumberland"], "for 2014 use Cumbria (909)"),
        (
            vec!["--council", "Westmorland and Furness"],
            "for 2014 use Cumbria (909)",
        ),
        (
            vec!["--council", "North Northamptonshire"],
            "for 2014 use Northamptonshire (928)",
        ),
        (
            vec!["--council", "West Northamptonshire"],
            "for 2014 use Northamptonshire (928)",
        ),
        (
            vec!["--council", "Bournemouth, Christchurch and Poole"],
            "for 2014 use Bournemouth (837), Poole (836)",
        ),
        (
            vec!["--council", "Dorset Council"],
            "for 2014 use Dorset (835)",
        ),
        (
            vec!["--title", &long_title],
            "error: title is 201 characters; it must be 200 characters or fewer",
        ),
        (vec!["--title", "  "], "error: title is required"),
        (
            vec!["--description", &long_description],
            "error: description is 10001 characters",
        ),
        (
            vec!["--contact-email", "cpw@kent"],
            "error: contact email \"cpw@kent\" is not an email address",
        ),
        (
            vec!["--booking-url", "kent.gov.uk/cpw"],
            "error: booking link \"kent.gov.uk/cpw\" is not a web address",
        ),
        (
            vec!["--postcode", "ME14"],
            "error: postcode \"ME14\" is not a UK postcode",
        ),
        (
            vec!["--start", "28/10/2014 10:00"],
            "error: start \"28/10/2014 10:00\" is not a date and time; expected YYYY-MM-DDTHH:MM",
        ),
        (
            vec!["--start", "2014-10-28"],
            "error: start \"2014-10-28\" has no time",
        ),
        (
            vec!["--theme", "knitting"],
            "error: theme \"knitting\" is not known",
        ),
        (
            vec!["--capacity", "lots"],
            "error: capacity \"lots\" must be a whole number",
        ),
        (
            vec!["--programme", "2099"],
            "error: programme \"2099\" is not known",
        ),
        (
            vec!["--start", "1999-10-28T10:00"],
            "error: start \"1999-10-28T10:00\" is not a year a programme could run in; expected a year from 2000 to 2100",
        ),
    ];
    for (extra, expected) in cases {
        let stderr = db.refused(&with(KENT, &extra));
        assert!(
            stderr.contains(expected),
            "{extra:?}: expected {expected:?} in:\n{stderr}"
        );
        assert_eq!(db.events(), before, "{extra:?} changed the store");
    }
}

#[test]
fn refused_edits_leave_the_event_as_it_was() {
    let db = Db::initialised();
    let id = db.json(KENT)["id"].to_string();
    let before = db.json(&["event", "show", &id]);
    let stderr = db.refused(&["event", "edit", &id, "--end", "2014-10-28T08:00"]);
    assert!(stderr.contains("error: end 2014-10-28 08:00 is before start 2014-10-28 10:00"));
    assert_eq!(db.json(&["event", "show", &id]), before);
    let stderr = db.refused(&["event", "edit", "999", "--title", "x"]);
    assert_eq!(stderr.trim(), "error: event 999 was not found");
}

#[test]
fn review_and_edits_raise_sequence_and_keep_the_uid() {
    let db = Db::initialised();
    // Approving and returning are an LGA officer's (see tests/settings.rs).
    db.ok(&["settings", "set", "--role", "lga-officer"]);
    let added = db.json(KENT);
    let id = added["id"].to_string();
    let e = db.json(&["event", "edit", &id, "--venue", "Sessions House"]);
    assert_eq!(
        (e["sequence"].as_u64(), e["changed"].as_bool()),
        (Some(1), Some(true))
    );
    let e = db.json(&["event", "edit", &id, "--venue", "Sessions House"]);
    assert_eq!(
        (e["sequence"].as_u64(), e["changed"].as_bool()),
        (Some(1), Some(false))
    );
    let e = db.json(&["event", "return", &id, "--note", "Add a booking link"]);
    assert_eq!(
        (e["status"].as_str(), e["sequence"].as_u64()),
        (Some("returned"), Some(2))
    );
    assert_eq!(e["status_note"], "Add a booking link");
    let e = db.json(&[
        "event",
        "edit",
        &id,
        "--booking-url",
        "https://www.kent.gov.uk/cpw",
    ]);
    assert_eq!(
        (e["status"].as_str(), e["sequence"].as_u64()),
        (Some("submitted"), Some(3))
    );
    let e = db.json(&["event", "approve", &id]);
    assert_eq!(
        (e["status"].as_str(), e["sequence"].as_u64()),
        (Some("approved"), Some(4))
    );
    let e = db.json(&["event", "cancel", &id, "--reason", "Venue flooded"]);
    assert_eq!(
        (e["status"].as_str(), e["sequence"].as_u64()),
        (Some("cancelled"), Some(5))
    );
    assert_eq!(e["uid"], added["uid"]);

    let stderr = db.refused(&["event", "approve", &id]);
    assert!(
        stderr.contains("a cancelled event cannot change"),
        "{stderr}"
    );
    let stderr = db.refused(&["event", "return", &id, "--note", " "]);
    assert!(stderr.contains("note is required"), "{stderr}");
    let stderr = db.refused(&["event", "cancel", &id]);
    assert!(stderr.contains("--reason"), "{stderr}");
    assert_eq!(db.json(&["event", "show", &id])["sequence"], 5);
}

#[test]
fn list_filters_by_every_field_the_contract_names() {
    let db = Db::initialised();
    db.json(&with(KENT, &["--theme", "care-leavers"]));
    db.json(&[
        "event",
        "add",
        "--council",
        "Bristol, City of",
        "--title",
        "Foster carers' evening",
        "--start",
        "2014-10-29T18:00",
        "--end",
        "2014-10-29T20:00",
        "--theme",
        "fostering",
    ]);
    let titles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["event", "list"];
        all.extend_from_slice(args);
        db.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["title"].as_str().unwrap().to_string())
            .collect()
    };
    let kent = vec!["Kent celebrates its care leavers".to_string()];
    let bristol = vec!["Foster carers' evening".to_string()];
    assert_eq!(titles(&[]).len(), 2);
    assert_eq!(titles(&["--council", "Kent"]), kent);
    assert_eq!(titles(&["--region", "South West"]), bristol);
    assert_eq!(titles(&["--day", "2014-10-28"]), kent);
    assert_eq!(titles(&["--theme", "fostering"]), bristol);
    assert_eq!(titles(&["--status", "submitted"]).len(), 2);
    assert_eq!(titles(&["--search", "FOSTER"]), bristol);
    assert_eq!(titles(&["--programme", "2012"]), Vec::<String>::new());
    let stderr = db.refused(&["event", "list", "--region", "Wessex"]);
    assert!(
        stderr.contains("region \"Wessex\" is not an English region"),
        "{stderr}"
    );
}

#[test]
fn conference_days_are_editable_data() {
    let db = Db::initialised();
    db.ok(&[
        "conference",
        "edit",
        "ncas-2014",
        "--start-date",
        "2014-10-28",
        "--end-date",
        "2014-10-29",
        "--venue",
        "Manchester Central",
        "--confirmed",
        "true",
    ]);
    let e = db.json(KENT);
    assert_eq!(e["conference_day"], 1);
    db.ok(&["init"]);
    let programmes = db.json(&["programmes"]);
    let ncas = &programmes[1]["conference"];
    assert_eq!(ncas["starts_on"], "2014-10-28");
    assert_eq!(ncas["venue"], "Manchester Central");
    let stderr = db.refused(&[
        "conference",
        "edit",
        "ncas-2014",
        "--start-date",
        "2014-10-30",
        "--end-date",
        "2014-10-29",
    ]);
    assert!(stderr.contains("end date 2014-10-29 is before start date 2014-10-30"));
}

#[test]
fn a_missing_database_is_not_created_by_reads() {
    let db = Db::new();
    let stderr = db.refused(&["event", "list"]);
    assert!(stderr.contains("run `cpweek init` first"), "{stderr}");
    assert!(!db.path.exists());
}

#[test]
fn the_cpweek_db_variable_names_the_database() {
    let db = Db::initialised();
    let out = Command::new(env!("CARGO_BIN_EXE_cpweek"))
        .args(["councils", "--region", "London", "--json"])
        .env("CPWEEK_DB", &db.path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let councils: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(councils.as_array().unwrap().len(), 33);
}

#[test]
fn a_reader_that_stops_early_does_not_make_it_panic() {
    use std::io::Read;
    let db = Db::initialised();
    for i in 0..80 {
        db.ok(&with(
            KENT,
            &[
                "--title",
                &format!("Event {i} with a title long enough to fill a pipe"),
            ],
        ));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_cpweek"))
        .arg("--db")
        .arg(&db.path)
        .args(["event", "list", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, as `head` would, then close the pipe.
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn programme_summary_counts_events_councils_and_those_needing_attention() {
    let db = Db::initialised();
    let kent = db.json(KENT);
    db.json(&[
        "event",
        "add",
        "--council",
        "Leeds",
        "--title",
        "Leeds after the week",
        "--start",
        "2014-11-04T10:00",
        "--end",
        "2014-11-04T11:00",
    ]);
    let id = kent["id"].as_i64().unwrap().to_string();
    db.ok(&["event", "cancel", &id, "--reason", "Venue flooded"]);

    let s = db.json(&["programme", "summary"]);
    assert_eq!(s["programme"], "2014");
    assert_eq!(
        (s["events"].as_u64(), s["cancelled"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(s["councils_taking_part"], 1);
    assert_eq!(s["councils"], 152);
    assert_eq!(s["by_day"].as_array().unwrap().len(), 7);
    assert_eq!(s["by_day"][1]["day"], "2014-10-28");
    assert_eq!(
        s["by_day"][1]["events"], 0,
        "the cancelled event does not count"
    );
    let south_east = s["by_region"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "South East")
        .unwrap();
    assert_eq!(south_east["councils_taking_part"], 0);
    assert_eq!(south_east["not_registered"].as_array().unwrap().len(), 19);
    let why: Vec<&Value> = s["needing_attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["reasons"])
        .collect();
    assert_eq!(
        why,
        [
            &serde_json::json!(["cancelled"]),
            &serde_json::json!(["outside_the_week"])
        ]
    );

    let text = db.ok(&["programme", "summary", "--programme", "2014"]);
    assert!(
        text.starts_with(
            "Corporate Parenting Week 2014: 1 event from 1 of 152 councils; 1 cancelled."
        ),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("Tuesday 28 October 2014 ") && l.ends_with(" 0")),
        "{text}"
    );
    assert!(text.contains("Outside the week"), "{text}");
    assert_eq!(
        db.json(&["programme", "summary", "--programme", "2012"])["events"],
        0
    );
    let stderr = db.refused(&["programme", "summary", "--programme", "1999"]);
    assert!(
        stderr.contains("programme \"1999\" is not known"),
        "{stderr}"
    );
}

/// Asserts that `stderr` is `error:` lines only, with no control character
/// but the line ends: nothing from the input can fake a line or reach the
/// terminal raw.
fn only_error_lines(stderr: &str) {
    for line in stderr.lines() {
        assert!(line.starts_with("error: "), "not an error line: {line:?}");
        assert!(
            !line.chars().any(char::is_control),
            "raw control character in {line:?}"
        );
    }
}

#[test]
fn a_booking_link_that_would_inject_into_feeds_is_refused_naming_the_field() {
    let db = Db::initialised();
    let evil = "https://x.org/\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil";
    for url in [
        evil,
        "https://x.org/\rEND:VEVENT",
        "https://x.org/a\tb",
        "https://x.org/a b",
        "https://x.org/\u{1b}[2J",
    ] {
        let stderr = db.refused(&with(KENT, &["--booking-url", url]));
        assert!(
            stderr.starts_with("error: booking link \""),
            "{url:?}: {stderr}"
        );
        assert!(
            stderr.contains("expected a web address like https://"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        only_error_lines(&stderr);
    }
    let stderr = db.refused(&with(KENT, &["--booking-url", evil]));
    assert!(
        stderr.contains("\"https://x.org/\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nUID:evil\" has a line break (\\r) at character 15"),
        "{stderr}"
    );
    assert_eq!(db.events(), serde_json::json!([]), "nothing was written");
    // Too long, and a user name before the host.
    let long = format!("https://www.kent.gov.uk/{}", "a".repeat(2_000));
    let stderr = db.refused(&with(KENT, &["--booking-url", &long]));
    assert!(
        stderr.contains("it must be 2000 characters or fewer"),
        "{stderr}"
    );
    let stderr = db.refused(&with(
        KENT,
        &["--booking-url", "https://www.kent.gov.uk@evil.example/"],
    ));
    assert!(stderr.contains("user name or password"), "{stderr}");
    // What is stored is the checked, normal form.
    let e = db.json(&with(
        KENT,
        &["--booking-url", " HTTPS://WWW.Kent.gov.uk/Events "],
    ));
    assert_eq!(e["booking_url"], "https://www.kent.gov.uk/Events");
}

#[test]
fn control_characters_are_refused_in_every_text_field_and_never_echoed() {
    let db = Db::initialised();
    // Returning and cancelling with a note are an LGA officer's to try.
    db.ok(&["settings", "set", "--role", "lga-officer"]);
    let id = db.json(KENT)["id"].to_string();
    let before = db.events();
    for (flag, value, expected) in [
        (
            "--title",
            "Tea\u{1b}[2J",
            "error: title must be one line of text",
        ),
        (
            "--venue",
            "Hall\u{1b}]0;owned\u{7}",
            "error: venue must be one line of text",
        ),
        (
            "--venue",
            "Hall\r\nRoom 2",
            "error: venue must be one line of text",
        ),
        (
            "--venue",
            "Hall\u{202e}moor",
            "a direction control (\\u{202e})",
        ),
        (
            "--address",
            "1 High St\u{1b}[31m",
            "error: address may hold text, line breaks and tabs only",
        ),
        (
            "--description",
            "Tea\u{7f}",
            "error: description may hold text, line breaks and tabs only",
        ),
        (
            "--contact-name",
            "Ann\u{9b}1m",
            "error: contact name must be one line of text",
        ),
        (
            "--contact-email",
            "a\u{1b}@kent.gov.uk",
            "error: contact email must be one line of text",
        ),
        (
            "--contact-phone",
            "03000\r41 41 41",
            "error: contact phone must be one line of text",
        ),
        (
            "--postcode",
            "ME14\n1XQ",
            "error: postcode must be one line of text",
        ),
        (
            "--council",
            "Kent\r\nerror: fake",
            "error: council \"Kent\\r\\nerror: fake\"",
        ),
        (
            "--theme",
            "care\u{1b}[2J",
            "error: theme \"care\\u{1b}[2J\" is not known",
        ),
    ] {
        for args in [
            with(KENT, &[flag, value]),
            vec!["event", "edit", &id, flag, value],
        ] {
            let stderr = db.refused(&args);
            assert!(stderr.contains(expected), "{flag} {value:?}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            only_error_lines(&stderr);
            assert_eq!(db.events(), before, "{flag} {value:?} changed the store");
        }
    }
    // Review notes and reasons follow the multi-line rule.
    let stderr = db.refused(&["event", "return", &id, "--note", "Fix\u{1b}[2J"]);
    assert!(stderr.contains("error: note may hold text"), "{stderr}");
    only_error_lines(&stderr);
    let stderr = db.refused(&["event", "cancel", &id, "--reason", "\u{1b}c"]);
    assert!(stderr.contains("error: reason may hold text"), "{stderr}");
    assert_eq!(db.events(), before);
}

#[test]
fn multi_line_text_is_stored_with_plain_line_breaks() {
    let db = Db::initialised();
    let e = db.json(&with(
        KENT,
        &[
            "--description",
            "One\r\nTwo\rThree\u{2028}Four\tTabbed",
            "--address",
            "Sessions House\r\nCounty Road",
            "--venue",
            "  Sessions House  ",
        ],
    ));
    assert_eq!(e["description"], "One\nTwo\nThree\nFour\tTabbed");
    assert_eq!(e["address"], "Sessions House\nCounty Road");
    assert_eq!(e["venue"], "Sessions House");
    // `event show` keeps the lines, indented under their label.
    let shown = db.ok(&["event", "show", &e["id"].to_string()]);
    assert!(
        shown.contains("Address         Sessions House\n                County Road\n"),
        "{shown}"
    );
}

#[test]
fn conference_fields_follow_the_text_rules_and_years_are_2000_to_2100() {
    let db = Db::initialised();
    let before = db.json(&["programmes"]);
    let long = "n".repeat(201);
    for (args, expected) in [
        (
            vec!["--name", long.as_str()],
            "error: name is 201 characters; it must be 200 characters or fewer",
        ),
        (vec!["--name", "  "], "error: name is required"),
        (
            vec!["--name", "NCAS\u{1b}[2J"],
            "error: name must be one line of text",
        ),
        (
            vec!["--venue", "Manchester\r\nCentral"],
            "error: venue must be one line of text",
        ),
        (
            vec!["--start-date", "0001-01-01"],
            "error: start date 0001-01-01 is not a year a programme could run in; expected a year from 2000 to 2100",
        ),
        (
            vec!["--end-date", "9999-12-31"],
            "error: end date 9999-12-31 is not a year a programme could run in",
        ),
        (
            vec!["--start-date", "1999-10-28"],
            "expected a year from 2000 to 2100",
        ),
    ] {
        let stderr = db.refused(&with(&["conference", "edit", "ncas-2014"], &args));
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        only_error_lines(&stderr);
        assert_eq!(db.json(&["programmes"]), before, "{args:?} changed it");
    }
    // Every field at fault is named, each on its own line.
    let stderr = db.refused(&[
        "conference",
        "edit",
        "ncas-2014",
        "--name",
        &long,
        "--start-date",
        "2101-01-01",
        "--venue",
        "\u{1b}",
    ]);
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    only_error_lines(&stderr);
    let done = db.json(&[
        "conference",
        "edit",
        "ncas-2014",
        "--name",
        &"n".repeat(200),
        "--venue",
        "  Manchester Central ",
        "--start-date",
        "2100-10-28",
        "--end-date",
        "2100-10-29",
    ]);
    assert_eq!(done["venue"], "Manchester Central");
    assert_eq!(done["starts_on"], "2100-10-28");
}

#[test]
fn usage_errors_show_typed_values_escaped() {
    let db = Db::initialised();
    let out = db.run(&[
        "conference",
        "edit",
        "ncas-2014",
        "--confirmed",
        "tr\r\nerror: fake\u{1b}[2J",
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("tr\\r\\nerror: fake\\u{1b}[2J"), "{stderr}");
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    assert!(
        !stderr.lines().any(|l| l.starts_with("error: fake")),
        "{stderr}"
    );
}

#[test]
fn text_from_the_store_reaches_the_terminal_escaped() {
    let db = Db::initialised();
    let id = db.json(KENT)["id"].as_i64().unwrap();
    // As if an older version, or another program, had stored it.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE events SET title = ?2, venue = ?3, description = ?4 WHERE id = ?1",
        rusqlite::params![
            id,
            "Tea\u{1b}[2J\r\nforged line",
            "Hall\u{9b}31m",
            "One\nTwo\u{1b}]0;title\u{7}"
        ],
    )
    .unwrap();
    conn.execute(
        "UPDATE conferences SET name = 'NCAS\u{1b}[5m', venue = 'Hall\r\nX'",
        [],
    )
    .unwrap();
    drop(conn);
    for args in [
        vec!["event", "list"],
        vec!["event", "show", &id.to_string()],
        vec!["programmes"],
        vec!["programme", "summary"],
    ] {
        let stdout = db.ok(&args);
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {stdout:?}"
        );
        assert!(
            !stdout.lines().any(|l| l.starts_with("forged line")),
            "{args:?}: {stdout}"
        );
    }
    let shown = db.ok(&["event", "show", &id.to_string()]);
    assert!(shown.contains("Tea\\u{1b}[2J\\r\\nforged line"), "{shown}");
    assert!(
        shown.contains("One\n                Two\\u{1b}]0;title\\u{7}"),
        "{shown}"
    );
    // JSON carries the text exactly, escaped as JSON does.
    let e = db.json(&["event", "show", &id.to_string()]);
    assert_eq!(e["title"], "Tea\u{1b}[2J\r\nforged line");
}
