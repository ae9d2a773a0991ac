//! `cpweek travel`: the real binary, the real embedded seeds, no database.

mod common;

use std::process::{Command, Output};

use serde_json::Value;

fn travel(args: &[&str]) -> (Output, tempfile::TempDir) {
    // A database path that does not exist: travel must not need one.
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cpweek"))
        .arg("--db")
        .arg(dir.path().join("none.db"))
        .arg("travel")
        .args(args)
        .env_remove("CPWEEK_DB")
        .output()
        .expect("run cpweek");
    (out, dir)
}

fn ok_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let (out, dir) = travel(&all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "travel wrote nothing"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A district's centre, read from the committed seed file, not the core.
fn centre(outcode: &str) -> (f64, f64) {
    let seeds =
        std::fs::read_to_string(common::repo().join("seeds/postcode_districts.csv")).unwrap();
    let line = seeds
        .lines()
        .find(|l| l.starts_with(&format!("{outcode},")))
        .unwrap_or_else(|| panic!("{outcode} in the seeds"));
    let cols: Vec<&str> = line.split(',').collect();
    (cols[1].parse().unwrap(), cols[2].parse().unwrap())
}

#[test]
fn the_minutes_are_the_straight_line_between_district_centres_x_1_3_at_60_kmh() {
    let (a, b) = (centre("SW1P"), centre("M1"));
    let km = (a.0 - b.0).hypot(a.1 - b.1) / 1000.0;
    // At 60 km/h a kilometre is a minute; x 1.3 for roads; rounded up.
    let minutes = (km * 1.3).ceil();
    let v = ok_json(&["--from", "sw1p3bt", "--to", "M1 1AA"]);
    assert_eq!(v["minutes"].as_f64(), Some(minutes));
    assert_eq!(v["method"], "postcodes");
    assert!((v["km"].as_f64().unwrap() - km).abs() < 1e-6);
    assert_eq!(
        v["explanation"],
        format!("SW1P to M1: {km:.1} km in a straight line x 1.3 for roads, at 60 km/h: {minutes} minutes")
    );
    // Districts alone, and either way round.
    let back = ok_json(&["--from", "m1", "--to", "SW1P"]);
    assert_eq!(back["minutes"], v["minutes"]);
}

#[test]
fn text_for_people_gives_the_minutes_and_how() {
    let (out, _dir) = travel(&["--from", "SW1P 3BT", "--to", "ME14 1XQ"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let v = ok_json(&["--from", "SW1P 3BT", "--to", "ME14 1XQ"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{} minutes (between postcode district centres)",
                v["minutes"]
            ),
            v["explanation"].as_str().unwrap().to_string(),
        ]
    );
}

#[test]
fn the_same_postcode_is_no_travel_and_an_unknown_district_is_said_plainly() {
    let same = ok_json(&["--from", "SW1P 3BT", "--to", "sw1p 3bt"]);
    assert_eq!(
        (same["minutes"].as_u64(), same["method"].as_str()),
        (Some(0), Some("same_place"))
    );
    // Northern Ireland is not in Code-Point Open; no region is given.
    let unknown = ok_json(&["--from", "SW1P 3BT", "--to", "BT1 1AA"]);
    assert_eq!(unknown["method"], "unknown");
    assert!(unknown["km"].is_null());
    let longest = std::fs::read_to_string(common::repo().join("seeds/region_travel.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse::<u64>().unwrap())
        .max()
        .unwrap();
    assert_eq!(unknown["minutes"].as_u64(), Some(longest));
    assert!(unknown["explanation"]
        .as_str()
        .unwrap()
        .contains("BT1, which is not a known postcode district"));
}

#[test]
fn a_missing_or_bad_postcode_is_an_error_naming_the_flag_and_the_shape() {
    let cases: [(&[&str], &[&str]); 4] = [
        (
            &["--from", "London", "--to", "M1 1AA"],
            &["error: --from \"London\" is not a UK postcode; expected a UK postcode such as SW1P 3BT, or a postcode district (its first half) such as SW1P"],
        ),
        (
            &["--from", "SW1P 3BT"],
            &["error: --to is missing; expected a UK postcode such as SW1P 3BT, or a postcode district (its first half) such as SW1P"],
        ),
        (
            &["--from", "SW1P\u{1b}[2J", "--to", "M1 1AA 1"],
            &[
                "error: --from \"SW1P\\u{1b}[2J\" is not a UK postcode; expected a UK postcode such as SW1P 3BT, or a postcode district (its first half) such as SW1P",
                "error: --to \"M1 1AA 1\" is not a UK postcode; expected a UK postcode such as SW1P 3BT, or a postcode district (its first half) such as SW1P",
            ],
        ),
        (
            &["--json"],
            &[
                "error: --from is missing; expected a UK postcode such as SW1P 3BT, or a postcode district (its first half) such as SW1P",
                "error: --to is missing; expected a UK postcode such as SW1P 3BT, or a postcode district (its first half) such as SW1P",
            ],
        ),
    ];
    for (args, expected) in cases {
        let (out, _dir) = travel(args);
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().collect::<Vec<_>>(), expected, "{args:?}");
    }
}
