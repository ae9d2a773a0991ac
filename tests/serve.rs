//! `cpweek serve`: the real binary on a free loopback port, fetched with a
//! minimal HTTP/1.1 client over a TCP socket.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use common::Db;

/// The server process, stopped when the test ends.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &Db) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cpweek"))
        .arg("--db")
        .arg(&db.path)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "Serving feeds on http://127.0.0.1:PORT/ ..."
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr }
}

struct Reply {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
}

fn get(server: &Server, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let mut request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        server.addr
    );
    for (k, v) in extra {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
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
    assert_eq!(get(&server, "/feeds/region/atlantis.ics", &[]).status, 404);

    let index = get(&server, "/", &[]);
    assert_eq!(index.status, 200);
    assert!(index.headers["content-type"].starts_with("text/html"));
    assert!(index
        .body
        .contains(&format!("webcal://{}/feeds/national.ics", server.addr)));
    assert!(index
        .body
        .contains(&format!("https://{}/feeds/council/886.ics", server.addr)));
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
