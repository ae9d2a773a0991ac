//! Documents people read and print: briefing notes (issue 9), the programme
//! (issue 10) and the good-practice toolkit (issue 11) are all written in
//! one small model, [`Document`], and made into one self-contained HTML
//! file ([`html`]) or a tagged PDF ([`pdf`]).
//!
//! Every piece of text in a document is plain text: nothing a person typed
//! is ever read as markup, in either output. HTML goes through the core's
//! one rule ([`crate::publish::escape::html`]); the PDF's template receives
//! the text as JSON data and places it as strings (see [`pdf`]).
//!
//! Numbered paragraphs are numbered here, once ([`Document::numbers`]), so
//! the two outputs always agree.
//!
//! - [`html()`]: the HTML file.
//! - [`pdf()`]: the PDF (Typst, with its embedded fonts).
//! - [`briefing`]: the briefing note for an accepted engagement.
//! - [`report`]: the week's ministerial report as a board paper.
//! - [`programme`]: the national programme, by day and region.
//! - [`docx()`]: the Word document (`docx-rs`), with real heading styles.
//! - [`toolkit`]: the good-practice toolkit, by theme.

pub mod briefing;
mod docx;
mod html;
#[cfg(test)]
mod long_text_tests;
mod pdf;
pub mod programme;
pub mod report;
#[cfg(test)]
mod tests;
pub mod toolkit;
#[cfg(test)]
pub(crate) mod toolkit_tests;

pub use briefing::{briefing, Briefing};
pub use docx::docx;
pub use html::html;
pub use pdf::{pdf, pdf_input_digest};
pub use programme::programme;
pub use report::{report, Paper};
pub use toolkit::toolkit;

use serde::Serialize;
use ts_rs::TS;

// The model crosses IPC for the window's preview. Its TypeScript names say
// "Document", so that none can be taken for another type (the DOM's
// `Document`, a table or level elsewhere).

/// A document: a title, an optional subtitle, whether it opens with a
/// table of contents, and its blocks in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "DocumentContent")]
pub struct Document {
    pub title: String,
    pub subtitle: Option<String>,
    /// Always British English; kept so that both outputs say so from one
    /// place.
    pub lang: Lang,
    /// Whether a table of contents (of the headings) comes first.
    pub contents: bool,
    /// The deepest heading level the contents list (3: every heading; the
    /// programme's lists its days and regions, not each event).
    pub contents_depth: Level,
    /// How a PDF sets labelled values (HTML always aligns them).
    pub details_layout: DetailsLayout,
    pub blocks: Vec<Block>,
}

/// The language a document is written in (its BCP 47 tag in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export, rename = "DocumentLang")]
pub enum Lang {
    #[default]
    #[serde(rename = "en-GB")]
    EnGb,
}

impl Lang {
    /// The BCP 47 tag (`en-GB`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::EnGb => "en-GB",
        }
    }
}

/// How a PDF sets labelled values ([`Block::Details`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "DocumentDetailsLayout")]
pub enum DetailsLayout {
    /// Labels in one column, values aligned beside them (a briefing note's
    /// few details).
    #[default]
    Aligned,
    /// Each "Label: value" on its own line: much quicker to set, for a
    /// document with thousands of them (the programme).
    Inline,
}

/// One block of a document. In JSON: `{"kind": "heading", "content":
/// {"level": 1, "text": ...}}`, `{"kind": "paragraph", "content": "..."}`,
/// `{"kind": "page_break"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", content = "content", rename_all = "snake_case")]
#[ts(export, rename = "DocumentBlock")]
pub enum Block {
    /// A section heading. Level 1 is a section, 2 a part of one, 3 a part
    /// of that (the document's title sits above them all).
    Heading {
        level: Level,
        text: String,
    },
    Paragraph(String),
    /// A numbered paragraph, as the LGA's papers number theirs (1., 2.,
    /// and 2.1 under 2.). Numbering runs on through the whole document.
    Numbered {
        depth: Depth,
        text: String,
    },
    /// A bulleted list, one string an item.
    Bullets(Vec<String>),
    Table(Table),
    /// Labelled values ("Contact officer: ...", "Position: ...").
    Details(Vec<Detail>),
    /// Something the reader must not miss (safeguarding): a title and its
    /// paragraphs, set apart.
    Notice {
        title: String,
        paragraphs: Vec<String>,
    },
    /// The rest starts on a new page (in print).
    PageBreak,
}

impl Block {
    /// A heading at `level`.
    pub fn heading(level: Level, text: &str) -> Block {
        Block::Heading {
            level,
            text: text.to_string(),
        }
    }

    /// A main numbered paragraph (1., 2., ...).
    pub fn numbered(text: String) -> Block {
        Block::Numbered {
            depth: Depth::Main,
            text,
        }
    }

