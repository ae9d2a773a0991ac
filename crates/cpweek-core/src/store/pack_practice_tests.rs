//! Practice entries in packs: a council's submission carries the entries
//! it leads to the LGA, the LGA's reply carries its decisions back; a
//! submission never approves or publishes; conflicts wait for a person.

use serde_json::{json, Value};

use super::pack_tests::{edited, import, kent, lga, reply, submission};
use super::tests::{at, be, kent_form};
use super::*;
use crate::pack::practice::PracticeRecord;
use crate::pack::report::{Outcome, PackReport};
use crate::pack::Side;
use crate::practice::{
    outcome_from_text, ConsentForm, ConsentKind, PracticeForm, PracticeStatus, PracticeStep,
};

fn counts(r: &PackReport) -> (usize, usize, usize, usize, usize) {
    let c = &r.practice_counts;
    (c.created, c.changed, c.unchanged, c.refused, c.conflicts)
}

/// Kent's case study with every field filled in, linking `event`.
fn full_entry(event: i64) -> PracticeForm {
    PracticeForm {
        council: "Kent".into(),
        partner_councils: vec!["Medway".into()],
        partner_organisations: vec!["Coram".into()],
        title: "Kent and Coram's adoption partnership".into(),
        themes: vec!["adoption".into()],
        summary: "Adoptions rose by 110% within a year.".into(),
        what_was_done: "A joint team found families\nfor older children.".into(),
        outcomes: vec![
            outcome_from_text("Adoptions; 20; 42; 2011 to 2013").unwrap(),
            outcome_from_text("Average wait; 21 months; 14 months; 2012 to 2013").unwrap(),
        ],
        source: "Edward Timpson's speech, 2013".into(),
        contact_name: "Jo Bloggs".into(),
        contact_role: "Head of adoption".into(),
        contact_email: "jo.bloggs@kent.gov.uk".into(),
        events: vec![event],
        ..PracticeForm::default()
    }
}

/// Every entry in the database as a pack record (ids left out: each
/// database numbers its own), by UID.
fn records(s: &Store) -> Vec<PracticeRecord> {
    let mut list: Vec<PracticeRecord> = practice::list(&s.conn, "2014")
        .unwrap()
        .iter()
        .map(|e| super::pack_practice::record_of(&s.conn, e).unwrap())
        .collect();
    list.sort_by(|a, b| a.uid.cmp(&b.uid));
    list
}

/// Kent's database with one event and one entry linking it, submitted.
fn kent_with_entry() -> (Store, i64) {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let entry = council
        .add_practice(&full_entry(event.id), at(2014, 9, 2, 10))
        .unwrap();
    council
        .practice_step(entry.id, &PracticeStep::Submit, at(2014, 9, 2, 11))
        .unwrap();
    (council, entry.id)
}

fn lga_step(s: &mut Store, id: i64, step: PracticeStep, hour: u32) {
    s.practice_step(id, &step, at(2014, 9, 11, hour)).unwrap();
}

fn publish() -> PracticeStep {
    PracticeStep::Publish {
        consent: ConsentForm {
            checked_by: "Sam Checker".into(),
            kind: Some(ConsentKind::OnRecord),
        },
    }
}

