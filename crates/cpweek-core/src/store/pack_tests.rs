//! Packs between two databases: a council's and the LGA's.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::tests::{at, kent_form, seeded};
use super::*;
use crate::pack::report::PackReport;
use crate::pack::{document_digest, PackKind, Side};

/// Kent's database: a council organiser of Kent.
pub(super) fn kent() -> Store {
    let mut s = seeded();
    s.save_settings(&SettingsForm {
        role: Some(Role::CouncilOrganiser),
        my_council: Some("886".into()),
        name: Some("Kim Organiser".into()),
    })
    .unwrap();
    s
}

/// The LGA's database: an LGA officer.
pub(super) fn lga() -> Store {
    let mut s = seeded();
    s.save_settings(&SettingsForm {
        role: Some(Role::LgaOfficer),
        name: Some("Lee Officer".into()),
        ..Default::default()
    })
    .unwrap();
    s
}

pub(super) fn submission(s: &Store, hour: u32) -> Vec<u8> {
    s.export_pack("886", PackKind::Submission, "", at(2014, 9, 10, hour))
        .unwrap()
        .bytes
}

pub(super) fn reply(s: &Store, hour: u32) -> Vec<u8> {
    s.export_pack("886", PackKind::Reply, "", at(2014, 9, 11, hour))
        .unwrap()
        .bytes
}

pub(super) fn import(s: &mut Store, bytes: &[u8], hour: u32) -> PackReport {
    s.import_pack(bytes, ImportMode::Write, at(2014, 9, 12, hour))
        .unwrap()
}

/// Kent's events as the store holds them, with their ids left out (each
/// database numbers its own).
fn kents(s: &Store) -> Vec<Event> {
    let mut list: Vec<Event> = s
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.council == "886")
        .map(|mut e| {
            e.id = 0;
            e
        })
        .collect();
    list.sort_by(|a, b| a.uid.cmp(&b.uid));
    list
}

fn outcomes(r: &PackReport) -> (usize, usize, usize, usize, usize) {
    (r.created, r.changed, r.unchanged, r.refused, r.conflicts)
}

/// A pack's JSON changed by `edit`, its digest made again (as anyone can:
/// the digest is not a signature).
pub(super) fn edited(bytes: &[u8], edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(bytes).unwrap();
    edit(&mut v);
    v["digest"] = json!(document_digest(&v));
    serde_json::to_vec_pretty(&v).unwrap()
}

#[test]
fn a_submission_reproduces_the_councils_events_at_the_lga_private_ones_too() {
    let mut council = kent();
    let public = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let private = council
        .add_event(
            &EventForm {
                title: "Private tea with children in care".into(),
                private: true,
                contact_name: "Pat Carer".into(),
                capacity: "12".into(),
                ..kent_form()
            },
            at(2014, 9, 2, 10),
        )
        .unwrap()
        .event;
    // Another council's event in the same database is not Kent's to send.
    council
        .add_event(
            &EventForm {
                council: "352".into(),
                ..kent_form()
            },
            at(2014, 9, 2, 11),
        )
        .unwrap();
    let bytes = submission(&council, 9);
    let mut l = lga();
    let r = import(&mut l, &bytes, 9);
    assert_eq!(outcomes(&r), (2, 0, 0, 0, 0), "{r:?}");
    assert_eq!(kents(&l), kents(&council));
    let at_lga = l.event(r.items[1].event_id.unwrap()).unwrap();
    assert_eq!(at_lga.uid, private.uid);
    assert_eq!(at_lga.details.contact_name.as_deref(), Some("Pat Carer"));
    assert_eq!(
        l.event(r.items[0].event_id.unwrap()).unwrap().uid,
        public.uid
    );
    // History names the LGA officer who imported it.
    let h = l.event_history(at_lga.id).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].action, HistoryAction::ImportedFromPack);
    assert_eq!(h[0].who, "Lee Officer");
    // Importing the same pack again changes nothing.
    let again = import(&mut l, &bytes, 10);
    assert_eq!(outcomes(&again), (0, 0, 2, 0, 0), "{again:?}");
    assert_eq!(l.event_history(at_lga.id).unwrap().len(), 1);
}

