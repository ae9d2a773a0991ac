//! The positions travel is reckoned between, embedded from `seeds/` (made by
//! `scripts/postcode-centroids` from OS Code-Point Open; see seeds/README):
//! the centre of every postcode district in Great Britain, and for each
//! English region its representative point, its spread and the
//! region-to-region table. Read once, on first use; never stored in SQLite.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const DISTRICTS: &str = include_str!("../../../../seeds/postcode_districts.csv");
const REGION_POINTS: &str = include_str!("../../../../seeds/region_points.csv");
const REGION_TRAVEL: &str = include_str!("../../../../seeds/region_travel.csv");

/// A position on the OSGB36 National Grid, in metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Grid {
    pub easting: f64,
    pub northing: f64,
}

impl Grid {
    /// Straight-line distance in kilometres.
    pub fn km_to(self, other: Grid) -> f64 {
        (self.easting - other.easting).hypot(self.northing - other.northing) / 1000.0
    }
}

/// An English region as travel knows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RegionPoint {
    /// E12 code.
    pub code: String,
    pub name: String,
    /// The mean of its postcodes (see seeds/README).
    pub point: Grid,
    /// The mean distance of its postcodes from `point`, in kilometres: how
    /// far a typical place in the region is from it.
    pub spread_km: f64,
}

pub(crate) struct Centres {
    districts: HashMap<String, Grid>,
    pub regions: Vec<RegionPoint>,
    /// Kilometres between typical places, `regions.len()` squared, row by
    /// row in the order of `regions`.
    table_km: Vec<f64>,
    /// The largest figure of the table, in kilometres.
    pub longest_km: f64,
}

impl Centres {
    /// The centre of a postcode district (`SW1P`), if it is known.
    pub fn district(&self, outcode: &str) -> Option<Grid> {
        self.districts.get(outcode).copied()
    }

    /// The index in `regions` of an E12 code.
    pub fn region(&self, code: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.code == code.trim())
    }

    /// Kilometres from a typical place in region `a` to one in region `b`.
    pub fn between_regions(&self, a: usize, b: usize) -> f64 {
        self.table_km[a * self.regions.len() + b]
    }
}

#[derive(Deserialize)]
struct DistrictRow {
    outcode: String,
    easting: f64,
    northing: f64,
}

#[derive(Deserialize)]
struct PointRow {
    region_code: String,
    region: String,
    easting: f64,
    northing: f64,
    spread_m: f64,
}

#[derive(Deserialize)]
struct TravelRow {
    from_code: String,
    to_code: String,
    km: f64,
}

fn rows<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Vec<T> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .map(|row| row.unwrap_or_else(|e| panic!("embedded seeds/{file} is broken: {e}")))
        .collect()
}

/// The embedded tables. They are part of the build, checked by this
/// module's tests, so a fault in them is a fault of the build.
pub(crate) fn centres() -> &'static Centres {
    static CENTRES: OnceLock<Centres> = OnceLock::new();
    CENTRES.get_or_init(|| {
        let districts = rows::<DistrictRow>("postcode_districts.csv", DISTRICTS)
            .into_iter()
            .map(|r| {
                let at = Grid {
                    easting: r.easting,
                    northing: r.northing,
                };
                (r.outcode, at)
            })
            .collect();
        let regions: Vec<RegionPoint> = rows::<PointRow>("region_points.csv", REGION_POINTS)
            .into_iter()
            .map(|r| RegionPoint {
                code: r.region_code,
                name: r.region,
                point: Grid {
                    easting: r.easting,
                    northing: r.northing,
                },
                spread_km: r.spread_m / 1000.0,
            })
            .collect();
        let n = regions.len();
        let mut table_km = vec![f64::NAN; n * n];
        for r in rows::<TravelRow>("region_travel.csv", REGION_TRAVEL) {
            let index = |code: &str| {
                regions
                    .iter()
                    .position(|p| p.code == code)
                    .unwrap_or_else(|| panic!("seeds/region_travel.csv names {code}"))
            };
            table_km[index(&r.from_code) * n + index(&r.to_code)] = r.km;
        }
        assert!(
            table_km.iter().all(|k| k.is_finite()),
            "seeds/region_travel.csv leaves out a pair of regions"
        );
        let longest_km = table_km.iter().copied().fold(0.0, f64::max);
        Centres {
            districts,
            regions,
            table_km,
            longest_km,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_district_of_great_britain_is_there() {
        let c = centres();
        assert!(c.districts.len() > 2_800, "{}", c.districts.len());
        for outcode in [
            "SW1P", "M1", "B33", "W1A", "EC1A", "NE1", "CF10", "EH1", "TR1",
        ] {
            assert!(c.district(outcode).is_some(), "{outcode}");
        }
        // Code-Point Open has no Northern Ireland, and ZZ is no area.
        assert_eq!(c.district("BT1"), None);
        assert_eq!(c.district("ZZ1"), None);
        // Every centre is on the National Grid of Great Britain.
        for (o, g) in &c.districts {
            assert!(
                (0.0..700_000.0).contains(&g.easting) && (0.0..1_300_000.0).contains(&g.northing),
                "{o}: {g:?}"
            );
        }
    }

    #[test]
    fn the_regions_are_the_nine_of_regions_csv() {
        let c = centres();
        let seeded: Vec<&str> = include_str!("../../../../seeds/regions.csv")
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect();
        let ours: Vec<&str> = c.regions.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(ours, seeded);
        assert_eq!(c.region(" E12000007 "), Some(6));
        assert_eq!(c.region("E12000010"), None);
    }

    /// The table is what its points give: spread + between the points +
    /// spread (the metric the script states), to the metre it was written in.
    #[test]
    fn the_region_table_agrees_with_the_region_points() {
        let c = centres();
        for (i, a) in c.regions.iter().enumerate() {
            for (j, b) in c.regions.iter().enumerate() {
                let spoke = a.spread_km + a.point.km_to(b.point) + b.spread_km;
                let table = c.between_regions(i, j);
                assert!(
                    (spoke - table).abs() <= 0.0006,
                    "{} to {}: {spoke} against {table}",
                    a.name,
                    b.name
                );
                assert_eq!(table, c.between_regions(j, i), "symmetric");
                assert!(table > 0.0, "two places are never 0 km apart by region");
            }
        }
        assert_eq!(
            c.longest_km,
            (0..9)
                .flat_map(|i| (0..9).map(move |j| (i, j)))
                .map(|(i, j)| c.between_regions(i, j))
                .fold(0.0, f64::max)
        );
    }
}
