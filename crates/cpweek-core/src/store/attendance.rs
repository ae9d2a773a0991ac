//! The store's attendance actions: people, requests and their moves, each
//! one transaction, and what an event's cancellation or move does to the
//! requests for it.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::requests::{self, Change, NewRequest, RequestFilter, Slot};
use super::{people, settings, Store};
use crate::attendance::diary::{Itinerary, RequestClash};
use crate::attendance::person::{self, Person, PersonForm, PersonKind};
use crate::attendance::record::{self, MoveNote, Request, RequestForm, RequestHistoryAction};
use crate::attendance::report::MinisterialReport;
use crate::attendance::request::{
    self as rules, AskedBy, RequestAction, RequestRole, RequestStatus,
};
use crate::attendance::week::PersonWeek;
use crate::council::Region;
use crate::error::{Error, FieldError, Result};
use crate::event::{Event, Status};
use crate::permission::{self, Actor, PersonAction, Role};
use crate::text;
use crate::time;
use crate::travel::{Override, Place, Reckoning};

impl Store {
    /// Everyone who may be asked to attend, the seeded first.
    pub fn people(&self, kind: Option<PersonKind>) -> Result<Vec<Person>> {
        people::list(&self.conn, kind)
    }

    pub fn person(&self, id: i64) -> Result<Person> {
        people::get(&self.conn, id)
    }

    /// Adds a person who may be asked to attend: an LGA officer's action
    /// ([`permission::check_person`]), refused to anyone else whatever
    /// the form holds.
    pub fn add_person(&mut self, form: &PersonForm) -> Result<Person> {
        let id = self.write(|tx| {
            let actor = settings::read(tx)?.person();
            permission::check_person(actor.role, PersonAction::Add)?;
            let fields = person::validate(form).map_err(Error::Invalid)?;
            people::insert(tx, &fields)
        })?;
        self.person(id)
    }

    /// Replaces a person's fields with `form`, as an LGA officer only. A
    /// change of change-over time that would make their accepted
    /// engagements clash is refused.
    pub fn edit_person(&mut self, id: i64, form: &PersonForm) -> Result<Person> {
        self.write(|tx| {
            let actor = settings::read(tx)?.person();
            permission::check_person(actor.role, PersonAction::Edit)?;
            let fields = person::validate(form).map_err(Error::Invalid)?;
            people::get(tx, id)?;
            let before = super::diary::accepted_clashes(tx)?;
            people::update(tx, id, &fields)?;
            super::diary::keep_accepted_apart(tx, &before)
        })?;
        self.person(id)
    }

    /// The travel time between two places as the clash check counts it
    /// (the stated rules, or a time set by hand), and how it was reckoned.
    pub fn travel_time(&self, from: &Place, to: &Place) -> Result<Reckoning> {
        Ok(super::diary::travel(&self.conn)?.reckon(from, to))
    }

