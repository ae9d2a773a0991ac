//! The desktop app: a Tauri shell over cpweek-core. Commands live in
//! [`commands`], one module per screen's concern; this file only wires them.

mod commands;
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
        .invoke_handler(tauri::generate_handler![
            commands::reference::app_info,
            commands::reference::reference_data,
            commands::events::list_events,
            commands::reference::app_stamp,
            commands::events::get_event,
            commands::events::get_event_form,
            commands::events::add_event,
            commands::events::edit_event,
            commands::events::review_event,
            commands::programme::programme_summary,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::remember_screen,
            commands::settings::back_up_now,
            commands::calendars::choose_import_file,
            commands::calendars::preview_import,
            commands::calendars::confirm_import,
            commands::calendars::export_feed,
            commands::feeds::feed_server_status,
            commands::feeds::start_feed_server,
            commands::feeds::stop_feed_server,
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}
