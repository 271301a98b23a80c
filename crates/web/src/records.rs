//! Records of every object, standard or custom, through one set of handlers
//! (`/api/v1/{object}` with the plural API name): list, get, create (one, or a batch
//! that commits all or nothing), partial update with the version read, soft delete and
//! restore. Every call goes through the domain with the caller's actor, so each answer
//! holds only what the caller may read; the object is the caller's view of it.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::{ETAG, IF_MATCH, IF_NONE_MATCH, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;

use rapport_domain::model::{Embedded, ObjectDef, Record, RecordJson};
use rapport_domain::{DomainError, ListQuery};
use serde::Serialize;
use serde_json::{Map, Value as JsonValue};
use uuid::Uuid;

use crate::AppState;
use crate::auth::Caller;
use crate::headers::only;
use crate::json::JsonBody;
use crate::listing::{self, Count, Expansion, QueryPairs, SYSTEM_KEYS};
use crate::problem::Problem;

/// The most records one batch create takes (all or nothing).
pub const MAX_BATCH: usize = 1_000;

/// The largest body a record route takes: a full batch of rich records.
pub const RECORDS_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The caller's view of an object named in the path (`people`, or a custom object's
/// plural name); one it may not read at all is as unknown as one that does not exist.
pub(crate) async fn view(state: &AppState, caller: &Caller, name: &str) -> Result<Arc<ObjectDef>, Problem> {
    state
        .crm
        .object_view(caller.actor(), name)
        .await?
        .ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "unknown_object", format!("there is no object `{name}`")))
}

/// A record id from the path; anything else names no record.
fn record_id(object: &ObjectDef, text: &str) -> Result<Uuid, Problem> {
    Uuid::parse_str(text).map_err(|_| {
        Problem::new(StatusCode::NOT_FOUND, "not_found", format!("{} {text} was not found", object.api_name))
    })
}

/// Records answered as a `data` array, or any value under `data`.
#[derive(Serialize)]
pub(crate) struct Data<T> {
    pub data: T,
}

/// The records of one object as a list of JSON objects.
pub(crate) fn shown<'a>(records: &'a [Record], object: &'a ObjectDef) -> Data<Vec<RecordJson<'a>>> {
    Data { data: records.iter().map(|r| RecordJson::new(r, object)).collect() }
}

/// The related records put in place of one relation field's ids.
struct Expanded {
    field_id: String,
    object: ObjectDef,
    records: HashMap<Uuid, Record>,
}

/// Records as a read answers them: projected to the `fields` asked for (all when
/// none), with expanded relations; written straight to the response body.
struct Answer {
    object: Arc<ObjectDef>,
    fields: Option<Vec<String>>,
    expanded: Vec<Expanded>,
    records: Vec<Record>,
    /// A list's page; none for a single record.
    page: Option<PageInfo>,
}

#[derive(Serialize)]
struct PageInfo {
    next_cursor: Option<String>,
    has_more: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<i64>,
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let embedded: Vec<Embedded<'_>> = self
            .expanded
            .iter()
            .map(|e| Embedded { field_id: &e.field_id, object: &e.object, records: &e.records })
            .collect();
        let json = |r| RecordJson::new(r, &self.object).only(self.fields.as_deref()).embedding(&embedded);
        match (&self.page, self.records.first()) {
            (None, Some(record)) => json(record).serialize(s),
            (None, None) => s.serialize_unit(),
            (Some(page), _) => {
                let mut map = s.serialize_map(Some(2))?;
                map.serialize_entry("data", &self.records.iter().map(json).collect::<Vec<_>>())?;
                map.serialize_entry("page", page)?;
                map.end()
            }
        }
    }
}

