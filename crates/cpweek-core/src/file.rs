//! Files a person chooses to write (a back-up, an exported calendar): the
//! path they picked is checked here, and the file is written whole or not
//! at all.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What kind of file a chosen path is for: its extension, added when the
/// person left it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A copy of the database (`.db`).
    Database,
    /// An iCalendar file (`.ics`).
    Calendar,
    /// A document as one HTML file (`.html`).
    Html,
    /// A document as a PDF (`.pdf`).
    Pdf,
    /// A spreadsheet's rows (`.csv`).
    Csv,
    /// A JSON document (`.json`), such as the programme's schedule.
    Json,
    /// An Atom feed (`.atom`), such as the programme's releases.
    Atom,
    /// A Word document (`.docx`), such as the toolkit.
    Docx,
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Database => "db",
            Kind::Calendar => "ics",
            Kind::Html => "html",
            Kind::Pdf => "pdf",
            Kind::Csv => "csv",
            Kind::Json => "json",
            Kind::Atom => "atom",
            Kind::Docx => "docx",
        }
    }
}

/// Whether a chosen file that exists may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// The person said so: a native save dialog asked them, or the CLI's
    /// `--force`.
    Allowed,
    /// An existing file is refused ([`Error::Exists`]), also when one
    /// appears while the new file is being written.
    Refused,
}

/// A file a person chose to write, checked by [`chosen_target`]: the only
/// way to make one, so nothing writes a chosen file unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    path: PathBuf,
    replace: Replace,
}

