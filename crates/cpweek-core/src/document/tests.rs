//! The document pipeline: HTML kept as text and well formed, and the PDF
//! read back with poppler (`pdftotext`, `pdfinfo`, `pdffonts`), which
//! `scripts/setup test` installs.

use super::briefing::{
    Attendee, ContactOfficer, Engagement, Leg, Place, PracticeEntry, Privacy, Venue,
};
use super::*;
use std::process::Command;

pub(super) fn sample() -> Briefing {
    Briefing {
        person: Attendee {
            name: "Edward Timpson MP".into(),
            title: "Children and Families Minister".into(),
        },
        engagement: Engagement {
            title: "Care leavers' question time".into(),
            host: "Kent County Council".into(),
            region: Some("South East".into()),
            day: "Tuesday 28 October 2014".into(),
            times: "10am to 12:30pm".into(),
            part: Some("11am to 11:45am".into()),
            role: "speak".into(),
        },
        venue: Venue {
            name: Some("Sessions House".into()),
            address: Some("County Road, Maidstone".into()),
            postcode: Some("ME14 1XQ".into()),
        },
        arrival: Some(Leg {
            place: Place::Home("Sanctuary Buildings, SW1P 3BT".into()),
            minutes: 85,
            reckoning: "58 km in a straight line between the postcodes, times 1.3 for the \
                        roads, at 60 km an hour, plus 15 minutes to change over"
                .into(),
            leave: Some("9:20am".into()),
        }),
        departure: Some(Leg {
            place: Place::Engagement("Foster carers' awards, Medway".into()),
            minutes: 40,
            reckoning: "From the region-to-region table (South East to South East)".into(),
            leave: Some("11:50am".into()),
        }),
        audiences: vec![
            "Care leavers".into(),
            "Foster carers".into(),
            "Councillors".into(),
        ],
        description: Some("Care leavers put their questions to the panel.".into()),
        case: Some("Kent's care leavers asked to meet the minister".into()),
        contact: ContactOfficer {
            name: "Helen Johnston".into(),
            position: Some("Head of Children's Services".into()),
            phone: Some("020 7664 3172".into()),
            email: Some("helen.johnston@local.gov.uk".into()),
        },
        privacy: Privacy::Private,
        practice: Vec::new(),
        status: "Accepted".into(),
        priority: 4,
        prepared: "Monday 20 October 2014".into(),
    }
}

/// Every kind of block, as the programme and the toolkit will use them.
fn every_block(title: &str) -> Document {
    let mut doc = Document::new(title);
    doc.subtitle = Some("Corporate Parenting Week 2014".into());
    doc.contents = true;
    let h = |level, text: &str| Block::Heading {
        level,
        text: text.into(),
    };
    doc.blocks = vec![
        h(Level::One, "Tuesday 28 October"),
        h(Level::Two, "South East"),
        h(Level::Three, "Kent open day"),
        Block::Paragraph("An open day for foster carers.".into()),
        Block::Numbered {
            depth: Depth::Main,
            text: "First point.".into(),
        },
        Block::Numbered {
            depth: Depth::Sub,
            text: "A detail of it.".into(),
        },
        Block::Bullets(vec!["Children in care".into(), "Care leavers".into()]),
        Block::Table(Table {
            caption: "Outcomes".into(),
            header: vec!["Measure".into(), "Before".into(), "After".into()],
            rows: vec![
                vec!["Weeks in care proceedings".into(), "49".into(), "27".into()],
                vec!["Adoptions".into()],
                vec!["Ragged".into(), "1".into(), "2".into(), "extra cell".into()],
            ],
        }),
        Block::Details(vec![Detail::new("Contact", "Helen Johnston")]),
        Block::Notice {
            title: "Safeguarding".into(),
            paragraphs: vec!["No photographs.".into()],
        },
        Block::PageBreak,
        h(Level::One, "Index"),
        h(Level::Two, "By region"),
        Block::Bullets(vec!["South East: Kent".into()]),
    ];
    doc
}

// ---- HTML ----

/// The text an HTML fragment shows, for the five references the core's
/// escaper writes.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text between the first `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in {text}"))
        + open.len();
    let end = text[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no {close} after {open}"));
    &text[start..start + end]
}

