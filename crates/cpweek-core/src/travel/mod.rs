//! Travel time between two places, for a person's engagements: how long it
//! takes, and how that was reckoned, in one sentence a person can check.
//!
//! The rule, in order:
//! 1. **Same place**: two places with the same full postcode are 0 minutes
//!    apart (unless its district is unknown and they name different
//!    regions).
//! 2. **Override**: a figure set by hand for a pair (either way round); a
//!    pair of full postcodes beats a pair with an outcode in it, which beats
//!    a pair of outcodes.
//! 3. **Postcodes**: the straight-line distance between the centres of the
//!    two postcode districts (`seeds/postcode_districts.csv`, from OS
//!    Code-Point Open), times the detour factor for roads, at the stated
//!    speed, rounded up to the minute ([`TravelRules`]). Two places in one
//!    district are 0 km apart by this rule: the person's change-over time
//!    is what covers a move within a district.
//! 4. **Regions**: when a postcode is missing, is not a postcode, or its
//!    district is unknown, the place's region (E12) stands in for it: from
//!    a typical place in the region to its representative point (its
//!    spread), and from there on (`seeds/region_points.csv`,
//!    `seeds/region_travel.csv`). Between two regions that is the table.
//! 5. **Unknown**: with neither a known postcode nor a region, the largest
//!    figure in the region table, said plainly.
//!
//! **The triangle inequality.** Steps 3 and 4 are one metric: district
//! centres are points on the plane, and a place known only by its region is
//! the end of a spoke, as long as the region's spread, from the region's
//! point (the shortest-path distance on the plane with those spokes
//! added). Minutes are that distance scaled and rounded up, and
//! `ceil(a + b) <= ceil(a) + ceil(b)`, so figures reckoned by those steps
//! (and same place, which is 0 and agrees with them) keep
//! `t(a, c) <= t(a, b) + t(b, c)`. So when each consecutive pair of a
//! day's engagements can be kept, every pair can. Overrides and the
//! unknown figure are outside the metric and need not keep it. The
//! proptest in `tests.rs` holds the rule to this.

mod centres;
mod postcode;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Error;
use crate::text::shown;
use centres::{centres, Grid};
pub use postcode::{Postcode, EXPECTED};

/// Where an engagement or a home base is, as travel knows it: a postcode
/// (full, or a district alone) and the region (E12 code) it is in, either
/// of which may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Place {
    pub postcode: Option<String>,
    /// E12 code, e.g. `E12000007` for London.
    pub region: Option<String>,
}

impl Place {
    /// A place known by its postcode.
    pub fn at(postcode: &str) -> Place {
        Place {
            postcode: Some(postcode.to_string()),
            region: None,
        }
    }

    /// A place known only by its region.
    pub fn in_region(region: &str) -> Place {
        Place {
            postcode: None,
            region: Some(region.to_string()),
        }
    }
}

/// How straight-line distance becomes minutes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TravelRules {
    /// Road (or rail) distance over straight-line distance.
    pub detour_factor: f64,
    /// Door-to-door speed over the road distance, in km/h.
    pub speed_kmh: f64,
}

impl TravelRules {
    /// The stated rules: x 1.3 for roads, at 60 km/h door to door.
    ///
    /// Ministers travel by car and by train, and an estimate that is too
    /// short gives a diary that cannot be kept, so it must not be
    /// optimistic. 1.3 is the usual ratio of road to straight-line distance
    /// in Britain (the rule of thumb for road network circuity), and 60 km/h
    /// door to door allows for getting out of towns, stations and parking:
    /// motorway speeds are never reached on average. For long journeys by
    /// fast train it is pessimistic; an override sets a known figure.
    pub const STATED: TravelRules = TravelRules {
        detour_factor: 1.3,
        speed_kmh: 60.0,
    };

    /// Minutes for `km` in a straight line, rounded up to the minute
    /// (ignoring a billionth of a minute of floating-point noise, so that a
    /// whole number of minutes is not pushed up by one).
    pub fn minutes(&self, km: f64) -> u32 {
        // `as` saturates: NaN is 0, anything too large u32::MAX.
        (km * self.detour_factor / self.speed_kmh * 60.0 - 1e-9).ceil() as u32
    }
}

impl Default for TravelRules {
    fn default() -> Self {
        TravelRules::STATED
    }
}

