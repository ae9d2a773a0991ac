//! Joint events (partner councils), the LGA's review queue and approving
//! or returning a selection at once, through the store.

use super::tests::{at, be, kent_form, seeded};
use super::*;
use crate::ics::feed::{Privacy, Scope};
use crate::permission::{EventAction, Role};
use crate::review::Awaiting;
use crate::ErrorCode;

/// Richmond's fair with Kingston and Kent as partners.
fn joint() -> EventForm {
    EventForm {
        council: "Richmond upon Thames".into(),
        partner_councils: vec!["314".into(), "Kent".into()],
        title: "Richmond and Kingston care leavers' fair".into(),
        start: "2014-10-29T10:00".into(),
        end: "2014-10-29T15:00".into(),
        ..Default::default()
    }
}

fn fields(err: &Error) -> Vec<(&'static str, String)> {
    match err {
        Error::Invalid(errors) => errors
            .iter()
            .map(|e| (e.field, e.message.clone()))
            .collect(),
        other => panic!("not a validation error: {other}"),
    }
}

#[test]
fn partners_are_stored_in_order_by_code_with_their_names() {
    let mut store = seeded();
    let e = store.add_event(&joint(), at(2014, 9, 2, 9)).unwrap().event;
    assert_eq!(e.council, "318");
    assert_eq!(e.partner_councils, ["314", "886"]);
    assert_eq!(e.partner_council_names, ["Kingston upon Thames", "Kent"]);
    assert_eq!(store.event(e.id).unwrap(), e);
    assert_eq!(e.to_form().partner_councils, ["314", "886"]);
}

#[test]
fn partners_must_be_known_councils_other_than_the_lead_and_given_once() {
    let mut store = seeded();
    let form = EventForm {
        partner_councils: vec![
            "Atlantis".into(),
            "Richmond upon Thames".into(),
            "314".into(),
            "Kingston upon Thames".into(),
        ],
        ..joint()
    };
    let err = store.add_event(&form, at(2014, 9, 2, 9)).unwrap_err();
    let found = fields(&err);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().all(|(f, _)| *f == "partner_councils"));
    assert!(found[0].1.contains("Atlantis"), "{}", found[0].1);
    assert!(found[1].1.contains("is the lead council"), "{}", found[1].1);
    assert!(found[2].1.contains("is given twice"), "{}", found[2].1);
    let count: i64 = store
        .conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0, "nothing written");
}

#[test]
fn editing_partners_replaces_them_and_raises_sequence_once() {
    let mut store = seeded();
    let e = store.add_event(&joint(), at(2014, 9, 2, 9)).unwrap().event;
    let mut form = e.to_form();
    form.partner_councils = vec!["886".into()];
    let saved = store.edit_event(e.id, &form, at(2014, 9, 3, 9)).unwrap();
    assert!(saved.changed);
    assert_eq!(saved.event.partner_councils, ["886"]);
    assert_eq!(saved.event.sequence, e.sequence + 1);
    // The same list again changes nothing.
    let again = store.edit_event(e.id, &form, at(2014, 9, 4, 9)).unwrap();
    assert!(!again.changed);
    assert_eq!(again.event.sequence, saved.event.sequence);
    form.partner_councils.clear();
    let cleared = store.edit_event(e.id, &form, at(2014, 9, 5, 9)).unwrap();
    assert!(cleared.event.partner_councils.is_empty());
}

