//! The week's ministerial report for the LGA's board: how many engagements
//! the week had (the figure the 2012 week was faulted on), requests by
//! status, day and region, and the councils whose requests were declined.
//! Pure: the store gives the requests and the programme. Its headline
//! figures ([`RequestFigures`]) are also the Dashboard's.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::person::PersonKind;
use super::record::Request;
use super::request::{AskedBy, RequestStatus};
use crate::programme::Programme;
use crate::time;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MinisterialReport {
    pub programme: String,
    pub programme_name: String,
    /// The week for people: "Monday 27 October 2014 to Sunday 2 November 2014".
    pub week: String,
    /// The conference the week is tied to ("NCAS 2014"), if any.
    pub conference: Option<String>,
    /// Accepted and held engagements of ministers.
    pub ministerial_engagements: u32,
    /// Accepted and held engagements of everyone.
    pub engagements: u32,
    /// Every request, whatever its status (drafts included).
    pub requests: u32,
    pub by_status: Vec<ReportStatus>,
    /// The programme's days (and any other day with a request).
    pub by_day: Vec<ReportDay>,
    /// The nine regions, then "LGA-led" for slots without a region.
    pub by_region: Vec<ReportTally>,
    pub by_person: Vec<ReportTally>,
    /// Councils with a declined request, by name.
    pub declined: Vec<ReportDeclined>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportStatus {
    pub status: RequestStatus,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReportDay {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub label: String,
    /// Which day of the conference it is (1 for the first), if any.
    pub conference_day: Option<u32>,
    /// Whether it is a day of the programme's week (a request may fall
    /// outside it).
    pub in_week: bool,
    pub requests: u32,
    pub engagements: u32,
}

/// The figures the report leads with, and the Dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RequestFigures {
    /// Accepted and held engagements of ministers (people of kind
    /// minister): the week's headline figure.
    pub ministerial_engagements: u32,
    /// Accepted and held engagements of everyone.
    pub engagements: u32,
    /// Every request, whatever its status (drafts included).
    pub requests: u32,
    /// Every status, in the order of a request's life, with its count.
    pub by_status: Vec<ReportStatus>,
    /// The figures in a sentence, for people, without its full stop: "2
    /// ministerial engagements (accepted or held) from 5 requests", or that
    /// no one has been asked yet ([`headline`]).
    pub headline: String,
}

/// The sentence the Dashboard and `cpweek programme summary` lead the
/// attendance figures with, without its full stop.
pub fn headline(ministerial_engagements: u32, requests: u32) -> String {
    if requests == 0 {
        return "No one has been asked to attend yet".to_string();
    }
    let counted =
        |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} (accepted or held) from {}",
        counted(
            ministerial_engagements,
            "ministerial engagement",
            "ministerial engagements"
        ),
        counted(requests, "request", "requests")
    )
}

/// Requests and engagements for a region or a person.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReportTally {
    pub name: String,
    pub requests: u32,
    pub engagements: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReportDeclined {
    pub council: String,
    pub council_name: String,
    pub region: Option<String>,
    /// "Edward Timpson MP to speak at Kent care leavers' awards (request 3)".
    pub requests: Vec<String>,
}

/// How the report names a request's event: a board paper may be
/// published, so a private event (children in care present) is never
/// named in it.
fn shown_title(r: &Request) -> &str {
    if r.private {
        "a private event"
    } else {
        &r.title
    }
}

fn count<'a>(it: impl Iterator<Item = &'a Request>) -> u32 {
    u32::try_from(it.count()).unwrap_or(u32::MAX)
}

/// Whether `r` is an engagement of a minister: accepted or held, for a
/// person of kind minister.
pub fn is_ministerial_engagement(r: &Request) -> bool {
    r.status.is_engagement() && r.person_kind == PersonKind::Minister
}

