//! Reading a calendar file: unfolding ([`super::text`]), properties parsed
//! by the `ical` crate's property parser, components nested and checked
//! here with their line numbers, and events read by [`super::incoming`].
//!
//! A file whose structure is broken (not a calendar, a BEGIN without its
//! END, components nested too deep, a line that cannot be read outside any
//! event) is refused whole, with the line. A fault in one event (a line
//! that cannot be read, an impossible date, an end before its start, a
//! time zone that cannot be read) is that event's: it is listed in
//! [`Calendar::faults`] and the other events are read.

use super::incoming::{self, Zones};
pub use super::incoming::{occurrence_key, parse_value, Incoming, Recurrence, Span, Value};
use super::text::{self, unescape};
use super::zones::{self, Observance, Zone};
use crate::text::quoted;

/// Larger files are refused before they are read.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Files with more lines than this are refused before they are read: a
/// calendar of 50 MB has about a million, and ten million tiny lines would
/// take gigabytes to hold.
pub const MAX_LINES: usize = 2_000_000;

/// Components nested deeper than this refuse the file (a VALARM in a
/// VEVENT in a VCALENDAR is 3 deep).
pub const MAX_DEPTH: usize = 16;

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
    /// The first line in it (or in a component inside it) that could not
    /// be read as a property, and why.
    pub broken: Option<(usize, String)>,
}

impl Component {
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Prop> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }

    pub(super) fn text(&self, name: &str) -> Option<String> {
        self.prop(name)
            .map(|p| unescape(&p.value).trim().to_string())
            .filter(|s| !s.is_empty())
    }

    pub(super) fn uid(&self) -> Option<String> {
        self.prop("UID")
            .map(|p| p.value.trim().to_string())
            .filter(|u| !u.is_empty())
    }

    pub(super) fn broken_line(&self) -> Option<(usize, String)> {
        self.broken.clone()
    }
}

