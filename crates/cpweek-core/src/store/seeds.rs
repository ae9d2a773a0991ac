//! Loading `seeds/` into the store, idempotently. Reference data (regions,
//! councils, later names, themes, audiences, the minister) is brought up to
//! date on every `init`; programmes and conferences are inserted only when
//! missing, because once there they are LGA staff's data to edit.

use rusqlite::{params, Transaction};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{Error, Result};

macro_rules! seed {
    ($file:literal) => {
        ($file, include_str!(concat!("../../../../seeds/", $file)))
    };
}

const REGIONS: (&str, &str) = seed!("regions.csv");
const COUNCILS: (&str, &str) = seed!("councils_2014.csv");
const SUCCESSORS: (&str, &str) = seed!("council_successors.csv");
const THEMES: (&str, &str) = seed!("themes.csv");
const AUDIENCES: (&str, &str) = seed!("audiences.csv");
const PEOPLE: (&str, &str) = seed!("people.csv");
const CONFERENCES: (&str, &str) = seed!("conferences.csv");
const PROGRAMMES: (&str, &str) = seed!("programmes.csv");

#[derive(Deserialize)]
struct RegionRow {
    region_code: String,
    region: String,
}

#[derive(Deserialize)]
struct CouncilRow {
    dfe_la_code: String,
    gss_code: String,
    name: String,
    display_name: String,
    region_code: String,
}

#[derive(Deserialize)]
struct SuccessorRow {
    name: String,
    formed: i64,
    advice: String,
}

#[derive(Deserialize)]
struct TermRow {
    slug: String,
    name: String,
}

#[derive(Deserialize)]
struct PersonRow {
    seed_key: String,
    name: String,
    title: String,
    organisation: Option<String>,
    kind: String,
    office: Option<String>,
    base_name: Option<String>,
    base_postcode: Option<String>,
    changeover_minutes: u32,
    notes: Option<String>,
    source: Option<String>,
}

/// A seeded person meets the same rules as one typed in (postcodes in
/// their normal form, lengths, kinds).
fn checked_person(p: PersonRow, line: u64) -> Result<PersonRow> {
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let form = crate::attendance::PersonForm {
        name: p.name.clone(),
        title: p.title.clone(),
        organisation: text(&p.organisation),
        kind: p.kind.clone(),
        office: text(&p.office),
        base_name: text(&p.base_name),
        base_postcode: text(&p.base_postcode),
        changeover_minutes: p.changeover_minutes.to_string(),
        notes: text(&p.notes),
        source: text(&p.source),
    };
    let f = crate::attendance::person::validate(&form).map_err(|errors| Error::Seed {
        file: PEOPLE.0,
        line,
        message: errors
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    })?;
    Ok(PersonRow {
        seed_key: p.seed_key,
        name: f.name,
        title: f.title,
        organisation: f.organisation,
        kind: f.kind.as_str().to_string(),
        office: f.office,
        base_name: f.base_name,
        base_postcode: f.base_postcode,
        changeover_minutes: f.changeover_minutes,
        notes: f.notes,
        source: f.source,
    })
}

#[derive(Deserialize)]
struct ConferenceRow {
    id: String,
    name: String,
    short_name: String,
    starts_on: Option<String>,
    ends_on: Option<String>,
    venue: Option<String>,
    confirmed: i64,
}

#[derive(Deserialize)]
struct ProgrammeRow {
    id: String,
    name: String,
    starts_on: String,
    ends_on: String,
    time_zone: String,
    is_current: i64,
    conference_id: Option<String>,
}

/// What `init` found and left in the store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SeedReport {
    pub regions: usize,
    pub councils: usize,
    pub themes: usize,
    pub audiences: usize,
    pub programmes: usize,
    pub people: usize,
}

fn rows<T: DeserializeOwned>((file, text): (&'static str, &str)) -> Result<Vec<T>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| {
            row.map_err(|e| Error::Seed {
                file,
                line: i as u64 + 2,
                message: e.to_string(),
            })
        })
        .collect()
}

