//! `cpweek sample load` and `remove` through the real binary: a full,
//! marked week that the lists see, refused twice or over real data,
//! removed exactly; nothing private of it in any published output.

mod common;

use std::collections::BTreeSet;

use common::Db;
use serde_json::Value;

fn list(db: &Db, what: &[&str]) -> Vec<Value> {
    let mut args = what.to_vec();
    args.push("--json");
    db.json(&args).as_array().unwrap().clone()
}

fn strings<'a>(items: &'a [Value], key: &str) -> BTreeSet<&'a str> {
    items.iter().map(|v| v[key].as_str().unwrap()).collect()
}

fn fails(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: "), "{err}");
    err
}

#[test]
fn the_sample_fills_the_week_and_the_lists_see_it() {
    let db = Db::new();
    let said = db.ok(&["sample", "load"]);
    assert!(said.contains("Loaded the sample week"), "{said}");
    let events = list(&db, &["event", "list"]);
    assert!(events.len() >= 100, "{}", events.len());
    assert!(events
        .iter()
        .all(|e| e["title"].as_str().unwrap().starts_with("Sample: ")));
    let days: BTreeSet<&str> = events
        .iter()
        .map(|e| &e["start"].as_str().unwrap()[..10])
        .collect();
    let week: BTreeSet<&str> = [
        "2014-10-27",
        "2014-10-28",
        "2014-10-29",
        "2014-10-30",
        "2014-10-31",
        "2014-11-01",
        "2014-11-02",
    ]
    .into();
    assert_eq!(days, week);
    let regions = list(&db, &["regions"]);
    assert_eq!(strings(&events, "region"), strings(&regions, "name"));
    assert_eq!(
        strings(&events, "status"),
        ["approved", "cancelled", "returned", "submitted"].into()
    );
    assert!(events
        .iter()
        .any(|e| e["status"] == "returned" && e["status_note"].as_str().is_some()));
    assert_eq!(strings(&events, "visibility"), ["private", "public"].into());
    // The sources' pairs run joint events.
    for (lead, partners) in [
        ("207", vec!["205", "213"]),
        ("318", vec!["314"]),
        ("850", vec!["921"]),
    ] {
        assert!(
            events
                .iter()
                .any(|e| e["council"] == lead
                    && e["partner_councils"] == serde_json::json!(partners)),
            "no joint event led by {lead}"
        );
    }

    let requests = list(&db, &["request", "list"]);
    assert_eq!(
        strings(&requests, "status"),
        [
            "accepted",
            "declined",
            "draft",
            "forwarded",
            "held",
            "submitted",
            "withdrawn"
        ]
        .into()
    );
    let people = list(&db, &["person", "list"]);
    let seeded: BTreeSet<i64> = people.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert!(requests
        .iter()
        .all(|r| seeded.contains(&r["person_id"].as_i64().unwrap())));

    let practice = list(&db, &["practice", "list"]);
    assert!(practice.len() >= 5);
    assert!(practice.iter().all(|p| {
        p["title"].as_str().unwrap().starts_with("Sample: ")
            && p["source"]
                .as_str()
                .is_some_and(|s| s.contains("001_90b65449ab5fa4a6.txt"))
    }));
    assert!(strings(&practice, "status").contains("published"));
}

#[test]
fn loading_twice_or_over_real_events_is_refused_and_changes_nothing() {
    let db = Db::new();
    db.ok(&["sample", "load"]);
    let before = list(&db, &["event", "list"]).len();
    let err = fails(&db, &["sample", "load"]);
    assert!(err.contains("loaded already"), "{err}");
    assert_eq!(list(&db, &["event", "list"]).len(), before);

    let real = Db::new();
    real.ok(&[
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
    ]);
    let err = fails(&real, &["sample", "load"]);
    assert!(err.contains("already holds 1 event"), "{err}");
    assert_eq!(list(&real, &["event", "list"]).len(), 1);
    assert!(list(&real, &["practice", "list"]).is_empty());
}

