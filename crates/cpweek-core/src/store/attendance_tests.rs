//! People and attendance requests in the store: every move by role, the
//! history, one open request per event and person, and what cancelling or
//! moving an event does to its requests.

use super::tests::{at, be, kent_form, seeded};
use super::*;
use crate::attendance::Request;
use crate::attendance::{
    MoveNote, PersonForm, PersonKind, RequestAction, RequestForm, RequestHistoryAction,
    RequestStatus,
};
use crate::error::ErrorCode;

const NOW: (i32, u32, u32, u32) = (2014, 9, 1, 9);

fn now() -> DateTime<Utc> {
    at(NOW.0, NOW.1, NOW.2, NOW.3)
}

/// A seeded store with Kent's event (id 1) and a request (id 1) from Kent
/// for the minister (person 1), as the council organiser drafts it.
fn drafted() -> Store {
    let mut store = seeded();
    be(&mut store, Role::CouncilOrganiser);
    store.add_event(&kent_form(), now()).unwrap();
    store.add_request(&minister_at(1), now()).unwrap();
    store
}

fn minister_at(event: i64) -> RequestForm {
    RequestForm {
        event: event.to_string(),
        person: "1".into(),
        role: "speak".into(),
        case: "Care leavers will present the awards they designed".into(),
        contact_name: "Sam Contact".into(),
        contact_email: "sam.contact@kent.gov.uk".into(),
        ..Default::default()
    }
}

fn step(store: &mut Store, role: Role, action: RequestAction) -> crate::Result<Request> {
    be(store, role);
    store.move_request(1, action, &MoveNote::default(), now())
}

