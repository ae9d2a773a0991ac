//! Ministerial requests in packs, between a council's database and the
//! LGA's.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::pack_tests::{edited, import, kent, lga, reply, submission};
use super::tests::{at, be, kent_form};
use super::*;
use crate::attendance::{
    MoveNote, Request, RequestAction, RequestForm, RequestHistoryAction, RequestStatus,
};
use crate::pack::report::PackReport;
use crate::pack::request::RequestRecord;
use crate::pack::{PackKind, Side};

/// The requests Kent asked for, as its pack carries them, `seen` left out
/// (each side's differs): what both databases must agree on.
fn kents_requests(s: &Store) -> Vec<RequestRecord> {
    let bytes = s
        .export_pack("886", PackKind::Submission, "", at(2014, 9, 20, 9))
        .unwrap()
        .bytes;
    let pack = crate::pack::read::read(&bytes).unwrap();
    let mut list: Vec<RequestRecord> = pack
        .requests
        .into_iter()
        .map(|mut r| {
            r.seen = None;
            r
        })
        .collect();
    list.sort_by(|a, b| a.uid.cmp(&b.uid));
    list
}

fn ask(s: &mut Store, event: i64, person: &str, from: &str, to: &str) -> i64 {
    s.add_request(
        &RequestForm {
            event: event.to_string(),
            person: person.into(),
            role: "speak".into(),
            from: from.into(),
            to: to.into(),
            case: "Care leavers will present the awards they designed".into(),
            contact_name: "Sam Contact".into(),
            contact_email: "sam.contact@kent.gov.uk".into(),
            priority: "4".into(),
            ..Default::default()
        },
        at(2014, 9, 3, 9),
    )
    .unwrap()
    .id
}

fn make(s: &mut Store, id: i64, action: RequestAction, note: &str, hour: u32) {
    s.move_request(
        id,
        action,
        &MoveNote {
            note: note.into(),
            override_reason: "Checked with the office".into(),
        },
        at(2014, 9, 14, hour),
    )
    .unwrap();
}

/// The request at the LGA with the council's request's UID.
fn there(s: &Store, uid: &str) -> Request {
    let r = s
        .requests(&RequestFilter::default())
        .unwrap()
        .into_iter()
        .find(|r| r.uid == uid)
        .unwrap();
    s.request(r.id).unwrap()
}

fn request_counts(r: &PackReport) -> (usize, usize, usize, usize, usize) {
    let c = r.request_counts;
    (c.created, c.changed, c.unchanged, c.refused, c.conflicts)
}

#[test]
fn a_request_gets_a_uid_once_that_never_changes() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let a = ask(&mut council, event.id, "1", "", "");
    let a = council.request(a).unwrap();
    let b = ask(&mut council, event.id, "2", "", "");
    let b = council.request(b).unwrap();
    assert!(a.uid.ends_with("@cpweek.local.gov.uk"), "{}", a.uid);
    assert_ne!(a.uid, b.uid);
    let e = council
        .conn
        .execute("UPDATE requests SET uid = 'other' WHERE id = ?1", [a.id])
        .unwrap_err();
    assert!(e.to_string().contains("UID never changes"), "{e}");
    assert_eq!(council.request(a.id).unwrap().uid, a.uid);
}

