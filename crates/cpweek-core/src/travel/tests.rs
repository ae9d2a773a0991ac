use proptest::prelude::*;

use super::*;

const LONDON: &str = "E12000007";
const NORTH_WEST: &str = "E12000002";

fn district(outcode: &str) -> Grid {
    centres().district(outcode).unwrap()
}

fn region(code: &str) -> &'static centres::RegionPoint {
    &centres().regions[centres().region(code).unwrap()]
}

#[test]
fn between_postcodes_it_is_the_straight_line_between_district_centres_by_the_stated_rules() {
    let travel = Travel::default();
    let r = travel.reckon(&Place::at("sw1p3bt"), &Place::at("M1 1AA"));
    let km = district("SW1P").km_to(district("M1"));
    // Worked by hand: x 1.3 for roads, at 60 km/h (1 km a minute), up.
    let expected = (km * 1.3).ceil() as u32;
    assert!((250.0..280.0).contains(&km), "London to Manchester: {km}");
    assert_eq!(r.method, Method::Postcodes);
    assert_eq!(r.minutes, expected);
    assert_eq!(r.km, Some(km));
    assert_eq!(
        r.explanation,
        format!("SW1P to M1: {km:.1} km in a straight line x 1.3 for roads, at 60 km/h: {expected} minutes")
    );
    // Either way round, and an outcode alone is enough.
    let back = travel.reckon(&Place::at("M1"), &Place::at("SW1P"));
    assert_eq!((back.minutes, back.method), (expected, Method::Postcodes));
    // A postcode beats a region given with it.
    let with_regions = travel.reckon(
        &Place {
            postcode: Some("SW1P 3BT".into()),
            region: Some(NORTH_WEST.into()),
        },
        &Place {
            postcode: Some("M1 1AA".into()),
            region: Some(LONDON.into()),
        },
    );
    assert_eq!(with_regions.minutes, expected);
}

#[test]
fn the_rules_round_up_to_the_minute_and_can_be_changed() {
    let stated = TravelRules::STATED;
    assert_eq!(TravelRules::default(), stated);
    assert_eq!(stated.minutes(0.0), 0);
    assert_eq!(stated.minutes(0.01), 1, "any distance at all is a minute");
    // 10 km x 1.3 = 13 km at 1 km a minute: exactly 13, not 14.
    assert_eq!(stated.minutes(10.0), 13);
    assert_eq!(stated.minutes(10.001), 14);
    let slow = TravelRules {
        detour_factor: 1.0,
        speed_kmh: 30.0,
    };
    assert_eq!(slow.minutes(10.0), 20);
    let travel = Travel::new(slow, Vec::new());
    let r = travel.reckon(&Place::at("SW1P 3BT"), &Place::at("M1 1AA"));
    let km = district("SW1P").km_to(district("M1"));
    assert_eq!(r.minutes, (km * 2.0).ceil() as u32);
    assert!(
        r.explanation.contains("x 1 for roads, at 30 km/h"),
        "{}",
        r.explanation
    );
}

#[test]
fn the_same_postcode_is_the_same_place_and_one_district_is_zero_km() {
    let travel = Travel::default();
    let same = travel.reckon(&Place::at("SW1P 3BT"), &Place::at("sw1p 3bt"));
    assert_eq!((same.minutes, same.method), (0, Method::SamePlace));
    assert_eq!(
        same.explanation,
        "Both places are at SW1P 3BT: no travel, 0 minutes"
    );
    let near = travel.reckon(&Place::at("SW1P 3BT"), &Place::at("SW1P 4DF"));
    assert_eq!((near.minutes, near.method), (0, Method::Postcodes));
    assert!(
        near.explanation.contains("both in SW1P"),
        "{}",
        near.explanation
    );
}

