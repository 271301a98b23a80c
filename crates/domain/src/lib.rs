//! `rapport-domain` owns the business rules on top of the store and is the only door
//! to the database for the web and the command line. For now it passes record and
//! metadata calls through with the caller's actor (the access-control issue adds the
//! role checks here), and it owns the demo company that `serve --demo` loads.

pub mod crm;
pub mod demo;
pub mod error;
pub mod files;
pub mod seed;

pub use crm::{Crm, DatabaseConfig};
pub use error::{DomainError, Result};
pub use rapport_model as model;
#[cfg(feature = "test-support")]
pub use rapport_store::testing;
pub use rapport_store::{FieldPatch, ListQuery, Page};
