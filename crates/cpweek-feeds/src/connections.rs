//! Accepting connections without letting clients hold the server: every
//! connection must send a request's head within the idle timeout (from when
//! it opens, and again after each answer), a connection that moves no bytes
//! for that long while no request is being answered is closed (a client that
//! stops reading its answer), and at most `max_connections` are open: when
//! that many are, the one quiet longest is closed to make room, so idle
//! sockets can never keep a real request out. Only a connection that is not
//! being answered and has been found waiting with nothing to read (or has
//! been quiet for a while) is closed this way: a new one whose request is
//! already on its way is not.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify, Semaphore};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tower_service::Service;

/// How long a connection may wait and how many may be open at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A connection that sends no request head, or takes none of its
    /// answer, for this long is closed.
    pub idle_timeout: Duration,
    /// The most connections open at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            idle_timeout: Duration::from_secs(30),
            max_connections: default_max_connections(),
        }
    }
}

/// The most connections to keep open: well within the process's limit on
/// open files (each request also opens the database: three files in WAL
/// mode), and never more than 1024.
pub fn default_max_connections() -> usize {
    const CEILING: usize = 1024;
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes into the struct it is given, nothing else.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            let files = usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX);
            // Some files for the process itself, then one per connection
            // and three per request being answered, each connection
            // answering at most one request at a time.
            return (files.saturating_sub(32) / 4).clamp(4, CEILING);
        }
    }
    CEILING
}

/// How long a new connection is left to show whether a request is on its
/// way before it may be closed to make room for another.
const GRACE: Duration = Duration::from_secs(1);

/// What the server knows of one connection.
#[derive(Debug)]
struct Watch {
    /// Milliseconds from the server's start to the last byte moved (or the
    /// end of the last answer).
    last: AtomicU64,
    /// Requests being worked on now (no bytes move meanwhile).
    handling: AtomicUsize,
    /// Requests from their arrival until their answer is all sent.
    answering: AtomicUsize,
    /// Found with nothing to read (so not a request on its way).
    waiting: AtomicBool,
    /// Told to close to make room for another.
    evict: Notify,
}

/// The open connections.
struct Open {
    start: Instant,
    next: AtomicU64,
    all: Mutex<HashMap<u64, Arc<Watch>>>,
}

