//! Errors of the domain: the store's typed errors, passed through with their codes,
//! and the domain's own. Each has a stable code and a Fluent message id.

use rapport_model::{ModelError, RuleError};
use rapport_store::StoreError;

use crate::password::PasswordRejection;

#[derive(Debug, Clone, thiserror::Error)]
pub enum DomainError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the demo data can only be loaded into an empty database (it already holds {people} people)")]
    NotEmpty { people: i64 },
    #[error("the file is larger than {max} bytes")]
    FileTooLarge { max: usize },
    #[error("the file store failed: {0}")]
    Files(String),
    /// A wrong password and an unknown email get this same answer.
    #[error("the email or the password is wrong")]
    InvalidCredentials,
    /// Too many failed sign-ins for this account or from this address.
    #[error("too many failed attempts; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: u64 },
    /// No session, an expired one, or an unknown, expired or revoked token.
    #[error("sign in first (the session or token is missing, expired or revoked)")]
    Unauthenticated,
    #[error("field `{field}`: {rejection}")]
    Password { field: &'static str, rejection: PasswordRejection },
    #[error("the export could not be written: {0}")]
    Export(String),
    /// A change that would leave no active administrator.
    #[error("this would leave no active administrator")]
    LastAdministrator,
}

impl DomainError {
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Store(e) => e.code(),
            DomainError::NotEmpty { .. } => "not_empty",
            DomainError::FileTooLarge { .. } => "file_too_large",
            DomainError::Files(_) => "file_store_failed",
            DomainError::InvalidCredentials => "invalid_credentials",
            DomainError::Throttled { .. } => "too_many_attempts",
            DomainError::Unauthenticated => "unauthenticated",
            DomainError::Password { rejection, .. } => rejection.code(),
            DomainError::Export(_) => "export_failed",
            DomainError::LastAdministrator => "last_administrator",
        }
    }

    pub fn message_id(&self) -> String {
        match self {
            DomainError::Store(e) => e.message_id(),
            other => format!("error-{}", other.code().replace('_', "-")),
        }
    }

    /// The specifics of the error as message arguments (`max`, `retry_after_secs`,
    /// ...), so that an interface words it in its user's language without reading
    /// the English text.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            DomainError::Store(e) => e.args(),
            DomainError::NotEmpty { people } => vec![("people", people.to_string())],
            DomainError::FileTooLarge { max } => vec![("max", max.to_string())],
            DomainError::Throttled { retry_after_secs } => vec![("retry_after_secs", retry_after_secs.to_string())],
            DomainError::Password { rejection, .. } => password_args(rejection),
            DomainError::Files(_)
            | DomainError::Export(_)
            | DomainError::InvalidCredentials
            | DomainError::Unauthenticated
            | DomainError::LastAdministrator => Vec::new(),
        }
    }

    /// The business rule's refusal this is, if it is one.
    pub fn rule(&self) -> Option<&RuleError> {
        match self {
            DomainError::Store(e) => e.rule(),
            _ => None,
        }
    }

    /// The field a validation problem or a rule's refusal is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            DomainError::Password { field, .. } => Some(field),
            DomainError::Store(StoreError::Rule(rule)) => rule.field.as_deref(),
            _ => None,
        }
    }
}

/// Metadata and value errors reach the domain's units through the store's.
impl From<ModelError> for DomainError {
    fn from(e: ModelError) -> Self {
        DomainError::Store(e.into())
    }
}

/// A business rule's refusal, as the store carries it.
impl From<RuleError> for DomainError {
    fn from(e: RuleError) -> Self {
        DomainError::Store(e.into())
    }
}

/// The limits a refused password missed.
pub fn password_args(rejection: &PasswordRejection) -> Vec<(&'static str, String)> {
    match rejection {
        PasswordRejection::TooShort { min } => vec![("min", min.to_string())],
        PasswordRejection::TooLong { max } => vec![("max", max.to_string())],
        PasswordRejection::Common | PasswordRejection::Predictable | PasswordRejection::ContainsPersonalInfo => {
            Vec::new()
        }
    }
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;
