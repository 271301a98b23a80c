//! The filter builder of list views: the filter tree of the API's filter language
//! (nested and/or/not groups, every operator) edited as a form. The form carries the
//! tree in pre-order, one row per node with its depth, so the server can rebuild the
//! tree from any submission; each button press (add a condition or a group, remove,
//! switch and/or) is a round trip that answers the edited builder, and "apply" opens
//! the list with the printed filter — after the domain accepted it, so a mistake is
//! shown in the builder beside the condition, not as a broken list.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use rapport_domain::ListQuery;
use rapport_domain::model::filter::{Condition, Filter, Op, Operand, parse as parse_filter, print as print_filter};
use rapport_domain::model::{FieldType, ObjectDef};

use super::form::Pairs;
use super::i18n::Tr;
use super::list::ViewState;
use super::page::{PageResult, Viewer, object_of, redirect, render, render_status};
use crate::AppState;
use crate::problem::Problem;

/// The keys a condition may test besides the fields.
const SYSTEM_PATHS: [&str; 4] = ["owner", "team", "created_at", "updated_at"];

/// One node of the tree as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub depth: usize,
    /// `and`, `or`, `not` for a group; `cond` for a condition.
    pub kind: String,
    pub path: String,
    pub op: String,
    pub value: String,
}

impl Row {
    fn group(kind: &str, depth: usize) -> Row {
        Row { depth, kind: kind.into(), path: String::new(), op: String::new(), value: String::new() }
    }

    fn blank(depth: usize) -> Row {
        Row { depth, kind: "cond".into(), path: String::new(), op: "eq".into(), value: String::new() }
    }

    pub fn is_group(&self) -> bool {
        self.kind != "cond"
    }

    /// The message id of a group's name.
    pub fn group_label(&self) -> String {
        format!("builder-group-{}", self.kind)
    }

    /// Indentation for the template (a class per level; no inline styles).
    pub fn indent(&self) -> usize {
        self.depth.min(8)
    }
}

/// A filter as people read it: one sentence per condition of a plain "all of" filter
/// ("City is equal to Αθήνα"), by the fields' labels and the operators' names in the
/// user's language; a filter with alternative or negated groups reads as one
/// sentence, each group's parts joined by its word and nested groups in brackets.
pub fn summary(tr: &Tr, object: &ObjectDef, filter: &Filter) -> Vec<String> {
    let labels = paths(tr, object);
    match filter {
        Filter::And(children) if children.iter().all(|c| matches!(c, Filter::Cond(_))) => {
            children.iter().map(|c| sentence(tr, &labels, c, false)).collect()
        }
        other => vec![sentence(tr, &labels, other, false)],
    }
}

fn sentence(tr: &Tr, labels: &[(String, String)], filter: &Filter, nested: bool) -> String {
    let joined = |children: &[Filter], word: &str| {
        let parts: Vec<String> = children.iter().map(|c| sentence(tr, labels, c, true)).collect();
        let text = parts.join(&format!(" {} ", tr.t(&format!("filter-joiner-{word}"))));
        if nested && parts.len() > 1 { format!("({text})") } else { text }
    };
    match filter {
        Filter::And(children) => joined(children, "and"),
        Filter::Or(children) => joined(children, "or"),
        Filter::Not(child) => format!("{} {}", tr.t("filter-joiner-not"), sentence(tr, labels, child, true)),
        Filter::Cond(_) => {
            let mut rows = Vec::new();
            push(&mut rows, filter, 0);
            let Some(row) = rows.pop() else { return String::new() };
            let label = labels.iter().find(|(p, _)| *p == row.path).map_or(row.path.as_str(), |(_, l)| l.as_str());
            let op = tr.t(&format!("op-{}", row.op));
            if row.value.is_empty() { format!("{label} {op}") } else { format!("{label} {op} {}", row.value) }
        }
    }
}

/// The rows of a filter, in pre-order. No filter is an empty `and` group.
pub fn rows_of(filter: Option<&Filter>) -> Vec<Row> {
    let mut rows = Vec::new();
    match filter {
        None => rows.push(Row::group("and", 0)),
        Some(f @ (Filter::And(_) | Filter::Or(_) | Filter::Not(_))) => push(&mut rows, f, 0),
        Some(f @ Filter::Cond(_)) => {
            rows.push(Row::group("and", 0));
            push(&mut rows, f, 1);
        }
    }
    rows
}

