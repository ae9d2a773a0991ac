use chrono::NaiveDate;

use super::*;
use crate::publish::sample::{self, HOSTILE, KENT, LEEDS};

const KENT_COUNCIL: ListedCouncil = ListedCouncil {
    code: "886",
    name: "Kent",
};

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2014, 10, d).unwrap()
}

/// Fails if `html` holds markup that is not the listing's own: a script,
/// a style, an event handler, or any tag outside the few it writes.
fn assert_only_plain_markup(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "style=", "<style", " on", "javascript:"] {
        assert!(!lower.contains(bad), "{bad} in\n{html}");
    }
    let allowed = [
        "section", "h2", "h3", "p", "ul", "li", "time", "dl", "dt", "dd", "a", "br",
    ];
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(allowed.contains(&name.as_str()), "<{tag} in\n{html}");
    }
}

#[test]
fn a_hostile_event_is_listed_as_text() {
    let p = sample::programme(vec![sample::hostile_kent()]);
    let html = fragment(&p, KENT_COUNCIL);
    assert_only_plain_markup(&html);
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;";
    assert!(!html.contains(HOSTILE));
    assert!(
        html.contains(&format!(
            "<h3 class=\"cpweek-listing-event-title\">{escaped}</h3>"
        )),
        "{html}"
    );
    assert!(html.contains(&format!("<dd>{escaped} House, County Hall")));
    assert!(html.contains(&format!(
        "<dd>{escaped} Organiser, <a href=\"mailto:kim@kent.gov.uk\">"
    )));
    // The link's address is escaped inside its attribute too.
    assert!(
        html.contains("<a href=\"https://www.kent.gov.uk/cpw?a=1&amp;b=&quot;2&quot;\">"),
        "{html}"
    );
    // Lines and paragraphs of the description stay lines and paragraphs.
    assert!(html.contains(&format!(
        "<p class=\"cpweek-listing-description\">First {escaped}<br>\nsecond line</p>\n\
         <p class=\"cpweek-listing-description\">A new paragraph</p>"
    )));
    assert!(html.contains("<p class=\"cpweek-listing-conference\">NCAS conference day 1</p>"));
}

#[test]
fn only_the_councils_events_are_listed_in_time_order_with_london_times() {
    let mut all_day = sample::event(4, KENT, "Open day", date(27), 0, 0);
    all_day.all_day = true;
    all_day.end_date = date(28);
    let p = sample::programme(vec![
        sample::event(1, KENT, "Later", date(28), 14, 60),
        // Before the clocks went back on 26 October 2014: +01:00.
        sample::event(2, KENT, "Summer time", date(25), 10, 90),
        sample::event(3, LEEDS, "Leeds tea", date(28), 9, 60),
        all_day,
    ]);
    let html = fragment(&p, KENT_COUNCIL);
    assert_only_plain_markup(&html);
    assert!(!html.contains("Leeds tea"));
    let titles: Vec<&str> = html
        .match_indices("<h3 class=\"cpweek-listing-event-title\">")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('<').unwrap()]
        })
        .collect();
    assert_eq!(titles, ["Summer time", "Open day", "Later"]);
    assert!(html.contains(
        "<time datetime=\"2014-10-25T10:00:00+01:00\">Saturday 25 October 2014, 10am</time> \
         to <time datetime=\"2014-10-25T11:30:00+01:00\">11:30am</time>"
    ));
    assert!(html.contains(
        "<time datetime=\"2014-10-28T14:00:00+00:00\">Tuesday 28 October 2014, 2pm</time> \
         to <time datetime=\"2014-10-28T15:00:00+00:00\">3pm</time>"
    ));
    assert!(html.contains(
        "<time datetime=\"2014-10-27\">Monday 27 October 2014</time> \
         to <time datetime=\"2014-10-28\">Tuesday 28 October 2014</time>"
    ));
    assert!(html.starts_with(
        "<section class=\"cpweek-listing\" aria-labelledby=\"cpweek-listing-886\" lang=\"en-GB\">\n\
         <h2 class=\"cpweek-listing-title\" id=\"cpweek-listing-886\">Kent: Corporate Parenting Week 2014</h2>\n"
    ));
    assert_eq!(count(&p, "886"), 3);
    assert_eq!(count(&p, "383"), 1);
    // The same programme, the same bytes.
    assert_eq!(fragment(&p.clone(), KENT_COUNCIL), html);
}

#[test]
fn a_joint_event_is_listed_by_its_partner_council_too() {
    let mut joint = sample::event(3, LEEDS, "Leeds and Kent tea", date(28), 9, 60);
    joint.partners = vec![crate::publish::programme::PublishedCouncil {
        code: KENT.0.into(),
        name: KENT.1.into(),
    }];
    let p = sample::programme(vec![
        joint,
        sample::event(4, LEEDS, "Leeds walk", date(28), 11, 60),
    ]);
    assert_eq!(count(&p, KENT.0), 1);
    let html = fragment(&p, KENT_COUNCIL);
    assert!(
        html.contains("Leeds and Kent tea") && !html.contains("Leeds walk"),
        "{html}"
    );
    assert_only_plain_markup(&html);
}

#[test]
fn a_council_with_no_events_says_so() {
    let p = sample::programme(vec![sample::event(3, LEEDS, "Leeds tea", date(28), 9, 60)]);
    let html = fragment(&p, KENT_COUNCIL);
    assert!(
        html.contains("<p class=\"cpweek-listing-empty\">No events have been published yet.</p>")
    );
    assert!(!html.contains("<ul"));
    assert_only_plain_markup(&html);
}

#[test]
fn only_web_links_are_written_as_links() {
    let mut e = sample::event(1, KENT, "Tea", date(28), 9, 60);
    e.booking_url = Some("javascript:alert(1)".into());
    let html = fragment(&sample::programme(vec![e]), KENT_COUNCIL);
    assert!(!html.contains("javascript"), "{html}");
    assert!(!html.contains("Book a place"));
}
