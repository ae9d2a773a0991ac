//! `cpweek serve`: the real binary on a free loopback port, fetched with a
//! minimal HTTP/1.1 client over a TCP socket.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::Db;
use cpweek_core::publish::listen;

/// The server process, stopped when the test ends.
struct Server {
    child: Child,
    addr: String,
    /// Kept open: the server may print more.
    _stdout: BufReader<ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Stops the server and returns what it logged.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut log = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut log);
        }
        log
    }
}

fn start(db: &Db) -> Server {
    start_with(db, &[], None)
}

/// `cpweek serve` with `args` on a free port; with `files`, under that
/// limit on open files (`ulimit -n`).
fn start_with(db: &Db, args: &[&str], files: Option<u32>) -> Server {
    // A port nothing listens on now; if another test takes it first, the
    // server says so and another is tried.
    for _ in 0..10 {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut command = match files {
            Some(n) => {
                let mut c = Command::new("sh");
                c.args(["-c", &format!("ulimit -n {n} && exec \"$0\" \"$@\"")])
                    .arg(env!("CARGO_BIN_EXE_cpweek"));
                c
            }
            None => Command::new(env!("CARGO_BIN_EXE_cpweek")),
        };
        let mut child = command
            .arg("--db")
            .arg(&db.path)
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        if line.is_empty() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            let _ = child.wait();
            assert!(err.contains("in use"), "cpweek serve failed: {err}");
            continue;
        }
        // "Serving feeds on http://127.0.0.1:PORT/ ..."
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        assert_eq!(addr, format!("127.0.0.1:{port}"));
        return Server {
            child,
            addr,
            _stdout: stdout,
        };
    }
    panic!("no free port found");
}

