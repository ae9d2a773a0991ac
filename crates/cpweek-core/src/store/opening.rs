//! Opening the database file: to write (creating it, switching it to WAL
//! and bringing its schema up to date, safely when several processes do it
//! at once) or only to read (writing nothing). Either way a file that is
//! not cpweek's, or that a newer cpweek made, is refused before anything
//! is written to it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};

use super::migrations::{self, Found};
use super::{Open, Store, BUSY_WAIT};
use crate::error::{Error, Result, Unusable};

pub(super) fn open(path: &Path, mode: Open, now: DateTime<Utc>) -> Result<Store> {
    match mode {
        Open::CreateIfMissing => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                    context: format!("creating {}", dir.display()),
                    source,
                })?;
            }
            for_writing(path, OpenFlags::SQLITE_OPEN_CREATE, now)
        }
        Open::Existing => {
            existing(path)?;
            for_writing(path, OpenFlags::empty(), now)
        }
        Open::Read => {
            existing(path)?;
            for_reading(path, now)
        }
    }
}

fn existing(path: &Path) -> Result<()> {
    if path.is_file() {
        Ok(())
    } else {
        Err(Error::NotInitialised {
            path: path.display().to_string(),
        })
    }
}

fn unusable(path: &Path, problem: Unusable) -> Error {
    Error::Database {
        path: path.display().to_string(),
        problem,
        source: None,
    }
}

/// A SQLite error met while looking at or upgrading the schema: SQL that
/// the file's tables refuse means they are not cpweek's.
fn schema_error(path: &Path, e: Error) -> Error {
    match e {
        Error::Storage(source) if migrations::is_schema_error(&source) => Error::Database {
            path: path.display().to_string(),
            problem: Unusable::Foreign,
            source: Some(source),
        },
        other => other,
    }
}

/// What the file holds, refusing a file that is not a database, not
/// cpweek's, or a newer cpweek's. Reads only.
fn version(conn: &Connection, path: &Path) -> Result<Option<i64>> {
    match migrations::inspect(conn) {
        Ok(Found::Empty) => Ok(None),
        Ok(Found::Foreign) => Err(unusable(path, Unusable::Foreign)),
        Ok(Found::Version(found)) if found > migrations::known() => Err(unusable(
            path,
            Unusable::Newer {
                found,
                known: migrations::known(),
            },
        )),
        Ok(Found::Version(found)) => Ok(Some(found)),
        Err(e) => Err(schema_error(path, e.into())),
    }
}

/// Refuses an up-to-date database whose tables were dropped or changed.
fn check_shape(conn: &Connection, path: &Path) -> Result<()> {
    match migrations::has_expected_shape(conn) {
        Ok(true) => Ok(()),
        Ok(false) => Err(unusable(path, Unusable::Foreign)),
        Err(e) => Err(schema_error(path, e.into())),
    }
}

fn for_writing(path: &Path, create: OpenFlags, now: DateTime<Utc>) -> Result<Store> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | create,
    )?;
    // SQLite falls back to reading a file it may not write; say so now,
    // before the first write fails in SQLite's words.
    if conn.is_readonly(MAIN_DB)? {
        return Err(unusable(path, Unusable::ReadOnly));
    }
    conn.busy_timeout(BUSY_WAIT)?;
    version(&conn, path)?;
    use_wal(&conn)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrations::apply(&mut conn, &crate::time::to_store(now)).map_err(|e| schema_error(path, e))?;
    // Checked again: another process may have upgraded it meanwhile.
    version(&conn, path)?;
    check_shape(&conn, path)?;
    Ok(Store {
        conn,
        path: path.to_path_buf(),
    })
}

/// Switches the file to WAL mode, once in its life (the mode is kept in the
/// file). Switching needs the file to itself, so when several processes
/// open a new database at once some must wait and try again; an error
/// comes only after [`BUSY_WAIT`].
fn use_wal(conn: &Connection) -> Result<()> {
    let deadline = Instant::now() + BUSY_WAIT;
    loop {
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            // Another connection is using the file: try again.
            Ok(_) => {}
            Err(e) if Unusable::of(&e) == Unusable::Busy => {}
            Err(e) => return Err(e.into()),
        }
        if Instant::now() >= deadline {
            return Err(Error::Storage(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                None,
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn for_reading(path: &Path, now: DateTime<Utc>) -> Result<Store> {
    let conn = read_connection(path)?;
    let Some(found) = version(&conn, path)? else {
        return Err(Error::NotInitialised {
            path: path.display().to_string(),
        });
    };
    if found < migrations::known() {
        // Older than this cpweek: bring it up to date (a write, once in
        // the file's life), then read it afresh.
        if conn.is_readonly(MAIN_DB)? {
            return Err(unusable(
                path,
                Unusable::ReadOnlyBehind {
                    found,
                    known: migrations::known(),
                },
            ));
        }
        drop(conn);
        drop(for_writing(path, OpenFlags::empty(), now)?);
        return for_reading(path, now);
    }
    check_shape(&conn, path)?;
    Ok(Store {
        conn,
        path: path.to_path_buf(),
    })
}

/// A connection that cannot write. A file this process may write is
/// opened as usual but with `query_only` on: so SQLite, on closing, still
/// tidies away the `-wal` and `-shm` files it uses. A read-only file with
/// no `-wal` beside it holds everything in itself, and is read as
/// immutable, so nothing is created beside it (SQLite would otherwise
/// leave `-wal` and `-shm` files, read-only too, that stop the next writer
/// once the file is made writable again).
fn read_connection(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let conn = if conn.is_readonly(MAIN_DB)? && !sidecar(path, "-wal").exists() {
        match immutable_uri(path) {
            Some(uri) => {
                drop(conn);
                Connection::open_with_flags(
                    uri,
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_URI
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?
            }
            None => conn,
        }
    } else {
        conn
    };
    conn.busy_timeout(BUSY_WAIT)?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `file:PATH?immutable=1`, with the characters a URI path cannot hold
/// escaped; `None` for a path that is not UTF-8.
fn immutable_uri(path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?;
    let mut uri = String::from("file:");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_escapes_what_a_path_may_hold() {
        let uri = immutable_uri(Path::new("/tmp/a b?c#d%e/ü.db")).unwrap();
        assert_eq!(uri, "file:/tmp/a%20b%3Fc%23d%25e/%C3%BC.db?immutable=1");
    }
}
