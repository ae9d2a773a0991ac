//! Packs: what carries a council's work to the LGA (a submission) and the
//! LGA's decisions back (a reply), as one versioned JSON document with a
//! digest that detects a damaged file (`docs/pack-format.md`).
//!
//! This module holds the format: the document ([`Pack`]) and its records
//! ([`EventRecord`]), the canonical bytes the digest is taken over
//! ([`canonical`]), reading a file whole or refusing it whole
//! ([`read::read`]), and the report an import gives ([`report`]). What an
//! import does to the store is `store/pack.rs`.

pub mod practice;
pub mod read;
pub mod report;
pub mod request;
pub mod rules;
pub mod shown;
pub mod work;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::event::{Event, EventContent, EventForm, Status, Visibility};
use crate::time;

/// The `format` member every pack carries.
pub const FORMAT: &str = "cpweek-pack";
/// The newest format version this cpweek writes and reads: 3, which
/// carries practice entries (version 2 added ministerial requests).
/// Versions 1 (events only) and 2 (no practice entries) are still read.
pub const FORMAT_VERSION: u32 = 3;
/// The oldest format version this cpweek reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// Which way a pack goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum PackKind {
    /// A council's word about its own events, for the LGA.
    Submission,
    /// The LGA's decisions and corrections, for the council.
    Reply,
}

impl PackKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PackKind::Submission => "submission",
            PackKind::Reply => "reply",
        }
    }

    /// The side that makes packs of this kind.
    pub fn from_side(self) -> Side {
        match self {
            PackKind::Submission => Side::Council,
            PackKind::Reply => Side::Lga,
        }
    }

    /// The kind of pack `side` makes: a council's submission, the LGA's
    /// reply.
    pub fn made_by(side: Side) -> PackKind {
        match side {
            Side::Council => PackKind::Submission,
            Side::Lga => PackKind::Reply,
        }
    }
}

/// One side of an exchange: the council or the LGA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "PackSide")]
pub enum Side {
    Council,
    Lga,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Council => "council",
            Side::Lga => "lga",
        }
    }

    pub fn parse(text: &str) -> Option<Side> {
        match text.trim().to_ascii_lowercase().as_str() {
            "council" => Some(Side::Council),
            "lga" => Some(Side::Lga),
            _ => None,
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Council => Side::Lga,
            Side::Lga => Side::Council,
        }
    }

    /// For people: "the council's", "the LGA's".
    pub fn possessive(self) -> &'static str {
        match self {
            Side::Council => "the council's",
            Side::Lga => "the LGA's",
        }
    }
}

/// The council a pack speaks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackCouncil {
    /// DfE code, as in the councils' list ("886").
    pub code: String,
    /// Its name, for people reading the file; not used on import.
    pub name: String,
}

/// One pack, as written and read. Its members are in this order in the
/// file; the digest does not depend on the order (see [`canonical`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    pub format: String,
    pub format_version: u32,
    pub kind: PackKind,
    /// The programme's id ("2014").
    pub programme: String,
    pub council: PackCouncil,
    /// When it was made, UTC (`2014-09-02T09:00:00Z`).
    pub made_at: String,
    pub events: Vec<EventRecord>,
    /// Ministerial requests the council asked for (format version 2); in
    /// format version 1 it is always empty, and a reader refuses a
    /// version-1 pack that has any.
    #[serde(default)]
    pub requests: Vec<request::RequestRecord>,
    /// Practice entries the council leads (format version 3); in versions
    /// 1 and 2 it is always empty, and a reader refuses an older pack that
    /// has any.
    #[serde(default)]
    pub practice: Vec<practice::PracticeRecord>,
    /// `sha256:` and 64 lower-case hex digits over [`canonical`] of the
    /// document without this member.
    pub digest: String,
}

