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
const MINISTERS: (&str, &str) = seed!("ministers.csv");
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
struct MinisterRow {
    id: String,
    name: String,
    role: String,
    department: String,
    constituency: String,
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
    for m in rows::<MinisterRow>(MINISTERS)? {
        tx.execute(
            "INSERT INTO ministers (id, name, role, department, constituency) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
                 department = excluded.department, constituency = excluded.constituency",
            params![m.id, m.name, m.role, m.department, m.constituency],
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
    })
}
