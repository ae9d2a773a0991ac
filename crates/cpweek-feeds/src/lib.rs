//! The feed server: partners subscribe to these URLs, and their calendars
//! fetch them again on their own schedule, so a change to an event reaches
//! them (a downloaded file never updates).
//!
//! - `/` lists the feeds with their subscription links.
//! - `/feeds/national.ics`, `/feeds/region/<region>.ics`,
//!   `/feeds/council/<code>.ics`, `/feeds/theme/<theme>.ics`.
//!
//! Every request opens the database afresh (a SQLite connection is not
//! `Sync`, and a change must appear on the next request), writes the feed
//! and answers with an ETag (a hash of the body) and Last-Modified, or 304
//! when the client's copy is current. Private events are never served.
//! The server binds to loopback unless told otherwise.

mod index;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use cpweek_core::ics::{Privacy, Scope};
use cpweek_core::store::{Exported, Open};
use cpweek_core::{Error, ErrorCode, Store};
use sha2::{Digest, Sha256};

/// Where the feeds come from.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
}

/// The address the server binds to when none is given: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// The routes, for a server or a test.
pub fn router(config: Config) -> Router {
    Router::new()
        .route("/", get(index::page))
        .route("/feeds/national.ics", get(national))
        .route("/feeds/region/{file}", get(region))
        .route("/feeds/council/{file}", get(council))
        .route("/feeds/theme/{file}", get(theme))
        .with_state(Arc::new(config))
}

/// Binds `addr` and serves until the process ends. `ready` is told the
/// address actually bound (port 0 picks a free port).
pub fn serve(
    config: Config,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(config)).await
    })
}

/// Serves on a bound listener until `shutdown` completes: for a host with
/// its own tokio runtime, such as the desktop app, which stops the server
/// when asked. Requests under way are answered before it returns.
pub async fn run(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(shutdown)
        .await
}

type Shared = State<Arc<Config>>;

async fn national(State(config): Shared, headers: HeaderMap) -> Response {
    feed(config, headers, |_| Ok(Scope::National)).await
}

async fn region(State(config): Shared, Path(file): Path<String>, headers: HeaderMap) -> Response {
    feed(config, headers, move |store| {
        let name = ics_name(&file)?;
        let regions = store.regions()?;
        regions
            .iter()
            .find(|r| {
                cpweek_core::publish::names::slug(&r.name) == name
                    || r.name.eq_ignore_ascii_case(&name)
                    || r.code.eq_ignore_ascii_case(&name)
            })
            .map(|r| Scope::Region(r.name.clone()))
            .ok_or_else(|| Error::NotFound {
                what: "region",
                id: name,
            })
    })
    .await
}

async fn council(State(config): Shared, Path(file): Path<String>, headers: HeaderMap) -> Response {
    feed(config, headers, move |store| {
        let code = ics_name(&file)?;
        // Only DfE codes: a name would give many URLs for one feed.
        if !store.councils(None)?.iter().any(|c| c.code == code) {
            return Err(Error::NotFound {
                what: "council",
                id: code,
            });
        }
        Ok(Scope::Council(code))
    })
    .await
}

async fn theme(State(config): Shared, Path(file): Path<String>, headers: HeaderMap) -> Response {
    feed(config, headers, move |store| {
        let slug = ics_name(&file)?;
        if !store.themes()?.iter().any(|t| t.slug == slug) {
            return Err(Error::NotFound {
                what: "theme",
                id: slug,
            });
        }
        Ok(Scope::Theme(slug))
    })
    .await
}

fn ics_name(file: &str) -> Result<String, Error> {
    file.strip_suffix(".ics")
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .ok_or_else(|| Error::NotFound {
            what: "feed",
            id: file.to_string(),
        })
}

/// Opens the database for one request.
pub(crate) fn open(config: &Config) -> Result<Store, Error> {
    Store::open(&config.db, Open::Existing, Utc::now())
}

async fn feed(
    config: Arc<Config>,
    headers: HeaderMap,
    scope: impl FnOnce(&Store) -> Result<Scope, Error> + Send + 'static,
) -> Response {
    let work = tokio::task::spawn_blocking(move || -> Result<Exported, Error> {
        let store = open(&config)?;
        let scope = scope(&store)?;
        // The current programme; partner feeds never hold private events.
        store.export_ics(&scope, "", Privacy::PublicOnly)
    });
    match work.await {
        Ok(Ok(exported)) => answer(exported, &headers),
        Ok(Err(e)) => failure(&e),
        Err(join) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the feed could not be made: {join}\n"),
        )
            .into_response(),
    }
}

/// The ETag of a body: a hash of its bytes, so equal bodies match.
pub fn etag(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// An instant as an HTTP date: `Tue, 28 Oct 2014 10:00:00 GMT`.
pub fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn answer(exported: Exported, request: &HeaderMap) -> Response {
    let tag = etag(&exported.body);
    let last = exported.last_change;
    let mut headers = HeaderMap::new();
    let put = |headers: &mut HeaderMap, name, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
    };
    put(&mut headers, header::ETAG, &tag);
    if let Some(t) = last {
        put(&mut headers, header::LAST_MODIFIED, &http_date(t));
    }
    put(&mut headers, header::CACHE_CONTROL, "no-cache");
    if not_modified(request, &tag, last) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    put(
        &mut headers,
        header::CONTENT_TYPE,
        "text/calendar; charset=utf-8",
    );
    (StatusCode::OK, headers, exported.body).into_response()
}

/// RFC 9110 13.1: If-None-Match decides when present; otherwise
/// If-Modified-Since, compared to the second.
fn not_modified(request: &HeaderMap, tag: &str, last: Option<DateTime<Utc>>) -> bool {
    if let Some(inm) = request.get(header::IF_NONE_MATCH) {
        let Ok(inm) = inm.to_str() else { return false };
        return inm
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == "*" || t == tag);
    }
    let since = request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok());
    match (since, last) {
        (Some(since), Some(last)) => last.timestamp() <= since.timestamp(),
        _ => false,
    }
}

fn failure(e: &Error) -> Response {
    let status = match e.code() {
        ErrorCode::NotFound | ErrorCode::InvalidInput => StatusCode::NOT_FOUND,
        ErrorCode::NotInitialised => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{e}\n"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_requests() {
        let tag = etag("BEGIN:VCALENDAR\r\n");
        assert_eq!(tag, etag("BEGIN:VCALENDAR\r\n"));
        assert_ne!(tag, etag("BEGIN:VCALENDAR\r\nX"));
        let last = DateTime::parse_from_rfc3339("2014-10-28T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut h = HeaderMap::new();
        assert!(!not_modified(&h, &tag, Some(last)));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&tag).unwrap());
        assert!(not_modified(&h, &tag, Some(last)));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!not_modified(&h, &tag, Some(last)));
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&http_date(last)).unwrap(),
        );
        assert!(not_modified(&h, &tag, Some(last)));
        let earlier = last - chrono::Duration::seconds(1);
        h.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&http_date(earlier)).unwrap(),
        );
        assert!(!not_modified(&h, &tag, Some(last)));
        assert_eq!(http_date(last), "Tue, 28 Oct 2014 10:00:00 GMT");
    }
}
