//! Long text without spaces (a 300-letter word, a long URL, a long e-mail
//! address) in a PDF: broken across lines within the page, with the whole
//! text still there, in the programme's layout and the briefing note's.
//! Read back with poppler, which `scripts/setup test` installs.

use super::tests::{assert_fonts_embedded, info_field, poppler};
use super::*;

/// 300 letters, no space.
fn long_word() -> String {
    "Corporateparentingweek".repeat(14)[..300].to_string()
}

fn long_url() -> String {
    format!(
        "https://www.kent.gov.uk/education-and-children/children-in-care/{}?source=programme&event=corporate-parenting-week-2014",
        "corporate-parenting-week-open-day-for-foster-carers-and-care-leavers".repeat(2)
    )
}

fn long_email() -> String {
    "corporate.parenting.week.open.day.bookings.and.enquiries@kent-county-council.gov.uk"
        .to_string()
}

/// A document with the long texts in every place a person's words go: the
/// title, a heading, a paragraph, a list, a table's cell, the labelled
/// details and a notice.
fn document(layout: DetailsLayout) -> Document {
    let (word, url, email) = (long_word(), long_url(), long_email());
    let mut doc = Document::new(format!("Open day {word}"));
    doc.contents = true;
    doc.contents_depth = Level::Two;
    doc.details_layout = layout;
    doc.blocks = vec![
        Block::heading(Level::One, "Tuesday 28 October 2014"),
        Block::heading(Level::Two, &format!("South East {word}")),
        Block::heading(Level::Three, &format!("Kent open day {word}")),
        Block::Details(vec![
            Detail::new("Venue", format!("The {word} Hall, 1 High Street")),
            Detail::new("Booking", &url),
            Detail::new("Contact", format!("Kim Organiser, {email}")),
        ]),
        Block::Paragraph(format!("Book at {url} or write to {email}: {word}.")),
        Block::Bullets(vec![word.clone(), url.clone()]),
        Block::Table(Table {
            caption: "Places".into(),
            header: vec!["Place".into(), "Link".into()],
            rows: vec![vec![word.clone(), url.clone()]],
        }),
        Block::Notice {
            title: "Safeguarding".into(),
            paragraphs: vec![format!("Report concerns to {email}.")],
        },
    ];
    doc
}

/// One word as `pdftotext -bbox` places it.
struct Word {
    x_min: f64,
    x_max: f64,
    text: String,
}

fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag
        .find(&format!("{name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + name.len()
        + 2;
    let end = start + tag[start..].find('"').expect("a closing quote");
    tag[start..end].parse().expect("a number")
}

/// The pages' widths and every word drawn, from `pdftotext -bbox`.
fn bounding_boxes(pdf: &[u8]) -> (Vec<f64>, Vec<Word>) {
    let html = poppler("pdftotext", pdf, &["-bbox", "-enc", "UTF-8"]);
    let pages = html
        .split("<page ")
        .skip(1)
        .map(|p| attribute(&p[..p.find('>').expect("a page tag")], "width"))
        .collect();
    let words = html
        .split("<word ")
        .skip(1)
        .map(|w| {
            let open = w.find('>').expect("a word tag");
            let close = w.find("</word>").expect("a closing word tag");
            Word {
                x_min: attribute(&w[..open], "xMin"),
                x_max: attribute(&w[..open], "xMax"),
                text: w[open + 1..close]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            }
        })
        .collect();
    (pages, words)
}

/// Text with all white space (where pdftotext breaks lines) taken out.
fn joined(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_long_text_breaks_within_the_page(layout: DetailsLayout) {
    let doc = document(layout);
    let pdf = pdf(&doc).expect("a PDF despite the long text");
    let info = poppler("pdfinfo", &pdf, &[]);
    assert_eq!(info_field(&info, "Tagged"), "yes", "{info}");
    // The metadata title is the title as written.
    assert_eq!(info_field(&info, "Title"), doc.title, "{info}");
    assert_fonts_embedded(&pdf);

    // No mark of the places to break comes out with the text.
    let text = poppler("pdftotext", &pdf, &["-enc", "UTF-8"]);
    assert!(!text.contains('\u{200B}'), "no break marks in the text");
    // The whole text is there, in order, with nothing added but the line
    // breaks: read word by word as drawn (plain pdftotext joins a line
    // ending in a hyphen to the next without it).
    let (pages, words) = bounding_boxes(&pdf);
    let text: String = words.iter().map(|w| joined(&w.text)).collect();
    let (word, url, email) = (long_word(), long_url(), long_email());
    for want in [
        format!("Open day {word}"),
        format!("Kent open day {word}"),
        format!("Venue: The {word} Hall, 1 High Street"),
        format!("Booking: {url}"),
        format!("Contact: Kim Organiser, {email}"),
        format!("Book at {url} or write to {email}: {word}."),
        format!("Report concerns to {email}."),
    ] {
        assert!(text.contains(&joined(&want)), "{want:?} not in\n{text}");
    }

    // Nothing is drawn beyond the page's text area (A4 less its 2.2 cm
    // margins, with a point's leeway for rounding).
    assert!(pages.len() >= 2, "contents, then the text: {pages:?}");
    let margin = 2.2 / 2.54 * 72.0;
    for width in &pages {
        assert!((width - 595.28).abs() < 1.0, "A4: {width}");
    }
    assert!(words.len() > 50, "the words: {}", words.len());
    for w in &words {
        assert!(
            w.x_min >= margin - 1.0 && w.x_max <= 595.28 - margin + 1.0,
            "{:?} drawn from {} to {} on a page {} wide",
            w.text,
            w.x_min,
            w.x_max,
            595.28
        );
    }
}

#[test]
fn long_text_breaks_within_the_page_in_the_programmes_layout() {
    assert_long_text_breaks_within_the_page(DetailsLayout::Inline);
}

#[test]
fn long_text_breaks_within_the_page_in_a_briefing_notes_layout() {
    assert_long_text_breaks_within_the_page(DetailsLayout::Aligned);
}

#[test]
fn a_briefing_note_with_a_long_venue_and_address_keeps_within_the_page() {
    let mut b = super::tests::sample();
    b.engagement.title = format!("Question time {}", long_word());
    let doc = briefing(&b);
    let pdf = pdf(&doc).expect("the briefing note");
    let text = joined(&poppler("pdftotext", &pdf, &["-enc", "UTF-8"]));
    assert!(text.contains(&joined(&long_word())), "{text}");
    let (_, words) = bounding_boxes(&pdf);
    let margin = 2.2 / 2.54 * 72.0;
    for w in &words {
        assert!(w.x_max <= 595.28 - margin + 1.0, "{:?} runs off", w.text);
    }
}

#[test]
fn only_long_runs_without_a_space_are_given_places_to_break() {
    let shown = super::pdf::shown;
    // Ordinary text, and an e-mail address a line can hold, as written.
    for text in [
        "Kim Organiser, kim@kent.gov.uk, 03000 41 41 41",
        "Deinstitutionalisation",
    ] {
        assert_eq!(shown(text), text);
    }
    // A long address breaks after its punctuation only.
    let email = long_email();
    let marked = shown(&email);
    assert_eq!(marked.replace('\u{200B}', ""), email);
    assert!(marked.contains(".\u{200B}parenting"), "{marked}");
    assert!(marked.contains("@\u{200B}kent"), "{marked}");
    assert!(!marked.contains("p\u{200B}a"), "{marked}");
    // A long word keeps its first 30 letters together, then may break
    // anywhere; the spaces around it are kept.
    let word = long_word();
    let marked = shown(&format!("a {word} b"));
    assert_eq!(marked.replace('\u{200B}', ""), format!("a {word} b"));
    let first_break = marked.find('\u{200B}').expect("a place to break");
    assert_eq!(&marked[..first_break], &format!("a {}", &word[..31]));
    assert_eq!(marked.matches('\u{200B}').count(), 300 - 31);
}
