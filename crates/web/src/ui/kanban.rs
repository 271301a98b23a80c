//! The kanban board of any object with a select field, and by a relation whose target
//! object holds stages (its metadata's `behaviour.stages`: opportunities by the stages
//! of a pipeline), as the object's `behaviour.board` declares it: one column per
//! option (or stage) in order, and each column's exact count and sum (one aggregate
//! statement for the board, then one page of cards per column — never a statement per
//! card). A card shows what a salesperson looks for (Pipedrive's cards are the model):
//! the record's name, its amount, the records its metadata names (`board.card`: a
//! deal's company and contact), its owner as an avatar, how long it has been in its
//! column (`board.since`, stamped by a rule when the column changes), its next
//! activity (the earliest open planned activity on its timeline, or a highlighted "no
//! activity"), and whether it rots: a stage's `stages.rotting` says after how many
//! days, and the column's header counts the rotting cards. The related names and the
//! next activities of all cards are read in a few statements for the whole board.
//!
//! Cards move by dragging (pointer events, `board.js`), by ← → on a focused card, or
//! with the card's "Move to" menu; all three post the same form to
//! `/kanban/{object}/{id}/move` with the record's version, and the answer is the board
//! again (totals included): with the card where the database says it is, and a message
//! when the move was refused or someone else changed the record first.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use rapport_domain::ListQuery;
use rapport_domain::aggregate::{Totals, TotalsQuery};
use rapport_domain::model::access::{FieldAccess, Reach};
use rapport_domain::model::behaviour::outcome;
use rapport_domain::model::filter::{Filter, parse as parse_filter, print as print_filter};
use rapport_domain::model::sort::SortKey;
use rapport_domain::model::{Action, FieldDef, FieldType, ObjectDef, Record, Schema, Value};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use time::OffsetDateTime;
use uuid::Uuid;

use super::i18n::Tr;
use super::page::{Chrome, PageError, PageResult, UiError, Viewer, object_of, render_status, urlencode};
use crate::AppState;
use crate::problem::Problem;

/// Cards shown per column; the rest are in the list the column's "more" link opens.
const CARDS: u32 = 50;
/// Groups and stages read for a board (far more than any sales process has).
const REFERENCE_ROWS: u32 = 200;

/// The state of a board, as its address (and every move form) carries it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BoardState {
    /// The API name of the field whose values are the columns.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// The group (a pipeline) whose stages are the columns of a board by stage.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub filter: String,
}

impl BoardState {
    /// The query string of this board, for links that keep it.
    pub fn query_string(&self) -> String {
        super::address::query(self)
    }
}

/// A column as the board is defined (before any record is read).
#[derive(Debug, Clone)]
struct ColumnDef {
    /// The field value the column holds: an option's value, a stage's id, or empty
    /// for the records without a value.
    value: String,
    label: String,
    /// A stage's kind (`open`, `won`, `lost`), for its colour; empty otherwise.
    kind: String,
    /// After how many days in the column a record rots (a stage's setting).
    rotting: Option<i64>,
}

/// A board by stage: the stage object, the group object, and the fields that tie them.
#[derive(Clone)]
struct StageBoard {
    stages: ObjectDef,
    group: ObjectDef,
    /// The board object's relation to the group (an opportunity's pipeline).
    own_group: Option<FieldDef>,
}

/// What a board shows, resolved from its address.
struct Setup {
    object: ObjectDef,
    /// The field whose values are the columns.
    by: FieldDef,
    /// A board by stage: what it is made of, the chosen group, and every group (id, name).
    staged: Option<StageBoard>,
    group: Option<Uuid>,
    groups: Vec<(String, String)>,
    columns: Vec<ColumnDef>,
    /// The money field summed per column and shown on cards.
    amount: Option<FieldDef>,
    /// Whether the viewer may change the field at all (cards then have a move menu
    /// where the viewer may also edit the record).
    may_move: bool,
    /// The fields a board of this object can be made by: API name and label.
    choices: Vec<(String, String)>,
    /// The date-time field stamped when a record enters its column (on the board by
    /// the object's default field only: it follows that field).
    since: Option<FieldDef>,
    /// The relation fields whose records cards name, with their target objects.
    related: Vec<(FieldDef, ObjectDef)>,
    /// Whether any object's activities are planned work the viewer may read, so that
    /// a card without any says "no activity".
    agenda: bool,
}

