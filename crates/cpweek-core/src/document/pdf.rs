//! A document as a tagged PDF (PDF/UA-1), set by the Typst compiler.
//!
//! Safety: a fixed template (`template.typ`) reads the document as JSON
//! data and places every piece of text as a string, never as markup or
//! code. The [`World`] the compiler sees serves only that template, that
//! data and the fonts embedded in `typst-assets`: no file system, no
//! packages, no network, no clock.
//!
//! Determinism: no date is stamped in (`set document(date: none)` and no
//! timestamp), and the PDF's identifier is derived from the data, so the
//! same document gives the same bytes on every machine.

use super::{Block, Depth, Document, Level};
use crate::{Error, Result};
use serde_json::{json, Value};
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The template, compiled into the binary.
const TEMPLATE: &str = include_str!("template.typ");

/// How many compilations Typst's memo cache keeps results for: enough to
/// make the next document quick, bounded so a long-running app does not
/// grow.
const CACHE_AGE: usize = 8;

/// The document as a tagged PDF. A document with no title is refused
/// (`title`): PDF/UA needs one, and a reader's window shows it.
pub fn pdf(doc: &Document) -> Result<Vec<u8>> {
    if plain(&doc.title).trim().is_empty() {
        return Err(Error::invalid(
            "title",
            "a document needs a title to be made into a PDF",
        ));
    }
    let data = serde_json::to_string(&data(doc)).map_err(|e| typeset_error(e.to_string()))?;
    // The compiler is not expected to panic on any data; if it ever did,
    // that is this document's failure, reported as an error, not the
    // app's end.
    std::panic::catch_unwind(move || set(data)).unwrap_or_else(|_| {
        Err(typeset_error(
            "the typesetter stopped unexpectedly".to_string(),
        ))
    })
}

/// What a document's PDF is made from, as a SHA-256 digest in hex: the
/// cpweek version, the template and the data the template reads. Two
/// documents with the same digest give the same PDF bytes (the PDF is made
/// from nothing else: no clock, no system font), so a PDF already made from
/// an input with this digest can be kept instead of being typeset again.
pub fn pdf_input_digest(doc: &Document) -> String {
    use sha2::{Digest, Sha256};
    let data = serde_json::to_string(&data(doc)).unwrap_or_default();
    let mut hash = Sha256::new();
    for part in [env!("CARGO_PKG_VERSION"), TEMPLATE, &data] {
        // Each part's length first, so no two inputs run together alike.
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Sets the document's data with the template and writes the PDF.
fn set(data: String) -> Result<Vec<u8>> {
    let world = Sheet {
        data: Bytes::from_string(data.clone()),
    };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    typst::comemo::evict(CACHE_AGE);
    let document = compiled.map_err(|diagnostics| typeset_error(messages(&diagnostics)))?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| typeset_error(e.message().to_string()))?;
    let options = PdfOptions {
        // Typst hashes this into the PDF's identifier: the same data, the
        // same identifier.
        ident: Smart::Custom(data),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|diagnostics| typeset_error(messages(&diagnostics)))
}

fn typeset_error(detail: String) -> Error {
    Error::Typeset { detail }
}

fn messages(diagnostics: &EcoVec<SourceDiagnostic>) -> String {
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    if messages.is_empty() {
        "no reason given".to_string()
    } else {
        messages.join("; ")
    }
}

/// Text as the template places it: control characters (which no font
/// draws) and invisible joiners and selectors dropped, a tab as a space;
/// line breaks kept; a character none of the embedded fonts has (an emoji,
/// Chinese, a full-width bar) as `?`. A tagged PDF may not hold a glyph it
/// cannot draw, so without this one council's "Fun day 🎉" would stop the
/// whole programme's PDF; the HTML keeps the text as written.
fn plain(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            '\r' => None,
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => None,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}' => None,
            c if c.is_ascii() || FONTS.draw(c) => Some(c),
            _ => Some('?'),
        })
        .collect()
}

/// How long a run of text without a space may be before it is given
/// places to break. Shorter, it fits a line as it is (half a line at most),
/// and an everyday e-mail address or booking link stays whole, as most are
/// in the programme (breaking them all made its PDF a fifth slower).
const LONG_WORD: usize = 40;

/// How many characters in a row (no URL punctuation among them) a long word
/// keeps together before it may break after any of them: more than any real
/// word, so that a word is never split without a hyphen just because it
/// comes at the end of a line.
const LONG_STRETCH: usize = 30;

/// Characters after which a long word (a URL, an e-mail address) may break.
fn breaks_after(c: char) -> bool {
    matches!(
        c,
        '/' | '.' | '@' | '-' | '_' | '?' | '&' | '=' | '#' | ':' | ',' | ';' | '+' | '~' | '%'
    )
}

