//! The LGA's review from the store: the review queue (derived from each
//! event's history by [`crate::review::awaiting`]) and approving or
//! returning a selection of events at once, in one transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::history::{self, HistoryAction};
use super::{attendance, events, settings, Saved, Store};
use crate::error::{Error, Result};
use crate::event::{Event, Review, Status};
use crate::filter::EventFilter;
use crate::pack::EventRecord;
use crate::permission::{self, EventAction, Role};
use crate::programme::Programme;
use crate::review::{self, Awaiting, Decision};
use crate::time;

/// Which part of the queue to list; every field given narrows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct QueueFilter {
    /// Programme id; empty for the current programme.
    pub programme: String,
    /// A council (code or name): the events it runs, as lead or partner.
    pub council: Option<String>,
    /// A region (name or E12 code), by the lead council's region.
    pub region: Option<String>,
}

/// An event in the LGA's review queue, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Queued {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub council: String,
    pub council_name: String,
    pub partner_council_names: Vec<String>,
    /// The partners for people, after the lead council's name: `with
    /// Kingston upon Thames and Kent` ([`crate::event::with_councils`]);
    /// none for an event of one council.
    pub partners: Option<String>,
    pub region: String,
    pub status: Status,
    /// When it happens, for people.
    pub when: String,
    pub awaiting: Awaiting,
    /// Why, for people: "Changed since approved" ([`Awaiting::label`]).
    pub awaiting_label: String,
    /// The decisions the person in the settings may make on it now
    /// (approve, return: [`crate::review::actions`] by their role); none
    /// for a council organiser.
    pub decisions: Vec<EventAction>,
    /// The council's last change (add, edit or import): who made it, for
    /// people: the person, or "from Kent's pack, imported by Lee"
    /// ([`crate::review::changed_by`])...
    pub changed_by: Option<String>,
    /// ...when, in the programme's zone with its offset (RFC 3339)...
    pub changed_at: Option<String>,
    /// ...and when, for people: `Tuesday 2 September 2014, 9am`.
    pub changed_when: Option<String>,
    /// For an event the LGA has decided on before (resubmitted, or changed
    /// since approved): the fields that differ from the event as it stood
    /// at the LGA's last decision, by the names packs give them
    /// ([`crate::review::changed_fields`]); none for a new event, or when
    /// the history does not hold the event as it was then (a decision
    /// made before cpweek kept it).
    pub changed_fields: Option<Vec<String>>,
    /// The same for people: "Changed: venue and end"
    /// ([`crate::review::changed_fields_shown`]).
    pub changed_fields_shown: Option<String>,
}

/// One history entry as the queue reads it.
struct Step {
    action: HistoryAction,
    role: Role,
    who: String,
    at: DateTime<Utc>,
    /// The history row (its `record` is read only when needed).
    row: i64,
}

/// The history of every event of `programme`, oldest first, by event.
fn steps(conn: &Connection, programme: &str) -> Result<HashMap<i64, Vec<Step>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.event_id, h.action, h.role, h.who, h.at, h.id FROM event_history h
         JOIN events e ON e.id = h.event_id WHERE e.programme_id = ?1
         ORDER BY h.event_id, h.id",
    )?;
    let mut rows = stmt.query([programme])?;
    let mut out: HashMap<i64, Vec<Step>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let action: String = row.get(1)?;
        let role: String = row.get(2)?;
        out.entry(row.get(0)?).or_default().push(Step {
            action: HistoryAction::parse(&action)
                .ok_or_else(|| events::conversion(1, format!("unknown action {action}")))?,
            role: Role::parse(&role)
                .ok_or_else(|| events::conversion(2, format!("unknown role {role}")))?,
            who: row.get(3)?,
            at: events::instant(row, 4)?,
            row: row.get(5)?,
        });
    }
    Ok(out)
}

/// The fields that differ from `event` as it stood at the LGA's last
/// decision in `steps`; none when there is none, or its row keeps no
/// record (made before migration 21).
fn changed_since_decision(
    conn: &Connection,
    event: &Event,
    steps: &[Step],
) -> Result<Option<Vec<String>>> {
    let Some(decided) = steps.iter().rev().find(|s| s.action.is_lga_decision()) else {
        return Ok(None);
    };
    let record: Option<String> = conn
        .prepare_cached("SELECT record FROM event_history WHERE id = ?1")?
        .query_row([decided.row], |r| r.get(0))?;
    let then: Option<EventRecord> = record.and_then(|r| serde_json::from_str(&r).ok());
    Ok(then.map(|then| review::changed_fields(&then, &EventRecord::of(event, None))))
}

fn awaiting_of(event: &Event, steps: &[Step]) -> Option<Awaiting> {
    let pairs: Vec<(HistoryAction, Role)> = steps.iter().map(|s| (s.action, s.role)).collect();
    review::awaiting(event.status, &pairs)
}

/// Whether event `event` awaits review now, from its history.
pub(super) fn awaiting_now(conn: &Connection, event: &Event) -> Result<Option<Awaiting>> {
    let mut stmt = conn
        .prepare_cached("SELECT action, role FROM event_history WHERE event_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([event.id], |r| {
        let action: String = r.get(0)?;
        let role: String = r.get(1)?;
        Ok((
            HistoryAction::parse(&action)
                .ok_or_else(|| events::conversion(0, format!("unknown action {action}")))?,
            Role::parse(&role)
                .ok_or_else(|| events::conversion(1, format!("unknown role {role}")))?,
        ))
    })?;
    let pairs: Vec<(HistoryAction, Role)> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(review::awaiting(event.status, &pairs))
}

