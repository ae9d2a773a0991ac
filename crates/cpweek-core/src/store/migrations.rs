//! Numbered schema migrations. Each is applied in its own transaction and
//! recorded in `schema_migrations`; a migration never changes once released
//! (add a new one instead).

use rusqlite::Connection;

use crate::error::Result;

/// (version, name, SQL), in order. Each table group keeps its own files.
pub(crate) const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "reference",
        include_str!("migrations/0001_reference.sql"),
    ),
    (
        2,
        "programmes",
        include_str!("migrations/0002_programmes.sql"),
    ),
    (3, "events", include_str!("migrations/0003_events.sql")),
    (4, "settings", include_str!("migrations/0004_settings.sql")),
    (
        5,
        "event_series",
        include_str!("migrations/0005_event_series.sql"),
    ),
    (
        6,
        "event_approved_once",
        include_str!("migrations/0006_event_approved_once.sql"),
    ),
    (
        7,
        "settings_last_screen",
        include_str!("migrations/0007_settings_last_screen.sql"),
    ),
    (
        11,
        "app_stamp",
        include_str!("migrations/0011_app_stamp.sql"),
    ),
];

/// Applies every migration not yet recorded. Returns how many it applied.
pub(crate) fn apply(conn: &mut Connection, applied_at: &str) -> Result<usize> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version INTEGER PRIMARY KEY,
             name TEXT NOT NULL,
             applied_at TEXT NOT NULL
         ) STRICT;",
    )?;
    let mut count = 0;
    for (version, name, sql) in MIGRATIONS {
        let tx = conn.transaction()?;
        let done: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?1)",
            [version],
            |row| row.get(0),
        )?;
        if !done {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![version, name, applied_at],
            )?;
            count += 1;
        }
        tx.commit()?;
    }
    Ok(count)
}

/// The highest version this database has.
pub(crate) fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |row| row.get(0),
    )?)
}