#[test]
fn migration_15_gives_every_existing_request_its_own_uid_and_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut store = Store::open(&path, Open::CreateIfMissing, at(2014, 9, 1, 9)).unwrap();
    store.init().unwrap();
    be(&mut store, Role::CouncilOrganiser);
    let event = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let ids: Vec<i64> = ["1", "2", "3"]
        .into_iter()
        .map(|p| ask(&mut store, event.id, p, "", ""))
        .collect();
    make(&mut store, ids[0], RequestAction::Submit, "Please", 9);
    // Put the database back as version 14 left it (and undo 19, which
    // rebuilt pack_conflicts).
    let conflicts_14 = {
        let sql = include_str!("migrations/0013_pack.sql");
        let start = sql.find("CREATE TABLE pack_conflicts").unwrap();
        let end = start + sql[start..].find(") STRICT;").unwrap() + ") STRICT;".len();
        sql[start..end].to_string()
    };
    store
        .conn
        .execute_batch(&format!(
            "DROP INDEX requests_uid;
             DROP TRIGGER requests_uid_required;
             DROP TRIGGER requests_uid_kept;
             ALTER TABLE requests DROP COLUMN uid;
             DROP TABLE request_exchanges;
             DROP TABLE pack_conflicts;
             {conflicts_14}
             DROP TABLE practice_exchanges;
             DELETE FROM schema_migrations WHERE version IN (15, 19);"
        ))
        .unwrap();
    drop(store);
    let store = Store::open(&path, Open::Existing, at(2014, 9, 3, 9)).unwrap();
    let uids: std::collections::BTreeSet<String> = ids
        .iter()
        .map(|id| store.request(*id).unwrap().uid)
        .collect();
    assert_eq!(uids.len(), 3, "{uids:?}");
    for uid in &uids {
        let (id, domain) = uid.split_once('@').unwrap();
        assert_eq!(domain, "cpweek.local.gov.uk");
        let parsed = uuid::Uuid::parse_str(id).unwrap();
        assert_eq!(parsed.get_version_num(), 4, "{uid}");
    }
    let history = store.request(ids[0]).unwrap().history.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].note.as_deref(), Some("Please"));
    assert_eq!(kents_requests(&store).len(), 3);
}

