//! The `people` table: who may be asked to attend. Rules live in
//! [`crate::attendance::person`]; this module only stores.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::attendance::person::{self, Person, PersonFields, PersonKind};
use crate::error::{Error, Result};

use super::events::conversion;

const COLUMNS: &str = "id, name, title, organisation, kind, office, base_name, base_postcode,
     changeover_minutes, notes, source";

fn read(r: &Row) -> rusqlite::Result<Person> {
    let kind: String = r.get(4)?;
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        title: r.get(2)?,
        organisation: r.get(3)?,
        kind: PersonKind::ALL
            .into_iter()
            .find(|k| k.as_str() == kind)
            .ok_or_else(|| conversion(4, format!("unknown kind of person {kind}")))?,
        office: r.get(5)?,
        home_label: person::home_label(
            r.get_ref(6)?.as_str_or_null()?,
            r.get_ref(7)?.as_str_or_null()?,
        ),
        base_name: r.get(6)?,
        base_postcode: r.get(7)?,
        changeover_minutes: r.get(8)?,
        notes: r.get(9)?,
        source: r.get(10)?,
    })
}

/// Everyone, the seeded first (the minister at the top), then by name.
pub(crate) fn list(conn: &Connection, kind: Option<PersonKind>) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM people WHERE ?1 IS NULL OR kind = ?1
         ORDER BY seed_key IS NULL, id"
    ))?;
    let rows = stmt.query_map([kind.map(PersonKind::as_str)], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Person> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "person",
            id: id.to_string(),
        })
}

pub(crate) fn insert(conn: &Connection, p: &PersonFields) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO people (name, title, organisation, kind, office, base_name, base_postcode,
                             changeover_minutes, notes, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        p.name,
        p.title,
        p.organisation,
        p.kind.as_str(),
        p.office,
        p.base_name,
        p.base_postcode,
        p.changeover_minutes,
        p.notes,
        p.source
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update(conn: &Connection, id: i64, p: &PersonFields) -> Result<()> {
    conn.prepare_cached(
        "UPDATE people SET name = ?2, title = ?3, organisation = ?4, kind = ?5, office = ?6,
             base_name = ?7, base_postcode = ?8, changeover_minutes = ?9, notes = ?10, source = ?11
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        p.name,
        p.title,
        p.organisation,
        p.kind.as_str(),
        p.office,
        p.base_name,
        p.base_postcode,
        p.changeover_minutes,
        p.notes,
        p.source
    ])?;
    Ok(())
}
