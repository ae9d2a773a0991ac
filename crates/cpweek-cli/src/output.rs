//! Printing: JSON for scripts, aligned text for people, errors on stderr.

use cpweek_core::Error;
use serde::Serialize;

pub(crate) fn json<T: Serialize + ?Sized>(value: &T) {
    // Serialising our own plain data types cannot fail.
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("JSON of plain data")
    );
}

/// One line per problem: each field error on its own line.
pub(crate) fn print_error(error: &Error) {
    match error {
        Error::Invalid(fields) => {
            for f in fields {
                eprintln!("error: {}", f.message);
            }
        }
        other => eprintln!("error: {other}"),
    }
}

pub(crate) fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// Prints rows as left-aligned columns under a header.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
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
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
