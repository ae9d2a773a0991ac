//! The `events` table and its theme, audience and partner council links:
//! rows in and out.
//! Rules live in [`crate::event`]; this module only stores.

use chrono::{DateTime, Duration, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::event::{Event, EventContent, EventDetails, Status, Visibility};
use crate::programme::Programme;
use crate::time;

/// The columns an event's details are stored in (besides its themes and
/// audiences, in their own tables), in [`EventDetails`]'s field order: the
/// one place the details meet SQL. [`detail_values`] gives their values and
/// [`read_details`] reads them back.
const DETAIL_COLUMNS: [&str; 11] = [
    "title",
    "description",
    "venue",
    "address",
    "postcode",
    "visibility",
    "contact_name",
    "contact_email",
    "contact_phone",
    "booking_url",
    "capacity",
];

fn detail_values(d: &EventDetails) -> [Value; 11] {
    [
        d.title.clone().into(),
        d.description.clone().into(),
        d.venue.clone().into(),
        d.address.clone().into(),
        d.postcode.clone().into(),
        d.visibility.as_str().to_string().into(),
        d.contact_name.clone().into(),
        d.contact_email.clone().into(),
        d.contact_phone.clone().into(),
        d.booking_url.clone().into(),
        d.capacity.into(),
    ]
}

/// Reads the details from `DETAIL_COLUMNS` at `at`, then the themes and
/// audiences (space-separated slugs in position order) at `terms` and
/// `terms + 1`.
fn read_details(row: &Row, at: usize, terms: usize) -> rusqlite::Result<EventDetails> {
    let visibility: String = row.get(at + 5)?;
    let capacity: Option<i64> = row.get(at + 10)?;
    Ok(EventDetails {
        title: row.get(at)?,
        description: row.get(at + 1)?,
        venue: row.get(at + 2)?,
        address: row.get(at + 3)?,
        postcode: row.get(at + 4)?,
        themes: words(row, terms)?,
        audiences: words(row, terms + 1)?,
        visibility: Visibility::parse(&visibility)
            .ok_or_else(|| conversion(at + 5, format!("unknown visibility {visibility}")))?,
        contact_name: row.get(at + 6)?,
        contact_email: row.get(at + 7)?,
        contact_phone: row.get(at + 8)?,
        booking_url: row.get(at + 9)?,
        capacity: capacity.map(|c| c as u32),
    })
}

/// The columns before the details in [`select`], and after them.
const BEFORE_DETAILS: &str = "e.id, e.uid, e.sequence, e.programme_id, e.council_code, \
     c.display_name, r.name, e.starts_at, e.ends_at, e.all_day";
const AFTER_DETAILS: &str = "e.status, e.status_note, e.created_at, e.updated_at, e.approved_once,
    (SELECT group_concat(theme_slug, ' ') FROM
        (SELECT theme_slug FROM event_themes WHERE event_id = e.id ORDER BY position)),
    (SELECT group_concat(audience_slug, ' ') FROM
        (SELECT audience_slug FROM event_audiences WHERE event_id = e.id ORDER BY position)),
    (SELECT group_concat(council_code, ' ') FROM
        (SELECT council_code FROM event_partners WHERE event_id = e.id ORDER BY position)),
    (SELECT group_concat(display_name, char(31)) FROM
        (SELECT pc.display_name FROM event_partners p JOIN councils pc ON pc.code = p.council_code
         WHERE p.event_id = e.id ORDER BY p.position))";
/// Where the details start in a row of [`select`], and where what follows
/// them starts.
const DETAILS_AT: usize = 10;
const AFTER_AT: usize = DETAILS_AT + DETAIL_COLUMNS.len();

/// The query every read of whole events starts with.
fn select() -> &'static str {
    static SELECT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SELECT.get_or_init(|| {
        let details: Vec<String> = DETAIL_COLUMNS.iter().map(|c| format!("e.{c}")).collect();
        format!(
            "SELECT {BEFORE_DETAILS}, {}, {AFTER_DETAILS}
             FROM events e
             JOIN councils c ON c.code = e.council_code
             JOIN regions r ON r.code = c.region_code",
            details.join(", ")
        )
    })
}

pub(crate) fn conversion(idx: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, message.into())
}

pub(crate) fn instant(row: &Row, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text = row.get_ref(idx)?.as_str()?;
    time::from_store(text).map_err(|m| conversion(idx, m))
}

fn words(row: &Row, idx: usize) -> rusqlite::Result<Vec<String>> {
    let text: Option<String> = row.get(idx)?;
    Ok(text
        .map(|t| t.split(' ').map(str::to_string).collect())
        .unwrap_or_default())
}

