//! A programme at a glance: events by day and by region, the councils taking
//! part in each region and those not registered yet, and the events someone
//! should look at. The Dashboard draws it; `cpweek programme summary` prints
//! it.
//!
//! What counts:
//! - An event *goes ahead* unless it is cancelled. Submitted, approved and
//!   returned events go ahead (a returned event is being corrected, not
//!   withdrawn); private events go ahead too: the summary is for LGA staff
//!   and councils, never published, so safeguarding does not hide them here.
//! - Events by day and by region count the events going ahead. An event
//!   counts on every day of the week it spans; days outside the week are
//!   not shown, but an event outside the week still counts for its region.
//! - A council *takes part* when it runs at least one event going ahead, as
//!   its lead council or as a partner in a joint event; one whose only
//!   events are cancelled has not registered yet. A joint event counts once
//!   in the totals, and by day and region under its lead council's region.
//! - An event *needs attention* when it is returned (waiting for the
//!   council), cancelled (check the programme and partners know), or not
//!   wholly within the week.
//! - Requests for ministers and VIPs to attend are counted as the
//!   ministerial report counts them ([`crate::attendance::report::figures`]):
//!   a *ministerial engagement* is a request for a minister that is
//!   accepted or held.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::attendance::report::{self, RequestFigures};
use crate::attendance::Request;
use crate::council::{Council, Region};
use crate::event::{Event, Status};
use crate::programme::Programme;

/// A programme at a glance (see the module's notes for what counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProgrammeSummary {
    /// The programme's id, e.g. "2014".
    pub programme: String,
    /// Events going ahead: every event of the programme not cancelled.
    pub events: u32,
    pub cancelled: u32,
    /// Councils with at least one event going ahead.
    pub councils_taking_part: u32,
    /// Every council that could take part.
    pub councils: u32,
    /// Each day of the week, first to last, with the events going ahead on it.
    pub by_day: Vec<DayCount>,
    /// Each region, in the order given, with its events and take-up.
    pub by_region: Vec<RegionSummary>,
    /// Returned, cancelled or outside the week, in start order.
    pub needing_attention: Vec<Attention>,
    /// Requests for ministers and VIPs to attend: the ministerial
    /// engagements and the requests by status.
    pub attendance: RequestFigures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayCount {
    pub day: NaiveDate,
    /// The day for people, its year shown elsewhere: `Tuesday 28 October`.
    pub label: String,
    pub events: u32,
}

/// One region's events and councils.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RegionSummary {
    pub code: String,
    pub name: String,
    /// Events going ahead in the region's councils.
    pub events: u32,
    pub councils_taking_part: u32,
    pub councils: u32,
    /// The region's councils not taking part, by name.
    pub not_registered: Vec<Council>,
}

/// An event that needs attention, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Attention {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub council_name: String,
    /// When it happens, for people.
    pub when: String,
    pub status: Status,
    /// At least one.
    pub reasons: Vec<AttentionReason>,
}

/// Why an event needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttentionReason {
    /// The LGA returned it; the council has yet to correct it.
    Returned,
    Cancelled,
    /// It does not start and end within the programme's week.
    OutsideTheWeek,
}

impl AttentionReason {
    /// For people: "Outside the week".
    pub fn label(self) -> &'static str {
        match self {
            AttentionReason::Returned => "Returned",
            AttentionReason::Cancelled => "Cancelled",
            AttentionReason::OutsideTheWeek => "Outside the week",
        }
    }
}

/// Whether `event` goes ahead (counts in the figures): it is not cancelled.
pub fn goes_ahead(event: &Event) -> bool {
    event.status != Status::Cancelled
}

/// The councils taking part, by code: each that runs one of `events` going
/// ahead, as lead or partner (see the module's notes). The summary's
/// take-up and `cpweek councils --missing` both follow it.
pub fn councils_taking_part<'e>(events: &[&'e Event]) -> HashSet<&'e str> {
    events
        .iter()
        .filter(|e| goes_ahead(e))
        .flat_map(|e| e.councils())
        .collect()
}

/// Why `event` needs attention; empty when it does not.
pub fn attention_reasons(event: &Event) -> Vec<AttentionReason> {
    let mut reasons = Vec::new();
    match event.status {
        Status::Returned => reasons.push(AttentionReason::Returned),
        Status::Cancelled => reasons.push(AttentionReason::Cancelled),
        Status::Submitted | Status::Approved => {}
    }
    if !event.in_week {
        reasons.push(AttentionReason::OutsideTheWeek);
    }
    reasons
}