#[test]
fn a_joint_event_travels_with_its_partners_in_its_lead_councils_pack_only() {
    let mut council = kent();
    let joint = council
        .add_event(
            &EventForm {
                partner_councils: vec!["921".into()],
                ..kent_form()
            },
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    // Hampshire's event with Kent as its partner is Hampshire's to send.
    council
        .add_event(
            &EventForm {
                council: "850".into(),
                partner_councils: vec!["886".into()],
                ..kent_form()
            },
            at(2014, 9, 2, 10),
        )
        .unwrap();
    let bytes = submission(&council, 9);
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    assert_eq!(v["events"][0]["partner_councils"], json!(["921"]));
    let mut l = lga();
    let r = import(&mut l, &bytes, 9);
    assert_eq!(outcomes(&r), (1, 0, 0, 0, 0), "{r:?}");
    assert_eq!(kents(&l), kents(&council));
    let at_lga = l.event(r.items[0].event_id.unwrap()).unwrap();
    assert_eq!(at_lga.uid, joint.uid);
    assert_eq!(at_lga.partner_councils, ["921"]);
    // The LGA approves it; then a new partner at the council is a change
    // the LGA sees by name, which puts the event back in its review queue.
    l.review_event(at_lga.id, &Review::Approve, at(2014, 9, 2, 12))
        .unwrap();
    assert!(l.review_queue(&Default::default()).unwrap().is_empty());
    let mut form = council.event(joint.id).unwrap().to_form();
    form.partner_councils.push("852".into());
    council
        .edit_event(joint.id, &form, at(2014, 9, 3, 9))
        .unwrap();
    let r = import(&mut l, &submission(&council, 10), 10);
    assert_eq!(outcomes(&r), (0, 1, 0, 0, 0), "{r:?}");
    assert_eq!(l.event(at_lga.id).unwrap().partner_councils, ["921", "852"]);
    assert!(l
        .review_queue(&Default::default())
        .unwrap()
        .iter()
        .any(|q| q.id == at_lga.id && q.status == Status::Approved));
}

#[test]
fn a_dry_run_reports_the_same_and_writes_nothing() {
    let mut council = kent();
    council.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    let bytes = submission(&council, 9);
    let mut l = lga();
    let stamp = l.app_stamp().unwrap();
    let dry = l
        .import_pack(&bytes, ImportMode::DryRun, at(2014, 9, 12, 9))
        .unwrap();
    assert!(dry.dry_run);
    assert_eq!(outcomes(&dry), (1, 0, 0, 0, 0));
    assert_eq!(l.app_stamp().unwrap(), stamp);
    assert!(kents(&l).is_empty());
    let real = import(&mut l, &bytes, 9);
    assert_eq!(real.items[0].outcome, dry.items[0].outcome);
}

#[test]
fn a_council_cannot_approve_itself_by_editing_its_pack() {
    let mut council = kent();
    council.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    let forged = edited(&submission(&council, 9), |v| {
        v["events"][0]["status"] = json!("approved");
        v["events"][0]["was_approved"] = json!(true);
    });
    let mut l = lga();
    let r = import(&mut l, &forged, 9);
    assert_eq!(r.created, 1);
    assert!(r.items[0].notes[0].contains("the pack says approved, which only the LGA decides"));
    let e = l.event(r.items[0].event_id.unwrap()).unwrap();
    assert_eq!(e.status, Status::Submitted);
    assert!(!e.was_approved);
    // Nor later, on an event the LGA already holds; nor by "returned".
    for claim in ["approved", "returned"] {
        let forged = edited(&submission(&council, 10), |v| {
            v["events"][0]["status"] = json!(claim);
            v["events"][0]["status_note"] = json!("fine");
        });
        let r = import(&mut l, &forged, 10);
        assert_eq!(outcomes(&r), (0, 0, 1, 0, 0), "{r:?}");
        let e = l.event(e.id).unwrap();
        assert_eq!((e.status, e.status_note), (Status::Submitted, None));
    }
}

#[test]
fn records_of_another_council_and_records_the_form_refuses_are_refused_by_name() {
    let mut council = kent();
    council.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    council
        .add_event(
            &EventForm {
                title: "Second".into(),
                ..kent_form()
            },
            at(2014, 9, 2, 9),
        )
        .unwrap();
    let bytes = edited(&submission(&council, 9), |v| {
        v["events"][0]["council"] = json!("352");
        v["events"][1]["contact_email"] = json!("not an address");
    });
    let mut l = lga();
    let r = import(&mut l, &bytes, 9);
    assert_eq!(outcomes(&r), (0, 0, 0, 2, 0), "{r:?}");
    assert_eq!(r.items[0].field.as_deref(), Some("council"));
    assert!(r.items[0]
        .reason
        .as_ref()
        .unwrap()
        .contains("council 352, but this is Kent (886)'s pack"));
    assert_eq!(r.items[1].field.as_deref(), Some("contact_email"));
    assert!(kents(&l).is_empty());
    // A SEQUENCE that could not rise again is refused, not stored.
    let bytes = edited(&submission(&council, 9), |v| {
        v["events"][0]["sequence"] = json!(u32::MAX);
    });
    let r = import(&mut l, &bytes, 9);
    assert_eq!(outcomes(&r), (1, 0, 0, 1, 0), "{r:?}");
    assert_eq!(r.items[0].field.as_deref(), Some("sequence"));
}

#[test]
fn a_pack_for_a_programme_the_database_does_not_hold_is_refused_whole() {
    let mut council = kent();
    council.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    let bytes = edited(&submission(&council, 9), |v| {
        v["programme"] = json!("2031");
        v["events"][0]["programme"] = json!("2031");
    });
    let e = lga()
        .import_pack(&bytes, ImportMode::Write, at(2014, 9, 12, 9))
        .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "programme");
    assert!(
        e.to_string()
            .starts_with("the pack is for programme 2031, which this database does not hold"),
        "{e}"
    );
}

