use cpweek_core::attendance::RequestRole;
use cpweek_core::council::{Council, Region};
use cpweek_core::programme::{Programme, Term, Week};
use cpweek_core::store::AppStamp;
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
    pub programmes: Vec<ProgrammeView>,
    /// What a person may be asked to do, in the core's order
    /// ([`RequestRole::ALL`]), each named by the core ([`RequestRole::named`]):
    /// the ask form's choices and a request's page.
    pub request_roles: Vec<RequestRoleName>,
}

/// A request's role with its name for people, as the core words it.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct RequestRoleName {
    pub role: RequestRole,
    pub label: String,
}

/// A programme with its week labelled by the core: the days (with their
/// conference day), the week's dates and the hours of the timetable.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ProgrammeView {
    #[serde(flatten)]
    pub programme: Programme,
    pub week: Week,
}

impl From<Programme> for ProgrammeView {
    fn from(programme: Programme) -> Self {
        let week = programme.week();
        ProgrammeView { programme, week }
    }
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
        programmes: catalogue.programmes.into_iter().map(Into::into).collect(),
        request_roles: RequestRole::ALL
            .into_iter()
            .map(|role| RequestRoleName {
                role,
                label: role.named(),
            })
            .collect(),
    })
}

/// How many changes each part of what the window shows has had; the window
/// compares it on each move and every few seconds and loads again only the
/// parts that moved (here, in the CLI or in another window).
#[tauri::command(async)]
pub fn app_stamp(state: State<'_, AppState>) -> IpcResult<AppStamp> {
    Ok(state.store().app_stamp()?)
}
