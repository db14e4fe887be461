//! Errors as the UI receives them: a small set of kinds, a message for people, and the field when
//! the input was at fault.

use serde::Serialize;
use specta::Type;
use stakemap_core::ErrorKind;

/// An error returned by a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    /// The field at fault (`contact.name`), for `invalid` errors.
    pub field: Option<String>,
}

impl AppError {
    /// A storage-kind error with a message.
    pub fn storage(message: impl Into<String>) -> Self {
        AppError {
            kind: ErrorKind::Storage,
            message: message.into(),
            field: None,
        }
    }

    /// An error saying no map is open (the start-up map could not be opened).
    pub fn no_map() -> Self {
        AppError {
            kind: ErrorKind::Incompatible,
            message: "No map is open. Create a new map or open another one.".into(),
            field: None,
        }
    }
}

impl From<stakemap_core::Error> for AppError {
    fn from(error: stakemap_core::Error) -> Self {
        AppError {
            kind: error.kind(),
            field: error.field().map(str::to_string),
            message: error.to_string(),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}
