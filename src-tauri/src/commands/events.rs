//! Listing, reading, checking, saving and reviewing events.

use chrono::Utc;
use cpweek_core::event::{Event, EventForm, Review};
use cpweek_core::store::{EventFilter, Saved};
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
}

impl From<Event> for EventView {
    fn from(event: Event) -> Self {
        let when = event.when();
        let start_time = time::format_time(event.start.time());
        let search_text = filter::search_text(&event);
        EventView {
            event,
            when,
            start_time,
            search_text,
        }
    }
}

/// What saving a form did: the event, warnings that did not stop it (for
/// example, outside the week), and whether anything changed.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SavedEvent {
    pub event: EventView,
    pub warnings: Vec<String>,
    pub changed: bool,
}

impl From<Saved> for SavedEvent {
    fn from(saved: Saved) -> Self {
        SavedEvent {
            event: saved.event.into(),
            warnings: saved.warnings,
            changed: saved.changed,
        }
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
    let events = state.store().events(&filter)?;
    Ok(events.into_iter().map(EventView::from).collect())
}

#[tauri::command(async)]
pub fn get_event(state: State<'_, AppState>, id: i64) -> IpcResult<EventView> {
    Ok(state.store().event(id)?.into())
}

/// The edit form for event `id`, filled in with its values.
#[tauri::command(async)]
pub fn get_event_form(state: State<'_, AppState>, id: i64) -> IpcResult<EventForm> {
    Ok(state.store().event(id)?.to_form())
}

#[tauri::command(async)]
pub fn add_event(state: State<'_, AppState>, form: EventForm) -> IpcResult<SavedEvent> {
    Ok(state.store().add_event(&form, Utc::now())?.into())
}

#[tauri::command(async)]
pub fn edit_event(state: State<'_, AppState>, id: i64, form: EventForm) -> IpcResult<SavedEvent> {
    Ok(state.store().edit_event(id, &form, Utc::now())?.into())
}

/// Approves, returns or cancels an event, as far as the user's role allows
/// (organisers may only cancel).
#[tauri::command(async)]
pub fn review_event(
    state: State<'_, AppState>,
    id: i64,
    review: ReviewAction,
) -> IpcResult<EventView> {
    let review = review.into();
    let mut store = state.store();
    store.settings()?.role.may(&review)?;
    Ok(store.review_event(id, &review, Utc::now())?.into())
}
