//! Benchmark (not a test): `publish site` for a programme of 10,000
//! approved public events (issue 10 aims at under 5 seconds).
//!
//! `cargo run [--release] -p cpweek-core --example bench_site -- DIR`
//! imports 10,000 events spread over the 152 councils into a new database
//! in DIR (a calendar per council, through the real import), approves them
//! all in SQL (set-up, not measured), then times, as the LGA works:
//! `programme release` (which typesets the release's PDF once and keeps it
//! in the database), then publishing that release into an empty folder (the
//! first publish: the figure the aim is about), publishing it again with
//! nothing changed, and, apart, each part of the site: the feeds (from one
//! read, as the site makes them, and one by one, as the feed server does),
//! the PDF typeset again, the HTML, CSV and JSON, and the 152 listings.
//! With `EDITION=live` it times the live programme (`publish site --live`)
//! instead, with no release: its PDF is typeset in the first publish.
//! Prints one JSON line of timings in milliseconds. `EVENTS=N` changes the
//! number of events. Run it with `scripts/bench-site`.
//!
//! Each run times one edition's first typesetting, in a fresh process, as
//! `cpweek` runs: Typst caches what it has laid out (and loads the fonts
//! once) within a process, so every PDF after the first is quicker than a
//! new process's would be.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use cpweek_core::ics::{read, Privacy};
use cpweek_core::publish::listing::{self, ListedCouncil};
use cpweek_core::publish::programme::{export, Edition, ProgrammeFormat};
use cpweek_core::publish::BaseUrl;
use cpweek_core::store::{FaultyEvents, ImportMode, Open, Role, SettingsForm};
use cpweek_core::Store;

fn calendar(council: usize, from: usize, to: usize) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cpweek//bench//EN\r\n");
    let week = Utc.with_ymd_and_hms(2014, 10, 27, 8, 0, 0).unwrap();
    for i in from..to {
        let start = week + Duration::minutes((i as i64 * 37) % (7 * 24 * 60 - 180));
        let end = start + Duration::minutes(90);
        let _ = write!(
            out,
            "BEGIN:VEVENT\r\nUID:bench-{council}-{i}@example.org\r\nDTSTAMP:20141020T090000Z\r\n\
             DTSTART:{}\r\nDTEND:{}\r\nSUMMARY:Corporate parenting event {i}\r\n\
             DESCRIPTION:Councillors\\, officers and partners meet children in care and care \
             leavers.\r\nLOCATION:Council House\\, 1 High Street\r\n\
             CATEGORIES:Care leavers,Education of children in care\r\n\
             STATUS:CONFIRMED\r\nSEQUENCE:0\r\nLAST-MODIFIED:20141020T090000Z\r\nEND:VEVENT\r\n",
            start.format("%Y%m%dT%H%M%SZ"),
            end.format("%Y%m%dT%H%M%SZ"),
        );
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: bench_site DIR"));
    let events: usize = std::env::var("EVENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("bench-site.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let now = Utc.with_ymd_and_hms(2014, 10, 21, 9, 0, 0).unwrap();
    let mut store = Store::open(&db, Open::CreateIfMissing, now).unwrap();
    store.init().unwrap();
    let councils = store.councils(None).unwrap();
    let per = events.div_ceil(councils.len());
    let mut made = 0;
    for (n, council) in councils.iter().enumerate() {
        let to = (made + per).min(events);
        let cal = read::parse(calendar(n, made, to).as_bytes()).unwrap();
        store
            .import_ics(
                &council.code,
                &cal,
                ImportMode::Write,
                FaultyEvents::Refuse,
                now,
            )
            .unwrap();
        made = to;
    }
    drop(store);
    let sql = rusqlite::Connection::open(&db).unwrap();
    sql.execute(
        "UPDATE events SET status = 'approved', approved_once = 1, shared_at = updated_at",
        [],
    )
    .unwrap();
    drop(sql);
    let base = BaseUrl::parse("https://cpw.example.org.uk").unwrap();

    // Each run times one edition's first publish in a fresh process (Typst
    // keeps what it laid out within a process, so a second typesetting of
    // the same events would be quicker than any real run's).
    let live = std::env::var("EDITION").is_ok_and(|e| e == "live");
    let (edition, release_ms) = if live {
        (Edition::Live, None)
    } else {
        // `cpweek programme release`, which typesets the release's PDF
        // once and keeps it, then `cpweek publish site` as the LGA runs it:
        // the latest release.
        let mut store = Store::open(&db, Open::Existing, now).unwrap();
        store
            .save_settings(&SettingsForm {
                role: Some(Role::LgaOfficer),
                ..Default::default()
            })
            .unwrap();
        let t = Instant::now();
        let release = store.make_release("", None, now).unwrap();
        let release_ms = ms(t);
        assert_eq!(release.release.events as usize, events);
        (Edition::Release(release.release.number), Some(release_ms))
    };
    let store = Store::open(&db, Open::Read, now).unwrap();
    let out = dir.join("site");
    let _ = std::fs::remove_dir_all(&out);
    let t = Instant::now();
    let first = store.publish_site(&out, "", edition, &base, &db).unwrap();
    let first_ms = ms(t);
    let t = Instant::now();
    let again = store.publish_site(&out, "", edition, &base, &db).unwrap();
    let again_ms = ms(t);
    assert!(again.written.is_empty());
    let t = Instant::now();
    let site = store.site("", edition, &base).unwrap();
    let make_ms = ms(t);
    let bytes: usize = site.files.iter().map(|f| f.bytes.len()).sum();

    let t = Instant::now();
    let published = store.published_programme("", edition).unwrap();
    let gather_ms = ms(t);
    assert_eq!(published.events.len(), events);
    let t = Instant::now();
    let feeds = store.published_feeds().unwrap();
    for feed in &feeds {
        store
            .export_ics(&feed.scope, "", Privacy::PublicOnly)
            .unwrap();
    }
    let feeds_one_by_one_ms = ms(t);
    let t = Instant::now();
    let texts = store.published_feed_texts("").unwrap();
    let feeds_ms = ms(t);
    assert_eq!(texts.len(), feeds.len());
    let t = Instant::now();
    export(&published, ProgrammeFormat::Pdf).unwrap();
    let pdf_ms = ms(t);
    let t = Instant::now();
    for format in [
        ProgrammeFormat::Html,
        ProgrammeFormat::Csv,
        ProgrammeFormat::Json,
    ] {
        export(&published, format).unwrap();
    }
    let others_ms = ms(t);
    let t = Instant::now();
    for c in store.councils(None).unwrap() {
        let council = ListedCouncil {
            code: &c.code,
            name: &c.display_name,
        };
        listing::fragment(&published, council);
    }
    let listings_ms = ms(t);

    println!(
        "{{\"edition\": \"{}\", \"release_ms\": {}, \"events\": {events}, \"files\": {}, \"bytes\": {bytes}, \"feeds\": {}, \
         \"gather_ms\": {gather_ms:.0}, \"feeds_one_by_one_ms\": {feeds_one_by_one_ms:.0}, \
         \"feeds_ms\": {feeds_ms:.0}, \"pdf_ms\": {pdf_ms:.0}, \"html_csv_json_ms\": {others_ms:.0}, \
         \"listings_ms\": {listings_ms:.0}, \
         \"make_ms\": {make_ms:.0}, \"publish_first_ms\": {first_ms:.0}, \
         \"publish_again_ms\": {again_ms:.0}}}",
        if live { "live" } else { "release" },
        release_ms.map_or("null".to_string(), |ms| format!("{ms:.0}")),
        first.written.len(),
        feeds.len()
    );
}
