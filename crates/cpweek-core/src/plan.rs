//! The itinerary planner: of the engagements one person is asked to, the
//! set with the greatest total priority that can all be kept, with the
//! reason each other one was left out.
//!
//! Days are planned separately (by the local date of each start). Within a
//! day a set can be kept when, in time order, each engagement can follow
//! the one before it ([`crate::clash`]'s rule: travel plus change-over, or
//! nothing at the same venue), and, with a home base, the first can be
//! reached from home after the day starts and home can be reached from the
//! last by the day's end (travel alone: the change-over is between
//! engagements).
//!
//! Whether one engagement can follow another depends on the pair of
//! places, not only on times, so the classic weighted interval scheduling
//! recurrence (the latest compatible predecessor) is not enough. With fixed
//! times the engagements form a directed acyclic graph (an edge from i to j
//! when j can follow i; home at the day's start is the source and home by
//! its end the sink), and the best set is a maximum-weight path, found
//! exactly in O(n^2) per day by working back from the last engagement.
//! Ties are broken the same way every time: the greater total, then fewer
//! engagements, then the path whose engagements come earlier (compared in
//! time order, then by id), so the same input always gives the same plan.

use crate::text::capitalised;
use std::cell::RefCell;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clash::{order, reckoning, short_by, shortfall, slots, Engagement, Minutes, Slot};
use crate::text::shown;
use crate::time::{format_time, resolve_local};
use crate::travel::{Place, Spot, Travel};

/// Where a person starts and ends each day, and the hours of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Home {
    pub place: Place,
    /// Local time (the plan's zone) the person may leave home.
    pub day_starts: NaiveTime,
    /// Local time the person must be home by; at or before `day_starts`
    /// means the next morning.
    pub day_ends: NaiveTime,
}

impl Home {
    /// 6:30am: leaving home at half past six reaches a 9am engagement two
    /// and a half hours away, which is as early as a working day is asked
    /// of a minister without an overnight stay.
    pub const DAY_STARTS: NaiveTime = match NaiveTime::from_hms_opt(6, 30, 0) {
        Some(t) => t,
        None => panic!("6:30 is a time"),
    };
    /// 11pm: home by eleven at night after an evening engagement (awards
    /// evenings run to 9 or 10pm); later means staying away.
    pub const DAY_ENDS: NaiveTime = match NaiveTime::from_hms_opt(23, 0, 0) {
        Some(t) => t,
        None => panic!("23:00 is a time"),
    };

    /// A home base with the stated hours.
    pub fn new(place: Place) -> Home {
        Home {
            place,
            day_starts: Home::DAY_STARTS,
            day_ends: Home::DAY_ENDS,
        }
    }
}

/// The proposed itinerary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Plan {
    /// The engagements kept, in time order.
    #[ts(type = "Array<number>")]
    pub chosen: Vec<i64>,
    pub total_priority: u32,
    /// Every other candidate, in time order, with why.
    pub left_out: Vec<LeftOut>,
}

/// A candidate the plan leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LeftOut {
    #[ts(type = "number")]
    pub id: i64,
    /// One or two sentences naming what it cannot be fitted around.
    pub reason: String,
    /// The chosen engagement it cannot be fitted around, if that is why
    /// (otherwise it is the home base and the day's hours).
    #[ts(type = "number | null")]
    pub clashes_with: Option<i64>,
    /// By how many minutes it does not fit (0 only for a candidate of
    /// priority 0, which adds nothing).
    #[ts(type = "number")]
    pub short_by_minutes: i64,
}