impl Target {
    /// The file to write (a full path, with its extension).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Checks a path a person chose (in a save dialog, or typed to the CLI,
/// where it may be relative to the current folder): it gets the kind's
/// extension if it lacks it; its folder must exist; it is never the live
/// database (nor a link to it, however the path is written); and an
/// existing file is replaced only with [`Replace::Allowed`].
pub fn chosen_target(
    chosen: &Path,
    kind: Kind,
    live_database: &Path,
    replace: Replace,
) -> Result<Target> {
    if chosen.as_os_str().is_empty() {
        return Err(Error::invalid("path", "choose a file to write"));
    }
    let full = std::path::absolute(chosen).map_err(|source| Error::Io {
        context: format!("reading the path {}", chosen.display()),
        source,
    })?;
    let ext = kind.extension();
    let target = match full.extension() {
        Some(e) if e.eq_ignore_ascii_case(ext) => full,
        _ => {
            let mut name = full.into_os_string();
            name.push(".");
            name.push(ext);
            PathBuf::from(name)
        }
    };
    let (Some(folder), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(Error::invalid(
            "path",
            format!("{} is not a file name; choose a file", target.display()),
        ));
    };
    if !folder.is_dir() {
        return Err(Error::invalid(
            "path",
            format!(
                "the folder {} does not exist; choose a folder that does",
                folder.display()
            ),
        ));
    }
    if same_file(folder, name, live_database) {
        return Err(Error::invalid(
            "path",
            format!(
                "{} is the database in use; choose another file",
                target.display()
            ),
        ));
    }
    // `symlink_metadata`: a dangling link is still something in the way.
    if let Ok(found) = target.symlink_metadata() {
        if target.is_dir() {
            return Err(Error::invalid(
                "path",
                format!("{} is a folder; choose a file", target.display()),
            ));
        }
        if !(found.is_file() || found.is_symlink()) {
            return Err(Error::invalid(
                "path",
                format!(
                    "{} is not a plain file; choose another file",
                    target.display()
                ),
            ));
        }
        if replace == Replace::Refused {
            return Err(Error::Exists {
                path: target.display().to_string(),
            });
        }
    }
    Ok(Target {
        path: target,
        replace,
    })
}

/// Whether `name` in `folder` is the file `live` (compared by canonical
/// path, and on Unix also by device and inode, which catches hard links).
fn same_file(folder: &Path, name: &std::ffi::OsStr, live: &Path) -> bool {
    let Ok(folder) = folder.canonicalize() else {
        return false;
    };
    let candidate = folder.join(name);
    let resolved = candidate.canonicalize().unwrap_or(candidate);
    let live_resolved = match live.canonicalize() {
        Ok(p) => p,
        // The live database should exist; if not, compare where it would be.
        Err(_) => match (live.parent(), live.file_name()) {
            (Some(dir), Some(n)) => std::path::absolute(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
            .and_then(|d| d.canonicalize())
            .map(|d| d.join(n))
            .unwrap_or_else(|_| live.to_path_buf()),
            _ => live.to_path_buf(),
        },
    };
    if resolved == live_resolved {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (resolved.metadata(), live_resolved.metadata()) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    false
}

/// Writes a chosen file whole or not at all (see [`save`]).
pub fn write_whole(target: &Target, bytes: &[u8]) -> Result<()> {
    save(target, |temp| {
        std::fs::write(temp, bytes).map_err(|source| Error::Io {
            context: format!("writing {}", target.path.display()),
            source,
        })
    })
}

/// Writes a chosen file whole or not at all: `fill` writes a new temporary
/// file with a unique name in the same folder, which is then renamed over
/// the target. A reader never sees half a file, two writers at once leave
/// one whole version, and a failure leaves nothing behind. With
/// [`Replace::Refused`] the rename refuses a file that appeared meanwhile.
pub(crate) fn save(target: &Target, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let path = &target.path;
    let io = |source| Error::Io {
        context: format!("writing {}", path.display()),
        source,
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As a plain new file gets: 0666 less the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(folder).map_err(io)?.into_temp_path();
    fill(&temp)?;
    let persisted = match target.replace {
        Replace::Allowed => temp.persist(path),
        Replace::Refused => temp.persist_noclobber(path),
    };
    persisted.map_err(|e| {
        if target.replace == Replace::Refused && path.symlink_metadata().is_ok() {
            Error::Exists {
                path: path.display().to_string(),
            }
        } else {
            io(e.error)
        }
    })
    // On any error the temporary file is removed when `temp` drops.
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn check(chosen: &Path, kind: Kind, live: &Path) -> Result<PathBuf> {
        chosen_target(chosen, kind, live, Replace::Refused).map(|t| t.path)
    }

    #[test]
    fn a_chosen_path_gets_its_extension_and_never_names_the_live_database() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("cpweek.db");
        std::fs::write(&live, b"").unwrap();

        let named = check(&dir.path().join("copy"), Kind::Database, &live).unwrap();
        assert_eq!(named, dir.path().join("copy.db"));
        assert_eq!(
            check(&dir.path().join("copy.db"), Kind::Database, &live).unwrap(),
            dir.path().join("copy.db")
        );
        assert_eq!(
            check(&dir.path().join("kent"), Kind::Calendar, &live).unwrap(),
            dir.path().join("kent.ics")
        );
        assert_eq!(
            check(&dir.path().join("Kent.ICS"), Kind::Calendar, &live).unwrap(),
            dir.path().join("Kent.ICS")
        );

        for replace in [Replace::Allowed, Replace::Refused] {
            let err = chosen_target(&live, Kind::Database, &live, replace).unwrap_err();
            assert!(err.to_string().contains("database in use"), "{err}");
        }
        // "cpweek" + .db is the live database too.
        let err = check(&dir.path().join("cpweek"), Kind::Database, &live).unwrap_err();
        assert!(err.to_string().contains("database in use"), "{err}");
        let err = check(&dir.path().join("nowhere/copy.db"), Kind::Database, &live).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert_eq!(err.code(), ErrorCode::InvalidInput);
    }

    #[cfg(unix)]
    #[test]
    fn the_live_database_is_found_through_dots_links_and_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let live = dir.path().join("live.ics");
        std::fs::write(&live, b"SQLite format 3\0").unwrap();
        let dotted = sub.join("..").join(".").join("live.ics");
        let link = dir.path().join("link.ics");
        let hard = dir.path().join("hard.ics");
        std::os::unix::fs::symlink(&live, &link).unwrap();
        std::fs::hard_link(&live, &hard).unwrap();
        let folder_link = dir.path().join("there");
        std::os::unix::fs::symlink(dir.path(), &folder_link).unwrap();
        for chosen in [
            dotted,
            link,
            hard,
            folder_link.join("live.ics"),
            folder_link.join("live"),
        ] {
            let err = chosen_target(&chosen, Kind::Calendar, &live, Replace::Allowed).unwrap_err();
            assert!(
                err.to_string().contains("database in use"),
                "{}: {err}",
                chosen.display()
            );
        }
        // The live database named relatively, the chosen file absolutely.
        let cwd = std::env::current_dir().unwrap();
        let relative_live = pathdiff(&live, &cwd);
        let err =
            chosen_target(&live, Kind::Calendar, &relative_live, Replace::Allowed).unwrap_err();
        assert!(err.to_string().contains("database in use"), "{err}");
        // A relative chosen path is resolved against the current folder.
        let target = chosen_target(
            Path::new("some-new-name"),
            Kind::Calendar,
            &live,
            Replace::Refused,
        )
        .unwrap();
        assert_eq!(target.path(), cwd.join("some-new-name.ics"));
    }

    #[cfg(unix)]
    #[test]
    fn only_a_plain_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("cpweek.db");
        let socket = dir.path().join("socket.ics");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let err = chosen_target(&socket, Kind::Calendar, &live, Replace::Allowed).unwrap_err();
        assert!(err.to_string().contains("is not a plain file"), "{err}");
        assert_eq!(err.code(), ErrorCode::InvalidInput);
    }

    /// `to` written relative to `from` (both absolute), with `..` steps.
    fn pathdiff(to: &Path, from: &Path) -> PathBuf {
        let ups = from.components().count() - 1;
        let mut out = PathBuf::new();
        for _ in 0..ups {
            out.push("..");
        }
        out.join(to.strip_prefix("/").unwrap())
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_allowed() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("cpweek.db");
        let path = dir.path().join("feed.ics");
        std::fs::write(&path, b"old").unwrap();
        let err = chosen_target(&path, Kind::Calendar, &live, Replace::Refused).unwrap_err();
        assert!(matches!(&err, Error::Exists { path: p } if p == &path.display().to_string()));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");

        let target = chosen_target(&path, Kind::Calendar, &live, Replace::Allowed).unwrap();
        write_whole(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");

        // A file that appears between the check and the write is not replaced.
        let later = dir.path().join("later.ics");
        let target = chosen_target(&later, Kind::Calendar, &live, Replace::Refused).unwrap();
        std::fs::write(&later, b"theirs").unwrap();
        let err = write_whole(&target, b"mine").unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err}");
        assert_eq!(std::fs::read(&later).unwrap(), b"theirs");

        let folder = dir.path().join("folder.ics");
        std::fs::create_dir(&folder).unwrap();
        let err = chosen_target(&folder, Kind::Calendar, &live, Replace::Allowed).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
        assert_eq!(names(dir.path()), ["feed.ics", "folder.ics", "later.ics"]);
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_whole_file_replaces_the_old_one_and_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("cpweek.db");
        let path = dir.path().join("feed.ics");
        std::fs::write(&path, b"old").unwrap();
        let target = chosen_target(&path, Kind::Calendar, &live, Replace::Allowed).unwrap();
        write_whole(&target, b"BEGIN:VCALENDAR\r\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"BEGIN:VCALENDAR\r\n");
        assert_eq!(names(dir.path()), ["feed.ics"]);

        // The folder goes after the check: an I/O error naming the file,
        // and nothing left behind.
        let gone = dir.path().join("gone");
        std::fs::create_dir(&gone).unwrap();
        let target = chosen_target(
            &gone.join("feed.ics"),
            Kind::Calendar,
            &live,
            Replace::Allowed,
        )
        .unwrap();
        std::fs::remove_dir(&gone).unwrap();
        let err = write_whole(&target, b"x").unwrap_err();
        assert_eq!(err.code(), ErrorCode::Io);
        assert!(err.to_string().contains("gone/feed.ics"), "{err}");

        // A failure while filling removes the temporary file.
        let target = chosen_target(&path, Kind::Calendar, &live, Replace::Allowed).unwrap();
        let err = save(&target, |temp| {
            std::fs::write(temp, b"half").unwrap();
            Err(Error::invalid("path", "stopped"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "stopped");
        assert_eq!(names(dir.path()), ["feed.ics"]);
        assert_eq!(std::fs::read(&path).unwrap(), b"BEGIN:VCALENDAR\r\n");
    }

    #[test]
    fn many_writers_to_one_path_leave_exactly_one_whole_version() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("cpweek.db");
        let path = dir.path().join("feed.ics");
        // Big enough that a torn write would show: each writer's bytes are
        // its own letter repeated.
        let versions: Vec<Vec<u8>> = (0..16u8).map(|i| vec![b'a' + i; 1 << 20]).collect();
        for _round in 0..3 {
            std::thread::scope(|s| {
                for bytes in &versions {
                    let target =
                        chosen_target(&path, Kind::Calendar, &live, Replace::Allowed).unwrap();
                    s.spawn(move || write_whole(&target, bytes).unwrap());
                }
            });
            let written = std::fs::read(&path).unwrap();
            assert!(
                versions.contains(&written),
                "the file is not one whole version ({} bytes, starting {:?})",
                written.len(),
                &written[..written.len().min(8)]
            );
            assert_eq!(names(dir.path()), ["feed.ics"]);
        }
    }
}
