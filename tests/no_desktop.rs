//! `cpweek serve` belongs on a server with no display: the CLI's dependency
//! tree must hold nothing of the desktop stack (Tauri, GTK, WebKit), so that
//! `cargo install --locked --path crates/cpweek-cli` works on a machine
//! without them and without the UI built.

mod common;

use std::process::Command;

/// Crate names that would need GTK, WebKit or a window to build.
const DESKTOP: &[&str] = &[
    "tauri",
    "tauri-build",
    "wry",
    "tao",
    "gtk",
    "gdk",
    "webkit2gtk",
    "javascriptcore-rs",
    "soup3",
    "glib",
    "cairo-rs",
];

#[test]
fn the_cli_depends_on_nothing_of_the_desktop() {
    let out = Command::new(env!("CARGO"))
        .current_dir(common::repo())
        .args([
            "tree",
            "--package",
            "cpweek-cli",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--locked",
        ])
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        names.contains(&"cpweek-core") && names.contains(&"axum"),
        "the tree lists the CLI's real dependencies:\n{tree}"
    );
    let desktop: Vec<&&str> = names
        .iter()
        .filter(|n| DESKTOP.contains(n) || n.starts_with("tauri") || n.starts_with("gtk"))
        .collect();
    assert!(
        desktop.is_empty(),
        "the CLI depends on desktop crates {desktop:?}:\n{tree}"
    );
}
