//! The good-practice toolkit as a document: a cover (title, programme,
//! the week, the LGA), the contents, the LGA's introduction, one section
//! per theme with each entry (its councils and region, partner
//! organisations, what was done, an outcomes table, the source and the
//! contact), then an index by region and by council.
//!
//! An entry with several themes is set in full once, under its first
//! theme (the one its council put first, so the one it chose as its main
//! one), and listed by title under each of its other themes, pointing to
//! where it is: one copy to edit in the Word document, and nothing
//! printed twice.
//!
//! Made only from a [`PublishedToolkit`], which the one gate filled
//! (published entries with their consent check, their public fields
//! only). Pure: no date is stamped in.

use super::{Block, Detail, DetailsLayout, Document, Level, Table};
use crate::publish::toolkit::{PublishedPractice, PublishedToolkit};

/// The LGA, as the cover names it.
pub const LGA: &str = "Local Government Association";

/// Where entries with no theme go.
const OTHER: &str = "Other practice";

/// "1 entry", "2 entries".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The toolkit as a document.
pub fn toolkit(t: &PublishedToolkit) -> Document {
    let mut doc = Document::new(format!("{}: good practice toolkit", t.programme_name));
    doc.subtitle = Some(LGA.to_string());
    doc.contents = true;
    doc.contents_depth = Level::Two;
    // Each "Label: value" on its own line, as the programme sets its
    // events': much quicker to set than an aligned grid for hundreds.
    doc.details_layout = DetailsLayout::Inline;
    let mut blocks = vec![
        Block::Paragraph(t.programme_name.clone()),
        Block::Paragraph(format!(
            "Good practice from councils in England, gathered by the {LGA}: {} from {}.",
            counted(t.entries.len(), "case study", "case studies"),
            counted(councils(t).len(), "council", "councils"),
        )),
        Block::PageBreak,
        Block::heading(Level::One, "Introduction"),
    ];
    if t.introduction.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "This toolkit gathers what councils did for children in care and care leavers \
             during {}, and the difference it made, in the councils' own figures. Each case \
             study was reviewed by the {LGA} and checked so that no child or care leaver can \
             be identified without their consent.",
            t.programme_name
        )));
    } else {
        blocks.extend(t.introduction.iter().cloned());
    }
    for (name, main, also) in sections(t) {
        blocks.push(Block::heading(Level::One, &name));
        for e in main {
            entry(e, &mut blocks);
        }
        if !also.is_empty() {
            blocks.push(Block::heading(
                Level::Two,
                &format!("Also on {}", name.to_lowercase()),
            ));
            blocks.push(Block::Bullets(
                also.iter()
                    .map(|(e, first)| format!("{} ({}): see {first}", e.title, e.councils()))
                    .collect(),
            ));
        }
    }
    by_region(t, &mut blocks);
    by_council(t, &mut blocks);
    doc.blocks = blocks;
    doc
}

/// The section an entry is set in full under: its first theme's name.
fn home(e: &PublishedPractice) -> String {
    e.themes
        .first()
        .map_or_else(|| OTHER.to_string(), |t| t.name.clone())
}

type Section<'a> = (
    String,
    Vec<&'a PublishedPractice>,
    Vec<(&'a PublishedPractice, String)>,
);

/// The theme sections in the seeded themes' order (then any theme no
/// longer seeded, then "Other practice"), each with the entries set in
/// full under it and those only listed there; a theme with neither is left
/// out.
fn sections(t: &PublishedToolkit) -> Vec<Section<'_>> {
    let mut names: Vec<String> = t.themes.iter().map(|th| th.name.clone()).collect();
    for e in &t.entries {
        for th in &e.themes {
            if !names.contains(&th.name) {
                names.push(th.name.clone());
            }
        }
    }
    names.push(OTHER.to_string());
    names
        .into_iter()
        .map(|name| {
            let main: Vec<&PublishedPractice> =
                t.entries.iter().filter(|e| home(e) == name).collect();
            let also: Vec<(&PublishedPractice, String)> = t
                .entries
                .iter()
                .filter(|e| home(e) != name && e.themes.iter().any(|th| th.name == name))
                .map(|e| (e, home(e)))
                .collect();
            (name, main, also)
        })
        .filter(|(_, main, also)| !main.is_empty() || !also.is_empty())
        .collect()
}