/// Parses a file into its top-level components (normally one VCALENDAR).
pub fn components(bytes: &[u8]) -> Result<Vec<Component>, ReadError> {
    if bytes.len() as u64 > MAX_BYTES {
        return fail(0, too_big(bytes.len() as u64));
    }
    if bytes
        .iter()
        .filter(|b| **b == b'\n')
        .nth(MAX_LINES)
        .is_some()
    {
        return fail(
            MAX_LINES + 1,
            format!(
                "the file has more than {} lines; split it, or export fewer events",
                thousands(MAX_LINES)
            ),
        );
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
    if !first
        .text
        .trim_end()
        .eq_ignore_ascii_case("BEGIN:VCALENDAR")
    {
        return fail(
            first.line,
            format!(
                "this is not an iCalendar file: expected BEGIN:VCALENDAR, found \"{}\"",
                quoted(&first.text)
            ),
        );
    }
    let mut stack: Vec<Component> = Vec::new();
    let mut done = Vec::new();
    for logical in &lines {
        let line = logical.line;
        let property = match property(&logical.text) {
            Ok(p) => p,
            Err(why) => {
                let upper = logical.text.trim_start().to_ascii_uppercase();
                // A BEGIN or END that cannot be read breaks the structure;
                // any other line only the component it is in.
                let structural = ["BEGIN", "END"].iter().any(|w| {
                    upper
                        .strip_prefix(w)
                        .is_some_and(|rest| rest.starts_with([':', ';']))
                });
                match stack.last_mut() {
                    // Inside a component below the calendar: its fault.
                    Some(c) if !structural && c.name != "VCALENDAR" => {
                        c.broken.get_or_insert((line, why));
                        continue;
                    }
                    _ => return fail(line, why),
                }
            }
        };
        let name = property.name.to_ascii_uppercase();
        let value = property.value.unwrap_or_default();
        match name.as_str() {
            "BEGIN" => {
                if stack.len() >= MAX_DEPTH {
                    return fail(
                        line,
                        format!(
                            "components are nested more than {MAX_DEPTH} deep here; a calendar's are at most a few deep"
                        ),
                    );
                }
                stack.push(Component {
                    name: value.trim().to_ascii_uppercase(),
                    line,
                    ..Default::default()
                })
            }
            "END" => {
                let Some(open) = stack.pop() else {
                    return fail(
                        line,
                        format!("END:{} has no matching BEGIN", quoted(&value)),
                    );
                };
                if !open.name.eq_ignore_ascii_case(value.trim()) {
                    return fail(
                        line,
                        format!(
                            "END:{} does not match BEGIN:{} on line {}; is an END:{} missing?",
                            quoted(value.trim()),
                            quoted(&open.name),
                            open.line,
                            quoted(&open.name)
                        ),
                    );
                }
                match stack.last_mut() {
                    Some(parent) => {
                        if parent.broken.is_none() {
                            parent.broken.clone_from(&open.broken);
                        }
                        parent.children.push(open)
                    }
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
                // A line after the calendar's end (a cache's comment, say)
                // belongs to no calendar: nothing in it could be imported.
                None if !done.is_empty() => {}
                None => {
                    return fail(
                        line,
                        format!(
                            "\"{}\" is outside BEGIN:VCALENDAR ... END:VCALENDAR",
                            quoted(&name)
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
                quoted(&open.name),
                quoted(&open.name)
            ),
        );
    }
    Ok(done)
}

/// One unfolded content line through the `ical` crate's property parser,
/// on its own (so that its own line reader, which would trim the line and
/// stop at a line of only spaces, never sees two).
fn property(text: &str) -> Result<ical::property::Property, String> {
    let mut parser = ical::PropertyParser::from_reader(text.as_bytes());
    match parser.next() {
        Some(Ok(p)) => Ok(p),
        Some(Err(e)) => Err(format!(
            "\"{}\" cannot be read as a property ({})",
            quoted(text),
            strip_line_prefix(&e.to_string())
        )),
        None => Err(format!(
            "\"{}\" cannot be read as a property (NAME:value)",
            quoted(text)
        )),
    }
}

/// 2000000 as "2,000,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

/// An event that cannot be imported because of a fault of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The event's BEGIN:VEVENT line.
    pub line: usize,
    pub uid: Option<String>,
    pub summary: Option<String>,
    /// Why, starting with the line at fault when it is not the event's first.
    pub reason: String,
}

/// A calendar's events, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calendar {
    pub name: Option<String>,
    pub events: Vec<Incoming>,
    /// Events that could not be read, each with its line and why.
    pub faults: Vec<Fault>,
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

/// Reads a calendar file. A file whose structure is broken is refused with
/// the line; an event with a fault of its own is listed in
/// [`Calendar::faults`] with its line and why.
pub fn parse(bytes: &[u8]) -> Result<Calendar, ReadError> {
    let tops = components(bytes)?;
    let mut calendar = Calendar::default();
    for top in &tops {
        if top.name != "VCALENDAR" {
            return fail(
                top.line,
                format!("BEGIN:{} is outside a VCALENDAR", quoted(&top.name)),
            );
        }
        if calendar.name.is_none() {
            calendar.name = top.text("X-WR-CALNAME").or_else(|| top.text("NAME"));
        }
        let mut zones = Zones::default();
        for tz in top.children.iter().filter(|c| c.name == "VTIMEZONE") {
            if let Some(id) = tz.prop("TZID") {
                let id = id.value.trim().to_string();
                match vtimezone(tz) {
                    Ok(zone) => zones.read.push((id, zone)),
                    Err(why) => zones.broken.push((id, why)),
                }
            }
        }
        for event in top.children.iter().filter(|c| c.name == "VEVENT") {
            match incoming::incoming(event, &zones) {
                Ok(e) => calendar.events.push(e),
                Err(why) => calendar.faults.push(Fault {
                    line: event.line,
                    uid: event.uid(),
                    summary: event.text("SUMMARY"),
                    reason: if why.line == event.line {
                        why.message
                    } else {
                        why.to_string()
                    },
                }),
            }
        }
    }
    Ok(calendar)
}

/// Reads a VTIMEZONE's rules. The error is the zone's: only events in it
/// are at fault.
fn vtimezone(tz: &Component) -> Result<Zone, ReadError> {
    if let Some((line, why)) = tz.broken_line() {
        return fail(line, why);
    }
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
                message: format!(
                    "{name} \"{}\" is not an offset like +0100",
                    quoted(&p.value)
                ),
            })
        };
        let start_prop = part.prop("DTSTART").ok_or_else(|| ReadError {
            line: part.line,
            message: format!("{} in VTIMEZONE has no DTSTART", part.name),
        })?;
        let start = match parse_value(&start_prop.value) {
            Ok(Value::Local(n)) => n,
            Ok(Value::Date(d)) => d.and_time(chrono::NaiveTime::MIN),
            _ => {
                return fail(
                    start_prop.line,
                    format!(
                        "DTSTART \"{}\" in VTIMEZONE must be a local date-time",
                        quoted(&start_prop.value)
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
                })?
                .counted(start),
            ),
        };
        let mut rdates = Vec::new();
        for r in part.all("RDATE") {
            for v in r.value.split(',').filter(|v| !v.trim().is_empty()) {
                match parse_value(v) {
                    Ok(Value::Local(n)) => rdates.push(n),
                    Ok(Value::Date(d)) => rdates.push(d.and_time(chrono::NaiveTime::MIN)),
                    _ => {
                        return fail(
                            r.line,
                            format!(
                                "RDATE \"{}\" in VTIMEZONE must be a local date-time",
                                quoted(v)
                            ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
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
        // A line that cannot be read outside any event breaks the file.
        let err = parse(b"BEGIN:VCALENDAR\nVERSION\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err =
            parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND;X=\"y:VEVENT\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        // A one-day event written with DTEND on its DTSTART's date is that day.
        let cal = parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20141028\nDTEND;VALUE=DATE:20141028\nEND:VEVENT\nEND:VCALENDAR\n").unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2014, 10, 28).unwrap();
        assert_eq!(
            cal.events[0].span,
            Some(Span::AllDay {
                start: day,
                end: day.succ_opt().unwrap()
            })
        );
        // A comment after the calendar's end is no part of it.
        let cal = parse(
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VEVENT\nEND:VCALENDAR\nX-COMMENT:Cached\n",
        )
        .unwrap();
        assert_eq!(cal.events.len(), 1);
    }

    /// An event's own fault (an impossible date, an end before its start,
    /// a line that cannot be read, an unknown zone) is listed with the
    /// event's line and the line at fault; the other events are read.
    #[test]
    fn a_fault_in_one_event_is_that_events() {
        let file = "BEGIN:VCALENDAR\r
BEGIN:VEVENT\r
UID:good\r
DTSTART:20141028T100000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:date\r
SUMMARY:Impossible\r
DTSTART:20141032T100000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:order\r
DTSTART:20141028T100000Z\r
\r
DTEND:20141028T090000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:broken\r
DTSTART:20141028T100000Z\r
X-APPLE-RADIUS=49.91307046514149\r
BEGIN:VALARM\r
TRIGGER\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:zone\r
DTSTART;TZID=Atlantis/Capital:20141028T100000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:exdate\r
DTSTART;VALUE=DATE:20141027\r
RRULE:FREQ=DAILY;COUNT=3\r
EXDATE;VALUE=DATE:\r
END:VEVENT\r
END:VCALENDAR\r
";
        let cal = parse(file.as_bytes()).unwrap();
        let uids: Vec<_> = cal
            .events
            .iter()
            .map(|e| e.uid.as_deref().unwrap())
            .collect();
        // An empty EXDATE excludes nothing.
        assert_eq!(uids, ["good", "exdate"]);
        let faults: Vec<_> = cal
            .faults
            .iter()
            .map(|f| (f.line, f.uid.as_deref().unwrap(), f.reason.as_str()))
            .collect();
        assert_eq!(faults.len(), 4, "{faults:#?}");
        assert_eq!((faults[0].0, faults[0].1), (6, "date"));
        assert!(
            faults[0]
                .2
                .starts_with("line 9: DTSTART: \"20141032T100000Z\" is not a real date"),
            "{faults:?}"
        );
        assert_eq!(cal.faults[0].summary.as_deref(), Some("Impossible"));
        assert_eq!((faults[1].0, faults[1].1), (11, "order"));
        assert!(
            faults[1].2.starts_with("line 15: the event ends"),
            "{faults:?}"
        );
        assert_eq!((faults[2].0, faults[2].1), (17, "broken"));
        assert!(
            faults[2]
                .2
                .starts_with("line 20: \"X-APPLE-RADIUS=49.91307046514149\" cannot be read"),
            "{faults:?}"
        );
        assert_eq!((faults[3].0, faults[3].1), (25, "zone"));
        assert!(
            faults[3]
                .2
                .contains("line 27: DTSTART: time zone \"Atlantis/Capital\" is not known"),
            "{faults:?}"
        );
    }

    #[test]
    fn a_vtimezone_that_cannot_be_read_is_the_fault_of_the_events_in_it() {
        let file = "BEGIN:VCALENDAR\r
BEGIN:VTIMEZONE\r
TZID:Odd\r
BEGIN:STANDARD\r
DTSTART:19700101T000000\r
TZOFFSETFROM:+5744\r
TZOFFSETTO:+0100\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:odd\r
DTSTART;TZID=Odd:20141028T100000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:london\r
DTSTART;TZID=Europe/London:20141028T100000\r
END:VEVENT\r
END:VCALENDAR\r
";
        let cal = parse(file.as_bytes()).unwrap();
        assert_eq!(cal.events.len(), 1);
        assert_eq!(cal.faults.len(), 1);
        assert_eq!(cal.faults[0].line, 10);
        assert!(
            cal.faults[0].reason.contains("line 12: DTSTART: the VTIMEZONE for \"Odd\" cannot be read (line 6: TZOFFSETFROM \"+5744\""),
            "{:?}",
            cal.faults
        );
    }

    /// Hostile files: every overflow is the event's refusal with its line,
    /// never a panic.
    #[test]
    fn huge_durations_and_dates_at_the_end_of_time_are_the_events_fault() {
        let event =
            |uid: &str, lines: &str| format!("BEGIN:VEVENT\r\nUID:{uid}\r\n{lines}END:VEVENT\r\n");
        let file = format!(
            "BEGIN:VCALENDAR\r\n{}{}{}{}{}{}END:VCALENDAR\r\n",
            event(
                "weeks",
                "DTSTART:20141028T100000Z\r\nDURATION:P999999999W\r\n"
            ),
            event(
                "minus",
                "DTSTART:20141028T100000Z\r\nDURATION:-P999999999999999999W\r\n"
            ),
            event("end", "DTSTART:99991231T000000Z\r\nDURATION:P1W\r\n"),
            event("days", "DTSTART;VALUE=DATE:99991231\r\nDURATION:P9999D\r\n"),
            event(
                "back",
                "DTSTART:00010101T000000Z\r\nDURATION:-P3652000D\r\n"
            ),
            event("ok", "DTSTART:99991230T000000Z\r\nDURATION:P1D\r\n"),
        );
        let cal = parse(file.as_bytes()).unwrap();
        assert_eq!(cal.events.len(), 1, "{:?}", cal.faults);
        let lines: Vec<_> = cal.faults.iter().map(|f| f.line).collect();
        assert_eq!(lines, [2, 7, 12, 17, 22]);
        assert!(cal.faults[0]
            .reason
            .starts_with("line 5: DURATION \"P999999999W\" is longer than"));
        assert!(cal.faults[1].reason.starts_with("line 10: DURATION"));
        assert!(cal.faults[2]
            .reason
            .starts_with("line 15: the event would end after the year 9999"));
        assert!(cal.faults[3]
            .reason
            .starts_with("line 20: the event would end after"));
        assert!(
            cal.faults[4].reason.starts_with("line 25: the event ends"),
            "{:?}",
            cal.faults[4]
        );
    }

    #[test]
    fn deep_nesting_is_refused_at_the_line_where_the_limit_is_passed() {
        let mut file = String::from("BEGIN:VCALENDAR\r\n");
        for _ in 0..150_000 {
            file.push_str("BEGIN:X\r\n");
        }
        for _ in 0..150_000 {
            file.push_str("END:X\r\n");
        }
        file.push_str("END:VCALENDAR\r\n");
        let err = parse(file.as_bytes()).unwrap_err();
        assert_eq!(err.line, MAX_DEPTH + 1, "{err}");
        assert!(err.message.contains("nested more than 16 deep"), "{err}");
        // As deep as allowed is read.
        let mut file = String::from("BEGIN:VCALENDAR\r\n");
        for _ in 1..MAX_DEPTH {
            file.push_str("BEGIN:VEVENT\r\n");
        }
        for _ in 1..MAX_DEPTH {
            file.push_str("END:VEVENT\r\n");
        }
        file.push_str("END:VCALENDAR\r\n");
        assert!(parse(file.as_bytes()).is_ok());
    }

    #[test]
    fn too_many_lines_are_refused_before_they_are_read() {
        let mut file = String::from("BEGIN:VCALENDAR\nBEGIN:VEVENT\n");
        file.push_str(&"X:y\n".repeat(MAX_LINES));
        let err = parse(file.as_bytes()).unwrap_err();
        assert_eq!(err.line, MAX_LINES + 1);
        assert!(err.message.contains("more than 2,000,000 lines"), "{err}");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn text_that_is_not_utf8_names_its_line() {
        let err = parse(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Caf\xe9\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
            .unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("not UTF-8"), "{err}");
    }

    #[test]
    fn times_resolve_in_their_zones() {
        let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=GMT Standard Time:20141026T013000\r\nDTEND;TZID=Europe/London:20141024T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        // DTEND before DTSTART here is on purpose: 24 Oct is before 26 Oct.
        let cal = parse(file.as_bytes()).unwrap();
        assert_eq!((cal.events.len(), cal.faults.len()), (0, 1));
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
