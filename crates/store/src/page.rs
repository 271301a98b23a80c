//! Keyset pages over any indexed sort keys (DESIGN §4). The id is always the last key,
//! in the direction of the last sort key. No OFFSET anywhere.
//!
//! A page is read as a short sequence of *parts*, each one statement whose predicate
//! is a conjunction: equalities (or `IS NULL`) on the leading keys, then either a row
//! value in one direction, `(k1, id) > ($1, $2)`, which both databases answer with an
//! index range scan, or one range (or NULL test) on the next key. NULLs never appear
//! in an `OR`: the rows where a nullable key is NULL are their own part, read after
//! (or before) the rows with a value among the rows that tie on the keys before it.
//! The cursor records the last row's keys, NULLs included, so it knows which part it
//! is in. A page runs at most `2 × keys + 1` statements, whatever its size.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rapport_model::ValueContext;
use rapport_model::filter::Filter;
use rapport_model::{Action, Actor, Column, FieldDef, Logical, ObjectDef, Record, SortKey};
use sea_query::{Cond, Expr, ExprTrait, NullOrdering, Order, SelectStatement, SimpleExpr};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::conn::{Backend, Cell, Conn, Sql, render};
use crate::error::{Result, StoreError};
use crate::filter::{Scope, compile, resolve_field};
use crate::records::{Shape, attach_contacts, has_contacts, put_contacts, select_contacts};
use crate::types::bind;

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

/// Where the next page starts: the last row's sort keys (`null` where it had none),
/// then its id.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cursor {
    /// Fingerprint of the object, sort, filter and search the cursor was made for.
    f: String,
    k: Vec<Json>,
}

/// A cursor read against the sort keys: each key's value (`None` for NULL) and the id.
struct Position {
    values: Vec<Option<Cell>>,
    id: Uuid,
}

fn resolve_keys(object: &ObjectDef, sort: &[SortKey]) -> Result<Vec<Key>> {
    sort.iter()
        .map(|k| {
            let field = resolve_field(object, &k.field)?;
            let sortable = field.sortable();
            let column = field
                .kind
                .sort_column(&field.id)
                .filter(|_| sortable)
                .ok_or_else(|| StoreError::NotSortable { field: k.field.clone() })?;
            Ok(Key { column, nullable: is_nullable(&field), descending: k.descending, nulls_first: k.nulls_first })
        })
        .collect()
}

/// Whether a list of `object` (the reader's view of it) can be sorted by `sort`: each
/// key a field there that has an index. Saved views are checked with it when they are
/// saved, by the rules their lists will apply.
pub fn check_sort(object: &ObjectDef, sort: &[SortKey]) -> Result<()> {
    resolve_keys(object, sort).map(|_| ())
}

fn is_nullable(field: &FieldDef) -> bool {
    !matches!(field.id.as_str(), "id" | "created_at" | "updated_at")
}

/// What a cursor is bound to: the object, the sort, the filter and the search.
fn fingerprint(object: &ObjectDef, query: &ListQuery) -> String {
    let sort = rapport_model::sort::print_sort(&query.sort);
    let filter = query.filter.as_ref().map(ToString::to_string).unwrap_or_default();
    let text = format!("{}|{sort}|{filter}|{}", object.id, query.q.as_deref().unwrap_or(""));
    // FNV-1a: a cheap check that a cursor is used with the list it came from.
    let hash = crate::ddl::fnv1a(&text);
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
        (Logical::DateTime, Json::Number(n)) => {
            Cell::DateTime(crate::types::from_micros(n.as_i64().ok_or_else(bad)?).map_err(|_| bad())?)
        }
        (Logical::Date, Json::String(s)) => Cell::Date(rapport_model::value::parse_date(s).ok_or_else(bad)?),
        (Logical::Decimal { scale, .. }, Json::String(s)) => {
            // Only a value the column can hold: SQLite binds it as scaled minor units.
            let d: rust_decimal::Decimal = s.parse().map_err(|_| bad())?;
            if d.scale() > u32::from(scale) || crate::types::scaled(d, u32::from(scale)).is_err() {
                return Err(bad());
            }
            Cell::Decimal(d)
        }
        _ => return Err(bad()),
    })
}

