//! One person's diary as the store holds it: their engagements (accepted
//! and held requests), travel between places (the stated rules and the
//! figures set by hand), and the clash check that accepting runs.

use std::collections::HashMap;

use rusqlite::Connection;

use super::requests::{self, RequestFilter};
use super::{people, reference};
use crate::attendance::{Request, RequestStatus};
use crate::clash::{self, Clash, Engagement};
use crate::error::{Error, Result};
use crate::permission::Role;
use crate::programme::Programme;
use crate::travel::{Override, Place, Travel, TravelRules};

/// Travel as the store knows it: the stated rules and every override.
pub(crate) fn travel(conn: &Connection) -> Result<Travel> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_place, to_place, minutes, coalesce(note, '') FROM travel_overrides
         ORDER BY from_place, to_place",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut overrides = Vec::new();
    for row in rows {
        let (from, to, minutes, note) = row?;
        overrides.push(Override::new(&from, &to, minutes, &note)?);
    }
    Ok(Travel::new(TravelRules::STATED, overrides))
}

/// Where a request is, for travel.
pub(crate) fn place(r: &Request) -> Place {
    Place {
        postcode: r.postcode.clone(),
        region: r.region_code.clone(),
    }
}

/// A request as an engagement to keep.
pub(crate) fn engagement(r: &Request) -> Engagement {
    Engagement {
        id: r.id,
        label: format!("request {}, {}", r.id, r.title),
        start: r.start_utc(),
        end: r.end_utc(),
        place: place(r),
        venue: r.venue.clone(),
        priority: r.priority,
    }
}

/// The person's engagements (accepted and held), by start.
pub(crate) fn schedule(
    conn: &Connection,
    programmes: &[Programme],
    person: i64,
) -> Result<Vec<Request>> {
    let filter = RequestFilter {
        person: Some(person),
        ..RequestFilter::default()
    };
    Ok(requests::list(conn, programmes, Role::LgaOfficer, &filter)?
        .into_iter()
        .filter(|r| r.status.is_engagement())
        .collect())
}

/// The clashes `request` would have with its person's diary.
fn clashes(
    conn: &Connection,
    programmes: &[Programme],
    request: &Request,
) -> Result<(Vec<(Clash, Request)>, u32)> {
    let person = people::get(conn, request.person_id)?;
    let diary = schedule(conn, programmes, request.person_id)?;
    let engagements: Vec<Engagement> = diary.iter().map(engagement).collect();
    let travel = travel(conn)?;
    let found = clash::clashes_with(
        &engagements,
        &engagement(request),
        &travel,
        person.changeover_minutes,
    );
    let with_requests = found
        .into_iter()
        .filter_map(|c| {
            let other = if c.a == request.id { c.b } else { c.a };
            diary.iter().find(|r| r.id == other).map(|r| (c, r.clone()))
        })
        .collect();
    Ok((with_requests, person.changeover_minutes))
}

/// One clash for people: which engagement, the travel and how short.
fn sentence(clash: &Clash, other: &Request) -> String {
    if clash.travel_minutes == 0 && clash.changeover_minutes == 0 {
        return format!(
            "it overlaps request {} ({}, {}) by {} minutes",
            other.id, other.title, other.when, clash.short_by_minutes
        );
    }
    format!(
        "it clashes with request {} ({}, {}): {} minutes' travel ({}) and {} minutes' change-over are needed between them, {} minutes more than there is",
        other.id,
        other.title,
        other.when,
        clash.travel_minutes,
        clash.travel.explanation.trim_end_matches('.'),
        clash.changeover_minutes,
        clash.short_by_minutes
    )
}

/// Refuses to accept `request` when it clashes with its person's diary,
/// naming each clashing engagement and the travel time, unless an override
/// reason is given: then the reason is what the history keeps.
pub(crate) fn check_accept(
    conn: &Connection,
    programmes: &[Programme],
    request: &Request,
    override_reason: Option<&str>,
) -> Result<Option<String>> {
    let (found, _) = clashes(conn, programmes, request)?;
    if found.is_empty() {
        return Ok(None);
    }
    match override_reason {
        Some(reason) => Ok(Some(reason.to_string())),
        None => {
            let reasons: Vec<String> = found.iter().map(|(c, r)| sentence(c, r)).collect();
            Err(Error::Conflict(format!(
                "request {} cannot be accepted for {}: {}; to accept it anyway, give a reason for overriding the clash",
                request.id,
                request.person_name,
                reasons.join("; ")
            )))
        }
    }
}

