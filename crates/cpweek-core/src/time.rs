//! Local time: parsing what people type, resolving it in the programme's time
//! zone, and writing it the way GOV.UK style writes dates and times.
//!
//! Instants are stored in UTC. Input and display use the programme's zone
//! (Europe/London). Nothing here reads the clock.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    Offset, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

/// The zone every programme so far runs in.
pub const LONDON: Tz = chrono_tz::Europe::London;

/// Resolves a wall-clock time in `tz` to an instant, as RFC 5545 (3.3.5)
/// says: a time that happens twice (clocks going back) means the first
/// occurrence; a time that never happens (clocks going forward) is read with
/// the offset in force before the gap, which moves it forward by the gap.
pub fn resolve_local(naive: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Offset before the gap: the one in force a few hours earlier.
            let before = naive - Duration::hours(3);
            let offset = match tz.from_local_datetime(&before) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.offset().fix(),
                LocalResult::None => FixedOffset::east_opt(0).expect("zero offset"),
            };
            Utc.from_utc_datetime(&(naive - Duration::seconds(offset.local_minus_utc() as i64)))
        }
    }
}

/// True when a wall-clock time never happens in `tz` (it falls in the gap
/// when clocks go forward).
pub fn is_skipped(naive: NaiveDateTime, tz: Tz) -> bool {
    matches!(tz.from_local_datetime(&naive), LocalResult::None)
}

/// True when a wall-clock time happens twice in `tz`.
pub fn is_repeated(naive: NaiveDateTime, tz: Tz) -> bool {
    matches!(tz.from_local_datetime(&naive), LocalResult::Ambiguous(..))
}

/// Local midnight at the start of `date`.
pub fn start_of_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    resolve_local(date.and_time(NaiveTime::MIN), tz)
}

/// What a date-and-time field holds once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A wall-clock time with no offset, to be read in the programme's zone.
    Local(NaiveDateTime),
    /// An instant given with an explicit offset (RFC 3339).
    Instant(DateTime<Utc>),
    /// A date alone.
    Date(NaiveDate),
}

impl When {
    pub fn to_utc(self, tz: Tz) -> DateTime<Utc> {
        match self {
            When::Local(naive) => resolve_local(naive, tz),
            When::Instant(t) => t,
            When::Date(d) => start_of_day(d, tz),
        }
    }

    /// The local calendar date this denotes in `tz`.
    pub fn local_date(self, tz: Tz) -> NaiveDate {
        match self {
            When::Local(naive) => naive.date(),
            When::Instant(t) => t.with_timezone(&tz).date_naive(),
            When::Date(d) => d,
        }
    }
}

/// Reads `YYYY-MM-DDTHH:MM` (or with a space, or with seconds), an RFC 3339
/// instant with offset, or `YYYY-MM-DD`. The error says what is expected.
pub fn parse_when(text: &str) -> Result<When, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(When::Instant(t.with_timezone(&Utc)));
    }
    for format in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(When::Local(naive));
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(When::Date(date));
    }
    Err(format!(
        "\"{text}\" is not a date and time; expected YYYY-MM-DDTHH:MM, like 2014-10-28T10:00"
    ))
}

/// Reads `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "\"{}\" is not a date; expected YYYY-MM-DD, like 2014-10-28",
            text.trim()
        )
    })
}

/// `10am`, `10:30am`, `midday`, `midnight`: the GOV.UK way to write a time.
pub fn format_time(t: NaiveTime) -> String {
    match (t.hour(), t.minute()) {
        (0, 0) => "midnight".to_string(),
        (12, 0) => "midday".to_string(),
        (h, m) => {
            let suffix = if h < 12 { "am" } else { "pm" };
            let h12 = match h % 12 {
                0 => 12,
                h => h,
            };
            if m == 0 {
                format!("{h12}{suffix}")
            } else {
                format!("{h12}:{m:02}{suffix}")
            }
        }
    }
}

/// `Tuesday 28 October 2014`.
pub fn format_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.format("%A"), d.day(), d.format("%B %Y"))
}

/// `Tuesday 28 October`: a day of a week whose year is already shown.
pub fn format_day(d: NaiveDate) -> String {
    format!("{} {} {}", d.format("%A"), d.day(), d.format("%B"))
}

/// The 24 hours of a day for a timetable's side, from midnight:
/// `midnight`, `1am`, ... `11am`, `midday`, `1pm`, ... `11pm`.
pub fn hour_labels() -> Vec<String> {
    (0..24)
        .filter_map(|h| NaiveTime::from_hms_opt(h, 0, 0))
        .map(format_time)
        .collect()
}