#[test]
fn the_seeded_people_start_with_the_minister_and_more_can_be_added() {
    let mut store = seeded();
    let people = store.people(None).unwrap();
    assert_eq!(people[0].name, "Edward Timpson MP");
    assert_eq!(people[0].kind, PersonKind::Minister);
    assert!(people[0]
        .source
        .as_deref()
        .unwrap()
        .contains("000_cf93ffc977124e80.txt"));
    assert!(people
        .iter()
        .any(|p| p.title == "Chief Social Worker for Children and Families"));
    assert!(people
        .iter()
        .any(|p| p.title == "Chair of the LGA Children and Young People Board"));
    be(&mut store, Role::LgaOfficer);
    let added = store
        .add_person(&PersonForm {
            name: "Jo Visitor".into(),
            title: "Chair, Kent Children in Care Council".into(),
            kind: "other".into(),
            base_postcode: "me141xq".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(added.base_postcode.as_deref(), Some("ME14 1XQ"));
    let mut form = added.to_form();
    form.changeover_minutes = "30".into();
    assert_eq!(
        store
            .edit_person(added.id, &form)
            .unwrap()
            .changeover_minutes,
        30
    );
    // init again keeps the edit and adds nobody twice.
    let before = store.people(None).unwrap().len();
    store.init().unwrap();
    assert_eq!(store.people(None).unwrap().len(), before);
}

/// The LGA keeps the list of people: a council organiser is refused
/// adding or changing anyone, before the form is even read, and nothing is
/// written; an LGA officer's bad form names every field and writes nothing.
#[test]
fn only_an_lga_officer_adds_or_changes_people_and_a_refusal_writes_nothing() {
    let mut store = seeded();
    let before = store.people(None).unwrap();
    let form = PersonForm {
        name: "Jo Visitor".into(),
        title: "Chair, Kent Children in Care Council".into(),
        kind: "other".into(),
        ..Default::default()
    };
    be(&mut store, Role::CouncilOrganiser);
    for refused in [
        store.add_person(&form).unwrap_err(),
        store.add_person(&PersonForm::default()).unwrap_err(),
    ] {
        assert_eq!(refused.code(), ErrorCode::Forbidden);
        assert!(
            refused
                .to_string()
                .starts_with("only an LGA officer can add a person who may be asked to attend;"),
            "{refused}"
        );
    }
    let mut minister = before[0].to_form();
    minister.changeover_minutes = "45".into();
    let refused = store.edit_person(before[0].id, &minister).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Forbidden);
    assert!(
        refused
            .to_string()
            .contains("change a person who may be asked to attend"),
        "{refused}"
    );
    assert_eq!(store.people(None).unwrap(), before);

    be(&mut store, Role::LgaOfficer);
    let bad = PersonForm {
        base_postcode: "not a postcode".into(),
        ..form.clone()
    };
    let invalid = store.add_person(&bad).unwrap_err();
    assert_eq!(invalid.code(), ErrorCode::InvalidInput);
    assert_eq!(invalid.field_errors()[0].field, "base");
    assert_eq!(store.people(None).unwrap(), before);
    let edited = store.edit_person(before[0].id, &minister).unwrap();
    assert_eq!(edited.changeover_minutes, 45);
    assert_eq!(store.add_person(&form).unwrap().name, "Jo Visitor");
}

#[test]
fn a_request_moves_draft_submitted_forwarded_accepted_held_with_each_role() {
    let mut store = drafted();
    let r = store.request(1).unwrap();
    assert_eq!(r.status, RequestStatus::Draft);
    assert!(r.whole_event);
    assert_eq!(r.when, "Tuesday 28 October 2014, 10am to midday");
    assert_eq!(r.asked_by.label(), "Kent");
    assert_eq!(r.priority, 3);

    // Each move is refused to the wrong role, then made by the right one.
    let refused = step(&mut store, Role::LgaOfficer, RequestAction::Submit).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Forbidden);
    step(&mut store, Role::CouncilOrganiser, RequestAction::Submit).unwrap();
    for action in [RequestAction::Forward, RequestAction::Accept] {
        let refused = step(&mut store, Role::CouncilOrganiser, action).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Forbidden, "{action:?}");
        step(&mut store, Role::LgaOfficer, action).unwrap();
    }
    // Held only once the engagement has taken place.
    be(&mut store, Role::LgaOfficer);
    let early = store
        .move_request(1, RequestAction::Held, &MoveNote::default(), now())
        .unwrap_err();
    assert!(
        early.to_string().contains("once it has taken place"),
        "{early}"
    );
    let r = store
        .move_request(
            1,
            RequestAction::Held,
            &MoveNote::default(),
            at(2014, 10, 28, 13),
        )
        .unwrap();
    assert_eq!(r.status, RequestStatus::Held);
    let history = r.history.unwrap();
    let moves: Vec<_> = history
        .iter()
        .map(|h| (h.from_status, h.to_status, h.who.as_str()))
        .collect();
    use RequestStatus::*;
    assert_eq!(
        moves,
        [
            (None, Draft, "Kim Organiser"),
            (Some(Draft), Submitted, "Kim Organiser"),
            (Some(Submitted), Forwarded, "Lee Officer"),
            (Some(Forwarded), Accepted, "Lee Officer"),
            (Some(Accepted), Held, "Lee Officer"),
        ]
    );
}

#[test]
fn an_illegal_move_names_the_moves_allowed_and_changes_nothing() {
    let mut store = drafted();
    let e = step(&mut store, Role::LgaOfficer, RequestAction::Accept).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict);
    assert!(
        e.to_string()
            .ends_with("the moves allowed from draft are: submit or withdraw"),
        "{e}"
    );
    let r = store.request(1).unwrap();
    assert_eq!(r.status, RequestStatus::Draft);
    assert_eq!(r.history.unwrap().len(), 1);
}