#[test]
fn the_councils_requests_go_to_the_lga_and_its_decisions_come_back() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let whole = ask(&mut council, event.id, "1", "", "");
    let part = ask(&mut council, event.id, "2", "10:30", "11:15");
    let draft = ask(&mut council, event.id, "3", "11:00", "11:30");
    make(
        &mut council,
        whole,
        RequestAction::Submit,
        "The minister's visit would mean a lot",
        9,
    );
    make(&mut council, part, RequestAction::Submit, "", 9);
    // A request the LGA asked for, for Kent's event, is not Kent's to send.
    be(&mut council, Role::LgaOfficer);
    ask(&mut council, event.id, "4", "", "");
    council
        .save_settings(&SettingsForm {
            role: Some(Role::CouncilOrganiser),
            my_council: Some("886".into()),
            name: Some("Kim Organiser".into()),
        })
        .unwrap();

    let sub = submission(&council, 10);
    let pack: Value = serde_json::from_slice(&sub).unwrap();
    assert_eq!(pack["format_version"], json!(crate::pack::FORMAT_VERSION));
    assert_eq!(pack["requests"].as_array().unwrap().len(), 3);
    assert_eq!(pack["requests"][0]["person"]["key"], json!("timpson"));
    assert_eq!(pack["requests"][0]["event"], json!(event.uid));

    let mut l = lga();
    let r = import(&mut l, &sub, 9);
    assert_eq!(request_counts(&r), (3, 0, 0, 0, 0), "{r:?}");
    assert_eq!(kents_requests(&l), kents_requests(&council));
    let at_lga = there(&l, &council.request(whole).unwrap().uid);
    assert_eq!(at_lga.status, RequestStatus::Submitted);
    assert_eq!(at_lga.event_id, r.items[0].event_id);
    let history = at_lga.history.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, RequestHistoryAction::ImportedFromPack);
    assert_eq!(history[0].who, "Lee Officer");
    assert_eq!(history[0].role, Role::LgaOfficer);
    assert_eq!(
        history[0].note.as_deref(),
        Some("The minister's visit would mean a lot")
    );

    // The LGA decides.
    let lga_whole = at_lga.id;
    let lga_part = there(&l, &council.request(part).unwrap().uid).id;
    make(&mut l, lga_whole, RequestAction::Forward, "", 9);
    make(
        &mut l,
        lga_whole,
        RequestAction::Accept,
        "The minister will attend",
        10,
    );
    l.set_request_priority(lga_whole, "5", at(2014, 9, 14, 11))
        .unwrap();
    make(&mut l, lga_part, RequestAction::Forward, "", 9);
    make(
        &mut l,
        lga_part,
        RequestAction::Decline,
        "In Brussels that day",
        10,
    );

    let rep = reply(&l, 12);
    let back = import(&mut council, &rep, 9);
    assert_eq!(request_counts(&back), (0, 2, 1, 0, 0), "{back:?}");
    assert_eq!(kents_requests(&council), kents_requests(&l));
    let accepted = council.request(whole).unwrap();
    assert_eq!(accepted.status, RequestStatus::Accepted);
    assert_eq!(accepted.priority, 5);
    let history = accepted.history.unwrap();
    let [.., decided, ranked] = history.as_slice() else {
        panic!("two entries from the reply");
    };
    for entry in [decided, ranked] {
        assert_eq!(entry.action, RequestHistoryAction::DecidedByPack);
        assert_eq!(entry.who, "Kim Organiser");
        assert_eq!(entry.role, Role::CouncilOrganiser);
    }
    assert_eq!(decided.from_status, Some(RequestStatus::Submitted));
    assert_eq!(decided.to_status, RequestStatus::Accepted);
    assert_eq!(decided.note.as_deref(), Some("The minister will attend"));
    assert_eq!(ranked.note.as_deref(), Some("Priority 4 to 5"));
    let item = back
        .requests
        .iter()
        .find(|i| i.request_id == Some(whole))
        .unwrap();
    let fields: Vec<&str> = item.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["priority", "status", "status_note"]);
    assert_eq!(
        council.request(part).unwrap().status,
        RequestStatus::Declined
    );
    assert_eq!(council.request(draft).unwrap().status, RequestStatus::Draft);

    // Importing either pack again changes nothing.
    let (before_l, before_c) = (kents_requests(&l), kents_requests(&council));
    let again = import(&mut l, &sub, 10);
    assert_eq!(request_counts(&again), (0, 0, 3, 0, 0), "{again:?}");
    let again = import(&mut council, &rep, 10);
    assert_eq!(request_counts(&again), (0, 0, 3, 0, 0), "{again:?}");
    assert_eq!(
        (kents_requests(&l), kents_requests(&council)),
        (before_l, before_c)
    );

    // The council withdraws the accepted request; its next pack says so.
    make(
        &mut council,
        whole,
        RequestAction::Withdraw,
        "The event is now online only",
        11,
    );
    let r = import(&mut l, &submission(&council, 11), 11);
    assert_eq!(request_counts(&r), (0, 1, 2, 0, 0), "{r:?}");
    let w = l.request(lga_whole).unwrap();
    assert_eq!(w.status, RequestStatus::Withdrawn);
    let last = w.history.unwrap().pop().unwrap();
    assert_eq!(last.action, RequestHistoryAction::UpdatedByPack);
    assert_eq!(last.note.as_deref(), Some("The event is now online only"));
    assert_eq!(kents_requests(&l), kents_requests(&council));
}

#[test]
fn a_hand_edited_submission_cannot_accept_its_own_request() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let id = ask(&mut council, event.id, "1", "", "");
    make(&mut council, id, RequestAction::Submit, "", 9);
    let claimed = edited(&submission(&council, 10), |v| {
        v["requests"][0]["status"] = json!("accepted");
        v["requests"][0]["priority"] = json!(5);
    });
    let mut l = lga();
    let r = import(&mut l, &claimed, 9);
    assert_eq!(request_counts(&r), (1, 0, 0, 0, 0), "{r:?}");
    assert!(
        r.requests[0].notes[0].contains("the pack says accepted, which only the LGA decides"),
        "{r:?}"
    );
    let uid = council.request(id).unwrap().uid;
    assert_eq!(there(&l, &uid).status, RequestStatus::Submitted);

    // Nor a known one, nor its priority.
    for status in ["forwarded", "accepted", "held", "declined"] {
        let claimed = edited(&submission(&council, 11), |v| {
            v["requests"][0]["status"] = json!(status);
            v["requests"][0]["priority"] = json!(1);
        });
        let r = import(&mut l, &claimed, 10);
        assert_eq!(request_counts(&r), (0, 0, 1, 0, 0), "{r:?}");
        assert!(
            r.requests[0].notes[0].contains("only the LGA decides"),
            "{r:?}"
        );
        let at_lga = there(&l, &uid);
        assert_eq!(at_lga.status, RequestStatus::Submitted);
        assert_eq!(at_lga.priority, 5);
    }
}