/// A list's error that is about one of its parameters, as a problem naming it: the
/// filter and the sort are checked against the object's fields where they are
/// compiled, and the cursor where it is read.
fn named_parameter(e: DomainError, query: &ListQuery) -> Problem {
    let parameter = match e.code() {
        "invalid_cursor" => "cursor",
        "not_sortable" => "order_by",
        "invalid_operator" | "invalid_filter_value" | "invalid_filter" => "filter",
        "unknown_field" => {
            let field = match &e {
                DomainError::Store(s) => s.args().into_iter().find(|(k, _)| *k == "field").map(|(_, v)| v),
                _ => None,
            };
            if field.is_some_and(|f| query.sort.iter().any(|k| k.field == f)) { "order_by" } else { "filter" }
        }
        _ => return e.into(),
    };
    Problem::about(parameter, &e)
}

/// The related records to put in place of their ids, one list per expanded relation
/// whatever the number of records (as the caller may read them: an id it may not
/// follow stays an id).
async fn expand(
    state: &AppState,
    caller: &Caller,
    records: &[Record],
    expansions: &[Expansion],
) -> Result<Vec<Expanded>, Problem> {
    if expansions.is_empty() {
        return Ok(Vec::new());
    }
    let schema = state.crm.schema(caller.actor()).await?;
    let mut expanded = Vec::new();
    for expansion in expansions {
        let Ok(target) = schema.object(&expansion.target) else { continue };
        let field_id = &expansion.field_id;
        let ids: Vec<Uuid> = records
            .iter()
            .filter_map(|r| match r.get(field_id) {
                rapport_domain::model::Value::Uuid(id) => Some(*id),
                _ => None,
            })
            .collect();
        let found = state.crm.by_ids(caller.actor(), &target.api_name, &ids).await?;
        let records = found.into_iter().map(|r| (r.id, r)).collect();
        expanded.push(Expanded { field_id: field_id.clone(), object: target.clone(), records });
    }
    Ok(expanded)
}

/// The version in an entity tag: `W/"7"` or `"7"`.
fn tag_version(value: &HeaderValue) -> Option<i64> {
    let text = value.to_str().ok()?.trim();
    text.strip_prefix("W/").unwrap_or(text).trim_matches('"').parse().ok()
}

fn etag(record: &Record) -> HeaderValue {
    HeaderValue::from_str(&format!("W/\"{}\"", record.version)).unwrap_or(HeaderValue::from_static("W/\"0\""))
}

/// `GET /api/v1/{object}`.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, Problem> {
    let object = view(&state, &caller, &name).await?;
    let params = listing::parse(&object, pairs)?;
    page_answer(&state, &caller, object, params).await.map(|a| Json(a).into_response())
}

/// A page of `object` as answered: records (projected and expanded) and the page.
async fn page_answer(
    state: &AppState,
    caller: &Caller,
    object: Arc<ObjectDef>,
    params: listing::ListParams,
) -> Result<Answer, Problem> {
    let name = object.api_name.as_str();
    let named = |e: DomainError| named_parameter(e, &params.query);
    let count = match params.count {
        Some(Count::Exact) => Some(state.crm.count(caller.actor(), name, params.query.clone()).await.map_err(named)?),
        Some(Count::Estimate) => {
            Some(state.crm.estimate(caller.actor(), name, params.query.clone()).await.map_err(named)?)
        }
        None => None,
    };
    let page = state.crm.list(caller.actor(), name, params.query.clone()).await.map_err(named)?;
    let expanded = expand(state, caller, &page.records, &params.expand).await?;
    let info = PageInfo { next_cursor: page.next_cursor, has_more: page.has_more, count };
    Ok(Answer { object, fields: params.fields, expanded, records: page.records, page: Some(info) })
}

