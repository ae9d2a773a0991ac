//! The sample week for trying the app (`cpweek sample load`): a fixed,
//! clearly marked Corporate Parenting Week 2014 of events, ministerial
//! requests and practice entries, made the same every time.
//!
//! Events come from a small deterministic generator over the places in
//! `seeds/sample/places.csv` (a plausible venue and postcode for each
//! council it uses); practice entries from `seeds/sample/practice.json`,
//! each drawn from good practice a source cites and naming it. Every title
//! begins [`MARK`], so a person tells sample from real at a glance; the
//! store keeps which rows are the sample's (`store/sample.rs`).
//!
//! This module only plans the sample as forms and the status each should
//! reach; the store puts them through the same validation as the form and
//! the CLI, in one transaction.

use serde::Deserialize;

use crate::attendance::{RequestForm, RequestStatus};
use crate::event::EventForm;
use crate::practice::{OutcomeForm, PracticeForm, PracticeStatus};

/// What every sample title begins with.
pub const MARK: &str = "Sample: ";

/// The programme the sample fills.
pub const PROGRAMME: &str = "2014";

/// The week's days (Monday 27 October to Sunday 2 November 2014).
const DAYS: [&str; 7] = [
    "2014-10-27",
    "2014-10-28",
    "2014-10-29",
    "2014-10-30",
    "2014-10-31",
    "2014-11-01",
    "2014-11-02",
];

/// How many events the generator makes: 16 a day.
pub const EVENTS: usize = 112;

/// Who the sample's history names.
pub const WHO: &str = "Sample data (cpweek sample load)";

/// The full name the sample's consent checks give.
pub const CONSENT_BY: &str = "Alex Sample";

/// Where a sample event ends up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventEnd {
    Submitted,
    Approved,
    Returned { note: String },
    Cancelled { reason: String },
}

#[derive(Debug, Clone)]
pub struct SampleEvent {
    pub form: EventForm,
    pub end: EventEnd,
}

/// A request for one of the sample's events (by its index in
/// [`SampleWeek::events`]), for a seeded person (by seed key), and the
/// status it should reach.
#[derive(Debug, Clone)]
pub struct SampleRequest {
    pub event: usize,
    pub person: &'static str,
    pub form: RequestForm,
    pub end: RequestStatus,
    /// Asked by the event's council (else by the LGA).
    pub by_council: bool,
}

#[derive(Debug, Clone)]
pub struct SamplePractice {
    pub form: PracticeForm,
    pub end: PracticeStatus,
    /// The LGA's note when the entry ends up returned.
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SampleWeek {
    pub events: Vec<SampleEvent>,
    pub requests: Vec<SampleRequest>,
    pub practice: Vec<SamplePractice>,
}

const PLACES: &str = include_str!("../../../seeds/sample/places.csv");
const PRACTICE: &str = include_str!("../../../seeds/sample/practice.json");

/// A council's sample venue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub council: String,
    pub venue: String,
    pub address: String,
    pub postcode: String,
}

/// The places of `seeds/sample/places.csv`, in its order.
pub fn places() -> Vec<Place> {
    let mut reader = csv::Reader::from_reader(PLACES.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("seeds/sample/places.csv is read by a test");
            Place {
                council: r[0].to_string(),
                venue: r[1].to_string(),
                address: r[2].to_string(),
                postcode: r[3].to_string(),
            }
        })
        .collect()
}

/// What an event is: a title (after the mark), its themes, audiences,
/// whether it is private, its length in hours and its first hour.
struct Kind {
    title: &'static str,
    description: &'static str,
    themes: &'static [&'static str],
    audiences: &'static [&'static str],
    private: bool,
    hours: u32,
    from: u32,
}

