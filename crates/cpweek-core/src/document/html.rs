//! A document as one self-contained, accessible HTML file: no script, no
//! external resource, a print stylesheet in its own `<style>` element. Every
//! piece of text passes through [`crate::publish::escape::html`].

use super::{Block, Document, Level, Table};
use crate::publish::escape;
use std::fmt::Write;

/// The styles, for the screen and for print (A4, no navigation, tables and
/// notices kept whole across pages).
const STYLE: &str = "\
body{font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#0b0c0c;max-width:48em;margin:0 auto;padding:1em}
h1{font-size:1.9em;margin:0 0 .3em}
.subtitle{font-size:1.2em;color:#505a5f;margin-top:0}
h2{font-size:1.5em;margin-top:1.5em}
h3{font-size:1.2em}
h4{font-size:1em}
.numbered{display:flex;gap:.5em}
.numbered .number{flex:0 0 2.5em;font-weight:bold}
.numbered.sub{margin-left:2.5em}
table{border-collapse:collapse;margin:1em 0;width:100%}
caption{text-align:left;font-weight:bold;padding-bottom:.3em}
th,td{border:1px solid #b1b4b6;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f2f1}
dl.details{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
dl.details dt{font-weight:bold}
dl.details dd{margin:0}
.notice{border-left:.4em solid #d4351c;padding:.5em 1em;margin:1em 0;background:#fef7f6}
.notice .notice-title{font-weight:bold;margin-top:0}
.page-break{border:0;margin:2em 0}
nav ol{padding-left:1.5em}
@media print{
@page{size:A4;margin:20mm}
body{max-width:none;padding:0;font-size:11pt;color:#000}
nav a,a{color:#000;text-decoration:none}
h2,h3,h4{break-after:avoid}
table,tr,.notice,dl.details{break-inside:avoid}
.page-break{break-after:page;visibility:hidden}
}";

/// The document as one HTML file.
pub fn html(doc: &Document) -> String {
    let e = escape::html;
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n",
        lang = doc.lang.tag(),
        title = e(&doc.title),
    );
    if let Some(subtitle) = &doc.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", e(subtitle));
    }
    out.push_str("</header>\n");
    if doc.contents {
        contents(doc, &mut out);
    }
    out.push_str("<main>\n");
    let numbers = doc.numbers();
    let levels = doc.heading_levels();
    for (index, block) in doc.blocks.iter().enumerate() {
        let shown = Shown {
            index,
            number: numbers[index].as_deref(),
            level: levels[index],
        };
        self::block(block, shown, &mut out);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The id of the heading that is block `index` (the contents link to it).
fn heading_id(index: usize) -> String {
    format!("section-{}", index + 1)
}

/// The table of contents: the headings, nested by level, linked.
fn contents(doc: &Document, out: &mut String) {
    out.push_str(
        "<nav aria-labelledby=\"contents-title\">\n<h2 id=\"contents-title\">Contents</h2>\n<ol>\n",
    );
    // The levels of the open list items, outermost first; a deeper heading
    // opens a list inside the item above it (one step, however many levels
    // it skips), a shallower one closes lists back to its level.
    let mut open: Vec<u8> = Vec::new();
    let levels = doc.heading_levels();
    for (index, block) in doc.blocks.iter().enumerate() {
        let (Block::Heading { text, .. }, Some(level)) = (block, levels[index]) else {
            continue;
        };
        if level > doc.contents_depth {
            continue;
        }
        let level = level.number();
        match open.last().copied() {
            None => open.push(level),
            Some(top) if level > top => {
                out.push_str("\n<ol>\n");
                open.push(level);
            }
            Some(_) => {
                out.push_str("</li>\n");
                while open.len() > 1 && open[open.len() - 2] >= level {
                    open.pop();
                    out.push_str("</ol>\n</li>\n");
                }
                if let Some(top) = open.last_mut() {
                    *top = level;
                }
            }
        }
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a>",
            heading_id(index),
            escape::html(text)
        );
    }
    if !open.is_empty() {
        out.push_str("</li>\n");
        for _ in 1..open.len() {
            out.push_str("</ol>\n</li>\n");
        }
    }
    out.push_str("</ol>\n</nav>\n");
}

/// Where a block sits: its index, and the number or heading level the
/// document gives it.
#[derive(Clone, Copy)]
struct Shown<'a> {
    index: usize,
    number: Option<&'a str>,
    level: Option<Level>,
}

fn block(block: &Block, shown: Shown, out: &mut String) {
    let e = escape::html;
    match block {
        Block::Heading { text, .. } => {
            // The document's title is the page's one h1.
            let h = shown.level.unwrap_or(Level::One).number() + 1;
            let _ = writeln!(
                out,
                "<h{h} id=\"{}\">{}</h{h}>",
                heading_id(shown.index),
                e(text)
            );
        }
        Block::Paragraph(text) => {
            let _ = writeln!(out, "<p>{}</p>", e(text));
        }
        Block::Numbered { depth, text } => {
            let class = match depth {
                super::Depth::Main => "numbered",
                super::Depth::Sub => "numbered sub",
            };
            let _ = writeln!(
                out,
                "<p class=\"{class}\"><span class=\"number\">{}</span> <span>{}</span></p>",
                e(shown.number.unwrap_or_default()),
                e(text)
            );
        }
        Block::Bullets(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", e(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Table(table) => self::table(table, out),
        Block::Details(details) => {
            out.push_str("<dl class=\"details\">\n");
            for detail in details {
                let _ = writeln!(
                    out,
                    "<dt>{}</dt><dd>{}</dd>",
                    e(&detail.label),
                    e(&detail.value)
                );
            }
            out.push_str("</dl>\n");
        }
        Block::Notice { title, paragraphs } => {
            let _ = writeln!(
                out,
                "<aside class=\"notice\" aria-label=\"{0}\">\n<p class=\"notice-title\">{0}</p>",
                e(title)
            );
            for paragraph in paragraphs {
                let _ = writeln!(out, "<p>{}</p>", e(paragraph));
            }
            out.push_str("</aside>\n");
        }
        Block::PageBreak => out.push_str("<hr class=\"page-break\">\n"),
    }
}

fn table(table: &Table, out: &mut String) {
    let e = escape::html;
    let columns = table.columns();
    let _ = write!(
        out,
        "<table>\n<caption>{}</caption>\n<thead>\n<tr>",
        e(&table.caption)
    );
    for column in 0..columns {
        let text = table.header.get(column).map_or("", String::as_str);
        let _ = write!(out, "<th scope=\"col\">{}</th>", e(text));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for column in 0..columns {
            let text = row.get(column).map_or("", String::as_str);
            let _ = write!(out, "<td>{}</td>", e(text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