/// Runs `cpweek serve` that must refuse to start, within `limit`.
fn refused(db: &Db, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cpweek"))
        .arg("--db")
        .arg(&db.path)
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let limit = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "cpweek serve {args:?} started instead of refusing: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

struct Reply {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
}

fn get(server: &Server, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut request = format!("GET {path} HTTP/1.1\r\nConnection: close\r\n");
    if !extra.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        request.push_str(&format!("Host: {}\r\n", server.addr));
    }
    for (k, v) in extra {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse(raw)
}

fn parse(raw: Vec<u8>) -> Reply {
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no answer: {text:?}"));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect::<HashMap<_, _>>();
    let body = if headers
        .get("transfer-encoding")
        .is_some_and(|t| t == "chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n").unwrap();
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
}

#[test]
fn feeds_answer_with_etag_304_and_live_changes_and_never_private_events() {
    let db = Db::new();
    let public = db.json(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Kent open day",
        "--start",
        "2014-10-28T10:00",
        "--end",
        "2014-10-28T12:00",
        "--json",
    ]);
    let private = db.json(&[
        "event",
        "add",
        "--council",
        "886",
        "--title",
        "Kent children in care council",
        "--start",
        "2014-10-29T10:00",
        "--end",
        "2014-10-29T12:00",
        "--private",
        "--json",
    ]);
    db.ok(&["settings", "set", "--role", "lga-officer"]);
    db.ok(&["event", "approve", &private["id"].to_string()]);
    let server = start(&db);

    let first = get(&server, "/feeds/council/886.ics", &[]);
    assert_eq!(first.status, 200);
    assert_eq!(
        first.headers["content-type"],
        "text/calendar; charset=utf-8"
    );
    let etag = first.headers["etag"].clone();
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
    let last_modified = first.headers["last-modified"].clone();
    assert!(last_modified.ends_with(" GMT"), "{last_modified}");
    assert!(first.body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(first.body.contains("SUMMARY:Kent open day"));
    assert!(
        !first.body.contains("children in care council"),
        "a private event in a partner feed"
    );
    // The same body again has the same ETag; a client that has it gets 304.
    assert_eq!(
        get(&server, "/feeds/council/886.ics", &[]).headers["etag"],
        etag
    );
    let not_modified = get(
        &server,
        "/feeds/council/886.ics",
        &[("If-None-Match", &etag)],
    );
    assert_eq!(not_modified.status, 304);
    assert!(not_modified.body.is_empty());
    assert_eq!(
        get(
            &server,
            "/feeds/council/886.ics",
            &[("If-Modified-Since", &last_modified)]
        )
        .status,
        304
    );
    assert_eq!(
        get(
            &server,
            "/feeds/council/886.ics",
            &[("If-None-Match", "\"stale\"")]
        )
        .status,
        200
    );

    // National: nothing approved and public yet; then a change shows at once.
    let national = get(&server, "/feeds/national.ics", &[]);
    assert!(!national.body.contains("Kent open day"));
    assert!(!national.body.contains("children in care council"));
    db.ok(&["event", "approve", &public["id"].to_string()]);
    let after = get(
        &server,
        "/feeds/national.ics",
        &[("If-None-Match", &national.headers["etag"])],
    );
    assert_eq!(after.status, 200, "a change must show on the next request");
    assert!(after.body.contains("SUMMARY:Kent open day"));
    assert!(after.body.contains("STATUS:CONFIRMED"));
    assert!(!after.body.contains("children in care council"));

    for path in ["/feeds/region/south-east.ics", "/feeds/theme/education.ics"] {
        let r = get(&server, path, &[]);
        assert_eq!(r.status, 200, "{path}");
        assert!(!r.body.contains("children in care council"), "{path}");
    }
    assert!(get(&server, "/feeds/region/south-east.ics", &[])
        .body
        .contains("Kent open day"));
    assert_eq!(get(&server, "/feeds/council/999.ics", &[]).status, 404);
    let odd = get(
        &server,
        "/feeds/region/x%0d%0aSet-Cookie:%20a=b%1b[31m.ics",
        &[],
    );
    assert_eq!(odd.status, 404);
    assert!(
        !odd.body.trim_end().contains(['\r', '\n', '\u{1b}']),
        "{:?}",
        odd.body
    );
    assert!(!odd.headers.contains_key("set-cookie"));
    assert_eq!(get(&server, "/feeds/region/atlantis.ics", &[]).status, 404);

    let index = get(&server, "/", &[]);
    assert_eq!(index.status, 200);
    assert!(index.headers["content-type"].starts_with("text/html"));
    assert!(index
        .body
        .contains(&format!("webcal://{}/feeds/national.ics", server.addr)));
    assert!(index
        .body
        .contains(&format!("http://{}/feeds/council/886.ics", server.addr)));
    assert!(index.body.contains("Google Calendar"));
}

#[test]
fn index_escapes_what_comes_from_data() {
    let db = Db::new();
    let server = start(&db);
    // A Host header with markup is not echoed into the page.
    let index = get(&server, "/", &[]);
    assert!(index.body.contains("Yorkshire and The Humber"));
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: <script>x</script>\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(!raw.contains("<script>"), "{raw}");
}

#[test]
fn a_bad_address_port_or_public_url_is_refused_with_the_cores_message() {
    let db = Db::new();
    // A port alone is what the window's Feeds screen takes: the CLI refuses
    // it in the window's words (commands/feeds.rs holds the window to the
    // same core rule).
    for bad in ["80", "0", "1023", "65536", "eighty", "-1"] {
        let out = refused(&db, &[&format!("--addr={bad}")]);
        assert!(!out.status.success(), "{bad}");
        let expected = listen::port(bad).unwrap_err().to_string();
        assert!(expected.contains("from 1024 to 65535"), "{expected}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("error: {expected}\n"),
            "{bad}"
        );
    }
    for bad in [
        "127.0.0.1:80",
        "127.0.0.1:0",
        "[::1]:443",
        "localhost:8080",
        "127.0.0.1",
    ] {
        let out = refused(&db, &["--addr", bad]);
        assert!(!out.status.success(), "{bad}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("error: {}\n", listen::address(bad).unwrap_err()),
            "{bad}"
        );
    }
    for bad in [
        "feeds.example.org",
        "ftp://example.org/",
        "https://example.org/?x=1",
    ] {
        let out = refused(&db, &["--public-url", bad]);
        assert!(!out.status.success(), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: the public address "), "{stderr}");
        assert_eq!(
            stderr,
            format!(
                "error: {}\n",
                cpweek_core::publish::BaseUrl::parse(bad).unwrap_err()
            )
        );
    }
    // A port in use is named.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = refused(&db, &["--addr", &format!("127.0.0.1:{port}")]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("error: port {port} is in use by another program; choose another port\n")
    );
}

#[test]
fn the_index_links_use_the_public_url_whatever_host_says() {
    let db = Db::new();
    let server = start_with(
        &db,
        &["--public-url", "https://feeds.example.org/cpweek/"],
        None,
    );
    let index = get(&server, "/", &[("Host", "attacker.example")]);
    assert_eq!(index.status, 200);
    assert!(index
        .body
        .contains("<a href=\"webcal://feeds.example.org/cpweek/feeds/national.ics\">"));
    assert!(index
        .body
        .contains("<a href=\"https://feeds.example.org/cpweek/feeds/council/886.ics\">"));
    assert!(
        !index.body.contains("attacker"),
        "links follow the Host header"
    );
    assert!(!index.body.contains(&server.addr));
    drop(server);

    // By default, the address the server listens on.
    let server = start(&db);
    let index = get(&server, "/", &[("Host", "attacker.example:8080")]);
    assert!(index.body.contains(&format!(
        "<a href=\"webcal://{}/feeds/region/south-east.ics\">",
        server.addr
    )));
    assert!(
        !index.body.contains("attacker"),
        "links follow the Host header"
    );
}

#[test]
fn every_answer_says_nosniff() {
    let db = Db::new();
    let server = start(&db);
    let feed = get(&server, "/feeds/national.ics", &[]);
    let etag = feed.headers["etag"].clone();
    for reply in [
        feed,
        get(&server, "/feeds/national.ics", &[("If-None-Match", &etag)]),
        get(&server, "/", &[]),
        get(&server, "/feeds/council/999.ics", &[]),
        get(&server, "/nothing-here", &[]),
    ] {
        assert_eq!(
            reply
                .headers
                .get("x-content-type-options")
                .map(String::as_str),
            Some("nosniff"),
            "{} answer",
            reply.status
        );
    }
}

#[test]
fn a_broken_database_is_a_plain_500_and_the_detail_is_logged() {
    let db = Db::new();
    let server = start(&db);
    assert_eq!(get(&server, "/feeds/national.ics", &[]).status, 200);
    let folder = db.dir.path().to_string_lossy().into_owned();
    // Another program writes over the database.
    std::fs::write(&db.path, b"this is not a cpweek database, nor SQLite's").unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.path.display()));
    }
    for path in ["/feeds/national.ics", "/feeds/council/886.ics", "/"] {
        let reply = get(&server, path, &[]);
        assert_eq!(reply.status, 500, "{path}");
        assert_eq!(
            reply.body, "the feed could not be made; the server's log has the details\n",
            "{path}"
        );
        assert_eq!(reply.headers["content-type"], "text/plain; charset=utf-8");
    }
    // Gone altogether: still no path in the answer.
    std::fs::remove_file(&db.path).unwrap();
    let reply = get(&server, "/feeds/national.ics", &[]);
    assert_eq!(reply.status, 500);
    assert!(!reply.body.contains(&folder), "{}", reply.body);
    assert!(!reply.body.contains("cpweek.db"), "{}", reply.body);
    let log = server.stop();
    assert!(log.contains("/feeds/national.ics"), "{log}");
    assert!(log.contains(&folder), "the log names the database: {log}");
}