#[test]
fn a_request_for_another_councils_event_or_an_unknown_person_is_refused_by_name() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    ask(&mut council, event.id, "1", "", "");
    let mut l = lga();
    let surrey = l
        .add_event(
            &EventForm {
                council: "936".into(),
                title: "Surrey's awards".into(),
                ..kent_form()
            },
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    let bytes = edited(&submission(&council, 10), |v| {
        let first = v["requests"][0].clone();
        let mut others = first.clone();
        others["uid"] = json!("other-1@example.org");
        others["event"] = json!(surrey.uid);
        let mut claims = first.clone();
        claims["uid"] = json!("other-2@example.org");
        claims["council"] = json!("936");
        let mut stranger = first.clone();
        stranger["uid"] = json!("other-3@example.org");
        stranger["person"] = json!({"key": "nobody", "name": "A Stranger", "title": "None"});
        let mut outside = first.clone();
        outside["uid"] = json!("other-4@example.org");
        outside["whole_event"] = json!(false);
        outside["start"] = json!("2014-10-28T09:00:00+00:00");
        v["requests"] = json!([first, others, claims, stranger, outside]);
    });
    let r = import(&mut l, &bytes, 9);
    assert_eq!(request_counts(&r), (1, 0, 0, 4, 0), "{r:?}");
    let refused: Vec<(&str, &str)> = r.requests[1..]
        .iter()
        .map(|i| (i.field.as_deref().unwrap(), i.reason.as_deref().unwrap()))
        .collect();
    assert_eq!(refused[0].0, "event");
    assert!(
        refused[0].1.contains("not one of this council's"),
        "{refused:?}"
    );
    assert!(refused[0].1.contains("Surrey"), "{refused:?}");
    assert_eq!(refused[1].0, "council");
    assert!(refused[1]
        .1
        .contains("a pack speaks only for its own council's requests"));
    assert_eq!(refused[2].0, "person");
    assert!(refused[2].1.contains("seed key nobody"), "{refused:?}");
    assert_eq!(refused[3].0, "start");
    assert!(refused[3].1.contains("within the event"), "{refused:?}");
    // Nothing of the refused ones was written.
    assert_eq!(l.requests(&RequestFilter::default()).unwrap().len(), 1);
}

#[test]
fn a_person_added_by_hand_is_matched_by_exactly_their_name_and_title() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    ask(&mut council, event.id, "1", "", "");
    let hand =
        |name: &str| json!({"key": null, "name": name, "title": "Director of Children's Services"});
    let bytes = edited(&submission(&council, 10), |v| {
        v["requests"][0]["person"] = hand("Jo Director");
    });
    let mut l = lga();
    let r = import(&mut l, &bytes, 9);
    assert_eq!(request_counts(&r), (0, 0, 0, 1, 0), "{r:?}");
    assert!(
        r.requests[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("nobody added by hand here is called"),
        "{r:?}"
    );
    l.add_person(&crate::attendance::PersonForm {
        name: "Jo Director".into(),
        title: "Director of Children's Services".into(),
        kind: "official".into(),
        ..Default::default()
    })
    .unwrap();
    let r = import(&mut l, &bytes, 10);
    assert_eq!(request_counts(&r), (1, 0, 0, 0, 0), "{r:?}");
    let made = l.request(r.requests[0].request_id.unwrap()).unwrap();
    assert_eq!(made.person_name, "Jo Director");
}