    /// Sets by hand (an LGA officer's) the travel time between two
    /// postcodes or districts, either way round, or with `minutes` none,
    /// goes back to the stated rules. Refused if it would make accepted
    /// engagements clash.
    pub fn set_travel_time(
        &mut self,
        from: &str,
        to: &str,
        minutes: Option<u32>,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Reckoning> {
        if minutes.is_some_and(|m| m > 24 * 60) {
            return Err(Error::invalid(
                "minutes",
                "a travel time set by hand is from 0 to 1440 minutes (a day)",
            ));
        }
        let o = Override::new(from, to, minutes.unwrap_or(0), note)?;
        self.write(|tx| {
            let actor = settings::read(tx)?.person();
            if actor.role != Role::LgaOfficer {
                return Err(Error::Forbidden(format!(
                    "only an LGA officer can set a travel time by hand; your role is {}: change it in Settings or with `cpweek settings set --role lga-officer`",
                    actor.role.label()
                )));
            }
            let before = super::diary::accepted_clashes(tx)?;
            super::diary::set_override(tx, &o, minutes.is_none(), now)?;
            super::diary::keep_accepted_apart(tx, &before)
        })?;
        self.travel_time(&Place::at(&o.from), &Place::at(&o.to))
    }

    /// The requests `filter` chooses, by start, with what the person in the
    /// settings may do with each.
    pub fn requests(&self, filter: &RequestFilter) -> Result<Vec<Request>> {
        let role = self.settings()?.role;
        requests::list(&self.conn, &self.programmes()?, role, filter)
    }

    /// One request with its history.
    pub fn request(&self, id: i64) -> Result<Request> {
        let role = self.settings()?.role;
        requests::get(&self.conn, &self.programmes()?, role, id)
    }

    /// Drafts a request. For an event, whoever asks is the event's council
    /// (a council organiser) or the LGA (an LGA officer); a slot without an
    /// event is the LGA's own, so only an LGA officer drafts one.
    pub fn add_request(&mut self, form: &RequestForm, now: DateTime<Utc>) -> Result<Request> {
        let catalogue = self.catalogue()?;
        let regions = self.regions()?;
        let id = self.write(|tx| {
            let actor = settings::read(tx)?.person();
            let new = checked_request(tx, &catalogue, &regions, &actor, form)?;
            let id = requests::insert(tx, &new, now)?;
            let change = Change {
                request_id: id,
                action: RequestHistoryAction::Drafted,
                from: None,
                to: RequestStatus::Draft,
                note: None,
                override_reason: None,
            };
            requests::record(tx, &actor, &change, now)?;
            Ok(id)
        })?;
        self.request(id)
    }

    /// Makes `action` on request `id`, as far as the person's role and the
    /// request's status allow. Accepting is refused when the engagement
    /// clashes with the person's diary, unless `note.override_reason` says
    /// why it should stand (kept in the history).
    pub fn move_request(
        &mut self,
        id: i64,
        action: RequestAction,
        note: &MoveNote,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        let programmes = self.programmes()?;
        self.write(|tx| {
            let actor = settings::read(tx)?.person();
            move_in(tx, &programmes, &actor, id, action, note, now)
        })?;
        self.request(id)
    }

    /// Person `id`'s week as a timeline: the current programme's days (and
    /// any other day with an engagement), each with the person's forwarded,
    /// accepted and held requests and the travel between them and from and
    /// to their home base.
    pub fn person_week(&self, id: i64) -> Result<PersonWeek> {
        let person = self.person(id)?;
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme("")
            .map_err(|m| Error::invalid("programme", m))?;
        let filter = RequestFilter {
            person: Some(id),
            ..RequestFilter::default()
        };
        let requests = self.requests(&filter)?;
        let travel = super::diary::travel(&self.conn)?;
        Ok(crate::attendance::week::person_week(
            &person,
            &requests,
            &programme.days(),
            &travel,
            programme.time_zone,
        ))
    }

    /// The itinerary planner for person `id` (on `day`, or the whole week):
    /// see [`crate::attendance::Itinerary`].
    pub fn plan(&self, id: i64, day: Option<chrono::NaiveDate>) -> Result<Itinerary> {
        let person = self.person(id)?;
        super::diary::itinerary(&self.conn, &person, day)
    }

    /// Forwards, in one step, the planned requests still to forward (the
    /// chosen submitted ones): an LGA officer's action. The plan is made
    /// again inside the transaction, so what is forwarded is what the plan
    /// says now. Returns the requests forwarded.
    pub fn forward_plan(
        &mut self,
        id: i64,
        day: Option<chrono::NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Request>> {
        let person = self.person(id)?;
        let forwarded = self.write(|tx| {
            let actor = settings::read(tx)?.person();
            permission::check_request(actor.role, RequestAction::Forward, &AskedBy::Lga)?;
            let itinerary = super::diary::itinerary(tx, &person, day)?;
            for request_id in &itinerary.to_forward {
                let Some(request) = itinerary.candidates.iter().find(|r| r.id == *request_id)
                else {
                    continue;
                };
                permission::check_request(actor.role, RequestAction::Forward, &request.asked_by)?;
                requests::set_status(tx, request.id, RequestStatus::Forwarded, now)?;
                let note = format!(
                    "Forwarded with the planned itinerary (total priority {})",
                    itinerary.total_priority
                );
                let change = Change {
                    request_id: request.id,
                    action: RequestHistoryAction::Forwarded,
                    from: Some(request.status),
                    to: RequestStatus::Forwarded,
                    note: Some(&note),
                    override_reason: None,
                };
                requests::record(tx, &actor, &change, now)?;
            }
            Ok(itinerary.to_forward)
        })?;
        forwarded.into_iter().map(|id| self.request(id)).collect()
    }

    /// The ministerial report for a programme (empty: the current one).
    pub fn ministerial_report(&self, programme: &str) -> Result<MinisterialReport> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let filter = RequestFilter {
            programme: Some(programme.id.clone()),
            ..RequestFilter::default()
        };
        let requests = self.requests(&filter)?;
        let regions: Vec<String> = self.regions()?.into_iter().map(|r| r.name).collect();
        Ok(crate::attendance::report::report(
            programme, &requests, &regions,
        ))
    }

    /// Person `id`'s diary as iCalendar (confidential, for their office:
    /// never a partner feed), with its file name.
    pub fn person_diary(&self, id: i64) -> Result<(String, String)> {
        let week = self.person_week(id)?;
        let tz = self
            .catalogue()?
            .programme("")
            .map_err(|m| Error::invalid("programme", m))?
            .time_zone;
        let name = format!(
            "diary-{}.ics",
            crate::publish::names::slug(&week.person.name)
        );
        Ok((crate::ics::diary::calendar(&week, tz), name))
    }

    /// What accepting request `id` would clash with in its person's diary
    /// (each as a sentence naming the engagement and the travel): the
    /// warning shown before anyone accepts. Empty when it fits.
    pub fn clashes_if_accepted(&self, id: i64) -> Result<Vec<String>> {
        let programmes = self.programmes()?;
        let request = requests::get(&self.conn, &programmes, Role::LgaOfficer, id)?;
        super::diary::clashes_for(&self.conn, &programmes, &request)
    }

    /// Every pair of one person's (or everyone's) forwarded or accepted
    /// requests that cannot both be kept, by the earlier's start.
    pub fn request_clashes(&self, person: Option<i64>) -> Result<Vec<RequestClash>> {
        if let Some(id) = person {
            self.person(id)?;
        }
        let found = super::diary::open_clashes(&self.conn, person)?;
        Ok(found
            .into_iter()
            .map(|(c, a, b)| RequestClash {
                a: c.a,
                b: c.b,
                person_id: a.person_id,
                person_name: a.person_name.clone(),
                a_label: format!("{}, {}", a.title, a.when),
                b_label: format!("{}, {}", b.title, b.when),
                travel_minutes: c.travel_minutes,
                changeover_minutes: c.changeover_minutes,
                short_by_minutes: c.short_by_minutes,
                method: c.travel.method,
                explanation: c.travel.explanation.clone(),
                overridden: a.status == RequestStatus::Accepted
                    && b.status == RequestStatus::Accepted,
            })
            .collect())
    }

    /// Sets the LGA's priority (1 lowest to 5 highest): an LGA officer's.
    pub fn set_request_priority(
        &mut self,
        id: i64,
        priority: &str,
        now: DateTime<Utc>,
    ) -> Result<Request> {
        let priority = rules::priority(priority)?;
        let programmes = self.programmes()?;
        self.write(|tx| {
            let actor = settings::read(tx)?.person();
            permission::check_priority(actor.role)?;
            let request = requests::get(tx, &programmes, actor.role, id)?;
            if request.priority == priority {
                return Ok(());
            }
            requests::set_priority(tx, id, priority, now)?;
            let note = format!("Priority {} to {priority}", request.priority);
            let change = Change {
                request_id: id,
                action: RequestHistoryAction::Edited,
                from: Some(request.status),
                to: request.status,
                note: Some(&note),
                override_reason: None,
            };
            requests::record(tx, &actor, &change, now)
        })?;
        self.request(id)
    }
}

/// Checks a request form against the rules and the database, reporting
/// every field at fault at once.
/// Makes `action` on request `id` as `actor`, inside the caller's
/// transaction: what [`Store::move_request`] and the sample week do.
pub(super) fn move_in(
    tx: &Connection,
    programmes: &[crate::programme::Programme],
    actor: &Actor,
    id: i64,
    action: RequestAction,
    note: &MoveNote,
    now: DateTime<Utc>,
) -> Result<()> {
    let request = requests::get(tx, programmes, actor.role, id)?;
    permission::check_request(actor.role, action, &request.asked_by)?;
    let to = rules::next_status(request.status, action)
        .map_err(|e| Error::Conflict(format!("request {id}: {e}")))?;
    let note_text = text::NOTE
        .optional(&note.note)
        .map_err(|e| Error::Invalid(vec![e]))?;
    let override_text = text::OVERRIDE
        .optional(&note.override_reason)
        .map_err(|e| Error::Invalid(vec![e]))?;
    if action == RequestAction::Held && now < request.end_utc() {
        return Err(Error::Conflict(format!(
            "request {id} can be marked held only once it has taken place; it is on {}",
            request.when
        )));
    }
    let override_reason = if action == RequestAction::Accept {
        super::diary::check_accept(tx, programmes, &request, override_text.as_deref())?
    } else {
        None
    };
    requests::set_status(tx, id, to, now)?;
    let change = Change {
        request_id: id,
        action: RequestHistoryAction::of(action),
        from: Some(request.status),
        to,
        note: note_text.as_deref(),
        override_reason: override_reason.as_deref(),
    };
    requests::record(tx, actor, &change, now)
}

pub(super) fn checked_request(
    conn: &Connection,
    catalogue: &crate::Catalogue,
    regions: &[Region],
    actor: &Actor,
    form: &RequestForm,
) -> Result<NewRequest> {
    if form.event.trim().is_empty() {
        permission::check_lga_slot(actor.role)?;
    }
    let mut errors: Vec<FieldError> = Vec::new();
    let mut keep_field = |r: std::result::Result<Option<String>, FieldError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let case = keep_field(text::CASE.optional(&form.case));
    let contact_name = keep_field(text::CONTACT_NAME.optional(&form.contact_name));
    let contact_email = keep_field(text::CONTACT_EMAIL.optional(&form.contact_email));
    let contact_phone = keep_field(text::CONTACT_PHONE.optional(&form.contact_phone));
    let person_id =
        kept(
            &mut errors,
            record::id("person", "person", &form.person).and_then(|id| {
                people::get(conn, id).map(|p| p.id).map_err(|_| {
                    Error::invalid(
                "person",
                format!("there is no person {id}; see `cpweek person list` for who may be asked"),
            )
                })
            }),
        );
    let role = if form.role.trim().is_empty() {
        Some(RequestRole::Visit)
    } else {
        kept(&mut errors, RequestRole::from_input(&form.role))
    };
    let priority = kept(&mut errors, rules::priority(&form.priority));
    let target = if form.event.trim().is_empty() {
        kept(&mut errors, slot(catalogue, regions, form))
    } else {
        kept(&mut errors, for_event(conn, catalogue, actor, form))
    };
    match (person_id, role, priority, target) {
        (Some(person_id), Some(role), Some(priority), Some(t)) if errors.is_empty() => {
            Ok(NewRequest {
                uid: requests::new_uid(),
                programme_id: t.programme_id,
                event_id: t.event_id,
                person_id,
                role,
                start: t.start,
                end: t.end,
                whole_event: t.whole_event,
                slot: t.slot,
                case,
                contact_name,
                contact_email,
                contact_phone,
                asked_by: t.asked_by,
                priority,
            })
        }
        _ => Err(Error::Invalid(errors)),
    }
}

/// The value, or none with its field errors kept (any other error is
/// passed on whole by the caller's match: only field errors are gathered).
fn kept<T>(errors: &mut Vec<FieldError>, r: Result<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            let fields = e.field_errors();
            if fields.is_empty() {
                errors.push(FieldError::new("request", e.to_string()));
            } else {
                errors.extend(fields.iter().cloned());
            }
            None
        }
    }
}

