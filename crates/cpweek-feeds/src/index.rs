//! The index page: every feed with its subscription links, and how often
//! each client refreshes. The feeds, their paths and links come from the
//! core (`Store::published_feeds`, `cpweek_core::publish::names`);
//! everything taken from data is HTML-escaped by
//! `cpweek_core::publish::escape::html`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use cpweek_core::publish::escape::html;
use cpweek_core::publish::BaseUrl;
use cpweek_core::Error;

use crate::{Config, Served};

pub(crate) async fn page(State(served): State<Arc<Served>>) -> Response {
    let work = tokio::task::spawn_blocking(move || render(&served.config, &served.public_url));
    match work.await {
        Ok(Ok(page)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                ),
            ],
            page,
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

/// The page, with every link under `base`.
fn render(config: &Config, base: &BaseUrl) -> Result<String, Error> {
    let store = crate::open(config)?;
    let programme = store
        .programmes()?
        .into_iter()
        .find(|p| p.is_current)
        .map(|p| p.name)
        .unwrap_or_else(|| "Corporate Parenting Week".into());
    let feeds = store.published_feeds()?;
    let mut page = String::new();
    page.push_str("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str(&format!("<title>{} feeds</title>\n", html(&programme)));
    page.push_str("<style>body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}td,th{padding:.3em .6em;text-align:left;border-bottom:1px solid #b1b4b6}a{color:#1d70b8}</style>\n</head>\n<body>\n<main>\n");
    page.push_str(&format!("<h1>{}: calendar feeds</h1>\n", html(&programme)));
    page.push_str(
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
    page.push_str("<table>\n<thead><tr><th scope=\"col\">Feed</th><th scope=\"col\">Subscribe</th><th scope=\"col\">Web address</th></tr></thead>\n<tbody>\n");
    for feed in feeds {
        let links = feed.links(base);
        let (subscribe, web) = (html(&links.subscribe), html(&links.web));
        page.push_str(&format!(
            "<tr><td>{}</td><td><a href=\"{subscribe}\">{subscribe}</a></td>\
             <td><a href=\"{web}\">{web}</a></td></tr>\n",
            html(&feed.name)
        ));
    }
    page.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    Ok(page)
}
