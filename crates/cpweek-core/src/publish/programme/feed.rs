//! The programme's releases and their changes as an Atom feed (RFC 4287),
//! written by the `atom_syndication` crate: one entry a release, newest
//! first, each entry's content the release's changes as plain text (the
//! writer escapes it, so a title such as `<script>` stays text).
//!
//! A pure function of the releases: no time of writing is stamped in, and
//! every id is a UUID v5 of the programme and the release number, so the
//! same releases give the same bytes and a feed reader sees the same
//! entries whatever address the feed is served from.

use atom_syndication::{Content, Entry, Feed, Generator, Link, Person, Text};
use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use super::release::ReleaseChanges;
use crate::error::{Error, Result};
use crate::publish::BaseUrl;

/// The feed's file name, under the site's public address.
pub const FILE_NAME: &str = "changes.atom";

/// The feed's language.
const LANGUAGE: &str = "en-GB";

/// Who the feed is from: the programme is the LGA's.
const AUTHOR: &str = "Local Government Association";

/// The feed's id: `urn:uuid:` and a UUID v5, in the URL namespace, of
/// `cpweek:programme:` and the programme's id and `:releases`.
pub fn feed_id(programme: &str) -> String {
    let name = format!("cpweek:programme:{programme}:releases");
    format!(
        "urn:uuid:{}",
        Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes())
    )
}

/// A release's entry id: as [`feed_id`], of `cpweek:programme:`, the
/// programme's id, `:release:` and the number.
pub fn entry_id(programme: &str, number: u32) -> String {
    let name = format!("cpweek:programme:{programme}:release:{number}");
    format!(
        "urn:uuid:{}",
        Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes())
    )
}

