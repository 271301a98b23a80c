//! Keyset pages over any indexed sort keys (DESIGN §4). The id is always the last key.
//! Predicates are row values in one direction, `(k1, id) > ($1, $2)`, which both
//! databases answer with an index range scan. NULLs never appear in a predicate: the
//! rows where a nullable key is NULL form their own segment, read after (or before)
//! the others, and the cursor records which segment it is in. No OFFSET anywhere.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rapport_model::filter::Filter;
use rapport_model::{Actor, Column, FieldDef, Logical, ObjectDef, Record, SortKey};
use sea_query::{Cond, Expr, ExprTrait, Order, SimpleExpr};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::conn::{Backend, Cell, Conn};
use crate::error::{Result, StoreError};
use crate::filter::{Scope, compile, resolve_field};
use crate::records::{Shape, attach_contacts, bind};

pub const MAX_LIMIT: u32 = 500;

/// What a list asks for.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub filter: Option<Filter>,
    pub sort: Vec<SortKey>,
    pub limit: u32,
    pub cursor: Option<String>,
    /// Full-text search words.
    pub q: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub records: Vec<Record>,
    pub next_cursor: Option<String>,
    pub has_more: bool,
}

/// One resolved sort key.
struct Key {
    column: Column,
    nullable: bool,
    descending: bool,
    nulls_first: bool,
}

/// Where a page starts: the segment and the last row's keys (the segment's non-null
/// keys, then the id).
#[derive(Serialize, Deserialize)]
struct Cursor {
    /// Fingerprint of the sort and filter the cursor was made for.
    f: String,
    s: usize,
    k: Vec<Json>,
}

fn resolve_keys(object: &ObjectDef, sort: &[SortKey]) -> Result<Vec<Key>> {
    sort.iter()
        .map(|k| {
            let field = resolve_field(object, &k.field)?;
            let sortable = field.indexed && field.kind.is_sortable();
            let column = field
                .kind
                .sort_column(&field.id)
                .filter(|_| sortable)
                .ok_or_else(|| StoreError::NotSortable { field: k.field.clone() })?;
            Ok(Key { column, nullable: is_nullable(&field), descending: k.descending, nulls_first: k.nulls_first })
        })
        .collect()
}

fn is_nullable(field: &FieldDef) -> bool {
    !matches!(field.id.as_str(), "id" | "created_at" | "updated_at")
}

/// The segments in reading order: for each nullable key whether it is NULL there.
fn segments(keys: &[Key]) -> Vec<Vec<bool>> {
    let mut segs: Vec<Vec<bool>> = vec![Vec::new()];
    for key in keys {
        let order: &[bool] = match (key.nullable, key.nulls_first) {
            (false, _) => &[false],
            (true, true) => &[true, false],
            (true, false) => &[false, true],
        };
        segs = segs.into_iter().flat_map(|s| order.iter().map(move |n| [s.clone(), vec![*n]].concat())).collect();
    }
    segs
}

fn fingerprint(query: &ListQuery) -> String {
    let sort = rapport_model::sort::print_sort(&query.sort);
    let filter = query.filter.as_ref().map(ToString::to_string).unwrap_or_default();
    let text = format!("{sort}|{filter}|{}", query.q.as_deref().unwrap_or(""));
    // FNV-1a: a cheap check that a cursor is used with the list it came from.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

fn cell_to_json(cell: &Cell) -> Json {
    match cell {
        Cell::Null => Json::Null,
        Cell::Int(i) => Json::from(*i),
        Cell::Text(s) => Json::String(s.clone()),
        Cell::Bool(b) => Json::Bool(*b),
        Cell::Uuid(u) => Json::String(u.to_string()),
        Cell::DateTime(t) => Json::from(crate::types::micros(*t)),
        Cell::Date(d) => Json::String(rapport_model::value::format_date(*d)),
        Cell::Decimal(d) => Json::String(d.to_string()),
        Cell::Json(j) => j.clone(),
    }
}

fn cell_from_json(json: &Json, logical: Logical) -> Result<Cell> {
    let bad = || StoreError::BadCursor;
    Ok(match (logical, json) {
        (Logical::Integer | Logical::Minor, Json::Number(n)) => Cell::Int(n.as_i64().ok_or_else(bad)?),
        (Logical::Text, Json::String(s)) => Cell::Text(s.clone()),
        (Logical::Boolean, Json::Bool(b)) => Cell::Bool(*b),
        (Logical::Uuid, Json::String(s)) => Cell::Uuid(s.parse().map_err(|_| bad())?),
        (Logical::DateTime, Json::Number(n)) => Cell::DateTime(crate::types::from_micros(n.as_i64().ok_or_else(bad)?)?),
        (Logical::Date, Json::String(s)) => Cell::Date(rapport_model::value::parse_date(s).ok_or_else(bad)?),
        (Logical::Decimal { .. }, Json::String(s)) => Cell::Decimal(s.parse().map_err(|_| bad())?),
        _ => return Err(bad()),
    })
}

fn encode_cursor(c: &Cursor) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(c).unwrap_or_default())
}

fn decode_cursor(text: &str) -> Result<Cursor> {
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| StoreError::BadCursor)?;
    serde_json::from_slice(&bytes).map_err(|_| StoreError::BadCursor)
}

