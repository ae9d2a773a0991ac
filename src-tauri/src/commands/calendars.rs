//! Importing a council's calendar file and exporting feeds as files. Files
//! are chosen in native dialogs opened here, in Rust, so the window never
//! names a path; the import file chosen is held here between its preview
//! and the person's confirmation, so what is imported is what was shown.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::Utc;
use cpweek_core::file;
use cpweek_core::ics::read::{self, Calendar};
use cpweek_core::ics::{Privacy, Scope};
use cpweek_core::store::{ExportStep, FaultyEvents, ImportMode, ImportReport};
use cpweek_core::{Error, Store};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::dialog::{ask_where_to_save, local_file, SaveDialog};
use crate::error::IpcResult;
use crate::state::AppState;

/// The calendar file chosen for import, read and parsed, awaiting the
/// person's confirmation.
#[derive(Default)]
pub struct ChosenCalendar(Mutex<Option<Chosen>>);

struct Chosen {
    file: PathBuf,
    calendar: Calendar,
}

impl ChosenCalendar {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Chosen>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What importing the chosen file would do: a dry run, nothing written.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    /// The file, as the person chose it.
    pub file: String,
    /// The calendar's own name (X-WR-CALNAME or NAME), if it has one.
    pub calendar_name: Option<String>,
    pub report: ImportReport,
}

/// Opens a file dialog, reads the calendar chosen and shows what importing
/// it as `council`'s events would do. Nothing when the dialog is cancelled.
/// A file that cannot be read fails with the line at fault.
#[tauri::command(async)]
pub fn choose_import_file(
    app: AppHandle,
    state: State<'_, AppState>,
    chosen: State<'_, ChosenCalendar>,
    council: String,
) -> IpcResult<Option<ImportPreview>> {
    // Name the council before the dialog, not after it.
    state
        .store()
        .catalogue()?
        .council(&council)
        .map_err(|m| Error::invalid("council", m))?;
    let picked = state.with_database_closed(|| {
        app.dialog()
            .file()
            .set_title("Choose a calendar file to import")
            .add_filter("iCalendar file", &["ics", "ical", "icalendar", "ifb"])
            .blocking_pick_file()
    })?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path = local_file(picked)?;
    *chosen.slot() = None;
    let calendar = read::read_file(&path)?;
    let preview = dry_run(&mut state.store(), &council, &path, &calendar)?;
    *chosen.slot() = Some(Chosen {
        file: path,
        calendar,
    });
    Ok(Some(preview))
}

/// The chosen file's dry run again, for another council.
#[tauri::command(async)]
pub fn preview_import(
    state: State<'_, AppState>,
    chosen: State<'_, ChosenCalendar>,
    council: String,
) -> IpcResult<ImportPreview> {
    let slot = chosen.slot();
    let Chosen { file, calendar } = slot.as_ref().ok_or_else(nothing_chosen)?;
    Ok(dry_run(&mut state.store(), &council, file, calendar)?)
}

/// Imports the chosen file as `council`'s events, in one transaction.
/// `faulty` is the person's answer when the preview listed faulty events:
/// import the others, or nothing.
#[tauri::command(async)]
pub fn confirm_import(
    state: State<'_, AppState>,
    chosen: State<'_, ChosenCalendar>,
    council: String,
    faulty: FaultyEvents,
) -> IpcResult<ImportReport> {
    let mut slot = chosen.slot();
    let Chosen { calendar, .. } = slot.as_ref().ok_or_else(nothing_chosen)?;
    let report =
        state
            .store()
            .import_ics(&council, calendar, ImportMode::Write, faulty, Utc::now())?;
    *slot = None;
    Ok(report)
}

fn dry_run(
    store: &mut Store,
    council: &str,
    file: &std::path::Path,
    calendar: &Calendar,
) -> cpweek_core::Result<ImportPreview> {
    // The preview lists every faulty event beside what the others would do.
    let report = store.import_ics(
        council,
        calendar,
        ImportMode::DryRun,
        FaultyEvents::LeaveOut,
        Utc::now(),
    )?;
    Ok(ImportPreview {
        file: file.display().to_string(),
        calendar_name: calendar.name.clone(),
        report,
    })
}

fn nothing_chosen() -> Error {
    Error::invalid("file", "choose a calendar file to import first")
}

/// A feed to export, as the Export screen asks for it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    pub scope: Scope,
    /// Programme id, e.g. "2014"; empty for the current programme.
    pub programme: String,
    pub privacy: Privacy,
}

/// A feed saved to a file.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ExportedFile {
    pub file: String,
    /// The calendar's name.
    pub name: String,
    pub events: usize,
}

/// Asks where to save the feed, then writes it there, reporting progress
/// over `progress`. Nothing when the dialog is cancelled.
#[tauri::command(async)]
pub fn export_feed(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
    progress: Channel<ExportStep>,
) -> IpcResult<Option<ExportedFile>> {
    let ExportRequest {
        scope,
        programme,
        privacy,
    } = request;
    // Refuse a scope that names nothing, or private events outside a
    // council's own copy, before asking for a file.
    let (live, file_name) = {
        let store = state.store();
        let file_name = store.feed_file_name(&scope, &programme, privacy)?;
        (store.path().to_path_buf(), file_name)
    };
    let dialog = SaveDialog {
        title: "Export a calendar file",
        filter: "iCalendar file",
        extensions: &["ics"],
        file_name,
    };
    let Some(chosen) = ask_where_to_save(&app, &state, dialog)? else {
        return Ok(None);
    };
    // The save dialog has asked about replacing an existing file.
    let target = file::chosen_target(&chosen, file::Kind::Calendar, &live, file::Replace::Allowed)?;
    let exported =
        state
            .store()
            .export_ics_to_file(&scope, &programme, privacy, &target, &mut |step| {
                // The window may have gone; the export goes on regardless.
                let _ = progress.send(step);
            })?;
    Ok(Some(ExportedFile {
        file: target.path().display().to_string(),
        name: exported.name,
        events: exported.events,
    }))
}
