use chrono::{Duration, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::clash::clash_between;
use crate::time::LONDON;

/// 28 October 2014 (GMT, so local is UTC), plus `day` days.
fn at(day: i64, hh: u32, mm: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2014, 10, 28, hh, mm, 0).unwrap() + Duration::days(day)
}

fn engagement(
    id: i64,
    start: DateTime<Utc>,
    minutes: i64,
    postcode: &str,
    priority: u8,
) -> Engagement {
    Engagement {
        id,
        label: format!("Visit {id}"),
        start,
        end: start + Duration::minutes(minutes),
        place: Place::at(postcode),
        venue: None,
        priority,
    }
}

fn travel_minutes(a: &str, b: &str) -> i64 {
    i64::from(
        Travel::default()
            .reckon(&Place::at(a), &Place::at(b))
            .minutes,
    )
}

#[test]
fn the_stated_day_is_half_past_six_to_eleven() {
    let home = Home::new(Place::at("SW1P 3BT"));
    assert_eq!(home.day_starts, NaiveTime::from_hms_opt(6, 30, 0).unwrap());
    assert_eq!(home.day_ends, NaiveTime::from_hms_opt(23, 0, 0).unwrap());
}

#[test]
fn travel_between_venues_decides_what_can_follow_what() {
    // Three in a morning: a Westminster pair that fits, and one in Maidstone
    // between them worth more than either but less than both.
    let travel = Travel::default();
    let list = [
        engagement(1, at(0, 9, 0), 60, "SW1P 3BT", 3),
        engagement(2, at(0, 10, 30), 60, "ME14 1XQ", 4),
        engagement(3, at(0, 11, 0), 60, "SW1P 4DF", 3),
    ];
    let p = plan(&list, None, &travel, 15, LONDON);
    assert_eq!(p.chosen, [1, 3]);
    assert_eq!(p.total_priority, 6);
    assert_eq!(p.left_out.len(), 1);
    let out = &p.left_out[0];
    assert_eq!(out.id, 2);
    // It cannot follow 1 (10:00 + travel + 15 is after 10:30) nor come
    // before 3 (it overlaps); the larger shortfall is named.
    let t = travel_minutes("SW1P 3BT", "ME14 1XQ");
    let after_1 = t + 15 - 30;
    let before_3 = 30 + travel_minutes("ME14 1XQ", "SW1P 4DF") + 15;
    assert_eq!(out.short_by_minutes, after_1.max(before_3));
    assert_eq!(out.clashes_with, Some(3));
    assert!(
        out.reason.starts_with("Clashes with \"Visit 3\" (11am to midday), which the plan keeps: they overlap, counting "),
        "{}",
        out.reason
    );
    assert!(
        out.reason.contains("Travel: ME14 to SW1P: "),
        "{}",
        out.reason
    );

    // Worth more than both, Maidstone wins alone.
    let mut rich = list.clone();
    rich[1].priority = 7;
    let p = plan(&rich, None, &travel, 15, LONDON);
    assert_eq!((p.chosen.as_slice(), p.total_priority), (&[2][..], 7));
    let why: Vec<_> = p.left_out.iter().map(|l| (l.id, l.clashes_with)).collect();
    assert_eq!(why, [(1, Some(2)), (3, Some(2))]);
    assert!(
        p.left_out[0].reason.contains("needed between them"),
        "{}",
        p.left_out[0].reason
    );
}