impl Setup {
    /// The board's own condition (the group of a board by stage).
    fn scope(&self) -> Option<Filter> {
        let own = self.staged.as_ref()?.own_group.as_ref()?;
        self.group.map(|id| Filter::eq(&own.api_name, id.to_string()))
    }
}

/// The stage board a field makes, when its target object holds stages.
fn stage_board(schema: &Schema, object: &ObjectDef, field: &FieldDef) -> Option<StageBoard> {
    let stages = schema.object(field.kind.relation_target()?).ok()?;
    let caps = stages.behaviour.stages.as_ref()?;
    let group = schema.object(stages.field(&caps.group)?.kind.relation_target()?).ok()?;
    let own_group = object
        .visible_fields()
        .find(|f| f.kind.relation_target() == Some(group.id.as_str()) && f.id != field.id)
        .cloned();
    Some(StageBoard { stages: stages.clone(), group: group.clone(), own_group })
}

/// The fields a board of `object` can be made by: those its metadata names (a stage
/// relation among them), the default first, then the other select fields in form order.
fn board_fields<'a>(schema: &Schema, object: &'a ObjectDef) -> Vec<&'a FieldDef> {
    let board = object.behaviour.board.clone().unwrap_or_default();
    let named = |f: &FieldDef| board.fields.iter().position(|id| *id == f.id);
    let usable = |f: &&FieldDef| match f.kind {
        FieldType::Select { .. } => true,
        FieldType::Relation { .. } => named(f).is_some() && stage_board(schema, object, f).is_some(),
        _ => false,
    };
    let mut fields: Vec<&FieldDef> = object.visible_fields().filter(usable).collect();
    let default = |f: &FieldDef| board.default.as_deref() != Some(f.id.as_str());
    fields.sort_by_key(|f| (default(f), named(f).unwrap_or(usize::MAX), f.position));
    fields
}

fn bad_request(detail: String) -> UiError {
    UiError { status: StatusCode::BAD_REQUEST, detail }
}

fn value_text(record: &Record, field: Option<&FieldDef>) -> String {
    field
        .map(|f| match record.get(&f.id) {
            Value::Text(t) => t.clone(),
            Value::Null => String::new(),
            other => other.to_csv(),
        })
        .unwrap_or_default()
}

/// A field of `object` a capability names by id.
fn named<'a>(object: &'a ObjectDef, id: &Option<String>) -> Option<&'a FieldDef> {
    id.as_deref().and_then(|id| object.field(id)).filter(|f| !f.hidden)
}

/// The groups (pipelines) the viewer may read: the default first, then by their order
/// and name.
async fn groups(state: &AppState, viewer: &Viewer, board: &StageBoard) -> Result<Vec<(Uuid, String)>, UiError> {
    let Some(caps) = &board.stages.behaviour.stages else { return Ok(Vec::new()) };
    let object = &board.group;
    let query = ListQuery { limit: REFERENCE_ROWS, ..ListQuery::default() };
    let page = state.crm.list(viewer.actor(), &object.api_name, query).await?;
    let (default, order) = (named(object, &caps.group_default), named(object, &caps.group_order));
    let mut rows: Vec<(bool, i64, String, Uuid)> = page
        .records
        .iter()
        .map(|r| {
            let is_default = default.is_some_and(|f| r.get(&f.id) == &Value::Bool(true));
            let position = order
                .and_then(|f| match r.get(&f.id) {
                    Value::Integer(i) => Some(*i),
                    _ => None,
                })
                .unwrap_or(i64::MAX);
            (!is_default, position, viewer.format.label(object, r), r.id)
        })
        .collect();
    rows.sort();
    Ok(rows.into_iter().map(|(_, _, name, id)| (id, name)).collect())
}