#[test]
fn a_council_withdraws_and_the_lga_declines_with_notes() {
    let mut store = drafted();
    step(&mut store, Role::CouncilOrganiser, RequestAction::Submit).unwrap();
    step(&mut store, Role::LgaOfficer, RequestAction::Forward).unwrap();
    be(&mut store, Role::LgaOfficer);
    let note = MoveNote {
        note: "The minister is at NCAS that morning".into(),
        ..Default::default()
    };
    let r = store
        .move_request(1, RequestAction::Decline, &note, now())
        .unwrap();
    assert_eq!(r.status, RequestStatus::Declined);
    assert_eq!(
        r.history.unwrap().last().unwrap().note.as_deref(),
        Some("The minister is at NCAS that morning")
    );
    // Declined is closed: a new request for the same event may be made.
    be(&mut store, Role::CouncilOrganiser);
    let again = store.add_request(&minister_at(1), now()).unwrap();
    let w = store
        .move_request(
            again.id,
            RequestAction::Withdraw,
            &MoveNote::default(),
            now(),
        )
        .unwrap();
    assert_eq!(w.status, RequestStatus::Withdrawn);
}

#[test]
fn at_most_one_open_request_per_event_and_person() {
    let mut store = drafted();
    let e = store.add_request(&minister_at(1), now()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict);
    assert!(e.to_string().contains("already an open request"), "{e}");
    // Another person may be asked to the same event.
    let other = RequestForm {
        person: "2".into(),
        ..minister_at(1)
    };
    store.add_request(&other, now()).unwrap();
    assert_eq!(store.requests(&RequestFilter::default()).unwrap().len(), 2);
}

#[test]
fn bad_requests_name_every_field_at_fault_and_write_nothing() {
    let mut store = drafted();
    let bad = RequestForm {
        event: "1".into(),
        person: "99".into(),
        role: "juggle".into(),
        priority: "9".into(),
        from: "09:00".into(),
        to: "11:00".into(),
        contact_email: "not an address".into(),
        ..Default::default()
    };
    let e = store.add_request(&bad, now()).unwrap_err();
    let mut fields: Vec<&str> = e.field_errors().iter().map(|f| f.field).collect();
    fields.sort();
    assert_eq!(
        fields,
        ["contact_email", "from", "person", "priority", "role"],
        "{e}"
    );
    assert_eq!(store.requests(&RequestFilter::default()).unwrap().len(), 1);
}

#[test]
fn only_the_lga_asks_for_a_slot_without_an_event() {
    let mut store = seeded();
    let slot = RequestForm {
        person: "1".into(),
        role: "speak".into(),
        title: "NCAS keynote".into(),
        start: "2014-10-29T09:30".into(),
        end: "2014-10-29T10:15".into(),
        venue: "Conference centre".into(),
        region: "North West".into(),
        ..Default::default()
    };
    be(&mut store, Role::CouncilOrganiser);
    assert_eq!(
        store.add_request(&slot, now()).unwrap_err().code(),
        ErrorCode::Forbidden
    );
    be(&mut store, Role::LgaOfficer);
    let r = store.add_request(&slot, now()).unwrap();
    assert_eq!(r.event_id, None);
    assert_eq!(r.title, "NCAS keynote");
    assert_eq!(r.region_code.as_deref(), Some("E12000002"));
    assert_eq!(r.asked_by.label(), "the LGA");
    // The LGA submits and withdraws its own.
    assert_eq!(
        store
            .move_request(r.id, RequestAction::Submit, &MoveNote::default(), now())
            .unwrap()
            .status,
        RequestStatus::Submitted
    );
}

#[test]
fn cancelling_an_event_withdraws_its_open_requests_and_says_so() {
    let mut store = drafted();
    let saved = store
        .review_event(
            1,
            &crate::event::Review::Cancel {
                reason: "Venue flooded".into(),
            },
            now(),
        )
        .unwrap();
    assert_eq!(saved.notices.len(), 1, "{:?}", saved.notices);
    assert!(saved.notices[0].contains("withdrawn because the event was cancelled"));
    let r = store.request(1).unwrap();
    assert_eq!(r.status, RequestStatus::Withdrawn);
    let last = r.history.unwrap().pop().unwrap();
    assert_eq!(last.action, RequestHistoryAction::EventCancelled);
    assert_eq!(
        last.note.as_deref(),
        Some("The event was cancelled: Venue flooded")
    );
}