/// One event in a pack: every field the council holds, its status and its
/// stamps. A field added to events is added here, in [`EventRecord::of`],
/// [`EventRecord::to_form`] and `docs/pack-format.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackEventRecord")]
pub struct EventRecord {
    /// iCalendar UID: made once by the council's database, never changed.
    pub uid: String,
    pub sequence: u32,
    pub programme: String,
    /// The lead council's DfE code.
    pub council: String,
    /// A joint event's partner councils' DfE codes, in order (none for an
    /// event of one council).
    #[serde(default)]
    pub partner_councils: Vec<String>,
    /// Timed: RFC 3339 local time with its offset
    /// (`2014-10-28T10:00:00+00:00`); all day: the first date.
    pub start: String,
    /// Timed: RFC 3339, exclusive; all day: the last date (inclusive).
    pub end: String,
    pub all_day: bool,
    pub title: String,
    pub description: Option<String>,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// Theme slugs, in order.
    pub themes: Vec<String>,
    /// Audience slugs, in order.
    pub audiences: Vec<String>,
    pub visibility: Visibility,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub booking_url: Option<String>,
    pub capacity: Option<u32>,
    pub status: Status,
    /// The LGA's note when returned, or the reason when cancelled.
    pub status_note: Option<String>,
    /// It has been in the national programme (approved) at some time.
    pub was_approved: bool,
    /// UTC (`2014-09-02T09:00:00Z`).
    pub created_at: String,
    pub updated_at: String,
    /// The digest of this event's content ([`content_digest`]) as the
    /// pack's maker last took it from the other side's pack; none if it
    /// never has. It tells the other side whether its own version was seen.
    pub seen: Option<String>,
}

impl EventRecord {
    /// The record of a stored event; `seen` as the exchange table holds it.
    pub fn of(event: &Event, seen: Option<String>) -> EventRecord {
        let d = &event.details;
        let (start, end) = if event.all_day {
            (event.start_date.to_string(), event.end_date.to_string())
        } else {
            (event.start.to_rfc3339(), event.end.to_rfc3339())
        };
        EventRecord {
            uid: event.uid.clone(),
            sequence: event.sequence,
            programme: event.programme.clone(),
            council: event.council.clone(),
            partner_councils: event.partner_councils.clone(),
            start,
            end,
            all_day: event.all_day,
            title: d.title.clone(),
            description: d.description.clone(),
            venue: d.venue.clone(),
            address: d.address.clone(),
            postcode: d.postcode.clone(),
            themes: d.themes.clone(),
            audiences: d.audiences.clone(),
            visibility: d.visibility,
            contact_name: d.contact_name.clone(),
            contact_email: d.contact_email.clone(),
            contact_phone: d.contact_phone.clone(),
            booking_url: d.booking_url.clone(),
            capacity: d.capacity,
            status: event.status,
            status_note: event.status_note.clone(),
            was_approved: event.was_approved,
            created_at: time::to_store(event.created_at),
            updated_at: time::to_store(event.updated_at),
            seen,
        }
    }

    /// The event form this record fills in: what [`crate::event::validate`]
    /// checks, exactly as for `cpweek event add`.
    pub fn to_form(&self) -> EventForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        EventForm {
            programme: self.programme.clone(),
            council: self.council.clone(),
            partner_councils: self.partner_councils.clone(),
            title: self.title.clone(),
            description: text(&self.description),
            start: self.start.clone(),
            end: self.end.clone(),
            all_day: self.all_day,
            venue: text(&self.venue),
            address: text(&self.address),
            postcode: text(&self.postcode),
            themes: self.themes.clone(),
            audiences: self.audiences.clone(),
            private: self.visibility == Visibility::Private,
            contact_name: text(&self.contact_name),
            contact_email: text(&self.contact_email),
            contact_phone: text(&self.contact_phone),
            booking_url: text(&self.booking_url),
            capacity: self.capacity.map(|c| c.to_string()).unwrap_or_default(),
        }
    }

    /// The record's fields that differ from `other`'s, as JSON values, in
    /// the record's order; its UID, stamps and `seen` are left out.
    pub fn differences(&self, other: &EventRecord) -> Vec<(String, Value, Value)> {
        const NOT_COMPARED: [&str; 5] = ["uid", "sequence", "created_at", "updated_at", "seen"];
        let (a, b) = (as_object(self), as_object(other));
        a.into_iter()
            .zip(b)
            .filter(|((k, old), (_, new))| !NOT_COMPARED.contains(&k.as_str()) && old != new)
            .map(|((k, old), (_, new))| (k, old, new))
            .collect()
    }
}

