//! Marking an item of a home list done, in place (`POST /home/done/{object}/{id}`):
//! the list's metadata says which field takes which value (`done`); the write is the
//! ordinary update with the version the page read, so a record changed meanwhile is
//! not overwritten blindly. Done, the item leaves every list of the page and a toast
//! says so; changed meanwhile, the item comes back as it is now with what happened.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rapport_domain::model::behaviour::HomeList;
use rapport_domain::model::{ObjectDef, Record, Value};
use serde::Deserialize;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use super::{Day, Item, customers, item};
use crate::AppState;
use crate::problem::Problem;
use crate::ui::page::{PageResult, UiError, Viewer, object_of, redirect, render_status, with_page_headers};

/// What the button sends: the version the page read, and the list it is on.
#[derive(Debug, Deserialize)]
pub struct DoneInput {
    #[serde(default)]
    version: String,
    #[serde(default)]
    list: String,
}

/// The item again, with why it was not marked done.
#[derive(Template)]
#[template(path = "home_item.html")]
struct ItemFragment {
    t: crate::ui::i18n::Tr,
    i: Item,
    error: String,
}

/// `text` as a JSON string of ASCII only: a header's value is read as Latin-1, so
/// every other character goes as a `\u` escape.
fn ascii_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

/// An empty answer that removes the item (the request's target, on `list`) and its
/// copies on the page's other lists, and asks for a toast saying `message`.
fn removed((object, list): (&ObjectDef, &HomeList), id: Uuid, message: &str) -> Response {
    let copies: String = object
        .behaviour
        .home
        .iter()
        .filter(|other| other.key != list.key)
        .map(|list| format!("<li id=\"home-{}-{id}\" hx-swap-oob=\"delete\"></li>", list.key))
        .collect();
    let mut response = with_page_headers((StatusCode::OK, axum::response::Html(copies)).into_response());
    let trigger = format!("{{\"rapport:toast\":{}}}", ascii_json(message));
    if let Ok(value) = HeaderValue::from_str(&trigger) {
        response.headers_mut().insert("hx-trigger", value);
    }
    response
}

/// The record as it is now, as an item of `list` with `error` beside it.
async fn item_again(
    state: &AppState,
    viewer: &Viewer,
    (object, list): (&ObjectDef, &HomeList),
    record: &Record,
    (status, error): (StatusCode, String),
) -> PageResult {
    let schema = viewer.schema(state).await?;
    let when = object.field(&list.when).ok_or_else(UiError::not_found)?;
    let mut linked = customers(state, viewer, schema, object, std::slice::from_ref(record)).await?;
    let day = Day::of(&viewer.format);
    let links = linked.remove(&record.id).unwrap_or_default();
    let i = item(viewer, (object, list, when), &day, record, links);
    Ok(render_status(status, &ItemFragment { t: viewer.tr.clone(), i, error }))
}

/// Whether `record` already holds the value that says done.
fn is_done(object: &ObjectDef, list: &HomeList, record: &Record) -> bool {
    let Some(done) = &list.done else { return false };
    object.field(&done.field).is_some() && matches!(record.get(&done.field), Value::Text(v) if *v == done.value)
}

/// `POST /home/done/{object}/{id}`.
pub async fn mark_done(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
    axum::Form(input): axum::Form<DoneInput>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let id: Uuid = id.parse().map_err(|_| UiError::not_found())?;
    let list = object.behaviour.home.iter().find(|l| l.key == input.list).ok_or_else(UiError::not_found)?;
    let done = list.done.as_ref().ok_or_else(UiError::not_found)?;
    let field = object.field(&done.field).filter(|f| !f.hidden).ok_or_else(UiError::not_found)?;
    let tr = &viewer.tr;
    let Ok(version) = input.version.trim().parse::<i64>() else {
        return Err(UiError::bad_request(tr.t("home-done-no-version")).into());
    };
    let patch: Map<String, Json> = [(field.api_name.clone(), Json::String(done.value.clone()))].into_iter().collect();
    let failed = match state.crm.update(viewer.actor(), &object.api_name, id, version, &patch).await {
        Ok(saved) => {
            if !viewer.htmx {
                return Ok(redirect("/", false));
            }
            let label = viewer.format.label(&object, &saved);
            return Ok(removed((&object, list), id, &tr.t1("home-marked-done", "item", label)));
        }
        Err(e) => Problem::from(e),
    };
    if !(failed.status == StatusCode::CONFLICT || failed.status == StatusCode::UNPROCESSABLE_ENTITY) {
        // Gone, or not the user's to change: an error page, which htmx shows as a toast.
        return Err(failed.into());
    }
    let current = state.crm.get(viewer.actor(), &object.api_name, id).await?;
    if failed.code == "version_conflict" && is_done(&object, list, &current) {
        let label = viewer.format.label(&object, &current);
        return Ok(removed((&object, list), id, &tr.t1("home-already-done", "item", label)));
    }
    let error = if failed.code == "version_conflict" {
        tr.t("home-done-conflict")
    } else {
        crate::ui::form::field_messages(tr, &failed).into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ")
    };
    if !viewer.htmx {
        return Err(UiError { status: failed.status, detail: error }.into());
    }
    item_again(&state, &viewer, (&object, list), &current, (failed.status, error)).await
}
