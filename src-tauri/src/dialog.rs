//! Asking where to save a file: the native save dialog, opened in Rust so
//! the window never names a path, with the database closed while it is open
//! ([`AppState::with_database_closed`]). The dialog asks about replacing a
//! file that exists; the core then checks the chosen file
//! (`cpweek_core::file::chosen_target`).

use std::path::PathBuf;

use cpweek_core::Error;
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::state::AppState;

/// What the save dialog shows.
pub struct SaveDialog<'a> {
    pub title: &'a str,
    /// The file type's name, e.g. "PDF document", and its extensions.
    pub filter: &'a str,
    pub extensions: &'a [&'a str],
    /// The file name it suggests.
    pub file_name: String,
}

/// The file the person chose in the save dialog, or `None` when they
/// cancelled it.
pub fn ask_where_to_save(
    app: &AppHandle,
    state: &AppState,
    dialog: SaveDialog,
) -> cpweek_core::Result<Option<PathBuf>> {
    let picked = state.with_database_closed(|| {
        app.dialog()
            .file()
            .set_title(dialog.title)
            .add_filter(dialog.filter, dialog.extensions)
            .set_file_name(dialog.file_name)
            .blocking_save_file()
    })?;
    picked.map(local_file).transpose()
}

/// A chosen file as a path on this computer (a dialog may offer others).
pub fn local_file(picked: FilePath) -> cpweek_core::Result<PathBuf> {
    picked
        .into_path()
        .map_err(|_| Error::invalid("file", "choose a file on this computer"))
}
