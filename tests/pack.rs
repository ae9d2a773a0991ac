//! `cpweek pack`: a council's submission pack taken in by the LGA and the
//! LGA's reply taken back, between two real databases through the real
//! binary. A pack edited by hand (its digest made again by an independent
//! implementation of the documented recipe, `tests/pack_check/edit_pack.py`)
//! cannot approve its own events; a damaged pack, a newer format version
//! and a record for another council are refused, by name; a change on both
//! sides waits for a person's choice. Ministerial requests travel in the
//! pack (format version 2) and the LGA's decisions come back; a pack
//! cannot accept its own request, nor ask for another council's event.
//! Practice entries travel too (format version 3): a pack cannot publish
//! its own entry nor speak for another council's, and a conflict waits
//! beside the others.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Db;
use serde_json::Value;

/// Kent's database (a council organiser of Kent) and the LGA's (an LGA
/// officer).
fn two() -> (Db, Db) {
    let kent = Db::new();
    kent.ok(&[
        "settings",
        "set",
        "--role",
        "council-organiser",
        "--council",
        "886",
        "--name",
        "Kim",
    ]);
    let lga = Db::new();
    lga.ok(&["settings", "set", "--role", "lga-officer", "--name", "Lee"]);
    (kent, lga)
}

fn add(db: &Db, title: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "event",
        "add",
        "--json",
        "--council",
        "886",
        "--title",
        title,
        "--start",
        "2014-10-28T10:00",
        "--end",
        "2014-10-28T12:00",
        "--venue",
        "Sessions House",
        "--theme",
        "care-leavers",
    ];
    args.extend_from_slice(extra);
    db.json(&args)
}

/// Writes `db`'s pack (`--reply` or not) to `name` in its folder.
fn export(db: &Db, name: &str, reply: bool) -> PathBuf {
    let path = db.file(name);
    let mut args = vec!["pack", "export", "--council", "886", "-o"];
    let p = path.to_str().unwrap().to_string();
    args.push(&p);
    if reply {
        args.push("--reply");
    }
    db.ok(&args);
    path
}

fn import(db: &Db, file: &Path) -> Value {
    db.json(&["pack", "import", file.to_str().unwrap(), "--json"])
}

fn counts(r: &Value) -> [u64; 5] {
    ["created", "changed", "unchanged", "refused", "conflicts"].map(|k| r[k].as_u64().unwrap())
}

/// Kent's events as `event list --json` gives them, without each
/// database's own id (and the actions, which follow the role).
fn kents(db: &Db) -> Vec<Value> {
    let mut list: Vec<Value> = db
        .events("2014")
        .into_iter()
        .filter(|e| e["council"] == "886")
        .map(|mut e| {
            let o = e.as_object_mut().unwrap();
            o.remove("id");
            o.remove("actions");
            e
        })
        .collect();
    list.sort_by(|a, b| a["uid"].as_str().cmp(&b["uid"].as_str()));
    list
}

