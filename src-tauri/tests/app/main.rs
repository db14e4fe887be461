//! Tests of the desktop shell without a window: the command handlers against real map files,
//! the generated bindings, and the security configuration.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bindings;
mod handlers;
mod interchange;
mod packaging;
mod security;
