//! Why a command failed, with the message for people and the exit status for scripts.

use std::fmt;
use std::process::ExitCode;

use stakemap_core::ErrorKind;

/// A failed command: printed as `stakemap: <message>`, exits with [`Failure::code`].
#[derive(Debug)]
pub struct Failure {
    message: String,
    invalid_input: bool,
}

impl Failure {
    /// A failure that is not the user's input (exit status 1).
    pub fn other(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            invalid_input: false,
        }
    }

    /// Refused input (exit status 2).
    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            invalid_input: true,
        }
    }

    /// The exit status: 2 for invalid input, 1 for anything else.
    pub fn code(&self) -> ExitCode {
        if self.invalid_input {
            ExitCode::from(2)
        } else {
            ExitCode::FAILURE
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<stakemap_core::Error> for Failure {
    fn from(error: stakemap_core::Error) -> Failure {
        let message = error.to_string();
        match error.kind() {
            ErrorKind::Invalid => Failure::invalid(message),
            _ => Failure::other(message),
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Failure {
        Failure::other(format!("cannot write JSON: {error}"))
    }
}