#[test]
fn a_joint_event_is_in_each_partners_list_feed_and_take_up() {
    let mut store = seeded();
    let e = store.add_event(&joint(), at(2014, 9, 2, 9)).unwrap().event;
    store.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    let listed = |store: &Store, council: &str| -> Vec<i64> {
        store
            .events(&EventFilter {
                council: Some(council.into()),
                ..Default::default()
            })
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(listed(&store, "314"), [e.id]);
    assert!(listed(&store, "886").contains(&e.id));
    assert!(listed(&store, "Surrey").is_empty());

    let feed = store
        .export_ics(&Scope::Council("314".into()), "", Privacy::PublicOnly)
        .unwrap();
    assert_eq!(feed.events, 1);
    assert!(feed.body.contains(&e.uid));
    assert!(
        feed.body
            .contains("DESCRIPTION:A joint event with Kingston upon Thames and Kent."),
        "{}",
        feed.body
    );
    let surrey = store
        .export_ics(&Scope::Council("936".into()), "", Privacy::PublicOnly)
        .unwrap();
    assert_eq!(surrey.events, 0);

    let summary = store.programme_summary("").unwrap();
    let london = summary
        .by_region
        .iter()
        .find(|r| r.name == "London")
        .unwrap();
    assert!(!london.not_registered.iter().any(|c| c.code == "314"));
    assert!(!london.not_registered.iter().any(|c| c.code == "318"));
    assert_eq!(london.events, 1, "counted once, under the lead's region");
    assert_eq!(summary.events, 2);
    let missing = store.councils_missing("", Some("London")).unwrap();
    assert_eq!(missing.len(), 1);
    assert!(!missing[0].councils.iter().any(|c| c.code == "314"));
    assert_eq!(
        missing[0].councils.len(),
        london.not_registered.len(),
        "the same rule as the summary"
    );
}

#[test]
fn the_published_programme_names_the_partners() {
    let mut store = seeded();
    let e = store.add_event(&joint(), at(2014, 9, 2, 9)).unwrap().event;
    be(&mut store, Role::LgaOfficer);
    store
        .review_event(e.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let p = store
        .published_programme("", crate::publish::programme::Edition::Live)
        .unwrap();
    let published = &p.events[0];
    assert_eq!(
        published.with_partners().as_deref(),
        Some("with Kingston upon Thames and Kent")
    );
    assert_eq!(p.councils(), 3);
    let html = String::from_utf8(
        store
            .programme_export(
                "",
                crate::publish::programme::Edition::Live,
                crate::publish::programme::ProgrammeFormat::Html,
            )
            .unwrap(),
    )
    .unwrap();
    assert!(
        html.contains("Richmond upon Thames with Kingston upon Thames and Kent"),
        "{html}"
    );
}

fn queue(store: &Store) -> Vec<(i64, Awaiting)> {
    store
        .review_queue(&QueueFilter::default())
        .unwrap()
        .iter()
        .map(|q| (q.id, q.awaiting))
        .collect()
}

#[test]
fn the_queue_holds_new_resubmitted_and_changed_approved_events_not_corrections() {
    let mut store = seeded();
    let a = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let b = store.add_event(&joint(), at(2014, 9, 2, 10)).unwrap().event;
    assert_eq!(
        queue(&store),
        [(a.id, Awaiting::New), (b.id, Awaiting::New)]
    );

    be(&mut store, Role::LgaOfficer);
    store
        .review_event(a.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let note = Review::Return {
        note: "Add a venue".into(),
    };
    store.review_event(b.id, &note, at(2014, 9, 3, 9)).unwrap();
    assert!(queue(&store).is_empty());

    // An LGA officer's correction of an approved event: not in the queue,
    // and recorded as theirs.
    let mut form = store.event(a.id).unwrap().to_form();
    form.venue = "Kent Event Centre".into();
    assert!(
        store
            .edit_event(a.id, &form, at(2014, 9, 4, 9))
            .unwrap()
            .changed
    );
    assert!(queue(&store).is_empty());
    let last = store.event_history(a.id).unwrap().pop().unwrap();
    assert_eq!(
        (last.role, last.action),
        (Role::LgaOfficer, HistoryAction::Edited)
    );

    // The council's own change: back in the queue, still approved.
    be(&mut store, Role::CouncilOrganiser);
    form.venue = "County Hall".into();
    store.edit_event(a.id, &form, at(2014, 9, 5, 9)).unwrap();
    let mut b_form = store.event(b.id).unwrap().to_form();
    b_form.venue = "Old Town Hall".into();
    store.edit_event(b.id, &b_form, at(2014, 9, 5, 10)).unwrap();
    assert_eq!(
        queue(&store),
        [
            (a.id, Awaiting::ChangedSinceApproved),
            (b.id, Awaiting::Resubmitted)
        ]
    );
    let listed = store.review_queue(&QueueFilter::default()).unwrap();
    assert_eq!(listed[0].status, Status::Approved);
    assert_eq!(listed[0].changed_by.as_deref(), Some("Kim Organiser"));
    // By council, partners included; by region, the lead's.
    let by = |council: Option<&str>, region: Option<&str>| -> Vec<i64> {
        store
            .review_queue(&QueueFilter {
                council: council.map(str::to_string),
                region: region.map(str::to_string),
                ..Default::default()
            })
            .unwrap()
            .iter()
            .map(|q| q.id)
            .collect()
    };
    assert_eq!(by(Some("314"), None), [b.id]);
    assert_eq!(by(Some("886"), None), [a.id, b.id]);
    assert_eq!(by(None, Some("London")), [b.id]);
}

#[test]
fn approving_a_changed_approved_event_accepts_it_without_raising_sequence() {
    let mut store = seeded();
    let a = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    be(&mut store, Role::LgaOfficer);
    store
        .review_event(a.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    // Not in the queue: approving again is refused, as before.
    let err = store
        .review_event(a.id, &Review::Approve, at(2014, 9, 3, 10))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("already approved"), "{err}");

    be(&mut store, Role::CouncilOrganiser);
    let mut form = store.event(a.id).unwrap().to_form();
    form.venue = "County Hall".into();
    let changed = store
        .edit_event(a.id, &form, at(2014, 9, 4, 9))
        .unwrap()
        .event;
    be(&mut store, Role::LgaOfficer);
    assert!(store
        .actions(&changed)
        .unwrap()
        .contains(&EventAction::Approve));
    let saved = store
        .review_event(a.id, &Review::Approve, at(2014, 9, 5, 9))
        .unwrap();
    assert!(!saved.changed);
    assert_eq!(saved.event.status, Status::Approved);
    assert_eq!(
        saved.event.sequence, changed.sequence,
        "nothing partners see changed"
    );
    assert_eq!(saved.event.updated_at, changed.updated_at);
    let last = store.event_history(a.id).unwrap().pop().unwrap();
    assert_eq!(
        (last.action, last.from_status, last.to_status),
        (
            HistoryAction::Approved,
            Some(Status::Approved),
            Status::Approved
        )
    );
    assert!(queue(&store).is_empty());
    assert!(!store
        .actions(&saved.event)
        .unwrap()
        .contains(&EventAction::Approve));
}

#[test]
fn a_selection_is_reviewed_whole_or_not_at_all() {
    let mut store = seeded();
    let a = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let b = store.add_event(&joint(), at(2014, 9, 2, 10)).unwrap().event;
    let c = store
        .add_event(&kent_form(), at(2014, 9, 2, 11))
        .unwrap()
        .event;
    be(&mut store, Role::LgaOfficer);
    store
        .review_event(c.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let stamp = store.app_stamp().unwrap();

    // c is already approved and unchanged: the whole selection is refused.
    let err = store
        .review_events(&[a.id, b.id, c.id], &Review::Approve, at(2014, 9, 4, 9))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("event {}: ", c.id)),
        "{message}"
    );
    assert!(
        message.contains("none of the 3 events was changed"),
        "{message}"
    );
    assert_eq!(store.app_stamp().unwrap(), stamp, "nothing written");
    assert_eq!(store.event(a.id).unwrap(), a);

    let err = store
        .review_events(&[a.id, 9999], &Review::Approve, at(2014, 9, 4, 9))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(store.event(a.id).unwrap(), a);

    let saved = store
        .review_events(&[a.id, b.id, a.id], &Review::Approve, at(2014, 9, 4, 9))
        .unwrap();
    let ids: Vec<(i64, Status)> = saved.iter().map(|s| (s.event.id, s.event.status)).collect();
    assert_eq!(ids, [(a.id, Status::Approved), (b.id, Status::Approved)]);

    let back = Review::Return { note: " ".into() };
    let err = store
        .review_events(&[a.id, b.id], &back, at(2014, 9, 5, 9))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let back = Review::Return {
        note: "Both need a booking link".into(),
    };
    let saved = store
        .review_events(&[a.id, b.id], &back, at(2014, 9, 5, 9))
        .unwrap();
    assert!(saved.iter().all(|s| s.event.status == Status::Returned
        && s.event.status_note.as_deref() == Some("Both need a booking link")));
}

#[test]
fn a_joint_events_feed_read_back_by_its_lead_changes_nothing_and_keeps_the_partners() {
    let mut store = seeded();
    for description in ["", "Stalls, music and advice.\nAll welcome."] {
        let e = store
            .add_event(
                &EventForm {
                    description: description.into(),
                    ..joint()
                },
                at(2014, 9, 2, 9),
            )
            .unwrap()
            .event;
        let body = store
            .export_ics(&Scope::Council("318".into()), "", Privacy::IncludePrivate)
            .unwrap()
            .body;
        let cal = crate::ics::read::parse(body.as_bytes()).unwrap();
        let report = store
            .import_ics(
                "318",
                &cal,
                ImportMode::Write,
                FaultyEvents::Refuse,
                at(2014, 9, 3, 9),
            )
            .unwrap();
        assert_eq!(report.created + report.updated, 0, "{report:?}");
        assert!(report.skipped.is_empty(), "{report:?}");
        assert_eq!(store.event(e.id).unwrap(), e);
    }
}

#[test]
fn a_private_joint_event_is_in_each_running_councils_own_copy_and_no_public_feed() {
    let mut store = seeded();
    let e = store
        .add_event(
            &EventForm {
                private: true,
                ..joint()
            },
            at(2014, 9, 2, 9),
        )
        .unwrap()
        .event;
    // The lead (Richmond) and both partners (Kingston, Kent) run it: each
    // one's own copy holds it; a council that does not run it never does.
    for council in ["318", "314", "886", "Kent"] {
        let own = store
            .export_ics(&Scope::Council(council.into()), "", Privacy::IncludePrivate)
            .unwrap();
        assert_eq!(own.events, 1, "{council}");
        assert!(own.body.contains(&e.uid), "{council}");
        assert!(own.body.contains("CLASS:PRIVATE"), "{council}");
    }
    let surrey = store
        .export_ics(&Scope::Council("936".into()), "", Privacy::IncludePrivate)
        .unwrap();
    assert_eq!(surrey.events, 0);
    // Never in a public feed, the partners' own included.
    for scope in [
        Scope::National,
        Scope::Region("London".into()),
        Scope::Council("318".into()),
        Scope::Council("314".into()),
        Scope::Council("886".into()),
    ] {
        let public = store.export_ics(&scope, "", Privacy::PublicOnly).unwrap();
        assert!(!public.body.contains(&e.uid), "{scope:?}");
    }
    for (_, feed) in store.published_feed_texts("").unwrap() {
        assert!(!feed.body.contains(&e.uid));
    }
}

#[test]
fn the_queue_names_partners_in_the_cores_words_and_offers_decisions_by_role() {
    let mut store = seeded();
    let a = store
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let b = store.add_event(&joint(), at(2014, 9, 2, 10)).unwrap().event;
    let listed = store.review_queue(&QueueFilter::default()).unwrap();
    assert_eq!(
        listed.iter().map(|q| q.id).collect::<Vec<_>>(),
        [a.id, b.id]
    );
    assert_eq!(listed[0].partners, None);
    assert_eq!(
        listed[1].partners.as_deref(),
        Some("with Kingston upon Thames and Kent")
    );
    // An organiser sees the queue but may decide nothing.
    assert!(listed.iter().all(|q| q.decisions.is_empty()));

    be(&mut store, Role::LgaOfficer);
    let listed = store.review_queue(&QueueFilter::default()).unwrap();
    for q in &listed {
        assert_eq!(q.decisions, [EventAction::Approve, EventAction::Return]);
    }
    // A council's change to an approved event: approving accepts it.
    store
        .review_event(a.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    be(&mut store, Role::CouncilOrganiser);
    let mut form = store.event(a.id).unwrap().to_form();
    form.venue = "County Hall".into();
    store.edit_event(a.id, &form, at(2014, 9, 4, 9)).unwrap();
    be(&mut store, Role::LgaOfficer);
    let listed = store.review_queue(&QueueFilter::default()).unwrap();
    assert_eq!(listed[0].awaiting, Awaiting::ChangedSinceApproved);
    assert_eq!(listed[0].awaiting_label, "Changed since approved");
    assert_eq!(
        listed[0].decisions,
        [EventAction::Approve, EventAction::Return]
    );
}
