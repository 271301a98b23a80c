//! The store's integration tests: one binary, a module per concern, every test on
//! SQLite and (when configured) PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod aggregate;
mod board_stamps;
mod bulk;
mod ddl;
mod fields;
mod filters;
mod harness;
mod identity;
mod location;
mod migrations;
mod options;
mod paging;
mod parity;
mod readers;
mod record_events;
mod records;
mod search;
mod timeline;
mod views;
mod wal;