#[test]
fn remove_takes_exactly_the_sample_out_and_a_real_event_survives() {
    let db = Db::new();
    db.ok(&["settings", "set", "--role", "lga-officer"]);
    let loaded = db.json(&["sample", "load", "--json"]);
    let real = db.json(&[
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
        "--json",
    ]);
    let removed = db.json(&["sample", "remove", "--json"]);
    assert_eq!(removed, loaded);
    let events = list(&db, &["event", "list"]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["uid"], real["uid"]);
    assert!(real["uid"].is_string());
    assert!(list(&db, &["request", "list"]).is_empty());
    assert!(list(&db, &["practice", "list"]).is_empty());
    let again = db.ok(&["sample", "remove"]);
    assert!(again.contains("no sample to remove"), "{again}");
}

#[test]
fn published_outputs_of_the_sample_never_show_a_private_event() {
    let db = Db::new();
    db.ok(&["sample", "load"]);
    let events = list(&db, &["event", "list"]);
    let private: Vec<&Value> = events
        .iter()
        .filter(|e| e["visibility"] == "private")
        .collect();
    assert!(!private.is_empty());
    let feed = db.ok(&["export", "ics"]);
    let csv = db.ok(&[
        "programme",
        "export",
        "--live",
        "--format",
        "csv",
        "-o",
        "-",
    ]);
    let json = db.ok(&[
        "programme",
        "export",
        "--live",
        "--format",
        "json",
        "-o",
        "-",
    ]);
    // Some of the sample is published...
    let public = events
        .iter()
        .find(|e| e["visibility"] == "public" && e["status"] == "approved")
        .unwrap();
    assert!(feed.contains(public["uid"].as_str().unwrap()));
    assert!(csv.contains(public["title"].as_str().unwrap()));
    // ...and nothing of a private event.
    for e in private {
        let uid = e["uid"].as_str().unwrap();
        assert!(!feed.contains(uid), "{uid} in the feed");
        assert!(!json.contains(uid), "{uid} in the schedule");
        for field in ["title", "description"] {
            let text = e[field].as_str().unwrap();
            assert!(!feed.contains(text), "{text} in the feed");
            assert!(!csv.contains(text), "{text} in the CSV");
            assert!(!json.contains(text), "{text} in the schedule");
        }
    }
}

#[test]
fn toolkit_sendings_are_the_lgas_to_record_and_coverage_follows_published_entries() {
    let db = Db::new();
    db.ok(&["sample", "load"]);
    let err = fails(&db, &["toolkit", "sent", "--edition", "1", "--to", "all"]);
    assert!(err.contains("only an LGA officer"), "{err}");
    assert!(list(&db, &["toolkit", "sent", "--list"]).is_empty());

    db.ok(&[
        "settings",
        "set",
        "--role",
        "lga-officer",
        "--name",
        "Lee Officer",
    ]);
    let first = db.json(&[
        "toolkit",
        "sent",
        "--edition",
        "1",
        "--to",
        "886",
        "Westminster",
        "--at",
        "2014-11-10",
        "--json",
    ]);
    assert_eq!(first["recorded"], serde_json::json!(["886", "213"]));
    let all = db.json(&["toolkit", "sent", "--edition", "1", "--to", "all", "--json"]);
    assert_eq!(all["recorded"].as_array().unwrap().len(), 150);
    let sent = list(&db, &["toolkit", "sent", "--list"]);
    assert_eq!(sent.len(), 152);
    let kent = sent.iter().find(|s| s["council"] == "886").unwrap();
    assert_eq!(kent["sent_on"], "2014-11-10");
    assert_eq!(kent["recorded_by"], "Lee Officer");
    let err = fails(
        &db,
        &["toolkit", "sent", "--edition", "0", "--to", "Narnia"],
    );
    assert!(err.contains("edition") && err.contains("Narnia"), "{err}");

    // The sample publishes the Staffordshire, Kent, tri-borough and
    // Hampshire with Isle of Wight entries: seven councils.
    let coverage = db.json(&["practice", "coverage", "--json"]);
    assert_eq!(coverage["covered"], 7);
    assert_eq!(coverage["councils"], 152);
    let london = coverage["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"] == "London")
        .unwrap();
    assert_eq!(london["covered"], 3);
    db.ok(&["sample", "remove"]);
    assert_eq!(db.json(&["practice", "coverage", "--json"])["covered"], 0);
    // What was sent is the LGA's record, not the sample's: it stays.
    assert_eq!(list(&db, &["toolkit", "sent", "--list"]).len(), 152);
}

