//! Joint events, the LGA's review queue and `councils --missing`, through
//! the real `cpweek` binary on a real database file.

mod common;

use std::process::Command;

use common::Db;
use serde_json::Value;

/// Richmond's fair, with Kingston upon Thames and Kent as partners; its id.
fn joint(db: &Db) -> String {
    let e = db.json(&[
        "event",
        "add",
        "--council",
        "Richmond upon Thames",
        "--partner-council",
        "314",
        "--partner-council",
        "Kent",
        "--title",
        "Richmond and Kingston care leavers' fair",
        "--description",
        "Stalls, music and advice.",
        "--start",
        "2014-10-29T10:00",
        "--end",
        "2014-10-29T15:00",
        "--json",
    ]);
    assert_eq!(e["partner_councils"], serde_json::json!(["314", "886"]));
    e["id"].to_string()
}

fn kent(db: &Db, title: &str) -> String {
    db.json(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        title,
        "--start",
        "2014-10-28T10:00",
        "--end",
        "2014-10-28T12:00",
        "--json",
    ])["id"]
        .to_string()
}

fn refused(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should fail");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].to_string())
        .collect()
}

fn role(db: &Db, role: &str) {
    db.ok(&["settings", "set", "--role", role]);
}

#[test]
fn a_joint_event_lists_under_each_partner_and_bad_partners_are_refused() {
    let db = Db::new();
    let id = joint(&db);
    let kingston = db.json(&["event", "list", "--council", "314", "--json"]);
    assert_eq!(ids(&kingston), [id.as_str()]);
    let kent = db.json(&["event", "list", "--council", "Kent", "--json"]);
    assert_eq!(ids(&kent), [id.as_str()]);
    assert!(ids(&db.json(&["event", "list", "--council", "936", "--json"])).is_empty());
    let shown = db.ok(&["event", "show", &id]);
    assert!(
        shown.contains("Partners        Kingston upon Thames (314), Kent (886)"),
        "{shown}"
    );

    let stderr = refused(
        &db,
        &[
            "event",
            "edit",
            &id,
            "--partner-council",
            "318",
            "--partner-council",
            "Narnia",
        ],
    );
    assert!(stderr.contains("partner council"), "{stderr}");
    assert!(stderr.contains("is the lead council"), "{stderr}");
    assert!(stderr.contains("Narnia"), "{stderr}");
    let same = db.json(&["event", "show", &id, "--json"]);
    assert_eq!(same["partner_councils"], serde_json::json!(["314", "886"]));

    let edited = db.json(&[
        "event",
        "edit",
        &id,
        "--partner-council",
        "Surrey",
        "--json",
    ]);
    assert_eq!(edited["partner_councils"], serde_json::json!(["936"]));
    let cleared = db.json(&["event", "edit", &id, "--no-partner-councils", "--json"]);
    assert_eq!(cleared["partner_councils"], serde_json::json!([]));
    assert!(ids(&db.json(&["event", "list", "--council", "936", "--json"])).is_empty());
}