#[test]
fn only_the_lga_imports_submissions_and_only_the_council_itself_its_reply() {
    let mut council = kent();
    council.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    let bytes = submission(&council, 9);
    let e = council
        .import_pack(&bytes, ImportMode::Write, at(2014, 9, 12, 9))
        .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::Forbidden);
    let mut l = lga();
    import(&mut l, &bytes, 9);
    let r = reply(&l, 9);
    let e = l
        .import_pack(&r, ImportMode::Write, at(2014, 9, 12, 9))
        .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::Forbidden);
    let mut manchester = kent();
    manchester
        .save_settings(&SettingsForm {
            my_council: Some("352".into()),
            ..Default::default()
        })
        .unwrap();
    let e = manchester
        .import_pack(&r, ImportMode::Write, at(2014, 9, 12, 9))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("only a council organiser of council 886"),
        "{e}"
    );
    // A council organiser cannot write a reply.
    assert!(council
        .export_pack("886", PackKind::Reply, "", at(2014, 9, 12, 9))
        .is_err());
}

#[test]
fn the_reply_carries_the_lgas_decisions_and_a_returned_event_shows_its_note() {
    let mut council = kent();
    let a = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let b = council
        .add_event(
            &EventForm {
                title: "Kent foster carers' evening".into(),
                ..kent_form()
            },
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    let mut l = lga();
    let r = import(&mut l, &submission(&council, 9), 9);
    let (la, lb) = (r.items[0].event_id.unwrap(), r.items[1].event_id.unwrap());
    l.review_event(la, &Review::Approve, at(2014, 9, 13, 9))
        .unwrap();
    l.review_event(
        lb,
        &Review::Return {
            note: "Please add a booking link".into(),
        },
        at(2014, 9, 13, 9),
    )
    .unwrap();
    let back = import(&mut council, &reply(&l, 9), 9);
    assert_eq!(outcomes(&back), (0, 2, 0, 0, 0), "{back:?}");
    assert_eq!(kents(&council), kents(&l));
    let returned = council.event(b.id).unwrap();
    assert_eq!(returned.status, Status::Returned);
    assert_eq!(
        returned.status_note.as_deref(),
        Some("Please add a booking link")
    );
    assert_eq!(council.event(a.id).unwrap().status, Status::Approved);
    let h = council.event_history(b.id).unwrap();
    assert_eq!(h.last().unwrap().action, HistoryAction::DecidedByPack);
    let change = back.items[1]
        .changes
        .iter()
        .find(|c| c.field == "status")
        .unwrap();
    assert_eq!(
        (change.old.clone(), change.new.clone()),
        (json!("submitted"), json!("returned"))
    );

    // The council edits the returned event and sends it again: resubmitted.
    let mut form = returned.to_form();
    form.booking_url = "https://kent.example/book".into();
    council.edit_event(b.id, &form, at(2014, 9, 14, 9)).unwrap();
    let again = import(&mut l, &submission(&council, 11), 11);
    assert_eq!(outcomes(&again), (0, 1, 1, 0, 0), "{again:?}");
    let fields: Vec<&str> = again.items[1]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, ["booking_url", "status"]);
    assert_eq!(l.event(lb).unwrap().status, Status::Submitted);
    assert_eq!(kents(&council), kents(&l));
}

