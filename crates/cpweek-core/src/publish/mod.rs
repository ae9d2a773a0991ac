//! Publishing: the one place that decides what goes out of cpweek and how.
//! Every output (partner feeds, a council's own export, the feed server's
//! index page, and later documents, the exchange pack and HTML pages) goes
//! through it.
//!
//! - [`audience`]: who a published thing is for, and which events and
//!   records that audience may see (private events only in a council's own
//!   copy of its own events).
//! - [`escape`]: text made safe for each format (HTML, iCalendar TEXT, CSV,
//!   XML), each a small pure function.
//! - [`listen`]: where the feed server listens (address and port, one
//!   rule for both adapters) and the public URL its links use.
//! - [`names`]: the names and links of published things: feed paths, file
//!   names, `webcal://` and `http(s)://` links from a configured base URL.
//! - [`programme`]: the national programme as published documents (HTML,
//!   PDF, CSV, the conference-schedule JSON), approved public events only.
//! - [`listing`]: a council's approved public events as an HTML fragment
//!   for its own website, made from the published programme.
//! - [`toolkit`]: the good-practice toolkit (PDF, DOCX, HTML): published
//!   practice entries with their consent check only.
//! - [`site`]: the whole public output as static files (feeds, programme,
//!   listings, an index page), as a list of paths and bytes.

pub mod audience;
pub mod escape;
pub mod listen;
pub mod listing;
pub mod names;
pub mod programme;
#[cfg(test)]
pub(crate) mod sample;
pub mod site;
pub mod toolkit;

pub use audience::{Audience, Exposure, Listing, PracticeExposure};
pub use names::{BaseUrl, FeedLinks};