/// The stages of a group, in their order.
async fn stages(state: &AppState, viewer: &Viewer, board: &StageBoard, group: Uuid) -> Result<Vec<ColumnDef>, UiError> {
    let object = &board.stages;
    let Some(caps) = &object.behaviour.stages else { return Ok(Vec::new()) };
    let Some(group_field) = named(object, &Some(caps.group.clone())) else { return Ok(Vec::new()) };
    let order = named(object, &caps.order).filter(|f| f.sortable());
    let outcome = named(object, &caps.outcome);
    let rotting = named(object, &caps.rotting);
    let query = ListQuery {
        filter: Some(Filter::eq(&group_field.api_name, group.to_string())),
        sort: order.map(|f| vec![SortKey::asc(&f.api_name)]).unwrap_or_default(),
        limit: REFERENCE_ROWS,
        ..ListQuery::default()
    };
    let page = state.crm.list(viewer.actor(), &object.api_name, query).await?;
    Ok(page
        .records
        .iter()
        .map(|r| ColumnDef {
            value: r.id.to_string(),
            label: viewer.format.label(object, r),
            kind: value_text(r, outcome),
            rotting: rotting.and_then(|f| match r.get(&f.id) {
                Value::Integer(days) if *days > 0 => Some(*days),
                _ => None,
            }),
        })
        .collect())
}

/// Resolves the board an address asks for; a field or group it cannot be made by is a
/// page that says which ones it can.
async fn setup(state: &AppState, viewer: &Viewer, name: &str, board: &BoardState) -> Result<Setup, UiError> {
    let tr = &viewer.tr;
    let object = object_of(state, viewer, name).await?;
    let schema = viewer.schema(state).await?;
    let fields = board_fields(schema, &object);
    let choices: Vec<(String, String)> = fields.iter().map(|f| (f.api_name.clone(), f.label.clone())).collect();
    let labels = choices.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>().join(", ");
    let by = if board.by.trim().is_empty() {
        match fields.first() {
            Some(f) => (*f).clone(),
            None => return Err(bad_request(tr.t1("kanban-no-field", "object", &object.label_plural))),
        }
    } else {
        match fields.iter().find(|f| f.api_name == board.by.trim()) {
            Some(f) => (*f).clone(),
            None if fields.is_empty() => {
                return Err(bad_request(tr.t1("kanban-no-field", "object", &object.label_plural)));
            }
            None => {
                return Err(bad_request(tr.args(
                    "kanban-unknown-by",
                    &[
                        ("by", board.by.trim().into()),
                        ("object", object.label_plural.as_str().into()),
                        ("fields", labels.into()),
                    ],
                )));
            }
        }
    };
    let staged = stage_board(schema, &object, &by);
    let (group, groups, columns) = if let Some(staged) = &staged {
        let all = groups(state, viewer, staged).await?;
        let chosen = if board.group.trim().is_empty() {
            all.first().map(|(id, _)| *id)
        } else {
            let wanted = board.group.trim().parse::<Uuid>().ok();
            match all.iter().find(|(id, _)| Some(*id) == wanted) {
                Some((id, _)) => Some(*id),
                None => {
                    let names = all.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ");
                    return Err(bad_request(tr.args(
                        "kanban-unknown-pipeline",
                        &[("group", board.group.trim().into()), ("groups", names.into())],
                    )));
                }
            }
        };
        let columns = match chosen {
            Some(id) => stages(state, viewer, staged, id).await?,
            None => Vec::new(),
        };
        (chosen, all.into_iter().map(|(id, n)| (id.to_string(), n)).collect(), columns)
    } else {
        let options = match &by.kind {
            FieldType::Select { options } => options
                .iter()
                .map(|o| ColumnDef {
                    value: o.value.clone(),
                    label: o.label.clone(),
                    kind: String::new(),
                    rotting: None,
                })
                .collect(),
            _ => Vec::new(),
        };
        (None, Vec::new(), options)
    };
    let declared = object.behaviour.board.as_ref().and_then(|b| named(&object, &b.sum)).cloned();
    let amount =
        declared.or_else(|| object.visible_fields().find(|f| matches!(f.kind, FieldType::Currency { .. })).cloned());
    let actor = viewer.actor();
    let may_move = super::form::editable(&by)
        && actor.field_access(&object.id, &by.id) == FieldAccess::ReadWrite
        && actor.reach(&object.id, Action::Edit) != Reach::None;
    let caps = object.behaviour.board.clone().unwrap_or_default();
    let since = named(&object, &caps.since)
        .filter(|f| caps.default.as_deref() == Some(by.id.as_str()) && matches!(f.kind, FieldType::DateTime))
        .cloned();
    let related = caps
        .card
        .iter()
        .filter_map(|id| named(&object, &Some(id.clone())))
        .filter_map(|f| Some((f.clone(), schema.object(f.kind.relation_target()?).ok()?.clone())))
        .collect();
    let agenda = schema.all().any(|o| o.is_activity && o.behaviour.planned.is_some());
    Ok(Setup { object, by, staged, group, groups, columns, amount, may_move, choices, since, related, agenda })
}

