//! Which of one person's engagements cannot both be kept, once travel and
//! the person's change-over time are counted.
//!
//! The rule for a pair, taking the earlier (by start, then end, then id)
//! first:
//! - The **gap** is from the end of the earlier to the start of the later;
//!   overlapping times give a negative gap.
//! - At the **same venue** (the same full postcode, and venue names equal
//!   ignoring case and spaces, or either name missing) nothing is needed:
//!   back to back (gap 0) is fine, an overlap still clashes.
//! - Elsewhere the gap needed is the travel time between the places
//!   ([`crate::travel`]) plus the change-over time. Exactly that gap is
//!   fine; a minute less is a clash, short by a minute.
//!
//! Nothing here reads the clock or the store: the caller gives the
//! engagements, the travel rules with their overrides, and the change-over.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::shown;
use crate::travel::{Method, Place, Reckoning, Spot, Travel};

/// Something a person is to attend, at a time and a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Engagement {
    /// The caller's id (a request's id).
    #[ts(type = "number")]
    pub id: i64,
    /// What people call it, for reasons: "Foster carers' awards, Kent".
    pub label: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub place: Place,
    /// The venue's name, if known.
    pub venue: Option<String>,
    /// The LGA's priority, 1 (lowest) to 5 (highest).
    pub priority: u8,
}

/// Two engagements that cannot both be kept.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Clash {
    /// The earlier engagement's id.
    #[ts(type = "number")]
    pub a: i64,
    /// The later engagement's id.
    #[ts(type = "number")]
    pub b: i64,
    /// Travel from the earlier's place to the later's (0 at the same venue).
    pub travel_minutes: u32,
    /// The change-over counted (0 at the same venue).
    pub changeover_minutes: u32,
    /// How many minutes more the gap would need (an overlap counts in full).
    #[ts(type = "number")]
    pub short_by_minutes: i64,
    /// Shared by every clash between the same two places (a dense week
    /// has millions of clashes but few places).
    #[serde(serialize_with = "shared")]
    pub travel: Arc<Reckoning>,
}

/// Serialises what an `Arc` holds (serde's own needs its `rc` feature,
/// which would rebuild every crate that uses serde).
fn shared<S: serde::Serializer>(value: &Arc<Reckoning>, s: S) -> Result<S::Ok, S::Error> {
    Reckoning::serialize(value, s)
}

/// The earlier of two engagements comes first: by start, then end, then id.
pub(crate) fn order(a: &Engagement, b: &Engagement) -> Ordering {
    (a.start, a.end, a.id).cmp(&(b.start, b.end, b.id))
}

/// An engagement with its place worked out once.
pub(crate) struct Slot<'a> {
    pub engagement: &'a Engagement,
    pub spot: Spot,
    /// The place's number among the distinct places of its list.
    place: u32,
    /// The full postcode's number among those of its list, if it has one.
    postcode: Option<u32>,
    /// The venue name's number (lower-cased, without spaces), if named.
    venue: Option<u32>,
    /// Start and end in seconds since 1970.
    start: i64,
    end: i64,
}

/// Numbers each distinct value it is given, from 0.
struct Numbering<K>(HashMap<K, u32>);

impl<K: std::hash::Hash + Eq> Numbering<K> {
    fn number(&mut self, key: K) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(key).or_insert(next)
    }
}

/// The slots of a list of engagements, each distinct place worked out
/// once, and how many distinct places there are.
pub(crate) fn slots<'a>(
    engagements: impl IntoIterator<Item = &'a Engagement>,
    travel: &Travel,
) -> (Vec<Slot<'a>>, usize) {
    let mut places: HashMap<&'a Place, (u32, Spot)> = HashMap::new();
    let mut postcodes = Numbering(HashMap::new());
    let mut venues = Numbering(HashMap::new());
    let slots = engagements
        .into_iter()
        .map(|engagement| {
            let next = places.len() as u32;
            let (place, spot) = places
                .entry(&engagement.place)
                .or_insert_with(|| (next, travel.locate(&engagement.place)))
                .clone();
            let postcode = spot
                .full_postcode()
                .map(|p| postcodes.number(p.to_string()));
            let venue = engagement
                .venue
                .as_deref()
                .map(|v| {
                    v.chars()
                        .filter(|c| !c.is_whitespace())
                        .flat_map(char::to_lowercase)
                        .collect::<String>()
                })
                .filter(|v| !v.is_empty())
                .map(|v| venues.number(v));
            Slot {
                engagement,
                spot,
                place,
                postcode,
                venue,
                start: engagement.start.timestamp(),
                end: engagement.end.timestamp(),
            }
        })
        .collect();
    (slots, places.len())
}

