//! Typed errors. Every error has a [`ErrorCode`] from a closed set, which is
//! what crosses IPC and what the UI branches on; the message is for people.

use serde::Serialize;
use ts_rs::TS;

/// One problem with one field of user input, named the way the form and the
/// CLI name it (`title`, `end`, `contact_email`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    #[ts(type = "string")]
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// User input that breaks a rule; one entry per field at fault.
    #[error("{}", join_messages(.0))]
    Invalid(Vec<FieldError>),
    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },
    /// The request is well formed but the record's state forbids it, for
    /// example approving a cancelled event.
    #[error("{0}")]
    Conflict(String),
    /// The person's role does not allow the action (see
    /// [`crate::permission`]); the message says which role may.
    #[error("{0}")]
    Forbidden(String),
    #[error("there is no cpweek database at {path}; run `cpweek init` first")]
    NotInitialised { path: String },
    #[error("seed file {file}, line {line}: {message}")]
    Seed {
        file: &'static str,
        line: u64,
        message: String,
    },
    /// A database error with no file named yet. Its message is a plain
    /// sentence: SQLite's own words (which can quote SQL) stay in
    /// [`std::error::Error::source`], for logs.
    #[error("{}", Unusable::of(.0).sentence(None))]
    Storage(#[from] rusqlite::Error),
    /// The database file cannot be used as it is (read-only, made by a newer
    /// cpweek, not cpweek's, busy, damaged, ...): a plain sentence naming
    /// the file and what to do. SQLite's detail, if any, is the source.
    #[error("{}", .problem.sentence(Some(.path.as_str())))]
    Database {
        path: String,
        problem: Unusable,
        #[source]
        source: Option<rusqlite::Error>,
    },
    /// A chosen file exists and the person did not say it may be replaced.
    /// (The CLI names its own flag for that.)
    #[error("{path} already exists; choose another file name, or say that it may be replaced")]
    Exists { path: String },
    /// A document could not be set as a PDF (see [`crate::document`]).
    /// The detail is the typesetter's; no text of the document is read as
    /// markup, so this is a fault of cpweek's, not of the input.
    #[error("the document could not be made into a PDF: {detail}")]
    Typeset { detail: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// What makes a database file unusable, as a person would be told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// A write was asked of a file this process may only read.
    ReadOnly,
    /// The schema is older than this cpweek's and the file is read-only,
    /// so it cannot be brought up to date.
    ReadOnlyBehind { found: i64, known: i64 },
    /// Made by a newer cpweek: its schema version is above any this one knows.
    Newer { found: i64, known: i64 },
    /// A SQLite database, but its tables are not (or no longer) cpweek's.
    Foreign,
    /// Not a SQLite database at all.
    NotADatabase,
    /// Another connection held the write lock for longer than the store
    /// waits ([`crate::store::BUSY_WAIT`]).
    Busy,
    /// SQLite found the file damaged.
    Damaged,
    /// The disk is full.
    Full,
    /// Anything else SQLite refused (it cannot open the file, an I/O
    /// error, a value it cannot read ...).
    Failed,
}

impl Unusable {
    /// Sorts a SQLite error into what a person can act on.
    pub fn of(error: &rusqlite::Error) -> Unusable {
        use rusqlite::ErrorCode as C;
        match error.sqlite_error_code() {
            Some(C::ReadOnly) => Unusable::ReadOnly,
            Some(C::NotADatabase) => Unusable::NotADatabase,
            Some(C::DatabaseBusy | C::DatabaseLocked) => Unusable::Busy,
            Some(C::DatabaseCorrupt) => Unusable::Damaged,
            Some(C::DiskFull) => Unusable::Full,
            _ => Unusable::Failed,
        }
    }

    /// The sentence for a person, naming the file when it is known.
    fn sentence(&self, path: Option<&str>) -> String {
        let db = match path {
            Some(p) => format!("the database {p}"),
            None => "the database".to_string(),
        };
        let wait = crate::store::BUSY_WAIT.as_secs();
        match *self {
            Unusable::ReadOnly => format!(
                "{db} is read-only, so cpweek cannot change it: make the file and its folder \
                 writable for you, or work on a copy"
            ),
            Unusable::ReadOnlyBehind { found, known } => format!(
                "{db} is read-only and its schema (version {found}) is older than this \
                 cpweek's (version {known}), so it cannot be brought up to date: make the file \
                 and its folder writable for you and run `cpweek init` once"
            ),
            Unusable::Newer { found, known } => format!(
                "this database was made by a newer cpweek (schema version {found}; this cpweek \
                 knows up to {known}): {} was left unchanged; use the newer cpweek with it",
                path.unwrap_or("it")
            ),
            Unusable::Foreign => format!(
                "{} is a SQLite database but not one cpweek can use (its tables are not \
                 cpweek's, or have been changed); it was left unchanged: check the path, or \
                 restore a back-up",
                path.unwrap_or("the file")
            ),
            Unusable::NotADatabase => format!(
                "{} is not a cpweek database (it is not a SQLite database file at all); it was \
                 left unchanged: check the path",
                path.unwrap_or("the file")
            ),
            Unusable::Busy => format!(
                "{db} is busy: another program has been writing to it for over {wait} seconds; \
                 try again when it has finished"
            ),
            Unusable::Damaged => format!("{db} is damaged; restore it from a back-up"),
            Unusable::Full => {
                format!("the disk holding {db} is full; free some space and try again")
            }
            Unusable::Failed => format!(
                "{db} could not be read or written: check that the file and its folder exist \
                 and that you may use them"
            ),
        }
    }
}

fn join_messages(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The closed set of error codes. Adding one is a change to the IPC contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    Conflict,
    Forbidden,
    NotInitialised,
    Storage,
    /// The database file is read-only (and the action would change it).
    ReadOnly,
    /// The database file is not one this cpweek can use: made by a newer
    /// cpweek, someone else's SQLite database, or not a database at all.
    Incompatible,
    Io,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::NotInitialised { .. } => ErrorCode::NotInitialised,
            Error::Exists { .. } => ErrorCode::InvalidInput,
            Error::Seed { .. } => ErrorCode::Storage,
            Error::Storage(e) => Unusable::of(e).code(),
            Error::Database { problem, .. } => problem.code(),
            Error::Io { .. } | Error::Typeset { .. } => ErrorCode::Io,
        }
    }

    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    /// The same error, naming the database file it happened to (a storage
    /// error becomes [`Error::Database`]); other errors are unchanged.
    pub fn in_database(self, path: &std::path::Path) -> Error {
        match self {
            Error::Storage(source) => Error::Database {
                path: path.display().to_string(),
                problem: Unusable::of(&source),
                source: Some(source),
            },
            other => other,
        }
    }

    /// The field errors, if this is a validation error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

impl Unusable {
    pub fn code(&self) -> ErrorCode {
        match self {
            Unusable::ReadOnly | Unusable::ReadOnlyBehind { .. } => ErrorCode::ReadOnly,
            Unusable::Newer { .. } | Unusable::Foreign | Unusable::NotADatabase => {
                ErrorCode::Incompatible
            }
            Unusable::Busy | Unusable::Damaged | Unusable::Full | Unusable::Failed => {
                ErrorCode::Storage
            }
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
