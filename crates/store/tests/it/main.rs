//! The store's integration tests: one binary, a module per concern, every test on
//! SQLite and (when configured) PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;
mod records;