/// The cipher that seals cursors: XChaCha20-Poly1305 under a key derived from the
/// installation's cursor key. Derived with a label rather than used as is, so the
/// stored key keeps working for existing installations (no migration) and is never
/// used for two purposes.
fn cursor_cipher(key: &[u8]) -> Result<XChaCha20Poly1305> {
    use sha2::Digest;
    let derived = sha2::Sha256::new().chain_update(b"rapport list cursor v2\0").chain_update(key).finalize();
    XChaCha20Poly1305::new_from_slice(&derived)
        .map_err(|_| StoreError::Database("the cursor key cannot key the cursor cipher".into()))
}

/// Bytes of the random nonce at the head of a sealed cursor (XChaCha20's: random
/// nonces of this size never repeat in practice, so no counter has to be shared
/// between processes).
const NONCE_LEN: usize = 24;

/// `base64url(nonce ‖ ciphertext ‖ tag)`: the sort-key values of the last row (a
/// customer's name, a field the next reader may not see) are unreadable, and a cursor
/// a client changed, cut short or made is refused, never trusted.
fn encode_cursor(key: &[u8], c: &Cursor) -> Result<String> {
    let payload =
        serde_json::to_vec(c).map_err(|e| StoreError::Database(format!("a cursor cannot be written: {e}")))?;
    seal(key, &payload)
}

/// Only the form [`encode_cursor`] writes opens: serde would also read a struct from
/// a positional array (`["f", [keys]]`), which no server made.
fn decode_cursor(key: &[u8], text: &str) -> Result<Cursor> {
    let payload = open(key, text)?;
    match serde_json::from_slice::<Json>(&payload) {
        Ok(inside @ Json::Object(_)) => serde_json::from_value(inside).map_err(|_| StoreError::BadCursor),
        _ => Err(StoreError::BadCursor),
    }
}

fn seal(key: &[u8], payload: &[u8]) -> Result<String> {
    let nonce_bytes: [u8; NONCE_LEN] = rand::random();
    let nonce = XNonce::from(nonce_bytes);
    let sealed = cursor_cipher(key)?
        .encrypt(&nonce, payload)
        .map_err(|_| StoreError::Database("a cursor cannot be sealed".into()))?;
    let mut bytes = Vec::with_capacity(NONCE_LEN + sealed.len());
    bytes.extend_from_slice(&nonce_bytes);
    bytes.extend_from_slice(&sealed);
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn open(key: &[u8], text: &str) -> Result<Vec<u8>> {
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| StoreError::BadCursor)?;
    if bytes.len() < NONCE_LEN {
        return Err(StoreError::BadCursor);
    }
    let (nonce, sealed) = bytes.split_at(NONCE_LEN);
    let nonce = XNonce::try_from(nonce).map_err(|_| StoreError::BadCursor)?;
    // The tag is checked before anything is decrypted, in constant time.
    cursor_cipher(key)?.decrypt(&nonce, sealed).map_err(|_| StoreError::BadCursor)
}

/// The inside of a cursor as JSON (`{"f": fingerprint, "k": keys}`), or `BadCursor`:
/// for tests and the fuzz targets, which make and change cursors' insides.
#[doc(hidden)]
pub fn open_cursor(key: &[u8], text: &str) -> Result<Json> {
    let cursor = decode_cursor(key, text)?;
    serde_json::to_value(cursor).map_err(|_| StoreError::BadCursor)
}

/// A cursor sealed around any inside, for tests of what [`list`] does with insides
/// it did not make.
#[doc(hidden)]
pub fn seal_cursor(key: &[u8], inside: &Json) -> Result<String> {
    let payload = serde_json::to_vec(inside).map_err(|_| StoreError::BadCursor)?;
    seal(key, &payload)
}

/// A cursor for `query` over `object` (its fingerprint) whose keys are `keys`, sealed
/// under `key`: the fuzz target of cursor decoding reaches the typed checks behind the
/// seal with it, which no forged cursor can.
#[doc(hidden)]
pub fn seal_cursor_for(key: &[u8], object: &ObjectDef, query: &ListQuery, keys: Vec<Json>) -> Result<String> {
    encode_cursor(key, &Cursor { f: fingerprint(object, query), k: keys })
}

/// Who reads a list and why: `Read` for lists and counts, `Export` for exports.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    pub actor: &'a Actor,
    pub action: Action,
    /// The installation's key that seals cursors.
    pub cursor_key: &'a [u8],
}