/// Every file under `dir` as text (PDFs by `pdftotext`), for looking into.
fn text_under(dir: &std::path::Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.push_str(&text_under(&path));
        } else if path.extension().is_some_and(|e| e == "pdf") {
            all.push_str(&common::poppler("pdftotext", &[], &path));
        } else {
            all.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
        all.push('\n');
    }
    all
}

#[test]
fn the_published_site_documents_and_toolkit_of_the_sample_hold_nothing_private() {
    let db = Db::new();
    db.ok(&["sample", "load"]);
    db.ok(&[
        "settings",
        "set",
        "--role",
        "lga-officer",
        "--name",
        "Lee Officer",
    ]);
    let events = list(&db, &["event", "list"]);
    let site = db.file("site");
    db.ok(&[
        "publish",
        "site",
        "--dir",
        site.to_str().unwrap(),
        "--public-url",
        "https://cpw.example.org.uk/2014",
        "--live",
    ]);
    let out = db.file("out");
    std::fs::create_dir(&out).unwrap();
    for format in ["html", "pdf"] {
        let path = out.join(format!("programme.{format}"));
        db.ok(&[
            "programme",
            "export",
            "--live",
            "--format",
            format,
            "-o",
            path.to_str().unwrap(),
        ]);
    }
    for format in ["html", "pdf", "docx"] {
        let path = out.join(format!("toolkit.{format}"));
        db.ok(&[
            "toolkit",
            "export",
            "--format",
            format,
            "-o",
            path.to_str().unwrap(),
        ]);
    }
    // The Word document's text, unzipped by Python's standard library.
    let docx = out.join("toolkit.docx");
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let unzipped = std::process::Command::new(python)
        .args([
            "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
             print(''.join(z.read(n).decode('utf-8') for n in z.namelist() if n.endswith('.xml')))",
        ])
        .arg(&docx)
        .output()
        .unwrap();
    assert!(unzipped.status.success());
    std::fs::remove_file(&docx).unwrap();
    let published = format!(
        "{}\n{}\n{}",
        text_under(&site),
        text_under(&out),
        String::from_utf8(unzipped.stdout).unwrap()
    );
    let flat = published.split_whitespace().collect::<Vec<_>>().join(" ");

    let public_approved: Vec<&Value> = events
        .iter()
        .filter(|e| e["visibility"] == "public" && e["status"] == "approved")
        .collect();
    let some = public_approved[0]["title"].as_str().unwrap();
    assert!(flat.contains(some), "the published outputs hold {some}");
    // The feeds carry submitted public events too (as TENTATIVE).
    let shared = |field: &str, text: &str| {
        events.iter().any(|e| {
            e["visibility"] == "public" && e[field].as_str().is_some_and(|t| t.contains(text))
        })
    };
    let private: Vec<&Value> = events
        .iter()
        .filter(|e| e["visibility"] == "private")
        .collect();
    assert!(!private.is_empty());
    for e in private {
        let uid = e["uid"].as_str().unwrap();
        assert!(!published.contains(uid), "{uid} published");
        for field in ["title", "description", "venue"] {
            let Some(text) = e[field].as_str().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            if shared(field, text) {
                continue; // a public event's too (a council's usual hall)
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                !flat.contains(&text),
                "a private event's {field} {text:?} published"
            );
        }
    }
}