/// The headline figures over `requests` (one programme's).
pub fn figures<'a, I>(requests: I) -> RequestFigures
where
    I: IntoIterator<Item = &'a Request>,
    I::IntoIter: Clone,
{
    let requests = requests.into_iter();
    let ministerial_engagements = count(requests.clone().filter(|r| is_ministerial_engagement(r)));
    let total = count(requests.clone());
    RequestFigures {
        ministerial_engagements,
        engagements: count(requests.clone().filter(|r| r.status.is_engagement())),
        requests: total,
        headline: headline(ministerial_engagements, total),
        by_status: RequestStatus::ALL
            .into_iter()
            .map(|status| ReportStatus {
                status,
                label: status.label().to_string(),
                count: count(requests.clone().filter(|r| r.status == status)),
            })
            .collect(),
    }
}

/// The report over `requests` (one programme's), with `regions` named in
/// their usual order.
pub fn report(
    programme: &Programme,
    requests: &[Request],
    regions: &[String],
) -> MinisterialReport {
    let engaged = |r: &&Request| r.status.is_engagement();
    let figures = figures(requests);
    let mut dates = programme.days();
    dates.extend(requests.iter().map(|r| r.date));
    dates.sort_unstable();
    dates.dedup();
    let by_day = dates
        .into_iter()
        .map(|date| {
            let on = || requests.iter().filter(move |r| r.date == date);
            ReportDay {
                date,
                label: time::format_date(date),
                conference_day: programme.conference_day(date),
                in_week: programme.contains(date),
                requests: count(on()),
                engagements: count(on().filter(engaged)),
            }
        })
        .collect();
    let tally = |key: &dyn Fn(&Request) -> String, order: &[String]| -> Vec<ReportTally> {
        let mut map: BTreeMap<String, (u32, u32)> =
            order.iter().map(|n| (n.clone(), (0, 0))).collect();
        for r in requests {
            let entry = map.entry(key(r)).or_default();
            entry.0 += 1;
            entry.1 += u32::from(r.status.is_engagement());
        }
        let mut names: Vec<String> = order.to_vec();
        names.extend(map.keys().filter(|k| !order.contains(k)).cloned());
        names
            .into_iter()
            .map(|name| {
                let (requests, engagements) = map[&name];
                ReportTally {
                    name,
                    requests,
                    engagements,
                }
            })
            .collect()
    };
    let by_region = tally(
        &|r| {
            r.region
                .clone()
                .unwrap_or_else(|| "LGA-led, no region".into())
        },
        regions,
    );
    let by_person = tally(&|r| r.person_name.clone(), &[]);
    let mut declined: BTreeMap<String, ReportDeclined> = BTreeMap::new();
    for r in requests
        .iter()
        .filter(|r| r.status == RequestStatus::Declined)
    {
        if let AskedBy::Council { code, name } = &r.asked_by {
            declined
                .entry(name.clone())
                .or_insert_with(|| ReportDeclined {
                    council: code.clone(),
                    council_name: name.clone(),
                    region: r.region.clone(),
                    requests: Vec::new(),
                })
                .requests
                .push(format!(
                    "{} to {} at {} (request {})",
                    r.person_name,
                    r.role.label(),
                    shown_title(r),
                    r.id
                ));
        }
    }
    MinisterialReport {
        programme: programme.id.clone(),
        programme_name: programme.name.clone(),
        week: programme.week().label,
        conference: programme.conference.as_ref().map(|c| c.short_name.clone()),
        ministerial_engagements: figures.ministerial_engagements,
        engagements: figures.engagements,
        requests: figures.requests,
        by_status: figures.by_status,
        by_day,
        by_region,
        by_person,
        declined: declined.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::headline;

    #[test]
    fn the_headline_counts_engagements_and_requests_in_words() {
        assert_eq!(
            headline(2, 5),
            "2 ministerial engagements (accepted or held) from 5 requests"
        );
        assert_eq!(
            headline(1, 1),
            "1 ministerial engagement (accepted or held) from 1 request"
        );
        assert_eq!(
            headline(0, 3),
            "0 ministerial engagements (accepted or held) from 3 requests"
        );
        assert_eq!(headline(0, 0), "No one has been asked to attend yet");
    }
}
