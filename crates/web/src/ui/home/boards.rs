//! The user's open records by stage for each object whose board says so
//! (`board.home`): one table per pipeline (stages of different pipelines never share
//! a table), the stages in their board order, amounts one line per currency.

use std::collections::HashMap;

use rapport_domain::ListQuery;
use rapport_domain::aggregate::TotalsQuery;
use rapport_domain::home::stage_field;
use rapport_domain::model::{FieldDef, Filter, ObjectDef, Record, Schema, Value};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{Counted, Empty, Link, add_sums, count_text, money_lines, text_or};
use crate::AppState;
use crate::ui::page::{UiError, Viewer};

/// One stage's open records.
pub struct StageRow {
    pub stage: String,
    pub count: String,
    /// The count and the largest count of the table, for the bar.
    pub value: i64,
    pub max: i64,
    pub money: Vec<String>,
}

/// The stages of one pipeline.
pub struct PipelineTable {
    pub key: String,
    pub title: String,
    pub rows: Vec<StageRow>,
    pub total: StageRow,
}

/// The user's open records of an object by the stages of its board.
pub struct BoardSummary {
    pub key: String,
    pub title: String,
    pub column: String,
    pub pipelines: Vec<PipelineTable>,
    pub empty: Empty,
    pub link: Link,
}

/// A pipeline's open stages, in board order.
pub struct Pipeline {
    pub id: Option<Uuid>,
    pub title: String,
    /// Each stage's id and name.
    pub stages: Vec<(Uuid, String)>,
}

/// An object's board by stages: the field it is grouped by, the money it sums, and
/// its pipelines with their open stages.
pub struct Stages<'a> {
    pub by: &'a FieldDef,
    pub sum: Option<&'a FieldDef>,
    pub pipelines: Vec<Pipeline>,
}

impl Stages<'_> {
    /// The ids of every open stage, as a filter's values.
    pub fn ids(&self) -> Vec<String> {
        self.pipelines.iter().flat_map(|p| p.stages.iter().map(|(id, _)| id.to_string())).collect()
    }
}

/// A name the demo wrote, in the user's language (see
/// `rapport_domain::demo::pipeline_name_in`); any other as it is.
fn shown_name(viewer: &Viewer, name: String) -> String {
    rapport_domain::demo::pipeline_name_in(&name, viewer.tr.code()).map_or(name, str::to_owned)
}

/// The open stages of `object`'s board grouped by pipeline, pipelines in their order:
/// two statements (the stages, the pipelines). `None` when the board's columns are not
/// stages, or the user's role does not reach them.
pub async fn open_stages<'a>(
    state: &AppState,
    viewer: &Viewer,
    schema: &'a Schema,
    object: &'a ObjectDef,
) -> Result<Option<Stages<'a>>, UiError> {
    let Some((by, stage_object)) = stage_field(schema, object) else { return Ok(None) };
    let Some(caps) = &stage_object.behaviour.stages else { return Ok(None) };
    let stages = match state.crm.open_stages(viewer.actor(), stage_object).await {
        Ok(stages) => stages,
        Err(e) => {
            // Stages the user's role does not reach make no summary, not an error page.
            let problem = crate::problem::Problem::from(e);
            if problem.status.is_client_error() {
                return Ok(None);
            }
            return Err(problem.into());
        }
    };
    let group = stage_object.field(&caps.group).filter(|f| !f.hidden);
    let group_of = |stage: &Record| match group.map(|g| stage.get(&g.id)) {
        Some(Value::Uuid(id)) => Some(*id),
        _ => None,
    };
    let mut pipelines: Vec<Pipeline> = Vec::new();
    for stage in &stages {
        let id = group_of(stage);
        let name = shown_name(viewer, viewer.format.label(stage_object, stage));
        match pipelines.iter_mut().find(|p| p.id == id) {
            Some(p) => p.stages.push((stage.id, name)),
            None => pipelines.push(Pipeline { id, title: String::new(), stages: vec![(stage.id, name)] }),
        }
    }
    name_pipelines(state, viewer, schema, group, caps.group_order.as_deref(), &mut pipelines).await?;
    let sum = object.behaviour.board.as_ref().and_then(|b| b.sum.as_deref()).and_then(|id| object.field(id));
    Ok(Some(Stages { by, sum: sum.filter(|f| !f.hidden), pipelines }))
}

