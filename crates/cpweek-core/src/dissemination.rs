//! The toolkit's dissemination (issue 11, item 5): which councils were sent
//! which edition of the good-practice toolkit and when, and its coverage:
//! the councils with at least one published practice entry, as lead or
//! partner, region by region. Who may record a sending is
//! [`crate::permission::check_toolkit_sent`] (LGA officers only).

use chrono::NaiveDate;
use serde::Serialize;

use crate::council::{Council, Region};
use crate::error::FieldError;
use crate::practice::{PracticeEntry, PracticeStatus};

/// A sending as a person gives it: the edition, to whom (`all`, or
/// councils by code or name) and the day (YYYY-MM-DD; empty: today).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentForm {
    pub programme: String,
    pub edition: String,
    pub to: Vec<String>,
    pub on: String,
}

/// To whom a toolkit was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipients {
    /// Every council.
    All,
    /// These councils, as typed.
    Councils(Vec<String>),
}

/// The most editions a programme's toolkit may have.
pub const MOST_EDITIONS: u32 = 1000;

/// The edition as typed: a whole number from 1.
pub fn edition(text: &str) -> Result<u32, FieldError> {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=MOST_EDITIONS).contains(&n) => Ok(n),
        _ => Err(FieldError::new(
            "edition",
            format!(
                "edition \"{}\" is not an edition number; give a whole number from 1 to {MOST_EDITIONS}, like 1",
                crate::text::shown(text.trim())
            ),
        )),
    }
}

/// The recipients as typed: `all` alone, or one or more councils.
pub fn recipients(to: &[String]) -> Result<Recipients, FieldError> {
    let given: Vec<&str> = to
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if given.is_empty() {
        return Err(FieldError::new(
            "to",
            "say to whom the toolkit was sent: all, or one or more councils by code or name",
        ));
    }
    if given.iter().any(|t| t.eq_ignore_ascii_case("all")) {
        if given.len() > 1 {
            return Err(FieldError::new(
                "to",
                "give all alone, or the councils it was sent to, not both",
            ));
        }
        return Ok(Recipients::All);
    }
    Ok(Recipients::Councils(
        given.into_iter().map(str::to_string).collect(),
    ))
}

/// The day it was sent: YYYY-MM-DD, not after `today`; empty means today.
pub fn sent_on(text: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(today);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            "at",
            format!(
                "\"{}\" is not a date; give the day it was sent as YYYY-MM-DD, like 2014-11-10",
                crate::text::shown(text)
            ),
        )
    })?;
    if day > today {
        return Err(FieldError::new(
            "at",
            format!("{day} is after today ({today}); record a sending once it has happened"),
        ));
    }
    if day < NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date") {
        return Err(FieldError::new(
            "at",
            format!("{day} is before 2000; give the day it was sent"),
        ));
    }
    Ok(day)
}

/// One council's copy of one edition, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sent {
    pub programme: String,
    pub edition: u32,
    pub council: String,
    pub council_name: String,
    pub region: String,
    /// YYYY-MM-DD.
    pub sent_on: String,
    pub recorded_by: String,
}

/// What recording a sending did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentReport {
    pub edition: u32,
    pub sent_on: String,
    /// Councils newly recorded, by code.
    pub recorded: Vec<String>,
    /// Councils already recorded for this edition (their first day kept).
    pub already: Vec<String>,
}

/// One region's coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionCoverage {
    pub region: String,
    pub region_code: String,
    pub councils: u32,
    /// Councils with at least one published entry, as lead or partner.
    pub covered: u32,
    /// Those without one, by name.
    pub not_covered: Vec<String>,
}

/// The toolkit's coverage: councils with at least one published entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub programme: String,
    pub councils: u32,
    pub covered: u32,
    pub regions: Vec<RegionCoverage>,
}

/// Coverage over `entries` (any status; only published ones count), by
/// region in `regions`' order: a council counts once whether it led an
/// entry or was a partner in one.
pub fn coverage(
    programme: &str,
    regions: &[Region],
    councils: &[Council],
    entries: &[PracticeEntry],
) -> Coverage {
    let published: std::collections::BTreeSet<&str> = entries
        .iter()
        .filter(|e| e.status == PracticeStatus::Published && e.programme == programme)
        .flat_map(|e| e.councils())
        .collect();
    let regions: Vec<RegionCoverage> = regions
        .iter()
        .map(|r| {
            let mine: Vec<&Council> = councils
                .iter()
                .filter(|c| c.region_code == r.code)
                .collect();
            let not_covered: Vec<String> = mine
                .iter()
                .filter(|c| !published.contains(c.code.as_str()))
                .map(|c| c.display_name.clone())
                .collect();
            RegionCoverage {
                region: r.name.clone(),
                region_code: r.code.clone(),
                councils: mine.len() as u32,
                covered: (mine.len() - not_covered.len()) as u32,
                not_covered,
            }
        })
        .collect();
    Coverage {
        programme: programme.to_string(),
        councils: regions.iter().map(|r| r.councils).sum(),
        covered: regions.iter().map(|r| r.covered).sum(),
        regions,
    }
}

#[cfg(test)]
#[path = "dissemination_tests.rs"]
mod tests;
