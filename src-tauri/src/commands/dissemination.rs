//! The good-practice toolkit's dissemination on the Dashboard: councils
//! with at least one published entry, region by region, the editions sent,
//! and a council organiser's own council. The figures, the sentences and
//! who sees what are the core's (`cpweek_core::dissemination`,
//! `Store::toolkit_dissemination`).

use cpweek_core::dissemination::Dissemination;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The toolkit's dissemination for `programme` (empty for the current
/// one), as the person in Settings sees it.
#[tauri::command(async)]
pub fn toolkit_dissemination(
    state: State<'_, AppState>,
    programme: String,
) -> IpcResult<Dissemination> {
    Ok(state.store().toolkit_dissemination(&programme)?)
}
