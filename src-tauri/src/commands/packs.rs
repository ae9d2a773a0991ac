//! Packs in the window: a council's submission or the LGA's reply saved
//! through the native save dialog; a pack chosen in the native open dialog,
//! its dry run shown record by record, then imported; and the conflicts
//! waiting for a choice. What a person may do, which pack they write and
//! how the screen words things are the core's (`Store::packs_page`,
//! `person_pack`, `pack_report_shown`); what an import does is
//! `Store::import_pack`.
//!
//! The pack chosen for the dry run is held here, with the digest of its
//! bytes (the token the window sends back): the import takes the bytes
//! that were shown, and only when the file still holds them.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use cpweek_core::file;
use cpweek_core::pack::report::PackReport;
use cpweek_core::pack::{read, sha256_hex, PackKind, Side};
use cpweek_core::store::{ImportMode, PacksPage};
use cpweek_core::{Error, Store};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::dialog::{ask_where_to_save, local_file, SaveDialog};
use crate::error::IpcResult;
use crate::state::AppState;

/// The pack chosen for import, held between its dry run and the person's
/// confirmation.
#[derive(Default)]
pub struct ChosenPack(Mutex<Option<Held>>);

/// A pack file as it was read for its dry run.
#[derive(Debug)]
pub(crate) struct Held {
    pub file: PathBuf,
    pub bytes: Vec<u8>,
    /// The digest of `bytes`: the token the window confirms with.
    pub digest: String,
}

impl ChosenPack {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Held>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What importing the chosen pack would do: a dry run, nothing written.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct PackPreview {
    /// Sent back to import exactly this pack.
    pub token: String,
    /// The file, as the person chose it.
    pub file: String,
    pub report: PackReport,
}

/// A pack saved to a file.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SavedPack {
    pub file: String,
    pub kind: PackKind,
    /// The council it is for or from, for people: `Kent (886)`.
    pub council: String,
    pub events: usize,
    /// How many ministerial requests it holds.
    pub requests: usize,
    /// What it holds, for people: "12 events and 3 ministerial requests".
    pub holds: String,
}

/// The Packs screen for the person in the settings.
#[tauri::command(async)]
pub fn packs_page(state: State<'_, AppState>) -> IpcResult<PacksPage> {
    Ok(state.store().packs_page()?)
}

/// Asks where to save the pack the person writes (a council organiser:
/// their council's submission; an LGA officer: the reply to `council`),
/// then writes it there. Nothing when the dialog is cancelled.
#[tauri::command(async)]
pub fn save_pack(
    app: AppHandle,
    state: State<'_, AppState>,
    council: String,
    programme: String,
) -> IpcResult<Option<SavedPack>> {
    let now = Utc::now();
    // Made, and so checked, before the dialog opens.
    let (made, live) = {
        let store = state.store();
        (
            store.person_pack(&council, &programme, now)?,
            store.path().to_path_buf(),
        )
    };
    let dialog = SaveDialog {
        title: "Save the pack",
        filter: "cpweek pack (JSON)",
        extensions: &["json"],
        file_name: made.file.suggested_name.clone(),
    };
    let Some(chosen) = ask_where_to_save(&app, &state, dialog)? else {
        return Ok(None);
    };
    // The save dialog has asked about replacing an existing file.
    let target = file::chosen_target(&chosen, file::Kind::Json, &live, file::Replace::Allowed)?;
    file::write_whole(&target, &made.file.bytes)?;
    Ok(Some(SavedPack {
        file: target.path().display().to_string(),
        kind: made.kind,
        council: made.council,
        events: made.file.events,
        requests: made.file.requests,
        holds: made.file.holds(),
    }))
}

