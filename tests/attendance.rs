//! `cpweek person` and `cpweek request` through the real binary: the JSON
//! scripts rely on, every move by role with a clear refusal, and what
//! cancelling an event does to its requests.

mod common;

use common::Db;
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