pub struct Card {
    pub id: Uuid,
    pub href: String,
    pub label: String,
    pub amount: String,
    /// The records the card names (company, contact): the field's label and the name.
    pub related: Vec<(String, String)>,
    pub owner: Option<Avatar>,
    /// How long the record has been in its column (`12 days`), and that in a sentence
    /// for screen readers and the tooltip; empty where the board stamps no time.
    pub days: String,
    pub days_title: String,
    /// Why the card rots (`No move for more than 14 days`); empty when it does not.
    pub rotting: String,
    pub next: Next,
    pub version: i64,
    /// Whether the viewer may move it (edit the record and the field).
    pub movable: bool,
}

/// An owner's avatar: initials on a disc whose colour comes from the name.
pub struct Avatar {
    pub name: String,
    pub initials: String,
    /// `hue-0` … `hue-7`.
    pub hue: String,
}

impl Avatar {
    fn of(name: &str) -> Avatar {
        Avatar { name: name.trim().to_owned(), initials: initials(name), hue: format!("hue-{}", hue(name)) }
    }
}

/// The first letters of the first and last words, capitalised where the script has
/// capitals ("Νίκος Γεωργίου" → "ΝΓ"); "?" for no name.
fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    let first = |word: &str| word.chars().find(|c| c.is_alphanumeric()).and_then(|c| c.to_uppercase().next());
    match words.as_slice() {
        [] => "?".to_owned(),
        [only] => first(only).into_iter().collect(),
        [head, .., last] => first(head).into_iter().chain(first(last)).collect(),
    }
}

/// One of eight colours, the same for a name on every page (FNV-1a of the name).
fn hue(name: &str) -> u32 {
    let hash = name.trim().bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash % 8
}

/// A card's next activity.
pub enum Next {
    /// The board has no planned activities to show.
    Nothing,
    /// None is planned: highlighted, since a deal without a next step stalls.
    Missing,
    Planned {
        /// The activity's object (Task) and subject.
        kind: String,
        subject: String,
        href: String,
        /// `Today, 14:00`, `26 Nov 2026`.
        when: String,
        overdue: bool,
    },
}

/// A column of the board, as shown.
pub struct Column {
    pub value: String,
    pub label: String,
    pub kind: String,
    pub count: i64,
    /// The count in the user's digits.
    pub count_text: String,
    /// How many of its records rot, in words (`3 rotting`); empty when none.
    pub rotting: String,
    /// The column's sum, per currency (`1,200.00 EUR + 300.00 USD`); empty when none.
    pub total: String,
    pub cards: Vec<Card>,
    /// The list of this column's records when it has more than the cards shown.
    pub more_href: String,
    pub more_text: String,
    /// The column's heading for screen readers: label, count and sum.
    pub summary: String,
}

/// The board itself: what a move answers with, and the middle of the page.
#[derive(Template)]
#[template(path = "kanban_board.html")]
pub struct Board {
    t: Tr,
    object: String,
    state: BoardState,
    columns: Vec<Column>,
    /// Where each column's value can be moved to: value and label.
    targets: Vec<(String, String)>,
    /// A refused move or an unreadable view, shown above the columns.
    message: String,
    /// What a move did, for screen readers.
    notice: String,
    /// Whether the board has no columns at all (no options, no stages).
    no_columns: String,
    /// Whether nothing matches the search or filter.
    no_match: bool,
    /// Whether the board has no records at all (and no search or filter): the
    /// sentence that says so, and where to make the first record (empty when the
    /// viewer may not).
    empty: String,
    new_href: String,
}

#[derive(Template)]
#[template(path = "kanban.html")]
struct KanbanPage {
    t: Tr,
    chrome: Chrome,
    object: ObjectDef,
    state: BoardState,
    by: String,
    choices: Vec<(String, String)>,
    group: String,
    groups: Vec<(String, String)>,
    /// What a group is called (Pipeline).
    group_label: String,
    board: Board,
    problem: String,
}