/// A travel time set by hand between two postcodes or districts (either
/// way round), with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Override {
    /// A normalised full postcode (`SW1P 3BT`) or district (`SW1P`).
    pub from: String,
    pub to: String,
    pub minutes: u32,
    pub note: String,
}

impl Override {
    /// Checks and normalises both ends (fields `from` and `to`).
    pub fn new(from: &str, to: &str, minutes: u32, note: &str) -> Result<Override, Error> {
        let (from, to) = Postcode::read_journey(from, to, ("from", "to"))?;
        Ok(Override {
            from: from.to_string(),
            to: to.to_string(),
            minutes,
            note: note.trim().to_string(),
        })
    }
}

/// How a travel time was reckoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Method {
    /// The same full postcode: 0 minutes.
    SamePlace,
    /// A figure set by hand.
    Override,
    /// Between postcode district centres.
    Postcodes,
    /// By region, as a postcode was missing or unknown.
    Regions,
    /// Nothing known: the longest journey between two regions.
    Unknown,
}

/// A travel time and how it was reckoned.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Reckoning {
    pub minutes: u32,
    pub method: Method,
    /// The straight-line kilometres used, when the time came from a distance.
    pub km: Option<f64>,
    /// One sentence a person can check:
    /// "SW1P to M1: 263.2 km in a straight line x 1.3 for roads, at 60 km/h: 343 minutes".
    pub explanation: String,
}

/// Travel times by the stated rules and the overrides set by hand.
#[derive(Debug, Clone)]
pub struct Travel {
    rules: TravelRules,
    overrides: Vec<Override>,
    /// Each normalised postcode or district an override names, numbered.
    keys: HashMap<String, u32>,
    /// (key, key) either way round -> index in `overrides`.
    pairs: HashMap<(u32, u32), usize>,
}

impl Default for Travel {
    fn default() -> Self {
        Travel::new(TravelRules::STATED, Vec::new())
    }
}

/// Why a place's postcode could not be used.
#[derive(Debug, Clone, PartialEq)]
enum Unusable {
    Missing,
    NotAPostcode(String),
    UnknownDistrict(String),
}

/// Where a place is, worked out once.
#[derive(Debug, Clone, PartialEq)]
enum At {
    District(Grid),
    Region(usize, Unusable),
    Nowhere(Unusable),
}

/// A place resolved against the tables and the overrides: what
/// [`crate::clash`] and [`crate::plan`] work out once per engagement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spot {
    postcode: Option<Postcode>,
    at: At,
    full_key: Option<u32>,
    district_key: Option<u32>,
}

impl Spot {
    /// The normalised full postcode, if the place has one.
    pub fn full_postcode(&self) -> Option<&str> {
        self.postcode.as_ref().and_then(Postcode::full)
    }
}

/// What a pair of spots measures, before it is put in words.
enum Measure {
    Same,
    Override(usize),
    Km(f64),
    Unknown,
}

impl Travel {
    /// Travel by `rules`, with `overrides` (best made with
    /// [`Override::new`]; ends that are not postcodes never match anything).
    /// When two overrides name the same pair, the first counts.
    pub fn new(rules: TravelRules, overrides: Vec<Override>) -> Travel {
        let mut keys: HashMap<String, u32> = HashMap::new();
        let mut pairs = HashMap::new();
        let mut key = |text: &str| {
            let normal = Postcode::parse(text)
                .map(|p| p.to_string())
                .unwrap_or_else(|| format!("?{}", text.trim()));
            let next = keys.len() as u32;
            *keys.entry(normal).or_insert(next)
        };
        for (i, o) in overrides.iter().enumerate() {
            let (a, b) = (key(&o.from), key(&o.to));
            pairs.entry((a, b)).or_insert(i);
            pairs.entry((b, a)).or_insert(i);
        }
        Travel {
            rules,
            overrides,
            keys,
            pairs,
        }
    }

    pub fn rules(&self) -> TravelRules {
        self.rules
    }

    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// How long it takes to go from one place to another, and why.
    pub fn reckon(&self, from: &Place, to: &Place) -> Reckoning {
        self.reckon_spots(&self.locate(from), &self.locate(to))
    }

    /// The longest journey between two English regions, in minutes: the
    /// figure used when nothing is known of a place.
    pub fn unknown_minutes(&self) -> u32 {
        self.rules.minutes(centres().longest_km)
    }

