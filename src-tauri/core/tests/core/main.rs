//! Integration tests of `stakemap-core`, as one test binary: opening and locking maps, the
//! operation API with its validation, undo and redo, the demo map, and long random edit sequences.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod demo;
mod locking;
mod open;
mod ops;
mod random;
mod undo;
mod validation;
