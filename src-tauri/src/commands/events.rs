//! Listing, reading, checking, saving and reviewing events.

use chrono::Utc;
use cpweek_core::event::{Event, EventForm, Review};
use cpweek_core::permission::{self, EventAction, Role};
use cpweek_core::store::{EventFilter, HistoryEntry, Saved};
use cpweek_core::Store;
use cpweek_core::{filter, time};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::IpcResult;
use crate::state::AppState;

/// An event as the screens show it: the stored event plus when it happens,
/// written by the core for people ("Tuesday 28 October 2014, 10am to midday").
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct EventView {
    #[serde(flatten)]
    pub event: Event,
    pub when: String,
    /// Its local start time for people (`10am`, `midday`), as the week's
    /// timetable labels it.
    pub start_time: String,
    /// What the events table's search looks in, made by the core
    /// ([`cpweek_core::filter::search_text`]), so the window searches
    /// exactly what `cpweek event list --search` does.
    pub search_text: String,
    /// What the person may do to it now, by their role and its status
    /// ([`cpweek_core::permission::actions`]): the page offers these only.
    pub actions: Vec<EventAction>,
}

impl EventView {
    /// The event as a person in `role` sees it.
    pub fn new(event: Event, role: Role) -> Self {
        let when = event.when();
        let start_time = time::format_time(event.start.time());
        let search_text = filter::search_text(&event);
        let actions = permission::actions(role, event.status);
        EventView {
            event,
            when,
            start_time,
            search_text,
            actions,
        }
    }

    /// The event as the person in the store's settings sees it, with what
    /// they may do now as the store says ([`Store::actions`]: an approved
    /// event whose change awaits review may be approved).
    fn seen_by(event: Event, store: &Store) -> cpweek_core::Result<Self> {
        let mut view = EventView::new(event, store.settings()?.role);
        view.actions = store.actions(&view.event)?;
        Ok(view)
    }
}

/// One event's page: the event and its history.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct EventPage {
    #[serde(flatten)]
    pub event: EventView,
    /// What happened to it, when and by whom, oldest first.
    pub history: Vec<HistoryEntry>,
    /// What the last action did to other records (attendance requests
    /// withdrawn with a cancelled event).
    pub notices: Vec<String>,
}

impl EventPage {
    fn load(event: Event, store: &Store) -> cpweek_core::Result<Self> {
        Self::with_notices(event, Vec::new(), store)
    }

    fn with_notices(
        event: Event,
        notices: Vec<String>,
        store: &Store,
    ) -> cpweek_core::Result<Self> {
        let history = store.event_history(event.id)?;
        Ok(EventPage {
            event: EventView::seen_by(event, store)?,
            history,
            notices,
        })
    }
}

/// What saving a form did: the event, warnings that did not stop it (for
/// example, outside the week), and whether anything changed.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SavedEvent {
    pub event: EventView,
    pub warnings: Vec<String>,
    /// What the change did to other records (attendance requests moved).
    pub notices: Vec<String>,
    pub changed: bool,
}

impl SavedEvent {
    fn new(saved: Saved, store: &Store) -> cpweek_core::Result<Self> {
        Ok(SavedEvent {
            event: EventView::seen_by(saved.event, store)?,
            warnings: saved.warnings,
            notices: saved.notices,
            changed: saved.changed,
        })
    }
}

/// A review decision as the window sends it.
#[derive(Debug, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
#[ts(export)]
pub enum ReviewAction {
    Approve,
    Return { note: String },
    Cancel { reason: String },
}

impl From<ReviewAction> for Review {
    fn from(action: ReviewAction) -> Self {
        match action {
            ReviewAction::Approve => Review::Approve,
            ReviewAction::Return { note } => Review::Return { note },
            ReviewAction::Cancel { reason } => Review::Cancel { reason },
        }
    }
}

#[tauri::command(async)]
pub fn list_events(state: State<'_, AppState>, filter: EventFilter) -> IpcResult<Vec<EventView>> {
    let store = state.store();
    let role = store.settings()?.role;
    let events = store.events(&filter)?;
    Ok(events
        .into_iter()
        .map(|e| EventView::new(e, role))
        .collect())
}

