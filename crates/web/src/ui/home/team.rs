//! A manager's team view: for each member of the user's teams, the counts of the home
//! lists that declare a `team` window (overdue tasks, today's meetings) and the open
//! records of each board on Home, by pipeline and stage. Offered to a user who manages
//! the team's records of an object it counts (`rapport_domain::home::manages_team`);
//! every number is a grouped total in SQL within the user's reach: one statement per
//! count, one per board.

use std::collections::HashMap;

use rapport_domain::ListQuery;
use rapport_domain::aggregate::{TotalsByQuery, TotalsQuery};
use rapport_domain::home::manages_team;
use rapport_domain::model::behaviour::{HomeList, Window};
use rapport_domain::model::{Filter, ObjectDef, Schema, Value};
use uuid::Uuid;

use super::boards::{Stages, open_stages};
use super::{Counted, Day, Empty, Link, add_sums, count_text, home_objects, money_lines, only, text_or, window_filter};
use crate::AppState;
use crate::ui::page::{UiError, Viewer};

/// A column of the team table.
pub struct Column {
    pub key: String,
    pub title: String,
}

/// One cell: a count, or amounts one line per currency.
pub struct Cell {
    pub lines: Vec<String>,
}

/// One member's row.
pub struct MemberRow {
    pub id: String,
    pub name: String,
    pub cells: Vec<Cell>,
}

/// A pipeline's open records by member and stage.
pub struct PipelineByMember {
    pub key: String,
    pub title: String,
    pub stages: Vec<String>,
    pub rows: Vec<MemberRow>,
}

pub struct TeamView {
    pub columns: Vec<Column>,
    pub members: Vec<MemberRow>,
    pub pipelines: Vec<PipelineByMember>,
    /// Said instead of the tables when the user's teams have no active member.
    pub empty: Option<Empty>,
}

/// Whether the user manages the team's records of anything the team view counts.
pub fn may_see(viewer: &Viewer, schema: &Schema) -> bool {
    let counted = |o: &&ObjectDef| {
        !o.hidden
            && (o.behaviour.home.iter().any(|l| l.team.is_some()) || o.behaviour.board.as_ref().is_some_and(|b| b.home))
    };
    schema.all().filter(counted).any(|o| manages_team(viewer.actor(), &o.id))
}

fn owner_in(members: &[String]) -> Filter {
    Filter::in_("owner", members.iter().cloned())
}

/// Each member's count of a list's records in its team window: one statement.
async fn list_counts(
    state: &AppState,
    viewer: &Viewer,
    (object, list, window): (&ObjectDef, &HomeList, Window),
    members: &[String],
    day: &Day,
) -> Result<Option<HashMap<Uuid, i64>>, UiError> {
    let Some(when) = object.field(&list.when).filter(|f| !f.hidden) else { return Ok(None) };
    let filter = Filter::all([
        only(object, list),
        Some(window_filter(&when.api_name, window, list, &viewer.format, day)),
        Some(owner_in(members)),
    ]);
    let query =
        TotalsQuery { list: ListQuery { filter, ..ListQuery::default() }, group_by: Some("owner".into()), sum: None };
    let totals = state.crm.totals(viewer.actor(), &object.api_name, query).await?;
    Ok(Some(
        totals
            .into_iter()
            .filter_map(|t| match t.key {
                Value::Uuid(owner) => Some((owner, t.count)),
                _ => None,
            })
            .collect(),
    ))
}

/// Each member's open records of a board by stage: one statement.
async fn board_totals(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    stages: &Stages<'_>,
    members: &[String],
) -> Result<HashMap<(Uuid, Uuid), Counted>, UiError> {
    let ids = stages.ids();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let filter = Filter::all([Some(Filter::in_(&stages.by.api_name, ids)), Some(owner_in(members))]);
    let query = TotalsByQuery {
        list: ListQuery { filter, ..ListQuery::default() },
        group_by: vec!["owner".into(), stages.by.api_name.clone()],
        sum: stages.sum.map(|f| f.api_name.clone()),
    };
    let mut out = HashMap::new();
    for group in state.crm.totals_by(viewer.actor(), &object.api_name, query).await? {
        if let [Value::Uuid(owner), Value::Uuid(stage)] = group.keys.as_slice() {
            out.insert((*owner, *stage), (group.count, group.sums));
        }
    }
    Ok(out)
}

fn cell(lines: Vec<String>) -> Cell {
    Cell { lines }
}

/// A member's open records over some stages.
fn open_of(totals: &HashMap<(Uuid, Uuid), Counted>, member: Uuid, stages: &[(Uuid, String)]) -> Counted {
    let mut open: Counted = (0, Vec::new());
    for (stage, _) in stages {
        if let Some((count, sums)) = totals.get(&(member, *stage)) {
            open.0 += count;
            add_sums(&mut open.1, sums);
        }
    }
    open
}

