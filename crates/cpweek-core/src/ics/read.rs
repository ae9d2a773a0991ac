//! Reading a calendar file: unfolding ([`super::text`]), properties parsed
//! by the `ical` crate's property parser, components nested and checked
//! here with their line numbers, and events' times resolved to UTC.

use std::io::BufReader;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

use super::recur;
use super::text::{self, unescape};
use super::zones::{self, Observance, Zone};

/// Larger files are refused before they are read.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Why a calendar cannot be imported at all, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based physical line; 0 for the file as a whole.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

fn fail<T>(line: usize, message: impl Into<String>) -> Result<T, ReadError> {
    Err(ReadError {
        line,
        message: message.into(),
    })
}

/// One property, its name upper-cased, its value still escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop {
    pub name: String,
    pub params: Vec<(String, Vec<String>)>,
    pub value: String,
    pub line: usize,
}

impl Prop {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Component {
    pub name: String,
    pub line: usize,
    pub props: Vec<Prop>,
    pub children: Vec<Component>,
}

impl Component {
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Prop> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }

    fn text(&self, name: &str) -> Option<String> {
        self.prop(name)
            .map(|p| unescape(&p.value).trim().to_string())
            .filter(|s| !s.is_empty())
    }
}

/// Parses a file into its top-level components (normally one VCALENDAR).
pub fn components(bytes: &[u8]) -> Result<Vec<Component>, ReadError> {
    if bytes.len() as u64 > MAX_BYTES {
        return fail(0, too_big(bytes.len() as u64));
    }
    let lines = text::unfold(bytes).map_err(|e| ReadError {
        line: e.line,
        message: e.message,
    })?;
    let Some(first) = lines.first() else {
        return fail(
            0,
            "the file is empty; expected an iCalendar file starting with BEGIN:VCALENDAR",
        );
    };
    if !first.text.eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        return fail(
            first.line,
            format!(
                "this is not an iCalendar file: expected BEGIN:VCALENDAR, found \"{}\"",
                shorten(&first.text)
            ),
        );
    }
    // The unfolded lines go through the `ical` crate's property parser one
    // per line, so its line numbers index `lines`.
    let mut joined = String::with_capacity(bytes.len());
    for l in &lines {
        joined.push_str(&l.text);
        joined.push('\n');
    }
    let parser = ical::PropertyParser::from_reader(BufReader::new(joined.as_bytes()));
    let mut stack: Vec<Component> = Vec::new();
    let mut done = Vec::new();
    for (index, parsed) in parser.enumerate() {
        let line = lines.get(index).map_or(0, |l| l.line);
        let property = parsed.map_err(|e| ReadError {
            line,
            message: strip_line_prefix(&e.to_string()).to_string(),
        })?;
        let name = property.name.to_ascii_uppercase();
        let value = property.value.unwrap_or_default();
        match name.as_str() {
            "BEGIN" => stack.push(Component {
                name: value.trim().to_ascii_uppercase(),
                line,
                ..Default::default()
            }),
            "END" => {
                let Some(open) = stack.pop() else {
                    return fail(line, format!("END:{value} has no matching BEGIN"));
                };
                if !open.name.eq_ignore_ascii_case(value.trim()) {
                    return fail(
                        line,
                        format!(
                            "END:{} does not match BEGIN:{} on line {}; is an END:{} missing?",
                            value.trim(),
                            open.name,
                            open.line,
                            open.name
                        ),
                    );
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(open),
                    None => done.push(open),
                }
            }
            _ => match stack.last_mut() {
                Some(c) => c.props.push(Prop {
                    name,
                    params: property.params.unwrap_or_default(),
                    value,
                    line,
                }),
                None => {
                    return fail(
                        line,
                        format!(
                            "\"{}\" is outside BEGIN:VCALENDAR ... END:VCALENDAR",
                            shorten(&name)
                        ),
                    )
                }
            },
        }
    }
    if let Some(open) = stack.pop() {
        return fail(
            open.line,
            format!(
                "BEGIN:{} has no matching END:{}; the file may be cut short",
                open.name, open.name
            ),
        );
    }
    Ok(done)
}

pub fn too_big(len: u64) -> String {
    format!(
        "the file is {:.1} MB; calendars over {} MB are refused (split it, or export fewer events)",
        len as f64 / 1_048_576.0,
        MAX_BYTES / 1_048_576
    )
}