/// The base condition of a list: live rows the reader may reach, the filter, the
/// search. `object` is the reader's view of the object, so filters and search see
/// only the fields the reader may read.
pub fn base_condition(
    b: Backend,
    object: &ObjectDef,
    reader: Reader<'_>,
    values: &ValueContext,
    query: &ListQuery,
) -> Result<Cond> {
    conditions(b, object, reader, values, query, Filtered::Planned, Searched::Words)
}

/// How a list's search text is put to the database.
#[derive(Clone, Copy)]
enum Searched<'a> {
    /// As the full-text index's matches, which the planner may join as it likes.
    Words,
    /// As the rowids the text matches, read beforehand because they were few.
    Among(&'a [i64]),
}

/// A page of a search that matches at most this many records is read from their
/// rowids (see [`crate::search::few_matches`]).
const FEW_MATCHES: usize = 1_000;

/// The fields a search text is looked for in: the searchable ones the reader sees.
fn searched_fields(object: &ObjectDef) -> Vec<&FieldDef> {
    object.searchable_fields().filter(|f| !f.hidden).collect()
}

/// How a list's filter is put to the database's planner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Filtered {
    /// As it is: the planner may read it through any index.
    Planned,
    /// Inside SQLite's unary `+`, which no index answers, so that the page is read
    /// along the sort key's index (see [`list`]).
    AlongTheSort,
}

fn conditions(
    b: Backend,
    object: &ObjectDef,
    reader: Reader<'_>,
    values: &ValueContext,
    query: &ListQuery,
    filtered: Filtered,
    searched: Searched<'_>,
) -> Result<Cond> {
    let actor = reader.actor;
    let mut cond = Cond::all().add(Expr::col((object.table(), "deleted_at".to_owned())).is_null());
    if let Some(reach) = crate::access::row_condition(b, object, actor, reader.action)? {
        cond = cond.add(reach);
    }
    if let Some(filter) = &query.filter {
        let compiled = compile(&Scope { backend: b, object, actor, values }, filter)?;
        cond = cond.add(match filtered {
            Filtered::Planned => compiled,
            // SQLite renders its placeholder, `?`, where the expression goes.
            Filtered::AlongTheSort => Expr::cust_with_expr("+(?)", compiled),
        });
    }
    if let Some(text) = query.q.as_deref() {
        let fields = searched_fields(object);
        let found = match (crate::search::address(b, object, &fields, text)?, searched) {
            (Some(address), _) => Some(address),
            (None, Searched::Among(rowids)) => Some(crate::search::among(b, object, rowids)?),
            (None, Searched::Words) => crate::search::matches(b, object, &fields, text)?,
        };
        match found {
            Some(m) => cond = cond.add(m),
            None if !rapport_model::fold_tokens(text).is_empty() => cond = cond.add(Expr::cust("1 = 0")),
            None => {}
        }
    }
    Ok(cond)
}

/// A list query resolved against its object: the sort keys, the page size, and the
/// position after which the page starts (none for the first page).
struct Plan {
    keys: Vec<Key>,
    fp: String,
    limit: u32,
    from: Option<Position>,
}

fn plan(object: &ObjectDef, query: &ListQuery, key: &[u8]) -> Result<Plan> {
    let limit = query.limit.clamp(1, MAX_LIMIT);
    let keys = resolve_keys(object, &query.sort)?;
    let fp = fingerprint(object, query);
    let from = match query.cursor.as_deref().map(|c| decode_cursor(key, c)).transpose()? {
        Some(c) if c.f == fp => Some(position(&keys, &c.k)?),
        Some(_) => return Err(StoreError::BadCursor),
        None => None,
    };
    Ok(Plan { keys, fp, limit, from })
}

/// The keys of a cursor, typed by the sort keys they belong to.
fn position(keys: &[Key], values: &[Json]) -> Result<Position> {
    let (id, values) = values.split_last().ok_or(StoreError::BadCursor)?;
    if values.len() != keys.len() {
        return Err(StoreError::BadCursor);
    }
    let values = keys
        .iter()
        .zip(values)
        .map(|(key, v)| match v {
            Json::Null if key.nullable => Ok(None),
            v => cell_from_json(v, key.column.logical).map(Some),
        })
        .collect::<Result<Vec<_>>>()?;
    let Cell::Uuid(id) = cell_from_json(id, Logical::Uuid)? else {
        return Err(StoreError::BadCursor);
    };
    Ok(Position { values, id })
}

