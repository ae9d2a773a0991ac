//! The rules of practice entries: every transition by role, and every
//! field's validation.

use chrono::{TimeZone, Utc};

use super::*;
use crate::catalogue::Catalogue;
use crate::error::ErrorCode;
use crate::event::Event;
use crate::permission::{
    check_practice, check_practice_role, practice_actions, PracticeAction, Role,
};

use PracticeAction as A;
use PracticeStatus as S;

const ORGANISER: Role = Role::CouncilOrganiser;
const OFFICER: Role = Role::LgaOfficer;

fn catalogue() -> Catalogue {
    let now = Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap();
    let mut store = crate::Store::open_in_memory(now).unwrap();
    store.init().unwrap();
    store.catalogue().unwrap()
}

/// Kent and Coram's adoption partnership, as the minister told it.
fn kent_form() -> PracticeForm {
    PracticeForm {
        council: "886".into(),
        partner_organisations: vec!["Coram".into()],
        title: "Kent and Coram's adoption partnership".into(),
        themes: vec!["adoption".into()],
        summary: "A partnership with the children's charity Coram doubled adoptions within a year."
            .into(),
        what_was_done: "Kent's adoption service worked with Coram ...".into(),
        outcomes: vec![outcome_from_text("Children adopted; 20; 42; 2011 to 2013").unwrap()],
        source: "Edward Timpson, speech to the NCAS conference, 2013".into(),
        contact_name: "Jo Bloggs".into(),
        contact_role: "Head of adoption".into(),
        contact_email: "jo.bloggs@kent.gov.uk".into(),
        ..PracticeForm::default()
    }
}

/// Whether `role` may take `action` on an entry in `status` (its council
/// being theirs), and the status it moves to or why not.
fn attempt(role: Role, status: PracticeStatus, action: PracticeAction) -> Result<S, String> {
    check_practice_role(role, action).map_err(|e| e.to_string())?;
    next_status(role, status, action)
}

#[test]
fn every_transition_by_role_is_allowed_or_refused_as_the_rules_say() {
    // Everything allowed, with where it leads; everything else is refused.
    let allowed: &[(Role, S, A, S)] = &[
        (ORGANISER, S::Draft, A::Edit, S::Draft),
        (ORGANISER, S::Returned, A::Edit, S::Draft),
        (ORGANISER, S::Draft, A::Submit, S::Submitted),
        (ORGANISER, S::Returned, A::Submit, S::Submitted),
        (OFFICER, S::Submitted, A::Edit, S::Submitted),
        (OFFICER, S::Approved, A::Edit, S::Approved),
        (OFFICER, S::Submitted, A::Approve, S::Approved),
        (OFFICER, S::Submitted, A::Return, S::Returned),
        (OFFICER, S::Approved, A::Return, S::Returned),
        (OFFICER, S::Published, A::Return, S::Returned),
        (OFFICER, S::Approved, A::Publish, S::Published),
    ];
    let mut seen = 0;
    for role in Role::ALL {
        for status in PracticeStatus::ALL {
            for action in PracticeAction::ALL {
                let got = attempt(role, status, action);
                match allowed
                    .iter()
                    .find(|(r, s, a, _)| (*r, *s, *a) == (role, status, action))
                {
                    Some((.., to)) => {
                        assert_eq!(got, Ok(*to), "{role:?} {action:?} on {status:?}");
                        seen += 1;
                    }
                    None => {
                        let why = got.expect_err(&format!("{role:?} {action:?} on {status:?}"));
                        assert!(!why.is_empty());
                    }
                }
            }
        }
    }
    assert_eq!(seen, allowed.len());
}

