//! Errors of the store. Each has a stable code and a Fluent message id; none carries
//! SQL text or bound values to the caller.

use rapport_model::{FieldError, ModelError, Reason, RuleError};
use uuid::Uuid;

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("{object} {id} was not found")]
    NotFound { object: String, id: Uuid },
    #[error("{object} {id} was changed by someone else: you read version {expected}, it is now at {actual}")]
    Conflict { object: String, id: Uuid, expected: i64, actual: i64 },
    #[error("you may not {action} {object}")]
    Forbidden { object: String, action: &'static str },
    #[error("the cursor is not valid for this list")]
    BadCursor,
    #[error("field `{field}` cannot be sorted by (it has no index)")]
    NotSortable { field: String },
    #[error("operator `{op}` does not apply to field `{field}`")]
    BadOperator { field: String, op: String },
    #[error("field `{field}`: value `{value}` is not {expected}")]
    BadFilterValue { field: String, value: String, expected: &'static str },
    #[error(
        "migration {version} ({name}) failed: {message}. The database was left as it was before the start; fix the cause and start again"
    )]
    Migration { version: i64, name: String, message: String },
    #[error("the database schema is at version {found}, newer than this program knows ({known}); run a newer Rapport")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("{written} of {total} items were written before this failure: {cause}")]
    PartlyWritten { written: usize, total: usize, cause: Box<StoreError> },
    #[error("the metadata changed while the request ran; try again")]
    SchemaChanged,
    /// A business rule refused the write; the whole unit of work rolls back.
    #[error(transparent)]
    Rule(RuleError),
    #[error("database error: {0}")]
    Database(String),
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Model(e) => e.code(),
            StoreError::Rule(e) => e.code,
            StoreError::NotFound { .. } => "not_found",
            StoreError::Conflict { .. } => "version_conflict",
            StoreError::Forbidden { .. } => "forbidden",
            StoreError::BadCursor => "invalid_cursor",
            StoreError::NotSortable { .. } => "not_sortable",
            StoreError::BadOperator { .. } => "invalid_operator",
            StoreError::BadFilterValue { .. } => "invalid_filter_value",
            StoreError::Migration { .. } => "migration_failed",
            StoreError::SchemaTooNew { .. } => "schema_too_new",
            StoreError::SchemaChanged => "schema_changed",
            StoreError::PartlyWritten { .. } => "partly_written",
            StoreError::Database(_) => "database_error",
            StoreError::Unavailable(_) => "database_unavailable",
        }
    }

    pub fn message_id(&self) -> String {
        match self {
            StoreError::Model(e) => e.message_id().to_owned(),
            StoreError::Rule(e) => e.message_id.to_owned(),
            other => format!("error-{}", other.code().replace('_', "-")),
        }
    }

    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            StoreError::Model(e) => e.args(),
            StoreError::Rule(e) => e.args.clone(),
            StoreError::NotFound { object, id } => vec![("object", object.clone()), ("id", id.to_string())],
            StoreError::Conflict { object, id, expected, actual } => vec![
                ("object", object.clone()),
                ("id", id.to_string()),
                ("expected", expected.to_string()),
                ("actual", actual.to_string()),
            ],
            StoreError::Forbidden { object, action } => {
                vec![("object", object.clone()), ("action", (*action).to_owned())]
            }
            StoreError::NotSortable { field } => vec![("field", field.clone())],
            StoreError::BadOperator { field, op } => vec![("field", field.clone()), ("op", op.clone())],
            StoreError::BadFilterValue { field, value, expected } => {
                vec![("field", field.clone()), ("value", value.clone()), ("expected", (*expected).to_owned())]
            }
            StoreError::Migration { version, name, message } => {
                vec![("version", version.to_string()), ("name", name.clone()), ("message", message.clone())]
            }
            StoreError::SchemaTooNew { found, known } => {
                vec![("found", found.to_string()), ("known", known.to_string())]
            }
            StoreError::Database(m) | StoreError::Unavailable(m) => vec![("message", m.clone())],
            StoreError::PartlyWritten { written, total, cause } => {
                vec![("written", written.to_string()), ("total", total.to_string()), ("cause", cause.code().to_owned())]
            }
            StoreError::BadCursor | StoreError::SchemaChanged => Vec::new(),
        }
    }

    /// Per-field problems, when there are any (validation and uniqueness).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            StoreError::Model(ModelError::Invalid(errors)) => errors,
            _ => &[],
        }
    }

    /// The error with each field it names prefixed by item `i` of a batch (`3.email`).
    pub fn of_item(self, i: usize) -> Self {
        match self {
            StoreError::Model(ModelError::Invalid(errors)) => StoreError::Model(ModelError::Invalid(
                errors.into_iter().map(|e| FieldError::new(format!("{i}.{}", e.field), e.reason)).collect(),
            )),
            StoreError::Rule(mut rule) => {
                rule.field = Some(match rule.field {
                    Some(field) => format!("{i}.{field}"),
                    None => i.to_string(),
                });
                StoreError::Rule(rule)
            }
            other => other,
        }
    }

    /// What stopped a bulk call part way when it is a refusal (a rule's, or a value
    /// refused), not a failure of the database: the caller is told which item and why.
    pub fn refusal_part_way(&self) -> Option<&StoreError> {
        match self {
            StoreError::PartlyWritten { cause, .. } if cause.rule().is_some() || !cause.field_errors().is_empty() => {
                Some(cause)
            }
            _ => None,
        }
    }

    /// The rule refusal this is, if it is one.
    pub fn rule(&self) -> Option<&RuleError> {
        match self {
            StoreError::Rule(e) => Some(e),
            _ => None,
        }
    }

    pub fn duplicate(field: &str) -> Self {
        StoreError::Model(ModelError::invalid(field, Reason::Duplicate))
    }
}

impl From<RuleError> for StoreError {
    fn from(e: RuleError) -> Self {
        StoreError::Rule(e)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        match e.as_db_error() {
            // Class 57P ("operator intervention": the server shutting down or ending the
            // session) means this connection is gone, not that the statement was wrong.
            Some(db) if db.code().code().starts_with("57P") => {
                StoreError::Unavailable(format!("{}: {}", db.code().code(), db.message()))
            }
            Some(db) => StoreError::Database(format!("{}: {}", db.code().code(), db.message())),
            None => StoreError::Unavailable(e.to_string()),
        }
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        StoreError::Unavailable(e.to_string())
    }
}
