//! Numbered releases of the published programme, as pretalx makes of a
//! conference's schedule: the LGA freezes the approved public programme as
//! release 1, 2, ... ([`crate::store::Store::make_release`]); each keeps
//! the [`super::PublishedProgramme`] it was made from, so its documents
//! never change afterwards, whatever happens to the events.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use ts_rs::TS;

use super::changes::ProgrammeChanges;
use crate::permission::Role;

/// A release as listed: its number, note, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Release {
    /// The programme's id ("2014").
    pub programme: String,
    /// 1 for the first release.
    pub number: u32,
    /// What the LGA said about it, if anything.
    pub note: Option<String>,
    /// When it was made, in the programme's zone with its offset.
    #[serde(serialize_with = "crate::time::serialize_rfc3339")]
    #[ts(type = "string")]
    pub made_at: DateTime<FixedOffset>,
    /// When it was made, for people: `Tuesday 2 September 2014, 9am`.
    pub made_at_label: String,
    /// Who made it: the settings' name, or "unnamed LGA officer".
    pub made_by: String,
    pub role: Role,
    /// How many events it holds.
    pub events: u32,
}

/// A release and what changed in it since an earlier one (none: the
/// first release, against an empty programme).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReleaseChanges {
    pub release: Release,
    /// The release it is compared with.
    pub since: Option<u32>,
    pub changes: ProgrammeChanges,
    /// How many of each change, for people: `1 changed, 1 cancelled`
    /// ([`ProgrammeChanges::counts`]).
    pub counts: String,
}

impl ReleaseChanges {
    /// `release` with its `changes` since release `since`.
    pub fn new(release: Release, since: Option<u32>, changes: ProgrammeChanges) -> ReleaseChanges {
        ReleaseChanges {
            counts: changes.counts(),
            release,
            since,
            changes,
        }
    }

    /// A heading for people: `Release 2 (since release 1): 2 added, 1
    /// changed`.
    pub fn heading(&self) -> String {
        let since = match self.since {
            Some(n) => format!(" (since release {n})"),
            None => String::new(),
        };
        format!(
            "Release {}{since}: {}",
            self.release.number,
            self.changes.counts()
        )
    }

    /// The release and its changes as plain text, one line each: who made
    /// it when, its note, then [`ProgrammeChanges::lines`].
    pub fn lines(&self) -> Vec<String> {
        let r = &self.release;
        let events = if r.events == 1 { "event" } else { "events" };
        let mut out = vec![format!(
            "Release {} of the programme, made {}: {} {events}.",
            r.number, r.made_at_label, r.events
        )];
        if let Some(note) = &r.note {
            out.push(format!("Note: {}", crate::text::joined_lines(note)));
        }
        match self.since {
            Some(n) => out.push(format!("Since release {n}: {}.", self.changes.counts())),
            None => out.push(format!("First release: {}.", self.changes.counts())),
        }
        out.extend(self.changes.lines());
        out
    }
}