/// A copy of `pack` with `edits` (`events.0.status="approved"`), its
/// digest made again.
fn edited(pack: &Path, name: &str, edits: &[&str]) -> PathBuf {
    let out = pack.with_file_name(name);
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let run = Command::new(python)
        .arg(common::repo().join("tests/pack_check/edit_pack.py"))
        .arg(pack)
        .arg(&out)
        .args(edits)
        .output()
        .expect("python3 is needed: run `scripts/setup test`");
    assert!(
        run.status.success(),
        "edit_pack.py failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

fn fails(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} succeeded");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_submission_and_the_reply_reproduce_each_side_and_again_change_nothing() {
    let (kent, lga) = two();
    let public = add(&kent, "Kent care leavers' awards", &["--capacity", "80"]);
    let private = add(
        &kent,
        "Tea with children in care",
        &["--private", "--contact-name", "Pat Carer"],
    );
    let pack = export(&kent, "kent.json", false);
    let text = std::fs::read_to_string(&pack).unwrap();
    assert!(text.contains("\"format\": \"cpweek-pack\""), "{text}");
    assert!(
        text.contains("Pat Carer"),
        "private events travel with every field"
    );

    let r = import(&lga, &pack);
    assert_eq!(counts(&r), [2, 0, 0, 0, 0], "{r}");
    assert_eq!(kents(&lga), kents(&kent));

    let ids: Vec<String> = lga
        .events("2014")
        .iter()
        .map(|e| e["id"].to_string())
        .collect();
    let at_lga = |uid: &Value| {
        lga.events("2014")
            .into_iter()
            .find(|e| e["uid"] == *uid)
            .unwrap()["id"]
            .to_string()
    };
    assert_eq!(ids.len(), 2);
    lga.ok(&["event", "approve", &at_lga(&public["uid"])]);
    let private_at_lga = at_lga(&private["uid"]);
    lga.ok(&[
        "event",
        "return",
        &private_at_lga,
        "--note",
        "Say who may come",
    ]);
    let reply = export(&lga, "reply.json", true);
    let back = import(&kent, &reply);
    assert_eq!(counts(&back), [0, 2, 0, 0, 0], "{back}");
    assert_eq!(kents(&kent), kents(&lga));
    let again = kent.ok(&["pack", "import", reply.to_str().unwrap()]);
    assert!(
        again.starts_with("The LGA's reply to Kent (886) for programme 2014"),
        "{again}"
    );
    assert!(
        again.contains("0 created, 0 changed, 2 unchanged"),
        "{again}"
    );
    let shown = kent.ok(&["event", "show", &private["id"].to_string()]);
    assert!(shown.contains("Say who may come"), "{shown}");

    // Either pack again changes nothing.
    let again = import(&lga, &pack);
    assert_eq!(counts(&again), [0, 0, 2, 0, 0], "{again}");
    let again = import(&kent, &reply);
    assert_eq!(counts(&again), [0, 0, 2, 0, 0], "{again}");
    assert_eq!(kents(&kent), kents(&lga));
}

#[test]
fn a_dry_run_reports_what_would_happen_and_writes_nothing() {
    let (kent, lga) = two();
    add(&kent, "Kent care leavers' awards", &[]);
    let pack = export(&kent, "kent.json", false);
    let r = lga.json(&[
        "pack",
        "import",
        pack.to_str().unwrap(),
        "--dry-run",
        "--json",
    ]);
    assert_eq!(r["dry_run"], true);
    assert_eq!(counts(&r), [1, 0, 0, 0, 0]);
    assert!(lga.events("2014").is_empty());
    let text = lga.ok(&["pack", "import", pack.to_str().unwrap(), "--dry-run"]);
    assert!(text.starts_with("Dry run: nothing was written."), "{text}");
    assert!(lga.events("2014").is_empty());
}

#[test]
fn a_hand_edited_pack_approving_itself_stays_submitted() {
    let (kent, lga) = two();
    add(&kent, "Kent care leavers' awards", &[]);
    let pack = export(&kent, "kent.json", false);
    let forged = edited(
        &pack,
        "forged.json",
        &["events.0.status=\"approved\"", "events.0.was_approved=true"],
    );
    let r = import(&lga, &forged);
    assert_eq!(counts(&r), [1, 0, 0, 0, 0], "{r}");
    assert!(r["items"][0]["notes"][0]
        .as_str()
        .unwrap()
        .contains("the pack says approved, which only the LGA decides"));
    let e = &lga.events("2014")[0];
    assert_eq!(e["status"], "submitted");
    assert_eq!(e["was_approved"], false);
    // A reply edited to look like the LGA's is still the LGA's to write: a
    // council organiser cannot write one.
    let err = fails(
        &kent,
        &["pack", "export", "--council", "886", "--reply", "-o", "-"],
    );
    assert!(
        err.starts_with("error: only an LGA officer can write the LGA's reply"),
        "{err}"
    );
}

#[test]
fn a_damaged_pack_and_a_newer_format_are_refused_whole_with_a_clear_message() {
    let (kent, lga) = two();
    add(&kent, "Kent care leavers' awards", &[]);
    let pack = export(&kent, "kent.json", false);
    let text = std::fs::read_to_string(&pack).unwrap();

    let damaged = kent.file("damaged.json");
    std::fs::write(&damaged, text.replace("Sessions House", "Sessions Horse")).unwrap();
    let err = fails(&lga, &["pack", "import", damaged.to_str().unwrap()]);
    assert!(
        err.starts_with("error: the pack is damaged: its digest does not match its contents"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");

    let cut = kent.file("cut.json");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let err = fails(&lga, &["pack", "import", cut.to_str().unwrap()]);
    assert!(
        err.starts_with("error: the pack is damaged: it is not readable JSON (line "),
        "{err}"
    );

    let newer = edited(&pack, "newer.json", &["format_version=4"]);
    let err = fails(&lga, &["pack", "import", newer.to_str().unwrap()]);
    assert!(
        err.starts_with("error: the pack was made by a newer cpweek (format version 4; this cpweek reads up to version 3)"),
        "{err}"
    );
    let elsewhere = edited(
        &pack,
        "elsewhere.json",
        &["programme=\"2031\"", "events.0.programme=\"2031\""],
    );
    let err = fails(&lga, &["pack", "import", elsewhere.to_str().unwrap()]);
    assert!(
        err.starts_with("error: the pack is for programme 2031, which this database does not hold"),
        "{err}"
    );
    assert!(lga.events("2014").is_empty());
}

#[test]
fn a_record_for_another_council_is_refused_by_name_and_the_rest_taken() {
    let (kent, lga) = two();
    add(&kent, "Kent care leavers' awards", &[]);
    add(&kent, "Kent foster carers' evening", &[]);
    let pack = export(&kent, "kent.json", false);
    let forged = edited(&pack, "forged.json", &["events.1.council=\"352\""]);
    let out = lga.run(&["pack", "import", forged.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(counts(&r), [1, 0, 0, 1, 0], "{r}");
    let err = String::from_utf8(out.stderr).unwrap();
    let uid = r["items"][1]["uid"].as_str().unwrap();
    assert!(err.starts_with(&format!("error: record {uid} (")), "{err}");
    assert!(
        err.contains("(council): the record is for council 352, but this is Kent (886)'s pack"),
        "{err}"
    );
    assert_eq!(lga.events("2014").len(), 1);
    // A record the event form would refuse is refused with its field.
    let bad = edited(
        &pack,
        "bad.json",
        &["events.0.contact_email=\"not an address\""],
    );
    let out = lga.run(&["pack", "import", bad.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["items"][0]["outcome"], "refused");
    assert_eq!(r["items"][0]["field"], "contact_email");
}

#[test]
fn a_change_on_both_sides_waits_for_a_choice_and_resolving_it_settles_both() {
    let (kent, lga) = two();
    let e = add(&kent, "Kent care leavers' awards", &[]);
    let pack = export(&kent, "kent.json", false);
    import(&lga, &pack);
    let id_lga = lga.events("2014")[0]["id"].to_string();
    lga.ok(&[
        "event",
        "edit",
        &id_lga,
        "--title",
        "Kent care leavers' awards 2014",
    ]);
    kent.ok(&[
        "event",
        "edit",
        &e["id"].to_string(),
        "--venue",
        "The Hop Farm",
    ]);
    let second = export(&kent, "kent2.json", false);
    let r = import(&lga, &second);
    assert_eq!(counts(&r), [0, 0, 0, 0, 1], "{r}");
    let listed = lga.json(&["pack", "conflicts", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let c = &listed[0];
    let fields: Vec<&str> = c["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "venue"]);
    assert_eq!(c["here"]["venue"], "Sessions House");
    assert_eq!(c["there"]["venue"], "The Hop Farm");
    let text = lga.ok(&["pack", "conflicts"]);
    assert!(text.contains("Keep one: cpweek pack resolve"), "{text}");
    // Nothing was overwritten.
    assert_eq!(lga.events("2014")[0]["venue"], "Sessions House");

    let err = fails(
        &lga,
        &["pack", "resolve", &c["id"].to_string(), "--keep", "both"],
    );
    assert!(err.contains("give lga or council"), "{err}");
    let done = lga.ok(&["pack", "resolve", &c["id"].to_string(), "--keep", "council"]);
    assert!(done.contains("the council's version"), "{done}");
    let now = &lga.events("2014")[0];
    assert_eq!(now["venue"], "The Hop Farm");
    assert_eq!(now["title"], "Kent care leavers' awards");
    assert!(lga
        .json(&["pack", "conflicts", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    let history = lga.json(&["event", "show", &id_lga, "--json"]);
    let last = history["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "conflict_kept_council");

    // The reply then settles the council without a conflict of its own.
    let reply = export(&lga, "reply.json", true);
    let back = import(&kent, &reply);
    assert_eq!(back["conflicts"], 0, "{back}");
    assert_eq!(back["refused"], 0, "{back}");
    let k = &kent.events("2014")[0];
    assert_eq!(
        (k["venue"].clone(), k["title"].clone()),
        (now["venue"].clone(), now["title"].clone())
    );
}

/// Kent's requests as the LGA's and the council's packs carry them, `seen`
/// left out: what both databases must agree on.
fn kents_requests(db: &Db) -> Vec<Value> {
    let file = db.file("requests-check.json");
    let p = file.to_str().unwrap().to_string();
    db.ok(&["pack", "export", "--council", "886", "--force", "-o", &p]);
    let pack: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut list: Vec<Value> = pack["requests"]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .map(|mut r| {
            r.as_object_mut().unwrap().remove("seen");
            r
        })
        .collect();
    list.sort_by(|a, b| a["uid"].as_str().cmp(&b["uid"].as_str()));
    list
}

fn request_counts(r: &Value) -> [u64; 5] {
    ["created", "changed", "unchanged", "refused", "conflicts"]
        .map(|k| r["request_counts"][k].as_u64().unwrap())
}

/// Kent's event with a request for the minister (person 1) to speak,
/// submitted to the LGA; gives the request.
fn kent_asks(kent: &Db) -> Value {
    let e = add(kent, "Kent care leavers' awards", &[]);
    let q = kent.json(&[
        "request",
        "add",
        "--json",
        "--event",
        &e["id"].to_string(),
        "--person",
        "1",
        "--role",
        "speak",
        "--case",
        "Care leavers designed the awards",
        "--contact-name",
        "Sam Contact",
    ]);
    kent.ok(&[
        "request",
        "submit",
        &q["id"].to_string(),
        "--note",
        "The minister's visit would mean a lot",
    ]);
    q
}

#[test]
fn requests_travel_to_the_lga_and_its_decisions_come_back() {
    let (kent, lga) = two();
    let q = kent_asks(&kent);
    let pack = export(&kent, "kent.json", false);
    // Saying what the pack holds: its events and its requests.
    let said = kent.run(&[
        "pack",
        "export",
        "--council",
        "886",
        "-o",
        kent.file("again.json").to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&said.stderr);
    assert!(
        said.contains("Wrote the submission pack (1 event and 1 ministerial request) to"),
        "{said}"
    );
    let text = std::fs::read_to_string(&pack).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format_version"], 3);
    assert_eq!(doc["requests"][0]["uid"], q["uid"]);
    assert_eq!(doc["requests"][0]["person"]["key"], "timpson");

    let shown = lga.ok(&["pack", "import", pack.to_str().unwrap(), "--dry-run"]);
    assert!(
        shown.contains(
            "Ministerial requests: 1 created, 0 changed, 0 unchanged, 0 refused, 0 conflicts."
        ),
        "{shown}"
    );
    assert!(
        shown.contains("Edward Timpson MP to speak: Kent care leavers' awards"),
        "{shown}"
    );
    let r = import(&lga, &pack);
    assert_eq!(request_counts(&r), [1, 0, 0, 0, 0], "{r}");
    assert_eq!(r["requests"][0]["outcome"], "created");
    assert_eq!(kents_requests(&lga), kents_requests(&kent));
    let id = r["requests"][0]["request_id"].to_string();
    let at_lga = lga.json(&["request", "show", &id, "--json"]);
    assert_eq!(at_lga["status"], "submitted");
    assert_eq!(at_lga["history"][0]["action"], "imported_from_pack");
    assert_eq!(at_lga["history"][0]["who"], "Lee");

    lga.ok(&["request", "forward", &id]);
    lga.ok(&["request", "decline", &id, "--note", "In Brussels that day"]);
    let reply = export(&lga, "reply.json", true);
    let back = import(&kent, &reply);
    assert_eq!(request_counts(&back), [0, 1, 0, 0, 0], "{back}");
    let fields: Vec<&str> = back["requests"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["status", "status_note"]);
    assert_eq!(kents_requests(&kent), kents_requests(&lga));
    let at_kent = kent.json(&["request", "show", &q["id"].to_string(), "--json"]);
    assert_eq!(at_kent["status"], "declined");
    let last = at_kent["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "decided_by_pack");
    assert_eq!(last["who"], "Kim");
    assert_eq!(last["note"], "In Brussels that day");
    let page = kent.ok(&["request", "show", &q["id"].to_string()]);
    assert!(
        page.contains("The LGA's decision, from its reply"),
        "{page}"
    );

    // Again: nothing changes on either side.
    assert_eq!(request_counts(&import(&lga, &pack)), [0, 0, 1, 0, 0]);
    assert_eq!(request_counts(&import(&kent, &reply)), [0, 0, 1, 0, 0]);
    assert_eq!(kents_requests(&kent), kents_requests(&lga));
}

#[test]
fn a_pack_cannot_accept_its_own_request_nor_ask_for_another_councils_event() {
    let (kent, lga) = two();
    kent_asks(&kent);
    let surrey = lga.json(&[
        "event",
        "add",
        "--json",
        "--council",
        "936",
        "--title",
        "Surrey's awards",
        "--start",
        "2014-10-29T10:00",
        "--end",
        "2014-10-29T12:00",
    ]);
    let pack = export(&kent, "kent.json", false);
    let accepting = edited(&pack, "accepting.json", &["requests.0.status=\"accepted\""]);
    let shown = lga.ok(&["pack", "import", accepting.to_str().unwrap()]);
    assert!(
        shown.contains("note: the pack says accepted, which only the LGA decides: not taken (the request stays submitted)"),
        "{shown}"
    );
    let listed = lga.json(&["request", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["status"], "submitted");

    let surreys = format!("\"{}\"", surrey["uid"].as_str().unwrap());
    let forged = edited(
        &pack,
        "forged.json",
        &[
            &format!("requests.0.event={surreys}"),
            "requests.0.uid=\"forged@example.org\"",
        ],
    );
    let out = lga.run(&["pack", "import", forged.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(request_counts(&r), [0, 0, 0, 1, 0], "{r}");
    assert_eq!(r["requests"][0]["field"], "event");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: request forged@example.org ("),
        "{err}"
    );
    assert!(
        err.contains("refused (event): the request is for event"),
        "{err}"
    );
    assert!(
        err.contains("of Surrey (936) here, not one of this council's"),
        "{err}"
    );
    assert_eq!(
        lga.json(&["request", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_request_moved_differently_on_both_sides_waits_beside_the_events_conflicts() {
    let (kent, lga) = two();
    let e = add(&kent, "Kent care leavers' awards", &[]);
    let q = kent.json(&[
        "request",
        "add",
        "--json",
        "--event",
        &e["id"].to_string(),
        "--person",
        "1",
        "--from",
        "10:30",
        "--to",
        "11:00",
    ]);
    import(&lga, &export(&kent, "kent.json", false));
    let id_lga = lga.events("2014")[0]["id"].to_string();
    // Each side moves the event its own way; the part wanted follows each.
    kent.ok(&[
        "event",
        "edit",
        &e["id"].to_string(),
        "--start",
        "2014-10-28T11:00",
        "--end",
        "2014-10-28T13:00",
    ]);
    lga.ok(&[
        "event",
        "edit",
        &id_lga,
        "--start",
        "2014-10-28T10:15",
        "--end",
        "2014-10-28T14:00",
    ]);
    let r = import(&lga, &export(&kent, "kent2.json", false));
    assert_eq!(counts(&r), [0, 0, 0, 0, 1], "{r}");
    assert_eq!(request_counts(&r), [0, 0, 0, 0, 1], "{r}");

    let listed = lga.json(&["pack", "conflicts", "--json"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    // The event's conflict is as it always was; the request's says so.
    assert!(listed[0].get("record").is_none(), "{}", listed[0]);
    assert_eq!(listed[0]["here"]["title"], "Kent care leavers' awards");
    let c = &listed[1];
    assert_eq!(c["record"], "request");
    assert_eq!(c["uid"], q["uid"]);
    assert_eq!(c["there"]["start"], "2014-10-28T11:30:00+00:00");
    let text = lga.ok(&["pack", "conflicts"]);
    assert!(
        text.contains(&format!(
            "Conflict {}: request {} Edward Timpson MP to visit: Kent care leavers' awards",
            c["id"], c["request_id"]
        )),
        "{text}"
    );

    let event_conflict = listed[0]["id"].to_string();
    lga.ok(&["pack", "resolve", &event_conflict, "--keep", "council"]);
    let done = lga.ok(&["pack", "resolve", &c["id"].to_string(), "--keep", "council"]);
    assert!(
        done.contains(&format!(
            "the council's version of request {} (Edward Timpson MP to visit",
            c["request_id"]
        )),
        "{done}"
    );
    let kept = lga.json(&["request", "show", &c["request_id"].to_string(), "--json"]);
    assert_eq!(kept["start"], "2014-10-28T11:30:00+00:00");
    let last = kept["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "conflict_kept_council");
    assert!(lga
        .json(&["pack", "conflicts", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    // The reply then settles the council without a conflict of its own.
    let back = import(&kent, &export(&lga, "reply.json", true));
    assert_eq!(request_counts(&back)[3..], [0, 0], "{back}");
    // Both hold the same request (each stamped its own move of it).
    let without_stamp = |db: &Db| {
        let mut list = kents_requests(db);
        for r in &mut list {
            r.as_object_mut().unwrap().remove("updated_at");
        }
        list
    };
    assert_eq!(without_stamp(&lga), without_stamp(&kent));
}

// Practice entries (format version 3).

fn practice_counts(r: &Value) -> [u64; 5] {
    ["created", "changed", "unchanged", "refused", "conflicts"]
        .map(|k| r["practice_counts"][k].as_u64().unwrap())
}

/// Kent's case study with every field a council sets, linking `event`;
/// its id.
fn kent_practice(kent: &Db, event: &str) -> String {
    let added = kent.json(&[
        "practice",
        "add",
        "--json",
        "--council",
        "886",
        "--title",
        "Kent and Coram's adoption partnership",
        "--summary",
        "Adoptions rose by 110% within a year.",
        "--what",
        "A joint team.\nFamilies found earlier.",
        "--theme",
        "adoption",
        "--partner-council",
        "Medway",
        "--partner-org",
        "Coram",
        "--outcome",
        "Adoptions; 20; 42; 2011 to 2013",
        "--contact-name",
        "Jo Bloggs",
        "--contact-role",
        "Head of adoption",
        "--contact-email",
        "jo.bloggs@kent.gov.uk",
        "--source",
        "Edward Timpson's speech, 2013",
        "--event",
        event,
    ]);
    added["id"].to_string()
}

/// An entry as `practice show --json` gives it, without what each
/// database has of its own (ids, actions, history) and its events as
/// their UIDs.
fn practice_shown(db: &Db, id: &str) -> Value {
    let mut v = db.json(&["practice", "show", id, "--json"]);
    let events: Vec<Value> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| db.json(&["event", "show", &e.to_string(), "--json"])["uid"].clone())
        .collect();
    let o = v.as_object_mut().unwrap();
    for k in ["id", "actions", "history"] {
        o.remove(k);
    }
    o.insert("events".into(), Value::Array(events));
    v
}

#[test]
fn practice_entries_travel_to_the_lga_and_its_decisions_come_back() {
    let (kent, lga) = two();
    let event = add(&kent, "Kent care leavers' awards", &[])["id"].to_string();
    let id = kent_practice(&kent, &event);
    kent.ok(&["practice", "submit", &id]);
    let pack = export(&kent, "kent.json", false);
    // Saying what the pack holds names its good-practice entry.
    let said = kent.run(&[
        "pack",
        "export",
        "--council",
        "886",
        "-o",
        kent.file("again.json").to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&said.stderr);
    assert!(
        said.contains("(1 event, no ministerial requests and 1 good-practice entry)"),
        "{said}"
    );
    let r = import(&lga, &pack);
    assert_eq!(practice_counts(&r), [1, 0, 0, 0, 0], "{r}");
    assert_eq!(r["practice"][0]["outcome"], "created");
    let there = r["practice"][0]["entry_id"].to_string();
    assert_eq!(practice_shown(&lga, &there), practice_shown(&kent, &id));

    // Again: nothing changes; the text report says so record by record.
    let out = lga.ok(&["pack", "import", pack.to_str().unwrap()]);
    assert!(
        out.contains(
            "Practice entries: 0 created, 0 changed, 1 unchanged, 0 refused, 0 conflicts."
        ),
        "{out}"
    );
    assert!(
        out.contains("Kent and Coram's adoption partnership"),
        "{out}"
    );

    lga.ok(&["practice", "approve", &there]);
    lga.ok(&[
        "practice",
        "publish",
        &there,
        "--consent-checked-by",
        "Sam Checker",
        "--consent",
        "identified-none",
    ]);
    let back = export(&lga, "reply.json", true);
    let r = import(&kent, &back);
    assert_eq!(practice_counts(&r), [0, 1, 0, 0, 0], "{r}");
    let fields: Vec<&str> = r["practice"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["status", "consent"], "{r}");
    let at_kent = practice_shown(&kent, &id);
    assert_eq!(at_kent["status"], "published");
    assert_eq!(at_kent["consent"]["checked_by"], "Sam Checker");
    assert_eq!(at_kent, practice_shown(&lga, &there));
    assert_eq!(
        kent.json(&["practice", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(practice_counts(&import(&kent, &back)), [0, 0, 1, 0, 0]);
    let next = export(&kent, "kent-2.json", false);
    assert_eq!(practice_counts(&import(&lga, &next)), [0, 0, 1, 0, 0]);
}

#[test]
fn a_pack_cannot_publish_its_own_entry_nor_speak_for_another_council() {
    let (kent, lga) = two();
    let event = add(&kent, "Kent care leavers' awards", &[])["id"].to_string();
    let id = kent_practice(&kent, &event);
    kent.ok(&["practice", "submit", &id]);
    let pack = export(&kent, "kent.json", false);
    import(&lga, &pack);
    let forged = edited(
        &pack,
        "forged.json",
        &[
            "practice.0.status=\"published\"",
            "practice.0.consent={\"checked_by\": \"Kim Organiser\", \"kind\": \"on_record\", \"at\": \"2014-09-10T09:00:00Z\"}",
        ],
    );
    let out = lga.run(&["pack", "import", forged.to_str().unwrap()]);
    assert!(!out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("Practice entries: 0 created, 0 changed, 0 unchanged, 1 refused"),
        "{stdout}"
    );
    assert!(
        stderr.contains("error: practice entry ")
            && stderr
                .contains("refused (status): the pack says published, which only the LGA decides"),
        "{stderr}"
    );
    let list = lga.json(&["practice", "list", "--json"]);
    assert_eq!(list[0]["status"], "submitted");
    assert!(list[0]["consent"].is_null());

    let theirs = edited(&pack, "theirs.json", &["practice.0.council=\"352\""]);
    let out = lga.run(&["pack", "import", theirs.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["practice"][0]["outcome"], "refused");
    assert_eq!(r["practice"][0]["field"], "council");
}

#[test]
fn a_practice_entry_changed_on_both_sides_waits_and_resolving_it_settles_it() {
    let (kent, lga) = two();
    let event = add(&kent, "Kent care leavers' awards", &[])["id"].to_string();
    let id = kent_practice(&kent, &event);
    let r = import(&lga, &export(&kent, "kent.json", false));
    let there = r["practice"][0]["entry_id"].to_string();
    // The draft changed at the LGA's desk by someone acting for Kent...
    lga.ok(&[
        "settings",
        "set",
        "--role",
        "council-organiser",
        "--council",
        "886",
    ]);
    lga.ok(&["practice", "edit", &there, "--title", "Changed at the LGA"]);
    lga.ok(&["settings", "set", "--role", "lga-officer"]);
    // ... and at the council.
    kent.ok(&["practice", "edit", &id, "--title", "Changed at the council"]);
    let pack = export(&kent, "kent-2.json", false);
    let r = import(&lga, &pack);
    assert_eq!(practice_counts(&r), [0, 0, 0, 0, 1], "{r}");
    let number = r["practice"][0]["conflict"].to_string();
    let waiting = lga.json(&["pack", "conflicts", "--json"]);
    assert_eq!(waiting[0]["record"], "practice", "{waiting}");
    assert_eq!(waiting[0]["id"].to_string(), number);
    let text = lga.ok(&["pack", "conflicts"]);
    assert!(text.contains("practice entry"), "{text}");
    assert!(text.contains("\"Changed at the LGA\""), "{text}");
    let out = lga.ok(&["pack", "resolve", &number, "--keep", "council"]);
    assert!(out.contains("council's version of practice entry"), "{out}");
    assert_eq!(
        lga.json(&["practice", "show", &there, "--json"])["title"],
        "Changed at the council"
    );
    assert_eq!(
        lga.json(&["pack", "conflicts", "--json"]),
        serde_json::json!([])
    );
    assert_eq!(practice_counts(&import(&lga, &pack)), [0, 0, 1, 0, 0]);
}
