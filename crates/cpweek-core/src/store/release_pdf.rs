//! The latest release's PDF, typeset once when the release is made (table
//! `release_pdfs`, migration 20). A release never changes, so its PDF is a
//! pure function of what the release holds; typesetting a large programme
//! takes seconds, so making the release makes its PDF too, and publishing
//! the site or exporting the release takes it from the store instead of
//! typesetting it again.
//!
//! Only a shortcut, never a second source: the stored PDF is used only while
//! the digest of what it was made from ([`crate::document::pdf_input_digest`]:
//! the cpweek version, the template and the document's data) still matches
//! the release's document; otherwise the PDF is typeset again, exactly as it
//! would be without the store.

use rusqlite::{params, Connection, OptionalExtension};

use super::Store;
use crate::publish::programme::{Edition, PublishedProgramme};
use crate::publish::site::kept::KeptPdf;
use crate::Result;

/// Typesets the PDF of release `number` (its published programme
/// `frozen`) and keeps it, in place of any earlier release's. Part of making
/// the release (the caller's transaction). A programme the typesetter
/// refuses is not kept and does not stop the release: it is the same PDF
/// export would refuse, and that export reports why.
pub(super) fn keep_for_release(
    tx: &Connection,
    number: u32,
    frozen: &PublishedProgramme,
) -> Result<()> {
    let document = crate::document::programme(frozen);
    let input = crate::document::pdf_input_digest(&document);
    tx.execute(
        "DELETE FROM release_pdfs WHERE programme_id = ?1",
        [&frozen.id],
    )?;
    if let Ok(pdf) = crate::document::pdf(&document) {
        tx.execute(
            "INSERT INTO release_pdfs (programme_id, number, input, pdf) VALUES (?1, ?2, ?3, ?4)",
            params![frozen.id, number, input, pdf],
        )?;
    }
    Ok(())
}

/// The PDF kept for release `number` of `programme_id`, with what it was
/// made from, if there is one.
pub(super) fn kept(conn: &Connection, programme_id: &str, number: u32) -> Result<Option<KeptPdf>> {
    Ok(conn
        .query_row(
            "SELECT input, pdf FROM release_pdfs WHERE programme_id = ?1 AND number = ?2",
            params![programme_id, number],
            |r| {
                Ok(KeptPdf {
                    input: r.get(0)?,
                    bytes: r.get(1)?,
                })
            },
        )
        .optional()?)
}

impl Store {
    /// The PDF kept for `edition` of the published programme `published`
    /// when it is a release ([`keep_for_release`]); `None` for the live
    /// programme or when none is kept.
    pub(super) fn release_pdf(
        &self,
        published: &PublishedProgramme,
        edition: Edition,
    ) -> Result<Option<KeptPdf>> {
        match edition {
            Edition::Release(number) => kept(&self.conn, &published.id, number),
            Edition::Live => Ok(None),
        }
    }

    /// What the PDF kept for `edition` was made from (its input digest),
    /// without reading the PDF itself; `None` as for [`Store::release_pdf`].
    pub(super) fn release_pdf_input(
        &self,
        published: &PublishedProgramme,
        edition: Edition,
    ) -> Result<Option<String>> {
        let Edition::Release(number) = edition else {
            return Ok(None);
        };
        Ok(self
            .conn
            .query_row(
                "SELECT input FROM release_pdfs WHERE programme_id = ?1 AND number = ?2",
                params![published.id, number],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The published programme's PDF: the one kept for its release when it
    /// was made from the same input, otherwise typeset now.
    pub(super) fn programme_pdf(
        &self,
        published: &PublishedProgramme,
        edition: Edition,
    ) -> Result<Vec<u8>> {
        let document = crate::document::programme(published);
        if let Some(kept) = self.release_pdf(published, edition)? {
            if kept.input == crate::document::pdf_input_digest(&document) {
                return Ok(kept.bytes);
            }
        }
        crate::document::pdf(&document)
    }
}

#[cfg(test)]
#[path = "release_pdf_tests.rs"]
mod tests;