#[test]
fn an_entry_goes_to_the_lga_and_its_decisions_come_back_with_every_field() {
    let (mut council, _) = kent_with_entry();
    let sub = submission(&council, 9);
    let pack: Value = serde_json::from_slice(&sub).unwrap();
    assert_eq!(pack["practice"].as_array().unwrap().len(), 1);
    assert_eq!(pack["practice"][0]["status"], json!("submitted"));
    assert_eq!(
        pack["practice"][0]["partner_councils"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let mut l = lga();
    let r = import(&mut l, &sub, 9);
    assert_eq!(counts(&r), (1, 0, 0, 0, 0), "{r:?}");
    assert_eq!(r.practice[0].outcome, Outcome::Created);
    assert_eq!(records(&l), records(&council));
    let id = r.practice[0].entry_id.unwrap();
    assert_eq!(
        l.practice_history(id).unwrap()[0].action,
        PracticeHistoryAction::ImportedFromPack
    );

    // Importing the same pack again changes nothing and duplicates nothing.
    let again = import(&mut l, &sub, 10);
    assert_eq!(counts(&again), (0, 0, 1, 0, 0), "{again:?}");
    assert_eq!(records(&l).len(), 1);

    // The LGA approves and publishes, with the consent check.
    lga_step(&mut l, id, PracticeStep::Approve, 9);
    lga_step(&mut l, id, publish(), 10);
    let back = reply(&l, 11);
    let r = import(&mut council, &back, 11);
    assert_eq!(counts(&r), (0, 1, 0, 0, 0), "{r:?}");
    let fields: Vec<&str> = r.practice[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, ["status", "consent"], "{r:?}");
    let at_council = records(&council);
    assert_eq!(at_council, records(&l));
    assert_eq!(at_council[0].status, PracticeStatus::Published);
    assert_eq!(
        at_council[0].consent.as_ref().unwrap().checked_by,
        "Sam Checker"
    );
    let entry = council.practice_entry(1).unwrap();
    assert_eq!(entry.details.events.len(), 1);
    assert_eq!(
        council.practice_history(1).unwrap().last().unwrap().action,
        PracticeHistoryAction::DecidedByPack
    );

    // Again on both sides: nothing changes.
    assert_eq!(counts(&import(&mut council, &back, 12)), (0, 0, 1, 0, 0));
    let next = submission(&council, 12);
    assert_eq!(counts(&import(&mut l, &next, 12)), (0, 0, 1, 0, 0));
    assert_eq!(records(&l), records(&council));
}

#[test]
fn a_returned_entry_comes_back_with_the_note_and_goes_again_changed() {
    let (mut council, id) = kent_with_entry();
    let mut l = lga();
    let r = import(&mut l, &submission(&council, 9), 9);
    let there = r.practice[0].entry_id.unwrap();
    lga_step(
        &mut l,
        there,
        PracticeStep::Return {
            note: "Add the figures for 2014".into(),
        },
        9,
    );
    import(&mut council, &reply(&l, 10), 10);
    let entry = council.practice_entry(id).unwrap();
    assert_eq!(entry.status, PracticeStatus::Returned);
    assert_eq!(
        entry.status_note.as_deref(),
        Some("Add the figures for 2014")
    );

    let mut form = entry.to_form();
    form.summary = "Adoptions rose by 110% within a year, and held in 2014.".into();
    council
        .edit_practice(id, &form, at(2014, 9, 12, 13))
        .unwrap();
    council
        .practice_step(id, &PracticeStep::Submit, at(2014, 9, 12, 14))
        .unwrap();
    let r = import(&mut l, &submission(&council, 15), 15);
    assert_eq!(counts(&r), (0, 1, 0, 0, 0), "{r:?}");
    let at_lga = l.practice_entry(there).unwrap();
    assert_eq!(at_lga.status, PracticeStatus::Submitted);
    assert!(at_lga.details.summary.ends_with("held in 2014."));
    assert_eq!(at_lga.status_note, None);
}

#[test]
fn a_hand_edited_submission_cannot_publish_its_own_entry() {
    let (council, _) = kent_with_entry();
    let sub = submission(&council, 9);
    let mut l = lga();
    let r = import(&mut l, &sub, 9);
    let id = r.practice[0].entry_id.unwrap();
    let before = (
        l.practice_entry(id).unwrap(),
        l.practice_history(id).unwrap().len(),
    );
    let published = edited(&sub, |v| {
        v["practice"][0]["status"] = json!("published");
        v["practice"][0]["consent"] = json!({"checked_by": "Kim Organiser", "kind": "on_record", "at": "2014-09-10T09:00:00Z"});
    });
    let r = import(&mut l, &published, 10);
    assert_eq!(counts(&r), (0, 0, 0, 1, 0), "{r:?}");
    assert_eq!(r.practice[0].field.as_deref(), Some("status"));
    assert!(
        r.practice[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("only the LGA decides"),
        "{r:?}"
    );
    let after = (
        l.practice_entry(id).unwrap(),
        l.practice_history(id).unwrap().len(),
    );
    assert_eq!(after, before, "stays as the LGA has it");

    // A consent check alone is refused too; so is a new entry claiming
    // approval (it is not created).
    let consent = edited(&sub, |v| {
        v["practice"][0]["consent"] = json!({"checked_by": "Kim Organiser", "kind": "on_record", "at": "2014-09-10T09:00:00Z"});
    });
    let r = import(&mut l, &consent, 11);
    assert_eq!(r.practice[0].field.as_deref(), Some("consent"), "{r:?}");
    let mut fresh = lga();
    let approved = edited(&sub, |v| v["practice"][0]["status"] = json!("approved"));
    let r = import(&mut fresh, &approved, 9);
    assert_eq!(counts(&r), (0, 0, 0, 1, 0), "{r:?}");
    assert!(records(&fresh).is_empty());
}

#[test]
fn another_councils_entry_is_refused_by_name() {
    let (council, _) = kent_with_entry();
    let sub = submission(&council, 9);
    let mut l = lga();
    let theirs = edited(&sub, |v| v["practice"][0]["council"] = json!("352"));
    let r = import(&mut l, &theirs, 9);
    assert_eq!(counts(&r), (0, 0, 0, 1, 0), "{r:?}");
    assert_eq!(r.practice[0].field.as_deref(), Some("council"));
    assert!(
        r.practice[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("a pack speaks only for the entries its own council leads"),
        "{r:?}"
    );
    // An event the database does not hold is named.
    let unknown = edited(&sub, |v| {
        v["practice"][0]["events"] = json!(["nobody@example.org"])
    });
    let r = import(&mut l, &unknown, 10);
    assert_eq!(r.practice[0].field.as_deref(), Some("events"), "{r:?}");
    assert!(records(&l).is_empty());
}

#[test]
fn an_entry_changed_on_both_sides_is_a_conflict_until_a_person_chooses() {
    let mut council = kent();
    let event = council
        .add_event(&kent_form(), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    let id = council
        .add_practice(&full_entry(event.id), at(2014, 9, 2, 10))
        .unwrap()
        .id;
    let mut l = lga();
    let r = import(&mut l, &submission(&council, 9), 9);
    let there = r.practice[0].entry_id.unwrap();
    // The draft changed at the LGA's desk (by someone acting for Kent)...
    be(&mut l, Role::CouncilOrganiser);
    l.save_settings(&SettingsForm {
        my_council: Some("886".into()),
        ..Default::default()
    })
    .unwrap();
    let mut form = l.practice_entry(there).unwrap().to_form();
    form.title = "Changed at the LGA".into();
    l.edit_practice(there, &form, at(2014, 9, 10, 12)).unwrap();
    be(&mut l, Role::LgaOfficer);
    // ... and at the council.
    let mut form = council.practice_entry(id).unwrap().to_form();
    form.title = "Changed at the council".into();
    council
        .edit_practice(id, &form, at(2014, 9, 10, 13))
        .unwrap();

    let sub = submission(&council, 14);
    let r = import(&mut l, &sub, 14);
    assert_eq!(counts(&r), (0, 0, 0, 0, 1), "{r:?}");
    let number = r.practice[0].conflict.unwrap();
    assert_eq!(
        l.practice_entry(there).unwrap().details.title,
        "Changed at the LGA"
    );
    let waiting = l.all_pack_conflicts().unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].id(), number);
    // Importing the same pack again finds it waiting.
    let r = import(&mut l, &sub, 15);
    assert_eq!(r.practice[0].conflict, Some(number));

    l.resolve_any_pack_conflict(number, Side::Council, at(2014, 9, 12, 16))
        .unwrap();
    assert_eq!(
        l.practice_entry(there).unwrap().details.title,
        "Changed at the council"
    );
    assert!(l.all_pack_conflicts().unwrap().is_empty());
    assert_eq!(
        l.practice_history(there).unwrap().last().unwrap().action,
        PracticeHistoryAction::ConflictKeptCouncil
    );
    let r = import(&mut l, &sub, 17);
    assert_eq!(counts(&r), (0, 0, 1, 0, 0), "{r:?}");
}

#[test]
fn a_changed_entry_and_its_conflict_are_worded_for_people_in_the_window() {
    let (mut council, id) = kent_with_entry();
    let mut l = lga();
    let there = import(&mut l, &submission(&council, 9), 9).practice[0]
        .entry_id
        .unwrap();
    lga_step(
        &mut l,
        there,
        PracticeStep::Return {
            note: "Add the figures for 2014".into(),
        },
        9,
    );
    import(&mut council, &reply(&l, 10), 10);
    let mut form = council.practice_entry(id).unwrap().to_form();
    form.outcomes[1] =
        outcome_from_text("Average wait; 21 months; 12 months; 2012 to 2014").unwrap();
    form.contact_role = String::new();
    council
        .edit_practice(id, &form, at(2014, 9, 12, 13))
        .unwrap();
    council
        .practice_step(id, &PracticeStep::Submit, at(2014, 9, 12, 14))
        .unwrap();

    let dry = l
        .import_pack(
            &submission(&council, 15),
            ImportMode::DryRun,
            at(2014, 9, 12, 15),
        )
        .unwrap();
    let raw: Vec<String> = dry.practice[0]
        .changes
        .iter()
        .map(|c| c.field.clone())
        .collect();
    let shown = l.pack_report_shown(dry).unwrap();
    let item = &shown.practice[0];
    assert_eq!(item.outcome, Outcome::Changed);
    let rows: Vec<(&str, Value, Value)> = item
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.old.clone(), c.new.clone()))
        .collect();
    assert_eq!(
        rows.iter().map(|r| r.0.to_string()).collect::<Vec<_>>(),
        raw,
        "the same fields, in the same order, only worded"
    );
    let row = |f: &str| rows.iter().find(|r| r.0 == f).cloned().unwrap();
    assert_eq!(
        row("outcomes"),
        (
            "outcomes",
            json!("Adoptions: 20 before, 42 after (2011 to 2013); Average wait: 21 months before, 14 months after (2012 to 2013)"),
            json!("Adoptions: 20 before, 42 after (2011 to 2013); Average wait: 21 months before, 12 months after (2012 to 2014)")
        )
    );
    assert_eq!(
        row("contact"),
        (
            "contact",
            json!("Jo Bloggs (Head of adoption), jo.bloggs@kent.gov.uk"),
            json!("Jo Bloggs, jo.bloggs@kent.gov.uk")
        )
    );
    assert_eq!(
        row("status"),
        ("status", json!("Returned"), json!("Submitted"))
    );
    assert_eq!(
        row("status_note"),
        (
            "status_note",
            json!("Add the figures for 2014"),
            json!("None")
        )
    );

    // A conflict over the same entry is worded the same way on the Packs
    // screen: the entry changed at the LGA's desk while it was returned.
    be(&mut l, Role::CouncilOrganiser);
    l.save_settings(&SettingsForm {
        my_council: Some("886".into()),
        ..Default::default()
    })
    .unwrap();
    let mut here = l.practice_entry(there).unwrap().to_form();
    here.themes = vec!["adoption".into(), "education".into()];
    l.edit_practice(there, &here, at(2014, 9, 12, 16)).unwrap();
    be(&mut l, Role::LgaOfficer);
    let r = import(&mut l, &submission(&council, 17), 17);
    assert_eq!(counts(&r), (0, 0, 0, 0, 1), "{r:?}");
    let page = l.packs_page().unwrap();
    assert_eq!(page.conflicts.len(), 1);
    let crate::pack::report::AnyPackConflict::Practice(c) = &page.conflicts[0].conflict else {
        panic!(
            "a practice entry's conflict: {:?}",
            page.conflicts[0].conflict
        );
    };
    let themes = c.fields.iter().find(|f| f.field == "themes").unwrap();
    let names = |slugs: &[&str]| {
        let catalogue = l.catalogue().unwrap();
        slugs
            .iter()
            .map(|s| {
                catalogue
                    .themes
                    .iter()
                    .find(|t| t.slug == *s)
                    .unwrap()
                    .name
                    .clone()
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    assert_eq!(
        (themes.old.clone(), themes.new.clone()),
        (
            json!(names(&["adoption", "education"])),
            json!(names(&["adoption"]))
        ),
        "themes by name, here and in the pack"
    );
    let outcomes = c.fields.iter().find(|f| f.field == "outcomes").unwrap();
    assert!(
        outcomes
            .new
            .as_str()
            .unwrap()
            .contains("12 months after (2012 to 2014)"),
        "{outcomes:?}"
    );
}
