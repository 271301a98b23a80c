//! The caller's API tokens (`/api/v1/me/tokens`). A new token's secret is in the
//! answer to its creation and nowhere else, ever; lists show what it is for.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use rapport_domain::{TokenInfo, TokenRequest};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Caller;
use crate::json::JsonBody;
use crate::problem::Problem;

/// `GET /api/v1/me/tokens`: newest first, revoked ones included (with `revoked_at`).
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<serde_json::Value>, Problem> {
    let tokens = state.crm.tokens(caller.actor(), caller.user().id).await?;
    Ok(Json(json!({ "data": tokens })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTokenBody {
    name: String,
    #[serde(default)]
    read_only: bool,
    #[serde(default, with = "time::serde::rfc3339::option")]
    expires_at: Option<OffsetDateTime>,
}

#[derive(Serialize)]
struct Created {
    token: String,
    #[serde(flatten)]
    info: TokenInfo,
}

/// `POST /api/v1/me/tokens` → 201 with `token`, the secret, shown this once.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewTokenBody>,
) -> Result<(StatusCode, Json<impl Serialize>), Problem> {
    // A token is a lasting credential: it is made by a person signed in, never by
    // another token (a leaked token must not be able to mint a never-expiring one).
    if caller.session_id().is_none() {
        let detail = "API tokens are made from a signed-in session, not with another token";
        return Err(Problem::new(StatusCode::FORBIDDEN, "forbidden", detail));
    }
    let request = TokenRequest { name: body.name, read_only: body.read_only, expires_at: body.expires_at };
    let made = state.crm.create_token(caller.actor(), caller.user().id, request).await?;
    Ok((StatusCode::CREATED, Json(Created { token: made.secret, info: made.info })))
}

/// `DELETE /api/v1/me/tokens/{id}`. An id that is not a UUID cannot name a token:
/// 404 like any unknown one.
pub async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, Problem> {
    let not_found = || Problem::new(StatusCode::NOT_FOUND, "not_found", format!("tokens {id} was not found"));
    let id = Uuid::parse_str(&id).map_err(|_| not_found())?;
    state.crm.revoke_token(caller.actor(), Some(caller.user().id), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
