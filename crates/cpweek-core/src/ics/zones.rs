//! Time zones named by `TZID`: Olson names (`Europe/London`), Windows names
//! as Outlook writes them (`GMT Standard Time`), and a VTIMEZONE of any name
//! in the file, read from its STANDARD and DAYLIGHT rules.
//!
//! A known Olson or Windows name is resolved with the tz database, which
//! knows every past rule; a VTIMEZONE only for names it does not know (or
//! for bare abbreviations like `GMT`, which Outlook reads as UTC all year
//! while the file's VTIMEZONE may say otherwise).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::time;

/// A zone a local time can be resolved in.
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    Named(Tz),
    /// Rules from a VTIMEZONE.
    Rules(Vec<Observance>),
}

/// One STANDARD or DAYLIGHT part of a VTIMEZONE.
#[derive(Debug, Clone, PartialEq)]
pub struct Observance {
    /// Seconds east of UTC before and after the onset.
    pub offset_from: i32,
    pub offset_to: i32,
    /// First onset, local time (in `offset_from`).
    pub start: NaiveDateTime,
    pub yearly: Option<YearlyRule>,
    /// Further onsets listed by RDATE, local time.
    pub rdates: Vec<NaiveDateTime>,
}

/// `FREQ=YEARLY;BYMONTH=m;BYDAY=nWD`: the n-th (or, negative, n-th last)
/// weekday of a month, at the start's time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearlyRule {
    pub month: u32,
    pub nth: i8,
    pub weekday: Weekday,
    pub until: Option<NaiveDateTime>,
}

impl Zone {
    /// The instant a wall-clock time means here. As RFC 5545 3.3.5 says, a
    /// time that happens twice means the first; one that never happens is
    /// read with the offset before the gap (so it moves forward).
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Zone::Named(tz) => time::resolve_local(local, *tz),
            Zone::Rules(observances) => {
                let offset = rules_offset(observances, local);
                Utc.from_utc_datetime(&(local - Duration::seconds(offset as i64)))
            }
        }
    }

    /// The wall-clock time of an instant here (for RRULE's UNTIL).
    pub fn to_local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Named(tz) => t.with_timezone(tz).naive_local(),
            Zone::Rules(observances) => {
                // Try each offset the zone uses: the one whose local time
                // resolves back to `t`.
                let naive = t.naive_utc();
                observances
                    .iter()
                    .map(|o| naive + Duration::seconds(o.offset_to as i64))
                    .find(|local| self.to_utc(*local) == t)
                    .unwrap_or(naive)
            }
        }
    }
}

fn rules_offset(observances: &[Observance], local: NaiveDateTime) -> i32 {
    // The observance with the latest onset at or before `local`.
    let mut best: Option<(NaiveDateTime, &Observance)> = None;
    for o in observances {
        if let Some(onset) = latest_onset(o, local) {
            if best.is_none_or(|(b, _)| onset > b) {
                best = Some((onset, o));
            }
        }
    }
    match best {
        Some((onset, o)) => {
            let gap = (o.offset_to - o.offset_from) as i64;
            // In the gap after clocks go forward, the time does not exist:
            // read it with the offset before the gap.
            if gap > 0 && local < onset + Duration::seconds(gap) {
                o.offset_from
            } else {
                o.offset_to
            }
        }
        None => observances
            .iter()
            .min_by_key(|o| o.start)
            .map(|o| o.offset_from)
            .unwrap_or(0),
    }
}

fn latest_onset(o: &Observance, local: NaiveDateTime) -> Option<NaiveDateTime> {
    let mut latest = (o.start <= local).then_some(o.start);
    for r in &o.rdates {
        if *r <= local && latest.is_none_or(|l| *r > l) {
            latest = Some(*r);
        }
    }
    if let Some(rule) = &o.yearly {
        for year in [local.year(), local.year() - 1] {
            let Some(day) = nth_weekday(year, rule.month, rule.nth, rule.weekday) else {
                continue;
            };
            let onset = day.and_time(o.start.time());
            if onset >= o.start
                && onset <= local
                && rule.until.is_none_or(|u| onset <= u)
                && latest.is_none_or(|l| onset > l)
            {
                latest = Some(onset);
                break;
            }
        }
    }
    latest
}

