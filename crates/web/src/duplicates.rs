//! `POST /api/v1/{object}/duplicates`: the records the caller may read that may be the
//! same as the one in the body (the JSON a create takes, with `"id"` for a stored
//! record), most likely first, as `{ "data": [...] }`. A POST because the body is a
//! whole record, but nothing is written.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::Value as JsonValue;

use crate::AppState;
use crate::auth::Caller;
use crate::json::JsonBody;
use crate::problem::Problem;
use crate::records::{fields_of, shown, view};

pub async fn suggest(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    JsonBody(body): JsonBody<JsonValue>,
) -> Result<Response, Problem> {
    let object = view(&state, &caller, &name).await?;
    let input = fields_of(body, "body")?;
    let found = state.crm.possible_duplicates(caller.actor(), &object.api_name, &input).await?;
    Ok(Json(shown(&found, &object)).into_response())
}
