//! The national programme as a document to read and print: the title, a
//! short introduction, the contents (days and regions), then day by day
//! (the NCAS conference days marked) and, within each day, region by
//! region, every approved public event with its times (Europe/London,
//! GOV.UK style), council, venue, themes and audiences, booking and
//! contact, and description.
//!
//! Made only from a [`PublishedProgramme`], which the one gate filled
//! (approved, public events, their public fields only): nothing here can
//! name a private event. Pure: no date is stamped in.

use super::{Block, Detail, DetailsLayout, Document, Level};
use crate::publish::programme::{PublishedEvent, PublishedProgramme};

/// "1 event", "2 events".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn names(terms: &[crate::programme::Term]) -> String {
    terms
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One event: its title as a heading, its details, its description.
fn event(e: &PublishedEvent, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading {
        level: Level::Three,
        text: e.title.clone(),
    });
    let mut details = vec![
        Detail::new("Time", e.times()),
        Detail::new(
            "Council",
            match e.with_partners() {
                Some(with) => format!("{} {with}", e.council_name),
                None => e.council_name.clone(),
            },
        ),
    ];
    if let Some(place) = e.place() {
        details.push(Detail::new("Venue", place));
    }
    if !e.themes.is_empty() {
        details.push(Detail::new("Themes", names(&e.themes)));
    }
    if !e.audiences.is_empty() {
        details.push(Detail::new("For", names(&e.audiences)));
    }
    if let Some(url) = &e.booking_url {
        details.push(Detail::new("Booking", url));
    }
    if let Some(contact) = e.contact() {
        details.push(Detail::new("Contact", contact));
    }
    blocks.push(Block::Details(details));
    if let Some(description) = &e.description {
        blocks.push(Block::Paragraph(description.clone()));
    }
}

/// The introduction: what the document holds, the time zone, and the
/// conference's days.
fn introduction(p: &PublishedProgramme) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph(format!(
        "This is the national programme of {}: {} from {}, approved by the LGA. \
         Events are listed day by day and, within each day, by region; times are \
         UK time.",
        p.name,
        counted(p.events.len(), "event", "events"),
        counted(p.councils(), "council", "councils"),
    ))];
    if let Some(c) = &p.conference {
        let days: Vec<String> = p
            .days
            .iter()
            .filter(|d| d.conference_day.is_some())
            .map(|d| crate::time::format_day(d.date))
            .collect();
        if !days.is_empty() {
            let venue = c
                .venue
                .as_deref()
                .map(|v| format!(", at {v},"))
                .unwrap_or_default();
            blocks.push(Block::Paragraph(format!(
                "The week is tied to the {} ({}){venue} on {}; those days are marked \
                 \"{} conference day\".",
                c.name,
                c.short_name,
                days.join(", "),
                c.short_name,
            )));
        }
    }
    if p.events.is_empty() {
        blocks.push(Block::Paragraph(
            "No event has been approved for the programme yet.".to_string(),
        ));
    }
    blocks
}

/// The programme as a document.
pub fn programme(p: &PublishedProgramme) -> Document {
    let mut doc = Document::new(format!("{}: the programme", p.name));
    let dates = format!(
        "{} to {}",
        crate::time::format_date(p.starts_on),
        crate::time::format_date(p.ends_on)
    );
    // A numbered release says which, so a printed copy can be matched to
    // the list of releases and their changes.
    doc.subtitle = Some(match p.edition {
        crate::publish::programme::Edition::Live => dates,
        crate::publish::programme::Edition::Release(n) => format!("{dates}: release {n}"),
    });
    doc.contents = !p.events.is_empty();
    doc.contents_depth = Level::Two;
    doc.details_layout = DetailsLayout::Inline;
    let mut blocks = introduction(p);
    for day in &p.days {
        let regions = p.regions_on(day.date);
        if regions.is_empty() && !day.in_week {
            continue;
        }
        blocks.push(Block::Heading {
            level: Level::One,
            text: p.day_label(day),
        });
        if let (Some(c), Some(_)) = (&p.conference, day.conference_day) {
            blocks.push(Block::Paragraph(format!("The {} is on this day.", c.name)));
        }
        if !day.in_week {
            blocks.push(Block::Paragraph(
                "This day is outside the week.".to_string(),
            ));
        }
        if regions.is_empty() {
            blocks.push(Block::Paragraph("No events on this day.".to_string()));
        }
        for (region, events) in regions {
            blocks.push(Block::Heading {
                level: Level::Two,
                text: region.to_string(),
            });
            for e in events {
                event(e, &mut blocks);
            }
        }
    }
    doc.blocks = blocks;
    doc
}
