//! cpweek-core: everything Corporate Parenting Week knows, with no user
//! interface. The `cpweek` CLI and the desktop app are thin adapters over
//! this crate; neither holds business rules.
//!
//! - [`event`]: events, their validation rules, status changes, SEQUENCE.
//! - [`filter`]: which events a list shows (the CLI's and the window's).
//! - [`council`], [`programme`]: reference data and how input names it.
//! - [`attendance`]: people who may be asked to attend, and requests for
//!   them (statuses, moves, history).
//! - [`pack`]: submission packs (council to LGA) and the LGA's replies.
//! - [`practice`]: practice entries (case studies) for the good-practice
//!   toolkit: their form, validation and statuses.
//! - [`permission`]: who may do what to events, and what each event offers.
//! - [`summary`]: a programme at a glance (the Dashboard's figures).
//! - [`store`]: the SQLite store; every user action is one transaction.
//! - [`ics`]: iCalendar feeds out and calendars in.
//! - [`publish`]: what each audience may see, text made safe for each
//!   format, and the names and links of published things.
//! - [`document`]: documents to read and print (briefing notes, later the
//!   programme and the toolkit) as one HTML file or a tagged PDF.
//! - [`file`]: files a person chooses to write, checked and written whole.
//! - [`folder`]: a folder of published files (the static site) written
//!   file by file, each whole, unchanged files left untouched.
//! - [`text`]: the text rules every field meets, and text safe to show.
//! - [`time`]: local time in the programme's zone; nothing reads the clock.
//! - [`travel`]: travel time between two places (postcodes, regions,
//!   overrides), with the sentence that explains it.
//! - [`clash`]: which engagements of one person cannot both be kept.
//! - [`plan`]: the itinerary planner: the engagements worth most that can
//!   all be kept, and why each other one was left out.

pub mod attendance;
pub mod catalogue;
pub mod clash;
pub mod council;
pub mod dissemination;
pub mod document;
pub mod error;
pub mod event;
pub mod file;
pub mod filter;
pub mod folder;
pub mod ics;
pub mod pack;
pub mod permission;
pub mod plan;
pub mod practice;
pub mod programme;
pub mod publish;
pub mod review;
pub mod sample;
pub mod store;
pub mod summary;
pub mod text;
pub mod time;
pub mod travel;

pub use catalogue::Catalogue;
pub use error::{Error, ErrorCode, FieldError, Result};
pub use store::Store;
