//! The dissemination rules: editions, recipients, the day sent, coverage.

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn an_edition_is_a_whole_number_from_one() {
    assert_eq!(edition(" 2 ").unwrap(), 2);
    for bad in ["0", "-1", "two", "", "1.5", "1001"] {
        let e = edition(bad).unwrap_err();
        assert_eq!(e.field, "edition", "{bad}");
        assert!(e.message.contains("whole number"), "{}", e.message);
    }
}

#[test]
fn recipients_are_all_alone_or_councils() {
    assert_eq!(recipients(&["ALL".into()]).unwrap(), Recipients::All);
    assert_eq!(
        recipients(&["886".into(), "Kent".into()]).unwrap(),
        Recipients::Councils(vec!["886".into(), "Kent".into()])
    );
    assert_eq!(recipients(&[]).unwrap_err().field, "to");
    assert_eq!(recipients(&[" ".into()]).unwrap_err().field, "to");
    let both = recipients(&["all".into(), "886".into()]).unwrap_err();
    assert!(both.message.contains("not both"), "{}", both.message);
}

#[test]
fn the_day_sent_is_today_or_earlier() {
    let today = day("2014-11-20");
    assert_eq!(sent_on("", today).unwrap(), today);
    assert_eq!(sent_on("2014-11-10", today).unwrap(), day("2014-11-10"));
    assert!(sent_on("2014-11-21", today)
        .unwrap_err()
        .message
        .contains("after today"));
    assert!(sent_on("10/11/2014", today)
        .unwrap_err()
        .message
        .contains("YYYY-MM-DD"));
    assert!(sent_on("1999-12-31", today).is_err());
}

fn council(code: &str, region: &str) -> Council {
    Council {
        code: code.into(),
        gss_code: String::new(),
        name: format!("Council {code}"),
        display_name: format!("Council {code}"),
        region: region.into(),
        region_code: region.into(),
    }
}

fn entry(lead: &str, partners: &[&str], status: PracticeStatus, programme: &str) -> PracticeEntry {
    let mut e = PracticeEntry {
        id: 1,
        uid: "u".into(),
        programme: String::new(),
        council: String::new(),
        council_name: String::new(),
        region: String::new(),
        partner_councils: Vec::new(),
        partner_council_names: Vec::new(),
        details: Default::default(),
        status,
        status_note: None,
        consent: None,
        created_at: chrono::DateTime::UNIX_EPOCH,
        updated_at: chrono::DateTime::UNIX_EPOCH,
    };
    e.council = lead.into();
    e.partner_councils = partners.iter().map(|p| p.to_string()).collect();
    e.programme = programme.into();
    e
}

#[test]
fn coverage_counts_leads_and_partners_of_published_entries_once_per_region() {
    let regions = vec![
        Region {
            code: "A".into(),
            name: "Region A".into(),
        },
        Region {
            code: "B".into(),
            name: "Region B".into(),
        },
    ];
    let councils = vec![
        council("1", "A"),
        council("2", "A"),
        council("3", "A"),
        council("4", "B"),
        council("5", "B"),
    ];
    let entries = vec![
        // Lead 1 with partner 4, in another region: both count.
        entry("1", &["4"], PracticeStatus::Published, "2014"),
        // 1 again: still one council.
        entry("1", &[], PracticeStatus::Published, "2014"),
        // Not published, or another programme: not counted.
        entry("2", &[], PracticeStatus::Approved, "2014"),
        entry("3", &[], PracticeStatus::Published, "2012"),
    ];
    let c = coverage("2014", &regions, &councils, &entries);
    assert_eq!((c.councils, c.covered), (5, 2));
    assert_eq!(c.regions[0].covered, 1);
    assert_eq!(c.regions[0].councils, 3);
    assert_eq!(c.regions[0].not_covered, vec!["Council 2", "Council 3"]);
    assert_eq!(c.regions[1].covered, 1);
    assert_eq!(c.regions[1].not_covered, vec!["Council 5"]);
}

fn sending(edition: u32, council: &str, on: &str) -> Sent {
    Sent {
        programme: "2014".into(),
        edition,
        council: council.into(),
        council_name: format!("Council {council}"),
        region: "A".into(),
        sent_on: on.into(),
        recorded_by: "Lee Officer".into(),
    }
}

