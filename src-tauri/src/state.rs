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

    /// Runs `pick` (a native file dialog) with the database closed, then
    /// opens it again. GTK may open and close the database file while its
    /// dialog lists a folder (to sniff the file's type), and closing any
    /// descriptor of a file drops all of this process's POSIX locks on it:
    /// a `cpweek` CLI closing next would think it was the last user, delete
    /// the WAL, and this app's later writes would go to a deleted file.
    /// Other commands wait for the lock meanwhile, as for a modal dialog.
    pub fn with_database_closed<T>(&self, pick: impl FnOnce() -> T) -> cpweek_core::Result<T> {
        let mut store = self.store();
        let path = store.path().to_path_buf();
        let now = Utc::now();
        // Dropping the only connection closes every descriptor SQLite holds.
        drop(std::mem::replace(&mut *store, Store::open_in_memory(now)?));
        let picked = pick();
        *store = Store::open(&path, Open::Existing, now)?;
        Ok(picked)
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        // A command that panicked cannot have left a transaction open
        // (rusqlite rolls back on drop), so the store is still sound.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}