/// The base condition of a list: live rows, the filter, the search.
pub fn base_condition(b: Backend, object: &ObjectDef, actor: &Actor, query: &ListQuery) -> Result<Cond> {
    let mut cond = Cond::all().add(Expr::col((object.table(), "deleted_at".to_owned())).is_null());
    if let Some(filter) = &query.filter {
        cond = cond.add(compile(&Scope { backend: b, object, actor }, filter)?);
    }
    if let Some(text) = query.q.as_deref() {
        let fields: Vec<&FieldDef> = object.searchable_fields().filter(|f| !f.hidden).collect();
        match crate::search::matches(b, object, &fields, text)? {
            Some(m) => cond = cond.add(m),
            None if !rapport_model::fold_tokens(text).is_empty() => cond = cond.add(Expr::cust("1 = 0")),
            None => {}
        }
    }
    Ok(cond)
}

/// Runs of keys with the same direction: `(a, b) > (x, y) OR ((a, b) = (x, y) AND
/// (c, id) < (z, w))`. With one direction, one row value.
fn after(active: &[(Expr, bool)], values: &[SimpleExpr]) -> SimpleExpr {
    let mut runs: Vec<(bool, Vec<usize>)> = Vec::new();
    for (i, (_, desc)) in active.iter().enumerate() {
        match runs.last_mut() {
            Some((d, idx)) if d == desc => idx.push(i),
            _ => runs.push((*desc, vec![i])),
        }
    }
    let tuple = |idx: &[usize], of_values: bool| -> SimpleExpr {
        let items: Vec<SimpleExpr> =
            idx.iter().map(|i| if of_values { values[*i].clone() } else { active[*i].0.clone() }).collect();
        if items.len() == 1 { items.into_iter().next().unwrap_or_else(|| Expr::cust("NULL")) } else { Expr::tuple(items) }
    };
    let mut any = Cond::any();
    for (n, (desc, idx)) in runs.iter().enumerate() {
        let mut all = Cond::all();
        for (_, prev) in &runs[..n] {
            all = all.add(tuple(prev, false).eq(tuple(prev, true)));
        }
        let (cols, vals) = (tuple(idx, false), tuple(idx, true));
        all = all.add(if *desc { cols.lt(vals) } else { cols.gt(vals) });
        any = any.add(all);
    }
    any.into()
}

/// One keyset page.
pub async fn list(conn: &Conn<'_>, actor: &Actor, object: &ObjectDef, query: &ListQuery) -> Result<Page> {
    let b = conn.backend();
    let limit = query.limit.clamp(1, MAX_LIMIT);
    let keys = resolve_keys(object, &query.sort)?;
    let segs = segments(&keys);
    let fp = fingerprint(query);
    let (start, mut from) = match query.cursor.as_deref().map(decode_cursor).transpose()? {
        Some(c) if c.f == fp && c.s < segs.len() => (c.s, Some(c.k)),
        Some(_) => return Err(StoreError::BadCursor),
        None => (0, None),
    };
    let base = base_condition(b, object, actor, query)?;
    let shape = Shape::of(object);
    let table = object.table();
    let id_desc = keys.last().is_some_and(|k| k.descending);
    let id_col = Column { name: "id".into(), logical: Logical::Uuid, role: rapport_model::ColumnRole::Value };
    let mut rows: Vec<(usize, Record, Vec<Cell>)> = Vec::new();
    for (s, seg) in segs.iter().enumerate().skip(start) {
        let want = u64::from(limit) + 1 - rows.len() as u64;
        let mut select = shape.select();
        select.cond_where(base.clone());
        let mut active: Vec<(&Column, bool)> = Vec::new();
        for (key, is_null) in keys.iter().zip(seg) {
            let e = Expr::col((table.clone(), key.column.name.clone()));
            if *is_null {
                select.and_where(e.is_null());
            } else {
                if key.nullable {
                    select.and_where(e.is_not_null());
                }
                active.push((&key.column, key.descending));
            }
        }
        active.push((&id_col, id_desc));
        if let Some(values) = from.take() {
            if values.len() != active.len() {
                return Err(StoreError::BadCursor);
            }
            let bound = active
                .iter()
                .zip(&values)
                .map(|((col, _), v)| bind(b, col.logical, &cell_from_json(v, col.logical)?))
                .collect::<Result<Vec<_>>>()?;
            let exprs: Vec<(Expr, bool)> =
                active.iter().map(|(col, d)| (Expr::col((table.clone(), col.name.clone())), *d)).collect();
            select.and_where(after(&exprs, &bound));
        }
        for (col, desc) in &active {
            select.order_by((table.clone(), col.name.clone()), if *desc { Order::Desc } else { Order::Asc });
        }
        select.limit(want);
        for row in conn.query(&select, &shape.kinds).await? {
            let key_cells: Vec<Cell> = active
                .iter()
                .map(|(col, _)| shape.columns.iter().position(|c| *c == col.name).map_or(Cell::Null, |i| row[i].clone()))
                .collect();
            rows.push((s, shape.decode(row)?, key_cells));
        }
        if rows.len() > limit as usize {
            break;
        }
    }
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if has_more {
        rows.last().map(|(s, _, cells)| encode_cursor(&Cursor { f: fp, s: *s, k: cells.iter().map(cell_to_json).collect() }))
    } else {
        None
    };
    let mut records: Vec<Record> = rows.into_iter().map(|(_, r, _)| r).collect();
    attach_contacts(conn, object, &mut records).await?;
    Ok(Page { records, next_cursor, has_more })
}

/// How many records match (without paging).
pub async fn count(conn: &Conn<'_>, actor: &Actor, object: &ObjectDef, query: &ListQuery) -> Result<i64> {
    let b = conn.backend();
    let mut select = sea_query::Query::select();
    select.expr(Expr::cust("COUNT(*)")).from(object.table()).cond_where(base_condition(b, object, actor, query)?);
    let rows = conn.query(&select, &[Logical::Integer]).await?;
    Ok(rows.first().and_then(|r| r.first()).and_then(Cell::as_i64).unwrap_or(0))
}