/// Plans `candidates` (any days) for one person: see the module's notes.
pub fn plan(
    candidates: &[Engagement],
    home: Option<&Home>,
    travel: &Travel,
    changeover: u32,
    tz: Tz,
) -> Plan {
    let (mut slots, places) = slots(candidates, travel);
    let minutes = RefCell::new(Minutes::new(travel, places));
    slots.sort_by(|x, y| order(x.engagement, y.engagement));
    let home = home.map(|h| (h, travel.locate(&h.place)));
    let mut result = Plan {
        chosen: Vec::new(),
        total_priority: 0,
        left_out: Vec::new(),
    };
    // Sorted by start, so each local date's engagements are one run.
    let date = |s: &Slot| s.engagement.start.with_timezone(&tz).date_naive();
    let mut from = 0;
    while from < slots.len() {
        let day = date(&slots[from]);
        let to = from + slots[from..].iter().take_while(|s| date(s) == day).count();
        let limits = home.as_ref().map(|(h, spot)| Limits::new(h, spot, day, tz));
        let today = Day {
            slots: &slots[from..to],
            limits,
            travel,
            minutes: &minutes,
            changeover,
            tz,
        };
        today.plan(&mut result);
        from = to;
    }
    result
}

/// The home base's part in one day.
struct Limits<'a> {
    home: &'a Home,
    spot: &'a Spot,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
}

impl<'a> Limits<'a> {
    fn new(home: &'a Home, spot: &'a Spot, day: NaiveDate, tz: Tz) -> Limits<'a> {
        let end_day = if home.day_ends <= home.day_starts {
            day.checked_add_days(Days::new(1)).unwrap_or(day)
        } else {
            day
        };
        Limits {
            home,
            spot,
            starts: resolve_local(day.and_time(home.day_starts), tz),
            ends: resolve_local(end_day.and_time(home.day_ends), tz),
        }
    }

    /// Minutes short of reaching `s` from home after the day starts, with
    /// the travel minutes.
    fn out_from_home(&self, travel: &Travel, s: &Slot) -> Option<(i64, u32)> {
        let minutes = travel.minutes(self.spot, &s.spot);
        let have = (s.engagement.start - self.starts).num_seconds();
        short_by(have, i64::from(minutes) * 60).map(|short| (short, minutes))
    }

    /// Minutes short of reaching home from `s` by the day's end.
    fn back_home(&self, travel: &Travel, s: &Slot) -> Option<(i64, u32)> {
        let minutes = travel.minutes(&s.spot, self.spot);
        let have = (self.ends - s.engagement.end).num_seconds();
        short_by(have, i64::from(minutes) * 60).map(|short| (short, minutes))
    }

    fn named(&self) -> String {
        match self.spot.full_postcode() {
            Some(p) => format!("the home base ({p})"),
            None => match self.home.place.postcode.as_deref() {
                Some(p) if !p.trim().is_empty() => format!("the home base ({})", shown(p.trim())),
                _ => "the home base".to_string(),
            },
        }
    }
}

/// One day's candidates, in time order.
struct Day<'a, 'b> {
    slots: &'b [Slot<'a>],
    limits: Option<Limits<'b>>,
    travel: &'b Travel,
    minutes: &'b RefCell<Minutes<'b>>,
    changeover: u32,
    tz: Tz,
}

/// The best way on from an engagement to the day's end: its total, how
/// many engagements, and the next one (none: home, or the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Way {
    total: u32,
    count: u32,
    next: Option<usize>,
}

impl Way {
    /// Whether `self` is better than `other`: the greater total, then fewer
    /// engagements, then ending sooner, then going on to an earlier one.
    fn beats(&self, other: &Way) -> bool {
        let rank = |w: &Way| {
            (
                std::cmp::Reverse(w.total),
                w.count,
                w.next.map_or(0, |k| k + 1),
            )
        };
        rank(self) < rank(other)
    }
}

/// Keeps `best` as the better of itself and `way`.
fn keep_better(best: &mut Option<Way>, way: Way) {
    if best.as_ref().is_none_or(|b| way.beats(b)) {
        *best = Some(way);
    }
}

