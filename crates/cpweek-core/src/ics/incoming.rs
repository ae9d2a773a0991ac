//! One VEVENT read: its values (dates, date-times, durations) and its times
//! resolved to UTC in their zones. Everything here is untrusted input: date
//! arithmetic is checked, and a value out of range is the event's fault,
//! with the line, never a panic.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};

use super::read::{Component, Prop, ReadError};
use super::recur;
use super::text;
use super::zones::{self, Zone};
use crate::text::quoted;

/// The last year an event may end in: instants are stored as fixed-width
/// `YYYY-MM-DDTHH:MM:SSZ` text.
pub const LAST_YEAR: i32 = 9999;

/// The longest DURATION read, in seconds (10,000 years).
const LONGEST: i64 = 10_000 * 366 * 86_400;

fn fail<T>(line: usize, message: impl Into<String>) -> Result<T, ReadError> {
    Err(ReadError {
        line,
        message: message.into(),
    })
}

/// When an event happens, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Instants; `end` is exclusive.
    Timed {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// Local dates; `end` is exclusive (the day after the last).
    AllDay { start: NaiveDate, end: NaiveDate },
}

/// A VEVENT, read and resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub line: usize,
    pub uid: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    pub categories: Vec<String>,
    /// STATUS upper-cased.
    pub status: Option<String>,
    /// CLASS:PRIVATE or CONFIDENTIAL.
    pub private: bool,
    pub sequence: u32,
    pub last_modified: Option<DateTime<Utc>>,
    /// None when the event has no DTSTART (reported, not fatal).
    pub span: Option<Span>,
    pub recurrence: Option<Recurrence>,
    /// RECURRENCE-ID: which occurrence of a series this one replaces, as
    /// the key [`occurrence_key`] makes.
    pub recurrence_id: Option<String>,
}

/// An RRULE and what expanding it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Recurrence {
    pub rule: String,
    pub line: usize,
    zone: Zone,
    local_start: NaiveDateTime,
    all_day: bool,
    length: Duration,
    exdates: Vec<String>,
}

impl Recurrence {
    /// The occurrences that start before `before` (a local date), each with
    /// its key (for RECURRENCE-ID and the occurrence's UID). EXDATEs are
    /// left out. The error says why the rule cannot be expanded.
    pub fn occurrences(&self, before: NaiveDate) -> Result<Vec<(String, Span)>, String> {
        let zone = self.zone.clone();
        let until = |value: &str| -> Option<NaiveDateTime> {
            match parse_value(value).ok()? {
                Value::Date(d) => Some(d.and_hms_opt(23, 59, 59)?),
                Value::Utc(t) => Some(zone.to_local(t)),
                Value::Local(n) => Some(n),
            }
        };
        let starts = recur::expand(
            &self.rule,
            self.local_start,
            before.and_time(chrono::NaiveTime::MIN),
            until,
        )?;
        let mut out = Vec::with_capacity(starts.len());
        for local in starts {
            let span = if self.all_day {
                let start = local.date();
                let end = start
                    .checked_add_signed(self.length)
                    .filter(|d| d.year() <= LAST_YEAR)
                    .ok_or_else(|| past_the_last_year(&local.date().to_string()))?;
                Span::AllDay { start, end }
            } else {
                let end = local
                    .checked_add_signed(self.length)
                    .filter(|d| d.year() <= LAST_YEAR)
                    .ok_or_else(|| past_the_last_year(&local.to_string()))?;
                Span::Timed {
                    start: self.zone.to_utc(local),
                    end: self.zone.to_utc(end),
                }
            };
            let key = occurrence_key(&span);
            if !self.exdates.contains(&key) {
                out.push((key, span));
            }
        }
        Ok(out)
    }
}

fn past_the_last_year(start: &str) -> String {
    format!("the occurrence starting {start} would end after the year {LAST_YEAR}")
}

/// The key of an occurrence: its original start, `YYYYMMDD` for all-day
/// events, `YYYYMMDDTHHMMSSZ` (UTC) otherwise.
pub fn occurrence_key(span: &Span) -> String {
    match span {
        Span::AllDay { start, .. } => start.format("%Y%m%d").to_string(),
        Span::Timed { start, .. } => start.format("%Y%m%dT%H%M%SZ").to_string(),
    }
}

/// A DATE or DATE-TIME value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Date(NaiveDate),
    Utc(DateTime<Utc>),
    /// Local (with a TZID, or floating).
    Local(NaiveDateTime),
}

