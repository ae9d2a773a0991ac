//! The names and links of published things, made in one place for the feed
//! server's index page, the desktop's Feeds screen and exports alike.
//!
//! - [`slug`]: the form names take in paths and file names.
//! - [`feed_path`]: `/feeds/national.ics`, `/feeds/region/<slug>.ics`,
//!   `/feeds/council/<code>.ics`, `/feeds/theme/<slug>.ics`.
//! - [`file_name`]: the file a save dialog suggests for a feed.
//! - [`BaseUrl`]: where the feeds are published (from configuration), and
//!   the `webcal://` and `http(s)://` links of each feed under it.

use std::net::SocketAddr;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::ics::feed::Scope;

/// What a published feed's events are chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FeedKind {
    National,
    Region,
    Theme,
    Council,
}

/// One feed published to partners (see [`crate::Store::published_feeds`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedFeed {
    pub kind: FeedKind,
    /// Its name for people: "National programme", "Region: South East".
    pub name: String,
    /// Its scope, as resolved (a council by its code, a theme by its slug).
    pub scope: Scope,
    /// Where it is served: see [`feed_path`].
    pub path: String,
}

impl PublishedFeed {
    /// The feed's subscription and web addresses under `base`.
    pub fn links(&self, base: &BaseUrl) -> FeedLinks {
        base.links(&self.path)
    }
}

/// Lower-case ASCII words joined by hyphens: `South East` → `south-east`.
/// Nothing but letters, digits and hyphens reaches a path or file name.
pub fn slug(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// The path a feed is served at, for a scope as resolved (a region by its
/// name, a council by its DfE code, a theme by its slug).
pub fn feed_path(scope: &Scope) -> String {
    match scope {
        Scope::National => "/feeds/national.ics".to_string(),
        Scope::Region(r) => format!("/feeds/region/{}.ics", slug(r)),
        Scope::Council(c) => format!("/feeds/council/{}.ics", slug(c)),
        Scope::Theme(t) => format!("/feeds/theme/{}.ics", slug(t)),
    }
}

/// The file name a save dialog suggests for a feed of `programme` (its id):
/// `cpweek-2014-national.ics`, `cpweek-2014-region-south-east.ics`.
pub fn file_name(scope: &Scope, programme: &str) -> String {
    let slice = match scope {
        Scope::National => "national".to_string(),
        Scope::Region(r) => format!("region-{}", slug(r)),
        Scope::Council(c) => format!("council-{}", slug(c)),
        Scope::Theme(t) => format!("theme-{}", slug(t)),
    };
    let programme = slug(programme);
    if programme.is_empty() {
        format!("cpweek-{slice}.ics")
    } else {
        format!("cpweek-{programme}-{slice}.ics")
    }
}

/// A feed's two addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLinks {
    /// `webcal://…`: calendars open it as a subscription.
    pub subscribe: String,
    /// `http://…` or `https://…`: the feed itself.
    pub web: String,
}

/// Where published things are found: `http` or `https`, a host (and
/// port), and perhaps a path under which they sit. Taken from
/// configuration, never from a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    https: bool,
    /// `host` or `host:port`, the host in lower case.
    authority: String,
    /// Empty, or a path such as `/cpweek` (no trailing slash).
    prefix: String,
}

/// The longest public address taken.
const BASE_URL_MAX: usize = 1000;

impl std::fmt::Display for BaseUrl {
    /// The address as given, without a trailing slash.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.url(""))
    }
}

impl BaseUrl {
    /// Reads an address such as `https://feeds.example.org.uk` or
    /// `http://127.0.0.1:8080/cpweek/`. Refused (field `public_url`): any
    /// other scheme, a user name, a query or fragment, or a character that
    /// has no place in a host or path.
    pub fn parse(text: &str) -> Result<BaseUrl> {
        let refuse = |why: &str| {
            Error::invalid(
                "public_url",
                format!(
                    "the public address {why}; give an http:// or https:// address such as \
                     https://feeds.example.org.uk"
                ),
            )
        };
        let text = text.trim();
        if text.chars().count() > BASE_URL_MAX {
            return Err(refuse(&format!("is longer than {BASE_URL_MAX} characters")));
        }
        let (scheme, rest) = text
            .split_once("://")
            .ok_or_else(|| refuse("does not start with http:// or https://"))?;
        let https = match scheme.to_ascii_lowercase().as_str() {
            "https" => true,
            "http" => false,
            _ => return Err(refuse("does not start with http:// or https://")),
        };
        let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
        if authority.contains('@') {
            return Err(refuse("must not hold a user name or password"));
        }
        if path.contains(['?', '#']) || authority.contains(['?', '#']) {
            return Err(refuse("must not hold a query (?) or fragment (#)"));
        }
        let (host, port) = split_port(authority).ok_or_else(|| refuse("has no valid host"))?;
        let host_ok = if let Some(ip6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            ip6.parse::<std::net::Ipv6Addr>().is_ok()
        } else {
            !host.is_empty()
                && host.len() <= 253
                && host.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })
        };
        if !host_ok {
            return Err(refuse("has no valid host"));
        }
        let port_ok = port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0));
        if !port_ok {
            return Err(refuse("has a port that is not a number from 1 to 65535"));
        }
        // Unreserved characters, percent escapes and the sub-delimiters a
        // path may hold, but none that HTML or a shell would read.
        let path_ok = path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~%/!$()*+,;=:".contains(c));
        if !path_ok {
            return Err(refuse(
                "has a path with characters not allowed in a web address",
            ));
        }
        let mut authority = host.to_ascii_lowercase();
        if let Some(p) = port {
            authority.push(':');
            authority.push_str(p);
        }
        Ok(BaseUrl {
            https,
            authority,
            prefix: path.trim_end_matches('/').to_string(),
        })
    }

    /// A server on this computer, reached by plain HTTP at `addr`.
    pub fn local(addr: SocketAddr) -> BaseUrl {
        BaseUrl {
            https: false,
            authority: addr.to_string(),
            prefix: String::new(),
        }
    }

    /// The address of the published site's top page, ending in `/`.
    pub fn home(&self) -> String {
        self.url("/")
    }

    /// The `http(s)://` address of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://{}{}{path}", self.authority, self.prefix)
    }

    /// A feed's subscription and web addresses; `path` from [`feed_path`].
    pub fn links(&self, path: &str) -> FeedLinks {
        FeedLinks {
            subscribe: format!("webcal://{}{}{path}", self.authority, self.prefix),
            web: self.url(path),
        }
    }
}

