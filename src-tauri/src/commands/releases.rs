//! Numbered releases of the published programme in the window: the list
//! of releases, each with its changes since the one before, and making the
//! next one. Who may make one, what a release holds and when one is
//! refused (nothing changed) are the core's
//! (`cpweek_core::store::Store::make_release`).

use chrono::Utc;
use cpweek_core::publish::programme::release::ReleaseChanges;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// `programme`'s releases (empty for the current programme), oldest first,
/// each with what changed since the one before (the first against an
/// empty programme).
#[tauri::command(async)]
pub fn programme_releases(
    state: State<'_, AppState>,
    programme: String,
) -> IpcResult<Vec<ReleaseChanges>> {
    Ok(state.store().release_changes(&programme, None)?)
}

/// Makes the next numbered release of `programme` with `note` (none or
/// blank: no note), as the person in the settings, now.
#[tauri::command(async)]
pub fn make_release(
    state: State<'_, AppState>,
    programme: String,
    note: Option<String>,
) -> IpcResult<ReleaseChanges> {
    Ok(state
        .store()
        .make_release(&programme, note.as_deref(), Utc::now())?)
}

#[cfg(test)]
#[path = "releases_tests.rs"]
mod tests;