#[test]
fn a_request_changed_on_both_sides_is_a_conflict_until_a_person_chooses() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let id = ask(&mut council, event.id, "1", "10:30", "11:00");
    let mut l = lga();
    import(&mut l, &submission(&council, 9), 9);
    let lga_event = l.requests(&RequestFilter::default()).unwrap()[0]
        .event_id
        .unwrap();
    // The council moves its event an hour on; the LGA lengthens it. The
    // part wanted follows each move: 11:30 at the council, 10:30 (the same
    // offset from a later start) at the LGA... both changed since.
    council
        .edit_event(
            event.id,
            &EventForm {
                start: "2014-10-28T11:00".into(),
                end: "2014-10-28T13:00".into(),
                ..kent_form()
            },
            at(2014, 9, 15, 9),
        )
        .unwrap();
    l.edit_event(
        lga_event,
        &EventForm {
            start: "2014-10-28T10:15".into(),
            end: "2014-10-28T14:00".into(),
            ..kent_form()
        },
        at(2014, 9, 15, 9),
    )
    .unwrap();
    let r = import(&mut l, &submission(&council, 12), 12);
    assert_eq!(r.conflicts, 1, "{r:?}");
    assert_eq!(request_counts(&r), (0, 0, 0, 0, 1), "{r:?}");
    let conflict = r.requests[0].conflict.unwrap();
    let waiting = l.all_pack_conflicts().unwrap();
    assert_eq!(waiting.len(), 2);
    let listed = l.pack_request_conflicts().unwrap();
    assert_eq!(listed[0].id, conflict);
    let fields: Vec<&str> = listed[0].fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["start", "end"]);
    assert_eq!(listed[0].there.start, "2014-10-28T11:30:00+00:00");
    // The events' own list is as it was: events only.
    assert_eq!(l.pack_conflicts().unwrap().len(), 1);
    // Importing the same pack again finds the same conflict waiting.
    let again = import(&mut l, &submission(&council, 12), 13);
    assert_eq!(again.requests[0].conflict, Some(conflict));

    // Keep the council's event, then its request.
    let event_conflict = l.pack_conflicts().unwrap()[0].id;
    l.resolve_any_pack_conflict(event_conflict, Side::Council, at(2014, 9, 16, 9))
        .unwrap();
    let kept = l
        .resolve_any_pack_conflict(conflict, Side::Council, at(2014, 9, 16, 9))
        .unwrap();
    let crate::pack::report::Resolved::Request(kept) = kept else {
        panic!("a request's conflict keeps a request");
    };
    assert_eq!(kept.start.to_rfc3339(), "2014-10-28T11:30:00+00:00");
    assert_eq!(
        kept.history.unwrap().last().unwrap().action,
        RequestHistoryAction::ConflictKeptCouncil
    );
    assert!(l.all_pack_conflicts().unwrap().is_empty());
    assert!(l
        .resolve_any_pack_conflict(conflict, Side::Lga, at(2014, 9, 16, 9))
        .is_err());
    // Both sides agree again, and the next exchange changes nothing.
    assert_eq!(
        kents_requests(&l)[0].start,
        kents_requests(&council)[0].start
    );
    let r = import(&mut council, &reply(&l, 13), 14);
    assert_eq!(request_counts(&r).4, 0, "{r:?}");
    assert_eq!(council.request(id).unwrap().start, kept.start);
}

#[test]
fn a_version_one_pack_still_reads_and_a_dry_run_writes_no_request() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    ask(&mut council, event.id, "1", "", "");
    let v1 = edited(&submission(&council, 9), |v| {
        v["format_version"] = json!(1);
        v["requests"] = json!([]);
    });
    let mut l = lga();
    let r = l
        .import_pack(&v1, ImportMode::DryRun, at(2014, 9, 12, 9))
        .unwrap();
    assert_eq!((r.created, r.requests.len()), (1, 0));
    let with = edited(&submission(&council, 9), |v| v["format_version"] = json!(1));
    let e = l
        .import_pack(&with, ImportMode::Write, at(2014, 9, 12, 9))
        .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "requests");
    let r = l
        .import_pack(
            &submission(&council, 9),
            ImportMode::DryRun,
            at(2014, 9, 12, 9),
        )
        .unwrap();
    assert_eq!(request_counts(&r), (1, 0, 0, 0, 0));
    assert!(l.requests(&RequestFilter::default()).unwrap().is_empty());
    assert!(l.events(&EventFilter::default()).unwrap().is_empty());
}

