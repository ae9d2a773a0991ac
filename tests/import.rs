//! `cpweek import ics` against hostile files and against a peer parser's
//! own collection of real-world and broken calendars: Python icalendar's
//! test calendars, found through `CPWEEK_PYTHON`. Untrusted input never
//! panics; a file whose structure is broken is refused with its line; a
//! fault in one event is that event's, listed with its line and why.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::Db;
use serde_json::Value;

/// The command ended on its own terms: no panic, no abort.
fn no_panic(name: &str, out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status
            .code()
            .is_some_and(|c| c == 0 || c == 1 || c == 2),
        "{name}: exit {:?}: {err}",
        out.status
    );
    assert!(!err.contains("panicked"), "{name}: {err}");
}

fn write(db: &Db, name: &str, body: &[u8]) -> String {
    let path = db.file(name);
    std::fs::write(&path, body).unwrap();
    path.to_string_lossy().into_owned()
}

fn event(uid: &str, lines: &str) -> String {
    format!("BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid}\r\n{lines}END:VEVENT\r\n")
}

fn calendar(events: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

/// The `line` of each event the report names.
fn lines(report: &Value, key: &str) -> Vec<u64> {
    report[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect()
}

/// Each of these once crashed the process (chrono's overflow panics, a
/// string sliced through a character, a stack overflow); each is now the
/// fault of its own event, with the line, and the good event is imported.
#[test]
fn hostile_events_are_refused_one_by_one_with_their_lines() {
    let db = Db::new();
    let good = event(
        "good",
        "DTSTART:20141028T100000Z\r\nDTEND:20141028T110000Z\r\n",
    );
    let zone = "BEGIN:VTIMEZONE\r\nTZID:Evil\r\nBEGIN:STANDARD\r\nDTSTART:19700101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=ééa\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
    let hostile = [
        (
            "weeks",
            "DTSTART:20141028T100000Z\r\nDURATION:P999999999W\r\n",
            "DURATION \"P999999999W\" is longer than",
        ),
        (
            "huge",
            "DTSTART:20141028T100000Z\r\nDURATION:P999999999999999999W\r\n",
            "DURATION \"P999999999999999999W\" is longer than",
        ),
        (
            "minus",
            "DTSTART:20141028T100000Z\r\nDURATION:-P999999999W\r\n",
            "is longer than",
        ),
        (
            "end-of-time",
            "DTSTART:99991231T000000Z\r\nDURATION:P1W\r\n",
            "would end after the year 9999",
        ),
        (
            "all-day",
            "DTSTART;VALUE=DATE:99991231\r\nDURATION:P999999D\r\n",
            "would end after the year 9999",
        ),
        (
            "slice",
            "DTSTART:20141028é00000\r\n",
            "is not a date or date-time",
        ),
        (
            "slice-too",
            "DTSTART:2014102é000000\r\n",
            "is not a date or date-time",
        ),
        (
            "zone",
            "DTSTART;TZID=Evil:20141028T100000\r\n",
            "the VTIMEZONE for \"Evil\" cannot be read",
        ),
    ];
    let mut events = vec![good];
    for (uid, lines, _) in hostile {
        events.push(event(uid, lines));
    }
    // Rules with huge COUNT, INTERVAL and UNTIL, and odd EXDATEs: expanded
    // within their limits or refused, never a crash.
    for (uid, rule) in [
        ("count", "RRULE:FREQ=SECONDLY;COUNT=4294967295\r\n"),
        ("interval", "RRULE:FREQ=YEARLY;INTERVAL=4294967295\r\n"),
        ("until", "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z\r\n"),
        ("exdate", "RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:99991231T235959Z,00000101T000000Z,\r\nEXDATE;VALUE=DATE:\r\n"),
    ] {
        events.push(event(
            uid,
            &format!("DTSTART:20141027T100000Z\r\nDTEND:20141027T110000Z\r\n{rule}"),
        ));
    }
    let body = calendar(&events).replacen("VERSION:2.0\r\n", &format!("VERSION:2.0\r\n{zone}"), 1);
    let file = write(&db, "hostile.ics", body.as_bytes());
    let run = |extra: &[&str]| {
        let mut args = vec!["import", "ics", &file, "--council", "886", "--dry-run"];
        args.extend_from_slice(extra);
        let out = db.run(&args);
        no_panic("hostile.ics", &out);
        out
    };
    let out = run(&["--skip-invalid", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let faulty = r["faulty"].as_array().unwrap();
    for (uid, _, why) in hostile {
        let f = faulty
            .iter()
            .find(|f| f["uid"] == uid)
            .unwrap_or_else(|| panic!("{uid} is not listed as faulty: {r:#}"));
        let reason = f["reason"].as_str().unwrap();
        assert!(reason.starts_with("line "), "{uid}: {reason}");
        assert!(reason.contains(why), "{uid}: {reason}");
        // The line is the event's own BEGIN:VEVENT.
        let line = f["line"].as_u64().unwrap() as usize;
        assert_eq!(
            body.split("\r\n").nth(line - 1),
            Some("BEGIN:VEVENT"),
            "{uid}"
        );
    }
    assert_eq!(r["items"][0]["uid"], "good", "{r:#}");
    // The rules each became a series or a faulty event.
    let series: Vec<&str> = r["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["uid"].as_str().unwrap())
        .collect();
    for uid in ["count", "interval", "until", "exdate"] {
        assert!(
            series.contains(&uid) || faulty.iter().any(|f| f["uid"] == uid),
            "{uid}: {r:#}"
        );
    }
    // The empty EXDATE excludes nothing: 3 occurrences, in the 2014 week.
    let exdate =
        &r["series"].as_array().unwrap()[series.iter().position(|u| *u == "exdate").unwrap()];
    assert_eq!(exdate["occurrences"], 3);

    // Without --skip-invalid: refused, every faulty event an error line.
    let out = run(&[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for f in faulty {
        let line = format!("error: line {}: ", f["line"]);
        assert!(err.contains(&line), "{line} missing: {err}");
    }
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(err.contains("--skip-invalid"), "{err}");
    assert!(db.events("2014").is_empty());
}

#[test]
fn a_faulty_event_is_left_out_only_with_skip_invalid_and_nothing_is_written_without() {
    let db = Db::new();
    let file = write(
        &db,
        "mixed.ics",
        calendar(&[
            event(
                "fine",
                "DTSTART:20141028T100000Z\r\nDTEND:20141028T110000Z\r\n",
            ),
            event(
                "impossible",
                "DTSTART:20141028T100000Z\r\nDTEND:20141032T110000Z\r\n",
            ),
            event(
                "backwards",
                "DTSTART:20141028T100000Z\r\nDTEND:20141028T090000Z\r\n",
            ),
            event(
                "also-fine",
                "DTSTART:20141029T100000Z\r\nDTEND:20141029T110000Z\r\n",
            ),
        ])
        .as_bytes(),
    );
    let out = db.run(&["import", "ics", &file, "--council", "886"]);
    no_panic("mixed.ics", &out);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: line 9: \"impossible\" (UID impossible): line 13: DTEND: \"20141032T110000Z\" is not a real date"),
        "{err}"
    );
    assert!(
        err.contains("error: line 15: \"backwards\" (UID backwards): line 19: the event ends"),
        "{err}"
    );
    assert!(
        err.contains("error: nothing was imported: 2 events in the file are faulty; the other 2 events can be imported without them"),
        "{err}"
    );
    assert!(err.contains("run again with --skip-invalid"), "{err}");
    assert!(db.events("2014").is_empty(), "nothing is written");

    let out = db.ok(&["import", "ics", &file, "--council", "886", "--skip-invalid"]);
    assert!(
        out.contains("2 created, 0 updated, 0 unchanged, 0 skipped, 2 faulty."),
        "{out}"
    );
    assert!(
        out.contains("Faulty, left out:\n  line 9: \"impossible\""),
        "{out}"
    );
    let uids: Vec<String> = db
        .events("2014")
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(uids, ["fine", "also-fine"]);
}

#[test]
fn broken_structure_and_hostile_files_are_refused_whole_with_the_line() {
    let db = Db::new();
    let mut deep = String::from("BEGIN:VCALENDAR\r\n");
    for i in 0..150_000 {
        deep.push_str(if i % 2 == 0 {
            "BEGIN:VEVENT\r\n"
        } else {
            "BEGIN:X\r\n"
        });
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("deep.ics", deep.into_bytes(), "line 17: components are nested more than 16 deep"),
        (
            "latin1.ics",
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Caf\xe9\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".to_vec(),
            "line 3: the text is not UTF-8",
        ),
        (
            "cut.ics",
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n".to_vec(),
            "line 2: BEGIN:VEVENT has no matching END:VEVENT",
        ),
        (
            "nul.ics",
            b"BeGIN:\0\r\n".to_vec(),
            "line 1: this is not an iCalendar file",
        ),
    ];
    for (name, body, expected) in cases {
        let file = write(&db, name, &body);
        let out = db.run(&["import", "ics", &file, "--council", "886", "--skip-invalid"]);
        no_panic(name, &out);
        assert!(!out.status.success(), "{name} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{name}: {err}");
        assert!(!err.contains('\0'), "{name}: a NUL reached the terminal");
    }
}

/// Python icalendar's own test calendars: the well-formed ones it reads
/// (one or more VCALENDARs) are never refused whole, and every event in
/// them is accounted for (imported, a series, faulty with its line, or
/// skipped with why). None of the collection, read or not, panics.
#[test]
fn the_peer_parsers_calendars_are_read_event_by_event() {
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(&python)
        .args(["-c", PEER])
        .output()
        .unwrap_or_else(|e| {
            panic!("{python:?} cannot be run ({e}): set CPWEEK_PYTHON to a Python with icalendar (scripts/setup test)")
        });
    assert!(
        out.status.success(),
        "Python icalendar and its test calendars are needed: {}\n(set CPWEEK_PYTHON to the interpreter `scripts/setup test` makes)",
        String::from_utf8_lossy(&out.stderr)
    );
    let peer: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(peer.len() > 50, "only {} calendars found", peer.len());
    let db = Db::new();
    let mut well_formed = 0;
    for cal in &peer {
        let path = PathBuf::from(cal["file"].as_str().unwrap());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = path.to_str().unwrap();
        let args = [
            "import",
            "ics",
            file,
            "--council",
            "886",
            "--dry-run",
            "--skip-invalid",
            "--json",
        ];
        let out = db.run(&args);
        no_panic(&name, &out);
        if cal["reads"] != true {
            continue;
        }
        if cal["balanced"] != true {
            // icalendar reads past a BEGIN without its END; cpweek refuses
            // the file, naming the line.
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{name}: its structure is broken");
            assert!(err.contains(": line "), "{name}: {err}");
            continue;
        }
        well_formed += 1;
        assert!(
            out.status.success(),
            "{name} is read by icalendar but refused whole: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut seen: Vec<u64> = r["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["series"].is_null())
            .map(|i| i["line"].as_u64().unwrap())
            .chain(lines(&r, "series"))
            .chain(lines(&r, "faulty"))
            .chain(lines(&r, "skipped"))
            .collect();
        seen.sort();
        seen.dedup();
        let events = cal["events"].as_u64().unwrap();
        let alone = events - cal["overrides"].as_u64().unwrap();
        assert!(
            (seen.len() as u64) >= alone && (seen.len() as u64) <= events,
            "{name}: icalendar reads {events} events ({alone} not replacing an occurrence), cpweek accounts for {}: {r:#}",
            seen.len()
        );
        for f in r["faulty"].as_array().unwrap() {
            assert!(!f["reason"].as_str().unwrap().is_empty(), "{name}: {f}");
        }
        // Without --skip-invalid, a file with faulty events is refused,
        // listing each; one without is imported as the dry run said.
        let out = db.run(&args[..args.len() - 2]);
        no_panic(&name, &out);
        let faulty = r["faulty"].as_array().unwrap();
        assert_eq!(out.status.success(), faulty.is_empty(), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        for f in faulty {
            assert!(
                err.contains(&format!("error: line {}: ", f["line"])),
                "{name}: {err}"
            );
        }
    }
    assert!(
        well_formed > 50,
        "only {well_formed} calendars read by icalendar"
    );
    assert!(db.events("2014").is_empty(), "a dry run wrote something");
}

/// Lists icalendar's test calendars: whether icalendar reads each as one or
/// more VCALENDARs, whether every BEGIN has its END (checked here, line by
/// line), how many VEVENTs those hold, and how many of them replace an
/// occurrence of a recurring event in the same file.
const PEER: &str = r#"
import json, pathlib, icalendar
folder = pathlib.Path(icalendar.__file__).parent / "tests" / "calendars"
files = sorted(folder.glob("*.ics"))
if not files:
    raise SystemExit(f"no test calendars in {folder}")
out = []
for f in files:
    try:
        cals = icalendar.Calendar.from_ical(f.read_bytes(), multiple=True)
    except Exception:
        out.append({"file": str(f), "reads": False})
        continue
    reads = bool(cals) and all(c.name == "VCALENDAR" for c in cals)
    stack, balanced = [], True
    for line in f.read_bytes().decode("utf-8-sig", "replace").splitlines():
        word, _, name = line.partition(":")
        if word.upper() == "BEGIN":
            stack.append(name.strip().upper())
        elif word.upper() == "END":
            balanced = balanced and bool(stack) and stack.pop() == name.strip().upper()
    balanced = balanced and not stack
    events = [e for c in cals for e in c.subcomponents if e.name == "VEVENT"]
    masters = {str(e.get("UID")) for e in events if "RRULE" in e and "RECURRENCE-ID" not in e}
    overrides = sum(1 for e in events if "RECURRENCE-ID" in e and str(e.get("UID")) in masters)
    out.append({"file": str(f), "reads": reads, "balanced": balanced, "events": len(events), "overrides": overrides})
print(json.dumps(out))
"#;

/// A message quotes text from the file as every message quotes user text:
/// a 5,000-character title is cut short with an ellipsis, not repeated in
/// full, in the refusal and in the list of faulty events.
#[test]
fn a_long_title_is_quoted_short_in_the_messages() {
    let db = Db::new();
    let title = "Kent care leavers' fair ".repeat(210);
    assert!(title.chars().count() > 5_000);
    let body = calendar(&[format!(
        "BEGIN:VEVENT\r\nUID:long-title\r\nSUMMARY:{title}\r\n\
         DTSTART:20141028T100000Z\r\nDTEND:20141028T090000Z\r\nEND:VEVENT\r\n"
    )]);
    let file = write(&db, "long.ics", body.as_bytes());
    let out = db.run(&["import", "ics", &file, "--council", "886"]);
    no_panic("long.ics", &out);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("(UID long-title)"))
        .unwrap_or_else(|| panic!("the faulty event is named: {err}"));
    assert!(line.chars().count() < 300, "{line}");
    let cut: String = title.chars().take(80).collect();
    assert!(
        line.contains(&format!("\"{cut}…\" (UID long-title)")),
        "{line}"
    );
    assert!(line.contains("the event ends"), "{line}");
    assert!(db.events("2014").is_empty(), "nothing is written");

    let out = db.ok(&["import", "ics", &file, "--council", "886", "--skip-invalid"]);
    assert!(out.contains(&format!("\"{cut}…\"")), "{out}");
    assert!(!out.contains(&title), "{out}");
}
