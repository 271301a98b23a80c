//! `rapport-model` owns what Rapport's data *is*, with no I/O: object and field
//! metadata (every field type and its columns), values and records with their JSON
//! shapes and validation, the filter language (AST, parser, printer), the one text
//! `fold()` used for search and sorting, the actor and the access rules it carries,
//! and the standard CRM schema and roles as data.

pub mod access;
pub mod actor;
pub mod api_name;
pub mod behaviour;
pub mod contact;
pub mod error;
pub mod field;
pub mod filter;
pub mod fold;
pub mod iso;
pub mod json_schema;
pub mod object;
pub mod roles;
pub mod sort;
pub mod standard;
pub mod value;

pub use access::{Action, FieldAccess, Grants, ObjectRights, Reach};
pub use actor::Actor;
pub use behaviour::Behaviour;
pub use error::{FieldError, ModelError, Reason, RuleError};
pub use field::{Column, ColumnRole, ContactKind, FieldDef, FieldType, Logical, SelectOption};
pub use filter::{Condition, Filter, FilterError, Op, Operand};
pub use fold::{fold, fold_tokens, greek_in_latin, query_keys, search_keys, skeleton, skeleton_tokens};
pub use object::{ObjectDef, Schema};
pub use sort::SortKey;
pub use value::{Address, Changes, ContactPoint, Embedded, FullName, Mode, Record, RecordJson, Value, ValueContext};
