//! The list view of any object, standard or custom: chosen columns, sort by header,
//! search, the filter (the API's filter language, edited by the filter builder),
//! keyset pages ("more" appends the next page); the export of the current view is
//! `export.rs`'s.
//! The view's state lives in the address, so the back button, reloads and shared
//! links all show the same list.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use rapport_domain::model::access::{FieldAccess, Reach};
use rapport_domain::model::filter::{Filter, parse as parse_filter};
use rapport_domain::model::sort::{SortKey, parse_sort, print_sort};
use rapport_domain::model::{Action, FieldDef, FieldType, ObjectDef, Record, Value};
use rapport_domain::{ListQuery, SavedView, ViewInput};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::form::InputKind;
use super::format::Shown;
use super::i18n::Tr;
use super::page::{Chrome, PageError, PageResult, UiError, Viewer, object_of, render, render_status, urlencode};
use crate::AppState;
use crate::problem::Problem;

/// Rows per page of a list.
const PAGE_SIZE: u32 = 50;
/// The most records one bulk action changes.
const MAX_BULK: usize = 500;
/// Columns shown when the view names none.
const DEFAULT_COLUMNS: usize = 6;

/// The state of a list view, as its address carries it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ViewState {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub filter: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub order_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub columns: String,
    /// Each page's own; links that keep the view start at its first page.
    #[serde(default, skip_serializing)]
    pub cursor: String,
    /// The saved view this list shows (its state fills what the address leaves out).
    #[serde(default, skip_serializing)]
    pub view: String,
}

impl ViewState {
    /// The query string of this view (without the cursor), for links that keep it.
    pub fn query_string(&self) -> String {
        super::address::query(self)
    }

    fn with(&self, change: impl FnOnce(&mut ViewState)) -> String {
        let mut next = self.clone();
        change(&mut next);
        next.query_string()
    }
}

/// A column of the list.
pub struct Column {
    pub api_name: String,
    pub label: String,
    /// `ascending`/`descending` when the list is sorted by it, for `aria-sort`.
    pub sorted: &'static str,
    /// The address that sorts by this column (toggling the direction), empty when the
    /// field cannot be sorted by.
    pub sort_href: String,
    pub editable: bool,
}

/// A row of the list.
pub struct Row {
    pub id: Uuid,
    pub href: String,
    pub label: String,
    pub version: i64,
    pub cells: Vec<Shown>,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    t: Tr,
    chrome: Chrome,
    object: ObjectDef,
    state: ViewState,
    base: String,
    columns: Vec<Column>,
    rows: Vec<Row>,
    next_href: String,
    problem: String,
    all_columns: Vec<(String, String, bool)>,
    may_create: bool,
    may_delete: bool,
    may_edit: bool,
    may_export: bool,
    /// People who can be made owners in a bulk reassignment: id and name.
    users: Vec<(String, String)>,
    /// Fields a bulk edit can set: API name and label.
    settable: Vec<(String, String)>,
    views: Vec<SavedView>,
    current: Option<SavedView>,
    /// The filter as sentences (empty without one).
    filter_summary: Vec<String>,
    /// The view's address without its filter.
    clear_filter: String,
}

#[derive(Template)]
#[template(path = "list_rows.html")]
struct RowsFragment {
    t: Tr,
    object: ObjectDef,
    columns: Vec<Column>,
    rows: Vec<Row>,
    next_href: String,
}

