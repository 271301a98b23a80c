//! Pipelines and their stages: records of the `pipelines` and `stages` objects, made,
//! renamed and reordered through the same record calls as any other record, each
//! write carrying the version it read. A reorder renumbers the positions and a new
//! default unsets the old one in one unit, so a list is never half moved.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use rapport_domain::ListQuery;
use rapport_domain::model::{Record, Value};
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use super::super::form::{Pairs, general_message};
use super::super::i18n::Tr;
use super::super::page::{Chrome, PageResult, UiError, Viewer, redirect, render, render_status};
use super::{Admin, Errors, Notice, Tab, chrome, missing, refused_status, tabs, value};
use crate::AppState;
use crate::problem::Problem;

/// The most pipelines and stages read (one statement each).
const MOST: u32 = 500;
/// The kinds of stage, as the `stages.kind` options have them.
const KINDS: [&str; 3] = ["open", "won", "lost"];

fn text(record: &Record, field: &str) -> String {
    match record.get(field) {
        Value::Text(t) => t.clone(),
        _ => String::new(),
    }
}

fn integer(record: &Record, field: &str) -> i64 {
    match record.get(field) {
        Value::Integer(i) => *i,
        _ => 0,
    }
}

fn decimal(record: &Record, field: &str) -> String {
    match record.get(field) {
        Value::Decimal(d) => d.normalize().to_string(),
        Value::Integer(i) => i.to_string(),
        _ => String::new(),
    }
}

fn pipeline_of(record: &Record) -> Option<Uuid> {
    match record.get("pipeline") {
        Value::Uuid(id) => Some(*id),
        _ => None,
    }
}

/// Records in their order: by position, then name.
fn in_order(mut records: Vec<Record>) -> Vec<Record> {
    records.sort_by_key(|r| (integer(r, "position"), text(r, "name").to_lowercase()));
    records
}

async fn all(state: &AppState, viewer: &Viewer, object: &str) -> Result<Vec<Record>, Response> {
    let query = ListQuery { limit: MOST, ..ListQuery::default() };
    let page = state.crm.list(viewer.actor(), object, query).await.map_err(|e| UiError::from(e).render(&viewer.tr))?;
    Ok(in_order(page.records))
}

fn obj(value: Json) -> Map<String, Json> {
    value.as_object().cloned().unwrap_or_default()
}

/// The changes that put `records` in their order with `at` moved one place
/// (`earlier` or later), numbered from 0: only the records whose position changes.
fn renumbered(records: &[Record], at: Uuid, earlier: bool) -> Vec<(Uuid, i64, Map<String, Json>)> {
    let mut order: Vec<&Record> = records.iter().collect();
    let Some(i) = order.iter().position(|r| r.id == at) else { return Vec::new() };
    let other = if earlier { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < order.len()) };
    let Some(other) = other else { return Vec::new() };
    order.swap(i, other);
    order
        .into_iter()
        .enumerate()
        .filter(|(n, r)| integer(r, "position") != i64::try_from(*n).unwrap_or(i64::MAX))
        .map(|(n, r)| (r.id, r.version, obj(json!({ "position": n }))))
        .collect()
}

/// A pipeline in the list.
pub struct PipelineRow {
    pub id: Uuid,
    pub href: String,
    pub name: String,
    pub is_default: bool,
    /// How many stages it has, in words.
    pub stages: String,
    pub first: bool,
    pub last: bool,
}

#[derive(Template)]
#[template(path = "settings_pipelines.html")]
struct PipelinesPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    pipelines: Vec<PipelineRow>,
    name: String,
    notice: String,
    errors: Errors,
}

