//! The good-practice toolkit: its preview as it would be published now,
//! saving it as PDF, Word (DOCX) or HTML to a file chosen in a native save
//! dialog opened here, in Rust, with the core's progress over a channel,
//! and the LGA's introduction typed in the window. What the toolkit holds,
//! who may give the introduction and how each format is set are the
//! core's (`Store::toolkit_preview`, `cpweek_core::publish::toolkit`).

use std::path::Path;

use chrono::Utc;
use cpweek_core::file;
use cpweek_core::publish::toolkit::ToolkitFormat;
use cpweek_core::store::{ToolkitPreview, ToolkitStep};
use cpweek_core::Store;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::dialog::{ask_where_to_save, SaveDialog};
use crate::error::IpcResult;
use crate::state::AppState;

/// The toolkit saved to a file.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SavedToolkit {
    /// The file, as written (its extension added when it had none).
    pub file: String,
    pub format: ToolkitFormat,
    /// How many entries it holds.
    pub entries: usize,
}

/// The toolkit of `programme` (empty for the current one) as it would be
/// published now, with what it holds and how many entries are not in it
/// yet.
#[tauri::command(async)]
pub fn toolkit_preview(state: State<'_, AppState>, programme: String) -> IpcResult<ToolkitPreview> {
    Ok(state.store().toolkit_preview(&programme)?)
}

/// Asks where to save the toolkit in `format`, then writes it there,
/// reporting each step over `progress`. A toolkit with no published entry
/// is refused before the dialog opens; nothing is written when the dialog
/// is cancelled.
#[tauri::command(async)]
pub fn save_toolkit(
    app: AppHandle,
    state: State<'_, AppState>,
    programme: String,
    format: ToolkitFormat,
    progress: Channel<ToolkitStep>,
) -> IpcResult<Option<SavedToolkit>> {
    let file_name = state.store().toolkit_file_name(&programme, format)?;
    let (title, filter, extensions): (&str, &str, &[&str]) = match format {
        ToolkitFormat::Pdf => ("Save the toolkit as PDF", "PDF document", &["pdf"]),
        ToolkitFormat::Docx => (
            "Save the toolkit as a Word document",
            "Word document",
            &["docx"],
        ),
        ToolkitFormat::Html => ("Save the toolkit as HTML", "Web page", &["html"]),
    };
    let dialog = SaveDialog {
        title,
        filter,
        extensions,
        file_name,
    };
    let Some(chosen) = ask_where_to_save(&app, &state, dialog)? else {
        return Ok(None);
    };
    let saved = write(&state.store(), &programme, format, &chosen, &mut |step| {
        // The window may have gone; the toolkit is saved regardless.
        let _ = progress.send(step);
    })?;
    Ok(Some(saved))
}

/// Stores `markdown` as the introduction to `programme`'s toolkit (an LGA
/// officer's; every line checked by the core, each refusal naming its
/// line), and gives the toolkit as it now is.
#[tauri::command(async)]
pub fn set_toolkit_intro(
    state: State<'_, AppState>,
    programme: String,
    markdown: String,
) -> IpcResult<ToolkitPreview> {
    Ok(state
        .store()
        .set_toolkit_intro_typed(&programme, &markdown, Utc::now())?)
}

/// Writes the toolkit to the file chosen in the save dialog, which has
/// asked about replacing a file that exists (the core's one check of a
/// chosen file: never the live database, the extension added).
fn write(
    store: &Store,
    programme: &str,
    format: ToolkitFormat,
    chosen: &Path,
    progress: &mut dyn FnMut(ToolkitStep),
) -> cpweek_core::Result<SavedToolkit> {
    let target = file::chosen_target(chosen, format.kind(), store.path(), file::Replace::Allowed)?;
    let entries = store.save_toolkit_export_reporting(programme, format, &target, progress)?;
    Ok(SavedToolkit {
        file: target.path().display().to_string(),
        format,
        entries,
    })
}

#[cfg(test)]
#[path = "toolkit_tests.rs"]
mod tests;