/// Reads `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`; the error
/// says whether the form or the date itself is wrong.
pub fn parse_value(text: &str) -> Result<Value, String> {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let form = || {
        format!(
            "\"{}\" is not a date or date-time; expected YYYYMMDD or YYYYMMDDTHHMMSS, with Z for UTC",
            quoted(t)
        )
    };
    // Only ASCII is sliced below.
    if !t.is_ascii() {
        return Err(form());
    }
    let date = |s: &str| -> Result<NaiveDate, String> {
        let (y, m, d) = (&s[0..4], &s[4..6], &s[6..8]);
        NaiveDate::from_ymd_opt(
            y.parse().unwrap_or(0),
            m.parse().unwrap_or(0),
            d.parse().unwrap_or(0),
        )
        .ok_or_else(|| format!("\"{t}\" is not a real date ({y}-{m}-{d} does not exist)"))
    };
    if t.len() == 8 && digits(t) {
        return date(t).map(Value::Date);
    }
    let (body, utc) = match t.strip_suffix('Z').or_else(|| t.strip_suffix('z')) {
        Some(b) => (b, true),
        None => (t, false),
    };
    if body.len() == 15
        && body[8..9].eq_ignore_ascii_case("T")
        && digits(&body[..8])
        && digits(&body[9..])
    {
        let d = date(&body[..8])?;
        let (h, mi, s): (u32, u32, u32) = (
            body[9..11].parse().unwrap_or(99),
            body[11..13].parse().unwrap_or(99),
            body[13..15].parse().unwrap_or(99),
        );
        // A leap second (60) is read as the last second of the minute.
        let naive = d
            .and_hms_opt(h, mi, s.min(59))
            .filter(|_| s <= 60)
            .ok_or_else(|| format!("\"{t}\" is not a real time of day"))?;
        return Ok(if utc {
            Value::Utc(naive.and_utc())
        } else {
            Value::Local(naive)
        });
    }
    Err(form())
}

/// A DTSTART/DTEND/RECURRENCE-ID/EXDATE value with its zone.
struct Moment {
    value: Value,
    zone: Zone,
}

impl Moment {
    fn utc(&self) -> Option<DateTime<Utc>> {
        match self.value {
            Value::Utc(t) => Some(t),
            Value::Local(n) => Some(self.zone.to_utc(n)),
            Value::Date(_) => None,
        }
    }

    /// The key of the occurrence this value names (see [`occurrence_key`]).
    fn key(&self) -> String {
        match (self.value, self.utc()) {
            (Value::Date(d), _) => d.format("%Y%m%d").to_string(),
            (_, Some(t)) => t.format("%Y%m%dT%H%M%SZ").to_string(),
            // A date-time always has an instant.
            (_, None) => String::new(),
        }
    }
}

/// The time zones a file defines: those read, and those whose VTIMEZONE
/// could not be read (with why), so an event in one says so.
#[derive(Debug, Default)]
pub struct Zones {
    pub read: Vec<(String, Zone)>,
    pub broken: Vec<(String, ReadError)>,
}

fn moment(p: &Prop, text: &str, zones: &Zones) -> Result<Moment, ReadError> {
    let value = parse_value(text).map_err(|m| ReadError {
        line: p.line,
        message: format!("{}: {m}", p.name),
    })?;
    let wants_date = p
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    if wants_date && !matches!(value, Value::Date(_)) {
        return fail(
            p.line,
            format!(
                "{} has VALUE=DATE but \"{}\" is not a date (YYYYMMDD)",
                p.name,
                quoted(text)
            ),
        );
    }
    let zone = match p.param("TZID") {
        Some(id) if matches!(value, Value::Local(_)) => match zones::resolve(id, &zones.read) {
            Some(zone) => zone,
            None => {
                let name = id.trim().trim_matches('"');
                return match zones.broken.iter().find(|(n, _)| n.trim_matches('"') == name) {
                    Some((_, why)) => fail(
                        p.line,
                        format!(
                            "{}: the VTIMEZONE for \"{}\" cannot be read ({why})",
                            p.name,
                            quoted(name)
                        ),
                    ),
                    None => fail(
                        p.line,
                        format!(
                            "{}: time zone \"{}\" is not known and the file has no VTIMEZONE for it; expected a name like Europe/London",
                            p.name,
                            quoted(name)
                        ),
                    ),
                };
            }
        },
        // Floating times are read as Europe/London.
        _ => Zone::Named(crate::time::LONDON),
    };
    Ok(Moment { value, zone })
}