    /// Resolves a place once: its postcode's district centre, else its
    /// region, else nowhere; and the override keys it could match.
    pub(crate) fn locate(&self, place: &Place) -> Spot {
        let c = centres();
        let typed = place.postcode.as_deref().map(str::trim).unwrap_or("");
        let postcode = Postcode::parse(typed);
        let unusable = match &postcode {
            None if typed.is_empty() => Unusable::Missing,
            None => Unusable::NotAPostcode(typed.to_string()),
            Some(p) => match c.district(p.outcode()) {
                Some(_) => Unusable::Missing,
                None => Unusable::UnknownDistrict(p.outcode().to_string()),
            },
        };
        let at = match postcode.as_ref().and_then(|p| c.district(p.outcode())) {
            Some(grid) => At::District(grid),
            None => match place.region.as_deref().and_then(|r| c.region(r)) {
                Some(r) => At::Region(r, unusable),
                None => At::Nowhere(unusable),
            },
        };
        let (full_key, district_key) = match &postcode {
            Some(p) if !self.keys.is_empty() => (
                p.full().and_then(|f| self.keys.get(f).copied()),
                self.keys.get(p.outcode()).copied(),
            ),
            _ => (None, None),
        };
        Spot {
            postcode,
            at,
            full_key,
            district_key,
        }
    }

    fn measure(&self, a: &Spot, b: &Spot) -> Measure {
        // The same full postcode, placed alike (a postcode of an unknown
        // district given with two different regions is not taken as one
        // place: that would break the metric).
        if let (Some(x), Some(y)) = (a.full_postcode(), b.full_postcode()) {
            if x == y && a.at == b.at {
                return Measure::Same;
            }
        }
        if !self.pairs.is_empty() {
            let tries = [
                (a.full_key, b.full_key),
                (a.full_key, b.district_key),
                (a.district_key, b.full_key),
                (a.district_key, b.district_key),
            ];
            for pair in tries {
                if let (Some(x), Some(y)) = pair {
                    if let Some(&i) = self.pairs.get(&(x, y)) {
                        return Measure::Override(i);
                    }
                }
            }
        }
        let c = centres();
        match (&a.at, &b.at) {
            (At::District(p), At::District(q)) => Measure::Km(p.km_to(*q)),
            (At::District(p), At::Region(r, _)) | (At::Region(r, _), At::District(p)) => {
                let region = &c.regions[*r];
                Measure::Km(p.km_to(region.point) + region.spread_km)
            }
            (At::Region(r, _), At::Region(s, _)) => Measure::Km(c.between_regions(*r, *s)),
            _ => Measure::Unknown,
        }
    }

    /// Minutes between two resolved places (no words: for the sweeps).
    pub(crate) fn minutes(&self, a: &Spot, b: &Spot) -> u32 {
        match self.measure(a, b) {
            Measure::Same => 0,
            Measure::Override(i) => self.overrides[i].minutes,
            Measure::Km(km) => self.rules.minutes(km),
            Measure::Unknown => self.unknown_minutes(),
        }
    }