impl Slot<'_> {
    fn same_venue(&self, other: &Slot) -> bool {
        let same_postcode = self.postcode.is_some() && self.postcode == other.postcode;
        let same_name = match (self.venue, other.venue) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        };
        same_postcode && same_name
    }
}

/// Travel minutes between the places of a list's slots, each pair of
/// places reckoned once (for lists of up to [`Minutes::KEPT`] places).
pub(crate) struct Minutes<'t> {
    pub travel: &'t Travel,
    places: usize,
    /// `places` squared, row by row; `u32::MAX` until reckoned.
    kept: Vec<u32>,
}

impl<'t> Minutes<'t> {
    /// Beyond this many places, minutes are reckoned each time (the table
    /// would hold over a million figures).
    const KEPT: usize = 1024;

    pub fn new(travel: &'t Travel, places: usize) -> Minutes<'t> {
        let kept = if places <= Minutes::KEPT {
            vec![u32::MAX; places * places]
        } else {
            Vec::new()
        };
        Minutes {
            travel,
            places,
            kept,
        }
    }

    pub fn between(&mut self, a: &Slot, b: &Slot) -> u32 {
        if self.kept.is_empty() {
            return self.travel.minutes(&a.spot, &b.spot);
        }
        let at = a.place as usize * self.places + b.place as usize;
        if self.kept[at] == u32::MAX {
            self.kept[at] = self.travel.minutes(&a.spot, &b.spot);
        }
        self.kept[at]
    }
}

/// The travel in words for each pair of places (and whether at the same
/// venue), made once and shared by every clash between them. A table
/// indexed by the pair for up to [`Minutes::KEPT`] places (a dense week has
/// millions of clashes, and a hash lookup for each was most of its time),
/// a map beyond.
struct Words {
    places: usize,
    kept: Vec<Option<Arc<Reckoning>>>,
    beyond: HashMap<(u32, u32, bool), Arc<Reckoning>>,
}

impl Words {
    fn new(places: usize) -> Words {
        let kept = if places <= Minutes::KEPT {
            vec![None; places * places * 2]
        } else {
            Vec::new()
        };
        Words {
            places,
            kept,
            beyond: HashMap::new(),
        }
    }

    fn get(
        &mut self,
        earlier: &Slot,
        later: &Slot,
        same: bool,
        make: impl FnOnce() -> Reckoning,
    ) -> Arc<Reckoning> {
        if self.kept.is_empty() {
            return self
                .beyond
                .entry((earlier.place, later.place, same))
                .or_insert_with(|| Arc::new(make()))
                .clone();
        }
        let at =
            (earlier.place as usize * self.places + later.place as usize) * 2 + usize::from(same);
        self.kept[at]
            .get_or_insert_with(|| Arc::new(make()))
            .clone()
    }
}

/// What a gap between two engagements has to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Need {
    pub travel: u32,
    pub changeover: u32,
}

impl Need {
    fn seconds(self) -> i64 {
        (i64::from(self.travel) + i64::from(self.changeover)) * 60
    }
}

pub(crate) fn need(minutes: &mut Minutes, earlier: &Slot, later: &Slot, changeover: u32) -> Need {
    if earlier.same_venue(later) {
        Need {
            travel: 0,
            changeover: 0,
        }
    } else {
        Need {
            travel: minutes.between(earlier, later),
            changeover,
        }
    }
}

/// Minutes short when `have` seconds must hold `need_seconds`: `None` when
/// they do. Part of a minute short counts as a minute.
pub(crate) fn short_by(have_seconds: i64, need_seconds: i64) -> Option<i64> {
    (have_seconds < need_seconds).then(|| (need_seconds - have_seconds + 59).div_euclid(60))
}

/// The minutes `earlier` and `later` (in that order) are short by, with
/// what was needed, or `None` when both can be kept.
pub(crate) fn shortfall(
    minutes: &mut Minutes,
    earlier: &Slot,
    later: &Slot,
    changeover: u32,
) -> Option<(i64, Need)> {
    let gap = later.start - earlier.end;
    let need = need(minutes, earlier, later, changeover);
    // An overlap (a negative gap) is short whatever is needed.
    short_by(gap, need.seconds()).map(|s| (s, need))
}

