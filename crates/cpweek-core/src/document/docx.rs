//! A document as a Word document (DOCX, Office Open XML), written with
//! `docx-rs`, for people who edit it (the LGA's communications staff).
//!
//! - Headings are paragraphs in Word's built-in heading styles (`heading
//!   1` to `heading 3`, with their outline levels), so Word's navigation
//!   pane and a contents field find them; the contents is such a field,
//!   marked to be updated when Word opens the document.
//! - The language (`en-GB`) is set in the styles' defaults (`w:lang`,
//!   which docx-rs does not write: added to its styles part here) and in
//!   the core properties.
//! - Tables are tables (a bold header row, then the rows), each with its
//!   caption in Word's `Caption` style; bulleted lists are a real list.
//! - No time is stamped in: the core properties carry fixed dates and the
//!   zip entries docx-rs writes carry the zip format's fixed default time,
//!   so the same document gives the same bytes.
//!
//! Text is given to docx-rs as text (it escapes it for XML); characters
//! XML 1.0 cannot hold are left out.

use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level as ListLevel, LevelJc, LevelText,
    NumberFormat, Numbering, NumberingId, Paragraph, Run, RunFonts, SpecialIndentType, Start,
    Style, StyleType, Table as DocxTable, TableCell, TableOfContents, TableRow, WidthType,
};

use super::{Block, Document, Level, Table};
use crate::error::{Error, Result};

/// The bulleted list's numbering (abstract and concrete ids; docx-rs
/// writes its own decimal list as 1).
const BULLETS: usize = 2;

/// The width of the text between A4's margins docx-rs sets, in twips
/// (twentieths of a point), shared evenly by a table's columns.
const TEXT_WIDTH: usize = 9000;

/// A fixed date for the core properties: Word shows it as the document's
/// created and modified dates, and it must not be the time of export.
const FIXED_DATE: &str = "2014-01-01T00:00:00Z";

/// What is set in `w:rPrDefault`, ahead of docx-rs's own closing tag.
const LANG: &str = r#"<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA" />"#;

/// XML 1.0 holds tab, line feed, carriage return and everything from space
/// up, less the surrogates (which a `char` cannot be) and U+FFFE/U+FFFF.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

fn run(text: &str) -> Run {
    Run::new().add_text(xml_text(text))
}

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(run(text))
}

fn heading_style(level: u8) -> Style {
    let (size, space) = match level {
        1 => (32, 360),
        2 => (28, 240),
        _ => (24, 200),
    };
    let mut style = Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .outline_lvl(usize::from(level) - 1)
        .size(size)
        .bold();
    style.paragraph_property = style
        .paragraph_property
        .keep_next(true)
        .line_spacing(docx_rs::LineSpacing::new().before(space).after(120));
    style
}

/// docx-rs's own `Normal` style, then the document's: title, subtitle,
/// the three headings, captions, bulleted lists and tables.
fn styles(docx: Docx) -> Docx {
    docx.default_fonts(
        RunFonts::new()
            .ascii("Arial")
            .hi_ansi("Arial")
            .cs("Arial")
            .east_asia("Arial"),
    )
    .default_size(22)
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(48)
            .bold(),
    )
    .add_style(
        Style::new("Subtitle", StyleType::Paragraph)
            .name("Subtitle")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(28)
            .color("505A5F"),
    )
    .add_style(heading_style(1))
    .add_style(heading_style(2))
    .add_style(heading_style(3))
    .add_style(
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold(),
    )
    .add_style(
        Style::new("ListBullet", StyleType::Paragraph)
            .name("List Bullet")
            .based_on("Normal"),
    )
    .add_style(
        Style::new("TableGrid", StyleType::Table)
            .name("Table Grid")
            .based_on("TableNormal"),
    )
    .add_abstract_numbering(
        AbstractNumbering::new(BULLETS).add_level(
            ListLevel::new(
                0,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new("\u{2022}"),
                LevelJc::new("left"),
            )
            .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
        ),
    )
    .add_numbering(Numbering::new(BULLETS, BULLETS))
}

fn table(t: &Table) -> (Paragraph, DocxTable) {
    let columns = t.columns().max(1);
    let width = TEXT_WIDTH / columns;
    let cell = |text: &str, bold: bool| {
        let r = run(text);
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .style("Normal")
                .add_run(if bold { r.bold() } else { r }),
        )
    };
    let row = |cells: &[String], bold: bool| {
        TableRow::new(
            (0..columns)
                .map(|i| cell(cells.get(i).map_or("", String::as_str), bold))
                .collect(),
        )
    };
    let mut rows = vec![row(&t.header, true)];
    rows.extend(t.rows.iter().map(|r| row(r, false)));
    (
        styled("Caption", &t.caption).keep_next(true),
        DocxTable::new(rows)
            .style("TableGrid")
            .set_grid(vec![width; columns])
            .width(width * columns, WidthType::Dxa),
    )
}

