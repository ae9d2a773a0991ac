use chrono::{Duration, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::travel::Override;

/// 28 October 2014, when London is on GMT: local time is UTC.
fn at(hh: u32, mm: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2014, 10, 28, hh, mm, 0).unwrap()
}

fn engagement(
    id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    postcode: &str,
    venue: Option<&str>,
) -> Engagement {
    Engagement {
        id,
        label: format!("Engagement {id}"),
        start,
        end,
        place: Place::at(postcode),
        venue: venue.map(str::to_string),
        priority: 3,
    }
}

fn minutes_between(a: &str, b: &str) -> i64 {
    i64::from(
        Travel::default()
            .reckon(&Place::at(a), &Place::at(b))
            .minutes,
    )
}

#[test]
fn exactly_the_gap_needed_is_fine_and_a_minute_less_clashes_either_way_round() {
    let travel = Travel::default();
    let t = minutes_between("SW1P 3BT", "ME14 1XQ");
    assert!(t > 30, "Westminster to Maidstone is a journey: {t}");
    let first = engagement(
        1,
        at(9, 0),
        at(10, 0),
        "SW1P 3BT",
        Some("Sanctuary Buildings"),
    );
    let just = engagement(
        2,
        at(10, 0) + Duration::minutes(t + 15),
        at(13, 0),
        "ME14 1XQ",
        None,
    );
    assert_eq!(clash_between(&first, &just, &travel, 15), None);
    assert_eq!(clash_between(&just, &first, &travel, 15), None);

    let late = Engagement {
        start: just.start - Duration::minutes(1),
        ..just.clone()
    };
    for (x, y) in [(&first, &late), (&late, &first)] {
        let c = clash_between(x, y, &travel, 15).expect("a minute short");
        assert_eq!((c.a, c.b), (1, 2), "the earlier is a");
        assert_eq!(c.travel_minutes as i64, t);
        assert_eq!(c.changeover_minutes, 15);
        assert_eq!(c.short_by_minutes, 1);
        assert_eq!(c.travel.method, Method::Postcodes);
        assert!(
            c.travel.explanation.starts_with("SW1P to ME14: "),
            "{}",
            c.travel.explanation
        );
    }

    // Part of a minute short is a minute short.
    let half = Engagement {
        start: just.start - Duration::seconds(30),
        ..just.clone()
    };
    assert_eq!(
        clash_between(&first, &half, &travel, 15)
            .unwrap()
            .short_by_minutes,
        1
    );

    // The change-over is the caller's.
    assert_eq!(clash_between(&first, &late, &travel, 14), None);
}

#[test]
fn the_same_venue_back_to_back_never_clashes_but_an_overlap_does() {
    let travel = Travel::default();
    let a = engagement(
        1,
        at(10, 0),
        at(11, 0),
        "SW1P 3BT",
        Some("Sanctuary Buildings"),
    );
    for venue in [Some("sanctuary  BUILDINGS"), None] {
        let b = engagement(2, at(11, 0), at(12, 0), "sw1p3bt", venue);
        assert_eq!(clash_between(&a, &b, &travel, 30), None, "{venue:?}");
        let over = Engagement {
            start: at(10, 59),
            ..b
        };
        let c = clash_between(&a, &over, &travel, 30).expect("overlap");
        assert_eq!(
            (c.travel_minutes, c.changeover_minutes, c.short_by_minutes),
            (0, 0, 1)
        );
        assert_eq!(c.travel.method, Method::SamePlace);
        assert_eq!(
            c.travel.explanation,
            "Both at the same venue (Sanctuary Buildings, SW1P 3BT): no travel and no change-over"
        );
    }
    // An engagement inside another at the same venue still clashes.
    let inside = engagement(3, at(10, 15), at(10, 45), "SW1P 3BT", None);
    let c = clash_between(&a, &inside, &travel, 0).unwrap();
    assert_eq!((c.a, c.b, c.short_by_minutes), (1, 3, 45));
}

#[test]
fn another_venue_in_the_same_postcode_needs_the_change_over() {
    let travel = Travel::default();
    let a = engagement(
        1,
        at(10, 0),
        at(11, 0),
        "SW1P 3BT",
        Some("Sanctuary Buildings"),
    );
    let b = engagement(2, at(11, 10), at(12, 0), "SW1P 3BT", Some("Church House"));
    let c = clash_between(&a, &b, &travel, 15).unwrap();
    assert_eq!(
        (c.travel_minutes, c.changeover_minutes, c.short_by_minutes),
        (0, 15, 5)
    );
    assert_eq!(c.travel.method, Method::SamePlace);
    // Without postcodes a venue's name alone is not the same venue.
    let x = Engagement {
        place: Place::in_region("E12000007"),
        ..a.clone()
    };
    let y = Engagement {
        place: Place::in_region("E12000007"),
        venue: Some("Sanctuary Buildings".into()),
        start: at(11, 0),
        ..b.clone()
    };
    let c = clash_between(&x, &y, &travel, 0).unwrap();
    assert_eq!(c.travel.method, Method::Regions);
}

