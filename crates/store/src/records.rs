//! Records: create, read, update, soft delete, restore and purge. Each write is one
//! unit of work over [`Conn`], the same code on both databases: it reads what it
//! decides on (version, uniqueness, related records) and writes the row, its contact
//! points, its search row, its audit rows and its record event in the caller's
//! transaction.

use std::collections::BTreeMap;

use rapport_model::{
    Action, Actor, Changes, FieldDef, FieldError, Logical, ModelError, ObjectDef, Reason, Record, Value,
};
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::access;
use crate::audit::{self, Change};
use crate::columns::{decode, encode};
use crate::conn::{Backend, Cell, Conn, Row};
use crate::contacts;
use crate::ddl::unique_column;
use crate::error::{Result, StoreError};
use crate::record_events::{self, Kind, NewEvent};
use crate::rules::{self, Before, Ctx, WriteKind, Written};
use crate::search;
use crate::types::bind;

pub const SYSTEM_KINDS: [Logical; 10] = [
    Logical::Integer,
    Logical::Uuid,
    Logical::DateTime,
    Logical::DateTime,
    Logical::Uuid,
    Logical::Uuid,
    Logical::Uuid,
    Logical::Uuid,
    Logical::Integer,
    Logical::DateTime,
];

/// The columns a record is read with, and how to decode them.
pub struct Shape<'a> {
    pub object: &'a ObjectDef,
    /// Fields with columns, in column order.
    pub fields: Vec<&'a FieldDef>,
    /// How many columns each of `fields` has.
    widths: Vec<usize>,
    pub columns: Vec<String>,
    pub kinds: Vec<Logical>,
}

impl<'a> Shape<'a> {
    pub fn of(object: &'a ObjectDef) -> Self {
        let mut columns: Vec<String> = rapport_model::object::SYSTEM_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        let mut kinds = SYSTEM_KINDS.to_vec();
        let (mut fields, mut widths) = (Vec::new(), Vec::new());
        for field in object.stored_fields() {
            let cols = field.columns();
            if cols.is_empty() {
                continue;
            }
            fields.push(field);
            widths.push(cols.len());
            for c in cols {
                columns.push(c.name);
                kinds.push(c.logical);
            }
        }
        Shape { object, fields, widths, columns, kinds }
    }

    /// `SELECT <columns> FROM <table>` with every column qualified by the table.
    pub fn select(&self) -> SelectStatement {
        let table = self.object.table();
        let mut s = Query::select();
        for c in &self.columns {
            s.column((table.clone(), c.clone()));
        }
        s.from(table);
        s
    }

    pub fn decode(&self, mut row: Row) -> Result<Record> {
        let missing = || StoreError::Database("a record row lacks a system column".into());
        let split = SYSTEM_KINDS.len().min(row.len());
        let (system, mut rest) = row.split_at_mut(split);
        let cell = |i: usize| system.get(i).unwrap_or(&Cell::Null);
        let rid = cell(0).as_i64().ok_or_else(missing)?;
        let id = cell(1).as_uuid().ok_or_else(missing)?;
        let created_at = cell(2).as_datetime().ok_or_else(missing)?;
        let updated_at = cell(3).as_datetime().ok_or_else(missing)?;
        let (created_by, updated_by, owner_id, team_id) =
            (cell(4).as_uuid(), cell(5).as_uuid(), cell(6).as_uuid(), cell(7).as_uuid());
        let version = cell(8).as_i64().ok_or_else(missing)?;
        let deleted_at = cell(9).as_datetime();
        let mut values = BTreeMap::new();
        for (field, width) in self.fields.iter().zip(&self.widths) {
            let (own, after) = rest.split_at_mut((*width).min(rest.len()));
            rest = after;
            let value = decode(field, own)?;
            if !value.is_null() {
                values.insert(field.id.clone(), value);
            }
        }
        Ok(Record {
            rid,
            id,
            created_at,
            updated_at,
            created_by,
            updated_by,
            owner_id,
            team_id,
            version,
            deleted_at,
            values,
        })
    }
}

fn col(object: &ObjectDef, name: &str) -> Expr {
    Expr::col((object.table(), name.to_owned()))
}

pub(crate) fn has_contacts(object: &ObjectDef) -> bool {
    object.stored_fields().any(|f| f.kind.contact_kind().is_some())
}