#[test]
fn refusals_say_who_may_or_why_the_status_forbids_it() {
    let refused = |role, status, action| attempt(role, status, action).unwrap_err();
    assert_eq!(
        refused(ORGANISER, S::Approved, A::Publish),
        "only an LGA officer can publish a practice entry in the toolkit; your role is council \
         organiser: change it in Settings or with `cpweek settings set --role lga-officer`"
    );
    assert!(refused(ORGANISER, S::Submitted, A::Approve)
        .starts_with("only an LGA officer can approve a practice entry;"));
    assert!(refused(ORGANISER, S::Submitted, A::Return)
        .starts_with("only an LGA officer can return a practice entry to its council;"));
    assert!(refused(OFFICER, S::Draft, A::Submit)
        .starts_with("only a council organiser can submit a practice entry to the LGA;"));
    assert!(refused(OFFICER, S::Draft, A::Add)
        .starts_with("only a council organiser can add a practice entry;"));
    assert_eq!(
        refused(ORGANISER, S::Submitted, A::Edit),
        "the entry is submitted; its council can change it only while it is a draft or returned"
    );
    assert_eq!(
        refused(ORGANISER, S::Published, A::Edit),
        "the entry is published; its council can change it only while it is a draft or returned"
    );
    assert_eq!(
        refused(OFFICER, S::Published, A::Edit),
        "the entry is published; return it to its council before changing it"
    );
    assert_eq!(
        refused(OFFICER, S::Draft, A::Edit),
        "the entry is a draft; the LGA can correct it once its council submits it"
    );
    assert_eq!(
        refused(OFFICER, S::Submitted, A::Publish),
        "the entry is submitted; only an approved entry can be published"
    );
    assert_eq!(
        refused(OFFICER, S::Draft, A::Approve),
        "the entry is a draft; its council must submit it before it can be approved"
    );
    assert_eq!(
        refused(OFFICER, S::Published, A::Publish),
        "the entry is already published"
    );
    assert_eq!(
        refused(OFFICER, S::Returned, A::Return),
        "the entry is returned to its council; only a submitted, approved or published entry can be returned"
    );
    assert_eq!(
        refused(ORGANISER, S::Submitted, A::Submit),
        "the entry is already submitted"
    );
}

#[test]
fn the_actions_offered_follow_role_and_status() {
    let organiser = |s| practice_actions(ORGANISER, s);
    let officer = |s| practice_actions(OFFICER, s);
    assert_eq!(organiser(S::Draft), [A::Edit, A::Submit]);
    assert_eq!(organiser(S::Returned), [A::Edit, A::Submit]);
    for s in [S::Submitted, S::Approved, S::Published] {
        assert_eq!(organiser(s), [], "{s:?}");
    }
    assert_eq!(officer(S::Draft), []);
    assert_eq!(officer(S::Returned), []);
    assert_eq!(officer(S::Submitted), [A::Edit, A::Approve, A::Return]);
    assert_eq!(officer(S::Approved), [A::Edit, A::Return, A::Publish]);
    assert_eq!(officer(S::Published), [A::Return]);
}

#[test]
fn a_council_organiser_acts_only_on_entries_of_their_own_council() {
    let kent_with_medway = ["886", "887"];
    for mine in ["886", "887"] {
        assert!(check_practice(ORGANISER, Some(mine), A::Edit, &kent_with_medway).is_ok());
    }
    let e = check_practice(ORGANISER, Some("352"), A::Submit, &kent_with_medway).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    assert_eq!(
        e.to_string(),
        "a council organiser can only submit practice entries of their own council; this entry \
         is by council 886, 887, and your council in the settings is 352"
    );
    let e = check_practice(ORGANISER, None, A::Edit, &kent_with_medway).unwrap_err();
    assert!(
        e.to_string().contains(
            "no council is set in your settings: set it with `cpweek settings set --council 886`"
        ),
        "{e}"
    );
    // The LGA's officers act on every council's entries.
    assert!(check_practice(OFFICER, None, A::Publish, &kent_with_medway).is_ok());
}