impl Store {
    /// The LGA's review queue: every event of the programme awaiting its
    /// review ([`crate::review`]), in start order, narrowed by `filter`.
    pub fn review_queue(&self, filter: &QueueFilter) -> Result<Vec<Queued>> {
        let events = self.events(&EventFilter {
            programme: filter.programme.clone(),
            council: filter.council.clone(),
            region: filter.region.clone(),
            ..EventFilter::default()
        })?;
        let Some(first) = events.first() else {
            return Ok(Vec::new());
        };
        let programmes = self.programmes()?;
        let tz = crate::programme::find(&programmes, &first.programme)
            .map(|p: &Programme| p.time_zone)
            .unwrap_or(time::LONDON);
        let history = steps(&self.conn, &first.programme)?;
        let role = self.settings()?.role;
        let none: Vec<Step> = Vec::new();
        let mut queue = Vec::new();
        for e in events {
            let steps = history.get(&e.id).unwrap_or(&none);
            let Some(awaiting) = awaiting_of(&e, steps) else {
                continue;
            };
            let change = steps
                .iter()
                .rev()
                .find(|s| s.action.is_council_change(s.role));
            let decisions = review::actions(role, e.status, Some(awaiting))
                .into_iter()
                .filter(|a| matches!(a, EventAction::Approve | EventAction::Return))
                .collect();
            let changed_by =
                change.map(|s| review::changed_by(s.action, s.role, &s.who, &e.council_name));
            let changed_fields = match awaiting {
                Awaiting::New => None,
                Awaiting::Resubmitted | Awaiting::ChangedSinceApproved => {
                    changed_since_decision(&self.conn, &e, steps)?
                }
            };
            queue.push(Queued {
                id: e.id,
                partners: crate::event::with_councils(&e.partner_council_names),
                awaiting_label: awaiting.label().to_string(),
                decisions,
                when: e.when(),
                title: e.details.title,
                council: e.council,
                council_name: e.council_name,
                partner_council_names: e.partner_council_names,
                region: e.region,
                status: e.status,
                awaiting,
                changed_by,
                changed_fields_shown: changed_fields.as_deref().map(review::changed_fields_shown),
                changed_fields,
                changed_at: change.map(|s| time::with_offset(s.at, tz).to_rfc3339()),
                changed_when: change
                    .map(|s| time::format_when(s.at.with_timezone(&tz).naive_local())),
            });
        }
        Ok(queue)
    }

    /// Approves, returns (with a note) or cancels (with a reason) each of
    /// `ids`, as far as the person's role allows, in one transaction: one
    /// refusal (an unknown event, one whose status does not allow it)
    /// refuses the whole selection, naming the event and why, and nothing
    /// is changed. Approving an approved event accepts the council's
    /// change when it is in the review queue: it stays approved, its
    /// history says so and its SEQUENCE stays (nothing partners see
    /// changed); otherwise it is refused. Every status change raises
    /// SEQUENCE. Cancelling withdraws the event's open attendance
    /// requests, and the notices say so.
    pub fn review_events(
        &mut self,
        ids: &[i64],
        review: &Review,
        now: DateTime<Utc>,
    ) -> Result<Vec<Saved>> {
        let mut selection: Vec<i64> = Vec::with_capacity(ids.len());
        for id in ids {
            if !selection.contains(id) {
                selection.push(*id);
            }
        }
        if selection.is_empty() {
            return Err(Error::invalid(
                "events",
                "give at least one event to review",
            ));
        }
        let programmes = self.programmes()?;
        let many = selection.len() > 1;
        let outcomes = self.write(|tx| {
            let person = settings::read(tx)?.person();
            permission::check(person.role, EventAction::of(review))?;
            let note = match review {
                Review::Approve => None,
                Review::Return { note } => Some(super::required_text(
                    crate::text::NOTE,
                    "a note saying what to change",
                    note,
                )?),
                Review::Cancel { reason } => Some(super::required_text(
                    crate::text::REASON,
                    "a reason",
                    reason,
                )?),
            };
            let mut outcomes = Vec::new();
            for &id in &selection {
                let old = events::get(tx, &programmes, id)?;
                let awaiting = awaiting_now(tx, &old)?;
                let decision = review::decide(old.status, awaiting, review).map_err(|m| {
                    let whole = if many {
                        format!("; none of the {} events was changed", selection.len())
                    } else {
                        String::new()
                    };
                    Error::Conflict(format!("event {id}: {m}{whole}"))
                })?;
                let status = match decision {
                    Decision::AcceptChange => old.status,
                    Decision::Move(status) => {
                        events::set_status(tx, id, status, note.as_deref(), old.sequence + 1, now)?;
                        status
                    }
                };
                let change = history::Change {
                    event_id: id,
                    action: HistoryAction::of(review),
                    from: Some(old.status),
                    to: status,
                    note: note.as_deref(),
                };
                history::record(tx, &person, &change, now)?;
                let notices = match review {
                    Review::Cancel { .. } => attendance::after_event_cancelled(
                        tx,
                        &old,
                        note.as_deref().unwrap_or_default(),
                        &person,
                        now,
                    )?,
                    _ => Vec::new(),
                };
                outcomes.push((id, decision != Decision::AcceptChange, notices));
            }
            Ok(outcomes)
        })?;
        outcomes
            .into_iter()
            .map(|(id, changed, notices)| {
                Ok(Saved {
                    event: events::get(&self.conn, &programmes, id)?,
                    warnings: Vec::new(),
                    notices,
                    changed,
                })
            })
            .collect()
    }
}
