//! Packs as the window reaches them, between two real databases: the pack
//! shown in the dry run is the pack imported (and only while its file is
//! unchanged), a damaged pack is refused with the core's message, the pack
//! written is the person's own kind for their own council, and conflicts
//! reach the window with both sides named and whether the person may
//! choose, as the core's permission rule says.

use chrono::{DateTime, TimeZone, Utc};
use cpweek_core::event::EventForm;
use cpweek_core::pack::{PackKind, Side};
use cpweek_core::permission::Role;
use cpweek_core::store::{Open, SettingsForm};
use cpweek_core::{ErrorCode, Store};

use super::{dry_run, import_held, make, page};
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
    let made = make(kent, "ignored: an organiser sends their own", "", at(hour)).unwrap();
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
    let changed = make(&kent, "", "", at(14)).unwrap();
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
    let reply = make(&lga, "Leeds", "", at(10)).unwrap();
    assert_eq!(reply.kind, PackKind::Reply);
    assert_eq!(reply.council, "Leeds (383)");
    assert_eq!(reply.file.suggested_name, "cpweek-reply-383-2014.json");
    let err: IpcError = make(&lga, " ", "", at(10)).unwrap_err().into();
    assert_eq!(err.fields[0].field, "council");
    let nobody = store(dir.path(), "none.db", Role::CouncilOrganiser, None);
    let err: IpcError = make(&nobody, "Kent", "", at(10)).unwrap_err().into();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(
        err.message.contains("your council is not set"),
        "{}",
        err.message
    );
    let page = page(&nobody).unwrap();
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

    let listed = page(&lga).unwrap();
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
    let fields: Vec<&str> = c.conflict.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["end", "title", "venue"]);
    // Values as the core words them for people: here first, then the pack's.
    let end = &c.conflict.fields[0];
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
    let as_kent = page(&lga).unwrap();
    let refusal = as_kent.conflicts[0].refusal.as_deref().unwrap_or_default();
    assert!(
        refusal.starts_with("only an LGA officer can resolve"),
        "{refusal}"
    );
    assert_eq!(as_kent.council.as_deref(), Some("Kent (886)"));
    let err: IpcError = lga
        .resolve_pack_conflict(c.conflict.id, Side::Council, at(16))
        .unwrap_err()
        .into();
    assert_eq!(err.code, ErrorCode::Forbidden);
}
