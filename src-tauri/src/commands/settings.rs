//! Settings and backing up. The back-up file is chosen in a native save
//! dialog opened here, in Rust, so the window never names a path.

use cpweek_core::event::EventForm;
use cpweek_core::file;
use cpweek_core::permission::Role;
use cpweek_core::store::{Screen, Settings, SettingsForm};
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
    /// Every role, in the core's order ([`Role::ALL`]), with its label
    /// ([`Role::label`]): the Settings screen's choices and the header.
    pub roles: Vec<RoleName>,
    /// A new event's form as it starts ([`Settings::new_event_form`]: led
    /// by the person's own council when the settings name one), the same
    /// start as `cpweek event add` without `--council`.
    pub new_event_form: EventForm,
}

/// A role with its label for people, as the core words it.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RoleName {
    pub role: Role,
    pub label: String,
}

impl SettingsView {
    fn of(store: &cpweek_core::Store, settings: Settings) -> Self {
        SettingsView {
            database: store.path().display().to_string(),
            new_event_form: settings.new_event_form(),
            settings,
            roles: Role::ALL
                .into_iter()
                .map(|role| RoleName {
                    role,
                    label: role.label().to_string(),
                })
                .collect(),
        }
    }
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> IpcResult<SettingsView> {
    let store = state.store();
    let settings = store.settings()?;
    Ok(SettingsView::of(&store, settings))
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, form: SettingsForm) -> IpcResult<SettingsView> {
    let mut store = state.store();
    let settings = store.save_settings(&form)?;
    Ok(SettingsView::of(&store, settings))
}

/// Keeps the section the person is on, so the app opens there next time.
#[tauri::command(async)]
pub fn remember_screen(state: State<'_, AppState>, screen: Screen) -> IpcResult<()> {
    Ok(state.store().remember_screen(screen)?)
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
    // The save dialog has asked about replacing an existing file.
    let target = file::chosen_target(&path, file::Kind::Database, &live, file::Replace::Allowed)?;
    state.store().back_up(&target)?;
    Ok(Some(target.path().display().to_string()))
}
