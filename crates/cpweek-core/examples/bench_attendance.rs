//! Benchmark (not a test): clash detection and the itinerary planner.
//!
//! `cargo run --release -p cpweek-core --example bench_attendance` prints
//! one JSON line of timings in milliseconds, each the median of several
//! runs (see docs/benchmarks.md, "Attendance (issue 9)"):
//! - `clashes_ms`: `clash::clashes` over 10,000 engagements for one person
//!   across the week of 27 October 2014, at 400 venues all over Great
//!   Britain (most by postcode, one in twenty by region only, one in forty
//!   with neither);
//! - `clashes_with_ms`: `clash::clashes_with`, one candidate against that
//!   whole schedule (what accepting a request does);
//! - `plan_ms`: `plan::plan` for one day with 500 candidates, with a home
//!   base;
//! - `spread_clashes_ms`: `clash::clashes` over 10,000 engagements at the
//!   same venues at about a real diary's density (over two years), where
//!   few pairs clash: the sweep's own cost, apart from building millions of
//!   answers.
//!
//! The engagements come from a fixed pseudo-random sequence, so every run
//! measures the same work.

use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use cpweek_core::clash::{clashes, clashes_with, Engagement};
use cpweek_core::plan::{plan, Home};
use cpweek_core::time::LONDON;
use cpweek_core::travel::{Place, Travel};

const RUNS: usize = 7;
const WEEK: usize = 10_000;
const DAY: usize = 500;
const CHANGEOVER: u32 = 15;

/// A small deterministic generator (xorshift64*), so runs are comparable.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Every postcode district in the seeds.
fn districts() -> Vec<&'static str> {
    include_str!("../../../seeds/postcode_districts.csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect()
}

/// A venue: its place and name.
type Venue = (Place, Option<String>);

/// `count` venues in districts from `pool`: one in twenty known by region
/// only, one in forty with nothing known, the rest by postcode.
fn venues(seq: &mut Sequence, pool: &[&str], count: usize) -> Vec<Venue> {
    (0..count)
        .map(|i| {
            let region = format!("E1200000{}", 1 + seq.below(9));
            let place = match seq.below(40) {
                0 | 1 => Place::in_region(&region),
                2 => Place::default(),
                _ => {
                    let outcode = pool[seq.below(pool.len() as u64) as usize];
                    Place {
                        postcode: Some(format!("{outcode} {}AB", seq.below(10))),
                        region: Some(region),
                    }
                }
            };
            (place, (i % 3 != 0).then(|| format!("Venue {i}")))
        })
        .collect()
}

fn engagements(
    seq: &mut Sequence,
    count: usize,
    from: DateTime<Utc>,
    span_minutes: u64,
    venues: &[Venue],
) -> Vec<Engagement> {
    (0..count)
        .map(|i| {
            let start = from + Duration::minutes(seq.below(span_minutes) as i64);
            let (place, venue) = venues[seq.below(venues.len() as u64) as usize].clone();
            Engagement {
                id: i as i64 + 1,
                label: format!("Engagement {i}"),
                start,
                end: start + Duration::minutes(30 + seq.below(91) as i64),
                place,
                venue,
                priority: 1 + seq.below(5) as u8,
            }
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let travel = Travel::default();
    let mut seq = Sequence(0x9e37_79b9_7f4a_7c15);
    let monday = Utc.with_ymd_and_hms(2014, 10, 27, 0, 0, 0).unwrap();
    // The week: 400 venues anywhere in Great Britain (about the number
    // of venues 152 councils' events use).
    let all = districts();
    let national = venues(&mut seq, &all, 400);
    let week = engagements(&mut seq, WEEK, monday, 7 * 24 * 60, &national);
    // The same number at about the density of a real diary (a dozen or so a
    // day, over two years), where few pairs clash: the sweep's own cost.
    let spread = engagements(&mut seq, WEEK, monday, 730 * 24 * 60, &national);

    // A day's candidates: 150 venues in London and the South East, and some
    // further off.
    let near: Vec<&'static str> = all
        .into_iter()
        .filter(|d| {
            let area: String = d.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            [
                "SW", "SE", "N", "E", "W", "WC", "EC", "ME", "CT", "RG", "GU", "CM", "M", "LS", "B",
            ]
            .contains(&area.as_str())
        })
        .collect();
    let local = venues(&mut seq, &near, 150);
    let tuesday = Utc.with_ymd_and_hms(2014, 10, 28, 7, 0, 0).unwrap();
    let day = engagements(&mut seq, DAY, tuesday, 15 * 60, &local);
    let home = Home::new(Place::at("SW1P 3BT"));
    let candidate = Engagement {
        id: 0,
        label: "Candidate".into(),
        start: Utc.with_ymd_and_hms(2014, 10, 29, 14, 0, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2014, 10, 29, 15, 0, 0).unwrap(),
        place: Place::at("ME14 1XQ"),
        venue: None,
        priority: 5,
    };

    let (mut clash_ms, mut with_ms, mut plan_ms, mut spread_ms) = (vec![], vec![], vec![], vec![]);
    let (mut found, mut against, mut chosen, mut total, mut spread_found) = (0, 0, 0, 0, 0);
    // Each measured in its own loop, so that freeing one's results does
    // not land in another's time.
    for _ in 0..RUNS {
        let t = Instant::now();
        against = clashes_with(&week, &candidate, &travel, CHANGEOVER).len();
        with_ms.push(ms(t));
    }
    for _ in 0..RUNS {
        let t = Instant::now();
        let p = plan(&day, Some(&home), &travel, CHANGEOVER, LONDON);
        plan_ms.push(ms(t));
        chosen = p.chosen.len();
        total = p.total_priority;
        assert_eq!(p.chosen.len() + p.left_out.len(), DAY);
    }
    for _ in 0..RUNS {
        let t = Instant::now();
        spread_found = clashes(&spread, &travel, CHANGEOVER).len();
        spread_ms.push(ms(t));
    }
    for _ in 0..RUNS {
        let t = Instant::now();
        let c = clashes(&week, &travel, CHANGEOVER);
        clash_ms.push(ms(t));
        found = c.len();
        drop(c);
    }
    println!(
        "{{\"runs\": {RUNS}, \"engagements\": {WEEK}, \"clashing_pairs\": {found}, \"clashes_ms\": {:.1}, \
         \"clashes_with_found\": {against}, \"clashes_with_ms\": {:.2}, \"day_candidates\": {DAY}, \
         \"plan_chosen\": {chosen}, \"plan_total_priority\": {total}, \"plan_ms\": {:.1}, \
         \"spread_clashing_pairs\": {spread_found}, \"spread_clashes_ms\": {:.1}}}",
        median(clash_ms),
        median(with_ms),
        median(plan_ms),
        median(spread_ms)
    );
}
