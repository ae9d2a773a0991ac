//! Briefing notes from the store: the content gathered for an accepted
//! engagement ([`crate::attendance::brief`]), laid out by the document
//! pipeline ([`crate::document`]) as HTML or a tagged PDF.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{events, Store};
use crate::attendance::brief::{self, Sources};
use crate::attendance::Request;
use crate::document::{self, Document};
use crate::error::{Error, Result};
use crate::file::Target;
use crate::publish::names;

/// How far saving a document has got, for a progress notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentStep {
    /// Gathering what the document says from the database.
    Gathering,
    /// Setting it in its format (a PDF is typeset).
    Setting { format: Format },
    /// Saving the file.
    Saving,
}

/// The forms a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Format {
    Html,
    Pdf,
}

impl Format {
    /// Reads `html` or `pdf`, naming the field `format`.
    pub fn from_input(text: &str) -> Result<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(Format::Html),
            "pdf" => Ok(Format::Pdf),
            _ => Err(Error::invalid(
                "format",
                format!(
                    "format \"{}\" is not one cpweek writes; give html or pdf",
                    crate::text::quoted(text.trim())
                ),
            )),
        }
    }

    pub fn kind(self) -> crate::file::Kind {
        match self {
            Format::Html => crate::file::Kind::Html,
            Format::Pdf => crate::file::Kind::Pdf,
        }
    }
}

/// The longest a suggested file name's words from the title run.
const NAME_TITLE_LIMIT: usize = 60;

impl Store {
    /// Request `id`, when it has a briefing note (an accepted or held
    /// engagement); refused otherwise, saying why.
    fn engagement(&self, id: i64) -> Result<Request> {
        let request = self.request(id)?;
        if !request.status.has_briefing() {
            return Err(Error::Conflict(format!(
                "a briefing note is written for an accepted engagement; request {id} is {}",
                request.status.as_str()
            )));
        }
        Ok(request)
    }

    /// The file name a save dialog suggests for request `id`'s briefing
    /// note: `briefing-3-kent-care-leavers-awards.pdf`. Refused, as the
    /// note is, for a request that has none.
    pub fn briefing_file_name(&self, id: i64, format: Format) -> Result<String> {
        let request = self.engagement(id)?;
        let mut title = String::new();
        for word in names::slug(&request.title).split('-') {
            if !title.is_empty() && title.len() + 1 + word.len() > NAME_TITLE_LIMIT {
                break;
            }
            if !title.is_empty() {
                title.push('-');
            }
            title.push_str(word);
        }
        let title = if title.is_empty() {
            String::new()
        } else {
            format!("-{title}")
        };
        Ok(format!(
            "briefing-{id}{title}.{}",
            format.kind().extension()
        ))
    }

    /// The briefing note for request `id`, an accepted (or held)
    /// engagement, as a document; `now` dates it.
    pub fn briefing_document(&self, id: i64, now: DateTime<Utc>) -> Result<Document> {
        let request = self.engagement(id)?;
        let person = self.person(request.person_id)?;
        let catalogue = self.catalogue()?;
        let event = match request.event_id {
            Some(e) => Some(events::get(&self.conn, &catalogue.programmes, e)?),
            None => None,
        };
        let audiences = event.as_ref().map_or_else(Vec::new, |e| {
            e.details
                .audiences
                .iter()
                .map(|slug| {
                    catalogue
                        .audiences
                        .iter()
                        .find(|t| &t.slug == slug)
                        .map_or_else(|| slug.clone(), |t| t.name.clone())
                })
                .collect()
        });
        let week = self.person_week(person.id)?;
        let day = week.days.iter().find(|d| d.date == request.date);
        let tz = catalogue
            .programme(&request.programme)
            .map_or(crate::time::LONDON, |p| p.time_zone);
        let sources = Sources {
            request: &request,
            person: &person,
            event: event.as_ref(),
            audiences,
            day,
            home: week.home_label.clone(),
            practice: Vec::new(),
            prepared: now.with_timezone(&tz).date_naive(),
        };
        Ok(document::briefing(&brief::briefing(&sources)))
    }

    /// The briefing note's bytes in `format`.
    pub fn briefing(&self, id: i64, format: Format, now: DateTime<Utc>) -> Result<Vec<u8>> {
        self.briefing_reporting(id, format, now, &mut |_| {})
    }

    fn briefing_reporting(
        &self,
        id: i64,
        format: Format,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(DocumentStep),
    ) -> Result<Vec<u8>> {
        progress(DocumentStep::Gathering);
        let doc = self.briefing_document(id, now)?;
        progress(DocumentStep::Setting { format });
        match format {
            Format::Html => Ok(document::html(&doc).into_bytes()),
            Format::Pdf => document::pdf(&doc),
        }
    }

    /// Writes the briefing note to a file the person chose, whole or not
    /// at all.
    pub fn save_briefing(
        &self,
        id: i64,
        format: Format,
        to: &Target,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.save_briefing_reporting(id, format, to, now, &mut |_| {})
    }

    /// [`Store::save_briefing`], reporting each step over `progress`.
    pub fn save_briefing_reporting(
        &self,
        id: i64,
        format: Format,
        to: &Target,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(DocumentStep),
    ) -> Result<()> {
        let bytes = self.briefing_reporting(id, format, now, progress)?;
        progress(DocumentStep::Saving);
        crate::file::write_whole(to, &bytes)
    }
}