fn strip_line_prefix(message: &str) -> &str {
    match message.split_once(": ") {
        Some((head, rest)) if head.starts_with("Line ") => rest,
        _ => message,
    }
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
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
    /// left out.
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
            before.and_hms_opt(0, 0, 0).expect("midnight"),
            until,
        )?;
        Ok(starts
            .into_iter()
            .map(|local| {
                let span = if self.all_day {
                    let start = local.date();
                    Span::AllDay {
                        start,
                        end: start + self.length,
                    }
                } else {
                    let start = self.zone.to_utc(local);
                    Span::Timed {
                        start,
                        end: self.zone.to_utc(local + self.length),
                    }
                };
                (occurrence_key(&span), span)
            })
            .filter(|(key, _)| !self.exdates.contains(key))
            .collect())
    }
}

/// The key of an occurrence: its original start, `YYYYMMDD` for all-day
/// events, `YYYYMMDDTHHMMSSZ` (UTC) otherwise.
pub fn occurrence_key(span: &Span) -> String {
    match span {
        Span::AllDay { start, .. } => start.format("%Y%m%d").to_string(),
        Span::Timed { start, .. } => start.format("%Y%m%dT%H%M%SZ").to_string(),
    }
}

/// A calendar's events, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calendar {
    pub name: Option<String>,
    pub events: Vec<Incoming>,
}

