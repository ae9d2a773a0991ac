//! A person's week as a timeline: each day's engagements (accepted and
//! held, and forwarded ones as tentative) with the travel between them and
//! from and to the home base drawn as blocks of their own. Pure: the store
//! gives the requests, the person and the travel; nothing reads the clock.

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use super::person::Person;
use super::record::Request;
use crate::time;
use crate::travel::{Place, Travel};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PersonWeek {
    pub person: Person,
    /// The home base, for people: "Sanctuary Buildings, SW1P 3BT".
    pub home_label: Option<String>,
    pub days: Vec<DiaryDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DiaryDay {
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// `Tuesday 28 October 2014`.
    pub label: String,
    /// In time order; travel before the engagement it leads to.
    pub entries: Vec<DiaryEntry>,
}

/// One block of a day. Minutes count from local midnight (a block running
/// past midnight ends at 1440), for drawing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum DiaryEntry {
    Engagement {
        request: Box<Request>,
        /// Accepted or held; forwarded ones are tentative.
        confirmed: bool,
        start_minute: u32,
        end_minute: u32,
        /// `10am to midday`.
        time_label: String,
    },
    Travel {
        /// Where from and to, for people: "Home base (SW1P 3BT)", "Kent
        /// care leavers' awards".
        from_label: String,
        to_label: String,
        minutes: u32,
        explanation: String,
        start_minute: u32,
        end_minute: u32,
        /// There is not enough time for it (with the change-over).
        short: bool,
        /// `8:05am to 10am`, or `from midday, 95 minutes`.
        time_label: String,
    },
}

/// The person's week: `days` (the programme's, plus any other day with an
/// engagement), each with its engagements from `requests` (forwarded,
/// accepted or held ones are shown; the rest are ignored) and travel.
pub fn person_week(
    person: &Person,
    requests: &[Request],
    days: &[NaiveDate],
    travel: &Travel,
    tz: Tz,
) -> PersonWeek {
    let mut shown: Vec<&Request> = requests
        .iter()
        .filter(|r| r.person_id == person.id)
        .filter(|r| r.status.is_engagement() || r.status == super::RequestStatus::Forwarded)
        .collect();
    shown.sort_by_key(|r| (r.start, r.end, r.id));
    let mut dates: Vec<NaiveDate> = days.to_vec();
    dates.extend(shown.iter().map(|r| r.date));
    dates.sort_unstable();
    dates.dedup();
    let home = person.base_postcode.as_ref().map(|pc| Place {
        postcode: Some(pc.clone()),
        region: None,
    });
    // Travel starts from the home base only when it has a postcode.
    let home_label = person
        .base_postcode
        .as_ref()
        .and_then(|_| person.home_label.clone());
    let days = dates
        .into_iter()
        .map(|date| {
            let todays: Vec<&Request> = shown.iter().copied().filter(|r| r.date == date).collect();
            DiaryDay {
                date,
                label: time::format_date(date),
                entries: entries(person, &todays, home.as_ref(), travel, tz),
            }
        })
        .collect();
    PersonWeek {
        person: person.clone(),
        home_label,
        days,
    }
}

fn minute_of(t: DateTime<Utc>, day: NaiveDate, tz: Tz) -> u32 {
    let local = t.with_timezone(&tz);
    if local.date_naive() > day {
        return 24 * 60;
    }
    local.hour() * 60 + local.minute()
}

fn place(r: &Request) -> Place {
    Place {
        postcode: r.postcode.clone(),
        region: r.region_code.clone(),
    }
}

fn clock(minute: u32) -> String {
    let m = minute.min(24 * 60 - 1);
    chrono::NaiveTime::from_hms_opt(m / 60, m % 60, 0)
        .map(time::format_time)
        .unwrap_or_default()
}

fn entries(
    person: &Person,
    todays: &[&Request],
    home: Option<&Place>,
    travel: &Travel,
    tz: Tz,
) -> Vec<DiaryEntry> {
    let Some(first) = todays.first() else {
        return Vec::new();
    };
    let day = first.date;
    let mut out = Vec::new();
    let changeover = person.changeover_minutes;
    // Where the person is before each engagement, and when they are free.
    let mut previous: Option<(String, Place, u32)> =
        home.map(|h| ("Home base".to_string(), h.clone(), 0));
    for r in todays {
        let start = minute_of(r.start_utc(), day, tz);
        let end = minute_of(r.end_utc(), day, tz).max(start);
        if let Some((from_label, from, free_at)) = &previous {
            let reckoning = travel.reckon(from, &place(r));
            if reckoning.minutes > 0 {
                let arrive = start.saturating_sub(changeover);
                let leave = arrive.saturating_sub(reckoning.minutes);
                out.push(DiaryEntry::Travel {
                    from_label: from_label.clone(),
                    to_label: r.title.clone(),
                    minutes: reckoning.minutes,
                    explanation: reckoning.explanation,
                    start_minute: leave,
                    end_minute: arrive,
                    short: start < free_at + reckoning.minutes + changeover,
                    time_label: format!("{} to {}", clock(leave), clock(arrive)),
                });
            }
        }
        out.push(DiaryEntry::Engagement {
            request: Box::new((*r).clone()),
            confirmed: r.status.is_engagement(),
            start_minute: start,
            end_minute: end,
            time_label: format!("{} to {}", clock(start), clock(end)),
        });
        previous = Some((r.title.clone(), place(r), end));
    }
    if let (Some(h), Some((from_label, from, free_at))) = (home, previous) {
        let reckoning = travel.reckon(&from, h);
        if reckoning.minutes > 0 {
            let end = (free_at + reckoning.minutes).min(24 * 60);
            out.push(DiaryEntry::Travel {
                from_label,
                to_label: "Home base".into(),
                minutes: reckoning.minutes,
                explanation: reckoning.explanation,
                start_minute: free_at,
                end_minute: end,
                short: false,
                time_label: format!("{} to {}", clock(free_at), clock(end)),
            });
        }
    }
    out
}