#[test]
fn moving_an_event_moves_its_requests_and_sends_an_accepted_one_back_to_the_office() {
    let mut store = drafted();
    step(&mut store, Role::CouncilOrganiser, RequestAction::Submit).unwrap();
    step(&mut store, Role::LgaOfficer, RequestAction::Forward).unwrap();
    step(&mut store, Role::LgaOfficer, RequestAction::Accept).unwrap();
    let moved = EventForm {
        start: "2014-10-28T14:00".into(),
        end: "2014-10-28T16:00".into(),
        ..kent_form()
    };
    let saved = store.edit_event(1, &moved, now()).unwrap();
    assert_eq!(saved.notices.len(), 1);
    assert!(
        saved.notices[0].contains("back with the office"),
        "{:?}",
        saved.notices
    );
    let r = store.request(1).unwrap();
    assert_eq!(r.status, RequestStatus::Forwarded);
    assert_eq!(r.when, "Tuesday 28 October 2014, 2pm to 4pm");
    let last = r.history.unwrap().pop().unwrap();
    assert_eq!(last.action, RequestHistoryAction::EventMoved);
    assert_eq!(
        (last.from_status, last.to_status),
        (Some(RequestStatus::Accepted), RequestStatus::Forwarded)
    );
    // An edit that moves nothing leaves the request alone.
    let retitled = EventForm {
        title: "Kent celebrates".into(),
        ..moved
    };
    assert!(store
        .edit_event(1, &retitled, now())
        .unwrap()
        .notices
        .is_empty());
}

#[test]
fn a_part_of_an_event_keeps_its_place_in_it_when_the_event_moves() {
    let mut store = seeded();
    be(&mut store, Role::CouncilOrganiser);
    store.add_event(&kent_form(), now()).unwrap();
    let part = RequestForm {
        from: "11:00".into(),
        to: "11:30".into(),
        ..minister_at(1)
    };
    let r = store.add_request(&part, now()).unwrap();
    assert!(!r.whole_event);
    let moved = EventForm {
        start: "2014-10-29T09:00".into(),
        end: "2014-10-29T11:00".into(),
        ..kent_form()
    };
    store.edit_event(1, &moved, now()).unwrap();
    assert_eq!(
        store.request(r.id).unwrap().when,
        "Wednesday 29 October 2014, 10am to 10:30am"
    );
}

#[test]
fn only_the_lga_sets_the_priority() {
    let mut store = drafted();
    assert_eq!(
        store
            .set_request_priority(1, "5", now())
            .unwrap_err()
            .code(),
        ErrorCode::Forbidden
    );
    be(&mut store, Role::LgaOfficer);
    let r = store.set_request_priority(1, "5", now()).unwrap();
    assert_eq!(r.priority, 5);
    assert_eq!(
        r.history.unwrap().last().unwrap().note.as_deref(),
        Some("Priority 3 to 5")
    );
}

#[test]
fn the_clash_warning_before_accepting_names_the_engagement_and_travel() {
    let mut store = drafted();
    be(&mut store, Role::CouncilOrganiser);
    let manchester = EventForm {
        council: "352".into(),
        title: "Manchester Pledge launch".into(),
        start: "2014-10-28T13:00".into(),
        end: "2014-10-28T14:00".into(),
        postcode: "M2 5DB".into(),
        venue: String::new(),
        ..kent_form()
    };
    store.add_event(&manchester, now()).unwrap();
    store.add_request(&minister_at(2), now()).unwrap();
    for id in [1, 2] {
        be(&mut store, Role::CouncilOrganiser);
        store
            .move_request(id, RequestAction::Submit, &MoveNote::default(), now())
            .unwrap();
        be(&mut store, Role::LgaOfficer);
        store
            .move_request(id, RequestAction::Forward, &MoveNote::default(), now())
            .unwrap();
    }
    assert!(store.clashes_if_accepted(2).unwrap().is_empty());
    store
        .move_request(1, RequestAction::Accept, &MoveNote::default(), now())
        .unwrap();
    let warning = store.clashes_if_accepted(2).unwrap();
    assert_eq!(warning.len(), 1);
    assert!(
        warning[0].starts_with("it clashes with request 1 (Kent celebrates its care leavers"),
        "{warning:?}"
    );
    assert!(
        warning[0].contains("minutes' travel (ME14 to M2"),
        "{warning:?}"
    );
    // Exactly the gap needed is fine; a minute less is not (the rule's
    // edges are clash.rs's tests): here the whole clash is refused.
    let e = store
        .move_request(2, RequestAction::Accept, &MoveNote::default(), now())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict);
}

