//! The static site from the store: every partner feed as the feed server
//! serves it, the programme and listings through the one gate, and nothing
//! of a private event in any file.

use crate::event::{EventForm, Review};
use crate::ics::feed::Privacy;
use crate::publish::programme::Edition;
use crate::publish::BaseUrl;
use crate::store::tests::{at, officer};
use crate::Store;

const HOSTILE: &str = "<script>alert(1)</script> tea";

fn add(s: &mut Store, council: &str, title: &str, private: bool) -> i64 {
    let form = EventForm {
        council: council.into(),
        title: title.into(),
        start: "2014-10-28T10:00".into(),
        end: "2014-10-28T12:00".into(),
        venue: format!("{title} venue"),
        contact_name: format!("{title} contact"),
        themes: vec!["care-leavers".into()],
        private,
        ..Default::default()
    };
    let id = s.add_event(&form, at(2014, 9, 2, 9)).unwrap().event.id;
    s.review_event(id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    id
}

fn base() -> BaseUrl {
    BaseUrl::parse("https://cpw.example.org.uk").unwrap()
}

/// Adds an event left as submitted.
fn submit(s: &mut Store, council: &str, title: &str, themes: &[&str], all_day: bool) -> i64 {
    let form = EventForm {
        council: council.into(),
        title: title.into(),
        start: if all_day {
            "2014-10-27"
        } else {
            "2014-10-25T10:00"
        }
        .into(),
        end: if all_day {
            "2014-10-28"
        } else {
            "2014-10-25T11:00"
        }
        .into(),
        all_day,
        themes: themes.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    s.add_event(&form, at(2014, 9, 4, 9)).unwrap().event.id
}

#[test]
fn the_site_serves_every_feed_and_nothing_private() {
    let mut s = officer();
    add(&mut s, "886", HOSTILE, false);
    add(&mut s, "383", "Leeds walk", false);
    add(&mut s, "886", "Secret council", true);
    // A joint event: Leeds leads, Kent is a partner.
    let joint = add(&mut s, "383", "Leeds and Kent fair", false);
    let mut form = s.event(joint).unwrap().to_form();
    form.partner_councils = vec!["886".into()];
    s.edit_event(joint, &form, at(2014, 9, 3, 10)).unwrap();
    // Every status, all-day and summer-time events, two themes: each feed
    // holds what its listing does.
    submit(&mut s, "352", "Manchester submitted", &["education"], false);
    let returned = submit(&mut s, "352", "Manchester returned", &[], false);
    let note = "Add a venue".to_string();
    s.review_event(returned, &Review::Return { note }, at(2014, 9, 5, 9))
        .unwrap();
    let early = submit(&mut s, "926", "Norfolk cancelled early", &[], true);
    let late = submit(
        &mut s,
        "926",
        "Norfolk cancelled late",
        &["care-leavers", "education"],
        true,
    );
    s.review_event(late, &Review::Approve, at(2014, 9, 5, 9))
        .unwrap();
    for id in [early, late] {
        let reason = "Flooded".to_string();
        s.review_event(id, &Review::Cancel { reason }, at(2014, 9, 6, 9))
            .unwrap();
    }
    let site = s.site("", Edition::Live, &base()).unwrap();
    assert_eq!(site.programme, "2014");
    assert_eq!(site.events, 3);
    let feeds = s.published_feeds().unwrap();
    let councils = s.councils(None).unwrap();
    // The programme in four formats and the PDF's digest file.
    assert_eq!(site.files.len(), feeds.len() + 5 + councils.len() + 2);
    for feed in &feeds {
        let path = feed.path.trim_start_matches('/');
        let file = site.files.iter().find(|f| f.path == path).unwrap();
        let served = s.export_ics(&feed.scope, "", Privacy::PublicOnly).unwrap();
        assert_eq!(file.bytes, served.body.as_bytes(), "{path}");
    }
    for file in &site.files {
        let text = String::from_utf8_lossy(&file.bytes);
        assert!(!text.contains("Secret council"), "{}", file.path);
        if file.path.ends_with(".html") {
            assert!(!text.contains("<script>"), "{}", file.path);
        }
    }
    let kent = site
        .files
        .iter()
        .find(|f| f.path == "listings/886.html")
        .unwrap();
    let kent = String::from_utf8_lossy(&kent.bytes);
    assert!(kent.contains("&lt;script&gt;alert(1)&lt;/script&gt; tea"));
    assert!(!kent.contains("Leeds walk"));
    assert!(
        kent.contains("Leeds and Kent fair"),
        "a partner lists a joint event"
    );
    let kent_feed = site
        .files
        .iter()
        .find(|f| f.path == "feeds/council/886.ics")
        .unwrap();
    assert!(String::from_utf8_lossy(&kent_feed.bytes).contains("Leeds and Kent fair"));
}

#[test]
fn a_council_listing_is_found_by_name_or_code() {
    let mut s = officer();
    add(&mut s, "886", "Kent walk", false);
    add(&mut s, "886", "Kent secret", true);
    let listing = s.council_listing("kent", "", Edition::Live).unwrap();
    assert_eq!(listing.council, "Kent (886)");
    assert_eq!(listing.events, 1);
    assert!(listing.html.contains("Kent walk") && !listing.html.contains("Kent secret"));
    assert_eq!(
        s.council_listing("886", "2014", Edition::Live).unwrap(),
        listing
    );
    let err = s
        .council_listing("Atlantis", "", Edition::Live)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "council");
    let err = s.council_listing("886", "1999", Edition::Live).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "programme");
}

#[test]
fn publishing_again_leaves_every_file_untouched() {
    let mut s = officer();
    add(&mut s, "886", "Kent walk", false);
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let db = dir.path().join("cpweek.db");
    let first = s
        .publish_site(&site, "", Edition::Live, &base(), &db)
        .unwrap();
    assert!(first.unchanged.is_empty() && first.removed.is_empty());
    assert!(first.written.contains(&"index.html".to_string()));
    let again = s
        .publish_site(&site, "", Edition::Live, &base(), &db)
        .unwrap();
    assert!(again.written.is_empty(), "{:?}", again.written);
    assert_eq!(again.unchanged, first.written);
    // A change reaches the feeds, documents, listing and index it is in,
    // and only those.
    add(&mut s, "886", "Kent tea", false);
    let changed = s
        .publish_site(&site, "", Edition::Live, &base(), &db)
        .unwrap();
    assert!(changed.written.contains(&"listings/886.html".to_string()));
    assert!(changed
        .written
        .contains(&"feeds/council/886.ics".to_string()));
    assert!(changed.written.contains(&"feeds/national.ics".to_string()));
    assert!(changed.unchanged.contains(&"listings/383.html".to_string()));
    assert!(changed
        .unchanged
        .contains(&"feeds/council/383.ics".to_string()));
}