mod round_trip {
    use super::*;

    /// One random request: who (a seeded person), the part wanted (none:
    /// the whole event), the council's status, and the LGA's decision.
    #[derive(Debug, Clone)]
    struct Spec {
        person: usize,
        part: Option<(i64, i64)>,
        case: String,
        phone: bool,
        priority: u8,
        /// 0: draft, 1: submitted, 2: withdrawn.
        council: u8,
        /// 0: none, 1: forwarded, 2: accepted, 3: declined, 4: priority.
        decision: u8,
        note: String,
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (
            0usize..4,
            proptest::option::of((0i64..90, 5i64..30)),
            "[A-Za-z ,;'é—\n]{0,80}",
            any::<bool>(),
            1u8..6,
            0u8..3,
            0u8..5,
            "[A-Za-z ,é]{0,40}",
        )
            .prop_map(
                |(person, part, case, phone, priority, council, decision, note)| Spec {
                    person,
                    part,
                    case,
                    phone,
                    priority,
                    council,
                    decision,
                    note,
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        /// Random requests at a council, exported, imported at the LGA,
        /// decided there, and the reply imported at the council: both
        /// databases then hold the same requests, every field, nothing
        /// duplicated; importing either pack again changes nothing.
        #[test]
        fn export_import_decide_reply_import_reproduces_every_request(
            specs in proptest::collection::vec(spec(), 1..6)
        ) {
            let mut council = kent();
            let mut ids = Vec::new();
            for (n, sp) in specs.iter().enumerate() {
                // One event per request: one open request per event and person.
                let hour = 9 + n;
                let event = council.add_event(&EventForm {
                    title: format!("Event {n}"),
                    start: format!("2014-10-28T{hour:02}:00"),
                    end: format!("2014-10-28T{:02}:00", hour + 2),
                    ..kent_form()
                }, at(2014, 9, 2, 9)).unwrap().event;
                let (from, to) = match sp.part {
                    Some((offset, length)) => {
                        let s = 60 * hour as i64 + offset;
                        let e = s + length;
                        (format!("{:02}:{:02}", s / 60, s % 60), format!("{:02}:{:02}", e / 60, e % 60))
                    }
                    None => (String::new(), String::new()),
                };
                let id = council.add_request(&RequestForm {
                    event: event.id.to_string(),
                    person: (sp.person + 1).to_string(),
                    role: ["visit", "speak", "meet-young-people", "present-awards"][sp.person].into(),
                    from,
                    to,
                    case: sp.case.clone(),
                    contact_phone: if sp.phone { "01622 694000".into() } else { String::new() },
                    priority: sp.priority.to_string(),
                    ..Default::default()
                }, at(2014, 9, 3, 9)).unwrap().id;
                if sp.council >= 1 {
                    make(&mut council, id, RequestAction::Submit, &sp.note, 9);
                }
                if sp.council == 2 {
                    make(&mut council, id, RequestAction::Withdraw, "", 10);
                }
                ids.push(id);
            }
            let sub = submission(&council, 11);
            let mut l = lga();
            let r = import(&mut l, &sub, 9);
            prop_assert_eq!(request_counts(&r), (specs.len(), 0, 0, 0, 0), "{:?}", r);
            prop_assert_eq!(kents_requests(&l), kents_requests(&council));

            for (id, sp) in ids.iter().zip(&specs) {
                let uid = council.request(*id).unwrap().uid;
                let here = there(&l, &uid);
                if here.status != RequestStatus::Submitted {
                    continue;
                }
                match sp.decision {
                    1 => make(&mut l, here.id, RequestAction::Forward, &sp.note, 12),
                    2 => {
                        make(&mut l, here.id, RequestAction::Forward, "", 12);
                        make(&mut l, here.id, RequestAction::Accept, &sp.note, 13);
                    }
                    3 => {
                        make(&mut l, here.id, RequestAction::Forward, "", 12);
                        make(&mut l, here.id, RequestAction::Decline, &sp.note, 13);
                    }
                    4 => { l.set_request_priority(here.id, &(6 - sp.priority).to_string(), at(2014, 9, 14, 14)).unwrap(); }
                    _ => {}
                }
            }
            let rep = reply(&l, 15);
            let back = import(&mut council, &rep, 9);
            let c = back.request_counts;
            prop_assert_eq!(c.refused + c.conflicts + c.created, 0, "{:?}", back);
            prop_assert_eq!(kents_requests(&council), kents_requests(&l));
            prop_assert_eq!(council.requests(&RequestFilter::default()).unwrap().len(), specs.len());
            prop_assert_eq!(l.requests(&RequestFilter::default()).unwrap().len(), specs.len());

            let before = kents_requests(&l);
            let again = import(&mut l, &sub, 10);
            prop_assert_eq!(request_counts(&again), (0, 0, specs.len(), 0, 0), "{:?}", again);
            prop_assert_eq!(kents_requests(&l), before);
            let before = kents_requests(&council);
            let again = import(&mut council, &rep, 10);
            prop_assert_eq!(request_counts(&again), (0, 0, specs.len(), 0, 0), "{:?}", again);
            prop_assert_eq!(kents_requests(&council), before);
            // And the council's next pack finds nothing new at the LGA.
            let next = import(&mut l, &submission(&council, 16), 11);
            prop_assert_eq!(request_counts(&next), (0, 0, specs.len(), 0, 0), "{:?}", next);
        }
    }
}

mod hostile {
    use super::*;

