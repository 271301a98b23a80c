//! Contact points: the emails, phones, web addresses and social profiles of a record
//! as child rows, each with label, primary, opt-out and invalid flags and a
//! normalised value that is indexed for look-ups and duplicate detection.

use std::collections::HashMap;

use rapport_model::{ContactKind, ContactPoint, Logical};
use sea_query::{Expr, ExprTrait, Order, Query, SimpleExpr};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::conn::{Backend, Cell, Conn};
use crate::error::Result;
use crate::types::to_sea;

fn v(b: Backend, l: Logical, c: Cell) -> Result<sea_query::SimpleExpr> {
    Ok(to_sea(b, l, &c)?.into())
}

/// Rows per INSERT: 12 values each, far under SQLite's 32,766 and PostgreSQL's
/// 65,535 bound parameters.
const POINTS_PER_STATEMENT: usize = 500;

/// Replaces the contact points of one field of a record.
pub async fn replace(
    conn: &Conn<'_>,
    object_id: &str,
    record_id: Uuid,
    field_id: &str,
    kind: ContactKind,
    points: &[ContactPoint],
) -> Result<()> {
    let b = conn.backend();
    let delete = Query::delete()
        .from_table("contact_points")
        .and_where(Expr::col("object_id").eq(v(b, Logical::Text, Cell::Text(object_id.into()))?))
        .and_where(Expr::col("record_id").eq(v(b, Logical::Uuid, Cell::Uuid(record_id))?))
        .and_where(Expr::col("field_id").eq(v(b, Logical::Text, Cell::Text(field_id.into()))?))
        .to_owned();
    conn.execute(&delete).await?;
    if points.is_empty() {
        return Ok(());
    }
    // A field holds at most MAX_CONTACT_POINTS (the model checks); chunks keep a
    // statement under both databases' bound-parameter limits all the same.
    for (chunk, part) in points.chunks(POINTS_PER_STATEMENT).enumerate() {
        let mut insert = Query::insert()
            .into_table("contact_points")
            .columns([
                "id",
                "object_id",
                "record_id",
                "field_id",
                "kind",
                "value",
                "normalized",
                "label",
                "is_primary",
                "opt_out",
                "invalid",
                "position",
            ])
            .to_owned();
        for (i, p) in part.iter().enumerate() {
            let position = i64::try_from(chunk * POINTS_PER_STATEMENT + i).unwrap_or(i64::MAX);
            insert.values_panic([
                v(b, Logical::Uuid, Cell::Uuid(Uuid::now_v7()))?,
                v(b, Logical::Text, Cell::Text(object_id.into()))?,
                v(b, Logical::Uuid, Cell::Uuid(record_id))?,
                v(b, Logical::Text, Cell::Text(field_id.into()))?,
                v(b, Logical::Text, Cell::Text(kind.as_str().into()))?,
                v(b, Logical::Text, Cell::Text(p.value.clone()))?,
                v(b, Logical::Text, Cell::Text(p.normalized.clone()))?,
                v(b, Logical::Text, p.label.clone().map_or(Cell::Null, Cell::Text))?,
                v(b, Logical::Boolean, Cell::Bool(p.primary))?,
                v(b, Logical::Boolean, Cell::Bool(p.opt_out))?,
                v(b, Logical::Boolean, Cell::Bool(p.invalid))?,
                v(b, Logical::Integer, Cell::Int(position))?,
            ]);
        }
        conn.execute(&insert).await?;
    }
    Ok(())
}

/// The columns of a contact point as [`of_row`] lists them.
const POINT_COLUMNS: &str = "cp.field_id, cp.value, cp.normalized, cp.label, cp.is_primary, cp.opt_out, cp.invalid";