const KINDS: [Kind; 12] = [
    Kind {
        title: "care leavers' awards evening",
        description: "An evening celebrating the achievements of the council's care leavers, with awards chosen by the children in care council.",
        themes: &["achievement", "care-leavers"],
        audiences: &["care-leavers", "elected-members"],
        private: false,
        hours: 3,
        from: 18,
    },
    Kind {
        title: "children in care council meets the lead member",
        description: "Members of the children in care council put their questions to the lead member for children's services.",
        themes: &["participation", "elected-members"],
        audiences: &["children-in-care", "elected-members"],
        private: true,
        hours: 2,
        from: 16,
    },
    Kind {
        title: "fostering information evening",
        description: "Come and hear from foster carers and the fostering team about what fostering involves and how to start.",
        themes: &["fostering"],
        audiences: &["public"],
        private: false,
        hours: 2,
        from: 18,
    },
    Kind {
        title: "corporate parenting panel open session",
        description: "The corporate parenting panel meets in public, with a report from the virtual school head.",
        themes: &["elected-members", "education"],
        audiences: &["elected-members", "public"],
        private: false,
        hours: 2,
        from: 10,
    },
    Kind {
        title: "virtual school celebration of achievement",
        description: "Children in care and their carers celebrate this year's achievements at school and college.",
        themes: &["education", "achievement"],
        audiences: &["children-in-care", "foster-carers"],
        private: true,
        hours: 2,
        from: 13,
    },
    Kind {
        title: "care leavers' drop-in: housing and money",
        description: "Advice on tenancies, benefits and budgeting from the leaving care team and partners.",
        themes: &["care-leavers"],
        audiences: &["care-leavers"],
        private: false,
        hours: 3,
        from: 11,
    },
    Kind {
        title: "councillors shadow the children in care team",
        description: "Councillors spend a morning with social workers to see corporate parenting at first hand.",
        themes: &["elected-members"],
        audiences: &["elected-members", "staff"],
        private: true,
        hours: 3,
        from: 9,
    },
    Kind {
        title: "apprenticeship and jobs fair for care leavers",
        description: "Employers and the council's own services offer apprenticeships, work experience and jobs.",
        themes: &["care-leavers", "education"],
        audiences: &["care-leavers", "partners"],
        private: false,
        hours: 4,
        from: 10,
    },
    Kind {
        title: "foster carers' coffee morning",
        description: "A thank-you for the council's foster carers, with the director of children's services.",
        themes: &["fostering"],
        audiences: &["foster-carers", "staff"],
        private: false,
        hours: 2,
        from: 10,
    },
    Kind {
        title: "adoption information evening",
        description: "Adopters and the adoption team talk about adopting and the support available afterwards.",
        themes: &["adoption"],
        audiences: &["public"],
        private: false,
        hours: 2,
        from: 18,
    },
    Kind {
        title: "health and wellbeing day for children in care",
        description: "Activities, sport and health advice for children in care, run with the local health services.",
        themes: &["health-wellbeing"],
        audiences: &["children-in-care", "partners"],
        private: true,
        hours: 4,
        from: 10,
    },
    Kind {
        title: "family day out for foster families",
        description: "A weekend day out for foster families, with activities for all ages.",
        themes: &["fostering", "placement-stability"],
        audiences: &["foster-carers", "children-in-care"],
        private: false,
        hours: 4,
        from: 11,
    },
];

/// The joint events the sources pair: the tri-borough, Richmond with
/// Kingston, and Hampshire with the Isle of Wight (lead first).
pub const JOINT: [&[&str]; 3] = [&["207", "205", "213"], &["318", "314"], &["850", "921"]];

/// The sample week, the same every time.
pub fn week() -> SampleWeek {
    let places = places();
    let mut events = Vec::with_capacity(EVENTS);
    for i in 0..EVENTS {
        // Walk the places with a stride coprime to their number (a test
        // holds it so), so that every place is used and neighbouring
        // events come from different regions.
        let place = &places[(i * 11) % places.len()];
        let day = i % DAYS.len();
        let weekend = day >= 5;
        let kind = if weekend && i % 3 == 0 {
            &KINDS[11]
        } else {
            &KINDS[(i / DAYS.len() + i) % 11]
        };
        let from = kind.from + (i as u32 % 2);
        let partners: Vec<String> = JOINT
            .iter()
            .find(|pair| pair[0] == place.council && i % 2 == 0)
            .map(|pair| pair[1..].iter().map(|c| c.to_string()).collect())
            .unwrap_or_default();
        let joint = if partners.is_empty() { "" } else { "joint " };
        let title = format!("{MARK}{}{}", joint, kind.title);
        let title = capitalise_after_mark(&title);
        let form = EventForm {
            programme: PROGRAMME.into(),
            council: place.council.clone(),
            partner_councils: partners,
            title,
            description: kind.description.into(),
            start: format!("{}T{:02}:00", DAYS[day], from),
            end: format!("{}T{:02}:00", DAYS[day], from + kind.hours),
            all_day: false,
            venue: place.venue.clone(),
            address: place.address.clone(),
            postcode: place.postcode.clone(),
            themes: kind.themes.iter().map(|s| s.to_string()).collect(),
            audiences: kind.audiences.iter().map(|s| s.to_string()).collect(),
            private: kind.private,
            ..EventForm::default()
        };
        let end = match i % 10 {
            6 | 7 => EventEnd::Submitted,
            8 => EventEnd::Returned {
                note: "Sample note: please add the venue's access details.".into(),
            },
            9 => EventEnd::Cancelled {
                reason: "Sample reason: the venue is no longer available.".into(),
            },
            _ => EventEnd::Approved,
        };
        events.push(SampleEvent { form, end });
    }
    let requests = requests(&events);
    SampleWeek {
        events,
        requests,
        practice: practice(),
    }
}

fn capitalise_after_mark(title: &str) -> String {
    let rest = &title[MARK.len()..];
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => format!("{MARK}{}{}", first.to_uppercase(), chars.as_str()),
        None => title.to_string(),
    }
}