/// One statement of a page: its conditions besides the base condition, the first key
/// it orders by (the keys before it are equal throughout the part), and whether that
/// key is known to hold a value in every row of the part.
#[derive(Clone)]
struct Part {
    conds: Vec<SimpleExpr>,
    order_from: usize,
    first_has_value: bool,
}

/// The parts after `from` (or of the whole list), in reading order. Each is a
/// conjunction without NULL tests in an `OR`; together they are the rows after `from`,
/// each exactly once.
fn parts(b: Backend, table: &str, keys: &[Key], from: Option<&Position>) -> Result<Vec<Part>> {
    let col = |k: &Key| Expr::col((table.to_owned(), k.column.name.clone()));
    let Some(pos) = from else {
        // The first page: a nullable first key splits the list in two.
        return Ok(match keys.first() {
            Some(k) if k.nullable => {
                let values = Part { conds: vec![col(k).is_not_null()], order_from: 0, first_has_value: true };
                let nulls = Part { conds: vec![col(k).is_null()], order_from: 1, first_has_value: false };
                if k.nulls_first { vec![nulls, values] } else { vec![values, nulls] }
            }
            _ => vec![Part { conds: Vec::new(), order_from: 0, first_has_value: true }],
        });
    };
    let n = keys.len();
    let id_desc = keys.last().is_some_and(|k| k.descending);
    let value = |i: usize| -> Result<Option<SimpleExpr>> {
        pos.values[i].as_ref().map(|c| bind(b, keys[i].column.logical, c)).transpose()
    };
    // Rows that tie with the cursor on the first `i` keys.
    let ties = |i: usize| -> Result<Vec<SimpleExpr>> {
        (0..i)
            .map(|j| {
                Ok(match value(j)? {
                    Some(v) => col(&keys[j]).eq(v),
                    None => col(&keys[j]).is_null(),
                })
            })
            .collect()
    };
    let beyond = |e: Expr, v: SimpleExpr, desc: bool| if desc { e.lt(v) } else { e.gt(v) };

    // The deepest keys that can be read together with the id as one row value: they
    // have values at the cursor and run in the id's direction, and all but the first
    // have no NULLs after the cursor (not nullable, or NULLs first).
    let mut j = n;
    while j > 0 {
        if j < n && keys[j].nullable && !keys[j].nulls_first {
            break;
        }
        if pos.values[j - 1].is_none() || keys[j - 1].descending != id_desc {
            break;
        }
        j -= 1;
    }
    let mut cols: Vec<SimpleExpr> = keys[j..].iter().map(&col).collect();
    cols.push(Expr::col((table.to_owned(), "id".to_owned())));
    let mut vals = (j..n).map(|i| value(i)?.ok_or(StoreError::BadCursor)).collect::<Result<Vec<_>>>()?;
    vals.push(bind(b, Logical::Uuid, &Cell::Uuid(pos.id))?);
    let row = |items: Vec<SimpleExpr>| match <[SimpleExpr; 1]>::try_from(items) {
        Ok([one]) => one,
        Err(items) => Expr::tuple(items),
    };
    let mut conds = ties(j)?;
    conds.push(beyond(row(cols), row(vals), id_desc));
    let mut out = vec![Part { conds, order_from: j, first_has_value: true }];
    let nulls_after = |k: &Key| k.nullable && !k.nulls_first;
    if j < n && nulls_after(&keys[j]) {
        let mut conds = ties(j)?;
        conds.push(col(&keys[j]).is_null());
        out.push(Part { conds, order_from: j + 1, first_has_value: false });
    }
    for m in (0..j).rev() {
        let k = &keys[m];
        match value(m)? {
            Some(v) => {
                let mut conds = ties(m)?;
                conds.push(beyond(col(k), v, k.descending));
                out.push(Part { conds, order_from: m, first_has_value: true });
                if nulls_after(k) {
                    let mut conds = ties(m)?;
                    conds.push(col(k).is_null());
                    out.push(Part { conds, order_from: m + 1, first_has_value: false });
                }
            }
            None if k.nulls_first => {
                let mut conds = ties(m)?;
                conds.push(col(k).is_not_null());
                out.push(Part { conds, order_from: m, first_has_value: true });
            }
            None => {}
        }
    }
    Ok(out)
}

