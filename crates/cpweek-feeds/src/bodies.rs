//! The last body made for each feed, shared by every request for it until
//! the store changes: a hundred partners fetching the national feed at once
//! share one copy of its bytes (`Bytes` is reference-counted), and it is
//! made once, not a hundred times.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use cpweek_core::ics::{Privacy, Scope};
use cpweek_core::{Error, Store};

/// One feed as made, with what its answers carry.
#[derive(Debug)]
pub(crate) struct Made {
    /// The store's version it was made from (see [`version`]).
    version: String,
    pub(crate) body: Bytes,
    pub(crate) etag: String,
    pub(crate) last_change: Option<DateTime<Utc>>,
}

/// The feeds made so far, one per scope (keyed by the scope as resolved); each behind its own lock, so that
/// requests for one feed wait for the one making it while other feeds are
/// made alongside.
#[derive(Debug, Default)]
pub(crate) struct Bodies {
    slots: Mutex<HashMap<String, Arc<Slot>>>,
}

/// One feed's last body, if any; locked while it is being made.
type Slot = Mutex<Option<Arc<Made>>>;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves nothing half-done here (a slot
    // is replaced whole), so a poisoned lock is still usable.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Bodies {
    /// The feed of `scope` as it is in `store` now: the body made earlier if
    /// the store has not changed since, otherwise made afresh (once, however
    /// many requests ask at the same time). Never holds private events.
    pub(crate) fn get(&self, store: &Store, scope: &Scope) -> Result<Arc<Made>, Error> {
        let version = version(store)?;
        let slot = lock(&self.slots)
            .entry(format!("{scope:?}"))
            .or_default()
            .clone();
        let mut made = lock(&slot);
        if let Some(m) = made.as_ref().filter(|m| m.version == version) {
            return Ok(m.clone());
        }
        // The current programme; partner feeds never hold private events.
        let exported = store.export_ics(scope, "", Privacy::PublicOnly)?;
        let fresh = Arc::new(Made {
            etag: crate::etag(&exported.body),
            // The String's buffer becomes the Bytes' without a copy.
            body: Bytes::from(exported.body),
            last_change: exported.last_change,
            version,
        });
        *made = Some(fresh.clone());
        drop(made);
        self.forget_older_than(&fresh.version);
        Ok(fresh)
    }

    /// Drops other feeds made from an older version of the store, so that
    /// at most one version of each feed is kept (one being made is left).
    fn forget_older_than(&self, version: &str) {
        let slots: Vec<_> = lock(&self.slots).values().cloned().collect();
        for slot in slots {
            if let Ok(mut made) = slot.try_lock() {
                if made.as_ref().is_some_and(|m| m.version != version) {
                    *made = None;
                }
            }
        }
    }
}

/// What a feed's bytes depend on, as a short text that changes whenever any
/// of it does: the store's stamp of its events and of the reference data
/// named in feeds (the programme, regions, councils, themes), which every
/// change by any process moves (`Store::app_stamp`). Much cheaper than
/// making the feed.
fn version(store: &Store) -> Result<String, Error> {
    let stamp = store.app_stamp()?;
    Ok(format!("{}/{}", stamp.reference, stamp.events))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpweek_core::event::EventForm;
    use cpweek_core::store::Open;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2014-10-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn requests_share_one_body_until_the_store_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cpweek.db");
        let mut store = Store::open(&path, Open::CreateIfMissing, now()).unwrap();
        store.init().unwrap();
        let bodies = Bodies::default();
        let council = Scope::Council("886".into());

        let first = bodies.get(&store, &council).unwrap();
        // Another request, on its own connection as the server makes one.
        let other = Store::open(&path, Open::Existing, now()).unwrap();
        let again = bodies.get(&other, &council).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(first.body.as_ptr(), again.body.as_ptr(), "one allocation");

        // Each feed has its own body.
        let national = bodies.get(&store, &Scope::National).unwrap();
        assert_ne!(national.body.as_ptr(), first.body.as_ptr());

        // A change is seen by the next request, and the old body is let go.
        let form = EventForm {
            council: "886".into(),
            title: "Kent open day".into(),
            start: "2014-10-28T10:00".into(),
            end: "2014-10-28T12:00".into(),
            ..EventForm::default()
        };
        store.add_event(&form, now()).unwrap();
        let changed = bodies.get(&other, &council).unwrap();
        assert!(!Arc::ptr_eq(&first, &changed));
        assert!(std::str::from_utf8(&changed.body)
            .unwrap()
            .contains("SUMMARY:Kent open day"));
        assert_ne!(changed.etag, first.etag);
        let slot = lock(&bodies.slots)[&format!("{:?}", Scope::National)].clone();
        assert!(lock(&slot).is_none(), "a body of an older version is kept");
    }
}