#[tauri::command(async)]
pub fn get_event(state: State<'_, AppState>, id: i64) -> IpcResult<EventPage> {
    let store = state.store();
    Ok(EventPage::load(store.event(id)?, &store)?)
}

/// The edit form for event `id`, filled in with its values.
#[tauri::command(async)]
pub fn get_event_form(state: State<'_, AppState>, id: i64) -> IpcResult<EventForm> {
    Ok(state.store().event(id)?.to_form())
}

#[tauri::command(async)]
pub fn add_event(state: State<'_, AppState>, form: EventForm) -> IpcResult<SavedEvent> {
    let mut store = state.store();
    let saved = store.add_event(&form, Utc::now())?;
    Ok(SavedEvent::new(saved, &store)?)
}

#[tauri::command(async)]
pub fn edit_event(state: State<'_, AppState>, id: i64, form: EventForm) -> IpcResult<SavedEvent> {
    let mut store = state.store();
    let saved = store.edit_event(id, &form, Utc::now())?;
    Ok(SavedEvent::new(saved, &store)?)
}

/// Approves, returns or cancels an event, as far as the person's role
/// allows: the core refuses the rest ([`cpweek_core::Error::Forbidden`]),
/// with the message the CLI prints.
#[tauri::command(async)]
pub fn review_event(
    state: State<'_, AppState>,
    id: i64,
    review: ReviewAction,
) -> IpcResult<EventPage> {
    review_as_set(&mut state.store(), id, review, Utc::now())
}

/// The review as the person in the store's settings makes it.
fn review_as_set(
    store: &mut Store,
    id: i64,
    action: ReviewAction,
    now: chrono::DateTime<Utc>,
) -> IpcResult<EventPage> {
    let saved = store.review_event(id, &action.into(), now)?;
    Ok(EventPage::with_notices(saved.event, saved.notices, store)?)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use cpweek_core::store::{Open, SettingsForm};
    use cpweek_core::ErrorCode;

    use super::*;

    /// The window's review goes through the same core rule as the CLI:
    /// an organiser's approval or return is refused with `forbidden` and
    /// the very message `cpweek event approve` prints, and nothing changes.
    #[test]
    fn the_window_gets_the_cores_refusal_for_a_role() {
        let now = Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now).unwrap();
        store.init().unwrap();
        let form = EventForm {
            council: "Kent".into(),
            title: "Kent open day".into(),
            start: "2014-10-28T10:00".into(),
            end: "2014-10-28T12:00".into(),
            ..Default::default()
        };
        let added = store.add_event(&form, now).unwrap().event;

        let err = review_as_set(&mut store, added.id, ReviewAction::Approve, now).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert_eq!(
            err.message,
            "only an LGA officer can approve an event; your role is council organiser: \
             change it in Settings or with `cpweek settings set --role lga-officer`"
        );
        let note = "Add a booking link".to_string();
        let err =
            review_as_set(&mut store, added.id, ReviewAction::Return { note }, now).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        let unchanged = store.event(added.id).unwrap();
        assert_eq!((unchanged.status, unchanged.sequence), (added.status, 0));
        let page = EventPage::load(unchanged, &store).unwrap();
        assert_eq!(
            page.event.actions,
            vec![EventAction::Edit, EventAction::Cancel]
        );
        assert_eq!(page.history.len(), 1, "only the add is recorded");

        store
            .save_settings(&SettingsForm {
                role: Some(Role::LgaOfficer),
                name: Some("Jo Bloggs".into()),
                ..Default::default()
            })
            .unwrap();
        let page = review_as_set(&mut store, added.id, ReviewAction::Approve, now).unwrap();
        assert_eq!(page.event.event.status.as_str(), "approved");
        assert_eq!(
            page.event.actions,
            vec![EventAction::Edit, EventAction::Return, EventAction::Cancel]
        );
        assert_eq!(
            page.history.last().unwrap().summary,
            "Approved by Jo Bloggs (LGA officer)"
        );
    }
}