/// The SELECT of one part, with the base condition, its order and its limit.
fn part_select(table: &str, shape: &Shape<'_>, base: &Cond, keys: &[Key], part: Part, want: u64) -> SelectStatement {
    let mut select = shape.select();
    select.cond_where(base.clone());
    for cond in part.conds {
        select.and_where(cond);
    }
    for (i, key) in keys.iter().enumerate().skip(part.order_from) {
        let column = (table.to_owned(), key.column.name.clone());
        let order = if key.descending { Order::Desc } else { Order::Asc };
        if !key.nullable || (i == part.order_from && part.first_has_value) {
            select.order_by(column, order);
        } else {
            let nulls = if key.nulls_first { NullOrdering::First } else { NullOrdering::Last };
            select.order_by_with_nulls(column, order, nulls);
        }
    }
    let id_desc = keys.last().is_some_and(|k| k.descending);
    select.order_by((table.to_owned(), "id".to_owned()), if id_desc { Order::Desc } else { Order::Asc });
    select.limit(want);
    select
}

/// How much SQLite may spend reading a page filtered only on selects and yes/no fields
/// along its sort key's index, in thousands of virtual-machine steps: a row looked at
/// costs about 11.5 steps (measured with a progress handler walking the name index of
/// 100,000 people), so about 87,000 rows, 10–25 ms on two cores. SQLite's planner does not weigh the page's
/// `LIMIT`: for `lead_source = ? ORDER BY name LIMIT 51` it reads every person of that
/// source through its index and sorts them all (an eighth of the table), where walking
/// the name index stops after 51 matches. Walking is right unless the values filtered
/// for are rare; when the walk runs over this budget the page is read again the
/// planner's way, which is then cheap because few rows match. PostgreSQL's planner
/// weighs the limit itself.
const ALONG_THE_SORT_BUDGET: u32 = 1000;

/// One keyset page.
pub async fn list(
    conn: &Conn<'_>,
    reader: Reader<'_>,
    values: &ValueContext,
    object: &ObjectDef,
    query: &ListQuery,
) -> Result<Page> {
    let b = conn.backend();
    let Plan { keys, fp, limit, from } = plan(object, query, reader.cursor_key)?;
    // A whole email address has an indexed look-up of its own (`search::address`).
    let fields = searched_fields(object);
    let few = match query.q.as_deref() {
        Some(text) if crate::search::address(b, object, &fields, text)?.is_none() => {
            crate::search::few_matches(conn, object, &fields, text, FEW_MATCHES).await?
        }
        _ => None,
    };
    let searched = few.as_deref().map_or(Searched::Words, Searched::Among);
    let base = conditions(b, object, reader, values, query, Filtered::Planned, searched)?;
    let along_the_sort = match &query.filter {
        Some(f) if b == Backend::Sqlite && crate::filter::only_enumerations(object, f) => {
            Some(conditions(b, object, reader, values, query, Filtered::AlongTheSort, searched)?)
        }
        _ => None,
    };
    let shape = Shape::of(object);
    let table = object.table();
    let positions: Vec<Option<usize>> = keys
        .iter()
        .map(|k| &k.column.name)
        .chain(std::iter::once(&"id".to_owned()))
        .map(|name| shape.columns.iter().position(|c| c == name))
        .collect();
    // PostgreSQL reads the page's contact points in the page's own statement (it
    // evaluates the column after the sort and limit, for the rows returned only):
    // one round trip to the server fewer. SQLite, in process, reads them for the whole
    // page in a statement of their own, because it would evaluate the column for every
    // row its sorter takes in.
    let inline_contacts = b == Backend::Postgres && has_contacts(object);
    let mut kinds = shape.kinds.clone();
    if inline_contacts {
        kinds.push(Logical::Json);
    }
    let select = |condition: &Cond, part: Part, want: u64| {
        let mut select = part_select(&table, &shape, condition, &keys, part, want);
        if inline_contacts {
            select_contacts(b, object, &mut select)?;
        }
        Ok::<_, StoreError>(select)
    };
    let mut rows: Vec<(Record, Vec<Cell>)> = Vec::new();
    for part in parts(b, &table, &keys, from.as_ref())? {
        let want = u64::from(limit) + 1 - rows.len() as u64;
        let fast = match &along_the_sort {
            Some(steered) => {
                conn.query_within(&select(steered, part.clone(), want)?, &kinds, ALONG_THE_SORT_BUDGET).await?
            }
            None => None,
        };
        let found = match fast {
            Some(found) => found,
            None => conn.query(&select(&base, part, want)?, &kinds).await?,
        };
        for mut row in found {
            let points = if inline_contacts { row.pop() } else { None };
            let key_cells: Vec<Cell> =
                positions.iter().map(|p| p.and_then(|i| row.get(i).cloned()).unwrap_or(Cell::Null)).collect();
            let mut record = shape.decode(row)?;
            put_contacts(&mut record, points);
            rows.push((record, key_cells));
        }
        if rows.len() > limit as usize {
            break;
        }
    }
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if has_more {
        let last = rows.last().map(|(_, cells)| Cursor { f: fp, k: cells.iter().map(cell_to_json).collect() });
        last.map(|c| encode_cursor(reader.cursor_key, &c)).transpose()?
    } else {
        None
    };
    let mut records: Vec<Record> = rows.into_iter().map(|(r, _)| r).collect();
    if !inline_contacts {
        attach_contacts(conn, object, &mut records).await?;
    }
    Ok(Page { records, next_cursor, has_more })
}

