//! Printing: JSON for scripts, aligned text for people, errors on stderr.
//! Text for people never carries a raw control character from input or
//! the store: [`shown`] writes each as an escape (`\r`, `\n`, `\u{1b}`),
//! so nothing typed or imported can move the cursor, recolour the
//! terminal or fake another line. JSON escapes them itself.

use cpweek_core::{file, Error};
use serde::Serialize;

pub(crate) use cpweek_core::text::shown;

/// The file `-o` names, checked by the core ([`file::chosen_target`]): an
/// existing file is replaced only with `--force`, and the error says so.
pub(crate) fn chosen_file(
    path: &std::path::Path,
    kind: file::Kind,
    live: &std::path::Path,
    force: bool,
) -> Result<file::Target, Error> {
    let replace = if force {
        file::Replace::Allowed
    } else {
        file::Replace::Refused
    };
    file::chosen_target(path, kind, live, replace).map_err(name_force)
}

/// An existing output file is replaced only with `--force`: say so.
pub(crate) fn name_force(e: Error) -> Error {
    match e {
        Error::Exists { path } => Error::invalid(
            "output",
            format!("{path} already exists; add --force to replace it"),
        ),
        other => other,
    }
}

/// Writes `bytes` to standard output (a calendar with no `-o`).
pub(crate) fn to_stdout(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|source| Error::Io {
            context: "writing to standard output".into(),
            source,
        })
}

pub(crate) fn json<T: Serialize + ?Sized>(value: &T) {
    // Serialising our own plain data types cannot fail.
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("JSON of plain data")
    );
}

/// One line per problem: each field error on its own line.
pub(crate) fn print_error(error: &Error) {
    for line in error_lines(error) {
        eprintln!("{line}");
    }
}

/// The `error:` lines for `error`, each one line whatever it quotes.
fn error_lines(error: &Error) -> Vec<String> {
    match error {
        Error::Invalid(fields) => fields
            .iter()
            .map(|f| format!("error: {}", shown(&f.message)))
            .collect(),
        other => vec![format!("error: {}", shown(&other.to_string()))],
    }
}

/// A usage error from clap, with every value the person typed shown
/// escaped (clap would print them raw), then exits as clap does.
pub(crate) fn usage_error(mut error: clap::Error) -> ! {
    use clap::error::ContextValue;
    let typed: Vec<_> = error
        .context()
        .filter_map(|(kind, value)| {
            let escaped = match value {
                ContextValue::String(s) => ContextValue::String(shown(s).into_owned()),
                ContextValue::Strings(v) => {
                    ContextValue::Strings(v.iter().map(|s| shown(s).into_owned()).collect())
                }
                _ => return None,
            };
            Some((kind, escaped))
        })
        .collect();
    for (kind, value) in typed {
        error.insert(kind, value);
    }
    error.exit()
}

/// Multi-line text (a description, an address) with its line breaks kept,
/// each line after the first indented by `indent` spaces, and every other
/// hidden character escaped.
pub(crate) fn shown_lines(text: &str, indent: usize) -> String {
    text.split('\n')
        .map(|l| shown(l).into_owned())
        .collect::<Vec<_>>()
        .join(&format!("\n{:indent$}", ""))
}

/// What an action did to other records (requests withdrawn or moved with
/// their event), on stderr so that `--json` output stays one document.
pub(crate) fn notices(notices: &[String]) {
    for n in notices {
        eprintln!("note: {}", shown(n));
    }
}

pub(crate) fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {}", shown(w));
    }
}

/// Prints rows as left-aligned columns under a header.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| shown(c).into_owned()).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len() - 1;
        let text: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.to_string()
                } else {
                    format!("{c:<width$}", width = widths[i])
                }
            })
            .collect();
        println!("{}", text.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in &rows {
        line(row.iter().map(String::as_str).collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpweek_core::FieldError;

    #[test]
    fn error_lines_never_carry_a_control_character() {
        let lines = error_lines(&Error::Invalid(vec![
            FieldError::new("council", "council \"Kent\r\nerror: fake\" is not known"),
            FieldError::new("venue", "venue \u{1b}[2J"),
        ]));
        assert_eq!(
            lines,
            [
                "error: council \"Kent\\r\\nerror: fake\" is not known",
                "error: venue \\u{1b}[2J"
            ]
        );
        let lines = error_lines(&Error::Conflict("event 1: \u{9b}31m".into()));
        assert_eq!(lines, ["error: event 1: \\u{9b}31m"]);
    }

    #[test]
    fn multi_line_text_keeps_its_lines_only() {
        assert_eq!(
            shown_lines("One\nTwo\r\u{1b}[2J", 4),
            "One\n    Two\\r\\u{1b}[2J"
        );
    }
}
