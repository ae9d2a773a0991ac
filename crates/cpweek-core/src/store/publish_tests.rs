//! What the store publishes to whom: private events only in a council's own
//! copy of its own events, and a public feed's last change moved only by
//! changes partners could see.

use chrono::{DateTime, Utc};

use crate::event::{EventForm, Review};
use crate::ics::{Privacy, Scope};
use crate::store::tests::{at, officer, seeded};
use crate::Store;

fn form(title: &str, day: u32, private: bool) -> EventForm {
    EventForm {
        council: "886".into(),
        title: title.into(),
        start: format!("2014-10-{day}T10:00"),
        end: format!("2014-10-{day}T12:00"),
        themes: vec!["care-leavers".into()],
        private,
        ..Default::default()
    }
}

fn last_change(s: &Store, scope: &Scope) -> Option<DateTime<Utc>> {
    s.export_ics(scope, "", Privacy::PublicOnly)
        .unwrap()
        .last_change
}

/// Every partner feed a Kent event could be in.
fn partner_scopes() -> [Scope; 4] {
    [
        Scope::National,
        Scope::Region("South East".into()),
        Scope::Council("886".into()),
        Scope::Theme("care-leavers".into()),
    ]
}

#[test]
fn editing_only_a_private_event_leaves_partner_feeds_last_change_alone() {
    let mut s = officer();
    let public = s
        .add_event(&form("Kent open day", 28, false), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    s.review_event(public.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let private = s
        .add_event(
            &form("Kent children in care council", 29, true),
            at(2014, 9, 4, 9),
        )
        .unwrap()
        .event;
    let before: Vec<_> = partner_scopes()
        .iter()
        .map(|scope| s.export_ics(scope, "", Privacy::PublicOnly).unwrap())
        .collect();
    assert!(before
        .iter()
        .all(|f| f.last_change == Some(at(2014, 9, 3, 9))));

    let edited = s
        .edit_event(
            private.id,
            &form("Kent children in care council (moved)", 30, true),
            at(2014, 9, 5, 9),
        )
        .unwrap();
    assert!(edited.changed);
    s.review_event(private.id, &Review::Approve, at(2014, 9, 6, 9))
        .unwrap();

    for (scope, old) in partner_scopes().iter().zip(&before) {
        let now = s.export_ics(scope, "", Privacy::PublicOnly).unwrap();
        assert_eq!(
            now.body, old.body,
            "{scope:?}: the feed itself is unchanged"
        );
        assert_eq!(
            now.last_change, old.last_change,
            "{scope:?}: a private event's edit moved a partner feed's last change"
        );
    }
    // The council's own copy, which holds the private event, does move.
    let own = s
        .export_ics(&Scope::Council("886".into()), "", Privacy::IncludePrivate)
        .unwrap();
    assert_eq!(own.last_change, Some(at(2014, 9, 6, 9)));
}

#[test]
fn an_event_leaving_partner_feeds_moves_their_last_change() {
    let mut s = officer();
    let open_day = s
        .add_event(&form("Kent open day", 28, false), at(2014, 9, 2, 9))
        .unwrap()
        .event;
    s.review_event(open_day.id, &Review::Approve, at(2014, 9, 3, 9))
        .unwrap();
    let talk = s
        .add_event(&form("Kent talk", 29, false), at(2014, 9, 4, 9))
        .unwrap()
        .event;
    s.review_event(talk.id, &Review::Approve, at(2014, 9, 5, 9))
        .unwrap();

    // Made private: it leaves every partner feed, which must say so.
    s.edit_event(
        open_day.id,
        &form("Kent open day", 28, true),
        at(2014, 9, 6, 9),
    )
    .unwrap();
    for scope in partner_scopes() {
        let feed = s.export_ics(&scope, "", Privacy::PublicOnly).unwrap();
        assert!(!feed.body.contains("Kent open day"), "{scope:?}");
        assert_eq!(feed.last_change, Some(at(2014, 9, 6, 9)), "{scope:?}");
    }
    // Its later private edits do not.
    s.edit_event(
        open_day.id,
        &form("Kent open day!", 28, true),
        at(2014, 9, 7, 9),
    )
    .unwrap();
    assert_eq!(last_change(&s, &Scope::National), Some(at(2014, 9, 6, 9)));

    // Returned: it leaves the feeds too.
    s.review_event(
        talk.id,
        &Review::Return {
            note: "add a room".into(),
        },
        at(2014, 9, 8, 9),
    )
    .unwrap();
    for scope in partner_scopes() {
        let feed = s.export_ics(&scope, "", Privacy::PublicOnly).unwrap();
        assert!(!feed.body.contains("Kent talk"), "{scope:?}");
        assert_eq!(feed.last_change, Some(at(2014, 9, 8, 9)), "{scope:?}");
    }

    // Made public again: it comes back, and that is a change too.
    s.edit_event(
        open_day.id,
        &form("Kent open day", 28, false),
        at(2014, 9, 9, 9),
    )
    .unwrap();
    assert_eq!(
        last_change(&s, &Scope::Region("South East".into())),
        Some(at(2014, 9, 9, 9))
    );
}

#[test]
fn private_events_are_only_for_a_councils_own_copy() {
    let mut s = seeded();
    s.add_event(
        &form("Kent children in care council", 29, true),
        at(2014, 9, 2, 9),
    )
    .unwrap();
    for scope in [
        Scope::National,
        Scope::Region("South East".into()),
        Scope::Theme("care-leavers".into()),
    ] {
        let err = s
            .export_ics(&scope, "", Privacy::IncludePrivate)
            .unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput, "{scope:?}");
        let field = &err.field_errors()[0];
        assert_eq!(field.field, "privacy", "{scope:?}");
        assert!(field.message.contains("council"), "{}", field.message);
        // The suggested file name is refused too, before any dialog opens.
        let err = s
            .feed_file_name(&scope, "", Privacy::IncludePrivate)
            .unwrap_err();
        assert_eq!(err.field_errors()[0].field, "privacy", "{scope:?}");
    }
    // A council typed by its name is still that council's own copy.
    let own = s
        .export_ics(&Scope::Council("Kent".into()), "", Privacy::IncludePrivate)
        .unwrap();
    assert!(own.body.contains("Kent children in care council"));
    assert!(own.body.contains("CLASS:PRIVATE"));
}

#[test]
fn a_feed_is_found_only_at_the_path_its_links_give() {
    let s = seeded();
    for feed in s.published_feeds().unwrap() {
        assert_eq!(s.published_feed(&feed.path).unwrap(), feed);
    }
    assert_eq!(
        s.published_feed("/feeds/council/886.ics").unwrap().scope,
        Scope::Council("886".into())
    );
    for unknown in [
        "/feeds/council/Kent.ics",
        "/feeds/council/999.ics",
        "/feeds/theme/Education.ics",
        "/feeds/theme/.ics",
        "",
        "/feeds/council/886.ics\r\nX: y",
    ] {
        let err = s.published_feed(unknown).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotFound, "{unknown:?}");
    }
}