#[test]
fn a_council_cancels_through_its_pack_with_its_reason() {
    let mut council = kent();
    let a = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let mut l = lga();
    let id = import(&mut l, &submission(&council, 9), 9).items[0]
        .event_id
        .unwrap();
    l.review_event(id, &Review::Approve, at(2014, 9, 13, 9))
        .unwrap();
    import(&mut council, &reply(&l, 9), 9);
    council
        .review_event(
            a.id,
            &Review::Cancel {
                reason: "Venue flooded".into(),
            },
            at(2014, 9, 15, 9),
        )
        .unwrap();
    let r = import(&mut l, &submission(&council, 12), 12);
    assert_eq!(outcomes(&r), (0, 1, 0, 0, 0), "{r:?}");
    let e = l.event(id).unwrap();
    assert_eq!(
        (e.status, e.status_note.as_deref()),
        (Status::Cancelled, Some("Venue flooded"))
    );
    assert!(e.was_approved);
    assert_eq!(
        l.event_history(id).unwrap().last().unwrap().action,
        HistoryAction::CancelledByPack
    );
    assert_eq!(kents(&council), kents(&l));
}

#[test]
fn a_change_on_both_sides_is_a_conflict_kept_until_a_person_chooses() {
    let mut council = kent();
    let a = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let mut l = lga();
    let id = import(&mut l, &submission(&council, 9), 9).items[0]
        .event_id
        .unwrap();
    // The LGA corrects the title; the council changes the venue.
    let mut lf = l.event(id).unwrap().to_form();
    lf.title = "Kent celebrates its care leavers (corrected)".into();
    l.edit_event(id, &lf, at(2014, 9, 13, 9)).unwrap();
    let mut cf = a.to_form();
    cf.venue = "The Hop Farm".into();
    council.edit_event(a.id, &cf, at(2014, 9, 13, 10)).unwrap();

    let bytes = submission(&council, 12);
    let r = import(&mut l, &bytes, 12);
    assert_eq!(outcomes(&r), (0, 0, 0, 0, 1), "{r:?}");
    let conflict_id = r.items[0].conflict.unwrap();
    // Nothing overwritten; both versions listed.
    assert_eq!(
        l.event(id).unwrap().details.venue.as_deref(),
        Some("Sessions House")
    );
    let open = l.pack_conflicts().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].from, Side::Council);
    let fields: Vec<&str> = open[0].fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["title", "venue"]);
    // The same pack again finds the same conflict waiting.
    let again = import(&mut l, &bytes, 13);
    assert_eq!(
        (again.conflicts, again.items[0].conflict),
        (1, Some(conflict_id))
    );
    assert_eq!(l.pack_conflicts().unwrap().len(), 1);

    // The LGA keeps its version; the reply carries it and the council takes
    // it without a conflict of its own, since it was made with the
    // council's version seen.
    let kept = l
        .resolve_pack_conflict(conflict_id, Side::Lga, at(2014, 9, 14, 9))
        .unwrap();
    assert_eq!(kept.details.venue.as_deref(), Some("Sessions House"));
    assert_eq!(
        l.event_history(id).unwrap().last().unwrap().action,
        HistoryAction::ConflictKeptLga
    );
    assert!(l.pack_conflicts().unwrap().is_empty());
    assert!(l
        .resolve_pack_conflict(conflict_id, Side::Lga, at(2014, 9, 14, 9))
        .is_err());
    let back = import(&mut council, &reply(&l, 12), 12);
    assert_eq!(outcomes(&back), (0, 1, 0, 0, 0), "{back:?}");
    assert_eq!(
        council.event(a.id).unwrap().details.title,
        kept.details.title
    );
    assert_eq!(kents(&council), kents(&l));
    // And the old submission, imported again at the LGA, changes nothing.
    let old = import(&mut l, &bytes, 15);
    assert_eq!(outcomes(&old), (0, 0, 1, 0, 0), "{old:?}");
}