/// Text as the template places it ([`plain`]), with places to break in any
/// long run of text without a space: a URL, an e-mail address or a
/// 300-letter word would otherwise run off the page, as Typst only breaks
/// lines at spaces, hyphens and a few other places. A long word may break
/// after the punctuation of a URL or address, and a long stretch of letters
/// or digits after any of them. The places are marked with zero-width
/// spaces, which the template sets as a hair's width of space (a place to
/// break that is not copied with the text), so the PDF's text is still the
/// text as written (the HTML keeps the text as written).
pub(super) fn shown(text: &str) -> String {
    let text = plain(text);
    if text
        .split_whitespace()
        .all(|w| w.chars().count() <= LONG_WORD)
    {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut word: Vec<char> = Vec::new();
    let flush = |word: &mut Vec<char>, out: &mut String| {
        if word.len() <= LONG_WORD {
            out.extend(word.iter());
        } else {
            let last = word.len() - 1;
            let mut stretch = 0;
            for (i, &c) in word.iter().enumerate() {
                out.push(c);
                stretch = if breaks_after(c) { 0 } else { stretch + 1 };
                if i < last && (breaks_after(c) || stretch > LONG_STRETCH) {
                    out.push('\u{200B}');
                }
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The document as the data the template reads. Tables are filled out to
/// their width here, and numbered paragraphs carry their numbers, so the
/// template only places what it is given.
fn data(doc: &Document) -> Value {
    let numbers = doc.numbers();
    let levels = doc.heading_levels();
    let blocks: Vec<Value> = doc
        .blocks
        .iter()
        .zip(numbers.into_iter().zip(levels))
        .map(|(block, (number, level))| match block {
            Block::Heading { text, .. } => json!({
                "kind": "heading",
                "level": level.unwrap_or(Level::One).number(),
                "text": shown(text),
            }),
            Block::Paragraph(text) => json!({"kind": "paragraph", "text": shown(text)}),
            Block::Numbered { depth, text } => json!({
                "kind": "numbered",
                "sub": *depth == Depth::Sub,
                "number": number.unwrap_or_default(),
                "text": shown(text),
            }),
            Block::Bullets(items) => json!({
                "kind": "bullets",
                "items": items.iter().map(|i| shown(i)).collect::<Vec<_>>(),
            }),
            Block::Table(table) => {
                let columns = table.columns().max(1);
                let row = |cells: &[String]| -> Vec<String> {
                    (0..columns)
                        .map(|c| cells.get(c).map(|t| shown(t)).unwrap_or_default())
                        .collect()
                };
                json!({
                    "kind": "table",
                    "caption": shown(&table.caption),
                    "columns": columns,
                    "header": row(&table.header),
                    "rows": table.rows.iter().map(|r| row(r)).collect::<Vec<_>>(),
                })
            }
            Block::Details(details) => json!({
                "kind": "details",
                "details": details
                    .iter()
                    .map(|d| json!({"label": shown(&d.label), "value": shown(&d.value)}))
                    .collect::<Vec<_>>(),
            }),
            Block::Notice { title, paragraphs } => json!({
                "kind": "notice",
                "title": shown(title),
                "paragraphs": paragraphs.iter().map(|p| shown(p)).collect::<Vec<_>>(),
            }),
            Block::PageBreak => json!({"kind": "page-break"}),
        })
        .collect();
    json!({
        // The title as the PDF's metadata says it (and a reader's window
        // shows it), and as it is set on the first page.
        "title": plain(&doc.title),
        "title_shown": shown(&doc.title),
        "subtitle": doc.subtitle.as_deref().map(shown),
        "lang": doc.lang.tag(),
        "contents": doc.contents,
        "contents_depth": doc.contents_depth.number(),
        "details_inline": doc.details_layout == super::DetailsLayout::Inline,
        "blocks": blocks,
    })
}

/// A fixed path in the compiler's virtual project.
fn file_id(path: &str) -> FileId {
    // Both paths are constants below, absolute and normal, so this cannot fail.
    let path = VirtualPath::new(path).expect("a fixed, valid virtual path");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

static MAIN: LazyLock<FileId> = LazyLock::new(|| file_id("/main.typ"));
static DATA: LazyLock<FileId> = LazyLock::new(|| file_id("/data.json"));
static SOURCE: LazyLock<Source> = LazyLock::new(|| Source::new(*MAIN, TEMPLATE.to_string()));
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The fonts: those `typst-assets` embeds (Libertinus Serif for text), and
/// no system font.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// Whether any of the fonts has a glyph for `c` (Typst falls back from
    /// the text font to the others).
    fn draw(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|f| f.info().coverage.contains(u32::from(c)))
    }
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// What the compiler sees for one document: the template, the document's
/// data, the embedded fonts, and nothing else.
struct Sheet {
    data: Bytes,
}

impl World for Sheet {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        *MAIN
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN {
            Ok(SOURCE.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA {
            Ok(self.data.clone())
        } else if id == *MAIN {
            Ok(Bytes::from_string(TEMPLATE))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// No clock: a document says no date unless its data gives one.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