impl Day<'_, '_> {
    fn follows(&self, i: usize, k: usize) -> bool {
        let mut minutes = self.minutes.borrow_mut();
        shortfall(
            &mut minutes,
            &self.slots[i],
            &self.slots[k],
            self.changeover,
        )
        .is_none()
    }

    fn plan(&self, result: &mut Plan) {
        let n = self.slots.len();
        let priority = |i: usize| u32::from(self.slots[i].engagement.priority);
        let can_end = |i: usize| {
            self.limits
                .as_ref()
                .is_none_or(|l| l.back_home(self.travel, &self.slots[i]).is_none())
        };
        let can_start = |i: usize| {
            self.limits
                .as_ref()
                .is_none_or(|l| l.out_from_home(self.travel, &self.slots[i]).is_none())
        };
        // best[i]: the best path from i to the day's end.
        let mut best: Vec<Option<Way>> = vec![None; n];
        for i in (0..n).rev() {
            let mut here = None;
            if can_end(i) {
                keep_better(
                    &mut here,
                    Way {
                        total: priority(i),
                        count: 1,
                        next: None,
                    },
                );
            }
            for (k, on) in best.iter().enumerate().skip(i + 1) {
                let Some(on) = *on else { continue };
                if self.follows(i, k) {
                    keep_better(
                        &mut here,
                        Way {
                            total: priority(i) + on.total,
                            count: 1 + on.count,
                            next: Some(k),
                        },
                    );
                }
            }
            best[i] = here;
        }
        // From the day's start: nothing at all, or the best first one.
        let mut start = Way {
            total: 0,
            count: 0,
            next: None,
        };
        for (i, way) in best.iter().enumerate() {
            if let Some(way) = way {
                if can_start(i) {
                    let first = Way {
                        next: Some(i),
                        ..*way
                    };
                    if first.beats(&start) {
                        start = first;
                    }
                }
            }
        }
        let mut kept = vec![false; n];
        let mut at = start.next;
        while let Some(i) = at {
            kept[i] = true;
            at = best[i].and_then(|w| w.next);
        }
        result.total_priority += start.total;
        let chosen: Vec<usize> = (0..n).filter(|&i| kept[i]).collect();
        for &i in &chosen {
            result.chosen.push(self.slots[i].engagement.id);
        }
        for i in (0..n).filter(|&i| !kept[i]) {
            result.left_out.push(self.left_out(i, &chosen));
        }
    }

    /// Why candidate `i` is not in the plan: what it cannot be fitted
    /// around, where it would go among the `chosen` (the largest shortfall
    /// when there is more than one).
    fn left_out(&self, i: usize, chosen: &[usize]) -> LeftOut {
        let c = &self.slots[i];
        let before = chosen.iter().copied().rfind(|&k| k < i);
        let after = chosen.iter().copied().find(|&k| k > i);
        let mut worst: Option<LeftOut> = None;
        let mut consider = |found: LeftOut| {
            if worst
                .as_ref()
                .is_none_or(|w| found.short_by_minutes > w.short_by_minutes)
            {
                worst = Some(found);
            }
        };
        if let Some(k) = before {
            if let Some(found) = self.around(k, i, k) {
                consider(found);
            }
        }
        if let Some(k) = after {
            if let Some(found) = self.around(i, k, k) {
                consider(found);
            }
        }
        if let Some(l) = &self.limits {
            if before.is_none() {
                if let Some((short, minutes)) = l.out_from_home(self.travel, c) {
                    let start = self.local(c.engagement.start);
                    let limit = format_time(l.home.day_starts);
                    let reason = if c.engagement.start < l.starts {
                        format!(
                            "Starts at {}, before the day starts at {limit}: short by {}",
                            format_time(start),
                            minutes_text(short)
                        )
                    } else {
                        format!(
                            "Cannot be reached from {} after the day starts at {limit}: \
                             {} of travel, starting at {}: short by {}",
                            l.named(),
                            minutes_text(i64::from(minutes)),
                            format_time(start),
                            minutes_text(short)
                        )
                    };
                    consider(LeftOut {
                        id: c.engagement.id,
                        reason: self.with_travel(reason, minutes, l.spot, &c.spot),
                        clashes_with: None,
                        short_by_minutes: short,
                    });
                }
            }
            if after.is_none() {
                if let Some((short, minutes)) = l.back_home(self.travel, c) {
                    let end = self.local(c.engagement.end);
                    let limit = format_time(l.home.day_ends);
                    let reason = if c.engagement.end > l.ends {
                        format!(
                            "Ends at {}, after the day ends at {limit}: short by {}",
                            format_time(end),
                            minutes_text(short)
                        )
                    } else {
                        format!(
                            "{} cannot be reached from it by the day's end at {limit}: \
                             {} of travel, ending at {}: short by {}",
                            capitalised(&l.named()),
                            minutes_text(i64::from(minutes)),
                            format_time(end),
                            minutes_text(short)
                        )
                    };
                    consider(LeftOut {
                        id: c.engagement.id,
                        reason: self.with_travel(reason, minutes, &c.spot, l.spot),
                        clashes_with: None,
                        short_by_minutes: short,
                    });
                }
            }
        }
        worst.unwrap_or_else(|| LeftOut {
            id: c.engagement.id,
            reason: format!(
                "It would fit, but its priority is {}, so it adds nothing",
                c.engagement.priority
            ),
            clashes_with: None,
            short_by_minutes: 0,
        })
    }