#[test]
fn a_good_form_is_kept_as_given_in_its_normal_form() {
    let mut form = kent_form();
    form.partner_councils = vec!["Medway".into(), " ".into()];
    form.themes = vec!["Adoption".into(), "adoption".into(), "care-leavers".into()];
    let content = validate(&form, &catalogue(), &[]).unwrap();
    assert_eq!(content.programme_id, "2014");
    assert_eq!(content.council_code, "886");
    assert_eq!(content.partner_councils, ["887"]);
    let d = &content.details;
    assert_eq!(d.themes, ["adoption", "care-leavers"]);
    assert_eq!(d.partner_organisations, ["Coram"]);
    assert_eq!(
        d.outcomes,
        [Outcome {
            measure: "Children adopted".into(),
            before: "20".into(),
            after: "42".into(),
            period: "2011 to 2013".into(),
        }]
    );
    assert_eq!(
        d.contact,
        Some(Contact {
            name: "Jo Bloggs".into(),
            role: Some("Head of adoption".into()),
            email: "jo.bloggs@kent.gov.uk".into(),
        })
    );
    // A title that looks like markup is only text.
    let mut hostile = kent_form();
    hostile.title = "<script>alert('x')</script> & \"Kent\"".into();
    let content = validate(&hostile, &catalogue(), &[]).unwrap();
    assert_eq!(content.details.title, hostile.title);
}

/// The fields named by a refused form, in order.
fn fields(form: &PracticeForm, linked: &[Event]) -> Vec<(&'static str, String)> {
    validate(form, &catalogue(), linked)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect()
}

#[test]
fn every_field_at_fault_is_named_at_once() {
    let form = PracticeForm {
        programme: "1999".into(),
        council: "Atlantis".into(),
        partner_councils: vec!["Nowhere".into()],
        partner_organisations: vec!["A\nB".into()],
        title: String::new(),
        themes: vec!["knitting".into()],
        summary: " ".into(),
        what_was_done: "x".repeat(10_001),
        outcomes: vec![OutcomeForm {
            measure: "Adoptions".into(),
            ..OutcomeForm::default()
        }],
        source: "s".repeat(501),
        contact_role: "Head of service".into(),
        contact_email: "not an address".into(),
        events: vec![404],
        ..PracticeForm::default()
    };
    let named: Vec<&str> = fields(&form, &[]).into_iter().map(|(f, _)| f).collect();
    for field in [
        "programme",
        "council",
        "partner_councils",
        "partner_organisations",
        "title",
        "themes",
        "summary",
        "what_was_done",
        "outcomes",
        "source",
        "contact_name",
        "contact_email",
        "events",
    ] {
        assert!(named.contains(&field), "{field} not named in {named:?}");
    }
}

