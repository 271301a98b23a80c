//! The query parameters of a list (`GET /api/v1/{object}`), read strictly: every
//! malformed or unknown parameter is a 400 problem that names the parameter and the
//! reason, before anything is read. The filter and sort grammars are the model's (the
//! same AST the UI's filter builder and saved views use).

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use rapport_domain::ListQuery;
use rapport_domain::model::ObjectDef;
use rapport_domain::model::filter::parse as parse_filter;
use rapport_domain::model::sort::parse_sort;

use crate::problem::Problem;

/// The page size when none is asked for.
pub const DEFAULT_LIMIT: u32 = 50;
/// The largest page (DESIGN §4).
pub const MAX_LIMIT: u32 = 500;

/// The keys of a record's answer that are not fields: always there, and choosable in
/// `fields`.
pub const SYSTEM_KEYS: [&str; 9] =
    ["id", "version", "created_at", "updated_at", "created_by", "updated_by", "owner", "team", "deleted_at"];

/// The query string as its pairs, in order (a repeated key stays repeated, so it can
/// be refused); one that is not a query string is a 400 problem like any other.
pub struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|e| bad("query", "malformed_query", e.body_text()))?;
        Ok(QueryPairs(pairs))
    }
}

/// How to count the matching records, when asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exact,
    /// The database's estimate (PostgreSQL's planner; exact on SQLite).
    Estimate,
}

/// A list request, read from its query string.
#[derive(Debug, Clone, Default)]
pub struct ListParams {
    pub query: ListQuery,
    /// Keys to answer with (`fields=name,emails`); all when absent.
    pub fields: Option<Vec<String>>,
    pub count: Option<Count>,
    pub expand: Vec<Expansion>,
}

/// A relation whose records are answered in place of their ids (`expand=company`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// The relation field's API name (the key in the answer).
    pub field: String,
    /// Its id (where records hold its value).
    pub field_id: String,
    /// The id of the object it points at.
    pub target: String,
}

/// The most relations one request expands: each costs one more statement.
pub const MAX_EXPAND: usize = 5;

/// `expand=company,person`: relation fields of the caller's view of the object.
pub fn parse_expand(object: &ObjectDef, text: &str) -> Result<Vec<Expansion>, Problem> {
    let names: Vec<&str> = text.split(',').map(str::trim).filter(|n| !n.is_empty()).collect();
    if names.is_empty() || names.len() > MAX_EXPAND {
        return Err(bad("expand", "out_of_range", format!("expand names 1 to {MAX_EXPAND} relation fields")));
    }
    let mut out: Vec<Expansion> = Vec::new();
    for name in names {
        let field = object.field_by_api(name).ok().filter(|f| f.kind.relation_target().is_some()).ok_or_else(|| {
            bad("expand", "not_a_relation", format!("{} has no relation field `{name}`", object.api_name))
        })?;
        let target = field.kind.relation_target().unwrap_or_default().to_owned();
        if !out.iter().any(|e| e.field == name) {
            out.push(Expansion { field: name.to_owned(), field_id: field.id.clone(), target });
        }
    }
    Ok(out)
}

fn bad(parameter: &str, code: &str, detail: impl Into<String>) -> Problem {
    Problem::field(parameter, code, detail)
}

fn parse_limit(text: &str) -> Result<u32, Problem> {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(bad("limit", "out_of_range", format!("limit must be a whole number from 1 to {MAX_LIMIT}"))),
    }
}

/// `fields=a,b`: each a field of the caller's view of the object or a system key.
pub fn parse_fields(object: &ObjectDef, text: &str) -> Result<Vec<String>, Problem> {
    let names: Vec<String> = text.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        return Err(bad("fields", "required", "fields names at least one field"));
    }
    let known = |name: &str| SYSTEM_KEYS.contains(&name) || object.field_by_api(name).is_ok();
    match names.iter().find(|n| !known(n)) {
        Some(unknown) => Err(bad("fields", "unknown_field", format!("{} has no field `{unknown}`", object.api_name))),
        None => Ok(names),
    }
}

/// The parameters of a query string, each given at most once: one given twice is
/// refused, named (which of two would count is not for the server to guess).
pub fn once_each(pairs: Vec<(String, String)>) -> Result<Vec<(String, String)>, Problem> {
    let mut seen = std::collections::HashSet::with_capacity(pairs.len());
    if let Some((key, _)) = pairs.iter().find(|(key, _)| !seen.insert(key.as_str())) {
        return Err(bad(key, "repeated", format!("`{key}` is given more than once")));
    }
    Ok(pairs)
}

/// Reads the query string of a list of `object` (the caller's view of it).
pub fn parse(object: &ObjectDef, pairs: Vec<(String, String)>) -> Result<ListParams, Problem> {
    let mut params =
        ListParams { query: ListQuery { limit: DEFAULT_LIMIT, ..ListQuery::default() }, ..Default::default() };
    for (key, value) in once_each(pairs)? {
        match key.as_str() {
            "filter" => {
                let filter = parse_filter(&value).map_err(|e| Problem::syntax("filter", "invalid_filter", &e))?;
                params.query.filter = Some(filter);
            }
            "order_by" => {
                params.query.sort =
                    parse_sort(&value).map_err(|e| Problem::syntax("order_by", "invalid_order_by", &e))?;
            }
            "limit" => params.query.limit = parse_limit(&value)?,
            "cursor" => params.query.cursor = Some(value).filter(|c| !c.is_empty()),
            "q" => params.query.q = Some(value).filter(|q| !q.trim().is_empty()),
            "fields" => params.fields = Some(parse_fields(object, &value)?),
            "expand" => params.expand = parse_expand(object, &value)?,
            "count" => {
                params.count = match value.as_str() {
                    "exact" => Some(Count::Exact),
                    "estimate" => Some(Count::Estimate),
                    other => {
                        return Err(bad(
                            "count",
                            "unknown_option",
                            format!("count is `exact` or `estimate`, not `{other}`"),
                        ));
                    }
                }
            }
            other => return Err(bad(other, "unknown_parameter", format!("a list takes no parameter `{other}`"))),
        }
    }
    Ok(params)
}