/// Ministerial requests at every status, for approved public events on
/// different days (so that no one's accepted engagements clash).
fn requests(events: &[SampleEvent]) -> Vec<SampleRequest> {
    use RequestStatus::*;
    let plan: [(&str, RequestStatus, bool, &str); 14] = [
        ("timpson", Accepted, false, "speak"),
        ("timpson", Held, false, "present-awards"),
        ("timpson", Forwarded, true, "visit"),
        ("timpson", Declined, true, "visit"),
        ("timpson", Draft, true, "speak"),
        ("trowler", Accepted, false, "visit"),
        ("trowler", Submitted, true, "speak"),
        ("trowler", Withdrawn, true, "visit"),
        ("simmonds", Held, false, "speak"),
        ("simmonds", Submitted, true, "visit"),
        ("cockell", Forwarded, false, "speak"),
        ("wood", Declined, false, "visit"),
        ("narey", Draft, false, "visit"),
        ("narey", Withdrawn, false, "speak"),
    ];
    let candidates: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].end == EventEnd::Approved && !events[i].form.private)
        .collect();
    // One event per request, spread over the week: accepted and held
    // requests of one person fall on different days.
    plan.iter()
        .enumerate()
        .map(|(n, &(person, end, by_council, role))| {
            let event = candidates[(n * 5) % candidates.len()];
            SampleRequest {
                event,
                person,
                form: RequestForm {
                    role: role.into(),
                    priority: format!("{}", 1 + n % 5),
                    case: "Sample request: the council would welcome a visit during the week."
                        .into(),
                    ..RequestForm::default()
                },
                end,
                by_council,
            }
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PracticeRow {
    council: String,
    #[serde(default)]
    partner_councils: Vec<String>,
    #[serde(default)]
    partner_organisations: Vec<String>,
    title: String,
    #[serde(default)]
    themes: Vec<String>,
    summary: String,
    #[serde(default)]
    what_was_done: String,
    #[serde(default)]
    outcomes: Vec<OutcomeForm>,
    source: String,
    status: String,
    #[serde(default)]
    note: Option<String>,
}

/// The practice entries of `seeds/sample/practice.json`, in its order.
pub fn practice() -> Vec<SamplePractice> {
    let rows: Vec<PracticeRow> =
        serde_json::from_str(PRACTICE).expect("seeds/sample/practice.json is read by a test");
    rows.into_iter()
        .map(|r| SamplePractice {
            end: PracticeStatus::parse(&r.status)
                .expect("seeds/sample/practice.json's statuses are checked by a test"),
            note: r.note,
            form: PracticeForm {
                programme: PROGRAMME.into(),
                council: r.council,
                partner_councils: r.partner_councils,
                partner_organisations: r.partner_organisations,
                title: format!("{MARK}{}", r.title),
                themes: r.themes,
                summary: r.summary,
                what_was_done: r.what_was_done,
                outcomes: r.outcomes,
                source: r.source,
                ..PracticeForm::default()
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_week_is_the_same_every_time() {
        let (a, b) = (week(), week());
        let titles = |w: &SampleWeek| -> Vec<(String, String)> {
            w.events
                .iter()
                .map(|e| (e.form.title.clone(), e.form.start.clone()))
                .collect()
        };
        assert_eq!(titles(&a), titles(&b));
        assert_eq!(a.events.len(), EVENTS);
    }

    #[test]
    fn every_title_is_marked() {
        let w = week();
        assert!(w.events.iter().all(|e| e.form.title.starts_with(MARK)));
        assert!(w.practice.iter().all(|p| p.form.title.starts_with(MARK)));
        assert!(w.requests.iter().all(|r| r.form.case.starts_with("Sample")));
    }

    #[test]
    fn places_are_in_their_councils_postcode_districts_and_cover_every_region() {
        let districts: BTreeSet<String> = include_str!("../../../seeds/postcode_districts.csv")
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect();
        let councils: Vec<(String, String)> = include_str!("../../../seeds/councils_2014.csv")
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (f[0].to_string(), f[f.len() - 2].to_string())
            })
            .collect();
        let mut regions = BTreeSet::new();
        for p in places() {
            let outcode = p.postcode.split(' ').next().unwrap();
            assert!(districts.contains(outcode), "{} {}", p.council, p.postcode);
            let (_, region) = councils
                .iter()
                .find(|(c, _)| *c == p.council)
                .unwrap_or_else(|| panic!("no council {}", p.council));
            regions.insert(region.clone());
        }
        assert_eq!(regions.len(), 9, "{regions:?}");
    }

    #[test]
    fn every_place_is_used() {
        let used: BTreeSet<String> = week()
            .events
            .iter()
            .map(|e| e.form.council.clone())
            .collect();
        assert_eq!(used.len(), places().len());
    }

    #[test]
    fn the_sources_pairs_run_joint_events() {
        let w = week();
        for pair in JOINT {
            assert!(
                w.events
                    .iter()
                    .any(|e| e.form.council == pair[0]
                        && e.form.partner_councils == pair[1..].to_vec()),
                "no joint event for {pair:?}"
            );
        }
    }

    #[test]
    fn requests_reach_every_status_and_practice_every_status_with_a_source() {
        let w = week();
        let reached: BTreeSet<&str> = w.requests.iter().map(|r| r.end.as_str()).collect();
        assert_eq!(reached.len(), RequestStatus::ALL.len(), "{reached:?}");
        let practice: BTreeSet<&str> = w.practice.iter().map(|p| p.end.as_str()).collect();
        assert_eq!(practice.len(), 5, "{practice:?}");
        assert!(w.practice.iter().all(|p| !p.form.source.is_empty()));
    }
}