/// Reads a calendar file from disk: refuses one over [`MAX_BYTES`] before
/// reading it, and names the file and line of any error.
pub fn read_file(path: &std::path::Path) -> crate::Result<Calendar> {
    let io = |source| crate::Error::Io {
        context: format!("reading {}", path.display()),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_BYTES {
        return Err(crate::Error::invalid(
            "file",
            format!("{}: {}", path.display(), too_big(len)),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse(&bytes).map_err(|e| crate::Error::invalid("file", format!("{}: {e}", path.display())))
}

/// Reads a calendar file. Errors that make the file unusable (not a
/// calendar, a missing END, an impossible date, an end before its start,
/// an unknown time zone) stop the whole import, with the line.
pub fn parse(bytes: &[u8]) -> Result<Calendar, ReadError> {
    let tops = components(bytes)?;
    let mut calendar = Calendar::default();
    for top in &tops {
        if top.name != "VCALENDAR" {
            return fail(
                top.line,
                format!("BEGIN:{} is outside a VCALENDAR", top.name),
            );
        }
        if calendar.name.is_none() {
            calendar.name = top.text("X-WR-CALNAME").or_else(|| top.text("NAME"));
        }
        let mut defined = Vec::new();
        for tz in top.children.iter().filter(|c| c.name == "VTIMEZONE") {
            if let Some(id) = tz.prop("TZID") {
                defined.push((id.value.trim().to_string(), vtimezone(tz)?));
            }
        }
        for event in top.children.iter().filter(|c| c.name == "VEVENT") {
            calendar.events.push(incoming(event, &defined)?);
        }
    }
    Ok(calendar)
}

fn vtimezone(tz: &Component) -> Result<Zone, ReadError> {
    let mut observances = Vec::new();
    for part in tz
        .children
        .iter()
        .filter(|c| c.name == "STANDARD" || c.name == "DAYLIGHT")
    {
        let offset = |name: &str| -> Result<i32, ReadError> {
            let p = part.prop(name).ok_or_else(|| ReadError {
                line: part.line,
                message: format!("{} in VTIMEZONE has no {name}", part.name),
            })?;
            zones::parse_offset(&p.value).ok_or_else(|| ReadError {
                line: p.line,
                message: format!("{name} \"{}\" is not an offset like +0100", p.value),
            })
        };
        let start_prop = part.prop("DTSTART").ok_or_else(|| ReadError {
            line: part.line,
            message: format!("{} in VTIMEZONE has no DTSTART", part.name),
        })?;
        let start = match parse_value(&start_prop.value) {
            Ok(Value::Local(n)) => n,
            Ok(Value::Date(d)) => d.and_hms_opt(0, 0, 0).expect("midnight"),
            _ => {
                return fail(
                    start_prop.line,
                    format!(
                        "DTSTART \"{}\" in VTIMEZONE must be a local date-time",
                        start_prop.value
                    ),
                )
            }
        };
        let yearly = match part.prop("RRULE") {
            None => None,
            Some(r) => Some(
                zones::parse_yearly(&r.value, |v| match parse_value(v) {
                    Ok(Value::Utc(t)) => Some(t.naive_utc()),
                    Ok(Value::Local(n)) => Some(n),
                    Ok(Value::Date(d)) => d.and_hms_opt(23, 59, 59),
                    Err(_) => None,
                })
                .map_err(|m| ReadError {
                    line: r.line,
                    message: m,
                })?,
            ),
        };
        let mut rdates = Vec::new();
        for r in part.all("RDATE") {
            for v in r.value.split(',') {
                match parse_value(v) {
                    Ok(Value::Local(n)) => rdates.push(n),
                    Ok(Value::Date(d)) => rdates.push(d.and_hms_opt(0, 0, 0).expect("midnight")),
                    _ => {
                        return fail(
                            r.line,
                            format!("RDATE \"{v}\" in VTIMEZONE must be a local date-time"),
                        )
                    }
                }
            }
        }
        observances.push(Observance {
            offset_from: offset("TZOFFSETFROM")?,
            offset_to: offset("TZOFFSETTO")?,
            start,
            yearly,
            rdates,
        });
    }
    if observances.is_empty() {
        return fail(tz.line, "VTIMEZONE has neither STANDARD nor DAYLIGHT");
    }
    Ok(Zone::Rules(observances))
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
        && &body[8..9].to_ascii_uppercase() == "T"
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
    Err(format!(
        "\"{t}\" is not a date or date-time; expected YYYYMMDD or YYYYMMDDTHHMMSS, with Z for UTC"
    ))
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
}

fn moment(p: &Prop, text: &str, defined: &[(String, Zone)]) -> Result<Moment, ReadError> {
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
                "{} has VALUE=DATE but \"{text}\" is not a date (YYYYMMDD)",
                p.name
            ),
        );
    }
    let zone = match p.param("TZID") {
        Some(id) if matches!(value, Value::Local(_)) => zones::resolve(id, defined).ok_or_else(|| ReadError {
            line: p.line,
            message: format!(
                "{}: time zone \"{id}\" is not known and the file has no VTIMEZONE for it; expected a name like Europe/London",
                p.name
            ),
        })?,
        // Floating times are read as Europe/London.
        _ => Zone::Named(crate::time::LONDON),
    };
    Ok(Moment { value, zone })
}

fn parse_duration(text: &str) -> Option<Duration> {
    let t = text.trim();
    let (sign, t) = match t.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let t = t.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    for c in t.chars() {
        match c {
            'T' => in_time = true,
            c if c.is_ascii_digit() => number.push(c),
            unit => {
                let n: i64 = std::mem::take(&mut number).parse().ok()?;
                total += match (unit, in_time) {
                    ('W', false) => Duration::weeks(n),
                    ('D', false) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(total * sign)
}

fn incoming(event: &Component, defined: &[(String, Zone)]) -> Result<Incoming, ReadError> {
    let start = event
        .prop("DTSTART")
        .map(|p| moment(p, &p.value, defined).map(|m| (p, m)))
        .transpose()?;
    let mut span = None;
    let mut recurrence = None;
    if let Some((start_prop, start)) = &start {
        let end = event
            .prop("DTEND")
            .map(|p| moment(p, &p.value, defined).map(|m| (p, m)))
            .transpose()?;
        let duration = match event.prop("DURATION") {
            Some(p) => Some(parse_duration(&p.value).ok_or_else(|| ReadError {
                line: p.line,
                message: format!("DURATION \"{}\" is not a duration like PT1H30M", p.value),
            })?),
            None => None,
        };
        let s = match (start.value, &end, duration) {
            (Value::Date(first), Some((p, e)), _) => match e.value {
                Value::Date(last) => Span::AllDay { start: first, end: last },
                _ => return fail(p.line, "DTEND is a date-time but DTSTART is a date; both must be dates for an all-day event"),
            },
            (Value::Date(first), None, d) => Span::AllDay {
                start: first,
                end: first + d.map(|d| Duration::days(d.num_days().max(1))).unwrap_or(Duration::days(1)),
            },
            (_, Some((p, e)), _) => {
                let Some(end) = e.utc() else {
                    return fail(p.line, "DTEND is a date but DTSTART is a date-time; give both the same way");
                };
                Span::Timed { start: start.utc().expect("a date-time"), end }
            }
            (_, None, d) => {
                let s = start.utc().expect("a date-time");
                Span::Timed { start: s, end: s + d.unwrap_or(Duration::zero()) }
            }
        };
        let (ok, what) = match s {
            Span::AllDay { start, end } => (end > start, format!("{end}")),
            Span::Timed { start, end } => (end >= start, crate::time::to_store(end)),
        };
        if !ok {
            let line = end.as_ref().map_or(start_prop.line, |(p, _)| p.line);
            return fail(
                line,
                format!("the event ends ({what}) before it starts; DTEND must be after DTSTART"),
            );
        }
        if let Some(r) = event.prop("RRULE") {
            let mut exdates = Vec::new();
            for p in event.all("EXDATE") {
                for v in p.value.split(',') {
                    let m = moment(p, v, defined)?;
                    exdates.push(match (m.value, m.utc()) {
                        (Value::Date(d), _) => d.format("%Y%m%d").to_string(),
                        (_, Some(t)) => t.format("%Y%m%dT%H%M%SZ").to_string(),
                        _ => continue,
                    });
                }
            }
            let (local_start, all_day, length) = match (s, start.value) {
                (Span::AllDay { start: first, end }, _) => (
                    first.and_hms_opt(0, 0, 0).expect("midnight"),
                    true,
                    end - first,
                ),
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
        Some(p) => {
            let m = moment(p, &p.value, defined)?;
            Some(match (m.value, m.utc()) {
                (Value::Date(d), _) => d.format("%Y%m%d").to_string(),
                (_, Some(t)) => t.format("%Y%m%dT%H%M%SZ").to_string(),
                _ => unreachable!("a date-time has an instant"),
            })
        }
        None => None,
    };
    let sequence = match event.prop("SEQUENCE") {
        Some(p) => p.value.trim().parse::<u32>().map_err(|_| ReadError {
            line: p.line,
            message: format!("SEQUENCE \"{}\" is not a whole number", p.value),
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
                        p.value
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
        uid: event
            .prop("UID")
            .map(|p| p.value.trim().to_string())
            .filter(|u| !u.is_empty()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn values_and_impossible_dates() {
        assert_eq!(
            parse_value("20141028"),
            Ok(Value::Date(NaiveDate::from_ymd_opt(2014, 10, 28).unwrap()))
        );
        assert_eq!(
            parse_value("20141028T100000Z"),
            Ok(Value::Utc(utc("2014-10-28T10:00:00Z")))
        );
        assert!(parse_value("20140230T100000")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_value("20141028T250000")
            .unwrap_err()
            .contains("not a real time"));
        assert!(parse_value("2014-10-28").is_err());
        assert_eq!(parse_duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("P1D"), Some(Duration::days(1)));
        assert_eq!(parse_duration("1H"), None);
    }

    #[test]
    fn structure_errors_name_the_line() {
        let err = parse(b"hello\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("not an iCalendar file"));
        let err = parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(err.message.contains("END:VEVENT"), "{err}");
        let err = parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20141032T100000Z\nEND:VEVENT\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        let err = parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20141028T100000Z\n\nDTEND:20141028T090000Z\nEND:VEVENT\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(err.line, 6, "{err}");
        assert!(err.message.contains("before it starts"), "{err}");
    }

    #[test]
    fn times_resolve_in_their_zones() {
        let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=GMT Standard Time:20141026T013000\r\nDTEND;TZID=Europe/London:20141024T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        // DTEND before DTSTART here is on purpose: 24 Oct is before 26 Oct.
        assert!(parse(file.as_bytes()).is_err());
        let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=GMT Standard Time:20141026T013000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nDTSTART:20120626T100000\r\nDTEND:20120626T120000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let cal = parse(file.as_bytes()).unwrap();
        assert_eq!(
            cal.events[0].span,
            Some(Span::Timed {
                start: utc("2014-10-26T00:30:00Z"),
                end: utc("2014-10-26T01:30:00Z")
            })
        );
        // Floating: Europe/London, summer time in June 2012.
        assert_eq!(
            cal.events[1].span,
            Some(Span::Timed {
                start: utc("2012-06-26T09:00:00Z"),
                end: utc("2012-06-26T11:00:00Z")
            })
        );
    }

    #[test]
    fn a_time_in_the_skipped_hour_moves_forward() {
        // 30 March 2014: clocks went from 01:00 GMT to 02:00 BST, so 01:30
        // never happened; RFC 5545 reads it with the offset before the gap.
        let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Europe/London:20140330T013000\r\nDTEND;TZID=Europe/London:20140330T033000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let cal = parse(file.as_bytes()).unwrap();
        assert_eq!(
            cal.events[0].span,
            Some(Span::Timed {
                start: utc("2014-03-30T01:30:00Z"),
                end: utc("2014-03-30T02:30:00Z")
            })
        );
    }

    #[test]
    fn too_big_is_refused_before_reading() {
        let big = vec![b' '; (MAX_BYTES + 1) as usize];
        let err = components(&big).unwrap_err();
        assert!(err.message.contains("50 MB"), "{err}");
    }
}