/// Opens a connection that sends nothing.
fn idle(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// How long until the server closes `stream` (reading nothing from it).
fn closed_after(mut stream: TcpStream) -> Duration {
    let began = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return began.elapsed(),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return began.elapsed(),
            Err(e) => panic!("the server did not close an idle connection: {e}"),
        }
    }
}

#[test]
fn many_idle_connections_do_not_keep_a_real_request_out() {
    let db = Db::new();
    // Under a limit of 64 open files, as on a small server: without a
    // connection limit, idle sockets use up the files and nothing more is
    // accepted. The idle timeout is long, so it is not what frees room.
    let server = start_with(&db, &["--idle-timeout", "600"], Some(64));
    let idle: Vec<TcpStream> = (0..150).map(|_| idle(&server)).collect();
    std::thread::sleep(Duration::from_millis(500));
    let began = Instant::now();
    let reply = get(&server, "/feeds/national.ics", &[]);
    assert_eq!(reply.status, 200);
    assert!(reply.body.starts_with("BEGIN:VCALENDAR"));
    assert!(
        began.elapsed() < Duration::from_secs(15),
        "{:?}",
        began.elapsed()
    );
    // And again, with the idle ones still open.
    assert_eq!(get(&server, "/", &[]).status, 200);
    drop(idle);
}

