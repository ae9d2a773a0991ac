//! Ministerial and VIP attendance: requests for the people who may be
//! asked ([`super::people`] lists and keeps them) and their moves. Every
//! rule (who may move a request, what clashes, what a form must hold) is
//! the core's; these commands only pass the window's arguments on, with
//! the clock read once.

use chrono::Utc;
use cpweek_core::attendance::{
    AskedBy, Itinerary, MoveNote, PersonWeek, Request, RequestAction, RequestForm, RequestStatus,
};
use cpweek_core::permission;
use cpweek_core::store::RequestFilter;
use cpweek_core::{time, Error, Store};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::IpcResult;
use crate::state::AppState;

/// Which requests the board lists: each field given narrows it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RequestListFilter {
    /// Programme id; empty for every programme.
    pub programme: String,
    pub status: Option<RequestStatus>,
    #[ts(type = "number | null")]
    pub person: Option<i64>,
    #[ts(type = "number | null")]
    pub event: Option<i64>,
}

impl RequestListFilter {
    fn to_core(&self) -> RequestFilter {
        RequestFilter {
            status: self.status,
            person: self.person,
            event: self.event,
            programme: (!self.programme.trim().is_empty()).then(|| self.programme.clone()),
        }
    }
}

/// A request status with its label for people, as the core words it.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RequestStatusName {
    pub status: RequestStatus,
    pub label: String,
    /// Closed without happening (declined, withdrawn): the board folds
    /// these away ([`RequestStatus::is_closed`]).
    pub closed: bool,
}

/// The requests board: every status in workflow order (the board's
/// columns, also when empty) and the requests its filter chose.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RequestBoard {
    pub statuses: Vec<RequestStatusName>,
    /// What the closed statuses, folded away, are called together
    /// ([`RequestStatus::closed_label`]): "Declined and withdrawn".
    pub closed_label: String,
    pub requests: Vec<Request>,
    /// Whether the person in the settings may ask for an LGA-led slot
    /// ([`permission::check_lga_slot`]).
    pub may_ask_for_lga_slot: bool,
}

/// One request's page: the request with its history and the moves the
/// person in the settings may make, and, when accepting is one of them,
/// what accepting it would clash with (shown before anyone accepts).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RequestPage {
    pub request: Request,
    /// Whether this person may set the LGA's priority
    /// ([`permission::check_priority`]).
    pub may_set_priority: bool,
    /// Each clash accepting would make, as a sentence naming the engagement
    /// and the travel ([`Store::clashes_if_accepted`]); empty when it fits
    /// or when this person cannot accept it.
    pub clashes_if_accepted: Vec<String>,
    /// Whether it has a briefing note to show and save (an accepted or held
    /// engagement: [`RequestStatus::has_briefing`]).
    pub has_briefing: bool,
}

impl RequestPage {
    fn load(store: &Store, id: i64) -> cpweek_core::Result<Self> {
        Self::of(store, store.request(id)?)
    }

    fn of(store: &Store, request: Request) -> cpweek_core::Result<Self> {
        let clashes_if_accepted = if request.actions.contains(&RequestAction::Accept) {
            store.clashes_if_accepted(request.id)?
        } else {
            Vec::new()
        };
        let may_set_priority = permission::check_priority(store.settings()?.role).is_ok();
        Ok(RequestPage {
            has_briefing: request.status.has_briefing(),
            request,
            may_set_priority,
            clashes_if_accepted,
        })
    }
}

/// The requests `filter` chooses, by start, each with what the person in
/// the settings may do with it, and the statuses to group them by.
#[tauri::command(async)]
pub fn list_requests(
    state: State<'_, AppState>,
    filter: RequestListFilter,
) -> IpcResult<RequestBoard> {
    Ok(RequestBoard::load(&state.store(), &filter)?)
}

impl RequestBoard {
    fn load(store: &Store, filter: &RequestListFilter) -> cpweek_core::Result<Self> {
        let requests = store.requests(&filter.to_core())?;
        let may_ask_for_lga_slot = permission::check_lga_slot(store.settings()?.role).is_ok();
        let statuses = RequestStatus::ALL
            .into_iter()
            .map(|status| RequestStatusName {
                status,
                label: status.label().to_string(),
                closed: status.is_closed(),
            })
            .collect();
        Ok(RequestBoard {
            statuses,
            closed_label: RequestStatus::closed_label(),
            requests,
            may_ask_for_lga_slot,
        })
    }
}

