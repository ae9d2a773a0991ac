//! The week's ministerial report ([`MinisterialReport`]) as an LGA board
//! paper, in the layout of the LGA's own papers: the title, "Purpose of
//! report", "Summary", "Recommendation", "Action" and the contact officer,
//! then the figures in numbered paragraphs, each with its table: requests
//! by status, engagements and requests by day (the conference days
//! marked), by region and by person, and the councils whose requests were
//! declined.
//!
//! The headline is the number of ministerial engagements: the first week,
//! in June 2012, "lacked a strong national profile, with Ministerial
//! involvement largely absent" (the LGA's paper proposing the 2014 week).
//!
//! Pure: the paper's date is given ([`Paper::date`]), never read from the
//! clock, so the same report on the same date is the same document. The
//! report names no private event (see [`crate::attendance::report`]), and
//! nothing here adds one.

use super::{Block, Detail, Document, Level, Table};
use crate::attendance::report::{MinisterialReport, ReportDay, ReportTally};

/// What the paper is made from: the report, its date and who to contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper<'a> {
    pub report: &'a MinisterialReport,
    /// The paper's date, for people ("Monday 3 November 2014").
    pub date: String,
    /// The contact officer, by name; `None` leaves the line out.
    pub contact: Option<String>,
}

/// "1 request", "2 requests".
fn counted(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How the day table marks a day: its conference day ("NCAS day 2"), a
/// day outside the week, or nothing.
fn day_note(day: &ReportDay, conference: Option<&str>) -> String {
    match (day.conference_day, day.in_week) {
        (Some(n), _) => format!("{} day {n}", conference.unwrap_or("Conference")),
        (None, false) => "Outside the week".to_string(),
        (None, true) => String::new(),
    }
}

/// Rows of a tally (region or person): name, requests, engagements.
fn tally_rows(tallies: &[ReportTally]) -> Vec<Vec<String>> {
    tallies
        .iter()
        .map(|t| {
            vec![
                t.name.clone(),
                t.requests.to_string(),
                t.engagements.to_string(),
            ]
        })
        .collect()
}

fn header(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// The total row of a tally table.
fn total_row(label: &str, requests: u32, engagements: u32) -> Vec<String> {
    vec![
        label.to_string(),
        requests.to_string(),
        engagements.to_string(),
    ]
}

/// The engagements that fell on the conference's days.
fn on_conference_days(r: &MinisterialReport) -> u32 {
    r.by_day
        .iter()
        .filter(|d| d.conference_day.is_some())
        .map(|d| d.engagements)
        .sum()
}

/// How many councils had a request declined, and how many requests.
fn declined_counts(r: &MinisterialReport) -> (u32, u32) {
    let councils = u32::try_from(r.declined.len()).unwrap_or(u32::MAX);
    let requests = r
        .declined
        .iter()
        .map(|d| u32::try_from(d.requests.len()).unwrap_or(u32::MAX))
        .sum();
    (councils, requests)
}

/// The paper as a document, in the LGA's layout.
pub fn report(paper: &Paper) -> Document {
    let r = paper.report;
    let mut doc = Document::new(format!(
        "Ministerial and VIP attendance: {}",
        r.programme_name
    ));
    doc.subtitle = Some(format!("The week's figures, {}", r.week));

    let heading = |text: &str| Block::heading(Level::One, text);
    let numbered = Block::numbered;
    let sub = Block::sub;
    let ministerial = counted(
        r.ministerial_engagements,
        "ministerial engagement",
        "ministerial engagements",
    );
    let (councils_declined, requests_declined) = declined_counts(r);

    let mut blocks = vec![Block::Details(vec![
        Detail::new("Date", &paper.date),
        Detail::new(
            "Ministerial engagements",
            r.ministerial_engagements.to_string(),
        ),
    ])];

    blocks.push(heading("Purpose of report"));
    blocks.push(Block::Paragraph("For information.".to_string()));

    blocks.push(heading("Summary"));
    blocks.push(Block::Paragraph(format!(
        "This report gives the figures for ministerial and VIP attendance at {}: \
         {ministerial} (requests for a minister accepted or held), and {} in all from {}.",
        r.programme_name,
        counted(r.engagements, "engagement", "engagements"),
        counted(r.requests, "request", "requests"),
    )));
    blocks.push(Block::Paragraph(
        "The first Corporate Parenting Week, in June 2012, lacked a strong national \
         profile, with ministerial involvement largely absent; the number of ministerial \
         engagements is the figure this report leads with."
            .to_string(),
    ));
    if let Some(conference) = &r.conference {
        blocks.push(Block::Paragraph(format!(
            "{} on the {conference} conference days.",
            match on_conference_days(r) {
                1 => "1 engagement fell".to_string(),
                n => format!("{n} engagements fell"),
            }
        )));
    }
    blocks.push(Block::Paragraph(if councils_declined == 0 {
        "No council's request was declined.".to_string()
    } else {
        format!(
            "{} had {} declined; they are listed at the end of this report.",
            counted(councils_declined, "council", "councils"),
            counted(requests_declined, "request", "requests"),
        )
    }));

    blocks.push(heading("Recommendation"));
    blocks.push(Block::Paragraph(if councils_declined == 0 {
        "That members note the week's ministerial engagements.".to_string()
    } else {
        "That members note the week's ministerial engagements and advise on following up \
         the requests declined with the councils that made them."
            .to_string()
    }));

    blocks.push(heading("Action"));
    blocks.push(Block::Paragraph(
        "Officers to take action arising out of any discussion, as directed by members."
            .to_string(),
    ));

    if let Some(contact) = &paper.contact {
        blocks.push(Block::Details(vec![Detail::new(
            "Contact officer",
            contact,
        )]));
    }

    blocks.push(heading("Ministerial engagements"));
    blocks.push(numbered(format!(
        "{} had {ministerial}: requests for a minister that were accepted or took place.",
        r.programme_name
    )));
    blocks.push(numbered(format!(
        "With officials, LGA members and other VIPs, {} {} accepted or held, from {} \
         in all (drafts included).",
        counted(r.engagements, "engagement", "engagements"),
        if r.engagements == 1 { "was" } else { "were" },
        counted(r.requests, "request", "requests"),
    )));

    blocks.push(heading("Requests by status"));
    blocks.push(numbered(
        "Each request is counted once, at its status now.".to_string(),
    ));
    let mut rows: Vec<Vec<String>> = r
        .by_status
        .iter()
        .map(|s| vec![s.label.clone(), s.count.to_string()])
        .collect();
    rows.push(vec!["Total".to_string(), r.requests.to_string()]);
    blocks.push(Block::Table(Table {
        caption: "Requests by status".to_string(),
        header: header(&["Status", "Requests"]),
        rows,
    }));

    blocks.push(heading("By day"));
    blocks.push(numbered(match &r.conference {
        Some(conference) => format!(
            "Requests and engagements on each day of the week, and on any other day a \
             request was for; the {conference} conference days are marked."
        ),
        None => "Requests and engagements on each day of the week, and on any other day \
                 a request was for."
            .to_string(),
    }));
    let rows = r
        .by_day
        .iter()
        .map(|d| {
            vec![
                d.label.clone(),
                day_note(d, r.conference.as_deref()),
                d.requests.to_string(),
                d.engagements.to_string(),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        caption: "Requests and engagements by day".to_string(),
        header: header(&["Day", "Conference", "Requests", "Engagements"]),
        rows,
    }));

    blocks.push(heading("By region"));
    blocks.push(numbered(
        "By the region of the council that asked; the LGA's own slots have no region.".to_string(),
    ));
    let mut rows = tally_rows(&r.by_region);
    rows.push(total_row("Total", r.requests, r.engagements));
    blocks.push(Block::Table(Table {
        caption: "Requests and engagements by region".to_string(),
        header: header(&["Region", "Requests", "Engagements"]),
        rows,
    }));

    blocks.push(heading("By person"));
    if r.by_person.is_empty() {
        blocks.push(numbered("No one has been asked to attend yet.".to_string()));
    } else {
        blocks.push(numbered("By the person asked to attend.".to_string()));
        let mut rows = tally_rows(&r.by_person);
        rows.push(total_row("Total", r.requests, r.engagements));
        blocks.push(Block::Table(Table {
            caption: "Requests and engagements by person".to_string(),
            header: header(&["Person", "Requests", "Engagements"]),
            rows,
        }));
    }

    blocks.push(heading("Councils whose requests were declined"));
    if r.declined.is_empty() {
        blocks.push(numbered("No council's request was declined.".to_string()));
    } else {
        blocks.push(numbered(format!(
            "{} had {} declined.",
            counted(councils_declined, "council", "councils"),
            counted(requests_declined, "request", "requests"),
        )));
        blocks.push(sub(
            "A private event (children in care present) is not named here.".to_string(),
        ));
        let rows = r
            .declined
            .iter()
            .flat_map(|d| {
                d.requests.iter().map(|q| {
                    vec![
                        d.council_name.clone(),
                        d.region.clone().unwrap_or_default(),
                        q.clone(),
                    ]
                })
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: "Councils whose requests were declined".to_string(),
            header: header(&["Council", "Region", "Request declined"]),
            rows,
        }));
    }

    doc.blocks = blocks;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::report::{ReportDeclined, ReportStatus};
    use crate::attendance::RequestStatus;
    use crate::document::tests::headings;
    use chrono::NaiveDate;

    fn day(d: u32, conference_day: Option<u32>, in_week: bool, engagements: u32) -> ReportDay {
        ReportDay {
            date: NaiveDate::from_ymd_opt(2014, 10, d).unwrap(),
            label: format!("Day {d}"),
            conference_day,
            in_week,
            requests: engagements + 1,
            engagements,
        }
    }

    fn sample() -> MinisterialReport {
        MinisterialReport {
            programme: "2014".into(),
            programme_name: "Corporate Parenting Week 2014".into(),
            week: "Monday 27 October 2014 to Sunday 2 November 2014".into(),
            conference: Some("NCAS".into()),
            ministerial_engagements: 3,
            engagements: 4,
            requests: 9,
            by_status: RequestStatus::ALL
                .into_iter()
                .map(|status| ReportStatus {
                    status,
                    label: status.label().into(),
                    count: 1,
                })
                .collect(),
            by_day: vec![
                day(28, None, true, 1),
                day(29, Some(1), true, 2),
                day(30, Some(2), true, 1),
                day(24, None, false, 0),
            ],
            by_region: vec![ReportTally {
                name: "South East".into(),
                requests: 9,
                engagements: 4,
            }],
            by_person: vec![],
            declined: vec![ReportDeclined {
                council: "886".into(),
                council_name: "Kent".into(),
                region: Some("South East".into()),
                requests: vec!["A to visit at B (request 2)".into(), "C (request 5)".into()],
            }],
        }
    }

    fn paper(report: &MinisterialReport) -> Paper<'_> {
        Paper {
            report,
            date: "Monday 3 November 2014".into(),
            contact: Some("Lee Officer".into()),
        }
    }

    fn text(doc: &Document) -> String {
        let mut out = vec![doc.title.clone()];
        for block in &doc.blocks {
            match block {
                Block::Heading { text, .. } | Block::Paragraph(text) => out.push(text.clone()),
                Block::Numbered { text, .. } => out.push(text.clone()),
                Block::Details(details) => {
                    out.extend(details.iter().map(|d| format!("{}: {}", d.label, d.value)))
                }
                Block::Table(t) => {
                    out.push(t.caption.clone());
                    out.extend(t.rows.iter().map(|r| r.join(" | ")));
                }
                _ => {}
            }
        }
        out.join("\n")
    }

    #[test]
    fn the_paper_follows_the_lga_layout_then_the_figures() {
        let report = sample();
        let doc = super::report(&paper(&report));
        assert_eq!(
            headings(&doc),
            [
                "Purpose of report",
                "Summary",
                "Recommendation",
                "Action",
                "Ministerial engagements",
                "Requests by status",
                "By day",
                "By region",
                "By person",
                "Councils whose requests were declined",
            ]
        );
        let t = text(&doc);
        for wanted in [
            "Date: Monday 3 November 2014",
            "Ministerial engagements: 3",
            "3 ministerial engagements (requests for a minister accepted or held), and 4 \
             engagements in all from 9 requests.",
            "3 engagements fell on the NCAS conference days.",
            "1 council had 2 requests declined",
            "Contact officer: Lee Officer",
            "Total | 9",
            "Day 29 | NCAS day 1 | 3 | 2",
            "Day 28 |  | 2 | 1",
            "Day 24 | Outside the week | 1 | 0",
            "Kent | South East | A to visit at B (request 2)",
            "Kent | South East | C (request 5)",
            "No one has been asked to attend yet.",
        ] {
            assert!(t.contains(wanted), "{wanted:?} missing:\n{t}");
        }
    }

    #[test]
    fn without_a_conference_contact_or_declined_request_the_paper_says_so() {
        let mut report = sample();
        report.conference = None;
        report.declined.clear();
        report.ministerial_engagements = 1;
        for d in &mut report.by_day {
            d.conference_day = None;
        }
        let mut p = paper(&report);
        p.contact = None;
        let doc = super::report(&p);
        let t = text(&doc);
        assert!(t.contains("1 ministerial engagement (requests"), "{t}");
        assert!(!t.contains("conference days"), "{t}");
        assert!(!t.contains("Contact officer"), "{t}");
        assert_eq!(t.matches("No council's request was declined.").count(), 2);
        assert!(!t.contains("Request declined"), "{t}");
    }

    #[test]
    fn the_same_report_and_date_give_the_same_document() {
        let report = sample();
        assert_eq!(
            super::report(&paper(&report)),
            super::report(&paper(&report))
        );
        let mut later = paper(&report);
        later.date = "Tuesday 4 November 2014".into();
        assert_ne!(super::report(&later), super::report(&paper(&report)));
    }
}
