//! The `events` table and its theme and audience links: rows in and out.
//! Rules live in [`crate::event`]; this module only stores.

use chrono::{DateTime, Duration, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::event::{Event, EventContent, Status, Visibility};
use crate::programme::Programme;
use crate::time;

const SELECT: &str = "
    SELECT e.id, e.uid, e.sequence, e.programme_id, e.council_code, c.display_name, r.name,
           e.title, e.description, e.starts_at, e.ends_at, e.all_day, e.venue, e.address,
           e.postcode, e.visibility, e.contact_name, e.contact_email, e.contact_phone,
           e.booking_url, e.capacity, e.status, e.status_note, e.created_at, e.updated_at,
           (SELECT group_concat(theme_slug, ' ') FROM
               (SELECT theme_slug FROM event_themes WHERE event_id = e.id ORDER BY position)),
           (SELECT group_concat(audience_slug, ' ') FROM
               (SELECT audience_slug FROM event_audiences WHERE event_id = e.id ORDER BY position)),
           e.approved_once
    FROM events e
    JOIN councils c ON c.code = e.council_code
    JOIN regions r ON r.code = c.region_code";

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
    let (start, end) = (instant(row, 9)?, instant(row, 10)?);
    let placement = programme.place(start, end);
    let visibility: String = row.get(15)?;
    let status: String = row.get(21)?;
    let capacity: Option<i64> = row.get(20)?;
    Ok(Event {
        id: row.get(0)?,
        uid: row.get(1)?,
        sequence: row.get(2)?,
        programme: programme_id.clone(),
        council: row.get(4)?,
        council_name: row.get(5)?,
        region: row.get(6)?,
        title: row.get(7)?,
        description: row.get(8)?,
        start: time::with_offset(start, tz),
        end: time::with_offset(end, tz),
        all_day: row.get(11)?,
        start_date: start.with_timezone(&tz).date_naive(),
        end_date: (end - Duration::seconds(1))
            .with_timezone(&tz)
            .date_naive()
            .max(start.with_timezone(&tz).date_naive()),
        venue: row.get(12)?,
        address: row.get(13)?,
        postcode: row.get(14)?,
        themes: words(row, 25)?,
        audiences: words(row, 26)?,
        visibility: Visibility::parse(&visibility)
            .ok_or_else(|| conversion(15, format!("unknown visibility {visibility}")))?,
        contact_name: row.get(16)?,
        contact_email: row.get(17)?,
        contact_phone: row.get(18)?,
        booking_url: row.get(19)?,
        capacity: capacity.map(|c| c as u32),
        status: Status::parse(&status)
            .ok_or_else(|| conversion(21, format!("unknown status {status}")))?,
        status_note: row.get(22)?,
        was_approved: row.get(27)?,
        in_week: placement.in_week,
        conference_day: placement.conference_day,
        created_at: instant(row, 23)?,
        updated_at: instant(row, 24)?,
    })
}

pub(crate) fn get(conn: &Connection, programmes: &[Programme], id: i64) -> Result<Event> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE e.id = ?1"))?;
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
        bind("e.council_code = ?N", c.clone());
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
    let sql = format!("{SELECT}{clause} ORDER BY e.starts_at, e.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values.iter()), |r| read(r, programmes))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The columns an event's content is stored in, in the order
/// [`content_values`] gives their values.
const CONTENT_COLUMNS: [&str; 17] = [
    "programme_id",
    "council_code",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "all_day",
    "venue",
    "address",
    "postcode",
    "visibility",
    "contact_name",
    "contact_email",
    "contact_phone",
    "booking_url",
    "capacity",
    "status",
];

fn content_values(content: &EventContent, status: Status) -> Vec<Value> {
    vec![
        content.programme_id.clone().into(),
        content.council_code.clone().into(),
        content.title.clone().into(),
        content.description.clone().into(),
        time::to_store(content.start).into(),
        time::to_store(content.end).into(),
        content.all_day.into(),
        content.venue.clone().into(),
        content.address.clone().into(),
        content.postcode.clone().into(),
        content.visibility.as_str().to_string().into(),
        content.contact_name.clone().into(),
        content.contact_email.clone().into(),
        content.contact_phone.clone().into(),
        content.booking_url.clone().into(),
        content.capacity.into(),
        status.as_str().to_string().into(),
    ]
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
    extra: Vec<(&str, Value)>,
    content: &EventContent,
    status: Status,
) -> Result<i64> {
    let stamp = time::to_store(now);
    let stamps: Vec<(&str, Value)> = vec![
        ("uid", uid.to_string().into()),
        ("created_at", stamp.clone().into()),
        ("updated_at", stamp.into()),
    ];
    let (mut names, mut values): (Vec<&str>, Vec<Value>) = stamps.into_iter().chain(extra).unzip();
    names.extend(CONTENT_COLUMNS);
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
    let assignments: Vec<String> = CONTENT_COLUMNS
        .iter()
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

fn write_terms(conn: &Connection, id: i64, content: &EventContent) -> Result<()> {
    for (position, slug) in content.themes.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO event_themes (event_id, theme_slug, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, slug, position as i64])?;
    }
    for (position, slug) in content.audiences.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO event_audiences (event_id, audience_slug, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, slug, position as i64])?;
    }
    Ok(())
}