#[test]
fn without_a_usable_postcode_the_regions_stand_in() {
    let travel = Travel::default();
    let (nw, london) = (region(NORTH_WEST), region(LONDON));
    let table = nw.spread_km + nw.point.km_to(london.point) + london.spread_km;

    let r = travel.reckon(&Place::in_region(NORTH_WEST), &Place::in_region(LONDON));
    assert_eq!(r.method, Method::Regions);
    assert_eq!(r.minutes, TravelRules::STATED.minutes(table));
    assert!((r.km.unwrap() - table).abs() < 0.001);
    assert!(
        r.explanation.starts_with(
            "By region, as the place travelled from has no postcode and the place travelled to \
             has no postcode: a typical place in North West to one in London is "
        ),
        "{}",
        r.explanation
    );

    // Not a postcode, or a district Code-Point Open does not have.
    let odd = travel.reckon(
        &Place {
            postcode: Some("Town Hall".into()),
            region: Some(NORTH_WEST.into()),
        },
        &Place {
            postcode: Some("ZZ1 1ZZ".into()),
            region: Some(LONDON.into()),
        },
    );
    assert_eq!((odd.minutes, odd.method), (r.minutes, Method::Regions));
    assert!(
        odd.explanation
            .contains("\"Town Hall\", which is not a postcode"),
        "{}",
        odd.explanation
    );
    assert!(
        odd.explanation
            .contains("ZZ1, which is not a known postcode district"),
        "{}",
        odd.explanation
    );

    // Two places somewhere in one region are not the same place.
    let within = travel.reckon(&Place::in_region(LONDON), &Place::in_region(LONDON));
    assert_eq!(
        within.minutes,
        TravelRules::STATED.minutes(2.0 * london.spread_km)
    );
    assert!(within.minutes > 0);
    assert!(within
        .explanation
        .contains("a typical place in London to another there"));

    // A postcode on one side: from its district to a typical place there.
    let mixed = travel.reckon(&Place::at("SW1P 3BT"), &Place::in_region(NORTH_WEST));
    let km = district("SW1P").km_to(nw.point) + nw.spread_km;
    assert_eq!(mixed.method, Method::Regions);
    assert_eq!(mixed.minutes, TravelRules::STATED.minutes(km));
    assert!(
        mixed.explanation.starts_with(
            "By region, as the place travelled to has no postcode: SW1P to a typical place in North West is "
        ),
        "{}",
        mixed.explanation
    );
    let back = travel.reckon(&Place::in_region(NORTH_WEST), &Place::at("SW1P 3BT"));
    assert_eq!(back.minutes, mixed.minutes);
    assert!(back
        .explanation
        .contains("a typical place in North West to SW1P"));
}

#[test]
fn with_nothing_known_it_is_the_longest_figure_of_the_region_table_said_plainly() {
    let travel = Travel::default();
    let table = include_str!("../../../../seeds/region_travel.csv");
    let longest = table
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse::<u32>().unwrap())
        .max()
        .unwrap();
    let r = travel.reckon(&Place::default(), &Place::at("SW1P 3BT"));
    assert_eq!(
        (r.minutes, r.method, r.km),
        (longest, Method::Unknown, None)
    );
    assert_eq!(
        r.explanation,
        format!(
            "Not known, as the place travelled from has no postcode and it has no region: \
             the longest journey between two English regions is assumed, {longest} minutes"
        )
    );
    let r = travel.reckon(
        &Place {
            postcode: Some("nowhere".into()),
            region: Some("E99999999".into()),
        },
        &Place::default(),
    );
    assert_eq!(r.minutes, longest);
    assert!(r.explanation.contains("\"nowhere\", which is not a postcode and it has no region, and the place travelled to has no postcode"), "{}", r.explanation);
}

/// The script's minutes are this module's: the table agrees with the rule.
#[test]
fn the_region_table_minutes_are_reckoned_by_the_stated_rules() {
    let table = include_str!("../../../../seeds/region_travel.csv");
    let mut rows = 0;
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let km: f64 = cols[4].parse().unwrap();
        let minutes: u32 = cols[5].parse().unwrap();
        assert_eq!(TravelRules::STATED.minutes(km), minutes, "{line}");
        rows += 1;
    }
    assert_eq!(rows, 81);
}

#[test]
fn an_override_applies_either_way_round_and_a_full_postcode_pair_beats_an_outcode_pair() {
    let overrides = vec![
        Override::new("sw1p", "m1", 200, "train from Euston").unwrap(),
        Override::new("M1 1AA", "sw1p3bt", 150, "").unwrap(),
        Override::new("SW1P", "M1 2AB", 170, "").unwrap(),
    ];
    assert_eq!(overrides[0].from, "SW1P");
    assert_eq!(overrides[1].to, "SW1P 3BT");
    let travel = Travel::new(TravelRules::STATED, overrides);
    let full = travel.reckon(&Place::at("SW1P 3BT"), &Place::at("M1 1AA"));
    assert_eq!(
        (full.minutes, full.method, full.km),
        (150, Method::Override, None)
    );
    assert_eq!(
        full.explanation,
        "SW1P 3BT to M1 1AA: 150 minutes, set by hand"
    );
    let back = travel.reckon(&Place::at("M1 1AA"), &Place::at("SW1P 3BT"));
    assert_eq!(back.minutes, 150);
    // One full postcode: the mixed pair beats the districts.
    let mixed = travel.reckon(&Place::at("M1 2AB"), &Place::at("SW1P 9ZZ"));
    assert_eq!(mixed.minutes, 170);
    // Other postcodes in the districts: the district pair.
    let districts = travel.reckon(&Place::at("SW1P 4DF"), &Place::at("M1 3CD"));
    assert_eq!(districts.minutes, 200);
    assert_eq!(
        districts.explanation,
        "SW1P 4DF to M1 3CD: 200 minutes, set by hand (train from Euston)"
    );
    // Elsewhere, the rule.
    let other = travel.reckon(&Place::at("SW1P 3BT"), &Place::at("M2 1AA"));
    assert_eq!(other.method, Method::Postcodes);
    // The same postcode is still the same place.
    let same = travel.reckon(&Place::at("M1 1AA"), &Place::at("M1 1AA"));
    assert_eq!(same.method, Method::SamePlace);
}