/// The clashes a request moved with its event now has, for the notices.
pub(crate) fn clashes_for(
    conn: &Connection,
    programmes: &[Programme],
    request: &Request,
) -> Result<Vec<String>> {
    let (found, _) = clashes(conn, programmes, request)?;
    Ok(found.iter().map(|(c, r)| sentence(c, r)).collect())
}

/// The forwarded and accepted requests of one person (or everyone), and
/// every pair of them that cannot both be kept.
pub(crate) fn open_clashes(
    conn: &Connection,
    person: Option<i64>,
) -> Result<Vec<(Clash, Request, Request)>> {
    clashes_among(conn, person, |s| {
        matches!(s, RequestStatus::Forwarded | RequestStatus::Accepted)
    })
}

/// Every clashing pair among one person's (or everyone's) requests whose
/// status `counts`, person by person.
fn clashes_among(
    conn: &Connection,
    person: Option<i64>,
    counts: fn(RequestStatus) -> bool,
) -> Result<Vec<(Clash, Request, Request)>> {
    let programmes = reference::programmes(conn)?;
    let travel = travel(conn)?;
    let filter = RequestFilter {
        person,
        ..RequestFilter::default()
    };
    let all: Vec<Request> = requests::list(conn, &programmes, Role::LgaOfficer, &filter)?
        .into_iter()
        .filter(|r| counts(r.status))
        .collect();
    let mut people_ids: Vec<i64> = all.iter().map(|r| r.person_id).collect();
    people_ids.sort_unstable();
    people_ids.dedup();
    let mut out = Vec::new();
    for id in people_ids {
        let changeover = people::get(conn, id)?.changeover_minutes;
        let theirs: Vec<&Request> = all.iter().filter(|r| r.person_id == id).collect();
        let engagements: Vec<Engagement> = theirs.iter().map(|r| engagement(r)).collect();
        // By id, not a search of the list for each clash: thousands of
        // requests can have tens of thousands of clashes.
        let by_id: HashMap<i64, &Request> = theirs.iter().map(|r| (r.id, *r)).collect();
        for c in clash::clashes(&engagements, &travel, changeover) {
            if let (Some(a), Some(b)) = (by_id.get(&c.a), by_id.get(&c.b)) {
                out.push((c, (*a).clone(), (*b).clone()));
            }
        }
    }
    Ok(out)
}

