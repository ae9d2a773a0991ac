//! Numbered releases of the published programme in the store (table
//! `programme_releases`, migration 14): making one (an LGA officer's, one
//! transaction), listing them, what changed between them, and their Atom
//! feed. A release keeps the published programme it was made from as
//! JSON, so what it publishes never changes afterwards.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{events, reference, settings, Store};
use crate::catalogue::Catalogue;
use crate::error::{Error, FieldError, Result};
use crate::event::Status;
use crate::permission::{self, Role};
use crate::programme::Programme;
use crate::publish::programme::changes;
use crate::publish::programme::release::{Release, ReleaseChanges};
use crate::publish::programme::{self as published, Edition, PublishedProgramme};
use crate::publish::{Audience, BaseUrl, Exposure, Listing};

/// The version of the stored programme's JSON this cpweek writes and reads.
const FORMAT: i64 = 1;

/// A release as stored.
struct Stored {
    release: Release,
    programme: PublishedProgramme,
    /// The UIDs of the events partners' calendars showed as cancelled when
    /// it was made.
    cancelled: BTreeSet<String>,
}

fn broken(what: &str, number: i64, detail: impl std::fmt::Display) -> Error {
    Error::Conflict(format!(
        "release {number} of the programme is damaged in the database ({what}: {detail}); \
         it may have been edited by hand"
    ))
}

/// The release as listed, from its row.
fn release(p: &Programme, row: &rusqlite::Row) -> Result<Release> {
    let number: i64 = row.get("number")?;
    let made_at: String = row.get("made_at")?;
    let made_at = crate::time::from_store(&made_at).map_err(|e| broken("its time", number, e))?;
    let role: String = row.get("made_by_role")?;
    let local = crate::time::with_offset(made_at, p.time_zone);
    Ok(Release {
        programme: p.id.clone(),
        number: u32::try_from(number).map_err(|e| broken("its number", number, e))?,
        note: row.get("note")?,
        made_at: local,
        made_at_label: crate::time::format_when(local.naive_local()),
        made_by: row.get("made_by")?,
        role: Role::parse(&role).ok_or_else(|| broken("its role", number, &role))?,
        events: row.get("events")?,
    })
}

/// `p`'s releases, oldest first: all, or only `number`; with the published
/// programme each keeps only when `frozen` says so.
fn stored(
    conn: &Connection,
    p: &Programme,
    number: Option<u32>,
    frozen: bool,
) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, note, made_at, made_by, made_by_role, events, format,
                CASE WHEN ?3 THEN programme ELSE '' END AS programme,
                CASE WHEN ?3 THEN cancelled ELSE '' END AS cancelled
         FROM programme_releases
         WHERE programme_id = ?1 AND (?2 IS NULL OR number = ?2)
         ORDER BY number",
    )?;
    let mut rows = stmt.query(params![p.id, number, frozen])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let release = release(p, row)?;
        let n = i64::from(release.number);
        let format: i64 = row.get("format")?;
        if format != FORMAT {
            return Err(Error::Conflict(format!(
                "release {n} of the programme was made by a newer cpweek (format {format}); \
                 use that cpweek to read it"
            )));
        }
        let (programme, cancelled) = if frozen {
            let text: String = row.get("programme")?;
            let mut programme: PublishedProgramme =
                serde_json::from_str(&text).map_err(|e| broken("its programme", n, e))?;
            programme.edition = Edition::Release(release.number);
            let text: String = row.get("cancelled")?;
            let cancelled: BTreeSet<String> =
                serde_json::from_str(&text).map_err(|e| broken("its cancelled events", n, e))?;
            (programme, cancelled)
        } else {
            (empty(p, release.number), BTreeSet::new())
        };
        out.push(Stored {
            release,
            programme,
            cancelled,
        });
    }
    Ok(out)
}

/// The programme with no events: what release 1 is compared with.
fn empty(p: &Programme, number: u32) -> PublishedProgramme {
    published::gather(p, Edition::Release(number), &[], &[], &[])
}

