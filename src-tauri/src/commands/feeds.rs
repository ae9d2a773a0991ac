//! The feed server, started and stopped from the Feeds screen: the same
//! server as `cpweek serve` (cpweek-feeds), on the app's tokio runtime,
//! reading the app's database. It listens on this computer only.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Mutex;

use cpweek_core::publish::names::FeedKind;
use cpweek_core::publish::BaseUrl;
use cpweek_core::Error;
use serde::Serialize;
use tauri::async_runtime::JoinHandle;
use tauri::State;
use tokio::sync::oneshot;
use ts_rs::TS;

use crate::error::IpcResult;
use crate::state::AppState;

/// The running server, if any.
#[derive(Default)]
pub struct FeedServer(Mutex<Option<Running>>);

struct Running {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl FeedServer {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Running>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One feed's addresses while the server runs.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct FeedLink {
    pub kind: FeedKind,
    pub name: String,
    /// `webcal://…`: calendars open it as a subscription.
    pub subscribe: String,
    /// `http://…`: the feed itself.
    pub web: String,
}

/// Whether the server runs, where, and its feeds.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct FeedServerView {
    /// `http://127.0.0.1:8080/` while running.
    pub address: Option<String>,
    pub feeds: Vec<FeedLink>,
}

#[tauri::command(async)]
pub fn feed_server_status(
    state: State<'_, AppState>,
    server: State<'_, FeedServer>,
) -> IpcResult<FeedServerView> {
    let mut slot = server.slot();
    // A server whose task ended (it cannot normally) is not running.
    if slot.as_ref().is_some_and(|r| r.task.inner().is_finished()) {
        *slot = None;
    }
    let addr = slot.as_ref().map(|r| r.addr);
    drop(slot);
    view(&state, addr)
}

/// Starts serving the feeds on 127.0.0.1:`port` (as typed).
#[tauri::command(async)]
pub fn start_feed_server(
    state: State<'_, AppState>,
    server: State<'_, FeedServer>,
    port: String,
) -> IpcResult<FeedServerView> {
    let mut slot = server.slot();
    if let Some(running) = slot.as_ref() {
        if !running.task.inner().is_finished() {
            let addr = running.addr;
            drop(slot);
            return view(&state, Some(addr));
        }
    }
    let port = parse_port(&port)?;
    let wanted = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = TcpListener::bind(wanted).map_err(|e| bind_error(port, e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| bind_error(port, e))?;
    let addr = listener.local_addr().map_err(|e| bind_error(port, e))?;
    let config = cpweek_feeds::Config {
        db: state.store().path().to_path_buf(),
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tauri::async_runtime::spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        cpweek_feeds::run(listener, config, async {
            let _ = stopped.await;
        })
        .await
    });
    *slot = Some(Running { addr, stop, task });
    drop(slot);
    view(&state, Some(addr))
}

/// Stops the server; requests under way are answered first.
#[tauri::command(async)]
pub async fn stop_feed_server(
    state: State<'_, AppState>,
    server: State<'_, FeedServer>,
) -> IpcResult<FeedServerView> {
    let running = server.slot().take();
    if let Some(Running { stop, task, .. }) = running {
        let _ = stop.send(());
        // The port is free once the task has ended.
        let _ = task.await;
    }
    view(&state, None)
}

/// A port as typed: a number from 1024 to 65535 (lower ones need root).
pub fn parse_port(typed: &str) -> Result<u16, Error> {
    match typed.trim().parse::<u16>() {
        Ok(p) if p >= 1024 => Ok(p),
        _ => Err(Error::invalid(
            "port",
            format!(
                "the port must be a number from 1024 to 65535, like 8080 (not \"{}\")",
                typed.trim()
            ),
        )),
    }
}

fn bind_error(port: u16, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        Error::invalid(
            "port",
            format!("port {port} is in use by another program; choose another port"),
        )
    } else {
        Error::Io {
            context: format!("serving feeds on 127.0.0.1:{port}"),
            source: e,
        }
    }
}

fn view(state: &AppState, addr: Option<SocketAddr>) -> IpcResult<FeedServerView> {
    let Some(addr) = addr else {
        return Ok(FeedServerView {
            address: None,
            feeds: Vec::new(),
        });
    };
    // The server is on this computer: its links are its own address.
    let base = BaseUrl::local(addr);
    let feeds = state
        .store()
        .published_feeds()?
        .into_iter()
        .map(|f| {
            let links = f.links(&base);
            FeedLink {
                kind: f.kind,
                name: f.name,
                subscribe: links.subscribe,
                web: links.web,
            }
        })
        .collect();
    Ok(FeedServerView {
        address: Some(base.home()),
        feeds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_is_a_number_from_1024_to_65535() {
        assert_eq!(parse_port(" 8080 ").unwrap(), 8080);
        assert_eq!(parse_port("65535").unwrap(), 65535);
        for bad in ["", "80", "0", "65536", "eighty", "8080.5", "-1"] {
            let err = parse_port(bad).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "port", "{bad}");
            assert!(err.to_string().contains("1024 to 65535"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_port_in_use_is_named_in_the_message() {
        let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .map(|_| ())
            .map_err(|e| bind_error(port, e))
            .unwrap_err();
        assert_eq!(err.field_errors()[0].field, "port");
        assert!(
            err.to_string().contains(&format!("port {port} is in use")),
            "{err}"
        );
    }
}
