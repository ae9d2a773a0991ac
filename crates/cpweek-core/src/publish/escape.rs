//! Text made safe for each format it is published in. Each function takes
//! text as a person or a calendar file gave it and returns it so that it is
//! read back as that same text, never as markup, a formula or a new line of
//! the format.
//!
//! - [`html`]: HTML content and attribute values (the feed server's index
//!   page, later web pages).
//! - [`ical_text`]: iCalendar TEXT values (RFC 5545 3.3.11); the escaping
//!   itself lives with the rest of RFC 5545's text layer, in
//!   [`crate::ics::text`].
//! - [`csv_field`]: one CSV field (RFC 4180), with spreadsheet formulas
//!   neutralised.
//! - [`xml_text`], [`xml_attribute`]: XML 1.0 character data and attribute
//!   values (later documents and the exchange pack).

/// Whether a character is a control that no text format here carries:
/// C0 controls but TAB, LF and CR; DEL; C1 controls.
fn stray_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Escapes text for HTML content and for attribute values in double or
/// single quotes: `&`, `<`, `>`, `"` and `'` become references; stray
/// control characters (which HTML does not allow) are dropped.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if stray_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends an iCalendar TEXT value to `out`: backslash, semicolon, comma
/// escaped; every line break (CR, LF or CRLF) written as `\n`, so no value
/// can start a new property; other control characters dropped. See
/// [`crate::ics::text::escape`].
pub fn ical_text(text: &str, out: &mut String) {
    crate::ics::text::escape(text, out);
}

/// One CSV field (RFC 4180). A value a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, TAB or CR) is prefixed with `'`, so it
/// is shown as text and never run (OWASP's advice on CSV injection). A
/// field holding a comma, double quote or line break is quoted, its quotes
/// doubled. For text people typed; numbers the program writes itself need
/// none of this.
pub fn csv_field(text: &str) -> String {
    let text = csv_text(text);
    let quote = text.contains([',', '"', '\r', '\n']);
    let mut out = String::with_capacity(text.len() + 3);
    if quote {
        out.push('"');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
    out
}

/// One spreadsheet cell's text, before a CSV writer quotes it: stray
/// control characters dropped, and a value a spreadsheet would read as a
/// formula (starting with `=`, `+`, `-`, `@`, TAB or CR) prefixed with `'`,
/// so it is shown as text and never run (OWASP's advice on CSV injection).
/// [`csv_field`] is this and RFC 4180's quoting; a writer that quotes
/// (the `csv` crate) takes this.
pub fn csv_text(text: &str) -> String {
    let text: String = text.chars().filter(|&c| !stray_control(c)).collect();
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// XML 1.0 character data: `&`, `<` and `>` escaped (so `]]>` cannot
/// appear), CR kept as a reference (a parser would turn a literal one into
/// LF), and characters XML does not allow dropped.
pub fn xml_text(text: &str) -> String {
    xml(text, false)
}

/// An XML 1.0 attribute value in double or single quotes: as [`xml_text`],
/// and quotes escaped; TAB, LF and CR kept as references, since a parser
/// turns literal ones into spaces.
pub fn xml_attribute(text: &str) -> String {
    xml(text, true)
}

fn xml(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            // XML 1.0 allows no C0 control but TAB, LF and CR, nor U+FFFE
            // or U+FFFF; C1 controls and DEL are allowed but never meant.
            c if stray_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes_and_drops_controls() {
        assert_eq!(
            html("<b>\"Tom & Jerry's\"</b>"),
            "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;"
        );
        assert_eq!(html("a\u{0}b\u{1b}[31mc\u{85}d"), "ab[31mcd");
        assert_eq!(html("Café\tcake\n"), "Café\tcake\n");
        assert_eq!(
            html("&amp;"),
            "&amp;amp;",
            "escaped once more, never undone"
        );
    }

    #[test]
    fn ical_text_cannot_start_a_new_property() {
        let mut out = String::new();
        ical_text("Tea\r\nEND:VEVENT\rBEGIN:VEVENT\nUID:x; a, b\\", &mut out);
        assert_eq!(out, "Tea\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:x\\; a\\, b\\\\");
        assert!(!out.contains(['\r', '\n']));
    }

    #[test]
    fn csv_fields_never_run_as_formulas() {
        for (text, want) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+44 20 7664 3000", "'+44 20 7664 3000"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("Kent open day", "Kent open day"),
            ("a=b", "a=b"),
            ("Tea, cake", "\"Tea, cake\""),
            ("two\nlines", "\"two\nlines\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("", ""),
            ("\u{0}=1", "'=1"),
        ] {
            assert_eq!(csv_field(text), want, "{text:?}");
        }
    }

    #[test]
    fn xml_text_and_attributes_read_back_as_the_same_text() {
        assert_eq!(
            xml_text("a < b && c > d ]]>"),
            "a &lt; b &amp;&amp; c &gt; d ]]&gt;"
        );
        assert_eq!(xml_text("\"quoted\" 'too'\n"), "\"quoted\" 'too'\n");
        assert_eq!(xml_text("line\r\nend"), "line&#13;\nend");
        assert_eq!(xml_text("bell\u{7}\u{1b}\u{FFFF}x"), "bellx");
        assert_eq!(
            xml_attribute("a\"b'c\td\ne<f"),
            "a&quot;b&apos;c&#9;d&#10;e&lt;f"
        );
        assert_eq!(xml_attribute("Café"), "Café");
    }
}
