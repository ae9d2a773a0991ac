//! The toolkit's dissemination (issue 11, item 5): which councils were sent
//! which edition of the good-practice toolkit and when, and its coverage:
//! the councils with at least one published practice entry, as lead or
//! partner, region by region. Who may record a sending is
//! [`crate::permission::check_toolkit_sent`] (LGA officers only).

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Coverage {
    pub programme: String,
    pub councils: u32,
    pub covered: u32,
    pub regions: Vec<RegionCoverage>,
}

impl Coverage {
    /// "7 of 152 councils have at least one published practice entry, as
    /// lead or partner." (`cpweek practice coverage` and the Dashboard).
    pub fn headline(&self) -> String {
        format!(
            "{} of {} councils {} at least one published practice entry, as lead or partner.",
            self.covered,
            self.councils,
            if self.covered == 1 { "has" } else { "have" }
        )
    }
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

/// One edition of the toolkit as sent: to how many councils, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EditionSent {
    pub edition: u32,
    /// How many councils it was sent to.
    pub councils: u32,
    /// The first and the last day it was sent (YYYY-MM-DD, the
    /// programme's local day, Europe/London for the 2014 week).
    pub first_on: String,
    pub last_on: String,
    /// The day or days for people: "Monday 10 November 2014", or
    /// "Monday 10 November 2014 to Thursday 20 November 2014".
    pub when: String,
}

/// A council organiser's own council in the toolkit: its published
/// entries and whether it was sent the latest edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OwnCouncilToolkit {
    pub council: String,
    pub council_name: String,
    /// Published entries of the programme it leads or is a partner in.
    pub published_entries: u32,
    /// "Kent has 2 published entries in the toolkit, as lead or partner."
    pub entries_sentence: String,
    /// The latest edition sent to any council; none before the first.
    pub latest_edition: Option<u32>,
    /// The day this council was sent the latest edition (YYYY-MM-DD);
    /// none when it was not.
    pub sent_latest_on: Option<String>,
    /// "Kent was sent edition 2, the latest, on Monday 10 November 2014."
    pub sending_sentence: String,
}

/// The toolkit's dissemination as the Dashboard shows it: the coverage
/// region by region (in the regions' order), every edition sent, and, for
/// a council organiser with a council in the settings, their own council.
/// Anyone may read the record and the coverage
/// ([`crate::permission::check_toolkit_sent`]); the own council's part is
/// a council organiser's, since an LGA officer acts for no one council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Dissemination {
    pub coverage: Coverage,
    /// [`Coverage::headline`].
    pub headline: String,
    /// By edition, oldest first.
    pub editions: Vec<EditionSent>,
    pub own_council: Option<OwnCouncilToolkit>,
}

/// Who is looking: their role and the council in their settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer<'a> {
    pub role: crate::permission::Role,
    pub council: Option<&'a Council>,
}

/// The dissemination of the toolkit from its coverage, every sending
/// recorded for the programme (`sent`, any order) and the programme's
/// entries (any status; only published ones count).
pub fn dissemination(
    coverage: Coverage,
    sent: &[Sent],
    entries: &[PracticeEntry],
    viewer: Viewer<'_>,
) -> Dissemination {
    let mut editions: Vec<EditionSent> = Vec::new();
    let mut by_edition: std::collections::BTreeMap<u32, Vec<&Sent>> = Default::default();
    for s in sent.iter().filter(|s| s.programme == coverage.programme) {
        by_edition.entry(s.edition).or_default().push(s);
    }
    for (edition, rows) in &by_edition {
        let first = rows.iter().map(|s| s.sent_on.as_str()).min().unwrap_or("");
        let last = rows.iter().map(|s| s.sent_on.as_str()).max().unwrap_or("");
        let when = if first == last {
            day_label(first)
        } else {
            format!("{} to {}", day_label(first), day_label(last))
        };
        editions.push(EditionSent {
            edition: *edition,
            councils: rows.len() as u32,
            first_on: first.to_string(),
            last_on: last.to_string(),
            when,
        });
    }
    let own_council = match viewer {
        Viewer {
            role: crate::permission::Role::CouncilOrganiser,
            council: Some(council),
        } => Some(own_council(&coverage.programme, council, sent, entries)),
        _ => None,
    };
    Dissemination {
        headline: coverage.headline(),
        coverage,
        editions,
        own_council,
    }
}

fn own_council(
    programme: &str,
    council: &Council,
    sent: &[Sent],
    entries: &[PracticeEntry],
) -> OwnCouncilToolkit {
    let name = &council.display_name;
    let published = entries
        .iter()
        .filter(|e| {
            e.programme == programme
                && e.status == PracticeStatus::Published
                && e.is_by(&council.code)
        })
        .count() as u32;
    let entries_sentence = match published {
        0 => format!("{name} has no published entry in the toolkit yet."),
        1 => format!("{name} has 1 published entry in the toolkit, as lead or partner."),
        n => format!("{name} has {n} published entries in the toolkit, as lead or partner."),
    };
    let sent: Vec<&Sent> = sent.iter().filter(|s| s.programme == programme).collect();
    let latest = sent.iter().map(|s| s.edition).max();
    // The latest edition this council was sent, with its day.
    let mine = sent
        .iter()
        .filter(|s| s.council == council.code)
        .max_by_key(|s| s.edition);
    let sent_latest_on = mine
        .filter(|s| Some(s.edition) == latest)
        .map(|s| s.sent_on.clone());
    let sending_sentence = match (latest, mine) {
        (None, _) => "No edition of the toolkit has been sent yet.".to_string(),
        (Some(latest), Some(s)) if s.edition == latest => format!(
            "{name} was sent edition {latest}, the latest, on {}.",
            day_label(&s.sent_on)
        ),
        (Some(latest), Some(s)) => format!(
            "{name} has not been sent edition {latest}, the latest, yet; it was sent edition {} on {}.",
            s.edition,
            day_label(&s.sent_on)
        ),
        (Some(latest), None) => {
            format!("{name} has not been sent edition {latest}, the latest, yet.")
        }
    };
    OwnCouncilToolkit {
        council: council.code.clone(),
        council_name: name.clone(),
        published_entries: published,
        entries_sentence,
        latest_edition: latest,
        sent_latest_on,
        sending_sentence,
    }
}

/// "Monday 10 November 2014" from a stored YYYY-MM-DD (shown as stored if
/// it is not one).
fn day_label(stored: &str) -> String {
    NaiveDate::parse_from_str(stored, "%Y-%m-%d")
        .map(crate::time::format_date)
        .unwrap_or_else(|_| crate::text::shown(stored).into_owned())
}

#[cfg(test)]
#[path = "dissemination_tests.rs"]
mod tests;
