//! Integration tests of `stakemap-core`, as one test binary: opening and locking maps, the
//! operation API with its validation, undo and redo, the demo map, and long random edit sequences.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod backup;
mod coverage;
mod coverage_engine;
mod coverage_props;
mod coverage_support;
mod crash;
mod demo;
mod faults;
mod interchange_contacts;
mod interchange_corpus;
mod interchange_json;
mod locking;
mod open;
mod ops;
mod random;
mod render;
mod settings;
mod undo;
mod validation;
