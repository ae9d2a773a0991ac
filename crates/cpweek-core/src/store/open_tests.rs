//! Opening real database files: reading writes nothing, a file that is not
//! cpweek's (or is a newer cpweek's) is refused in plain words, writes to a
//! read-only file say so, and several processes may open a new file at once.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OpenFlags};

use super::tests::{at, kent_form};
use super::*;
use crate::error::Unusable;
use crate::ErrorCode;

/// A seeded database file with one event, closed.
fn seeded_file(dir: &Path) -> PathBuf {
    let path = dir.join("cpweek.db");
    let mut store = Store::open(&path, Open::CreateIfMissing, at(2014, 9, 1, 9)).unwrap();
    store.init().unwrap();
    store.add_event(&kent_form(), at(2014, 9, 2, 9)).unwrap();
    path
}

/// The folder's file names, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

fn snapshot(path: &Path) -> (Vec<u8>, SystemTime) {
    (
        std::fs::read(path).unwrap(),
        std::fs::metadata(path).unwrap().modified().unwrap(),
    )
}

fn problem(err: &Error) -> Option<Unusable> {
    match err {
        Error::Database { problem, .. } => Some(*problem),
        _ => None,
    }
}

#[test]
fn reading_writes_nothing_to_the_file_or_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded_file(dir.path());
    let before = snapshot(&path);
    assert_eq!(names(dir.path()), ["cpweek.db"]);
    // Coarse file-system clocks would hide a write.
    std::thread::sleep(Duration::from_millis(20));

    let store = Store::open(&path, Open::Read, at(2014, 9, 3, 9)).unwrap();
    assert_eq!(store.events(&EventFilter::default()).unwrap().len(), 1);
    assert_eq!(store.schema_version().unwrap(), migrations::known());
    drop(store);

    assert_eq!(snapshot(&path), before, "reading changed the file");
    assert_eq!(names(dir.path()), ["cpweek.db"]);
}

#[test]
fn a_store_opened_to_read_refuses_to_write_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded_file(dir.path());
    let before = snapshot(&path);
    let mut store = Store::open(&path, Open::Read, at(2014, 9, 3, 9)).unwrap();
    let err = store
        .add_event(&kent_form(), at(2014, 9, 3, 9))
        .unwrap_err();
    assert_eq!(problem(&err), Some(Unusable::ReadOnly), "{err:?}");
    assert_eq!(err.code(), ErrorCode::ReadOnly);
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("is read-only"), "{text}");
    drop(store);
    assert_eq!(snapshot(&path), before);
}

#[test]
fn a_write_to_a_file_sqlite_opened_read_only_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded_file(dir.path());
    // As SQLite opens a file this process may not write (tests run as root,
    // which ignores file modes, so ask SQLite for read-only directly).
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut store = Store {
        conn,
        path: path.clone(),
    };
    let err = store.init().unwrap_err();
    assert_eq!(problem(&err), Some(Unusable::ReadOnly), "{err:?}");
    assert!(err
        .to_string()
        .starts_with(&format!("the database {} is read-only", path.display())));
    // SQLite's own words are kept for logs, not shown.
    let source = std::error::Error::source(&err).unwrap().to_string();
    assert!(source.contains("readonly"), "{source}");
    assert!(!err.to_string().contains("readonly"));
}

#[test]
fn a_newer_cpweeks_database_is_refused_by_version_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded_file(dir.path());
    let newer = migrations::known() + 1;
    Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES (?1, 'from_the_future', '2030-01-01T00:00:00Z')",
            [newer],
        )
        .unwrap();
    let before = snapshot(&path);
    for mode in [Open::Read, Open::Existing, Open::CreateIfMissing] {
        let err = Store::open(&path, mode, at(2014, 9, 3, 9)).err().unwrap();
        assert_eq!(err.code(), ErrorCode::Incompatible, "{mode:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "this database was made by a newer cpweek (schema version {newer}; this cpweek \
                 knows up to {}): {} was left unchanged; use the newer cpweek with it",
                migrations::known(),
                path.display()
            )
        );
    }
    assert_eq!(snapshot(&path), before);
    assert_eq!(names(dir.path()), ["cpweek.db"]);
}

/// A message for people: no SQL, no SQLite wording.
fn assert_plain(text: &str) {
    for word in ["SELECT", "CREATE", "INSERT", "sqlite_", "no such", "syntax"] {
        assert!(!text.contains(word), "{word:?} in {text:?}");
    }
}

