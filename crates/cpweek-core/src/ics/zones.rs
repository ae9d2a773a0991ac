//! Time zones named by `TZID`: Olson names (`Europe/London`), Windows names
//! as Outlook writes them (`GMT Standard Time`), and a VTIMEZONE of any name
//! in the file, read from its STANDARD and DAYLIGHT rules.
//!
//! A known Olson or Windows name is resolved with the tz database, which
//! knows every past rule; a VTIMEZONE only for names it does not know (or
//! for bare abbreviations like `GMT`, which Outlook reads as UTC all year
//! while the file's VTIMEZONE may say otherwise).

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc,
    Weekday,
};
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

/// A VTIMEZONE's yearly rule: `FREQ=YEARLY` with the month (`BYMONTH`, or
/// the first onset's), the day (`BYDAY` such as `-1SU`, `BYMONTHDAY`, or
/// both, as in `BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU`, or the first
/// onset's) and the time of day (`BYHOUR`, `BYMINUTE`, `BYSECOND`, or the
/// first onset's), until `UNTIL` or for `COUNT` onsets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearlyRule {
    /// Empty: the month of the first onset.
    pub months: Vec<u32>,
    /// `BYDAY`: the weekday, and which of them in the month (1 to 5, or -1
    /// to -5 from the end; `None`: every one).
    pub weekdays: Vec<(Option<i8>, Weekday)>,
    /// `BYMONTHDAY`: 1 to 31, or -1 to -31 from the end of the month.
    pub month_days: Vec<i8>,
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    pub second: Option<u32>,
    pub until: Option<NaiveDateTime>,
    pub count: Option<u32>,
}