/// The document as a DOCX file's bytes.
pub fn docx(doc: &Document) -> Result<Vec<u8>> {
    let mut docx = styles(Docx::new())
        .created_at(FIXED_DATE)
        .updated_at(FIXED_DATE)
        .add_paragraph(styled("Title", &doc.title));
    if let Some(subtitle) = &doc.subtitle {
        docx = docx.add_paragraph(styled("Subtitle", subtitle));
    }
    let levels = doc.heading_levels();
    let numbers = doc.numbers();
    if doc.contents {
        // The contents is Word's own field over the heading styles, marked
        // to be updated when the document opens (Word fills it in, with
        // page numbers); docx-rs's pre-filled entries point at bookmarks
        // it does not write, which LibreOffice shows as errors.
        let depth = usize::from(doc.contents_depth.number());
        let toc = TableOfContents::new()
            .heading_styles_range(1, depth)
            .alias("Contents")
            .add_before_paragraph(
                Paragraph::new()
                    .style("Normal")
                    .add_run(run("Contents").bold().size(28)),
            );
        docx = docx.add_table_of_contents(toc);
    }
    for ((block, level), number) in doc.blocks.iter().zip(&levels).zip(&numbers) {
        docx = match block {
            Block::Heading { text, .. } => {
                let level = level.unwrap_or(Level::One).number();
                docx.add_paragraph(styled(&format!("Heading{level}"), text))
            }
            Block::Paragraph(text) => docx.add_paragraph(styled("Normal", text)),
            Block::Numbered { text, .. } => {
                let number = number.as_deref().unwrap_or_default();
                docx.add_paragraph(
                    Paragraph::new()
                        .style("Normal")
                        .add_run(run(number).bold())
                        .add_run(run(&format!(" {text}"))),
                )
            }
            Block::Bullets(items) => items.iter().fold(docx, |docx, item| {
                docx.add_paragraph(
                    styled("ListBullet", item)
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
                )
            }),
            Block::Table(t) => {
                let (caption, table) = table(t);
                docx.add_paragraph(caption).add_table(table)
            }
            Block::Details(details) => details.iter().fold(docx, |docx, d| {
                docx.add_paragraph(
                    Paragraph::new()
                        .style("Normal")
                        .add_run(run(&format!("{}: ", d.label)).bold())
                        .add_run(run(&d.value)),
                )
            }),
            Block::Notice { title, paragraphs } => {
                let docx = docx.add_paragraph(
                    Paragraph::new()
                        .style("Normal")
                        .keep_next(true)
                        .add_run(run(title).bold()),
                );
                paragraphs
                    .iter()
                    .fold(docx, |docx, p| docx.add_paragraph(styled("Normal", p)))
            }
            Block::PageBreak => {
                docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
            }
        };
    }
    let mut xml = docx.build();
    xml.document = numbered_afresh(&xml.document);
    xml.styles = with_language(&xml.styles)?;
    xml.doc_props.core = with_core_language(&xml.doc_props.core)?;
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| Error::Typeset {
        detail: format!("the Word document could not be packed: {e}"),
    })?;
    Ok(out.into_inner())
}

/// The body with its paragraphs' ids (`w14:paraId`) numbered 1, 2, 3 in
/// order: docx-rs numbers them from a counter kept per thread across
/// documents, so the same document would otherwise differ from one export
/// to the next in the same process.
fn numbered_afresh(document: &[u8]) -> Vec<u8> {
    const ATTR: &[u8] = b"w14:paraId=\"";
    let mut out = Vec::with_capacity(document.len());
    let mut n = 0u32;
    let mut i = 0;
    while i < document.len() {
        if document[i..].starts_with(ATTR) {
            let value = i + ATTR.len();
            if let Some(len) = document[value..].iter().position(|&b| b == b'"') {
                n += 1;
                out.extend_from_slice(ATTR);
                out.extend_from_slice(format!("{n:08X}").as_bytes());
                i = value + len;
                continue;
            }
        }
        out.push(document[i]);
        i += 1;
    }
    out
}

/// Inserts `part` before the first `marker` in `xml`.
fn insert_before(xml: &[u8], marker: &str, part: &str, what: &str) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(xml).map_err(|_| Error::Typeset {
        detail: format!("docx-rs wrote {what} that is not UTF-8"),
    })?;
    let at = text.find(marker).ok_or_else(|| Error::Typeset {
        detail: format!("docx-rs wrote {what} without {marker}"),
    })?;
    Ok(format!("{}{part}{}", &text[..at], &text[at..]).into_bytes())
}

/// The styles part with `en-GB` as the default language of every run, and
/// `Normal` (docx-rs's) marked as the default paragraph style, as Word's
/// own documents mark it, so a paragraph with no style is a Normal one.
fn with_language(styles: &[u8]) -> Result<Vec<u8>> {
    let styles = insert_before(styles, "</w:rPr></w:rPrDefault>", LANG, "styles")?;
    insert_before(
        &styles,
        r#" w:styleId="Normal">"#,
        r#" w:default="1""#,
        "styles",
    )
}

/// The core properties with `dc:language` (docx-rs has no setter for it).
fn with_core_language(core: &[u8]) -> Result<Vec<u8>> {
    insert_before(
        core,
        "</cp:coreProperties>",
        "<dc:language>en-GB</dc:language>",
        "core properties",
    )
}