/// The n-th weekday of a month (n from 1), or the n-th last (n negative).
pub fn nth_weekday(year: i32, month: u32, nth: i8, weekday: Weekday) -> Option<NaiveDate> {
    if nth > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth as u8).or_else(|| {
            // Outlook's "5th" means the last.
            (nth == 5)
                .then(|| nth_weekday(year, month, -1, weekday))
                .flatten()
        })
    } else if nth < 0 {
        let first_of_next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let last = first_of_next.pred_opt()?;
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        let day = last - Duration::days(back as i64 + 7 * (-(nth as i64) - 1));
        (day.month() == month).then_some(day)
    } else {
        None
    }
}

/// Windows zone names (as Outlook writes TZID) and the Olson zone each
/// stands for, from the Unicode CLDR mapping, for the zones partners in
/// England are likely to use.
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("UTC", "Etc/UTC"),
    ("Coordinated Universal Time", "Etc/UTC"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("India Standard Time", "Asia/Kolkata"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
];

/// The zone a `TZID` names, given the VTIMEZONEs the file defines. `None`
/// when nothing knows the name.
pub fn resolve(tzid: &str, defined: &[(String, Zone)]) -> Option<Zone> {
    let name = tzid.trim().trim_matches('"');
    let from_file = || {
        defined
            .iter()
            .find(|(id, _)| id.trim_matches('"') == name)
            .map(|(_, z)| z.clone())
    };
    let abbreviation = matches!(name.to_ascii_uppercase().as_str(), "GMT" | "BST" | "Z");
    if abbreviation {
        return from_file().or(Some(Zone::Named(Tz::UTC)));
    }
    olson(name)
        .or_else(|| {
            WINDOWS_ZONES
                .iter()
                .find(|(w, _)| w.eq_ignore_ascii_case(name))
                .and_then(|(_, o)| olson(o))
        })
        .map(Zone::Named)
        .or_else(from_file)
}

/// An Olson name, also inside a prefix such as Mozilla's
/// `/mozilla.org/20050126_1/Europe/London`.
fn olson(name: &str) -> Option<Tz> {
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    let parts: Vec<&str> = name.trim_matches('/').split('/').collect();
    (1..parts.len()).find_map(|i| parts[i..].join("/").parse::<Tz>().ok())
}

/// Reads a UTC offset such as `+0100`, `-0500` or `+013045` into seconds.
pub fn parse_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    let (sign, digits) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[0..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    let s: i32 = if digits.len() == 6 {
        digits[4..6].parse().ok()?
    } else {
        0
    };
    (h < 24 && m < 60 && s < 60).then_some(sign * (h * 3600 + m * 60 + s))
}

/// Reads a VTIMEZONE's RRULE: only the yearly n-th weekday of a month form
/// that time-zone definitions use. The error names what is not supported.
pub fn parse_yearly(
    rule: &str,
    parse_until: impl Fn(&str) -> Option<NaiveDateTime>,
) -> Result<YearlyRule, String> {
    let mut month = None;
    let mut byday = None;
    let mut until = None;
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("\"{part}\" is not NAME=VALUE"))?;
        match key.to_ascii_uppercase().as_str() {
            "FREQ" if value.eq_ignore_ascii_case("YEARLY") => {}
            "INTERVAL" if value == "1" => {}
            "WKST" => {}
            "BYMONTH" => month = value.parse::<u32>().ok().filter(|m| (1..=12).contains(m)),
            "BYDAY" => byday = Some(value.to_ascii_uppercase()),
            "UNTIL" => {
                until = Some(
                    parse_until(value)
                        .ok_or_else(|| format!("UNTIL \"{value}\" is not a date-time"))?,
                )
            }
            _ => return Err(format!("time-zone rule part \"{part}\" is not supported")),
        }
    }
    let month = month.ok_or("a time-zone rule needs BYMONTH from 1 to 12")?;
    let byday = byday.ok_or("a time-zone rule needs BYDAY, like -1SU")?;
    let (n, wd) = byday.split_at(byday.len().saturating_sub(2));
    let weekday =
        weekday(wd).ok_or_else(|| format!("BYDAY \"{byday}\" does not name a weekday"))?;
    let nth: i8 = n
        .trim_start_matches('+')
        .parse()
        .map_err(|_| format!("BYDAY \"{byday}\" needs a week number, like -1SU"))?;
    if nth == 0 || !(-5..=5).contains(&nth) {
        return Err(format!(
            "BYDAY \"{byday}\" needs a week number from -5 to 5"
        ));
    }
    Ok(YearlyRule {
        month,
        nth,
        weekday,
        until,
    })
}