    /// Why `earlier` and `later` (one of them the chosen `kept`) cannot
    /// both be kept, as the left-out one's reason.
    fn around(&self, earlier: usize, later: usize, kept: usize) -> Option<LeftOut> {
        let (x, y) = (&self.slots[earlier], &self.slots[later]);
        let (short, need) = shortfall(&mut self.minutes.borrow_mut(), x, y, self.changeover)?;
        let other = &self.slots[if kept == earlier { later } else { earlier }];
        let k = &self.slots[kept];
        let span = format!(
            "{} to {}",
            format_time(self.local(k.engagement.start)),
            format_time(self.local(k.engagement.end))
        );
        let gap = (y.engagement.start - x.engagement.end).num_minutes();
        let needed = i64::from(need.travel) + i64::from(need.changeover);
        let parts = format!(
            "{} of travel and {} of change-over",
            minutes_text(i64::from(need.travel)),
            minutes_text(i64::from(need.changeover))
        );
        let head = format!(
            "Clashes with \"{}\" ({span}), which the plan keeps",
            shown(k.engagement.label.trim())
        );
        let reason = if gap < 0 {
            let counting = if needed > 0 {
                format!(", counting {parts}")
            } else {
                String::new()
            };
            format!(
                "{head}: they overlap{counting}; short by {}",
                minutes_text(short)
            )
        } else {
            format!(
                "{head}: {} needed between them ({parts}), {} available; short by {}",
                minutes_text(needed),
                minutes_text(gap),
                minutes_text(short)
            )
        };
        let reason = if need.travel > 0 {
            format!(
                "{reason}. Travel: {}",
                reckoning(self.travel, x, y).explanation
            )
        } else {
            reason
        };
        Some(LeftOut {
            id: other.engagement.id,
            reason,
            clashes_with: Some(k.engagement.id),
            short_by_minutes: short,
        })
    }

    fn with_travel(&self, reason: String, minutes: u32, from: &Spot, to: &Spot) -> String {
        if minutes > 0 {
            format!(
                "{reason}. Travel: {}",
                self.travel.reckon_spots(from, to).explanation
            )
        } else {
            reason
        }
    }

    fn local(&self, t: DateTime<Utc>) -> NaiveTime {
        t.with_timezone(&self.tz).time()
    }
}

/// `1 minute`, `45 minutes`.
fn minutes_text(m: i64) -> String {
    if m == 1 {
        "1 minute".into()
    } else {
        format!("{m} minutes")
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