pub(crate) fn load(tx: &Transaction) -> Result<SeedReport> {
    for r in rows::<RegionRow>(REGIONS)? {
        tx.execute(
            "INSERT INTO regions (code, name) VALUES (?1, ?2)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name",
            params![r.region_code, r.region],
        )?;
    }
    for c in rows::<CouncilRow>(COUNCILS)? {
        tx.execute(
            "INSERT INTO councils (code, gss_code, name, display_name, region_code)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (code) DO UPDATE SET gss_code = excluded.gss_code,
                 name = excluded.name, display_name = excluded.display_name,
                 region_code = excluded.region_code",
            params![
                c.dfe_la_code,
                c.gss_code,
                c.name,
                c.display_name,
                c.region_code
            ],
        )?;
    }
    for s in rows::<SuccessorRow>(SUCCESSORS)? {
        tx.execute(
            "INSERT INTO council_successors (name, formed, advice) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET formed = excluded.formed, advice = excluded.advice",
            params![s.name, s.formed, s.advice],
        )?;
    }
    for (table, seed) in [("themes", THEMES), ("audiences", AUDIENCES)] {
        for (position, t) in rows::<TermRow>(seed)?.into_iter().enumerate() {
            tx.execute(
                &format!(
                    "INSERT INTO {table} (slug, name, position) VALUES (?1, ?2, ?3)
                     ON CONFLICT (slug) DO UPDATE SET name = excluded.name, position = excluded.position"
                ),
                params![t.slug, t.name, position as i64],
            )?;
        }
    }
    // People are staff's to edit: a seeded person is added once, and later
    // runs only fill in what is blank (so a database made before the seed
    // gained a field gets it), never overwriting an edit.
    for (line, p) in rows::<PersonRow>(PEOPLE)?.into_iter().enumerate() {
        let p = checked_person(p, line as u64 + 2)?;
        tx.execute(
            "INSERT INTO people (seed_key, name, title, organisation, kind, office, base_name,
                                 base_postcode, changeover_minutes, notes, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (seed_key) DO UPDATE SET
                 organisation = coalesce(people.organisation, excluded.organisation),
                 office = coalesce(people.office, excluded.office),
                 base_name = coalesce(people.base_name, excluded.base_name),
                 base_postcode = coalesce(people.base_postcode, excluded.base_postcode),
                 notes = coalesce(people.notes, excluded.notes),
                 source = coalesce(people.source, excluded.source)",
            params![
                p.seed_key,
                p.name,
                p.title,
                p.organisation,
                p.kind,
                p.office,
                p.base_name,
                p.base_postcode,
                p.changeover_minutes,
                p.notes,
                p.source
            ],
        )?;
    }
    for c in rows::<ConferenceRow>(CONFERENCES)? {
        tx.execute(
            "INSERT OR IGNORE INTO conferences (id, name, short_name, starts_on, ends_on, venue, confirmed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![c.id, c.name, c.short_name, c.starts_on, c.ends_on, c.venue, c.confirmed],
        )?;
    }
    let has_current: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM programmes WHERE is_current = 1)",
        [],
        |row| row.get(0),
    )?;
    for p in rows::<ProgrammeRow>(PROGRAMMES)? {
        let current = p.is_current == 1 && !has_current;
        tx.execute(
            "INSERT OR IGNORE INTO programmes (id, name, starts_on, ends_on, time_zone, is_current, conference_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![p.id, p.name, p.starts_on, p.ends_on, p.time_zone, current, p.conference_id],
        )?;
    }
    let count = |table: &str| -> Result<usize> {
        Ok(
            tx.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })? as usize,
        )
    };
    Ok(SeedReport {
        regions: count("regions")?,
        councils: count("councils")?,
        themes: count("themes")?,
        audiences: count("audiences")?,
        programmes: count("programmes")?,
        people: count("people")?,
    })
}
