//! Releases as the window reaches them: the edition crosses IPC as the
//! window sends it and the core checks it; a release and its changes
//! reach the window with the fields it shows.

use chrono::{TimeZone, Utc};
use cpweek_core::event::{EventForm, Review};
use cpweek_core::permission::Role;
use cpweek_core::publish::programme::Edition;
use cpweek_core::store::{Open, SettingsForm};
use cpweek_core::{ErrorCode, Store};

use crate::error::IpcError;

#[test]
fn the_edition_crosses_ipc_as_the_window_sends_it() {
    let live: Edition = serde_json::from_str(r#""live""#).unwrap();
    assert_eq!(live, Edition::Live);
    let second: Edition = serde_json::from_str(r#"{"release":2}"#).unwrap();
    assert_eq!(second, Edition::Release(2));
    for wrong in [r#""latest""#, r#"{"release":-1}"#, r#"{"release":"one"}"#] {
        assert!(
            serde_json::from_str::<Edition>(wrong).is_err(),
            "{wrong} is not an edition"
        );
    }
}

#[test]
fn a_release_reaches_the_window_with_its_changes_and_an_unmade_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap();
    let mut store = Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now).unwrap();
    store.init().unwrap();
    store
        .save_settings(&SettingsForm {
            role: Some(Role::LgaOfficer),
            ..Default::default()
        })
        .unwrap();
    let form = EventForm {
        council: "Kent".into(),
        title: "Kent open day".into(),
        start: "2014-10-28T10:00".into(),
        end: "2014-10-28T12:00".into(),
        ..Default::default()
    };
    let id = store.add_event(&form, now).unwrap().event.id;
    store.review_event(id, &Review::Approve, now).unwrap();
    store.make_release("", Some("  "), now).unwrap();
    let listed = serde_json::to_value(store.release_changes("", None).unwrap()).unwrap();
    assert_eq!(listed[0]["release"]["number"], 1);
    assert_eq!(
        listed[0]["release"]["note"],
        serde_json::Value::Null,
        "a blank note is none"
    );
    assert_eq!(listed[0]["changes"]["added"][0]["title"], "Kent open day");
    let err: IpcError = store
        .programme_preview("", Edition::Release(2))
        .unwrap_err()
        .into();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("there is no release 2"),
        "{}",
        err.message
    );
}