/// Opens the native open dialog, reads the pack chosen and shows what
/// importing it would do. Nothing when the dialog is cancelled; a pack
/// refused whole fails with the core's message.
#[tauri::command(async)]
pub fn choose_pack(
    app: AppHandle,
    state: State<'_, AppState>,
    chosen: State<'_, ChosenPack>,
) -> IpcResult<Option<PackPreview>> {
    let picked = state.with_database_closed(|| {
        app.dialog()
            .file()
            .set_title("Choose a pack to import")
            .add_filter("cpweek pack (JSON)", &["json"])
            .blocking_pick_file()
    })?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path = local_file(picked)?;
    *chosen.slot() = None;
    let (held, preview) = dry_run(&mut state.store(), path, Utc::now())?;
    *chosen.slot() = Some(held);
    Ok(Some(preview))
}

/// Imports the pack whose dry run was shown (`token`), in one transaction.
#[tauri::command(async)]
pub fn import_chosen_pack(
    state: State<'_, AppState>,
    chosen: State<'_, ChosenPack>,
    token: String,
) -> IpcResult<PackReport> {
    let mut slot = chosen.slot();
    let held = slot.as_ref().ok_or_else(nothing_chosen)?;
    let report = import_held(&mut state.store(), held, &token, Utc::now());
    // Imported, or refused (the file changed, say): choose again. A token
    // from an older dry run leaves the pack chosen now in place.
    if held.digest == token {
        *slot = None;
    }
    Ok(report?)
}

/// What settling a conflict kept, for the window's banner.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SettledConflict {
    /// The event's title, or the request for people
    /// (`Edward Timpson MP to speak: Kent celebrates its care leavers`).
    pub title: String,
}

/// Settles conflict `id` (an event's, a ministerial request's or a practice entry's) by
/// keeping `keep`'s version.
#[tauri::command(async)]
pub fn settle_pack_conflict(
    state: State<'_, AppState>,
    id: i64,
    keep: Side,
) -> IpcResult<SettledConflict> {
    Ok(settle(&mut state.store(), id, keep, Utc::now())?)
}

pub(crate) fn settle(
    store: &mut Store,
    id: i64,
    keep: Side,
    now: DateTime<Utc>,
) -> cpweek_core::Result<SettledConflict> {
    let title = store.resolve_any_pack_conflict(id, keep, now)?.title();
    Ok(SettledConflict { title })
}

/// Reads the pack in `file` and imports it as a dry run; each change's
/// values worded for people by the core.
pub(crate) fn dry_run(
    store: &mut Store,
    file: PathBuf,
    now: DateTime<Utc>,
) -> cpweek_core::Result<(Held, PackPreview)> {
    let bytes = read::read_file(&file)?;
    let report = store.import_pack(&bytes, ImportMode::DryRun, now)?;
    let report = store.pack_report_shown(report)?;
    let digest = sha256_hex(&bytes);
    let preview = PackPreview {
        token: digest.clone(),
        file: file.display().to_string(),
        report,
    };
    Ok((
        Held {
            file,
            bytes,
            digest,
        },
        preview,
    ))
}

/// Imports the held pack when `token` is its digest and its file still
/// holds the same bytes.
pub(crate) fn import_held(
    store: &mut Store,
    held: &Held,
    token: &str,
    now: DateTime<Utc>,
) -> cpweek_core::Result<PackReport> {
    if token != held.digest {
        return Err(Error::Conflict(
            "the pack shown is not the pack chosen now: check the changes shown for it and import again"
                .into(),
        ));
    }
    if !unchanged(&held.file, &held.digest) {
        return Err(Error::Conflict(format!(
            "{} has changed since its changes were shown; nothing was imported: choose it again to see what it would do now",
            held.file.display()
        )));
    }
    store.import_pack(&held.bytes, ImportMode::Write, now)
}

/// Whether `file` still holds the bytes whose digest is `digest`.
fn unchanged(file: &Path, digest: &str) -> bool {
    read::read_file(file).is_ok_and(|bytes| sha256_hex(&bytes) == digest)
}

fn nothing_chosen() -> Error {
    Error::invalid("file", "choose a pack to import first")
}

#[cfg(test)]
#[path = "packs_tests.rs"]
mod tests;
