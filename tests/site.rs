//! `cpweek programme listing` and `cpweek publish site`, through the real
//! binary: a council's listing as an HTML fragment, and the whole public
//! output as static files. Every feed of the site is read by Python's
//! `icalendar` (`tests/site_check/read_feeds.py`); nothing of a private
//! event is in any file of the site (the PDF read with `pdftotext`); a
//! hostile title stays text in the index, the listings and the programme's
//! HTML; publishing again leaves unchanged files untouched.

mod common;

use std::collections::BTreeSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{poppler, Db};
use serde_json::Value;

const HOSTILE: &str = "<script>alert(\"x\")</script> & Co";
const ESCAPED: &str = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co";
const SECRET: &str = "Secret care council";
const SECRET_VENUE: &str = "Hidden House";
const SECRET_CONTACT: &str = "Private Person";
const URL: &str = "https://cpw.example.org.uk/2014";

fn add(db: &Db, args: &[&str]) -> Value {
    let mut all = vec!["event", "add", "--json"];
    all.extend_from_slice(args);
    db.json(&all)
}

fn approve(db: &Db, e: &Value) {
    db.ok(&["event", "approve", &e["id"].to_string()]);
}

/// An approved public event from Kent and one with a hostile title from
/// Manchester; a private approved Kent event; a submitted Leeds event.
/// Gives the approved public events' UIDs.
fn a_programme(db: &Db) -> BTreeSet<String> {
    db.ok(&["settings", "set", "--role", "lga-officer", "--name", "Lee"]);
    let kent = add(
        db,
        &[
            "--council",
            "886",
            "--title",
            "Kent care leavers' awards",
            "--start",
            "2014-10-29T10:00",
            "--end",
            "2014-10-29T12:30",
            "--venue",
            "Sessions House",
            "--theme",
            "care-leavers",
        ],
    );
    let manchester = add(
        db,
        &[
            "--council",
            "352",
            "--title",
            HOSTILE,
            "--start",
            "2014-10-28T14:00",
            "--end",
            "2014-10-28T15:00",
            "--venue",
            HOSTILE,
        ],
    );
    let secret = add(
        db,
        &[
            "--council",
            "886",
            "--title",
            SECRET,
            "--start",
            "2014-10-30T10:00",
            "--end",
            "2014-10-30T12:00",
            "--venue",
            SECRET_VENUE,
            "--contact-name",
            SECRET_CONTACT,
            "--theme",
            "care-leavers",
            "--private",
        ],
    );
    add(
        db,
        &[
            "--council",
            "383",
            "--title",
            "Leeds awaiting review",
            "--start",
            "2014-10-28T10:00",
            "--end",
            "2014-10-28T11:00",
        ],
    );
    for e in [&kent, &manchester, &secret] {
        approve(db, e);
    }
    [kent, manchester]
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_string())
        .collect()
}

fn publish(db: &Db, dir: &Path, more: &[&str]) -> Value {
    let mut args = vec![
        "publish",
        "site",
        "--dir",
        dir.to_str().unwrap(),
        "--public-url",
        URL,
        "--live",
        "--json",
    ];
    args.extend_from_slice(more);
    db.json(&args)
}

fn fails(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "cpweek {args:?} should have failed");
    String::from_utf8(out.stderr).unwrap()
}