#[test]
fn html_keeps_a_hostile_title_as_text() {
    let title = "<script>alert(\"x\")</script> & Tom's <b>bold</b>";
    let mut doc = every_block(title);
    doc.blocks
        .push(Block::Paragraph("<img src=x onerror=alert(1)>".into()));
    let html = html(&doc);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert_eq!(unescape(between(&html, "<title>", "</title>")), title);
    assert_eq!(unescape(between(&html, "<h1>", "</h1>")), title);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn html_is_one_accessible_self_contained_file() {
    let html = html(&every_block("Programme"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<main>") && html.contains("</main>"));
    assert!(html.contains("<nav aria-labelledby=\"contents-title\">"));
    assert!(html.contains("<style>") && html.contains("@media print"));
    for foreign in [
        "<script", "<link", "src=", "http:", "https:", "style=\"", "@import",
    ] {
        assert!(!html.contains(foreign), "{foreign} in {html}");
    }
    // Real table markup: a caption, header cells with their scope, every
    // row as wide as the widest (the ragged row's extra cell kept).
    assert!(html.contains("<caption>Outcomes</caption>"));
    assert_eq!(html.matches("<th scope=\"col\">").count(), 4);
    assert!(html.contains("<td>extra cell</td>"));
    assert!(html.contains("<tr><td>Adoptions</td><td></td><td></td><td></td></tr>"));
    // Every element the pipeline opens is closed.
    for tag in [
        "ol", "li", "ul", "table", "tr", "dl", "aside", "p", "nav", "main",
    ] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(
            opened, closed,
            "<{tag}> opened {opened} times, closed {closed}"
        );
    }
}

#[test]
fn html_headings_come_in_order_under_the_title() {
    let html = html(&every_block("Programme"));
    let levels: Vec<u8> = html
        .match_indices("<h")
        .filter_map(|(i, _)| html[i + 2..].chars().next()?.to_digit(10))
        .map(|d| d as u8)
        .collect();
    assert_eq!(levels, [1, 2, 2, 3, 4, 2, 3]);
    // No level is skipped on the way down.
    assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{levels:?}");
    // The contents nest the same headings and link to them.
    let nav = between(&html, "<nav", "</nav>");
    for text in [
        "Tuesday 28 October",
        "South East",
        "Kent open day",
        "Index",
        "By region",
    ] {
        assert!(nav.contains(&format!(">{text}</a>")), "{text} in {nav}");
    }
    assert!(nav.contains("<a href=\"#section-3\">Kent open day</a>"));
    assert!(html.contains("<h4 id=\"section-3\">Kent open day</h4>"));
}

#[test]
fn the_contents_list_headings_only_down_to_their_depth() {
    let mut doc = every_block("Programme");
    doc.contents_depth = Level::Two;
    let html = html(&doc);
    let nav = between(&html, "<nav", "</nav>");
    for text in ["Tuesday 28 October", "South East", "Index", "By region"] {
        assert!(nav.contains(&format!(">{text}</a>")), "{text} in {nav}");
    }
    assert!(!nav.contains("Kent open day"), "{nav}");
    // Still nested and closed in order.
    assert_eq!(nav.matches("<ol>").count(), nav.matches("</ol>").count());
    assert_eq!(nav.matches("<li>").count(), nav.matches("</li>").count());
    // The heading itself is still there, with its id.
    assert!(html.contains("<h4 id=\"section-3\">Kent open day</h4>"));
}

#[test]
fn inline_details_set_as_pdf_with_each_label_and_value() {
    let mut doc = every_block("Programme");
    doc.details_layout = super::DetailsLayout::Inline;
    doc.blocks.push(Block::Details(Vec::new()));
    doc.blocks.push(Block::Details(vec![
        Detail::new("Time", "10am to midday"),
        Detail::new("Council", "Kent"),
    ]));
    let bytes = pdf(&doc).expect("a PDF");
    assert_eq!(pdf(&doc).unwrap(), bytes, "the same bytes");
    let text = words(&poppler("pdftotext", &bytes, &["-enc", "UTF-8"]));
    assert!(
        text.contains("Time: 10am to midday Council: Kent"),
        "{text}"
    );
    // HTML aligns them whichever layout the PDF uses.
    assert!(html(&doc).contains("<dt>Time</dt><dd>10am to midday</dd>"));
}

#[test]
fn paragraphs_are_numbered_as_the_lgas_papers_are() {
    let mut doc = Document::new("Numbers");
    let n = |depth| Block::Numbered {
        depth,
        text: "x".into(),
    };
    doc.blocks = vec![
        n(Depth::Sub),
        n(Depth::Main),
        Block::Heading {
            level: Level::One,
            text: "Next".into(),
        },
        n(Depth::Sub),
        n(Depth::Sub),
        n(Depth::Main),
        Block::Paragraph("not numbered".into()),
    ];
    let numbers = doc.numbers();
    let numbers: Vec<Option<&str>> = numbers.iter().map(|n| n.as_deref()).collect();
    assert_eq!(
        numbers,
        [
            Some("0.1"),
            Some("1."),
            None,
            Some("1.1"),
            Some("1.2"),
            Some("2."),
            None
        ]
    );
    let html = html(&doc);
    assert!(html.contains("<span class=\"number\">1.2</span>"));
}

// ---- The window's preview ----

/// The window renders the preview as it comes: each block with its kind,
/// the number and heading level the HTML and PDF show beside it, and
/// tables filled out to their width, so it decides nothing itself.
#[test]
fn the_preview_carries_each_blocks_number_and_level_and_full_tables() {
    let mut doc = every_block("Programme");
    // A level skipped is settled, as in the other outputs.
    doc.blocks.insert(
        0,
        Block::Heading {
            level: Level::Three,
            text: "Too deep".into(),
        },
    );
    let preview = doc.clone().preview();
    assert_eq!(preview.numbers, doc.numbers());
    assert_eq!(preview.heading_levels, doc.heading_levels());
    assert_eq!(preview.document.blocks.len(), doc.blocks.len());

    let json = serde_json::to_value(&preview).unwrap();
    let blocks = json["document"]["blocks"].as_array().unwrap();
    assert_eq!(json["document"]["lang"], "en-GB");
    assert_eq!(json["document"]["title"], "Programme");
    assert_eq!(
        blocks[0],
        serde_json::json!({"kind": "heading", "content": {"level": 3, "text": "Too deep"}})
    );
    assert_eq!(
        json["heading_levels"][0], 1,
        "the first heading is set at 1"
    );
    assert_eq!(
        blocks[4],
        serde_json::json!({"kind": "paragraph", "content": "An open day for foster carers."})
    );
    assert_eq!(
        blocks[6],
        serde_json::json!({"kind": "numbered", "content": {"depth": "sub", "text": "A detail of it."}})
    );
    assert_eq!(json["numbers"][5], "1.");
    assert_eq!(json["numbers"][6], "1.1");
    assert_eq!(json["numbers"][4], serde_json::Value::Null);
    let table = &blocks[8];
    assert_eq!(table["kind"], "table");
    let header = table["content"]["header"].as_array().unwrap();
    assert_eq!(header.len(), 4, "an empty header cell over the extra cell");
    for row in table["content"]["rows"].as_array().unwrap() {
        assert_eq!(row.as_array().unwrap().len(), 4, "{row}");
    }
    assert_eq!(table["content"]["rows"][1][0], "Adoptions");
    assert_eq!(table["content"]["rows"][1][3], "");
    assert_eq!(
        blocks[9],
        serde_json::json!({"kind": "details", "content": [{"label": "Contact", "value": "Helen Johnston"}]})
    );
    assert_eq!(blocks[10]["content"]["title"], "Safeguarding");
    assert_eq!(blocks[11], serde_json::json!({"kind": "page_break"}));
}

// ---- The briefing note ----

fn text_of(doc: &Document) -> String {
    let mut text = vec![doc.title.clone()];
    text.extend(doc.subtitle.clone());
    for block in &doc.blocks {
        match block {
            Block::Heading { text: t, .. }
            | Block::Paragraph(t)
            | Block::Numbered { text: t, .. } => text.push(t.clone()),
            Block::Bullets(items) => text.extend(items.iter().cloned()),
            Block::Table(table) => {
                text.push(table.caption.clone());
                text.extend(table.header.iter().cloned());
                text.extend(table.rows.iter().flatten().cloned());
            }
            Block::Details(details) => {
                for d in details {
                    text.push(format!("{}: {}", d.label, d.value));
                }
            }
            Block::Notice { title, paragraphs } => {
                text.push(title.clone());
                text.extend(paragraphs.iter().cloned());
            }
            Block::PageBreak => {}
        }
    }
    text.join("\n")
}

pub(super) fn headings(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_briefing_follows_the_lgas_layout() {
    let doc = briefing(&sample());
    assert_eq!(doc.title, "Briefing: Care leavers' question time");
    let headings = headings(&doc);
    let order = [
        "Purpose of report",
        "Summary",
        "Recommendation",
        "Action",
        "Background",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|h| {
            headings
                .iter()
                .position(|x| x == h)
                .unwrap_or_else(|| panic!("{h}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{headings:?}");
    let text = text_of(&doc);
    for want in [
        "Contact officer: Helen Johnston",
        "Position: Head of Children's Services",
        "Phone no: 020 7664 3172",
        "E-mail: helen.johnston@local.gov.uk",
        "Kent County Council (South East)",
        "Tuesday 28 October 2014, 10am to 12:30pm",
        "Travel from the home base, Sanctuary Buildings, SW1P 3BT: 1 hour 25 minutes.",
        "Leave by 9:20am.",
        "Travel on to the next engagement, Foster carers' awards, Medway: 40 minutes.",
        "The event is for Care leavers, Foster carers and Councillors.",
        "Kent's care leavers asked to meet the minister.",
        "None recorded yet.",
        "LGA priority: 4 (1 lowest, 5 highest)",
        "Request status: Accepted",
        "Prepared: Monday 20 October 2014",
        "No photographs",
    ] {
        assert!(text.contains(want), "{want:?} not in\n{text}");
    }
    // The contact officer's details come before the background, as in the
    // papers, and the background's paragraphs are numbered.
    assert!(doc.numbers().iter().flatten().any(|n| n == "1."));
}

#[test]
fn a_briefing_says_plainly_what_was_not_given_and_leaves_out_the_rest() {
    let mut b = sample();
    b.privacy = Privacy::Public;
    b.arrival = None;
    b.departure = None;
    b.case = None;
    b.audiences.clear();
    b.description = None;
    b.venue = Venue::default();
    b.contact.position = None;
    b.contact.phone = Some("  ".into());
    b.engagement.part = None;
    b.engagement.region = None;
    b.engagement.host = "LGA".into();
    b.practice = vec![PracticeEntry {
        title: "Staying Put".into(),
        summary: "Care leavers stay with foster carers to 21".into(),
    }];
    let doc = briefing(&b);
    let text = text_of(&doc);
    assert!(
        !headings(&doc).contains(&"Safeguarding"),
        "a public event has none"
    );
    assert!(!text.contains("No photographs"));
    for want in [
        "Position: Not given",
        "Phone no: Not given",
        "Travel to the engagement: Not given.",
        "The case for attending",
        "for the whole event",
        "Staying Put: Care leavers stay with foster carers to 21.",
        "It is on Tuesday 28 October 2014, 10am to 12:30pm, at Not given.",
    ] {
        assert!(text.contains(want), "{want:?} not in\n{text}");
    }
    assert!(!text.contains("None recorded yet"));
    assert!(!text.contains("()"), "no empty region: {text}");
    // No empty value anywhere.
    for block in &doc.blocks {
        if let Block::Details(details) = block {
            assert!(
                details.iter().all(|d| !d.value.trim().is_empty()),
                "{details:?}"
            );
        }
    }
}

#[test]
fn durations_read_as_people_say_them() {
    use super::briefing::duration;
    assert_eq!(duration(0), "0 minutes");
    assert_eq!(duration(1), "1 minute");
    assert_eq!(duration(60), "1 hour");
    assert_eq!(duration(61), "1 hour 1 minute");
    assert_eq!(duration(125), "2 hours 5 minutes");
}

// ---- The PDF, read back with poppler ----

/// Runs a poppler tool on a PDF and returns what it printed. A missing
/// tool fails the test, saying how to install it.
pub(super) fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).expect("the PDF written");
    let output = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} could not be run ({e}): install poppler with `scripts/setup test`")
        });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler prints UTF-8")
}

/// Text with every run of white space made one space (pdftotext breaks
/// lines where the page does).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn info_field<'a>(info: &'a str, field: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("no {field} in\n{info}"))
        .trim()
}

