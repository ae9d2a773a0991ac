//! The store's iCalendar side: feeds chosen and written, calendars imported.

use super::tests::{at, officer, seeded};
use super::*;
use crate::event::Visibility;
use crate::ics::{read, Privacy, Scope};

fn form(council: &str, title: &str, start: &str, end: &str) -> EventForm {
    EventForm {
        council: council.into(),
        title: title.into(),
        start: start.into(),
        end: end.into(),
        venue: "Sessions House".into(),
        address: "County Road, Maidstone".into(),
        postcode: "ME14 1XQ".into(),
        description: "Tea, cake; and \\ talk\nSecond line".into(),
        themes: vec!["care-leavers".into()],
        audiences: vec!["care-leavers".into()],
        ..Default::default()
    }
}

fn national(store: &Store) -> String {
    store
        .export_ics(&Scope::National, "", Privacy::PublicOnly)
        .unwrap()
        .body
}

/// Imports `body`, leaving out any faulty event.
fn import(store: &mut Store, council: &str, body: &str, mode: ImportMode) -> ImportReport {
    let cal = read::parse(body.as_bytes()).unwrap();
    store
        .import_ics(
            council,
            &cal,
            mode,
            FaultyEvents::LeaveOut,
            at(2014, 10, 21, 9),
        )
        .unwrap()
}

