//! `rapport-store` owns the database: `Db` over SQLite (rusqlite, one writer thread,
//! reader connections) and PostgreSQL (tokio-postgres, pooled), statements built by
//! sea-query, embedded migrations for both, runtime DDL for objects and fields, record
//! CRUD with optimistic concurrency, keyset pages, compiled filters, full-text search,
//! contact points, activity links, the audit log and the outbox of record events
//! (`record_events`). Every call takes an `Actor`. Every record write runs the
//! business rules it was opened with (`rules`: a hook the domain fills) inside its own
//! unit of work.
//! The system tables of identity (users, teams, roles, sessions, API tokens, security
//! events), and the saved list views and recently viewed records of users, have their
//! own rows and functions, run by the domain's units of work.

pub mod access;
pub mod agenda;
pub mod aggregate;
pub mod attempts;
pub mod audit;
pub mod bulk;
pub mod columns;
pub mod conn;
pub mod contacts;
pub mod credentials;
pub mod db;
pub mod ddl;
pub mod error;
pub mod events;
pub mod filter;
pub mod freshness;
pub mod linked;
pub mod meta;
pub mod migrate;
pub mod page;
pub mod postgres;
pub mod record_events;
pub mod records;
pub mod rules;
pub mod search;
pub mod sqlite;
pub mod store;
pub mod system;
mod table;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod timeline;
pub mod tx;
pub mod types;
pub mod users;
pub mod views;

pub use conn::{Backend, Cell, Conn};
pub use db::{Db, Location};
pub use error::{Result, StoreError};
pub use meta::check::{OPTION_LABEL_MAX, OPTION_VALUE_MAX, SECTION_MAX};
pub use page::{ListQuery, Page};
pub use store::{FieldPatch, ObjectPatch, Store, StoreOptions};
pub use timeline::NewLink;

/// The current time at the precision both databases store (microseconds).
pub fn now() -> time::OffsetDateTime {
    let t = time::OffsetDateTime::now_utc();
    rapport_model::value::truncate_to_micros(t).unwrap_or(t)
}