/// The fields shown as columns: those the view names, else those the object's
/// metadata lists (`behaviour.list.columns`), else the label field and the first
/// simple fields.
pub fn columns_of<'a>(object: &'a ObjectDef, named: &str) -> Vec<&'a FieldDef> {
    let mut out: Vec<&FieldDef> =
        named.split(',').map(str::trim).filter_map(|name| object.field_by_api(name).ok()).collect();
    out.dedup_by(|a, b| a.id == b.id);
    if out.is_empty() {
        out = object
            .behaviour
            .list
            .iter()
            .flat_map(|l| l.columns.iter())
            .filter_map(|id| object.field(id).filter(|f| !f.hidden))
            .collect();
    }
    if out.is_empty() {
        let label = object.label_field.as_deref();
        let mut fields: Vec<&FieldDef> = object
            .visible_fields()
            .filter(|f| !matches!(f.kind, FieldType::LongText | FieldType::Json | FieldType::Attachment))
            .collect();
        fields.sort_by_key(|f| (Some(f.id.as_str()) != label, f.position));
        out = fields.into_iter().take(DEFAULT_COLUMNS).collect();
    }
    out
}

/// The sort of a view: the one it names, else by label.
pub(super) fn sort_of(tr: &Tr, object: &ObjectDef, state: &ViewState) -> Result<Vec<SortKey>, String> {
    if state.order_by.trim().is_empty() {
        return Ok(object.default_sort());
    }
    parse_sort(&state.order_by).map_err(|e| crate::problem_text::syntax(&e, "invalid_order_by", tr))
}

pub(super) fn filter_of(tr: &Tr, state: &ViewState) -> Result<Option<Filter>, String> {
    if state.filter.trim().is_empty() {
        return Ok(None);
    }
    parse_filter(&state.filter).map(Some).map_err(|e| crate::problem_text::syntax(&e, "invalid_filter", tr))
}

/// The labels of the records the relation cells of `records` point at: one statement
/// per relation column.
pub async fn relation_labels(
    state: &AppState,
    viewer: &Viewer,
    fields: &[&FieldDef],
    records: &[Record],
) -> Result<HashMap<(String, Uuid), String>, UiError> {
    let schema = viewer.schema(state).await?;
    let mut labels = HashMap::new();
    for field in fields {
        let FieldType::Relation { target } = &field.kind else { continue };
        let Ok(target_object) = schema.object(target) else { continue };
        let ids: Vec<Uuid> = records
            .iter()
            .filter_map(|r| match r.get(&field.id) {
                Value::Uuid(id) => Some(*id),
                _ => None,
            })
            .collect();
        for record in state.crm.by_ids(viewer.actor(), &target_object.api_name, &ids).await? {
            labels.insert((target.clone(), record.id), viewer.format.label(target_object, &record));
        }
    }
    Ok(labels)
}

/// Rows for `records` with the cells of `fields`.
pub fn rows(
    viewer: &Viewer,
    object: &ObjectDef,
    fields: &[&FieldDef],
    records: &[Record],
    labels: &HashMap<(String, Uuid), String>,
) -> Vec<Row> {
    let lookup = |target: &str, id: &Uuid| labels.get(&(target.to_owned(), *id)).cloned();
    records
        .iter()
        .map(|record| Row {
            id: record.id,
            href: format!("/o/{}/{}", object.api_name, record.id),
            label: viewer.format.label(object, record),
            version: record.version,
            cells: fields.iter().map(|f| viewer.format.shown(&viewer.tr, f, record.get(&f.id), &lookup)).collect(),
        })
        .collect()
}

struct Loaded {
    columns: Vec<Column>,
    rows: Vec<Row>,
    next_href: String,
}

