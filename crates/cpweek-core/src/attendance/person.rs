//! People who may be asked to attend events: the minister first, then
//! officials, LGA members and others, with what travel and briefings need.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::text;

/// What kind of person: it decides nothing yet but the report's grouping
/// (ministerial engagements are the figure the 2012 week was faulted on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum PersonKind {
    Minister,
    Official,
    LgaMember,
    Other,
}

impl PersonKind {
    pub const ALL: [PersonKind; 4] = [
        PersonKind::Minister,
        PersonKind::Official,
        PersonKind::LgaMember,
        PersonKind::Other,
    ];

    /// As stored, typed and sent: `lga-member`.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonKind::Minister => "minister",
            PersonKind::Official => "official",
            PersonKind::LgaMember => "lga-member",
            PersonKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PersonKind::Minister => "Minister",
            PersonKind::Official => "Official",
            PersonKind::LgaMember => "LGA member",
            PersonKind::Other => "Other",
        }
    }

    /// Reads a kind as typed (case and `_`/`-` ignored); refuses anything
    /// else, naming the field `kind` and the kinds there are.
    pub fn from_input(text: &str) -> Result<PersonKind> {
        let wanted = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        if wanted.is_empty() {
            return Err(Error::invalid(
                "kind",
                "the kind of person is missing; give minister, official, lga-member or other",
            ));
        }
        PersonKind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!(
                        "kind \"{}\" is not a kind of person; give minister, official, lga-member or other",
                        text::quoted(text.trim())
                    ),
                )
            })
    }
}

/// The least time between two engagements besides travel, unless a
/// person's own is given: time to arrive, be met and leave.
pub const CHANGEOVER_DEFAULT: u32 = 15;
/// The most change-over time a person may have (4 hours).
pub const CHANGEOVER_MAX: u32 = 240;

/// A person who may be asked to attend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// Their title as the source gives it.
    pub title: String,
    pub organisation: Option<String>,
    pub kind: PersonKind,
    /// The office requests go through (for a minister, the private office).
    pub office: Option<String>,
    /// Where each day's travel starts and ends: a name and a postcode.
    pub base_name: Option<String>,
    pub base_postcode: Option<String>,
    /// The home base for people: "Sanctuary Buildings, SW1P 3BT", either
    /// alone, or none when neither is given ([`home_label`]).
    pub home_label: Option<String>,
    pub changeover_minutes: u32,
    /// Background for briefing notes.
    pub notes: Option<String>,
    /// The source document that names them, and its date.
    pub source: Option<String>,
}

/// A person as typed: every field as text; empty means none (or, for the
/// change-over time, the default). Sent to the window filled in from a
/// person ([`Person::to_form`]) for the change form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PersonForm {
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub kind: String,
    pub office: String,
    pub base_name: String,
    pub base_postcode: String,
    pub changeover_minutes: String,
    pub notes: String,
    pub source: String,
}

