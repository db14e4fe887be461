//! Stakemap's core: the map model, its persistence in one SQLite file, and the operation API
//! through which the app and the command line change a map. It has no Tauri dependency.
//!
//! ```no_run
//! use stakemap_core::{Map, Op, Record, model::Organization};
//! let mut map = Map::open("accounts.stakemap")?;
//! let org = Organization { id: String::new(), name: "Northwind".into(), notes: String::new() };
//! map.apply(Op::Put { record: Record::Organization(org) })?;
//! map.undo()?;
//! # Ok::<(), stakemap_core::Error>(())
//! ```

pub mod backup;
pub mod coverage;
mod db;
pub mod demo;
mod error;
pub mod interchange;
pub mod large_map;
pub mod layout;
mod lock;
pub mod lookup;
mod map;
mod migrate;
pub mod model;
mod ops;
pub mod render;
pub mod validate;

pub use backup::{Backup, BackupReason, Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorKind, Result};
pub use lock::lock_path;
pub use map::{EXTENSION, HistoryState, Map, MapOptions, UNDO_LIMIT};
pub use migrate::LATEST as MAP_FORMAT;
pub use model::{EntityKind, Record, Snapshot, Summary};
pub use ops::{Change, ChangeSet, Op};