#[test]
fn a_partners_council_feed_read_by_python_icalendar_holds_the_joint_event() {
    let db = Db::new();
    let id = joint(&db);
    let uid = db.json(&["event", "show", &id, "--json"])["uid"]
        .as_str()
        .unwrap()
        .to_string();
    kent(&db, "Kent's own event");
    let file = db.file("kingston.ics");
    db.ok(&[
        "export",
        "ics",
        "--scope",
        "council:314",
        "-o",
        file.to_str().unwrap(),
    ]);
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(python)
        .arg(common::repo().join("tests/ics_check/check.py"))
        .arg(&file)
        .output()
        .expect("python3 is needed: run `scripts/setup test`");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = read["icalendar"]["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["uid"], uid.as_str());
    assert_eq!(
        events[0]["description"],
        "Stalls, music and advice.\n\nA joint event with Kingston upon Thames and Kent."
    );
    assert_eq!(events[0]["status"], "TENTATIVE");
}

fn missing(db: &Db, region: &str) -> Vec<String> {
    let regions = db.json(&["councils", "--missing", "--region", region, "--json"]);
    let regions = regions.as_array().unwrap();
    assert_eq!(regions.len(), 1);
    regions[0]["councils"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn councils_missing_counts_every_partner_of_a_joint_event_and_not_cancelled_ones() {
    let db = Db::new();
    let all = db.json(&["councils", "--missing", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 9, "every region");
    let london = missing(&db, "London");
    assert_eq!(london.len(), 33);
    assert!(london.contains(&"314".to_string()));

    let id = joint(&db);
    let london = missing(&db, "London");
    assert_eq!(london.len(), 31);
    assert!(!london.contains(&"314".to_string()) && !london.contains(&"318".to_string()));
    assert!(!missing(&db, "South East").contains(&"886".to_string()));
    let text = db.ok(&["councils", "--missing", "--region", "London"]);
    assert!(
        text.starts_with("London: 2 of 33 councils taking part; 31 not yet\n"),
        "{text}"
    );

    db.ok(&["event", "cancel", &id, "--reason", "Venue closed"]);
    assert_eq!(missing(&db, "London").len(), 33);
    let stderr = refused(&db, &["councils", "--missing", "--region", "Atlantis"]);
    assert!(stderr.contains("region"), "{stderr}");
}

fn queue(db: &Db, more: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["review", "--json"];
    args.extend_from_slice(more);
    db.json(&args)
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["id"].to_string(),
                q["awaiting"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_review_queue_and_approving_a_selection_at_once() {
    let db = Db::new();
    let a = kent(&db, "Kent celebrates");
    let b = joint(&db);
    let c = kent(&db, "Kent awards");
    assert_eq!(
        queue(&db, &[]),
        [
            (a.clone(), "new".into()),
            (c.clone(), "new".into()),
            (b.clone(), "new".into())
        ]
    );
    assert_eq!(
        queue(&db, &["--council", "314"]),
        [(b.clone(), "new".into())]
    );
    assert_eq!(
        queue(&db, &["--region", "London"]),
        [(b.clone(), "new".into())]
    );

    // An organiser may not approve; nothing changes.
    let stderr = refused(&db, &["event", "approve", &a, &b]);
    assert!(stderr.contains("only an LGA officer"), "{stderr}");

    role(&db, "lga-officer");
    db.ok(&["event", "approve", &c]);
    // One refusal (c is approved and unchanged) refuses the whole selection.
    let stderr = refused(&db, &["event", "approve", &a, &b, &c]);
    assert!(
        stderr.starts_with(&format!("error: event {c}: the event is already approved")),
        "{stderr}"
    );
    assert!(
        stderr.contains("none of the 3 events was changed"),
        "{stderr}"
    );
    assert_eq!(queue(&db, &[]).len(), 2, "nothing was approved");
    let stderr = refused(&db, &["event", "approve", &a, "99999"]);
    assert!(stderr.contains("99999"), "{stderr}");

    let approved = db.json(&["event", "approve", &a, &b, "--json"]);
    let statuses: Vec<&str> = approved
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["approved", "approved"]);
    assert!(queue(&db, &[]).is_empty());
    assert!(db
        .ok(&["review"])
        .contains("Nothing is waiting for the LGA's review."));

    // The LGA's own correction stays out of the queue.
    db.ok(&["event", "edit", &a, "--venue", "Sessions House"]);
    assert!(queue(&db, &[]).is_empty());

    // The council's change puts the approved event back in, still approved.
    role(&db, "council-organiser");
    db.ok(&["event", "edit", &a, "--venue", "County Hall"]);
    let before = db.json(&["event", "show", &a, "--json"]);
    assert_eq!(before["status"], "approved");
    assert_eq!(
        queue(&db, &[]),
        [(a.clone(), "changed_since_approved".into())]
    );
    let text = db.ok(&["review"]);
    assert!(text.contains("Changed since approved (venue)"), "{text}");
    let listed = db.json(&["review", "--json"]);
    assert_eq!(listed[0]["changed_fields"], serde_json::json!(["venue"]));
    assert_eq!(listed[0]["changed_fields_shown"], "Changed: venue");

    // Approving it accepts the change: still approved, same SEQUENCE.
    role(&db, "lga-officer");
    let shown = db.json(&["event", "show", &a, "--json"]);
    assert!(shown["actions"]
        .as_array()
        .unwrap()
        .contains(&Value::from("approve")));
    let out = db.ok(&["event", "approve", &a]);
    assert!(out.contains("stays approved"), "{out}");
    let after = db.json(&["event", "show", &a, "--json"]);
    assert_eq!(after["status"], "approved");
    assert_eq!(after["sequence"], before["sequence"]);
    assert!(queue(&db, &[]).is_empty());
    let last = after["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "approved");
    assert_eq!(last["from_status"], "approved");

    // Returning a selection at once, with one note.
    let returned = db.json(&[
        "event",
        "return",
        &a,
        &b,
        "--note",
        "Add a booking link",
        "--json",
    ]);
    assert!(returned
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["status"] == "returned" && e["status_note"] == "Add a booking link"));
}

/// Runs a Python checker of `tests/<dir>/` on `file`; what it printed.
fn python(dir: &str, script: &str, file: &std::path::Path) -> Value {
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(python)
        .arg(common::repo().join("tests").join(dir).join(script))
        .arg(file)
        .output()
        .expect("python3 is needed: run `scripts/setup test`");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_published_programme_shows_the_partners_in_every_format() {
    let db = Db::new();
    let id = joint(&db);
    role(&db, "lga-officer");
    db.ok(&["event", "approve", &id]);
    let file = |name: &str| db.file(name);
    for (format, name) in [("csv", "p.csv"), ("html", "p.html"), ("json", "p.json")] {
        db.ok(&[
            "programme",
            "export",
            "--live",
            "--format",
            format,
            "-o",
            file(name).to_str().unwrap(),
        ]);
    }
    let read = python("programme_check", "read_csv.py", &file("p.csv"));
    let rows = read["rows"].as_array().unwrap();
    let header: Vec<&str> = rows[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let cell = |name: &str| rows[1][header.iter().position(|h| *h == name).unwrap()].clone();
    assert_eq!(cell("Council"), "Richmond upon Thames");
    assert_eq!(cell("Partner councils"), "Kingston upon Thames; Kent");
    assert_eq!(cell("Partner council codes"), "314; 886");

    let html = std::fs::read_to_string(file("p.html")).unwrap();
    assert!(
        html.contains("Richmond upon Thames with Kingston upon Thames and Kent"),
        "{html}"
    );
    assert!(
        html.contains("from 3 councils"),
        "the partners count as taking part"
    );

    let schedule: Value =
        serde_json::from_str(&std::fs::read_to_string(file("p.json")).unwrap()).unwrap();
    let day = schedule["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2014-10-29")
        .unwrap();
    let event = &day["rooms"]["Richmond upon Thames"][0];
    assert!(
        event["description"].as_str().unwrap().starts_with(
            "Council: Richmond upon Thames (London), with Kingston upon Thames and Kent\n"
        ),
        "{event}"
    );
}