#[test]
fn a_briefing_pdf_is_tagged_with_its_text_selectable_and_fonts_embedded() {
    let doc = briefing(&sample());
    let pdf = pdf(&doc).expect("the PDF");
    let text = words(&poppler("pdftotext", &pdf, &["-enc", "UTF-8"]));
    for want in [
        "Briefing: Care leavers' question time",
        "Edward Timpson MP",
        "10am to 12:30pm",
        "11am to 11:45am",
        "Travel from the home base, Sanctuary Buildings, SW1P 3BT: 1 hour 25 minutes.",
        "Leave by 9:20am",
        "Helen Johnston",
        "Head of Children's Services",
        "020 7664 3172",
        "helen.johnston@local.gov.uk",
        "Purpose of report",
        "Children in care are present",
    ] {
        assert!(text.contains(&words(want)), "{want:?} not in\n{text}");
    }
    let info = poppler("pdfinfo", &pdf, &[]);
    assert_eq!(info_field(&info, "Tagged"), "yes", "{info}");
    assert_eq!(info_field(&info, "Title"), doc.title, "{info}");
    let pages: u32 = info_field(&info, "Pages").parse().expect("a page count");
    assert!(pages >= 1, "{info}");
    assert!(info_field(&info, "Page size").contains("(A4)"), "{info}");
    assert_fonts_embedded(&pdf);
}

