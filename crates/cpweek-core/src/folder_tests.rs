use std::os::unix::fs::MetadataExt;

use super::*;
use crate::ErrorCode;

fn file<'a>(path: &'a str, bytes: &'a [u8]) -> FolderFile<'a> {
    FolderFile { path, bytes }
}

/// A file's inode and modification time: a file renamed over gets a new
/// inode, so an unchanged inode and time mean it was left untouched.
fn identity(path: &Path) -> (u64, i64, i64) {
    let m = path.metadata().unwrap();
    (m.ino(), m.mtime(), m.mtime_nsec())
}

fn names(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn unchanged_files_are_left_untouched_and_changed_ones_replaced_whole() {
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("site/2014");
    let db = top.path().join("cpweek.db");
    let first = [
        file("feeds/national.ics", b"national"),
        file("feeds/council/886.ics", b"kent"),
        file("index.html", b"index"),
    ];
    let report = write(&dir, &first, &["feeds"], &db).unwrap();
    assert_eq!(
        report.written,
        ["feeds/national.ics", "feeds/council/886.ics", "index.html"]
    );
    assert!(report.unchanged.is_empty() && report.removed.is_empty());
    assert_eq!(
        names(&dir),
        ["feeds/council/886.ics", "feeds/national.ics", "index.html"]
    );
    assert_eq!(
        std::fs::read(dir.join("feeds/council/886.ics")).unwrap(),
        b"kent"
    );
    // Readable by a web server: not the temporary file's 0600.
    std::fs::write(top.path().join("plain"), b"x").unwrap();
    let plain = top.path().join("plain").metadata().unwrap().mode();
    let mode = dir.join("index.html").metadata().unwrap().mode();
    assert_eq!(mode, plain, "mode {mode:o}, a plain file's {plain:o}");

    let before: Vec<_> = first.iter().map(|f| identity(&dir.join(f.path))).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = write(&dir, &first, &["feeds"], &db).unwrap();
    assert!(again.written.is_empty(), "{again:?}");
    assert_eq!(again.unchanged.len(), 3);
    let after: Vec<_> = first.iter().map(|f| identity(&dir.join(f.path))).collect();
    assert_eq!(before, after, "an unchanged file was touched");

    let changed = [
        file("feeds/national.ics", b"national"),
        file("feeds/council/886.ics", b"kent, changed"),
        file("index.html", b"index"),
    ];
    let report = write(&dir, &changed, &["feeds"], &db).unwrap();
    assert_eq!(report.written, ["feeds/council/886.ics"]);
    assert_eq!(report.unchanged, ["feeds/national.ics", "index.html"]);
    assert_ne!(identity(&dir.join("feeds/council/886.ics")), before[1]);
    assert_eq!(identity(&dir.join("index.html")), before[2]);
    assert_eq!(
        std::fs::read(dir.join("feeds/council/886.ics")).unwrap(),
        b"kent, changed"
    );
    // A file of the same length but other bytes is written too.
    let same_length = [file("index.html", b"INDEX")];
    let report = write(&dir, &same_length, &[], &db).unwrap();
    assert_eq!(report.written, ["index.html"]);
}

#[test]
fn files_the_site_no_longer_has_go_from_its_own_folders_only() {
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("site");
    let db = top.path().join("cpweek.db");
    write(
        &dir,
        &[
            file("listings/886.html", b"kent"),
            file("listings/383.html", b"leeds"),
            file("index.html", b"index"),
        ],
        &["listings"],
        &db,
    )
    .unwrap();
    // The person's own files, and a temporary file a stopped write left.
    std::fs::write(dir.join("CNAME"), b"cpw.example.org.uk").unwrap();
    std::fs::create_dir(dir.join("images")).unwrap();
    std::fs::write(dir.join("images/logo.png"), b"png").unwrap();
    std::fs::write(dir.join("listings/.886.html.x1y2.partial"), b"half").unwrap();

    let report = write(
        &dir,
        &[
            file("listings/886.html", b"kent"),
            file("index.html", b"index"),
        ],
        &["listings"],
        &db,
    )
    .unwrap();
    assert_eq!(
        report.removed,
        ["listings/.886.html.x1y2.partial", "listings/383.html"]
    );
    assert_eq!(
        names(&dir),
        [
            "CNAME",
            "images/logo.png",
            "index.html",
            "listings/886.html"
        ]
    );
}

#[test]
fn nothing_is_written_outside_the_folder_over_the_database_or_a_folder() {
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("site");
    let db = dir.join("index.html");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(&db, b"SQLite format 3\0").unwrap();
    let files = [file("feeds/national.ics", b"n"), file("index.html", b"i")];
    let err = write(&dir, &files, &["feeds"], &db).unwrap_err();
    assert!(err.to_string().contains("database in use"), "{err}");
    assert_eq!(names(&dir), ["index.html"], "something was written");

    for bad in [
        "../escape.html",
        "/etc/passwd",
        "feeds//x.ics",
        "feeds/.hidden",
        "",
    ] {
        let err = write(&dir, &[file(bad, b"x")], &[], &top.path().join("x.db")).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{bad}");
    }
    assert!(!top.path().join("escape.html").exists());

    std::fs::create_dir_all(dir.join("feeds/national.ics")).unwrap();
    let err = write(&dir, &files, &[], &top.path().join("x.db")).unwrap_err();
    assert!(err.to_string().contains("is a folder"), "{err}");

    let plain = top.path().join("plain");
    std::fs::write(&plain, b"x").unwrap();
    let err = write(&plain, &files, &[], &db).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "dir");
    assert!(err.to_string().contains("is not a folder"), "{err}");
}
