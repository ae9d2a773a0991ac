//! Settings and backing up. The back-up file is chosen in a native save
//! dialog opened here, in Rust, so the window never names a path.

use std::path::{Path, PathBuf};

use cpweek_core::store::{Settings, SettingsForm};
use cpweek_core::Error;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::error::IpcResult;
use crate::state::AppState;

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SettingsView {
    /// Where the database is; set by `CPWEEK_DB` or the default location.
    pub database: String,
    pub settings: Settings,
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> IpcResult<SettingsView> {
    let store = state.store();
    Ok(SettingsView {
        database: store.path().display().to_string(),
        settings: store.settings()?,
    })
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, form: SettingsForm) -> IpcResult<SettingsView> {
    let mut store = state.store();
    let settings = store.save_settings(&form)?;
    Ok(SettingsView {
        database: store.path().display().to_string(),
        settings,
    })
}

/// Asks where to save a copy of the database and writes it there. Returns
/// the file written, or nothing when the person cancels the dialog.
#[tauri::command(async)]
pub fn back_up_now(app: AppHandle, state: State<'_, AppState>) -> IpcResult<Option<String>> {
    let live = state.store().path().to_path_buf();
    let chosen = state.with_database_closed(|| {
        app.dialog()
            .file()
            .set_title("Back up the database")
            .add_filter("cpweek database", &["db"])
            .set_file_name("cpweek-backup.db")
            .blocking_save_file()
    })?;
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(|_| {
        Error::invalid(
            "path",
            "the back-up must be saved to a file on this computer",
        )
    })?;
    let target = backup_target(&path, &live)?;
    state.store().back_up(&target)?;
    Ok(Some(target.display().to_string()))
}

/// Checks the file a back-up is written to: an absolute path in an existing
/// folder, not the live database, named `.db` (added if missing).
pub fn backup_target(chosen: &Path, live: &Path) -> Result<PathBuf, Error> {
    if !chosen.is_absolute() {
        return Err(Error::invalid(
            "path",
            format!(
                "{} is not a full path; choose a file in the dialog",
                chosen.display()
            ),
        ));
    }
    let target = match chosen.extension() {
        Some(ext) if ext == "db" => chosen.to_path_buf(),
        _ => {
            let mut name = chosen.as_os_str().to_owned();
            name.push(".db");
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
    if same(&target, live) {
        return Err(Error::invalid(
            "path",
            "that is the database in use; choose another file for the back-up",
        ));
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_up_target_adds_db_and_refuses_the_live_database_and_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("cpweek.db");
        std::fs::write(&live, b"").unwrap();

        let named = backup_target(&dir.path().join("copy"), &live).unwrap();
        assert_eq!(named, dir.path().join("copy.db"));
        assert_eq!(
            backup_target(&dir.path().join("copy.db"), &live).unwrap(),
            dir.path().join("copy.db")
        );

        let err = backup_target(&live, &live).unwrap_err();
        assert!(err.to_string().contains("database in use"), "{err}");
        let err = backup_target(&dir.path().join("nowhere/copy.db"), &live).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        let err = backup_target(Path::new("copy.db"), &live).unwrap_err();
        assert_eq!(err.code(), cpweek_core::ErrorCode::InvalidInput);
    }
}
