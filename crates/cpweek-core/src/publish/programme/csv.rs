//! The programme as CSV that Excel opens correctly: UTF-8 with a byte
//! order mark (so Excel reads it as UTF-8), CRLF line ends, a header row,
//! one row an event. Every text cell goes through
//! [`crate::publish::escape::csv_text`], so a cell that begins with `=`,
//! `+`, `-`, `@`, TAB or CR is kept as text and never run as a formula
//! (OWASP's advice on CSV injection); the `csv` crate quotes (RFC 4180).

use super::{PublishedEvent, PublishedProgramme};
use crate::error::{Error, Result};
use crate::publish::escape;

/// UTF-8's byte order mark, which tells Excel the file is UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// The header row, one name a column.
pub const HEADER: [&str; 24] = [
    "ID",
    "UID",
    "Title",
    "Date",
    "Start",
    "End",
    "All day",
    "When",
    "Conference day",
    "Council",
    "Council code",
    "Partner councils",
    "Partner council codes",
    "Region",
    "Venue",
    "Address",
    "Postcode",
    "Themes",
    "Audiences",
    "Description",
    "Booking",
    "Contact name",
    "Contact email",
    "Contact phone",
];

fn names(terms: &[crate::programme::Term]) -> String {
    terms
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One event's cells, before they are made safe.
fn row(p: &PublishedProgramme, e: &PublishedEvent) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let (start, end) = if e.all_day {
        (e.start_date.to_string(), e.end_date.to_string())
    } else {
        (
            e.start.format("%Y-%m-%d %H:%M").to_string(),
            e.end.format("%Y-%m-%d %H:%M").to_string(),
        )
    };
    let conference_day = match (&p.conference, e.conference_day) {
        (Some(c), Some(n)) => format!("{} day {n}", c.short_name),
        _ => String::new(),
    };
    vec![
        e.id.to_string(),
        e.uid.clone(),
        e.title.clone(),
        e.start_date.to_string(),
        start,
        end,
        if e.all_day { "Yes" } else { "No" }.to_string(),
        e.when(),
        conference_day,
        e.council_name.clone(),
        e.council_code.clone(),
        e.partners
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        e.partners
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        e.region.clone(),
        text(&e.venue),
        text(&e.address),
        text(&e.postcode),
        names(&e.themes),
        names(&e.audiences),
        text(&e.description),
        text(&e.booking_url),
        text(&e.contact_name),
        text(&e.contact_email),
        text(&e.contact_phone),
    ]
}

/// Writing into memory cannot fail but for running out of it; if it ever
/// did, it is reported, never a panic.
fn csv_error(e: impl Into<std::io::Error>) -> Error {
    Error::Io {
        context: "writing the programme as CSV".to_string(),
        source: e.into(),
    }
}

/// The programme's events as CSV bytes.
pub fn csv(p: &PublishedProgramme) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256 * (p.events.len() + 1));
    out.extend_from_slice(BOM.as_bytes());
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(out);
    writer.write_record(HEADER).map_err(csv_error)?;
    for e in &p.events {
        let cells: Vec<String> = row(p, e).iter().map(|c| escape::csv_text(c)).collect();
        writer.write_record(&cells).map_err(csv_error)?;
    }
    writer.into_inner().map_err(|e| csv_error(e.into_error()))
}