fn two_regions() -> (Vec<Region>, Vec<Council>) {
    let regions = vec![
        Region {
            code: "A".into(),
            name: "Region A".into(),
        },
        Region {
            code: "B".into(),
            name: "Region B".into(),
        },
    ];
    let councils = vec![council("1", "A"), council("2", "A"), council("3", "B")];
    (regions, councils)
}

#[test]
fn editions_sent_are_counted_by_council_with_their_first_and_last_day() {
    let (regions, councils) = two_regions();
    let sent = vec![
        sending(2, "1", "2014-12-01"),
        sending(1, "2", "2014-11-20"),
        sending(1, "1", "2014-11-10"),
        sending(1, "3", "2014-11-20"),
        // Another programme's sending is not this one's.
        Sent {
            programme: "2012".into(),
            ..sending(3, "1", "2012-11-01")
        },
    ];
    let officer = Viewer {
        role: crate::permission::Role::LgaOfficer,
        council: None,
    };
    let d = dissemination(
        coverage("2014", &regions, &councils, &[]),
        &sent,
        &[],
        officer,
    );
    assert_eq!(
        d.editions,
        vec![
            EditionSent {
                edition: 1,
                councils: 3,
                first_on: "2014-11-10".into(),
                last_on: "2014-11-20".into(),
                when: "Monday 10 November 2014 to Thursday 20 November 2014".into(),
            },
            EditionSent {
                edition: 2,
                councils: 1,
                first_on: "2014-12-01".into(),
                last_on: "2014-12-01".into(),
                when: "Monday 1 December 2014".into(),
            },
        ]
    );
    assert_eq!(
        d.headline,
        "0 of 3 councils have at least one published practice entry, as lead or partner."
    );
    assert_eq!(
        d.own_council, None,
        "an LGA officer acts for no one council"
    );
}

#[test]
fn a_council_organiser_sees_their_councils_published_entries_and_the_latest_edition() {
    let (regions, councils) = two_regions();
    let entries = vec![
        // Council 1 leads one and is a partner in another; a third is not
        // published and a fourth is another programme's.
        entry("1", &[], PracticeStatus::Published, "2014"),
        entry("3", &["1"], PracticeStatus::Published, "2014"),
        entry("1", &[], PracticeStatus::Approved, "2014"),
        entry("1", &[], PracticeStatus::Published, "2012"),
    ];
    let own = |code: &str, sent: &[Sent]| {
        let council = councils.iter().find(|c| c.code == code).unwrap();
        dissemination(
            coverage("2014", &regions, &councils, &entries),
            sent,
            &entries,
            Viewer {
                role: crate::permission::Role::CouncilOrganiser,
                council: Some(council),
            },
        )
        .own_council
        .unwrap()
    };
    let none = own("1", &[]);
    assert_eq!(none.published_entries, 2);
    assert_eq!(
        none.entries_sentence,
        "Council 1 has 2 published entries in the toolkit, as lead or partner."
    );
    assert_eq!((none.latest_edition, none.sent_latest_on), (None, None));
    assert_eq!(
        none.sending_sentence,
        "No edition of the toolkit has been sent yet."
    );

    let sent = vec![
        sending(1, "1", "2014-11-10"),
        sending(1, "2", "2014-11-10"),
        sending(2, "2", "2014-12-01"),
    ];
    let behind = own("1", &sent);
    assert_eq!(
        (behind.latest_edition, behind.sent_latest_on),
        (Some(2), None)
    );
    assert_eq!(
        behind.sending_sentence,
        "Council 1 has not been sent edition 2, the latest, yet; it was sent edition 1 on Monday 10 November 2014."
    );
    let current = own("2", &sent);
    assert_eq!(current.published_entries, 0);
    assert_eq!(
        current.entries_sentence,
        "Council 2 has no published entry in the toolkit yet."
    );
    assert_eq!(current.sent_latest_on.as_deref(), Some("2014-12-01"));
    assert_eq!(
        current.sending_sentence,
        "Council 2 was sent edition 2, the latest, on Monday 1 December 2014."
    );
    let never = own("3", &sent);
    assert_eq!(never.published_entries, 1);
    assert_eq!(
        never.entries_sentence,
        "Council 3 has 1 published entry in the toolkit, as lead or partner."
    );
    assert_eq!(
        never.sending_sentence,
        "Council 3 has not been sent edition 2, the latest, yet."
    );
}
