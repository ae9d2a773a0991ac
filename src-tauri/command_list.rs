//! The one list of the window's commands: every `#[tauri::command]` in
//! `src-tauri/src/commands/`, read from the source. `build.rs` makes the
//! invoke handler and the app manifest from it; the desktop crate's tests
//! hold the capability file and `ui/src/lib/api.ts` to it and write the
//! TypeScript list of command names (`ui/src/lib/bindings/commands.ts`).
//! Plain `std` only, as it is compiled into the build script too.

use std::path::Path;

/// A command: the module (file) under `commands/` and the function's name,
/// which is also the name the window invokes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub module: String,
    pub name: String,
}

impl Command {
    /// The permission a capability grants to allow it: `allow-list-events`.
    pub fn permission(&self) -> String {
        format!("allow-{}", self.name.replace('_', "-"))
    }
}

/// Every command defined in the `.rs` files of `dir`, in file-name order
/// and then in source order. A `#[tauri::command]` attribute names the
/// next `fn` as a command; files named `*_tests.rs` are passed over.
pub fn scan(dir: &Path) -> std::io::Result<Vec<Command>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        // Test modules (`*_tests.rs`) quote attributes in their strings.
        .filter(|p| {
            !p.file_stem()
                .is_some_and(|s| s.to_string_lossy().ends_with("_tests"))
        })
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for file in files {
        let module = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = std::fs::read_to_string(&file)?;
        commands.extend(commands_in(&source).into_iter().map(|name| Command {
            module: module.clone(),
            name,
        }));
    }
    Ok(commands)
}

/// The names of the functions marked `#[tauri::command]` in `source`.
pub fn commands_in(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut marked = false;
    for line in source.lines().map(str::trim) {
        if line.starts_with("#[tauri::command") && line.ends_with(']') {
            marked = true;
            continue;
        }
        if !marked {
            continue;
        }
        if let Some(at) = find_fn(line) {
            let name: String = line[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
            marked = false;
        }
    }
    names
}

/// Where the name starts in a line declaring a function (`pub fn x(`,
/// `pub async fn x(`), if it does.
fn find_fn(line: &str) -> Option<usize> {
    let words = ["pub fn ", "pub async fn ", "fn ", "async fn "];
    words.iter().find(|w| line.starts_with(*w)).map(|w| w.len())
}
