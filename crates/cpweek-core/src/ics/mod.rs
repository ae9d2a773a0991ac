//! iCalendar (RFC 5545): feeds written for partners' calendars, and
//! calendars councils keep in Outlook, Google or Apple read in.
//!
//! - [`text`]: folding, unfolding and TEXT escaping.
//! - [`write`]: the emitter.
//! - [`read`]: the reader (properties via the `ical` crate): a file's
//!   structure, and which events have faults of their own.
//! - [`incoming`]: one event's values and times, with checked arithmetic.
//! - [`zones`]: TZID names, Windows names, VTIMEZONE rules.
//! - [`recur`]: RRULE expansion (the `rrule` crate).
//! - [`feed`]: which events each feed holds.
//!
//! The store's side (choosing a feed's events, writing an import in one
//! transaction) is in [`crate::store`].

pub mod diary;
pub mod feed;
pub mod incoming;
pub mod read;
pub mod recur;
pub mod text;
pub mod write;
pub mod zones;

pub use feed::{Feed, Privacy, Scope};
