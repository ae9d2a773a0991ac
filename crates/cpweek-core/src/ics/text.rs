//! The text layer of RFC 5545: content lines folded at 75 octets (3.1),
//! unfolded on reading, and TEXT values escaped (3.3.11).

/// The longest a physical line may be, in octets, without its CRLF.
pub const LINE_OCTETS: usize = 75;

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
/// Other control characters (C0 but TAB, DEL, C1) are not allowed in TEXT
/// and are dropped. Runs of ordinary text are copied whole: feeds escape
/// megabytes of it.
pub fn escape(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !MAY_CHANGE[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        // What replaces the character at `i`, and how many bytes it takes.
        // Every byte matched here starts a character (ASCII, or C2 leading
        // a C1 control), so the slices below fall on character boundaries.
        let (with, len) = match bytes[i] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("\\n", 2),
            b'\r' | b'\n' => ("\\n", 1),
            0xC2 if !matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => {
                i += 1;
                continue;
            }
            0xC2 => ("", 2),
            _ => ("", 1),
        };
        out.push_str(&text[run..i]);
        out.push_str(with);
        i += len;
        run = i;
    }
    out.push_str(&text[run..]);
}

/// The bytes [`escape`] may change: backslash, semicolon, comma, C0
/// controls but TAB, DEL, and 0xC2 (which leads the C1 controls).
const MAY_CHANGE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != 0x09;
        b += 1;
    }
    table[b'\\' as usize] = true;
    table[b';' as usize] = true;
    table[b',' as usize] = true;
    table[0x7F] = true;
    table[0xC2] = true;
    table
};

/// Reverses [`escape`]: `\\`, `\;`, `\,`, `\n` and `\N`. A backslash before
/// any other character is kept with it, as most clients do.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ';' | ',' | ':' | '"')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a list value (CATEGORIES) at unescaped commas, then unescapes
/// each item.
pub fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push('\\');
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ',' => items.push(unescape(&std::mem::take(&mut current))),
            c => current.push(c),
        }
    }
    items.push(unescape(&current));
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Writes a URI value (URL): any byte that may not stand in a URI as it is
/// (a control character, a space, or a byte of a non-ASCII character) is
/// percent-encoded, so no stored address, however it got there, can end
/// the line. Addresses stored through [`crate::text`]'s rule are already
/// in this form and are copied unchanged.
pub fn uri(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut run = 0;
    for (i, c) in value.char_indices() {
        if ('\u{21}'..'\u{7F}').contains(&c) {
            continue;
        }
        out.push_str(&value[run..i]);
        let mut buf = [0; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
        run = i + c.len_utf8();
    }
    out.push_str(&value[run..]);
}

/// Writes one content line, folded so that no physical line is longer than
/// 75 octets and no UTF-8 character is split, ending every line with CRLF.
/// A content line may hold no control character but TAB (RFC 5545 3.1):
/// any that reaches here (a value written without [`escape`] or [`uri`])
/// is dropped, so that no value can ever end a line or start another.
pub fn fold(line: &str, out: &mut String) {
    let cleaned;
    let line = if has_control(line.as_bytes()) {
        cleaned = without_controls(line);
        cleaned.as_str()
    } else {
        line
    };
    let mut rest = line;
    let mut room = LINE_OCTETS;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // A continuation line starts with the space, which counts.
        room = LINE_OCTETS - 1;
    }
}

/// Whether UTF-8 `bytes` hold a control character but TAB (C0, DEL, or a
/// C1 control, which is 0xC2 then 0x80 to 0x9F).
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\t')
            || b == 0x7F
            || (b == 0xC2 && matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
    })
}

/// `line` without its control characters but TAB (C0, DEL and C1).
fn without_controls(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect()
}

/// One unfolded content line and the physical line it started on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logical {
    pub line: usize,
    pub text: String,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub line: usize,
    pub message: String,
}

