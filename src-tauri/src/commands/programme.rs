//! The programme at a glance, for the Dashboard.

use cpweek_core::summary::ProgrammeSummary;
use tauri::State;

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