#[test]
fn someone_elses_database_is_refused_plainly_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    let conn = Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
        .unwrap();
    drop(conn);
    // A table called schema_migrations, but another tool's.
    let rails = dir.path().join("rails.db");
    let conn = Connection::open(&rails).unwrap();
    conn.execute_batch(
        "CREATE TABLE schema_migrations (version TEXT); INSERT INTO schema_migrations VALUES ('1');
         CREATE TABLE users (id INTEGER PRIMARY KEY);",
    )
    .unwrap();
    drop(conn);
    for path in [&other, &rails] {
        let before = snapshot(path);
        for mode in [Open::Read, Open::Existing] {
            let err = Store::open(path, mode, at(2014, 9, 3, 9)).err().unwrap();
            assert_eq!(problem(&err), Some(Unusable::Foreign), "{err:?}");
            assert_eq!(err.code(), ErrorCode::Incompatible);
            let text = err.to_string();
            assert!(text.starts_with(&path.display().to_string()), "{text}");
            assert!(text.contains("not one cpweek can use"), "{text}");
            assert_plain(&text);
        }
        assert_eq!(snapshot(path), before);
    }
}

#[test]
fn a_cpweek_database_with_a_table_dropped_or_changed_is_refused() {
    for change in [
        "DROP TABLE event_themes",
        "ALTER TABLE events RENAME COLUMN title TO name",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = seeded_file(dir.path());
        Connection::open(&path)
            .unwrap()
            .execute_batch(change)
            .unwrap();
        for mode in [Open::Read, Open::Existing] {
            let err = Store::open(&path, mode, at(2014, 9, 3, 9)).err().unwrap();
            assert_eq!(problem(&err), Some(Unusable::Foreign), "{change}: {err:?}");
            assert_plain(&err.to_string());
        }
    }
}

#[test]
fn a_file_that_is_not_a_database_is_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let text = "BEGIN:VCALENDAR\r\n".repeat(400);
    std::fs::write(&path, &text).unwrap();
    for mode in [Open::Read, Open::Existing, Open::CreateIfMissing] {
        let err = Store::open(&path, mode, at(2014, 9, 3, 9)).err().unwrap();
        assert_eq!(problem(&err), Some(Unusable::NotADatabase), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "{} is not a cpweek database (it is not a SQLite database file at all); it was \
                 left unchanged: check the path",
                path.display()
            )
        );
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(names(dir.path()), ["notes.db"]);
}

#[test]
fn a_storage_error_shows_no_sql_but_keeps_it_as_the_source() {
    let conn = Connection::open_in_memory().unwrap();
    let sqlite = conn
        .execute("SELECT secret_column FROM secret_table", [])
        .unwrap_err();
    let err = Error::from(sqlite);
    assert_plain(&err.to_string());
    assert!(!err.to_string().contains("secret"), "{err}");
    let source = std::error::Error::source(&err).unwrap().to_string();
    assert!(source.contains("secret_table"), "{source}");
    let named = err.in_database(Path::new("/data/cpweek.db"));
    assert!(named.to_string().contains("/data/cpweek.db"), "{named}");
    assert!(!named.to_string().contains("secret"), "{named}");
}

#[test]
fn an_older_schema_is_brought_up_to_date_by_a_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cpweek.db");
    // As a cpweek without the last migration left it.
    let (older, newest) = migrations::MIGRATIONS.split_at(migrations::MIGRATIONS.len() - 1);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, \
         applied_at TEXT NOT NULL) STRICT;",
    )
    .unwrap();
    for (version, name, sql) in older {
        conn.execute_batch(sql).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?1, ?2, '2014-01-01T00:00:00Z')",
            rusqlite::params![version, name],
        )
        .unwrap();
    }
    drop(conn);
    let store = Store::open(&path, Open::Read, at(2014, 9, 3, 9)).unwrap();
    assert_eq!(store.schema_version().unwrap(), newest[0].0);
    let recorded: String = store
        .conn
        .query_row(
            "SELECT name FROM schema_migrations WHERE version = ?1",
            [newest[0].0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, newest[0].1);
}

#[test]
fn several_processes_may_create_one_new_database_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new").join("cpweek.db");
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    let mut store = Store::open(&path, Open::CreateIfMissing, at(2014, 9, 1, 9))?;
                    store.init()
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap().unwrap();
        }
    });
    let store = Store::open(&path, Open::Read, at(2014, 9, 1, 9)).unwrap();
    assert_eq!(store.councils(None).unwrap().len(), 152);
    let applied: i64 = store
        .conn
        .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applied as usize, migrations::MIGRATIONS.len());
}