impl YearlyRule {
    /// The onsets the rule gives in `year`, in order, for a zone part whose
    /// first onset is `start`.
    pub fn onsets(&self, year: i32, start: NaiveDateTime) -> Vec<NaiveDateTime> {
        let Some(time) = NaiveTime::from_hms_opt(
            self.hour.unwrap_or(start.hour()),
            self.minute.unwrap_or(start.minute()),
            self.second.unwrap_or(start.second()),
        ) else {
            return Vec::new();
        };
        let months = if self.months.is_empty() {
            vec![start.month()]
        } else {
            self.months.clone()
        };
        let mut out = Vec::new();
        for month in months {
            let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
                continue;
            };
            let days = first.iter_days().take_while(|d| d.month() == month);
            let length = days.clone().count() as i64;
            for day in days {
                let by_month_day = self.month_days.iter().any(|&n| {
                    let n = i64::from(n);
                    let d = i64::from(day.day());
                    n == d || (n < 0 && length + 1 + n == d)
                });
                let by_weekday = self.weekdays.iter().any(|&(nth, wd)| match nth {
                    None => day.weekday() == wd,
                    Some(n) => nth_weekday(year, month, n, wd) == Some(day),
                });
                let chosen = match (self.month_days.is_empty(), self.weekdays.is_empty()) {
                    (true, true) => day.day() == start.day(),
                    (false, true) => by_month_day,
                    (true, false) => by_weekday,
                    (false, false) => by_month_day && by_weekday,
                };
                if chosen {
                    out.push(day.and_time(time));
                }
            }
        }
        out.sort();
        out
    }

    /// The rule with its `COUNT` turned into the `UNTIL` it comes to, for
    /// a zone part whose first onset is `start` (reckoned once, not on
    /// every time resolved).
    pub fn counted(self, start: NaiveDateTime) -> YearlyRule {
        let until = match self.count {
            None => self.until,
            Some(count) => match (self.last(start, count), self.until) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        };
        YearlyRule {
            until,
            count: None,
            ..self
        }
    }

    fn last(&self, start: NaiveDateTime, count: u32) -> Option<NaiveDateTime> {
        let mut seen = 0;
        // A rule that gives no onset for years on end is not a time zone.
        for year in start.year()..=start.year().saturating_add(1000).min(9999) {
            for onset in self.onsets(year, start) {
                if onset >= start {
                    seen += 1;
                    if seen >= count {
                        return Some(onset);
                    }
                }
            }
        }
        None
    }
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
        'years: for year in [local.year(), local.year() - 1] {
            for onset in rule.onsets(year, o.start).into_iter().rev() {
                if onset >= o.start
                    && onset <= local
                    && rule.until.is_none_or(|u| onset <= u)
                    && latest.is_none_or(|l| onset > l)
                {
                    latest = Some(onset);
                    break 'years;
                }
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

/// An Olson name, also at the end of a longer one: a globally unique TZID
/// (RFC 5545 3.8.3.1: a leading `/`, as in `/Europe/London`, or with a
/// vendor's prefix, as in Mozilla's `/mozilla.org/20050126_1/Europe/London`)
/// or a prefixed name such as `posix/Europe/Vaduz`.
fn olson(name: &str) -> Option<Tz> {
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    // A name without the leading `/` is not itself tried again.
    let first = usize::from(!name.starts_with('/'));
    let parts: Vec<&str> = name.trim_matches('/').split('/').collect();
    (first..parts.len()).find_map(|i| parts[i..].join("/").parse::<Tz>().ok())
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

/// Reads a VTIMEZONE's RRULE: the yearly forms time-zone definitions use
/// (see [`YearlyRule`]). The error names what is not supported.
pub fn parse_yearly(
    rule: &str,
    parse_until: impl Fn(&str) -> Option<NaiveDateTime>,
) -> Result<YearlyRule, String> {
    let mut out = YearlyRule::default();
    let mut yearly = false;
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("\"{part}\" is not NAME=VALUE"))?;
        let list = || value.split(',').map(str::trim);
        let number = |name: &str, most: u32| -> Result<Option<u32>, String> {
            match value.parse::<u32>() {
                Ok(n) if n <= most => Ok(Some(n)),
                _ => Err(format!(
                    "{name} \"{value}\" in a time-zone rule must be one number from 0 to {most}"
                )),
            }
        };
        match key.trim().to_ascii_uppercase().as_str() {
            "FREQ" if value.eq_ignore_ascii_case("YEARLY") => yearly = true,
            "INTERVAL" if value.trim() == "1" => {}
            "WKST" => {}
            "BYMONTH" => {
                for m in list() {
                    match m.parse::<u32>() {
                        Ok(m) if (1..=12).contains(&m) => out.months.push(m),
                        _ => return Err(format!("BYMONTH \"{m}\" is not a month from 1 to 12")),
                    }
                }
            }
            "BYDAY" => {
                for day in list() {
                    out.weekdays.push(parse_weekday(day)?);
                }
            }
            "BYMONTHDAY" => {
                for d in list() {
                    match d.parse::<i8>() {
                        Ok(d) if d != 0 && (-31..=31).contains(&d) => out.month_days.push(d),
                        _ => {
                            return Err(format!(
                                "BYMONTHDAY \"{d}\" is not a day of the month from 1 to 31 (or -31 to -1)"
                            ))
                        }
                    }
                }
            }
            "BYHOUR" => out.hour = number("BYHOUR", 23)?,
            "BYMINUTE" => out.minute = number("BYMINUTE", 59)?,
            "BYSECOND" => out.second = number("BYSECOND", 59)?,
            "COUNT" => match value.parse::<u32>() {
                Ok(n) if n > 0 => out.count = Some(n),
                _ => return Err(format!("COUNT \"{value}\" is not a whole number from 1")),
            },
            "UNTIL" => {
                out.until = Some(
                    parse_until(value)
                        .ok_or_else(|| format!("UNTIL \"{value}\" is not a date-time"))?,
                )
            }
            _ => return Err(format!("time-zone rule part \"{part}\" is not supported")),
        }
    }
    if !yearly {
        return Err("a time-zone rule must be FREQ=YEARLY".into());
    }
    Ok(out)
}

