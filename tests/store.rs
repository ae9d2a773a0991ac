//! The database file under the real `cpweek` binary: `export ics -o` never
//! writes over the database or an existing file unasked, and writes whole
//! files even when several run at once; reading commands work on a
//! read-only file and change nothing; a newer cpweek's database, someone
//! else's, or a file that is not a database at all is refused in plain
//! words; several `init`s at once, and writes during a long write, wait
//! rather than fail.
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::Db;

const KENT: &[&str] = &[
    "event",
    "add",
    "--council",
    "886",
    "--title",
    "Kent celebrates its care leavers",
    "--start",
    "2014-10-28T10:00",
    "--end",
    "2014-10-28T12:00",
];

fn cpweek(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cpweek"));
    command.arg("--db").arg(db).env_remove("CPWEEK_DB");
    command
}

/// Runs and expects a refusal: non-zero, nothing on stdout, `error:` lines
/// on stderr (returned), no panic.
fn refused(out: Output) -> String {
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        !out.status.success(),
        "should have failed; stderr: {stderr}"
    );
    assert!(out.stdout.is_empty(), "a refusal prints nothing on stdout");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

fn succeeded(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

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

fn event_count(db: &Db) -> usize {
    db.json(&["event", "list", "--json"])
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn export_never_writes_over_the_live_database() {
    let db = Db::new();
    db.ok(KENT);
    let live = db.path.display().to_string();
    // As the issue found it: -o naming the database itself.
    let out = db.run(&["export", "ics", "-o", &live]);
    succeeded(out);
    assert_eq!(event_count(&db), 1, "the database survives");
    assert!(
        db.file("cpweek.db.ics").is_file(),
        "the calendar went beside it"
    );

    // A database whose own name ends in .ics, named every which way.
    let dir = db.dir.path();
    std::fs::create_dir(dir.join("sub")).unwrap();
    let other = Db {
        dir: tempfile::tempdir_in(dir).unwrap(),
        path: dir.join("feed.ics"),
    };
    other.ok(&["init"]);
    other.ok(KENT);
    let before = snapshot(&other.path);
    std::os::unix::fs::symlink(&other.path, dir.join("link.ics")).unwrap();
    std::fs::hard_link(&other.path, dir.join("hard.ics")).unwrap();
    for (chosen, force) in [
        ("feed.ics", false),
        ("feed.ics", true),
        ("./feed.ics", true),
        ("feed", true),
        ("sub/../feed.ics", true),
        ("link.ics", true),
        ("hard.ics", true),
    ] {
        let mut command = cpweek(&other.path);
        command
            .current_dir(dir)
            .args(["export", "ics", "-o", chosen]);
        if force {
            command.arg("--force");
        }
        let stderr = refused(command.output().unwrap());
        assert!(
            stderr.contains("is the database in use; choose another file"),
            "{chosen}: {stderr}"
        );
        assert_eq!(snapshot(&other.path), before, "{chosen}");
    }
    assert_eq!(event_count(&other), 1);
}

#[test]
fn export_replaces_an_existing_file_only_with_force() {
    let db = Db::new();
    db.ok(KENT);
    let path = db.file("kent.ics");
    std::fs::write(&path, b"keep me").unwrap();
    let stderr = refused(db.run(&["export", "ics", "-o", path.to_str().unwrap()]));
    assert_eq!(
        stderr,
        format!(
            "error: {} already exists; add --force to replace it\n",
            path.display()
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");

    let out = db.run(&["export", "ics", "-o", path.to_str().unwrap(), "--force"]);
    succeeded(out);
    let calendar = std::fs::read_to_string(&path).unwrap();
    assert_eq!(calendar, db.ok(&["export", "ics"]));

    // A relative path is fine, in the current folder, and gets ".ics".
    let out = cpweek(&db.path)
        .current_dir(db.dir.path())
        .args(["export", "ics", "-o", "national"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    succeeded(out);
    assert!(
        stderr.contains(&db.file("national.ics").display().to_string()),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(db.file("national.ics")).unwrap(),
        calendar
    );

    // The folder must exist.
    let missing = db.file("nowhere/kent.ics");
    let stderr = refused(db.run(&["export", "ics", "-o", missing.to_str().unwrap()]));
    assert!(stderr.contains("nowhere does not exist"), "{stderr}");
    // --force means nothing without -o.
    assert!(!db.run(&["export", "ics", "--force"]).status.success());
}

#[test]
fn concurrent_exports_to_one_file_leave_one_whole_version() {
    let db = Db::new();
    db.ok(KENT);
    db.ok(&[
        "event",
        "add",
        "--council",
        "Bristol",
        "--title",
        "Bristol's pledge to its children in care",
        "--start",
        "2014-10-29T14:00",
        "--end",
        "2014-10-29T16:00",
    ]);
    let scopes = [
        "national",
        "council:886",
        "council:801",
        "region:South East",
        "region:South West",
    ];
    // Each scope's calendar, as standard output gives it.
    let versions: Vec<String> = scopes
        .iter()
        .map(|s| db.ok(&["export", "ics", "--scope", s]))
        .collect();
    let path = db.file("shared.ics");
    for _round in 0..4 {
        let children: Vec<_> = scopes
            .iter()
            .cycle()
            .take(12)
            .map(|scope| {
                cpweek(&db.path)
                    .args(["export", "ics", "--scope", scope, "--force", "-o"])
                    .arg(&path)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(
            versions.contains(&written),
            "the file is not one whole calendar:\n{written}"
        );
        let left: Vec<_> = names(db.dir.path())
            .into_iter()
            .filter(|n| n.contains("shared"))
            .collect();
        assert_eq!(left, ["shared.ics"], "a temporary file was left behind");
    }
}

/// A command that runs `cpweek` unable to write files its mode forbids.
/// Tests run as root here, and root ignores file modes, so as root the
/// binary runs through `setpriv` without the capabilities that let it
/// (CAP_DAC_OVERRIDE and friends): a 0444 file is then truly read-only to
/// it, as to any other user.
fn without_override(db: &Path) -> Command {
    let probe = tempfile::NamedTempFile::new().unwrap();
    let root = std::os::unix::fs::MetadataExt::uid(&probe.as_file().metadata().unwrap()) == 0;
    if !root {
        return cpweek(db);
    }
    let available = Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        available,
        "running as root, this test needs setpriv (util-linux) to drop CAP_DAC_OVERRIDE"
    );
    let mut command = Command::new("setpriv");
    command
        .args([
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
            "--",
            env!("CARGO_BIN_EXE_cpweek"),
            "--db",
        ])
        .arg(db)
        .env_remove("CPWEEK_DB");
    command
}

fn run_without_override(db: &Path, args: &[&str]) -> Output {
    without_override(db).args(args).output().unwrap()
}

#[test]
fn reading_commands_work_on_a_read_only_database_and_change_nothing() {
    let db = Db::new();
    db.ok(KENT);
    let id = db.json(&["event", "list", "--json"])[0]["id"].to_string();
    let dir = db.dir.path();
    let path = db.path.clone();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    // The check is real: this process may not write the file.
    let sure = run_without_override(&path, KENT);
    let stderr = refused(sure);
    assert_eq!(
        stderr,
        format!(
            "error: the database {} is read-only, so cpweek cannot change it: make the file and \
             its folder writable for you, or work on a copy\n",
            path.display()
        )
    );
    let before = snapshot(&path);
    std::thread::sleep(Duration::from_millis(20));
    let reads: &[&[&str]] = &[
        &["event", "list"],
        &["event", "list", "--json"],
        &["event", "show", &id],
        &["councils", "--region", "South East"],
        &["regions"],
        &["themes"],
        &["audiences"],
        &["programmes"],
        &["programme", "summary"],
        &["export", "ics"],
        &["export", "ics", "--scope", "council:886"],
    ];
    // In a writable folder, then in a read-only one too.
    for folder_mode in [0o755, 0o555] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(folder_mode)).unwrap();
        for args in reads {
            let out = run_without_override(&path, args);
            let stdout = succeeded(out);
            assert!(!stdout.is_empty(), "{args:?}");
        }
        let listed = succeeded(run_without_override(&path, &["event", "list", "--json"]));
        assert!(listed.contains("Kent celebrates"), "{listed}");
        assert_eq!(snapshot(&path), before, "reading changed the file");
        assert_eq!(names(dir), ["cpweek.db"], "reading left files beside it");
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();

    // After reading, the file works as before once it is writable again.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    succeeded(run_without_override(&path, KENT));
    assert_eq!(event_count(&db), 2);
}

/// The highest schema version recorded in a database file.
fn schema_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn an_old_read_only_database_says_it_cannot_be_brought_up_to_date() {
    let db = Db::new();
    let known = schema_version(&db.path);
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute("DELETE FROM schema_migrations WHERE version = ?1", [known])
        .unwrap();
    // The version before it (numbers may have gaps while branches merge).
    let older = schema_version(&db.path);
    // (Bringing an old schema up to date is the core's own test; here the
    // file stays as it is.)
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(&db.path);
    let stderr = refused(run_without_override(&db.path, &["councils"]));
    assert_eq!(
        stderr,
        format!(
            "error: the database {} is read-only and its schema (version {}) is older than \
             this cpweek's (version {known}), so it cannot be brought up to date: make the file \
             and its folder writable for you and run `cpweek init` once\n",
            db.path.display(),
            older
        )
    );
    assert_eq!(snapshot(&db.path), before);
}

/// Words that belong to SQL or SQLite, never to a message for people.
fn assert_plain(stderr: &str) {
    for word in ["SELECT", "CREATE", "INSERT", "sqlite_", "no such", "syntax"] {
        assert!(!stderr.contains(word), "{word:?} in {stderr:?}");
    }
}

#[test]
fn a_newer_cpweeks_database_is_refused_by_name_and_version() {
    let db = Db::new();
    db.ok(KENT);
    let known = schema_version(&db.path);
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES (?1, 'ministerial_requests', '2030-01-01T00:00:00Z')",
            [known + 1],
        )
        .unwrap();
    let before = snapshot(&db.path);
    for args in [&["event", "list"][..], KENT, &["init"], &["export", "ics"]] {
        let stderr = refused(db.run(args));
        assert_eq!(
            stderr,
            format!(
                "error: this database was made by a newer cpweek (schema version {}; this \
                 cpweek knows up to {known}): {} was left unchanged; use the newer cpweek with \
                 it\n",
                known + 1,
                db.path.display()
            ),
            "{args:?}"
        );
    }
    assert_eq!(snapshot(&db.path), before);
}

#[test]
fn files_that_are_not_cpweek_databases_are_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("calendar.db");
    std::fs::write(&text, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".repeat(200)).unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        .unwrap();
    let changed = Db::new();
    rusqlite::Connection::open(&changed.path)
        .unwrap()
        .execute_batch("ALTER TABLE events RENAME COLUMN venue TO place")
        .unwrap();
    for (path, says) in [
        (
            &text,
            "is not a cpweek database (it is not a SQLite database file at all)",
        ),
        (&other, "is a SQLite database but not one cpweek can use"),
        (
            &changed.path,
            "is a SQLite database but not one cpweek can use",
        ),
    ] {
        let before = snapshot(path);
        for args in [&["event", "list"][..], KENT, &["init"]] {
            let stderr = refused(cpweek(path).args(args).output().unwrap());
            assert!(
                stderr.starts_with(&format!("error: {} {says}", path.display())),
                "{args:?}: {stderr}"
            );
            assert_plain(&stderr);
        }
        assert_eq!(snapshot(path), before);
    }
}

#[test]
fn eight_inits_at_once_make_one_correct_database() {
    let fresh = Db::new();
    for _round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let path: PathBuf = dir.path().join("new").join("cpweek.db");
        let children: Vec<_> = (0..8)
            .map(|_| {
                cpweek(&path)
                    .arg("init")
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            succeeded(out);
        }
        let db = Db {
            dir,
            path: path.clone(),
        };
        assert_eq!(
            db.json(&["councils", "--json"]).as_array().unwrap().len(),
            152
        );
        assert_eq!(db.json(&["regions", "--json"]).as_array().unwrap().len(), 9);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let (applied, distinct): (i64, i64) = conn
            .query_row(
                "SELECT count(*), count(DISTINCT version) FROM schema_migrations",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(applied, distinct);
        // Every migration once: as many as a database made alone has.
        let alone: i64 = rusqlite::Connection::open(&fresh.path)
            .unwrap()
            .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(applied, alone);
        assert_eq!(
            conn.query_row("SELECT max(version) FROM schema_migrations", [], |r| r
                .get::<_, i64>(0))
                .unwrap(),
            schema_version(&fresh.path)
        );
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        db.ok(KENT);
    }
}

#[test]
fn writes_wait_for_a_long_write_and_reads_go_on_meanwhile() {
    let db = Db::new();
    db.ok(KENT);
    // Another program holds the write lock for longer than a short busy
    // timeout would wait, as a large import does.
    let hold = Duration::from_secs(7);
    let mut holder = rusqlite::Connection::open(&db.path).unwrap();
    let tx = holder
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let started = Instant::now();
    let writer = cpweek(&db.path)
        .args(KENT)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Reads are not held up by the write.
    for args in [&["event", "list"][..], &["councils"], &["export", "ics"]] {
        let at = Instant::now();
        db.ok(args);
        assert!(at.elapsed() < hold / 2, "{args:?} waited for the writer");
    }
    std::thread::sleep(hold.saturating_sub(started.elapsed()));
    tx.commit().unwrap();
    let out = writer.wait_with_output().unwrap();
    assert!(started.elapsed() >= hold);
    succeeded(out);
    assert_eq!(event_count(&db), 2);
}
