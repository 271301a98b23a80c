//! Errors of the domain: the store's typed errors, passed through with their codes.

use rapport_store::StoreError;

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
}

impl DomainError {
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Store(e) => e.code(),
            DomainError::NotEmpty { .. } => "not_empty",
            DomainError::FileTooLarge { .. } => "file_too_large",
            DomainError::Files(_) => "file_store_failed",
        }
    }

    pub fn message_id(&self) -> String {
        match self {
            DomainError::Store(e) => e.message_id(),
            other => format!("error-{}", other.code().replace('_', "-")),
        }
    }
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;