/// Reads a DURATION (`PT1H30M`, `P1D`, `-P1W`). Every step is checked: a
/// value too long for any event is an error, not an overflow.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let form = || {
        format!(
            "DURATION \"{}\" is not a duration like PT1H30M",
            quoted(text)
        )
    };
    let too_long = || {
        format!(
            "DURATION \"{}\" is longer than any event could be",
            quoted(text)
        )
    };
    let t = text.trim();
    let (sign, t) = match t.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let t = t.strip_prefix(['P', 'p']).ok_or_else(form)?;
    let mut total: i64 = 0;
    let mut number = String::new();
    let mut in_time = false;
    for c in t.chars() {
        match c.to_ascii_uppercase() {
            'T' if !in_time && number.is_empty() => in_time = true,
            c if c.is_ascii_digit() => number.push(c),
            unit => {
                if number.is_empty() {
                    return Err(form());
                }
                // More digits than any real duration has: too long.
                let n: i64 = std::mem::take(&mut number)
                    .parse()
                    .map_err(|_| too_long())?;
                let seconds = match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return Err(form()),
                };
                total = n
                    .checked_mul(seconds)
                    .and_then(|s| total.checked_add(s))
                    .filter(|s| *s <= LONGEST)
                    .ok_or_else(too_long)?;
            }
        }
    }
    if !number.is_empty() {
        return Err(form());
    }
    Ok(Duration::seconds(total * sign))
}

/// Reads one VEVENT. The error (with the line at fault) is the event's,
/// not the file's.
pub fn incoming(event: &Component, zones: &Zones) -> Result<Incoming, ReadError> {
    if let Some((line, why)) = event.broken_line() {
        return fail(line, why);
    }
    let start = event
        .prop("DTSTART")
        .map(|p| moment(p, &p.value, zones).map(|m| (p, m)))
        .transpose()?;
    let mut span = None;
    let mut recurrence = None;
    if let Some((start_prop, start)) = &start {
        let s = span_of(event, start_prop, start, zones)?;
        if let Some(r) = event.prop("RRULE") {
            let mut exdates = Vec::new();
            for p in event.all("EXDATE") {
                // An empty EXDATE excludes nothing.
                for v in p.value.split(',').filter(|v| !v.trim().is_empty()) {
                    exdates.push(moment(p, v, zones)?.key());
                }
            }
            let (local_start, all_day, length) = match (s, start.value) {
                (Span::AllDay { start: first, end }, _) => {
                    (first.and_time(chrono::NaiveTime::MIN), true, end - first)
                }
                (Span::Timed { start: a, end: b }, Value::Local(n)) => (n, false, b - a),
                (Span::Timed { start: a, end: b }, _) => (start.zone.to_local(a), false, b - a),
            };
            recurrence = Some(Recurrence {
                rule: r.value.trim().to_string(),
                line: r.line,
                zone: start.zone.clone(),
                local_start,
                all_day,
                length,
                exdates,
            });
        }
        span = Some(s);
    }
    let recurrence_id = match event.prop("RECURRENCE-ID") {
        Some(p) => Some(moment(p, &p.value, zones)?.key()),
        None => None,
    };
    let sequence = match event.prop("SEQUENCE") {
        Some(p) => p.value.trim().parse::<u32>().map_err(|_| ReadError {
            line: p.line,
            message: format!("SEQUENCE \"{}\" is not a whole number", quoted(&p.value)),
        })?,
        None => 0,
    };
    let last_modified = match event.prop("LAST-MODIFIED") {
        Some(p) => match parse_value(&p.value) {
            Ok(Value::Utc(t)) => Some(t),
            Ok(Value::Local(n)) => Some(n.and_utc()),
            _ => {
                return fail(
                    p.line,
                    format!(
                        "LAST-MODIFIED \"{}\" is not a UTC date-time like 20141020T120000Z",
                        quoted(&p.value)
                    ),
                )
            }
        },
        None => None,
    };
    let class = event
        .prop("CLASS")
        .map(|p| p.value.trim().to_ascii_uppercase());
    Ok(Incoming {
        line: event.line,
        uid: event.uid(),
        summary: event.text("SUMMARY"),
        description: event.text("DESCRIPTION"),
        location: event.text("LOCATION"),
        url: event
            .prop("URL")
            .map(|p| p.value.trim().to_string())
            .filter(|u| !u.is_empty()),
        categories: event
            .all("CATEGORIES")
            .flat_map(|p| text::split_list(&p.value))
            .collect(),
        status: event
            .prop("STATUS")
            .map(|p| p.value.trim().to_ascii_uppercase()),
        private: matches!(class.as_deref(), Some("PRIVATE" | "CONFIDENTIAL")),
        sequence,
        last_modified,
        span,
        recurrence,
        recurrence_id,
    })
}

