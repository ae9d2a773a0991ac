//! The agreement between the core's events filters and the window's: this
//! test lists events through `Store::events` for many filters and writes
//! the events (as the window receives them) with the filters and the ids
//! the core returned to `ui/src/lib/bindings/filter-agreement.json`.
//! `ui/src/lib/events.test.ts` checks that the table's filtering returns
//! the same ids for every case. Like the bindings, the file is committed
//! and CI fails if `cargo test` changes it.

use chrono::{TimeZone, Utc};
use cpweek_core::event::{EventForm, Review};
use cpweek_core::permission::Role;
use cpweek_core::store::{EventFilter, SettingsForm};
use cpweek_core::Store;
use serde::Serialize;

use super::events::EventView;

/// The table's filter as `ui/src/lib/events.ts` holds it: "" for any.
#[derive(Debug, Clone, Default, Serialize)]
struct TableFilter {
    search: String,
    region: String,
    council: String,
    day: String,
    theme: String,
    status: String,
    visibility: String,
}

impl TableFilter {
    fn to_core(&self) -> EventFilter {
        let given = |v: &str| (!v.is_empty()).then(|| v.to_string());
        EventFilter {
            programme: "2014".into(),
            search: given(&self.search),
            region: given(&self.region),
            council: given(&self.council),
            day: given(&self.day),
            theme: given(&self.theme),
            status: given(&self.status),
            visibility: given(&self.visibility),
        }
    }
}

#[derive(Serialize)]
struct Case {
    filter: TableFilter,
    ids: Vec<i64>,
}

#[derive(Serialize)]
struct Agreement {
    about: &'static str,
    events: Vec<EventView>,
    cases: Vec<Case>,
}

fn form(council: &str, title: &str, start: &str, end: &str) -> EventForm {
    EventForm {
        programme: "2014".into(),
        council: council.into(),
        title: title.into(),
        start: start.into(),
        end: end.into(),
        ..Default::default()
    }
}

/// Events that reach every rule: case beyond ASCII, LIKE's wildcards,
/// several days, the clock change, midnight ends, every status, private.
fn store() -> Store {
    let now = Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap();
    let mut store = Store::open_in_memory(now).unwrap();
    store.init().unwrap();
    let forms = [
        EventForm {
            venue: "Sessions House".into(),
            themes: vec!["care-leavers".into(), "achievement".into()],
            ..form(
                "886",
                "Kent celebrates its care leavers",
                "2014-10-28T10:00",
                "2014-10-28T12:00",
            )
        },
        EventForm {
            description: "Tea & cake; 100% welcome".into(),
            themes: vec!["fostering".into()],
            private: true,
            ..form(
                "Bristol",
                "Bristol foster carers' evening",
                "2014-10-29T18:00",
                "2014-10-29T20:00",
            )
        },
        EventForm {
            description: "Ateliers ΟΔΟΣ pour tous".into(),
            all_day: true,
            themes: vec!["education".into()],
            ..form("Leeds", "ÉCOLE des enfants", "2014-10-27", "2014-10-29")
        },
        form(
            "Manchester",
            "Under_score club",
            "2014-10-30T22:00",
            "2014-10-31T00:00",
        ),
        // After the week; cancelled below.
        form(
            "886",
            "Kent reunion",
            "2014-11-04T10:00",
            "2014-11-04T11:00",
        ),
        EventForm {
            description: "Line one\nLine two".into(),
            ..form(
                "Surrey",
                "Surrey panel",
                "2014-10-31T09:00",
                "2014-10-31T10:00",
            )
        },
        EventForm {
            venue: "Town Hall".into(),
            themes: vec!["care-leavers".into()],
            ..form(
                "Camden",
                "Camden awards",
                "2014-11-02T14:00",
                "2014-11-02T16:00",
            )
        },
        // A joint event: Richmond leads, with Kingston and Kent
        // (in another region) as partners.
        EventForm {
            partner_councils: vec!["314".into(), "886".into()],
            ..form(
                "318",
                "Richmond and Kingston care leavers' fair",
                "2014-10-29T10:00",
                "2014-10-29T15:00",
            )
        },
        // Across the night the clocks went back (26 October 2014).
        form(
            "Leeds",
            "Night shelter vigil",
            "2014-10-26T23:00",
            "2014-10-27T01:00",
        ),
    ];
    for f in &forms {
        store.add_event(f, now).unwrap();
    }
    let cancel = Review::Cancel {
        reason: "Moved".into(),
    };
    let back = Review::Return {
        note: "Add a venue".into(),
    };
    // Approving and returning are an LGA officer's.
    store
        .save_settings(&SettingsForm {
            role: Some(Role::LgaOfficer),
            ..Default::default()
        })
        .unwrap();
    store.review_event(5, &cancel, now).unwrap();
    store.review_event(6, &back, now).unwrap();
    store.review_event(7, &Review::Approve, now).unwrap();
    store
}

