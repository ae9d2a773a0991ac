//! A council's listing and the static site from the store: the published
//! programme (through the one gate), every partner feed as the feed server
//! serves it, and every council.

use std::path::Path;

use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};
use crate::file::Target;
use crate::folder::{self, FolderFile, FolderReport};
use crate::publish::listing::{self, ListedCouncil};
use crate::publish::programme::Edition;
use crate::publish::site::{self, SiteFeed, SiteFile, SiteInput};
use crate::publish::BaseUrl;

/// A council's listing, made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouncilListing {
    /// `Kent (886)`.
    pub council: String,
    /// How many events it lists.
    pub events: usize,
    /// The HTML fragment.
    pub html: String,
}

/// The static site, made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The programme's id.
    pub programme: String,
    /// How many events the programme publishes.
    pub events: usize,
    /// Every file, in the order to write them.
    pub files: Vec<SiteFile>,
}

/// What `publish site` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SitePublished {
    /// The site's folder, as given.
    pub dir: String,
    /// The address its links use.
    pub public_url: String,
    /// The programme's id and how many events it publishes.
    pub programme: String,
    pub events: usize,
    /// Each file by its path under the folder.
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
}

impl Store {
    /// `council`'s listing (a DfE code or a name) of `programme` (empty:
    /// the current one) in `edition`: its approved public events as an
    /// HTML fragment for its own website.
    pub fn council_listing(
        &self,
        council: &str,
        programme: &str,
        edition: Edition,
    ) -> Result<CouncilListing> {
        let council = self
            .catalogue()?
            .council(council)
            .map_err(|m| Error::invalid("council", m))?
            .clone();
        let published = self.published_programme(programme, edition)?;
        let listed = ListedCouncil {
            code: &council.code,
            name: &council.display_name,
        };
        Ok(CouncilListing {
            council: council.label(),
            events: listing::count(&published, &council.code),
            html: listing::fragment(&published, listed),
        })
    }

    /// Writes `council`'s listing to a file the person chose, whole or not
    /// at all.
    pub fn save_council_listing(
        &self,
        council: &str,
        programme: &str,
        edition: Edition,
        to: &Target,
    ) -> Result<CouncilListing> {
        let made = self.council_listing(council, programme, edition)?;
        crate::file::write_whole(to, made.html.as_bytes())?;
        Ok(made)
    }

    /// Every file of the static site of `programme` (empty: the current
    /// one), its links under `base`: the programme and the listings in
    /// `edition`, the feeds as the feed server serves them now (the live
    /// data).
    pub fn site(&self, programme: &str, edition: Edition, base: &BaseUrl) -> Result<Site> {
        self.make_site(programme, edition, base, None)
    }

    /// [`Store::site`], keeping the programme's PDF that `folder` already
    /// has when it was made from the same input ([`site::kept`]).
    fn make_site(
        &self,
        programme: &str,
        edition: Edition,
        base: &BaseUrl,
        folder: Option<&Path>,
    ) -> Result<Site> {
        let published = self.published_programme(programme, edition)?;
        let in_folder =
            folder.and_then(|dir| site::kept::read(dir, &site::programme_pdf_path(&published)));
        // The release's PDF is read only when the folder's was made from
        // other input (a republish of the same release reads neither blob
        // nor typesets).
        let from_release = match (&in_folder, self.release_pdf_input(&published, edition)?) {
            (Some(kept), Some(input)) if kept.input == input => None,
            (_, Some(_)) => self.release_pdf(&published, edition)?,
            (_, None) => None,
        };
        let kept_pdfs: Vec<site::kept::KeptPdf> =
            in_folder.into_iter().chain(from_release).collect();
        let feeds: Vec<SiteFeed> = self
            .published_feed_texts(&published.id)?
            .into_iter()
            .map(|(feed, exported)| SiteFeed {
                name: feed.name,
                path: feed.path,
                body: exported.body,
            })
            .collect();
        let councils = self.councils(None)?;
        let listed: Vec<ListedCouncil> = councils
            .iter()
            .map(|c| ListedCouncil {
                code: &c.code,
                name: &c.display_name,
            })
            .collect();
        let changes = self.changes_feed(&published.id, Some(&base.home()))?;
        let files = site::make(&SiteInput {
            programme: &published,
            feeds: &feeds,
            councils: &listed,
            base,
            changes: &changes,
            kept_pdfs: &kept_pdfs,
        })?;
        Ok(Site {
            events: published.events.len(),
            programme: published.id,
            files,
        })
    }

    /// Makes the static site (see [`Store::site`]) and writes it into `dir`
    /// (made if missing): each file whole, unchanged files left untouched,
    /// files the site no longer has removed from its own folders
    /// ([`site::OWNED_FOLDERS`]); nothing else in `dir` is touched. The
    /// programme's PDF that `dir` already has is kept, not typeset again,
    /// while what it is made from is unchanged ([`site::kept`]).
    pub fn publish_site(
        &self,
        dir: &Path,
        programme: &str,
        edition: Edition,
        base: &BaseUrl,
        live_database: &Path,
    ) -> Result<SitePublished> {
        if dir.as_os_str().is_empty() {
            return Err(Error::invalid("dir", "give a folder for the site"));
        }
        let made = self.make_site(programme, edition, base, Some(dir))?;
        let to_write: Vec<FolderFile> = made
            .files
            .iter()
            .map(|f| FolderFile {
                path: &f.path,
                bytes: &f.bytes,
            })
            .collect();
        let FolderReport {
            written,
            unchanged,
            removed,
        } = folder::write(dir, &to_write, &site::OWNED_FOLDERS, live_database)?;
        Ok(SitePublished {
            dir: dir.display().to_string(),
            public_url: base.home(),
            programme: made.programme,
            events: made.events,
            written,
            unchanged,
            removed,
        })
    }
}

#[cfg(test)]
#[path = "site_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "site_kept_tests.rs"]
mod kept_tests;
