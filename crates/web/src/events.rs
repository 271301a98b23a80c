//! `GET /api/v1/events?after=N&object=people&limit=100`: the record events
//! (`rapport_domain::record_events`) after position `after`, oldest first, for
//! administrators. A client keeps `next_after` and asks again with it: pages never
//! skip an event and never repeat one.

use axum::Json;
use axum::extract::State;
use rapport_domain::model::value::format_datetime;
use rapport_domain::record_events::{MAX_LIMIT, RecordEvent};
use serde_json::{Map, Value as JsonValue, json};

use crate::AppState;
use crate::auth::Caller;
use crate::listing::QueryPairs;
use crate::problem::Problem;

/// Events on a page when none is asked for.
pub const DEFAULT_LIMIT: u32 = 100;

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventParams {
    pub after: i64,
    pub object: Option<String>,
    pub limit: u32,
}

fn bad(parameter: &str, code: &str, detail: impl Into<String>) -> Problem {
    Problem::field(parameter, code, detail)
}

/// Reads the query string strictly: a parameter given twice, unknown or not a whole
/// number in range is refused, named. (Whether the object exists is the store's to
/// say, with the same kind of refusal.)
pub fn parse(pairs: Vec<(String, String)>) -> Result<EventParams, Problem> {
    let mut params = EventParams { after: 0, object: None, limit: DEFAULT_LIMIT };
    for (key, value) in crate::listing::once_each(pairs)? {
        match key.as_str() {
            "after" => {
                params.after = value.trim().parse().ok().filter(|n: &i64| *n >= 0).ok_or_else(|| {
                    bad("after", "out_of_range", "after must be 0 or the `next_after` of an earlier page")
                })?;
            }
            "limit" => {
                params.limit = value.trim().parse().ok().filter(|n| (1..=MAX_LIMIT).contains(n)).ok_or_else(|| {
                    bad("limit", "out_of_range", format!("limit must be a whole number from 1 to {MAX_LIMIT}"))
                })?;
            }
            "object" => params.object = Some(value),
            other => return Err(bad(other, "unknown_parameter", "events take after, object and limit")),
        }
    }
    Ok(params)
}

/// One event as answered: the object and fields by their API names now.
pub fn event_json(event: &RecordEvent) -> JsonValue {
    let changes: Map<String, JsonValue> =
        event.changes.iter().map(|c| (c.field.clone(), json!({ "old": c.old, "new": c.new }))).collect();
    let mut answer = json!({
        "position": event.position,
        "at": format_datetime(event.at),
        "object": event.object,
        "record_id": event.record_id,
        "kind": event.kind.as_str(),
        "actor_id": event.actor_id,
        "changes": changes,
    });
    if let (Some(activity), Some(map)) = (&event.activity, answer.as_object_mut()) {
        map.insert("activity".into(), json!({ "object": activity.object, "id": activity.id }));
    }
    answer
}

/// `GET /api/v1/events`.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    QueryPairs(pairs): QueryPairs,
) -> Result<Json<JsonValue>, Problem> {
    let params = parse(pairs)?;
    let page = state.crm.record_events(caller.actor(), params.after, params.object.as_deref(), params.limit).await?;
    let data: Vec<JsonValue> = page.events.iter().map(event_json).collect();
    Ok(Json(json!({ "data": data, "next_after": page.next_after })))
}