/// Reads each record's contact points in the record's own statement: one JSON column
/// (of kind [`Logical::Json`]) after the shape's; see [`put_contacts`].
pub(crate) fn select_contacts(b: Backend, object: &ObjectDef, select: &mut SelectStatement) -> Result<()> {
    select.expr(contacts::of_row(b, &object.id, &object.table())?);
    Ok(())
}

/// Puts the contact points of [`select_contacts`]'s column into the record.
pub(crate) fn put_contacts(record: &mut Record, column: Option<Cell>) {
    for (field_id, points) in column.map(contacts::from_row).unwrap_or_default() {
        record.values.insert(field_id, Value::Contacts(points));
    }
}

/// Adds the contact points of each record (one query for all of them).
pub async fn attach_contacts(conn: &Conn<'_>, object: &ObjectDef, records: &mut [Record]) -> Result<()> {
    if !has_contacts(object) || records.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = records.iter().map(|r| r.id).collect();
    let mut map = contacts::load(conn, &object.id, &ids).await?;
    for record in records {
        if let Some(fields) = map.remove(&record.id) {
            for (field_id, points) in fields {
                record.values.insert(field_id, Value::Contacts(points));
            }
        }
    }
    Ok(())
}

/// Reads one record by id, if the actor may read it; soft-deleted records only when
/// asked for.
pub async fn get(
    conn: &Conn<'_>,
    actor: &Actor,
    object: &ObjectDef,
    id: Uuid,
    include_deleted: bool,
) -> Result<Option<Record>> {
    let b = conn.backend();
    let shape = Shape::of(object);
    let mut select = shape.select();
    let mut kinds = shape.kinds.clone();
    let with_contacts = has_contacts(object);
    if with_contacts {
        select_contacts(b, object, &mut select)?;
        kinds.push(Logical::Json);
    }
    select.and_where(col(object, "id").eq(bind(b, Logical::Uuid, &Cell::Uuid(id))?));
    if let Some(reach) = access::row_condition(b, object, actor, Action::Read)? {
        select.and_where(reach);
    }
    if !include_deleted {
        select.and_where(col(object, "deleted_at").is_null());
    }
    let Some(mut row) = conn.query_opt(&select, &kinds).await? else { return Ok(None) };
    let points = if with_contacts { row.pop() } else { None };
    let mut record = shape.decode(row)?;
    put_contacts(&mut record, points);
    Ok(Some(record))
}

/// Live records after `after_rid` in rowid order (for re-indexing in chunks).
pub async fn scan_live(conn: &Conn<'_>, object: &ObjectDef, after_rid: i64, limit: u64) -> Result<Vec<Record>> {
    let b = conn.backend();
    let shape = Shape::of(object);
    let mut select = shape.select();
    select
        .and_where(col(object, "rid").gt(bind(b, Logical::Integer, &Cell::Int(after_rid))?))
        .and_where(col(object, "deleted_at").is_null())
        .order_by((object.table(), "rid".to_owned()), Order::Asc)
        .limit(limit);
    let rows = conn.query(&select, &shape.kinds).await?;
    let mut records = rows.into_iter().map(|r| shape.decode(r)).collect::<Result<Vec<_>>>()?;
    attach_contacts(conn, object, &mut records).await?;
    Ok(records)
}

fn not_found(object: &ObjectDef, id: Uuid) -> StoreError {
    StoreError::NotFound { object: object.api_name.clone(), id }
}

/// Every unique field among the changes must not collide with another live record.
async fn check_unique(conn: &Conn<'_>, object: &ObjectDef, id: Uuid, values: &BTreeMap<String, Value>) -> Result<()> {
    for field in object.stored_fields().filter(|f| f.unique) {
        let Some(value) = values.get(&field.id).filter(|v| !v.is_null()) else { continue };
        if find_unique(conn, object, field, value, Some(id)).await?.is_some() {
            return Err(StoreError::duplicate(&field.api_name));
        }
    }
    Ok(())
}

