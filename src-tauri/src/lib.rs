//! The desktop app: a Tauri shell over cpweek-core. Commands live in
//! [`commands`], one module per screen's concern; this file only wires them.

mod commands;
mod error;
mod state;

/// Starts the app window. Fails only when the database cannot be opened.
pub fn run() -> Result<(), Box<dyn std::error::Error>> {
    let state = state::AppState::open()?;
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::reference::app_info,
            commands::reference::reference_data,
            commands::events::list_events,
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}
