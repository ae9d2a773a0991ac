//! The text rules, once, for every field a person or a file gives: what a
//! one-line field, a multi-line field, a web address, a UID, an e-mail
//! address, a phone number and a UK postcode may hold, and the normal form
//! each is stored in (what is stored is exactly what was checked). Every
//! field's rule and limit is listed at the end ([`TITLE`], [`VENUE`], ...).
//! And [`shown`]: text made safe to show on a terminal or in a message.
//!
//! The rules, as decided:
//! - Text is trimmed at both ends (spaces, tabs and line breaks there are
//!   dropped) and lengths count characters, after trimming.
//! - A **one-line** field holds no hidden character (see [`is_hidden`]):
//!   no control character at all (C0 such as TAB, CR, LF and ESC; DEL; the
//!   C1 controls), no line or paragraph separator (U+2028, U+2029), and no
//!   bidirectional control (the embeddings, overrides and isolates U+202A
//!   to U+202E and U+2066 to U+2069, and the marks U+200E, U+200F, U+061C),
//!   which can make text show in another order than it is stored. Right-to-
//!   left scripts show correctly without them.
//! - A **multi-line** field (description, review note, address): CR LF, a
//!   lone CR, NEL (U+0085), U+2028 and U+2029 are line breaks, stored as LF;
//!   TAB is allowed; any other hidden character is refused.
//! - A **web address**: `http` or `https`, a host name with a dot, no user
//!   name or password, no space or hidden character anywhere (they are
//!   refused, never stripped), stored in the normal form the `url` crate
//!   writes (host lower-cased, other characters percent-encoded), at most
//!   2,000 characters.
//! - A **UID**: one line, at most 255 characters.
//! - An **e-mail address**, a **phone number** and a **UK postcode**: one
//!   line, then their own shapes (a postcode is stored as `ME14 1XQ`).
//!
//! Messages name the field and what is expected, and quote the input
//! through [`shown`], so they never carry a raw control character.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use crate::error::FieldError;

/// What a field may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// One line of text, at most `max` characters.
    OneLine {
        max: usize,
    },
    /// Lines of text, at most `max` characters in all.
    MultiLine {
        max: usize,
    },
    /// An http or https address.
    WebAddress,
    /// An iCalendar UID.
    Uid,
    Email,
    Phone,
    Postcode,
}

/// A field of input and the rule it meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// As the form, the CLI and IPC name it: `booking_url`.
    pub name: &'static str,
    /// As messages name it: "booking link".
    pub label: &'static str,
    pub rule: Rule,
}

impl Field {
    pub const fn new(name: &'static str, label: &'static str, rule: Rule) -> Field {
        Field { name, label, rule }
    }

    /// Checks `text` and gives its normal form; empty (once trimmed) is
    /// `None`.
    pub fn optional(&self, text: &str) -> Result<Option<String>, FieldError> {
        let t = text.trim();
        if !t.chars().any(|c| !c.is_whitespace() && !is_invisible(c)) {
            return Ok(None);
        }
        self.check(t)
            .map(Some)
            .map_err(|why| FieldError::new(self.name, why))
    }

    /// Checks `text`, which must be given, and gives its normal form.
    pub fn required(&self, text: &str) -> Result<String, FieldError> {
        self.optional(text)?
            .ok_or_else(|| FieldError::new(self.name, format!("{} is required", self.label)))
    }

