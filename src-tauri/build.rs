//! tauri-build, with the app's own commands declared so that each one is a
//! permission that a capability must grant (nothing is callable by default).
//! The commands are read from their `#[tauri::command]` attributes
//! (`command_list.rs`), the one list: the invoke handler `lib.rs` includes is
//! written here from it too.

use std::path::Path;

#[allow(dead_code)] // what only the tests use
mod command_list;

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/src/commands");
    println!("cargo:rerun-if-changed=src-tauri/command_list.rs");
    // The built window (`ui/dist`) is embedded by `generate_context!`: a new
    // build of it must rebuild the app, or the binary keeps the old window.
    println!("cargo:rerun-if-changed=ui/dist");
    let commands = command_list::scan(Path::new("src-tauri/src/commands"))
        .expect("read src-tauri/src/commands");
    assert!(
        !commands.is_empty(),
        "no #[tauri::command] found in src-tauri/src/commands"
    );

    let paths: Vec<String> = commands
        .iter()
        .map(|c| format!("    crate::commands::{}::{},\n", c.module, c.name))
        .collect();
    let handler = format!("tauri::generate_handler![\n{}]\n", paths.concat());
    let out = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    std::fs::write(Path::new(&out).join("invoke_handler.rs"), handler)
        .expect("write the invoke handler");

    // tauri-build keeps the names for the whole build.
    let names: &'static [&'static str] = Vec::leak(
        commands
            .into_iter()
            .map(|c| &*String::leak(c.name))
            .collect(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            // The package root is the repository root; capabilities live here.
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri-build failed");
}
