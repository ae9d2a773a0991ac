//! Reading a pack file: whole, or refused whole with a message that says
//! which check it failed (not a pack, a newer or unknown format version,
//! damaged, or not in the expected form), naming the line or member.

use serde_json::Value;

use super::{document_digest, Pack, FORMAT, FORMAT_VERSION, OLDEST_FORMAT_VERSION};
use crate::error::{Error, Result};

/// Reads and checks a pack: JSON, the format and its version, the digest,
/// then every member's type. The programme and council are checked
/// against the database by the import.
pub fn read(bytes: &[u8]) -> Result<Pack> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        damaged(
            "file",
            format!(
                "it is not readable JSON (line {}, column {}: {})",
                e.line(),
                e.column(),
                plain(&e)
            ),
        )
    })?;
    let Value::Object(map) = &value else {
        return Err(not_a_pack("the file is JSON but not an object"));
    };
    match map.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(not_a_pack(&format!(
                "its format is {:?}, not {FORMAT:?}",
                crate::text::quoted(f)
            )))
        }
        _ => {
            return Err(not_a_pack(&format!(
                "it has no \"format\": {FORMAT:?} member"
            )))
        }
    }
    let version = match map.get("format_version") {
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    match version {
        Some(v) if (u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION)).contains(&v) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(Error::invalid(
                "format_version",
                format!(
                    "the pack was made by a newer cpweek (format version {v}; this cpweek reads up to version {FORMAT_VERSION}); nothing was imported: use a newer cpweek, or ask for a pack in version {FORMAT_VERSION}"
                ),
            ))
        }
        _ => {
            return Err(Error::invalid(
                "format_version",
                format!(
                    "the pack's format version {} is not one cpweek knows (it reads versions {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}); nothing was imported",
                    map.get("format_version")
                        .map_or("(missing)".to_string(), |v| crate::text::quoted(&v.to_string()))
                ),
            ))
        }
    }
    let Some(Value::String(given)) = map.get("digest") else {
        return Err(damaged(
            "digest",
            "it has no \"digest\" member, so it cannot be checked".into(),
        ));
    };
    let expected = document_digest(&value);
    if *given != expected {
        return Err(damaged(
            "digest",
            format!(
            "its digest does not match its contents (the file says {}, its contents make {expected}): it was changed or cut short after it was made",
            crate::text::quoted(given)
        ),
        ));
    }
    if version == Some(1) {
        let has_requests = match map.get("requests") {
            None | Some(Value::Null) => false,
            Some(Value::Array(items)) => !items.is_empty(),
            Some(_) => true,
        };
        if has_requests {
            return Err(Error::invalid(
                "requests",
                "the pack says format version 1, whose \"requests\" is always empty, but it holds requests: it was edited by hand or made by something other than cpweek; nothing was imported",
            ));
        }
    }
    if version.is_some_and(|v| v < 3) {
        let has_practice = match map.get("practice") {
            None | Some(Value::Null) => false,
            Some(Value::Array(items)) => !items.is_empty(),
            Some(_) => true,
        };
        if has_practice {
            return Err(Error::invalid(
                "practice",
                format!(
                    "the pack says format version {}, which carries no practice entries, but it holds some: it was edited by hand or made by something other than cpweek; nothing was imported",
                    version.unwrap_or_default()
                ),
            ));
        }
    }
    let pack: Pack = serde_json::from_slice(bytes).map_err(|e| {
        Error::invalid(
            "file",
            format!(
                "the pack is not in the expected form at line {}, column {}: {}; nothing was imported",
                e.line(),
                e.column(),
                plain(&e)
            ),
        )
    })?;
    Ok(pack)
}

/// serde_json's message without its own " at line L column C" tail (the
/// message names them once).
fn plain(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn damaged(field: &'static str, why: String) -> Error {
    Error::invalid(
        field,
        format!("the pack is damaged: {why}; nothing was imported"),
    )
}

fn not_a_pack(why: &str) -> Error {
    Error::invalid(
        "format",
        format!("the file is not a cpweek pack ({why}); nothing was imported"),
    )
}

/// The largest pack read: far above 152 councils' events (a pack of 2,000
/// events is about 3 MB).
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// A pack file's bytes, for [`crate::Store::import_pack`]; a file too big
/// to be a pack is refused before it is read.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        context: format!("reading {}", path.display()),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_BYTES {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is {len} bytes, more than a pack can be ({MAX_BYTES} bytes); nothing was imported",
                path.display()
            ),
        ));
    }
    std::fs::read(path).map_err(io)
}
