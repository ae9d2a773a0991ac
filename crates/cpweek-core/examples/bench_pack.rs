//! Benchmark (not a test): a council's submission pack of 2,000 events
//! imported at the LGA (issue 10 aims at under a second), on real database
//! files in a temporary folder (WAL, as the CLI opens them).
//!
//! `cargo run --release -p cpweek-core --example bench_pack` prints one
//! JSON line of timings in milliseconds: writing the pack at the council,
//! importing it new at the LGA, the same pack again (every record
//! unchanged), and a pack where every record changed. `EVENTS=N` changes
//! the number of events; one in ten events has a ministerial request
//! (submitted), which travels in the same pack (`REQUESTS=0` for none).
//! Run it with
//! `scripts/bench-pack`.

use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use cpweek_core::attendance::{MoveNote, RequestAction, RequestForm};
use cpweek_core::event::EventForm;
use cpweek_core::pack::PackKind;
use cpweek_core::store::{ImportMode, Open, Role, SettingsForm};
use cpweek_core::Store;

fn main() {
    let count: usize = std::env::var("EVENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let now = Utc.with_ymd_and_hms(2014, 9, 2, 9, 0, 0).unwrap();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let open = |name: &str, role: Role, council: Option<&str>| {
        let mut s = Store::open(&dir.path().join(name), Open::CreateIfMissing, now).expect("open");
        s.init().expect("seeds");
        s.save_settings(&SettingsForm {
            role: Some(role),
            my_council: council.map(str::to_string),
            name: Some("Bench".into()),
        })
        .expect("settings");
        s
    };
    let mut council = open("kent.db", Role::CouncilOrganiser, Some("886"));
    let mut lga = open("lga.db", Role::LgaOfficer, None);

    let first = NaiveDate::from_ymd_opt(2014, 10, 27).expect("a date");
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        let day = first + Duration::days((i % 7) as i64);
        let hour = 9 + (i % 9);
        let form = EventForm {
            council: "886".into(),
            title: format!("Kent event {i}: care leavers' celebration"),
            description:
                "Tea, cake and a talk by care leavers about what helped them.\nAll welcome.".into(),
            start: format!("{day}T{hour:02}:00"),
            end: format!("{day}T{:02}:30", hour + 1),
            venue: "Sessions House".into(),
            address: "County Road, Maidstone".into(),
            postcode: "ME14 1XQ".into(),
            themes: vec!["care-leavers".into(), "education".into()],
            audiences: vec!["care-leavers".into()],
            private: i % 10 == 0,
            contact_name: "Kim Organiser".into(),
            contact_email: "kim@kent.example".into(),
            contact_phone: "03000 41 41 41".into(),
            booking_url: "https://kent.example/book".into(),
            capacity: "80".into(),
            ..Default::default()
        };
        ids.push(council.add_event(&form, now).expect("an event").event.id);
    }
    let with_requests = std::env::var("REQUESTS").map_or(true, |v| v != "0");
    let mut requests = 0;
    for (i, id) in ids
        .iter()
        .enumerate()
        .filter(|(i, _)| with_requests && i % 10 == 0)
    {
        let form = RequestForm {
            event: id.to_string(),
            person: (1 + (i / 10) % 4).to_string(),
            role: "speak".into(),
            case: "Care leavers will present the awards they designed".into(),
            contact_name: "Kim Organiser".into(),
            ..Default::default()
        };
        let q = council.add_request(&form, now).expect("a request");
        council
            .move_request(q.id, RequestAction::Submit, &MoveNote::default(), now)
            .expect("submitted");
        requests += 1;
    }

    let t = Instant::now();
    let pack = council
        .export_pack("886", PackKind::Submission, "", now)
        .expect("a pack");
    let export_ms = t.elapsed().as_secs_f64() * 1000.0;

    let t = Instant::now();
    let r = lga
        .import_pack(&pack.bytes, ImportMode::Write, now)
        .expect("import");
    let import_new_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(r.created, count);
    assert_eq!(r.request_counts.created, requests);

    let t = Instant::now();
    let r = lga
        .import_pack(&pack.bytes, ImportMode::Write, now)
        .expect("again");
    let import_again_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(r.unchanged, count);
    assert_eq!(r.request_counts.unchanged, requests);

    for id in &ids {
        let mut form = council.event(*id).expect("event").to_form();
        form.capacity = "90".into();
        council.edit_event(*id, &form, now).expect("edit");
    }
    let changed = council
        .export_pack("886", PackKind::Submission, "", now)
        .expect("a pack");
    let t = Instant::now();
    let r = lga
        .import_pack(&changed.bytes, ImportMode::Write, now)
        .expect("changed");
    let import_changed_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(r.changed, count);

    println!(
        "{{\"events\": {count}, \"requests\": {requests}, \"pack_bytes\": {}, \"export_ms\": {export_ms:.0}, \"import_new_ms\": {import_new_ms:.0}, \"import_again_ms\": {import_again_ms:.0}, \"import_changed_ms\": {import_changed_ms:.0}}}",
        pack.bytes.len()
    );
}
