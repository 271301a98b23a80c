//! `GET /api/v1/{object}/{id}/timeline`: the record's activities (each with its
//! record) and field changes, newest first, keyset-paged (`limit`, `cursor`). The cursor is the last entry's
//! time and id, opaque to clients (the domain makes and reads it).

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value as JsonValue, json};
use uuid::Uuid;

use rapport_domain::timeline::What;

use crate::AppState;
use crate::auth::Caller;
use crate::listing::QueryPairs;
use crate::problem::Problem;

/// Entries on a page when none is asked for, and the most.
const DEFAULT_LIMIT: u64 = 50;
const MAX_LIMIT: u64 = 200;

fn bad(parameter: &str, code: &str, detail: &str) -> Problem {
    Problem::field(parameter, code, detail)
}

/// `GET /api/v1/{object}/{id}/timeline`.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, id)): Path<(String, String)>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Json<JsonValue>, Problem> {
    let (mut limit, mut cursor) = (DEFAULT_LIMIT, None);
    for (key, value) in pairs {
        match key.as_str() {
            "limit" => {
                limit = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_LIMIT).contains(n))
                    .ok_or_else(|| bad("limit", "out_of_range", "limit must be a whole number from 1 to 200"))?;
            }
            "cursor" => cursor = Some(value),
            other => return Err(bad(other, "unknown_parameter", "a timeline takes limit and cursor")),
        }
    }
    let not_found =
        || Problem::new(axum::http::StatusCode::NOT_FOUND, "not_found", format!("{name} {id} was not found"));
    let id = Uuid::parse_str(&id).map_err(|_| not_found())?;
    let schema = state.crm.schema(caller.actor()).await?;
    let page = state.crm.timeline_page(caller.actor(), &name, id, cursor.as_deref(), limit).await.map_err(|e| {
        // A refused cursor is a refused parameter, as in every list: named in `errors`.
        if e.code() == "invalid_cursor" { Problem::about("cursor", &e) } else { Problem::from(e) }
    })?;
    let data: Vec<JsonValue> = page
        .entries
        .iter()
        .map(|e| {
            let at = rapport_domain::model::value::format_datetime(e.at);
            match &e.what {
                What::Activity { object, record } => {
                    let record = schema.object_by_api(object).map(|def| record.to_json(def)).unwrap_or(JsonValue::Null);
                    json!({ "at": at, "kind": "activity", "object": object, "record": record })
                }
                What::Change { field, old, new, by } => {
                    json!({ "at": at, "kind": "change", "field": field, "old": old, "new": new, "by": by })
                }
            }
        })
        .collect();
    let has_more = page.next_cursor.is_some();
    Ok(Json(json!({ "data": data, "page": { "next_cursor": page.next_cursor, "has_more": has_more } })))
}
