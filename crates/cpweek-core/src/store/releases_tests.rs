//! Numbered releases in the store: numbered in turn, frozen, an LGA
//! officer's only, never a private event, refused when nothing changed.

use crate::error::ErrorCode;
use crate::event::{EventForm, Review};
use crate::publish::programme::changes::Leaving;
use crate::publish::programme::{Edition, ProgrammeFormat};
use crate::store::tests::{at, officer, seeded};
use crate::Store;

fn form(title: &str, day: u32, private: bool) -> EventForm {
    EventForm {
        council: "886".into(),
        title: title.into(),
        start: format!("2014-10-{day}T10:00"),
        end: format!("2014-10-{day}T12:00"),
        venue: "County Hall".into(),
        private,
        ..Default::default()
    }
}

fn approved(s: &mut Store, title: &str, day: u32, private: bool) -> i64 {
    let id = s
        .add_event(&form(title, day, private), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    s.review_event(id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    id
}

#[test]
fn releases_are_numbered_in_turn_and_freeze_the_programme() {
    let mut s = officer();
    let open_day = approved(&mut s, "Open day", 28, false);
    approved(&mut s, "Private council", 29, true);
    let first = s
        .make_release("", Some("First programme"), at(2014, 9, 10, 9))
        .unwrap();
    assert_eq!(first.release.number, 1);
    assert_eq!(first.release.events, 1);
    assert_eq!(first.since, None);
    assert_eq!(first.release.note.as_deref(), Some("First programme"));
    assert_eq!(
        first.release.made_at.to_rfc3339(),
        "2014-09-10T10:00:00+01:00"
    );
    let titles: Vec<&str> = first
        .changes
        .added
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(titles, ["Open day"], "the private event is never released");
    let before = s
        .programme_export("", Edition::Release(1), ProgrammeFormat::Json)
        .unwrap();
    let mut edit = form("Open day, moved", 30, false);
    edit.venue = "Town Hall".into();
    s.edit_event(open_day, &edit, at(2014, 9, 11, 9)).unwrap();
    assert_eq!(
        s.programme_export("", Edition::Release(1), ProgrammeFormat::Json)
            .unwrap(),
        before,
        "release 1 never changes"
    );
    let second = s.make_release("", None, at(2014, 9, 12, 9)).unwrap();
    assert_eq!(second.release.number, 2);
    assert_eq!(second.since, Some(1));
    let fields: Vec<&str> = second.changes.changed[0]
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["Title", "When", "Conference day", "Venue"]);
    assert_eq!(second.counts, second.changes.counts());
    assert!(second.counts.contains("1 changed"), "{}", second.counts);
    assert_eq!(s.latest_edition("").unwrap(), Edition::Release(2));
    let listed: Vec<u32> = s.releases("").unwrap().iter().map(|r| r.number).collect();
    assert_eq!(listed, [1, 2]);
    let json = String::from_utf8(
        s.programme_export("", Edition::Release(2), ProgrammeFormat::Json)
            .unwrap(),
    )
    .unwrap();
    assert!(json.contains("\"version\": \"2\""), "{json}");
    let html = String::from_utf8(
        s.programme_export("", Edition::Release(2), ProgrammeFormat::Html)
            .unwrap(),
    )
    .unwrap();
    assert!(html.contains("2 November 2014: release 2"), "{html}");
}

#[test]
fn a_release_identical_to_the_last_is_refused_and_writes_nothing() {
    let mut s = officer();
    approved(&mut s, "Open day", 28, false);
    s.make_release("", None, at(2014, 9, 10, 9)).unwrap();
    // A private event changes nothing the public reads.
    approved(&mut s, "Private council", 29, true);
    let err = s.make_release("", None, at(2014, 9, 11, 9)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(
        err.to_string()
            .contains("nothing has changed since release 1"),
        "{err}"
    );
    assert_eq!(s.releases("").unwrap().len(), 1);
}

#[test]
fn only_an_lga_officer_makes_a_release() {
    let mut s = seeded();
    let err = s.make_release("", None, at(2014, 9, 10, 9)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert!(err.to_string().contains("only an LGA officer"), "{err}");
    assert!(s.releases("").unwrap().is_empty());
}

#[test]
fn without_a_release_the_latest_edition_is_refused_with_what_to_do() {
    let s = officer();
    let err = s.latest_edition("").unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let message = err.to_string();
    assert!(message.contains("cpweek programme release"), "{message}");
    assert!(message.contains("--live"), "{message}");
    let err = s
        .programme_export("", Edition::Release(1), ProgrammeFormat::Csv)
        .unwrap_err();
    assert!(err.to_string().contains("no release 1"), "{err}");
}

#[test]
fn changes_say_which_events_were_cancelled_and_which_withdrawn() {
    let mut s = officer();
    let cancelled = approved(&mut s, "Open day", 28, false);
    let returned = approved(&mut s, "Tea", 29, false);
    let hidden = approved(&mut s, "Quiz", 30, false);
    s.make_release("", None, at(2014, 9, 10, 9)).unwrap();
    s.review_event(
        cancelled,
        &Review::Cancel {
            reason: "Flooded".into(),
        },
        at(2014, 9, 11, 9),
    )
    .unwrap();
    s.review_event(
        returned,
        &Review::Return {
            note: "Add a contact".into(),
        },
        at(2014, 9, 11, 9),
    )
    .unwrap();
    s.edit_event(hidden, &form("Quiz", 30, true), at(2014, 9, 11, 9))
        .unwrap();
    s.make_release("", None, at(2014, 9, 12, 9)).unwrap();
    let all = s.release_changes("", None).unwrap();
    assert_eq!(all.len(), 2);
    let left: Vec<(&str, Leaving)> = all[1]
        .changes
        .left
        .iter()
        .map(|l| (l.event.title.as_str(), l.why))
        .collect();
    assert_eq!(
        left,
        [
            ("Open day", Leaving::Cancelled),
            ("Tea", Leaving::Withdrawn),
            ("Quiz", Leaving::Withdrawn)
        ]
    );
    let since = s.release_changes("", Some(1)).unwrap();
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].changes, all[1].changes);
    let err = s.release_changes("", Some(3)).unwrap_err();
    assert!(err.to_string().contains("releases are 1 to 2"), "{err}");
}

#[test]
fn the_changes_feed_is_the_same_bytes_for_the_same_releases() {
    let mut s = officer();
    approved(&mut s, "Open day", 28, false);
    s.make_release("", None, at(2014, 9, 10, 9)).unwrap();
    let a = s
        .changes_feed("", Some("https://cpweek.example.org.uk"))
        .unwrap();
    approved(&mut s, "Private council", 29, true);
    assert_eq!(
        a,
        s.changes_feed("", Some("https://cpweek.example.org.uk"))
            .unwrap()
    );
    let err = s.changes_feed("", Some("ftp://example.org")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[test]
fn a_note_of_control_characters_is_refused_by_name() {
    let mut s = officer();
    approved(&mut s, "Open day", 28, false);
    let err = s
        .make_release("", Some("bad\u{1b}[31m"), at(2014, 9, 10, 9))
        .unwrap_err();
    match err {
        crate::Error::Invalid(fields) => assert_eq!(fields[0].field, "note"),
        other => panic!("{other}"),
    }
}

#[test]
fn a_release_is_never_changed_or_removed_even_by_hand() {
    let mut s = officer();
    approved(&mut s, "Open day", 28, false);
    s.make_release("", None, at(2014, 9, 10, 9)).unwrap();
    for sql in [
        "UPDATE programme_releases SET note = 'changed'",
        "DELETE FROM programme_releases",
    ] {
        let err = s.conn.execute(sql, []).unwrap_err();
        assert!(
            err.to_string().contains("a release of the programme"),
            "{err}"
        );
    }
    assert_eq!(s.releases("").unwrap()[0].note, None);
}

#[test]
fn changes_since_the_latest_release_are_none() {
    let mut s = officer();
    approved(&mut s, "Open day", 28, false);
    s.make_release("", None, at(2014, 9, 10, 9)).unwrap();
    let since = s.release_changes("", Some(1)).unwrap();
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].release.number, 1);
    assert!(since[0].changes.is_empty());
    assert!(s.release_changes("", None).unwrap()[0].since.is_none());
}

#[test]
fn a_release_previews_as_it_was_made_and_an_unknown_one_is_refused() {
    let mut s = officer();
    let open_day = approved(&mut s, "Open day", 28, false);
    let err = s.programme_preview("", Edition::Release(1)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("there is no release 1"), "{err}");
    s.make_release("", None, at(2014, 9, 10, 9)).unwrap();
    s.edit_event(
        open_day,
        &form("Open day, moved", 30, false),
        at(2014, 9, 11, 9),
    )
    .unwrap();
    approved(&mut s, "Fostering evening", 29, false);
    let shown = s.programme_preview("", Edition::Release(1)).unwrap();
    assert_eq!(shown.edition, Edition::Release(1));
    assert_eq!(shown.events, 1);
    assert_eq!(shown.left_out, None, "a release keeps only its events");
    let text = format!("{:?}", shown.preview);
    assert!(text.contains("\"Open day\""), "{text}");
    assert!(!text.contains("Open day, moved"), "{text}");
    let live = s.programme_preview("", Edition::Live).unwrap();
    assert_eq!(live.events, 2);
    assert!(format!("{:?}", live.preview).contains("Open day, moved"));
    let err = s.programme_preview("", Edition::Release(2)).unwrap_err();
    assert!(err.to_string().contains("there is no release 2"), "{err}");
    assert_eq!(
        s.programme_file_name("", Edition::Release(1), ProgrammeFormat::Pdf)
            .unwrap(),
        "cpweek-2014-programme-release-1.pdf"
    );
    let err = s
        .programme_file_name("", Edition::Release(2), ProgrammeFormat::Csv)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("there is no release 2"), "{err}");
}
