//! The calendar of meetings, calls and tasks. Being built.

use axum::extract::State;

use super::page::{PageResult, UiError, Viewer};
use crate::AppState;

/// `GET /calendar`.
pub async fn page(State(_state): State<AppState>, viewer: Viewer) -> PageResult {
    Err(UiError::not_found().render(&viewer.tr))
}
