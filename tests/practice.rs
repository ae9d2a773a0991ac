//! Practice entries (councils' case studies for the good-practice toolkit)
//! through the real `cpweek` binary on a real database file: the journey
//! from a council's draft to the toolkit, each refusal with its `error:`
//! line and nothing changed, the `--json` shapes, and user text kept as
//! given.

mod common;

use common::Db;
use serde_json::{json, Value};

/// The settings: a named person in `role` of council `council`.
fn be(db: &Db, role: &str, council: &str) {
    let name = if role == "lga-officer" {
        "Lee Officer"
    } else {
        "Kim Organiser"
    };
    db.ok(&[
        "settings",
        "set",
        "--role",
        role,
        "--name",
        name,
        "--council",
        council,
    ]);
}

fn refused(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should fail");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

/// Kent and Coram's adoption partnership, as the minister told it; its JSON.
fn kent(db: &Db) -> Value {
    db.json(&[
        "practice",
        "add",
        "--council",
        "886",
        "--title",
        "Kent and Coram's adoption partnership",
        "--summary",
        "A partnership with the children's charity Coram doubled adoptions within a year.",
        "--what",
        "Kent's adoption service and Coram worked as one team.\nFamilies were found earlier.",
        "--theme",
        "adoption",
        "--theme",
        "Placement stability",
        "--partner-org",
        "Coram",
        "--outcome",
        "Children adopted; 20; 42; 2011 to 2013",
        "--outcome",
        "Placement orders; 40; 100; 2011 to 2013",
        "--contact-name",
        "Jo Bloggs",
        "--contact-role",
        "Head of adoption",
        "--contact-email",
        "jo.bloggs@kent.gov.uk",
        "--source",
        "Edward Timpson, speech to the NCAS conference, 2013",
        "--json",
    ])
}

fn show(db: &Db, id: &str) -> Value {
    db.json(&["practice", "show", id, "--json"])
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

/// The fields of an entry's JSON, sorted.
const ENTRY_KEYS: [&str; 22] = [
    "consent",
    "contact",
    "council",
    "council_name",
    "created_at",
    "events",
    "id",
    "outcomes",
    "partner_council_names",
    "partner_councils",
    "partner_organisations",
    "programme",
    "region",
    "source",
    "status",
    "status_note",
    "summary",
    "themes",
    "title",
    "uid",
    "updated_at",
    "what_was_done",
];

fn entry_keys() -> Vec<&'static str> {
    ENTRY_KEYS.to_vec()
}

#[test]
fn a_case_study_goes_from_its_council_to_the_toolkit_with_its_consent_check() {
    let db = Db::new();
    be(&db, "council-organiser", "Kent");
    let added = kent(&db);
    assert_eq!(keys(&added), entry_keys());
    assert_eq!(added["status"], "draft");
    assert_eq!(added["council"], "886");
    assert_eq!(added["council_name"], "Kent");
    assert_eq!(added["region"], "South East");
    assert_eq!(added["programme"], "2014");
    assert_eq!(added["themes"], json!(["adoption", "placement-stability"]));
    assert_eq!(added["partner_organisations"], json!(["Coram"]));
    assert_eq!(
        added["outcomes"],
        json!([
            {"measure": "Children adopted", "before": "20", "after": "42", "period": "2011 to 2013"},
            {"measure": "Placement orders", "before": "40", "after": "100", "period": "2011 to 2013"}
        ])
    );
    assert_eq!(
        added["contact"],
        json!({"name": "Jo Bloggs", "role": "Head of adoption", "email": "jo.bloggs@kent.gov.uk"})
    );
    assert_eq!(
        added["what_was_done"],
        "Kent's adoption service and Coram worked as one team.\nFamilies were found earlier."
    );
    assert_eq!(added["consent"], Value::Null);
    assert!(added["uid"]
        .as_str()
        .unwrap()
        .ends_with("@cpweek.local.gov.uk"));
    let id = added["id"].to_string();

    let shown = show(&db, &id);
    let mut with_more = entry_keys();
    with_more.extend(["actions", "history"]);
    with_more.sort();
    assert_eq!(keys(&shown), with_more);
    assert_eq!(shown["actions"], json!(["edit", "submit"]));
    assert_eq!(shown["history"][0]["action"], "added");
    assert_eq!(shown["history"][0]["who"], "Kim Organiser");
    assert_eq!(shown["history"][0]["role"], "council_organiser");

    let submitted = db.json(&["practice", "submit", &id, "--json"]);
    assert_eq!(submitted["status"], "submitted");
    assert_eq!(show(&db, &id)["actions"], json!([]));

    be(&db, "lga-officer", "Kent");
    assert_eq!(
        show(&db, &id)["actions"],
        json!(["edit", "approve", "return"])
    );
    assert_eq!(
        db.json(&["practice", "approve", &id, "--json"])["status"],
        "approved"
    );

    // Without its consent check, or with one word for a name, it is refused.
    let before = show(&db, &id);
    // Which check was made is never assumed: --consent is required.
    let err = refused(
        &db,
        &[
            "practice",
            "publish",
            &id,
            "--consent-checked-by",
            "Lee Officer",
        ],
    );
    assert!(err.contains("--consent <KIND>"), "{err}");
    let err = refused(&db, &["practice", "publish", &id, "--consent", "on-record"]);
    assert!(
        err.starts_with("error: consent checked by is required: an entry is published only once a named person has checked"),
        "{err}"
    );
    let err = refused(
        &db,
        &[
            "practice",
            "publish",
            &id,
            "--consent-checked-by",
            "Lee",
            "--consent",
            "on-record",
        ],
    );
    assert!(err.contains("\"Lee\" is not a full name"), "{err}");
    let err = refused(
        &db,
        &[
            "practice",
            "publish",
            &id,
            "--consent-checked-by",
            "   ",
            "--consent",
            "identified-none",
        ],
    );
    assert!(
        err.starts_with("error: consent checked by is required"),
        "{err}"
    );
    let err = refused(
        &db,
        &[
            "practice",
            "publish",
            &id,
            "--consent-checked-by",
            "Lee Officer",
            "--consent",
            "probably",
        ],
    );
    assert!(err.contains("give identified-none"), "{err}");
    assert_eq!(show(&db, &id), before, "a refusal changes nothing");
    let published = db.json(&["practice", "list", "--status", "published", "--json"]);
    assert_eq!(published, json!([]));

    let published = db.json(&[
        "practice",
        "publish",
        &id,
        "--consent-checked-by",
        "Lee Officer",
        "--consent",
        "on-record",
        "--json",
    ]);
    assert_eq!(published["status"], "published");
    assert_eq!(published["consent"]["checked_by"], "Lee Officer");
    assert_eq!(published["consent"]["kind"], "on_record");
    assert_eq!(published["consent"]["at"], published["updated_at"]);
    let history = show(&db, &id)["history"].clone();
    let steps: Vec<(&str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["action"].as_str().unwrap(),
                h["to_status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("added", "draft"),
            ("submitted", "submitted"),
            ("approved", "approved"),
            ("published", "published")
        ]
    );
    assert_eq!(history[3]["who"], "Lee Officer");
    assert_eq!(
        history[3]["note"],
        "checked by Lee Officer: consent is on record"
    );
    let text = db.ok(&["practice", "show", &id]);
    assert!(
        text.contains("Consent check   Lee Officer: consent is on record"),
        "{text}"
    );
    assert!(
        text.contains("Children adopted  20      42     2011 to 2013"),
        "{text}"
    );
}

#[test]
fn returned_entries_come_back_as_drafts_and_lists_can_be_cleared() {
    let db = Db::new();
    be(&db, "council-organiser", "886");
    let id = kent(&db)["id"].to_string();
    db.ok(&["practice", "submit", &id]);
    be(&db, "lga-officer", "886");
    let err = refused(&db, &["practice", "return", &id, "--note", " "]);
    assert!(err.starts_with("error: note is required"), "{err}");
    let returned = db.json(&[
        "practice",
        "return",
        &id,
        "--note",
        "Say how long children waited before and after.",
        "--json",
    ]);
    assert_eq!(returned["status"], "returned");
    assert_eq!(
        returned["status_note"],
        "Say how long children waited before and after."
    );

    be(&db, "council-organiser", "886");
    let edited = db.json(&[
        "practice",
        "edit",
        &id,
        "--no-partner-orgs",
        "--no-contact",
        "--outcome",
        "Days from entering care to adoption; 639; 480; 2011 to 2013",
        "--json",
    ]);
    assert_eq!(edited["changed"], true);
    assert_eq!(edited["status"], "draft");
    assert_eq!(edited["partner_organisations"], json!([]));
    assert_eq!(edited["contact"], Value::Null);
    assert_eq!(edited["outcomes"].as_array().unwrap().len(), 1);
    assert_eq!(edited["title"], "Kent and Coram's adoption partnership");
    let cleared = db.json(&[
        "practice",
        "edit",
        &id,
        "--no-outcomes",
        "--no-themes",
        "--json",
    ]);
    assert_eq!(cleared["outcomes"], json!([]));
    assert_eq!(cleared["themes"], json!([]));
    let same = db.json(&["practice", "edit", &id, "--json"]);
    assert_eq!(same["changed"], false);
    assert_eq!(same["updated_at"], cleared["updated_at"]);
    let again = db.json(&["practice", "submit", &id, "--json"]);
    assert_eq!(again["status"], "submitted");
    assert_eq!(again["status_note"], Value::Null);
}

#[test]
fn each_role_is_refused_what_it_may_not_do_and_nothing_changes() {
    let db = Db::new();
    be(&db, "lga-officer", "886");
    let err = refused(
        &db,
        &[
            "practice",
            "add",
            "--council",
            "886",
            "--title",
            "T",
            "--summary",
            "S",
        ],
    );
    assert!(
        err.starts_with(
            "error: only a council organiser can add a practice entry; your role is LGA officer"
        ),
        "{err}"
    );
    be(&db, "council-organiser", "Medway");
    let err = refused(
        &db,
        &[
            "practice",
            "add",
            "--council",
            "886",
            "--title",
            "T",
            "--summary",
            "S",
        ],
    );
    assert!(err.contains("your council in the settings is 887"), "{err}");
    assert_eq!(db.json(&["practice", "list", "--json"]), json!([]));

    be(&db, "council-organiser", "886");
    let id = kent(&db)["id"].to_string();
    let before = show(&db, &id);
    for (args, says) in [
        (
            vec!["approve", &id],
            "only an LGA officer can approve a practice entry",
        ),
        (
            vec!["return", &id, "--note", "No"],
            "only an LGA officer can return",
        ),
        (
            vec![
                "publish",
                &id,
                "--consent-checked-by",
                "Kim Organiser",
                "--consent",
                "on-record",
            ],
            "only an LGA officer can publish a practice entry in the toolkit",
        ),
    ] {
        let mut full = vec!["practice"];
        full.extend(args);
        let err = refused(&db, &full);
        assert!(err.contains(says), "{err}");
    }
    be(&db, "council-organiser", "Medway");
    let err = refused(&db, &["practice", "edit", &id, "--title", "Medway's now"]);
    assert!(
        err.contains("a council organiser can only change practice entries of their own council"),
        "{err}"
    );
    refused(&db, &["practice", "submit", &id]);
    be(&db, "lga-officer", "886");
    let err = refused(&db, &["practice", "approve", &id]);
    assert_eq!(
        err,
        format!("error: practice entry {id}: the entry is a draft; its council must submit it before it can be approved\n")
    );
    let err = refused(&db, &["practice", "edit", &id, "--title", "Better"]);
    assert!(
        err.contains("the LGA can correct it once its council submits it"),
        "{err}"
    );
    let err = refused(&db, &["practice", "show", "999"]);
    assert_eq!(err, "error: practice entry 999 was not found\n");
    // The history has only the council's add: the officer's name is not on it.
    let mut after = show(&db, &id);
    let mut expected = before;
    // `actions` are the viewer's: an LGA officer sees none on a draft.
    after.as_object_mut().unwrap().remove("actions");
    expected.as_object_mut().unwrap().remove("actions");
    assert_eq!(after, expected);
}

#[test]
fn every_bad_field_has_its_error_line_and_nothing_is_written() {
    let db = Db::new();
    be(&db, "council-organiser", "886");
    let err = refused(
        &db,
        &[
            "practice",
            "add",
            "--council",
            "886",
            "--summary",
            "S",
            "--theme",
            "knitting",
            "--partner-council",
            "Kent",
            "--contact-name",
            "Jo Bloggs",
            "--contact-email",
            "jo at kent",
            "--event",
            "42",
        ],
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(lines.iter().all(|l| l.starts_with("error: ")), "{err}");
    assert!(err.contains("error: title is required"), "{err}");
    assert!(err.contains("theme \"knitting\" is not known"), "{err}");
    assert!(err.contains("is the lead council"), "{err}");
    assert!(
        err.contains("\"jo at kent\" is not an email address"),
        "{err}"
    );
    assert!(err.contains("event 42 was not found"), "{err}");

    let err = refused(
        &db,
        &[
            "practice",
            "add",
            "--council",
            "886",
            "--title",
            "T",
            "--summary",
            "S",
            "--outcome",
            "Adoptions; 20; 42; 2011 to 2013",
            "--outcome",
            "Adoptions up 110%",
        ],
    );
    assert_eq!(
        err,
        "error: --outcome 2: \"Adoptions up 110%\" has 1 part; expected four parts separated by semicolons, MEASURE; BEFORE; AFTER; PERIOD, like \"Adoptions; 20; 42; 2011 to 2013\"\n"
    );
    let err = refused(
        &db,
        &[
            "practice",
            "add",
            "--council",
            "886",
            "--title",
            "T",
            "--summary",
            "S",
            "--outcome",
            "Adoptions; 20; ; 2013",
        ],
    );
    assert!(
        err.starts_with("error: outcome 1: after is required"),
        "{err}"
    );
    assert_eq!(db.json(&["practice", "list", "--json"]), json!([]));
}

#[test]
fn a_hostile_title_is_kept_as_text() {
    let db = Db::new();
    be(&db, "council-organiser", "886");
    let hostile =
        "<script>alert(\"x\")</script> '; DROP TABLE practice_entries; -- {{title}} #[x] \\u{1b}";
    let added = db.json(&[
        "practice",
        "add",
        "--council",
        "886",
        "--title",
        hostile,
        "--summary",
        "<b>bold?</b>\n& more",
        "--partner-org",
        "Coram & \"Friends\" <charity>",
        "--json",
    ]);
    let id = added["id"].to_string();
    for entry in [
        added,
        show(&db, &id),
        db.json(&["practice", "list", "--json"])[0].clone(),
    ] {
        assert_eq!(entry["title"], hostile);
        assert_eq!(entry["summary"], "<b>bold?</b>\n& more");
        assert_eq!(
            entry["partner_organisations"],
            json!(["Coram & \"Friends\" <charity>"])
        );
    }
    // A control character is refused, not stored.
    let err = refused(
        &db,
        &["practice", "edit", &id, "--title", "Kent\u{1b}[2J cleared"],
    );
    assert!(err.contains("\\u{1b}"), "escaped in the message: {err}");
    assert_eq!(show(&db, &id)["title"], hostile);
}

#[test]
fn lists_filter_by_council_as_lead_or_partner_status_theme_and_region() {
    let db = Db::new();
    be(&db, "council-organiser", "886");
    let kent_id = kent(&db)["id"].as_i64().unwrap();
    be(&db, "council-organiser", "Kensington and Chelsea");
    let tri = db.json(&[
        "practice",
        "add",
        "--council",
        "Westminster",
        "--partner-council",
        "Kensington and Chelsea",
        "--partner-council",
        "Hammersmith and Fulham",
        "--title",
        "Tri-borough care proceedings",
        "--summary",
        "Care cases down from 49 weeks to 27.",
        "--theme",
        "placement-stability",
        "--outcome",
        "Average length of care cases; 49 weeks; 27 weeks; 2011 to 2013",
        "--json",
    ]);
    let tri_id = tri["id"].as_i64().unwrap();
    assert_eq!(tri["partner_council_names"][1], "Hammersmith and Fulham");
    db.ok(&["practice", "submit", &tri_id.to_string()]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut full = vec!["practice", "list", "--json"];
        full.extend(args);
        db.json(&full)
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&[]), [kent_id, tri_id]);
    assert_eq!(ids(&["--council", "Hammersmith and Fulham"]), [tri_id]);
    assert_eq!(ids(&["--status", "submitted"]), [tri_id]);
    assert_eq!(ids(&["--status", "draft"]), [kent_id]);
    assert_eq!(ids(&["--theme", "placement-stability"]), [kent_id, tri_id]);
    assert_eq!(ids(&["--theme", "adoption"]), [kent_id]);
    assert_eq!(ids(&["--region", "London"]), [tri_id]);
    assert_eq!(ids(&["--region", "North East"]), Vec::<i64>::new());
    let err = refused(&db, &["practice", "list", "--status", "cancelled"]);
    assert!(
        err.contains("choose from draft, submitted, returned, approved, published"),
        "{err}"
    );
    let text = db.ok(&["practice", "list"]);
    assert!(
        text.contains("Westminster with Kensington and Chelsea and Hammersmith and Fulham"),
        "{text}"
    );
    assert!(text.ends_with("2 practice entries\n"), "{text}");
}

#[test]
fn an_entry_links_the_councils_own_events() {
    let db = Db::new();
    be(&db, "council-organiser", "886");
    let event = |council: &str| {
        db.json(&[
            "event",
            "add",
            "--council",
            council,
            "--title",
            "Celebration",
            "--start",
            "2014-10-28T10:00",
            "--end",
            "2014-10-28T12:00",
            "--json",
        ])["id"]
            .to_string()
    };
    let (ours, theirs) = (event("886"), event("Surrey"));
    let err = refused(
        &db,
        &[
            "practice",
            "add",
            "--council",
            "886",
            "--title",
            "T",
            "--summary",
            "S",
            "--event",
            &ours,
            "--event",
            &theirs,
        ],
    );
    assert!(
        err.contains(&format!(
            "event {theirs} (\"Celebration\") is run by Surrey"
        )),
        "{err}"
    );
    let added = db.json(&[
        "practice",
        "add",
        "--council",
        "886",
        "--title",
        "T",
        "--summary",
        "S",
        "--event",
        &ours,
        "--json",
    ]);
    assert_eq!(added["events"], json!([ours.parse::<i64>().unwrap()]));
    let cleared = db.json(&[
        "practice",
        "edit",
        &added["id"].to_string(),
        "--no-events",
        "--json",
    ]);
    assert_eq!(cleared["events"], json!([]));
}

/// `cpweek` on `db`, unable to write a read-only file even as root (it
/// drops the capabilities that would let it, as `tests/store.rs` does).
#[cfg(unix)]
fn without_override(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    use std::process::Command;
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args([
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
            "--",
            env!("CARGO_BIN_EXE_cpweek"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_cpweek"))
    };
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CPWEEK_DB")
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn reading_entries_works_on_a_read_only_database_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    be(&db, "council-organiser", "886");
    let id = kent(&db)["id"].to_string();
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let sure = without_override(&db.path, &["practice", "submit", &id]);
    assert!(!sure.status.success(), "the file should be read-only");
    assert!(
        String::from_utf8_lossy(&sure.stderr).contains("is read-only"),
        "{}",
        String::from_utf8_lossy(&sure.stderr)
    );
    let before = std::fs::read(&db.path).unwrap();
    for args in [
        vec!["practice", "list"],
        vec!["practice", "list", "--json", "--council", "Kent"],
        vec!["practice", "show", &id],
        vec!["practice", "show", &id, "--json"],
    ] {
        let out = without_override(&db.path, &args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(
        std::fs::read(&db.path).unwrap(),
        before,
        "reading changed the file"
    );
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o644)).unwrap();
}