/// One entry: its title, who did it, the summary, what was done, its
/// outcomes as a table, the source and the contact.
fn entry(e: &PublishedPractice, blocks: &mut Vec<Block>) {
    blocks.push(Block::heading(Level::Two, &e.title));
    let mut details = vec![
        Detail::new(
            if e.partners.is_empty() {
                "Council"
            } else {
                "Councils"
            },
            e.councils(),
        ),
        Detail::new("Region", &e.region),
    ];
    if !e.partner_organisations.is_empty() {
        details.push(Detail::new(
            "Partner organisations",
            e.partner_organisations.join(", "),
        ));
    }
    if e.themes.len() > 1 {
        let names: Vec<&str> = e.themes.iter().map(|t| t.name.as_str()).collect();
        details.push(Detail::new("Themes", names.join(", ")));
    }
    blocks.push(Block::Details(details));
    blocks.push(Block::Paragraph(e.summary.clone()));
    if let Some(what) = &e.what_was_done {
        blocks.push(Block::heading(Level::Three, "What was done"));
        for part in what.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            blocks.push(Block::Paragraph(part.to_string()));
        }
    }
    if !e.outcomes.is_empty() {
        blocks.push(Block::heading(Level::Three, "Outcomes"));
        blocks.push(Block::Table(Table {
            caption: format!("Before and after: {}", e.title),
            header: ["Measure", "Before", "After", "Period"]
                .map(String::from)
                .to_vec(),
            rows: e
                .outcomes
                .iter()
                .map(|o| {
                    vec![
                        o.measure.clone(),
                        o.before.clone(),
                        o.after.clone(),
                        o.period.clone(),
                    ]
                })
                .collect(),
        }));
    }
    let mut more = Vec::new();
    if let Some(source) = &e.source {
        more.push(Detail::new("Source", source));
    }
    if let Some(contact) = e.contact_line() {
        more.push(Detail::new("Contact", contact));
    }
    if !more.is_empty() {
        blocks.push(Block::Details(more));
    }
}

/// Every council that did an entry (lead or partner), by name, with its
/// entries' titles, in name order.
pub(crate) fn councils(t: &PublishedToolkit) -> Vec<(String, Vec<&PublishedPractice>)> {
    let mut list: Vec<(String, Vec<&PublishedPractice>)> = Vec::new();
    for e in &t.entries {
        let names = std::iter::once(&e.council_name).chain(e.partners.iter().map(|p| &p.name));
        for name in names {
            match list.iter_mut().find(|(n, _)| n == name) {
                Some((_, entries)) => entries.push(e),
                None => list.push((name.clone(), vec![e])),
            }
        }
    }
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

/// The index by region (the lead council's, as the programme counts a
/// joint event): each region's entries, with their councils and section.
fn by_region(t: &PublishedToolkit, blocks: &mut Vec<Block>) {
    blocks.push(Block::heading(Level::One, "Index by region"));
    let mut regions: Vec<&str> = t.entries.iter().map(|e| e.region.as_str()).collect();
    regions.sort_unstable();
    regions.dedup();
    for region in regions {
        blocks.push(Block::heading(Level::Two, region));
        blocks.push(Block::Bullets(
            t.entries
                .iter()
                .filter(|e| e.region == region)
                .map(|e| format!("{} ({}): in {}", e.title, e.councils(), home(e)))
                .collect(),
        ));
    }
}

/// The index by council: every council that did an entry, lead or
/// partner, as a table.
fn by_council(t: &PublishedToolkit, blocks: &mut Vec<Block>) {
    blocks.push(Block::heading(Level::One, "Index by council"));
    blocks.push(Block::Table(Table {
        caption: "Case studies by council (lead or partner)".to_string(),
        header: ["Council", "Case studies"].map(String::from).to_vec(),
        rows: councils(t)
            .into_iter()
            .map(|(name, entries)| {
                let titles: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{} (in {})", e.title, home(e)))
                    .collect();
                vec![name, titles.join("; ")]
            })
            .collect(),
    }));
}
