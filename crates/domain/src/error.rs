//! Errors of the domain: the store's typed errors, passed through with their codes.

use rapport_store::StoreError;

#[derive(Debug, Clone, thiserror::Error)]
pub enum DomainError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the demo data can only be loaded into an empty database (it already holds {people} people)")]
    NotEmpty { people: i64 },
}

impl DomainError {
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Store(e) => e.code(),
            DomainError::NotEmpty { .. } => "not_empty",
        }
    }

    pub fn message_id(&self) -> String {
        match self {
            DomainError::Store(e) => e.message_id(),
            DomainError::NotEmpty { .. } => "error-not-empty".into(),
        }
    }
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;
