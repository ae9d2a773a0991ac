//! The good-practice toolkit as the window shows it before saving: the
//! document its PDF, Word document and HTML file are made from
//! ([`crate::document::toolkit`]), what it holds and how many of the
//! programme's entries are not in it yet (counted by status, never shown),
//! the LGA's introduction with whether the person may change it, and
//! saving it in any format with its progress reported, as the programme's
//! save does. What is published is the one gate's
//! ([`crate::publish::toolkit::gather`]).
//!
//! Who may export: everyone, as `cpweek toolkit export` allows, since the
//! toolkit holds only what has been published.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::Store;
use crate::document::{self, Preview};
use crate::error::{Error, FieldError, Result};
use crate::file::Target;
use crate::permission;
use crate::practice::{PracticeFilter, PracticeStatus};
use crate::publish::names;
use crate::publish::toolkit::{self, ToolkitFormat};
use crate::publish::{Audience, PracticeExposure};

/// The toolkit as a window shows it: what it is, how many entries and
/// councils it holds, the programme's entries not in it yet by why, the
/// document itself (none while no entry is published) and the LGA's
/// introduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ToolkitPreview {
    /// The programme's id ("2014").
    pub programme: String,
    /// "Corporate Parenting Week 2014".
    pub name: String,
    /// The published entries it holds.
    pub entries: usize,
    /// The councils they come from (leads and partners, once each).
    pub councils: usize,
    /// The programme's entries it does not hold yet, by status.
    pub not_yet: ToolkitNotYet,
    /// The document, as the PDF, the Word document and the HTML file set
    /// it; none while no entry is published (there is no toolkit yet).
    pub preview: Option<Preview>,
    /// When there is no toolkit yet, why, for people.
    pub empty: Option<String>,
    /// The LGA's introduction, and whether the person may change it.
    pub introduction: ToolkitIntroShown,
}

/// How many of a programme's entries the toolkit does not hold yet, by
/// status. Each entry is counted once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ToolkitNotYet {
    /// Still being written by their councils.
    pub draft: usize,
    /// Waiting for the LGA's review.
    pub submitted: usize,
    /// Returned to their councils for changes.
    pub returned: usize,
    /// Approved, waiting for the consent check to be published.
    pub approved: usize,
}

/// The LGA's introduction as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ToolkitIntroShown {
    /// The Markdown as given; none when the LGA has given none (the
    /// toolkit then opens with a standard paragraph).
    pub markdown: Option<String>,
    /// Who gave it and when, for people: `Given by Lee Officer on Tuesday
    /// 2 September 2014, 9am`.
    pub given: Option<String>,
    /// Why the person in the settings may not change it; none when they
    /// may (an LGA officer).
    pub refusal: Option<String>,
}

/// How far saving the toolkit has got, for a progress notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
#[ts(export)]
pub enum ToolkitStep {
    /// Gathering the published entries from the database.
    Gathering,
    /// Setting `entries` entries in `format` (a PDF is typeset, which
    /// takes the longest).
    Setting {
        format: ToolkitFormat,
        entries: usize,
    },
    /// Saving the file.
    Saving,
}

impl ToolkitNotYet {
    fn count(&mut self, status: PracticeStatus) {
        match status {
            PracticeStatus::Draft => self.draft += 1,
            PracticeStatus::Submitted => self.submitted += 1,
            PracticeStatus::Returned => self.returned += 1,
            PracticeStatus::Approved => self.approved += 1,
            // A published entry without its check cannot be stored (the
            // table's CHECK); one with it is in the toolkit.
            PracticeStatus::Published => {}
        }
    }
}