async fn pipelines_page(state: &AppState, viewer: &Viewer) -> Result<PipelinesPage, Response> {
    let pipelines = all(state, viewer, "pipelines").await?;
    let stages = all(state, viewer, "stages").await?;
    let count = pipelines.len();
    let rows = pipelines
        .iter()
        .enumerate()
        .map(|(i, p)| PipelineRow {
            id: p.id,
            href: format!("/settings/pipelines/{}", p.id),
            name: text(p, "name"),
            is_default: matches!(p.get("is_default"), Value::Bool(true)),
            stages: viewer.tr.t1(
                "settings-stage-count",
                "count",
                stages.iter().filter(|s| pipeline_of(s) == Some(p.id)).count(),
            ),
            first: i == 0,
            last: i + 1 == count,
        })
        .collect();
    Ok(PipelinesPage {
        t: viewer.tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(&viewer.tr, "pipelines"),
        pipelines: rows,
        name: String::new(),
        notice: String::new(),
        errors: Errors::default(),
    })
}

/// `GET /settings/pipelines`.
pub async fn list(State(state): State<AppState>, Admin(viewer): Admin, Query(notice): Query<Notice>) -> PageResult {
    let mut page = pipelines_page(&state, &viewer).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// A refusal as messages: server errors and missing records as their page.
fn refusal(tr: &Tr, e: rapport_domain::DomainError) -> Result<(Problem, Errors), UiError> {
    let problem = Problem::from(e);
    if problem.status.is_server_error() || problem.status == StatusCode::NOT_FOUND {
        return Err(UiError::from_problem(problem));
    }
    let errors = if problem.code == "version_conflict" {
        Errors(vec![(String::new(), tr.t("record-conflict"))])
    } else if problem.errors.is_empty() {
        Errors(vec![(String::new(), general_message(tr, &problem))])
    } else {
        Errors::of(tr, &problem)
    };
    Ok((problem, errors))
}

/// `POST /settings/pipelines`: a new pipeline, last; the first one is the default.
pub async fn create(State(state): State<AppState>, Admin(viewer): Admin, Form(pairs): Form<Pairs>) -> PageResult {
    let tr = &viewer.tr;
    let name = value(&pairs, "name");
    let pipelines = all(&state, &viewer, "pipelines").await?;
    let position = pipelines.iter().map(|p| integer(p, "position") + 1).max().unwrap_or(0);
    let input = obj(json!({ "name": name, "is_default": pipelines.is_empty(), "position": position }));
    let (problem, errors) = match state.crm.create(viewer.actor(), "pipelines", &input).await {
        Ok(made) => return Ok(redirect(&format!("/settings/pipelines/{}?saved=1", made.id), viewer.htmx)),
        Err(e) => refusal(tr, e).map_err(|e| e.render(tr))?,
    };
    let mut page = pipelines_page(&state, &viewer).await?;
    page.name = name;
    page.errors = errors.replace(tr, "name", "field-duplicate", "settings-pipeline-taken");
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/pipelines/{id}/move` (`to=earlier|later`): the answer is the
/// list drawn again.
pub async fn move_pipeline(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let pipelines = all(&state, &viewer, "pipelines").await?;
    let changes = renumbered(&pipelines, id, value(&pairs, "to") == "earlier");
    save_together(&state, &viewer, "pipelines", changes).await?;
    Ok(render(&pipelines_page(&state, &viewer).await?))
}

async fn save_together(
    state: &AppState,
    viewer: &Viewer,
    object: &str,
    changes: Vec<(Uuid, i64, Map<String, Json>)>,
) -> Result<(), Response> {
    if changes.is_empty() {
        return Ok(());
    }
    state.crm.update_together(viewer.actor(), object, changes).await.map(|_| ()).map_err(|e| {
        let problem = Problem::from(e);
        let detail = if problem.code == "version_conflict" {
            viewer.tr.t("record-conflict")
        } else {
            general_message(&viewer.tr, &problem)
        };
        let status = if problem.status.is_server_error() { problem.status } else { refused_status(&problem) };
        UiError { status, detail }.render(&viewer.tr)
    })
}

/// `POST /settings/pipelines/{id}/default`: this pipeline becomes the default; the
/// one before stops being it, in the same unit.
pub async fn make_default(State(state): State<AppState>, Admin(viewer): Admin, Path(id): Path<String>) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let pipelines = all(&state, &viewer, "pipelines").await?;
    if !pipelines.iter().any(|p| p.id == id) {
        return Err(UiError::not_found().into());
    }
    let changes = pipelines
        .iter()
        .filter_map(|p| {
            let is_default = matches!(p.get("is_default"), Value::Bool(true));
            let wanted = p.id == id;
            (is_default != wanted).then(|| (p.id, p.version, obj(json!({ "is_default": wanted }))))
        })
        .collect();
    save_together(&state, &viewer, "pipelines", changes).await?;
    Ok(redirect(&format!("/settings/pipelines/{id}?saved=1"), viewer.htmx))
}

/// A stage as its row shows it (what was typed, after a refusal).
pub struct StageRow {
    pub id: Uuid,
    pub name: String,
    pub probability: String,
    pub kind: String,
    pub version: i64,
    pub first: bool,
    pub last: bool,
    pub errors: Errors,
}

#[derive(Template)]
#[template(path = "settings_pipeline.html")]
struct PipelinePage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    id: Uuid,
    name: String,
    version: i64,
    is_default: bool,
    stages: Vec<StageRow>,
    kinds: Vec<(&'static str, String)>,
    /// The new stage's form, as typed.
    new_stage: StageRow,
    notice: String,
    errors: Errors,
}

fn stage_row(record: &Record, first: bool, last: bool) -> StageRow {
    StageRow {
        id: record.id,
        name: text(record, "name"),
        probability: decimal(record, "probability"),
        kind: text(record, "kind"),
        version: record.version,
        first,
        last,
        errors: Errors::default(),
    }
}

fn typed_stage(pairs: &Pairs) -> StageRow {
    StageRow {
        id: Uuid::nil(),
        name: value(pairs, "name"),
        probability: value(pairs, "probability"),
        kind: value(pairs, "kind"),
        version: value(pairs, "_version").parse().unwrap_or(0),
        first: false,
        last: false,
        errors: Errors::default(),
    }
}

fn stage_input(pairs: &Pairs) -> Map<String, Json> {
    let probability = value(pairs, "probability");
    let kind = value(pairs, "kind");
    obj(json!({
        "name": value(pairs, "name"),
        "probability": if probability.is_empty() { Json::Null } else { Json::String(probability) },
        "kind": if kind.is_empty() { Json::Null } else { Json::String(kind) },
    }))
}

/// A pipeline's stages, in order.
async fn stages_of(state: &AppState, viewer: &Viewer, pipeline: Uuid) -> Result<Vec<Record>, Response> {
    let filter = rapport_domain::model::filter::parse(&format!("pipeline[eq]:{pipeline}"))
        .map_err(|_| UiError::not_found().render(&viewer.tr))?;
    let query = ListQuery { filter: Some(filter), limit: MOST, ..ListQuery::default() };
    let page =
        state.crm.list(viewer.actor(), "stages", query).await.map_err(|e| UiError::from(e).render(&viewer.tr))?;
    Ok(in_order(page.records))
}

async fn pipeline_page(state: &AppState, viewer: &Viewer, id: &str) -> Result<PipelinePage, Response> {
    let tr = &viewer.tr;
    let id = id.parse::<Uuid>().map_err(|_| missing(tr))?;
    let pipeline = state.crm.get(viewer.actor(), "pipelines", id).await.map_err(|e| UiError::from(e).render(tr))?;
    let stages = stages_of(state, viewer, id).await?;
    let count = stages.len();
    Ok(PipelinePage {
        t: tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(tr, "pipelines"),
        id,
        name: text(&pipeline, "name"),
        version: pipeline.version,
        is_default: matches!(pipeline.get("is_default"), Value::Bool(true)),
        stages: stages.iter().enumerate().map(|(i, s)| stage_row(s, i == 0, i + 1 == count)).collect(),
        kinds: KINDS.iter().map(|k| (*k, tr.t(&format!("settings-stage-kind-{k}")))).collect(),
        new_stage: StageRow {
            id: Uuid::nil(),
            name: String::new(),
            probability: String::new(),
            kind: "open".into(),
            version: 0,
            first: false,
            last: false,
            errors: Errors::default(),
        },
        notice: String::new(),
        errors: Errors::default(),
    })
}

/// `GET /settings/pipelines/{id}`: the pipeline's name and its stages.
pub async fn page(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let mut page = pipeline_page(&state, &viewer, &id).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// `POST /settings/pipelines/{id}`: a new name, at the version the form read.
pub async fn rename(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let record = id.parse::<Uuid>().map_err(|_| missing(tr))?;
    let name = value(&pairs, "name");
    let version = value(&pairs, "_version").parse().unwrap_or(0);
    let input = obj(json!({ "name": name }));
    let (problem, errors) = match state.crm.update(viewer.actor(), "pipelines", record, version, &input).await {
        Ok(_) => return Ok(redirect(&format!("/settings/pipelines/{record}?saved=1"), viewer.htmx)),
        Err(e) => refusal(tr, e).map_err(|e| e.render(tr))?,
    };
    let mut page = pipeline_page(&state, &viewer, &id).await?;
    if problem.code != "version_conflict" {
        page.name = name;
    }
    page.errors = errors.replace(tr, "name", "field-duplicate", "settings-pipeline-taken");
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/pipelines/{id}/stages`: a new stage, last.
pub async fn add_stage(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let pipeline = id.parse::<Uuid>().map_err(|_| missing(tr))?;
    let stages = stages_of(&state, &viewer, pipeline).await?;
    let mut input = stage_input(&pairs);
    input.insert("pipeline".into(), json!(pipeline.to_string()));
    input.insert("position".into(), json!(stages.iter().map(|s| integer(s, "position") + 1).max().unwrap_or(0)));
    let (problem, errors) = match state.crm.create(viewer.actor(), "stages", &input).await {
        Ok(_) => return Ok(redirect(&format!("/settings/pipelines/{pipeline}?saved=1"), viewer.htmx)),
        Err(e) => refusal(tr, e).map_err(|e| e.render(tr))?,
    };
    let mut page = pipeline_page(&state, &viewer, &id).await?;
    page.new_stage = typed_stage(&pairs);
    page.new_stage.errors = errors;
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/pipelines/{id}/stages/{stage}`: a stage's name, probability and
/// kind, at the version its row read.
pub async fn save_stage(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((id, stage)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let pipeline = id.parse::<Uuid>().map_err(|_| missing(tr))?;
    let stage = stage.parse::<Uuid>().map_err(|_| missing(tr))?;
    let version = value(&pairs, "_version").parse().unwrap_or(0);
    let (problem, errors) = match state.crm.update(viewer.actor(), "stages", stage, version, &stage_input(&pairs)).await
    {
        Ok(_) => return Ok(redirect(&format!("/settings/pipelines/{pipeline}?saved=1"), viewer.htmx)),
        Err(e) => refusal(tr, e).map_err(|e| e.render(tr))?,
    };
    let mut page = pipeline_page(&state, &viewer, &id).await?;
    if let Some(row) = page.stages.iter_mut().find(|s| s.id == stage) {
        if problem.code != "version_conflict" {
            let typed = typed_stage(&pairs);
            row.name = typed.name;
            row.probability = typed.probability;
            row.kind = typed.kind;
        }
        row.errors = errors;
    }
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/pipelines/{id}/stages/{stage}/move` (`to=earlier|later`): the
/// answer is the pipeline's page drawn again.
pub async fn move_stage(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path((id, stage)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let pipeline = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let stage = stage.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let stages = stages_of(&state, &viewer, pipeline).await?;
    let changes = renumbered(&stages, stage, value(&pairs, "to") == "earlier");
    save_together(&state, &viewer, "stages", changes).await?;
    Ok(render(&pipeline_page(&state, &viewer, &id).await?))
}
