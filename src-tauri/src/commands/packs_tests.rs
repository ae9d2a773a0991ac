//! Packs as the window reaches them, between two real databases: the pack
//! shown in the dry run is the pack imported (and only while its file is
//! unchanged), a damaged pack is refused with the core's message, the pack
//! written is the person's own kind for their own council, and conflicts
//! reach the window with both sides named and whether the person may
//! choose, as the core's permission rule says. Ministerial requests travel
//! alongside: shown in the dry run with their changes worded for people,
//! their conflicts listed and settled in the window, counted in the pack
//! saved.

use chrono::{DateTime, TimeZone, Utc};
use cpweek_core::event::EventForm;
use cpweek_core::pack::{PackKind, Side};
use cpweek_core::permission::Role;
use cpweek_core::store::{Open, SettingsForm};
use cpweek_core::{ErrorCode, Store};

use cpweek_core::attendance::{MoveNote, RequestAction, RequestForm};
use cpweek_core::pack::report::{AnyPackConflict, Outcome};

use super::{dry_run, import_held, settle};
use crate::error::IpcError;

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2014, 9, 1, hour, 0, 0).unwrap()
}

fn store(dir: &std::path::Path, name: &str, role: Role, council: Option<&str>) -> Store {
    let mut store = Store::open(&dir.join(name), Open::CreateIfMissing, at(9)).unwrap();
    store.init().unwrap();
    store
        .save_settings(&SettingsForm {
            role: Some(role),
            my_council: council.map(str::to_string),
            ..Default::default()
        })
        .unwrap();
    store
}

fn form(title: &str, venue: &str) -> EventForm {
    EventForm {
        council: "Kent".into(),
        title: title.into(),
        start: "2014-10-28T10:00".into(),
        end: "2014-10-28T12:00".into(),
        venue: venue.into(),
        ..Default::default()
    }
}

/// Kent's submission written to `name` in `dir`, as the window makes it.
fn submission(kent: &Store, dir: &std::path::Path, name: &str, hour: u32) -> std::path::PathBuf {
    let made = kent
        .person_pack("ignored: an organiser sends their own", "", at(hour))
        .unwrap();
    assert_eq!(made.kind, PackKind::Submission);
    assert_eq!(made.council, "Kent (886)");
    let path = dir.join(name);
    std::fs::write(&path, &made.file.bytes).unwrap();
    path
}

#[test]
fn the_pack_imported_is_the_pack_shown_and_only_while_its_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut kent = store(dir.path(), "kent.db", Role::CouncilOrganiser, Some("Kent"));
    let mut lga = store(dir.path(), "lga.db", Role::LgaOfficer, None);
    kent.add_event(&form("Kent open day", "Sessions House"), at(10))
        .unwrap();
    let path = submission(&kent, dir.path(), "kent.json", 11);

    let (held, preview) = dry_run(&mut lga, path.clone(), at(12)).unwrap();
    assert_eq!(preview.report.created, 1);
    assert!(preview.report.dry_run);
    assert_eq!(preview.token, held.digest);
    assert_eq!(preview.file, path.display().to_string());
    assert!(
        lga.events(&Default::default()).unwrap().is_empty(),
        "a dry run writes nothing"
    );

    // Another token (an older dry run's) imports nothing.
    let err: IpcError = import_held(&mut lga, &held, "0".repeat(64).as_str(), at(13))
        .unwrap_err()
        .into();
    assert_eq!(err.code, ErrorCode::Conflict);
    // The file changed after the dry run: nothing imported, said so.
    kent.add_event(&form("Kent quiz", "County Hall"), at(13))
        .unwrap();
    let changed = kent.person_pack("", "", at(14)).unwrap();
    std::fs::write(&path, &changed.file.bytes).unwrap();
    let err: IpcError = import_held(&mut lga, &held, &held.digest.clone(), at(14))
        .unwrap_err()
        .into();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(
        err.message
            .contains("has changed since its changes were shown"),
        "{}",
        err.message
    );
    assert!(lga.events(&Default::default()).unwrap().is_empty());

    // Shown again, it imports what was shown: both events.
    let (held, preview) = dry_run(&mut lga, path, at(15)).unwrap();
    assert_eq!(preview.report.created, 2);
    let done = import_held(&mut lga, &held, &preview.token, at(15)).unwrap();
    assert!(!done.dry_run);
    assert_eq!(done.created, 2);
    assert_eq!(lga.events(&Default::default()).unwrap().len(), 2);
}

