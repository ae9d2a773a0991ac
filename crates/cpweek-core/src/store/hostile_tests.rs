//! Untrusted calendars: random bytes and real calendars mutated with the
//! values that once overflowed (huge DURATIONs, dates at the end of time,
//! huge COUNT, INTERVAL and UNTIL, odd EXDATEs, deep nesting, characters of
//! several bytes where ASCII is expected) go through the reader and the
//! import's dry run. Each may be refused, never with a panic.

use std::cell::RefCell;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::super::tests::{at, seeded};
use super::*;
use crate::ics::read;

/// Real calendars (Outlook's is not all UTF-8 on purpose).
const CALENDARS: [&[u8]; 3] = [
    include_bytes!("../../../../tests/fixtures/ics/outlook.ics"),
    include_bytes!("../../../../tests/fixtures/ics/google.ics"),
    include_bytes!("../../../../tests/fixtures/ics/apple.ics"),
];

/// Lines that break arithmetic or parsing when trusted.
const HOSTILE: &[&str] = &[
    "DURATION:P999999999W",
    "DURATION:-P999999999W",
    "DURATION:P999999999999999999W",
    "DURATION:PT9223372036854775807S",
    "DURATION:P15250284452471W",
    "DURATION:-P1D",
    "DTSTART:99991231T235959Z",
    "DTSTART;VALUE=DATE:99991231",
    "DTSTART:00000101T000000Z",
    "DTSTART;TZID=Europe/London:99991231T235959",
    "DTSTART;TZID=/Europe/London:20141028T100000",
    "DTEND:99991231T235959Z",
    "DTEND;VALUE=DATE:00000101",
    "RRULE:FREQ=SECONDLY;COUNT=4294967295",
    "RRULE:FREQ=YEARLY;INTERVAL=4294967295",
    "RRULE:FREQ=DAILY;INTERVAL=65535;COUNT=4294967295",
    "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z",
    "RRULE:FREQ=DAILY;UNTIL=00000101",
    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "RRULE:FREQ=MONTHLY;BYSETPOS=-366;BYDAY=MO",
    "RRULE:FREQ=WEEKLY;BYDAY=éé1",
    "EXDATE:99991231T235959Z,00000101T000000Z,",
    "EXDATE;TZID=Nowhere:20141028T100000",
    "EXDATE;VALUE=DATE:",
    "RECURRENCE-ID:99991231T235959Z",
    "SEQUENCE:99999999999999999999",
    "LAST-MODIFIED:9999123éT235959Z",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:X",
    "END:X",
    "BEGIN:VTIMEZONE",
    "TZID:Evil",
    "TZOFFSETFROM:+2359",
    "TZOFFSETTO:-2359",
    "RRULE:FREQ=YEARLY;COUNT=4294967295;BYMONTH=3;BYDAY=-1SU",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=ééa",
    "RRULE:FREQ=YEARLY;BYMONTHDAY=-31,31;BYHOUR=23;BYMINUTE=59;BYSECOND=59",
    "DTSTART;TZID=Evil:20141028T100000",
    "DTSTART:20141028é00000",
    "DTEND:2014102é000000Z",
    "X-LINE-WITHOUT-A-COLON",
    "\u{0}",
    " folded",
    "\t",
];

#[derive(Debug, Clone)]
enum Change {
    Replace(usize, String),
    Insert(usize, String),
    Remove(usize),
    Cut(usize),
}

fn hostile_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        1 => "[ -~éßé\u{0}\r\n\t]{0,40}",
    ]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        6 => (any::<usize>(), hostile_line()).prop_map(|(i, l)| Change::Replace(i, l)),
        3 => (any::<usize>(), hostile_line()).prop_map(|(i, l)| Change::Insert(i, l)),
        1 => any::<usize>().prop_map(Change::Remove),
        1 => any::<usize>().prop_map(Change::Cut),
    ]
}

/// A property line (not BEGIN or END), so that most changes keep the
/// calendar's structure and reach the events.
fn is_property(line: &[u8]) -> bool {
    !(line.starts_with(b"BEGIN:") || line.starts_with(b"END:") || line.is_empty())
}

/// A real calendar with a few hostile changes.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    (
        0..CALENDARS.len(),
        proptest::collection::vec(change(), 1..8),
    )
        .prop_map(|(which, changes)| {
            let mut lines: Vec<Vec<u8>> = CALENDARS[which]
                .split(|b| *b == b'\n')
                .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
                .collect();
            for c in changes {
                let n = lines.len().max(1);
                match c {
                    Change::Replace(i, l) => {
                        let properties: Vec<usize> = (0..lines.len())
                            .filter(|&j| is_property(&lines[j]))
                            .collect();
                        if let Some(&j) = properties.get(i % properties.len().max(1)) {
                            lines[j] = l.into_bytes();
                        }
                    }
                    Change::Insert(i, l) => lines.insert(i % (lines.len() + 1), l.into_bytes()),
                    Change::Remove(i) if !lines.is_empty() => {
                        lines.remove(i % n);
                    }
                    Change::Cut(i) => lines.truncate(i % (lines.len() + 1)),
                    _ => {}
                }
            }
            lines.join(&b"\r\n"[..])
        })
}

fn any_calendar() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => mutated(),
        1 => proptest::collection::vec(any::<u8>(), 0..400),
        1 => proptest::collection::vec(any::<u8>(), 0..400).prop_map(|mut bytes| {
            bytes.splice(0..0, b"BEGIN:VCALENDAR\r\n".iter().copied());
            bytes
        }),
        1 => proptest::collection::vec(hostile_line(), 0..30).prop_map(|lines| {
            format!("BEGIN:VCALENDAR\r\n{}\r\nEND:VCALENDAR\r\n", lines.join("\r\n")).into_bytes()
        }),
    ]
}

#[test]
fn hostile_calendars_never_panic_the_reader_or_the_dry_run() {
    let store = RefCell::new(seeded());
    let mut runner = TestRunner::new(Config {
        cases: 400,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&any_calendar(), |bytes| {
            if let Ok(calendar) = read::parse(&bytes) {
                let report = store.borrow_mut().import_ics(
                    "886",
                    &calendar,
                    ImportMode::DryRun,
                    FaultyEvents::LeaveOut,
                    at(2014, 10, 21, 9),
                );
                // Every event read is accounted for; none is lost.
                if let Ok(r) = report {
                    prop_assert!(r.faulty.len() >= calendar.faults.len());
                }
            }
            Ok(())
        })
        .unwrap();
    // A dry run writes nothing.
    assert!(store
        .borrow()
        .events(&crate::filter::EventFilter::default())
        .unwrap()
        .is_empty());
}
