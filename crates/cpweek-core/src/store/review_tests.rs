//! The review queue as the LGA reads it: who made the change (for a
//! council's pack, the pack and who imported it, not the importer), and
//! which fields changed since the LGA last decided on the event.

use super::pack_tests::{import, kent, lga, submission};
use super::tests::{at, be, kent_form, seeded};
use super::*;

#[test]
fn a_change_from_a_councils_pack_names_the_pack_and_who_imported_it() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let mut l = lga();
    import(&mut l, &submission(&council, 9), 9);
    let queued = l.review_queue(&QueueFilter::default()).unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(
        queued[0].changed_by.as_deref(),
        Some("from Kent's pack, imported by Lee Officer"),
        "not as if the LGA officer made the change"
    );
    let id = queued[0].id;
    l.review_event(id, &Review::Approve, at(2014, 9, 12, 10))
        .unwrap();

    // Kent changes it; the next pack puts it back in the queue, named so.
    let mut form = council.event(event.id).unwrap().to_form();
    form.venue = "County Hall".into();
    council
        .edit_event(event.id, &form, at(2014, 9, 12, 11))
        .unwrap();
    import(&mut l, &submission(&council, 12), 12);
    let queued = l.review_queue(&QueueFilter::default()).unwrap();
    assert_eq!(
        queued[0].awaiting,
        crate::review::Awaiting::ChangedSinceApproved
    );
    assert_eq!(
        queued[0].changed_by.as_deref(),
        Some("from Kent's pack, imported by Lee Officer")
    );
    assert_eq!(queued[0].changed_fields, Some(vec!["venue".to_string()]));
    assert_eq!(
        queued[0].changed_fields_shown.as_deref(),
        Some("Changed: venue")
    );
}

#[test]
fn the_queue_names_the_fields_changed_since_the_lgas_last_decision() {
    let mut s = seeded();
    be(&mut s, Role::CouncilOrganiser);
    let id = s
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event
        .id;
    let queued = |s: &Store| s.review_queue(&QueueFilter::default()).unwrap();
    assert_eq!(
        queued(&s)[0].changed_fields,
        None,
        "a new event: nothing to compare with"
    );
    be(&mut s, Role::LgaOfficer);
    s.review_event(
        id,
        &Review::Return {
            note: "Which hall?".into(),
        },
        at(2014, 9, 3, 9),
    )
    .unwrap();

    // The council changes the venue and the end, and so resubmits it.
    be(&mut s, Role::CouncilOrganiser);
    let mut form = s.event(id).unwrap().to_form();
    form.venue = "County Hall".into();
    form.end = "2014-10-28T13:00".into();
    s.edit_event(id, &form, at(2014, 9, 4, 9)).unwrap();
    let q = &queued(&s)[0];
    assert_eq!(q.awaiting, crate::review::Awaiting::Resubmitted);
    assert_eq!(
        q.changed_fields,
        Some(vec!["end".to_string(), "venue".to_string()]),
        "in the record's order"
    );
    assert_eq!(
        q.changed_fields_shown.as_deref(),
        Some("Changed: end and venue")
    );

    // Approved, then changed again: only what changed since the approval.
    be(&mut s, Role::LgaOfficer);
    s.review_event(id, &Review::Approve, at(2014, 9, 5, 9))
        .unwrap();
    let mut form = s.event(id).unwrap().to_form();
    form.title = "Corrected by the LGA".into();
    s.edit_event(id, &form, at(2014, 9, 5, 10)).unwrap();
    assert!(queued(&s).is_empty(), "an LGA correction is not queued");
    be(&mut s, Role::CouncilOrganiser);
    let mut form = s.event(id).unwrap().to_form();
    form.description = "Now with a quiz.".into();
    s.edit_event(id, &form, at(2014, 9, 6, 9)).unwrap();
    let q = &queued(&s)[0];
    assert_eq!(q.awaiting, crate::review::Awaiting::ChangedSinceApproved);
    assert_eq!(
        q.changed_fields,
        Some(vec!["title".to_string(), "description".to_string()]),
        "everything that differs from the event as the LGA approved it"
    );

    // A decision recorded before history kept the event: not recorded.
    s.conn
        .execute("UPDATE event_history SET record = NULL", [])
        .unwrap();
    let q = &queued(&s)[0];
    assert_eq!(
        (q.changed_fields.clone(), q.changed_fields_shown.clone()),
        (None, None)
    );
}