#[test]
fn a_damaged_pack_and_the_wrong_persons_pack_are_refused_with_the_cores_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut kent = store(dir.path(), "kent.db", Role::CouncilOrganiser, Some("Kent"));
    kent.add_event(&form("Kent open day", "Sessions House"), at(10))
        .unwrap();
    let path = submission(&kent, dir.path(), "kent.json", 11);
    let text = std::fs::read_to_string(&path).unwrap();
    let damaged = dir.path().join("damaged.json");
    std::fs::write(&damaged, text.replace("Kent open day", "Kent open night")).unwrap();
    let mut lga = store(dir.path(), "lga.db", Role::LgaOfficer, None);
    let err: IpcError = dry_run(&mut lga, damaged, at(12)).unwrap_err().into();
    assert!(err.message.contains("damaged"), "{}", err.message);
    // A council organiser does not import a submission.
    let err: IpcError = dry_run(&mut kent, path, at(12)).unwrap_err().into();
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[test]
fn the_pack_written_is_the_persons_own_kind_for_their_council() {
    let dir = tempfile::tempdir().unwrap();
    let lga = store(dir.path(), "lga.db", Role::LgaOfficer, None);
    let reply = lga.person_pack("Leeds", "", at(10)).unwrap();
    assert_eq!(reply.kind, PackKind::Reply);
    assert_eq!(reply.council, "Leeds (383)");
    assert_eq!(reply.file.suggested_name, "cpweek-reply-383-2014.json");
    let err: IpcError = lga.person_pack(" ", "", at(10)).unwrap_err().into();
    assert_eq!(err.fields[0].field, "council");
    let nobody = store(dir.path(), "none.db", Role::CouncilOrganiser, None);
    let err: IpcError = nobody.person_pack("Kent", "", at(10)).unwrap_err().into();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(
        err.message.contains("your council is not set"),
        "{}",
        err.message
    );
    let page = nobody.packs_page().unwrap();
    assert!(page.work.blocked.is_some());
}

#[test]
fn a_conflict_reaches_the_window_with_both_sides_named_and_who_may_choose() {
    let dir = tempfile::tempdir().unwrap();
    let mut kent = store(dir.path(), "kent.db", Role::CouncilOrganiser, Some("886"));
    let mut lga = store(dir.path(), "lga.db", Role::LgaOfficer, None);
    let id = kent
        .add_event(&form("Kent open day", "Sessions House"), at(10))
        .unwrap()
        .event
        .id;
    let first = submission(&kent, dir.path(), "kent.json", 11);
    let (held, shown) = dry_run(&mut lga, first, at(12)).unwrap();
    let done = import_held(&mut lga, &held, &shown.token, at(12)).unwrap();
    let here = done.items[0].event_id.unwrap();
    lga.edit_event(here, &form("Kent open day 2014", "Sessions House"), at(13))
        .unwrap();
    let moved = EventForm {
        end: "2014-10-28T13:00".into(),
        ..form("Kent open day", "The Hop Farm")
    };
    kent.edit_event(id, &moved, at(13)).unwrap();
    let second = submission(&kent, dir.path(), "kent2.json", 14);
    let (held, shown) = dry_run(&mut lga, second, at(15)).unwrap();
    assert_eq!(shown.report.conflicts, 1);
    import_held(&mut lga, &held, &shown.token, at(15)).unwrap();

    let listed = lga.packs_page().unwrap();
    assert_eq!(listed.work.council, None);
    assert_eq!(listed.council, None);
    let [c] = &listed.conflicts[..] else {
        panic!("one conflict: {:?}", listed.conflicts)
    };
    assert_eq!(
        (c.here.as_str(), c.there.as_str()),
        ("The LGA's", "The council's")
    );
    assert_eq!(c.here_side, Side::Lga);
    assert_eq!(c.refusal, None);
    let AnyPackConflict::Event(conflict) = &c.conflict else {
        panic!("an event's conflict: {:?}", c.conflict)
    };
    let fields: Vec<&str> = conflict.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["end", "title", "venue"]);
    // Values as the core words them for people: here first, then the pack's.
    let end = &conflict.fields[0];
    assert_eq!(
        (end.old.as_str(), end.new.as_str()),
        (
            Some("Tuesday 28 October 2014, midday"),
            Some("Tuesday 28 October 2014, 1pm")
        )
    );
    let changes = &shown.report.items[0].changes;
    assert_eq!(
        changes[0].old.as_str(),
        Some("Tuesday 28 October 2014, midday")
    );
    // Who may choose is the core's rule: not a council organiser here.
    lga.save_settings(&SettingsForm {
        role: Some(Role::CouncilOrganiser),
        my_council: Some("886".into()),
        ..Default::default()
    })
    .unwrap();
    let as_kent = lga.packs_page().unwrap();
    let refusal = as_kent.conflicts[0].refusal.as_deref().unwrap_or_default();
    assert!(
        refusal.starts_with("only an LGA officer can resolve"),
        "{refusal}"
    );
    assert_eq!(as_kent.council.as_deref(), Some("Kent (886)"));
    let err: IpcError = lga
        .resolve_pack_conflict(c.conflict.id(), Side::Council, at(16))
        .unwrap_err()
        .into();
    assert_eq!(err.code, ErrorCode::Forbidden);
}