async fn load(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    view: &ViewState,
) -> Result<Loaded, Result<String, UiError>> {
    let fields = columns_of(object, &view.columns);
    let sort = sort_of(&viewer.tr, object, view).map_err(Ok)?;
    let filter = filter_of(&viewer.tr, view).map_err(Ok)?;
    let query = ListQuery {
        filter,
        sort: sort.clone(),
        limit: PAGE_SIZE,
        cursor: Some(view.cursor.clone()).filter(|c| !c.is_empty()),
        q: Some(view.q.clone()).filter(|q| !q.trim().is_empty()),
    };
    let page = match state.crm.list(viewer.actor(), &object.api_name, query).await {
        Ok(page) => page,
        Err(e) => {
            let problem = Problem::from(e);
            return Err(
                if problem.status == StatusCode::BAD_REQUEST || problem.status == StatusCode::UNPROCESSABLE_ENTITY {
                    Ok(crate::problem_text::detail(&problem, &viewer.tr))
                } else {
                    Err(UiError::from_problem(problem))
                },
            );
        }
    };
    let labels = relation_labels(state, viewer, &fields, &page.records).await.map_err(Err)?;
    let base = format!("/o/{}", object.api_name);
    let columns = fields
        .iter()
        .map(|f| {
            let current = sort.first().filter(|k| k.field == f.api_name);
            let sorted = match current {
                Some(k) if k.descending => "descending",
                Some(_) => "ascending",
                None => "",
            };
            let next = match current {
                Some(k) if !k.descending => SortKey::desc(&f.api_name),
                _ => SortKey::asc(&f.api_name),
            };
            let sort_href = if f.sortable() {
                format!("{base}?{}", view.with(|s| s.order_by = print_sort(&[next])))
            } else {
                String::new()
            };
            Column {
                api_name: f.api_name.clone(),
                label: f.label.clone(),
                sorted,
                sort_href,
                editable: super::form::editable(f)
                    && viewer.actor().field_access(&object.id, &f.id) == FieldAccess::ReadWrite,
            }
        })
        .collect();
    let rows = rows(viewer, object, &fields, &page.records, &labels);
    let next_href = match page.next_cursor {
        Some(cursor) if page.has_more => {
            let rest = view.query_string();
            let sep = if rest.is_empty() { "" } else { "&" };
            format!("{base}/rows?{rest}{sep}cursor={}", urlencode(&cursor))
        }
        _ => String::new(),
    };
    Ok(Loaded { columns, rows, next_href })
}

/// `GET /o/{object}`.
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(view): Query<ViewState>,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let chrome = viewer.chrome(&state, &object.api_name).await?;
    let views = state.crm.saved_views(viewer.actor(), &object.api_name).await?;
    let current = views.iter().find(|v| v.id.to_string() == view.view).cloned();
    let mut view = view;
    // A saved view's link names only the view; once the list's own controls send its
    // state (even empty: a cleared filter), that state is what the user asked for.
    let own_state = raw.unwrap_or_default().split('&').any(|pair| {
        let key = pair.split('=').next().unwrap_or("");
        ["q", "filter", "order_by", "columns"].contains(&key)
    });
    if let (Some(saved), false) = (&current, own_state) {
        view = with_saved(view, saved);
    }
    let (loaded, problem) = match load(&state, &viewer, &object, &view).await {
        Ok(loaded) => (loaded, String::new()),
        Err(Ok(message)) => (Loaded { columns: Vec::new(), rows: Vec::new(), next_href: String::new() }, message),
        Err(Err(e)) => return Err(e.into()),
    };
    let shown: Vec<String> = loaded.columns.iter().map(|c| c.api_name.clone()).collect();
    let all_columns =
        object.visible_fields().map(|f| (f.api_name.clone(), f.label.clone(), shown.contains(&f.api_name))).collect();
    let actor = viewer.actor();
    let may_edit = actor.reach(&object.id, Action::Edit) != Reach::None;
    let users = if may_edit {
        let mut users: Vec<(String, String)> = state
            .crm
            .users(actor)
            .await?
            .into_iter()
            .filter(|u| u.is_active)
            .map(|u| (u.id.to_string(), u.display_name))
            .collect();
        users.sort_by(|a, b| a.1.cmp(&b.1));
        users
    } else {
        Vec::new()
    };
    let settable = object
        .visible_fields()
        .filter(|f| bulk_settable(actor, &object, f))
        .map(|f| (f.api_name.clone(), f.label.clone()))
        .collect();
    let filter_summary = match filter_of(&viewer.tr, &view) {
        Ok(Some(filter)) => super::builder::summary(&viewer.tr, &object, &filter),
        _ => Vec::new(),
    };
    let clear_filter = view.with(|s| s.filter.clear());
    let page = ListPage {
        t: viewer.tr.clone(),
        chrome,
        filter_summary,
        clear_filter,
        base: format!("/o/{}", object.api_name),
        may_create: actor.reach(&object.id, Action::Create) != Reach::None,
        may_delete: actor.reach(&object.id, Action::Delete) != Reach::None,
        may_export: actor.reach(&object.id, Action::Export) != Reach::None,
        may_edit,
        users,
        settable,
        views,
        current,
        object,
        state: view,
        columns: loaded.columns,
        rows: loaded.rows,
        next_href: loaded.next_href,
        all_columns,
        problem: problem.clone(),
    };
    Ok(if problem.is_empty() { render(&page) } else { render_status(StatusCode::BAD_REQUEST, &page) })
}