/// The first statement [`list`] runs for `query` on backend `b`, as SQL text with its
/// bound values: what `EXPLAIN` needs to show how a page is read (the keyset predicate
/// of a page after the first included).
pub fn first_statement(
    b: Backend,
    reader: Reader<'_>,
    values: &ValueContext,
    object: &ObjectDef,
    query: &ListQuery,
) -> Result<Sql> {
    let plan = plan(object, query, reader.cursor_key)?;
    let base = base_condition(b, object, reader, values, query)?;
    let shape = Shape::of(object);
    let table = object.table();
    let part = parts(b, &table, &plan.keys, plan.from.as_ref())?.into_iter().next().ok_or(StoreError::BadCursor)?;
    let select = part_select(&table, &shape, &base, &plan.keys, part, u64::from(plan.limit) + 1);
    Ok(render(b, &select))
}

/// How many records match (without paging).
pub async fn count(
    conn: &Conn<'_>,
    reader: Reader<'_>,
    values: &ValueContext,
    object: &ObjectDef,
    query: &ListQuery,
) -> Result<i64> {
    let b = conn.backend();
    let mut select = sea_query::Query::select();
    select
        .expr(Expr::cust("COUNT(*)"))
        .from(object.table())
        .cond_where(base_condition(b, object, reader, values, query)?);
    let rows = conn.query(&select, &[Logical::Integer]).await?;
    Ok(rows.first().and_then(|r| r.first()).and_then(Cell::as_i64).unwrap_or(0))
}

/// About how many records match, from the planner's statistics on PostgreSQL
/// (`EXPLAIN`, no rows read: constant time at any size, as exact as the last
/// `ANALYZE`); SQLite counts exactly (it has no row estimates, and a local count is
/// cheap next to a network round trip).
pub async fn estimate(
    conn: &Conn<'_>,
    reader: Reader<'_>,
    values: &ValueContext,
    object: &ObjectDef,
    query: &ListQuery,
) -> Result<i64> {
    let b = conn.backend();
    if b == Backend::Sqlite {
        return count(conn, reader, values, object, query).await;
    }
    let mut select = sea_query::Query::select();
    select.expr(Expr::cust("1")).from(object.table()).cond_where(base_condition(b, object, reader, values, query)?);
    let Sql { text, values: bound } = render(b, &select);
    let explain = Sql { text: format!("EXPLAIN (FORMAT JSON) {text}"), values: bound };
    let rows = conn.query_sql(&explain, &[Logical::Json]).await?;
    let plan = match rows.first().and_then(|r| r.first()) {
        Some(Cell::Json(plan)) => plan.clone(),
        Some(Cell::Text(text)) => serde_json::from_str(text).unwrap_or(Json::Null),
        _ => Json::Null,
    };
    let rows = plan.get(0).and_then(|p| p.get("Plan")).and_then(|p| p.get("Plan Rows")).and_then(Json::as_f64);
    Ok(rows.map_or(0, |n| n.round() as i64))
}