/// The cards and totals of a board. A filter or search the store refuses is
/// `Err(Ok(message))`, shown on the page; anything else is an error page.
async fn load(
    state: &AppState,
    viewer: &Viewer,
    setup: &Setup,
    board: &BoardState,
) -> Result<Vec<Column>, Result<String, UiError>> {
    let actor = viewer.actor();
    let object = &setup.object;
    let user_filter = if board.filter.trim().is_empty() {
        None
    } else {
        Some(
            parse_filter(&board.filter)
                .map_err(|e| Ok(crate::problem_text::syntax(&e, "invalid_filter", &viewer.tr)))?,
        )
    };
    let q = Some(board.q.clone()).filter(|q| !q.trim().is_empty());
    let scope = Filter::all([setup.scope(), user_filter]);
    let refused = |e: rapport_domain::DomainError| {
        let problem = Problem::from(e);
        if problem.status == StatusCode::BAD_REQUEST || problem.status == StatusCode::UNPROCESSABLE_ENTITY {
            Ok(crate::problem_text::detail(&problem, &viewer.tr))
        } else {
            Err(UiError::from_problem(problem))
        }
    };
    let totals_query = TotalsQuery {
        list: ListQuery { filter: scope.clone(), q: q.clone(), ..ListQuery::default() },
        group_by: Some(setup.by.api_name.clone()),
        sum: setup.amount.as_ref().map(|f| f.api_name.clone()),
    };
    let totals = state.crm.totals(actor, &object.api_name, totals_query).await.map_err(refused)?;
    let key_of = |value: &Value| match value {
        Value::Text(t) => t.clone(),
        Value::Uuid(id) => id.to_string(),
        Value::Null => String::new(),
        other => other.to_csv(),
    };
    let totals: HashMap<String, &Totals> = totals.iter().map(|t| (key_of(&t.key), t)).collect();

    // Records without a value have a column of their own when there are any.
    let mut defs = setup.columns.clone();
    if totals.get("").is_some_and(|t| t.count > 0) {
        let label = viewer.tr.t("kanban-no-value");
        defs.push(ColumnDef { value: String::new(), label, kind: String::new(), rotting: None });
    }
    let sort = object.default_sort();
    let users: HashMap<Uuid, String> =
        state.crm.users(actor).await.map_err(|e| Err(e.into()))?.into_iter().map(|u| (u.id, u.display_name)).collect();
    let by = &setup.by.api_name;
    let now = OffsetDateTime::now_utc();
    let mut read = Vec::with_capacity(defs.len());
    for def in defs {
        let this = if def.value.is_empty() { Filter::is_null(by) } else { Filter::eq(by, def.value.clone()) };
        let filter = Filter::all([scope.clone(), Some(this)]);
        let totals = totals.get(&def.value);
        let count = totals.map_or(0, |t| t.count);
        let records = if count == 0 {
            Vec::new()
        } else {
            let query = ListQuery {
                filter: filter.clone(),
                sort: sort.clone(),
                limit: CARDS,
                q: q.clone(),
                ..ListQuery::default()
            };
            state.crm.list(actor, &object.api_name, query).await.map_err(refused)?.records
        };
        let rotting = match (count, rotten_since(setup, &def, now)) {
            (1.., Some(stale)) => {
                let query = ListQuery {
                    filter: Filter::all([filter.clone(), Some(stale)]),
                    q: q.clone(),
                    ..ListQuery::default()
                };
                state.crm.count(actor, &object.api_name, query).await.map_err(refused)?
            }
            _ => 0,
        };
        let total = totals
            .map(|t| t.sums.iter().map(|(c, a)| viewer.format.money(*a, c)).collect::<Vec<_>>().join(" + "))
            .unwrap_or_default();
        read.push((def, filter, count, rotting, total, records));
    }
    let all: Vec<&Record> = read.iter().flat_map(|r| r.5.iter()).collect();
    let facts = Facts::gather(state, viewer, setup, &all).await.map_err(|e| Err(e.into()))?;
    let mut columns = Vec::with_capacity(read.len());
    for (def, filter, count, rotting, total, records) in read {
        let cards: Vec<Card> = records.iter().map(|r| card(viewer, setup, &def, &users, &facts, now, r)).collect();
        let shown = i64::try_from(cards.len()).unwrap_or(i64::MAX);
        let more_href = if count > shown {
            let mut link = format!(
                "/o/{}?filter={}",
                object.api_name,
                urlencode(&filter.map(|f| print_filter(&f)).unwrap_or_default())
            );
            if let Some(q) = &q {
                link.push_str(&format!("&q={}", urlencode(q)));
            }
            link
        } else {
            String::new()
        };
        let tr = &viewer.tr;
        let more_text = tr.t1("kanban-more", "count", count - shown);
        let count_text = tr.t1("kanban-count", "count", count);
        let rotting = if rotting > 0 { tr.t1("kanban-column-rotting", "count", rotting) } else { String::new() };
        let summary = [def.label.as_str(), count_text.as_str(), total.as_str(), rotting.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        columns.push(Column {
            value: def.value,
            label: def.label,
            kind: def.kind,
            count,
            count_text: viewer.format.number(Decimal::from(count)),
            rotting,
            total,
            cards,
            more_href,
            more_text,
            summary,
        });
    }
    Ok(columns)
}

/// The condition that keeps the records of a column that rot: in it since before
/// its rotting time, when the column has one and the board stamps records.
fn rotten_since(setup: &Setup, column: &ColumnDef, now: OffsetDateTime) -> Option<Filter> {
    let (since, days) = (setup.since.as_ref()?, column.rotting?);
    let limit = now.checked_sub(time::Duration::days(days))?;
    let limit = rapport_domain::model::value::format_datetime(limit);
    Some(Filter::cmp(&since.api_name, rapport_domain::model::filter::Op::Lt, limit))
}

/// What the cards of a board name besides their own fields, read for all of them at
/// once: the names of their related records (by field id and record id) and their
/// next activities.
struct Facts {
    names: HashMap<(String, Uuid), String>,
    next: HashMap<Uuid, rapport_domain::agenda::NextActivity>,
    /// Activity objects by API name, for their labels and links.
    activities: HashMap<String, ObjectDef>,
}

impl Facts {
    async fn gather(
        state: &AppState,
        viewer: &Viewer,
        setup: &Setup,
        records: &[&Record],
    ) -> Result<Facts, rapport_domain::DomainError> {
        let actor = viewer.actor();
        let mut names = HashMap::new();
        for (field, target) in &setup.related {
            let ids: Vec<Uuid> = records
                .iter()
                .filter_map(|r| match r.get(&field.id) {
                    Value::Uuid(id) => Some(*id),
                    _ => None,
                })
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            for chunk in ids.chunks(REFERENCE_ROWS as usize) {
                for found in state.crm.by_ids(actor, &target.api_name, chunk).await? {
                    names.insert((field.id.clone(), found.id), viewer.format.label(target, &found));
                }
            }
        }
        let next = if setup.agenda && !records.is_empty() {
            let ids: Vec<Uuid> = records.iter().map(|r| r.id).collect();
            state.crm.next_activities(actor, &setup.object.api_name, &ids).await?
        } else {
            HashMap::new()
        };
        let mut activities = HashMap::new();
        for found in next.values() {
            if !activities.contains_key(&found.object)
                && let Ok(Some(def)) = state.crm.object_view(actor, &found.object).await
            {
                activities.insert(found.object.clone(), (*def).clone());
            }
        }
        Ok(Facts { names, next, activities })
    }
}

fn card(
    viewer: &Viewer,
    setup: &Setup,
    column: &ColumnDef,
    users: &HashMap<Uuid, String>,
    facts: &Facts,
    now: OffsetDateTime,
    record: &Record,
) -> Card {
    let object = &setup.object;
    let tr = &viewer.tr;
    let amount = setup
        .amount
        .as_ref()
        .map(|f| match record.get(&f.id) {
            Value::Money { amount, currency } => viewer.format.money(*amount, currency),
            _ => String::new(),
        })
        .unwrap_or_default();
    let related = setup
        .related
        .iter()
        .filter_map(|(field, _)| match record.get(&field.id) {
            Value::Uuid(id) => facts.names.get(&(field.id.clone(), *id)).map(|n| (field.label.clone(), n.clone())),
            _ => None,
        })
        .collect();
    let entered = setup.since.as_ref().and_then(|f| match record.get(&f.id) {
        Value::DateTime(t) => Some(*t),
        _ => None,
    });
    let days = entered.map(|t| (now - t).whole_days().max(0));
    let rotting = match (entered, column.rotting) {
        (Some(t), Some(limit)) if now - t > time::Duration::days(limit) => tr.t1("kanban-rotting-why", "days", limit),
        _ => String::new(),
    };
    Card {
        id: record.id,
        href: format!("/o/{}/{}", object.api_name, record.id),
        label: viewer.format.label(object, record),
        amount,
        related,
        owner: record.owner_id.and_then(|id| users.get(&id)).map(|name| Avatar::of(name)),
        days: days.map(|d| tr.t1("kanban-days", "days", d)).unwrap_or_default(),
        days_title: days.map(|d| tr.t1("kanban-days-title", "days", d)).unwrap_or_default(),
        rotting,
        next: next_of(viewer, setup, column, facts, now, record.id),
        version: record.version,
        movable: setup.may_move && viewer.actor().may(&object.id, Action::Edit, record.owner_id, record.team_id),
    }
}

/// A card's next activity, its time in the user's words: today's at their time, others
/// by their day; one before now is overdue.
fn next_of(viewer: &Viewer, setup: &Setup, column: &ColumnDef, facts: &Facts, now: OffsetDateTime, id: Uuid) -> Next {
    if !setup.agenda {
        return Next::Nothing;
    }
    let Some(found) = facts.next.get(&id) else {
        // A won or lost deal needs no next step: only open columns warn of none.
        return if column.kind.is_empty() || column.kind == outcome::OPEN { Next::Missing } else { Next::Nothing };
    };
    let format = &viewer.format;
    let day = format.local_date(found.when);
    let when = if day == Some(format.today()) {
        viewer.tr.t1("kanban-today-at", "time", format.time(found.when))
    } else {
        day.map(|d| format.day(d)).unwrap_or_default()
    };
    let (kind, subject) = match facts.activities.get(&found.object) {
        Some(def) => (def.label.clone(), format.label(def, &found.record)),
        None => (String::new(), String::new()),
    };
    Next::Planned {
        kind,
        subject,
        href: format!("/o/{}/{}", found.object, found.record.id),
        when,
        overdue: found.when < now,
    }
}

/// The board of `setup` with `message` (an error) or `notice` (what happened) on top.
async fn board(
    state: &AppState,
    viewer: &Viewer,
    setup: &Setup,
    board: &BoardState,
    message: String,
    notice: String,
) -> Result<(Board, String), UiError> {
    let (columns, problem) = match load(state, viewer, setup, board).await {
        Ok(columns) => (columns, String::new()),
        Err(Ok(problem)) => (Vec::new(), problem),
        Err(Err(e)) => return Err(e),
    };
    let mut targets: Vec<(String, String)> = setup.columns.iter().map(|c| (c.value.clone(), c.label.clone())).collect();
    if !setup.by.required {
        targets.push((String::new(), viewer.tr.t("kanban-no-value")));
    }
    let no_columns = if !problem.is_empty() || !setup.columns.is_empty() {
        String::new()
    } else if setup.group.is_none() && setup.staged.is_some() {
        viewer.tr.t("kanban-no-pipelines")
    } else if setup.staged.is_some() {
        viewer.tr.t("kanban-no-stages")
    } else {
        viewer.tr.t1("kanban-no-options", "field", &setup.by.label)
    };
    let nothing = problem.is_empty() && no_columns.is_empty() && columns.iter().all(|c| c.count == 0);
    let searched = !board.q.trim().is_empty() || !board.filter.trim().is_empty();
    let no_match = nothing && searched;
    let empty = if nothing && !searched {
        viewer.tr.t1("kanban-empty", "object", &setup.object.label_plural)
    } else {
        String::new()
    };
    let new_href = if viewer.actor().reach(&setup.object.id, Action::Create) == Reach::None {
        String::new()
    } else {
        format!("/o/{}/new", setup.object.api_name)
    };
    let shown = Board {
        t: viewer.tr.clone(),
        object: setup.object.api_name.clone(),
        state: BoardState {
            by: setup.by.api_name.clone(),
            group: setup.group.map(|p| p.to_string()).unwrap_or_default(),
            ..board.clone()
        },
        columns,
        targets,
        message,
        notice,
        no_columns,
        no_match,
        empty,
        new_href,
    };
    Ok((shown, problem))
}

/// `GET /kanban/{object}`.
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(board_state): Query<BoardState>,
) -> PageResult {
    let setup = setup(&state, &viewer, &name, &board_state).await?;
    let chrome = viewer.chrome(&state, "kanban").await?;
    let (shown, problem) = board(&state, &viewer, &setup, &board_state, String::new(), String::new()).await?;
    let status = if problem.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = KanbanPage {
        t: viewer.tr.clone(),
        chrome,
        by: setup.by.api_name.clone(),
        choices: setup.choices.clone(),
        group: shown.state.group.clone(),
        groups: setup.groups.clone(),
        group_label: setup.staged.as_ref().map(|s| s.group.label.clone()).unwrap_or_default(),
        state: board_state,
        object: setup.object,
        board: shown,
        problem,
    };
    Ok(render_status(status, &page))
}