#[test]
fn with_a_home_base_the_day_starts_and_ends_there() {
    let travel = Travel::default();
    let home = Home::new(Place::at("SW1P 3BT"));
    let to_manchester = travel_minutes("SW1P 3BT", "M1 1AA");
    // Reachable: leaving at 6:30 arrives at 6:30 + travel.
    let fits = at(0, 6, 30) + Duration::minutes(to_manchester);
    let list = [
        engagement(1, fits, 60, "M1 1AA", 2),
        engagement(
            2,
            fits - Duration::minutes(1) + Duration::days(1),
            60,
            "M1 1AA",
            5,
        ),
        engagement(3, at(2, 5, 0), 30, "SW1P 4DF", 1),
        engagement(4, at(3, 20, 0), 60, "M1 1AA", 1),
        engagement(5, at(4, 22, 30), 60, "SW1P 3BT", 1),
    ];
    let p = plan(&list, Some(&home), &travel, 15, LONDON);
    assert_eq!(p.chosen, [1]);
    let out: Vec<_> = p
        .left_out
        .iter()
        .map(|l| (l.id, l.clashes_with, l.short_by_minutes))
        .collect();
    let back = travel_minutes("M1 1AA", "SW1P 3BT");
    assert_eq!(
        out,
        [
            (2, None, 1),
            (3, None, 90),
            (4, None, 21 * 60 + back - 23 * 60),
            (5, None, 30),
        ]
    );
    let reasons: Vec<&str> = p.left_out.iter().map(|l| l.reason.as_str()).collect();
    assert!(
        reasons[0].starts_with(&format!(
            "Cannot be reached from the home base (SW1P 3BT) after the day starts at 6:30am: {to_manchester} minutes of travel, starting at "
        )),
        "{}",
        reasons[0]
    );
    assert!(
        reasons[0].contains("short by 1 minute. Travel: SW1P to M1: "),
        "{}",
        reasons[0]
    );
    assert_eq!(
        reasons[1],
        "Starts at 5am, before the day starts at 6:30am: short by 90 minutes"
    );
    assert!(
        reasons[2].starts_with(
            "The home base (SW1P 3BT) cannot be reached from it by the day's end at 11pm: "
        ),
        "{}",
        reasons[2]
    );
    assert_eq!(
        reasons[3],
        "Ends at 11:30pm, after the day ends at 11pm: short by 30 minutes"
    );

    // Without a home base, all of them.
    let p = plan(&list, None, &travel, 15, LONDON);
    assert_eq!(p.chosen, [1, 2, 3, 4, 5]);
    assert_eq!(p.total_priority, 10);
}

#[test]
fn days_are_local_dates_and_ties_go_to_fewer_then_earlier() {
    let travel = Travel::default();
    // 23:30 UTC on 25 October 2014 is 00:30 on the 26th in London (BST).
    let late = Utc.with_ymd_and_hms(2014, 10, 25, 23, 30, 0).unwrap();
    let list = [
        engagement(1, late - Duration::minutes(60), 30, "SW1P 3BT", 1),
        engagement(2, late, 30, "M1 1AA", 1),
    ];
    let p = plan(&list, None, &travel, 15, LONDON);
    assert_eq!(p.chosen, [1, 2], "different local days never clash");

    // Equal totals: one engagement of 4 beats two of 2; of two of 4, the
    // earlier; of two at one time, the lower id.
    let list = [
        engagement(10, at(0, 10, 0), 60, "SW1P 3BT", 2),
        engagement(11, at(0, 12, 0), 60, "SW1P 3BT", 2),
        engagement(12, at(0, 9, 30), 210, "SW1P 4DF", 4),
    ];
    assert_eq!(plan(&list, None, &travel, 15, LONDON).chosen, [12]);
    let list = [
        engagement(21, at(0, 11, 0), 60, "SW1P 3BT", 4),
        engagement(20, at(0, 10, 30), 60, "SW1P 3BT", 4),
    ];
    assert_eq!(plan(&list, None, &travel, 15, LONDON).chosen, [20]);
    let list = [
        engagement(31, at(0, 10, 0), 60, "SW1P 3BT", 4),
        engagement(30, at(0, 10, 0), 60, "SW1P 3BT", 4),
    ];
    let p = plan(&list, None, &travel, 15, LONDON);
    assert_eq!(p.chosen, [30]);
    assert_eq!(p.left_out[0].clashes_with, Some(30));

    // Priority 0 adds nothing and is said so.
    let list = [engagement(40, at(0, 10, 0), 60, "SW1P 3BT", 0)];
    let p = plan(&list, None, &travel, 15, LONDON);
    assert!(p.chosen.is_empty());
    assert_eq!(p.left_out[0].short_by_minutes, 0);
    assert!(p.left_out[0].reason.contains("adds nothing"));
}

#[test]
fn the_plan_crosses_as_json() {
    let list = [engagement(1, at(0, 10, 0), 60, "SW1P 3BT", 3)];
    let v = serde_json::to_value(plan(&list, None, &Travel::default(), 15, LONDON)).unwrap();
    assert_eq!(v["chosen"], serde_json::json!([1]));
    assert_eq!(v["total_priority"], 3);
    assert_eq!(v["left_out"], serde_json::json!([]));
}

// The brute force: every subset, kept when each day's engagements in time
// order can each follow the one before (clash_between) and, with a home,
// the day's first is reached after it starts and home by its end.

