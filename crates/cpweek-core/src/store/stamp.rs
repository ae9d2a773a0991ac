//! The stamp of everything the window shows: one counter per part it loads,
//! raised by SQLite triggers (migration 0011) on every change to the tables
//! behind that part, whichever process makes it. The window compares the
//! stamp on each move and every few seconds, and loads again only the parts
//! whose counter moved.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// How many changes each part of what the window shows has had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppStamp {
    /// Councils, regions, themes, audiences, programmes and conferences.
    #[ts(type = "number")]
    pub reference: i64,
    /// The person's settings (not the screen the app was left on).
    #[ts(type = "number")]
    pub settings: i64,
    /// Events of every programme, with their themes, audiences and series.
    #[ts(type = "number")]
    pub events: i64,
}

pub(crate) fn read(conn: &Connection) -> Result<AppStamp> {
    let mut stamp = AppStamp {
        reference: 0,
        settings: 0,
        events: 0,
    };
    let mut stmt = conn.prepare_cached("SELECT part, changes FROM app_stamp")?;
    let mut rows = stmt.query([])?;
    let mut parts = 0;
    while let Some(row) = rows.next()? {
        let (part, changes): (String, i64) = (row.get(0)?, row.get(1)?);
        let counter = match part.as_str() {
            "reference" => &mut stamp.reference,
            "settings" => &mut stamp.settings,
            "events" => &mut stamp.events,
            other => {
                return Err(Error::Conflict(format!(
                    "the database's change stamp has an unknown part \"{other}\""
                )))
            }
        };
        *counter = changes;
        parts += 1;
    }
    if parts != 3 {
        return Err(Error::Conflict(
            "the database's change stamp is incomplete; it may have been edited by hand".into(),
        ));
    }
    Ok(stamp)
}

#[cfg(test)]
mod tests {
    use super::AppStamp;
    use crate::event::{EventForm, Review};
    use crate::store::tests::{at, officer, seeded};
    use crate::store::{ConferenceChange, EventFilter, Open, Screen, SettingsForm, Store};

    fn form() -> EventForm {
        EventForm {
            council: "Kent".into(),
            title: "Kent celebrates its care leavers".into(),
            start: "2014-10-28T10:00".into(),
            end: "2014-10-28T12:00".into(),
            ..Default::default()
        }
    }

    /// Which parts moved from `before` to `after`, by name.
    fn moved(before: AppStamp, after: AppStamp) -> Vec<&'static str> {
        let mut parts = Vec::new();
        if before.reference != after.reference {
            parts.push("reference");
        }
        if before.settings != after.settings {
            parts.push("settings");
        }
        if before.events != after.events {
            parts.push("events");
        }
        parts
    }

    #[test]
    fn each_kind_of_change_moves_its_part_of_the_stamp_and_a_read_moves_nothing() {
        let mut store = officer();
        let step = |store: &mut Store, change: &dyn Fn(&mut Store)| {
            let before = store.app_stamp().unwrap();
            change(store);
            moved(before, store.app_stamp().unwrap())
        };

        let added = std::cell::Cell::new(0);
        let event = step(&mut store, &|s| {
            added.set(s.add_event(&form(), at(2014, 9, 2, 9)).unwrap().event.id);
        });
        assert_eq!(event, ["events"], "adding an event");
        let id = added.get();
        let mut venue = form();
        venue.venue = "County Hall".into();
        let edit = step(&mut store, &|s| {
            s.edit_event(id, &venue, at(2014, 9, 2, 9)).unwrap();
        });
        assert_eq!(edit, ["events"], "editing an event");
        let review = step(&mut store, &|s| {
            s.review_event(id, &Review::Approve, at(2014, 9, 2, 9))
                .unwrap();
        });
        assert_eq!(review, ["events"], "approving an event");

        let conference = step(&mut store, &|s| {
            s.update_conference(
                "ncas-2014",
                &ConferenceChange {
                    starts_on: Some("2014-10-28".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        });
        assert_eq!(conference, ["reference"], "editing the conference");

        // As the window sends it (fields not named keep their defaults).
        let officer: SettingsForm = serde_json::from_value(
            serde_json::json!({"my_council": "Kent", "role": "lga_officer"}),
        )
        .unwrap();
        let settings = step(&mut store, &|s| {
            s.save_settings(&officer).unwrap();
        });
        assert_eq!(settings, ["settings"], "saving the settings");

        // Programmes have no editing command yet; staff change them in the
        // database, and that counts too.
        let programme = step(&mut store, &|s| {
            s.conn
                .execute(
                    "UPDATE programmes SET name = 'CPW 2014' WHERE id = '2014'",
                    [],
                )
                .unwrap();
        });
        assert_eq!(programme, ["reference"], "renaming a programme");

        // Keeping the screen the app was left on is not something the
        // window shows: moving between screens reloads nothing.
        let screen = step(&mut store, &|s| s.remember_screen(Screen::Events).unwrap());
        assert!(screen.is_empty(), "remembering the screen moved {screen:?}");

        let reads = step(&mut store, &|s| {
            s.catalogue().unwrap();
            s.regions().unwrap();
            s.settings().unwrap();
            s.event(id).unwrap();
            s.events(&EventFilter::default()).unwrap();
            s.programme_summary("").unwrap();
        });
        assert!(reads.is_empty(), "reading moved {reads:?}");

        // An edit that changes nothing writes nothing, so moves nothing.
        let unchanged = step(&mut store, &|s| {
            s.edit_event(id, &venue, at(2014, 9, 2, 10)).unwrap();
        });
        assert!(unchanged.is_empty(), "a no-op edit moved {unchanged:?}");
    }

    #[test]
    fn a_change_by_another_process_moves_the_stamp_this_one_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cpweek.db");
        let mut window = Store::open(&path, Open::CreateIfMissing, at(2014, 9, 1, 9)).unwrap();
        window.init().unwrap();
        let before = window.app_stamp().unwrap();
        let mut cli = Store::open(&path, Open::Existing, at(2014, 9, 1, 9)).unwrap();
        cli.update_conference(
            "ncas-2014",
            &ConferenceChange {
                confirmed: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
        cli.add_event(&form(), at(2014, 9, 2, 9)).unwrap();
        assert_eq!(
            moved(before, window.app_stamp().unwrap()),
            ["reference", "events"]
        );
    }

    #[test]
    fn every_table_has_the_triggers_that_keep_the_stamp() {
        // Tables the window never shows, and so may change without a reload
        // (`release_pdfs` holds a release's typeset PDF, made with the
        // release, whose own row stamps the change).
        const NOT_SHOWN: &[&str] = &["schema_migrations", "app_stamp", "release_pdfs"];
        let store = seeded();
        let tables: Vec<String> = store
            .conn
            .prepare(
                "SELECT name FROM sqlite_master
                 WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(tables.iter().any(|t| t == "events"));
        let mut missing = Vec::new();
        for table in tables.iter().filter(|t| !NOT_SHOWN.contains(&t.as_str())) {
            for action in ["INSERT", "UPDATE", "DELETE"] {
                let found: bool = store
                    .conn
                    .query_row(
                        "SELECT EXISTS (SELECT 1 FROM sqlite_master
                         WHERE type = 'trigger' AND tbl_name = ?1
                           AND sql LIKE '%AFTER ' || ?2 || ' ON%'
                           AND sql LIKE '%UPDATE app_stamp SET changes%')",
                        [table.as_str(), action],
                        |r| r.get(0),
                    )
                    .unwrap();
                if !found {
                    missing.push(format!("{table} ({action})"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "tables the window may show that no trigger stamps: {missing:?}"
        );
    }
}