    /// An upper bound on the minutes between any two of `spots`.
    pub(crate) fn bound<'a>(&self, spots: impl IntoIterator<Item = &'a Spot>) -> u32 {
        let c = centres();
        let (mut lo_e, mut lo_n, mut hi_e, mut hi_n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        let mut spread: f64 = 0.0;
        let mut nowhere = false;
        for s in spots {
            let point = match &s.at {
                At::District(p) => *p,
                At::Region(r, _) => {
                    spread = spread.max(c.regions[*r].spread_km);
                    c.regions[*r].point
                }
                At::Nowhere(_) => {
                    nowhere = true;
                    continue;
                }
            };
            lo_e = lo_e.min(point.easting);
            lo_n = lo_n.min(point.northing);
            hi_e = hi_e.max(point.easting);
            hi_n = hi_n.max(point.northing);
        }
        let across = if lo_e <= hi_e {
            (hi_e - lo_e).hypot(hi_n - lo_n) / 1000.0
        } else {
            0.0
        };
        let by_hand = self.overrides.iter().map(|o| o.minutes).max().unwrap_or(0);
        let unknown = if nowhere { self.unknown_minutes() } else { 0 };
        self.rules
            .minutes(across + 2.0 * spread)
            .saturating_add(1)
            .max(unknown)
            .max(by_hand)
    }

    /// Minutes and the sentence that explains them.
    pub(crate) fn reckon_spots(&self, a: &Spot, b: &Spot) -> Reckoning {
        let rules = self.rules;
        let c = centres();
        let named = |s: &Spot| {
            s.postcode
                .as_ref()
                .map(|p| p.to_string())
                .unwrap_or_default()
        };
        let district = |s: &Spot| {
            s.postcode
                .as_ref()
                .map(|p| p.outcode().to_string())
                .unwrap_or_default()
        };
        let by_road = |km: f64, minutes: u32| {
            format!(
                "{km:.1} km in a straight line x {} for roads, at {} km/h: {}",
                rules.detour_factor,
                rules.speed_kmh,
                in_minutes(minutes)
            )
        };
        match self.measure(a, b) {
            Measure::Same => Reckoning {
                minutes: 0,
                method: Method::SamePlace,
                km: Some(0.0),
                explanation: format!("Both places are at {}: no travel, 0 minutes", named(a)),
            },
            Measure::Override(i) => {
                let o = &self.overrides[i];
                let note = if o.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", shown(&o.note))
                };
                Reckoning {
                    minutes: o.minutes,
                    method: Method::Override,
                    km: None,
                    explanation: format!(
                        "{} to {}: {}, set by hand{note}",
                        named(a),
                        named(b),
                        in_minutes(o.minutes)
                    ),
                }
            }
            Measure::Km(km) => {
                let minutes = rules.minutes(km);
                let region = |r: usize| c.regions[r].name.as_str();
                let (method, explanation) = match (&a.at, &b.at) {
                    (At::District(_), At::District(_)) if district(a) == district(b) => (
                        Method::Postcodes,
                        format!(
                            "{} and {} are both in {}, whose centre is all that is known of \
                             where they are: 0 km apart, {}",
                            named(a),
                            named(b),
                            district(a),
                            in_minutes(minutes)
                        ),
                    ),
                    (At::District(_), At::District(_)) => (
                        Method::Postcodes,
                        format!(
                            "{} to {}: {}",
                            district(a),
                            district(b),
                            by_road(km, minutes)
                        ),
                    ),
                    (At::District(_), At::Region(r, why)) => (
                        Method::Regions,
                        format!(
                            "By region, as {}: {} to a typical place in {} is {}",
                            because(why, "travelled to"),
                            district(a),
                            region(*r),
                            by_road(km, minutes)
                        ),
                    ),
                    (At::Region(r, why), At::District(_)) => (
                        Method::Regions,
                        format!(
                            "By region, as {}: a typical place in {} to {} is {}",
                            because(why, "travelled from"),
                            region(*r),
                            district(b),
                            by_road(km, minutes)
                        ),
                    ),
                    (At::Region(r, why_a), At::Region(s, why_b)) => {
                        let to = if r == s {
                            "another there".to_string()
                        } else {
                            format!("one in {}", region(*s))
                        };
                        (
                            Method::Regions,
                            format!(
                                "By region, as {} and {}: a typical place in {} to {to} is {}",
                                because(why_a, "travelled from"),
                                because(why_b, "travelled to"),
                                region(*r),
                                by_road(km, minutes)
                            ),
                        )
                    }
                    _ => unreachable!("a distance is measured only between districts and regions"),
                };
                Reckoning {
                    minutes,
                    method,
                    km: Some(km),
                    explanation,
                }
            }
            Measure::Unknown => {
                let minutes = self.unknown_minutes();
                let mut unknown = Vec::new();
                for (s, side) in [(a, "travelled from"), (b, "travelled to")] {
                    if let At::Nowhere(why) = &s.at {
                        unknown.push(format!("{} and it has no region", because(why, side)));
                    }
                }
                Reckoning {
                    minutes,
                    method: Method::Unknown,
                    km: None,
                    explanation: format!(
                        "Not known, as {}: the longest journey between two English regions \
                         is assumed, {}",
                        unknown.join(", and "),
                        in_minutes(minutes)
                    ),
                }
            }
        }
    }
}

/// `1 minute`, `341 minutes`.
fn in_minutes(m: u32) -> String {
    if m == 1 {
        "1 minute".into()
    } else {
        format!("{m} minutes")
    }
}

/// Why a place's postcode could not be used, for a sentence.
fn because(why: &Unusable, side: &str) -> String {
    match why {
        Unusable::Missing => format!("the place {side} has no postcode"),
        Unusable::NotAPostcode(t) => {
            format!(
                "the place {side} has \"{}\", which is not a postcode",
                crate::text::quoted(t)
            )
        }
        Unusable::UnknownDistrict(d) => {
            format!("the place {side} is in {d}, which is not a known postcode district")
        }
    }
}