fn read(row: &Row, programmes: &[Programme]) -> rusqlite::Result<Event> {
    let programme_id: String = row.get(3)?;
    let programme = programmes
        .iter()
        .find(|p| p.id == programme_id)
        .ok_or_else(|| conversion(3, format!("unknown programme {programme_id}")))?;
    let tz = programme.time_zone;
    let (start, end) = (instant(row, 7)?, instant(row, 8)?);
    let placement = programme.place(start, end);
    let status: String = row.get(AFTER_AT)?;
    Ok(Event {
        id: row.get(0)?,
        uid: row.get(1)?,
        sequence: row.get(2)?,
        programme: programme_id.clone(),
        council: row.get(4)?,
        council_name: row.get(5)?,
        region: row.get(6)?,
        partner_councils: words(row, AFTER_AT + 7)?,
        partner_council_names: row
            .get::<_, Option<String>>(AFTER_AT + 8)?
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        start: time::with_offset(start, tz),
        end: time::with_offset(end, tz),
        all_day: row.get(9)?,
        start_date: start.with_timezone(&tz).date_naive(),
        end_date: (end - Duration::seconds(1))
            .with_timezone(&tz)
            .date_naive()
            .max(start.with_timezone(&tz).date_naive()),
        details: read_details(row, DETAILS_AT, AFTER_AT + 5)?,
        status: Status::parse(&status)
            .ok_or_else(|| conversion(AFTER_AT, format!("unknown status {status}")))?,
        status_note: row.get(AFTER_AT + 1)?,
        was_approved: row.get(AFTER_AT + 4)?,
        in_week: placement.in_week,
        conference_day: placement.conference_day,
        created_at: instant(row, AFTER_AT + 2)?,
        updated_at: instant(row, AFTER_AT + 3)?,
    })
}

pub(crate) fn get(conn: &Connection, programmes: &[Programme], id: i64) -> Result<Event> {
    let mut stmt = conn.prepare_cached(&format!("{} WHERE e.id = ?1", select()))?;
    stmt.query_row([id], |r| read(r, programmes))
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "event",
            id: id.to_string(),
        })
}

/// What a feed or a list chooses in SQL: every field narrows the list.
/// (The events list's filters are [`crate::filter::Selection`].)
#[derive(Debug, Clone, Default)]
pub(crate) struct Where {
    pub programme_id: Option<String>,
    pub council_code: Option<String>,
    pub region_code: Option<String>,
    pub theme: Option<String>,
}

/// The WHERE clause (with its leading ` WHERE `, or empty) and the values
/// of its parameters, for a query over `events e JOIN councils c`.
pub(crate) fn where_clause(w: &Where) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut values: Vec<String> = Vec::new();
    // Each clause names its one parameter `?N`, which may appear more than once.
    let mut bind = |clause: &str, value: String| {
        values.push(value);
        clauses.push(clause.replace("?N", &format!("?{}", values.len())));
    };
    if let Some(p) = &w.programme_id {
        bind("e.programme_id = ?N", p.clone());
    }
    if let Some(c) = &w.council_code {
        // The lead council's events and those it runs as a partner.
        bind(
            "(e.council_code = ?N OR EXISTS (SELECT 1 FROM event_partners p \
              WHERE p.event_id = e.id AND p.council_code = ?N))",
            c.clone(),
        );
    }
    if let Some(r) = &w.region_code {
        bind("c.region_code = ?N", r.clone());
    }
    if let Some(t) = &w.theme {
        bind(
            "EXISTS (SELECT 1 FROM event_themes t WHERE t.event_id = e.id AND t.theme_slug = ?N)",
            t.clone(),
        );
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

pub(crate) fn list(conn: &Connection, programmes: &[Programme], w: &Where) -> Result<Vec<Event>> {
    let (clause, values) = where_clause(w);
    let sql = format!("{}{clause} ORDER BY e.starts_at, e.id", select());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values.iter()), |r| read(r, programmes))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The columns an event's content is stored in, in the order
/// [`content_values`] gives their values: its place and time, its details
/// ([`DETAIL_COLUMNS`]) and its status.
fn content_columns() -> impl Iterator<Item = &'static str> {
    [
        "programme_id",
        "council_code",
        "starts_at",
        "ends_at",
        "all_day",
    ]
    .into_iter()
    .chain(DETAIL_COLUMNS)
    .chain(["status"])
}

fn content_values(content: &EventContent, status: Status) -> Vec<Value> {
    let mut values: Vec<Value> = vec![
        content.programme_id.clone().into(),
        content.council_code.clone().into(),
        time::to_store(content.start).into(),
        time::to_store(content.end).into(),
        content.all_day.into(),
    ];
    values.extend(detail_values(&content.details));
    values.push(status.as_str().to_string().into());
    values
}

/// Inserts a new event with SEQUENCE 0; returns its id.
pub(crate) fn insert(
    conn: &Connection,
    uid: &str,
    content: &EventContent,
    status: Status,
    now: DateTime<Utc>,
) -> Result<i64> {
    insert_row(conn, uid, now, Vec::new(), content, status)
}