/// The live record (other than `except`) that holds `value` in unique `field`.
pub async fn find_unique(
    conn: &Conn<'_>,
    object: &ObjectDef,
    field: &FieldDef,
    value: &Value,
    except: Option<Uuid>,
) -> Result<Option<Uuid>> {
    let b = conn.backend();
    let Some(column) = unique_column(field) else { return Ok(None) };
    let cells = encode(field, value)?;
    let (pos, logical) = field
        .columns()
        .iter()
        .enumerate()
        .find(|(_, c)| c.name == column)
        .map(|(i, c)| (i, c.logical))
        .ok_or_else(|| StoreError::Database("unique column missing".into()))?;
    let cell = cells.get(pos).cloned().unwrap_or(Cell::Null);
    let mut select = Query::select();
    select
        .column("id")
        .from(object.table())
        .and_where(Expr::col(column).eq(bind(b, logical, &cell)?))
        .and_where(Expr::col("deleted_at").is_null())
        .limit(1);
    if let Some(id) = except {
        select.and_where(Expr::col("id").ne(bind(b, Logical::Uuid, &Cell::Uuid(id))?));
    }
    Ok(conn.query(&select, &[Logical::Uuid]).await?.first().and_then(|r| r.first()).and_then(Cell::as_uuid))
}