    const FIELDS: [&str; 19] = [
        "uid",
        "programme",
        "council",
        "event",
        "person",
        "role",
        "start",
        "end",
        "whole_event",
        "case",
        "contact_name",
        "contact_email",
        "contact_phone",
        "priority",
        "status",
        "status_note",
        "created_at",
        "updated_at",
        "seen",
    ];

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (0u8..8).prop_map(Value::from),
            "\\PC{0,40}".prop_map(Value::from),
            "[\\x00-\\x1f\u{202e}\u{200b}a-z]{0,20}".prop_map(Value::from),
            Just(json!("2014-10-28T10:00:00+14:00")),
            Just(json!("9999-12-31T23:59:59Z")),
            Just(json!("accepted")),
            Just(json!("held")),
            Just(json!("forwarded")),
            Just(json!({"key": null, "name": "A", "title": "B"})),
            Just(json!({"key": "trowler", "name": "", "title": ""})),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// A pack's requests edited at random (its digest made again) are
        /// taken or refused, never a panic; a submission never moves a
        /// request past `submitted` nor sets the LGA's priority of a known one.
        #[test]
        fn any_edited_request_is_taken_or_refused_and_never_decided(
            edits in proptest::collection::vec((0usize..2, 0usize..FIELDS.len(), value()), 1..6)
        ) {
            let mut council = kent();
            let event = council.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap().event;
            ask(&mut council, event.id, "1", "", "");
            ask(&mut council, event.id, "2", "10:30", "11:00");
            let bytes = edited(&submission(&council, 9), |v| {
                for (i, field, value) in &edits {
                    v["requests"][*i][FIELDS[*field]] = value.clone();
                }
            });
            let mut l = lga();
            let _ = l.import_pack(&bytes, ImportMode::DryRun, at(2014, 9, 12, 9));
            let _ = l.import_pack(&bytes, ImportMode::Write, at(2014, 9, 12, 9));
            let _ = l.import_pack(&bytes, ImportMode::Write, at(2014, 9, 12, 10));
            for r in l.requests(&RequestFilter::default()).unwrap() {
                prop_assert!(
                    matches!(r.status, RequestStatus::Draft | RequestStatus::Submitted | RequestStatus::Withdrawn),
                    "{:?}", r
                );
            }
        }
    }
}