/// When the event happens: DTSTART with DTEND or DURATION.
fn span_of(
    event: &Component,
    start_prop: &Prop,
    start: &Moment,
    zones: &Zones,
) -> Result<Span, ReadError> {
    let end = event
        .prop("DTEND")
        .map(|p| moment(p, &p.value, zones).map(|m| (p, m)))
        .transpose()?;
    let duration = match event.prop("DURATION") {
        Some(p) => Some((
            p,
            parse_duration(&p.value).map_err(|message| ReadError {
                line: p.line,
                message,
            })?,
        )),
        None => None,
    };
    let past_the_end = |line: usize| {
        fail(
            line,
            format!("the event would end after the year {LAST_YEAR}; check DTEND or DURATION"),
        )
    };
    let s = match (start.value, &end, duration) {
        (Value::Date(first), Some((p, e)), _) => match e.value {
            // DTEND on the same date as DTSTART, as some calendars write a
            // one-day event, is read as that one day.
            Value::Date(last) if last == first => match first.succ_opt() {
                Some(end) => Span::AllDay { start: first, end },
                None => return past_the_end(p.line),
            },
            Value::Date(last) => Span::AllDay { start: first, end: last },
            _ => return fail(p.line, "DTEND is a date-time but DTSTART is a date; both must be dates for an all-day event"),
        },
        (Value::Date(first), None, d) => {
            let days = d.map_or(1, |(_, d)| d.num_days().max(1));
            match first
                .checked_add_signed(Duration::days(days))
                .filter(|e| e.year() <= LAST_YEAR + 1)
            {
                Some(end) => Span::AllDay { start: first, end },
                None => return past_the_end(d.map_or(start_prop.line, |(p, _)| p.line)),
            }
        }
        (_, Some((p, e)), _) => {
            let (Some(start), Some(end)) = (start.utc(), e.utc()) else {
                return fail(p.line, "DTEND is a date but DTSTART is a date-time; give both the same way");
            };
            Span::Timed { start, end }
        }
        (_, None, d) => {
            let Some(s) = start.utc() else {
                return fail(start_prop.line, "DTSTART has no time");
            };
            let length = d.map_or(Duration::zero(), |(_, d)| d);
            match s.checked_add_signed(length).filter(|e| e.year() <= LAST_YEAR) {
                Some(end) => Span::Timed { start: s, end },
                None => return past_the_end(d.map_or(start_prop.line, |(p, _)| p.line)),
            }
        }
    };
    let (ok, what) = match s {
        Span::AllDay { start, end } => (end > start, format!("{end}")),
        Span::Timed { start, end } => (end >= start, crate::time::to_store(end)),
    };
    if !ok {
        let line = match (&end, duration) {
            (Some((p, _)), _) => p.line,
            (None, Some((p, _))) => p.line,
            (None, None) => start_prop.line,
        };
        return fail(
            line,
            format!("the event ends ({what}) before it starts; DTEND must be after DTSTART"),
        );
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_impossible_dates() {
        assert_eq!(
            parse_value("20141028"),
            Ok(Value::Date(NaiveDate::from_ymd_opt(2014, 10, 28).unwrap()))
        );
        assert_eq!(
            parse_value("20141028T100000Z"),
            Ok(Value::Utc(
                NaiveDate::from_ymd_opt(2014, 10, 28)
                    .unwrap()
                    .and_hms_opt(10, 0, 0)
                    .unwrap()
                    .and_utc()
            ))
        );
        assert!(parse_value("20140230T100000")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_value("20141028T250000")
            .unwrap_err()
            .contains("not a real time"));
        assert!(parse_value("2014-10-28").is_err());
        // A character of several bytes where the T would be is refused,
        // not sliced through.
        assert!(parse_value("20141028é00000").is_err());
        assert!(parse_value("2014102é000000").is_err());
        assert!(parse_value("2014102é000000Z").is_err());
    }

    #[test]
    fn durations_are_read_with_checked_arithmetic() {
        assert_eq!(parse_duration("PT1H30M"), Ok(Duration::minutes(90)));
        assert_eq!(parse_duration("P1D"), Ok(Duration::days(1)));
        assert_eq!(parse_duration("-P1W"), Ok(Duration::weeks(-1)));
        assert_eq!(parse_duration("P1DT2H"), Ok(Duration::hours(26)));
        for bad in ["1H", "P1H", "PT1D", "P1", "PTT1H", "P-1D", "PXD"] {
            assert!(
                parse_duration(bad).unwrap_err().contains("not a duration"),
                "{bad}"
            );
        }
        // Each of these panicked in chrono's Duration constructors or sums.
        for huge in [
            "P999999999999999999W",
            "-P999999999999999999W",
            "P99999999999999999999999D",
            "P999999999W",
            "PT9223372036854775807S",
            "P9999999999999D9999999999999D",
            "P15250284452471W",
        ] {
            assert!(
                parse_duration(huge).unwrap_err().contains("longer than"),
                "{huge}"
            );
        }
    }
}