pub fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    /// The rules Outlook writes for "GMT Standard Time", under a name no
    /// database knows.
    fn outlook_london() -> Zone {
        let rule = |month, nth| YearlyRule {
            month,
            nth,
            weekday: Weekday::Sun,
            until: None,
        };
        Zone::Rules(vec![
            Observance {
                offset_from: 3600,
                offset_to: 0,
                start: naive("1601-01-01T02:00"),
                yearly: Some(rule(10, -1)),
                rdates: vec![],
            },
            Observance {
                offset_from: 0,
                offset_to: 3600,
                start: naive("1601-01-01T01:00"),
                yearly: Some(rule(3, -1)),
                rdates: vec![],
            },
        ])
    }

    #[test]
    fn names_resolve_from_olson_windows_and_prefixes() {
        let london = Some(Zone::Named(chrono_tz::Europe::London));
        assert_eq!(resolve("Europe/London", &[]), london);
        assert_eq!(resolve("GMT Standard Time", &[]), london);
        assert_eq!(resolve("\"GMT Standard Time\"", &[]), london);
        assert_eq!(
            resolve("/mozilla.org/20050126_1/Europe/London", &[]),
            london
        );
        assert_eq!(resolve("Nowhere Standard Time", &[]), None);
        let custom = vec![("Customized Time Zone".to_string(), outlook_london())];
        assert_eq!(
            resolve("Customized Time Zone", &custom),
            Some(outlook_london())
        );
        // A bare GMT is UTC unless the file defines it.
        assert_eq!(resolve("GMT", &[]), Some(Zone::Named(Tz::UTC)));
        let gmt = vec![("GMT".to_string(), outlook_london())];
        assert_eq!(resolve("GMT", &gmt), Some(outlook_london()));
    }

    #[test]
    fn vtimezone_rules_give_the_same_instants_as_the_tz_database() {
        let rules = outlook_london();
        let named = Zone::Named(chrono_tz::Europe::London);
        for t in [
            "2012-06-26T10:00", // 2012 week, summer time
            "2014-10-24T10:00", // still summer time
            "2014-10-26T00:59",
            "2014-10-26T01:00", // repeated hour: the first (BST)
            "2014-10-26T01:30",
            "2014-10-26T02:00",
            "2014-10-28T10:00", // 2014 week, GMT
            "2014-03-30T00:59",
            "2014-03-30T01:30", // skipped hour: moved forward
            "2014-03-30T02:00",
            "2014-12-31T23:00",
        ] {
            assert_eq!(rules.to_utc(naive(t)), named.to_utc(naive(t)), "{t}");
        }
        assert_eq!(
            time::to_store(rules.to_utc(naive("2012-06-26T10:00"))),
            "2012-06-26T09:00:00Z"
        );
        assert_eq!(
            time::to_store(rules.to_utc(naive("2014-10-24T10:00"))),
            "2014-10-24T09:00:00Z"
        );
        assert_eq!(
            time::to_store(rules.to_utc(naive("2014-10-26T01:30"))),
            "2014-10-26T00:30:00Z"
        );
        assert_eq!(
            time::to_store(rules.to_utc(naive("2014-03-30T01:30"))),
            "2014-03-30T01:30:00Z"
        );
        assert_eq!(
            rules.to_local(rules.to_utc(naive("2012-06-26T10:00"))),
            naive("2012-06-26T10:00")
        );
    }

    #[test]
    fn nth_weekdays() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            nth_weekday(2014, 10, -1, Weekday::Sun),
            Some(d(2014, 10, 26))
        );
        assert_eq!(nth_weekday(2014, 3, -1, Weekday::Sun), Some(d(2014, 3, 30)));
        assert_eq!(nth_weekday(2014, 3, 2, Weekday::Sun), Some(d(2014, 3, 9)));
        assert_eq!(
            nth_weekday(2014, 10, 5, Weekday::Sun),
            Some(d(2014, 10, 26))
        );
    }

    #[test]
    fn offsets_and_yearly_rules_parse() {
        assert_eq!(parse_offset("+0100"), Some(3600));
        assert_eq!(parse_offset("-0530"), Some(-19800));
        assert_eq!(parse_offset("0100"), None);
        let r = parse_yearly("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", |_| None).unwrap();
        assert_eq!((r.month, r.nth, r.weekday), (10, -1, Weekday::Sun));
        assert!(
            parse_yearly("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8,9,10;BYDAY=SU", |_| None).is_err()
        );
    }
}
