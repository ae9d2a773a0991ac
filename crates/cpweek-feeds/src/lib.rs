//! The feed server: partners subscribe to these URLs, and their calendars
//! fetch them again on their own schedule, so a change to an event reaches
//! them (a downloaded file never updates).
//!
//! - `/` lists the feeds with their subscription links, made from the
//!   configured public URL (never from the `Host` a client sends).
//! - `/feeds/national.ics`, `/feeds/region/<region>.ics`,
//!   `/feeds/council/<code>.ics`, `/feeds/theme/<theme>.ics`.
//!
//! Every request opens the database afresh (a SQLite connection is not
//! `Sync`, and a change must appear on the next request) and answers with an
//! ETag (a hash of the body) and Last-Modified, or 304 when the client's copy
//! is current. A feed is made once per change to the store and its bytes are
//! shared by every request for it ([`bodies`]). Private events are never
//! served. Connections are held to timeouts and a limit ([`connections`]).
//! Every answer says `X-Content-Type-Options: nosniff`; when something goes
//! wrong, the answer says so in a plain sentence and the detail goes to the
//! log (stderr). The server binds to loopback unless told otherwise.

mod bodies;
mod connections;
mod index;

pub use connections::{default_max_connections, Limits};

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use cpweek_core::ics::Scope;
use cpweek_core::publish::BaseUrl;
use cpweek_core::store::Open;
use cpweek_core::{Error, ErrorCode, Store};
use sha2::{Digest, Sha256};

/// Where the feeds come from, how partners reach them, and the limits on
/// connections.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    /// The address partners use (`--public-url`); `None` means
    /// `http://<the address bound>`.
    pub public_url: Option<BaseUrl>,
    pub limits: Limits,
}

impl Config {
    /// Feeds from `db`, at the server's own address, within the default
    /// limits.
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            public_url: None,
            limits: Limits::default(),
        }
    }
}

/// What every request shares.
struct Served {
    config: Config,
    public_url: BaseUrl,
    bodies: bodies::Bodies,
}

/// The routes, every answer marked `nosniff`.
fn router(config: Config, bound: SocketAddr) -> Router {
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| BaseUrl::local(bound));
    Router::new()
        .route("/", get(index::page))
        .route("/feeds/national.ics", get(national))
        .route("/feeds/region/{file}", get(region))
        .route("/feeds/council/{file}", get(council))
        .route("/feeds/theme/{file}", get(theme))
        .layer(axum::middleware::map_response(nosniff))
        .with_state(Arc::new(Served {
            config,
            public_url,
            bodies: bodies::Bodies::default(),
        }))
}

async fn nosniff(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Binds `addr` and serves until the process ends. `ready` is told the
/// address actually bound.
pub fn serve(
    config: Config,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Each request's database work runs on one of these: a bound on
        // the memory and files many requests at once can take.
        .max_blocking_threads(32)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        run(listener, config, std::future::pending()).await
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
    let limits = config.limits;
    let routes = router(config, listener.local_addr()?);
    connections::serve(listener, routes, limits, shutdown).await
}

type Shared = State<Arc<Served>>;

async fn national(State(served): Shared, uri: Uri, headers: HeaderMap) -> Response {
    feed(served, uri, headers, |_| Ok(Scope::National)).await
}

async fn region(
    State(served): Shared,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    feed(served, uri, headers, move |store| {
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

/// A council's or a theme's feed: served only at the path its links give
/// (a council by its DfE code, a theme by its slug), which the core reads
/// back ([`Store::published_feed`]).
async fn council(
    State(served): Shared,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    listed(served, format!("/feeds/council/{file}"), uri, headers).await
}

async fn theme(
    State(served): Shared,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    listed(served, format!("/feeds/theme/{file}"), uri, headers).await
}

async fn listed(served: Arc<Served>, path: String, uri: Uri, headers: HeaderMap) -> Response {
    feed(served, uri, headers, move |store| {
        Ok(store.published_feed(&path)?.scope)
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

/// Opens the database for one request, only to read.
pub(crate) fn open(config: &Config) -> Result<Store, Error> {
    Store::open(&config.db, Open::Read, Utc::now())
}

async fn feed(
    served: Arc<Served>,
    uri: Uri,
    headers: HeaderMap,
    scope: impl FnOnce(&Store) -> Result<Scope, Error> + Send + 'static,
) -> Response {
    let work = tokio::task::spawn_blocking(move || {
        let store = open(&served.config)?;
        let scope = scope(&store)?;
        served.bodies.get(&store, &scope)
    });
    match work.await {
        Ok(Ok(made)) => answer(&made, &headers),
        Ok(Err(e)) => failure(uri.path(), &e),
        Err(join) => {
            log(uri.path(), &join);
            broken()
        }
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

fn answer(made: &bodies::Made, request: &HeaderMap) -> Response {
    let last = made.last_change;
    let mut headers = HeaderMap::new();
    let put = |headers: &mut HeaderMap, name, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
    };
    put(&mut headers, header::ETAG, &made.etag);
    if let Some(t) = last {
        put(&mut headers, header::LAST_MODIFIED, &http_date(t));
    }
    put(&mut headers, header::CACHE_CONTROL, "no-cache");
    if not_modified(request, &made.etag, last) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    put(
        &mut headers,
        header::CONTENT_TYPE,
        "text/calendar; charset=utf-8",
    );
    // A reference to the shared bytes, not a copy.
    (StatusCode::OK, headers, made.body.clone()).into_response()
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

/// What a 500 says: the detail is in the log, not in the answer.
pub const BROKEN: &str = "the feed could not be made; the server's log has the details\n";

/// An answer for what went wrong: a feed that does not exist is 404 and
/// says which; anything else is the server's problem, logged in full and
/// answered with a plain sentence (no paths, no database's words).
pub(crate) fn failure(what: &str, e: &Error) -> Response {
    match e.code() {
        ErrorCode::NotFound | ErrorCode::InvalidInput => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            // The message names what the URL asked for: its hidden
            // characters are sent back escaped, by the core's one rule.
            format!("{}\n", cpweek_core::text::shown(&e.to_string())),
        )
            .into_response(),
        _ => {
            log(what, e);
            broken()
        }
    }
}

fn broken() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        BROKEN,
    )
        .into_response()
}

/// Writes what went wrong to the log (stderr), with every cause.
pub(crate) fn log(what: &str, e: &dyn std::error::Error) {
    let mut line = format!(
        "{} feed server: {}: {e}",
        Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
        what.escape_debug()
    );
    let mut cause = e.source();
    while let Some(c) = cause {
        line.push_str(&format!(": {c}"));
        cause = c.source();
    }
    eprintln!("{line}");
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