/// The record's members in order (serde_json's map may sort them, so they
/// are read back in the struct's order by name).
fn as_object(record: &EventRecord) -> Vec<(String, Value)> {
    const ORDER: [&str; 27] = [
        "uid",
        "sequence",
        "programme",
        "council",
        "partner_councils",
        "start",
        "end",
        "all_day",
        "title",
        "description",
        "venue",
        "address",
        "postcode",
        "themes",
        "audiences",
        "visibility",
        "contact_name",
        "contact_email",
        "contact_phone",
        "booking_url",
        "capacity",
        "status",
        "status_note",
        "was_approved",
        "created_at",
        "updated_at",
        "seen",
    ];
    // Serialising our own plain record cannot fail.
    let mut map = match serde_json::to_value(record).expect("JSON of a record") {
        Value::Object(map) => map,
        _ => unreachable!("a record is an object"),
    };
    ORDER
        .iter()
        .map(|k| (k.to_string(), map.remove(*k).unwrap_or(Value::Null)))
        .collect()
}

/// The canonical bytes of a JSON value: no whitespace, object members
/// sorted by their names' UTF-8 bytes, strings escaped as serde_json
/// escapes them (`"` and `\` escaped, control characters as `\n`, `\t`,
/// ... or `\u00XX`; nothing else escaped), numbers as integers. For the
/// documents this format allows (integers only, ASCII member names) this
/// is RFC 8785 (JSON Canonicalization Scheme).
pub fn canonical(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (k, v)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                string(k, out);
                out.push(b':');
                write_canonical(v, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(v, out);
            }
            out.push(b']');
        }
        Value::String(s) => string(s, out),
        // null, booleans and numbers print the same in every form.
        other => out.extend_from_slice(other.to_string().as_bytes()),
    }
}

fn string(s: &str, out: &mut Vec<u8>) {
    // Writing a string into a Vec cannot fail.
    serde_json::to_writer(&mut *out, s).expect("a JSON string");
}

/// SHA-256 of `bytes`, as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in hash {
        use std::fmt::Write;
        // Writing into a String cannot fail.
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// The digest a document must carry: `sha256:` and the hex SHA-256 of the
/// canonical bytes of the document with its `digest` member removed.
pub fn document_digest(document: &Value) -> String {
    let mut without = document.clone();
    if let Value::Object(map) = &mut without {
        map.remove("digest");
    }
    format!("sha256:{}", sha256_hex(&canonical(&without)))
}

/// The digest of an event's content (what the council says about it:
/// programme, council, times and every detail, not its status or stamps),
/// the same whichever database holds it: the hex SHA-256 of the canonical
/// bytes of `{"programme", "council", "start", "end", "all_day", and the
/// details' members}`, the instants in UTC (`2014-10-28T10:00:00Z`).
pub fn content_digest(content: &EventContent) -> String {
    let mut value = serde_json::to_value(&content.details).expect("JSON of plain details");
    if let Value::Object(map) = &mut value {
        map.insert("programme".into(), content.programme_id.clone().into());
        map.insert("council".into(), content.council_code.clone().into());
        map.insert(
            "partner_councils".into(),
            content.partner_councils.clone().into(),
        );
        map.insert("start".into(), time::to_store(content.start).into());
        map.insert("end".into(), time::to_store(content.end).into());
        map.insert("all_day".into(), content.all_day.into());
    }
    sha256_hex(&canonical(&value))
}

/// Writes a pack: its members with `digest` filled in, as pretty-printed
/// JSON (the digest is over the canonical form, so layout does not count).
pub fn write(mut pack: Pack) -> Vec<u8> {
    pack.digest = String::new();
    let value = serde_json::to_value(&pack).expect("JSON of a pack");
    pack.digest = document_digest(&value);
    let mut bytes = serde_json::to_vec_pretty(&pack).expect("JSON of a pack");
    bytes.push(b'\n');
    bytes
}

/// A new pack's head: the format, its version, and `made_at` from `now`.
pub fn new_pack(
    kind: PackKind,
    programme: &str,
    council: PackCouncil,
    now: DateTime<Utc>,
    events: Vec<EventRecord>,
) -> Pack {
    Pack {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        kind,
        programme: programme.into(),
        council,
        made_at: time::to_store(now),
        events,
        requests: Vec::new(),
        practice: Vec::new(),
        digest: String::new(),
    }
}

#[cfg(test)]
mod tests;