impl Open {
    fn now(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn add(&self) -> (u64, Arc<Watch>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let watch = Arc::new(Watch {
            last: AtomicU64::new(self.now()),
            handling: AtomicUsize::new(0),
            answering: AtomicUsize::new(0),
            waiting: AtomicBool::new(false),
            evict: Notify::new(),
        });
        self.lock().insert(id, watch.clone());
        (id, watch)
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Watch>>> {
        self.all.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Tells the connection quiet longest, of those not answering a
    /// request and found waiting (or quiet for [`GRACE`]), to close.
    fn evict_quietest(&self) {
        let now = self.now();
        let grace = u64::try_from(GRACE.as_millis()).unwrap_or(u64::MAX);
        let all = self.lock();
        let quietest = all
            .values()
            .filter(|w| {
                w.answering.load(Ordering::Acquire) == 0
                    && (w.waiting.load(Ordering::Acquire)
                        || now.saturating_sub(w.last.load(Ordering::Acquire)) >= grace)
            })
            .min_by_key(|w| w.last.load(Ordering::Acquire));
        if let Some(w) = quietest {
            w.evict.notify_one();
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, within
/// `limits`. Then stops accepting, lets requests under way be answered
/// (for at most the idle timeout) and returns.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let open = Arc::new(Open {
        start: Instant::now(),
        next: AtomicU64::new(0),
        all: Mutex::new(HashMap::new()),
    });
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    'accept: loop {
        // When full, close the quietest connection and take its place;
        // if none may be closed yet, try again shortly.
        let permit = loop {
            if let Ok(permit) = permits.clone().try_acquire_owned() {
                break permit;
            }
            open.evict_quietest();
            tokio::select! {
                permit = permits.clone().acquire_owned() => match permit {
                    Ok(permit) => break permit,
                    Err(_) => break 'accept,
                },
                () = tokio::time::sleep(Duration::from_millis(20)) => {}
                () = &mut shutdown => break 'accept,
                Some(_) = connections.join_next() => {}
            }
        };
        let stream = loop {
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => break stream,
                    Err(e) => {
                        // Out of files, or a connection reset before it was
                        // taken: wait a moment rather than spin.
                        crate::log("accepting a connection", &e);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                },
                () = &mut shutdown => break 'accept,
                Some(_) = connections.join_next() => {}
            }
        };
        let _ = stream.set_nodelay(true);
        let (id, watch) = open.add();
        let open = open.clone();
        let router = router.clone();
        let stopping = stopping.clone();
        connections.spawn(async move {
            connection(stream, router, &open, watch, limits, stopping).await;
            open.remove(id);
            drop(permit);
        });
    }
    // The port is let go now; requests under way are answered.
    drop(listener);
    let _ = stop.send(true);
    let drained = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(limits.idle_timeout, drained)
        .await
        .is_err()
    {
        connections.shutdown().await;
    }
    Ok(())
}

/// One connection, from accepting it to closing it.
async fn connection(
    stream: TcpStream,
    router: Router,
    open: &Arc<Open>,
    watch: Arc<Watch>,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
) {
    let io = TokioIo::new(Counted {
        inner: stream,
        open: open.clone(),
        watch: watch.clone(),
    });
    let service = {
        let open = open.clone();
        let watch = watch.clone();
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let mut router = router.clone();
            let answering = Busy::start(open.clone(), watch.clone(), Stage::Answering);
            let handling = Busy::start(open.clone(), watch.clone(), Stage::Handling);
            async move {
                let response = router.call(request).await?;
                drop(handling);
                Ok::<_, Infallible>(response.map(|body| Sending {
                    body,
                    _answering: answering,
                }))
            }
        })
    };
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.idle_timeout)
        .serve_connection(io, service);
    tokio::pin!(conn);
    let mut closing = false;
    loop {
        let quiet = Duration::from_millis(
            open.now()
                .saturating_sub(watch.last.load(Ordering::Acquire)),
        );
        let busy = watch.handling.load(Ordering::Acquire) > 0;
        if !busy && quiet >= limits.idle_timeout {
            return;
        }
        let wait = if busy {
            limits.idle_timeout
        } else {
            limits.idle_timeout - quiet
        };
        tokio::select! {
            // Ended: closed by the client, timed out, or refused as
            // malformed (hyper answers 400 or 431 itself): the client's
            // doing, not the server's, so nothing is logged.
            _ = conn.as_mut() => return,
            () = watch.evict.notified() => return,
            () = tokio::time::sleep(wait.max(Duration::from_millis(10))) => {}
            _ = stopping.changed(), if !closing => {
                closing = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

/// What a [`Busy`] marks.
#[derive(Clone, Copy)]
enum Stage {
    /// The request is being worked on: the connection is not idle, though
    /// no bytes move.
    Handling,
    /// From the request's arrival until its answer is all sent: the
    /// connection is not closed to make room for another.
    Answering,
}

/// Marks a connection's request as at a [`Stage`] while it lives; when it
/// ends, the connection's quiet time starts again.
struct Busy {
    open: Arc<Open>,
    watch: Arc<Watch>,
    stage: Stage,
}

impl Busy {
    fn start(open: Arc<Open>, watch: Arc<Watch>, stage: Stage) -> Busy {
        let busy = Busy { open, watch, stage };
        busy.count().fetch_add(1, Ordering::AcqRel);
        busy
    }

    fn count(&self) -> &AtomicUsize {
        match self.stage {
            Stage::Handling => &self.watch.handling,
            Stage::Answering => &self.watch.answering,
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.watch.last.store(self.open.now(), Ordering::Release);
        self.count().fetch_sub(1, Ordering::AcqRel);
    }
}

/// An answer's body, holding its request's [`Stage::Answering`] mark until
/// hyper has sent it all (or given up) and drops it.
struct Sending {
    body: axum::body::Body,
    _answering: Busy,
}

impl hyper::body::Body for Sending {
    type Data = bytes::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.body.size_hint()
    }
}

/// A socket that notes when bytes last moved either way.
struct Counted {
    inner: TcpStream,
    open: Arc<Open>,
    watch: Arc<Watch>,
}

impl Counted {
    fn moved(&self) {
        self.watch.last.store(self.open.now(), Ordering::Release);
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.watch.waiting.store(false, Ordering::Release);
            self.moved();
        } else if result.is_pending() {
            self.watch.waiting.store(true, Ordering::Release);
        }
        result
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            self.moved();
        }
        result
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            self.moved();
        }
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// 32 MB: far more than socket buffers hold.
    const LARGE: usize = 32 << 20;

    fn routes() -> Router {
        use axum::routing::get;
        Router::new().route("/", get(|| async { "hello\n" })).route(
            "/large",
            get(|| async { bytes::Bytes::from(vec![b'x'; LARGE]) }),
        )
    }

    /// Serves `routes` on a runtime of its own until the returned sender is
    /// used or dropped; the handle says when serving ended.
    fn start(
        limits: Limits,
    ) -> (
        std::net::SocketAddr,
        tokio::sync::oneshot::Sender<()>,
        std::thread::JoinHandle<std::time::Instant>,
    ) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                serve(listener, routes(), limits, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
            std::time::Instant::now()
        });
        (addr, stop, server)
    }

    fn limits(idle_secs: u64, max_connections: usize) -> Limits {
        Limits {
            idle_timeout: Duration::from_secs(idle_secs),
            max_connections,
        }
    }

    fn connect(addr: std::net::SocketAddr) -> std::net::TcpStream {
        let s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s
    }

    fn ask(stream: &mut std::net::TcpStream, path: &str, close: bool) -> String {
        let connection = if close { "close" } else { "keep-alive" };
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: {connection}\r\n\r\n"
        )
        .unwrap();
        let mut answer = vec![0u8; 4096];
        let n = stream.read(&mut answer).unwrap();
        String::from_utf8_lossy(&answer[..n]).into_owned()
    }

    /// Reads until the server closes; returns how many bytes came.
    fn read_to_close(stream: &mut std::net::TcpStream) -> usize {
        let mut total = 0;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match stream.read(&mut buf) {
                Ok(0) => return total,
                Ok(n) => total += n,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return total,
                Err(e) => panic!("the server did not close the connection: {e}"),
            }
        }
    }

    #[test]
    fn idle_connections_are_closed_to_make_room_for_a_request() {
        let (addr, _stop, _server) = start(limits(600, 2));
        let idle: Vec<_> = (0..20).map(|_| connect(addr)).collect();
        std::thread::sleep(Duration::from_millis(300));
        let began = std::time::Instant::now();
        let mut real = connect(addr);
        assert!(ask(&mut real, "/", true).starts_with("HTTP/1.1 200"));
        assert!(began.elapsed() < Duration::from_secs(10));
        // The room was made by closing idle ones, not by their timeout.
        let mut closed = 0;
        for mut s in idle {
            s.set_read_timeout(Some(Duration::from_millis(200)))
                .unwrap();
            let mut b = [0u8; 1];
            if matches!(s.read(&mut b), Ok(0)) {
                closed += 1;
            }
        }
        assert!(closed >= 18, "{closed} idle connections closed");
    }

    #[test]
    fn a_client_that_stops_reading_its_answer_is_cut_off() {
        let (addr, _stop, _server) = start(limits(1, 16));
        let mut stalled = connect(addr);
        write!(stalled, "GET /large HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        // Reads nothing for a while: the server's writes stall.
        std::thread::sleep(Duration::from_secs(4));
        let got = read_to_close(&mut stalled);
        assert!(
            got < LARGE,
            "the whole answer was held for a stalled client"
        );
        // A client that reads gets it all.
        let mut reader = connect(addr);
        write!(
            reader,
            "GET /large HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        assert!(read_to_close(&mut reader) > LARGE);
    }

    #[test]
    fn stopping_closes_idle_connections_at_once_and_lets_the_port_go() {
        let (addr, stop, server) = start(limits(600, 16));
        let mut kept = connect(addr);
        assert!(ask(&mut kept, "/", false).starts_with("HTTP/1.1 200"));
        let _idle = connect(addr);
        let asked = std::time::Instant::now();
        stop.send(()).unwrap();
        let ended = server.join().unwrap();
        assert!(
            ended - asked < Duration::from_secs(5),
            "{:?}",
            ended - asked
        );
        assert_eq!(read_to_close(&mut kept), 0);
        std::net::TcpListener::bind(addr).expect("the port is free again");
    }
}
