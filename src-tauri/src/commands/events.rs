use cpweek_core::event::Event;
use cpweek_core::store::EventFilter;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_events(state: State<'_, AppState>, filter: EventFilter) -> IpcResult<Vec<Event>> {
    Ok(state.store().events(&filter)?)
}