/// Inserts one row of `events`: its UID and stamps, the `extra` columns and
/// the content's, and the content's themes and audiences; returns its id.
fn insert_row(
    conn: &Connection,
    uid: &str,
    now: DateTime<Utc>,
    extra: Vec<(&'static str, Value)>,
    content: &EventContent,
    status: Status,
) -> Result<i64> {
    let stamp = time::to_store(now);
    let stamps: Vec<(&'static str, Value)> = vec![
        ("uid", uid.to_string().into()),
        ("created_at", stamp.clone().into()),
        ("updated_at", stamp.into()),
    ];
    let (mut names, mut values): (Vec<&str>, Vec<Value>) = stamps.into_iter().chain(extra).unzip();
    names.extend(content_columns());
    values.extend(content_values(content, status));
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO events ({}) VALUES ({})",
        names.join(", "),
        placeholders.join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    let id = conn.last_insert_rowid();
    write_terms(conn, id, content)?;
    super::feeds::note_change(conn, id, None, now)?;
    Ok(id)
}

/// What an imported event's source calendar said of it.
pub(crate) struct Source<'a> {
    pub sequence: u32,
    pub modified: Option<String>,
    pub series_id: Option<i64>,
    pub status_note: Option<&'a str>,
}

/// Inserts an event read from a calendar, keeping its SEQUENCE and source
/// stamps, in one statement; returns its id.
pub(crate) fn insert_imported(
    conn: &Connection,
    uid: &str,
    content: &EventContent,
    status: Status,
    source: &Source,
    now: DateTime<Utc>,
) -> Result<i64> {
    insert_row(
        conn,
        uid,
        now,
        vec![
            ("sequence", source.sequence.into()),
            ("source_sequence", source.sequence.into()),
            ("source_modified", source.modified.clone().into()),
            ("series_id", source.series_id.into()),
            ("status_note", source.status_note.map(str::to_string).into()),
        ],
        content,
        status,
    )
}

/// Replaces an event's content, status and SEQUENCE.
pub(crate) fn update(
    conn: &Connection,
    id: i64,
    content: &EventContent,
    status: Status,
    sequence: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let before = super::feeds::stored(conn, id)?;
    let mut values: Vec<Value> = vec![id.into(), sequence.into(), time::to_store(now).into()];
    values.extend(content_values(content, status));
    let assignments: Vec<String> = content_columns()
        .enumerate()
        .map(|(i, column)| format!("{column} = ?{}", i + 4))
        .collect();
    let sql = format!(
        "UPDATE events SET sequence = ?2, updated_at = ?3, {} WHERE id = ?1",
        assignments.join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    conn.prepare_cached("DELETE FROM event_themes WHERE event_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM event_audiences WHERE event_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM event_partners WHERE event_id = ?1")?
        .execute([id])?;
    write_terms(conn, id, content)?;
    super::feeds::note_change(conn, id, Some(&before), now)
}

pub(crate) fn set_status(
    conn: &Connection,
    id: i64,
    status: Status,
    note: Option<&str>,
    sequence: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let before = super::feeds::stored(conn, id)?;
    conn.prepare_cached(
        "UPDATE events SET status = ?2, status_note = ?3, sequence = ?4, updated_at = ?5,
             approved_once = approved_once OR ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        status.as_str(),
        note,
        sequence,
        time::to_store(now),
        status == Status::Approved
    ])?;
    super::feeds::note_change(conn, id, Some(&before), now)
}

/// The councils that run any of `council`'s events as its partners.
pub(crate) fn partners_of(conn: &Connection, council: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT p.council_code FROM event_partners p
         JOIN events e ON e.id = p.event_id WHERE e.council_code = ?1",
    )?;
    let rows = stmt.query_map([council], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn write_terms(conn: &Connection, id: i64, content: &EventContent) -> Result<()> {
    for (position, slug) in content.details.themes.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO event_themes (event_id, theme_slug, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, slug, position as i64])?;
    }
    for (position, slug) in content.details.audiences.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO event_audiences (event_id, audience_slug, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, slug, position as i64])?;
    }
    for (position, code) in content.partner_councils.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO event_partners (event_id, council_code, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, code, position as i64])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The details' one mapping to SQL covers every field of
    /// [`EventDetails`] (but the themes and audiences, which have their own
    /// tables), each in a real column: a field added to the struct and not
    /// to the mapping fails here.
    #[test]
    fn every_detail_has_its_column() {
        let now = Utc::now();
        let store = crate::Store::open_in_memory(now).unwrap();
        let fields = serde_json::to_value(EventDetails::default()).unwrap();
        let mut fields: Vec<String> = fields
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "themes" && *k != "audiences")
            .cloned()
            .collect();
        fields.sort();
        let mut columns: Vec<String> = DETAIL_COLUMNS.iter().map(|c| c.to_string()).collect();
        columns.sort();
        assert_eq!(fields, columns);
        let mut stmt = store
            .conn
            .prepare("SELECT name FROM pragma_table_info('events')")
            .unwrap();
        let stored: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for c in DETAIL_COLUMNS {
            assert!(stored.iter().any(|s| s == c), "events has no column {c}");
        }
    }
}
