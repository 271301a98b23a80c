//! The caller's own account (`/api/v1/me`): who they are, and their password.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_domain::{DomainError, User};
use serde::Deserialize;

use crate::AppState;
use crate::auth::Caller;
use crate::json::JsonBody;
use crate::problem::Problem;

/// `GET /api/v1/me`.
pub async fn show(caller: Caller) -> Json<User> {
    Json(caller.principal.user)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// `POST /api/v1/me/password`. Every other session of the user ends; the one the
/// change was made from stays. A wrong current password is a refused field (400),
/// not a 401: the caller is signed in, and a client that signs people out on 401
/// must not do so for a typing error.
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<PasswordChange>,
) -> Result<StatusCode, Problem> {
    let changed = state
        .crm
        .change_password(caller.actor(), &body.current_password, &body.new_password, caller.session_id())
        .await;
    match changed {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(e @ DomainError::InvalidCredentials) => Err(Problem::field("current_password", e.code(), e.to_string())),
        Err(e) => Err(e.into()),
    }
}
