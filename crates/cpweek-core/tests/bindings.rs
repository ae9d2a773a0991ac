//! Every Rust type exported to TypeScript (`#[ts(export)]`, in any crate of
//! the workspace) has a name of its own: ts-rs writes each to
//! `ui/src/lib/bindings/NAME.ts`, so two types of one name would quietly
//! overwrite each other's file and the window would be typed against the
//! wrong one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !path
                .components()
                .any(|c| c.as_os_str() == "tests" || c.as_os_str() == "target")
        {
            out.push(path);
        }
    }
}

/// The names of the types marked `#[ts(export)]` in `text`: the name that
/// mark gives (`#[ts(export, rename = "Name")]`), or else the first
/// `struct` or `enum` after it.
fn exported(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[ts(export") {
        rest = &rest[at + 1..];
        let mark = &rest[..rest.find(")]").unwrap_or(rest.len())];
        if let Some(renamed) = mark.split("rename = \"").nth(1) {
            names.push(renamed[..renamed.find('"').unwrap_or(renamed.len())].to_string());
            continue;
        }
        let mut name = rest.split_whitespace().scan(false, |next, word| {
            let found = *next;
            *next = word == "struct" || word == "enum";
            Some((found, word))
        });
        if let Some((_, word)) = name.find(|(found, _)| *found) {
            let end = word
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(word.len());
            names.push(word[..end].to_string());
        }
    }
    names
}

#[test]
fn every_type_exported_to_typescript_has_a_name_of_its_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for name in exported(&text) {
            seen.entry(name).or_default().push(
                file.strip_prefix(&root)
                    .unwrap_or(file)
                    .display()
                    .to_string(),
            );
        }
    }
    assert!(seen.len() > 50, "found too few exported types: {seen:?}");
    let twice: Vec<_> = seen.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(
        twice.is_empty(),
        "types exported to TypeScript under the same name (one binding file would overwrite the other): {twice:?}"
    );
}

#[test]
fn the_scan_finds_a_name_after_its_attributes() {
    let text =
        "#[derive(Debug, TS)]\n#[ts(export)]\n#[serde(tag = \"kind\")]\npub enum DiaryEntry {\n";
    assert_eq!(exported(text), ["DiaryEntry"]);
    let generic = "#[ts(export)]\npub struct Page<T> {";
    assert_eq!(exported(generic), ["Page"]);
    let renamed = "#[ts(export, rename = \"DocumentTable\")]\npub struct Table {\n\
                   #[ts(export, rename_all = \"lowercase\")]\npub enum Depth {";
    assert_eq!(exported(renamed), ["DocumentTable", "Depth"]);
}
