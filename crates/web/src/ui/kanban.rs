//! The kanban board of any object with a select (or stage) field. Being built.

use axum::extract::{Path, State};

use super::page::{PageResult, UiError, Viewer};
use crate::AppState;

/// `GET /kanban/{object}`.
pub async fn page(State(_state): State<AppState>, viewer: Viewer, Path(_name): Path<String>) -> PageResult {
    Err(UiError::not_found().render(&viewer.tr))
}
