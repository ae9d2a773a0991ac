//! Which events a list shows: the one definition of the events list's
//! filters and search. `Store::events` (the CLI's `event list`, the window's
//! list) applies it; the window's table restates it in
//! `ui/src/lib/events.ts` so that a filter answers within a frame, and an
//! agreement test (a fixture written by `cargo test`, checked by Vitest)
//! keeps the two from ever disagreeing.
//!
//! The search looks in the event's [`search_text`], which the core also
//! sends to the window with each listed event, so the fields searched and
//! how their case is folded are defined here only.

use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

use crate::catalogue::Catalogue;
use crate::council::{self, Region};
use crate::error::FieldError;
use crate::event::{Event, Status, Visibility};
use crate::programme::resolve_term;
use crate::time;

/// Filters for listing events, as people give them; every one narrows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EventFilter {
    /// Programme id; empty for the current programme.
    pub programme: String,
    pub council: Option<String>,
    pub region: Option<String>,
    /// A local date, `YYYY-MM-DD`: events on that day.
    pub day: Option<String>,
    pub theme: Option<String>,
    pub status: Option<String>,
    pub visibility: Option<String>,
    pub search: Option<String>,
}

/// An [`EventFilter`] resolved against the reference data: names turned
/// into the values events carry. Every field given narrows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// DfE code: events the council runs, as lead or partner.
    pub council: Option<String>,
    /// Region name (as [`Event::region`]).
    pub region: Option<String>,
    /// Events on this local day: it falls between their first and last day.
    pub day: Option<NaiveDate>,
    /// Theme slug.
    pub theme: Option<String>,
    pub status: Option<Status>,
    pub visibility: Option<Visibility>,
    /// The search as [`search_query`] makes it.
    pub search: Option<String>,
}

/// The text an event's search looks in: its title, description, venue and
/// council name, one per line, in lower case (Unicode's default case
/// folding to lower case, as JavaScript's `toLowerCase` does).
pub fn search_text(event: &Event) -> String {
    [
        event.details.title.as_str(),
        event.details.description.as_deref().unwrap_or(""),
        event.details.venue.as_deref().unwrap_or(""),
        event.council_name.as_str(),
    ]
    .join("\n")
    .to_lowercase()
}

/// What a person typed in the search, as it is looked for: without
/// surrounding white space (Unicode's White_Space), in lower case; `None`
/// when nothing is left, which searches for nothing.
pub fn search_query(typed: &str) -> Option<String> {
    let query = typed.trim();
    (!query.is_empty()).then(|| query.to_lowercase())
}

