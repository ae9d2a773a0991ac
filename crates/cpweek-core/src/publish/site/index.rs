//! The site's `index.html`: the programme in each format, every feed with
//! its `webcal://` and web address, and each council's listing, every link
//! made from the site's public address. No script; every text from the
//! data through [`crate::publish::escape::html`].

use std::fmt::Write;

use super::{ProgrammeFile, SiteInput};
use crate::publish::escape::html;
use crate::publish::listing::ListedCouncil;
use crate::publish::programme::{Edition, ProgrammeFormat};
use crate::time;

const STYLE: &str = "body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;\
padding:0 1em;line-height:1.5;color:#0b0c0c}table{border-collapse:collapse}\
td,th{padding:.3em .6em;text-align:left;vertical-align:top;border-bottom:1px solid #b1b4b6}\
a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}";

/// What the documents and listings show, in a sentence for the page.
fn edition(edition: Edition) -> String {
    match edition {
        Edition::Live => {
            "The programme's documents and the councils' listings are the live programme: \
             every approved public event as it stood when this site was published."
                .to_string()
        }
        Edition::Release(n) => format!(
            "The programme's documents and the councils' listings are release {n} of the \
             programme: every approved public event as it stood when release {n} was made. \
             The calendar feeds follow every change as it is approved."
        ),
    }
}

/// `12 KB`, `4.3 MB`.
fn size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

fn format_label(format: ProgrammeFormat) -> &'static str {
    match format {
        ProgrammeFormat::Html => "Web page to read or print (HTML)",
        ProgrammeFormat::Pdf => "PDF (tagged for screen readers)",
        ProgrammeFormat::Csv => "Spreadsheet (CSV, opens in Excel)",
        ProgrammeFormat::Json => "Schedule apps (JSON in the conference-schedule format)",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The page.
pub(super) fn page(
    input: &SiteInput,
    documents: &[ProgrammeFile],
    listings: &[(ListedCouncil, String, usize)],
    changes: &str,
) -> String {
    let p = input.programme;
    let base = input.base;
    let link = |path: &str| html(&base.url(&format!("/{path}")));
    let name = html(&p.name);
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{name}</title>");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(out, "<h1>{name}</h1>");
    let _ = writeln!(
        out,
        "<p><time datetime=\"{}\">{}</time> to <time datetime=\"{}\">{}</time>: {} from {}. \
         Times are UK times.</p>",
        p.starts_on.format("%Y-%m-%d"),
        html(&time::format_date(p.starts_on)),
        p.ends_on.format("%Y-%m-%d"),
        html(&time::format_date(p.ends_on)),
        plural(p.events.len(), "event", "events"),
        plural(p.councils(), "council", "councils"),
    );
    let _ = writeln!(out, "<p>{}</p>", edition(p.edition));

    out.push_str("<h2>The programme</h2>\n<ul>\n");
    for d in documents {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">{}</a> ({})</li>",
            link(&d.path),
            format_label(d.format),
            size(d.size)
        );
    }
    out.push_str("</ul>\n");

    let _ = writeln!(
        out,
        "<h2>Changes</h2>\n<p>The programme is published in numbered releases. \
         <a href=\"{}\">The releases and what each one added, changed and cancelled</a> \
         (an Atom feed, for feed readers).</p>",
        link(changes)
    );

    out.push_str(
        "<h2>Calendar feeds</h2>\n\
         <p>Subscribe to a feed in your calendar to follow events as they are added, changed \
         or cancelled; calendars open <code>webcal://</code> links as subscriptions. A \
         downloaded file never updates; a subscription does, each time this site is \
         published again.</p>\n\
         <p>The feeds are live data, as cpweek's feed server serves them: each event as it \
         stood when this site was published. The national feed holds approved events; the \
         region, council and theme feeds also hold events awaiting the LGA's review, marked \
         as tentative. Private events are never published.</p>\n",
    );
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Feed</th><th scope=\"col\">Subscribe</th>\
         <th scope=\"col\">Web address</th></tr></thead>\n<tbody>\n",
    );
    for feed in input.feeds {
        let links = base.links(&feed.path);
        let (subscribe, web) = (html(&links.subscribe), html(&links.web));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><a href=\"{subscribe}\">{subscribe}</a></td>\
             <td><a href=\"{web}\">{web}</a></td></tr>",
            html(&feed.name)
        );
    }
    out.push_str("</tbody>\n</table>\n");

    out.push_str(
        "<h2>Listings for councils' websites</h2>\n\
         <p>Each council's approved public events as a piece of HTML to paste into its own \
         web page: a heading and a list, with no script and no styles of its own, so the \
         page's own style applies. Its class names all begin <code>cpweek-listing</code>.</p>\n",
    );
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Council</th><th scope=\"col\">Events</th>\
         <th scope=\"col\">Listing</th></tr></thead>\n<tbody>\n",
    );
    for (council, path, events) in listings {
        let web = link(path);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{events}</td><td><a href=\"{web}\">{web}</a></td></tr>",
            html(council.name)
        );
    }
    out.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    out
}