/// Unfolds a file's bytes into content lines. Accepts CRLF or bare LF line
/// ends, a leading byte-order mark, folds with a space or a TAB, and a UTF-8
/// character split across a fold (the bytes are joined before decoding).
/// Blank lines are ignored. Bytes that are not UTF-8 are an error naming
/// the line.
///
/// The `ical` crate's own line reader decodes each physical line on its
/// own, so it stops at a character split by a fold, and it trims spaces
/// at the ends of lines; this unfolding runs first so that neither matters.
pub fn unfold(bytes: &[u8]) -> Result<Vec<Logical>, TextError> {
    use std::borrow::Cow;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut lines: Vec<(usize, Cow<[u8]>)> = Vec::new();
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let number = index + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match raw.first() {
            None => continue,
            Some(b' ' | b'\t') => match lines.last_mut() {
                Some((_, current)) => current.to_mut().extend_from_slice(&raw[1..]),
                None => return Err(TextError {
                    line: number,
                    message:
                        "the file starts with a folded (indented) line; expected BEGIN:VCALENDAR"
                            .into(),
                }),
            },
            Some(_) => lines.push((number, Cow::Borrowed(raw))),
        }
    }
    lines
        .into_iter()
        .map(|(line, raw)| {
            let text = match raw {
                Cow::Borrowed(b) => std::str::from_utf8(b).map(str::to_string).ok(),
                Cow::Owned(v) => String::from_utf8(v).ok(),
            };
            text.map(|text| Logical { line, text })
                .ok_or_else(|| TextError {
                    line,
                    message: "the text is not UTF-8; save the calendar as UTF-8 and try again"
                        .into(),
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape(text, &mut out);
        out
    }

    /// The rule as RFC 5545 states it, character by character: what the
    /// run-copying [`escape`] must agree with.
    pub(super) fn escape_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push_str("\\n");
                }
                '\n' => out.push_str("\\n"),
                c if c.is_control() && c != '\t' => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_drops_control_characters_but_tab() {
        let text = "a\u{0}b\u{1f}c\u{7f}d\u{80}e\u{85}f\u{9f}g\u{a0}h\ti\r\rj\n\rk\u{c2}";
        assert_eq!(escaped(text), "abcdefg\u{a0}h\ti\\n\\nj\\n\\nk\u{c2}");
        assert_eq!(escaped(text), escape_by_char(text));
    }

    #[test]
    fn escaping_is_exact_both_ways() {
        let text = "Tea, cake; and \\ talk\nSecond line";
        let e = escaped(text);
        assert_eq!(e, "Tea\\, cake\\; and \\\\ talk\\nSecond line");
        assert_eq!(unescape(&e), text);
        assert_eq!(escaped("a\r\nb"), "a\\nb");
        assert_eq!(unescape("a\\Nb\\,c"), "a\nb,c");
        // A backslash then n in the original survives a round trip.
        assert_eq!(unescape(&escaped("C:\\new")), "C:\\new");
    }

    #[test]
    fn uri_values_percent_encode_what_cannot_stand_in_a_line() {
        let mut out = String::new();
        uri("https://x.org/a?b=c&d=%20#e", &mut out);
        assert_eq!(
            out, "https://x.org/a?b=c&d=%20#e",
            "a normal address is unchanged"
        );
        out.clear();
        uri(
            "https://x.org/\r\nEND:VEVENT\rUID:evil é\u{1b}\u{85}",
            &mut out,
        );
        assert_eq!(
            out,
            "https://x.org/%0D%0AEND:VEVENT%0DUID:evil%20%C3%A9%1B%C2%85"
        );
    }

    #[test]
    fn folding_drops_any_control_character_that_reaches_it() {
        let mut out = String::new();
        fold(
            "URL:https://x.org/\r\nEND:VEVENT\rX\u{0}\u{1b}\u{7f}\u{85}\t\u{a3}",
            &mut out,
        );
        assert_eq!(out, "URL:https://x.org/END:VEVENTX\t\u{a3}\r\n");
        let long = format!("X:{}\n{}", "a".repeat(80), "\u{9f}".repeat(40));
        let mut out = String::new();
        fold(&long, &mut out);
        assert!(!out
            .trim_end_matches("\r\n")
            .replace("\r\n ", "")
            .contains(['\r', '\n']));
    }

    #[test]
    fn lists_split_at_unescaped_commas_only() {
        assert_eq!(
            split_list("Education,Health\\, and wellbeing, London"),
            vec!["Education", "Health, and wellbeing", "London"]
        );
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let mut out = String::new();
        fold(&line, &mut out);
        assert!(out.ends_with("\r\n"));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        // Unfolding gives back the line exactly.
        let back = unfold(out.as_bytes()).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].text, line);
        // Short lines are not folded.
        let mut out = String::new();
        fold("VERSION:2.0", &mut out);
        assert_eq!(out, "VERSION:2.0\r\n");
        // Exactly 75 octets stays one line; 76 folds.
        let mut out = String::new();
        fold(&"A".repeat(75), &mut out);
        assert_eq!(out.matches("\r\n").count(), 1);
        let mut out = String::new();
        fold(&"A".repeat(76), &mut out);
        assert_eq!(out, format!("{}\r\n A\r\n", "A".repeat(75)));
    }

    #[test]
    fn unfolds_tabs_lf_bom_and_split_characters() {
        // "é" is C3 A9: split across a fold with a TAB, LF line ends, a BOM.
        let mut bytes =
            b"\xEF\xBB\xBFBEGIN:VCALENDAR\nSUMMARY:Caf\xC3\n\t\xA9 ok\n\nEND:VCALENDAR\n".to_vec();
        let lines = unfold(&bytes).unwrap();
        assert_eq!(lines[0].text, "BEGIN:VCALENDAR");
        assert_eq!(lines[1].text, "SUMMARY:Café ok");
        assert_eq!(lines[1].line, 2);
        assert_eq!(lines[2].line, 5);
        bytes[20] = 0xFF;
        let err = unfold(&bytes).unwrap_err();
        assert_eq!(err.line, 2);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn escape_then_unescape_gives_the_text_back(text in "[^\\p{Cc}]{0,200}|[a-z,;\\\\\n é]{0,80}") {
            let mut e = String::new();
            escape(&text, &mut e);
            prop_assert!(!e.contains('\n'));
            prop_assert_eq!(unescape(&e), text);
        }

        #[test]
        fn escape_agrees_with_the_rule_char_by_char(
            text in "[^\\p{Cc}]{0,100}|[a-z,;\\\\\r\n\t\u{0}-\u{1f}\u{7f}-\u{a0}é€]{0,80}"
        ) {
            let mut e = String::new();
            escape(&text, &mut e);
            prop_assert_eq!(e, super::tests::escape_by_char(&text));
        }

        #[test]
        fn no_value_can_break_a_line(value in "\\PC{0,60}|[a-z:\r\n\t\u{0}-\u{1f}\u{7f}-\u{a0}]{0,60}") {
            let mut line = String::from("URL:");
            uri(&value, &mut line);
            line.push_str(";X:");
            escape(&value, &mut line);
            let mut out = String::new();
            fold(&line, &mut out);
            let body = out.strip_suffix("\r\n").unwrap();
            for physical in body.split("\r\n ") {
                prop_assert!(!physical.chars().any(|c| c.is_control() && c != '\t'), "{out:?}");
            }
            let mut raw = String::from("X:");
            raw.push_str(&value);
            let mut out = String::new();
            fold(&raw, &mut out);
            let body = out.strip_suffix("\r\n").unwrap();
            for physical in body.split("\r\n ") {
                prop_assert!(!physical.chars().any(|c| c.is_control() && c != '\t'), "{out:?}");
            }
        }

        #[test]
        fn fold_then_unfold_gives_the_line_back(value in "[^\\p{Cc}]{0,400}") {
            let line = format!("DESCRIPTION:{value}");
            let mut out = String::new();
            fold(&line, &mut out);
            for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
                prop_assert!(physical.len() <= LINE_OCTETS);
            }
            let back = unfold(out.as_bytes()).unwrap();
            prop_assert_eq!(back.len(), 1);
            prop_assert_eq!(&back[0].text, &line);
        }
    }
}
