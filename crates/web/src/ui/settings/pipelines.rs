//! Pipelines and their stages, or whatever an administrator made of the `stages`
//! capability: the stage object is the one whose metadata declares `behaviour.stages`,
//! the groups (pipelines) are the target of its `group` relation, and every field this
//! page reads or writes is one the capability names (the order, probability and outcome
//! of a stage, the default flag and order of a group) or an object's label field. The
//! records are made, renamed and reordered through the same record calls as any other
//! record, each write carrying the version it read. A reorder renumbers the positions
//! and a new default unsets the old one in one unit, so a list is never half moved.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use rapport_domain::ListQuery;
use rapport_domain::model::behaviour::outcome;
use rapport_domain::model::filter::Filter;
use rapport_domain::model::{FieldDef, ObjectDef, Record, Schema, Value};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use super::super::form::{Pairs, general_message};
use super::super::i18n::Tr;
use super::super::page::{Chrome, PageResult, UiError, Viewer, redirect, render, render_status};
use super::{Admin, Errors, Notice, Tab, chrome, missing, refused, refused_status, tabs, value, values};
use crate::AppState;
use crate::problem::Problem;

/// The most pipelines and stages read (one statement each).
const MOST: u32 = 500;

/// The names of this page's inputs (the record's name, a stage's probability and
/// outcome), whatever the fields' API names are: the form's own words, so no field's
/// name is written here.
const NAME: &str = "label";
const PROBABILITY: &str = "chance";
const KIND: &str = "result";
/// The stages' ids in their new order.
const ORDER: &str = "ids";

/// One side of the capability (the groups or the stages): the object, the field that
/// names its records, and the integer field that orders them.
#[derive(Clone)]
struct Side {
    object: ObjectDef,
    name: Option<FieldDef>,
    order: Option<FieldDef>,
}

/// The objects and fields of the `stages` capability, as the schema declares them.
#[derive(Clone)]
struct Staging {
    groups: Side,
    stages: Side,
    /// The stage's relation to its group.
    link: FieldDef,
    /// The group's yes/no field: the group a board opens with.
    default: Option<FieldDef>,
    probability: Option<FieldDef>,
    outcome: Option<FieldDef>,
}

/// A visible field of `object` a capability names by id.
fn named(object: &ObjectDef, id: Option<&String>) -> Option<FieldDef> {
    id.and_then(|id| object.field(id)).filter(|f| !f.hidden).cloned()
}

impl Side {
    fn of(object: &ObjectDef, order: Option<&String>) -> Side {
        Side { object: object.clone(), name: named(object, object.label_field.as_ref()), order: named(object, order) }
    }

    fn api(&self) -> &str {
        &self.object.api_name
    }

    fn name_of(&self, record: &Record) -> String {
        self.name.as_ref().map(|f| text(record, f)).unwrap_or_default()
    }

    fn position(&self, record: &Record) -> i64 {
        self.order.as_ref().map_or(0, |f| integer(record, f))
    }

    /// Whether its records can be put in an order (the capability names a field for it).
    fn movable(&self) -> bool {
        self.order.is_some()
    }

    /// Records in their order: by position, then name.
    fn in_order(&self, mut records: Vec<Record>) -> Vec<Record> {
        records.sort_by_key(|r| (self.position(r), self.name_of(r).to_lowercase()));
        records
    }

    /// The position after every one of `records`.
    fn next_position(&self, records: &[Record]) -> i64 {
        records.iter().map(|r| self.position(r) + 1).max().unwrap_or(0)
    }

    /// `value` for the field, under its API name, when the capability has the field.
    fn set(input: &mut Map<String, Json>, field: Option<&FieldDef>, value: Json) {
        if let Some(field) = field {
            input.insert(field.api_name.clone(), value);
        }
    }

