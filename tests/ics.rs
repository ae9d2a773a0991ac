//! iCalendar import and export through the `cpweek` binary, with the
//! exported bytes checked here and by three independent parsers: Python's
//! `icalendar` and `vobject` (validation on), and npm's `ical.js`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixture, Db};
use serde_json::Value;

fn event<'a>(events: &'a [Value], uid: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["uid"] == uid)
        .unwrap_or_else(|| panic!("no event {uid} in {events:#?}"))
}

/// The event's UTC start and end, as the store holds them.
fn utc(e: &Value) -> (String, String) {
    let t = |k: &str| {
        chrono::DateTime::parse_from_rfc3339(e[k].as_str().unwrap())
            .unwrap()
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    (t("start"), t("end"))
}

#[test]
fn outlook_calendar_imports_with_the_right_instants() {
    let db = Db::new();
    let r = db.json(&[
        "import",
        "ics",
        &fixture("outlook.ics"),
        "--council",
        "886",
        "--json",
    ]);
    // 5 single events, 4 daily occurrences (one EXDATE), 1 weekly one in the
    // week (and 3 before it; occurrences are counted up to the end of the
    // last programme).
    assert_eq!(r["created"], 10, "{r:#}");
    assert_eq!(r["skipped"].as_array().unwrap().len(), 0, "{r:#}");
    let series = r["series"].as_array().unwrap();
    assert_eq!(series.len(), 2);
    assert_eq!(
        (
            series[0]["occurrences"].as_u64(),
            series[0]["outside"].as_u64()
        ),
        (Some(4), Some(0))
    );
    assert_eq!(
        (
            series[1]["occurrences"].as_u64(),
            series[1]["outside"].as_u64()
        ),
        (Some(1), Some(3))
    );
    let events = db.events("2014");
    // "GMT Standard Time" on 24 October 2014 is summer time: 10am is 09:00 UTC.
    let coffee = event(&events, "040000008200E00074C5B7101A82E00800000000A1");
    assert_eq!(
        utc(coffee),
        ("2014-10-24T09:00:00Z".into(), "2014-10-24T11:00:00Z".into())
    );
    assert_eq!(coffee["venue"], "Sessions House, County Hall, Maidstone");
    // Folded with a TAB, and "é" split across a fold.
    assert_eq!(
        coffee["description"],
        "Tea and cake for foster carers, with the fostering team on hand to answer questions. Café open from 9.30am."
    );
    // A VTIMEZONE under a name no database knows, read from its rules.
    let briefing = event(&events, "040000008200E00074C5B7101A82E00800000000A7");
    assert_eq!(
        utc(briefing),
        ("2014-10-24T14:00:00Z".into(), "2014-10-24T15:30:00Z".into())
    );
    // The repeated hour on 26 October 2014 means the first 01:30 (BST).
    let night = event(&events, "040000008200E00074C5B7101A82E00800000000A3");
    assert_eq!(
        utc(night),
        ("2014-10-26T00:30:00Z".into(), "2014-10-26T02:30:00Z".into())
    );
    let private = event(&events, "040000008200E00074C5B7101A82E00800000000A2");
    assert_eq!(private["visibility"], "private");
    assert_eq!(utc(private).0, "2014-10-28T14:00:00Z");
    let day = event(&events, "040000008200E00074C5B7101A82E00800000000A4");
    assert_eq!(
        (
            day["all_day"].as_bool(),
            day["start_date"].as_str(),
            day["end_date"].as_str()
        ),
        (Some(true), Some("2014-10-29"), Some("2014-10-29"))
    );
    let dropin: Vec<String> = events
        .iter()
        .filter(|e| {
            e["uid"]
                .as_str()
                .unwrap()
                .starts_with("040000008200E00074C5B7101A82E00800000000A5/")
        })
        .map(|e| utc(e).0)
        .collect();
    assert_eq!(
        dropin,
        [
            "2014-10-27T16:00:00Z",
            "2014-10-28T16:00:00Z",
            "2014-10-30T16:00:00Z",
            "2014-10-31T16:00:00Z"
        ]
    );
}

#[test]
fn google_calendar_imports_with_the_right_instants() {
    let db = Db::new();
    let out = db.ok(&[
        "import",
        "ics",
        &fixture("google.ics"),
        "--council",
        "Leeds",
        "--skip-invalid",
    ]);
    assert!(
        out.contains("Leeds (383): 6 created, 0 updated, 0 unchanged, 0 skipped, 1 faulty."),
        "{out}"
    );
    assert!(
        out.contains("RRULE:FREQ=FORTNIGHTLY cannot be expanded"),
        "{out}"
    );
    assert!(
        out.contains("Recurring event \"Lunchtime advice clinic\""),
        "{out}"
    );
    assert!(
        out.contains("2 occurrences in the week imported, each linked to series"),
        "{out}"
    );
    // The 2012 week was summer time.
    let y2012 = db.events("2012");
    assert_eq!(
        utc(event(&y2012, "3k1l2m3n4o5p6q7r8s9t0u1v2w@google.com")),
        ("2012-06-26T09:00:00Z".into(), "2012-06-26T11:00:00Z".into())
    );
    let events = db.events("2014");
    let awards = event(&events, "4a5b6c7d8e9f0g1h2i3j4k5l6m@google.com");
    assert_eq!(
        awards["description"],
        "Celebrating the achievements of Leeds care leavers, with awards and a buffet."
    );
    assert_eq!(
        awards["themes"],
        serde_json::json!(["achievement", "care-leavers"])
    );
    let days = event(&events, "5b6c7d8e9f0g1h2i3j4k5l6m7n@google.com");
    assert_eq!(
        (days["start_date"].as_str(), days["end_date"].as_str()),
        (Some("2014-10-30"), Some("2014-10-31"))
    );
    assert_eq!(
        event(&events, "6c7d8e9f0g1h2i3j4k5l6m7n8o@google.com")["status"],
        "cancelled"
    );
    // The 30 October occurrence was moved to 1pm (RECURRENCE-ID).
    let moved = event(
        &events,
        "7d8e9f0g1h2i3j4k5l6m7n8o9p@google.com/20141030T120000Z",
    );
    assert_eq!(utc(moved).0, "2014-10-30T13:00:00Z");
    assert_eq!(moved["title"], "Lunchtime advice clinic (moved to 1pm)");
    assert_eq!(
        utc(event(
            &events,
            "7d8e9f0g1h2i3j4k5l6m7n8o9p@google.com/20141027T120000Z"
        ))
        .0,
        "2014-10-27T12:00:00Z"
    );
}

#[test]
fn apple_calendar_imports_with_the_right_instants() {
    let db = Db::new();
    let r = db.json(&[
        "import",
        "ics",
        &fixture("apple.ics"),
        "--council",
        "352",
        "--json",
    ]);
    assert_eq!(r["created"], 3, "{r:#}");
    let events = db.events("2014");
    let fun = event(&events, "A1B2C3D4-E5F6-4718-9A0B-C1D2E3F4A5B6");
    assert_eq!(
        utc(fun),
        ("2014-10-30T10:00:00Z".into(), "2014-10-30T12:00:00Z".into())
    );
    // The LOCATION's lines make one line of venue.
    assert_eq!(fun["venue"], "Manchester Town Hall, Albert Square, M60 2LA");
    assert_eq!(
        fun["description"],
        "An afternoon of music, games and food; everyone welcome."
    );
    assert_eq!(fun["booking_url"], "https://www.manchester.gov.uk/events");
    let trip = event(&events, "B2C3D4E5-F6A7-4829-8B0C-D1E2F3A4B5C6");
    assert_eq!(
        trip["visibility"], "private",
        "CLASS:CONFIDENTIAL is private"
    );
    assert_eq!(
        (trip["start_date"].as_str(), trip["end_date"].as_str()),
        (Some("2014-10-31"), Some("2014-11-01"))
    );
    // A floating time is Europe/London: 6pm on 24 October 2014 is 17:00 UTC.
    assert_eq!(
        utc(event(&events, "C3D4E5F6-A7B8-4930-9C1D-E2F3A4B5C6D7")).0,
        "2014-10-24T17:00:00Z"
    );
}

#[test]
fn the_same_file_twice_changes_nothing_and_dry_run_writes_nothing() {
    let db = Db::new();
    let dry = db.json(&[
        "import",
        "ics",
        &fixture("google.ics"),
        "--council",
        "383",
        "--dry-run",
        "--skip-invalid",
        "--json",
    ]);
    assert_eq!(
        (dry["created"].as_u64(), dry["dry_run"].as_bool()),
        (Some(6), Some(true))
    );
    assert_eq!(dry["faulty"][0]["line"], 91);
    assert!(dry["faulty"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("line 94: RRULE:FREQ=FORTNIGHTLY"));
    assert!(db.events("2014").is_empty());
    db.ok(&[
        "import",
        "ics",
        &fixture("google.ics"),
        "--council",
        "383",
        "--skip-invalid",
    ]);
    let before = (db.events("2012"), db.events("2014"));
    let again = db.json(&[
        "import",
        "ics",
        &fixture("google.ics"),
        "--council",
        "383",
        "--skip-invalid",
        "--json",
    ]);
    assert_eq!(
        (
            again["created"].as_u64(),
            again["updated"].as_u64(),
            again["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(6))
    );
    assert_eq!(before, (db.events("2012"), db.events("2014")));
}

#[test]
fn bad_files_are_refused_with_the_line_and_nothing_written() {
    let db = Db::new();
    let good = "BEGIN:VEVENT\r\nUID:ok@x\r\nDTSTART:20141028T100000Z\r\nDTEND:20141028T110000Z\r\nSUMMARY:Fine\r\nEND:VEVENT\r\n";
    let cases = [
        ("not-a-calendar.ics", "Subject,Start Date\r\nTea,28/10/2014\r\n".to_string(), "line 1: this is not an iCalendar file"),
        ("missing-end.ics", format!("BEGIN:VCALENDAR\r\n{good}BEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n"), "line 10: END:VCALENDAR does not match BEGIN:VEVENT on line 8"),
        ("impossible-date.ics", format!("BEGIN:VCALENDAR\r\n{good}BEGIN:VEVENT\r\nUID:y\r\nDTSTART:20141031T100000Z\r\nDTEND:20141032T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "line 11: DTEND: \"20141032T100000Z\" is not a real date"),
        ("end-before-start.ics", format!("BEGIN:VCALENDAR\r\n{good}BEGIN:VEVENT\r\nUID:z\r\nDTSTART:20141031T100000Z\r\nDTEND:20141031T090000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), "line 11: the event ends"),
    ];
    for (name, text, expected) in cases {
        let path = db.file(name);
        std::fs::write(&path, text).unwrap();
        let out = db.run(&["import", "ics", path.to_str().unwrap(), "--council", "886"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} was accepted");
        assert!(err.contains(expected), "{name}: {err}");
        assert!(db.events("2014").is_empty(), "{name} wrote something");
    }
    // Over 50 MB: refused before it is read (a sparse file of 51 MB).
    let big = db.file("big.ics");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(51 * 1024 * 1024)
        .unwrap();
    let out = db.run(&["import", "ics", big.to_str().unwrap(), "--council", "886"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("over 50 MB are refused"));
    // An unknown council is named.
    let out = db.run(&[
        "import",
        "ics",
        &fixture("apple.ics"),
        "--council",
        "Atlantis",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Atlantis"));
}

/// Checks the bytes of a feed: CRLF line ends only, no physical line over
/// 75 octets, and TEXT values escaped (no bare `,` or `;`, no unknown
/// escape). None of the parsers below checks these.
fn check_bytes(body: &[u8]) {
    let text = std::str::from_utf8(body).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    for (i, line) in text.split("\r\n").enumerate() {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "line {}: bare line break",
            i + 1
        );
        assert!(line.len() <= 75, "line {} is {} octets", i + 1, line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    for line in unfolded.split("\r\n") {
        for key in [
            "SUMMARY:",
            "DESCRIPTION:",
            "LOCATION:",
            "NAME:",
            "X-WR-CALNAME:",
        ] {
            if let Some(value) = line.strip_prefix(key) {
                let mut chars = value.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => assert!(
                            matches!(chars.next(), Some('\\' | ';' | ',' | 'n')),
                            "bad escape in {line}"
                        ),
                        ',' | ';' => panic!("unescaped {c} in {line}"),
                        _ => {}
                    }
                }
            }
        }
    }
}

fn checker_dir() -> std::path::PathBuf {
    common::repo().join("tests/ics_check")
}

/// What Python's icalendar and vobject read from the file. Fails (never
/// skips) when they are missing, saying what to install. `CPWEEK_PYTHON`
/// names the interpreter that has them (`scripts/setup test` makes one).
fn python_parsers(path: &Path) -> Value {
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(python)
        .arg(checker_dir().join("check.py"))
        .arg(path)
        .output()
        .expect("python3 is needed for this test: install Python 3, then `pip install -r tests/ics_check/requirements.txt`");
    assert!(
        out.status.success(),
        "the Python parsers refused {}: {}\n(if a package is missing: pip install -r tests/ics_check/requirements.txt)",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What ical.js reads from the file. Fails when it is not installed.
fn icaljs(path: &Path) -> Value {
    assert!(
        checker_dir().join("node_modules/ical.js").is_dir(),
        "ical.js is not installed: run `npm ci --prefix tests/ics_check` (Node 20+)"
    );
    let out = Command::new("node")
        .arg(checker_dir().join("check.mjs"))
        .arg(path)
        .output()
        .expect("node is needed for this test: install Node.js 20+, then `npm ci --prefix tests/ics_check`");
    assert!(
        out.status.success(),
        "ical.js refused {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Exports a feed to a file, checks its bytes and has every parser read
/// it; returns the events each parser found (they must agree).
fn export_and_parse(db: &Db, name: &str, args: &[&str]) -> Vec<Value> {
    let path = db.file(name);
    let mut all = vec!["export", "ics"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", path.to_str().unwrap()]);
    db.ok(&all);
    let bytes = std::fs::read(&path).unwrap();
    check_bytes(&bytes);
    let py = python_parsers(&path);
    let js = icaljs(&path);
    let a = py["icalendar"]["events"].as_array().unwrap().clone();
    assert_eq!(
        &a,
        py["vobject"]["events"].as_array().unwrap(),
        "icalendar and vobject disagree"
    );
    assert_eq!(
        &a,
        js["icaljs"]["events"].as_array().unwrap(),
        "icalendar and ical.js disagree"
    );
    for cal in [&py["icalendar"]["calendar"], &js["icaljs"]["calendar"]] {
        assert_eq!(cal["METHOD"], "PUBLISH");
        assert_eq!(cal["VERSION"], "2.0");
        assert_eq!(cal["NAME"], cal["X-WR-CALNAME"]);
        assert_eq!(cal["X-PUBLISHED-TTL"], "PT1H");
        assert!(cal["REFRESH-INTERVAL"].as_str().is_some(), "{cal}");
    }
    // Exporting again (replacing the file) gives the same bytes.
    all.push("--force");
    let again = db.ok(&all);
    assert!(again.is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    a
}

#[test]
fn exported_feeds_pass_three_parsers_and_the_byte_checks() {
    let db = Db::new();
    for (file, council) in [
        ("outlook.ics", "886"),
        ("google.ics", "383"),
        ("apple.ics", "352"),
    ] {
        db.ok(&[
            "import",
            "ics",
            &fixture(file),
            "--council",
            council,
            "--skip-invalid",
        ]);
    }
    // An event with everything that needs escaping and a long description.
    let tricky = db.json(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Tea, cake; and \\ talk — café",
        "--start",
        "2014-10-29T10:00",
        "--end",
        "2014-10-29T11:30",
        "--description",
        &format!(
            "Line one, with commas; and semicolons.\nLine two \\ backslash. {}",
            "Ünïcödé ".repeat(20)
        ),
        "--venue",
        "Room 1, Sessions House",
        "--theme",
        "education",
        "--json",
    ]);
    let tricky_uid = tricky["uid"].as_str().unwrap().to_string();
    // Approve everything public in Kent; cancel one; leave Leeds submitted.
    db.ok(&["settings", "set", "--role", "lga-officer"]);
    let events = db.events("2014");
    for e in events
        .iter()
        .filter(|e| e["council"] == "886" && e["status"] == "submitted")
    {
        db.ok(&["event", "approve", &e["id"].to_string()]);
    }
    let coffee = event(&events, "040000008200E00074C5B7101A82E00800000000A1")["id"].to_string();
    db.ok(&["event", "cancel", &coffee, "--reason", "Room flooded"]);

    let national = export_and_parse(&db, "national.ics", &[]);
    let store = db.events("2014");
    let uids = |evs: &[Value]| -> Vec<String> {
        evs.iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect()
    };
    // Every approved public event, and every cancelled one that had been
    // approved, with its UTC instants, status and SEQUENCE.
    let expected: Vec<&Value> = store
        .iter()
        .filter(|e| {
            let was_in_programme = e["status"] == "approved"
                || (e["status"] == "cancelled" && e["was_approved"] == true);
            was_in_programme && e["visibility"] == "public"
        })
        .collect();
    assert!(
        store
            .iter()
            .any(|e| e["status"] == "cancelled" && e["was_approved"] == false),
        "the fixtures hold an event cancelled before approval, which national leaves out"
    );
    assert_eq!(national.len(), expected.len());
    for e in expected {
        let got = event(&national, e["uid"].as_str().unwrap());
        assert_eq!(got["summary"], e["title"]);
        assert_eq!(got["sequence"], e["sequence"]);
        if e["all_day"] == true {
            assert_eq!(got["start"], e["start_date"]);
        } else {
            let (s, end) = utc(e);
            assert_eq!(
                (got["start"].as_str().unwrap(), got["end"].as_str().unwrap()),
                (s.as_str(), end.as_str())
            );
        }
        let status = match e["status"].as_str().unwrap() {
            "approved" => "CONFIRMED",
            _ => "CANCELLED",
        };
        assert_eq!(got["status"], status);
        assert!(got["class"].is_null());
    }
    let cancelled = event(&national, "040000008200E00074C5B7101A82E00800000000A1");
    assert_eq!(
        (cancelled["status"].as_str(), cancelled["sequence"].as_u64()),
        (Some("CANCELLED"), Some(2))
    );
    let t = event(&national, &tricky_uid);
    assert_eq!(t["summary"], "Tea, cake; and \\ talk — café");
    assert!(t["description"]
        .as_str()
        .unwrap()
        .starts_with("Line one, with commas; and semicolons.\nLine two \\ backslash. Ünïcödé"));
    assert_eq!(
        t["categories"],
        serde_json::json!(["Education of children in care", "South East"])
    );
    assert!(
        !uids(&national).iter().any(|u| u.ends_with("A2")),
        "private event in the national feed"
    );

    // Partner feeds never hold the private event; a council's own copy does.
    for (name, scope) in [
        ("kent.ics", "council:886"),
        ("south-east.ics", "region:South East"),
        ("education.ics", "theme:education"),
        ("leeds.ics", "council:Leeds"),
    ] {
        let evs = export_and_parse(&db, name, &["--scope", scope]);
        assert!(evs.iter().all(|e| e["class"].is_null()), "{name}");
        assert!(
            !uids(&evs)
                .iter()
                .any(|u| u.ends_with("A2") || u == "B2C3D4E5-F6A7-4829-8B0C-D1E2F3A4B5C6"),
            "{name}"
        );
    }
    let leeds = export_and_parse(&db, "leeds2.ics", &["--scope", "council:383"]);
    assert!(
        leeds.iter().any(|e| e["status"] == "TENTATIVE"),
        "submitted events are TENTATIVE"
    );
    let own = export_and_parse(
        &db,
        "kent-own.ics",
        &["--scope", "council:886", "--include-private"],
    );
    assert_eq!(
        event(&own, "040000008200E00074C5B7101A82E00800000000A2")["class"],
        "PRIVATE"
    );
    let y2012 = export_and_parse(
        &db,
        "leeds-2012.ics",
        &["--scope", "council:383", "--programme", "2012"],
    );
    assert_eq!(y2012[0]["start"], "2012-06-26T09:00:00Z");

    // Export then import changes nothing.
    let before = db.events("2014");
    let r = db.json(&[
        "import",
        "ics",
        db.file("kent-own.ics").to_str().unwrap(),
        "--council",
        "886",
        "--json",
    ]);
    assert_eq!(
        (r["created"].as_u64(), r["updated"].as_u64()),
        (Some(0), Some(0)),
        "{r:#}"
    );
    assert_eq!(r["skipped"].as_array().unwrap().len(), 0, "{r:#}");
    assert_eq!(before, db.events("2014"));
}

#[test]
fn imported_events_with_hostile_text_are_refused_one_by_one() {
    let db = Db::new();
    let event = |uid: &str, extra: &str| {
        format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:20141028T100000Z\r\nDTEND:20141028T110000Z\r\nSUMMARY:Tea\r\n{extra}END:VEVENT\r\n")
    };
    let long_uid = format!("{}@x", "u".repeat(300));
    let file = [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n".to_string(),
        event(
            "good@x",
            "LOCATION:Town Hall\\nAlbert Square\r\nURL:https://x.org/ok\r\n",
        ),
        // A lone CR inside a line is not a line end: it reaches the value.
        event("cr@x", "URL:https://x.org/\rEND:VEVENT\rUID:evil\r\n"),
        event("tab@x", "URL:https://x.org/a\tb\r\n"),
        event(&long_uid, ""),
        event("esc\u{1b}[2J@x", ""),
        event("venue@x", "LOCATION:Hall\u{1b}[2J\r\n"),
        "END:VCALENDAR\r\n".to_string(),
    ]
    .concat();
    let path = db.file("hostile.ics");
    std::fs::write(&path, file).unwrap();
    // Each hostile event is that event's fault: without --skip-invalid the
    // file is refused, naming every one, and nothing is written.
    let refused = db.run(&["import", "ics", path.to_str().unwrap(), "--council", "886"]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(stderr.matches("error: line ").count(), 5, "{stderr}");
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
    assert!(db.events("2014").is_empty());
    let r = db.json(&[
        "import",
        "ics",
        path.to_str().unwrap(),
        "--council",
        "886",
        "--skip-invalid",
        "--json",
    ]);
    assert_eq!(r["created"], 1, "{r:#}");
    let mut reasons: Vec<(u64, String)> = r["faulty"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().unwrap(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    reasons.sort();
    let too_long = format!(
        "UID is {} characters; it must be 255 characters or fewer",
        long_uid.len()
    );
    let expected: [(u64, &str); 5] = [
        (11, "booking link \"https://x.org/\\rEND:VEVENT\\rUID:evil\" has a line break (\\r)"),
        (18, "booking link \"https://x.org/a\\tb\" has a tab (\\t)"),
        (25, &too_long),
        (31, "UID must be one line of text without control characters; it has a control character (\\u{1b})"),
        (37, "venue must be one line of text without control characters; it has a control character (\\u{1b})"),
    ];
    assert_eq!(reasons.len(), expected.len(), "{reasons:#?}");
    for ((line, reason), (want_line, want)) in reasons.iter().zip(expected) {
        assert_eq!(*line, want_line, "{reason}");
        assert!(reason.starts_with(want), "{reason}\nexpected {want}");
    }
    let events = db.events("2014");
    assert_eq!(events.len(), 1);
    // The calendar's LOCATION lines make one line of venue.
    assert_eq!(events[0]["venue"], "Town Hall, Albert Square");
    assert_eq!(events[0]["booking_url"], "https://x.org/ok");
    // The report for people shows the hostile text escaped.
    let out = db.ok(&[
        "import",
        "ics",
        path.to_str().unwrap(),
        "--council",
        "886",
        "--skip-invalid",
        "--dry-run",
    ]);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(out.contains("(UID esc\\u{1b}[2J@x)"), "{out}");
}

/// Every content line of a feed, unfolded, must be one of the properties
/// the emitter writes, and the feed must hold `events` VEVENTs: nothing
/// stored can add a line, a property or a component.
fn only_our_lines(body: &[u8], events: usize) {
    const NAMES: &[&str] = &[
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "NAME",
        "X-WR-CALNAME",
        "REFRESH-INTERVAL",
        "X-PUBLISHED-TTL",
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "DESCRIPTION",
        "LOCATION",
        "URL",
        "CATEGORIES",
        "CLASS",
        "STATUS",
        "SEQUENCE",
        "CREATED",
        "LAST-MODIFIED",
    ];
    let text = std::str::from_utf8(body).unwrap();
    for (i, line) in text.split("\r\n").enumerate() {
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "line {}: control character in {line:?}",
            i + 1
        );
    }
    let unfolded = text.replace("\r\n ", "");
    let mut begins = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let name = line.split([':', ';']).next().unwrap();
        assert!(NAMES.contains(&name), "a line we never write: {line:?}");
        if let Some(what) = line.strip_prefix("BEGIN:") {
            begins.push(what.to_string());
        }
    }
    let mut expected = vec!["VCALENDAR".to_string()];
    expected.extend(std::iter::repeat_n("VEVENT".to_string(), events));
    assert_eq!(begins, expected);
}

#[test]
fn hostile_text_in_the_store_cannot_break_a_feed() {
    let db = Db::new();
    db.ok(&["settings", "set", "--role", "lga-officer"]);
    let added = db.json(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Tea",
        "--start",
        "2014-10-28T10:00",
        "--end",
        "2014-10-28T12:00",
        "--theme",
        "education",
        "--json",
    ]);
    let id = added["id"].to_string();
    db.ok(&["event", "approve", &id]);
    // Past validation, as an older version or another program might have
    // left it: every text the feed carries, hostile.
    let inject = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Injected";
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE events SET uid = ?2, title = ?3, description = ?4, venue = ?5, address = ?6,
             postcode = ?7, booking_url = ?8 WHERE id = ?1",
        rusqlite::params![
            added["id"].as_i64().unwrap(),
            format!("x{inject}"),
            format!("Tea{inject}"),
            format!("Desc\u{1b}[2J\r{inject}\u{0}\u{85}"),
            format!("Hall\r{inject}"),
            format!("1 High St\n{inject}"),
            format!("ME14{inject}"),
            format!("https://x.org/{inject}\u{7f} é"),
        ],
    )
    .unwrap();
    conn.execute(
        "UPDATE regions SET name = 'South East' || ?1 WHERE name = 'South East'",
        [inject],
    )
    .unwrap();
    conn.execute(
        "UPDATE themes SET name = 'Education' || ?1 WHERE slug = 'education'",
        [inject],
    )
    .unwrap();
    conn.execute(
        "UPDATE programmes SET name = 'Week' || ?1 WHERE id = '2014'",
        [inject],
    )
    .unwrap();
    drop(conn);
    for (name, args) in [
        ("national.ics", vec![]),
        ("kent.ics", vec!["--scope", "council:886"]),
        ("education.ics", vec!["--scope", "theme:education"]),
    ] {
        let events = export_and_parse(&db, name, &args);
        only_our_lines(&std::fs::read(db.file(name)).unwrap(), 1);
        assert_eq!(events.len(), 1, "{name}: {events:#?}");
        let e = &events[0];
        assert!(e["uid"].as_str().unwrap().starts_with('x'), "{e}");
        assert!(e["summary"].as_str().unwrap().starts_with("Tea"), "{e}");
        assert_ne!(e["uid"], "evil");
    }
    // The URL went out percent-encoded, as one line.
    let body = std::fs::read_to_string(db.file("national.ics")).unwrap();
    assert!(
        body.replace("\r\n ", "").contains(
            "URL:https://x.org/%0D%0AEND:VEVENT%0D%0ABEGIN:VEVENT%0D%0AUID:evil%0D%0ASUMMARY:Injected%7F%20%C3%A9\r\n"
        ),
        "{body}"
    );
}

#[test]
fn include_private_is_refused_for_anything_but_a_councils_own_events() {
    let db = Db::new();
    db.ok(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Kent children in care council",
        "--start",
        "2014-10-29T10:00",
        "--end",
        "2014-10-29T12:00",
        "--private",
    ]);
    for scope in ["national", "region:South East", "theme:education"] {
        let path = db.file("private.ics");
        let out = db.run(&[
            "export",
            "ics",
            "--scope",
            scope,
            "--include-private",
            "-o",
            path.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{scope}: {stderr}");
        let line = stderr
            .lines()
            .find(|l| l.starts_with("error: "))
            .unwrap_or_else(|| panic!("{scope}: no error line in {stderr:?}"));
        assert!(line.contains("--include-private"), "{line}");
        assert!(line.contains("--scope council:CODE"), "{line}");
        assert!(!path.exists(), "{scope}: a file was written");
        // Nor is anything printed to standard output.
        let out = db.run(&["export", "ics", "--scope", scope, "--include-private"]);
        assert!(!out.status.success(), "{scope}");
        assert!(out.stdout.is_empty(), "{scope}");
    }
    let own = db.ok(&[
        "export",
        "ics",
        "--scope",
        "council:Kent",
        "--include-private",
    ]);
    assert!(own.contains("Kent children in care council"));
}
