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
    pub travel: Reckoning,
}

/// The earlier of two engagements comes first: by start, then end, then id.
pub(crate) fn order(a: &Engagement, b: &Engagement) -> Ordering {
    (a.start, a.end, a.id).cmp(&(b.start, b.end, b.id))
}

/// An engagement with its place worked out once.
pub(crate) struct Slot<'a> {
    pub engagement: &'a Engagement,
    pub spot: Spot,
    /// The venue's name, lower-cased without spaces.
    venue: Option<String>,
}

impl<'a> Slot<'a> {
    pub fn new(engagement: &'a Engagement, travel: &Travel) -> Slot<'a> {
        let venue = engagement
            .venue
            .as_deref()
            .map(|v| {
                v.chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            })
            .filter(|v| !v.is_empty());
        Slot {
            engagement,
            spot: travel.locate(&engagement.place),
            venue,
        }
    }

    fn same_venue(&self, other: &Slot) -> bool {
        let same_postcode = matches!(
            (self.spot.full_postcode(), other.spot.full_postcode()),
            (Some(x), Some(y)) if x == y
        );
        let same_name = match (&self.venue, &other.venue) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        };
        same_postcode && same_name
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

pub(crate) fn need(travel: &Travel, earlier: &Slot, later: &Slot, changeover: u32) -> Need {
    if earlier.same_venue(later) {
        Need {
            travel: 0,
            changeover: 0,
        }
    } else {
        Need {
            travel: travel.minutes(&earlier.spot, &later.spot),
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
    travel: &Travel,
    earlier: &Slot,
    later: &Slot,
    changeover: u32,
) -> Option<(i64, Need)> {
    let gap = (later.engagement.start - earlier.engagement.end).num_seconds();
    let need = need(travel, earlier, later, changeover);
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

fn clash_of(travel: &Travel, x: &Slot, y: &Slot, changeover: u32) -> Option<Clash> {
    let (earlier, later) = match order(x.engagement, y.engagement) {
        Ordering::Greater => (y, x),
        _ => (x, y),
    };
    let (short, need) = shortfall(travel, earlier, later, changeover)?;
    Some(Clash {
        a: earlier.engagement.id,
        b: later.engagement.id,
        travel_minutes: need.travel,
        changeover_minutes: need.changeover,
        short_by_minutes: short,
        travel: reckoning(travel, earlier, later),
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
    clash_of(
        travel,
        &Slot::new(a, travel),
        &Slot::new(b, travel),
        changeover,
    )
}

/// Every pair of `engagements` that cannot both be kept, earlier first,
/// in time order.
///
/// Sorted by start, each engagement is compared only with those starting
/// before its end plus an upper bound on any gap needed (the longest
/// travel among these places, or any override, plus the change-over):
/// nothing starting later can clash with it. Each place is worked out
/// once, and words are made only for the pairs that clash.
pub fn clashes(engagements: &[Engagement], travel: &Travel, changeover: u32) -> Vec<Clash> {
    let mut slots: Vec<Slot> = engagements.iter().map(|e| Slot::new(e, travel)).collect();
    slots.sort_by(|x, y| order(x.engagement, y.engagement));
    let bound =
        (i64::from(travel.bound(slots.iter().map(|s| &s.spot))) + i64::from(changeover)) * 60;
    let mut found = Vec::new();
    for (i, earlier) in slots.iter().enumerate() {
        for later in &slots[i + 1..] {
            let gap = (later.engagement.start - earlier.engagement.end).num_seconds();
            if gap >= bound {
                break;
            }
            if let Some(c) = clash_of(travel, earlier, later, changeover) {
                found.push(c);
            }
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
    let new = Slot::new(candidate, travel);
    let mut found: Vec<Clash> = schedule
        .iter()
        .filter(|e| e.id != candidate.id)
        .filter_map(|e| clash_of(travel, &Slot::new(e, travel), &new, changeover))
        .collect();
    found.sort_by_key(|c| {
        let other = if c.a == candidate.id { c.b } else { c.a };
        schedule
            .iter()
            .find(|e| e.id == other)
            .map(|e| (e.start, e.end, e.id))
    });
    found
}

#[cfg(test)]
#[path = "clash_tests.rs"]
mod tests;
