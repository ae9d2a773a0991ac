//! A folder of published files (the static site) written to disk: each
//! file whole or not at all (a temporary file in the same folder, then
//! renamed over it), a file whose bytes are unchanged left untouched (its
//! modification time too, so caches and sync tools see no change), and the
//! files the site no longer has removed from the folders that belong to it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

/// A file to write: its path under the folder (`feeds/council/886.ics`,
/// folders separated by `/`) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct FolderFile<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// What writing the folder did, each file by its path under the folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FolderReport {
    /// New files and files whose bytes changed.
    pub written: Vec<String>,
    /// Files whose bytes were already the same: left untouched.
    pub unchanged: Vec<String>,
    /// Files the site no longer has, removed from the folders it owns.
    pub removed: Vec<String>,
}

fn io(context: String) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { context, source }
}

/// Whether `path` is a plain relative path of the site's own making:
/// lower-case ASCII letters, digits, `-`, `_` and `.` between `/`s, no
/// empty, hidden, `.` or `..` step.
fn is_site_path(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|step| {
            !step.is_empty()
                && !step.starts_with('.')
                && step
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        })
}

/// Writes `files` into `dir` (made if missing, with the folders it needs),
/// in their order; then removes, from the folders named in `owned` (each a
/// path under `dir`), every file that is not one of `files`. Nothing is
/// written where it would replace `live_database`, or a folder.
pub fn write(
    dir: &Path,
    files: &[FolderFile],
    owned: &[&str],
    live_database: &Path,
) -> Result<FolderReport> {
    if let Some(bad) = files.iter().find(|f| !is_site_path(f.path)) {
        return Err(Error::invalid(
            "path",
            format!("{} is not a path inside the site's folder", bad.path),
        ));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::invalid(
            "dir",
            format!(
                "{} is not a folder; give a folder for the site",
                dir.display()
            ),
        ));
    }
    std::fs::create_dir_all(dir).map_err(io(format!("making the folder {}", dir.display())))?;
    let database = live_database.canonicalize().ok();
    // Checked before anything is written.
    for f in files {
        let full = dir.join(f.path);
        if full.is_dir() {
            return Err(Error::invalid(
                "dir",
                format!("{} is a folder where the site has a file", full.display()),
            ));
        }
        if database.is_some() && full.canonicalize().ok() == database {
            return Err(Error::invalid(
                "dir",
                format!(
                    "{} is the database in use; choose another folder for the site",
                    full.display()
                ),
            ));
        }
    }
    let mut report = FolderReport::default();
    for f in files {
        let full = dir.join(f.path);
        if same_bytes(&full, f.bytes) {
            report.unchanged.push(f.path.to_string());
        } else {
            replace(&full, f.bytes)?;
            report.written.push(f.path.to_string());
        }
    }
    let kept: HashSet<PathBuf> = files.iter().map(|f| dir.join(f.path)).collect();
    for folder in owned {
        let mut gone = Vec::new();
        stale(&dir.join(folder), &kept, &mut gone)?;
        gone.sort();
        for path in gone {
            std::fs::remove_file(&path).map_err(io(format!("removing {}", path.display())))?;
            let shown = path.strip_prefix(dir).unwrap_or(&path);
            report
                .removed
                .push(shown.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(report)
}

/// Whether `path` is a plain file holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match path.symlink_metadata() {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Writes `bytes` to a new temporary file beside `path` and renames it over
/// `path`: a reader (or a web server) never sees half a file, and a failure
/// leaves the old file and no temporary one.
fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .map_err(io(format!("making the folder {}", folder.display())))?;
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
        // As a plain new file gets (0666 less the umask), so that a web
        // server can read it.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let context = || format!("writing {}", path.display());
    let temp = builder
        .tempfile_in(folder)
        .map_err(io(context()))?
        .into_temp_path();
    std::fs::write(&temp, bytes).map_err(io(context()))?;
    temp.persist(path).map_err(|e| io(context())(e.error))?;
    Ok(())
}

/// Every file under `folder` (following no link) that is not in `kept`:
/// the site's files it no longer has, and temporary files left by a write
/// that was stopped.
fn stale(folder: &Path, kept: &HashSet<PathBuf>, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(format!("reading the folder {}", folder.display()))(e)),
    };
    for entry in entries {
        let entry = entry.map_err(io(format!("reading the folder {}", folder.display())))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(io(format!("reading {}", path.display())))?;
        if kind.is_dir() {
            stale(&path, kept, out)?;
        } else if !kept.contains(&path) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "folder_tests.rs"]
mod tests;