    /// A numbered paragraph under the last main one (2.1, 2.2, ...).
    pub fn sub(text: String) -> Block {
        Block::Numbered {
            depth: Depth::Sub,
            text,
        }
    }
}

/// A heading's level under the document's title; 1, 2 or 3 in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(into = "u8")]
#[ts(export, rename = "DocumentLevel", type = "1 | 2 | 3")]
pub enum Level {
    One,
    Two,
    Three,
}

impl Level {
    /// 1, 2 or 3.
    pub fn number(self) -> u8 {
        match self {
            Level::One => 1,
            Level::Two => 2,
            Level::Three => 3,
        }
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.number()
    }
}

/// Where a numbered paragraph sits: a main paragraph (1., 2.) or a
/// sub-paragraph of the last main one (2.1, 2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "DocumentDepth")]
pub enum Depth {
    Main,
    Sub,
}

/// A table: a caption (what it shows), the header row and the rows. A row
/// shorter than the header is filled with empty cells; cells beyond the
/// header get an empty header cell, so nothing given is ever dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "DocumentTable")]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// How many columns the table has: the widest of the header and rows.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len()])
            .max()
            .unwrap_or(0)
    }
}

/// One labelled value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "DocumentDetail")]
pub struct Detail {
    pub label: String,
    pub value: String,
}

impl Detail {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Detail {
            label: label.into(),
            value: value.into(),
        }
    }
}

impl Document {
    /// A document in British English with no contents and no blocks yet.
    pub fn new(title: impl Into<String>) -> Self {
        Document {
            title: title.into(),
            subtitle: None,
            lang: Lang::EnGb,
            contents: false,
            contents_depth: Level::Three,
            details_layout: DetailsLayout::Aligned,
            blocks: Vec::new(),
        }
    }

    /// The level each heading is set at, in block order (`None` for other
    /// blocks): as given, but never more than one below the heading before
    /// it (the first at most level 1), so both outputs keep their headings
    /// in order with no level skipped, as PDF/UA and WCAG ask.
    pub fn heading_levels(&self) -> Vec<Option<Level>> {
        let mut previous: Option<Level> = None;
        self.blocks
            .iter()
            .map(|block| match block {
                Block::Heading { level, .. } => {
                    let deepest = match previous {
                        None => Level::One,
                        Some(Level::One) => Level::Two,
                        Some(Level::Two | Level::Three) => Level::Three,
                    };
                    let level = (*level).min(deepest);
                    previous = Some(level);
                    Some(level)
                }
                _ => None,
            })
            .collect()
    }

    /// The number each block shows, in block order: `Some("2.1")` for a
    /// numbered paragraph, `None` for any other block. Main paragraphs count
    /// 1, 2, 3 through the document; a sub-paragraph counts under the last
    /// main one (one before any main one counts under 0: "0.1").
    pub fn numbers(&self) -> Vec<Option<String>> {
        let (mut main, mut sub) = (0u32, 0u32);
        self.blocks
            .iter()
            .map(|block| match block {
                Block::Numbered {
                    depth: Depth::Main, ..
                } => {
                    main += 1;
                    sub = 0;
                    Some(format!("{main}."))
                }
                Block::Numbered {
                    depth: Depth::Sub, ..
                } => {
                    sub += 1;
                    Some(format!("{main}.{sub}"))
                }
                _ => None,
            })
            .collect()
    }
}

/// A document as a window shows it: the document, with every table filled
/// out to its width, and beside it, block for block, the number each block
/// shows ([`Document::numbers`]) and the level each heading is set at
/// ([`Document::heading_levels`]), so a window only places what it is
/// given, as the HTML and the PDF do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "DocumentPreview")]
pub struct Preview {
    pub document: Document,
    /// `"2.1"` for a numbered paragraph; `null` for any other block.
    pub numbers: Vec<Option<String>>,
    /// 1 to 3 for a heading (under the document's title); `null` for any
    /// other block.
    pub heading_levels: Vec<Option<Level>>,
}

impl Table {
    /// The table with its header and every row `columns()` cells wide.
    fn filled(mut self) -> Table {
        let columns = self.columns();
        self.header.resize(columns, String::new());
        for row in &mut self.rows {
            row.resize(columns, String::new());
        }
        self
    }
}

impl Document {
    /// The document as a window shows it (see [`Preview`]).
    pub fn preview(self) -> Preview {
        let numbers = self.numbers();
        let heading_levels = self.heading_levels();
        let blocks = self
            .blocks
            .into_iter()
            .map(|block| match block {
                Block::Table(table) => Block::Table(table.filled()),
                other => other,
            })
            .collect();
        Preview {
            document: Document { blocks, ..self },
            numbers,
            heading_levels,
        }
    }
}
