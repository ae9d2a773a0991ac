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
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Database => "db",
            Kind::Calendar => "ics",
        }
    }
}

/// Checks a path chosen in a save dialog: a full path in a folder that
/// exists, never the live database, with the kind's extension (added if
/// missing). Returns the file to write.
pub fn chosen_target(chosen: &Path, kind: Kind, live_database: &Path) -> Result<PathBuf> {
    if !chosen.is_absolute() {
        return Err(Error::invalid(
            "path",
            format!(
                "{} is not a full path; choose a file in the dialog",
                chosen.display()
            ),
        ));
    }
    let ext = kind.extension();
    let target = match chosen.extension() {
        Some(e) if e.eq_ignore_ascii_case(ext) => chosen.to_path_buf(),
        _ => {
            let mut name = chosen.as_os_str().to_owned();
            name.push(".");
            name.push(ext);
            PathBuf::from(name)
        }
    };
    if !target.parent().is_some_and(Path::is_dir) {
        return Err(Error::invalid(
            "path",
            format!("the folder for {} does not exist", target.display()),
        ));
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(&target, live_database) {
        return Err(Error::invalid(
            "path",
            "that is the database in use; choose another file",
        ));
    }
    Ok(target)
}

/// Writes a file whole or not at all: a temporary file beside it, then
/// renamed over it, so a reader never sees half a calendar.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        context: format!("writing {}", path.display()),
        source,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.partial"));
    std::fs::write(&temp, bytes).map_err(io)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn a_chosen_path_gets_its_extension_and_never_names_the_live_database() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("cpweek.db");
        std::fs::write(&live, b"").unwrap();

        let named = chosen_target(&dir.path().join("copy"), Kind::Database, &live).unwrap();
        assert_eq!(named, dir.path().join("copy.db"));
        assert_eq!(
            chosen_target(&dir.path().join("copy.db"), Kind::Database, &live).unwrap(),
            dir.path().join("copy.db")
        );
        assert_eq!(
            chosen_target(&dir.path().join("kent"), Kind::Calendar, &live).unwrap(),
            dir.path().join("kent.ics")
        );
        assert_eq!(
            chosen_target(&dir.path().join("Kent.ICS"), Kind::Calendar, &live).unwrap(),
            dir.path().join("Kent.ICS")
        );

        let err = chosen_target(&live, Kind::Database, &live).unwrap_err();
        assert!(err.to_string().contains("database in use"), "{err}");
        // "cpweek" + .db is the live database too.
        let err = chosen_target(&dir.path().join("cpweek"), Kind::Database, &live).unwrap_err();
        assert!(err.to_string().contains("database in use"), "{err}");
        let err =
            chosen_target(&dir.path().join("nowhere/copy.db"), Kind::Database, &live).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        let err = chosen_target(Path::new("copy.db"), Kind::Database, &live).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
    }

    #[test]
    fn a_whole_file_replaces_the_old_one_and_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.ics");
        std::fs::write(&path, b"old").unwrap();
        write_whole(&path, b"BEGIN:VCALENDAR\r\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"BEGIN:VCALENDAR\r\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("feed.ics")]);

        let err = write_whole(&dir.path().join("gone/feed.ics"), b"x").unwrap_err();
        assert_eq!(err.code(), ErrorCode::Io);
        assert!(err.to_string().contains("gone/feed.ics"), "{err}");
    }
}