#[test]
fn keeping_the_councils_version_writes_it_at_the_lga() {
    let mut council = kent();
    let a = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let mut l = lga();
    let id = import(&mut l, &submission(&council, 9), 9).items[0]
        .event_id
        .unwrap();
    let mut lf = l.event(id).unwrap().to_form();
    lf.capacity = "40".into();
    l.edit_event(id, &lf, at(2014, 9, 13, 9)).unwrap();
    let mut cf = a.to_form();
    cf.capacity = "60".into();
    council.edit_event(a.id, &cf, at(2014, 9, 13, 10)).unwrap();
    let c = import(&mut l, &submission(&council, 12), 12).items[0]
        .conflict
        .unwrap();
    let e = l
        .resolve_pack_conflict(c, Side::Council, at(2014, 9, 14, 9))
        .unwrap();
    assert_eq!(e.details.capacity, Some(60));
    let last = l.event_history(id).unwrap().pop().unwrap();
    assert_eq!(last.action, HistoryAction::ConflictKeptCouncil);
    assert_eq!(
        last.note.as_deref(),
        Some("The council's version kept (pack conflict 1)")
    );
    let back = import(&mut council, &reply(&l, 12), 12);
    assert_eq!(outcomes(&back).3 + outcomes(&back).4, 0, "{back:?}");
    assert_eq!(council.event(a.id).unwrap().details.capacity, Some(60));
}

#[test]
fn a_change_on_one_side_only_goes_through_without_a_conflict() {
    let mut council = kent();
    let a = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let mut l = lga();
    let id = import(&mut l, &submission(&council, 9), 9).items[0]
        .event_id
        .unwrap();
    // The LGA corrects the postcode; the council changes nothing.
    let mut lf = l.event(id).unwrap().to_form();
    lf.postcode = "ME14 1XX".into();
    l.edit_event(id, &lf, at(2014, 9, 13, 9)).unwrap();
    let r = import(&mut council, &reply(&l, 9), 9);
    assert_eq!(outcomes(&r), (0, 1, 0, 0, 0), "{r:?}");
    assert_eq!(r.items[0].changes[0].field, "postcode");
    assert_eq!(
        council.event(a.id).unwrap().details.postcode.as_deref(),
        Some("ME14 1XX")
    );
    // The council's own later change then goes to the LGA.
    let mut cf = council.event(a.id).unwrap().to_form();
    cf.title = "Kent's care leavers' awards".into();
    council.edit_event(a.id, &cf, at(2014, 9, 14, 9)).unwrap();
    let r = import(&mut l, &submission(&council, 12), 12);
    assert_eq!(outcomes(&r), (0, 1, 0, 0, 0), "{r:?}");
    assert_eq!(kents(&council), kents(&l));
    // An old pack from before the change does not undo it.
    let old_reply = reply(&l, 9);
    let mut cf = council.event(a.id).unwrap().to_form();
    cf.title = "Kent's care leavers' awards 2014".into();
    council.edit_event(a.id, &cf, at(2014, 9, 15, 9)).unwrap();
    let r = import(&mut council, &old_reply, 13);
    assert_eq!(outcomes(&r), (0, 0, 1, 0, 0), "{r:?}");
    assert_eq!(
        council.event(a.id).unwrap().details.title,
        "Kent's care leavers' awards 2014"
    );
}

