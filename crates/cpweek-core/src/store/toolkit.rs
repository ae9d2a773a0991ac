//! The good-practice toolkit from the store: the LGA's introduction (one
//! per programme, an LGA officer's) and the toolkit's documents, made from
//! the published entries through the one gate
//! ([`crate::publish::toolkit::gather`]).

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::{settings, Store};
use crate::error::{Error, Result};
use crate::file::Target;
use crate::permission;
use crate::practice::PracticeFilter;
use crate::publish::toolkit::{self, intro, PublishedToolkit, ToolkitFormat};

/// The introduction as stored, and who gave it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolkitIntro {
    pub programme: String,
    pub markdown: String,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

impl Store {
    /// Stores `markdown` as the introduction to `programme`'s toolkit
    /// (empty: the current programme), replacing any before it: an LGA
    /// officer's only, and only once every line is one the document model
    /// can express ([`intro::blocks`]). Gives how many blocks it makes.
    pub fn set_toolkit_intro(
        &mut self,
        programme: &str,
        markdown: &str,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?
            .id
            .clone();
        self.write(|tx| {
            let person = settings::read(tx)?.person();
            permission::check_toolkit_intro(person.role)?;
            let blocks = intro::blocks(markdown)?;
            tx.execute(
                "INSERT INTO toolkit_intros (programme_id, markdown, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (programme_id) DO UPDATE SET markdown = excluded.markdown,
                     updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                (
                    &programme,
                    markdown,
                    person.who(),
                    crate::time::to_store(now),
                ),
            )?;
            Ok(blocks.len())
        })
    }

    /// The introduction to `programme`'s toolkit, if one was given.
    pub fn toolkit_intro(&self, programme: &str) -> Result<Option<ToolkitIntro>> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let row = self
            .conn
            .prepare_cached(
                "SELECT markdown, updated_by, updated_at FROM toolkit_intros
                 WHERE programme_id = ?1",
            )?
            .query_row([&programme.id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .optional()?;
        row.map(|(markdown, updated_by, at)| {
            Ok(ToolkitIntro {
                programme: programme.id.clone(),
                markdown,
                updated_by,
                updated_at: crate::time::from_store(&at).map_err(|e| Error::Typeset {
                    detail: format!("the toolkit introduction's time \"{at}\" is unreadable: {e}"),
                })?,
            })
        })
        .transpose()
    }

    /// The published toolkit of `programme` (empty: the current one): its
    /// published entries with their consent check, their public fields
    /// only, and the LGA's introduction.
    pub fn published_toolkit(&self, programme: &str) -> Result<PublishedToolkit> {
        let catalogue = self.catalogue()?;
        let found = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let entries = self.practice_entries(&PracticeFilter {
            programme: found.id.clone(),
            ..Default::default()
        })?;
        let introduction = match self.toolkit_intro(&found.id)? {
            Some(i) => intro::blocks(&i.markdown)?,
            None => Vec::new(),
        };
        Ok(toolkit::gather(
            found,
            &entries,
            &catalogue.themes,
            introduction,
        ))
    }

    /// The toolkit's bytes in `format`.
    pub fn toolkit_export(&self, programme: &str, format: ToolkitFormat) -> Result<Vec<u8>> {
        toolkit::export(&self.published_toolkit(programme)?, format)
    }

    /// Writes the toolkit to a file the person chose, whole or not at all;
    /// gives how many entries it holds.
    pub fn save_toolkit_export(
        &self,
        programme: &str,
        format: ToolkitFormat,
        to: &Target,
    ) -> Result<usize> {
        let published = self.published_toolkit(programme)?;
        let bytes = toolkit::export(&published, format)?;
        crate::file::write_whole(to, &bytes)?;
        Ok(published.entries.len())
    }
}
