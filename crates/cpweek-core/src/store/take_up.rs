//! The councils not taking part yet, per region, for the LGA to chase: the
//! summary's take-up rule ([`crate::summary::councils_taking_part`]), not
//! restated here.

use serde::Serialize;
use ts_rs::TS;

use super::Store;
use crate::council::Council;
use crate::error::Result;

/// One region's councils not taking part yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MissingInRegion {
    pub region: String,
    pub region_code: String,
    /// How many councils the region has, and how many take part.
    pub councils_in_region: u32,
    pub councils_taking_part: u32,
    /// Those not taking part, by name.
    pub councils: Vec<Council>,
}

impl Store {
    /// The councils of `programme` (empty: the current one) not taking
    /// part yet (no event going ahead, as lead or partner), region by
    /// region, or in one region (name or E12 code).
    pub fn councils_missing(
        &self,
        programme: &str,
        region: Option<&str>,
    ) -> Result<Vec<MissingInRegion>> {
        let only = region.map(|r| self.region_code(r)).transpose()?;
        let summary = self.programme_summary(programme)?;
        Ok(summary
            .by_region
            .into_iter()
            .filter(|r| only.as_ref().is_none_or(|code| code == &r.code))
            .map(|r| MissingInRegion {
                region: r.name,
                region_code: r.code,
                councils_in_region: r.councils,
                councils_taking_part: r.councils_taking_part,
                councils: r.not_registered,
            })
            .collect())
    }
}