/// Kent's request for the minister (person 1) to speak at `event`,
/// submitted to the LGA.
fn ask(kent: &mut Store, event: i64) -> i64 {
    let id = kent
        .add_request(
            &RequestForm {
                event: event.to_string(),
                person: "1".into(),
                role: "speak".into(),
                from: "10:30".into(),
                to: "11:00".into(),
                case: "Care leavers will present the awards they designed".into(),
                contact_name: "Sam Contact".into(),
                contact_email: "sam.contact@kent.gov.uk".into(),
                priority: "4".into(),
                ..Default::default()
            },
            at(10),
        )
        .unwrap()
        .id;
    kent.move_request(id, RequestAction::Submit, &MoveNote::default(), at(10))
        .unwrap();
    id
}

fn moved(start: &str, end: &str) -> EventForm {
    EventForm {
        start: start.into(),
        end: end.into(),
        ..form("Kent open day", "Sessions House")
    }
}

#[test]
fn requests_are_shown_counted_worded_and_their_conflicts_settled_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut kent = store(dir.path(), "kent.db", Role::CouncilOrganiser, Some("886"));
    let mut lga = store(dir.path(), "lga.db", Role::LgaOfficer, None);
    let event = kent
        .add_event(&form("Kent open day", "Sessions House"), at(10))
        .unwrap()
        .event
        .id;
    ask(&mut kent, event);
    // The pack saved says what it holds.
    let made = kent.person_pack("", "", at(11)).unwrap();
    assert_eq!(made.file.holds(), "1 event and 1 ministerial request");

    // The dry run lists the request, for people.
    let path = submission(&kent, dir.path(), "kent.json", 11);
    let (held, shown) = dry_run(&mut lga, path, at(12)).unwrap();
    assert_eq!(shown.report.request_counts.created, 1);
    let [q] = &shown.report.requests[..] else {
        panic!("one request: {:?}", shown.report.requests)
    };
    assert_eq!(q.outcome, Outcome::Created);
    assert!(q.title.contains(" to speak: Kent open day"), "{}", q.title);
    import_held(&mut lga, &held, &shown.token, at(12)).unwrap();

    // The LGA forwards it; the reply's dry run at Kent words the status.
    let at_lga = lga.requests(&Default::default()).unwrap()[0].id;
    lga.move_request(at_lga, RequestAction::Forward, &MoveNote::default(), at(13))
        .unwrap();
    let back = lga.person_pack("886", "", at(13)).unwrap();
    let reply = dir.path().join("reply.json");
    std::fs::write(&reply, &back.file.bytes).unwrap();
    let (held, shown) = dry_run(&mut kent, reply, at(14)).unwrap();
    assert_eq!(shown.report.request_counts.changed, 1, "{:?}", shown.report);
    let status = shown.report.requests[0]
        .changes
        .iter()
        .find(|c| c.field == "status")
        .expect("the status changed");
    assert_eq!(
        (status.old.as_str(), status.new.as_str()),
        (
            Some("Submitted to the LGA"),
            Some("Forwarded to the office")
        )
    );
    import_held(&mut kent, &held, &shown.token, at(14)).unwrap();

    // Both sides move the event: its request's times change on both sides.
    let lga_event = lga.events(&Default::default()).unwrap()[0].id;
    kent.edit_event(
        event,
        &moved("2014-10-28T11:00", "2014-10-28T13:00"),
        at(15),
    )
    .unwrap();
    lga.edit_event(
        lga_event,
        &moved("2014-10-28T10:15", "2014-10-28T14:00"),
        at(15),
    )
    .unwrap();
    let path = submission(&kent, dir.path(), "kent2.json", 16);
    let (held, shown) = dry_run(&mut lga, path, at(16)).unwrap();
    assert_eq!(
        shown.report.request_counts.conflicts, 1,
        "{:?}",
        shown.report
    );
    import_held(&mut lga, &held, &shown.token, at(16)).unwrap();

    // The window lists both conflicts, the request's naming its person and
    // event, its times worded for people.
    let listed = lga.packs_page().unwrap();
    assert_eq!(listed.conflicts.len(), 2, "{:?}", listed.conflicts);
    let (request_conflict, title) = listed
        .conflicts
        .iter()
        .find_map(|c| match &c.conflict {
            AnyPackConflict::Request(r) => Some((r, c)),
            AnyPackConflict::Event(_) | AnyPackConflict::Practice(_) => None,
        })
        .expect("the request's conflict is listed");
    assert!(
        request_conflict.title.contains(" to speak: Kent open day"),
        "{}",
        request_conflict.title
    );
    assert_eq!(
        (
            title.here.as_str(),
            title.there.as_str(),
            title.refusal.as_deref()
        ),
        ("The LGA's", "The council's", None)
    );
    let start = &request_conflict.fields[0];
    assert_eq!(
        (start.field.as_str(), start.new.as_str()),
        ("start", Some("Tuesday 28 October 2014, 11:30am"))
    );

    // Settled in the window: the event's first, then the request's.
    let event_conflict = listed
        .conflicts
        .iter()
        .find_map(|c| match &c.conflict {
            AnyPackConflict::Event(e) => Some(e.id),
            AnyPackConflict::Request(_) | AnyPackConflict::Practice(_) => None,
        })
        .unwrap();
    let kept = settle(&mut lga, event_conflict, Side::Council, at(17)).unwrap();
    assert_eq!(kept.title, "Kent open day");
    let kept = settle(&mut lga, request_conflict.id, Side::Council, at(17)).unwrap();
    assert!(
        kept.title.contains(" to speak: Kent open day"),
        "{}",
        kept.title
    );
    assert!(lga.packs_page().unwrap().conflicts.is_empty());
    assert!(
        settle(&mut lga, request_conflict.id, Side::Lga, at(17)).is_err(),
        "a conflict is settled once"
    );
}

