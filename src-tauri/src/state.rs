//! The app's one piece of state: the open store. rusqlite connections are
//! not `Sync`, so commands take the lock for the length of one user action.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chrono::Utc;
use cpweek_core::store::{self, Open};
use cpweek_core::Store;

pub struct AppState {
    store: Mutex<Store>,
}

impl AppState {
    /// Opens the database `CPWEEK_DB` names (as the CLI does), or the
    /// default one, creating and seeding it on first run.
    pub fn open() -> cpweek_core::Result<AppState> {
        let path = match std::env::var_os("CPWEEK_DB") {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => store::default_path()?,
        };
        let mut store = Store::open(&path, Open::CreateIfMissing, Utc::now())?;
        store.init()?;
        Ok(AppState {
            store: Mutex::new(store),
        })
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        // A command that panicked cannot have left a transaction open
        // (rusqlite rolls back on drop), so the store is still sound.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}