/// The planner over one person's submitted and forwarded requests (on
/// `day`, or every day), around the engagements already accepted: a
/// candidate that clashes with one of those is left out naming it, and the
/// rest are planned ([`crate::plan::plan`]), from and to the home base.
pub(crate) fn itinerary(
    conn: &Connection,
    person: &crate::attendance::Person,
    day: Option<chrono::NaiveDate>,
) -> Result<crate::attendance::Itinerary> {
    use crate::attendance::Itinerary;
    use crate::plan::{self, Home, LeftOut};
    let programmes = reference::programmes(conn)?;
    let filter = RequestFilter {
        person: Some(person.id),
        ..RequestFilter::default()
    };
    let all = requests::list(conn, &programmes, Role::LgaOfficer, &filter)?;
    let in_day = |r: &&Request| day.is_none_or(|d| r.date == d);
    let candidates: Vec<Request> = all
        .iter()
        .filter(in_day)
        .filter(|r| {
            matches!(
                r.status,
                RequestStatus::Submitted | RequestStatus::Forwarded
            )
        })
        .cloned()
        .collect();
    let fixed: Vec<Engagement> = all
        .iter()
        .filter(|r| r.status.is_engagement())
        .map(engagement)
        .collect();
    let travel = travel(conn)?;
    let changeover = person.changeover_minutes;
    let mut left_out = Vec::new();
    let mut free = Vec::new();
    for r in &candidates {
        let e = engagement(r);
        match clash::clashes_with(&fixed, &e, &travel, changeover).first() {
            Some(c) => {
                let other = if c.a == r.id { c.b } else { c.a };
                let label = fixed
                    .iter()
                    .find(|f| f.id == other)
                    .map(|f| f.label.clone())
                    .unwrap_or_default();
                left_out.push(LeftOut {
                    id: r.id,
                    reason: format!(
                        "Clashes with \"{label}\", already accepted: short by {} minutes.",
                        c.short_by_minutes
                    ),
                    clashes_with: Some(other),
                    short_by_minutes: c.short_by_minutes,
                });
            }
            None => free.push(e),
        }
    }
    let home = person
        .base_postcode
        .as_ref()
        .map(|pc| Home::new(Place::at(pc)));
    let tz = candidates
        .first()
        .and_then(|r| programmes.iter().find(|p| p.id == r.programme))
        .map_or(crate::time::LONDON, |p| p.time_zone);
    let proposal = plan::plan(&free, home.as_ref(), &travel, changeover, tz);
    left_out.extend(proposal.left_out);
    let start_of = |id: i64| {
        candidates
            .iter()
            .find(|r| r.id == id)
            .map(|r| (r.start, r.id))
    };
    left_out.sort_by_key(|l| start_of(l.id));
    let to_forward = proposal
        .chosen
        .iter()
        .copied()
        .filter(|id| {
            candidates
                .iter()
                .any(|r| r.id == *id && r.status == RequestStatus::Submitted)
        })
        .collect();
    Ok(Itinerary {
        person_id: person.id,
        person_name: person.name.clone(),
        day,
        chosen: proposal.chosen,
        total_priority: proposal.total_priority,
        left_out,
        candidates,
        to_forward,
    })
}

/// The pairs of accepted (or held) engagements that clash now, as
/// (earlier id, later id).
pub(crate) fn accepted_clashes(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    Ok(clashes_among(conn, None, RequestStatus::is_engagement)?
        .into_iter()
        .map(|(c, _, _)| (c.a, c.b))
        .collect())
}

/// Refuses a change (a travel time set by hand, a person's change-over or
/// base) that would make accepted engagements clash that did not before:
/// two accepted engagements never clash unless someone overrode it, with
/// the reason on record, when accepting.
pub(crate) fn keep_accepted_apart(conn: &Connection, before: &[(i64, i64)]) -> Result<()> {
    let new: Vec<String> = clashes_among(conn, None, RequestStatus::is_engagement)?
        .into_iter()
        .filter(|(c, _, _)| !before.contains(&(c.a, c.b)))
        .map(|(c, a, b)| format!(
            "requests {} ({}, {}) and {} ({}, {}) for {}, both accepted, would clash: {} minutes' travel and {} minutes' change-over are needed, {} minutes more than there is",
            a.id, a.title, a.when, b.id, b.title, b.when, a.person_name,
            c.travel_minutes, c.changeover_minutes, c.short_by_minutes
        ))
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    Err(Error::Conflict(format!(
        "this change is refused: {}; send one of them back to the office first (an LGA officer can withdraw or re-forward it)",
        new.join("; ")
    )))
}

/// Sets (or, with no minutes, clears) the travel time by hand between two
/// places, either way round.
pub(crate) fn set_override(
    conn: &Connection,
    o: &Override,
    clear: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let (a, b) = if o.from <= o.to {
        (&o.from, &o.to)
    } else {
        (&o.to, &o.from)
    };
    if a == b {
        return Err(Error::invalid(
            "to",
            "the two places are the same; travel within one place takes no time",
        ));
    }
    if clear {
        conn.execute(
            "DELETE FROM travel_overrides WHERE from_place = ?1 AND to_place = ?2",
            [a, b],
        )?;
    } else {
        conn.execute(
            "INSERT INTO travel_overrides (from_place, to_place, minutes, note, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (from_place, to_place) DO UPDATE SET minutes = excluded.minutes,
                 note = excluded.note, updated_at = excluded.updated_at",
            rusqlite::params![a, b, o.minutes, o.note, crate::time::to_store(now)],
        )?;
    }
    Ok(())
}
