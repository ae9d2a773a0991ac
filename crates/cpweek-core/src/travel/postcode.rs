//! UK postcodes as travel reads them: a full postcode (`SW1P 3BT`) or, for
//! travel only, a postcode district alone (its outward code, `SW1P`).
//!
//! A full postcode is normalised by the same rule as every postcode field
//! ([`crate::text::normalise_postcode`]): capitals, one space before the
//! inward code (`sw1p3bt` becomes `SW1P 3BT`). An outcode has one of the
//! shapes A9, A99, AA9, AA99, A9A, AA9A (`M1`, `B33`, `SW1P`, `W1A`).

use crate::error::{Error, FieldError};
use crate::text::{normalise_postcode, quoted};

/// What a person is told a postcode looks like.
pub const EXPECTED: &str =
    "expected a UK postcode such as SW1P 3BT, or a postcode district (its first half) such as SW1P";

/// A postcode read for travel, in its normal form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Postcode {
    /// A whole postcode: `SW1P 3BT`.
    Full(String),
    /// A postcode district alone: `SW1P`.
    Outcode(String),
}

impl Postcode {
    /// Reads `text` as a full postcode or an outcode; `None` when it is
    /// neither.
    pub fn parse(text: &str) -> Option<Postcode> {
        if let Some(full) = normalise_postcode(text) {
            return Some(Postcode::Full(full));
        }
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        is_outcode(&compact).then_some(Postcode::Outcode(compact))
    }

    /// Reads a postcode a person typed into `field` (named `label` in the
    /// message: `--from`, `home base`), refusing anything else with a
    /// message that says what a postcode looks like.
    pub fn read(text: &str, field: &'static str, label: &str) -> Result<Postcode, Error> {
        let t = text.trim();
        if t.is_empty() {
            return Err(Error::Invalid(vec![FieldError::new(
                field,
                format!("{label} is missing; {EXPECTED}"),
            )]));
        }
        Postcode::parse(t).ok_or_else(|| {
            Error::Invalid(vec![FieldError::new(
                field,
                format!("{label} \"{}\" is not a UK postcode; {EXPECTED}", quoted(t)),
            )])
        })
    }

    /// Reads the two ends of a journey (fields `from` and `to`, named
    /// `labels` in messages), reporting both when both are at fault.
    pub fn read_journey(
        from: &str,
        to: &str,
        labels: (&str, &str),
    ) -> Result<(Postcode, Postcode), Error> {
        match (
            Postcode::read(from, "from", labels.0),
            Postcode::read(to, "to", labels.1),
        ) {
            (Ok(from), Ok(to)) => Ok((from, to)),
            (from, to) => Err(Error::Invalid(
                [from.err(), to.err()]
                    .into_iter()
                    .flatten()
                    .flat_map(|e| match e {
                        Error::Invalid(faults) => faults,
                        other => vec![FieldError::new("postcode", other.to_string())],
                    })
                    .collect(),
            )),
        }
    }

    /// The normal form: `SW1P 3BT` or `SW1P`.
    pub fn as_str(&self) -> &str {
        match self {
            Postcode::Full(s) | Postcode::Outcode(s) => s,
        }
    }

    /// The postcode district: `SW1P` of `SW1P 3BT`.
    pub fn outcode(&self) -> &str {
        match self {
            Postcode::Full(s) => s.split(' ').next().unwrap_or(s),
            Postcode::Outcode(s) => s,
        }
    }

    /// The full postcode, if this is one.
    pub fn full(&self) -> Option<&str> {
        match self {
            Postcode::Full(s) => Some(s),
            Postcode::Outcode(_) => None,
        }
    }
}

impl std::fmt::Display for Postcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether `compact` (capitals, no spaces) is an outward code.
fn is_outcode(compact: &str) -> bool {
    let shape: String = compact
        .chars()
        .map(|c| match c {
            '0'..='9' => '9',
            'A'..='Z' => 'A',
            _ => '?',
        })
        .collect();
    matches!(
        shape.as_str(),
        "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_postcodes_are_normalised() {
        for (typed, normal) in [
            ("sw1p3bt", "SW1P 3BT"),
            ("  SW1P   3BT ", "SW1P 3BT"),
            ("m1 1aa", "M1 1AA"),
            ("b338th", "B33 8TH"),
            ("W1A 1AA", "W1A 1AA"),
            ("cr2 6xh", "CR2 6XH"),
            ("EH1 1YZ", "EH1 1YZ"),
        ] {
            let p = Postcode::parse(typed).unwrap_or_else(|| panic!("{typed}"));
            assert_eq!(p, Postcode::Full(normal.into()), "{typed}");
            assert_eq!(p.to_string(), normal);
        }
        assert_eq!(
            Postcode::parse("sw1p3bt").unwrap().outcode(),
            "SW1P",
            "the district of a full postcode"
        );
    }

    #[test]
    fn an_outcode_alone_is_accepted() {
        for (typed, normal) in [
            ("sw1p", "SW1P"),
            ("M1", "M1"),
            (" b33 ", "B33"),
            ("w1a", "W1A"),
            ("EC1A", "EC1A"),
        ] {
            let p = Postcode::parse(typed).unwrap_or_else(|| panic!("{typed}"));
            assert_eq!(p, Postcode::Outcode(normal.into()), "{typed}");
            assert_eq!(p.outcode(), normal);
            assert_eq!(p.full(), None);
        }
    }

    #[test]
    fn other_text_is_not_a_postcode() {
        for typed in [
            "",
            "S",
            "1AA",
            "SW1P 3B",
            "SW1P 3BTX",
            "SWAP",
            "S W 1 P 3 B T X",
            "SW1P-3BT",
            "London",
            "ＳＷ１Ｐ",
            "12345",
        ] {
            assert_eq!(Postcode::parse(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn a_bad_postcode_is_refused_naming_the_field_and_the_shape() {
        let Err(Error::Invalid(faults)) = Postcode::read("London\u{1b}[2J", "from", "--from")
        else {
            panic!("should be refused")
        };
        assert_eq!(faults.len(), 1);
        assert_eq!(faults[0].field, "from");
        let m = &faults[0].message;
        assert!(m.starts_with("--from \"London"), "{m}");
        assert!(m.contains("SW1P 3BT") && m.contains("SW1P"), "{m}");
        assert!(!m.contains('\u{1b}'), "{m}");
        let Err(Error::Invalid(faults)) = Postcode::read("  ", "to", "--to") else {
            panic!("should be refused")
        };
        assert_eq!(faults[0].message, format!("--to is missing; {EXPECTED}"));
    }
}