impl Selection {
    /// Resolves `filter` (all but its programme, which the caller has
    /// chosen), reporting every field at fault.
    pub fn resolve(
        filter: &EventFilter,
        catalogue: &Catalogue,
        regions: &[Region],
    ) -> Result<Selection, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut s = Selection::default();
        if let Some(c) = given(&filter.council) {
            match catalogue.council(c) {
                Ok(c) => s.council = Some(c.code.clone()),
                Err(m) => errors.push(FieldError::new("council", m)),
            }
        }
        if let Some(r) = given(&filter.region) {
            match council::resolve_region(regions, r) {
                Ok(r) => s.region = Some(r.name.clone()),
                Err(m) => errors.push(FieldError::new("region", m)),
            }
        }
        if let Some(d) = given(&filter.day) {
            match time::parse_date(d) {
                Ok(day) => s.day = Some(day),
                Err(m) => errors.push(FieldError::new("day", format!("day {m}"))),
            }
        }
        if let Some(t) = given(&filter.theme) {
            match resolve_term(&catalogue.themes, "theme", t) {
                Ok(t) => s.theme = Some(t.slug.clone()),
                Err(m) => errors.push(FieldError::new("theme", m)),
            }
        }
        if let Some(st) = given(&filter.status) {
            match Status::parse(st) {
                Some(st) => s.status = Some(st),
                None => errors.push(FieldError::new(
                    "status",
                    format!("status \"{st}\" is not known; choose from submitted, approved, returned, cancelled"),
                )),
            }
        }
        if let Some(v) = given(&filter.visibility) {
            match Visibility::parse(v) {
                Some(v) => s.visibility = Some(v),
                None => errors.push(FieldError::new(
                    "visibility",
                    format!("visibility \"{v}\" is not known; choose public or private"),
                )),
            }
        }
        s.search = filter.search.as_deref().and_then(search_query);
        if errors.is_empty() {
            Ok(s)
        } else {
            Err(errors)
        }
    }

    /// Whether `event` passes every filter given.
    pub fn matches(&self, event: &Event) -> bool {
        self.council.as_ref().is_none_or(|c| event.is_run_by(c))
            && self.region.as_ref().is_none_or(|r| &event.region == r)
            && self
                .day
                .is_none_or(|d| event.start_date <= d && d <= event.end_date)
            && self
                .theme
                .as_ref()
                .is_none_or(|t| event.details.themes.contains(t))
            && self.status.is_none_or(|s| event.status == s)
            && self
                .visibility
                .is_none_or(|v| event.details.visibility == v)
            && self
                .search
                .as_ref()
                .is_none_or(|q| search_text(event).contains(q.as_str()))
    }
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(title: &str) -> Event {
        Event::example(1, title)
    }

    #[test]
    fn search_text_holds_the_searched_fields_in_lower_case_one_per_line() {
        let mut e = event("Café for CARE leavers");
        e.details.description = Some("Tea\nand ΟΔΟΣ".into());
        e.details.venue = Some("Sessions House".into());
        assert_eq!(
            search_text(&e),
            "café for care leavers\ntea\nand οδος\nsessions house\nkent"
        );
        e.details.description = None;
        e.details.venue = None;
        assert_eq!(search_text(&e), "café for care leavers\n\n\nkent");
    }

    #[test]
    fn the_query_is_trimmed_of_unicode_white_space_and_lower_cased() {
        assert_eq!(search_query("  Kent\u{85}"), Some("kent".into()));
        assert_eq!(search_query("\u{a0}CAFÉ\u{3000}"), Some("café".into()));
        assert_eq!(search_query(" \t\n"), None);
        // A byte-order mark is not white space: it stays, and matches nothing.
        assert_eq!(search_query("\u{feff}kent"), Some("\u{feff}kent".into()));
    }

    #[test]
    fn every_filter_narrows() {
        let e = event("Kent celebrates");
        let day = |d: u32| NaiveDate::from_ymd_opt(2014, 10, d);
        let pass = |s: Selection| s.matches(&e);
        assert!(pass(Selection::default()));
        assert!(pass(Selection {
            council: Some("886".into()),
            region: Some("South East".into()),
            day: day(28),
            theme: Some("care-leavers".into()),
            status: Some(Status::Submitted),
            visibility: Some(Visibility::Public),
            search: Some("celebrates".into()),
        }));
        assert!(!pass(Selection {
            council: Some("801".into()),
            ..Default::default()
        }));
        assert!(!pass(Selection {
            region: Some("London".into()),
            ..Default::default()
        }));
        assert!(!pass(Selection {
            day: day(29),
            ..Default::default()
        }));
        assert!(!pass(Selection {
            theme: Some("fostering".into()),
            ..Default::default()
        }));
        assert!(!pass(Selection {
            status: Some(Status::Approved),
            ..Default::default()
        }));
        assert!(!pass(Selection {
            visibility: Some(Visibility::Private),
            ..Default::default()
        }));
        assert!(!pass(Selection {
            search: Some("leeds".into()),
            ..Default::default()
        }));
        // The council's name is searched too.
        assert!(pass(Selection {
            search: Some("kent".into()),
            ..Default::default()
        }));
    }

    #[test]
    fn a_day_filter_finds_every_day_an_event_spans() {
        let mut e = event("Three days");
        e.end_date = NaiveDate::from_ymd_opt(2014, 10, 30).unwrap();
        for (d, on) in [(27, false), (28, true), (29, true), (30, true), (31, false)] {
            let s = Selection {
                day: NaiveDate::from_ymd_opt(2014, 10, d),
                ..Default::default()
            };
            assert_eq!(s.matches(&e), on, "28-30 October on the {d}th");
        }
    }
}
