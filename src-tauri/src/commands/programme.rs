//! The programme: its figures at a glance, for the Dashboard; and the
//! published programme as the public will see it, previewed and saved in
//! any of its formats to a file chosen in a native save dialog opened
//! here, in Rust, as the briefing note and the calendar export are. What is
//! published, and how it is set, are the core's
//! (`cpweek_core::publish::programme`).

use std::path::Path;

use cpweek_core::file;
use cpweek_core::publish::programme::{Edition, ProgrammeFormat};
use cpweek_core::store::{ProgrammePreview, ProgrammeStep};
use cpweek_core::summary::ProgrammeSummary;
use cpweek_core::Store;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::dialog::{ask_where_to_save, SaveDialog};
use crate::error::IpcResult;
use crate::state::AppState;

/// The Dashboard's figures for `programme` (empty for the current one); the
/// core decides what counts (`cpweek_core::summary`).
#[tauri::command(async)]
pub fn programme_summary(
    state: State<'_, AppState>,
    programme: String,
) -> IpcResult<ProgrammeSummary> {
    Ok(state.store().programme_summary(&programme)?)
}

/// The published programme saved to a file.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SavedProgramme {
    /// The file, as written (its extension added when it had none).
    pub file: String,
    pub format: ProgrammeFormat,
    /// How many events it holds.
    pub events: usize,
}

/// The published programme of `programme` (empty for the current one) in
/// `edition` (the live programme or a numbered release; the core refuses
/// a release that was never made) as the window draws it, with what it
/// holds and what it leaves out.
#[tauri::command(async)]
pub fn programme_preview(
    state: State<'_, AppState>,
    programme: String,
    edition: Edition,
) -> IpcResult<ProgrammePreview> {
    Ok(state.store().programme_preview(&programme, edition)?)
}

/// Asks where to save the published programme in `edition` and `format`,
/// then writes it there, reporting each step over `progress`. Nothing is
/// written when the dialog is cancelled.
#[tauri::command(async)]
pub fn save_programme(
    app: AppHandle,
    state: State<'_, AppState>,
    programme: String,
    edition: Edition,
    format: ProgrammeFormat,
    progress: Channel<ProgrammeStep>,
) -> IpcResult<Option<SavedProgramme>> {
    // Refuse a programme or a release that is not there before asking for
    // a file.
    let file_name = state
        .store()
        .programme_file_name(&programme, edition, format)?;
    let (title, filter, extensions): (&str, &str, &[&str]) = match format {
        ProgrammeFormat::Html => ("Save the programme as HTML", "Web page", &["html"]),
        ProgrammeFormat::Pdf => ("Save the programme as PDF", "PDF document", &["pdf"]),
        ProgrammeFormat::Csv => ("Save the programme as CSV", "CSV spreadsheet", &["csv"]),
        ProgrammeFormat::Json => (
            "Save the programme as schedule JSON",
            "Schedule JSON",
            &["json"],
        ),
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
    let saved = write(
        &state.store(),
        &programme,
        edition,
        format,
        &chosen,
        &mut |step| {
            // The window may have gone; the programme is saved regardless.
            let _ = progress.send(step);
        },
    )?;
    Ok(Some(saved))
}

/// Writes the programme to the file chosen in the save dialog, which has
/// asked about replacing a file that exists (the core's one check of a
/// chosen file: never the live database, the extension added).
fn write(
    store: &Store,
    programme: &str,
    edition: Edition,
    format: ProgrammeFormat,
    chosen: &Path,
    progress: &mut dyn FnMut(ProgrammeStep),
) -> cpweek_core::Result<SavedProgramme> {
    let target = file::chosen_target(chosen, format.kind(), store.path(), file::Replace::Allowed)?;
    let events =
        store.save_programme_export_reporting(programme, edition, format, &target, progress)?;
    Ok(SavedProgramme {
        file: target.path().display().to_string(),
        format,
        events,
    })
}

#[cfg(test)]
#[path = "programme_tests.rs"]
mod tests;