/// `GET /api/v1/{object}/{id}/{related}`: the records of object `related` whose
/// relation field points at this record (a company's `people`, `opportunities`…), as
/// a list with every list parameter; the record must be readable. `related` must have
/// exactly one relation field to this object (else the list's `filter` names it).
pub async fn related(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, id, related)): Path<(String, String, String)>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, Problem> {
    let object = view(&state, &caller, &name).await?;
    let id = record_id(&object, &id)?;
    let other = view(&state, &caller, &related).await?;
    let links: Vec<&str> = other
        .visible_fields()
        .filter(|f| f.kind.relation_target() == Some(object.id.as_str()))
        .map(|f| f.api_name.as_str())
        .collect();
    let field = match links.as_slice() {
        [one] => (*one).to_owned(),
        [] => {
            let detail = format!("{related} has no relation to {name}");
            return Err(Problem::new(StatusCode::NOT_FOUND, "unknown_relation", detail));
        }
        many => {
            let detail = format!(
                "{related} relates to {name} by {}: list /api/v1/{related}?filter=<field>[eq]:{id}",
                many.join(", ")
            );
            return Err(Problem::field("related", "ambiguous_relation", detail));
        }
    };
    state.crm.get(caller.actor(), &name, id).await?;
    let mut params = listing::parse(&other, pairs)?;
    let mine = rapport_domain::model::filter::parse(&format!("{field}[eq]:{id}"))
        .map_err(|e| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", e.to_string()))?;
    params.query.filter = Some(match params.query.filter.take() {
        Some(filter) => rapport_domain::model::Filter::And(vec![mine, filter]),
        None => mine,
    });
    page_answer(&state, &caller, other, params).await.map(|a| Json(a).into_response())
}

/// `GET /api/v1/{object}/{id}`, with an entity tag (the record's version) and `304`
/// when the client's copy is current. `fields` chooses the keys.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, id)): Path<(String, String)>,
    QueryPairs(pairs): QueryPairs,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let object = view(&state, &caller, &name).await?;
    let id = record_id(&object, &id)?;
    let (mut fields, mut expansions) = (None, Vec::new());
    for (key, value) in pairs {
        match key.as_str() {
            "fields" if fields.is_none() => fields = Some(listing::parse_fields(&object, &value)?),
            "expand" if expansions.is_empty() => expansions = listing::parse_expand(&object, &value)?,
            other => {
                return Err(Problem::field(
                    other,
                    "unknown_parameter",
                    format!("a record takes no parameter `{other}`"),
                ));
            }
        }
    }
    let record = state.crm.get(caller.actor(), &name, id).await?;
    let tag = etag(&record);
    let version = record.version;
    let expanded = expand(&state, &caller, std::slice::from_ref(&record), &expansions).await?;
    let answer = Json(Answer { object, fields, expanded, records: vec![record], page: None });
    if !expansions.is_empty() {
        // The related records have versions of their own: no tag would cover them.
        return Ok(answer.into_response());
    }
    if only(&headers, IF_NONE_MATCH.as_str()).and_then(tag_version) == Some(version) {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, tag)]).into_response());
    }
    Ok(([(ETAG, tag)], answer).into_response())
}

/// A body that must be a JSON object (one record's fields).
pub(crate) fn fields_of(body: JsonValue, name: &str) -> Result<Map<String, JsonValue>, Problem> {
    match body {
        JsonValue::Object(map) => Ok(map),
        _ => Err(Problem::field(name, "wrong_type", format!("{name} must be a JSON object of fields"))),
    }
}

