//! `cpweek person` and `cpweek request` through the real binary: the JSON
//! scripts rely on, every move by role with a clear refusal, and what
//! cancelling an event does to its requests.

mod common;

use common::{assert_fonts_embedded, poppler, Db};
use serde_json::Value;

fn as_role(db: &Db, role: &str, name: &str) {
    db.ok(&["settings", "set", "--role", role, "--name", name]);
}

/// A Kent event (id 1) on Tuesday 28 October 2014, 10am to midday, in
/// Maidstone, and a draft request (id 1) from Kent for the minister.
fn kent_request(db: &Db) -> Value {
    as_role(db, "council-organiser", "Kim Organiser");
    db.ok(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Kent care leavers' awards",
        "--start",
        "2014-10-28T10:00",
        "--end",
        "2014-10-28T12:00",
        "--venue",
        "Sessions House",
        "--postcode",
        "ME14 1XQ",
    ]);
    db.json(&[
        "request",
        "add",
        "--event",
        "1",
        "--person",
        "1",
        "--role",
        "present-awards",
        "--case",
        "Care leavers designed the awards",
        "--contact-name",
        "Sam Contact",
        "--contact-email",
        "sam.contact@kent.gov.uk",
        "--json",
    ])
}

fn fails(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should have failed");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_minister_is_the_first_person_and_people_can_be_added() {
    let db = Db::new();
    let people = db.json(&["person", "list", "--json"]);
    assert_eq!(people[0]["name"], "Edward Timpson MP");
    assert_eq!(people[0]["kind"], "minister");
    assert_eq!(people[0]["base_postcode"], "SW1P 3BT");
    let ministers = db.json(&["person", "list", "--kind", "minister", "--json"]);
    assert_eq!(ministers.as_array().unwrap().len(), 1);
    as_role(&db, "lga-officer", "Lee Officer");
    let added = db.json(&[
        "person",
        "add",
        "--name",
        "Jo Visitor",
        "--title",
        "Chair, Children in Care Council",
        "--kind",
        "other",
        "--base",
        "m1 1ae",
        "--json",
    ]);
    assert_eq!(added["base_postcode"], "M1 1AE");
    let id = added["id"].as_i64().unwrap().to_string();
    assert_eq!(
        db.json(&["person", "show", &id, "--json"])["name"],
        "Jo Visitor"
    );
    let err = fails(
        &db,
        &[
            "person", "add", "--name", "X", "--title", "Y", "--kind", "duke",
        ],
    );
    assert!(
        err.contains("give minister, official, lga-member or other"),
        "{err}"
    );
}