#[test]
fn each_field_says_what_is_wrong_and_what_is_expected() {
    let one = |change: &dyn Fn(&mut PracticeForm)| {
        let mut form = kent_form();
        change(&mut form);
        let mut found = fields(&form, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    };
    assert_eq!(
        one(&|f| f.council = " ".into()),
        (
            "council",
            "council is required: give the lead council's DfE code or name, like 886 or Kent"
                .into()
        )
    );
    let (field, m) = one(&|f| f.programme = "1999".into());
    assert_eq!(field, "programme");
    assert!(m.contains("\"1999\" is not known"), "{m}");
    let (field, m) = one(&|f| f.partner_councils = vec!["Kent".into()]);
    assert_eq!(field, "partner_councils");
    assert!(m.contains("is the lead council"), "{m}");
    let (field, m) = one(&|f| f.partner_councils = vec!["887".into(), "Medway".into()]);
    assert_eq!(field, "partner_councils");
    assert!(m.contains("is given twice"), "{m}");
    let (field, m) = one(&|f| f.partner_organisations = vec!["Coram".into(), "coram".into()]);
    assert_eq!(field, "partner_organisations");
    assert!(m.contains("\"coram\" is given twice"), "{m}");
    let (field, m) = one(&|f| f.partner_organisations = vec!["o".repeat(201)]);
    assert_eq!(field, "partner_organisations");
    assert!(m.contains("200 characters"), "{m}");
    let (field, m) =
        one(&|f| f.partner_organisations = (1..=21).map(|i| format!("Charity {i}")).collect());
    assert_eq!(field, "partner_organisations");
    assert!(m.contains("give at most 20"), "{m}");
    assert_eq!(
        one(&|f| f.title = "\u{200B}".into()),
        ("title", "title is required".into())
    );
    let (field, m) = one(&|f| f.title = "t".repeat(201));
    assert_eq!(field, "title");
    assert!(m.contains("200 characters"), "{m}");
    let (field, m) = one(&|f| f.title = "Kent\u{202E}evil".into());
    assert_eq!(field, "title");
    assert!(m.contains("one line of text"), "{m}");
    let (field, m) = one(&|f| f.themes = vec!["knitting".into()]);
    assert_eq!(field, "themes");
    assert!(
        m.contains("theme \"knitting\" is not known; choose from"),
        "{m}"
    );
    assert_eq!(
        one(&|f| f.summary = String::new()),
        ("summary", "summary is required".into())
    );
    let (field, m) = one(&|f| f.summary = "s".repeat(2_001));
    assert_eq!(field, "summary");
    assert!(
        m.contains("2000 characters") || m.contains("2,000 characters"),
        "{m}"
    );
    // Lines are kept in the long fields.
    let mut lines = kent_form();
    lines.what_was_done = "First we listened.\r\nThen we acted.".into();
    assert_eq!(
        validate(&lines, &catalogue(), &[])
            .unwrap()
            .details
            .what_was_done
            .as_deref(),
        Some("First we listened.\nThen we acted.")
    );
    let (field, m) = one(&|f| f.what_was_done = "w".repeat(10_001));
    assert_eq!(field, "what_was_done");
    assert!(m.starts_with("what was done"), "{m}");
    let (field, m) = one(&|f| f.source = "s".repeat(501));
    assert_eq!(field, "source");
    assert!(m.starts_with("source"), "{m}");
    let (field, m) = one(&|f| f.contact_email = "jo at kent".into());
    assert_eq!(field, "contact_email");
    assert!(m.contains("is not an email address"), "{m}");
    let (field, m) = one(&|f| f.contact_email = String::new());
    assert_eq!(field, "contact_email");
    assert!(
        m.starts_with("contact email is required with a contact"),
        "{m}"
    );
    let (field, m) = one(&|f| f.contact_name = String::new());
    assert_eq!(field, "contact_name");
    assert!(
        m.starts_with("contact name is required with a contact"),
        "{m}"
    );
    let (field, m) = one(&|f| f.contact_role = "r".repeat(201));
    assert_eq!(field, "contact_role");
    assert!(m.starts_with("contact role"), "{m}");
    // No contact at all is fine; so is a contact without a role.
    let mut none = kent_form();
    none.contact_name.clear();
    none.contact_role.clear();
    none.contact_email.clear();
    assert_eq!(
        validate(&none, &catalogue(), &[]).unwrap().details.contact,
        None
    );
    none.contact_name = "Jo Bloggs".into();
    none.contact_email = "jo@kent.gov.uk".into();
    let contact = validate(&none, &catalogue(), &[])
        .unwrap()
        .details
        .contact
        .unwrap();
    assert_eq!(contact.role, None);
}

#[test]
fn outcomes_are_whole_and_numbered_in_messages() {
    let mut form = kent_form();
    form.outcomes = vec![
        outcome_from_text("Weeks in care proceedings; 49; 27; 2011 to 2013").unwrap(),
        outcome_from_text(" ; 20; ; 2012").unwrap(),
        OutcomeForm::default(),
        outcome_from_text("Placement orders; 10; 25; 2012\u{1b}[2J").unwrap(),
    ];
    let found = fields(&form, &[]);
    assert!(found.iter().all(|(f, _)| *f == "outcomes"), "{found:?}");
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with("outcome 2: measure is required: give what was measured"));
    assert!(messages[0].contains("MEASURE; BEFORE; AFTER; PERIOD"));
    assert!(messages[1].starts_with("outcome 2: after is required"));
    assert!(
        messages[2].starts_with("outcome 4: period must be one line"),
        "{}",
        messages[2]
    );
    let mut many = kent_form();
    many.outcomes = (0..21)
        .map(|i| outcome_from_text(&format!("Measure {i}; 1; 2; 2013")).unwrap())
        .collect();
    assert_eq!(
        fields(&many, &[]),
        [(
            "outcomes",
            "21 outcomes are given; give at most 20".to_string()
        )]
    );
}

