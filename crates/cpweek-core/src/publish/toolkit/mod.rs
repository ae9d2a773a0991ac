//! The good-practice toolkit as published documents: a tagged PDF, a Word
//! document (DOCX) and one self-contained HTML file, all made from one
//! [`crate::document::Document`] ([`crate::document::toolkit`]).
//!
//! What is published is decided once, by the one gate
//! ([`Audience::publishes_practice`]): only `published` entries whose
//! safeguarding and consent check is on record. [`gather`] copies from
//! each entry it lets through only what the public may read (never the
//! LGA's note, the consent checker's name, the linked events or the
//! history) into a [`PublishedToolkit`]; every format is made from that
//! and nothing else.
//!
//! [`intro`] reads the LGA's introduction (Markdown limited to what the
//! document model can express).
//!
//! Every output is a pure function of its data: the same entries give the
//! same bytes.

pub mod intro;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::document::Block;
use crate::error::{Error, Result};
use crate::file::Kind;
use crate::practice::{Contact, Outcome, PracticeEntry};
use crate::programme::{Programme, Term};
use crate::publish::programme::PublishedCouncil;
use crate::publish::{Audience, PracticeExposure};

/// The forms the toolkit is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ToolkitFormat {
    /// A tagged PDF (PDF/UA-1) to read and print.
    Pdf,
    /// A Word document the LGA's staff can edit.
    Docx,
    /// One printable, self-contained HTML file.
    Html,
}

impl ToolkitFormat {
    /// Reads `pdf`, `docx` or `html`, naming the field `format`.
    pub fn from_input(text: &str) -> Result<ToolkitFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "pdf" => Ok(ToolkitFormat::Pdf),
            "docx" => Ok(ToolkitFormat::Docx),
            "html" => Ok(ToolkitFormat::Html),
            _ => Err(Error::invalid(
                "format",
                format!(
                    "format \"{}\" is not one the toolkit is published in; give pdf, docx or html",
                    crate::text::quoted(text.trim())
                ),
            )),
        }
    }

    /// The kind of file it is written to (its extension).
    pub fn kind(self) -> Kind {
        match self {
            ToolkitFormat::Pdf => Kind::Pdf,
            ToolkitFormat::Docx => Kind::Docx,
            ToolkitFormat::Html => Kind::Html,
        }
    }
}

/// The toolkit as it is published: the programme, the LGA's introduction
/// and the entries the public may read, each with only its public fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedToolkit {
    /// The programme's short id ("2014").
    pub programme_id: String,
    /// "Corporate Parenting Week 2014".
    pub programme_name: String,
    /// The LGA's introduction as document blocks ([`intro::blocks`]); empty
    /// when none was given.
    pub introduction: Vec<Block>,
    /// The seeded themes, in their order: the toolkit's sections follow it.
    pub themes: Vec<Term>,
    /// The entries, in the order the store lists them (oldest first).
    pub entries: Vec<PublishedPractice>,
}

/// A practice entry as the public may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedPractice {
    pub id: i64,
    pub title: String,
    /// The lead council's DfE code, name and region.
    pub council_code: String,
    pub council_name: String,
    pub region: String,
    /// The councils that did it with the lead, in order.
    pub partners: Vec<PublishedCouncil>,
    pub partner_organisations: Vec<String>,
    /// Its themes, in the council's order (the first places it).
    pub themes: Vec<Term>,
    pub summary: String,
    pub what_was_done: Option<String>,
    pub outcomes: Vec<Outcome>,
    pub source: Option<String>,
    pub contact: Option<Contact>,
}

impl PublishedPractice {
    /// The councils that did it for people: `Kent`, `Kent with Medway and
    /// Essex`.
    pub fn councils(&self) -> String {
        let names: Vec<String> = self.partners.iter().map(|p| p.name.clone()).collect();
        match crate::event::with_councils(&names) {
            Some(with) => format!("{} {with}", self.council_name),
            None => self.council_name.clone(),
        }
    }

    /// The contact in one line: name, role, e-mail (those given).
    pub fn contact_line(&self) -> Option<String> {
        self.contact.as_ref().map(|c| match &c.role {
            Some(role) => format!("{}, {role}, {}", c.name, c.email),
            None => format!("{}, {}", c.name, c.email),
        })
    }
}

/// The theme `slug` names, or the slug itself for one no longer seeded.
fn term(slug: &str, themes: &[Term]) -> Term {
    themes
        .iter()
        .find(|t| t.slug == slug)
        .cloned()
        .unwrap_or_else(|| Term {
            slug: slug.to_string(),
            name: slug.to_string(),
        })
}

/// The published toolkit of `programme`: only the entries the one gate
/// lets through (published, with their consent check), each copied with
/// its public fields only.
pub fn gather(
    programme: &Programme,
    entries: &[PracticeEntry],
    themes: &[Term],
    introduction: Vec<Block>,
) -> PublishedToolkit {
    let entries = entries
        .iter()
        .filter(|e| e.programme == programme.id)
        .filter(|e| Audience::Partners.publishes_practice(PracticeExposure::of(e)))
        .map(|e| PublishedPractice {
            id: e.id,
            title: e.details.title.clone(),
            council_code: e.council.clone(),
            council_name: e.council_name.clone(),
            region: e.region.clone(),
            partners: e
                .partner_councils
                .iter()
                .zip(&e.partner_council_names)
                .map(|(code, name)| PublishedCouncil {
                    code: code.clone(),
                    name: name.clone(),
                })
                .collect(),
            partner_organisations: e.details.partner_organisations.clone(),
            themes: e.details.themes.iter().map(|s| term(s, themes)).collect(),
            summary: e.details.summary.clone(),
            what_was_done: e.details.what_was_done.clone(),
            outcomes: e.details.outcomes.clone(),
            source: e.details.source.clone(),
            contact: e.details.contact.clone(),
        })
        .collect();
    PublishedToolkit {
        programme_id: programme.id.clone(),
        programme_name: programme.name.clone(),
        introduction,
        themes: themes.to_vec(),
        entries,
    }
}

/// The toolkit in `format`. A toolkit with no published entry is refused:
/// there would be nothing to read in it.
pub fn export(toolkit: &PublishedToolkit, format: ToolkitFormat) -> Result<Vec<u8>> {
    if toolkit.entries.is_empty() {
        return Err(Error::invalid(
            "programme",
            format!(
                "{} has no published practice entry yet, so there is no toolkit to export: \
                 an entry is in the toolkit once an LGA officer publishes it with its consent check \
                 (`cpweek practice publish ID --consent-checked-by \"Full Name\" --consent KIND`)",
                toolkit.programme_name
            ),
        ));
    }
    let document = crate::document::toolkit(toolkit);
    match format {
        ToolkitFormat::Pdf => crate::document::pdf(&document),
        ToolkitFormat::Docx => crate::document::docx(&document),
        ToolkitFormat::Html => Ok(crate::document::html(&document).into_bytes()),
    }
}