#[test]
fn clashes_finds_every_pair_and_clashes_with_every_engagement_a_candidate_cannot_be_kept_with() {
    // Westminster 9-10, Maidstone 13-14, Westminster 15-16: fine in order,
    // unless the journey to Maidstone is set by hand at 5 hours.
    let travel = Travel::new(
        crate::travel::TravelRules::STATED,
        vec![Override::new("SW1P 3BT", "ME14 1XQ", 300, "road works").unwrap()],
    );
    let schedule = vec![
        engagement(1, at(9, 0), at(10, 0), "SW1P 3BT", None),
        engagement(2, at(15, 0), at(16, 0), "SW1P 3BT", None),
    ];
    assert!(clashes(&schedule, &travel, 15).is_empty());
    let candidate = engagement(3, at(13, 0), at(14, 0), "ME14 1XQ", None);
    let found = clashes_with(&schedule, &candidate, &travel, 15);
    let pairs: Vec<_> = found
        .iter()
        .map(|c| (c.a, c.b, c.short_by_minutes))
        .collect();
    // 10:00 + 300 + 15 = 15:15, 3 hours after 13:00; 14:00 + 315 = 19:15.
    assert_eq!(pairs, [(1, 3, 135), (3, 2, 255)]);
    assert_eq!(found[0].travel.method, Method::Override);
    assert_eq!(
        found[0].travel.explanation,
        "SW1P 3BT to ME14 1XQ: 300 minutes, set by hand (road works)"
    );
    // A schedule that holds the candidate itself is not a clash with itself.
    let mut with_it = schedule.clone();
    with_it.push(candidate.clone());
    assert_eq!(clashes_with(&with_it, &candidate, &travel, 15), found);
    let all = clashes(&with_it, &travel, 15);
    assert_eq!(
        all.iter().map(|c| (c.a, c.b)).collect::<Vec<_>>(),
        [(1, 3), (3, 2)]
    );

    // A non-neighbour: a long engagement before the one before.
    let long = engagement(
        4,
        at(8, 0),
        at(12, 50),
        "SW1P 3BT",
        Some("Sanctuary Buildings"),
    );
    let schedule = vec![long, engagement(5, at(8, 30), at(9, 0), "SW1P 3BT", None)];
    let plain = Travel::default();
    let near = engagement(6, at(13, 0), at(14, 0), "SW1P 3BT", Some("Church House"));
    let found = clashes_with(&schedule, &near, &plain, 15);
    assert_eq!(
        found.iter().map(|c| (c.a, c.b)).collect::<Vec<_>>(),
        [(4, 6)]
    );
}

#[test]
fn a_clash_crosses_as_json_with_a_b_and_travel_minutes() {
    let travel = Travel::default();
    let a = engagement(7, at(10, 0), at(11, 0), "SW1P 3BT", None);
    let b = engagement(8, at(11, 0), at(12, 0), "M1 1AA", None);
    let v = serde_json::to_value(clash_between(&a, &b, &travel, 15).unwrap()).unwrap();
    assert_eq!(v["a"], 7);
    assert_eq!(v["b"], 8);
    assert_eq!(v["travel_minutes"], minutes_between("SW1P 3BT", "M1 1AA"));
    assert_eq!(v["travel"]["method"], "postcodes");
}

const POSTCODES: &[&str] = &[
    "SW1P 3BT", "SW1P 4DF", "ME14 1XQ", "CT1 1YW", "M1 1AA", "RG1 7AE", "nowhere",
];

fn engagements(max: usize) -> impl Strategy<Value = Vec<Engagement>> {
    prop::collection::vec(
        (
            0i64..3 * 24 * 60,
            0i64..240,
            prop::sample::select(POSTCODES),
            prop::option::of(prop::sample::select(
                &["Town Hall", "town hall", "Civic Centre"][..],
            )),
            prop::option::of(prop::sample::select(&["E12000007", "E12000008"][..])),
        ),
        0..max,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (start, length, postcode, venue, region))| {
                let start = at(0, 0) + Duration::minutes(start);
                Engagement {
                    id: i as i64 + 1,
                    label: format!("E{i}"),
                    start,
                    end: start + Duration::minutes(length),
                    place: Place {
                        postcode: Some(postcode.to_string()),
                        region: region.map(str::to_string),
                    },
                    venue: venue.map(str::to_string),
                    priority: 1,
                }
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The sweep finds what comparing every pair finds.
    #[test]
    fn the_sweep_finds_every_clashing_pair(
        list in engagements(40),
        changeover in 0u32..60,
        by_hand in prop::option::of(0u32..2000),
    ) {
        let overrides = by_hand
            .map(|m| vec![Override::new("CT1", "SW1P 4DF", m, "").unwrap()])
            .unwrap_or_default();
        let travel = Travel::new(crate::travel::TravelRules::STATED, overrides);
        let swept = clashes(&list, &travel, changeover);
        let mut every = Vec::new();
        for (i, x) in list.iter().enumerate() {
            for y in &list[i + 1..] {
                if let Some(c) = clash_between(x, y, &travel, changeover) {
                    every.push(c);
                }
            }
        }
        let key = |c: &Clash| (c.a, c.b);
        let mut a: Vec<_> = swept.iter().map(key).collect();
        let mut b: Vec<_> = every.iter().map(key).collect();
        a.sort();
        b.sort();
        prop_assert_eq!(a, b);
        for c in &swept {
            prop_assert!(c.short_by_minutes >= 1);
        }
    }
}