/// `POST /api/v1/{object}`: one record (an object) → 201 with `Location`; or a batch
/// (an array of up to [`MAX_BATCH`]) → 201 with `data`, all written or none; a
/// refused batch names each problem by its item (`3.email`). With
/// `?upsert_on=<unique field>`, one record is created (201) or the live record with
/// the same value updated (200).
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    QueryPairs(pairs): QueryPairs,
    JsonBody(body): JsonBody<JsonValue>,
) -> Result<Response, Problem> {
    let object = view(&state, &caller, &name).await?;
    let mut upsert_on = None;
    for (key, value) in pairs {
        match key.as_str() {
            "upsert_on" if upsert_on.is_none() => upsert_on = Some(value),
            other => {
                return Err(Problem::field(
                    other,
                    "unknown_parameter",
                    format!("a create takes no parameter `{other}`"),
                ));
            }
        }
    }
    if let Some(on) = upsert_on {
        // `?upsert_on=email`: update the live record with the same value, or create.
        let input = fields_of(body, "body")?;
        let (record, created) = state.crm.upsert(caller.actor(), &name, &on, &input).await?;
        let status = if created { StatusCode::CREATED } else { StatusCode::OK };
        return Ok((status, [(ETAG, etag(&record))], Json(RecordJson::new(&record, &object))).into_response());
    }
    match body {
        JsonValue::Array(items) => {
            if items.is_empty() || items.len() > MAX_BATCH {
                let detail = format!("a batch holds 1 to {MAX_BATCH} records, not {}", items.len());
                return Err(Problem::field("body", "batch_size", detail));
            }
            let inputs = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| fields_of(item, &i.to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            let made = state.crm.create_many(caller.actor(), &name, &inputs).await?;
            Ok((StatusCode::CREATED, Json(shown(&made, &object))).into_response())
        }
        body => {
            let input = fields_of(body, "body")?;
            let made = state.crm.create(caller.actor(), &name, &input).await?;
            let location = format!("/api/v1/{}/{}", object.api_name, made.id);
            let headers = [(LOCATION, HeaderValue::from_str(&location).ok()), (ETAG, Some(etag(&made)))];
            let headers: Vec<_> = headers.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect();
            Ok((StatusCode::CREATED, axum::response::AppendHeaders(headers), Json(RecordJson::new(&made, &object)))
                .into_response())
        }
    }
}

/// The version a change was read at: the body's `version`, or `If-Match`.
fn version_read(headers: &HeaderMap, input: &mut Map<String, JsonValue>) -> Result<Option<i64>, Problem> {
    let from_body = match input.remove("version") {
        None => None,
        Some(JsonValue::Number(n)) if n.as_i64().is_some() => n.as_i64(),
        Some(_) => return Err(Problem::field("version", "wrong_type", "version is the whole number you read")),
    };
    let from_header = match only(headers, IF_MATCH.as_str()) {
        None => None,
        Some(value) => Some(tag_version(value).ok_or_else(|| {
            Problem::field("If-Match", "wrong_type", "If-Match is the entity tag (version) you read, like W/\"3\"")
        })?),
    };
    match (from_body, from_header) {
        (Some(a), Some(b)) if a != b => Err(Problem::field("version", "conflicting", "version and If-Match differ")),
        (a, b) => Ok(a.or(b)),
    }
}

/// `PATCH /api/v1/{object}/{id}`: the fields given change; the version read (body
/// `version` or `If-Match`) is required, and a stale one is `409 version_conflict`.
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, id)): Path<(String, String)>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<JsonValue>,
) -> Result<Response, Problem> {
    let object = view(&state, &caller, &name).await?;
    let id = record_id(&object, &id)?;
    let mut input = fields_of(body, "body")?;
    let version = version_read(&headers, &mut input)?.ok_or_else(|| {
        let detail = "send the version you read (body `version` or If-Match), so no change is silently lost";
        Problem::new(StatusCode::PRECONDITION_REQUIRED, "version_required", detail)
    })?;
    if let Some(key) = input.keys().find(|k| SYSTEM_KEYS.contains(&k.as_str()) && *k != "owner" && *k != "team") {
        return Err(Problem::field(key, "read_only", format!("`{key}` is set by Rapport")));
    }
    let record = state.crm.update(caller.actor(), &name, id, version, &input).await?;
    Ok(([(ETAG, etag(&record))], Json(RecordJson::new(&record, &object))).into_response())
}

/// `DELETE /api/v1/{object}/{id}`: a soft delete (restorable); `If-Match` makes it
/// conditional on the version read. Answers with the deleted record.
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let object = view(&state, &caller, &name).await?;
    let id = record_id(&object, &id)?;
    let version = version_read(&headers, &mut Map::new())?;
    let record = state.crm.delete(caller.actor(), &name, id, version).await?;
    Ok(([(ETAG, etag(&record))], Json(RecordJson::new(&record, &object))).into_response())
}

/// `POST /api/v1/{object}/{id}/restore`.
pub async fn restore(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    let object = view(&state, &caller, &name).await?;
    let id = record_id(&object, &id)?;
    let record = state.crm.restore(caller.actor(), &name, id).await?;
    Ok(([(ETAG, etag(&record))], Json(RecordJson::new(&record, &object))).into_response())
}
