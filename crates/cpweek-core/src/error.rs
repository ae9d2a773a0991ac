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
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
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
            Error::Seed { .. } | Error::Storage(_) => ErrorCode::Storage,
            Error::Io { .. } => ErrorCode::Io,
        }
    }

    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    /// The field errors, if this is a validation error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
