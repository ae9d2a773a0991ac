//! The programme as published documents from the store: the approved
//! public events of a programme, through the one gate
//! ([`crate::publish::programme::gather`]), in each format.

use super::{events, Store};
use crate::error::{Error, Result};
use crate::file::Target;
use crate::publish::programme::{self, Edition, ProgrammeFormat, PublishedProgramme};

impl Store {
    /// The published programme of `programme` (empty: the current one) in
    /// `edition`: its approved public events, with their public fields;
    /// for a numbered release, as it was frozen when the release was made.
    pub fn published_programme(
        &self,
        programme: &str,
        edition: Edition,
    ) -> Result<PublishedProgramme> {
        if let Edition::Release(number) = edition {
            return self.release_programme(programme, number);
        }
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let w = events::Where {
            programme_id: Some(programme.id.clone()),
            ..Default::default()
        };
        let events = events::list(&self.conn, &catalogue.programmes, &w)?;
        Ok(programme::gather(
            programme,
            edition,
            &events,
            &catalogue.themes,
            &catalogue.audiences,
        ))
    }

    /// The published programme's bytes in `format`.
    pub fn programme_export(
        &self,
        programme: &str,
        edition: Edition,
        format: ProgrammeFormat,
    ) -> Result<Vec<u8>> {
        let published = self.published_programme(programme, edition)?;
        self.programme_bytes(&published, edition, format)
    }

    /// `published` (the programme in `edition`) in `format`; a release's PDF
    /// as it was typeset when the release was made, while the same input
    /// would make the same PDF ([`Store::programme_pdf`]).
    pub(super) fn programme_bytes(
        &self,
        published: &PublishedProgramme,
        edition: Edition,
        format: ProgrammeFormat,
    ) -> Result<Vec<u8>> {
        match format {
            ProgrammeFormat::Pdf => self.programme_pdf(published, edition),
            _ => programme::export(published, format),
        }
    }

    /// Writes the published programme to a file the person chose, whole
    /// or not at all; gives how many events it holds.
    pub fn save_programme_export(
        &self,
        programme: &str,
        edition: Edition,
        format: ProgrammeFormat,
        to: &Target,
    ) -> Result<usize> {
        self.save_programme_export_reporting(programme, edition, format, to, &mut |_| {})
    }
}
