//! Numbered schema migrations. Each is applied in its own transaction and
//! recorded in `schema_migrations`; a migration never changes once released
//! (add a new one instead).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rusqlite::{Connection, TransactionBehavior};

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
        8,
        "event_history",
        include_str!("migrations/0008_event_history.sql"),
    ),
    (
        9,
        "event_shared_at",
        include_str!("migrations/0009_event_shared_at.sql"),
    ),
    (
        10,
        "app_stamp",
        include_str!("migrations/0010_app_stamp.sql"),
    ),
    (
        11,
        "attendance",
        include_str!("migrations/0011_attendance.sql"),
    ),
    (
        12,
        "event_partners",
        include_str!("migrations/0012_event_partners.sql"),
    ),
    (13, "pack", include_str!("migrations/0013_pack.sql")),
    (
        14,
        "programme_releases",
        include_str!("migrations/0014_programme_releases.sql"),
    ),
    (
        15,
        "request_packs",
        include_str!("migrations/0015_request_packs.sql"),
    ),
    (16, "practice", include_str!("migrations/0016_practice.sql")),
    (17, "toolkit", include_str!("migrations/0017_toolkit.sql")),
    (
        18,
        "sample_and_toolkit_sent",
        include_str!("migrations/0018_sample_and_toolkit_sent.sql"),
    ),
    (
        19,
        "practice_packs",
        include_str!("migrations/0019_practice_packs.sql"),
    ),
    (
        20,
        "release_pdf",
        include_str!("migrations/0020_release_pdf.sql"),
    ),
    (
        21,
        "event_history_record",
        include_str!("migrations/0021_event_history_record.sql"),
    ),
];

/// The highest schema version this build knows.
pub(crate) fn known() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// What a database file holds, before anything is written to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// No tables at all: a new (or empty) file.
    Empty,
    /// cpweek's schema at this version (0: the version table but nothing
    /// applied yet). It may be above [`known`]: made by a newer cpweek.
    Version(i64),
    /// Tables that are not cpweek's: no version table, a version table of
    /// another shape, or versions recorded under other names.
    Foreign,
}

const CREATE_VERSIONS: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
     version INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     applied_at TEXT NOT NULL
 ) STRICT;";

/// Reads what the file holds; writes nothing. A file that is not a SQLite
/// database fails here with SQLite's "not a database" error.
pub(crate) fn inspect(conn: &Connection) -> rusqlite::Result<Found> {
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        [],
        |r| r.get(0),
    )?;
    if tables == 0 {
        return Ok(Found::Empty);
    }
    if !has_versions(conn)? {
        return Ok(Found::Foreign);
    }
    let recorded = conn
        .prepare("SELECT version, name FROM schema_migrations ORDER BY version")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
    let recorded = match recorded {
        Ok(rows) => rows,
        // A table of that name, but not ours (other columns or types).
        Err(e) if is_schema_error(&e) => return Ok(Found::Foreign),
        Err(e) => return Err(e),
    };
    let top = recorded.iter().map(|r| r.0).max().unwrap_or(0);
    if top > known() {
        return Ok(Found::Version(top));
    }
    let ours = recorded
        .iter()
        .all(|(version, name)| MIGRATIONS.iter().any(|(v, n, _)| v == version && n == name));
    Ok(if ours {
        Found::Version(top)
    } else {
        Found::Foreign
    })
}

/// Whether an error is SQLite refusing a statement (no such table or
/// column, a type mismatch): the schema is not what the SQL expects.
pub(crate) fn is_schema_error(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqlInputError { .. }
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
    ) || e.sqlite_error_code() == Some(rusqlite::ErrorCode::Unknown)
}

fn has_versions(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |r| r.get(0),
    )
}

fn recorded(conn: &Connection, version: i64) -> rusqlite::Result<bool> {
    Ok(has_versions(conn)?
        && conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?1)",
            [version],
            |row| row.get(0),
        )?)
}

/// Applies every migration not yet recorded, each in its own immediate
/// transaction, and returns how many it applied. Safe when several
/// processes open a new database at once: each migration is checked again
/// once the write lock is held, so it is applied exactly once. An
/// up-to-date database is only read.
pub(crate) fn apply(conn: &mut Connection, applied_at: &str) -> Result<usize> {
    let mut count = 0;
    for (version, name, sql) in MIGRATIONS {
        if recorded(conn, *version)? {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(CREATE_VERSIONS)?;
        if !recorded(&tx, *version)? {
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

/// Every (table, column) of a schema, sorted; SQLite's own tables left out.
fn shape(conn: &Connection) -> rusqlite::Result<BTreeSet<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// The tables and columns every migration together makes, worked out once
/// (on a database in memory).
fn expected() -> &'static BTreeSet<(String, String)> {
    static EXPECTED: OnceLock<BTreeSet<(String, String)>> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        // Our own migrations on a new database in memory cannot fail; if
        // they did, every test would.
        let mut conn = Connection::open_in_memory().expect("a database in memory");
        apply(&mut conn, "1970-01-01T00:00:00Z").expect("the migrations apply");
        shape(&conn).expect("the schema of a database in memory")
    })
}

/// Whether an up-to-date database has every table and column the
/// migrations make (more are tolerated): a table dropped or changed by
/// hand makes it [`Found::Foreign`].
pub(crate) fn has_expected_shape(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(shape(conn)?.is_superset(expected()))
}
