//! The desktop app: a Tauri shell over cpweek-core. Commands live in
//! [`commands`], one module per screen's concern; this file only wires them.
//! The list of commands is their `#[tauri::command]` attributes: `build.rs`
//! reads them (`command_list.rs`) and writes the invoke handler.

mod commands;
mod dialog;
mod error;
mod state;

/// Starts the app window. Fails only when the database cannot be opened.
pub fn run() -> Result<(), Box<dyn std::error::Error>> {
    let state = state::AppState::open()?;
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .manage(commands::calendars::ChosenCalendar::default())
        .manage(commands::feeds::FeedServer::default())
        .manage(commands::packs::ChosenPack::default())
        // Every #[tauri::command] in commands/, listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs")))
        .run(tauri::generate_context!())?;
    Ok(())
}