/// What a request is for: an event (or a part of it), or a slot.
struct Target {
    programme_id: String,
    event_id: Option<i64>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    whole_event: bool,
    slot: Option<Slot>,
    asked_by: String,
}

fn for_event(
    conn: &Connection,
    catalogue: &crate::Catalogue,
    actor: &Actor,
    form: &RequestForm,
) -> Result<Target> {
    let id = record::id("event", "event", &form.event)?;
    let event = super::events::get(conn, &catalogue.programmes, id).map_err(|_| {
        Error::invalid(
            "event",
            format!("there is no event {id}; see `cpweek event list`"),
        )
    })?;
    if event.status == Status::Cancelled {
        return Err(Error::invalid(
            "event",
            format!("event {id} is cancelled; nobody can be asked to attend it"),
        ));
    }
    let tz = catalogue
        .programme(&event.programme)
        .map_err(|m| Error::invalid("event", m))?
        .time_zone;
    let (start, end, whole_event) = record::part_of_event(
        event.start.to_utc(),
        event.end.to_utc(),
        event.all_day,
        &form.from,
        &form.to,
        tz,
    )
    .map_err(Error::Invalid)?;
    Ok(Target {
        programme_id: event.programme.clone(),
        event_id: Some(id),
        start,
        end,
        whole_event,
        slot: None,
        asked_by: match actor.role {
            Role::CouncilOrganiser => event.council.clone(),
            Role::LgaOfficer => "lga".into(),
        },
    })
}

