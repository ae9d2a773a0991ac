//! Programmes (one Corporate Parenting Week each) and the conference a week
//! is tied to, and how an event's dates relate to them.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use crate::time;

/// A conference a programme is linked to (NCAS 2014). Its days and venue are
/// data that LGA staff edit, not constants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Conference {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub venue: Option<String>,
    /// False while the days are provisional.
    pub confirmed: bool,
}

impl Conference {
    /// Which day of the conference `date` is (1 for the first), if any.
    pub fn day_of(&self, date: NaiveDate) -> Option<u32> {
        match (self.starts_on, self.ends_on) {
            (Some(first), Some(last)) if first <= date && date <= last => {
                Some((date - first).num_days() as u32 + 1)
            }
            _ => None,
        }
    }
}

/// One Corporate Parenting Week.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Programme {
    /// Short id people type: "2014".
    pub id: String,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// IANA name, e.g. "Europe/London" (chrono-tz's serde form).
    #[ts(type = "string")]
    pub time_zone: Tz,
    /// The programme new events go into when none is named.
    pub is_current: bool,
    pub conference: Option<Conference>,
}

/// Where an event falls against its programme's week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Placement {
    /// The event starts and ends within the programme's dates.
    pub in_week: bool,
    /// The conference day it starts on (1 for the first), if any.
    pub conference_day: Option<u32>,
}

/// A programme's week as people see it, labelled by the core so that no
/// screen writes a date or decides a conference day itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Week {
    /// `Monday 27 October 2014 to Sunday 2 November 2014`.
    pub label: String,
    /// Each day of the week, first to last.
    pub days: Vec<WeekDay>,
    /// The 24 hours of a day, from midnight (`midnight`, `1am`, ...
    /// `midday`, ... `11pm`): a timetable's side labels, by hour.
    pub hours: Vec<String>,
}

/// One day of a programme's week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WeekDay {
    pub date: NaiveDate,
    /// `Tuesday 28 October 2014`.
    pub label: String,
    /// `Tuesday 28 October`, where the year is shown already.
    pub short_label: String,
    /// Which day of the conference it is (1 for the first), if any; the
    /// same rule that gives an event its conference day.
    pub conference_day: Option<u32>,
}

impl Programme {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.starts_on <= date && date <= self.ends_on
    }

    /// Which day of the programme's conference `date` is (1 for the first),
    /// if any.
    pub fn conference_day(&self, date: NaiveDate) -> Option<u32> {
        self.conference.as_ref().and_then(|c| c.day_of(date))
    }

    /// The week, its days and the hours of a day, labelled for people.
    pub fn week(&self) -> Week {
        Week {
            label: format!(
                "{} to {}",
                time::format_date(self.starts_on),
                time::format_date(self.ends_on)
            ),
            days: self
                .days()
                .into_iter()
                .map(|date| WeekDay {
                    date,
                    label: time::format_date(date),
                    short_label: time::format_day(date),
                    conference_day: self.conference_day(date),
                })
                .collect(),
            hours: time::hour_labels(),
        }
    }

    /// Places an event (start inclusive, end exclusive) against the week.
    pub fn place(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Placement {
        let first = start.with_timezone(&self.time_zone).date_naive();
        // The end instant is exclusive: an event ending at midnight ends on
        // the day before.
        let last = (end - chrono::Duration::seconds(1))
            .with_timezone(&self.time_zone)
            .date_naive()
            .max(first);
        Placement {
            in_week: self.contains(first) && self.contains(last),
            conference_day: self.conference_day(first),
        }
    }

    /// The dates of the week, first to last.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.starts_on
            .iter_days()
            .take_while(|d| *d <= self.ends_on)
            .collect()
    }
}

/// A theme or an audience: a fixed list, seeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export)]
pub struct Term {
    pub slug: String,
    pub name: String,
}

