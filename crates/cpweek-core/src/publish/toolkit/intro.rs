//! The LGA's introduction to the toolkit, given as Markdown and read into
//! the document model's blocks.
//!
//! Only what the model can express is read: paragraphs, headings (`#` and
//! `##`, set under the toolkit's "Introduction" heading), bulleted lists
//! (`-`, `*` or `+`) and emphasis. The model holds each paragraph as plain
//! text (no run of bold or italic: nothing a person gives is ever read as
//! markup in any output), so emphasis markers (`*word*`, `**word**`,
//! `_word_`, `__word__`) are taken off and the words kept.
//!
//! Anything else is refused with the line it is on (block quotes, code,
//! numbered lists, tables, links, images, HTML, rules, deeper headings)
//! rather than shown as stray symbols: a reader would otherwise find
//! `[text](https://...)` or `<b>` in the printed toolkit, and the LGA's
//! officer is better told which line to change.

use crate::document::{Block, Level};
use crate::error::{Error, FieldError, Result};

/// The longest introduction kept (characters), as the store's check says.
pub const MAX_CHARS: usize = 50_000;

/// The introduction's blocks from `markdown`, or every line at fault (field
/// `file`, each message naming its line).
pub fn blocks(markdown: &str) -> Result<Vec<Block>> {
    // Editors on Windows often begin a UTF-8 file with a byte order mark.
    let markdown = markdown.strip_prefix('\u{FEFF}').unwrap_or(markdown);
    if markdown.chars().count() > MAX_CHARS {
        return Err(Error::invalid(
            "file",
            format!(
                "the introduction is {} characters long; keep it to {MAX_CHARS}",
                markdown.chars().count()
            ),
        ));
    }
    let mut errors = Vec::new();
    let mut blocks = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    let mut bullets: Vec<String> = Vec::new();
    let flush =
        |paragraph: &mut Vec<String>, bullets: &mut Vec<String>, blocks: &mut Vec<Block>| {
            if !paragraph.is_empty() {
                blocks.push(Block::Paragraph(plain(&paragraph.join(" "))));
                paragraph.clear();
            }
            if !bullets.is_empty() {
                blocks.push(Block::Bullets(bullets.iter().map(|b| plain(b)).collect()));
                bullets.clear();
            }
        };
    let mut fenced = false;
    for (i, raw) in markdown.lines().enumerate() {
        let n = i + 1;
        if let Some((at, what)) = crate::text::first_hidden_in_line(raw) {
            errors.push(FieldError::new(
                "file",
                format!(
                    "line {n}: it has {what} at character {at}; write the introduction as \
                     plain text, without control characters (lines end with LF or CRLF)"
                ),
            ));
            continue;
        }
        let line = raw.trim_end();
        let text = line.trim_start();
        let indented = line.len() - text.len();
        if text.starts_with("```") || text.starts_with("~~~") {
            if !fenced {
                errors.push(refused(n, "code blocks are not part of the toolkit's text"));
            }
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        if text.is_empty() {
            flush(&mut paragraph, &mut bullets, &mut blocks);
            continue;
        }
        if let Some(problem) = unsupported(text) {
            errors.push(refused(n, problem));
            continue;
        }
        if let Some((hashes, title)) = heading(text) {
            flush(&mut paragraph, &mut bullets, &mut blocks);
            let level = match hashes {
                1 => Level::Two,
                2 => Level::Three,
                _ => {
                    errors.push(refused(
                        n,
                        "headings go two deep in the introduction: use # or ##",
                    ));
                    continue;
                }
            };
            if title.is_empty() {
                errors.push(refused(n, "a heading needs its words after the #"));
                continue;
            }
            blocks.push(Block::Heading {
                level,
                text: plain(title),
            });
            continue;
        }
        if let Some(item) = bullet(text) {
            if !paragraph.is_empty() {
                flush(&mut paragraph, &mut bullets, &mut blocks);
            }
            bullets.push(item.to_string());
            continue;
        }
        if indented > 0 && !bullets.is_empty() && paragraph.is_empty() {
            // An item's words carried on to the next line.
            let last = bullets.last_mut().expect("a bullet was checked for");
            last.push(' ');
            last.push_str(text);
            continue;
        }
        if indented >= 4 && paragraph.is_empty() {
            errors.push(refused(
                n,
                "an indented block is code in Markdown, which is not part of the toolkit's text; \
                 start the line at the margin",
            ));
            continue;
        }
        if !bullets.is_empty() {
            flush(&mut paragraph, &mut bullets, &mut blocks);
        }
        paragraph.push(text.to_string());
    }
    if fenced {
        // Reported where it opened; nothing more to add.
    }
    flush(&mut paragraph, &mut bullets, &mut blocks);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    if blocks.is_empty() {
        return Err(Error::invalid(
            "file",
            "the introduction is empty: write at least one paragraph",
        ));
    }
    Ok(blocks)
}

fn refused(line: usize, problem: &str) -> FieldError {
    FieldError::new(
        "file",
        format!(
            "line {line}: {problem}; the introduction takes paragraphs, # and ## headings, \
             bulleted lists and emphasis"
        ),
    )
}

/// `# Title` as (1, "Title"); `None` for a line that is not a heading.
fn heading(text: &str) -> Option<(usize, &str)> {
    let hashes = text.chars().take_while(|&c| c == '#').count();
    if hashes == 0 {
        return None;
    }
    let rest = &text[hashes..];
    if rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t') {
        Some((hashes, rest.trim().trim_end_matches('#').trim_end()))
    } else {
        None
    }
}

