//! A feed's scope and privacy, and the events it holds. Which events those
//! are is decided by [`crate::publish::audience`]:
//!
//! - `national`: approved events: the national programme.
//! - `region:NAME`, `council:CODE`, `theme:NAME`: that slice's submitted and
//!   approved events (submitted ones are TENTATIVE).
//! - Cancelled events stay in every feed they were in, with
//!   `STATUS:CANCELLED` and a higher SEQUENCE, so that subscribers' calendars
//!   drop them: in their slice feeds always, and in the national feed if
//!   they were ever approved (`Event::was_approved`).
//! - Returned events are left out: the LGA has asked for changes, so the
//!   event is not in the programme; subscribed calendars remove an event
//!   that leaves the feed, and it comes back, with a higher SEQUENCE, when
//!   the council resubmits it.
//! - Private events (children in care may be present) are never in a feed
//!   unless the caller asks for [`Privacy::IncludePrivate`], which is only
//!   for a council's own copy of its own events (a council scope; refused
//!   with any other) and marks them `CLASS:PRIVATE`. The feed server never
//!   asks for it.

use chrono::{DateTime, Utc};

use serde::Deserialize;
use ts_rs::TS;

use super::read::Span;
use crate::error::{Error, Result};
use crate::event::{Status, Visibility};
use crate::publish::Exposure;

/// Which events a feed holds: the whole programme, or one slice of it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
#[ts(export)]
pub enum Scope {
    National,
    /// A region, by name or E12 code.
    Region(String),
    /// A council, by DfE code or name.
    Council(String),
    /// A theme, by slug or name.
    Theme(String),
}

impl Scope {
    /// Reads `national`, `region:NAME`, `council:CODE` or `theme:NAME`.
    pub fn parse(text: &str) -> Result<Scope> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("national") {
            return Ok(Scope::National);
        }
        let expected = "expected national, region:NAME, council:CODE or theme:NAME";
        let (kind, value) = t.split_once(':').ok_or_else(|| {
            Error::invalid("scope", format!("scope \"{t}\" is not known; {expected}"))
        })?;
        let value = value.trim().to_string();
        if value.is_empty() {
            return Err(Error::invalid(
                "scope",
                format!("scope \"{t}\" names no {kind}; {expected}"),
            ));
        }
        match kind.trim().to_ascii_lowercase().as_str() {
            "region" => Ok(Scope::Region(value)),
            "council" => Ok(Scope::Council(value)),
            "theme" => Ok(Scope::Theme(value)),
            _ => Err(Error::invalid(
                "scope",
                format!("scope \"{t}\" is not known; {expected}"),
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Privacy {
    /// Partner feeds: private events are never included.
    PublicOnly,
    /// A council's own copy: private events included, marked CLASS:PRIVATE.
    IncludePrivate,
}

/// An event as a feed carries it: what its VEVENT says and what decides
/// whether it is in the feed, and no more (no contact details, audiences
/// or review notes), so that a feed of thousands is quick to read.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEvent {
    pub uid: String,
    pub sequence: u32,
    pub title: String,
    pub description: Option<String>,
    /// Instants, or for an all-day event its local dates in the programme's
    /// zone (the end exclusive).
    pub span: Span,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub booking_url: Option<String>,
    /// Theme slugs, in the order the council gave them.
    pub themes: Vec<String>,
    /// The region's name (the last of the CATEGORIES).
    pub region: String,
    /// The lead council's DfE code.
    pub council: String,
    /// The partner councils' names, in order, for a joint event.
    pub partners: Vec<String>,
    /// Their DfE codes, in the same order (a partner's feed holds the event).
    pub partner_codes: Vec<String>,
    pub visibility: Visibility,
    pub status: Status,
    /// It has been in the national programme (approved) at some time.
    pub was_approved: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FeedEvent {
    /// What decides whether the event is published (see
    /// [`crate::publish::audience`]).
    pub fn exposure(&self) -> Exposure<'_> {
        Exposure {
            council: &self.council,
            partners: &self.partner_codes,
            visibility: self.visibility,
            status: self.status,
            was_approved: self.was_approved,
        }
    }
}

/// A feed ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The calendar's name, for NAME and X-WR-CALNAME.
    pub name: String,
    pub events: Vec<FeedEvent>,
    /// The latest change to any event of the programme that the feed's
    /// audience could see (for Last-Modified): an event leaving the feed
    /// counts, a private event's edit does not count in a partner feed.
    pub last_change: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_and_say_what_is_expected() {
        assert_eq!(Scope::parse("national").unwrap(), Scope::National);
        assert_eq!(
            Scope::parse("region:South East").unwrap(),
            Scope::Region("South East".into())
        );
        assert_eq!(
            Scope::parse("council:886").unwrap(),
            Scope::Council("886".into())
        );
        assert_eq!(
            Scope::parse("theme:education").unwrap(),
            Scope::Theme("education".into())
        );
        let err = Scope::parse("county:Kent").unwrap_err();
        assert!(err.to_string().contains("region:NAME"), "{err}");
        assert!(Scope::parse("region:").is_err());
    }

    #[test]
    fn scopes_and_privacy_arrive_from_the_window_as_tagged_json() {
        let scope: Scope =
            serde_json::from_str(r#"{"kind":"region","name":"South East"}"#).unwrap();
        assert_eq!(scope, Scope::Region("South East".into()));
        let scope: Scope = serde_json::from_str(r#"{"kind":"national"}"#).unwrap();
        assert_eq!(scope, Scope::National);
        let privacy: Privacy = serde_json::from_str(r#""public_only""#).unwrap();
        assert_eq!(privacy, Privacy::PublicOnly);
    }
}
