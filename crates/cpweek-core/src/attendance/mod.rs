//! Ministerial and VIP attendance: the people who may be asked to attend
//! ([`person`]) and councils' and the LGA's requests for them ([`request`]:
//! what is asked, its statuses and moves). Who may make each move is
//! [`crate::permission`]'s rule; travel and clashes are [`crate::travel`]
//! and [`crate::clash`]; the planner is [`crate::plan`].

pub mod diary;
pub mod person;
pub mod record;
pub mod report;
pub mod request;
pub mod week;

pub use diary::{Itinerary, RequestClash};
pub use person::{Person, PersonFields, PersonForm, PersonKind};
pub use record::{MoveNote, Request, RequestForm, RequestHistoryAction, RequestHistoryEntry};
pub use report::MinisterialReport;
pub use request::{AskedBy, RequestAction, RequestRole, RequestStatus};
pub use week::{DiaryDay, DiaryEntry, PersonWeek};