    /// The changes that put `records` in their order with `at` moved one place
    /// (`earlier` or later), numbered from 0: only the records whose position changes.
    fn renumbered(&self, records: &[Record], at: Uuid, earlier: bool) -> Vec<(Uuid, i64, Map<String, Json>)> {
        let Some(order) = &self.order else { return Vec::new() };
        let mut sorted: Vec<&Record> = records.iter().collect();
        let Some(i) = sorted.iter().position(|r| r.id == at) else { return Vec::new() };
        let other = if earlier { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < sorted.len()) };
        let Some(other) = other else { return Vec::new() };
        sorted.swap(i, other);
        sorted
            .into_iter()
            .enumerate()
            .filter_map(|(n, r)| {
                let n = i64::try_from(n).ok()?;
                (self.position(r) != n).then(|| (r.id, r.version, one(&order.api_name, Json::from(n))))
            })
            .collect()
    }
}

/// A change to one record at the version read: its id, the version, the input.
type Change = (Uuid, i64, Map<String, Json>);

impl Side {
    /// The changes that put `records` in the order of `ids`, numbered from 0: only the
    /// records whose position changes. `None` when `ids` are not exactly the records,
    /// each once (the page was drawn before one was added or removed).
    fn reordered(&self, records: &[Record], ids: &[Uuid]) -> Option<Vec<Change>> {
        let order = self.order.as_ref()?;
        let mut sent = ids.to_vec();
        sent.sort();
        sent.dedup();
        let mut held: Vec<Uuid> = records.iter().map(|r| r.id).collect();
        held.sort();
        if sent.len() != ids.len() || sent != held {
            return None;
        }
        let changes = ids
            .iter()
            .enumerate()
            .filter_map(|(n, id)| {
                let record = records.iter().find(|r| r.id == *id)?;
                let n = i64::try_from(n).ok()?;
                (self.position(record) != n).then(|| (record.id, record.version, one(&order.api_name, Json::from(n))))
            })
            .collect();
        Some(changes)
    }
}

impl Staging {
    /// The capability of the first object (by id) that declares it, when its group
    /// relation leads to an object.
    fn of(schema: &Schema) -> Option<Staging> {
        let stages = schema.all().find(|o| o.behaviour.stages.is_some())?;
        let caps = stages.behaviour.stages.as_ref()?;
        let link = named(stages, Some(&caps.group))?;
        let groups = schema.object(link.kind.relation_target()?).ok()?;
        Some(Staging {
            groups: Side::of(groups, caps.group_order.as_ref()),
            stages: Side::of(stages, caps.order.as_ref()),
            default: named(groups, caps.group_default.as_ref()),
            probability: named(stages, caps.probability.as_ref()),
            outcome: named(stages, caps.outcome.as_ref()),
            link,
        })
    }

    fn is_default(&self, group: &Record) -> bool {
        self.default.as_ref().is_some_and(|f| group.get(&f.id) == &Value::Bool(true))
    }

    /// Which of the page's stage inputs each of the stage fields' API names is.
    fn stage_inputs(&self) -> Vec<(String, &'static str)> {
        [(&self.stages.name, NAME), (&self.probability, PROBABILITY), (&self.outcome, KIND)]
            .into_iter()
            .filter_map(|(field, input)| field.as_ref().map(|f| (f.api_name.clone(), input)))
            .collect()
    }
}

/// The capability, or the 404 page when no object declares it.
async fn staging(state: &AppState, viewer: &Viewer) -> Result<Staging, Response> {
    let schema = viewer.schema(state).await.map_err(|e| e.render(&viewer.tr))?;
    Staging::of(schema).ok_or_else(|| missing(&viewer.tr))
}

fn text(record: &Record, field: &FieldDef) -> String {
    match record.get(&field.id) {
        Value::Text(t) => t.clone(),
        _ => String::new(),
    }
}

fn integer(record: &Record, field: &FieldDef) -> i64 {
    match record.get(&field.id) {
        Value::Integer(i) => *i,
        _ => 0,
    }
}