    /// `t` is trimmed and not empty.
    fn check(&self, t: &str) -> Result<String, String> {
        let label = self.label;
        match self.rule {
            Rule::OneLine { max } => {
                one_line(label, t)?;
                within(label, t, max)?;
                Ok(t.to_string())
            }
            Rule::MultiLine { max } => {
                let text = multi_line(label, t)?;
                within(label, &text, max)?;
                Ok(text)
            }
            Rule::Uid => {
                one_line(label, t)?;
                within(label, t, UID_MAX)?;
                Ok(t.to_string())
            }
            Rule::WebAddress => web_address(t).map_err(|why| {
                format!(
                    "{label} \"{}\" {why}; expected a web address like https://www.kent.gov.uk/events",
                    quoted(t)
                )
            }),
            Rule::Email => {
                one_line(label, t)?;
                if is_email(t) {
                    Ok(t.to_string())
                } else {
                    Err(format!(
                        "{label} \"{}\" is not an email address; expected one like name@kent.gov.uk",
                        quoted(t)
                    ))
                }
            }
            Rule::Phone => {
                one_line(label, t)?;
                if is_phone(t) {
                    Ok(t.to_string())
                } else {
                    Err(format!(
                        "{label} \"{}\" is not a phone number; expected one like 03000 41 41 41",
                        quoted(t)
                    ))
                }
            }
            Rule::Postcode => {
                one_line(label, t)?;
                normalise_postcode(t).ok_or_else(|| {
                    format!(
                        "{label} \"{}\" is not a UK postcode; expected one like ME14 1XQ",
                        quoted(t)
                    )
                })
            }
        }
    }
}

/// Whether `c` draws nothing at all (a zero-width space, joiner or
/// non-joiner, a word joiner, a byte order mark, a variation selector): text
/// made only of these and spaces counts as not given, so a title of one
/// zero-width space is "required", not published blank.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' | '\u{FE00}'..='\u{FE0F}'
    )
}

/// Whether `c` is hidden or changes how text around it shows: a control
/// character (C0, DEL, C1), a line or paragraph separator, or a
/// bidirectional control or mark.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
        )
}

/// The first hidden character (see [`is_hidden`]) of one line of a file,
/// where a tab is allowed: its position, counted in characters from 1, and
/// what it is, for a message (`a control character (\u{1b})`).
pub fn first_hidden_in_line(line: &str) -> Option<(usize, String)> {
    line.chars()
        .enumerate()
        .find(|&(_, c)| c != '\t' && is_hidden(c))
        .map(|(i, c)| (i + 1, describe(c)))
}

/// What a hidden character is, for a message: `a line break (\n)`.
fn describe(c: char) -> String {
    let kind = match c {
        '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => "a line break",
        '\t' => "a tab",
        c if c.is_control() => "a control character",
        _ => "a direction control",
    };
    format!("{kind} ({})", shown(&c.to_string()))
}

fn one_line(label: &str, t: &str) -> Result<(), String> {
    match t.chars().enumerate().find(|(_, c)| is_hidden(*c)) {
        None => Ok(()),
        Some((i, c)) => Err(format!(
            "{label} must be one line of text without control characters; it has {} at character {}",
            describe(c),
            i + 1
        )),
    }
}