/// Summarises `programme` from its `events` and attendance `requests`
/// (others are ignored), the `councils` that could take part and the
/// `regions` in the order to show.
pub fn summarise(
    programme: &Programme,
    events: &[Event],
    requests: &[Request],
    councils: &[Council],
    regions: &[Region],
) -> ProgrammeSummary {
    let events: Vec<&Event> = events
        .iter()
        .filter(|e| e.programme == programme.id)
        .collect();
    let ahead: Vec<&Event> = events.iter().copied().filter(|e| goes_ahead(e)).collect();
    let taking = councils_taking_part(&ahead);
    let taking_part = |c: &Council| taking.contains(c.code.as_str());
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);

    let by_day = programme
        .days()
        .into_iter()
        .map(|day| DayCount {
            day,
            label: crate::time::format_day(day),
            events: count(
                ahead
                    .iter()
                    .filter(|e| e.start_date <= day && day <= e.end_date)
                    .count(),
            ),
        })
        .collect();
    let by_region: Vec<RegionSummary> = regions
        .iter()
        .map(|r| {
            let in_region: Vec<&Council> = councils
                .iter()
                .filter(|c| c.region_code == r.code)
                .collect();
            let not_registered: Vec<Council> = in_region
                .iter()
                .filter(|c| !taking_part(c))
                .map(|c| (*c).clone())
                .collect();
            RegionSummary {
                code: r.code.clone(),
                name: r.name.clone(),
                events: count(ahead.iter().filter(|e| e.region == r.name).count()),
                councils_taking_part: count(in_region.len() - not_registered.len()),
                councils: count(in_region.len()),
                not_registered,
            }
        })
        .collect();
    let needing_attention = events
        .iter()
        .filter_map(|e| {
            let reasons = attention_reasons(e);
            (!reasons.is_empty()).then(|| Attention {
                id: e.id,
                title: e.details.title.clone(),
                council_name: e.council_name.clone(),
                when: e.when(),
                status: e.status,
                reasons,
            })
        })
        .collect();
    ProgrammeSummary {
        programme: programme.id.clone(),
        events: count(ahead.len()),
        cancelled: count(events.len() - ahead.len()),
        councils_taking_part: count(councils.iter().filter(|c| taking_part(c)).count()),
        councils: count(councils.len()),
        by_day,
        by_region,
        needing_attention,
        attendance: report::figures(requests.iter().filter(|r| r.programme == programme.id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Visibility;
    use crate::time::LONDON;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2014, 10, d).unwrap()
    }

    fn week() -> Programme {
        Programme {
            id: "2014".into(),
            name: "Corporate Parenting Week 2014".into(),
            starts_on: date(27),
            ends_on: NaiveDate::from_ymd_opt(2014, 11, 2).unwrap(),
            time_zone: LONDON,
            is_current: true,
            conference: None,
        }
    }

    fn region(code: &str, name: &str) -> Region {
        Region {
            code: code.into(),
            name: name.into(),
        }
    }

    fn council(code: &str, name: &str, r: &Region) -> Council {
        Council {
            code: code.into(),
            gss_code: format!("E0{code}"),
            name: name.into(),
            display_name: name.into(),
            region: r.name.clone(),
            region_code: r.code.clone(),
        }
    }

    fn at(id: i64, c: &Council, status: Status) -> Event {
        Event {
            council: c.code.clone(),
            council_name: c.display_name.clone(),
            region: c.region.clone(),
            status,
            ..Event::example(id, &format!("Event {id}"))
        }
    }

    struct World {
        regions: Vec<Region>,
        councils: Vec<Council>,
    }

    fn world() -> World {
        let se = region("E12000008", "South East");
        let yh = region("E12000003", "Yorkshire and The Humber");
        let councils = vec![
            council("886", "Kent", &se),
            council("936", "Surrey", &se),
            council("383", "Leeds", &yh),
            council("380", "Bradford", &yh),
        ];
        World {
            regions: vec![se, yh],
            councils,
        }
    }

    #[test]
    fn an_empty_programme_has_every_council_still_to_register() {
        let w = world();
        let s = summarise(&week(), &[], &[], &w.councils, &w.regions);
        assert_eq!((s.events, s.cancelled, s.councils_taking_part), (0, 0, 0));
        assert_eq!(s.councils, 4);
        assert_eq!(s.by_day.len(), 7);
        assert!(s.by_day.iter().all(|d| d.events == 0));
        assert_eq!(s.by_region[0].not_registered.len(), 2);
        assert!(s.needing_attention.is_empty());
    }

    #[test]
    fn counts_events_going_ahead_by_day_and_region() {
        let w = world();
        let (kent, leeds) = (&w.councils[0], &w.councils[2]);
        let mut three_days = at(2, kent, Status::Approved);
        three_days.end_date = date(30);
        let mut private = at(3, leeds, Status::Submitted);
        private.details.visibility = Visibility::Private;
        private.start_date = date(29);
        private.end_date = date(29);
        let mut after = at(4, leeds, Status::Submitted);
        after.start_date = NaiveDate::from_ymd_opt(2014, 11, 5).unwrap();
        after.end_date = after.start_date;
        after.in_week = false;
        let events = vec![
            at(1, kent, Status::Submitted),
            three_days,
            private,
            at(5, kent, Status::Cancelled),
            after,
        ];
        let s = summarise(&week(), &events, &[], &w.councils, &w.regions);
        assert_eq!((s.events, s.cancelled), (4, 1));
        let days: Vec<(NaiveDate, u32)> = s.by_day.iter().map(|d| (d.day, d.events)).collect();
        assert_eq!(
            &days[..5],
            [
                (date(27), 0),
                (date(28), 2),
                (date(29), 2),
                (date(30), 1),
                (date(31), 0)
            ]
        );
        assert_eq!(s.by_day[1].label, "Tuesday 28 October");
        let regions: Vec<(&str, u32)> = s
            .by_region
            .iter()
            .map(|r| (r.name.as_str(), r.events))
            .collect();
        // The cancelled event does not count; the one outside the week does.
        assert_eq!(
            regions,
            [("South East", 2), ("Yorkshire and The Humber", 2)]
        );
    }

    #[test]
    fn a_council_takes_part_with_any_event_going_ahead_private_or_returned() {
        let w = world();
        let [kent, surrey, leeds, bradford] = [0, 1, 2, 3].map(|i| &w.councils[i]);
        let mut private = at(1, kent, Status::Submitted);
        private.details.visibility = Visibility::Private;
        let events = vec![
            private,
            at(2, surrey, Status::Cancelled),
            at(3, leeds, Status::Returned),
            at(4, bradford, Status::Cancelled),
            at(5, bradford, Status::Cancelled),
        ];
        let s = summarise(&week(), &events, &[], &w.councils, &w.regions);
        assert_eq!((s.councils_taking_part, s.councils), (2, 4));
        let se = &s.by_region[0];
        assert_eq!((se.councils_taking_part, se.councils), (1, 2));
        let names = |r: &RegionSummary| -> Vec<String> {
            r.not_registered
                .iter()
                .map(|c| c.display_name.clone())
                .collect()
        };
        assert_eq!(names(se), ["Surrey"]);
        assert_eq!(names(&s.by_region[1]), ["Bradford"]);
    }

    #[test]
    fn lists_returned_cancelled_and_outside_the_week_with_every_reason() {
        let w = world();
        let kent = &w.councils[0];
        let mut late = at(4, kent, Status::Cancelled);
        late.in_week = false;
        let events = vec![
            at(1, kent, Status::Approved),
            at(2, kent, Status::Returned),
            at(3, kent, Status::Cancelled),
            late,
            at(5, kent, Status::Submitted),
        ];
        let s = summarise(&week(), &events, &[], &w.councils, &w.regions);
        let listed: Vec<(i64, Vec<AttentionReason>)> = s
            .needing_attention
            .iter()
            .map(|a| (a.id, a.reasons.clone()))
            .collect();
        use AttentionReason::*;
        assert_eq!(
            listed,
            [
                (2, vec![Returned]),
                (3, vec![Cancelled]),
                (4, vec![Cancelled, OutsideTheWeek]),
            ]
        );
        let first = &s.needing_attention[0];
        assert_eq!(first.when, "Tuesday 28 October 2014, 10am to midday");
        assert_eq!(first.council_name, "Kent");
    }

    #[test]
    fn a_joint_event_makes_every_partner_take_part_and_counts_once() {
        let w = world();
        let [kent, surrey, leeds, bradford] = [0, 1, 2, 3].map(|i| &w.councils[i]);
        let mut joint = at(1, kent, Status::Submitted);
        joint.partner_councils = vec![surrey.code.clone(), leeds.code.clone()];
        // Bradford's only event is a cancelled joint one led by Leeds: it
        // does not make Bradford take part.
        let mut called_off = at(2, leeds, Status::Cancelled);
        called_off.partner_councils = vec![bradford.code.clone()];
        let events = vec![joint, called_off];
        let s = summarise(&week(), &events, &[], &w.councils, &w.regions);
        assert_eq!((s.events, s.cancelled), (1, 1));
        assert_eq!((s.councils_taking_part, s.councils), (3, 4));
        let se = &s.by_region[0];
        assert_eq!((se.events, se.councils_taking_part), (1, 2));
        let yh = &s.by_region[1];
        // Counted under the lead's region only; Leeds takes part as a partner.
        assert_eq!((yh.events, yh.councils_taking_part), (0, 1));
        let missing: Vec<&str> = yh.not_registered.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(missing, [bradford.code.as_str()]);
        assert_eq!(s.by_day[1].events, 1);
    }

    #[test]
    fn ignores_events_of_other_programmes() {
        let w = world();
        let mut other = at(1, &w.councils[0], Status::Returned);
        other.programme = "2012".into();
        let s = summarise(&week(), &[other], &[], &w.councils, &w.regions);
        assert_eq!((s.events, s.councils_taking_part), (0, 0));
        assert!(s.needing_attention.is_empty());
    }
}