/// Every file under `dir`, by its path under it.
fn files(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_string_lossy().to_string());
            }
        }
    }
    out
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn read_feeds(dir: &Path) -> Value {
    let python = std::env::var_os("CPWEEK_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(&python)
        .arg(common::repo().join("tests/site_check/read_feeds.py"))
        .arg(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("{python:?} cannot be run ({e}): set CPWEEK_PYTHON (scripts/setup test)")
        });
    assert!(
        out.status.success(),
        "icalendar refused the site's feeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn count(db: &Db, what: &str) -> usize {
    db.json(&[what, "--json"]).as_array().unwrap().len()
}

#[test]
fn the_site_serves_every_feed_read_by_icalendar_and_nothing_private() {
    let db = Db::new();
    let public = a_programme(&db);
    let dir = db.file("site");
    let done = publish(&db, &dir, &[]);
    assert_eq!(done["events"], 2);
    assert_eq!(done["public_url"], format!("{URL}/"));
    let on_disk = files(&dir);
    assert_eq!(strings(&done["written"]), on_disk);

    // Every feed the server serves, at the server's paths, read by icalendar.
    let feeds = read_feeds(&dir);
    let feeds = feeds.as_object().unwrap();
    let expected = 1 + count(&db, "regions") + count(&db, "themes") + count(&db, "councils");
    assert_eq!(feeds.len(), expected);
    let uids = |path: &str| -> BTreeSet<String> {
        feeds[path]["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(uids("feeds/national.ics"), public);
    assert_eq!(uids("feeds/council/886.ics").len(), 1);
    // The region feed holds the event awaiting review, as the server's does.
    let leeds = &feeds["feeds/council/383.ics"]["events"][0];
    assert_eq!(leeds["status"], "TENTATIVE");
    // Byte for byte what `cpweek export ics` (and the feed server) gives.
    for scope in [
        "national",
        "council:886",
        "region:North West",
        "theme:care-leavers",
    ] {
        let exported = db.ok(&["export", "ics", "--scope", scope]);
        let path = match scope.split_once(':') {
            None => "feeds/national.ics".to_string(),
            Some(("region", _)) => "feeds/region/north-west.ics".to_string(),
            Some((kind, name)) => format!("feeds/{kind}/{name}.ics"),
        };
        assert_eq!(
            std::fs::read_to_string(dir.join(&path)).unwrap(),
            exported,
            "{path}"
        );
    }

    // Nothing of the private event in any file (the PDF as its text).
    for file in &on_disk {
        let path = dir.join(file);
        let text = if file.ends_with(".pdf") {
            poppler("pdftotext", &["-enc", "UTF-8"], &path)
        } else {
            std::fs::read_to_string(&path).unwrap()
        };
        for secret in [SECRET, SECRET_VENUE, SECRET_CONTACT] {
            assert!(!text.contains(secret), "{secret} in {file}");
        }
        if file.ends_with(".html") {
            assert!(!text.contains("<script"), "a script in {file}");
        }
    }
    // The hostile title is text in the index, the listing and the programme.
    let listing = std::fs::read_to_string(dir.join("listings/352.html")).unwrap();
    assert!(listing.contains(&format!(">{ESCAPED}</h3>")), "{listing}");
    assert!(
        listing.contains(&format!("<dd>{ESCAPED}</dd>")),
        "{listing}"
    );
    let programme =
        std::fs::read_to_string(dir.join("programme/corporate-parenting-week-2014.html")).unwrap();
    assert!(programme.contains(ESCAPED));
    let pdf = poppler(
        "pdftotext",
        &["-enc", "UTF-8"],
        &dir.join("programme/corporate-parenting-week-2014.pdf"),
    );
    assert!(
        pdf.contains("<script>alert"),
        "the PDF shows the title as text"
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains("2 events from 2 councils"));
    // Every file is linked from the index, and each feed both ways, all
    // under the public address; but the index itself and the PDF's digest
    // file, which is for cpweek's next publish (docs/site.md).
    assert!(on_disk
        .iter()
        .any(|f| f == "programme/corporate-parenting-week-2014.pdf.digest"));
    for file in &on_disk {
        if file == "index.html" || file.ends_with(".pdf.digest") {
            continue;
        }
        assert!(index.contains(&format!("href=\"{URL}/{file}\"")), "{file}");
        if file.starts_with("feeds/") {
            let webcal = format!("href=\"webcal://cpw.example.org.uk/2014/{file}\"");
            assert!(index.contains(&webcal), "{file}");
        }
    }
}

/// A file's inode and modification time (a file written again by rename
/// gets a new inode).
fn identity(path: &Path) -> (u64, i64, i64) {
    let m = path.metadata().unwrap();
    (m.ino(), m.mtime(), m.mtime_nsec())
}

#[test]
fn publishing_again_touches_only_what_changed_and_removes_only_the_sites_stale_files() {
    let db = Db::new();
    a_programme(&db);
    let dir = db.file("site");
    let first = publish(&db, &dir, &[]);
    let all = strings(&first["written"]);
    let before: Vec<(PathBuf, (u64, i64, i64))> = all
        .iter()
        .map(|f| (dir.join(f), identity(&dir.join(f))))
        .collect();
    // The person's own file, and a stale listing the site once had.
    std::fs::write(dir.join("CNAME"), "cpw.example.org.uk").unwrap();
    std::fs::write(dir.join("listings/999.html"), "<p>gone</p>").unwrap();

    let again = publish(&db, &dir, &[]);
    assert_eq!(strings(&again["written"]), BTreeSet::new());
    assert_eq!(strings(&again["unchanged"]), all);
    assert_eq!(
        strings(&again["removed"]),
        ["listings/999.html".to_string()].into()
    );
    for (path, id) in &before {
        assert_eq!(&identity(path), id, "{} was touched", path.display());
    }
    assert!(dir.join("CNAME").exists());

    // A new Leeds event: its feeds, listing, the programme and the index.
    let e = add(
        &db,
        &[
            "--council",
            "383",
            "--title",
            "Leeds tea",
            "--start",
            "2014-10-31T10:00",
            "--end",
            "2014-10-31T11:00",
        ],
    );
    approve(&db, &e);
    let changed = publish(&db, &dir, &[]);
    let written = strings(&changed["written"]);
    for f in [
        "feeds/national.ics",
        "feeds/council/383.ics",
        "feeds/region/yorkshire-and-the-humber.ics",
        "listings/383.html",
        "programme/corporate-parenting-week-2014.csv",
        "index.html",
    ] {
        assert!(written.contains(f), "{f} not written: {written:?}");
    }
    for f in [
        "feeds/council/886.ics",
        "listings/886.html",
        "feeds/region/north-west.ics",
    ] {
        assert!(!written.contains(f), "{f} written");
    }
    // People read the same in words.
    let out = db.ok(&[
        "publish",
        "site",
        "--dir",
        dir.to_str().unwrap(),
        "--public-url",
        URL,
        "--live",
    ]);
    assert!(
        out.starts_with(&format!(
            "Published programme 2014 (3 events) to {} for {URL}/: 0 written,",
            dir.display()
        )),
        "{out}"
    );
}

#[test]
fn a_bad_address_folder_or_edition_is_refused_with_nothing_written() {
    let db = Db::new();
    a_programme(&db);
    let dir = db.file("site");
    let d = dir.to_str().unwrap();
    for (url, why) in [
        ("https://cpw.example.org.uk/?page=1", "query"),
        ("ftp://cpw.example.org.uk", "https://"),
        ("cpw.example.org.uk", "does not start with http"),
    ] {
        let err = fails(
            &db,
            &["publish", "site", "--dir", d, "--public-url", url, "--live"],
        );
        assert!(err.starts_with("error: the public address"), "{err}");
        assert!(err.contains(why), "{err}");
    }
    let err = fails(&db, &["publish", "site", "--dir", d, "--public-url", URL]);
    assert!(err.contains("add --live"), "{err}");
    let err = fails(
        &db,
        &[
            "publish",
            "site",
            "--dir",
            d,
            "--public-url",
            URL,
            "--live",
            "--programme",
            "1999",
        ],
    );
    assert!(err.starts_with("error: "), "{err}");
    assert!(!dir.exists(), "a refused publish made the folder");
    let plain = db.file("plain");
    std::fs::write(&plain, "x").unwrap();
    let err = fails(
        &db,
        &[
            "publish",
            "site",
            "--dir",
            plain.to_str().unwrap(),
            "--public-url",
            URL,
            "--live",
        ],
    );
    assert!(err.contains("is not a folder"), "{err}");
}

#[test]
fn a_councils_listing_is_written_to_a_file_or_standard_output() {
    let db = Db::new();
    a_programme(&db);
    let out = db.ok(&[
        "programme",
        "listing",
        "--council",
        "Manchester",
        "-o",
        "-",
        "--live",
    ]);
    assert!(
        out.starts_with("<section class=\"cpweek-listing\""),
        "{out}"
    );
    assert!(out.contains(ESCAPED) && !out.contains(HOSTILE));
    assert!(!out.contains("Kent"));
    let kent = db.ok(&[
        "programme",
        "listing",
        "--council",
        "886",
        "-o",
        "-",
        "--live",
    ]);
    assert!(kent.contains("Kent care leavers&#39; awards"));
    assert!(!kent.contains(SECRET));
    assert!(kent.contains(
        "<time datetime=\"2014-10-29T10:00:00+00:00\">Wednesday 29 October 2014, 10am</time>"
    ));

    let file = db.file("kent");
    let f = file.to_str().unwrap();
    let run = db.run(&[
        "programme",
        "listing",
        "--council",
        "886",
        "-o",
        f,
        "--live",
    ]);
    assert!(run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("Wrote the listing of Kent (886) (1 event) to"),
        "{said}"
    );
    let written = db.file("kent.html");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), kent);

    let err = fails(
        &db,
        &[
            "programme",
            "listing",
            "--council",
            "886",
            "-o",
            f,
            "--live",
        ],
    );
    assert!(err.contains("already exists; add --force"), "{err}");
    db.ok(&[
        "programme",
        "listing",
        "--council",
        "886",
        "-o",
        f,
        "--live",
        "--force",
    ]);
    let err = fails(
        &db,
        &["programme", "listing", "--council", "886", "-o", "-"],
    );
    assert!(err.contains("add --live"), "{err}");
    let err = fails(
        &db,
        &[
            "programme",
            "listing",
            "--council",
            "Atlantis",
            "-o",
            "-",
            "--live",
        ],
    );
    assert!(
        err.starts_with("error: ") && err.contains("Atlantis"),
        "{err}"
    );
}
