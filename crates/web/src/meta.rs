//! The metadata API (`/api/v1/meta/objects`): the objects and fields the caller may
//! read, and — for administrators — custom objects and fields made, renamed, hidden
//! and moved at runtime. A new field is filterable, sortable (when indexed) and
//! searchable (when searchable) at once, in every process, without a restart.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use rapport_domain::model::{FieldDef, ObjectDef, SelectOption};
use rapport_domain::{FieldPatch, ObjectPatch};
use serde::Deserialize;
use serde_json::{Value as JsonValue, json};

use crate::AppState;
use crate::auth::Caller;
use crate::json::JsonBody;
use crate::problem::Problem;

/// The largest body a metadata route takes: an object with many fields and options.
pub const META_BODY_LIMIT: usize = 256 * 1024;

/// An object as the caller may see it: hidden fields only for administrators (who
/// may unhide them).
fn described(object: &ObjectDef, admin: bool) -> JsonValue {
    let mut object = object.clone();
    if !admin {
        object.fields.retain(|f| !f.hidden);
    }
    let mut json = serde_json::to_value(&object).unwrap_or(JsonValue::Null);
    // The sortable flag is derived; say it, so clients need not know the rule.
    if let Some(fields) = json.get_mut("fields").and_then(JsonValue::as_array_mut) {
        for (field, def) in fields.iter_mut().zip(&object.fields) {
            field["sortable"] = json!(def.sortable());
        }
    }
    json
}

/// `GET /api/v1/meta/objects`.
pub async fn objects(State(state): State<AppState>, caller: Caller) -> Result<Json<JsonValue>, Problem> {
    let schema = state.crm.schema(caller.actor()).await?;
    let admin = caller.actor().is_admin();
    let data: Vec<JsonValue> = schema.all().map(|o| described(o, admin)).collect();
    Ok(Json(json!({ "data": data })))
}

/// `GET /api/v1/meta/objects/{object}`.
pub async fn object(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
) -> Result<Json<JsonValue>, Problem> {
    let schema = state.crm.schema(caller.actor()).await?;
    let object = schema.object_by_api(&name).map_err(|_| unknown_object(&name))?;
    Ok(Json(described(object, caller.actor().is_admin())))
}

fn unknown_object(name: &str) -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "unknown_object", format!("there is no object `{name}`"))
}

/// `POST /api/v1/meta/objects` (administrators): a custom object with its fields.
pub async fn create_object(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(object): JsonBody<ObjectDef>,
) -> Result<(StatusCode, Json<JsonValue>), Problem> {
    let made = state.crm.create_object(caller.actor(), object).await?;
    Ok((StatusCode::CREATED, Json(described(&made, true))))
}

/// `POST /api/v1/meta/objects/{object}/fields` (administrators): a custom field; its
/// id (and column) is made from its API name when not given.
pub async fn add_field(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    JsonBody(field): JsonBody<FieldDef>,
) -> Result<(StatusCode, Json<FieldDef>), Problem> {
    let made = state.crm.add_field(caller.actor(), &name, field).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// What may change about an object: metadata only; its table never changes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectChange {
    api_name: Option<String>,
    label: Option<String>,
    label_plural: Option<String>,
    hidden: Option<bool>,
    /// What the interface does with the object, replaced whole.
    behaviour: Option<rapport_domain::model::Behaviour>,
}

/// `PATCH /api/v1/meta/objects/{object}` (administrators): rename, relabel or hide a
/// custom object (relabel a standard one), or change what the interface does with it.
pub async fn update_object(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    JsonBody(change): JsonBody<ObjectChange>,
) -> Result<Json<JsonValue>, Problem> {
    let patch = ObjectPatch {
        api_name: change.api_name,
        label: change.label,
        label_plural: change.label_plural,
        hidden: change.hidden,
        behaviour: change.behaviour,
    };
    let object = state.crm.update_object(caller.actor(), &name, patch).await?;
    Ok(Json(described(&object, true)))
}

/// What may change about a field: metadata only; its column never changes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldChange {
    api_name: Option<String>,
    label: Option<String>,
    hidden: Option<bool>,
    position: Option<i32>,
    /// A select's whole new list of options, in order.
    options: Option<Vec<SelectOption>>,
    /// `null` puts the field back in the default section; absent leaves it.
    #[serde(default, deserialize_with = "present")]
    section: Option<Option<String>>,
}

/// A property that was sent, `null` included (`Some(None)`); `default` makes an
/// absent one `None`.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// `PATCH /api/v1/meta/objects/{object}/fields/{field}` (administrators): rename,
/// relabel, hide or move a field, change its section or a select's options.
pub async fn update_field(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, field)): Path<(String, String)>,
    JsonBody(change): JsonBody<FieldChange>,
) -> Result<Json<FieldDef>, Problem> {
    // The field by its API name (or its stable id, which never changes).
    let schema = state.crm.schema(caller.actor()).await?;
    let object = schema.object_by_api(&name).map_err(|_| unknown_object(&name))?;
    let id = object.fields.iter().find(|f| f.api_name == field).map_or(field.as_str(), |f| f.id.as_str());
    let patch = FieldPatch {
        api_name: change.api_name,
        label: change.label,
        hidden: change.hidden,
        position: change.position,
        options: change.options,
        section: change.section,
    };
    Ok(Json(state.crm.update_field(caller.actor(), &name, id, patch).await?))
}
