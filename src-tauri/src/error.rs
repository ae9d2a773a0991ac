//! How errors cross IPC: `{code, message, fields}`. The UI branches on
//! `code` (a closed set, cpweek-core's [`ErrorCode`]), never on `message`.

use cpweek_core::{ErrorCode, FieldError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// For `invalid_input`: each field at fault, for the error summary.
    pub fields: Vec<FieldError>,
}

impl From<cpweek_core::Error> for IpcError {
    fn from(error: cpweek_core::Error) -> Self {
        IpcError {
            code: error.code(),
            message: error.to_string(),
            fields: error.field_errors().to_vec(),
        }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