/// The live programme from the store, in `edition`, with the UIDs of its
/// events that partners' calendars show as cancelled.
fn live(
    conn: &Connection,
    catalogue: &Catalogue,
    p: &Programme,
    edition: Edition,
) -> Result<(PublishedProgramme, BTreeSet<String>)> {
    let w = events::Where {
        programme_id: Some(p.id.clone()),
        ..Default::default()
    };
    let events = events::list(conn, &catalogue.programmes, &w)?;
    let cancelled = events
        .iter()
        .filter(|e| {
            e.status == Status::Cancelled
                && Audience::Partners.publishes(Listing::National, Exposure::of(e))
        })
        .map(|e| e.uid.clone())
        .collect();
    let programme = published::gather(p, edition, &events, &catalogue.themes, &catalogue.audiences);
    Ok((programme, cancelled))
}

/// Whether two states of the programme publish the same thing (whatever
/// edition each is called).
fn same(a: &PublishedProgramme, b: &PublishedProgramme) -> bool {
    let mut a = a.clone();
    a.edition = b.edition;
    &a == b
}

/// Each release with its changes since the one before.
fn each_with_changes(p: &Programme, stored: Vec<Stored>) -> Vec<ReleaseChanges> {
    let mut out = Vec::with_capacity(stored.len());
    let mut before: Option<Stored> = None;
    for s in stored {
        let changes = match &before {
            Some(b) => changes::diff(&b.programme, &s.programme, &s.cancelled),
            None => changes::diff(&empty(p, s.release.number), &s.programme, &s.cancelled),
        };
        out.push(ReleaseChanges::new(
            s.release.clone(),
            before.as_ref().map(|b| b.release.number),
            changes,
        ));
        before = Some(s);
    }
    out
}

/// A value kept as JSON in a release's row.
fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Io {
        context: "keeping the release".to_string(),
        source: e.into(),
    })
}

impl Store {
    fn release_programme_of(&self, programme: &str) -> Result<(Catalogue, Programme)> {
        let catalogue = self.catalogue()?;
        let p = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?
            .clone();
        Ok((catalogue, p))
    }

    /// Makes the next numbered release of `programme` (empty: the current
    /// one): its approved public events as they stand at `now`, through
    /// the one gate, frozen; with `note`, and who made it from the
    /// settings. Only an LGA officer may. Refused when it would publish
    /// exactly what the latest release does: a release tells schedule apps
    /// and subscribers that something changed, so an empty one would only
    /// make them fetch the same programme again (pretalx refuses the same).
    /// Gives the release and its changes since the one before.
    pub fn make_release(
        &mut self,
        programme: &str,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<ReleaseChanges> {
        let note = match note {
            Some(n) => crate::text::NOTE
                .optional(n)
                .map_err(|e: FieldError| Error::Invalid(vec![e]))?,
            None => None,
        };
        self.write(|tx| {
            let actor = settings::read(tx)?.person();
            permission::check_release(actor.role)?;
            let catalogue = reference::catalogue(tx)?;
            let p = catalogue
                .programme(programme)
                .map_err(|m| Error::invalid("programme", m))?
                .clone();
            let previous = stored(tx, &p, None, true)?.pop();
            let number = previous.as_ref().map_or(1, |s| s.release.number + 1);
            let (frozen, cancelled) = live(tx, &catalogue, &p, Edition::Release(number))?;
            if let Some(prev) = &previous {
                if same(&prev.programme, &frozen) {
                    return Err(Error::Conflict(format!(
                        "nothing has changed since release {} of {}: it already holds exactly \
                         these events, so there is nothing to release",
                        prev.release.number, p.name
                    )));
                }
            }
            tx.execute(
                "INSERT INTO programme_releases
                   (programme_id, number, note, made_at, made_by, made_by_role, events,
                    format, programme, cancelled)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    p.id,
                    number,
                    note,
                    crate::time::to_store(now),
                    actor.who(),
                    actor.role.as_str(),
                    frozen.events.len() as i64,
                    FORMAT,
                    to_json(&frozen)?,
                    to_json(&cancelled)?,
                ],
            )?;
            super::release_pdf::keep_for_release(tx, number, &frozen)?;
            let mut made = stored(tx, &p, Some(number), false)?;
            let release = made
                .pop()
                .ok_or_else(|| broken("just made", i64::from(number), "not found"))?
                .release;
            let since = previous.as_ref().map(|s| s.release.number);
            let old = previous.map_or_else(|| empty(&p, number), |s| s.programme);
            Ok(ReleaseChanges::new(
                release,
                since,
                changes::diff(&old, &frozen, &cancelled),
            ))
        })
    }