pub(super) fn assert_fonts_embedded(pdf: &[u8]) {
    let fonts = poppler("pdffonts", pdf, &[]);
    let mut lines = fonts.lines();
    let header = lines.next().expect("a header line");
    assert!(header.contains(" emb sub uni object ID"), "{fonts}");
    // A long name pushes the columns right, so read each row from its end:
    // emb, sub, uni, then the object number and generation.
    let rows: Vec<&str> = lines.skip(1).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "no fonts in\n{fonts}");
    for row in rows {
        let cells: Vec<&str> = row.split_whitespace().collect();
        let emb = cells.len().checked_sub(5).map(|i| cells[i]);
        assert_eq!(emb, Some("yes"), "not embedded: {row}\n{fonts}");
    }
}

#[test]
fn typst_markup_in_text_comes_out_literally() {
    let hostile = "#read(\"/etc/passwd\") *bold* $x$ <label> @ref _em_ \\ #sys.inputs ]";
    let mut doc = every_block(hostile);
    doc.blocks
        .push(Block::Paragraph(format!("In a paragraph: {hostile}")));
    doc.blocks.push(Block::Table(Table {
        caption: hostile.into(),
        header: vec![hostile.into()],
        rows: vec![vec!["#panic()".into()]],
    }));
    let pdf = pdf(&doc).expect("the PDF");
    let text = words(&poppler("pdftotext", &pdf, &["-enc", "UTF-8"]));
    assert!(text.contains(&words(hostile)), "{text}");
    assert!(
        text.contains(&format!("In a paragraph: {}", words(hostile))),
        "{text}"
    );
    assert!(text.contains("#panic()"), "{text}");
    assert!(!text.contains("root:"), "a file was read: {text}");
    let info = poppler("pdfinfo", &pdf, &[]);
    assert_eq!(info_field(&info, "Title"), hostile);
}

