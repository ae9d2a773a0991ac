//! The sample week in the store (`cpweek sample load` and `remove`): put in
//! whole, through the same validation, permission rules and history as the
//! form and the CLI, in one transaction; taken out whole, exactly the rows
//! `sample_rows` names (migration 18) with their history.
//!
//! Either role may load or remove the sample: it is for trying the app.
//! The sample's history names [`sample::WHO`], as a council organiser for
//! what a council does and as an LGA officer for what the LGA does.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;

use super::{attendance, events, history, practice as stored_practice, requests, Store};
use crate::attendance::record::MoveNote;
use crate::attendance::{RequestAction, RequestHistoryAction, RequestStatus};
use crate::error::{Error, Result};
use crate::event::{self, Review, Status};
use crate::permission::{self, Actor, EventAction, PracticeAction, Role};
use crate::practice::{self, ConsentForm, ConsentKind, PracticeStatus, PracticeStep};
use crate::sample::{self, EventEnd};

/// What `sample load` put in or `sample remove` took out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SampleCounts {
    pub events: u32,
    pub requests: u32,
    pub practice_entries: u32,
}

impl SampleCounts {
    pub fn is_empty(&self) -> bool {
        self.events == 0 && self.requests == 0 && self.practice_entries == 0
    }
}

fn actor(role: Role) -> Actor {
    Actor {
        name: Some(sample::WHO.into()),
        role,
    }
}

fn count(conn: &Connection, sql: &str) -> Result<u32> {
    Ok(conn.query_row(sql, params![sample::PROGRAMME], |r| r.get(0))?)
}

/// "3 events, 1 request and no practice entries".
pub fn said(c: &SampleCounts) -> String {
    let one = |n: u32, singular: &str, plural: &str| match n {
        0 => format!("no {plural}"),
        1 => format!("1 {singular}"),
        n => format!("{n} {plural}"),
    };
    format!(
        "{}, {} and {}",
        one(c.events, "event", "events"),
        one(c.requests, "ministerial request", "ministerial requests"),
        one(c.practice_entries, "practice entry", "practice entries")
    )
}