impl Store {
    /// The toolkit of `programme` (empty: the current one) as a window
    /// shows it.
    pub fn toolkit_preview(&self, programme: &str) -> Result<ToolkitPreview> {
        let published = self.published_toolkit(programme)?;
        let mut not_yet = ToolkitNotYet::default();
        for e in self.practice_entries(&PracticeFilter {
            programme: published.programme_id.clone(),
            ..Default::default()
        })? {
            if !Audience::Partners.publishes_practice(PracticeExposure::of(&e)) {
                not_yet.count(e.status);
            }
        }
        let entries = published.entries.len();
        let (preview, empty) = if entries == 0 {
            (
                None,
                Some(format!(
                    "No entries are published yet, so there is no toolkit for {} to save. \
                     An entry is in the toolkit once an LGA officer has approved it and \
                     published it with its consent check.",
                    published.programme_name
                )),
            )
        } else {
            (Some(document::toolkit(&published).preview()), None)
        };
        Ok(ToolkitPreview {
            programme: published.programme_id.clone(),
            name: published.programme_name.clone(),
            entries,
            councils: document::toolkit::councils(&published).len(),
            not_yet,
            preview,
            empty,
            introduction: self.toolkit_intro_shown(&published.programme_id)?,
        })
    }

    fn toolkit_intro_shown(&self, programme: &str) -> Result<ToolkitIntroShown> {
        let catalogue = self.catalogue()?;
        let zone = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?
            .time_zone;
        let intro = self.toolkit_intro(programme)?;
        let role = self.settings()?.role;
        Ok(ToolkitIntroShown {
            given: intro.as_ref().map(|i| {
                format!(
                    "Given by {} on {}",
                    i.updated_by,
                    crate::time::format_when(i.updated_at.with_timezone(&zone).naive_local())
                )
            }),
            markdown: intro.map(|i| i.markdown),
            refusal: permission::check_toolkit_intro(role)
                .err()
                .map(|e| e.to_string()),
        })
    }

    /// Stores the introduction typed in a window ([`Store::set_toolkit_intro`]),
    /// its refusals naming the field `introduction` (the CLI's name the
    /// file), and gives the toolkit as it now is.
    pub fn set_toolkit_intro_typed(
        &mut self,
        programme: &str,
        markdown: &str,
        now: DateTime<Utc>,
    ) -> Result<ToolkitPreview> {
        self.set_toolkit_intro(programme, markdown, now)
            .map_err(|e| match e {
                Error::Invalid(errors) => Error::Invalid(
                    errors
                        .into_iter()
                        .map(|f| match f.field {
                            "file" => FieldError::new("introduction", f.message),
                            _ => f,
                        })
                        .collect(),
                ),
                other => other,
            })?;
        self.toolkit_preview(programme)
    }

    /// The file name a save dialog suggests for `programme`'s toolkit in
    /// `format`: `cpweek-2014-toolkit.pdf`. An unknown programme, or one
    /// with no published entry, is refused before any dialog opens.
    pub fn toolkit_file_name(&self, programme: &str, format: ToolkitFormat) -> Result<String> {
        let published = self.published_toolkit(programme)?;
        if published.entries.is_empty() {
            // The core's refusal of an empty toolkit, with its wording.
            toolkit::export(&published, format)?;
        }
        let id = names::slug(&published.programme_id);
        let stem = if id.is_empty() {
            "cpweek-toolkit".to_string()
        } else {
            format!("cpweek-{id}-toolkit")
        };
        Ok(format!("{stem}.{}", format.kind().extension()))
    }

    /// [`Store::save_toolkit_export`], reporting each step over
    /// `progress`; gives how many entries the file holds.
    pub fn save_toolkit_export_reporting(
        &self,
        programme: &str,
        format: ToolkitFormat,
        to: &Target,
        progress: &mut dyn FnMut(ToolkitStep),
    ) -> Result<usize> {
        progress(ToolkitStep::Gathering);
        let published = self.published_toolkit(programme)?;
        progress(ToolkitStep::Setting {
            format,
            entries: published.entries.len(),
        });
        let bytes = toolkit::export(&published, format)?;
        progress(ToolkitStep::Saving);
        crate::file::write_whole(to, &bytes)?;
        Ok(published.entries.len())
    }
}
