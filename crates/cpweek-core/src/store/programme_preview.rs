//! The published programme as the window shows it before saving: the
//! document the HTML and the PDF are made from ([`crate::document::programme`]),
//! what it holds and what the one gate left out (counted, never shown),
//! and saving it in any format with its progress reported, as the
//! briefing note's save does.

use serde::Serialize;
use ts_rs::TS;

use super::{events, Store};
use crate::document::{self, Preview};
use crate::error::{Error, Result};
use crate::event::{Event, Status};
use crate::file::Target;
use crate::publish::programme::{self, Edition, ProgrammeFormat, PublishedProgramme};
use crate::publish::{names, Audience, Exposure, Listing};

/// The published programme as a window shows it: what it is, how many
/// events and councils it holds, how many of the programme's events are
/// left out and why, and the document itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProgrammePreview {
    /// The programme's id ("2014").
    pub programme: String,
    /// "Corporate Parenting Week 2014".
    pub name: String,
    /// The approved public events it holds.
    pub events: usize,
    /// The councils they come from.
    pub councils: usize,
    /// Which edition it is: the live programme or a numbered release.
    pub edition: Edition,
    /// The programme's events the live programme does not hold, by why;
    /// none for a release, which was frozen with its events only.
    pub left_out: Option<LeftOut>,
    /// The document, as the HTML file and the PDF set it.
    pub preview: Preview,
}

/// How many of a programme's events the published programme leaves out,
/// by why. Each event is counted once: a private event under `private`
/// whatever its status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "ProgrammeLeftOut")]
pub struct LeftOut {
    /// Private events: never published (children in care may be there).
    pub private: usize,
    /// Public events waiting for the LGA's review.
    pub waiting: usize,
    /// Public events returned to their council for changes.
    pub returned: usize,
    /// Public events cancelled.
    pub cancelled: usize,
}

impl LeftOut {
    /// The count of events the gate did not let through, by why.
    fn of(events: &[Event]) -> LeftOut {
        let mut left_out = LeftOut::default();
        for e in events {
            let exposure = Exposure::of(e);
            if Audience::Partners.publishes(Listing::Programme, exposure) {
                continue;
            }
            if !Audience::Partners.may_see(exposure) {
                left_out.private += 1;
                continue;
            }
            match e.status {
                Status::Submitted => left_out.waiting += 1,
                Status::Returned => left_out.returned += 1,
                Status::Cancelled => left_out.cancelled += 1,
                // An approved public event is published (above).
                Status::Approved => {}
            }
        }
        left_out
    }
}

/// How far saving the programme has got, for a progress notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
#[ts(export)]
pub enum ProgrammeStep {
    /// Gathering the approved public events from the database.
    Gathering,
    /// Setting `events` events in `format` (a PDF is typeset, which takes
    /// the longest).
    Setting {
        format: ProgrammeFormat,
        events: usize,
    },
    /// Saving the file.
    Saving,
}

impl Store {
    /// The published programme of `programme` (empty: the current one) in
    /// `edition`, with the programme's events the gate left out counted.
    fn published_and_left_out(
        &self,
        programme: &str,
        edition: Edition,
    ) -> Result<(PublishedProgramme, LeftOut)> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let w = events::Where {
            programme_id: Some(programme.id.clone()),
            ..Default::default()
        };
        let events = events::list(&self.conn, &catalogue.programmes, &w)?;
        let published = programme::gather(
            programme,
            edition,
            &events,
            &catalogue.themes,
            &catalogue.audiences,
        );
        Ok((published, LeftOut::of(&events)))
    }

    /// The published programme of `programme` (empty: the current one) in
    /// `edition` as a window shows it.
    /// A release that was never made is refused (field `release`).
    pub fn programme_preview(&self, programme: &str, edition: Edition) -> Result<ProgrammePreview> {
        let (published, left_out) = match edition {
            Edition::Live => {
                let (published, left_out) = self.published_and_left_out(programme, edition)?;
                (published, Some(left_out))
            }
            Edition::Release(_) => (self.published_programme(programme, edition)?, None),
        };
        Ok(ProgrammePreview {
            programme: published.id.clone(),
            name: published.name.clone(),
            edition,
            events: published.events.len(),
            councils: published.councils(),
            left_out,
            preview: document::programme(&published).preview(),
        })
    }

    /// The file name a save dialog suggests for `programme` (empty: the
    /// current one) in `edition` and `format`: `cpweek-2014-programme.pdf`
    /// for the live programme, `cpweek-2014-programme-release-2.pdf` for
    /// release 2. A release that was never made is refused (field
    /// `release`), before any dialog opens.
    pub fn programme_file_name(
        &self,
        programme: &str,
        edition: Edition,
        format: ProgrammeFormat,
    ) -> Result<String> {
        let catalogue = self.catalogue()?;
        let found = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let id = names::slug(&found.id);
        let mut stem = if id.is_empty() {
            "cpweek-programme".to_string()
        } else {
            format!("cpweek-{id}-programme")
        };
        if let Edition::Release(number) = edition {
            if !self.releases(programme)?.iter().any(|r| r.number == number) {
                return Err(Error::invalid(
                    "release",
                    format!("there is no release {number} of {}", found.name),
                ));
            }
            stem.push_str(&format!("-release-{number}"));
        }
        Ok(format!("{stem}.{}", format.kind().extension()))
    }

    /// [`Store::save_programme_export`], reporting each step over
    /// `progress`; gives how many events the file holds.
    pub fn save_programme_export_reporting(
        &self,
        programme: &str,
        edition: Edition,
        format: ProgrammeFormat,
        to: &Target,
        progress: &mut dyn FnMut(ProgrammeStep),
    ) -> Result<usize> {
        progress(ProgrammeStep::Gathering);
        let published = self.published_programme(programme, edition)?;
        progress(ProgrammeStep::Setting {
            format,
            events: published.events.len(),
        });
        let bytes = self.programme_bytes(&published, edition, format)?;
        progress(ProgrammeStep::Saving);
        crate::file::write_whole(to, &bytes)?;
        Ok(published.events.len())
    }
}