fn push(rows: &mut Vec<Row>, filter: &Filter, depth: usize) {
    match filter {
        Filter::And(children) | Filter::Or(children) => {
            rows.push(Row::group(if matches!(filter, Filter::And(_)) { "and" } else { "or" }, depth));
            children.iter().for_each(|c| push(rows, c, depth + 1));
        }
        // `not(and(a,b))` shows as one "none of" group of a and b.
        Filter::Not(child) => {
            rows.push(Row::group("not", depth));
            match &**child {
                Filter::And(children) => children.iter().for_each(|c| push(rows, c, depth + 1)),
                other => push(rows, other, depth + 1),
            }
        }
        Filter::Cond(c) => rows.push(Row {
            depth,
            kind: "cond".into(),
            path: c.path.join("."),
            op: c.op.as_str().into(),
            value: match &c.operand {
                Operand::Value(v) => v.clone(),
                Operand::List(items) => list_text(items),
                Operand::Null => "null".into(),
                Operand::NotNull => "not_null".into(),
            },
        }),
    }
}

/// The most rows a builder takes: the filter language allows 100 conditions, and a
/// group per condition at most besides.
pub const MAX_ROWS: usize = 200;

/// The rows a submission carries (parallel lists, one entry per node), at most
/// [`MAX_ROWS`] of them.
pub fn rows_from(pairs: &[(String, String)]) -> Vec<Row> {
    let list = |key: &str| pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect::<Vec<_>>();
    let (depths, kinds, paths, ops, values) = (list("depth"), list("kind"), list("path"), list("op"), list("value"));
    let mut rows: Vec<Row> = kinds
        .iter()
        .take(MAX_ROWS)
        .enumerate()
        .map(|(i, kind)| Row {
            depth: depths.get(i).and_then(|d| d.parse().ok()).unwrap_or(1).min(30),
            kind: if ["and", "or", "not", "cond"].contains(&kind.as_str()) { kind.clone() } else { "cond".into() },
            path: paths.get(i).cloned().unwrap_or_default(),
            op: ops.get(i).cloned().unwrap_or_default(),
            value: values.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    if rows.first().is_none_or(|r| !r.is_group() || r.depth != 0) {
        rows.insert(0, Row::group("and", 0));
    }
    // Depths only ever go one deeper than a group above them.
    for i in 1..rows.len() {
        let max = rows[i - 1].depth + usize::from(rows[i - 1].is_group());
        rows[i].depth = rows[i].depth.clamp(1, max.max(1));
    }
    rows
}

/// The end (exclusive) of the subtree that starts at `at`.
fn subtree_end(rows: &[Row], at: usize) -> usize {
    let depth = rows[at].depth;
    rows.iter().skip(at + 1).position(|r| r.depth <= depth).map_or(rows.len(), |p| at + 1 + p)
}

/// Applies a button: `add:{i}` (a condition in group i), `group:{i}` (an or-group in
/// group i), `remove:{i}`, `switch:{i}` (and → or → not → and).
pub fn apply(rows: &mut Vec<Row>, action: &str) {
    let Some((verb, index)) = action.split_once(':') else { return };
    let Ok(i) = index.parse::<usize>() else { return };
    if i >= rows.len() {
        return;
    }
    match verb {
        "add" if rows[i].is_group() => {
            let end = subtree_end(rows, i);
            rows.insert(end, Row::blank(rows[i].depth + 1));
        }
        "group" if rows[i].is_group() => {
            let end = subtree_end(rows, i);
            let depth = rows[i].depth + 1;
            rows.insert(end, Row::group("or", depth));
            rows.insert(end + 1, Row::blank(depth + 1));
        }
        "remove" if i > 0 => {
            let end = subtree_end(rows, i);
            rows.drain(i..end);
        }
        "switch" if rows[i].is_group() => {
            rows[i].kind = match rows[i].kind.as_str() {
                "and" => "or",
                "or" => "not",
                _ => "and",
            }
            .into();
        }
        _ => {}
    }
}

/// A builder row that cannot become part of a filter: its index and why.
#[derive(Debug, Clone)]
pub struct RowError {
    pub index: usize,
    pub message: String,
}

/// The filter of the rows; conditions without a field are left out. `None` when the
/// tree is empty.
pub fn filter_of(tr: &Tr, rows: &[Row]) -> Result<Option<Filter>, RowError> {
    fn build(tr: &Tr, rows: &[Row], at: usize) -> Result<(Option<Filter>, usize), RowError> {
        let row = &rows[at];
        if !row.is_group() {
            return Ok((condition(tr, row, at)?, at + 1));
        }
        let mut children = Vec::new();
        let mut next = at + 1;
        while next < rows.len() && rows[next].depth > row.depth {
            let (child, after) = build(tr, rows, next)?;
            children.extend(child);
            next = after;
        }
        let filter = match (row.kind.as_str(), children.len()) {
            (_, 0) => None,
            ("not", 1) => Some(Filter::Not(Box::new(children.remove(0)))),
            ("not", _) => Some(Filter::Not(Box::new(Filter::And(children)))),
            (_, 1) => Some(children.remove(0)),
            ("or", _) => Some(Filter::Or(children)),
            _ => Some(Filter::And(children)),
        };
        Ok((filter, next))
    }
    if rows.is_empty() {
        return Ok(None);
    }
    Ok(build(tr, rows, 0)?.0)
}

fn condition(tr: &Tr, row: &Row, index: usize) -> Result<Option<Filter>, RowError> {
    if row.path.trim().is_empty() {
        return Ok(None);
    }
    let err = |id: &str| RowError { index, message: tr.t(id) };
    let op = Op::parse(&row.op).ok_or_else(|| err("builder-bad-operator"))?;
    let value = row.value.trim();
    let operand = match op {
        Op::Is => match value {
            "null" => Operand::Null,
            "not_null" => Operand::NotNull,
            _ => return Err(err("builder-is-value")),
        },
        Op::In | Op::Nin => list_operand(value).ok_or_else(|| err("builder-bad-list"))?,
        _ => Operand::Value(value.to_owned()),
    };
    let path = row.path.split('.').map(str::to_owned).collect();
    Ok(Some(Filter::Cond(Condition { path, op, operand })))
}

/// A list of values as the builder's box shows it: the filter language's own list
/// syntax without its brackets (`a, "Smith, John"`), so a value holding a comma or a
/// quote comes back as it was.
fn list_text(items: &[String]) -> String {
    let condition = Condition { path: vec!["x".into()], op: Op::In, operand: Operand::List(items.to_vec()) };
    let printed = print_filter(&Filter::Cond(condition));
    printed.strip_prefix("x[in]:[").and_then(|rest| rest.strip_suffix(']')).unwrap_or_default().to_owned()
}

/// The list a box holds, read with the filter language's list syntax.
fn list_operand(text: &str) -> Option<Operand> {
    match parse_filter(&format!("x[in]:[{text}]")) {
        Ok(Filter::Cond(Condition { operand: operand @ Operand::List(_), .. })) => Some(operand),
        _ => None,
    }
}

/// What a condition may test: system keys, fields, and the parts of names and
/// addresses — value, label.
pub fn paths(tr: &Tr, object: &ObjectDef) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for field in object.visible_fields() {
        out.push((field.api_name.clone(), field.label.clone()));
        let parts: &[&str] = match field.kind {
            FieldType::FullName => &["first", "last"],
            FieldType::Address => &["street", "city", "postcode", "region", "country"],
            _ => &[],
        };
        for part in parts {
            out.push((
                format!("{}.{part}", field.api_name),
                format!("{} · {}", field.label, tr.t(&format!("part-{part}"))),
            ));
        }
    }
    out.extend(SYSTEM_PATHS.iter().map(|p| ((*p).to_owned(), tr.t(&format!("system-{p}")))));
    out
}

#[derive(Template)]
#[template(path = "builder.html")]
struct Builder {
    t: Tr,
    object: ObjectDef,
    base: String,
    state: ViewState,
    rows: Vec<Row>,
    paths: Vec<(String, String)>,
    ops: Vec<(&'static str, String)>,
    error: Option<RowError>,
}

fn builder(viewer: &Viewer, object: &ObjectDef, state: ViewState, rows: Vec<Row>, error: Option<RowError>) -> Builder {
    Builder {
        t: viewer.tr.clone(),
        base: format!("/o/{}", object.api_name),
        paths: paths(&viewer.tr, object),
        ops: Op::ALL.iter().map(|op| (op.as_str(), viewer.tr.t(&format!("op-{}", op.as_str())))).collect(),
        object: object.clone(),
        state,
        rows,
        error,
    }
}

impl Builder {
    /// The operators offered for a condition on `path`: only those its field takes
    /// (every one while no field is chosen).
    fn ops_for(&self, path: &str) -> Vec<&(&'static str, String)> {
        let allowed = operators_for(&self.object, path);
        self.ops.iter().filter(|(op, _)| allowed.iter().any(|a| a.as_str() == *op)).collect()
    }
}

/// The operators a condition on `path` of `object` can use: a field's own, those of
/// a part of a composite field, a system field's; all of them for a path the object
/// does not have (the filter is refused with the reason when applied).
pub fn operators_for(object: &ObjectDef, path: &str) -> &'static [Op] {
    let (head, part) = path.split_once('.').map_or((path, None), |(h, p)| (h, Some(p)));
    let system = ObjectDef::system_fields();
    let field = object.field_by_api(head).ok().or_else(|| system.iter().find(|f| f.api_name == head));
    match (field, part) {
        (Some(_), Some(_)) => FieldType::PART_OPERATORS,
        (Some(field), None) => field.kind.operators(),
        (None, _) => &Op::ALL,
    }
}

/// `GET /o/{object}/filter-builder?…`: the builder for the view's filter.
pub async fn open(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(view): Query<ViewState>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let filter = if view.filter.trim().is_empty() { None } else { parse_filter(&view.filter).ok() };
    let rows = rows_of(filter.as_ref());
    Ok(render(&builder(&viewer, &object, view, rows, None)))
}

/// `POST /o/{object}/filter-builder`: a button of the builder.
pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let view = ViewState {
        q: get("q"),
        order_by: get("order_by"),
        columns: get("columns"),
        view: get("view"),
        ..ViewState::default()
    };
    let mut rows = rows_from(&pairs);
    let action = get("do");
    if action != "apply" {
        apply(&mut rows, &action);
        return Ok(render(&builder(&viewer, &object, view, rows, None)));
    }
    // Printed and read back, a filter meets the language's limits (conditions, values,
    // depth) like one typed into the filter box.
    let filter = filter_of(&viewer.tr, &rows).and_then(|filter| match filter {
        Some(f) => parse_filter(&print_filter(&f)).map(Some).map_err(|e| {
            let why = crate::problem_text::syntax_kind(&e, &viewer.tr);
            RowError { index: 0, message: format!("{} {why}", viewer.tr.t("builder-too-large")) }
        }),
        None => Ok(None),
    });
    let filter = match filter {
        Ok(filter) => filter,
        Err(error) => {
            return Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &builder(&viewer, &object, view, rows, Some(error)),
            ));
        }
    };
    // The domain checks fields, operators and values against the object: a page of
    // one record proves the filter runs before the list is opened with it.
    let query = ListQuery { filter: filter.clone(), limit: 1, ..ListQuery::default() };
    if let Err(e) = state.crm.list(viewer.actor(), &object.api_name, query).await {
        let problem = Problem::from(e);
        if problem.status.is_server_error() {
            return Err(problem.into());
        }
        // The refused condition's field, as the store names it (`address.city`).
        let field = problem.arg("field");
        let index = rows.iter().position(|r| !r.is_group() && Some(r.path.as_str()) == field).unwrap_or(0);
        let error = RowError { index, message: crate::problem_text::detail(&problem, &viewer.tr) };
        return Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &builder(&viewer, &object, view, rows, Some(error)),
        ));
    }
    let applied = ViewState { filter: filter.as_ref().map(print_filter).unwrap_or_default(), ..view };
    let query = applied.query_string();
    Ok(redirect(&format!("/o/{}{}{}", object.api_name, if query.is_empty() { "" } else { "?" }, query), viewer.htmx))
}