#[test]
fn every_block_sets_as_pdf_with_contents_and_a_page_break() {
    let doc = every_block("Corporate Parenting Week 2014: programme");
    let pdf = pdf(&doc).expect("the PDF");
    let text = words(&poppler("pdftotext", &pdf, &["-enc", "UTF-8"]));
    for want in [
        "Contents",
        "Kent open day",
        "1. First point.",
        "1.1 A detail of it.",
        "Outcomes",
        "Weeks in care proceedings 49 27",
        "extra cell",
        "Contact: Helen Johnston",
        "No photographs.",
        "South East: Kent",
    ] {
        assert!(text.contains(want), "{want:?} not in\n{text}");
    }
    let info = poppler("pdfinfo", &pdf, &[]);
    assert_eq!(info_field(&info, "Tagged"), "yes");
    let pages: u32 = info_field(&info, "Pages").parse().expect("a page count");
    assert!(pages >= 2, "the page break gives a second page: {info}");
    assert_fonts_embedded(&pdf);
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = briefing(&sample());
    let first = pdf(&doc).expect("the PDF");
    let second = pdf(&doc).expect("the PDF again");
    assert!(first == second, "two PDFs of one document differ");
    assert!(
        !first.windows(13).any(|w| w == b"/CreationDate"),
        "no date stamped in"
    );
    let mut other = sample();
    other.prepared = "Tuesday 21 October 2014".into();
    let third = pdf(&briefing(&other)).expect("another PDF");
    assert!(first != third, "a changed document gives other bytes");
}