/// Line breaks as LF; refuses any other hidden character but TAB.
fn multi_line(label: &str, t: &str) -> Result<String, String> {
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' => {
                chars.next_if(|(_, n)| *n == '\n');
                out.push('\n');
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push('\t'),
            c if is_hidden(c) => {
                return Err(format!(
                    "{label} may hold text, line breaks and tabs only; it has {} at character {}",
                    describe(c),
                    i + 1
                ))
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

fn within(label: &str, t: &str, max: usize) -> Result<(), String> {
    let n = t.chars().count();
    if n > max {
        return Err(format!(
            "{label} is {n} characters; it must be {max} characters or fewer"
        ));
    }
    Ok(())
}

/// Lines given as one (a calendar's LOCATION for the one-line venue): each
/// line trimmed, empty ones dropped, the rest joined with ", ".
pub fn joined_lines(text: &str) -> String {
    text.split(['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A web address in its normal form, or why it is not one.
fn web_address(t: &str) -> Result<String, String> {
    if let Some((i, c)) = t
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_whitespace() || is_hidden(*c))
    {
        let what = if is_hidden(c) {
            describe(c)
        } else {
            "a space".to_string()
        };
        return Err(format!("has {what} at character {}", i + 1));
    }
    let too_long =
        |n: usize| format!("is {n} characters; it must be {URL_MAX} characters or fewer");
    let n = t.chars().count();
    if n > URL_MAX {
        return Err(too_long(n));
    }
    let url = url::Url::parse(t).map_err(|_| "is not a web address".to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("must start with https:// or http://".into());
    }
    if url.host_str().is_none_or(|h| !h.contains('.')) {
        return Err("has no website name".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("has a user name or password before the website name".into());
    }
    let normal = String::from(url);
    let n = normal.chars().count();
    if n > URL_MAX {
        return Err(too_long(n));
    }
    Ok(normal)
}

fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"".contains(c));
    domain_ok && local_ok && text.len() <= 254
}

fn is_phone(text: &str) -> bool {
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    text.chars()
        .all(|c| c.is_ascii_digit() || " +()-".contains(c))
        && (10..=15).contains(&digits)
}

/// A UK postcode in its standard form ("me141xq" → "ME14 1XQ"), or None.
pub fn normalise_postcode(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if compact == "GIR0AA" {
        return Some("GIR 0AA".into());
    }
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    // Outward codes: A9, A99, AA9, AA99, A9A, AA9A.
    let shape: String = outward
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '9'
            } else if c.is_ascii_alphabetic() {
                'A'
            } else {
                '?'
            }
        })
        .collect();
    let outward_ok = matches!(
        shape.as_str(),
        "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
    );
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

/// The years a programme, an event or a conference may fall in.
pub const YEARS: RangeInclusive<i32> = 2000..=2100;

/// Refuses a date outside [`YEARS`], naming the field.
pub fn check_year(field: &'static str, label: &str, date: NaiveDate) -> Result<(), FieldError> {
    if YEARS.contains(&date.year()) {
        return Ok(());
    }
    Err(FieldError::new(
        field,
        format!(
            "{label} {date} is not a year a programme could run in; expected a year from {} to {}",
            YEARS.start(),
            YEARS.end()
        ),
    ))
}

/// `text` safe to show on a terminal or in a message: every hidden
/// character (see [`is_hidden`]) written as an escape, `\r`, `\n`, `\t` or
/// `\u{1b}`. Other text, backslashes included, is left as it is.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` with its first letter a capital: "the LGA's" becomes "The LGA's".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Input quoted in a message: [`shown`], and cut to 80 characters.
pub fn quoted(text: &str) -> String {
    const MAX: usize = 80;
    let s = shown(text);
    if s.chars().count() <= MAX {
        return s.into_owned();
    }
    let mut cut: String = s.chars().take(MAX).collect();
    cut.push('…');
    cut
}

// The fields and their limits.

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const SHORT_TEXT_MAX: usize = 500;
pub const URL_MAX: usize = 2_000;
pub const UID_MAX: usize = 255;
pub const CONFERENCE_NAME_MAX: usize = 200;

pub const TITLE: Field = Field::new("title", "title", Rule::OneLine { max: TITLE_MAX });
pub const DESCRIPTION: Field = Field::new(
    "description",
    "description",
    Rule::MultiLine {
        max: DESCRIPTION_MAX,
    },
);
pub const VENUE: Field = Field::new(
    "venue",
    "venue",
    Rule::OneLine {
        max: SHORT_TEXT_MAX,
    },
);
pub const ADDRESS: Field = Field::new(
    "address",
    "address",
    Rule::MultiLine {
        max: SHORT_TEXT_MAX,
    },
);
pub const POSTCODE: Field = Field::new("postcode", "postcode", Rule::Postcode);
pub const CONTACT_NAME: Field = Field::new(
    "contact_name",
    "contact name",
    Rule::OneLine {
        max: SHORT_TEXT_MAX,
    },
);
pub const CONTACT_EMAIL: Field = Field::new("contact_email", "contact email", Rule::Email);
pub const CONTACT_PHONE: Field = Field::new("contact_phone", "contact phone", Rule::Phone);
pub const BOOKING_URL: Field = Field::new("booking_url", "booking link", Rule::WebAddress);
pub const UID: Field = Field::new("uid", "UID", Rule::Uid);
/// The LGA's note when it returns an event, and the reason for a
/// cancellation.
pub const NOTE: Field = Field::new(
    "note",
    "note",
    Rule::MultiLine {
        max: DESCRIPTION_MAX,
    },
);
pub const REASON: Field = Field::new(
    "reason",
    "reason",
    Rule::MultiLine {
        max: DESCRIPTION_MAX,
    },
);
pub const CONFERENCE_NAME: Field = Field::new(
    "name",
    "name",
    Rule::OneLine {
        max: CONFERENCE_NAME_MAX,
    },
);
pub const CONFERENCE_VENUE: Field = Field::new(
    "venue",
    "venue",
    Rule::OneLine {
        max: SHORT_TEXT_MAX,
    },
);

// The people who may be asked to attend, and requests for them (issue 9).
const fn one_line_field(name: &'static str, label: &'static str, max: usize) -> Field {
    Field::new(name, label, Rule::OneLine { max })
}
const fn lines_field(name: &'static str, label: &'static str, max: usize) -> Field {
    Field::new(name, label, Rule::MultiLine { max })
}
pub const PERSON_NAME: Field = one_line_field("name", "name", TITLE_MAX);
pub const PERSON_TITLE: Field = one_line_field("title", "title", SHORT_TEXT_MAX);
pub const ORGANISATION: Field = one_line_field("organisation", "organisation", SHORT_TEXT_MAX);
pub const OFFICE: Field = one_line_field("office", "office requests go through", SHORT_TEXT_MAX);
pub const BASE_NAME: Field = one_line_field("base_name", "home base", SHORT_TEXT_MAX);
pub const BASE_POSTCODE: Field = Field::new("base", "home base postcode", Rule::Postcode);
pub const BACKGROUND: Field = lines_field("notes", "background notes", DESCRIPTION_MAX);
pub const SOURCE: Field = one_line_field("source", "source", SHORT_TEXT_MAX);
pub const CASE: Field = lines_field("case", "case for attending", DESCRIPTION_MAX);
pub const OVERRIDE: Field = lines_field(
    "override",
    "reason for overriding the clash",
    DESCRIPTION_MAX,
);

#[cfg(test)]
mod tests {
    use super::*;

    fn why(field: Field, text: &str) -> String {
        field.optional(text).unwrap_err().message
    }

    #[test]
    fn text_of_only_invisible_characters_is_not_given() {
        for nothing in ["\u{200B}", " \u{FEFF} ", "\u{200D}\u{2060}", "\u{FE0F}"] {
            assert_eq!(TITLE.optional(nothing).unwrap(), None, "{nothing:?}");
            assert_eq!(
                TITLE.required(nothing).unwrap_err().message,
                "title is required"
            );
        }
        // Beside visible text they are kept (an emoji sequence needs its joiner).
        assert_eq!(TITLE.required("a\u{200D}b").unwrap(), "a\u{200D}b");
    }

    #[test]
    fn one_line_fields_refuse_every_hidden_character() {
        for (bad, what) in [
            ("Hall\r\nEND:VEVENT", "a line break (\\r)"),
            ("Hall\nRoom 2", "a line break (\\n)"),
            ("Hall\tRoom 2", "a tab (\\t)"),
            ("Hall\u{1b}[2J", "a control character (\\u{1b})"),
            ("Hall\u{7f}", "a control character (\\u{7f})"),
            ("Hall\u{9b}31m", "a control character (\\u{9b})"),
            ("Hall\u{0}", "a control character (\\u{0})"),
            ("Hall\u{2028}Room", "a line break (\\u{2028})"),
            ("Hall\u{202e}moor", "a direction control (\\u{202e})"),
            ("Hall\u{2066}x", "a direction control (\\u{2066})"),
        ] {
            let m = why(VENUE, bad);
            assert!(
                m.starts_with("venue must be one line of text"),
                "{bad:?}: {m}"
            );
            assert!(m.contains(what), "{bad:?}: {m}");
            assert!(m.contains("at character 5"), "{bad:?}: {m}");
            assert!(!m.chars().any(is_hidden), "{m:?} is not safe to print");
        }
        // Ends are trimmed, and right-to-left text needs no control.
        assert_eq!(
            VENUE.optional(" \r\nقاعة المدينة\n").unwrap().as_deref(),
            Some("قاعة المدينة")
        );
        assert_eq!(VENUE.optional(" \t ").unwrap(), None);
        assert_eq!(
            TITLE.required("  ").unwrap_err().message,
            "title is required"
        );
    }

    #[test]
    fn lengths_count_characters_after_trimming() {
        let at_max = "é".repeat(TITLE_MAX);
        assert_eq!(TITLE.required(&format!("  {at_max}  ")).unwrap(), at_max);
        assert_eq!(
            why(TITLE, &"é".repeat(TITLE_MAX + 1)),
            "title is 201 characters; it must be 200 characters or fewer"
        );
        assert!(why(CONFERENCE_NAME, &"n".repeat(201)).contains("200 characters or fewer"));
        assert!(UID.optional(&"u".repeat(UID_MAX)).is_ok());
        assert!(why(UID, &"u".repeat(UID_MAX + 1)).contains("255 characters or fewer"));
        assert!(why(UID, "abc\r\nUID:evil").contains("UID must be one line"));
    }

    #[test]
    fn multi_line_fields_normalise_line_breaks_and_keep_tabs() {
        assert_eq!(
            DESCRIPTION
                .optional("One\r\nTwo\rThree\u{2028}Four\u{85}Five\n\tSix")
                .unwrap()
                .as_deref(),
            Some("One\nTwo\nThree\nFour\nFive\n\tSix")
        );
        let m = why(DESCRIPTION, "Tea\u{1b}]0;owned\u{7}");
        assert!(
            m.starts_with("description may hold text, line breaks and tabs only"),
            "{m}"
        );
        assert!(m.contains("\\u{1b}") && m.contains("character 4"), "{m}");
        assert!(why(ADDRESS, "1 High St\u{202e}").contains("direction control"));
        // The limit counts the stored (normalised) text: CRLF is one.
        let crlf = "a\r\n".repeat(DESCRIPTION_MAX / 2 - 1) + "a";
        assert!(DESCRIPTION.optional(&crlf).is_ok());
    }

    #[test]
    fn web_addresses_are_refused_not_stripped_and_stored_normalised() {
        let ok = |t: &str| BOOKING_URL.optional(t).unwrap().unwrap();
        assert_eq!(
            ok("https://www.kent.gov.uk/events"),
            "https://www.kent.gov.uk/events"
        );
        assert_eq!(
            ok("  HTTPS://WWW.Kent.gov.uk  "),
            "https://www.kent.gov.uk/"
        );
        assert_eq!(
            ok("https://example.org/café?q=a b"
                .replace(' ', "%20")
                .as_str()),
            "https://example.org/caf%C3%A9?q=a%20b"
        );
        for (bad, expected) in [
            (
                "https://x.org/\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil",
                "has a line break (\\r) at character 15",
            ),
            ("https://x.org/\rEND", "a line break (\\r)"),
            ("https://x.org/a\tb", "a tab (\\t)"),
            ("https://x.org/a b", "has a space at character 16"),
            ("https://x.org/\u{1b}[0m", "a control character (\\u{1b})"),
            ("javascript:alert(1)", "must start with https:// or http://"),
            ("www.kent.gov.uk", "is not a web address"),
            ("https://localhost/", "has no website name"),
            (
                "https://www.kent.gov.uk@evil.example/",
                "user name or password",
            ),
        ] {
            let m = why(BOOKING_URL, bad);
            assert!(m.starts_with("booking link \""), "{bad:?}: {m}");
            assert!(m.contains(expected), "{bad:?}: {m}");
            assert!(!m.chars().any(is_hidden), "{m:?}");
        }
        let long = format!("https://x.org/{}", "a".repeat(URL_MAX));
        assert!(why(BOOKING_URL, &long).contains("2000 characters or fewer"));
        // Percent-encoding may make a short address too long.
        let grows = format!("https://x.org/{}", "é".repeat(URL_MAX / 2));
        assert!(why(BOOKING_URL, &grows).contains("2000 characters or fewer"));
    }

    #[test]
    fn postcodes_emails_and_phones() {
        assert_eq!(normalise_postcode("me141xq").as_deref(), Some("ME14 1XQ"));
        assert_eq!(normalise_postcode("SW1A 2AA").as_deref(), Some("SW1A 2AA"));
        assert_eq!(normalise_postcode("M1 1AE").as_deref(), Some("M1 1AE"));
        assert_eq!(normalise_postcode("B33 8TH").as_deref(), Some("B33 8TH"));
        assert_eq!(normalise_postcode("EC1A 1BB").as_deref(), Some("EC1A 1BB"));
        assert_eq!(normalise_postcode("XYZ"), None);
        assert_eq!(normalise_postcode("12345"), None);
        assert_eq!(normalise_postcode("ME14 XQ1"), None);
        assert!(why(POSTCODE, "ME14\n1XQ").contains("one line"));
        assert!(is_email("events@kent.gov.uk"));
        assert!(!is_email("events@kent"));
        assert!(!is_email("events kent.gov.uk"));
        assert!(!is_email("a b@kent.gov.uk"));
        assert!(why(CONTACT_EMAIL, "a\u{1b}@kent.gov.uk").contains("one line"));
        assert!(is_phone("03000 41 41 41"));
        assert!(is_phone("+44 (0)1622 694000"));
        assert!(!is_phone("call me"));
        assert!(!is_phone("123"));
        assert!(why(CONTACT_PHONE, "03000 41\n41 41").contains("one line"));
    }

    #[test]
    fn years_are_2000_to_2100() {
        let d = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        assert!(check_year("start_date", "start date", d(2000)).is_ok());
        assert!(check_year("start_date", "start date", d(2100)).is_ok());
        let e = check_year("start_date", "start date", d(1999)).unwrap_err();
        assert_eq!(e.field, "start_date");
        assert!(e.message.contains("from 2000 to 2100"), "{}", e.message);
        assert!(check_year("end_date", "end date", d(9999)).is_err());
        assert!(check_year("end_date", "end date", d(0)).is_err());
    }

    #[test]
    fn a_line_of_a_file_may_hold_tabs_but_no_other_hidden_character() {
        assert_eq!(first_hidden_in_line("\tIndented\tText"), None);
        assert_eq!(
            first_hidden_in_line("ab\u{0}c"),
            Some((3, "a control character (\\u{0})".to_string()))
        );
        assert_eq!(
            first_hidden_in_line("a\rb"),
            Some((2, "a line break (\\r)".to_string()))
        );
        let (at, what) = first_hidden_in_line("é\u{202e}").unwrap();
        assert_eq!((at, what.starts_with("a direction control")), (2, true));
    }

    #[test]
    fn shown_text_has_no_hidden_character() {
        assert_eq!(shown("plain C:\\new"), "plain C:\\new");
        assert!(matches!(shown("plain"), Cow::Borrowed(_)));
        assert_eq!(
            shown("a\r\nb\tc\u{1b}[31md\u{202e}e\u{9b}"),
            "a\\r\\nb\\tc\\u{1b}[31md\\u{202e}e\\u{9b}"
        );
        assert_eq!(quoted(&"x".repeat(100)), format!("{}…", "x".repeat(80)));
        assert_eq!(
            joined_lines("Town Hall\n Albert Square \r\n\nM60 2LA"),
            "Town Hall, Albert Square, M60 2LA"
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn whatever_is_accepted_is_stored_safe(text in "\\PC{0,40}|[a-z\r\n\t\u{0}-\u{1f}\u{7f}-\u{9f}\u{2028}\u{202e} ]{0,40}") {
            for field in [TITLE, VENUE, UID, CONTACT_NAME, CONFERENCE_NAME] {
                if let Ok(Some(v)) = field.optional(&text) {
                    prop_assert!(!v.chars().any(is_hidden), "{field:?} kept {v:?}");
                }
            }
            for field in [DESCRIPTION, ADDRESS, NOTE] {
                if let Ok(Some(v)) = field.optional(&text) {
                    prop_assert!(!v.chars().any(|c| is_hidden(c) && c != '\n' && c != '\t'), "{v:?}");
                    prop_assert!(!v.contains('\r'));
                }
            }
            if let Ok(Some(v)) = BOOKING_URL.optional(&text) {
                prop_assert!(!v.chars().any(|c| c.is_whitespace() || is_hidden(c)), "{v:?}");
            }
            prop_assert!(!shown(&text).chars().any(is_hidden));
            if let Err(e) = TITLE.optional(&text) {
                prop_assert!(!e.message.chars().any(is_hidden));
            }
        }
    }
}
