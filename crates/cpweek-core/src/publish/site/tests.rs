use chrono::NaiveDate;

use super::*;
use crate::publish::sample::{self, HOSTILE, KENT, LEEDS};

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2014, 10, d).unwrap()
}

fn feeds() -> Vec<SiteFeed> {
    vec![
        SiteFeed {
            name: "National programme".into(),
            path: "/feeds/national.ics".into(),
            body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
        },
        SiteFeed {
            name: format!("Theme: {HOSTILE}"),
            path: "/feeds/theme/script-alert-x-script-co.ics".into(),
            body: "BEGIN:VCALENDAR\r\nX-THEME:1\r\nEND:VCALENDAR\r\n".into(),
        },
    ]
}

const COUNCILS: [ListedCouncil; 2] = [
    ListedCouncil {
        code: "886",
        name: "Kent",
    },
    ListedCouncil {
        code: "383",
        name: "Leeds",
    },
];

fn site(base: &str) -> Vec<SiteFile> {
    site_keeping(base, &[])
}

fn programme() -> PublishedProgramme {
    let mut p = sample::programme(vec![
        sample::hostile_kent(),
        sample::event(2, LEEDS, "Leeds tea", date(28), 9, 60),
        sample::event(3, KENT, "Kent walk", date(27), 9, 60),
    ]);
    p.name = format!("Corporate Parenting Week {HOSTILE}");
    p
}

fn site_keeping(base: &str, kept_pdfs: &[kept::KeptPdf]) -> Vec<SiteFile> {
    let base = BaseUrl::parse(base).unwrap();
    make(&SiteInput {
        programme: &programme(),
        feeds: &feeds(),
        councils: &COUNCILS,
        base: &base,
        changes: b"<feed/>\n",
        kept_pdfs,
    })
    .unwrap()
}

fn text<'a>(files: &'a [SiteFile], path: &str) -> &'a str {
    let file = files.iter().find(|f| f.path == path).unwrap_or_else(|| {
        panic!(
            "no {path} in {:?}",
            files.iter().map(|f| &f.path).collect::<Vec<_>>()
        )
    });
    std::str::from_utf8(&file.bytes).unwrap()
}

#[test]
fn the_site_holds_every_feed_format_and_listing_and_the_index_last() {
    let files = site("https://cpw.example.org.uk/2014/");
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let name = "corporate-parenting-week-script-alert-x-script-co";
    assert_eq!(
        paths,
        [
            "feeds/national.ics".to_string(),
            "feeds/theme/script-alert-x-script-co.ics".into(),
            format!("programme/{name}.html"),
            format!("programme/{name}.pdf"),
            format!("programme/{name}.pdf.digest"),
            format!("programme/{name}.csv"),
            format!("programme/{name}.json"),
            "listings/886.html".into(),
            "listings/383.html".into(),
            "changes.atom".into(),
            "index.html".into(),
        ]
    );
    // The feeds as the server serves them, byte for byte.
    assert_eq!(text(&files, "feeds/national.ics"), feeds()[0].body);
    // Each format is the programme's export of that format.
    let pdf = &files[3].bytes;
    assert!(pdf.starts_with(b"%PDF"));
    assert!(text(&files, &format!("programme/{name}.csv")).starts_with('\u{feff}'));
    // Each listing is that council's.
    let kent = text(&files, "listings/886.html");
    assert!(kent.contains("Kent walk") && !kent.contains("Leeds tea"));
    let leeds = text(&files, "listings/383.html");
    assert!(leeds.contains("Leeds tea") && !leeds.contains("Kent walk"));
    // The releases' feed, as given.
    assert_eq!(text(&files, "changes.atom"), "<feed/>\n");
    // The same data, the same bytes.
    assert_eq!(site("https://cpw.example.org.uk/2014/"), files);
}

#[test]
fn the_index_links_everything_from_the_public_address_and_keeps_text_as_text() {
    let files = site("https://cpw.example.org.uk/2014/");
    let index = text(&files, "index.html");
    let lower = index.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{index}");
    assert!(!lower.contains("style="), "{index}");
    assert!(!index.contains(HOSTILE));
    assert!(index.contains(
        "<h1>Corporate Parenting Week &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; \
         &amp; &#39;Co&#39;</h1>"
    ));
    assert!(index.contains(
        "<a href=\"webcal://cpw.example.org.uk/2014/feeds/national.ics\">\
         webcal://cpw.example.org.uk/2014/feeds/national.ics</a>"
    ));
    assert!(index.contains("<a href=\"https://cpw.example.org.uk/2014/feeds/national.ics\">"));
    assert!(index.contains("<td>Theme: &lt;script&gt;"));
    for f in files
        .iter()
        .filter(|f| f.path != "index.html" && !f.path.ends_with(".digest"))
    {
        if !f.path.starts_with("feeds/") {
            let url = format!("\"https://cpw.example.org.uk/2014/{}\"", f.path);
            assert!(index.contains(&url), "no link to {}", f.path);
        }
    }
    assert!(index.contains("<td>Kent</td><td>2</td>"));
    assert!(index.contains("3 events from 2 councils"));
    assert!(index.contains("The feeds are live data"));
    // Another public address, other links and nothing else.
    let other = site("http://127.0.0.1:8080");
    let other_index = text(&other, "index.html");
    assert!(other_index.contains("href=\"webcal://127.0.0.1:8080/feeds/national.ics\""));
    assert!(other_index.contains("href=\"http://127.0.0.1:8080/listings/886.html\""));
    assert!(!other_index.contains("cpw.example.org.uk"));
}

#[test]
fn a_pdf_made_from_the_same_input_is_kept_and_any_other_made_again() {
    let name = "corporate-parenting-week-script-alert-x-script-co";
    let pdf_path = format!("programme/{name}.pdf");
    let files = site("https://cpw.example.org.uk/2014/");
    let made = files.iter().find(|f| f.path == pdf_path).unwrap();
    // The sidecar records what the PDF was made from and the PDF's digest.
    let input = crate::document::pdf_input_digest(&crate::document::programme(&programme()));
    let sidecar = text(&files, &format!("{pdf_path}.digest"));
    assert_eq!(
        sidecar,
        format!(
            "cpweek programme PDF\ninput {input}\npdf {}\n",
            crate::pack::sha256_hex(&made.bytes)
        )
    );
    // The same input: the kept bytes are published as they are, not typeset.
    let kept = kept::KeptPdf {
        input: input.clone(),
        bytes: b"%PDF-kept".to_vec(),
    };
    let again = site_keeping(
        "https://cpw.example.org.uk/2014/",
        std::slice::from_ref(&kept),
    );
    let pdf = again.iter().find(|f| f.path == pdf_path).unwrap();
    assert_eq!(pdf.bytes, b"%PDF-kept");
    // Another input (another programme, version or template): made again.
    let stale = kept::KeptPdf {
        input: "0".repeat(64),
        bytes: b"%PDF-kept".to_vec(),
    };
    let again = site_keeping(
        "https://cpw.example.org.uk/2014/",
        std::slice::from_ref(&stale),
    );
    assert_eq!(again, files);
    // Of several PDFs made before (the folder's, the release's), the one
    // made from the same input is taken, whichever comes first.
    let again = site_keeping(
        "https://cpw.example.org.uk/2014/",
        &[stale.clone(), kept.clone()],
    );
    let pdf = again.iter().find(|f| f.path == pdf_path).unwrap();
    assert_eq!(pdf.bytes, b"%PDF-kept");
}
