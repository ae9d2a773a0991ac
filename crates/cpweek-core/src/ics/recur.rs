//! RRULE expansion, with the `rrule` crate.
//!
//! Recurrence is reckoned in wall-clock time: a weekly 10am meeting stays at
//! 10am across a change of the clocks. So the rule is expanded over local
//! times (given to `rrule` as if they were UTC, which has no gaps or
//! repeats), and each occurrence is then resolved in the event's own zone,
//! which may be a VTIMEZONE the tz database does not know. UNTIL, an
//! instant, is turned into the same wall-clock frame first.

use chrono::{NaiveDateTime, TimeZone};

/// At most this many occurrences are made from one rule.
pub const MOST: u16 = 2000;

/// The local start times of a rule's occurrences that begin before
/// `before`, DTSTART first. `until_local` turns the rule's UNTIL value into
/// local time. The error says why the rule cannot be expanded.
pub fn expand(
    rule: &str,
    start: NaiveDateTime,
    before: NaiveDateTime,
    until_local: impl Fn(&str) -> Option<NaiveDateTime>,
) -> Result<Vec<NaiveDateTime>, String> {
    // A rule is ASCII (RFC 5545 3.3.10); the `rrule` crate slices its parts
    // as if they were, so anything else is refused before it gets there.
    if let Some(c) = rule.chars().find(|c| !c.is_ascii()) {
        return Err(format!(
            "the rule has the character \"{c}\"; a rule is written in ASCII, like FREQ=WEEKLY;BYDAY=MO"
        ));
    }
    let mut parts = Vec::new();
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("\"{part}\" is not NAME=VALUE"))?;
        if key.eq_ignore_ascii_case("UNTIL") {
            let local = until_local(value)
                .ok_or_else(|| format!("UNTIL \"{value}\" is not a date or date-time"))?;
            parts.push(format!("UNTIL={}", local.format("%Y%m%dT%H%M%SZ")));
        } else {
            parts.push(part.to_string());
        }
    }
    let parsed: rrule::RRule<rrule::Unvalidated> = parts
        .join(";")
        .parse()
        .map_err(|e: rrule::RRuleError| e.to_string())?;
    let frame = rrule::Tz::UTC;
    let set = parsed
        .build(frame.from_utc_datetime(&start))
        .map_err(|e| e.to_string())?
        .before(frame.from_utc_datetime(&before));
    let result = set.all(MOST);
    if result.limited && result.dates.len() >= MOST as usize {
        return Err(format!(
            "the rule makes more than {MOST} occurrences before the end of the programme"
        ));
    }
    Ok(result
        .dates
        .into_iter()
        .map(|d| d.naive_utc())
        .filter(|d| *d < before)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn no_until(_: &str) -> Option<NaiveDateTime> {
        None
    }

    #[test]
    fn daily_with_count() {
        let got = expand(
            "FREQ=DAILY;COUNT=3",
            naive("2014-10-27T10:00"),
            naive("2015-01-01T00:00"),
            no_until,
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                naive("2014-10-27T10:00"),
                naive("2014-10-28T10:00"),
                naive("2014-10-29T10:00")
            ]
        );
    }

    #[test]
    fn weekly_by_day_keeps_wall_clock_time_across_the_change_of_clocks() {
        // Every Friday and Monday at 10am from 17 October 2014: 10am before
        // and after the clocks went back on 26 October.
        let got = expand(
            "FREQ=WEEKLY;BYDAY=MO,FR;INTERVAL=1",
            naive("2014-10-17T10:00"),
            naive("2014-11-01T00:00"),
            no_until,
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                naive("2014-10-17T10:00"),
                naive("2014-10-20T10:00"),
                naive("2014-10-24T10:00"),
                naive("2014-10-27T10:00"),
                naive("2014-10-31T10:00"),
            ]
        );
    }

    #[test]
    fn until_and_interval() {
        let until = |v: &str| NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%SZ").ok();
        let got = expand(
            "FREQ=DAILY;INTERVAL=2;UNTIL=20141031T100000Z",
            naive("2014-10-27T10:00"),
            naive("2015-01-01T00:00"),
            until,
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                naive("2014-10-27T10:00"),
                naive("2014-10-29T10:00"),
                naive("2014-10-31T10:00")
            ]
        );
    }

    #[test]
    fn rules_that_cannot_be_expanded_say_why() {
        let err = expand(
            "FREQ=FORTNIGHTLY",
            naive("2014-10-27T10:00"),
            naive("2015-01-01T00:00"),
            no_until,
        )
        .unwrap_err();
        assert!(!err.is_empty());
        let err = expand(
            "FREQ=MINUTELY",
            naive("2000-01-01T10:00"),
            naive("2015-01-01T00:00"),
            no_until,
        )
        .unwrap_err();
        assert!(err.contains("more than"), "{err}");
        // The rrule crate slices BYDAY values through characters of several
        // bytes (a panic): such a rule never reaches it.
        for rule in ["FREQ=WEEKLY;BYDAY=éé1", "FREQ=WEEKLY;BYDAY=1éé"] {
            let err = expand(
                rule,
                naive("2014-10-27T10:00"),
                naive("2015-01-01T00:00"),
                no_until,
            )
            .unwrap_err();
            assert!(err.contains("ASCII"), "{err}");
        }
    }
}