fn in_sample(conn: &Connection) -> Result<SampleCounts> {
    let of = |kind: &str| -> Result<u32> {
        Ok(conn.query_row(
            "SELECT count(*) FROM sample_rows WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )?)
    };
    Ok(SampleCounts {
        events: of("event")?,
        requests: of("request")?,
        practice_entries: of("practice")?,
    })
}

fn not_sample(conn: &Connection) -> Result<SampleCounts> {
    Ok(SampleCounts {
        events: count(
            conn,
            "SELECT count(*) FROM events WHERE programme_id = ?1 AND id NOT IN
             (SELECT row_id FROM sample_rows WHERE kind = 'event')",
        )?,
        requests: count(
            conn,
            "SELECT count(*) FROM requests WHERE programme_id = ?1 AND id NOT IN
             (SELECT row_id FROM sample_rows WHERE kind = 'request')",
        )?,
        practice_entries: count(
            conn,
            "SELECT count(*) FROM practice_entries WHERE programme_id = ?1 AND id NOT IN
             (SELECT row_id FROM sample_rows WHERE kind = 'practice')",
        )?,
    })
}

fn mark(conn: &Connection, kind: &str, id: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO sample_rows (kind, row_id) VALUES (?1, ?2)")?
        .execute(params![kind, id])?;
    Ok(())
}

/// The moves that bring a new draft request to `end`.
fn request_moves(end: RequestStatus) -> &'static [RequestAction] {
    use RequestAction::*;
    match end {
        RequestStatus::Draft => &[],
        RequestStatus::Submitted => &[Submit],
        RequestStatus::Forwarded => &[Submit, Forward],
        RequestStatus::Accepted => &[Submit, Forward, Accept],
        RequestStatus::Declined => &[Submit, Forward, Decline],
        RequestStatus::Withdrawn => &[Submit, Withdraw],
        RequestStatus::Held => &[Submit, Forward, Accept, Held],
    }
}

/// The steps that bring a new draft entry to `end`.
fn practice_steps(end: PracticeStatus, note: Option<&str>) -> Vec<PracticeStep> {
    let consent = ConsentForm {
        checked_by: sample::CONSENT_BY.into(),
        kind: Some(ConsentKind::IdentifiedNone),
    };
    match end {
        PracticeStatus::Draft => vec![],
        PracticeStatus::Submitted => vec![PracticeStep::Submit],
        PracticeStatus::Returned => vec![
            PracticeStep::Submit,
            PracticeStep::Return {
                note: note.unwrap_or("Sample note").to_string(),
            },
        ],
        PracticeStatus::Approved => vec![PracticeStep::Submit, PracticeStep::Approve],
        PracticeStatus::Published => vec![
            PracticeStep::Submit,
            PracticeStep::Approve,
            PracticeStep::Publish { consent },
        ],
    }
}

impl Store {
    /// How much of the sample week is in the database.
    pub fn sample_counts(&self) -> Result<SampleCounts> {
        in_sample(&self.conn)
    }

    /// Fills an empty 2014 programme with the sample week, in one
    /// transaction, through the same validation as the form and the CLI.
    /// Refused, naming what is there, when the sample is loaded already or
    /// the programme holds events, requests or practice entries of its own.
    pub fn load_sample(&mut self, now: DateTime<Utc>) -> Result<SampleCounts> {
        let catalogue = self.catalogue()?;
        let regions = self.regions()?;
        let week = sample::week();
        self.write(|tx| {
            let loaded = in_sample(tx)?;
            if !loaded.is_empty() {
                return Err(Error::Conflict(format!(
                    "the sample is loaded already ({}); `cpweek sample remove` takes it out",
                    said(&loaded)
                )));
            }
            let there = not_sample(tx)?;
            if !there.is_empty() {
                return Err(Error::Conflict(format!(
                    "the {} programme already holds {} that are not the sample's; the sample goes only into an empty programme, so nothing was loaded",
                    sample::PROGRAMME,
                    said(&there)
                )));
            }
            let council = actor(Role::CouncilOrganiser);
            let lga = actor(Role::LgaOfficer);
            let mut event_ids = Vec::with_capacity(week.events.len());
            for (n, e) in week.events.iter().enumerate() {
                let at = |field: String| format!("sample event {}: {field}", n + 1);
                let checked = event::validate(&e.form, &catalogue).map_err(|errors| {
                    Error::Conflict(at(errors
                        .iter()
                        .map(|f| f.message.clone())
                        .collect::<Vec<_>>()
                        .join("; ")))
                })?;
                permission::check(council.role, EventAction::Add)?;
                let uid = format!("sample-{:03}@sample.cpweek.local.gov.uk", n + 1);
                let id = events::insert(tx, &uid, &checked.content, Status::Submitted, now)?;
                history::record(
                    tx,
                    &council,
                    &history::Change {
                        event_id: id,
                        action: history::HistoryAction::Added,
                        from: None,
                        to: Status::Submitted,
                        note: None,
                    },
                    now,
                )?;
                let review = match &e.end {
                    EventEnd::Submitted => None,
                    EventEnd::Approved => Some(Review::Approve),
                    EventEnd::Returned { note } => Some(Review::Return { note: note.clone() }),
                    EventEnd::Cancelled { reason } => Some(Review::Cancel {
                        reason: reason.clone(),
                    }),
                };
                if let Some(review) = review {
                    permission::check(lga.role, EventAction::of(&review))?;
                    let to = event::next_status(Status::Submitted, &review)
                        .map_err(|m| Error::Conflict(at(m)))?;
                    let note = match &review {
                        Review::Approve => None,
                        Review::Return { note } => Some(note.as_str()),
                        Review::Cancel { reason } => Some(reason.as_str()),
                    };
                    events::set_status(tx, id, to, note, 1, now)?;
                    history::record(
                        tx,
                        &lga,
                        &history::Change {
                            event_id: id,
                            action: history::HistoryAction::of(&review),
                            from: Some(Status::Submitted),
                            to,
                            note,
                        },
                        now,
                    )?;
                }
                mark(tx, "event", id)?;
                event_ids.push(id);
            }
            for r in &week.requests {
                let person: i64 = tx
                    .query_row(
                        "SELECT id FROM people WHERE seed_key = ?1",
                        [r.person],
                        |row| row.get(0),
                    )
                    .map_err(|_| {
                        Error::Conflict(format!(
                            "the sample asks {}, who is not among the people; run `cpweek init` first",
                            r.person
                        ))
                    })?;
                let asker = if r.by_council { &council } else { &lga };
                let mut form = r.form.clone();
                form.event = event_ids[r.event].to_string();
                form.person = person.to_string();
                let new = attendance::checked_request(tx, &catalogue, &regions, asker, &form)?;
                let id = requests::insert(tx, &new, now)?;
                requests::record(
                    tx,
                    asker,
                    &requests::Change {
                        request_id: id,
                        action: RequestHistoryAction::Drafted,
                        from: None,
                        to: RequestStatus::Draft,
                        note: None,
                        override_reason: None,
                    },
                    now,
                )?;
                for &action in request_moves(r.end) {
                    let by = match action {
                        RequestAction::Submit | RequestAction::Withdraw => asker,
                        _ => &lga,
                    };
                    attendance::move_in(
                        tx,
                        &catalogue.programmes,
                        by,
                        id,
                        action,
                        &MoveNote::default(),
                        now,
                    )?;
                }
                mark(tx, "request", id)?;
            }
            for (n, p) in week.practice.iter().enumerate() {
                permission::check_practice_role(council.role, PracticeAction::Add)?;
                let content = practice::validate(&p.form, &catalogue, &[]).map_err(|errors| {
                    Error::Conflict(format!(
                        "sample practice entry {}: {}",
                        n + 1,
                        errors
                            .iter()
                            .map(|f| f.message.clone())
                            .collect::<Vec<_>>()
                            .join("; ")
                    ))
                })?;
                let uid = format!("sample-practice-{:02}@sample.cpweek.local.gov.uk", n + 1);
                let id = stored_practice::insert(tx, &uid, &content, now)?;
                stored_practice::record(
                    tx,
                    &council,
                    id,
                    stored_practice::PracticeHistoryAction::Added,
                    None,
                    PracticeStatus::Draft,
                    None,
                    now,
                )?;
                for step in practice_steps(p.end, p.note.as_deref()) {
                    let by = match step {
                        PracticeStep::Submit => &council,
                        _ => &lga,
                    };
                    stored_practice::step_in(
                        tx,
                        by,
                        Some(content.council_code.as_str()),
                        id,
                        &step,
                        now,
                    )?;
                }
                mark(tx, "practice", id)?;
            }
            in_sample(tx)
        })
    }

    /// Takes out exactly the sample (its events, requests and practice
    /// entries, with their history and links), in one transaction; what
    /// was added after loading stays. Refused, naming them, when requests
    /// that are not the sample's are for the sample's events.
    pub fn remove_sample(&mut self) -> Result<SampleCounts> {
        self.write(|tx| {
            let counts = in_sample(tx)?;
            let mut stmt = tx.prepare(
                "SELECT id, event_id FROM requests
                 WHERE event_id IN (SELECT row_id FROM sample_rows WHERE kind = 'event')
                   AND id NOT IN (SELECT row_id FROM sample_rows WHERE kind = 'request')
                 ORDER BY id",
            )?;
            let held: Vec<(i64, i64)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            drop(stmt);
            if !held.is_empty() {
                let named: Vec<String> = held
                    .iter()
                    .map(|(r, e)| format!("request {r} (for sample event {e})"))
                    .collect();
                return Err(Error::Conflict(format!(
                    "{} not the sample's but for the sample's events: {}; withdraw or remove them first, so that nothing of yours goes with the sample; nothing was removed",
                    if held.len() == 1 { "a request is" } else { "requests are" },
                    named.join(", ")
                )));
            }
            tx.execute_batch(
                "DELETE FROM practice_entries
                   WHERE id IN (SELECT row_id FROM sample_rows WHERE kind = 'practice');
                 DELETE FROM requests
                   WHERE id IN (SELECT row_id FROM sample_rows WHERE kind = 'request');
                 DELETE FROM events
                   WHERE id IN (SELECT row_id FROM sample_rows WHERE kind = 'event');
                 DELETE FROM sample_rows;",
            )?;
            Ok(counts)
        })
    }
}

#[cfg(test)]
#[path = "sample_tests.rs"]
mod tests;