#[test]
fn outcome_text_takes_four_parts_and_says_so_otherwise() {
    assert_eq!(
        outcome_from_text(" Adoptions ;20;  42 ; 2011 to 2013").unwrap(),
        OutcomeForm {
            measure: "Adoptions".into(),
            before: "20".into(),
            after: "42".into(),
            period: "2011 to 2013".into(),
        }
    );
    assert_eq!(
        outcome_from_text("Adoptions up 110%").unwrap_err(),
        "\"Adoptions up 110%\" has 1 part; expected four parts separated by semicolons, \
         MEASURE; BEFORE; AFTER; PERIOD, like \"Adoptions; 20; 42; 2011 to 2013\""
    );
    assert!(outcome_from_text("a; b; c; d; e")
        .unwrap_err()
        .contains("has 5 parts"));
    assert!(outcome_from_text("a; b\n; c")
        .unwrap_err()
        .starts_with("\"a; b\\n; c\" has 3 parts"));
}

#[test]
fn linked_events_must_be_run_by_the_lead_or_a_partner() {
    let mut kent = Event::example(1, "Kent's celebration");
    kent.council = "886".into();
    let mut medway = Event::example(2, "Medway's event");
    medway.council = "887".into();
    medway.council_name = "Medway".into();
    let mut joint = Event::example(3, "Surrey with Medway");
    joint.council = "936".into();
    joint.council_name = "Surrey".into();
    joint.partner_councils = vec!["887".into()];
    let mut form = kent_form();
    form.events = vec![1, 2, 3, 1, 99];
    let found = fields(&form, &[kent.clone(), medway.clone(), joint.clone()]);
    assert_eq!(
        found,
        [
            (
                "events",
                "event 2 (\"Medway's event\") is run by Medway, not by this entry's councils; \
                 link only events the lead or a partner council runs"
                    .to_string()
            ),
            (
                "events",
                "event 3 (\"Surrey with Medway\") is run by Surrey, not by this entry's councils; \
                 link only events the lead or a partner council runs"
                    .to_string()
            ),
            (
                "events",
                "event 1 is given twice; link each event once".to_string()
            ),
            (
                "events",
                "event 99 was not found; link one of the council's events by its id (see \
                 `cpweek event list --council CODE`)"
                    .to_string()
            ),
        ]
    );
    // With Medway as a partner, Medway's events (as lead or partner) may be linked.
    form.partner_councils = vec!["887".into()];
    form.events = vec![3, 2, 1];
    let content = validate(&form, &catalogue(), &[kent, medway, joint]).unwrap();
    assert_eq!(content.details.events, [3, 2, 1]);
}

#[test]
fn the_consent_check_needs_a_full_name() {
    let now = Utc.with_ymd_and_hms(2014, 10, 1, 9, 0, 0).unwrap();
    let check = |name: &str| {
        check_consent(
            &ConsentForm {
                checked_by: name.into(),
                kind: Some(ConsentKind::OnRecord),
            },
            now,
        )
        .map_err(|mut errors| {
            assert_eq!(errors.len(), 1, "{errors:?}");
            errors.remove(0)
        })
    };
    let ok = check("  Jo  Bloggs ").unwrap();
    assert_eq!(ok.checked_by, "Jo  Bloggs");
    assert_eq!(ok.kind, ConsentKind::OnRecord);
    assert_eq!(ok.at, now);
    assert!(check("Siân Ní Bhriain").is_ok());
    for blank in ["", "   ", "\u{200B}"] {
        let e = check(blank).unwrap_err();
        assert_eq!(e.field, "consent_checked_by");
        assert!(
            e.message.starts_with("consent checked by is required:"),
            "{}",
            e.message
        );
    }
    for one_word in ["Jo", "Jo 123", "  Bloggs  "] {
        let e = check(one_word).unwrap_err();
        assert_eq!(e.field, "consent_checked_by");
        assert!(e.message.contains("is not a full name"), "{}", e.message);
        assert!(e.message.contains("like \"Jo Bloggs\""), "{}", e.message);
    }
    let e = check("Jo\nBloggs").unwrap_err();
    assert!(e.message.contains("one line of text"), "{}", e.message);
    assert!(check(&format!("Jo {}", "B".repeat(200))).is_err());
}