mod round_trip {
    use super::*;

    #[derive(Debug, Clone)]
    struct Spec {
        title: String,
        description: String,
        minutes: i64,
        length: i64,
        all_day: bool,
        private: bool,
        themes: Vec<&'static str>,
        capacity: Option<u32>,
        council_cancels: bool,
        /// 0: left, 1: approved, 2: returned, 3: cancelled, 4: approved
        /// then returned.
        decision: u8,
    }

    const THEMES: [&str; 4] = [
        "education",
        "care-leavers",
        "health-wellbeing",
        "placement-stability",
    ];

    fn spec() -> impl Strategy<Value = Spec> {
        (
            "[A-Za-z0-9é—][A-Za-z0-9 ,;'\"<>&é—]{0,60}",
            "[A-Za-z ,;\\\\\né]{0,120}",
            0i64..(7 * 24 * 60 - 600),
            15i64..600,
            any::<bool>(),
            any::<bool>(),
            proptest::sample::subsequence(THEMES.to_vec(), 0..3),
            proptest::option::of(1u32..500),
            prop::bool::weighted(0.15),
            0u8..5,
        )
            .prop_map(
                |(
                    title,
                    description,
                    minutes,
                    length,
                    all_day,
                    private,
                    themes,
                    capacity,
                    council_cancels,
                    decision,
                )| Spec {
                    title,
                    description,
                    minutes,
                    length,
                    all_day,
                    private,
                    themes,
                    capacity,
                    council_cancels,
                    decision,
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Random events at a council, exported, imported at the LGA,
        /// reviewed there, and the reply imported at the council: both
        /// databases then hold the same events, every field, nothing
        /// duplicated; importing either pack again changes nothing.
        #[test]
        fn export_import_review_reply_import_loses_and_duplicates_nothing(
            specs in proptest::collection::vec(spec(), 1..8)
        ) {
            let mut council = kent();
            let week = chrono::NaiveDate::from_ymd_opt(2014, 10, 27).unwrap().and_hms_opt(0, 0, 0).unwrap();
            for sp in &specs {
                let start = week + chrono::Duration::minutes(sp.minutes);
                let end = start + chrono::Duration::minutes(sp.length);
                let mut f = kent_form();
                f.title = sp.title.clone();
                f.description = sp.description.clone();
                f.all_day = sp.all_day;
                f.private = sp.private;
                f.themes = sp.themes.iter().map(|t| t.to_string()).collect();
                f.capacity = sp.capacity.map(|c| c.to_string()).unwrap_or_default();
                if sp.all_day {
                    f.start = start.date().to_string();
                    f.end = end.date().to_string();
                } else {
                    f.start = start.format("%Y-%m-%dT%H:%M").to_string();
                    f.end = end.format("%Y-%m-%dT%H:%M").to_string();
                }
                let e = council.add_event(&f, at(2014, 9, 2, 9)).unwrap().event;
                if sp.council_cancels {
                    council.review_event(e.id, &Review::Cancel { reason: "Venue closed".into() }, at(2014, 9, 3, 9)).unwrap();
                }
            }
            let sub = submission(&council, 9);
            let mut l = lga();
            let r = import(&mut l, &sub, 9);
            prop_assert_eq!(outcomes(&r), (specs.len(), 0, 0, 0, 0), "{:?}", r);
            prop_assert_eq!(kents(&l), kents(&council));

            // The pack lists events by start, not in the order they were added.
            for (item, sp) in r.items.iter().zip(&specs) {
                let id = item.event_id.unwrap();
                if l.event(id).unwrap().status == Status::Cancelled {
                    continue;
                }
                let ret = Review::Return { note: format!("Please check {}", sp.title) };
                match sp.decision {
                    1 => { l.review_event(id, &Review::Approve, at(2014, 9, 13, 9)).unwrap(); }
                    2 => { l.review_event(id, &ret, at(2014, 9, 13, 9)).unwrap(); }
                    3 => { l.review_event(id, &Review::Cancel { reason: "Not in the week's spirit".into() }, at(2014, 9, 13, 9)).unwrap(); }
                    4 => {
                        l.review_event(id, &Review::Approve, at(2014, 9, 13, 9)).unwrap();
                        l.review_event(id, &ret, at(2014, 9, 13, 10)).unwrap();
                    }
                    _ => {}
                }
            }
            let rep = reply(&l, 9);
            let back = import(&mut council, &rep, 9);
            prop_assert_eq!(back.refused + back.conflicts + back.created, 0, "{:?}", back);
            prop_assert_eq!(kents(&council), kents(&l));
            prop_assert_eq!(kents(&council).len(), specs.len());

            let before = kents(&l);
            let again = import(&mut l, &sub, 10);
            prop_assert_eq!(outcomes(&again), (0, 0, specs.len(), 0, 0), "{:?}", again);
            prop_assert_eq!(kents(&l), before);
            let before = kents(&council);
            let again = import(&mut council, &rep, 10);
            prop_assert_eq!(outcomes(&again), (0, 0, specs.len(), 0, 0), "{:?}", again);
            prop_assert_eq!(kents(&council), before);
        }
    }
}

mod hostile {
    use super::*;

    const FIELDS: [&str; 26] = [
        "uid",
        "sequence",
        "programme",
        "council",
        "start",
        "end",
        "all_day",
        "title",
        "description",
        "venue",
        "address",
        "postcode",
        "themes",
        "audiences",
        "visibility",
        "contact_name",
        "contact_email",
        "contact_phone",
        "booking_url",
        "capacity",
        "status",
        "status_note",
        "was_approved",
        "created_at",
        "updated_at",
        "seen",
    ];

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u32>().prop_map(Value::from),
            "\\PC{0,40}".prop_map(Value::from),
            "[\\x00-\\x1f\u{202e}\u{200b}a-z]{0,20}".prop_map(Value::from),
            Just(json!("9999-12-31T23:59:59Z")),
            Just(json!("2014-10-28T10:00:00+14:00")),
            Just(json!("approved")),
            Just(json!("cancelled")),
            proptest::collection::vec("\\PC{0,10}", 0..4).prop_map(Value::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// A pack edited at random (its digest made again) is imported or
        /// refused, never a panic; a submission never approves anything.
        #[test]
        fn any_edited_pack_is_taken_or_refused_and_never_approves(
            edits in proptest::collection::vec((0usize..2, 0usize..FIELDS.len(), value()), 1..6)
        ) {
            let mut council = kent();
            council.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
            council.add_event(&EventForm { title: "Second".into(), all_day: true, start: "2014-10-29".into(), end: "".into(), ..kent_form() }, at(2014, 9, 2, 9)).unwrap();
            let bytes = edited(&submission(&council, 9), |v| {
                for (i, field, value) in &edits {
                    v["events"][*i][FIELDS[*field]] = value.clone();
                }
            });
            let mut l = lga();
            let _ = l.import_pack(&bytes, ImportMode::DryRun, at(2014, 9, 12, 9));
            let _ = l.import_pack(&bytes, ImportMode::Write, at(2014, 9, 12, 9));
            let _ = l.import_pack(&bytes, ImportMode::Write, at(2014, 9, 12, 10));
            for e in l.events(&EventFilter::default()).unwrap() {
                prop_assert!(e.status != Status::Approved && !e.was_approved, "{:?}", e);
            }
        }
    }
}