#[tauri::command(async)]
pub fn get_request(state: State<'_, AppState>, id: i64) -> IpcResult<RequestPage> {
    Ok(RequestPage::load(&state.store(), id)?)
}

/// Drafts a request for an event (or, for an LGA officer, an LGA-led slot).
#[tauri::command(async)]
pub fn add_request(state: State<'_, AppState>, form: RequestForm) -> IpcResult<Request> {
    Ok(state.store().add_request(&form, Utc::now())?)
}

/// Makes `action` on request `id`, as far as the person's role and the
/// request's status allow; accepting a clash needs `note.override`.
#[tauri::command(async)]
pub fn move_request(
    state: State<'_, AppState>,
    id: i64,
    action: RequestAction,
    note: MoveNote,
) -> IpcResult<RequestPage> {
    move_as_set(&mut state.store(), id, action, &note, Utc::now())
}

/// Sets the LGA's priority, 1 (lowest) to 5 (highest), as typed.
#[tauri::command(async)]
pub fn set_request_priority(
    state: State<'_, AppState>,
    id: i64,
    priority: String,
) -> IpcResult<RequestPage> {
    let mut store = state.store();
    let request = store.set_request_priority(id, &priority, Utc::now())?;
    Ok(RequestPage::of(&store, request)?)
}

/// Person `person`'s week as a timeline: each day's forwarded, accepted and
/// held engagements with the travel between them and from and to home.
#[tauri::command(async)]
pub fn person_week(state: State<'_, AppState>, person: i64) -> IpcResult<PersonWeek> {
    Ok(state.store().person_week(person)?)
}

/// The planner's proposal for a person, and whether this person may
/// forward it to the office.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct PlanPage {
    pub itinerary: Itinerary,
    /// Forwarding is an LGA officer's move ([`permission::check_request`]).
    pub may_forward: bool,
}

/// What forwarding the plan did: the requests forwarded, and the plan
/// as it stands afterwards.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ForwardedPlan {
    pub forwarded: Vec<Request>,
    pub plan: PlanPage,
}

impl PlanPage {
    fn load(store: &Store, person: i64, day: &str) -> cpweek_core::Result<Self> {
        let itinerary = store.plan(person, plan_day(day)?)?;
        let role = store.settings()?.role;
        let may_forward =
            permission::check_request(role, RequestAction::Forward, &AskedBy::Lga).is_ok();
        Ok(PlanPage {
            itinerary,
            may_forward,
        })
    }
}

/// The day the window asks to plan: `YYYY-MM-DD`, or empty for the week.
fn plan_day(day: &str) -> cpweek_core::Result<Option<chrono::NaiveDate>> {
    let day = day.trim();
    if day.is_empty() {
        return Ok(None);
    }
    time::parse_date(day)
        .map(Some)
        .map_err(|m| Error::invalid("day", m))
}

/// The itinerary planner for `person` on `day` (empty: the whole week).
#[tauri::command(async)]
pub fn plan_itinerary(state: State<'_, AppState>, person: i64, day: String) -> IpcResult<PlanPage> {
    Ok(PlanPage::load(&state.store(), person, &day)?)
}

/// Forwards the plan's submitted requests to the office in one step.
#[tauri::command(async)]
pub fn forward_plan(
    state: State<'_, AppState>,
    person: i64,
    day: String,
) -> IpcResult<ForwardedPlan> {
    let mut store = state.store();
    let forwarded = store.forward_plan(person, plan_day(&day)?, Utc::now())?;
    let plan = PlanPage::load(&store, person, &day)?;
    Ok(ForwardedPlan { forwarded, plan })
}

