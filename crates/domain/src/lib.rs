//! `rapport-domain` owns the business rules on top of the store and is the only door
//! to the database for the web and the command line. Every call takes the acting
//! user's [`Actor`](rapport_model::Actor), whose rules the store applies in SQL; this
//! crate adds who the actor is: users, teams and roles (`accounts`), sign-in and
//! sessions (`sessions`), API tokens (`tokens`), passwords (`password`), exports
//! (`export`), saved list views and recently viewed records (`views`), possible
//! duplicates of a record (`duplicates`), record events and their upkeep
//! (`record_events`), the business rules that every record write runs (`rules`: one
//! registry, a file per concept), what Home reads beyond lists (`home`: activities'
//! customers, records that need attention, a manager's team), and the demo company
//! that `serve --demo` loads.

pub mod accounts;
pub mod agenda;
pub mod aggregate;
pub mod board;
pub mod crm;
pub mod demo;
pub mod duplicates;
pub mod error;
pub mod export;
pub mod files;
pub mod home;
pub mod password;
mod principals;
pub mod record_events;
pub mod rules;
pub mod secret;
pub mod seed;
pub mod sessions;
pub mod settings;
pub mod timeline;
pub mod tokens;
pub mod views;

pub use accounts::{NewUser, Role, Team, User, UserPatch};
pub use crm::{Crm, DatabaseConfig};
pub use error::{DomainError, Result};
pub use rapport_model as model;
pub use rapport_store::conn::statements_run;
pub use rapport_store::freshness::request_scope;
#[cfg(feature = "test-support")]
pub use rapport_store::testing;
pub use rapport_store::{
    FieldPatch, ListQuery, NewLink, OPTION_LABEL_MAX, OPTION_VALUE_MAX, ObjectPatch, Page, SECTION_MAX,
};
pub use rules::{Rule, Rules};
pub use sessions::{Credential, Login, NewSession, Principal, SessionPolicy};
pub use tokens::{NewToken, TokenInfo, TokenRequest};
pub use views::{SavedView, ViewInput};