    /// `programme`'s releases, oldest first.
    pub fn releases(&self, programme: &str) -> Result<Vec<Release>> {
        let (_, p) = self.release_programme_of(programme)?;
        Ok(stored(&self.conn, &p, None, false)?
            .into_iter()
            .map(|s| s.release)
            .collect())
    }

    /// What `programme` publishes when no edition is named: its latest
    /// release. Refused (field `release`) while none has been made, saying
    /// how to make one or to ask for the live programme.
    pub fn latest_edition(&self, programme: &str) -> Result<Edition> {
        let (_, p) = self.release_programme_of(programme)?;
        let number: Option<i64> = self
            .conn
            .query_row(
                "SELECT MAX(number) FROM programme_releases WHERE programme_id = ?1",
                [&p.id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        match number {
            Some(n) => Ok(Edition::Release(
                u32::try_from(n).map_err(|e| broken("its number", n, e))?,
            )),
            None => Err(Error::invalid(
                "release",
                format!(
                    "no release of {} has been made yet: an LGA officer makes one with \
                     `cpweek programme release`; or add --live to publish the approved \
                     programme as it stands now",
                    p.name
                ),
            )),
        }
    }

    /// Release `number` of `programme` as it was made: the published
    /// programme it froze.
    pub(crate) fn release_programme(
        &self,
        programme: &str,
        number: u32,
    ) -> Result<PublishedProgramme> {
        let (_, p) = self.release_programme_of(programme)?;
        stored(&self.conn, &p, Some(number), true)?
            .pop()
            .map(|s| s.programme)
            .ok_or_else(|| not_made(&p, number))
    }

    /// What changed: without `since`, each release against the one before
    /// (the first against an empty programme), oldest first; with `since`,
    /// the latest release against release `since`. No release yet: none.
    pub fn release_changes(
        &self,
        programme: &str,
        since: Option<u32>,
    ) -> Result<Vec<ReleaseChanges>> {
        let (_, p) = self.release_programme_of(programme)?;
        let mut all = stored(&self.conn, &p, None, true)?;
        let Some(since) = since else {
            return Ok(each_with_changes(&p, all));
        };
        let Some(index) = all.iter().position(|s| s.release.number == since) else {
            return Err(Error::invalid(
                "since",
                match all.last() {
                    Some(last) => format!(
                        "there is no release {since} of {}; its releases are 1 to {}",
                        p.name, last.release.number
                    ),
                    None => format!("no release of {} has been made yet", p.name),
                },
            ));
        };
        let latest = all.pop().expect("a release, since one was found");
        let old = if index == all.len() {
            &latest.programme
        } else {
            &all[index].programme
        };
        Ok(vec![ReleaseChanges::new(
            latest.release,
            Some(since),
            changes::diff(old, &latest.programme, &latest.cancelled),
        )])
    }

    /// The Atom feed of `programme`'s releases and their changes (each
    /// against the one before), the same bytes for the same releases; with
    /// `public_url`, linking to itself and the site.
    pub fn changes_feed(&self, programme: &str, public_url: Option<&str>) -> Result<Vec<u8>> {
        let base = public_url.map(BaseUrl::parse).transpose()?;
        let (_, p) = self.release_programme_of(programme)?;
        let releases = each_with_changes(&p, stored(&self.conn, &p, None, true)?);
        published::feed::atom(&p.id, &p.name, &releases, base.as_ref())
    }
}

fn not_made(p: &Programme, number: u32) -> Error {
    Error::invalid(
        "release",
        format!("there is no release {number} of {}", p.name),
    )
}