/// One `BYDAY` value: `SU`, `2SU`, `-1SU`, `+1MO`.
fn parse_weekday(day: &str) -> Result<(Option<i8>, Weekday), String> {
    let code = day.to_ascii_uppercase();
    let split = code.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
    let (n, wd) = code.split_at(split);
    let weekday = weekday(wd).ok_or_else(|| format!("BYDAY \"{day}\" does not name a weekday"))?;
    if n.is_empty() {
        return Ok((None, weekday));
    }
    match n.trim_start_matches('+').parse::<i8>() {
        Ok(nth) if nth != 0 && (-5..=5).contains(&nth) => Ok((Some(nth), weekday)),
        _ => Err(format!(
            "BYDAY \"{day}\" needs a week number from -5 to 5, like -1SU"
        )),
    }
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
            months: vec![month],
            weekdays: vec![(Some(nth), Weekday::Sun)],
            ..Default::default()
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
        assert_eq!(
            (r.months, r.weekdays),
            (vec![10], vec![(Some(-1), Weekday::Sun)])
        );
        for bad in [
            "FREQ=MONTHLY;BYMONTH=3;BYDAY=-1SU",
            "FREQ=YEARLY;BYMONTH=13;BYDAY=-1SU",
            "FREQ=YEARLY;BYMONTH=3;BYDAY=9SU",
            "FREQ=YEARLY;BYMONTH=3;BYDAY=ééa",
            "FREQ=YEARLY;BYMONTH=3;BYHOUR=1,2",
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=0",
            "FREQ=YEARLY;BYMONTH=3;BYWEEKNO=1",
            "FREQ=YEARLY;BYMONTH=3;COUNT=0",
        ] {
            assert!(parse_yearly(bad, |_| None).is_err(), "{bad}");
        }
    }

    fn zone(parts: &[(i32, i32, &str, &str)]) -> Zone {
        Zone::Rules(
            parts
                .iter()
                .map(|&(from, to, start, rule)| Observance {
                    offset_from: from * 3600,
                    offset_to: to * 3600,
                    start: naive(start),
                    yearly: Some(parse_yearly(rule, |_| None).unwrap().counted(naive(start))),
                    rdates: vec![],
                })
                .collect(),
        )
    }

    /// Real zones write their rules with BYMONTHDAY sets (Pacific/Fiji,
    /// tzurl.org), BYHOUR and BYMINUTE (some exporters) and COUNT: each
    /// gives the same instants as the tz database.
    #[test]
    fn vtimezone_rules_with_month_days_hours_and_counts() {
        // tzurl.org's Pacific/Fiji of 2014: summer time from the Sunday on
        // or after 21 October to the Sunday on or after 18 January.
        let fiji = zone(&[
            (
                12,
                13,
                "2010-10-24T02:00",
                "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=21,22,23,24,25,26,27;BYDAY=SU",
            ),
            (
                13,
                12,
                "2014-01-19T02:00",
                "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=18,19,20,21,22,23,24;BYDAY=SU",
            ),
        ]);
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // 29 August 2014 is winter in Fiji (+12); 1 December 2014 summer.
        assert_eq!(
            fiji.to_utc(naive("2014-08-29T08:00")),
            utc("2014-08-28T20:00:00Z")
        );
        assert_eq!(
            fiji.to_utc(naive("2014-12-01T08:00")),
            utc("2014-11-30T19:00:00Z")
        );
        // 26 October 2014 (the Sunday on or after the 21st) at 02:00 +12.
        assert_eq!(
            fiji.to_utc(naive("2014-10-26T01:59")),
            utc("2014-10-25T13:59:00Z")
        );
        assert_eq!(
            fiji.to_utc(naive("2014-10-26T03:00")),
            utc("2014-10-25T14:00:00Z")
        );
        // BYHOUR and BYMINUTE give the onset's time of day.
        let named = Zone::Named(chrono_tz::Europe::Berlin);
        let berlin = zone(&[
            (
                1,
                2,
                "1970-03-29T02:00",
                "FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=-1SU;BYMONTH=3",
            ),
            (
                2,
                1,
                "1970-10-25T03:00",
                "FREQ=YEARLY;BYMINUTE=0;BYHOUR=3;BYDAY=-1SU;BYMONTH=10",
            ),
        ]);
        for t in [
            "2014-03-30T01:59",
            "2014-03-30T03:00",
            "2014-10-26T02:30",
            "2014-10-26T03:00",
            "2014-07-01T12:00",
        ] {
            assert_eq!(berlin.to_utc(naive(t)), named.to_utc(naive(t)), "{t}");
        }
        // COUNT=2 from 2012: the rule's last onset is in 2013.
        let counted = zone(&[
            (
                0,
                1,
                "2012-03-25T01:00",
                "FREQ=YEARLY;COUNT=2;BYMONTH=3;BYDAY=-1SU",
            ),
            (
                1,
                0,
                "2012-10-28T02:00",
                "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            ),
        ]);
        assert_eq!(
            counted.to_utc(naive("2013-07-01T12:00")),
            utc("2013-07-01T11:00:00Z")
        );
        assert_eq!(
            counted.to_utc(naive("2014-07-01T12:00")),
            utc("2014-07-01T12:00:00Z")
        );
    }

    #[test]
    fn globally_unique_tzids_are_the_olson_names_they_end_in() {
        let zone = |name| Some(Zone::Named(name));
        assert_eq!(
            resolve("/Europe/London", &[]),
            zone(chrono_tz::Europe::London)
        );
        assert_eq!(
            resolve("/softwarestudio.org/Olson_20011030_5/America/New_York", &[]),
            zone(chrono_tz::America::New_York)
        );
        assert_eq!(
            resolve(
                "/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires",
                &[]
            ),
            zone(chrono_tz::America::Argentina::Buenos_Aires)
        );
        // A globally unique name that ends in no Olson name needs its VTIMEZONE.
        assert_eq!(resolve("/Europe/CUSTOM", &[]), None);
    }
}
