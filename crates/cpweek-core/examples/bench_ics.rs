//! Benchmark (not a test): import and export of 10,000 events.
//!
//! `cargo run --release -p cpweek-core --example bench_ics -- DIR` writes
//! DIR/bench-10k.ics (the calendar it imports, also read by the Python peer
//! in bench_ics.py) and prints one JSON line of timings in milliseconds,
//! the median of several runs. Run both with `scripts/bench-ics`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use cpweek_core::ics::{read, write, Privacy, Scope};
use cpweek_core::store::{FaultyEvents, ImportMode, Open};
use cpweek_core::Store;

const EVENTS: usize = 10_000;
const RUNS: usize = 5;

fn calendar() -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cpweek//bench//EN\r\n");
    let week = Utc.with_ymd_and_hms(2014, 10, 27, 8, 0, 0).unwrap();
    for i in 0..EVENTS {
        let start = week + Duration::minutes((i as i64 * 37) % (7 * 24 * 60 - 180));
        let end = start + Duration::minutes(90);
        let _ = write!(
            out,
            "BEGIN:VEVENT\r\nUID:bench-{i}@example.org\r\nDTSTAMP:20141020T090000Z\r\nDTSTART:{}\r\nDTEND:{}\r\n\
             SUMMARY:Event {i}\\, with tea\\; and cake\r\nDESCRIPTION:Come and meet the corporate parents of the council\\, \r\n \
             who will talk about education\\, health and care leavers.\\nSecond line for event {i}.\r\n\
             LOCATION:Sessions House\\, County Road\\, Maidstone ME14 1XQ\r\nCATEGORIES:Care leavers,Education of children in care\r\n\
             STATUS:CONFIRMED\r\nSEQUENCE:0\r\nLAST-MODIFIED:20141020T090000Z\r\nEND:VEVENT\r\n",
            start.format("%Y%m%dT%H%M%SZ"),
            end.format("%Y%m%dT%H%M%SZ"),
        );
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: bench_ics DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let ics = calendar();
    std::fs::write(dir.join("bench-10k.ics"), &ics).unwrap();
    let now = Utc.with_ymd_and_hms(2014, 10, 21, 9, 0, 0).unwrap();

    let (mut parse, mut import, mut export, mut emit) = (vec![], vec![], vec![], vec![]);
    let mut read_db = vec![];
    let mut exported_len = 0;
    for run in 0..RUNS {
        let db = dir.join(format!("bench-{run}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let mut store = Store::open(&db, Open::CreateIfMissing, now).unwrap();
        store.init().unwrap();

        let t = Instant::now();
        let cal = read::parse(ics.as_bytes()).unwrap();
        parse.push(ms(t));
        let t = Instant::now();
        let cal2 = read::parse(ics.as_bytes()).unwrap();
        let report = store
            .import_ics("886", &cal2, ImportMode::Write, FaultyEvents::Refuse, now)
            .unwrap();
        import.push(ms(t));
        assert_eq!(report.created, EVENTS, "{:?}", report.faulty.first());
        drop(cal);

        let scope = Scope::Council("886".into());
        let t = Instant::now();
        let exported = store
            .export_ics(&scope, "2014", Privacy::PublicOnly)
            .unwrap();
        export.push(ms(t));
        assert_eq!(exported.events, EVENTS);
        exported_len = exported.body.len();
        std::fs::write(dir.join("bench-export.ics"), &exported.body).unwrap();

        let t = Instant::now();
        let feed = store.feed(&scope, "2014", Privacy::PublicOnly).unwrap();
        read_db.push(ms(t));
        let themes = store.themes().unwrap();
        let t = Instant::now();
        let body = write::calendar(&feed, &themes);
        emit.push(ms(t));
        assert_eq!(body.len(), exported_len);
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    println!(
        "{{\"events\": {EVENTS}, \"runs\": {RUNS}, \"import_parse_ms\": {:.1}, \"import_total_ms\": {:.1}, \
         \"export_total_ms\": {:.1}, \"export_read_ms\": {:.1}, \"export_write_ms\": {:.1}, \"export_bytes\": {exported_len}}}",
        median(parse),
        median(import),
        median(export),
        median(read_db),
        median(emit)
    );
}