/// `Tuesday 28 October 2014, 10am`, for a local date and time.
pub fn format_when(local: NaiveDateTime) -> String {
    format!(
        "{}, {}",
        format_date(local.date()),
        format_time(local.time())
    )
}

/// An event's span for people, from its local start and exclusive local
/// end: `Tuesday 28 October 2014, 10am to midday`, `... 10am to Wednesday
/// 29 October 2014, 4pm`; all-day events `Tuesday 28 October 2014` or
/// `Monday 27 October 2014 to Tuesday 28 October 2014`.
pub fn format_span(start: NaiveDateTime, end: NaiveDateTime, all_day: bool) -> String {
    if all_day {
        let last = (end - Duration::seconds(1)).date().max(start.date());
        if last == start.date() {
            format_date(last)
        } else {
            format!("{} to {}", format_date(start.date()), format_date(last))
        }
    } else if start.date() == end.date() {
        format!("{} to {}", format_when(start), format_time(end.time()))
    } else {
        format!("{} to {}", format_when(start), format_when(end))
    }
}

/// An instant as the CLI writes it for people: `2014-10-28 10:00`, local.
pub fn format_short(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// An instant in `tz` with its offset, for JSON: `2014-10-28T10:00:00+00:00`.
pub fn with_offset(t: DateTime<Utc>, tz: Tz) -> DateTime<FixedOffset> {
    t.with_timezone(&tz).fixed_offset()
}

/// Serialises an instant as RFC 3339 with a numeric offset
/// (`2014-10-28T10:00:00+00:00`, never `Z`), the form the JSON contract uses.
pub fn serialize_rfc3339<Z, S>(t: &DateTime<Z>, s: S) -> Result<S::Ok, S::Error>
where
    Z: TimeZone,
    Z::Offset: std::fmt::Display,
    S: serde::Serializer,
{
    s.serialize_str(&t.to_rfc3339())
}

/// The fixed-width UTC text form the store keeps instants in; it sorts in
/// time order.
pub fn to_store(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Reads an instant back from the store. The store's own form
/// (`2014-10-28T10:00:00Z`, see [`to_store`]) is read digit by digit, as
/// feeds read thousands of them; any other RFC 3339 text is read by chrono.
pub fn from_store(text: &str) -> Result<DateTime<Utc>, String> {
    if let Some(t) = from_store_form(text.as_bytes()) {
        return Ok(t);
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("stored time {text:?} is not RFC 3339: {e}"))
}

/// `YYYY-MM-DDTHH:MM:SSZ` exactly, or `None` (then chrono's RFC 3339
/// reader decides, and words the error).
fn from_store_form(b: &[u8]) -> Option<DateTime<Utc>> {
    if b.len() != 20
        || (b[4], b[7], b[10], b[13], b[16], b[19]) != (b'-', b'-', b'T', b':', b':', b'Z')
    {
        return None;
    }
    let number = |at: usize, len: usize| {
        b[at..at + len].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 2)?, number(8, 2)?)?;
    let time = NaiveTime::from_hms_opt(number(11, 2)?, number(14, 2)?, number(17, 2)?)?;
    Some(Utc.from_utc_datetime(&date.and_time(time)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn week_of_2014_is_gmt_so_local_equals_utc() {
        let t = resolve_local(naive("2014-10-28T10:00"), LONDON);
        assert_eq!(t.to_rfc3339(), "2014-10-28T10:00:00+00:00");
        assert_eq!(
            with_offset(t, LONDON).to_rfc3339(),
            "2014-10-28T10:00:00+00:00"
        );
    }

    #[test]
    fn summer_time_is_an_hour_ahead_of_utc() {
        // 24 October 2014 was still British Summer Time, as was the 2012 week.
        let t = resolve_local(naive("2014-10-24T10:00"), LONDON);
        assert_eq!(to_store(t), "2014-10-24T09:00:00Z");
        let t = resolve_local(naive("2012-06-26T10:00"), LONDON);
        assert_eq!(
            with_offset(t, LONDON).to_rfc3339(),
            "2012-06-26T10:00:00+01:00"
        );
    }

    #[test]
    fn repeated_hour_on_26_october_2014_means_the_first_one() {
        // Clocks went back from 02:00 BST to 01:00 GMT: 01:30 happened twice.
        let local = naive("2014-10-26T01:30");
        assert!(is_repeated(local, LONDON));
        assert_eq!(
            to_store(resolve_local(local, LONDON)),
            "2014-10-26T00:30:00Z"
        );
        // Just after the repeated hour there is one 02:00, in GMT.
        assert_eq!(
            to_store(resolve_local(naive("2014-10-26T02:00"), LONDON)),
            "2014-10-26T02:00:00Z"
        );
        // Just before it, 00:59 is BST.
        assert_eq!(
            to_store(resolve_local(naive("2014-10-26T00:59"), LONDON)),
            "2014-10-25T23:59:00Z"
        );
    }

    #[test]
    fn skipped_hour_in_spring_moves_forward() {
        // 30 March 2014: clocks went from 01:00 GMT to 02:00 BST.
        let local = naive("2014-03-30T01:30");
        assert!(is_skipped(local, LONDON));
        let t = resolve_local(local, LONDON);
        assert_eq!(to_store(t), "2014-03-30T01:30:00Z");
        assert_eq!(format_short(t, LONDON), "2014-03-30 02:30");
    }

    #[test]
    fn stored_instants_read_back_exactly() {
        for text in [
            "2014-10-28T10:00:00Z",
            "2012-06-26T09:00:00Z",
            "2014-10-26T00:30:59Z",
            "1999-12-31T23:59:59Z",
        ] {
            let t = from_store(text).unwrap();
            assert_eq!(to_store(t), text);
            assert_eq!(t, DateTime::parse_from_rfc3339(text).unwrap());
        }
        // Other RFC 3339 forms are still read, as chrono reads them.
        assert_eq!(
            to_store(from_store("2014-10-28T11:00:00+01:00").unwrap()),
            "2014-10-28T10:00:00Z"
        );
        assert_eq!(
            to_store(from_store("2014-10-28T10:00:00.000Z").unwrap()),
            "2014-10-28T10:00:00Z"
        );
        // Not a time: a clear error naming the text, never a panic.
        for bad in [
            "2014-02-30T10:00:00Z",
            "2014-10-28T25:00:00Z",
            "2014-10-2aT10:00:00Z",
            "2014-10-28",
            "",
        ] {
            let err = from_store(bad).unwrap_err();
            assert!(err.contains(&format!("{bad:?}")), "{err}");
        }
    }

    #[test]
    fn parses_the_forms_people_type() {
        assert_eq!(
            parse_when("2014-10-28T10:00").unwrap(),
            When::Local(naive("2014-10-28T10:00"))
        );
        assert_eq!(
            parse_when("2014-10-28 10:00").unwrap(),
            When::Local(naive("2014-10-28T10:00"))
        );
        assert_eq!(
            parse_when("2014-10-24T10:00:00+01:00").unwrap(),
            When::Instant(Utc.with_ymd_and_hms(2014, 10, 24, 9, 0, 0).unwrap())
        );
        assert_eq!(
            parse_when("2014-10-28").unwrap(),
            When::Date(NaiveDate::from_ymd_opt(2014, 10, 28).unwrap())
        );
        let err = parse_when("28/10/2014").unwrap_err();
        assert!(err.contains("YYYY-MM-DDTHH:MM"), "{err}");
        assert!(parse_when("2014-02-30T10:00").is_err());
    }

    #[test]
    fn writes_times_the_gov_uk_way() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(format_time(t(10, 0)), "10am");
        assert_eq!(format_time(t(10, 30)), "10:30am");
        assert_eq!(format_time(t(12, 0)), "midday");
        assert_eq!(format_time(t(0, 0)), "midnight");
        assert_eq!(format_time(t(15, 5)), "3:05pm");
        assert_eq!(format_time(t(12, 30)), "12:30pm");
        let start = naive("2014-10-28T10:00");
        assert_eq!(format_when(start), "Tuesday 28 October 2014, 10am");
        assert_eq!(
            format_span(start, naive("2014-10-28T12:00"), false),
            "Tuesday 28 October 2014, 10am to midday"
        );
        assert_eq!(
            format_span(start, naive("2014-10-29T16:00"), false),
            "Tuesday 28 October 2014, 10am to Wednesday 29 October 2014, 4pm"
        );
        assert_eq!(
            format_span(naive("2014-10-28T00:00"), naive("2014-10-29T00:00"), true),
            "Tuesday 28 October 2014"
        );
        assert_eq!(
            format_span(naive("2014-10-27T00:00"), naive("2014-10-29T00:00"), true),
            "Monday 27 October 2014 to Tuesday 28 October 2014"
        );
    }

    #[test]
    fn writes_days_of_a_week_and_the_hours_of_a_day() {
        let d = NaiveDate::from_ymd_opt(2012, 6, 25).unwrap();
        assert_eq!(format_day(d), "Monday 25 June");
        assert_eq!(format_date(d), "Monday 25 June 2012");
        let hours = hour_labels();
        assert_eq!(hours.len(), 24);
        assert_eq!(
            [&hours[0], &hours[1], &hours[11], &hours[12], &hours[13], &hours[23]],
            ["midnight", "1am", "11am", "midday", "1pm", "11pm"]
        );
    }
}
