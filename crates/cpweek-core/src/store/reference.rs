//! Reading reference data: regions, councils, later names, themes,
//! audiences, programmes with their conferences, the minister.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use crate::catalogue::Catalogue;
use crate::council::{Council, Region, Successor};
use crate::error::{Error, FieldError, Result};
use crate::programme::{Conference, Programme, Term};
use crate::text;

pub(crate) fn regions(conn: &Connection) -> Result<Vec<Region>> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM regions ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(Region {
            code: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn councils(conn: &Connection) -> Result<Vec<Council>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.code, c.gss_code, c.name, c.display_name, r.name, r.code
         FROM councils c JOIN regions r ON r.code = c.region_code
         ORDER BY c.display_name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Council {
            code: r.get(0)?,
            gss_code: r.get(1)?,
            name: r.get(2)?,
            display_name: r.get(3)?,
            region: r.get(4)?,
            region_code: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn successors(conn: &Connection) -> Result<Vec<Successor>> {
    let mut stmt = conn.prepare_cached("SELECT name, advice FROM council_successors")?;
    let rows = stmt.query_map([], |r| {
        Ok(Successor {
            name: r.get(0)?,
            advice: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `table` is one of our own table names, never user input.
pub(crate) fn terms(conn: &Connection, table: &'static str) -> Result<Vec<Term>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT slug, name FROM {table} ORDER BY position"))?;
    let rows = stmt.query_map([], |r| {
        Ok(Term {
            slug: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

pub(crate) fn conferences(conn: &Connection) -> Result<Vec<Conference>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, short_name, starts_on, ends_on, venue, confirmed
         FROM conferences ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Conference {
            id: r.get(0)?,
            name: r.get(1)?,
            short_name: r.get(2)?,
            starts_on: date(r, 3)?,
            ends_on: date(r, 4)?,
            venue: r.get(5)?,
            confirmed: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn programmes(conn: &Connection) -> Result<Vec<Programme>> {
    let conferences = conferences(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, starts_on, ends_on, time_zone, is_current, conference_id
         FROM programmes ORDER BY starts_on",
    )?;
    let rows = stmt.query_map([], |r| {
        let zone: String = r.get(4)?;
        let time_zone = zone.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                4,
                rusqlite::types::Type::Text,
                format!("unknown time zone {zone:?}").into(),
            )
        })?;
        let conference_id: Option<String> = r.get(6)?;
        Ok(Programme {
            id: r.get(0)?,
            name: r.get(1)?,
            starts_on: date(r, 2)?.expect("NOT NULL column"),
            ends_on: date(r, 3)?.expect("NOT NULL column"),
            time_zone,
            is_current: r.get(5)?,
            conference: conference_id
                .and_then(|id| conferences.iter().find(|c| c.id == id).cloned()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn catalogue(conn: &Connection) -> Result<Catalogue> {
    Ok(Catalogue {
        councils: councils(conn)?,
        successors: successors(conn)?,
        themes: terms(conn, "themes")?,
        audiences: terms(conn, "audiences")?,
        programmes: programmes(conn)?,
    })
}

/// New values for a conference; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConferenceChange {
    pub name: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// Empty text clears the venue.
    pub venue: Option<String>,
    pub confirmed: Option<bool>,
}

pub(crate) fn update_conference(
    conn: &Connection,
    id: &str,
    change: &ConferenceChange,
) -> Result<Conference> {
    let find = |conn: &Connection| -> Result<Conference> {
        conferences(conn)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::NotFound {
                what: "conference",
                id: id.to_string(),
            })
    };
    let current = find(conn)?;
    let mut errors = Vec::new();
    let mut read_date = |field: &'static str,
                         label: &str,
                         given: &Option<String>,
                         old: Option<NaiveDate>| match given {
        None => old,
        Some(t) if t.trim().is_empty() => None,
        Some(t) => match crate::time::parse_date(t) {
            Ok(d) => match text::check_year(field, label, d) {
                Ok(()) => Some(d),
                Err(e) => {
                    errors.push(e);
                    old
                }
            },
            Err(m) => {
                errors.push(FieldError::new(field, format!("{label} {m}")));
                old
            }
        },
    };
    let starts_on = read_date(
        "start_date",
        "start date",
        &change.starts_on,
        current.starts_on,
    );
    let ends_on = read_date("end_date", "end date", &change.ends_on, current.ends_on);
    if let (Some(s), Some(e)) = (starts_on, ends_on) {
        if e < s {
            errors.push(FieldError::new(
                "end_date",
                format!("end date {e} is before start date {s}"),
            ));
        }
    }
    let name = match &change.name {
        None => None,
        Some(n) => text::CONFERENCE_NAME
            .required(n)
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let venue = match &change.venue {
        None => current.venue.clone(),
        Some(v) => text::CONFERENCE_VENUE.optional(v).unwrap_or_else(|e| {
            errors.push(e);
            None
        }),
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    conn.execute(
        "UPDATE conferences SET name = COALESCE(?2, name), starts_on = ?3, ends_on = ?4,
             venue = ?5, confirmed = COALESCE(?6, confirmed) WHERE id = ?1",
        params![
            id,
            name,
            starts_on.map(|d| d.to_string()),
            ends_on.map(|d| d.to_string()),
            venue,
            change.confirmed
        ],
    )?;
    find(conn)
}