/// A home base for people: its name and postcode, "Sanctuary Buildings,
/// SW1P 3BT", either alone, or none when neither is given.
pub fn home_label(name: Option<&str>, postcode: Option<&str>) -> Option<String> {
    match (name, postcode) {
        (Some(n), Some(p)) => Some(format!("{n}, {p}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
        (None, None) => None,
    }
}

impl Person {
    /// The form that would save this person unchanged.
    pub fn to_form(&self) -> PersonForm {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        PersonForm {
            name: self.name.clone(),
            title: self.title.clone(),
            organisation: text(&self.organisation),
            kind: self.kind.as_str().into(),
            office: text(&self.office),
            base_name: text(&self.base_name),
            base_postcode: text(&self.base_postcode),
            changeover_minutes: self.changeover_minutes.to_string(),
            notes: text(&self.notes),
            source: text(&self.source),
        }
    }
}

/// A person once every rule holds (no id yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFields {
    pub name: String,
    pub title: String,
    pub organisation: Option<String>,
    pub kind: PersonKind,
    pub office: Option<String>,
    pub base_name: Option<String>,
    pub base_postcode: Option<String>,
    pub changeover_minutes: u32,
    pub notes: Option<String>,
    pub source: Option<String>,
}

/// Checks every field of `form`, reporting every problem at once.
pub fn validate(form: &PersonForm) -> std::result::Result<PersonFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut keep = |r: std::result::Result<Option<String>, FieldError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let name = keep(text::PERSON_NAME.required(&form.name).map(Some));
    let title = keep(text::PERSON_TITLE.required(&form.title).map(Some));
    let organisation = keep(text::ORGANISATION.optional(&form.organisation));
    let office = keep(text::OFFICE.optional(&form.office));
    let base_name = keep(text::BASE_NAME.optional(&form.base_name));
    let base_postcode = keep(text::BASE_POSTCODE.optional(&form.base_postcode));
    let notes = keep(text::BACKGROUND.optional(&form.notes));
    let source = keep(text::SOURCE.optional(&form.source));
    let kind = match PersonKind::from_input(&form.kind) {
        Ok(k) => Some(k),
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
    };
    let changeover = changeover(&form.changeover_minutes);
    let changeover = match changeover {
        Ok(c) => Some(c),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    match (name, title, kind, changeover) {
        (Some(name), Some(title), Some(kind), Some(changeover_minutes)) if errors.is_empty() => {
            Ok(PersonFields {
                name,
                title,
                organisation,
                kind,
                office,
                base_name,
                base_postcode,
                changeover_minutes,
                notes,
                source,
            })
        }
        _ => Err(errors),
    }
}

fn changeover(text: &str) -> std::result::Result<u32, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(CHANGEOVER_DEFAULT);
    }
    t.parse::<u32>()
        .ok()
        .filter(|m| *m <= CHANGEOVER_MAX)
        .ok_or_else(|| {
            FieldError::new(
                "changeover_minutes",
                format!(
                    "change-over time \"{}\" is not a number of minutes from 0 to {CHANGEOVER_MAX}",
                    text::quoted(t)
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_home_base_reads_as_its_name_and_postcode_whichever_are_given() {
        let label = |n, p| home_label(n, p);
        assert_eq!(
            label(Some("Sanctuary Buildings"), Some("SW1P 3BT")).as_deref(),
            Some("Sanctuary Buildings, SW1P 3BT")
        );
        assert_eq!(label(None, Some("SW1P 3BT")).as_deref(), Some("SW1P 3BT"));
        assert_eq!(
            label(Some("Sanctuary Buildings"), None).as_deref(),
            Some("Sanctuary Buildings")
        );
        assert_eq!(label(None, None), None);
    }

    fn form() -> PersonForm {
        PersonForm {
            name: "Isabelle Trowler".into(),
            title: "Chief Social Worker for Children and Families".into(),
            kind: "official".into(),
            base_postcode: "sw1p3bt".into(),
            ..PersonForm::default()
        }
    }

    #[test]
    fn a_person_is_checked_and_stored_in_normal_form() {
        let p = validate(&form()).unwrap();
        assert_eq!(p.base_postcode.as_deref(), Some("SW1P 3BT"));
        assert_eq!(p.kind, PersonKind::Official);
        assert_eq!(p.changeover_minutes, CHANGEOVER_DEFAULT);
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let bad = PersonForm {
            name: " ".into(),
            kind: "duke".into(),
            base_postcode: "not a postcode".into(),
            changeover_minutes: "600".into(),
            ..form()
        };
        let fields: Vec<&str> = validate(&bad)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "base", "kind", "changeover_minutes"]);
    }

    #[test]
    fn kinds_are_read_as_typed() {
        assert_eq!(
            PersonKind::from_input("LGA_member").unwrap(),
            PersonKind::LgaMember
        );
        let e = PersonKind::from_input("king").unwrap_err();
        assert!(e
            .to_string()
            .contains("minister, official, lga-member or other"));
        let e = PersonKind::from_input(" ").unwrap_err();
        assert_eq!(e.field_errors()[0].field, "kind");
        assert!(
            e.to_string().starts_with("the kind of person is missing;"),
            "{e}"
        );
    }
}
