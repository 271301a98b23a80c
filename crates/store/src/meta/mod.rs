//! Metadata in the database: objects and fields as rows of `meta_objects` and
//! `meta_fields`, the DDL that goes with each change, and `meta_version`, which every
//! change bumps so that other processes reload their cached schema.

pub mod check;

use rapport_model::{FieldDef, Logical, ObjectDef, Schema};
use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::Value as Json;

use crate::conn::{Backend, Cell, Conn};
use crate::ddl;
use crate::error::{Result, StoreError};
use crate::types::to_sea;

fn sea(b: Backend, l: Logical, c: Cell) -> Result<sea_query::SimpleExpr> {
    Ok(to_sea(b, l, &c)?.into())
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Json> {
    serde_json::to_value(v).map_err(|e| StoreError::Database(e.to_string()))
}

/// The object's own definition, without its fields (they have rows of their own).
fn object_row_def(object: &ObjectDef) -> Result<Json> {
    let mut bare = object.clone();
    bare.fields.clear();
    to_json(&bare)
}

async fn set_lock_timeout(conn: &Conn<'_>) -> Result<()> {
    if conn.backend() == Backend::Postgres {
        // DDL waits for running queries on the table; never queue everyone behind it.
        conn.batch("SET LOCAL lock_timeout = '5s'").await?;
    }
    Ok(())
}

/// Creates an object's table, indexes and search table, and its metadata rows.
pub async fn create_object(conn: &Conn<'_>, object: &ObjectDef) -> Result<()> {
    let b = conn.backend();
    set_lock_timeout(conn).await?;
    for stmt in ddl::create_object(b, object) {
        conn.batch(&stmt).await?;
    }
    let position = next_object_position(conn).await?;
    let insert = Query::insert()
        .into_table("meta_objects")
        .columns(["id", "api_name", "position", "def", "created_at"])
        .values_panic([
            sea(b, Logical::Text, Cell::Text(object.id.clone()))?,
            sea(b, Logical::Text, Cell::Text(object.api_name.clone()))?,
            sea(b, Logical::Integer, Cell::Int(position))?,
            sea(b, Logical::Json, Cell::Json(object_row_def(object)?))?,
            sea(b, Logical::DateTime, Cell::DateTime(crate::now()))?,
        ])
        .to_owned();
    conn.execute(&insert).await?;
    for field in &object.fields {
        insert_field(conn, &object.id, field).await?;
    }
    bump_version(conn).await
}

async fn next_object_position(conn: &Conn<'_>) -> Result<i64> {
    let select = Query::select().expr(Expr::cust("COUNT(*)")).from("meta_objects").to_owned();
    let rows = conn.query(&select, &[Logical::Integer]).await?;
    Ok(rows.first().and_then(|r| r.first()).and_then(Cell::as_i64).unwrap_or(0))
}

async fn insert_field(conn: &Conn<'_>, object_id: &str, field: &FieldDef) -> Result<()> {
    let b = conn.backend();
    let insert = Query::insert()
        .into_table("meta_fields")
        .columns(["object_id", "id", "api_name", "position", "def"])
        .values_panic([
            sea(b, Logical::Text, Cell::Text(object_id.into()))?,
            sea(b, Logical::Text, Cell::Text(field.id.clone()))?,
            sea(b, Logical::Text, Cell::Text(field.api_name.clone()))?,
            sea(b, Logical::Integer, Cell::Int(i64::from(field.position)))?,
            sea(b, Logical::Json, Cell::Json(to_json(field)?))?,
        ])
        .to_owned();
    conn.execute(&insert).await?;
    Ok(())
}

/// Adds a field: its columns and indexes, its metadata row, and a search table that
/// includes it when it is searchable (re-indexing the object's rows).
pub async fn add_field(conn: &Conn<'_>, object: &ObjectDef, field: &FieldDef) -> Result<()> {
    set_lock_timeout(conn).await?;
    for stmt in ddl::add_field(conn.backend(), object, field) {
        conn.batch(&stmt).await?;
    }
    insert_field(conn, &object.id, field).await?;
    if field.searchable && field.kind.is_searchable() {
        let mut with_field = object.clone();
        with_field.fields.push(field.clone());
        crate::search::rebuild(conn, &with_field).await?;
    }
    bump_version(conn).await
}

/// Changes a field's metadata (label, API name, hidden, position, options). The SQL
/// column never changes.
pub async fn update_field(conn: &Conn<'_>, object_id: &str, field: &FieldDef) -> Result<()> {
    let b = conn.backend();
    let update = Query::update()
        .table("meta_fields")
        .value("api_name", sea(b, Logical::Text, Cell::Text(field.api_name.clone()))?)
        .value("position", sea(b, Logical::Integer, Cell::Int(i64::from(field.position)))?)
        .value("def", sea(b, Logical::Json, Cell::Json(to_json(field)?))?)
        .and_where(Expr::col("object_id").eq(sea(b, Logical::Text, Cell::Text(object_id.into()))?))
        .and_where(Expr::col("id").eq(sea(b, Logical::Text, Cell::Text(field.id.clone()))?))
        .to_owned();
    conn.execute(&update).await?;
    bump_version(conn).await
}

/// Whether any record of `object` (soft-deleted ones too: a restore brings them back)
/// holds `value` in the select or multi-select `field`: one indexed-or-scanned
/// `EXISTS` probe that stops at the first match.
pub async fn option_in_use(conn: &Conn<'_>, object: &ObjectDef, field: &FieldDef, value: &str) -> Result<bool> {
    let b = conn.backend();
    let column = format!("{}.{}", ddl::q(&object.table()), ddl::q(&field.id));
    let cell = [sea(b, Logical::Text, Cell::Text(value.to_owned()))?];
    let holds = match (&field.kind, b) {
        (rapport_model::FieldType::MultiSelect { .. }, Backend::Sqlite) => {
            Expr::cust_with_exprs(format!("EXISTS (SELECT 1 FROM json_each({column}) WHERE value = ?)"), cell)
        }
        (rapport_model::FieldType::MultiSelect { .. }, Backend::Postgres) => {
            Expr::cust_with_exprs(format!("{column} @> jsonb_build_array(CAST($1 AS text))"), cell)
        }
        _ => {
            let [cell] = cell;
            Expr::col(sea_query::Alias::new(field.id.clone())).eq(cell)
        }
    };
    let probe = Query::select()
        .column(sea_query::Alias::new("id"))
        .from(sea_query::Alias::new(object.table()))
        .and_where(holds)
        .limit(1)
        .to_owned();
    Ok(conn.query_opt(&probe, &[Logical::Uuid]).await?.is_some())
}

/// Changes an object's metadata (API name, labels, hidden): its table never changes.
pub async fn update_object(conn: &Conn<'_>, object: &ObjectDef) -> Result<()> {
    let b = conn.backend();
    let update = Query::update()
        .table("meta_objects")
        .value("api_name", sea(b, Logical::Text, Cell::Text(object.api_name.clone()))?)
        .value("def", sea(b, Logical::Json, Cell::Json(object_row_def(object)?))?)
        .and_where(Expr::col("id").eq(sea(b, Logical::Text, Cell::Text(object.id.clone()))?))
        .to_owned();
    conn.execute(&update).await?;
    bump_version(conn).await
}

/// Drops a hidden field's columns and metadata for good.
pub async fn purge_field(conn: &Conn<'_>, object: &ObjectDef, field: &FieldDef) -> Result<()> {
    let b = conn.backend();
    set_lock_timeout(conn).await?;
    for stmt in ddl::drop_field(object, field) {
        conn.batch(&stmt).await?;
    }
    let delete = Query::delete()
        .from_table("meta_fields")
        .and_where(Expr::col("object_id").eq(sea(b, Logical::Text, Cell::Text(object.id.clone()))?))
        .and_where(Expr::col("id").eq(sea(b, Logical::Text, Cell::Text(field.id.clone()))?))
        .to_owned();
    conn.execute(&delete).await?;
    let retire = Query::insert()
        .into_table("meta_retired_fields")
        .columns(["object_id", "field_id", "retired_at"])
        .values_panic([
            sea(b, Logical::Text, Cell::Text(object.id.clone()))?,
            sea(b, Logical::Text, Cell::Text(field.id.clone()))?,
            sea(b, Logical::DateTime, Cell::DateTime(crate::now()))?,
        ])
        .to_owned();
    conn.execute(&retire).await?;
    if field.searchable {
        let mut without = object.clone();
        without.fields.retain(|f| f.id != field.id);
        crate::search::rebuild(conn, &without).await?;
    }
    bump_version(conn).await
}

/// The ids of an object's purged fields: never used for a new field again (see
/// migration 3).
pub async fn retired_field_ids(conn: &Conn<'_>, object_id: &str) -> Result<Vec<String>> {
    let b = conn.backend();
    let select = Query::select()
        .column("field_id")
        .from("meta_retired_fields")
        .and_where(Expr::col("object_id").eq(sea(b, Logical::Text, Cell::Text(object_id.into()))?))
        .to_owned();
    let rows = conn.query(&select, &[Logical::Text]).await?;
    Ok(rows.into_iter().filter_map(|r| r.into_iter().next().and_then(Cell::into_text)).collect())
}

async fn bump_version(conn: &Conn<'_>) -> Result<()> {
    conn.batch("UPDATE meta_version SET version = version + 1 WHERE id = 1").await
}

pub async fn version(conn: &Conn<'_>) -> Result<i64> {
    let select = Query::select().column("version").from("meta_version").and_where(Expr::cust("id = 1")).to_owned();
    let rows = conn.query(&select, &[Logical::Integer]).await?;
    Ok(rows.first().and_then(|r| r.first()).and_then(Cell::as_i64).unwrap_or(0))
}

/// Takes the metadata lock for a schema change (PostgreSQL: the `meta_version` row, so
/// that changes run one at a time; SQLite's single writer already serialises them).
pub async fn lock(conn: &Conn<'_>) -> Result<()> {
    if conn.backend() == Backend::Postgres {
        conn.batch("SELECT version FROM meta_version WHERE id = 1 FOR UPDATE").await?;
    }
    Ok(())
}

/// Refuses a write validated against another metadata version than the current one.
pub async fn expect_version(conn: &Conn<'_>, expected: i64) -> Result<()> {
    if version(conn).await? == expected { Ok(()) } else { Err(StoreError::SchemaChanged) }
}

/// Reads every object and field.
pub async fn load_schema(conn: &Conn<'_>) -> Result<Schema> {
    let version = version(conn).await?;
    let objects = Query::select().columns(["def"]).from("meta_objects").order_by("position", Order::Asc).to_owned();
    let fields = Query::select()
        .columns(["object_id", "def"])
        .from("meta_fields")
        .order_by("object_id", Order::Asc)
        .order_by("position", Order::Asc)
        .order_by("id", Order::Asc)
        .to_owned();
    let object_rows = conn.query(&objects, &[Logical::Json]).await?;
    let field_rows = conn.query(&fields, &[Logical::Text, Logical::Json]).await?;
    let mut list = Vec::with_capacity(object_rows.len());
    for row in object_rows {
        let Some(Cell::Json(def)) = row.into_iter().next() else { continue };
        let object: ObjectDef =
            serde_json::from_value(def).map_err(|e| StoreError::Database(format!("meta_objects: {e}")))?;
        list.push(object);
    }
    let mut schema = Schema::new(list);
    for row in field_rows {
        let mut cells = row.into_iter();
        let (Some(Cell::Text(object_id)), Some(Cell::Json(def))) = (cells.next(), cells.next()) else { continue };
        let field: FieldDef =
            serde_json::from_value(def).map_err(|e| StoreError::Database(format!("meta_fields: {e}")))?;
        if let Some(object) = schema.objects.get_mut(&object_id) {
            std::sync::Arc::make_mut(object).fields.push(field);
        }
    }
    schema.version = version;
    Ok(schema)
}

/// Adds to each standard object's stored capabilities the parts a release introduced
/// (`paths`, dotted: `list`, `nav.icon`) that it lacks, from the standard definition.
/// A nested part is added only where its parent is still there: a capability an
/// administrator removed (the board of leads, say) stays removed.
pub async fn add_standard_behaviour(conn: &Conn<'_>, paths: &[&str]) -> Result<()> {
    let schema = load_schema(conn).await?;
    let to_json = |b: &rapport_model::behaviour::Behaviour| {
        serde_json::to_value(b).map_err(|e| StoreError::Database(format!("behaviour: {e}")))
    };
    for standard in rapport_model::standard::standard_objects() {
        let Some(stored) = schema.object(&standard.id).ok() else { continue };
        let (mut have, want) = (to_json(&stored.behaviour)?, to_json(&standard.behaviour)?);
        let mut changed = false;
        for path in paths {
            changed |= add_missing(&mut have, &want, path);
        }
        if changed {
            let mut object = stored.clone();
            object.behaviour =
                serde_json::from_value(have).map_err(|e| StoreError::Database(format!("behaviour: {e}")))?;
            update_object(conn, &object).await?;
        }
    }
    Ok(())
}

/// Copies `want`'s value at the dotted `path` into `have` when `have` has the parent
/// but not the value; whether it did.
pub fn add_missing(have: &mut Json, want: &Json, path: &str) -> bool {
    let (parent, key) = path.rsplit_once('.').map_or(("", path), |(p, k)| (p, k));
    let Some(value) = want.pointer(&pointer(path)) else { return false };
    let Some(Json::Object(into)) = have.pointer_mut(&pointer(parent)) else { return false };
    if into.contains_key(key) {
        return false;
    }
    into.insert(key.to_owned(), value.clone());
    true
}

fn pointer(path: &str) -> String {
    if path.is_empty() { String::new() } else { format!("/{}", path.replace('.', "/")) }
}

/// Gives the standard objects their capabilities (migration 9): the objects the
/// interface reads them from are the rows, so that an administrator may change them
/// like a custom object's.
pub async fn set_standard_behaviour(conn: &Conn<'_>) -> Result<()> {
    let schema = load_schema(conn).await?;
    for standard in rapport_model::standard::standard_objects() {
        let Some(stored) = schema.object(&standard.id).ok() else { continue };
        if stored.behaviour.is_empty() {
            let mut object = stored.clone();
            object.behaviour = standard.behaviour;
            update_object(conn, &object).await?;
        }
    }
    Ok(())
}