/// `GET /o/{object}/rows`: the next page of rows, appended by htmx.
pub async fn more_rows(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(view): Query<ViewState>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let loaded = match load(&state, &viewer, &object, &view).await {
        Ok(loaded) => loaded,
        Err(Ok(message)) => return Err(UiError::bad_request(message).into()),
        Err(Err(e)) => return Err(e.into()),
    };
    let fragment = RowsFragment {
        t: viewer.tr.clone(),
        object,
        columns: loaded.columns,
        rows: loaded.rows,
        next_href: loaded.next_href,
    };
    Ok(render(&fragment))
}

/// The state of a saved view, opened by its link.
fn with_saved(view: ViewState, saved: &SavedView) -> ViewState {
    ViewState {
        q: saved.q.clone(),
        filter: saved.filter.clone(),
        order_by: saved.sort.clone(),
        columns: saved.columns.join(","),
        cursor: view.cursor,
        view: view.view,
    }
}

#[derive(Deserialize)]
pub struct SaveViewForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    shared: Option<String>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    filter: String,
    #[serde(default)]
    order_by: String,
    #[serde(default)]
    columns: String,
}

/// `POST /o/{object}/views` (a new view) and `POST /o/{object}/views/{id}` (the same
/// view with this state): then the list shows it.
pub async fn save_view(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(params): Path<Vec<(String, String)>>,
    axum::Form(form): axum::Form<SaveViewForm>,
) -> PageResult {
    let param = |key: &str| params.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let object = object_of(&state, &viewer, &param("object")).await?;
    let id = match param("id") {
        id if id.is_empty() => None,
        id => Some(id.parse::<Uuid>().map_err(|_| UiError::not_found())?),
    };
    let existing = match id {
        Some(id) => state.crm.saved_views(viewer.actor(), &object.api_name).await?.into_iter().find(|v| v.id == id),
        None => None,
    };
    let input = ViewInput {
        object: object.api_name.clone(),
        name: existing.as_ref().map_or(form.name, |v| v.name.clone()),
        shared: existing.as_ref().map_or(form.shared.is_some(), |v| v.shared),
        filter: form.filter,
        sort: form.order_by,
        columns: form.columns,
        q: form.q,
    };
    match state.crm.save_view(viewer.actor(), id, input).await {
        Ok(saved) => Ok(super::page::redirect(&format!("/o/{}?view={}", object.api_name, saved.id), viewer.htmx)),
        Err(e) => {
            let problem = Problem::from(e);
            let detail = super::form::field_messages(&viewer.tr, &problem)
                .into_iter()
                .map(|(field, message)| {
                    if field.is_empty() {
                        message
                    } else {
                        format!("{} {message}", viewer.tr.t(&format!("view-field-{field}")))
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            let status = if problem.status.is_server_error() { problem.status } else { StatusCode::BAD_REQUEST };
            Err(UiError { status, detail }.into())
        }
    }
}

/// `POST /o/{object}/views/{id}/delete`.
pub async fn delete_view(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let id: Uuid = id.parse().map_err(|_| UiError::not_found())?;
    state.crm.delete_view(viewer.actor(), id).await?;
    Ok(super::page::redirect(&format!("/o/{}", object.api_name), viewer.htmx))
}

/// Fields a bulk edit may set: editable by this user, and not unique (one value on
/// many records would clash) nor a list of contact points (those belong to one record).
fn bulk_settable(actor: &rapport_domain::model::Actor, object: &ObjectDef, field: &FieldDef) -> bool {
    super::form::editable(field)
        && !field.unique
        && actor.field_access(&object.id, &field.id) == FieldAccess::ReadWrite
        && !matches!(
            field.kind,
            FieldType::Email { multiple: true }
                | FieldType::Phone { multiple: true }
                | FieldType::Url { multiple: true }
                | FieldType::Social
        )
}

#[derive(Template)]
#[template(path = "bulk_input.html")]
struct BulkInput {
    t: Tr,
    input: Option<super::form::Input>,
}

#[derive(Deserialize)]
pub struct FieldParam {
    #[serde(default)]
    field: String,
}

/// `GET /o/{object}/bulk-input?field=…`: the input for the value a bulk edit sets.
pub async fn bulk_input(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(param): Query<FieldParam>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let input =
        object.field_by_api(&param.field).ok().filter(|f| bulk_settable(viewer.actor(), &object, f)).and_then(|f| {
            let mut only = object.clone();
            only.fields.retain(|x| x.id == f.id);
            super::form::inputs(&only, &[], &[], &|_, _| None, &viewer.format).into_iter().next()
        });
    Ok(render(&BulkInput { t: viewer.tr.clone(), input }))
}

/// `POST /o/{object}/bulk`: delete, reassign or set a field on the selected records,
/// all of them or none; then back to the list.
pub async fn bulk(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    headers: axum::http::HeaderMap,
    axum::Form(pairs): axum::Form<super::form::Pairs>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("");
    let ids: Vec<Uuid> = pairs.iter().filter(|(k, _)| k == "id").filter_map(|(_, v)| v.parse().ok()).collect();
    let bad = |id: &str| PageError::from(UiError::bad_request(viewer.tr.t(id)));
    if ids.is_empty() {
        return Err(bad("bulk-none-selected"));
    }
    // One unit of work holds the writer: a bound keeps it short (a page shows 50 rows,
    // "more" adds 50 at a time).
    if ids.len() > MAX_BULK {
        return Err(bad("bulk-too-many"));
    }
    let actor = viewer.actor();
    let done = match get("action") {
        "delete" => state.crm.delete_many(actor, &object.api_name, &ids).await,
        "reassign" => {
            let owner: Uuid = get("owner").parse().map_err(|_| bad("bulk-choose-owner"))?;
            state.crm.reassign(actor, &object.api_name, &ids, Some(Some(owner)), None).await.map(|r| r.len())
        }
        "set" => {
            let field = object
                .field_by_api(get("field"))
                .ok()
                .filter(|f| bulk_settable(actor, &object, f))
                .ok_or_else(|| bad("bulk-choose-field"))?;
            let mut only = object.clone();
            only.fields.retain(|f| f.id == field.id);
            let mut input = super::form::record_input(&only, &pairs, &viewer.format);
            input.entry(field.api_name.clone()).or_insert(serde_json::Value::Null);
            state.crm.update_many(actor, &object.api_name, &ids, &input).await
        }
        _ => return Err(bad("bulk-choose-action")),
    };
    match done {
        Ok(_) => {
            let back = super::page::current_page(&headers).unwrap_or_else(|| format!("/o/{}", object.api_name));
            Ok(super::page::redirect(&back, true))
        }
        Err(e) => {
            let problem = Problem::from(e);
            let mut detail = super::form::general_message(&viewer.tr, &problem);
            if let Some(field) = problem.errors.first() {
                detail = format!("{detail} ({})", field.field);
            }
            Err(UiError {
                status: if problem.status.is_server_error() { problem.status } else { StatusCode::BAD_REQUEST },
                detail,
            }
            .into())
        }
    }
}
