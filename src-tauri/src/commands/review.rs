//! The LGA's review queue: what awaits the LGA's review, and a selection of
//! it approved or returned at once. Which events are in the queue, and
//! what a decision does, are the core's (`cpweek_core::review`,
//! `Store::review_events`): one call, one transaction, all or none.

use chrono::{DateTime, Utc};
use cpweek_core::permission::{self, EventAction};
use cpweek_core::store::{QueueFilter, Queued};
use cpweek_core::Store;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::commands::events::ReviewAction;
use crate::error::IpcResult;
use crate::state::AppState;

/// The review queue as the screen shows it: the events awaiting review,
/// each with the decisions the person in the settings may make on it, and
/// why they may make none, in the core's words.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ReviewQueue {
    pub events: Vec<Queued>,
    /// Why this person may not approve or return events (the core's
    /// refusal, [`permission::check`]); none for an LGA officer.
    pub refusal: Option<String>,
}

impl ReviewQueue {
    fn load(store: &Store, filter: &QueueFilter) -> cpweek_core::Result<Self> {
        let role = store.settings()?.role;
        Ok(ReviewQueue {
            events: store.review_queue(filter)?,
            refusal: permission::check(role, EventAction::Approve)
                .err()
                .map(|e| e.to_string()),
        })
    }
}

/// The review queue, narrowed by `filter` (by council or region).
#[tauri::command(async)]
pub fn review_queue(state: State<'_, AppState>, filter: QueueFilter) -> IpcResult<ReviewQueue> {
    Ok(ReviewQueue::load(&state.store(), &filter)?)
}

/// What a decision on a selection did.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ReviewedSelection {
    /// How many events the decision was made on (each once).
    pub events: usize,
    /// What it did to other records (requests to attend), for people.
    pub notices: Vec<String>,
}

/// Approves or returns (with a note) every event in `ids` as the person in
/// Settings, in one transaction: the core refuses the whole selection when
/// it refuses one event, naming it, and then nothing has changed.
#[tauri::command(async)]
pub fn review_selected(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    review: ReviewAction,
) -> IpcResult<ReviewedSelection> {
    review_selection(&mut state.store(), &ids, review, Utc::now())
}

fn review_selection(
    store: &mut Store,
    ids: &[i64],
    review: ReviewAction,
    now: DateTime<Utc>,
) -> IpcResult<ReviewedSelection> {
    let saved = store.review_events(ids, &review.into(), now)?;
    Ok(ReviewedSelection {
        events: saved.len(),
        notices: saved.into_iter().flat_map(|s| s.notices).collect(),
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use cpweek_core::event::EventForm;
    use cpweek_core::event::Status;
    use cpweek_core::permission::Role;
    use cpweek_core::store::{Open, SettingsForm};
    use cpweek_core::ErrorCode;

    use super::*;

    fn store_with(titles: &[&str], now: DateTime<Utc>) -> (tempfile::TempDir, Store, Vec<i64>) {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now).unwrap();
        store.init().unwrap();
        let ids = titles
            .iter()
            .map(|title| {
                let form = EventForm {
                    council: "Kent".into(),
                    title: (*title).into(),
                    start: "2014-10-28T10:00".into(),
                    end: "2014-10-28T12:00".into(),
                    ..Default::default()
                };
                store.add_event(&form, now).unwrap().event.id
            })
            .collect();
        (dir, store, ids)
    }

    fn status(store: &Store, id: i64) -> Status {
        store.event(id).unwrap().status
    }

    /// The window's selection goes through the core's one transaction: an
    /// organiser is refused with `forbidden`; a selection with one event
    /// the core refuses is refused whole, naming it, and nothing changes;
    /// an LGA officer's selection is approved at once and leaves the queue.
    #[test]
    fn a_selection_is_reviewed_whole_or_not_at_all() {
        let now = Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap();
        let (_dir, mut store, ids) =
            store_with(&["Kent open day", "Kent fun run", "Kent quiz"], now);

        let err = review_selection(&mut store, &ids, ReviewAction::Approve, now).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        // The screen says so before anyone tries, in the same words.
        let seen = ReviewQueue::load(&store, &QueueFilter::default()).unwrap();
        assert_eq!(seen.refusal.as_deref(), Some(err.message.as_str()));
        assert_eq!(seen.events.len(), 3);
        assert!(seen.events.iter().all(|q| q.decisions.is_empty()));
        assert!(ids
            .iter()
            .all(|&id| status(&store, id) == Status::Submitted));

        store
            .save_settings(&SettingsForm {
                role: Some(Role::LgaOfficer),
                name: Some("Jo Bloggs".into()),
                ..Default::default()
            })
            .unwrap();
        let seen = ReviewQueue::load(&store, &QueueFilter::default()).unwrap();
        assert_eq!(seen.refusal, None);
        assert!(seen.events.iter().all(|q| q.decisions.len() == 2));
        let unknown = ids.iter().max().unwrap() + 100;
        let err = review_selection(&mut store, &[ids[0], unknown], ReviewAction::Approve, now)
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound, "{}", err.message);
        assert!(
            err.message.contains(&unknown.to_string()),
            "{}",
            err.message
        );
        assert_eq!(status(&store, ids[0]), Status::Submitted);

        let err = review_selection(
            &mut store,
            &ids[..2],
            ReviewAction::Return { note: "  ".into() },
            now,
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert_eq!(err.fields.len(), 1);
        assert_eq!(err.fields[0].field, "note");

        let done = review_selection(&mut store, &ids[..2], ReviewAction::Approve, now).unwrap();
        assert_eq!(done.events, 2);
        assert_eq!(status(&store, ids[0]), Status::Approved);
        assert_eq!(status(&store, ids[1]), Status::Approved);
        let queue: Vec<i64> = store
            .review_queue(&QueueFilter::default())
            .unwrap()
            .into_iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(queue, vec![ids[2]]);

        // Approved already and not changed since: the whole selection is
        // refused, naming that event.
        let err = review_selection(&mut store, &[ids[2], ids[0]], ReviewAction::Approve, now)
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert!(
            err.message.starts_with(&format!("event {}:", ids[0])),
            "{}",
            err.message
        );
        assert_eq!(status(&store, ids[2]), Status::Submitted);
    }
}
