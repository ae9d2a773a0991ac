//! Where the feed server listens, and the address partners reach it at: one
//! rule for `cpweek serve` and the desktop's Feeds screen, so both refuse the
//! same input with the same message.
//!
//! - A port is a number from 1024 to 65535 (lower ones need root).
//! - An address is `IP:PORT` (`[::1]:8080` for IPv6) or just a port, which
//!   means this computer only (loopback); loopback is the default.
//! - The public URL, the address partners use (when the server is published
//!   behind a proxy, say), is an `http://` or `https://` address with a host
//!   and nothing after its path. Links are built from it, never from the
//!   `Host` a client sends.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use crate::error::{Error, Result};

/// The port used when none is given.
pub const DEFAULT_PORT: u16 = 8080;

/// The address used when none is given: this computer only.
pub const DEFAULT_ADDRESS: &str = "127.0.0.1:8080";

/// The lowest port the server may use: lower ones need root.
pub const LOWEST_PORT: u16 = 1024;

/// A port as typed: a number from 1024 to 65535.
pub fn port(typed: &str) -> Result<u16> {
    let digits = typed.trim();
    let number = digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse::<u16>().ok())
        .flatten();
    match number {
        Some(p) if p >= LOWEST_PORT => Ok(p),
        _ => Err(Error::invalid(
            "port",
            format!(
                "the port must be a number from {LOWEST_PORT} to 65535, like {DEFAULT_PORT} (not {})",
                shown(typed)
            ),
        )),
    }
}

/// Why the server could not listen at `addr`, in words that say what to
/// do: a port in use names the port; an address that is not this
/// computer's names the address.
pub fn bind_error(addr: SocketAddr, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => Error::invalid(
            "port",
            format!(
                "port {} is in use by another program; choose another port",
                addr.port()
            ),
        ),
        std::io::ErrorKind::AddrNotAvailable => Error::invalid(
            "addr",
            format!(
                "{} is not an address of this computer; use 127.0.0.1 for this computer only",
                addr.ip()
            ),
        ),
        _ => Error::Io {
            context: format!("serving feeds on {addr}"),
            source: e,
        },
    }
}

/// An address as typed: `IP:PORT`, or a port alone for this computer only.
/// The port follows [`port`]'s rule, with its message.
pub fn address(typed: &str) -> Result<SocketAddr> {
    let text = typed.trim();
    // No `:` and not an IP: a port alone, held to the port's rule and
    // message (the window's Feeds screen takes a port alone).
    if !text.contains(':') && text.parse::<IpAddr>().is_err() {
        return Ok(SocketAddr::new(
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            port(text)?,
        ));
    }
    let (ip, typed_port) = text
        .rsplit_once(':')
        .and_then(|(ip, p)| {
            // IPv6 in brackets, as in URLs: `[::1]:8080`.
            let ip = match ip.strip_prefix('[') {
                Some(v6) => IpAddr::V6(v6.strip_suffix(']')?.parse().ok()?),
                None => IpAddr::V4(ip.parse().ok()?),
            };
            Some((ip, p))
        })
        .ok_or_else(|| {
            Error::invalid(
                "addr",
                format!(
                    "the address must be IP:PORT, like {DEFAULT_ADDRESS}, or a port alone for this computer only (not {})",
                    shown(typed)
                ),
            )
        })?;
    Ok(SocketAddr::new(ip, port(typed_port)?))
}

/// What was typed, quoted for a message: trimmed, in quotation marks, as
/// [`crate::text::quoted`] shows user text in every message.
fn shown(typed: &str) -> String {
    format!("\"{}\"", crate::text::quoted(typed.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port_message(typed: &str) -> String {
        let err = port(typed).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "port", "{typed:?}");
        err.to_string()
    }

    #[test]
    fn a_port_is_a_number_from_1024_to_65535() {
        assert_eq!(port(" 8080 ").unwrap(), 8080);
        assert_eq!(port("1024").unwrap(), 1024);
        assert_eq!(port("65535").unwrap(), 65535);
        for bad in [
            "", "80", "0", "1023", "65536", "eighty", "8080.5", "-1", "+8080",
        ] {
            let message = port_message(bad);
            assert!(message.contains("from 1024 to 65535"), "{bad}: {message}");
            assert!(
                message.contains(&format!("\"{}\"", bad.trim())),
                "{message}"
            );
        }
    }

    #[test]
    fn an_address_is_ip_and_port_or_a_port_alone_for_loopback() {
        assert_eq!(
            address("8080").unwrap(),
            "127.0.0.1:8080".parse::<SocketAddr>().unwrap()
        );
        assert!(address(DEFAULT_ADDRESS).unwrap().ip().is_loopback());
        assert_eq!(address("0.0.0.0:9000").unwrap().port(), 9000);
        assert_eq!(
            address("[::1]:8443").unwrap(),
            "[::1]:8443".parse::<SocketAddr>().unwrap()
        );
        // The port's rule and message are the port's, however it was typed.
        for (addr, alone) in [
            ("127.0.0.1:80", "80"),
            ("80", "80"),
            ("[::1]:0", "0"),
            ("", ""),
            ("eighty", "eighty"),
        ] {
            let err = address(addr).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "port");
            assert_eq!(
                err.to_string().replace(addr, alone),
                port_message(alone),
                "{addr}"
            );
        }
        for bad in [
            "localhost:8080",
            "127.0.0.1",
            "1.2.3:8080",
            "::1:8080",
            "[::1]",
            "[::1:8080",
        ] {
            let err = address(bad).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "addr", "{bad}");
            assert!(err.to_string().contains("IP:PORT"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_port_in_use_is_named_in_the_message() {
        let taken = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let addr = taken.local_addr().unwrap();
        let e = std::net::TcpListener::bind(addr).unwrap_err();
        let err = bind_error(addr, e);
        assert_eq!(err.field_errors()[0].field, "port");
        assert_eq!(
            err.to_string(),
            format!(
                "port {} is in use by another program; choose another port",
                addr.port()
            )
        );
    }

    #[test]
    fn typed_text_is_shown_escaped_and_short() {
        let message = port_message("80\r\n\u{1b}[31m");
        assert!(!message.chars().any(char::is_control), "{message:?}");
        assert!(message.contains(r#""80\r\n\u{1b}[31m""#), "{message}");
        let long = "9".repeat(500);
        assert!(port_message(&long).len() < 200);
    }
}