/// One record's contact points as a column of the record's own row: a JSON array of
/// `[field_id, value, normalized, label, primary, opt_out, invalid]` in field and
/// position order (NULL without any), so that a get is one statement, not two.
pub fn of_row(b: Backend, object_id: &str, table: &str) -> Result<SimpleExpr> {
    let table = crate::ddl::q(table);
    let text = match b {
        Backend::Sqlite => format!(
            "(SELECT json_group_array(json_array({POINT_COLUMNS}) ORDER BY cp.field_id, cp.position) \
             FROM contact_points cp WHERE cp.object_id = ? AND cp.record_id = {table}.\"id\")"
        ),
        Backend::Postgres => format!(
            "(SELECT json_agg(json_build_array({POINT_COLUMNS}) ORDER BY cp.field_id, cp.position) \
             FROM contact_points cp WHERE cp.object_id = CAST($1 AS text) AND cp.record_id = {table}.\"id\")"
        ),
    };
    Ok(Expr::cust_with_values(text, [to_sea(b, Logical::Text, &Cell::Text(object_id.into()))?]))
}

/// The contact points of [`of_row`]'s column, by field.
pub fn from_row(column: Cell) -> HashMap<String, Vec<ContactPoint>> {
    let mut fields: HashMap<String, Vec<ContactPoint>> = HashMap::new();
    let Cell::Json(Json::Array(points)) = column else { return fields };
    // SQLite writes its booleans as 0 and 1.
    let flag = |v: &Json| v.as_bool().unwrap_or_else(|| v.as_i64() == Some(1));
    let text = |v: &Json| v.as_str().map(str::to_owned);
    for point in points {
        let Json::Array(p) = point else { continue };
        let [field_id, value, normalized, label, primary, opt_out, invalid] = p.as_slice() else { continue };
        let Some(field_id) = text(field_id) else { continue };
        fields.entry(field_id).or_default().push(ContactPoint {
            value: text(value).unwrap_or_default(),
            normalized: text(normalized).unwrap_or_default(),
            label: text(label),
            primary: flag(primary),
            opt_out: flag(opt_out),
            invalid: flag(invalid),
        });
    }
    fields
}

/// Contact points by record and field: one query for a whole page of records.
pub type ContactMap = HashMap<Uuid, HashMap<String, Vec<ContactPoint>>>;

pub async fn load(conn: &Conn<'_>, object_id: &str, record_ids: &[Uuid]) -> Result<ContactMap> {
    let mut map = ContactMap::new();
    if record_ids.is_empty() {
        return Ok(map);
    }
    let b = conn.backend();
    let ids = record_ids.iter().map(|id| v(b, Logical::Uuid, Cell::Uuid(*id))).collect::<Result<Vec<_>>>()?;
    let select = Query::select()
        .columns(["record_id", "field_id", "value", "normalized", "label", "is_primary", "opt_out", "invalid"])
        .from("contact_points")
        .and_where(Expr::col("object_id").eq(v(b, Logical::Text, Cell::Text(object_id.into()))?))
        .and_where(Expr::col("record_id").is_in(ids))
        .order_by("record_id", Order::Asc)
        .order_by("field_id", Order::Asc)
        .order_by("position", Order::Asc)
        .to_owned();
    let kinds = [
        Logical::Uuid,
        Logical::Text,
        Logical::Text,
        Logical::Text,
        Logical::Text,
        Logical::Boolean,
        Logical::Boolean,
        Logical::Boolean,
    ];
    for row in conn.query(&select, &kinds).await? {
        let mut c = row.into_iter();
        let mut next = || c.next().unwrap_or(Cell::Null);
        let (Some(record_id), Some(field_id)) = (next().as_uuid(), next().into_text()) else { continue };
        let flag = |cell: Cell| matches!(cell, Cell::Bool(true));
        let point = ContactPoint {
            value: next().into_text().unwrap_or_default(),
            normalized: next().into_text().unwrap_or_default(),
            label: next().into_text(),
            primary: flag(next()),
            opt_out: flag(next()),
            invalid: flag(next()),
        };
        map.entry(record_id).or_default().entry(field_id).or_default().push(point);
    }
    Ok(map)
}