#[test]
fn a_persons_week_shows_travel_from_home_between_engagements_and_home_again() {
    let mut store = drafted();
    be(&mut store, Role::CouncilOrganiser);
    store
        .move_request(1, RequestAction::Submit, &MoveNote::default(), now())
        .unwrap();
    be(&mut store, Role::LgaOfficer);
    store
        .move_request(1, RequestAction::Forward, &MoveNote::default(), now())
        .unwrap();
    let week = store.person_week(1).unwrap();
    assert_eq!(week.days.len(), 7);
    assert_eq!(
        week.home_label.as_deref(),
        Some("Department for Education, Sanctuary Buildings, SW1P 3BT")
    );
    let tuesday = &week.days[1];
    assert_eq!(tuesday.label, "Tuesday 28 October 2014");
    let kinds: Vec<&str> = tuesday
        .entries
        .iter()
        .map(|e| match e {
            crate::attendance::DiaryEntry::Engagement { confirmed, .. } => {
                if *confirmed {
                    "confirmed"
                } else {
                    "tentative"
                }
            }
            crate::attendance::DiaryEntry::Travel { .. } => "travel",
        })
        .collect();
    assert_eq!(kinds, ["travel", "tentative", "travel"]);
    let crate::attendance::DiaryEntry::Travel {
        end_minute,
        minutes,
        from_label,
        ..
    } = &tuesday.entries[0]
    else {
        panic!("travel first");
    };
    // Arrives 15 minutes (the change-over) before 10am.
    assert_eq!(*end_minute, 9 * 60 + 45);
    assert!(*minutes > 30);
    assert_eq!(from_label, "Home base");
    assert!(week.days[0].entries.is_empty());
}

#[test]
fn hostile_text_in_the_store_cannot_add_a_line_to_a_persons_diary() {
    let store = drafted();
    // As if written by another tool straight into the file: the text rules
    // never let these in, so the emitter must still hold.
    store
        .conn
        .execute(
            "UPDATE events SET title = 'Awards\r\nBEGIN:VEVENT\r\nSUMMARY:injected', venue = 'Hall;\nX' WHERE id = 1",
            [],
        )
        .unwrap();
    store
        .conn
        .execute(
            "UPDATE requests SET status = 'accepted', case_text = 'a\rb,c;d\\e' WHERE id = 1",
            [],
        )
        .unwrap();
    let (body, _) = store.person_diary(1).unwrap();
    let lines: Vec<&str> = body.split("\r\n").collect();
    let begins = lines.iter().filter(|l| **l == "BEGIN:VEVENT").count();
    assert_eq!(begins, lines.iter().filter(|l| **l == "END:VEVENT").count());
    // One engagement and its travel there and home: nothing more.
    assert_eq!(begins, 3, "{body}");
    assert!(
        !body.lines().any(|l| l.starts_with("SUMMARY:injected")),
        "{body}"
    );
    for line in body.split("\r\n") {
        assert!(!line.contains('\r') && !line.contains('\n'), "{line:?}");
    }
    assert!(
        body.contains("a\\,") || body.contains("b\\,c\\;d\\\\e"),
        "{body}"
    );
}