fn keepable(set: &[&Engagement], home: Option<&Home>, travel: &Travel, changeover: u32) -> bool {
    let mut set = set.to_vec();
    set.sort_by_key(|e| (e.start, e.end, e.id));
    let day = |e: &Engagement| e.start.with_timezone(&LONDON).date_naive();
    for (i, e) in set.iter().enumerate() {
        let first = i == 0 || day(set[i - 1]) != day(e);
        let last = i + 1 == set.len() || day(set[i + 1]) != day(e);
        if !first && clash_between(set[i - 1], e, travel, changeover).is_some() {
            return false;
        }
        if let Some(h) = home {
            let d = day(e);
            let starts = LONDON
                .from_local_datetime(&d.and_time(h.day_starts))
                .single()
                .unwrap()
                .with_timezone(&Utc);
            let ends = LONDON
                .from_local_datetime(&d.and_time(h.day_ends))
                .single()
                .unwrap()
                .with_timezone(&Utc);
            let out = i64::from(travel.reckon(&h.place, &e.place).minutes);
            let back = i64::from(travel.reckon(&e.place, &h.place).minutes);
            if first && e.start - starts < Duration::minutes(out) {
                return false;
            }
            if last && ends - e.end < Duration::minutes(back) {
                return false;
            }
        }
    }
    true
}

fn brute_force(list: &[Engagement], home: Option<&Home>, travel: &Travel, changeover: u32) -> u32 {
    let mut best = 0;
    for mask in 0u32..(1 << list.len()) {
        let set: Vec<&Engagement> = (0..list.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| &list[i])
            .collect();
        let total: u32 = set.iter().map(|e| u32::from(e.priority)).sum();
        if total > best && keepable(&set, home, travel, changeover) {
            best = total;
        }
    }
    best
}

const OUTCODES: &[&str] = &[
    "SW1P 3BT", "SW1P 4DF", "WC2N 5DU", "ME14 1XQ", "RG1 7AE", "CB2 1TN", "M1 1AA",
];

fn candidates() -> impl Strategy<Value = Vec<Engagement>> {
    prop::collection::vec(
        (
            0i64..2,
            5 * 60i64..23 * 60,
            15i64..240,
            prop::sample::select(OUTCODES),
            1u8..=5,
        ),
        0..=10,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (day, minute, length, postcode, priority))| {
                let start = at(day, 0, 0) + Duration::minutes(minute);
                engagement(i as i64 + 1, start, length, postcode, priority)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// On random small cases the planner's total is the brute force's, its
    /// set can be kept, and every other candidate is explained.
    #[test]
    fn the_planner_matches_brute_force(
        list in candidates(),
        home_at in prop::option::of(prop::sample::select(&["SW1P 3BT", "M1 1AA", "RG1 7AE"][..])),
        changeover in prop::sample::select(&[0u32, 10, 30][..]),
    ) {
        let travel = Travel::default();
        let home = home_at.map(|p| Home::new(Place::at(p)));
        let p = plan(&list, home.as_ref(), &travel, changeover, LONDON);
        prop_assert_eq!(p.total_priority, brute_force(&list, home.as_ref(), &travel, changeover));

        let chosen: Vec<&Engagement> = p.chosen.iter()
            .map(|id| list.iter().find(|e| e.id == *id).unwrap())
            .collect();
        prop_assert!(keepable(&chosen, home.as_ref(), &travel, changeover));
        prop_assert_eq!(p.total_priority, chosen.iter().map(|e| u32::from(e.priority)).sum::<u32>());

        let mut ids: Vec<i64> = p.chosen.iter().copied().chain(p.left_out.iter().map(|l| l.id)).collect();
        ids.sort();
        prop_assert_eq!(ids, list.iter().map(|e| e.id).collect::<Vec<_>>(), "each candidate once");
        for l in &p.left_out {
            prop_assert!(l.short_by_minutes >= 1, "{:?}", l);
            prop_assert!(!l.reason.is_empty());
            if let Some(k) = l.clashes_with {
                prop_assert!(p.chosen.contains(&k));
            } else {
                prop_assert!(home.is_some(), "without a home only a clash leaves one out: {:?}", l);
            }
        }

        // The same input in another order gives the same plan.
        let mut turned = list.clone();
        turned.reverse();
        prop_assert_eq!(plan(&turned, home.as_ref(), &travel, changeover, LONDON), p);
    }
}
