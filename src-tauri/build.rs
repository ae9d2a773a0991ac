//! tauri-build, with the app's own commands declared so that each one is a
//! permission that a capability must grant (nothing is callable by default).

/// Every command in `src-tauri/src/commands/`; keep in step with
/// `lib.rs`'s `generate_handler!` and the capabilities.
const COMMANDS: &[&str] = &[
    "app_info",
    "reference_data",
    "list_events",
    "app_stamp",
    "get_event",
    "get_event_form",
    "add_event",
    "edit_event",
    "review_event",
    "programme_summary",
    "get_settings",
    "save_settings",
    "remember_screen",
    "back_up_now",
    "choose_import_file",
    "preview_import",
    "confirm_import",
    "export_feed",
    "feed_server_status",
    "start_feed_server",
    "stop_feed_server",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            // The package root is the repository root; capabilities live here.
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