/// `POST /kanban/{object}/{id}/move`: sets the board's field of one record to a
/// column's value (`to`) if the record is still at `version`; the answer is the board
/// as it now is, with a message when nothing was changed (409 someone else changed
/// it first, 403 not the viewer's to move, 422 not a column of this board).
pub async fn move_card(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
    Form(pairs): Form<super::form::Pairs>,
) -> PageResult {
    let board_state = super::address::read::<BoardState>(&pairs);
    let setup = setup(&state, &viewer, &name, &board_state).await?;
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.trim().to_owned());
    let id: Uuid = id.parse().map_err(|_| UiError::not_found())?;
    let to = get("to").unwrap_or_default();
    let version: i64 = get("version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let tr = &viewer.tr;
    let answer = |status: StatusCode, message: String, notice: String| {
        let (state, viewer, setup, board_state) = (&state, &viewer, &setup, &board_state);
        async move {
            let (shown, _) = board(state, viewer, setup, board_state, message, notice).await?;
            Ok::<Response, PageError>(render_status(status, &shown))
        }
    };
    let target = setup
        .columns
        .iter()
        .find(|c| c.value == to)
        .map(|c| c.label.clone())
        .or_else(|| (to.is_empty() && !setup.by.required).then(|| tr.t("kanban-no-value")));
    let Some(target) = target else {
        return answer(StatusCode::UNPROCESSABLE_ENTITY, tr.t1("kanban-unknown-column", "value", &to), String::new())
            .await;
    };
    let mut input = Map::new();
    input.insert(setup.by.api_name.clone(), if to.is_empty() { Json::Null } else { Json::String(to.clone()) });
    // A record moved to a stage of another group follows it there.
    if let (Some(group), Some(own)) = (setup.group, setup.staged.as_ref().and_then(|s| s.own_group.as_ref())) {
        input.insert(own.api_name.clone(), Json::String(group.to_string()));
    }
    match state.crm.update(viewer.actor(), &setup.object.api_name, id, version, &input).await {
        Ok(record) => {
            let label = viewer.format.label(&setup.object, &record);
            let notice = tr.args("kanban-moved", &[("record", label.into()), ("column", target.into())]);
            answer(StatusCode::OK, String::new(), notice).await
        }
        Err(e) => {
            let problem = Problem::from(e);
            let (status, message) = match (problem.status, problem.code) {
                (_, "version_conflict") => (StatusCode::CONFLICT, tr.t("kanban-conflict")),
                (StatusCode::FORBIDDEN, _) => (StatusCode::FORBIDDEN, tr.t("kanban-forbidden")),
                (StatusCode::NOT_FOUND, _) => (StatusCode::NOT_FOUND, tr.t("kanban-gone")),
                (s, _) if s.is_client_error() => {
                    let fields = super::form::field_messages(tr, &problem);
                    let text = fields.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ");
                    (StatusCode::UNPROCESSABLE_ENTITY, tr.t1("kanban-refused", "reason", text))
                }
                _ => return Err(problem.into()),
            };
            answer(status, message, String::new()).await
        }
    }
}