/// The programme `id` names (case ignored), or the current one when `id`
/// is empty.
pub fn find<'a>(programmes: &'a [Programme], id: &str) -> Result<&'a Programme, String> {
    let id = id.trim();
    if id.is_empty() {
        return programmes
            .iter()
            .find(|p| p.is_current)
            .ok_or_else(|| "programme: no programme is marked current; name one".to_string());
    }
    programmes
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(id))
        .ok_or_else(|| {
            format!(
                "programme \"{id}\" is not known; choose from {}",
                programmes
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

/// Finds the term `query` names, by slug or name, ignoring case.
pub fn find_term<'a>(terms: &'a [Term], query: &str) -> Option<&'a Term> {
    let q = query.trim();
    terms
        .iter()
        .find(|t| t.slug.eq_ignore_ascii_case(q) || t.name.eq_ignore_ascii_case(q))
}

/// Finds the term `query` names, or says which there are: `kind` is what a
/// term is called in the message ("theme", "audience").
pub fn resolve_term<'a>(terms: &'a [Term], kind: &str, query: &str) -> Result<&'a Term, String> {
    find_term(terms, query).ok_or_else(|| {
        format!(
            "{kind} \"{}\" is not known; choose from {}",
            query.trim(),
            terms
                .iter()
                .map(|t| t.slug.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{resolve_local, LONDON};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn week_2014() -> Programme {
        Programme {
            id: "2014".into(),
            name: "Corporate Parenting Week 2014".into(),
            starts_on: date("2014-10-27"),
            ends_on: date("2014-11-02"),
            time_zone: LONDON,
            is_current: true,
            conference: Some(Conference {
                id: "ncas-2014".into(),
                name: "NCAS".into(),
                short_name: "NCAS".into(),
                starts_on: Some(date("2014-10-29")),
                ends_on: Some(date("2014-10-31")),
                venue: None,
                confirmed: false,
            }),
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        resolve_local(
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap(),
            LONDON,
        )
    }

    #[test]
    fn places_events_against_the_week_and_the_conference() {
        let p = week_2014();
        let inside = p.place(at("2014-10-28T10:00"), at("2014-10-28T12:00"));
        assert_eq!(
            inside,
            Placement {
                in_week: true,
                conference_day: None
            }
        );
        let on_day_two = p.place(at("2014-10-30T10:00"), at("2014-10-30T12:00"));
        assert_eq!(on_day_two.conference_day, Some(2));
        let before = p.place(at("2014-10-26T10:00"), at("2014-10-26T12:00"));
        assert!(!before.in_week);
        let spills_over = p.place(at("2014-11-02T20:00"), at("2014-11-03T01:00"));
        assert!(!spills_over.in_week);
        // An all-day event on the last day ends at the following midnight.
        let last_day = p.place(at("2014-11-02T00:00"), at("2014-11-03T00:00"));
        assert!(last_day.in_week);
    }

    #[test]
    fn labels_the_week_its_days_and_conference_days_as_events_are_placed() {
        let p = week_2014();
        let week = p.week();
        assert_eq!(
            week.label,
            "Monday 27 October 2014 to Sunday 2 November 2014"
        );
        let labels: Vec<&str> = week.days.iter().map(|d| d.short_label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Monday 27 October",
                "Tuesday 28 October",
                "Wednesday 29 October",
                "Thursday 30 October",
                "Friday 31 October",
                "Saturday 1 November",
                "Sunday 2 November"
            ]
        );
        assert_eq!(week.days[1].label, "Tuesday 28 October 2014");
        let numbers: Vec<Option<u32>> = week.days.iter().map(|d| d.conference_day).collect();
        assert_eq!(numbers, [None, None, Some(1), Some(2), Some(3), None, None]);
        // A day's conference number is the one an event starting that day
        // is given.
        for day in &week.days {
            let start = at(&format!("{}T10:00", day.date));
            let end = at(&format!("{}T11:00", day.date));
            assert_eq!(p.place(start, end).conference_day, day.conference_day);
        }
        assert_eq!(week.hours[10], "10am");
        // No conference, or provisional days not set: no day is marked.
        let mut none = p.clone();
        none.conference = None;
        assert!(none.week().days.iter().all(|d| d.conference_day.is_none()));
    }

    #[test]
    fn an_event_starting_before_the_week_and_ending_in_it_is_outside_the_week() {
        let p = week_2014();
        let from_sunday_before = p.place(at("2014-10-26T20:00"), at("2014-10-27T10:00"));
        assert!(!from_sunday_before.in_week);
        let into_monday_after = p.place(at("2014-11-02T10:00"), at("2014-11-03T10:00"));
        assert!(!into_monday_after.in_week);
    }

    #[test]
    fn week_has_seven_days() {
        let days = week_2014().days();
        assert_eq!(days.len(), 7);
        assert_eq!(days[0], date("2014-10-27"));
        assert_eq!(days[6], date("2014-11-02"));
    }
}