/// The move as the person in the store's settings makes it.
fn move_as_set(
    store: &mut Store,
    id: i64,
    action: RequestAction,
    note: &MoveNote,
    now: chrono::DateTime<Utc>,
) -> IpcResult<RequestPage> {
    let request = store.move_request(id, action, note, now)?;
    Ok(RequestPage::of(store, request)?)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone};
    use cpweek_core::event::EventForm;
    use cpweek_core::permission::Role;
    use cpweek_core::store::{Open, SettingsForm};
    use cpweek_core::ErrorCode;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap()
    }

    fn role(store: &mut Store, role: Role) {
        store
            .save_settings(&SettingsForm {
                role: Some(role),
                name: Some("Jo Bloggs".into()),
                ..Default::default()
            })
            .unwrap();
    }

    fn event(store: &mut Store, title: &str, start: &str, end: &str, postcode: &str) -> i64 {
        let form = EventForm {
            council: "Kent".into(),
            title: title.into(),
            start: start.into(),
            end: end.into(),
            postcode: postcode.into(),
            ..Default::default()
        };
        store.add_event(&form, now()).unwrap().event.id
    }

    /// A submitted request for the minister (person 1) at `event`.
    fn submitted(store: &mut Store, event: i64) -> i64 {
        role(store, Role::CouncilOrganiser);
        let form = RequestForm {
            event: event.to_string(),
            person: "1".into(),
            ..Default::default()
        };
        let id = store.add_request(&form, now()).unwrap().id;
        move_as_set(
            store,
            id,
            RequestAction::Submit,
            &MoveNote::default(),
            now(),
        )
        .unwrap();
        id
    }

    /// A seeded database with two of the minister's requests, submitted:
    /// Kent's awards in Maidstone (10am to midday) and a lunch in
    /// Canterbury at 12:15pm, too soon after it to travel.
    fn two_submitted() -> (tempfile::TempDir, Store, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now()).unwrap();
        store.init().unwrap();
        let first = event(
            &mut store,
            "Kent care leavers' awards",
            "2014-10-28T10:00",
            "2014-10-28T12:00",
            "ME14 1XQ",
        );
        let second = event(
            &mut store,
            "Kent foster carers' lunch",
            "2014-10-28T12:15",
            "2014-10-28T13:30",
            "CT1 2EH",
        );
        let a = submitted(&mut store, first);
        let b = submitted(&mut store, second);
        (dir, store, a, b)
    }

    /// The board's folded group and its LGA-led slot link come from the
    /// core: the closed statuses' name, and the permission rule that the
    /// store applies when an organiser asks for a slot anyway.
    #[test]
    fn the_board_names_the_closed_group_and_offers_slots_by_the_cores_rule() {
        let (_dir, mut store, _, _) = two_submitted();
        let all = RequestListFilter::default();
        role(&mut store, Role::CouncilOrganiser);
        let board = RequestBoard::load(&store, &all).unwrap();
        assert_eq!(board.requests.len(), 2);
        assert_eq!(board.closed_label, "Declined and withdrawn");
        let closed: Vec<&str> = board
            .statuses
            .iter()
            .filter(|s| s.closed)
            .map(|s| s.label.as_str())
            .collect();
        assert_eq!(closed, ["Declined", "Withdrawn"]);
        assert!(!board.may_ask_for_lga_slot);
        let slot = RequestForm {
            person: "1".into(),
            title: "LGA reception".into(),
            ..Default::default()
        };
        let err = store.add_request(&slot, now()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden);

        role(&mut store, Role::LgaOfficer);
        assert!(
            RequestBoard::load(&store, &all)
                .unwrap()
                .may_ask_for_lga_slot
        );
    }

    /// The window's moves go through the core's rules: an organiser is
    /// refused forwarding with the CLI's message and offered no LGA move;
    /// an LGA officer forwards, then sees the clash warning before
    /// accepting, which is refused without a reason and kept with one.
    #[test]
    fn the_window_gets_the_cores_moves_refusals_and_clash_warning() {
        let (_dir, mut store, a, b) = two_submitted();

        let page = RequestPage::load(&store, a).unwrap();
        assert_eq!(page.request.status, RequestStatus::Submitted);
        assert_eq!(page.request.actions, vec![RequestAction::Withdraw]);
        assert!(!page.may_set_priority);
        assert!(page.clashes_if_accepted.is_empty());
        assert!(
            !page.has_briefing,
            "a submitted request has no briefing note"
        );
        let err = move_as_set(
            &mut store,
            a,
            RequestAction::Forward,
            &MoveNote::default(),
            now(),
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert!(
            err.message.starts_with("only an LGA officer"),
            "{}",
            err.message
        );

        role(&mut store, Role::LgaOfficer);
        for id in [a, b] {
            let page = move_as_set(
                &mut store,
                id,
                RequestAction::Forward,
                &MoveNote::default(),
                now(),
            )
            .unwrap();
            assert_eq!(page.request.status, RequestStatus::Forwarded);
        }
        let page = move_as_set(
            &mut store,
            a,
            RequestAction::Accept,
            &MoveNote::default(),
            now(),
        )
        .unwrap();
        assert_eq!(page.request.status, RequestStatus::Accepted);
        assert!(
            page.clashes_if_accepted.is_empty(),
            "an accepted request offers no accept"
        );
        assert!(
            page.has_briefing,
            "an accepted engagement has its briefing note"
        );

        // Maidstone to Canterbury in 15 minutes cannot be done.
        let page = RequestPage::load(&store, b).unwrap();
        assert!(page.may_set_priority);
        assert_eq!(
            page.request.actions,
            vec![RequestAction::Accept, RequestAction::Decline]
        );
        assert_eq!(
            page.clashes_if_accepted,
            store.clashes_if_accepted(b).unwrap()
        );
        assert_eq!(page.clashes_if_accepted.len(), 1);
        assert!(
            page.clashes_if_accepted[0].contains("Kent care leavers' awards"),
            "{:?}",
            page.clashes_if_accepted
        );
        let err = move_as_set(
            &mut store,
            b,
            RequestAction::Accept,
            &MoveNote::default(),
            now(),
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict, "{}", err.message);
        assert_eq!(store.request(b).unwrap().status, RequestStatus::Forwarded);
        let reason = MoveNote {
            note: String::new(),
            override_reason: "The minister's car is on standby".into(),
        };
        let page = move_as_set(&mut store, b, RequestAction::Accept, &reason, now()).unwrap();
        assert_eq!(page.request.status, RequestStatus::Accepted);
        let history = page.request.history.unwrap();
        assert_eq!(
            history.last().unwrap().override_reason.as_deref(),
            Some("The minister's car is on standby")
        );
    }

    /// The planner's page says who may forward; the core refuses anyone
    /// else, and forwarding sends exactly the plan's submitted requests,
    /// after which the plan has nothing left to forward.
    #[test]
    fn the_plan_is_forwarded_in_one_step_by_an_lga_officer_only() {
        let (_dir, mut store, a, b) = two_submitted();
        store.set_request_priority(a, "5", now()).unwrap_err();

        let page = PlanPage::load(&store, 1, "2014-10-28").unwrap();
        assert!(!page.may_forward);
        assert_eq!(page.itinerary.candidates.len(), 2);
        let err = store
            .forward_plan(1, plan_day("2014-10-28").unwrap(), now())
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden);

        role(&mut store, Role::LgaOfficer);
        store.set_request_priority(a, "5", now()).unwrap();
        let page = PlanPage::load(&store, 1, "").unwrap();
        assert!(page.may_forward);
        assert_eq!(
            page.itinerary.chosen,
            vec![a],
            "the two cannot both be kept"
        );
        assert_eq!(page.itinerary.to_forward, vec![a]);
        assert_eq!(page.itinerary.left_out[0].id, b);
        let forwarded = {
            let f = store.forward_plan(1, None, now()).unwrap();
            let plan = PlanPage::load(&store, 1, "").unwrap();
            ForwardedPlan { forwarded: f, plan }
        };
        assert_eq!(
            forwarded.forwarded.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![a]
        );
        assert_eq!(store.request(a).unwrap().status, RequestStatus::Forwarded);
        assert_eq!(store.request(b).unwrap().status, RequestStatus::Submitted);
        assert!(forwarded.plan.itinerary.to_forward.is_empty());

        let err = plan_day("28/10/2014").unwrap_err();
        assert_eq!(err.field_errors()[0].field, "day");
    }

    #[test]
    fn the_board_filter_narrows_by_each_field_given() {
        let filter: RequestListFilter =
            serde_json::from_str(r#"{"programme":"","status":"forwarded","person":2}"#).unwrap();
        assert_eq!(
            filter.to_core(),
            RequestFilter {
                status: Some(RequestStatus::Forwarded),
                person: Some(2),
                event: None,
                programme: None,
            }
        );
        let filter: RequestListFilter = serde_json::from_str(r#"{"programme":"2014"}"#).unwrap();
        assert_eq!(filter.to_core().programme.as_deref(), Some("2014"));
    }
}
