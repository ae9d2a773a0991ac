//! Packs as a person works with them in the window: the pack they write
//! (whose council it is for is decided here, not by the window), the
//! conflicts waiting with each side named and the person's refusal, and an
//! import report with its values worded for people.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{PackFile, Store};
use crate::error::{Error, Result};
use crate::pack::report::{AnyPackConflict, PackReport};
use crate::pack::work::{pack_work, PackWork};
use crate::pack::{shown, PackKind, Side};
use crate::permission::{self, PackAction};
use crate::text::capitalised;

/// The Packs screen: what the person may do, and the conflicts waiting.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct PacksPage {
    pub work: PackWork,
    /// The person's council, for people (`Kent (886)`), when the work names one.
    pub council: Option<String>,
    pub conflicts: Vec<ConflictShown>,
}

/// A conflict as the window shows it (an event's, a ministerial
/// request's or a practice entry's: `conflict.record` is then `"request"`
/// or `"practice"`): both versions, named
/// for people, the fields that differ with their values worded for people
/// by the core.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ConflictShown {
    pub conflict: AnyPackConflict,
    /// The side this database is on (its version is `conflict.here`).
    pub here_side: Side,
    /// This database's version's owner, for people: "The LGA's".
    pub here: String,
    /// The pack's version's owner, for people: "The council's".
    pub there: String,
    /// Why the person in the settings may not choose between them (the
    /// core's refusal); none when they may.
    pub refusal: Option<String>,
}

/// The pack a person writes, made and checked before they choose where
/// to save it.
#[derive(Debug)]
pub struct PersonPack {
    pub file: PackFile,
    pub kind: PackKind,
    /// The council it is for or from, for people: `Kent (886)`.
    pub council: String,
}

impl Store {
    /// The Packs screen for the person in the settings.
    pub fn packs_page(&self) -> Result<PacksPage> {
        let settings = self.settings()?;
        let work = pack_work(settings.role, settings.my_council.as_deref());
        let catalogue = self.catalogue()?;
        let conflicts = self
            .all_pack_conflicts()?
            .into_iter()
            .map(|mut conflict| {
                let (from, council) = match &mut conflict {
                    AnyPackConflict::Event(c) => {
                        c.fields = c
                            .fields
                            .iter()
                            .map(|f| shown::worded(f, &catalogue))
                            .collect();
                        (c.from, c.here.council.clone())
                    }
                    AnyPackConflict::Request(c) => {
                        c.fields = c.fields.iter().map(shown::worded_request).collect();
                        (c.from, c.here.council.clone())
                    }
                    AnyPackConflict::Practice(c) => {
                        c.fields = c
                            .fields
                            .iter()
                            .map(|f| shown::worded_practice(f, &catalogue))
                            .collect();
                        (c.from, c.here.council.clone())
                    }
                };
                let here_side = from.other();
                ConflictShown {
                    here: capitalised(here_side.possessive()),
                    there: capitalised(from.possessive()),
                    refusal: permission::check_pack(
                        settings.role,
                        settings.my_council.as_deref(),
                        PackAction::Resolve { from },
                        &council,
                    )
                    .err()
                    .map(|e| e.to_string()),
                    here_side,
                    conflict,
                }
            })
            .collect();
        let council = match &work.council {
            Some(code) => Some(
                catalogue
                    .council(code)
                    .map_err(|m| Error::invalid("council", m))?
                    .label(),
            ),
            None => None,
        };
        Ok(PacksPage {
            work,
            council,
            conflicts,
        })
    }

    /// The pack the person in the settings writes: their own council's
    /// submission (a council organiser; `council` is then theirs, whatever
    /// was asked), or the LGA's reply to `council`. Refused as the core's
    /// rules say.
    pub fn person_pack(
        &self,
        council: &str,
        programme: &str,
        now: DateTime<Utc>,
    ) -> Result<PersonPack> {
        let settings = self.settings()?;
        let work = pack_work(settings.role, settings.my_council.as_deref());
        if let Some(why) = work.blocked {
            return Err(Error::Forbidden(why));
        }
        let council = work.council.as_deref().unwrap_or(council);
        if council.trim().is_empty() {
            return Err(Error::invalid(
                "council",
                "enter the council the reply is for",
            ));
        }
        let file = self.export_pack(council, work.writes, programme, now)?;
        let label = self
            .catalogue()?
            .council(council)
            .map_err(|m| Error::invalid("council", m))?
            .label();
        Ok(PersonPack {
            file,
            kind: work.writes,
            council: label,
        })
    }

    /// `report`'s changed values worded for people (times as GOV.UK writes
    /// them, themes by name, a request's person and role, a practice
    /// entry's outcomes, contact, status and consent check).
    pub fn pack_report_shown(&self, mut report: PackReport) -> Result<PackReport> {
        let catalogue = self.catalogue()?;
        for item in &mut report.items {
            item.changes = item
                .changes
                .iter()
                .map(|c| shown::worded(c, &catalogue))
                .collect();
        }
        for item in &mut report.requests {
            item.changes = item.changes.iter().map(shown::worded_request).collect();
        }
        for item in &mut report.practice {
            item.changes = item
                .changes
                .iter()
                .map(|c| shown::worded_practice(c, &catalogue))
                .collect();
        }
        Ok(report)
    }
}