fn decimal(record: &Record, field: &FieldDef) -> String {
    match record.get(&field.id) {
        Value::Decimal(d) => d.normalize().to_string(),
        Value::Integer(i) => i.to_string(),
        _ => String::new(),
    }
}

/// An input of one field.
fn one(name: &str, value: Json) -> Map<String, Json> {
    Map::from_iter([(name.to_owned(), value)])
}

/// A typed value, or null when nothing was typed.
fn typed_or_null(text: String) -> Json {
    if text.is_empty() { Json::Null } else { Json::String(text) }
}

async fn all(state: &AppState, viewer: &Viewer, side: &Side, filter: Option<Filter>) -> Result<Vec<Record>, Response> {
    let query = ListQuery { filter, limit: MOST, ..ListQuery::default() };
    let page =
        state.crm.list(viewer.actor(), side.api(), query).await.map_err(|e| UiError::from(e).render(&viewer.tr))?;
    Ok(side.in_order(page.records))
}

/// Every group, in order.
async fn groups(state: &AppState, viewer: &Viewer, staging: &Staging) -> Result<Vec<Record>, Response> {
    all(state, viewer, &staging.groups, None).await
}

/// The stages of a group (every stage, with none), in order.
async fn stages(
    state: &AppState,
    viewer: &Viewer,
    staging: &Staging,
    group: Option<Uuid>,
) -> Result<Vec<Record>, Response> {
    let filter = group.map(|id| Filter::eq(&staging.link.api_name, id.to_string()));
    all(state, viewer, &staging.stages, filter).await
}

fn group_of(staging: &Staging, stage: &Record) -> Option<Uuid> {
    match stage.get(&staging.link.id) {
        Value::Uuid(id) => Some(*id),
        _ => None,
    }
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

/// What the capability lets the page offer.
pub struct Offers {
    /// Groups and stages can be put in an order.
    pub move_groups: bool,
    pub move_stages: bool,
    /// A group can be made the default.
    pub default: bool,
    pub probability: bool,
    pub kind: bool,
}

impl Offers {
    fn of(staging: &Staging) -> Offers {
        Offers {
            move_groups: staging.groups.movable(),
            move_stages: staging.stages.movable(),
            default: staging.default.is_some(),
            probability: staging.probability.is_some(),
            kind: staging.outcome.is_some(),
        }
    }
}

#[derive(Template)]
#[template(path = "settings_pipelines.html")]
struct PipelinesPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    pipelines: Vec<PipelineRow>,
    offers: Offers,
    name: String,
    notice: String,
    errors: Errors,
}

async fn pipelines_page(state: &AppState, viewer: &Viewer, staging: &Staging) -> Result<PipelinesPage, Response> {
    let pipelines = groups(state, viewer, staging).await?;
    let stages = stages(state, viewer, staging, None).await?;
    let count = pipelines.len();
    let rows = pipelines
        .iter()
        .enumerate()
        .map(|(i, p)| PipelineRow {
            id: p.id,
            href: format!("/settings/boards/{}", p.id),
            name: staging.groups.name_of(p),
            is_default: staging.is_default(p),
            stages: viewer.tr.t1(
                "settings-stage-count",
                "count",
                stages.iter().filter(|s| group_of(staging, s) == Some(p.id)).count(),
            ),
            first: i == 0,
            last: i + 1 == count,
        })
        .collect();
    Ok(PipelinesPage {
        t: viewer.tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(&viewer.tr, "boards"),
        pipelines: rows,
        offers: Offers::of(staging),
        name: String::new(),
        notice: String::new(),
        errors: Errors::default(),
    })
}

