//! Who may do what, through the real `cpweek` binary: `cpweek settings`,
//! the role check on `event approve|return` (the core's rule, the same
//! message the window gets), and the history `event show` prints.

mod common;

use common::Db;
use serde_json::Value;

const REFUSAL: &str =
    "error: only an LGA officer can approve an event; your role is council organiser: \
change it in Settings or with `cpweek settings set --role lga-officer`\n";

/// Runs a command that must be refused; returns its stderr.
fn refused(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should have failed");
    assert!(out.stdout.is_empty(), "a refusal prints nothing on stdout");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn add_kent(db: &Db) -> String {
    let added = db.json(&[
        "event",
        "add",
        "--council",
        "Kent",
        "--title",
        "Kent celebrates its care leavers",
        "--start",
        "2014-10-28T10:00",
        "--end",
        "2014-10-28T12:00",
        "--json",
    ]);
    added["id"].to_string()
}

fn shown(db: &Db, id: &str) -> Value {
    db.json(&["event", "show", id, "--json"])
}

#[test]
fn an_organiser_cannot_approve_or_return_and_nothing_is_written() {
    let db = Db::new();
    let id = add_kent(&db);
    let before = shown(&db, &id);

    assert_eq!(refused(&db, &["event", "approve", &id]), REFUSAL);
    let stderr = refused(&db, &["event", "return", &id, "--note", "Add a venue"]);
    assert_eq!(
        stderr,
        "error: only an LGA officer can return an event to its council; your role is council organiser: \
         change it in Settings or with `cpweek settings set --role lga-officer`\n"
    );
    let after = shown(&db, &id);
    assert_eq!(
        (&after["status"], &after["sequence"], &after["updated_at"]),
        (
            &before["status"],
            &before["sequence"],
            &before["updated_at"]
        ),
        "status, SEQUENCE and stamp unchanged"
    );
    assert_eq!(
        after["history"].as_array().unwrap().len(),
        1,
        "only the add"
    );
    assert_eq!(after["actions"], serde_json::json!(["edit", "cancel"]));

    // Changed as the message says, the same command is allowed.
    db.ok(&["settings", "set", "--role", "lga-officer"]);
    let approved = db.json(&["event", "approve", &id, "--json"]);
    assert_eq!(
        (approved["status"].as_str(), approved["sequence"].as_u64()),
        (Some("approved"), Some(1))
    );
    let returned = db.json(&["event", "return", &id, "--note", "Add a venue", "--json"]);
    assert_eq!(
        (returned["status"].as_str(), returned["sequence"].as_u64()),
        (Some("returned"), Some(2))
    );
}

#[test]
fn an_organiser_may_cancel() {
    let db = Db::new();
    let id = add_kent(&db);
    let e = db.json(&[
        "event",
        "cancel",
        &id,
        "--reason",
        "Venue flooded",
        "--json",
    ]);
    assert_eq!(e["status"], "cancelled");
}

#[test]
fn settings_show_and_change_only_what_is_given() {
    let db = Db::new();
    let settings = db.json(&["settings", "--json"]);
    assert_eq!(settings["database"], db.path.display().to_string());
    assert_eq!(settings["role"], "council_organiser");
    assert_eq!(settings["my_council"], Value::Null);
    assert_eq!(settings["name"], Value::Null);

    let set = db.json(&[
        "settings",
        "set",
        "--council",
        "kent",
        "--name",
        " Jo Bloggs ",
        "--json",
    ]);
    assert_eq!(
        (
            set["my_council"].as_str(),
            set["my_council_name"].as_str(),
            set["name"].as_str(),
            set["role"].as_str()
        ),
        (
            Some("886"),
            Some("Kent"),
            Some("Jo Bloggs"),
            Some("council_organiser")
        )
    );
    let set = db.json(&["settings", "set", "--role", "lga-officer", "--json"]);
    assert_eq!(
        (set["my_council"].as_str(), set["role"].as_str()),
        (Some("886"), Some("lga_officer")),
        "only the role changed"
    );
    let text = db.ok(&["settings"]);
    assert!(text.contains("Kent (886)"), "{text}");
    assert!(text.contains("LGA officer (lga-officer)"), "{text}");
    assert!(text.contains("Jo Bloggs"), "{text}");
    assert!(text.contains(&db.path.display().to_string()), "{text}");

    // `--council ""` clears the council and leaves the rest.
    let set = db.json(&["settings", "set", "--council", "", "--json"]);
    assert_eq!(
        (set["my_council"].clone(), set["name"].as_str()),
        (Value::Null, Some("Jo Bloggs"))
    );
}

#[test]
fn bad_settings_are_named_and_nothing_is_written() {
    let db = Db::new();
    db.ok(&[
        "settings",
        "set",
        "--council",
        "Kent",
        "--name",
        "Jo Bloggs",
    ]);
    let before = db.json(&["settings", "--json"]);

    let stderr = refused(&db, &["settings", "set", "--role", "boss", "--name", "Sam"]);
    assert_eq!(
        stderr,
        "error: role \"boss\" is not a role; give council-organiser or lga-officer\n"
    );
    let stderr = refused(
        &db,
        &[
            "settings",
            "set",
            "--council",
            "Atlantis",
            "--name",
            "Jo\nBloggs",
        ],
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("error: council \"Atlantis\""),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("error: name must be one line"),
        "{stderr}"
    );
    // A direction control would show "Eve \u{202e}LIVE" as "Eve EVIL" in
    // the history and on a board paper.
    let stderr = refused(
        &db,
        &["settings", "set", "--name", "Eve \u{202e}LIVE\u{202c}"],
    );
    assert!(
        stderr.starts_with("error: name must be one line"),
        "{stderr}"
    );
    let long = "J".repeat(101);
    let stderr = refused(&db, &["settings", "set", "--name", &long]);
    assert_eq!(stderr, "error: name must be 100 characters or fewer\n");

    assert_eq!(db.json(&["settings", "--json"]), before);
}

#[test]
fn event_show_lists_what_you_can_do_and_the_history_naming_you() {
    let db = Db::new();
    let id = add_kent(&db);
    let text = db.ok(&["event", "show", &id]);
    assert!(text.contains("\nYou can: edit, cancel\n"), "{text}");
    assert!(
        text.contains("Added by unnamed council organiser (council organiser)"),
        "{text}"
    );

    db.ok(&[
        "settings",
        "set",
        "--role",
        "lga-officer",
        "--name",
        "Jo Bloggs",
    ]);
    let text = db.ok(&["event", "show", &id]);
    assert!(
        text.contains("\nYou can: edit, approve, return, cancel\n"),
        "{text}"
    );
    db.ok(&["event", "approve", &id]);
    db.ok(&["event", "cancel", &id, "--reason", "Venue flooded"]);

    let text = db.ok(&["event", "show", &id]);
    assert!(
        text.contains("\nYou can take no action on this event.\n"),
        "{text}"
    );
    assert!(
        text.contains("Approved by Jo Bloggs (LGA officer) (submitted to approved)"),
        "{text}"
    );
    assert!(
        text.contains(
            "Cancelled by Jo Bloggs (LGA officer) (approved to cancelled): Venue flooded"
        ),
        "{text}"
    );

    let json = shown(&db, &id);
    assert_eq!(json["actions"], serde_json::json!([]));
    let history = json["history"].as_array().unwrap();
    let seen: Vec<(&str, &str, &str)> = history
        .iter()
        .map(|h| {
            (
                h["who"].as_str().unwrap(),
                h["action"].as_str().unwrap(),
                h["to_status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("unnamed council organiser", "added", "submitted"),
            ("Jo Bloggs", "approved", "approved"),
            ("Jo Bloggs", "cancelled", "cancelled"),
        ]
    );
    assert_eq!(history[2]["note"], "Venue flooded");
    assert_eq!(history[2]["role"], "lga_officer");
}

#[test]
fn event_add_without_council_uses_the_settings_council_or_names_the_flag() {
    let db = Db::new();
    let args = |title: &'static str| {
        [
            "event",
            "add",
            "--title",
            title,
            "--start",
            "2014-10-28T10:00",
            "--end",
            "2014-10-28T12:00",
            "--json",
        ]
    };
    // No council in the settings: refused, naming --council and how to set
    // one; nothing written.
    let stderr = refused(&db, &args("Whose event?"));
    assert!(
        stderr.starts_with("error: --council is required"),
        "{stderr}"
    );
    assert!(stderr.contains("cpweek settings set --council"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(db.events("2014").is_empty());

    // With Medway in the settings, the event is Medway's, as in the window.
    db.ok(&["settings", "set", "--council", "Medway"]);
    let added = db.json(&args("Medway care leavers' lunch"));
    assert_eq!(added["council_name"], "Medway");
    // --council still chooses another.
    let mut kent = args("Kent care leavers' lunch").to_vec();
    kent.extend(["--council", "Kent"]);
    let added = db.json(&kent);
    assert_eq!(added["council"], "886");
}
