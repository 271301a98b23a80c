//! `GET /api/v1/openapi.json`: an OpenAPI 3.1 document generated from live metadata
//! and the caller's rules, at every request — so a custom field is in it the moment it
//! is made, and a field hidden from the caller is not (an object it may not read is
//! not either). Each field's shape comes from its type (`FieldType::json_schema`).

use axum::Json;
use axum::extract::State;
use rapport_domain::model::{Action, FieldType, ObjectDef, Schema};
use serde_json::{Map, Value as JsonValue, json};

use crate::AppState;
use crate::auth::Caller;
use crate::listing::{MAX_EXPAND, MAX_LIMIT};
use crate::problem::Problem;
use crate::records::MAX_BATCH;
use rapport_domain::duplicates::MAX_SUGGESTIONS;
use rapport_domain::model::behaviour::MAX_UPCOMING_DAYS;

/// A `$ref` to a component schema.
fn reference(name: &str) -> JsonValue {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The component name of an object's schemas (`people` → `People`).
fn component(object: &ObjectDef) -> String {
    object
        .api_name
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

fn uuid() -> JsonValue {
    json!({ "type": "string", "format": "uuid" })
}

fn nullable(schema: JsonValue) -> JsonValue {
    json!({ "anyOf": [schema, { "type": "null" }] })
}

/// A record as answered: system keys, then the fields the caller may read.
fn record_schema(object: &ObjectDef) -> JsonValue {
    let mut properties = Map::new();
    properties.insert("id".into(), uuid());
    properties.insert("version".into(), json!({ "type": "integer", "minimum": 1 }));
    for key in ["created_at", "updated_at"] {
        properties.insert(key.into(), json!({ "type": "string", "format": "date-time" }));
    }
    for key in ["created_by", "updated_by", "owner", "team"] {
        properties.insert(key.into(), nullable(uuid()));
    }
    properties.insert("deleted_at".into(), json!({ "type": "string", "format": "date-time" }));
    for field in object.visible_fields().filter(|f| !f.kind.is_computed()) {
        properties.insert(field.api_name.clone(), field.answer_schema());
    }
    json!({ "type": "object", "properties": properties, "required": ["id", "version", "created_at", "updated_at"] })
}

/// A record as given: the fields the caller may write, plus owner and team; for a
/// create the required fields are required, for a change the version read is.
fn input_schema(object: &ObjectDef, create: bool) -> JsonValue {
    let mut properties = Map::new();
    let writable: Vec<_> = object.visible_fields().filter(|f| !f.read_only && !f.kind.is_computed()).collect();
    for field in &writable {
        properties.insert(field.api_name.clone(), field.input_schema());
    }
    properties.insert("owner".into(), nullable(uuid()));
    properties.insert("team".into(), nullable(uuid()));
    let mut required: Vec<String> = Vec::new();
    if create {
        required.extend(writable.iter().filter(|f| f.required).map(|f| f.api_name.clone()));
    } else {
        properties.insert("version".into(), json!({ "type": "integer" }));
    }
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

fn problem_responses(codes: &[u16]) -> Map<String, JsonValue> {
    codes
        .iter()
        .map(|code| {
            let answer = json!({ "description": "An RFC 9457 problem",
                "content": { "application/problem+json": { "schema": reference("Problem") } } });
            (code.to_string(), answer)
        })
        .collect()
}

fn answer(description: &str, schema: JsonValue, errors: &[u16]) -> JsonValue {
    let mut responses = problem_responses(errors);
    responses.insert(
        "200".into(),
        json!({ "description": description, "content": { "application/json": { "schema": schema } } }),
    );
    JsonValue::Object(responses)
}

fn query(name: &str, description: &str, schema: JsonValue) -> JsonValue {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn id_parameter() -> JsonValue {
    json!({ "name": "id", "in": "path", "required": true, "schema": uuid() })
}

fn page_schema(items: JsonValue) -> JsonValue {
    json!({ "type": "object", "required": ["data", "page"], "properties": {
        "data": { "type": "array", "items": items },
        "page": { "type": "object", "required": ["has_more"], "properties": {
            "next_cursor": nullable(json!({ "type": "string" })), "has_more": { "type": "boolean" },
            "count": { "type": "integer", "minimum": 0 } } } } })
}

/// The paths of one object.
fn object_paths(object: &ObjectDef, paths: &mut Map<String, JsonValue>, writes: bool) {
    let name = component(object);
    let base = format!("/api/v1/{}", object.api_name);
    let list_parameters = json!([
        query(
            "filter",
            "The filter language, e.g. `and(name[ilike]:acme,employees[gte]:10)`",
            json!({ "type": "string" })
        ),
        query(
            "order_by",
            "Sort keys, e.g. `name[asc],created_at[desc]`; indexed fields only",
            json!({ "type": "string" })
        ),
        query("limit", "Page size", json!({ "type": "integer", "minimum": 1, "maximum": MAX_LIMIT })),
        query("cursor", "`page.next_cursor` of the previous page", json!({ "type": "string" })),
        query("q", "Full-text search words", json!({ "type": "string" })),
        query("fields", "Comma-separated keys to answer with", json!({ "type": "string" })),
        query(
            "expand",
            format!("Up to {MAX_EXPAND} relation fields to answer in place").as_str(),
            json!({ "type": "string" })
        ),
        query(
            "count",
            "`exact` or `estimate` adds page.count",
            json!({ "type": "string", "enum": ["exact", "estimate"] })
        ),
    ]);
    let mut collection = Map::new();
    collection.insert("get".into(), json!({ "operationId": format!("list{name}"), "tags": [object.label_plural],
        "parameters": list_parameters, "responses": answer("A page", page_schema(reference(&name)), &[400, 401, 403, 404]) }));
    if writes {
        let body = json!({ "anyOf": [reference(&format!("{name}Input")),
            { "type": "array", "items": reference(&format!("{name}Input")), "minItems": 1, "maxItems": MAX_BATCH }] });
        let mut responses = problem_responses(&[400, 401, 403, 404, 409, 422]);
        responses.insert(
            "201".into(),
            json!({ "description": "Created (one record, or `data` for a batch)",
            "content": { "application/json": { "schema": { "anyOf": [reference(&name),
                { "type": "object", "required": ["data"],
                  "properties": { "data": { "type": "array", "items": reference(&name) } } }] } } } }),
        );
        responses.insert(
            "200".into(),
            json!({ "description": "Upserted onto an existing record",
            "content": { "application/json": { "schema": reference(&name) } } }),
        );
        collection.insert("post".into(), json!({ "operationId": format!("create{name}"), "tags": [object.label_plural],
            "parameters": [query("upsert_on", "A unique field: update the record holding its value, or create", json!({ "type": "string" }))],
            "requestBody": { "required": true, "content": { "application/json": { "schema": body } } },
            "responses": responses }));
    }
    paths.insert(base.clone(), JsonValue::Object(collection));

    let mut item = Map::new();
    item.insert("parameters".into(), json!([id_parameter()]));
    let mut get_responses = answer("The record", reference(&name), &[400, 401, 403, 404]);
    get_responses["304"] = json!({ "description": "Not modified (If-None-Match)" });
    item.insert(
        "get".into(),
        json!({ "operationId": format!("get{name}"), "tags": [object.label_plural],
        "parameters": [query("fields", "Keys to answer with", json!({ "type": "string" })),
                       query("expand", "Relation fields to answer in place", json!({ "type": "string" }))],
        "responses": get_responses }),
    );
    if writes {
        let mut patch_responses = answer("The changed record", reference(&name), &[400, 401, 403, 404, 409, 422, 428]);
        patch_responses["200"]["description"] = json!("The changed record");
        item.insert("patch".into(), json!({ "operationId": format!("update{name}"), "tags": [object.label_plural],
            "requestBody": { "required": true, "content": { "application/json": { "schema": reference(&format!("{name}Patch")) } } },
            "responses": patch_responses }));
        item.insert(
            "delete".into(),
            json!({ "operationId": format!("delete{name}"), "tags": [object.label_plural],
            "responses": answer("The deleted record (restorable)", reference(&name), &[400, 401, 403, 404, 409, 422]) }),
        );
        paths.insert(
            format!("{base}/{{id}}/restore"),
            json!({ "parameters": [id_parameter()],
            "post": { "operationId": format!("restore{name}"), "tags": [object.label_plural],
                "responses": answer("The restored record", reference(&name), &[400, 401, 403, 404, 409, 422]) } }),
        );
    }
    paths.insert(format!("{base}/{{id}}"), JsonValue::Object(item));
    paths.insert(format!("{base}/duplicates"), duplicates_path(object, &name));
    let entry = json!({ "type": "object", "properties": {
        "at": { "type": "string", "format": "date-time" }, "object": { "type": "string" }, "record": { "type": "object" } } });
    paths.insert(
        format!("{base}/{{id}}/timeline"),
        json!({ "parameters": [id_parameter()],
        "get": { "operationId": format!("timeline{name}"), "tags": [object.label_plural],
            "parameters": [query("limit", "Entries", json!({ "type": "integer", "minimum": 1, "maximum": 200 })),
                           query("cursor", "`page.next_cursor` of the previous page", json!({ "type": "string" }))],
            "responses": answer("A page of the timeline", page_schema(entry), &[400, 401, 403, 404]) } }),
    );
}

/// `POST {base}/duplicates`: a record as a create takes it (no field required), with
/// the `id` of a stored one, answered with the readable records that may be the same.
fn duplicates_path(object: &ObjectDef, name: &str) -> JsonValue {
    let mut body = input_schema(object, false);
    if let Some(properties) = body["properties"].as_object_mut() {
        properties.remove("version");
        properties.insert("id".into(), nullable(uuid()));
    }
    let data = json!({ "type": "object", "required": ["data"],
        "properties": { "data": { "type": "array", "maxItems": MAX_SUGGESTIONS, "items": reference(name) } } });
    json!({ "post": { "operationId": format!("duplicates{name}"), "tags": [object.label_plural],
        "requestBody": { "required": true, "content": { "application/json": { "schema": body } } },
        "responses": answer("Possible duplicates, most likely first", data, &[400, 401, 403, 404]) } })
}

/// What the interface does with an object (`rapport_model::behaviour`), as the
/// metadata API answers and takes it; fields are named by stable id or API name.
fn behaviour_schema() -> JsonValue {
    let field = json!({ "type": "string", "minLength": 1, "description": "A field of the object, by id or API name" });
    let int32 = json!({ "type": "integer", "format": "int32" });
    let object = |required: &[&str], properties: JsonValue| json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties });
    let field_values = object(
        &["field", "values"],
        json!({ "field": field, "values": { "type": "array", "items": { "type": "string" } } }),
    );
    let window = json!({ "type": "string", "enum": ["due_today", "today", "due_now", "upcoming"] });
    let preset_value = json!({ "oneOf": [
        object(&["text"], json!({ "text": { "type": "string" } })),
        object(&["message"], json!({ "message": { "type": "string", "description": "A message id of the interface" } })),
        object(&["in_minutes"], json!({ "in_minutes": { "type": "integer", "format": "int64" } })),
        object(&["day_at"], json!({ "day_at": object(&["days", "hour"], json!({
            "days": { "type": "integer", "format": "int64" }, "hour": { "type": "integer", "minimum": 0, "maximum": 23 } })) })) ] });
    object(
        &[],
        json!({
        "nav": object(&[], json!({ "group": { "type": "string", "enum": ["main", "more"] }, "rank": int32 })),
        "search_rank": int32,
        "calendar": object(&["start"], json!({ "start": field, "end": field, "duration": field, "all_day": field,
            "attendees": field, "done": field_values, "schedule": { "type": "boolean" } })),
        "board": object(&[], json!({ "fields": { "type": "array", "items": field }, "default": field, "sum": field,
            "home": { "type": "boolean" }, "since": field, "card": { "type": "array", "items": field } })),
        "stages": object(&["group"], json!({ "group": field, "order": field, "probability": field, "outcome": field,
            "rotting": field, "group_default": field, "group_order": field })),
        "planned": object(&["when", "done"], json!({ "when": field, "done": field_values })),
        "quick": object(&["fields"], json!({ "rank": int32, "fields": { "type": "array", "items": field },
            "presets": { "type": "array", "items": object(&["field", "value"], json!({ "field": field, "value": preset_value })) } })),
        "home": { "type": "array", "items": object(&["key", "when", "window"], json!({ "key": { "type": "string" },
            "title": { "type": "string" }, "when": field, "window": window, "only": field_values,
            "newest_first": { "type": "boolean" }, "days": { "type": "integer", "minimum": 1, "maximum": MAX_UPCOMING_DAYS },
            "done": object(&["field", "value"], json!({ "field": field, "value": { "type": "string" } })),
            "team": window })) },
        "attention": object(&[], json!({ "past": field, "next_step": { "type": "boolean" },
            "rotting_days": { "type": "integer", "minimum": 0, "maximum": u16::MAX },
            "fields": { "type": "array", "items": field } })),
        "files": { "type": "boolean" } }),
    )
}

/// An object's metadata as the metadata API answers it; `fields` are described
/// loosely (a field's parameters depend on its type: see docs/API.md).
fn object_schema() -> JsonValue {
    let types: Vec<JsonValue> =
        FieldType::all().iter().filter_map(|t| serde_json::to_value(t).ok()?.get("type").cloned()).collect();
    let field = json!({ "type": "object", "required": ["api_name", "label", "type"], "properties": {
        "id": { "type": "string" }, "api_name": { "type": "string" }, "label": { "type": "string" },
        "type": { "type": "string", "enum": types } } });
    json!({ "type": "object", "required": ["api_name", "label", "label_plural", "fields"], "properties": {
        "id": { "type": "string" }, "api_name": { "type": "string" }, "label": { "type": "string" },
        "label_plural": { "type": "string" }, "is_activity": { "type": "boolean" }, "hidden": { "type": "boolean" },
        "label_field": { "type": "string" }, "behaviour": behaviour_schema(),
        "fields": { "type": "array", "items": field } } })
}

/// The metadata operations an administrator's document describes: custom objects
/// made (`crate::meta::create_object`) and changed in place, their behaviour
/// included (`update_object`), and a field's metadata changed in place
/// (`update_field`). Only what can change is in a PATCH body; a select's `options`
/// are its whole new list, in order.
fn meta_paths(paths: &mut Map<String, JsonValue>) {
    let name = |what: &str| json!({ "name": what, "in": "path", "required": true, "schema": { "type": "string", "minLength": 1 } });
    let body = |schema: JsonValue| json!({ "required": true, "content": { "application/json": { "schema": schema } } });
    paths.insert(
        "/api/v1/meta/objects".into(),
        json!({ "post": { "operationId": "createObject", "tags": ["Metadata"],
            "description": "Makes a custom object with its fields and behaviour (administrators)",
            "requestBody": body(object_schema()),
            "responses": answer("The new object", object_schema(), &[400, 401, 403, 409, 413, 415, 422]) } }),
    );
    let change = json!({ "type": "object", "additionalProperties": false, "properties": {
        "api_name": { "type": "string" }, "label": { "type": "string" }, "label_plural": { "type": "string" },
        "hidden": { "type": "boolean" },
        "behaviour": { "description": "What the interface does with the object, replaced whole",
            "allOf": [behaviour_schema()] } } });
    paths.insert(
        "/api/v1/meta/objects/{object}".into(),
        json!({ "parameters": [name("object")],
        "patch": { "operationId": "updateObject", "tags": ["Metadata"],
            "description": "Renames, relabels or hides a custom object, relabels a standard one, or changes what the interface does with it (administrators)",
            "requestBody": body(change),
            "responses": answer("The changed object", object_schema(), &[400, 401, 403, 404, 409, 413, 415, 422]) } }),
    );
    let option = json!({ "type": "object", "required": ["value", "label"], "properties": {
        "value": { "type": "string", "minLength": 1, "maxLength": rapport_domain::OPTION_VALUE_MAX,
            "description": "Letters, digits, `_` and `-`" },
        "label": { "type": "string", "minLength": 1, "maxLength": rapport_domain::OPTION_LABEL_MAX },
        "color": nullable(json!({ "type": "string" })) } });
    let field_change = json!({ "type": "object", "additionalProperties": false, "properties": {
        "api_name": { "type": "string" },
        "label": { "type": "string" },
        "hidden": { "type": "boolean" },
        "position": { "type": "integer", "format": "int32" },
        "options": { "type": "array", "minItems": 1, "items": option,
            "description": "A select or multi-select field's options, in the order offered; one still held by a record cannot be left out (`in_use`)" },
        "section": nullable(json!({ "type": "string", "maxLength": rapport_domain::SECTION_MAX,
            "description": "The record page's section; null for the default one" })) } });
    let field = json!({ "type": "object", "required": ["id", "api_name", "label", "type"], "properties": {
        "id": { "type": "string" }, "api_name": { "type": "string" }, "label": { "type": "string" },
        "type": { "type": "string" } } });
    paths.insert(
        "/api/v1/meta/objects/{object}/fields/{field}".into(),
        json!({ "parameters": [name("object"), name("field")],
        "patch": { "operationId": "updateField", "tags": ["Metadata"],
            "description": "Renames, relabels, hides or moves a field, changes its section or a select's options (administrators)",
            "requestBody": body(field_change),
            "responses": answer("The changed field", field, &[400, 401, 403, 404, 409, 413, 415]) } }),
    );
}

/// `GET /api/v1/events` (administrators, read-only tokens too: it changes nothing
/// they can see, though a read may number waiting events).
fn events_path(paths: &mut Map<String, JsonValue>) {
    let change = json!({ "type": "object", "required": ["old", "new"], "properties": { "old": {}, "new": {} } });
    let kinds = rapport_domain::record_events::Kind::ALL.map(|k| k.as_str());
    let event = json!({ "type": "object",
        "required": ["position", "at", "object", "record_id", "kind", "actor_id", "changes"],
        "properties": {
            "position": { "type": "integer", "minimum": 1 },
            "at": { "type": "string", "format": "date-time" },
            "object": { "type": "string" },
            "record_id": uuid(),
            "kind": { "type": "string", "enum": kinds },
            "actor_id": nullable(uuid()),
            "changes": { "type": "object", "additionalProperties": change,
                "description": "created: every field given a value; updated: the fields that changed; by API name" },
            "activity": { "type": "object", "required": ["object", "id"],
                "properties": { "object": { "type": "string" }, "id": uuid() },
                "description": "linked: the activity put on the record's timeline" } } });
    let page = json!({ "type": "object", "required": ["data", "next_after"], "properties": {
        "data": { "type": "array", "items": event },
        "next_after": { "type": "integer", "minimum": 0, "description": "`after` of the next page" } } });
    let max = rapport_domain::record_events::MAX_LIMIT;
    paths.insert(
        "/api/v1/events".into(),
        json!({ "get": { "operationId": "listEvents", "tags": ["Events"],
            "description": "Record events after position `after`, oldest first (administrators)",
            "parameters": [
                query("after", "`next_after` of the previous page; 0 (the default) for the first",
                    json!({ "type": "integer", "minimum": 0 })),
                query("object", "Only this object's events (its API name)", json!({ "type": "string" })),
                query("limit", "Events on the page (100 by default)",
                    json!({ "type": "integer", "minimum": 1, "maximum": max }))],
            "responses": answer("A page of events", page, &[400, 401, 403]) } }),
    );
}

/// The document for `schema` as the caller sees it; `writes` is false for read-only
/// tokens (their document has no writing operations).
/// `admin` adds the metadata operations, `events` the record events.
pub fn document(schema: &Schema, can_write: impl Fn(&ObjectDef) -> bool, admin: bool, events: bool) -> JsonValue {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    schemas.insert(
        "Problem".into(),
        json!({ "type": "object", "required": ["type", "title", "status", "code"],
        "properties": { "type": { "type": "string" }, "title": { "type": "string" }, "status": { "type": "integer" },
            "code": { "type": "string" }, "detail": { "type": "string" },
            "errors": { "type": "array", "items": { "type": "object", "properties": {
                "field": { "type": "string" }, "code": { "type": "string" }, "message": { "type": "string" } } } } } }),
    );
    for object in schema.all() {
        let name = component(object);
        schemas.insert(name.clone(), record_schema(object));
        let writes = can_write(object);
        if writes {
            schemas.insert(format!("{name}Input"), input_schema(object, true));
            schemas.insert(format!("{name}Patch"), input_schema(object, false));
        }
        object_paths(object, &mut paths, writes);
    }
    if admin {
        meta_paths(&mut paths);
    }
    if events {
        events_path(&mut paths);
    }
    json!({
        "openapi": "3.1.0",
        "info": { "title": "Rapport API", "version": env!("CARGO_PKG_VERSION"),
            "description": "Records of every object, as the caller may see them. See docs/API.md." },
        "servers": [{ "url": "/" }],
        "security": [{ "bearer": [] }, { "session": [] }],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer", "description": "An API token (rpt_…)" },
                "session": { "type": "apiKey", "in": "cookie", "name": "rapport_session" } } }
    })
}

/// `GET /api/v1/openapi.json`.
pub async fn serve(State(state): State<AppState>, caller: Caller) -> Result<Json<JsonValue>, Problem> {
    let schema = state.crm.schema(caller.actor()).await?;
    let actor = caller.actor();
    let can_write = |o: &ObjectDef| {
        !actor.is_read_only()
            && [Action::Create, Action::Edit, Action::Delete]
                .iter()
                .any(|a| actor.reach(&o.id, *a) != rapport_domain::model::access::Reach::None)
    };
    let admin = actor.is_admin() && !actor.is_read_only();
    Ok(Json(document(&schema, can_write, admin, actor.is_admin())))
}