#[test]
fn feeds_hold_the_right_events_and_never_private_ones() {
    let mut s = officer();
    let kent = s
        .add_event(
            &form(
                "886",
                "Kent submitted",
                "2014-10-28T10:00",
                "2014-10-28T12:00",
            ),
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    let approved = s
        .add_event(
            &form(
                "886",
                "Kent approved",
                "2014-10-29T10:00",
                "2014-10-29T12:00",
            ),
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    s.review_event(approved.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let mut private = form(
        "886",
        "Kent private",
        "2014-10-30T10:00",
        "2014-10-30T12:00",
    );
    private.private = true;
    let private = s.add_event(&private, at(2014, 9, 2, 9)).unwrap().event;
    s.review_event(private.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let returned = s
        .add_event(
            &form(
                "886",
                "Kent returned",
                "2014-10-31T10:00",
                "2014-10-31T12:00",
            ),
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    s.review_event(
        returned.id,
        &Review::Return {
            note: "add a room".into(),
        },
        at(2014, 9, 3, 9),
    )
    .unwrap();
    s.add_event(
        &form(
            "383",
            "Leeds submitted",
            "2014-10-28T10:00",
            "2014-10-28T12:00",
        ),
        at(2014, 9, 2, 9),
    )
    .unwrap();

    let n = national(&s);
    assert!(n.contains("SUMMARY:Kent approved"));
    assert!(
        !n.contains("Kent submitted"),
        "national holds approved events only"
    );
    assert!(!n.contains("Kent private"));
    assert!(!n.contains("Kent returned"));
    assert!(n.contains("STATUS:CONFIRMED"));

    let council = s
        .export_ics(&Scope::Council("886".into()), "", Privacy::PublicOnly)
        .unwrap()
        .body;
    assert!(council.contains("SUMMARY:Kent submitted"));
    assert!(council.contains("STATUS:TENTATIVE"));
    assert!(council.contains("SUMMARY:Kent approved"));
    assert!(!council.contains("Kent private"));
    assert!(!council.contains("Leeds"));
    assert!(!council.contains("CLASS:PRIVATE"));
    let region = s
        .export_ics(&Scope::Region("South East".into()), "", Privacy::PublicOnly)
        .unwrap()
        .body;
    assert!(region.contains("Kent submitted") && !region.contains("Leeds"));
    let theme = s
        .export_ics(
            &Scope::Theme("Care leavers".into()),
            "",
            Privacy::PublicOnly,
        )
        .unwrap()
        .body;
    assert!(theme.contains("Leeds submitted") && theme.contains("Kent submitted"));
    assert!(!theme.contains("Kent private"));
    let none = s
        .export_ics(&Scope::Theme("adoption".into()), "", Privacy::PublicOnly)
        .unwrap();
    assert_eq!(none.events, 0);

    let own = s
        .export_ics(&Scope::Council("886".into()), "", Privacy::IncludePrivate)
        .unwrap()
        .body;
    assert!(own.contains("SUMMARY:Kent private"));
    assert_eq!(own.matches("CLASS:PRIVATE").count(), 1);
    let _ = kent;
}

#[test]
fn unchanged_feed_is_byte_identical_and_changes_raise_sequence() {
    let mut s = officer();
    let e = s
        .add_event(
            &form(
                "886",
                "Kent celebrates",
                "2014-10-28T10:00",
                "2014-10-28T12:00",
            ),
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    s.review_event(e.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let first = national(&s);
    assert_eq!(first, national(&s));
    assert!(
        first.contains("DTSTAMP:20140903T090000Z\r\n"),
        "DTSTAMP is the last change"
    );
    assert!(first.contains("SEQUENCE:1\r\n"));
    // A no-op edit changes nothing.
    let same = s.event(e.id).unwrap().to_form();
    s.edit_event(e.id, &same, at(2014, 9, 4, 9)).unwrap();
    assert_eq!(first, national(&s));
    let mut changed = same.clone();
    changed.title = "Kent celebrates its care leavers".into();
    s.edit_event(e.id, &changed, at(2014, 9, 5, 9)).unwrap();
    let second = national(&s);
    assert!(second.contains("SEQUENCE:2\r\n"));
    assert!(second.contains("LAST-MODIFIED:20140905T090000Z\r\n"));
    s.review_event(
        e.id,
        &Review::Cancel {
            reason: "venue closed".into(),
        },
        at(2014, 9, 6, 9),
    )
    .unwrap();
    let third = national(&s);
    assert!(
        third.contains("STATUS:CANCELLED\r\n"),
        "a cancelled event stays, cancelled"
    );
    assert!(third.contains("SEQUENCE:3\r\n"));
}

#[test]
fn export_writes_times_escapes_and_calendar_properties() {
    let mut s = officer();
    // 24 October 2014 was summer time: 10am is 09:00 UTC.
    let e = s
        .add_event(
            &form(
                "886",
                "Summer time; check, please",
                "2014-10-24T10:00",
                "2014-10-24T12:00",
            ),
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    s.review_event(e.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let mut day = form("886", "All day", "2014-10-29", "2014-10-30");
    day.all_day = true;
    let d = s.add_event(&day, at(2014, 9, 2, 9)).unwrap().event;
    s.review_event(d.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let body = national(&s);
    assert!(body.contains("DTSTART:20141024T090000Z\r\nDTEND:20141024T110000Z\r\n"));
    assert!(
        body.contains("DTSTART;VALUE=DATE:20141029\r\nDTEND;VALUE=DATE:20141031\r\n"),
        "exclusive end date"
    );
    assert!(body.contains("SUMMARY:Summer time\\; check\\, please\r\n"));
    assert!(body.contains("DESCRIPTION:Tea\\, cake\\; and \\\\ talk\\nSecond line\r\n"));
    assert!(body.contains("CATEGORIES:Care leavers,South East\r\n"));
    for needed in [
        "METHOD:PUBLISH\r\n",
        "VERSION:2.0\r\n",
        "NAME:Corporate Parenting Week 2014: national programme\r\n",
        "X-WR-CALNAME:",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n",
        "X-PUBLISHED-TTL:PT1H\r\n",
    ] {
        assert!(body.contains(needed), "{needed}");
    }
    assert!(!body.contains("TZID:GMT") && !body.contains("BST"));
    assert!(!body.replace("\r\n", "").contains('\n'), "CRLF only");
    assert!(body.split("\r\n").all(|l| l.len() <= 75));
}

#[test]
fn each_event_in_a_feed_carries_its_own_themes_in_order_and_place() {
    let mut s = seeded();
    // Added in one order, in the feed in time order: the themes must follow
    // each event, in the order the council gave them.
    let mut later = form("886", "Later", "2014-10-30T10:00", "2014-10-30T12:00");
    later.themes = vec!["health-wellbeing".into(), "education".into()];
    let mut none = form("886", "No themes", "2014-10-29T10:00", "2014-10-29T12:00");
    none.themes.clear();
    (none.venue, none.address, none.postcode) = (String::new(), String::new(), String::new());
    let mut earlier = form("886", "Earlier", "2014-10-28T10:00", "2014-10-28T12:00");
    earlier.themes = vec!["education".into(), "care-leavers".into()];
    earlier.address = "1 High St, Town".into();
    for f in [&later, &none, &earlier] {
        s.add_event(f, at(2014, 9, 2, 9)).unwrap();
    }
    let body = s
        .export_ics(&Scope::Council("886".into()), "", Privacy::PublicOnly)
        .unwrap()
        .body;
    let events: Vec<&str> = body.split("BEGIN:VEVENT\r\n").skip(1).collect();
    assert_eq!(events.len(), 3);
    assert!(events[0].contains("SUMMARY:Earlier\r\n"));
    assert!(
        events[0].contains("CATEGORIES:Education of children in care,Care leavers,South East\r\n")
    );
    assert!(events[0].contains("LOCATION:Sessions House\\, 1 High St\\, Town\\, ME14 1XQ\r\n"));
    assert!(events[1].contains("SUMMARY:No themes\r\n"));
    assert!(events[1].contains("CATEGORIES:South East\r\n"));
    assert!(!events[1].contains("LOCATION:"));
    assert!(events[2].contains("SUMMARY:Later\r\n"));
    assert!(events[2]
        .contains("CATEGORIES:Health and wellbeing,Education of children in care,South East\r\n"));
}

#[test]
fn import_matches_by_uid_and_updates_only_newer_copies() {
    let mut s = seeded();
    let cal = |seq: u32, modified: &str, title: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:abc@example.org\r\nDTSTART;TZID=Europe/London:20141024T100000\r\nDTEND;TZID=Europe/London:20141024T120000\r\nSUMMARY:{title}\r\nSEQUENCE:{seq}\r\nLAST-MODIFIED:{modified}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };
    let file = cal(0, "20141001T090000Z", "Coffee morning");
    let dry = import(&mut s, "886", &file, ImportMode::DryRun);
    assert_eq!((dry.created, dry.dry_run), (1, true));
    assert_eq!(
        s.events(&EventFilter::default()).unwrap().len(),
        0,
        "a dry run writes nothing"
    );
    let r = import(&mut s, "Kent", &file, ImportMode::Write);
    assert_eq!((r.created, r.updated, r.unchanged), (1, 0, 0));
    let events = s.events(&EventFilter::default()).unwrap();
    assert_eq!(events[0].uid, "abc@example.org", "the source UID is kept");
    assert_eq!(
        crate::time::to_store(events[0].start.with_timezone(&Utc)),
        "2014-10-24T09:00:00Z"
    );
    // The same file again changes nothing.
    let r = import(&mut s, "886", &file, ImportMode::Write);
    assert_eq!((r.created, r.updated, r.unchanged), (0, 0, 1));
    // A different copy that is not newer is skipped, with the reason.
    let r = import(
        &mut s,
        "886",
        &cal(0, "20141001T090000Z", "Other title"),
        ImportMode::Write,
    );
    assert_eq!(r.skipped.len(), 1);
    assert!(r.skipped[0].reason.contains("not newer"), "{:?}", r.skipped);
    // A higher SEQUENCE updates, and raises ours.
    let r = import(
        &mut s,
        "886",
        &cal(1, "20141001T090000Z", "Coffee morning for carers"),
        ImportMode::Write,
    );
    assert_eq!(r.updated, 1);
    let e = &s.events(&EventFilter::default()).unwrap()[0];
    assert_eq!(e.details.title, "Coffee morning for carers");
    assert_eq!(e.sequence, 1);
    // A later LAST-MODIFIED updates too.
    let r = import(
        &mut s,
        "886",
        &cal(1, "20141002T090000Z", "Coffee morning (new room)"),
        ImportMode::Write,
    );
    assert_eq!(r.updated, 1);
    assert_eq!(s.events(&EventFilter::default()).unwrap()[0].sequence, 2);
    // Another council cannot take the event over by its UID.
    let r = import(
        &mut s,
        "383",
        &cal(9, "20141009T090000Z", "Leeds"),
        ImportMode::Write,
    );
    assert!(r.faulty[0].reason.contains("Kent"), "{:?}", r.faulty);
}

#[test]
fn import_validates_with_the_event_rules_and_cancels() {
    let mut s = seeded();
    let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20141028T100000Z\r\nDTEND:20141028T110000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@x\r\nDTSTART:20141028T100000Z\r\nDTEND:20141028T110000Z\r\nSUMMARY:Cancelled one\r\nSTATUS:CANCELLED\r\nCLASS:CONFIDENTIAL\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let r = import(&mut s, "886", file, ImportMode::Write);
    assert_eq!(r.created, 1);
    assert_eq!(r.faulty.len(), 1);
    assert_eq!(r.faulty[0].line, 2);
    assert!(
        r.faulty[0].reason.contains("title is required"),
        "{:?}",
        r.faulty
    );
    let e = &s.events(&EventFilter::default()).unwrap()[0];
    assert_eq!(e.status, Status::Cancelled);
    assert_eq!(e.details.visibility, Visibility::Private);
}

/// Every faulty event is listed, the reader's and the rules' alike, in file
/// order; the others are imported only when the person says so, and
/// otherwise nothing is written, dry run or not.
#[test]
fn faulty_events_are_all_listed_and_the_rest_imported_only_when_asked() {
    let mut s = seeded();
    let file = "BEGIN:VCALENDAR\r
BEGIN:VEVENT\r
UID:good@x\r
SUMMARY:Good\r
DTSTART:20141028T100000Z\r
DTEND:20141028T110000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:untitled@x\r
DTSTART:20141028T100000Z\r
DTEND:20141028T110000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:date@x\r
SUMMARY:Impossible\r
DTSTART:20141028T100000Z\r
DTEND:20141032T110000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:huge@x\r
SUMMARY:Huge\r
DTSTART:20141028T100000Z\r
DURATION:P999999999W\r
END:VEVENT\r
END:VCALENDAR\r
";
    let cal = read::parse(file.as_bytes()).unwrap();
    let now = at(2014, 10, 21, 9);
    for mode in [ImportMode::DryRun, ImportMode::Write] {
        let err = s
            .import_ics("886", &cal, mode, FaultyEvents::Refuse, now)
            .unwrap_err();
        let fields = err.field_errors();
        let lines: Vec<(&str, &str)> = fields
            .iter()
            .map(|f| (f.field, f.message.as_str()))
            .collect();
        assert_eq!(fields.len(), 4, "{lines:#?}");
        assert_eq!(fields[0].field, "event");
        assert!(
            fields[0]
                .message
                .starts_with("line 8: (no title) (UID untitled@x): "),
            "{lines:#?}"
        );
        assert!(
            fields[1]
                .message
                .starts_with("line 13: \"Impossible\" (UID date@x): line 17: DTEND"),
            "{lines:#?}"
        );
        assert!(
            fields[2]
                .message
                .starts_with("line 19: \"Huge\" (UID huge@x): line 23: DURATION"),
            "{lines:#?}"
        );
        assert_eq!(
            (fields[3].field, fields[3].message.as_str()),
            ("file", "nothing was imported: 3 events in the file are faulty; the other 1 event can be imported without them")
        );
        assert!(s.events(&EventFilter::default()).unwrap().is_empty());
    }
    // A title's line break never starts a line of its own in the listing:
    // hidden characters are shown escaped (text::shown).
    let titled = file.replace(
        "SUMMARY:Impossible",
        "SUMMARY:Impossible\\nerror: forged\u{1b}[2J",
    );
    let cal = read::parse(titled.as_bytes()).unwrap();
    let err = s
        .import_ics("886", &cal, ImportMode::DryRun, FaultyEvents::Refuse, now)
        .unwrap_err();
    let listed = &err.field_errors()[1].message;
    assert!(
        listed.starts_with("line 13: \"Impossible\\nerror: forged\\u{1b}[2J\" (UID date@x)"),
        "{listed}"
    );
    let r = import(&mut s, "886", file, ImportMode::Write);
    assert_eq!(r.created, 1);
    let lines: Vec<usize> = r.faulty.iter().map(|f| f.line).collect();
    assert_eq!(lines, [8, 13, 19]);
    assert_eq!(s.events(&EventFilter::default()).unwrap()[0].uid, "good@x");
}

/// Each rule makes at most 2,000 occurrences, and a file's rules together
/// at most MOST_OCCURRENCES: 50 MB of rules would otherwise make a thousand
/// million occurrences and exhaust memory.
#[test]
fn a_file_whose_rules_make_too_many_occurrences_is_refused() {
    let mut s = seeded();
    let rules = import::MOST_OCCURRENCES / 1999 + 1;
    let mut file = String::from("BEGIN:VCALENDAR\r\n");
    for i in 0..rules {
        file.push_str(&format!("BEGIN:VEVENT\r\nUID:r{i}\r\nSUMMARY:Rule\r\nDTSTART:20080101T100000Z\r\nDTEND:20080101T110000Z\r\nRRULE:FREQ=DAILY;COUNT=1999\r\nEND:VEVENT\r\n"));
    }
    file.push_str("END:VCALENDAR\r\n");
    let cal = read::parse(file.as_bytes()).unwrap();
    let err = s
        .import_ics(
            "886",
            &cal,
            ImportMode::DryRun,
            FaultyEvents::LeaveOut,
            at(2014, 10, 21, 9),
        )
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "file");
    assert!(
        err.to_string().contains("more than 1000000 occurrences"),
        "{err}"
    );
    // One rule fewer is read.
    let mut cal = cal;
    cal.events.pop();
    let r = s
        .import_ics(
            "886",
            &cal,
            ImportMode::DryRun,
            FaultyEvents::LeaveOut,
            at(2014, 10, 21, 9),
        )
        .unwrap();
    assert_eq!(r.series.len(), rules - 1);
}

#[test]
fn recurring_events_become_linked_occurrences_within_the_week() {
    let mut s = seeded();
    let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:series@x\r\nDTSTART;TZID=Europe/London:20141020T120000\r\nDTEND;TZID=Europe/London:20141020T130000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20141103T115959Z\r\nSUMMARY:Clinic\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let r = import(&mut s, "886", file, ImportMode::Write);
    assert_eq!(r.series.len(), 1);
    assert_eq!((r.series[0].occurrences, r.series[0].outside), (2, 2));
    let events = s.events(&EventFilter::default()).unwrap();
    let uids: Vec<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    assert_eq!(
        uids,
        vec!["series@x/20141027T120000Z", "series@x/20141030T120000Z"]
    );
    let linked: i64 = s.conn.query_row(
        "SELECT count(*) FROM events e JOIN event_series s ON s.id = e.series_id WHERE s.uid = 'series@x'",
        [],
        |r| r.get(0),
    ).unwrap();
    assert_eq!(linked, 2);
    let again = import(&mut s, "886", file, ImportMode::Write);
    assert_eq!((again.created, again.unchanged), (0, 2));
}

#[test]
fn export_then_import_changes_nothing() {
    let mut s = officer();
    let e = s
        .add_event(
            &form(
                "886",
                "Round trip, with; escapes \\",
                "2014-10-24T10:00",
                "2014-10-24T12:00",
            ),
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    s.review_event(e.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let body = s
        .export_ics(&Scope::Council("886".into()), "", Privacy::IncludePrivate)
        .unwrap()
        .body;
    let before = s.events(&EventFilter::default()).unwrap();
    let r = import(&mut s, "886", &body, ImportMode::Write);
    assert_eq!(
        (
            r.created,
            r.updated,
            r.unchanged,
            r.faulty.len(),
            r.skipped.len()
        ),
        (0, 0, 1, 0, 0),
        "{r:?}"
    );
    assert_eq!(before, s.events(&EventFilter::default()).unwrap());
}

mod round_trip {
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    struct Spec {
        title: String,
        description: String,
        minutes: i64,
        length: i64,
        all_day: bool,
        private: bool,
        approved: bool,
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (
            "[A-Za-z0-9é—][A-Za-z0-9 ,;\\\\é—]{0,80}",
            "[A-Za-z ,;\\\\\né]{0,300}",
            0i64..(7 * 24 * 60 - 600),
            15i64..600,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(
                |(title, description, minutes, length, all_day, private, approved)| Spec {
                    title,
                    description,
                    minutes,
                    length,
                    all_day,
                    private,
                    approved,
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the events, exporting a council's feed and importing it
        /// again changes nothing.
        #[test]
        fn export_then_import_changes_nothing(specs in proptest::collection::vec(spec(), 1..6)) {
            let mut s = officer();
            let week = chrono::NaiveDate::from_ymd_opt(2014, 10, 27).unwrap().and_hms_opt(0, 0, 0).unwrap();
            for sp in &specs {
                let start = week + chrono::Duration::minutes(sp.minutes);
                let end = start + chrono::Duration::minutes(sp.length);
                let mut f = form("886", &sp.title, "", "");
                f.description = sp.description.clone();
                f.all_day = sp.all_day;
                f.private = sp.private;
                if sp.all_day {
                    f.start = start.date().to_string();
                    f.end = end.date().to_string();
                } else {
                    f.start = start.format("%Y-%m-%dT%H:%M").to_string();
                    f.end = end.format("%Y-%m-%dT%H:%M").to_string();
                }
                let e = s.add_event(&f, at(2014, 9, 2, 9)).unwrap().event;
                if sp.approved {
                    s.review_event(e.id, &Review::Approve, at(2014, 9, 3, 9)).unwrap();
                }
            }
            let body = s.export_ics(&Scope::Council("886".into()), "", Privacy::IncludePrivate).unwrap().body;
            let before = s.events(&EventFilter::default()).unwrap();
            let r = import(&mut s, "886", &body, ImportMode::Write);
            prop_assert_eq!((r.created, r.updated, r.faulty.len(), r.skipped.len()), (0, 0, 0, 0), "{:?}", r);
            prop_assert_eq!(r.unchanged, specs.len());
            prop_assert_eq!(before, s.events(&EventFilter::default()).unwrap());
        }
    }
}

#[test]
fn the_national_feed_keeps_cancelled_events_only_if_they_were_in_the_programme() {
    let mut s = officer();
    let day = |t: &str| form("886", t, "2014-10-28T10:00", "2014-10-28T12:00");
    let was_approved = s
        .add_event(&day("Kent approved then cancelled"), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    let never = s
        .add_event(&day("Kent cancelled before review"), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    s.review_event(was_approved, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let cancel = Review::Cancel {
        reason: "venue closed".into(),
    };
    s.review_event(was_approved, &cancel, at(2014, 9, 4, 9))
        .unwrap();
    s.review_event(never, &cancel, at(2014, 9, 4, 9)).unwrap();

    let n = national(&s);
    assert!(n.contains("SUMMARY:Kent approved then cancelled"));
    assert!(n.contains("STATUS:CANCELLED"));
    assert!(!n.contains("Kent cancelled before review"), "{n}");
    // The council's own slice feed shows both, so its subscribers drop both.
    let council = s
        .export_ics(&Scope::Council("886".into()), "", Privacy::PublicOnly)
        .unwrap()
        .body;
    assert!(council.contains("Kent cancelled before review"));
    assert!(s.event(was_approved).unwrap().was_approved);
    assert!(!s.event(never).unwrap().was_approved);
}

#[test]
fn an_export_to_a_file_reports_its_progress_and_writes_the_whole_feed() {
    let mut s = seeded();
    let total = crate::ics::write::PROGRESS_EVERY + 3;
    for i in 0..total {
        s.add_event(
            &form(
                "886",
                &format!("Kent event {i}"),
                "2014-10-28T10:00",
                "2014-10-28T12:00",
            ),
            at(2014, 9, 2, 9),
        )
        .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kent.ics");
    let chosen = |path: &std::path::Path| {
        let live = dir.path().join("cpweek.db");
        crate::file::chosen_target(
            path,
            crate::file::Kind::Calendar,
            &live,
            crate::file::Replace::Refused,
        )
        .unwrap()
    };
    let mut steps = Vec::new();
    let exported = s
        .export_ics_to_file(
            &Scope::Council("886".into()),
            "2014",
            Privacy::PublicOnly,
            &chosen(&path),
            &mut |step| steps.push(step),
        )
        .unwrap();
    assert_eq!(exported.events, total);
    assert_eq!(
        steps,
        vec![
            ExportStep::Reading,
            ExportStep::Writing { done: 0, total },
            ExportStep::Writing {
                done: crate::ics::write::PROGRESS_EVERY,
                total
            },
            ExportStep::Writing { done: total, total },
            ExportStep::Saving,
        ]
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, exported.body);
    assert_eq!(written.matches("BEGIN:VEVENT\r\n").count(), total);

    // A scope that names nothing writes no file.
    let missing = dir.path().join("nowhere.ics");
    let err = s
        .export_ics_to_file(
            &Scope::Theme("knitting".into()),
            "2014",
            Privacy::PublicOnly,
            &chosen(&missing),
            &mut |_| {},
        )
        .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
    assert!(!missing.exists());
}

#[test]
fn a_feed_file_name_is_suggested_only_for_a_scope_that_names_something() {
    let s = seeded();
    // The current programme, by its id.
    assert_eq!(
        s.feed_file_name(&Scope::National, "", Privacy::PublicOnly)
            .unwrap(),
        "cpweek-2014-national.ics"
    );
    assert_eq!(
        s.feed_file_name(
            &Scope::Council("Kent".into()),
            "2012",
            Privacy::IncludePrivate
        )
        .unwrap(),
        "cpweek-2012-council-886.ics",
        "a council typed by name is named by its code"
    );
    assert_eq!(
        s.feed_file_name(&Scope::Region("south east".into()), "", Privacy::PublicOnly)
            .unwrap(),
        "cpweek-2014-region-south-east.ics"
    );
    let err = s
        .feed_file_name(&Scope::Region("Wessex".into()), "", Privacy::PublicOnly)
        .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
    let err = s
        .feed_file_name(&Scope::National, "1999", Privacy::PublicOnly)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "programme");
}