/// Gives each pipeline its name and puts them in their order (one statement).
async fn name_pipelines(
    state: &AppState,
    viewer: &Viewer,
    schema: &Schema,
    group: Option<&FieldDef>,
    order: Option<&str>,
    pipelines: &mut [Pipeline],
) -> Result<(), UiError> {
    let Some(group_object) = group.and_then(|g| g.kind.relation_target()).and_then(|t| schema.object(t).ok()) else {
        return Ok(());
    };
    let ids: Vec<Uuid> = pipelines.iter().filter_map(|p| p.id).collect();
    let found = state.crm.by_ids(viewer.actor(), &group_object.api_name, &ids).await.unwrap_or_default();
    let by_id: HashMap<Uuid, &Record> = found.iter().map(|r| (r.id, r)).collect();
    let position = |id: Option<Uuid>| {
        let record = id.and_then(|id| by_id.get(&id))?;
        match record.get(order?) {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    };
    for p in pipelines.iter_mut() {
        p.title = match p.id.and_then(|id| by_id.get(&id)) {
            Some(record) => shown_name(viewer, viewer.format.label(group_object, record)),
            None => String::new(),
        };
    }
    pipelines.sort_by_key(|p| (position(p.id).is_none(), position(p.id), p.title.clone()));
    Ok(())
}

/// A stage row from its count and sums.
pub fn stage_row(viewer: &Viewer, stage: String, count: i64, sums: &[(String, Decimal)]) -> StageRow {
    StageRow {
        stage,
        count: count_text(&viewer.format, count),
        value: count,
        max: 0,
        money: money_lines(&viewer.format, sums),
    }
}

/// The tables of the pipelines where the user has open records (all their open
/// stages, empty ones too), from totals by stage.
fn tables(viewer: &Viewer, key: &str, stages: &Stages<'_>, totals: &HashMap<Uuid, Counted>) -> Vec<PipelineTable> {
    let mut out = Vec::new();
    for (i, pipeline) in stages.pipelines.iter().enumerate() {
        let mut rows = Vec::new();
        let (mut count, mut sums) = (0, Vec::new());
        for (id, name) in &pipeline.stages {
            let (n, stage_sums) = totals.get(id).cloned().unwrap_or_default();
            count += n;
            add_sums(&mut sums, &stage_sums);
            rows.push(stage_row(viewer, name.clone(), n, &stage_sums));
        }
        if count == 0 {
            continue;
        }
        let most = rows.iter().map(|r| r.value).max().unwrap_or(0).max(1);
        for row in &mut rows {
            row.max = most;
        }
        out.push(PipelineTable {
            key: format!("{key}-{i}"),
            title: pipeline.title.clone(),
            rows,
            total: stage_row(viewer, viewer.tr.t("home-total"), count, &sums),
        });
    }
    out
}

/// The user's open records of `object` by stage: its stages and one grouped total.
async fn summary(
    state: &AppState,
    viewer: &Viewer,
    schema: &Schema,
    object: &ObjectDef,
) -> Result<Option<BoardSummary>, UiError> {
    let Some(stages) = open_stages(state, viewer, schema, object).await? else { return Ok(None) };
    let ids = stages.ids();
    let mut totals = HashMap::new();
    if !ids.is_empty() {
        let filter = Filter::all([Some(Filter::eq("owner", "me")), Some(Filter::in_(&stages.by.api_name, ids))]);
        let query = TotalsQuery {
            list: ListQuery { filter, ..ListQuery::default() },
            group_by: Some(stages.by.api_name.clone()),
            sum: stages.sum.map(|f| f.api_name.clone()),
        };
        for group in state.crm.totals(viewer.actor(), &object.api_name, query).await? {
            if let Value::Uuid(id) = group.key {
                totals.insert(id, (group.count, group.sums));
            }
        }
    }
    let tr = &viewer.tr;
    let key = format!("home-board-{}", object.id);
    Ok(Some(BoardSummary {
        title: text_or(tr, &key, || object.label_plural.clone()),
        column: stages.by.label.clone(),
        pipelines: tables(viewer, &key, &stages, &totals),
        empty: Empty {
            text: text_or(tr, &format!("{key}-empty"), || tr.t("home-list-none")),
            link: Link {
                href: format!("/o/{}/new", object.api_name),
                label: text_or(tr, &format!("{key}-add"), || tr.t("list-new")),
            },
        },
        link: Link {
            href: format!("/kanban/{}", object.api_name),
            label: text_or(tr, &format!("{key}-link"), || tr.t("home-open-board")),
        },
        key,
    }))
}

/// The summaries of every object whose board is on Home.
pub async fn summaries(state: &AppState, viewer: &Viewer, schema: &Schema) -> Result<Vec<BoardSummary>, UiError> {
    let mut out = Vec::new();
    for object in schema.all().filter(|o| !o.hidden && o.behaviour.board.as_ref().is_some_and(|b| b.home)) {
        match summary(state, viewer, schema, object).await {
            Ok(summary) => out.extend(summary),
            // An object the user's role does not reach has no summary.
            Err(e) if e.status.is_client_error() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}