/// The travel between two slots, in words (the same venue said so).
pub(crate) fn reckoning(travel: &Travel, earlier: &Slot, later: &Slot) -> Reckoning {
    if earlier.same_venue(later) {
        let postcode = earlier.spot.full_postcode().unwrap_or_default();
        let venue = earlier
            .engagement
            .venue
            .as_deref()
            .or(later.engagement.venue.as_deref())
            .map(|v| format!("{}, ", shown(v.trim())))
            .unwrap_or_default();
        Reckoning {
            minutes: 0,
            method: Method::SamePlace,
            km: Some(0.0),
            explanation: format!(
                "Both at the same venue ({venue}{postcode}): no travel and no change-over"
            ),
        }
    } else {
        travel.reckon_spots(&earlier.spot, &later.spot)
    }
}

fn clash_of(minutes: &mut Minutes, x: &Slot, y: &Slot, changeover: u32) -> Option<Clash> {
    let (earlier, later) = match order(x.engagement, y.engagement) {
        Ordering::Greater => (y, x),
        _ => (x, y),
    };
    let (short, need) = shortfall(minutes, earlier, later, changeover)?;
    Some(Clash {
        a: earlier.engagement.id,
        b: later.engagement.id,
        travel_minutes: need.travel,
        changeover_minutes: need.changeover,
        short_by_minutes: short,
        travel: Arc::new(reckoning(minutes.travel, earlier, later)),
    })
}

/// Whether two engagements clash (given either way round); `a` of the
/// answer is the earlier.
pub fn clash_between(
    a: &Engagement,
    b: &Engagement,
    travel: &Travel,
    changeover: u32,
) -> Option<Clash> {
    let (pair, places) = slots([a, b], travel);
    clash_of(
        &mut Minutes::new(travel, places),
        &pair[0],
        &pair[1],
        changeover,
    )
}

/// Every pair of `engagements` that cannot both be kept, earlier first,
/// in time order.
///
/// Sorted by start, each engagement is compared only with those starting
/// before its end plus an upper bound on any gap needed (the longest
/// travel among these places, or any override, plus the change-over):
/// nothing starting later can clash with it. Each distinct place is worked
/// out once, and the words for a pair of places are made once, only when
/// they clash.
pub fn clashes(engagements: &[Engagement], travel: &Travel, changeover: u32) -> Vec<Clash> {
    let (mut slots, places) = slots(engagements, travel);
    slots.sort_by(|x, y| order(x.engagement, y.engagement));
    let bound =
        (i64::from(travel.bound(slots.iter().map(|s| &s.spot))) + i64::from(changeover)) * 60;
    let mut minutes = Minutes::new(travel, places);
    let mut words = Words::new(places);
    let mut found = Vec::new();
    for (i, earlier) in slots.iter().enumerate() {
        for later in &slots[i + 1..] {
            if later.start - earlier.end >= bound {
                break;
            }
            let Some((short, need)) = shortfall(&mut minutes, earlier, later, changeover) else {
                continue;
            };
            let same = earlier.same_venue(later);
            let travel_words =
                words.get(earlier, later, same, || reckoning(travel, earlier, later));
            found.push(Clash {
                a: earlier.engagement.id,
                b: later.engagement.id,
                travel_minutes: need.travel,
                changeover_minutes: need.changeover,
                short_by_minutes: short,
                travel: travel_words,
            });
        }
    }
    found
}

/// For accepting `candidate`: every engagement of `schedule` it cannot be
/// kept with (one with the candidate's own id is skipped, so a schedule
/// may hold it).
///
/// Every engagement is checked, not only the one before and the one after
/// the candidate: travel figures keep the triangle inequality within one
/// method, but an override set by hand need not, so a neighbour that fits
/// does not prove that the rest do.
pub fn clashes_with(
    schedule: &[Engagement],
    candidate: &Engagement,
    travel: &Travel,
    changeover: u32,
) -> Vec<Clash> {
    let (all, places) = slots(schedule.iter().chain([candidate]), travel);
    let mut minutes = Minutes::new(travel, places);
    let (new, rest) = all.split_last().expect("the candidate is there");
    let mut found: Vec<(&Slot, Clash)> = rest
        .iter()
        .filter(|s| s.engagement.id != candidate.id)
        .filter_map(|s| clash_of(&mut minutes, s, new, changeover).map(|c| (s, c)))
        .collect();
    found.sort_by(|(x, _), (y, _)| order(x.engagement, y.engagement));
    found.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
#[path = "clash_tests.rs"]
mod tests;
