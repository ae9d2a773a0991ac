//! The week's ministerial report from the store as an LGA board paper
//! ([`crate::document::report`]), written as HTML or a tagged PDF.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Format, Store};
use crate::document::{self, Document, Paper};
use crate::error::{Error, Result};
use crate::file::Target;

impl Store {
    /// The date a board paper for `programme` (empty: the current one)
    /// carries: `given` (`YYYY-MM-DD`, the field `date`), or else the day
    /// `now` falls on in the programme's time zone.
    pub fn paper_date(
        &self,
        programme: &str,
        given: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<NaiveDate> {
        if let Some(text) = given {
            return crate::time::parse_date(text).map_err(|m| Error::invalid("date", m));
        }
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        Ok(now.with_timezone(&programme.time_zone).date_naive())
    }

    /// The ministerial report for `programme` (empty: the current one) as
    /// a board paper dated `date`; the settings' name is its contact
    /// officer.
    pub fn ministerial_report_document(
        &self,
        programme: &str,
        date: NaiveDate,
    ) -> Result<Document> {
        let report = self.ministerial_report(programme)?;
        let paper = Paper {
            report: &report,
            date: crate::time::format_date(date),
            contact: self.settings()?.name,
        };
        Ok(document::report(&paper))
    }

    /// The board paper's bytes in `format`.
    pub fn ministerial_report_file(
        &self,
        programme: &str,
        format: Format,
        date: NaiveDate,
    ) -> Result<Vec<u8>> {
        let doc = self.ministerial_report_document(programme, date)?;
        match format {
            Format::Html => Ok(document::html(&doc).into_bytes()),
            Format::Pdf => document::pdf(&doc),
        }
    }

    /// Writes the board paper to a file the person chose, whole or not at
    /// all.
    pub fn save_ministerial_report(
        &self,
        programme: &str,
        format: Format,
        to: &Target,
        date: NaiveDate,
    ) -> Result<()> {
        let bytes = self.ministerial_report_file(programme, format, date)?;
        crate::file::write_whole(to, &bytes)
    }
}
