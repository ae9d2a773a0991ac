use cpweek_core::council::{Council, Region};
use cpweek_core::programme::{Programme, Term};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::IpcResult;
use crate::state::AppState;

#[derive(Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub database: String,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: state.store().path().display().to_string(),
    }
}

/// Everything the screens need to label and pick from, in one call.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ReferenceData {
    pub councils: Vec<Council>,
    pub regions: Vec<Region>,
    pub themes: Vec<Term>,
    pub audiences: Vec<Term>,
    pub programmes: Vec<Programme>,
}

#[tauri::command(async)]
pub fn reference_data(state: State<'_, AppState>) -> IpcResult<ReferenceData> {
    let store = state.store();
    let catalogue = store.catalogue()?;
    Ok(ReferenceData {
        councils: catalogue.councils,
        regions: store.regions()?,
        themes: catalogue.themes,
        audiences: catalogue.audiences,
        programmes: catalogue.programmes,
    })
}