/// The LGA keeps the list of people: a council organiser's `person add`
/// and `person edit` are refused with one `error:` line naming the role
/// that may, and write nothing; as an LGA officer both work.
#[test]
fn only_an_lga_officer_adds_or_changes_people() {
    let db = Db::new();
    let before = db.json(&["person", "list", "--json"]);
    as_role(&db, "council-organiser", "Kim Organiser");
    let add = [
        "person",
        "add",
        "--name",
        "Jo Visitor",
        "--title",
        "Chair, Children in Care Council",
        "--kind",
        "other",
    ];
    let err = fails(&db, &add);
    assert_eq!(
        err,
        "error: only an LGA officer can add a person who may be asked to attend; \
         your role is council organiser: change it in Settings or with \
         `cpweek settings set --role lga-officer`\n"
    );
    let err = fails(&db, &["person", "edit", "1", "--changeover", "30"]);
    assert!(
        err.starts_with(
            "error: only an LGA officer can change a person who may be asked to attend;"
        ),
        "{err}"
    );
    assert_eq!(db.json(&["person", "list", "--json"]), before);

    as_role(&db, "lga-officer", "Lee Officer");
    let added = db.json(&[&add[..], &["--json"]].concat());
    assert_eq!(added["name"], "Jo Visitor");
    let edited = db.json(&["person", "edit", "1", "--changeover", "30", "--json"]);
    assert_eq!(edited["changeover_minutes"], 30);
    assert_eq!(
        db.json(&["person", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        before.as_array().unwrap().len() + 1
    );
}

#[test]
fn a_request_goes_from_draft_to_held_each_move_by_its_role() {
    let db = Db::new();
    let r = kent_request(&db);
    assert_eq!(r["id"], 1);
    assert_eq!(r["status"], "draft");
    assert_eq!(r["event_id"], 1);
    assert_eq!(r["person_id"], 1);
    assert_eq!(r["priority"], 3);

    // The council cannot forward or accept; the LGA cannot submit Kent's.
    for action in ["forward", "accept", "decline", "held"] {
        let err = fails(&db, &["request", action, "1"]);
        assert!(
            err.contains("error: only an LGA officer can"),
            "{action}: {err}"
        );
    }
    db.ok(&["request", "submit", "1"]);
    as_role(&db, "lga-officer", "Lee Officer");
    let err = fails(&db, &["request", "withdraw", "1"]);
    assert!(
        err.contains("only a council organiser can withdraw a request (Kent asked for it)"),
        "{err}"
    );
    let err = fails(&db, &["request", "accept", "1"]);
    assert!(
        err.contains("the moves allowed from submitted are: forward or withdraw"),
        "{err}"
    );
    db.ok(&["request", "priority", "1", "5"]);
    db.ok(&["request", "forward", "1", "--note", "Top of the list"]);
    db.ok(&["request", "accept", "1"]);
    db.ok(&["request", "held", "1"]);

    let shown = db.json(&["request", "show", "1", "--json"]);
    assert_eq!(shown["status"], "held");
    assert_eq!(shown["priority"], 5);
    let history = shown["history"].as_array().unwrap();
    let moves: Vec<(String, String)> = history
        .iter()
        .map(|h| {
            (
                h["to_status"].as_str().unwrap().into(),
                h["who"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [
        ("draft", "Kim Organiser"),
        ("submitted", "Kim Organiser"),
        ("submitted", "Lee Officer"),
        ("forwarded", "Lee Officer"),
        ("accepted", "Lee Officer"),
        ("held", "Lee Officer"),
    ];
    assert_eq!(moves, expected.map(|(s, w)| (s.to_string(), w.to_string())));
    assert_eq!(history[3]["note"], "Top of the list");
    let list = db.json(&[
        "request", "list", "--status", "held", "--person", "1", "--json",
    ]);
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let db = Db::new();
    kent_request(&db);
    let err = fails(
        &db,
        &[
            "request",
            "add",
            "--event",
            "1",
            "--person",
            "2",
            "--from",
            "09:00",
            "--to",
            "11:00",
            "--priority",
            "7",
            "--role",
            "dance",
        ],
    );
    assert!(
        err.contains("within the event (Tuesday 28 October 2014, 10am to midday)"),
        "{err}"
    );
    assert!(
        err.contains("priority \"7\" is not a whole number from 1"),
        "{err}"
    );
    assert!(
        err.contains("role \"dance\" is not a role to ask for"),
        "{err}"
    );
    let err = fails(&db, &["request", "add", "--event", "1", "--person", "1"]);
    assert!(err.contains("already an open request"), "{err}");
    let err = fails(&db, &["request", "show", "9"]);
    assert!(err.contains("request 9 was not found"), "{err}");
    let err = fails(&db, &["request", "list", "--status", "maybe"]);
    assert!(err.contains("give one of draft, submitted"), "{err}");
    assert_eq!(
        db.json(&["request", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn cancelling_an_event_withdraws_its_requests_and_says_so() {
    let db = Db::new();
    kent_request(&db);
    let out = db.run(&["event", "cancel", "1", "--reason", "Venue flooded"]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("note: request 1 for Edward Timpson MP to present awards was withdrawn because the event was cancelled"),
        "{stderr}"
    );
    let r = db.json(&["request", "show", "1", "--json"]);
    assert_eq!(r["status"], "withdrawn");
    assert_eq!(
        r["history"].as_array().unwrap().last().unwrap()["note"],
        "The event was cancelled: Venue flooded"
    );
}

/// Two more events for the minister on the same day: one in Manchester at
/// 1pm (too soon after Maidstone at midday), one at Sessions House right
/// after Kent's (the same venue, back to back).
fn busy_day(db: &Db) {
    kent_request(db);
    db.ok(&["request", "submit", "1"]);
    as_role(db, "council-organiser", "Kim Organiser");
    db.ok(&[
        "event",
        "add",
        "--council",
        "352",
        "--title",
        "Manchester Pledge launch",
        "--start",
        "2014-10-28T13:00",
        "--end",
        "2014-10-28T14:00",
        "--postcode",
        "M2 5DB",
    ]);
    db.ok(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Kent Children in Care Council",
        "--start",
        "2014-10-28T12:00",
        "--end",
        "2014-10-28T13:00",
        "--venue",
        "sessions house",
        "--postcode",
        "ME14 1XQ",
    ]);
    for event in ["2", "3"] {
        let r = db.json(&[
            "request", "add", "--event", event, "--person", "1", "--json",
        ]);
        db.ok(&["request", "submit", &r["id"].to_string()]);
    }
    as_role(db, "lga-officer", "Lee Officer");
    for id in ["1", "2", "3"] {
        db.ok(&["request", "forward", id]);
    }
}

#[test]
fn accepting_a_clash_is_refused_naming_it_unless_overridden_with_a_reason() {
    let db = Db::new();
    busy_day(&db);
    db.ok(&["request", "accept", "1"]);
    // Same venue, back to back: no clash.
    db.ok(&["request", "accept", "3"]);
    let err = fails(&db, &["request", "accept", "2"]);
    assert!(
        err.contains("request 2 cannot be accepted for Edward Timpson MP"),
        "{err}"
    );
    assert!(
        err.contains("request 3 (Kent Children in Care Council"),
        "{err}"
    );
    assert!(err.contains("minutes' travel (ME14 to M2"), "{err}");
    assert_eq!(
        db.json(&["request", "show", "2", "--json"])["status"],
        "forwarded"
    );

    let clashes = db.json(&["request", "clashes", "--person", "1", "--json"]);
    let pairs: Vec<(i64, i64)> = clashes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["a"].as_i64().unwrap(), c["b"].as_i64().unwrap()))
        .collect();
    assert_eq!(pairs, [(1, 2), (3, 2)]);
    assert!(clashes[0]["travel_minutes"].as_u64().unwrap() > 200);

    db.ok(&[
        "request",
        "accept",
        "2",
        "--override",
        "Flying by helicopter",
    ]);
    let shown = db.json(&["request", "show", "2", "--json"]);
    assert_eq!(shown["status"], "accepted");
    assert_eq!(shown["override_reason"], "Flying by helicopter");
    assert_eq!(
        shown["history"].as_array().unwrap().last().unwrap()["override_reason"],
        "Flying by helicopter"
    );
    let clashes = db.json(&["request", "clashes", "--json"]);
    assert!(clashes
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["overridden"] == true));
}

#[test]
fn the_plan_keeps_the_best_set_explains_the_rest_and_is_forwarded_in_one_step() {
    let db = Db::new();
    busy_day(&db);
    // Three forwarded requests: Kent 10am-midday (1), Manchester 1pm (2),
    // Kent's Children in Care Council at midday at the same venue (3).
    // Manchester cannot follow either Kent one; with equal priorities the
    // two Kent ones (total 6) beat Manchester alone (3).
    let plan = db.json(&[
        "request",
        "plan",
        "--person",
        "1",
        "--day",
        "2014-10-28",
        "--json",
    ]);
    assert_eq!(plan["chosen"], serde_json::json!([1, 3]));
    assert_eq!(plan["total_priority"], 6);
    let left = plan["left_out"].as_array().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], 2);
    assert_eq!(left[0]["clashes_with"], 3);
    let reason = left[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("request 3, Kent Children in Care Council"),
        "{reason}"
    );
    assert!(reason.contains("minutes of travel"), "{reason}");

    // Raise Manchester's priority: it now wins alone (5 > 3 + 1).
    db.ok(&["request", "priority", "2", "5"]);
    db.ok(&["request", "priority", "1", "1"]);
    db.ok(&["request", "priority", "3", "1"]);
    let plan = db.json(&["request", "plan", "--person", "1", "--json"]);
    assert_eq!(plan["chosen"], serde_json::json!([2]));
    assert_eq!(plan["total_priority"], 5);

    // A new submitted request that fits is forwarded with the plan.
    as_role(&db, "council-organiser", "Kim Organiser");
    db.ok(&[
        "event",
        "add",
        "--council",
        "352",
        "--title",
        "Manchester foster carers' tea",
        "--start",
        "2014-10-28T15:00",
        "--end",
        "2014-10-28T16:00",
        "--postcode",
        "M2 5DB",
    ]);
    db.ok(&["request", "add", "--event", "4", "--person", "1"]);
    db.ok(&["request", "submit", "4"]);
    let err = fails(&db, &["request", "plan", "--person", "1", "--forward"]);
    assert!(err.contains("only an LGA officer can forward"), "{err}");
    as_role(&db, "lga-officer", "Lee Officer");
    let plan = db.json(&["request", "plan", "--person", "1", "--json"]);
    assert_eq!(plan["to_forward"], serde_json::json!([4]));
    let forwarded = db.json(&["request", "plan", "--person", "1", "--forward", "--json"]);
    assert_eq!(forwarded[0]["id"], 4);
    assert_eq!(forwarded[0]["status"], "forwarded");
    let plan = db.json(&["request", "plan", "--person", "1", "--json"]);
    assert_eq!(plan["to_forward"], serde_json::json!([]));
}

/// What Python's icalendar and vobject, and ical.js, read from a file (the
/// checkers the partner feeds are held to).
fn parsed_by_three(path: &std::path::Path) -> (Value, Value) {
    let dir = common::repo().join("tests/ics_check");
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let py = std::process::Command::new(python)
        .arg(dir.join("check.py"))
        .arg(path)
        .output()
        .expect("python3 with tests/ics_check/requirements.txt is needed (scripts/setup test)");
    assert!(
        py.status.success(),
        "Python refused the diary: {}",
        String::from_utf8_lossy(&py.stderr)
    );
    assert!(
        dir.join("node_modules/ical.js").is_dir(),
        "ical.js is not installed: run `npm ci --prefix tests/ics_check`"
    );
    let js = std::process::Command::new("node")
        .arg(dir.join("check.mjs"))
        .arg(path)
        .output()
        .expect("node is needed");
    assert!(
        js.status.success(),
        "ical.js refused the diary: {}",
        String::from_utf8_lossy(&js.stderr)
    );
    (
        serde_json::from_slice(&py.stdout).unwrap(),
        serde_json::from_slice(&js.stdout).unwrap(),
    )
}

#[test]
fn a_persons_diary_parses_in_two_parsers_confirmed_tentative_confidential_with_travel() {
    let db = Db::new();
    busy_day(&db);
    db.ok(&["request", "accept", "1"]);
    // Kent's private Children in Care Council stays forwarded (tentative).
    let path = db.file("diary.ics");
    db.ok(&[
        "export",
        "ics",
        "--scope",
        "person:1",
        "-o",
        path.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("\r\n\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    let (py, js) = parsed_by_three(&path);
    let events = py["icalendar"]["events"].as_array().unwrap();
    assert_eq!(
        js["icaljs"]["events"].as_array().unwrap().len(),
        events.len()
    );
    assert_eq!(
        py["vobject"]["events"].as_array().unwrap().len(),
        events.len()
    );
    let find = |uid: &str| {
        events
            .iter()
            .find(|e| e["uid"] == uid)
            .unwrap_or_else(|| panic!("{uid} in {events:?}"))
    };
    let kent = find("request-1@cpweek.local.gov.uk");
    assert_eq!(kent["status"], "CONFIRMED");
    assert_eq!(kent["class"], "CONFIDENTIAL");
    assert_eq!(kent["start"], "2014-10-28T10:00:00Z");
    assert!(kent["summary"]
        .as_str()
        .unwrap()
        .starts_with("Edward Timpson MP to present awards"));
    assert!(kent["description"]
        .as_str()
        .unwrap()
        .contains("Contact officer: Sam Contact"));
    let manchester = find("request-2@cpweek.local.gov.uk");
    assert_eq!(manchester["status"], "TENTATIVE");
    // Travel from the home base to Kent, as its own block ending at the
    // change-over before 10am.
    let travel = find("travel-to-1@cpweek.local.gov.uk");
    assert_eq!(travel["end"], "2014-10-28T09:45:00Z");
    assert!(travel["summary"]
        .as_str()
        .unwrap()
        .starts_with("Travel: Home base to Kent care leavers' awards"));
    assert_eq!(travel["class"], "CONFIDENTIAL");
    // The same diary gives the same bytes.
    let again = db.ok(&["export", "ics", "--scope", "person:1"]);
    assert_eq!(again, text);
    // Partner feeds cannot name a person.
    let err = fails(&db, &["export", "ics", "--scope", "persons:1"]);
    assert!(err.contains("scope"), "{err}");
}

#[test]
fn the_ministerial_report_counts_engagements_by_status_day_and_region_and_names_declined_councils()
{
    let db = Db::new();
    busy_day(&db);
    db.ok(&["request", "accept", "1"]);
    db.ok(&["request", "decline", "2", "--note", "Diary full"]);
    let r = db.json(&["request", "report", "--json"]);
    assert_eq!(r["ministerial_engagements"], 1);
    assert_eq!(r["engagements"], 1);
    assert_eq!(r["requests"], 3);
    let status = |s: &str| {
        r["by_status"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["status"] == s)
            .unwrap()["count"]
            .clone()
    };
    assert_eq!(status("accepted"), 1);
    assert_eq!(status("declined"), 1);
    assert_eq!(status("forwarded"), 1);
    let tuesday = &r["by_day"][1];
    assert_eq!(tuesday["label"], "Tuesday 28 October 2014");
    assert_eq!(
        (tuesday["requests"].clone(), tuesday["engagements"].clone()),
        (3.into(), 1.into())
    );
    let regions = r["by_region"].as_array().unwrap();
    assert_eq!(regions.len(), 9);
    let south_east = regions.iter().find(|g| g["name"] == "South East").unwrap();
    assert_eq!(
        (
            south_east["requests"].clone(),
            south_east["engagements"].clone()
        ),
        (2.into(), 1.into())
    );
    assert_eq!(r["declined"][0]["council_name"], "Manchester");
    let text = db.ok(&["request", "report"]);
    assert!(
        text.contains(
            "1 ministerial engagement; 1 engagement in all (accepted or held) from 3 requests."
        ),
        "{text}"
    );
    assert!(
        text.contains("Councils whose requests were declined:\n  Manchester"),
        "{text}"
    );
}

#[test]
fn a_travel_time_set_by_hand_counts_in_the_clash_check_and_cannot_make_accepted_engagements_clash()
{
    let db = Db::new();
    busy_day(&db);
    // The stated rules: Maidstone to Manchester is far too far for 1pm.
    let stated = db.json(&["travel", "--from", "ME14 1XQ", "--to", "M2 5DB", "--json"]);
    assert_eq!(stated["method"], "postcodes");
    // A council organiser cannot set one.
    as_role(&db, "council-organiser", "Kim Organiser");
    let err = fails(
        &db,
        &["travel", "--from", "ME14", "--to", "M2", "--set", "10"],
    );
    assert!(
        err.contains("only an LGA officer can set a travel time by hand"),
        "{err}"
    );
    as_role(&db, "lga-officer", "Lee Officer");
    let set = db.json(&[
        "travel",
        "--from",
        "me14",
        "--to",
        "m2",
        "--set",
        "0",
        "--note",
        "Helicopter",
        "--json",
    ]);
    assert_eq!(set["method"], "override");
    assert_eq!(set["minutes"], 0);
    // Now the Kent request (ends midday) and Manchester (1pm) fit: accept both.
    db.ok(&["request", "accept", "1"]);
    db.ok(&["request", "accept", "2"]);
    // Clearing the time set by hand would make them clash: refused.
    let err = fails(&db, &["travel", "--from", "ME14", "--to", "M2", "--clear"]);
    assert!(err.contains("both accepted, would clash"), "{err}");
    // So would a change-over of 4 hours for the minister.
    let err = fails(&db, &["person", "edit", "1", "--changeover", "240"]);
    assert!(err.contains("both accepted, would clash"), "{err}");
    assert_eq!(
        db.json(&["person", "show", "1", "--json"])["changeover_minutes"],
        15
    );
    // Without a database, the stated rules.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cpweek"))
        .args([
            "--db",
            db.file("none.db").to_str().unwrap(),
            "travel",
            "--from",
            "ME14",
            "--to",
            "M2",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["method"], "postcodes");
}

#[test]
fn a_briefing_note_is_a_tagged_pdf_with_the_event_timings_travel_and_contact_officer() {
    let db = Db::new();
    busy_day(&db);
    // Refused before the engagement is accepted.
    let pdf = db.file("brief.pdf");
    let err = fails(
        &db,
        &[
            "request",
            "brief",
            "1",
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        err.contains(
            "a briefing note is written for an accepted engagement; request 1 is forwarded"
        ),
        "{err}"
    );
    assert!(!pdf.exists());
    db.ok(&["request", "accept", "1"]);
    db.ok(&[
        "request",
        "brief",
        "1",
        "--format",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.lines().any(|l| l.starts_with("Pages:")), "{info}");
    assert_fonts_embedded(&pdf);
    let text = poppler("pdftotext", &["-layout"], &pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Kent care leavers' awards",
        "Tuesday 28 October 2014",
        "10am to midday",
        "Purpose of report",
        "Contact officer",
        "Sam Contact",
        "sam.contact@kent.gov.uk",
        "from the home base",
        "South East",
    ] {
        assert!(
            flat.contains(wanted),
            "{wanted:?} missing from the PDF's text:\n{text}"
        );
    }
    // HTML too, the same note; an existing file needs --force.
    let html = db.file("brief.html");
    db.ok(&[
        "request",
        "brief",
        "1",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<html lang=\"en-GB\">"), "{}", &page[..200]);
    assert!(page.contains("Sam Contact"));
    let err = fails(
        &db,
        &[
            "request",
            "brief",
            "1",
            "--format",
            "html",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert!(err.contains("already exists; add --force"), "{err}");
    let err = fails(
        &db,
        &[
            "request",
            "brief",
            "1",
            "--format",
            "docx",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    assert!(err.contains("give html or pdf"), "{err}");
}

#[test]
fn the_ministerial_report_never_names_a_private_event() {
    let db = Db::new();
    as_role(&db, "council-organiser", "Kim Organiser");
    db.ok(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Secret care council",
        "--private",
        "--start",
        "2014-10-28T10:00",
        "--end",
        "2014-10-28T12:00",
        "--postcode",
        "ME14 1XQ",
    ]);
    db.ok(&["request", "add", "--event", "1", "--person", "1"]);
    db.ok(&["request", "submit", "1"]);
    as_role(&db, "lga-officer", "Lee Officer");
    db.ok(&["request", "forward", "1"]);
    db.ok(&["request", "decline", "1"]);
    let json = db.ok(&["request", "report", "--json"]);
    let text = db.ok(&["request", "report"]);
    for out in [&json, &text] {
        assert!(!out.contains("Secret care council"), "{out}");
        assert!(out.contains("at a private event (request 1)"), "{out}");
    }
}