/// Creates the record, or updates the live one that already holds the input's value
/// of unique `field` (which the input must give): in one unit, so two upserts of the
/// same value never make two records. An existing record the actor may not edit is
/// refused like a duplicate on create would be.
pub async fn upsert(ctx: Ctx<'_>, object: &ObjectDef, field: &FieldDef, changes: Changes) -> Result<(Record, bool)> {
    let conn = ctx.conn;
    let Some(value) = changes.values.get(&field.id).filter(|v| !v.is_null()).cloned() else {
        return Err(ModelError::invalid(&field.api_name, Reason::Required).into());
    };
    if let Some(id) = find_unique(conn, object, field, &value, None).await? {
        return update_existing(ctx, object, field, id, changes).await;
    }
    // Two upserts of one new value at once (PostgreSQL; SQLite's single writer never
    // runs two): the unique index makes the second insert wait for the first and then
    // refuse; its savepoint undoes the refusal, and the record the first made is
    // updated instead.
    let postgres = conn.backend() == Backend::Postgres;
    if postgres {
        conn.batch("SAVEPOINT rapport_upsert").await?;
    }
    match create(ctx, object, changes.clone()).await {
        Ok(record) => {
            if postgres {
                conn.batch("RELEASE SAVEPOINT rapport_upsert").await?;
            }
            Ok((record, true))
        }
        Err(e)
            if postgres
                && e.field_errors().iter().any(|f| f.field == field.api_name && f.reason == Reason::Duplicate) =>
        {
            conn.batch("ROLLBACK TO SAVEPOINT rapport_upsert").await?;
            match find_unique(conn, object, field, &value, None).await? {
                Some(id) => update_existing(ctx, object, field, id, changes).await,
                None => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// The update half of an upsert: the actor must be able to edit the record it found
/// (one it cannot even read is refused as the duplicate a create would have been).
async fn update_existing(
    ctx: Ctx<'_>,
    object: &ObjectDef,
    field: &FieldDef,
    id: Uuid,
    changes: Changes,
) -> Result<(Record, bool)> {
    let current = match require(ctx.conn, ctx.actor, object, id, Action::Edit).await {
        Ok(record) => record,
        Err(StoreError::NotFound { .. }) => return Err(StoreError::duplicate(&field.api_name)),
        Err(e) => return Err(e),
    };
    update(ctx, object, id, current.version, changes).await.map(|r| (r, false))
}

/// Related records named by relation fields must exist, be live and be readable by
/// the actor: one it may not read is as unknown as one that does not exist (so a
/// relation can neither probe for records nor point at what its writer cannot see).
async fn check_relations(
    conn: &Conn<'_>,
    actor: &Actor,
    object: &ObjectDef,
    values: &BTreeMap<String, Value>,
) -> Result<()> {
    let b = conn.backend();
    let mut errors = Vec::new();
    for field in object.stored_fields() {
        let Some(target) = field.kind.relation_target() else { continue };
        let Some(Value::Uuid(target_id)) = values.get(&field.id) else { continue };
        let table = format!("obj_{target}");
        let mut select = Query::select();
        select
            .column((table.clone(), "id".to_owned()))
            .from(table.clone())
            .and_where(Expr::col((table.clone(), "id".to_owned())).eq(bind(b, Logical::Uuid, &Cell::Uuid(*target_id))?))
            .and_where(Expr::col((table.clone(), "deleted_at".to_owned())).is_null());
        match access::rows_within(b, &table, target, actor, Action::Read)? {
            access::Rows::All => {}
            access::Rows::None => {
                errors.push(FieldError::new(&field.api_name, Reason::UnknownRecord));
                continue;
            }
            access::Rows::Only(condition) => {
                select.and_where(condition);
            }
        }
        if conn.query(&select, &[Logical::Uuid]).await?.is_empty() {
            errors.push(FieldError::new(&field.api_name, Reason::UnknownRecord));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ModelError::Invalid(errors).into()) }
}

/// A unique index refused the write (a concurrent insert won the race).
fn map_unique_violation(e: StoreError, object: &ObjectDef, values: &BTreeMap<String, Value>) -> StoreError {
    let StoreError::Database(message) = &e else { return e };
    if !(message.contains("UNIQUE constraint failed") || message.starts_with("23505")) {
        return e;
    }
    let table = object.table();
    // PostgreSQL names the index, SQLite the column (`table.column`, a list for several).
    let names_field = |f: &FieldDef| {
        let index = format!("\"{}\"", crate::ddl::index_name("ux", &table, &f.id));
        let column = unique_column(f).map(|c| format!("{table}.{c}"));
        message.contains(&index) || column.is_some_and(|c| message.ends_with(&c) || message.contains(&format!("{c},")))
    };
    object
        .stored_fields()
        .find(|f| f.unique && values.contains_key(&f.id) && names_field(f))
        .map_or(e.clone(), |f| StoreError::duplicate(&f.api_name))
}

fn values_json(values: &BTreeMap<String, Value>) -> Json {
    Json::Object(values.iter().map(|(k, v)| (k.clone(), v.to_json())).collect::<Map<_, _>>())
}

async fn write_contacts(conn: &Conn<'_>, object: &ObjectDef, id: Uuid, values: &BTreeMap<String, Value>) -> Result<()> {
    for field in object.stored_fields() {
        let Some(kind) = field.kind.contact_kind() else { continue };
        let points = match values.get(&field.id) {
            None => continue,
            Some(Value::Contacts(points)) => points.as_slice(),
            Some(_) => &[],
        };
        contacts::replace(conn, &object.id, id, &field.id, kind, points).await?;
    }
    Ok(())
}

fn touches_search(object: &ObjectDef, values: &BTreeMap<String, Value>) -> bool {
    object.searchable_fields().any(|f| values.contains_key(&f.id))
}

/// Validates new records, all of them: every problem is reported, each naming its
/// item (`3.email`), and nothing is returned unless every item is valid.
pub fn validate_items(
    object: &ObjectDef,
    inputs: &[Map<String, Json>],
    values: &rapport_model::ValueContext,
) -> Result<Vec<Changes>> {
    let mut all = Vec::with_capacity(inputs.len());
    let mut errors = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        match rapport_model::value::changes_from_json(object, input, rapport_model::Mode::Create, values) {
            Ok(changes) => all.push(changes),
            Err(ModelError::Invalid(found)) => {
                errors.extend(found.into_iter().map(|e| FieldError::new(format!("{i}.{}", e.field), e.reason)));
            }
            Err(other) => return Err(other.into()),
        }
    }
    if errors.is_empty() { Ok(all) } else { Err(ModelError::Invalid(errors).into()) }
}

/// Runs the rules' `before` hook of a write; a refusal names its field by API name.
async fn rules_before(ctx: Ctx<'_>, object: &ObjectDef, write: Before<'_>) -> Result<()> {
    if !ctx.rules.governs(object) {
        return Ok(());
    }
    ctx.rules.before(ctx, object, write).await.map_err(|e| rules::named(object, e))
}

/// Runs the rules' `after` hook of a write (its effects, in the same transaction).
async fn rules_after(ctx: Ctx<'_>, object: &ObjectDef, written: Written<'_>) -> Result<()> {
    if !ctx.rules.governs(object) {
        return Ok(());
    }
    ctx.rules.after(ctx, object, written).await
}

/// Creates a record from validated changes, after the object's rules checked them
/// (and maybe derived more), and runs their effects.
pub async fn create(ctx: Ctx<'_>, object: &ObjectDef, mut changes: Changes) -> Result<Record> {
    let (conn, actor) = (ctx.conn, ctx.actor);
    let b = conn.backend();
    let id = Uuid::now_v7();
    // The rights first: a rule's refusal must not tell what the actor may not create.
    let (owner, team) = access::assignment(actor, changes.owner_id, changes.team_id);
    access::check_create(actor, object, owner, team)?;
    rules_before(ctx, object, Before { kind: WriteKind::Create, changes: &mut changes, existing: None }).await?;
    // A rule may assign the record (lead routing): check the assignment it made.
    let (owner, team) = access::assignment(actor, changes.owner_id, changes.team_id);
    access::check_create(actor, object, owner, team)?;
    access::check_assignment(conn, changes.owner_id, changes.team_id).await?;
    check_unique(conn, object, id, &changes.values).await?;
    check_relations(conn, actor, object, &changes.values).await?;
    let now = crate::now();
    let opt_uuid = |u: Option<Uuid>| u.map_or(Cell::Null, Cell::Uuid);
    let mut columns =
        vec!["id", "created_at", "updated_at", "created_by", "updated_by", "owner_id", "team_id", "version"]
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
    let mut values = vec![
        bind(b, Logical::Uuid, &Cell::Uuid(id))?,
        bind(b, Logical::DateTime, &Cell::DateTime(now))?,
        bind(b, Logical::DateTime, &Cell::DateTime(now))?,
        bind(b, Logical::Uuid, &opt_uuid(actor.user_id()))?,
        bind(b, Logical::Uuid, &opt_uuid(actor.user_id()))?,
        bind(b, Logical::Uuid, &opt_uuid(owner))?,
        bind(b, Logical::Uuid, &opt_uuid(team))?,
        bind(b, Logical::Integer, &Cell::Int(1))?,
    ];
    for field in object.stored_fields() {
        let Some(value) = changes.values.get(&field.id) else { continue };
        for (c, cell) in field.columns().iter().zip(encode(field, value)?) {
            columns.push(c.name.clone());
            values.push(bind(b, c.logical, &cell)?);
        }
    }
    let insert = Query::insert()
        .into_table(object.table())
        .columns(columns)
        .values_panic(values)
        .returning_col("rid")
        .to_owned();
    let rows =
        conn.query(&insert, &[Logical::Integer]).await.map_err(|e| map_unique_violation(e, object, &changes.values))?;
    let rid = rows
        .first()
        .and_then(|r| r.first())
        .and_then(Cell::as_i64)
        .ok_or_else(|| StoreError::Database("insert returned no rowid".into()))?;
    write_contacts(conn, object, id, &changes.values).await?;
    search::index(conn, object, rid, &changes.values).await?;
    // The event is made from the values as the audit row has them.
    let values = values_json(&changes.values);
    let event =
        NewEvent { changes: record_events::created_changes(&values), ..NewEvent::bare(&object.id, id, Kind::Created) };
    let created = Change { action: audit::Action::Create, field_id: None, old: None, new: Some(values) };
    audit::write(conn, actor, &object.id, id, vec![created]).await?;
    record_events::append(conn, actor.user_id(), event).await?;
    let record = Record {
        rid,
        id,
        created_at: now,
        updated_at: now,
        created_by: actor.user_id(),
        updated_by: actor.user_id(),
        owner_id: owner,
        team_id: team,
        version: 1,
        deleted_at: None,
        values: changes.values.into_iter().filter(|(_, v)| !v.is_null()).collect(),
    };
    rules_after(ctx, object, Written { kind: WriteKind::Create, record: &record, previous: None }).await?;
    Ok(record)
}

/// What a change expects of the record it changes.
struct Expect {
    action: Action,
    version: Option<i64>,
    deleted: bool,
}

/// Reads a record for a change, locking its row on PostgreSQL, and checks that the
/// actor may make the change and the version the caller read. A record only read
/// (the far end of a timeline link) is locked for share: it must not be deleted
/// under the write, but activities logged side by side against one busy company
/// neither wait for each other nor deadlock.
async fn current_for_change(
    conn: &Conn<'_>,
    actor: &Actor,
    object: &ObjectDef,
    id: Uuid,
    expect: Expect,
) -> Result<Record> {
    let Expect { action, version: expected, deleted } = expect;
    let b = conn.backend();
    let shape = Shape::of(object);
    let mut select = shape.select();
    select.and_where(col(object, "id").eq(bind(b, Logical::Uuid, &Cell::Uuid(id))?));
    if b == Backend::Postgres {
        let lock = if action == Action::Read { sea_query::LockType::Share } else { sea_query::LockType::Update };
        select.lock(lock);
    }
    let row = conn.query_opt(&select, &shape.kinds).await?.ok_or_else(|| not_found(object, id))?;
    let mut records = vec![shape.decode(row)?];
    attach_contacts(conn, object, &mut records).await?;
    let record = records.pop().ok_or_else(|| not_found(object, id))?;
    if record.deleted_at.is_some() != deleted {
        return Err(not_found(object, id));
    }
    access::check_record(actor, object, action, &record)?;
    if let Some(expected) = expected.filter(|v| *v != record.version) {
        return Err(StoreError::Conflict { object: object.api_name.clone(), id, expected, actual: record.version });
    }
    Ok(record)
}

/// A live record that `action` may reach (an activity being linked, a record whose
/// timeline gets an entry).
pub async fn require(conn: &Conn<'_>, actor: &Actor, object: &ObjectDef, id: Uuid, action: Action) -> Result<Record> {
    current_for_change(conn, actor, object, id, Expect { action, version: None, deleted: false }).await
}

/// Applies a partial update read at `expected_version`. Only fields whose value
/// changes are written and audited.
pub async fn update(
    ctx: Ctx<'_>,
    object: &ObjectDef,
    id: Uuid,
    expected_version: i64,
    mut changes: Changes,
) -> Result<Record> {
    let (conn, actor) = (ctx.conn, ctx.actor);
    let b = conn.backend();
    let expect = Expect { action: Action::Edit, version: Some(expected_version), deleted: false };
    let mut record = current_for_change(conn, actor, object, id, expect).await?;
    let before = Before { kind: WriteKind::Update, changes: &mut changes, existing: Some(&record) };
    rules_before(ctx, object, before).await?;
    // The effects are told what the record was; kept only when a rule will ask.
    let previous = ctx.rules.governs(object).then(|| record.clone());
    let changed: BTreeMap<String, Value> = changes
        .values
        .into_iter()
        .filter(|(k, v)| record.get(k) != v && !(v.is_null() && record.get(k).is_null()))
        .collect();
    let owner_changed = changes.owner_id.filter(|o| *o != record.owner_id);
    let team_changed = changes.team_id.filter(|t| *t != record.team_id);
    if changed.is_empty() && owner_changed.is_none() && team_changed.is_none() {
        return Ok(record);
    }
    if owner_changed.is_some() || team_changed.is_some() {
        let owner = owner_changed.unwrap_or(record.owner_id);
        let team = team_changed.unwrap_or(record.team_id);
        access::check_assignable(actor, object, Action::Edit, owner, team)?;
    }
    access::check_assignment(conn, owner_changed, team_changed).await?;
    check_unique(conn, object, id, &changed).await?;
    check_relations(conn, actor, object, &changed).await?;
    let now = crate::now();
    let opt_uuid = |u: Option<Uuid>| u.map_or(Cell::Null, Cell::Uuid);
    let mut update = Query::update();
    update
        .table(object.table())
        .value("updated_at", bind(b, Logical::DateTime, &Cell::DateTime(now))?)
        .value("updated_by", bind(b, Logical::Uuid, &opt_uuid(actor.user_id()))?)
        .value("version", Expr::cust("\"version\" + 1"));
    let mut audit_rows = Vec::new();
    if let Some(owner) = owner_changed {
        update.value("owner_id", bind(b, Logical::Uuid, &opt_uuid(owner))?);
        audit_rows.push(system_change("owner_id", record.owner_id, owner));
    }
    if let Some(team) = team_changed {
        update.value("team_id", bind(b, Logical::Uuid, &opt_uuid(team))?);
        audit_rows.push(system_change("team_id", record.team_id, team));
    }
    for field in object.stored_fields() {
        let Some(value) = changed.get(&field.id) else { continue };
        for (c, cell) in field.columns().iter().zip(encode(field, value)?) {
            update.value(c.name.clone(), bind(b, c.logical, &cell)?);
        }
    }
    update
        .and_where(Expr::col("id").eq(bind(b, Logical::Uuid, &Cell::Uuid(id))?))
        .and_where(Expr::col("version").eq(bind(b, Logical::Integer, &Cell::Int(expected_version))?));
    let n = conn.execute(&update).await.map_err(|e| map_unique_violation(e, object, &changed))?;
    if n != 1 {
        return Err(StoreError::Conflict {
            object: object.api_name.clone(),
            id,
            expected: expected_version,
            actual: expected_version + 1,
        });
    }
    write_contacts(conn, object, id, &changed).await?;
    if let Some(when) = object.behaviour.when_field().filter(|w| object.is_activity && changed.contains_key(*w)) {
        let at = match changed.get(when) {
            Some(Value::DateTime(t)) => Some(*t),
            _ => None,
        };
        crate::timeline::follow_when(conn, &object.id, id, at, record.created_at).await?;
    }
    for (field_id, new) in &changed {
        let old = record.get(field_id);
        audit_rows.push(AuditRow {
            field_id: field_id.clone(),
            old: (!old.is_null()).then(|| old.to_json()),
            new: (!new.is_null()).then(|| new.to_json()),
        });
    }
    for (k, v) in changed.iter() {
        if v.is_null() {
            record.values.remove(k);
        } else {
            record.values.insert(k.clone(), v.clone());
        }
    }
    if touches_search(object, &changed) {
        search::index(conn, object, record.rid, &record.values).await?;
    }
    let entries = audit_rows
        .iter()
        .map(|r| Change {
            action: audit::Action::Update,
            field_id: Some(&r.field_id),
            old: r.old.clone(),
            new: r.new.clone(),
        })
        .collect();
    audit::write(conn, actor, &object.id, id, entries).await?;
    let event = NewEvent { changes: Some(event_changes(&audit_rows)), ..NewEvent::bare(&object.id, id, Kind::Updated) };
    record_events::append(conn, actor.user_id(), event).await?;
    record.version += 1;
    record.updated_at = now;
    record.updated_by = actor.user_id();
    if let Some(owner) = owner_changed {
        record.owner_id = owner;
    }
    if let Some(team) = team_changed {
        record.team_id = team;
    }
    let written = Written { kind: WriteKind::Update, record: &record, previous: previous.as_ref() };
    rules_after(ctx, object, written).await?;
    Ok(record)
}

struct AuditRow {
    field_id: String,
    old: Option<Json>,
    new: Option<Json>,
}

/// The changed fields of an update as its event has them, from its audit rows (the
/// values the update already holds: nothing is read again).
fn event_changes(rows: &[AuditRow]) -> Json {
    let changes = rows
        .iter()
        .map(|r| (r.field_id.clone(), record_events::field_change(r.old.clone(), r.new.clone())))
        .collect::<Map<_, _>>();
    Json::Object(changes)
}

fn system_change(column: &str, old: Option<Uuid>, new: Option<Uuid>) -> AuditRow {
    let json = |u: Option<Uuid>| u.map(|u| Json::String(u.to_string()));
    AuditRow { field_id: column.to_owned(), old: json(old), new: json(new) }
}

/// Sets or clears `deleted_at`, bumping the version.
async fn set_deleted(
    conn: &Conn<'_>,
    object: &ObjectDef,
    actor: &Actor,
    record: &mut Record,
    deleted: bool,
) -> Result<()> {
    let b = conn.backend();
    let now = crate::now();
    let deleted_at = if deleted { Cell::DateTime(now) } else { Cell::Null };
    let update = Query::update()
        .table(object.table())
        .value("deleted_at", bind(b, Logical::DateTime, &deleted_at)?)
        .value("updated_at", bind(b, Logical::DateTime, &Cell::DateTime(now))?)
        .value("updated_by", bind(b, Logical::Uuid, &actor.user_id().map_or(Cell::Null, Cell::Uuid))?)
        .value("version", Expr::cust("\"version\" + 1"))
        .and_where(Expr::col("id").eq(bind(b, Logical::Uuid, &Cell::Uuid(record.id))?))
        .to_owned();
    conn.execute(&update).await?;
    if object.is_activity {
        crate::timeline::set_live(conn, &object.id, record.id, !deleted).await?;
    }
    record.deleted_at = deleted.then_some(now);
    record.version += 1;
    record.updated_at = now;
    record.updated_by = actor.user_id();
    Ok(())
}

/// Soft delete: the record leaves lists and search but keeps its data.
pub async fn delete(ctx: Ctx<'_>, object: &ObjectDef, id: Uuid, expected_version: Option<i64>) -> Result<Record> {
    let (conn, actor) = (ctx.conn, ctx.actor);
    let expect = Expect { action: Action::Delete, version: expected_version, deleted: false };
    let mut record = current_for_change(conn, actor, object, id, expect).await?;
    let mut none = Changes::default();
    rules_before(ctx, object, Before { kind: WriteKind::Delete, changes: &mut none, existing: Some(&record) }).await?;
    set_deleted(conn, object, actor, &mut record, true).await?;
    search::remove(conn, object, record.rid).await?;
    let change = Change { action: audit::Action::Delete, field_id: None, old: None, new: None };
    audit::write(conn, actor, &object.id, id, vec![change]).await?;
    record_events::append(conn, actor.user_id(), NewEvent::bare(&object.id, id, Kind::Deleted)).await?;
    rules_after(ctx, object, Written { kind: WriteKind::Delete, record: &record, previous: None }).await?;
    Ok(record)
}

/// Brings a soft-deleted record back, unless a live record took one of its unique
/// values meanwhile.
pub async fn restore(ctx: Ctx<'_>, object: &ObjectDef, id: Uuid) -> Result<Record> {
    let (conn, actor) = (ctx.conn, ctx.actor);
    let expect = Expect { action: Action::Delete, version: None, deleted: true };
    let mut record = current_for_change(conn, actor, object, id, expect).await?;
    let mut none = Changes::default();
    rules_before(ctx, object, Before { kind: WriteKind::Restore, changes: &mut none, existing: Some(&record) }).await?;
    check_unique(conn, object, id, &record.values)
        .await
        .map_err(|e| access::without_hidden_fields(actor, object, e))?;
    set_deleted(conn, object, actor, &mut record, false).await?;
    search::index(conn, object, record.rid, &record.values).await?;
    let change = Change { action: audit::Action::Restore, field_id: None, old: None, new: None };
    audit::write(conn, actor, &object.id, id, vec![change]).await?;
    record_events::append(conn, actor.user_id(), NewEvent::bare(&object.id, id, Kind::Restored)).await?;
    rules_after(ctx, object, Written { kind: WriteKind::Restore, record: &record, previous: None }).await?;
    Ok(record)
}

/// Erases a soft-deleted record for good: its row, contact points, links and tags.
/// The audit log keeps that it existed and who purged it; a `purged` event tells the
/// readers of events to forget it too.
pub async fn purge(conn: &Conn<'_>, actor: &Actor, object: &ObjectDef, id: Uuid) -> Result<()> {
    let b = conn.backend();
    access::require_admin(actor, "purge")?;
    let expect = Expect { action: Action::Delete, version: None, deleted: true };
    let record = current_for_change(conn, actor, object, id, expect).await?;
    let id_cell = bind(b, Logical::Uuid, &Cell::Uuid(id))?;
    let object_cell = bind(b, Logical::Text, &Cell::Text(object.id.clone()))?;
    for (table, object_col, id_col) in [
        ("contact_points", "object_id", "record_id"),
        ("record_tags", "object_id", "record_id"),
        ("activity_links", "record_object", "record_id"),
        ("activity_links", "activity_object", "activity_id"),
    ] {
        let delete = Query::delete()
            .from_table(table)
            .and_where(Expr::col(object_col).eq(object_cell.clone()))
            .and_where(Expr::col(id_col).eq(id_cell.clone()))
            .to_owned();
        conn.execute(&delete).await?;
    }
    search::remove(conn, object, record.rid).await?;
    let delete = Query::delete().from_table(object.table()).and_where(Expr::col("id").eq(id_cell)).to_owned();
    conn.execute(&delete).await?;
    let change = Change { action: audit::Action::Purge, field_id: None, old: None, new: None };
    audit::write(conn, actor, &object.id, id, vec![change]).await?;
    record_events::append(conn, actor.user_id(), NewEvent::bare(&object.id, id, Kind::Purged)).await
}
