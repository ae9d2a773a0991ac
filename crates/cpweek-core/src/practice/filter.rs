//! Which practice entries a list shows: the one definition the CLI's
//! `practice list` and the window's list follow.

use serde::Deserialize;
use ts_rs::TS;

use super::{PracticeEntry, PracticeStatus};
use crate::catalogue::Catalogue;
use crate::council::{self, Region};
use crate::error::FieldError;
use crate::programme::resolve_term;

/// Filters for listing entries, as people give them; every one narrows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PracticeFilter {
    /// Programme id; empty for the current programme.
    pub programme: String,
    /// Entries this council did, as lead or partner (code or name).
    pub council: Option<String>,
    /// Entries whose lead council is in this region (name or E12 code).
    pub region: Option<String>,
    pub theme: Option<String>,
    pub status: Option<String>,
}

/// A [`PracticeFilter`] resolved against the reference data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PracticeSelection {
    /// DfE code.
    pub council: Option<String>,
    /// Region name (as [`PracticeEntry::region`]).
    pub region: Option<String>,
    /// Theme slug.
    pub theme: Option<String>,
    pub status: Option<PracticeStatus>,
}

impl PracticeSelection {
    /// Resolves `filter` (all but its programme, which the caller has
    /// chosen), reporting every field at fault.
    pub fn resolve(
        filter: &PracticeFilter,
        catalogue: &Catalogue,
        regions: &[Region],
    ) -> Result<PracticeSelection, Vec<FieldError>> {
        let given = |v: &Option<String>| v.clone().filter(|t| !t.trim().is_empty());
        let mut errors = Vec::new();
        let mut s = PracticeSelection::default();
        if let Some(c) = given(&filter.council) {
            match catalogue.council(&c) {
                Ok(c) => s.council = Some(c.code.clone()),
                Err(m) => errors.push(FieldError::new("council", m)),
            }
        }
        if let Some(r) = given(&filter.region) {
            match council::resolve_region(regions, &r) {
                Ok(r) => s.region = Some(r.name.clone()),
                Err(m) => errors.push(FieldError::new("region", m)),
            }
        }
        if let Some(t) = given(&filter.theme) {
            match resolve_term(&catalogue.themes, "theme", &t) {
                Ok(t) => s.theme = Some(t.slug.clone()),
                Err(m) => errors.push(FieldError::new("theme", m)),
            }
        }
        if let Some(st) = given(&filter.status) {
            match PracticeStatus::parse(&st) {
                Some(st) => s.status = Some(st),
                None => errors.push(FieldError::new(
                    "status",
                    format!(
                        "status \"{}\" is not known; choose from {}",
                        crate::text::quoted(st.trim()),
                        PracticeStatus::ALL.map(PracticeStatus::as_str).join(", ")
                    ),
                )),
            }
        }
        if errors.is_empty() {
            Ok(s)
        } else {
            Err(errors)
        }
    }

    /// Whether `entry` passes every filter given.
    pub fn matches(&self, entry: &PracticeEntry) -> bool {
        self.council.as_deref().is_none_or(|c| entry.is_by(c))
            && self.region.as_deref().is_none_or(|r| entry.region == r)
            && self
                .theme
                .as_ref()
                .is_none_or(|t| entry.details.themes.contains(t))
            && self.status.is_none_or(|s| entry.status == s)
    }
}
