//! The core's one error type, and the small set of kinds the UI and CLI act on.

use std::path::{Path, PathBuf};

/// What went wrong, with a message that names the place (field, file, id).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value was refused; `field` names it (`contact.name`, `stake.influence`...).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// No item of that kind has that id.
    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: String },
    /// Another process (or window) is writing this map.
    #[error(
        "{} is already open in another Stakemap window or process; close it there first",
        path.display()
    )]
    AlreadyOpen { path: PathBuf },
    /// The map was written by a newer Stakemap; it is left untouched.
    #[error(
        "{} was written by a newer version of Stakemap (map format {found}, this version reads up \
         to {supported}); update Stakemap to open it. The file was not changed.",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The file is not a Stakemap map (or is damaged beyond reading).
    #[error("{} is not a Stakemap map: {reason}", path.display())]
    NotAMap { path: PathBuf, reason: String },
    /// The map file is damaged (SQLite's check found corrupt pages). It is left as it is; the
    /// message names the latest backup that passes the check, if there is one.
    #[error("{}", damaged_message(path, detail, latest_backup.as_deref()))]
    Damaged {
        path: PathBuf,
        /// What SQLite's check reported.
        detail: String,
        /// The id of the newest backup that passes `PRAGMA quick_check`.
        latest_backup: Option<String>,
    },
    /// The map is opened read-only and cannot take changes.
    #[error("this map is open read-only")]
    ReadOnly,
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// SQLite refused an operation (disk full, I/O error, constraint).
    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),
}

/// The kinds of error the UI distinguishes; each comes with a message for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Bad input: fix the named field.
    Invalid,
    /// The item is gone (deleted elsewhere, or a stale view).
    NotFound,
    /// The map is open somewhere else.
    AlreadyOpen,
    /// The file is from a newer version, not a map, or read-only.
    Incompatible,
    /// Disk, I/O or database failure: nothing was changed.
    Storage,
}

impl Error {
    /// The kind of this error, for callers that branch on it.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::AlreadyOpen { .. } => ErrorKind::AlreadyOpen,
            Error::TooNew { .. }
            | Error::NotAMap { .. }
            | Error::Damaged { .. }
            | Error::ReadOnly => ErrorKind::Incompatible,
            Error::Io { .. } | Error::Storage(_) => ErrorKind::Storage,
        }
    }

    /// The field an `Invalid` error is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A `Damaged` error for `path`, naming its latest good backup.
    pub(crate) fn damaged(path: &Path, detail: impl Into<String>) -> Self {
        Error::Damaged {
            path: path.to_path_buf(),
            detail: detail.into(),
            latest_backup: crate::backup::latest_good_backup(path).map(|b| b.id),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with the core's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn damaged_message(path: &Path, detail: &str, latest_backup: Option<&str>) -> String {
    let backup = match latest_backup {
        Some(id) => format!(
            "The latest good backup is {id} (in {}); restore it to go on working.",
            crate::backup::backup_dir(path).display()
        ),
        None => "No good backup of it was found.".to_string(),
    };
    format!(
        "{} is damaged and was not opened (SQLite's check found: {detail}). The file was left \
         as it is. {backup}",
        path.display()
    )
}