/// `GET /settings/boards`.
pub async fn list(State(state): State<AppState>, Admin(viewer): Admin, Query(notice): Query<Notice>) -> PageResult {
    let staging = staging(&state, &viewer).await?;
    let mut page = pipelines_page(&state, &viewer, &staging).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// A refusal as messages, by the page's input names (`inputs` maps the fields' API
/// names to them; a message about a field the form has no input for is about the
/// form): server errors and missing records as their page.
fn refusal(
    tr: &Tr,
    e: rapport_domain::DomainError,
    inputs: &[(String, &'static str)],
) -> Result<(Problem, Errors), UiError> {
    let problem = refused(e)?;
    let errors = if problem.code == "version_conflict" {
        Errors(vec![(String::new(), tr.t("record-conflict"))])
    } else if problem.errors.is_empty() {
        Errors(vec![(String::new(), general_message(tr, &problem))])
    } else {
        Errors::of(tr, &problem).rekey(inputs).about_only(&inputs.iter().map(|(_, to)| *to).collect::<Vec<_>>())
    };
    Ok((problem, errors))
}

/// The group's name field, as the page's `name` input.
fn group_inputs(staging: &Staging) -> Vec<(String, &'static str)> {
    staging.groups.name.iter().map(|f| (f.api_name.clone(), NAME)).collect()
}

/// `POST /settings/boards`: a new pipeline, last; the first one is the default.
pub async fn create(State(state): State<AppState>, Admin(viewer): Admin, Form(pairs): Form<Pairs>) -> PageResult {
    let tr = &viewer.tr;
    let staging = staging(&state, &viewer).await?;
    let name = value(&pairs, NAME);
    let pipelines = groups(&state, &viewer, &staging).await?;
    let mut input = Map::new();
    Side::set(&mut input, staging.groups.name.as_ref(), Json::String(name.clone()));
    Side::set(&mut input, staging.default.as_ref(), Json::Bool(pipelines.is_empty()));
    Side::set(&mut input, staging.groups.order.as_ref(), Json::from(staging.groups.next_position(&pipelines)));
    let (problem, errors) = match state.crm.create(viewer.actor(), staging.groups.api(), &input).await {
        Ok(made) => return Ok(redirect(&format!("/settings/boards/{}?saved=1", made.id), viewer.htmx)),
        Err(e) => refusal(tr, e, &group_inputs(&staging))?,
    };
    let mut page = pipelines_page(&state, &viewer, &staging).await?;
    page.name = name;
    page.errors = errors.replace(tr, NAME, "field-duplicate", "settings-pipeline-taken");
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/boards/{id}/move` (`to=earlier|later`): the answer is the
/// list drawn again.
pub async fn move_pipeline(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let staging = staging(&state, &viewer).await?;
    let pipelines = groups(&state, &viewer, &staging).await?;
    let changes = staging.groups.renumbered(&pipelines, id, value(&pairs, "to") == "earlier");
    save_together(&state, &viewer, staging.groups.api(), changes).await?;
    Ok(render(&pipelines_page(&state, &viewer, &staging).await?))
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

/// `POST /settings/boards/{id}/default`: this pipeline becomes the default; the
/// one before stops being it, in the same unit.
pub async fn make_default(State(state): State<AppState>, Admin(viewer): Admin, Path(id): Path<String>) -> PageResult {
    let id = id.parse::<Uuid>().map_err(|_| missing(&viewer.tr))?;
    let staging = staging(&state, &viewer).await?;
    let Some(default) = &staging.default else { return Err(missing(&viewer.tr).into()) };
    let pipelines = groups(&state, &viewer, &staging).await?;
    if !pipelines.iter().any(|p| p.id == id) {
        return Err(missing(&viewer.tr).into());
    }
    let changes = pipelines
        .iter()
        .filter_map(|p| {
            let wanted = p.id == id;
            (staging.is_default(p) != wanted).then(|| (p.id, p.version, one(&default.api_name, Json::Bool(wanted))))
        })
        .collect();
    save_together(&state, &viewer, staging.groups.api(), changes).await?;
    Ok(redirect(&format!("/settings/boards/{id}?saved=1"), viewer.htmx))
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

impl StageRow {
    /// The new stage's form, empty: an open stage.
    fn blank() -> StageRow {
        StageRow {
            id: Uuid::nil(),
            name: String::new(),
            probability: String::new(),
            kind: outcome::OPEN.into(),
            version: 0,
            first: false,
            last: false,
            errors: Errors::default(),
        }
    }

    fn of(staging: &Staging, record: &Record, first: bool, last: bool) -> StageRow {
        StageRow {
            id: record.id,
            name: staging.stages.name_of(record),
            probability: staging.probability.as_ref().map(|f| decimal(record, f)).unwrap_or_default(),
            kind: staging.outcome.as_ref().map(|f| text(record, f)).unwrap_or_default(),
            version: record.version,
            first,
            last,
            errors: Errors::default(),
        }
    }

    /// What was typed into a stage's form.
    fn typed(pairs: &Pairs) -> StageRow {
        StageRow {
            name: value(pairs, NAME),
            probability: value(pairs, PROBABILITY),
            kind: value(pairs, KIND),
            version: value(pairs, "_version").parse().unwrap_or(0),
            ..StageRow::blank()
        }
    }

    /// The record input of what was typed: the fields the capability has.
    fn input(&self, staging: &Staging) -> Map<String, Json> {
        let mut input = Map::new();
        Side::set(&mut input, staging.stages.name.as_ref(), Json::String(self.name.clone()));
        Side::set(&mut input, staging.probability.as_ref(), typed_or_null(self.probability.clone()));
        Side::set(&mut input, staging.outcome.as_ref(), typed_or_null(self.kind.clone()));
        input
    }
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
    offers: Offers,
    kinds: Vec<(&'static str, String)>,
    /// The new stage's form, as typed.
    new_stage: StageRow,
    notice: String,
    errors: Errors,
}

impl PipelinePage {
    /// What is announced when a stage was moved, with `%name%`, `%place%` and
    /// `%count%` for the page's script to fill in (numbers in the user's digits).
    fn moved_text(&self) -> String {
        self.t.args(
            "settings-reorder-moved",
            &[("name", "%name%".into()), ("place", "%place%".into()), ("count", "%count%".into())],
        )
    }
}

async fn pipeline_page(
    state: &AppState,
    viewer: &Viewer,
    staging: &Staging,
    id: &str,
) -> Result<PipelinePage, Response> {
    let tr = &viewer.tr;
    let id = id.parse::<Uuid>().map_err(|_| missing(tr))?;
    let pipeline =
        state.crm.get(viewer.actor(), staging.groups.api(), id).await.map_err(|e| UiError::from(e).render(tr))?;
    let stages = stages(state, viewer, staging, Some(id)).await?;
    let count = stages.len();
    Ok(PipelinePage {
        t: tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(tr, "boards"),
        id,
        name: staging.groups.name_of(&pipeline),
        version: pipeline.version,
        is_default: staging.is_default(&pipeline),
        stages: stages.iter().enumerate().map(|(i, s)| StageRow::of(staging, s, i == 0, i + 1 == count)).collect(),
        offers: Offers::of(staging),
        kinds: outcome::ALL.iter().map(|k| (*k, tr.t(&format!("settings-stage-kind-{k}")))).collect(),
        new_stage: StageRow::blank(),
        notice: String::new(),
        errors: Errors::default(),
    })
}

/// `GET /settings/boards/{id}`: the pipeline's name and its stages.
pub async fn page(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let staging = staging(&state, &viewer).await?;
    let mut page = pipeline_page(&state, &viewer, &staging, &id).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// `POST /settings/boards/{id}`: a new name, at the version the form read.
pub async fn rename(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let record = id.parse::<Uuid>().map_err(|_| missing(tr))?;
    let staging = staging(&state, &viewer).await?;
    let name = value(&pairs, NAME);
    let version = value(&pairs, "_version").parse().unwrap_or(0);
    let mut input = Map::new();
    Side::set(&mut input, staging.groups.name.as_ref(), Json::String(name.clone()));
    let (problem, errors) = match state.crm.update(viewer.actor(), staging.groups.api(), record, version, &input).await
    {
        Ok(_) => return Ok(redirect(&format!("/settings/boards/{record}?saved=1"), viewer.htmx)),
        Err(e) => refusal(tr, e, &group_inputs(&staging))?,
    };
    let mut page = pipeline_page(&state, &viewer, &staging, &id).await?;
    if problem.code != "version_conflict" {
        page.name = name;
    }
    page.errors = errors.replace(tr, NAME, "field-duplicate", "settings-pipeline-taken");
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/boards/{id}/stages`: a new stage, last.
pub async fn add_stage(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let pipeline = id.parse::<Uuid>().map_err(|_| missing(tr))?;
    let staging = staging(&state, &viewer).await?;
    let stages = stages(&state, &viewer, &staging, Some(pipeline)).await?;
    let typed = StageRow::typed(&pairs);
    let mut input = typed.input(&staging);
    input.insert(staging.link.api_name.clone(), Json::String(pipeline.to_string()));
    Side::set(&mut input, staging.stages.order.as_ref(), Json::from(staging.stages.next_position(&stages)));
    let (problem, errors) = match state.crm.create(viewer.actor(), staging.stages.api(), &input).await {
        Ok(_) => return Ok(redirect(&format!("/settings/boards/{pipeline}?saved=1"), viewer.htmx)),
        Err(e) => refusal(tr, e, &staging.stage_inputs())?,
    };
    let mut page = pipeline_page(&state, &viewer, &staging, &id).await?;
    page.new_stage = StageRow { errors, ..typed };
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/boards/{id}/stages/{stage}`: a stage's name, probability and
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
    let staging = staging(&state, &viewer).await?;
    let typed = StageRow::typed(&pairs);
    let input = typed.input(&staging);
    let (problem, errors) =
        match state.crm.update(viewer.actor(), staging.stages.api(), stage, typed.version, &input).await {
            Ok(_) => return Ok(redirect(&format!("/settings/boards/{pipeline}?saved=1"), viewer.htmx)),
            Err(e) => refusal(tr, e, &staging.stage_inputs())?,
        };
    let mut page = pipeline_page(&state, &viewer, &staging, &id).await?;
    if let Some(row) = page.stages.iter_mut().find(|s| s.id == stage) {
        if problem.code != "version_conflict" {
            row.name = typed.name;
            row.probability = typed.probability;
            row.kind = typed.kind;
        }
        row.errors = errors;
    }
    Ok(render_status(refused_status(&problem), &page))
}

/// `POST /settings/boards/{id}/stages/order` (`ids=…` for every stage, in the new
/// order): the stages numbered again in one unit, as the list was dragged or moved by
/// keys into it. A list that no longer matches the stages (one added or removed
/// meanwhile) changes nothing and shows the page as it now is, with a word why.
pub async fn reorder_stages(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let pipeline = id.parse::<Uuid>().map_err(|_| missing(tr))?;
    let staging = staging(&state, &viewer).await?;
    let stages = stages(&state, &viewer, &staging, Some(pipeline)).await?;
    let sent: Option<Vec<Uuid>> = values(&pairs, ORDER).iter().map(|v| v.parse().ok()).collect();
    match sent.and_then(|ids| staging.stages.reordered(&stages, &ids)) {
        Some(changes) => {
            save_together(&state, &viewer, staging.stages.api(), changes).await?;
            Ok(redirect(&format!("/settings/boards/{pipeline}?saved=order"), viewer.htmx))
        }
        None => {
            let mut page = pipeline_page(&state, &viewer, &staging, &id).await?;
            page.errors = Errors(vec![(String::new(), tr.t("settings-order-stale"))]);
            Ok(render_status(axum::http::StatusCode::CONFLICT, &page))
        }
    }
}