#[test]
fn an_override_with_a_bad_end_is_refused_naming_it() {
    let Err(Error::Invalid(faults)) = Override::new("SW1P 3BT", "Euston", 10, "") else {
        panic!("should be refused")
    };
    assert_eq!(faults.len(), 1);
    assert_eq!(faults[0].field, "to");
    let Err(Error::Invalid(faults)) = Override::new("", "x", 10, "") else {
        panic!("should be refused")
    };
    assert_eq!(
        faults.iter().map(|f| f.field).collect::<Vec<_>>(),
        ["from", "to"]
    );
}

#[test]
fn the_bound_is_never_below_a_figure_it_bounds() {
    let travel = Travel::new(
        TravelRules::STATED,
        vec![Override::new("TR1", "KW1", 5000, "").unwrap()],
    );
    let places = [
        Place::at("TR1 1AA"),
        Place::at("KW1 4AA"),
        Place::in_region("E12000001"),
        Place::in_region("E12000009"),
        Place::default(),
        Place::at("SW1P"),
    ];
    let spots: Vec<Spot> = places.iter().map(|p| travel.locate(p)).collect();
    let bound = travel.bound(&spots);
    for a in &spots {
        for b in &spots {
            assert!(travel.minutes(a, b) <= bound);
        }
    }
    assert!(bound >= 5000);
}

#[test]
fn the_json_has_minutes_method_km_and_explanation() {
    let r = Travel::default().reckon(&Place::at("SW1P 3BT"), &Place::at("SW1P 3BT"));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["minutes"], 0);
    assert_eq!(v["method"], "same_place");
    assert_eq!(v["km"], 0.0);
    assert!(v["explanation"].is_string());
    let v = serde_json::to_value(Method::Unknown).unwrap();
    assert_eq!(v, "unknown");
}

/// Real districts across Great Britain, and two postcodes in one district.
const POSTCODES: &[&str] = &[
    "SW1P 3BT", "SW1P 4DF", "M1 1AA", "LS1 4AP", "NE1 7RU", "B1 1BB", "BS1 5TR", "CB2 1TN",
    "TR1 2HE", "CF10 3NQ", "EH1 1YZ", "ME14 1XQ", "CW1 2BJ", "IV1 1HY", "W1A", "PL1",
];
const REGIONS: &[&str] = &[
    "E12000001",
    "E12000002",
    "E12000003",
    "E12000004",
    "E12000005",
    "E12000006",
    "E12000007",
    "E12000008",
    "E12000009",
];

/// A place a metric method can measure: a postcode (maybe with a region),
/// or a region alone, or an unknown postcode with a region.
fn measurable() -> impl Strategy<Value = Place> {
    let postcode = prop::sample::select(POSTCODES).prop_map(|p| Some(p.to_string()));
    let region = prop::sample::select(REGIONS).prop_map(|r| Some(r.to_string()));
    prop_oneof![
        (postcode.clone(), prop::option::of(region.clone())).prop_map(|(postcode, region)| Place {
            postcode,
            region: region.flatten()
        }),
        region.clone().prop_map(|region| Place {
            postcode: None,
            region
        }),
        (
            prop::sample::select(&["ZZ9 9ZZ", "Town Hall", "BT1 1AA"][..]),
            region
        )
            .prop_map(|(p, region)| Place {
                postcode: Some(p.to_string()),
                region
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Postcodes, regions and same place are one metric, so no detour
    /// through a third place is ever quicker than going straight.
    #[test]
    fn the_figures_of_one_metric_keep_the_triangle_inequality(
        a in measurable(), b in measurable(), c in measurable(),
        detour in 1.0f64..2.0, speed in 10.0f64..150.0,
    ) {
        let travel = Travel::new(TravelRules { detour_factor: detour, speed_kmh: speed }, Vec::new());
        let ab = travel.reckon(&a, &b);
        let bc = travel.reckon(&b, &c);
        let ac = travel.reckon(&a, &c);
        for r in [&ab, &bc, &ac] {
            prop_assert!(matches!(r.method, Method::SamePlace | Method::Postcodes | Method::Regions));
        }
        prop_assert!(ac.minutes <= ab.minutes + bc.minutes,
            "{} > {} + {}\n{}\n{}\n{}", ac.minutes, ab.minutes, bc.minutes,
            ac.explanation, ab.explanation, bc.explanation);
        prop_assert_eq!(ab.minutes, travel.reckon(&b, &a).minutes, "symmetric");
        let spots = [travel.locate(&a), travel.locate(&b)];
        prop_assert_eq!(travel.minutes(&spots[0], &spots[1]), ab.minutes, "no words, same figure");
    }
}