fn slot(catalogue: &crate::Catalogue, regions: &[Region], form: &RequestForm) -> Result<Target> {
    let programme = catalogue
        .programme("")
        .map_err(|m| Error::invalid("programme", m))?;
    let mut errors = Vec::new();
    let times = record::slot_times(form, programme.time_zone)
        .map_err(|e| errors.extend(e))
        .ok();
    let mut keep = |r: std::result::Result<Option<String>, FieldError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let venue = keep(text::VENUE.optional(&form.venue));
    let address = keep(text::ADDRESS.optional(&form.address));
    let postcode = keep(text::POSTCODE.optional(&form.postcode));
    let region = if form.region.trim().is_empty() {
        None
    } else {
        match crate::council::resolve_region(regions, &form.region) {
            Ok(r) => Some(r.code.clone()),
            Err(m) => {
                errors.push(FieldError::new("region", m));
                None
            }
        }
    };
    let Some((title, start, end)) = times.filter(|_| errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    Ok(Target {
        programme_id: programme.id.clone(),
        event_id: None,
        start,
        end,
        whole_event: false,
        slot: Some(Slot {
            title,
            venue,
            address,
            postcode,
            region,
        }),
        asked_by: "lga".into(),
    })
}

/// An event was cancelled: its open requests are withdrawn, each with a
/// history entry; the notices say so.
pub(crate) fn after_event_cancelled(
    conn: &Connection,
    event: &Event,
    reason: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let programmes = super::reference::programmes(conn)?;
    let filter = RequestFilter {
        event: Some(event.id),
        ..RequestFilter::default()
    };
    let mut notices = Vec::new();
    for request in requests::list(conn, &programmes, actor.role, &filter)? {
        if !request.status.is_open() {
            continue;
        }
        requests::set_status(conn, request.id, RequestStatus::Withdrawn, now)?;
        let note = format!("The event was cancelled: {reason}");
        let change = Change {
            request_id: request.id,
            action: RequestHistoryAction::EventCancelled,
            from: Some(request.status),
            to: RequestStatus::Withdrawn,
            note: Some(&note),
            override_reason: None,
        };
        requests::record(conn, actor, &change, now)?;
        notices.push(format!(
            "request {} for {} to {} was withdrawn because the event was cancelled",
            request.id,
            request.person_name,
            request.role.label()
        ));
    }
    Ok(notices)
}

/// An event's time or place changed: its open requests follow it (a whole
/// event's request takes the new times; a part keeps its offset from the
/// start, within the event), and an accepted one goes back to `forwarded`
/// for the office to confirm, with the clash check run again.
pub(crate) fn after_event_moved(
    conn: &Connection,
    old: &Event,
    new: &Event,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let moved = old.start != new.start || old.end != new.end;
    let relocated =
        old.details.postcode != new.details.postcode || old.details.venue != new.details.venue;
    if !moved && !relocated {
        return Ok(Vec::new());
    }
    let programmes = super::reference::programmes(conn)?;
    let tz = programmes
        .iter()
        .find(|p| p.id == new.programme)
        .map_or(time::LONDON, |p| p.time_zone);
    let filter = RequestFilter {
        event: Some(new.id),
        ..RequestFilter::default()
    };
    let (new_start, new_end) = (new.start.to_utc(), new.end.to_utc());
    let mut notices = Vec::new();
    for request in requests::list(conn, &programmes, actor.role, &filter)? {
        if !request.status.is_open() {
            continue;
        }
        let (start, end) = if request.whole_event {
            (new_start, new_end)
        } else {
            shifted(&request, old.start.to_utc(), new_start, new_end)
        };
        requests::set_times(conn, request.id, start, end, now)?;
        let was = time::format_span(
            request.start.naive_local(),
            request.end.naive_local(),
            false,
        );
        let is = time::format_span(
            start.with_timezone(&tz).naive_local(),
            end.with_timezone(&tz).naive_local(),
            false,
        );
        let what = match (moved, relocated) {
            (true, false) => format!("The event moved: the engagement was {was}, now {is}"),
            (false, _) => "The event's venue changed".to_string(),
            (true, true) => {
                format!("The event moved and its venue changed: the engagement was {was}, now {is}")
            }
        };
        let to = if request.status == RequestStatus::Accepted {
            RequestStatus::Forwarded
        } else {
            request.status
        };
        let note = if to == request.status {
            format!("{what}.")
        } else {
            format!("{what}; back with the office to confirm.")
        };
        if to != request.status {
            requests::set_status(conn, request.id, to, now)?;
        }
        let change = Change {
            request_id: request.id,
            action: RequestHistoryAction::EventMoved,
            from: Some(request.status),
            to,
            note: Some(&note),
            override_reason: None,
        };
        requests::record(conn, actor, &change, now)?;
        let mut notice = format!(
            "request {} for {}: {}",
            request.id,
            request.person_name,
            note.trim_end_matches('.')
        );
        if to != request.status {
            let moved_request = requests::get(conn, &programmes, actor.role, request.id)?;
            for clash in super::diary::clashes_for(conn, &programmes, &moved_request)? {
                notice.push_str(&format!("; {clash}"));
            }
        }
        notices.push(notice);
    }
    Ok(notices)
}

/// A part of an event after the event moved: the same offset from its start
/// and the same length, kept within the event (the whole event if nothing
/// of the part is left).
fn shifted(
    request: &Request,
    old_start: DateTime<Utc>,
    new_start: DateTime<Utc>,
    new_end: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let offset: Duration = request.start_utc() - old_start;
    let length = request.end_utc() - request.start_utc();
    let start = (new_start + offset).clamp(new_start, new_end);
    let end = (start + length).min(new_end);
    if end <= start {
        (new_start, new_end)
    } else {
        (start, end)
    }
}
