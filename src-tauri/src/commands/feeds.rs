//! The feed server, started and stopped from the Feeds screen: the same
//! server as `cpweek serve` (cpweek-feeds), on the app's tokio runtime,
//! reading the app's database. It listens on this computer only.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Mutex;

use cpweek_core::publish::listen;
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
    let wanted = loopback(&port)?;
    let listener = TcpListener::bind(wanted).map_err(|e| listen::bind_error(wanted, e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| listen::bind_error(wanted, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| listen::bind_error(wanted, e))?;
    let config = cpweek_feeds::Config::new(state.store().path().to_path_buf());
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

/// This computer's address at the port as typed, by the core's rule for
/// ports (the one `cpweek serve --addr` follows).
fn loopback(port: &str) -> Result<SocketAddr, Error> {
    Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, listen::port(port)?)))
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
    fn the_port_follows_the_cores_rule_on_this_computer_only() {
        assert_eq!(
            loopback(" 8080 ").unwrap(),
            SocketAddr::from((Ipv4Addr::LOCALHOST, 8080))
        );
        // The window refuses what `cpweek serve --addr` refuses, in the same
        // words (tests/serve.rs holds the CLI to the same core rule).
        for bad in [
            "",
            "80",
            "0",
            "65536",
            "eighty",
            "8080.5",
            "-1",
            "0.0.0.0:8080",
        ] {
            let err = loopback(bad).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "port", "{bad}");
            assert_eq!(
                err.to_string(),
                listen::port(bad).unwrap_err().to_string(),
                "{bad}"
            );
            assert!(err.to_string().contains("1024 to 65535"), "{bad}: {err}");
        }
    }
}
