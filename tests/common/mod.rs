//! Shared by the integration tests: a temporary database driven through the
//! real `cpweek` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Db {
    /// A new database with the seeds loaded.
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cpweek.db");
        let db = Db { dir, path };
        db.ok(&["init"]);
        db
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_cpweek"))
            .arg("--db")
            .arg(&self.path)
            .args(args)
            .env_remove("CPWEEK_DB")
            .output()
            .expect("run cpweek")
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "cpweek {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    /// Every event of a programme, as `event list --json` gives them.
    pub fn events(&self, programme: &str) -> Vec<Value> {
        self.json(&["event", "list", "--programme", programme, "--json"])
            .as_array()
            .unwrap()
            .clone()
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The repository's top folder (these tests belong to crates/cpweek-cli).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/ics")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Runs a poppler tool on a file and gives its output; fails (never
/// skips) when poppler-utils is missing.
pub fn poppler(tool: &str, args: &[&str], path: &Path) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().unwrap_or_else(|e| {
        panic!("{tool} is needed ({e}): run `scripts/setup test` (poppler-utils)")
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Fails unless `pdffonts` lists at least one font and every font in the
/// PDF is embedded.
pub fn assert_fonts_embedded(pdf: &Path) {
    let fonts = poppler("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // name type encoding emb sub uni object ID: "emb" is the 5th from the end.
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "a font not embedded: {row}");
    }
}
