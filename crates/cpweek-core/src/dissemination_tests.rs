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
