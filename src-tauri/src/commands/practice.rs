//! Good practice: the councils' case studies listed (by the core's
//! `PracticeFilter`), read, added, changed and moved on (submitted,
//! approved, returned, published with the consent check). Every rule is the
//! core's (`cpweek_core::practice`, `Store::practice_*`); what a person may
//! do to an entry is `Store::practice_actions`.

use chrono::{DateTime, Utc};
use cpweek_core::permission::PracticeAction;
use cpweek_core::practice::{PracticeEntry, PracticeFilter, PracticeForm, PracticeStep};
use cpweek_core::store::PracticeHistoryEntry;
use cpweek_core::Store;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::IpcResult;
use crate::state::AppState;

/// One entry's page: the entry, what the person in Settings may do to it
/// now, and its history.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct PracticePage {
    pub entry: PracticeEntry,
    /// The core's `practice_actions`: the page offers these only.
    pub actions: Vec<PracticeAction>,
    /// What happened to it, when and by whom, oldest first.
    pub history: Vec<PracticeHistoryEntry>,
}

/// What saving the form did: the entry's page, and whether anything changed.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SavedPractice {
    #[ts(type = "number")]
    pub id: i64,
    pub changed: bool,
}

pub(crate) fn page(store: &Store, entry: PracticeEntry) -> cpweek_core::Result<PracticePage> {
    Ok(PracticePage {
        actions: store.practice_actions(&entry)?,
        history: store.practice_history(entry.id)?,
        entry,
    })
}

/// The entries of a programme that match every filter given.
#[tauri::command(async)]
pub fn list_practice(
    state: State<'_, AppState>,
    filter: PracticeFilter,
) -> IpcResult<Vec<PracticeEntry>> {
    Ok(state.store().practice_entries(&filter)?)
}

#[tauri::command(async)]
pub fn get_practice(state: State<'_, AppState>, id: i64) -> IpcResult<PracticePage> {
    let store = state.store();
    let entry = store.practice_entry(id)?;
    Ok(page(&store, entry)?)
}

/// The edit form for entry `id`, filled in with its values.
#[tauri::command(async)]
pub fn get_practice_form(state: State<'_, AppState>, id: i64) -> IpcResult<PracticeForm> {
    Ok(state.store().practice_entry(id)?.to_form())
}

/// Adds an entry as a draft (`id` none) or changes entry `id`, as the
/// person in Settings.
#[tauri::command(async)]
pub fn save_practice(
    state: State<'_, AppState>,
    id: Option<i64>,
    form: PracticeForm,
) -> IpcResult<SavedPractice> {
    save(&mut state.store(), id, &form, Utc::now())
}

pub(crate) fn save(
    store: &mut Store,
    id: Option<i64>,
    form: &PracticeForm,
    now: DateTime<Utc>,
) -> IpcResult<SavedPractice> {
    Ok(match id {
        None => SavedPractice {
            id: store.add_practice(form, now)?.id,
            changed: true,
        },
        Some(id) => {
            let saved = store.edit_practice(id, form, now)?;
            SavedPractice {
                id: saved.entry.id,
                changed: saved.changed,
            }
        }
    })
}

/// Submits, approves, returns (with a note) or publishes (with the consent
/// check) entry `id`, as the person in Settings.
#[tauri::command(async)]
pub fn practice_step(
    state: State<'_, AppState>,
    id: i64,
    step: PracticeStep,
) -> IpcResult<PracticePage> {
    step_as_set(&mut state.store(), id, &step, Utc::now())
}

pub(crate) fn step_as_set(
    store: &mut Store,
    id: i64,
    step: &PracticeStep,
    now: DateTime<Utc>,
) -> IpcResult<PracticePage> {
    let entry = store.practice_step(id, step, now)?;
    Ok(page(store, entry)?)
}

#[cfg(test)]
#[path = "practice_tests.rs"]
mod tests;