#[test]
fn an_idle_connection_is_closed_after_the_timeout() {
    let db = Db::new();
    let server = start_with(&db, &["--idle-timeout", "1"], None);
    // Sends nothing at all.
    let waited = closed_after(idle(&server));
    assert!(
        waited >= Duration::from_millis(800) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
    // Asks once, keeps the connection open and asks nothing more.
    let mut kept = idle(&server);
    kept.write_all(
        format!(
            "GET /feeds/national.ics HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.addr
        )
        .as_bytes(),
    )
    .unwrap();
    let waited = closed_after(kept);
    assert!(waited < Duration::from_secs(10), "{waited:?}");
    // Sends its request's head a byte at a time, too slowly.
    let mut slow = idle(&server);
    let began = Instant::now();
    for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".iter().cycle() {
        if slow.write_all(&[*byte]).is_err() || began.elapsed() > Duration::from_secs(10) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        began.elapsed() < Duration::from_secs(10),
        "a slow head is never cut off"
    );
}

#[test]
fn a_private_events_edit_leaves_last_modified_but_one_leaving_the_feed_moves_it() {
    let db = Db::new();
    let add = |title: &str, day: &str, private: bool| {
        let mut args = vec![
            "event",
            "add",
            "--council",
            "886",
            "--title",
            title,
            "--start",
            day,
            "--end",
            "2014-10-31T12:00",
            "--json",
        ];
        if private {
            args.push("--private");
        }
        db.json(&args)["id"].to_string()
    };
    let open_day = add("Kent open day", "2014-10-28T10:00", false);
    let private = add("Kent children in care council", "2014-10-29T10:00", true);
    let server = start(&db);
    let paths = ["/feeds/council/886.ics", "/feeds/region/south-east.ics"];
    let before: Vec<Reply> = paths.iter().map(|p| get(&server, p, &[])).collect();

    // HTTP dates count whole seconds: let the clock pass one.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    db.ok(&["event", "edit", &private, "--title", "Kent care council"]);
    for (path, old) in paths.iter().zip(&before) {
        let now = get(&server, path, &[]);
        assert_eq!(now.headers["etag"], old.headers["etag"], "{path}");
        assert_eq!(
            now.headers["last-modified"], old.headers["last-modified"],
            "{path}: a private event's edit moved Last-Modified"
        );
        let since = get(
            &server,
            path,
            &[("If-Modified-Since", &old.headers["last-modified"])],
        );
        assert_eq!(since.status, 304, "{path}");
    }

    // Made private, the open day leaves the feeds: clients must fetch again.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    db.ok(&["event", "edit", &open_day, "--private"]);
    for (path, old) in paths.iter().zip(&before) {
        let now = get(
            &server,
            path,
            &[("If-Modified-Since", &old.headers["last-modified"])],
        );
        assert_eq!(now.status, 200, "{path}: an event left the feed unseen");
        assert_ne!(
            now.headers["last-modified"], old.headers["last-modified"],
            "{path}"
        );
        assert!(!now.body.contains("Kent open day"), "{path}");
    }
}

#[test]
fn a_joint_event_is_served_in_each_partners_feed_and_leaves_it_when_the_partner_is_removed() {
    let db = Db::new();
    let joint = db.json(&[
        "event",
        "add",
        "--council",
        "318",
        "--partner-council",
        "314",
        "--title",
        "Richmond and Kingston care leavers' fair",
        "--start",
        "2014-10-29T10:00",
        "--end",
        "2014-10-29T15:00",
        "--json",
    ]);
    let server = start(&db);
    let kingston = get(&server, "/feeds/council/314.ics", &[]);
    assert_eq!(kingston.status, 200);
    assert!(
        kingston
            .body
            .contains("SUMMARY:Richmond and Kingston care leavers' fair"),
        "{}",
        kingston.body
    );
    assert!(kingston
        .body
        .contains("DESCRIPTION:A joint event with Kingston upon Thames."));
    let surrey = get(&server, "/feeds/council/936.ics", &[]);
    assert!(!surrey.body.contains("BEGIN:VEVENT"));

    // A change by the CLI reaches the running server.
    db.ok(&[
        "event",
        "edit",
        &joint["id"].to_string(),
        "--no-partner-councils",
    ]);
    let after = get(&server, "/feeds/council/314.ics", &[]);
    assert!(!after.body.contains("BEGIN:VEVENT"), "{}", after.body);
    assert_ne!(after.headers["etag"], kingston.headers["etag"]);
}