fn cases() -> Vec<TableFilter> {
    let mut out = vec![TableFilter::default()];
    let one = |set: &dyn Fn(&mut TableFilter)| {
        let mut f = TableFilter::default();
        set(&mut f);
        f
    };
    for r in [
        "South East",
        "South West",
        "Yorkshire and The Humber",
        "North West",
        "London",
        "North East",
    ] {
        out.push(one(&|f| f.region = r.into()));
    }
    for c in [
        "886", "801", "383", "352", "936", "202", "340", "318", "314",
    ] {
        out.push(one(&|f| f.council = c.into()));
    }
    for d in 25..=31 {
        out.push(one(&|f| f.day = format!("2014-10-{d}")));
    }
    for d in 1..=4 {
        out.push(one(&|f| f.day = format!("2014-11-0{d}")));
    }
    for t in [
        "care-leavers",
        "achievement",
        "fostering",
        "education",
        "health-wellbeing",
    ] {
        out.push(one(&|f| f.theme = t.into()));
    }
    for s in ["submitted", "approved", "returned", "cancelled"] {
        out.push(one(&|f| f.status = s.into()));
    }
    for v in ["public", "private"] {
        out.push(one(&|f| f.visibility = v.into()));
    }
    for q in [
        "kent",
        "KENT",
        "  kent  ",
        "\tKent\n",
        "école",
        "ÉCOLE",
        "Ecole",
        "οδος",
        "ΟΔΟΣ",
        "100%",
        "%",
        "_",
        "r_s",
        "tea & cake",
        "line one\nline two",
        "sessions house\nkent",
        "carers'",
        "town hall",
        "\u{a0}town hall\u{3000}",
        "\u{85}kent",
        "\u{feff}kent",
        "   ",
        "zzz",
        "a",
    ] {
        out.push(one(&|f| f.search = q.into()));
    }
    let mut mixed = |set: &dyn Fn(&mut TableFilter)| out.push(one(set));
    mixed(&|f| {
        f.region = "South East".into();
        f.status = "submitted".into();
    });
    mixed(&|f| {
        f.day = "2014-10-28".into();
        f.search = "kent".into();
    });
    mixed(&|f| {
        f.day = "2014-10-28".into();
        f.search = "école".into();
    });
    mixed(&|f| {
        f.council = "801".into();
        f.visibility = "public".into();
    });
    mixed(&|f| {
        f.theme = "care-leavers".into();
        f.region = "London".into();
        f.search = "hall".into();
    });
    mixed(&|f| {
        f.region = "South West".into();
        f.council = "886".into();
    });
    // A partner in another region than the lead: the council filter finds
    // the joint event, the region filter goes by the lead's region.
    mixed(&|f| {
        f.region = "South East".into();
        f.council = "886".into();
    });
    mixed(&|f| {
        f.region = "London".into();
        f.council = "886".into();
    });
    mixed(&|f| {
        f.status = "cancelled".into();
        f.day = "2014-10-28".into();
    });
    mixed(&|f| {
        f.visibility = "private".into();
        f.council = "886".into();
    });
    out
}

#[test]
fn the_window_filters_as_the_core_does_fixture() {
    let store = store();
    let role = store.settings().unwrap().role;
    let mut events: Vec<EventView> = store
        .events(&EventFilter {
            programme: "2014".into(),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| EventView::new(e, role))
        .collect();
    // UIDs are random; the fixture must be the same on every run.
    for e in &mut events {
        e.event.uid = format!("{}@fixture", e.event.id);
    }
    let all: Vec<i64> = events.iter().map(|e| e.event.id).collect();
    let cases: Vec<Case> = cases()
        .into_iter()
        .map(|filter| {
            let ids = store
                .events(&filter.to_core())
                .unwrap_or_else(|e| panic!("{filter:?}: {e}"))
                .into_iter()
                .map(|e| e.id)
                .collect();
            Case { filter, ids }
        })
        .collect();

    // Every kind of filter must narrow in some case and keep some events
    // in another, or the agreement would prove little.
    type Field = fn(&TableFilter) -> &str;
    let fields: [(&str, Field); 7] = [
        ("search", |f| &f.search),
        ("region", |f| &f.region),
        ("council", |f| &f.council),
        ("day", |f| &f.day),
        ("theme", |f| &f.theme),
        ("status", |f| &f.status),
        ("visibility", |f| &f.visibility),
    ];
    for (name, field) in fields {
        let with: Vec<&Case> = cases
            .iter()
            .filter(|c| !field(&c.filter).trim().is_empty())
            .collect();
        assert!(
            with.iter().any(|c| c.ids.is_empty()),
            "{name}: some case finds nothing"
        );
        assert!(
            with.iter()
                .any(|c| !c.ids.is_empty() && c.ids.len() < all.len()),
            "{name}: some case finds some but not all"
        );
    }
    assert_eq!(all.len(), 9);
    // The joint event (8, Richmond's) is found by each partner's code, so
    // the window must follow the partner rule too.
    let by_council = |code: &str| -> Vec<i64> {
        cases
            .iter()
            .find(|c| c.filter.council == code && c.filter.region.is_empty())
            .map(|c| c.ids.clone())
            .unwrap()
    };
    assert_eq!(by_council("314"), [8]);
    assert!(by_council("886").contains(&8));

    let agreement = Agreement {
        about:
            "Written by `cargo test` (src-tauri/src/commands/agreement_tests.rs): events as the \
                window receives them, and for each filter the ids Store::events returns. \
                ui/src/lib/events.test.ts checks the table's filters agree. Do not edit.",
        events,
        cases,
    };
    let text = serde_json::to_string_pretty(&agreement).unwrap() + "\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/ui/src/lib/bindings/filter-agreement.json"
    );
    if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text).unwrap();
    }
}
