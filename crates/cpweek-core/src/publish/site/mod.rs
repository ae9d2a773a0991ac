//! The static site: the whole public output as plain files that any static
//! web host or CDN serves (`cpweek publish site`), so the programme reaches
//! any number of partners without anyone running our server.
//!
//! [`make`] is a pure function of its data ([`SiteInput`]): it gives every
//! file as a path under the site's folder and its bytes, the same bytes for
//! the same data (nothing stamps the time of publishing):
//!
//! - `feeds/…`: every partner feed, at the very paths the feed server
//!   serves them (`names::feed_path`), so subscribers' addresses carry over
//!   from the server to the site. The feeds are the live data, as the server
//!   serves them.
//! - `programme/<name>.html|pdf|csv|json`: the programme in every format
//!   ([`crate::publish::programme::export`]).
//! - `listings/<code>.html`: each council's listing
//!   ([`crate::publish::listing`]).
//! - `programme/<name>.pdf.digest`: what the PDF was made from, so that
//!   publishing again can keep it when that has not changed ([`kept`]).
//! - `changes.atom`: the numbered releases and their changes, as an Atom
//!   feed ([`crate::publish::programme::feed`]).
//! - `index.html`: links to all of them ([`index`]), last, so that a
//!   writer that goes in order never links a file it has not written yet.
//!
//! Writing them to a folder is [`crate::folder`]'s.

mod index;
pub mod kept;

use crate::error::Result;
use crate::publish::listing::{self, ListedCouncil};
use crate::publish::names::{slug, BaseUrl};
use crate::publish::programme::{self, ProgrammeFormat, PublishedProgramme};

/// The folders of the site that belong to it: a file in one of them that
/// the site no longer has is removed when the site is written again.
pub const OWNED_FOLDERS: [&str; 3] = ["feeds", "listings", "programme"];

/// One partner feed, as the feed server would serve it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteFeed {
    /// Its name for people: "National programme", "Region: South East".
    pub name: String,
    /// Where the server serves it: `/feeds/national.ics`.
    pub path: String,
    /// The calendar text.
    pub body: String,
}

/// Everything the site is made from.
#[derive(Debug, Clone, Copy)]
pub struct SiteInput<'a> {
    /// The programme as published (through the one gate).
    pub programme: &'a PublishedProgramme,
    /// Every partner feed (see [`crate::Store::published_feeds`]).
    pub feeds: &'a [SiteFeed],
    /// Every council, each with a listing.
    pub councils: &'a [ListedCouncil<'a>],
    /// The site's public address, from which the index page's links are
    /// made.
    pub base: &'a BaseUrl,
    /// The releases and their changes as an Atom feed
    /// ([`crate::publish::programme::feed`]).
    pub changes: &'a [u8],
    /// Programme PDFs already made, if any: the one the site's folder
    /// already has ([`kept::read`]), the one kept for the release when it
    /// was made. The first made from the same input as the programme's
    /// document now is used; none, and the PDF is typeset.
    pub kept_pdfs: &'a [kept::KeptPdf],
}

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Its path under the site's folder, with `/` between folders:
    /// `feeds/council/886.ics`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A format of the programme, with its file's path in the site.
pub(crate) struct ProgrammeFile {
    pub format: ProgrammeFormat,
    pub path: String,
    pub size: usize,
}

/// The programme's files are named after it:
/// `programme/corporate-parenting-week-2014.pdf`.
fn programme_path(programme: &PublishedProgramme, format: ProgrammeFormat) -> String {
    let name = match slug(&programme.name) {
        s if s.is_empty() => format!("programme-{}", slug(&programme.id)),
        s => s,
    };
    format!("programme/{name}.{}", format.kind().extension())
}

/// The path of the programme's PDF in the site (where the site's folder may
/// already have it, see [`kept`]).
pub fn programme_pdf_path(programme: &PublishedProgramme) -> String {
    programme_path(programme, ProgrammeFormat::Pdf)
}

/// A council's listing's path: `listings/886.html`.
fn listing_path(council: &ListedCouncil) -> String {
    format!("listings/{}.html", slug(council.code))
}

/// Every file of the site, in the order to write them (the index last).
pub fn make(input: &SiteInput) -> Result<Vec<SiteFile>> {
    let p = input.programme;
    let document = crate::document::programme(p);
    let pdf_input = crate::document::pdf_input_digest(&document);
    // The PDF is the slowest by far: it is typeset on a thread of its own
    // while the rest is made, unless one already made (published before, or
    // kept for the release) was made from the same input.
    let (pdf, rest) = std::thread::scope(|s| {
        let pdf = s.spawn(
            || match input.kept_pdfs.iter().find(|kept| kept.input == pdf_input) {
                Some(kept) => Ok(kept.bytes.clone()),
                None => crate::document::pdf(&document),
            },
        );
        let rest = the_rest(input);
        let pdf = pdf
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pdf, rest)
    });
    let mut files = rest?;
    let pdf = pdf?;
    let pdf_path = programme_path(p, ProgrammeFormat::Pdf);
    // After the feeds and the programme's HTML.
    files.insert(
        input.feeds.len() + 1,
        SiteFile {
            path: kept::digest_path(&pdf_path),
            bytes: kept::record(&pdf_input, &pdf).into_bytes(),
        },
    );
    files.insert(
        input.feeds.len() + 1,
        SiteFile {
            path: pdf_path,
            bytes: pdf,
        },
    );
    let documents: Vec<ProgrammeFile> = [
        ProgrammeFormat::Html,
        ProgrammeFormat::Pdf,
        ProgrammeFormat::Csv,
        ProgrammeFormat::Json,
    ]
    .into_iter()
    .map(|format| {
        let path = programme_path(p, format);
        let size = files
            .iter()
            .find(|f| f.path == path)
            .map_or(0, |f| f.bytes.len());
        ProgrammeFile { format, path, size }
    })
    .collect();
    let listings: Vec<(ListedCouncil, String, usize)> = input
        .councils
        .iter()
        .map(|c| (*c, listing_path(c), listing::count(p, c.code)))
        .collect();
    files.push(SiteFile {
        path: programme::feed::FILE_NAME.into(),
        bytes: input.changes.to_vec(),
    });
    files.push(SiteFile {
        path: "index.html".into(),
        bytes: index::page(input, &documents, &listings, programme::feed::FILE_NAME).into_bytes(),
    });
    Ok(files)
}

/// The feeds, the programme's other formats and the listings, in order:
/// feeds, then the programme's HTML (the PDF goes after it), CSV and JSON,
/// then the listings.
fn the_rest(input: &SiteInput) -> Result<Vec<SiteFile>> {
    let p = input.programme;
    let mut files: Vec<SiteFile> = input
        .feeds
        .iter()
        .map(|f| SiteFile {
            path: f.path.trim_start_matches('/').to_string(),
            bytes: f.body.clone().into_bytes(),
        })
        .collect();
    for format in [
        ProgrammeFormat::Html,
        ProgrammeFormat::Csv,
        ProgrammeFormat::Json,
    ] {
        files.push(SiteFile {
            path: programme_path(p, format),
            bytes: programme::export(p, format)?,
        });
    }
    for council in input.councils {
        files.push(SiteFile {
            path: listing_path(council),
            bytes: listing::fragment(p, *council).into_bytes(),
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests;