#[test]
fn the_consent_check_needs_its_kind_chosen_and_names_every_field_at_fault() {
    let now = Utc.with_ymd_and_hms(2014, 10, 1, 9, 0, 0).unwrap();
    let fields = |form: ConsentForm| -> Vec<&'static str> {
        check_consent(&form, now)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect()
    };
    assert_eq!(
        fields(ConsentForm {
            checked_by: "Jo Bloggs".into(),
            kind: None,
        }),
        ["consent_kind"]
    );
    assert_eq!(
        fields(ConsentForm::default()),
        ["consent_kind", "consent_checked_by"],
        "nothing given: both, in the form's order"
    );
    for kind in ConsentKind::ALL {
        let check = check_consent(
            &ConsentForm {
                checked_by: "Jo Bloggs".into(),
                kind: Some(kind),
            },
            now,
        )
        .unwrap();
        assert_eq!(check.kind, kind, "the kind chosen is the kind recorded");
    }
}

#[test]
fn statuses_and_consent_kinds_read_as_written() {
    for s in PracticeStatus::ALL {
        assert_eq!(PracticeStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(PracticeStatus::parse(" Published "), Some(S::Published));
    assert_eq!(PracticeStatus::parse("cancelled"), None);
    for k in ConsentKind::ALL {
        assert_eq!(ConsentKind::parse(k.as_str()), Some(k));
        assert_eq!(ConsentKind::parse(k.flag()), Some(k));
    }
    assert_eq!(ConsentKind::parse("maybe"), None);
}

#[test]
fn steps_arrive_from_the_window_as_documented() {
    let read = |v: serde_json::Value| serde_json::from_value::<PracticeStep>(v).unwrap();
    assert_eq!(
        read(serde_json::json!({"step": "submit"})),
        PracticeStep::Submit
    );
    assert_eq!(
        read(serde_json::json!({"step": "return", "note": "Add figures"})),
        PracticeStep::Return {
            note: "Add figures".into()
        }
    );
    let publish = read(serde_json::json!({
        "step": "publish",
        "consent": {"checked_by": "Jo Bloggs", "kind": "on_record"}
    }));
    assert_eq!(publish.action(), A::Publish);
    assert_eq!(
        publish,
        PracticeStep::Publish {
            consent: ConsentForm {
                checked_by: "Jo Bloggs".into(),
                kind: Some(ConsentKind::OnRecord)
            }
        }
    );
    // Without a kind, none is assumed: the step arrives without one and
    // the consent check refuses it (a safeguarding confirmation is never
    // taken for granted).
    let kindless =
        read(serde_json::json!({"step": "publish", "consent": {"checked_by": "Jo Bloggs"}}));
    let PracticeStep::Publish { consent } = kindless else {
        panic!("{kindless:?}")
    };
    assert_eq!(consent.kind, None);
    let now = Utc.with_ymd_and_hms(2014, 10, 1, 9, 0, 0).unwrap();
    let errors = check_consent(&consent, now).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "consent_kind");
    assert!(
        errors[0]
            .message
            .starts_with("choose which check was made: "),
        "{}",
        errors[0].message
    );
    assert!(serde_json::from_value::<PracticeStep>(serde_json::json!({"step": "delete"})).is_err());
}
