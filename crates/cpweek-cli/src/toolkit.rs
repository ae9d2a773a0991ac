//! `cpweek toolkit`: the good-practice toolkit. `intro` stores the LGA's
//! introduction (an LGA officer's), `export` writes the toolkit of
//! published entries as a PDF, a Word document or an HTML file. The rules
//! are the core's (`publish::toolkit`, `document::toolkit`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Subcommand;
use cpweek_core::publish::toolkit::ToolkitFormat;
use cpweek_core::store::Store;
use cpweek_core::Error;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum ToolkitCommand {
    /// Give the toolkit's introduction (an LGA officer's): Markdown with
    /// paragraphs, # and ## headings, bulleted lists and emphasis
    Intro {
        /// The introduction, as a Markdown file
        #[arg(long, value_name = "TEXT.md")]
        file: PathBuf,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
        programme: String,
    },
    /// Write the toolkit of published case studies as a PDF, a Word
    /// document or an HTML file
    Export {
        /// pdf, docx or html
        #[arg(long, value_name = "pdf|docx|html")]
        format: String,
        /// The file to write
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
        /// Programme id, e.g. 2014 [default: the current programme]
        #[arg(long, value_name = "ID", default_value = "", hide_default_value = true)]
        programme: String,
    },
    /// Record that councils were sent an edition of the toolkit (LGA
    /// officers), or list what was sent (--list)
    Sent(crate::toolkit_sent::SentArgs),
}

impl ToolkitCommand {
    /// Whether the command writes to the database.
    pub fn writes(&self) -> bool {
        match self {
            ToolkitCommand::Intro { .. } => true,
            ToolkitCommand::Export { .. } => false,
            ToolkitCommand::Sent(args) => !args.list,
        }
    }
}

pub fn run(
    store: &mut Store,
    command: ToolkitCommand,
    database: &Path,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    match command {
        ToolkitCommand::Sent(args) => crate::toolkit_sent::run(store, args, now),
        ToolkitCommand::Intro { file, programme } => {
            if file.is_dir() {
                return Err(Error::invalid(
                    "file",
                    format!(
                        "{} is a folder; give the introduction's Markdown file",
                        output::shown(&file.display().to_string())
                    ),
                ));
            }
            let markdown = std::fs::read_to_string(&file).map_err(|e| {
                Error::invalid(
                    "file",
                    format!(
                        "{} could not be read as UTF-8 text: {e}",
                        output::shown(&file.display().to_string())
                    ),
                )
            })?;
            let blocks = store.set_toolkit_intro(&programme, &markdown, now)?;
            eprintln!(
                "Stored the toolkit's introduction ({blocks} {}).",
                if blocks == 1 { "block" } else { "blocks" }
            );
            Ok(())
        }
        ToolkitCommand::Export {
            format,
            output: path,
            force,
            programme,
        } => {
            let format = ToolkitFormat::from_input(&format)?;
            // Refuse an unknown programme or an empty toolkit before the
            // file is looked at, so the message says what is wrong first.
            store.published_toolkit(&programme).and_then(|t| {
                if t.entries.is_empty() {
                    cpweek_core::publish::toolkit::export(&t, format).map(|_| ())
                } else {
                    Ok(())
                }
            })?;
            let target = output::chosen_file(&path, format.kind(), database, force)?;
            let entries = store
                .save_toolkit_export(&programme, format, &target)
                .map_err(output::name_force)?;
            eprintln!(
                "Wrote the toolkit ({entries} {}) to {}.",
                if entries == 1 {
                    "case study"
                } else {
                    "case studies"
                },
                output::shown(&target.path().display().to_string())
            );
            Ok(())
        }
    }
}
