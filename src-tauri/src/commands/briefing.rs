//! Briefing notes for accepted engagements: the preview the window draws,
//! and saving the note as PDF or HTML to a file chosen in a native save
//! dialog opened here, in Rust, as the calendar export does. Which requests
//! have a note, what it says and how it is set are the core's.

use std::path::Path;

use chrono::{DateTime, Utc};
use cpweek_core::document::Preview;
use cpweek_core::file;
use cpweek_core::store::{DocumentStep, Format};
use cpweek_core::Store;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::dialog::{ask_where_to_save, SaveDialog};
use crate::error::IpcResult;
use crate::state::AppState;

/// A document saved to a file.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SavedDocument {
    /// The file, as written (its extension added when it had none).
    pub file: String,
    pub format: Format,
}

/// The briefing note for request `id` as the window draws it. Refused for
/// a request that is not an accepted or held engagement.
#[tauri::command(async)]
pub fn briefing_preview(state: State<'_, AppState>, id: i64) -> IpcResult<Preview> {
    Ok(preview(&state.store(), id, Utc::now())?)
}

/// Asks where to save request `id`'s briefing note in `format`, then
/// writes it there, reporting each step over `progress`. Nothing is asked
/// or written for a request with no note, and nothing is written when the
/// dialog is cancelled.
#[tauri::command(async)]
pub fn save_briefing(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    format: Format,
    progress: Channel<DocumentStep>,
) -> IpcResult<Option<SavedDocument>> {
    // Refuse a request with no note before asking for a file.
    let file_name = state.store().briefing_file_name(id, format)?;
    let (title, filter, extensions): (&str, &str, &[&str]) = match format {
        Format::Pdf => ("Save the briefing note as PDF", "PDF document", &["pdf"]),
        Format::Html => ("Save the briefing note as HTML", "Web page", &["html"]),
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
        id,
        format,
        &chosen,
        Utc::now(),
        &mut |step| {
            // The window may have gone; the note is saved regardless.
            let _ = progress.send(step);
        },
    )?;
    Ok(Some(saved))
}

fn preview(store: &Store, id: i64, now: DateTime<Utc>) -> cpweek_core::Result<Preview> {
    Ok(store.briefing_document(id, now)?.preview())
}

/// Writes the note to the file chosen in the save dialog, which has asked
/// about replacing a file that exists (the core's one check of a chosen
/// file: never the live database, the extension added).
fn write(
    store: &Store,
    id: i64,
    format: Format,
    chosen: &Path,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(DocumentStep),
) -> cpweek_core::Result<SavedDocument> {
    let target = file::chosen_target(chosen, format.kind(), store.path(), file::Replace::Allowed)?;
    store.save_briefing_reporting(id, format, &target, now, progress)?;
    Ok(SavedDocument {
        file: target.path().display().to_string(),
        format,
    })
}

#[cfg(test)]
#[path = "briefing_tests.rs"]
mod tests;