#[test]
fn awkward_documents_still_set_with_headings_in_order() {
    let h = |level, text: &str| Block::Heading {
        level,
        text: text.into(),
    };
    let mut doc = Document::new("");
    doc.blocks = vec![
        h(Level::Three, "Deep first"),
        h(Level::One, "Back to the top"),
        h(Level::Three, "Two skipped"),
        Block::Table(Table {
            caption: String::new(),
            header: Vec::new(),
            rows: Vec::new(),
        }),
        Block::Bullets(Vec::new()),
        Block::Details(Vec::new()),
        Block::Notice {
            title: String::new(),
            paragraphs: Vec::new(),
        },
        Block::Paragraph("bell\u{7} and\ttab\r\nnew line \u{1b}[31m".into()),
    ];
    assert_eq!(
        doc.heading_levels()[..3],
        [Some(Level::One), Some(Level::One), Some(Level::Two)]
    );
    let html = html(&doc);
    assert!(
        html.contains("<h2 id=\"section-1\">Deep first</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<h3 id=\"section-3\">Two skipped</h3>"),
        "{html}"
    );
    let refused = pdf(&doc).expect_err("no title, no PDF");
    assert_eq!(refused.code(), crate::ErrorCode::InvalidInput);
    assert_eq!(refused.field_errors()[0].field, "title");
    doc.title = "\u{7} ".into();
    assert!(pdf(&doc).is_err(), "a title of nothing visible is none");
    doc.title = "Awkward".into();
    let pdf = pdf(&doc).expect("the PDF");
    let info = poppler("pdfinfo", &pdf, &[]);
    assert_eq!(info_field(&info, "Tagged"), "yes");
    let text = words(&poppler("pdftotext", &pdf, &["-enc", "UTF-8"]));
    assert!(text.contains("Two skipped"), "{text}");
    assert!(text.contains("bell and tab new line [31m"), "{text}");
    let bare = pdf_of(&Document::new("Only a title"));
    assert!(words(&poppler("pdftotext", &bare, &[])).contains("Only a title"));
}

#[test]
fn text_no_embedded_font_can_draw_does_not_stop_the_pdf() {
    let title = "Fun day 🎉 with 中文 and a full｜width bar, café";
    let mut doc = every_block(title);
    doc.blocks
        .push(Block::Paragraph(format!("In a paragraph: {title}")));
    let pdf = pdf(&doc).expect("a PDF despite the emoji and Chinese");
    let text = words(&poppler("pdftotext", &pdf, &["-enc", "UTF-8"]));
    assert!(
        text.contains("In a paragraph: Fun day ? with ?? and a full?width bar, café"),
        "{text}"
    );
    // The HTML keeps the text as written.
    assert!(html(&doc).contains("Fun day 🎉 with 中文"));
}

fn pdf_of(doc: &Document) -> Vec<u8> {
    pdf(doc).expect("the PDF")
}