/// Text as XML 1.0 may carry it: control characters other than TAB, LF
/// and CR, and the non-characters U+FFFE and U+FFFF, dropped. (The writer
/// escapes `&`, `<` and `>`.)
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !((c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}

fn plain(text: &str) -> Text {
    Text::plain(xml_safe(text))
}

/// The time of a feed with no release yet: a fixed instant (the Unix
/// epoch), so even an empty feed is the same bytes every time.
fn never() -> DateTime<FixedOffset> {
    DateTime::UNIX_EPOCH.fixed_offset()
}

/// The Atom feed of `programme`'s releases (given oldest first, each with
/// its changes since the one before). With `base`, the feed links to
/// itself (`rel="self"`, [`FILE_NAME`] under it) and to the site's index.
pub fn atom(
    programme_id: &str,
    programme_name: &str,
    releases: &[ReleaseChanges],
    base: Option<&BaseUrl>,
) -> Result<Vec<u8>> {
    let mut feed = Feed::default();
    feed.set_title(plain(&format!(
        "{programme_name}: releases of the national programme"
    )));
    feed.set_subtitle(plain(&format!(
        "Each numbered release of the {programme_name} programme, with the events added, \
         changed, cancelled or withdrawn since the release before."
    )));
    feed.set_id(feed_id(programme_id));
    feed.set_lang(LANGUAGE.to_string());
    feed.set_updated(
        releases
            .iter()
            .map(|r| r.release.made_at)
            .max()
            .unwrap_or_else(never),
    );
    feed.set_authors(vec![Person {
        name: AUTHOR.to_string(),
        ..Default::default()
    }]);
    feed.set_generator(Generator {
        value: "cpweek".to_string(),
        ..Default::default()
    });
    if let Some(base) = base {
        feed.set_links(vec![
            Link {
                href: base.url(&format!("/{FILE_NAME}")),
                rel: "self".to_string(),
                mime_type: Some("application/atom+xml".to_string()),
                ..Default::default()
            },
            Link {
                href: base.home(),
                rel: "alternate".to_string(),
                mime_type: Some("text/html".to_string()),
                hreflang: Some(LANGUAGE.to_string()),
                ..Default::default()
            },
        ]);
    }
    let entries = releases
        .iter()
        .rev()
        .map(|r| {
            let mut entry = Entry::default();
            entry.set_id(entry_id(programme_id, r.release.number));
            entry.set_title(plain(&r.heading()));
            entry.set_updated(r.release.made_at);
            entry.set_published(Some(r.release.made_at));
            let mut content = Content::default();
            content.set_content_type(Some("text".to_string()));
            content.set_lang(Some(LANGUAGE.to_string()));
            content.set_value(Some(xml_safe(&r.lines().join("\n"))));
            entry.set_content(Some(content));
            entry
        })
        .collect::<Vec<_>>();
    feed.set_entries(entries);
    let mut out = Vec::new();
    feed.write_to(&mut out).map_err(|e| Error::Io {
        context: "writing the programme's releases as an Atom feed".to_string(),
        source: std::io::Error::other(e.to_string()),
    })?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permission::Role;
    use crate::publish::programme::changes::{EventMention, ProgrammeChanges};
    use crate::publish::programme::release::Release;

    fn release(number: u32, title: &str, since: Option<u32>) -> ReleaseChanges {
        let made_at = DateTime::parse_from_rfc3339("2014-09-02T09:00:00+01:00").unwrap()
            + chrono::Duration::days(i64::from(number));
        ReleaseChanges::new(
            Release {
                programme: "2014".into(),
                number,
                note: Some("Late additions & <corrections>".into()),
                made_at,
                made_at_label: format!("day {number}"),
                made_by: "Sam".into(),
                role: Role::LgaOfficer,
                events: 1,
            },
            since,
            ProgrammeChanges {
                added: vec![EventMention {
                    uid: format!("e{number}@cpweek"),
                    id: 1,
                    title: title.into(),
                    council: "Kent".into(),
                    when: "Tuesday 28 October 2014, 10am".into(),
                }],
                ..Default::default()
            },
        )
    }

    #[test]
    fn the_same_releases_give_the_same_bytes_and_ids_are_stable() {
        let releases = [release(1, "Open day", None), release(2, "Tea", Some(1))];
        let base = BaseUrl::parse("https://cpweek.example.org.uk/2014").unwrap();
        let a = atom("2014", "CPW 2014", &releases, Some(&base)).unwrap();
        assert_eq!(a, atom("2014", "CPW 2014", &releases, Some(&base)).unwrap());
        let text = String::from_utf8(a).unwrap();
        assert!(text.contains(&feed_id("2014")));
        assert!(text.contains(&entry_id("2014", 2)));
        assert_ne!(entry_id("2014", 1), entry_id("2014", 2));
        assert_ne!(entry_id("2014", 1), entry_id("2015", 1));
        assert!(text.contains("https://cpweek.example.org.uk/2014/changes.atom"));
        assert!(text.contains("xml:lang=\"en-GB\""));
        // Newest first; the feed is as new as its newest release.
        assert!(text.find("Release 2").unwrap() < text.find("Release 1").unwrap());
        assert!(text.contains("<updated>2014-09-04T09:00:00+01:00</updated>"));
    }

    #[test]
    fn hostile_text_stays_text() {
        let releases = [release(1, "<script>alert(1)</script> & \u{1}", None)];
        let text = String::from_utf8(atom("2014", "CPW <b>", &releases, None).unwrap()).unwrap();
        assert!(!text.contains("<script>"));
        assert!(!text.contains("<b>"));
        assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
        assert!(!text.contains('\u{1}'));
        assert!(text.contains("Late additions &amp; &lt;corrections&gt;"));
    }

    #[test]
    fn a_programme_with_no_release_is_an_empty_feed_of_fixed_bytes() {
        let a = atom("2014", "CPW 2014", &[], None).unwrap();
        let text = String::from_utf8(a.clone()).unwrap();
        assert!(!text.contains("<entry"));
        assert!(text.contains("<updated>1970-01-01T00:00:00+00:00</updated>"));
        assert_eq!(a, atom("2014", "CPW 2014", &[], None).unwrap());
    }
}