/// The item of a bulleted list's line (`- item`), if it is one.
fn bullet(text: &str) -> Option<&str> {
    ["- ", "* ", "+ "]
        .iter()
        .find_map(|m| text.strip_prefix(m))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// What the model cannot express on this line, if anything.
fn unsupported(text: &str) -> Option<&'static str> {
    let rule = |c: char| {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        squeezed.len() >= 3 && squeezed.chars().all(|x| x == c)
    };
    if rule('-') || rule('*') || rule('_') || rule('=') {
        return Some("horizontal rules and underlined headings are not part of the toolkit's text");
    }
    if text.starts_with('>') {
        return Some("block quotes are not part of the toolkit's text");
    }
    if text.starts_with('|') {
        return Some("tables are not part of the introduction; the entries carry the figures");
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (text[digits..].starts_with(". ") || text[digits..].starts_with(") ")) {
        return Some(
            "numbered lists are not part of the toolkit's text; use - for a bulleted list",
        );
    }
    if text.contains("![") {
        return Some("images are not part of the toolkit's text");
    }
    if text.contains("](") || text.contains("]: ") {
        return Some("links are not part of the toolkit's text; write the address out in words");
    }
    if text.contains('`') {
        return Some("code is not part of the toolkit's text");
    }
    if html_tag(text) {
        return Some("HTML is not part of the toolkit's text");
    }
    None
}

/// Whether the line holds something that looks like an HTML tag or comment
/// (`<b>`, `</p>`, `<!--`, `<br/>`), not a comparison such as `< 5`.
fn html_tag(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0] == '<' && (w[1].is_ascii_alphabetic() || w[1] == '/' || w[1] == '!'))
        && text.contains('>')
}

/// `text` with its emphasis markers taken off, words kept: `**most**` and
/// `_very_` become `most` and `very`; a marker inside a word
/// (`snake_case`) or standing alone (`5 * 3`) is kept.
pub fn plain(text: &str) -> String {
    let mut out = text.to_string();
    for marker in ["**", "__", "*", "_"] {
        out = unwrap_marker(&out, marker);
    }
    out
}

fn unwrap_marker(text: &str, marker: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(at) = rest.find(marker) {
        let head = &rest[..at];
        let prev = head.chars().next_back().or(before);
        let after = &rest[at + marker.len()..];
        let opens = prev.is_none_or(|c| c.is_whitespace() || "([\"'".contains(c))
            && after.chars().next().is_some_and(|c| !c.is_whitespace());
        let close = opens.then(|| closing(after, marker)).flatten();
        match close {
            Some(end) => {
                out.push_str(head);
                out.push_str(&after[..end]);
                before = after[..end].chars().next_back();
                rest = &after[end + marker.len()..];
            }
            None => {
                out.push_str(head);
                out.push_str(marker);
                before = marker.chars().next_back();
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the marker closing an emphasis in `after` starts: after a
/// non-space character, before a space, punctuation or the end.
fn closing(after: &str, marker: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = after[from..].find(marker) {
        let at = from + i;
        let prev = after[..at].chars().next_back();
        let next = after[at + marker.len()..].chars().next();
        if at > 0
            && prev.is_some_and(|c| !c.is_whitespace())
            && next.is_none_or(|c| {
                c.is_whitespace() || c.is_ascii_punctuation() && !marker.starts_with(c)
            })
        {
            return Some(at);
        }
        from = at + marker.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(markdown: &str) -> Vec<String> {
        match blocks(markdown) {
            Err(Error::Invalid(errors)) => errors.into_iter().map(|e| e.message).collect(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn paragraphs_headings_and_lists_become_blocks() {
        let md = "The toolkit gathers **what councils did**.\nIt runs on.\n\n# Why\n\n- first _point_\n- second\n  carried on\n\n## How\nLast.\n";
        assert_eq!(
            blocks(md).unwrap(),
            vec![
                Block::Paragraph("The toolkit gathers what councils did. It runs on.".into()),
                Block::heading(Level::Two, "Why"),
                Block::Bullets(vec!["first point".into(), "second carried on".into()]),
                Block::heading(Level::Three, "How"),
                Block::Paragraph("Last.".into()),
            ]
        );
    }

    #[test]
    fn emphasis_is_taken_off_and_other_symbols_kept() {
        assert_eq!(plain("a *very* big __step__"), "a very big step");
        assert_eq!(
            plain("snake_case_name and 5 * 3 = 15"),
            "snake_case_name and 5 * 3 = 15"
        );
        assert_eq!(plain("(*aside*), then"), "(aside), then");
        assert_eq!(plain("an *unclosed marker"), "an *unclosed marker");
        assert_eq!(plain("<b>kept</b> as text"), "<b>kept</b> as text");
    }

    #[test]
    fn what_the_model_cannot_express_is_refused_with_its_line() {
        let md = "Fine.\n\n> quoted\n1. numbered\n[a link](https://example.org)\n<b>bold</b>\n### deep\n```\ncode\n```\n| a | b |\n---\n![img](x.png)\n";
        let got = messages(md);
        let lines: Vec<&str> = got.iter().map(|m| m.split(':').next().unwrap()).collect();
        assert_eq!(
            lines,
            [
                "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 11", "line 12",
                "line 13"
            ]
        );
        assert!(got[0].contains("block quotes"), "{got:?}");
        assert!(got[2].contains("links"), "{got:?}");
        assert!(got[3].contains("HTML"), "{got:?}");
    }

    #[test]
    fn an_empty_introduction_is_refused() {
        assert!(messages("\n  \n")[0].contains("empty"));
        assert!(messages(&"a".repeat(MAX_CHARS + 1))[0].contains("characters long"));
    }
}
