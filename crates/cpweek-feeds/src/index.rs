//! The index page: every feed with its subscription links, and how often
//! each client refreshes. Everything taken from data or the request is
//! HTML-escaped.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use cpweek_core::publish::listen::PublicUrl;
use cpweek_core::{Error, Store};

use crate::{Config, Served};

/// `South East` → `south-east`: the form region names take in URLs.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// One feed the server answers for: its name for people and its path
/// under `/feeds/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub kind: FeedKind,
    pub name: String,
    pub path: String,
}

/// What a feed's events are chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FeedKind {
    National,
    Region,
    Theme,
    Council,
}

/// Every feed: the national programme, then each region, theme and council.
pub fn feeds(store: &Store) -> Result<Vec<FeedEntry>, Error> {
    let entry = |kind, name, path| FeedEntry { kind, name, path };
    let mut rows = vec![entry(
        FeedKind::National,
        "National programme".into(),
        "national.ics".into(),
    )];
    for r in store.regions()? {
        rows.push(entry(
            FeedKind::Region,
            format!("Region: {}", r.name),
            format!("region/{}.ics", slug(&r.name)),
        ));
    }
    for t in store.themes()? {
        rows.push(entry(
            FeedKind::Theme,
            format!("Theme: {}", t.name),
            format!("theme/{}.ics", t.slug),
        ));
    }
    for c in store.councils(None)? {
        rows.push(entry(
            FeedKind::Council,
            format!("Council: {}", c.label()),
            format!("council/{}.ics", c.code),
        ));
    }
    Ok(rows)
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) async fn page(State(served): State<Arc<Served>>) -> Response {
    let work = tokio::task::spawn_blocking(move || render(&served.config, &served.public_url));
    match work.await {
        Ok(Ok(html)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                ),
            ],
            html,
        )
            .into_response(),
        Ok(Err(e)) => crate::failure("/", &e),
        Err(e) => crate::failure(
            "/",
            &Error::Io {
                context: "making the index page".into(),
                source: std::io::Error::other(e),
            },
        ),
    }
}

fn render(config: &Config, base: &PublicUrl) -> Result<String, Error> {
    let store = crate::open(config)?;
    let programme = store
        .programmes()?
        .into_iter()
        .find(|p| p.is_current)
        .map(|p| p.name)
        .unwrap_or_else(|| "Corporate Parenting Week".into());
    let rows = feeds(&store)?;
    let mut html = String::new();
    html.push_str("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!("<title>{} feeds</title>\n", escape(&programme)));
    html.push_str("<style>body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}td,th{padding:.3em .6em;text-align:left;border-bottom:1px solid #b1b4b6}a{color:#1d70b8}</style>\n</head>\n<body>\n<main>\n");
    html.push_str(&format!(
        "<h1>{}: calendar feeds</h1>\n",
        escape(&programme)
    ));
    html.push_str(
        "<p>Subscribe to a feed in your calendar to follow events as they are added, changed or cancelled. \
         A downloaded file never updates; a subscription does.</p>\n\
         <p>How often calendars check for changes: Outlook about every 3 hours; Google Calendar on its own \
         schedule, often 12 to 24 hours, and it cannot be made to check sooner; Apple Calendar as often as you \
         choose when subscribing (every 5 minutes to every week). The feeds ask for every hour.</p>\n\
         <p>Private events are never in these feeds.</p>\n\
         <p>This server speaks plain HTTP and listens on this computer only unless started with another \
         address. The links below use its public address: to share them with partners, publish it behind \
         an HTTPS address and start it with that address (<code>cpweek serve --public-url</code>). \
         Calendars open <code>webcal://</code> links as subscriptions.</p>\n",
    );
    html.push_str("<table>\n<thead><tr><th scope=\"col\">Feed</th><th scope=\"col\">Subscribe</th><th scope=\"col\">Web address</th></tr></thead>\n<tbody>\n");
    for FeedEntry { name, path, .. } in rows {
        let path = format!("feeds/{path}");
        let (subscribe, web) = (escape(&base.subscribe(&path)), escape(&base.web(&path)));
        html.push_str(&format!(
            "<tr><td>{}</td><td><a href=\"{subscribe}\">{subscribe}</a></td>\
             <td><a href=\"{web}\">{web}</a></td></tr>\n",
            escape(&name)
        ));
    }
    html.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_escaping() {
        assert_eq!(slug("Yorkshire and The Humber"), "yorkshire-and-the-humber");
        assert_eq!(slug("South East"), "south-east");
        assert_eq!(
            escape("<b>\"Tom & Jerry's\"</b>"),
            "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;"
        );
    }
}