#[test]
fn themes_and_audiences_in_a_change_are_named_not_slugs() {
    let dir = tempfile::tempdir().unwrap();
    let mut kent = store(dir.path(), "kent.db", Role::CouncilOrganiser, Some("886"));
    let mut lga = store(dir.path(), "lga.db", Role::LgaOfficer, None);
    let id = kent
        .add_event(&form("Kent open day", "Sessions House"), at(10))
        .unwrap()
        .event
        .id;
    let path = submission(&kent, dir.path(), "kent.json", 11);
    let (held, shown) = dry_run(&mut lga, path, at(12)).unwrap();
    import_held(&mut lga, &held, &shown.token, at(12)).unwrap();
    let catalogue = kent.catalogue().unwrap();
    let (theme, audience) = (&catalogue.themes[0], &catalogue.audiences[0]);
    assert_ne!(theme.slug, theme.name);
    kent.edit_event(
        id,
        &EventForm {
            themes: vec![theme.slug.clone()],
            audiences: vec![audience.slug.clone()],
            ..form("Kent open day", "Sessions House")
        },
        at(13),
    )
    .unwrap();
    let path = submission(&kent, dir.path(), "kent2.json", 14);
    let (_, shown) = dry_run(&mut lga, path, at(15)).unwrap();
    let changes = &shown.report.items[0].changes;
    let value = |field: &str| {
        let c = changes.iter().find(|c| c.field == field).unwrap();
        (
            c.old.as_str().unwrap().to_string(),
            c.new.as_str().unwrap().to_string(),
        )
    };
    assert_eq!(value("themes"), ("None".into(), theme.name.clone()));
    assert_eq!(value("audiences"), ("None".into(), audience.name.clone()));
}