/// The tables of a board: each pipeline's open records by member and stage (the
/// pipelines the team has open records in), and each member's whole open count and
/// amount as two columns of the team table.
fn board_tables(
    viewer: &Viewer,
    object: &ObjectDef,
    stages: &Stages<'_>,
    totals: &HashMap<(Uuid, Uuid), Counted>,
    members: &[(Uuid, String)],
) -> (Vec<PipelineByMember>, [Vec<Cell>; 2]) {
    let format = &viewer.format;
    let mut pipelines = Vec::new();
    for (i, pipeline) in stages.pipelines.iter().enumerate() {
        let any = members.iter().any(|(id, _)| open_of(totals, *id, &pipeline.stages).0 > 0);
        if !any {
            continue;
        }
        let rows = members
            .iter()
            .map(|(id, name)| {
                let mut cells: Vec<Cell> = pipeline
                    .stages
                    .iter()
                    .map(|(stage, _)| {
                        let (count, sums) = totals.get(&(*id, *stage)).cloned().unwrap_or_default();
                        cell([vec![count_text(format, count)], money_lines(format, &sums)].concat())
                    })
                    .collect();
                let (count, sums) = open_of(totals, *id, &pipeline.stages);
                cells.push(cell([vec![count_text(format, count)], money_lines(format, &sums)].concat()));
                MemberRow { id: id.to_string(), name: name.clone(), cells }
            })
            .collect();
        let mut titles: Vec<String> = pipeline.stages.iter().map(|(_, name)| name.clone()).collect();
        titles.push(viewer.tr.t("home-total"));
        pipelines.push(PipelineByMember {
            key: format!("home-team-{}-{i}", object.id),
            title: viewer.tr.t1("home-team-pipeline", "group", pipeline.title.clone()),
            stages: titles,
            rows,
        });
    }
    let all: Vec<(Uuid, String)> = stages.pipelines.iter().flat_map(|p| p.stages.iter().cloned()).collect();
    let (counts, amounts) = members
        .iter()
        .map(|(id, _)| {
            let (count, sums) = open_of(totals, *id, &all);
            (cell(vec![count_text(format, count)]), cell(money_lines(format, &sums)))
        })
        .unzip();
    (pipelines, [counts, amounts])
}

/// The team view: the members of the user's teams and their numbers.
pub async fn view(state: &AppState, viewer: &Viewer, schema: &Schema, day: &Day) -> Result<TeamView, UiError> {
    let tr = &viewer.tr;
    let actor = viewer.actor();
    let people = state.crm.team_members(actor).await?;
    if people.is_empty() {
        let empty =
            Empty { text: tr.t("home-team-none"), link: Link { href: "/".into(), label: tr.t("home-view-day") } };
        return Ok(TeamView { columns: Vec::new(), members: Vec::new(), pipelines: Vec::new(), empty: Some(empty) });
    }
    let members: Vec<(Uuid, String)> = people.iter().map(|u| (u.id, u.display_name.clone())).collect();
    let member_ids: Vec<String> = members.iter().map(|(id, _)| id.to_string()).collect();
    let mut columns = Vec::new();
    let mut by_column: Vec<Vec<Cell>> = Vec::new();
    for object in home_objects(schema).into_iter().filter(|o| manages_team(actor, &o.id)) {
        for list in &object.behaviour.home {
            let Some(window) = list.team else { continue };
            let Some(counts) = list_counts(state, viewer, (object, list, window), &member_ids, day).await? else {
                continue;
            };
            columns.push(Column {
                key: list.key.clone(),
                title: text_or(tr, &format!("home-team-{}", list.key), || list.title.clone()),
            });
            by_column.push(
                members
                    .iter()
                    .map(|(id, _)| cell(vec![count_text(&viewer.format, counts.get(id).copied().unwrap_or(0))]))
                    .collect(),
            );
        }
    }
    let mut pipelines = Vec::new();
    let boards = schema.all().filter(|o| !o.hidden && o.behaviour.board.as_ref().is_some_and(|b| b.home));
    for object in boards.filter(|o| manages_team(actor, &o.id)) {
        let Some(stages) = open_stages(state, viewer, schema, object).await? else { continue };
        let totals = board_totals(state, viewer, object, &stages, &member_ids).await?;
        let (tables, [counts, amounts]) = board_tables(viewer, object, &stages, &totals, &members);
        pipelines.extend(tables);
        let key = format!("home-team-board-{}", object.id);
        columns.push(Column {
            title: text_or(tr, &key, || object.label_plural.clone()),
            key: format!("board-{}", object.id),
        });
        columns.push(Column { title: tr.t("home-team-amount"), key: format!("amount-{}", object.id) });
        by_column.push(counts);
        by_column.push(amounts);
    }
    let mut rows: Vec<MemberRow> = members
        .iter()
        .map(|(id, name)| MemberRow { id: id.to_string(), name: name.clone(), cells: Vec::new() })
        .collect();
    for column in by_column {
        for (row, cell) in rows.iter_mut().zip(column) {
            row.cells.push(cell);
        }
    }
    Ok(TeamView { columns, members: rows, pipelines, empty: None })
}
