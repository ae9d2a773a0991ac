//! Hostile data in practice entries, in the core: what the command line
//! cannot carry (a NUL, a 1 MB summary) is refused naming the field and
//! writes nothing; a practice record in a council's submission, edited at
//! random, is taken or refused, never a panic, never approved, published
//! or given a consent check.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::pack_tests::{edited, kent, lga, submission};
use super::tests::{at, kent_form};
use super::*;
use crate::practice::{
    outcome_from_text, PracticeFilter, PracticeForm, PracticeStatus, PracticeStep,
};

fn form() -> PracticeForm {
    PracticeForm {
        council: "Kent".into(),
        partner_organisations: vec!["Coram".into()],
        title: "Kent's adoption partnership".into(),
        themes: vec!["adoption".into()],
        summary: "Adoptions rose.".into(),
        what_was_done: "A joint team.".into(),
        outcomes: vec![outcome_from_text("Adoptions; 20; 42; 2011 to 2013").unwrap()],
        source: "A speech".into(),
        contact_name: "Jo Bloggs".into(),
        contact_role: "Head of adoption".into(),
        contact_email: "jo.bloggs@kent.gov.uk".into(),
        ..PracticeForm::default()
    }
}

/// Puts a value into one field of a form.
type SetField = fn(&mut PracticeForm, String);

fn fields_at_fault(s: &mut Store, f: &PracticeForm) -> Vec<&'static str> {
    match s.add_practice(f, at(2014, 9, 2, 10)) {
        Err(Error::Invalid(errors)) => errors.iter().map(|e| e.field).collect(),
        other => panic!("should be refused: {other:?}"),
    }
}

#[test]
fn a_nul_or_a_megabyte_is_refused_naming_the_field_and_writes_nothing() {
    let mut s = kent();
    let cases: Vec<(&str, SetField)> = vec![
        ("title", |f, v| f.title = v),
        ("summary", |f, v| f.summary = v),
        ("what_was_done", |f, v| f.what_was_done = v),
        ("partner_organisations", |f, v| {
            f.partner_organisations = vec![v]
        }),
        ("source", |f, v| f.source = v),
        ("contact_role", |f, v| f.contact_role = v),
    ];
    for (field, set) in &cases {
        for bad in ["A\u{0}B".to_string(), "x".repeat(1024 * 1024)] {
            let mut f = form();
            set(&mut f, bad.clone());
            let at_fault = fields_at_fault(&mut s, &f);
            assert!(
                at_fault.contains(field),
                "{field} {}: {at_fault:?}",
                bad.len()
            );
        }
    }
    let mut f = form();
    f.summary = "x".repeat(1024 * 1024);
    match s.add_practice(&f, at(2014, 9, 2, 10)) {
        Err(Error::Invalid(errors)) => {
            let message = &errors[0].message;
            assert!(message.len() < 300, "the text is not repeated: {message}");
            assert!(message.contains("2000"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(s
        .practice_entries(&PracticeFilter::default())
        .unwrap()
        .is_empty());
}

mod random_edits {
    use super::*;

    const FIELDS: [&str; 18] = [
        "uid",
        "programme",
        "council",
        "partner_councils",
        "title",
        "partner_organisations",
        "themes",
        "summary",
        "what_was_done",
        "outcomes",
        "source",
        "contact",
        "events",
        "status",
        "status_note",
        "consent",
        "created_at",
        "updated_at",
    ];

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "\\PC{0,40}".prop_map(Value::from),
            "[\\x00-\\x1f\u{202e}\u{200b}a-z<>#$={}]{0,20}".prop_map(Value::from),
            Just(json!("x".repeat(100_000))),
            Just(json!("2014-10-28T10:00:00+14:00")),
            Just(json!("9999-12-31T23:59:59Z")),
            Just(json!("approved")),
            Just(json!("published")),
            Just(json!("returned")),
            Just(json!(["886", "886", "Medway", ""])),
            Just(json!([{"measure": "=SUM(A1)", "before": "", "after": null, "period": 1}])),
            Just(
                json!({"name": "\u{0}", "role": "#set page(width: 1pt)", "email": "not an email"})
            ),
            Just(
                json!({"checked_by": "Kim Organiser", "kind": "on_record", "at": "2014-09-10T09:00:00Z"})
            ),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// A submission's practice record edited at random (its digest made
        /// again) is taken or refused, never a panic; nothing it carries is
        /// approved, published or given a consent check.
        #[test]
        fn any_edited_practice_record_is_taken_or_refused_and_never_decided(
            edits in proptest::collection::vec((0usize..FIELDS.len(), value()), 1..6)
        ) {
            let mut council = kent();
            let event = council.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap().event;
            let mut f = form();
            f.events = vec![event.id];
            let entry = council.add_practice(&f, at(2014, 9, 2, 10)).unwrap();
            council.practice_step(entry.id, &PracticeStep::Submit, at(2014, 9, 2, 11)).unwrap();
            let bytes = edited(&submission(&council, 9), |v| {
                for (field, value) in &edits {
                    v["practice"][0][FIELDS[*field]] = value.clone();
                }
            });
            let mut l = lga();
            let _ = l.import_pack(&bytes, ImportMode::DryRun, at(2014, 9, 12, 9));
            let _ = l.import_pack(&bytes, ImportMode::Write, at(2014, 9, 12, 9));
            let _ = l.import_pack(&bytes, ImportMode::Write, at(2014, 9, 12, 10));
            for e in l.practice_entries(&PracticeFilter::default()).unwrap() {
                prop_assert!(
                    matches!(e.status, PracticeStatus::Draft | PracticeStatus::Submitted | PracticeStatus::Returned),
                    "{:?}", e
                );
                prop_assert!(e.consent.is_none(), "{:?}", e);
            }
        }
    }
}

#[test]
fn the_introduction_takes_crlf_and_a_byte_order_mark_and_refuses_hidden_characters_by_line() {
    use crate::document::Block;
    use crate::publish::toolkit::intro;
    let blocks = intro::blocks("\u{FEFF}# Welcome\r\n\r\nFirst line\r\nsecond.\r\n").unwrap();
    assert!(
        matches!(&blocks[0], Block::Heading { text, .. } if text == "Welcome"),
        "{blocks:?}"
    );
    assert_eq!(blocks[1], Block::Paragraph("First line second.".into()));
    for (markdown, line) in [
        ("Fine.\n\nBad\u{0} here", 3),
        ("Fine.\nBad \u{1b}[2J", 2),
        ("\u{202e}Reversed", 1),
        ("Fine.\rBad", 1),
    ] {
        match intro::blocks(markdown) {
            Err(Error::Invalid(errors)) => {
                assert_eq!(errors[0].field, "file");
                assert!(
                    errors[0]
                        .message
                        .starts_with(&format!("line {line}: it has ")),
                    "{markdown:?}: {}",
                    errors[0].message
                );
            }
            other => panic!("{markdown:?} should be refused: {other:?}"),
        }
    }
}