/// `host:port` → (`host`, `port`); an IPv6 host is in brackets.
fn split_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let end = authority.find(']')?;
        let (host, rest) = authority.split_at(end + 1);
        return match rest {
            "" => Some((host, None)),
            _ => rest.strip_prefix(':').map(|p| (host, Some(p))),
        };
    }
    Some(match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_only_letters_digits_and_hyphens() {
        assert_eq!(slug("Yorkshire and The Humber"), "yorkshire-and-the-humber");
        assert_eq!(slug("South East"), "south-east");
        assert_eq!(slug("../Care leavers/"), "care-leavers");
        assert_eq!(slug("<script>"), "script");
    }

    #[test]
    fn each_feed_has_one_path() {
        assert_eq!(feed_path(&Scope::National), "/feeds/national.ics");
        assert_eq!(
            feed_path(&Scope::Region("Yorkshire and The Humber".into())),
            "/feeds/region/yorkshire-and-the-humber.ics"
        );
        assert_eq!(
            feed_path(&Scope::Council("886".into())),
            "/feeds/council/886.ics"
        );
        assert_eq!(
            feed_path(&Scope::Theme("care-leavers".into())),
            "/feeds/theme/care-leavers.ics"
        );
    }

    #[test]
    fn a_feed_file_is_named_after_its_programme_and_slice() {
        assert_eq!(
            file_name(&Scope::National, "2014"),
            "cpweek-2014-national.ics"
        );
        assert_eq!(
            file_name(&Scope::Region("Yorkshire and The Humber".into()), "2014"),
            "cpweek-2014-region-yorkshire-and-the-humber.ics"
        );
        assert_eq!(
            file_name(&Scope::Council("886".into()), "2012"),
            "cpweek-2012-council-886.ics"
        );
        // Nothing from the person's text reaches the name but letters,
        // digits and hyphens.
        assert_eq!(
            file_name(&Scope::Theme("../Care leavers/".into()), ""),
            "cpweek-theme-care-leavers.ics"
        );
    }

    #[test]
    fn links_are_made_from_the_configured_base() {
        let base = BaseUrl::parse(" HTTPS://Feeds.Example.org.uk/cpweek/ ").unwrap();
        assert_eq!(base.home(), "https://feeds.example.org.uk/cpweek/");
        assert_eq!(
            base.links("/feeds/national.ics"),
            FeedLinks {
                subscribe: "webcal://feeds.example.org.uk/cpweek/feeds/national.ics".into(),
                web: "https://feeds.example.org.uk/cpweek/feeds/national.ics".into(),
            }
        );
        let base = BaseUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(base.home(), "http://127.0.0.1:8080/");
        assert_eq!(base, BaseUrl::local("127.0.0.1:8080".parse().unwrap()));
        let v6 = BaseUrl::parse("http://[::1]:8080/").unwrap();
        assert_eq!(v6, BaseUrl::local("[::1]:8080".parse().unwrap()));
        assert_eq!(
            v6.links("/feeds/theme/education.ics").subscribe,
            "webcal://[::1]:8080/feeds/theme/education.ics"
        );
    }

    #[test]
    fn a_base_url_that_is_not_a_plain_web_address_is_refused() {
        for bad in [
            "",
            "feeds.example.org.uk",
            "ftp://feeds.example.org.uk",
            "javascript://x",
            "https://",
            "https://user:secret@feeds.example.org.uk",
            "https://feeds.example.org.uk/?q=1",
            "https://feeds.example.org.uk/#top",
            "https://feeds.example.org.uk:0",
            "https://feeds.example.org.uk:99999",
            "https://feeds.example.org.uk:port",
            "https://feeds..example.org.uk",
            "https://-feeds.example.org.uk",
            "https://<script>/",
            "https://feeds.example.org.uk/\"><script>",
            "https://feeds.example.org.uk/a b",
            "https://feeds.example.org.uk\r\nX-Evil: 1",
            "http://[::1",
            "http://[nonsense]:80",
        ] {
            let err = BaseUrl::parse(bad).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "public_url", "{bad:?}");
            assert!(err.to_string().contains("https://"), "{bad:?}: {err}");
        }
    }
}
