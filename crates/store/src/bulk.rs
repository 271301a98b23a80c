//! Bulk creation for imports, seeding and restores (DESIGN §3, "Bulk work"): many
//! records of one object through the same validation as a single create, then written
//! set-wise — bounded chunks of multi-row INSERTs on SQLite, each chunk one unit on the
//! writer; `COPY … FROM STDIN (FORMAT binary)` on PostgreSQL, each chunk one
//! transaction. Contact points, search rows, one audit row and one record event per
//! record are written with the records, so lists, filters, search and the readers of
//! events see them at once.
//!
//! Everything that can be decided before writing is decided before writing: every
//! item is validated, relations are checked and unique values are checked (against the
//! database and within the call), and a call with any problem is refused whole, each
//! error naming the item (`3.emails.0`). What cannot be decided up front — a unique
//! value that a concurrent write takes meanwhile, or the database going away — fails
//! the chunk it happens in; the chunks before it stay written.
//!
//! Business rules (`rules`): the registry is asked once per call whether the object
//! has any. When it has none, nothing changes. When it has, every item goes through
//! the rules' `before` hook up front, with the other checks (so a refusal refuses the
//! whole call, naming its item, before anything is written, and derived values are
//! validated and indexed like given ones), and each record's `after` effects run in
//! its chunk's transaction.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rapport_model::{
    Actor, Changes, Column, ContactKind, ContactPoint, FieldDef, FieldError, Logical, ModelError, ObjectDef, Reason,
    Record, Schema, Value,
};
use sea_query::{Expr, ExprTrait, Query};
use sea_query_postgres::PostgresValue;
use serde_json::{Map, Value as Json};
use time::OffsetDateTime;
use tokio_postgres::types::{ToSql, Type};
use uuid::Uuid;

use crate::audit::Action;
use crate::columns::encode;
use crate::conn::{Backend, Cell, Conn, Sql};
use crate::ddl::{q, unique_column};
use crate::error::{Result, StoreError};
use crate::record_events::{self, EventRow, Kind, NewEvent};
use crate::rules::{self, Before, Ctx, RecordRules, WriteKind, Written};
use crate::search;
use crate::store::Store;
use crate::types::to_sea;

/// SQLite's limit on bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER).
const SQLITE_MAX_PARAMS: usize = 32_766;
/// Records per unit on the SQLite writer: small enough that single writes queued
/// behind a chunk wait tens of milliseconds, not seconds.
const SQLITE_CHUNK: usize = 1_000;
/// Records per PostgreSQL transaction: COPY gains little beyond a few thousand rows.
const PG_CHUNK: usize = 5_000;
/// Values per `IN (…)` list of the up-front checks.
pub(crate) const CHECK_CHUNK: usize = 500;

/// The system columns a bulk insert writes, after `rid` (which the database or the
/// caller assigns).
const SYSTEM: [(&str, Logical); 8] = [
    ("id", Logical::Uuid),
    ("created_at", Logical::DateTime),
    ("updated_at", Logical::DateTime),
    ("created_by", Logical::Uuid),
    ("updated_by", Logical::Uuid),
    ("owner_id", Logical::Uuid),
    ("team_id", Logical::Uuid),
    ("version", Logical::Integer),
];

const CONTACT_COLUMNS: [(&str, Logical); 12] = [
    ("id", Logical::Uuid),
    ("object_id", Logical::Text),
    ("record_id", Logical::Uuid),
    ("field_id", Logical::Text),
    ("kind", Logical::Text),
    ("value", Logical::Text),
    ("normalized", Logical::Text),
    ("label", Logical::Text),
    ("is_primary", Logical::Boolean),
    ("opt_out", Logical::Boolean),
    ("invalid", Logical::Boolean),
    ("position", Logical::Integer),
];

pub(crate) const AUDIT_COLUMNS: [(&str, Logical); 8] = [
    ("at", Logical::DateTime),
    ("actor_id", Logical::Uuid),
    ("object_id", Logical::Text),
    ("record_id", Logical::Uuid),
    ("action", Logical::Text),
    ("field_id", Logical::Text),
    ("old_value", Logical::Json),
    ("new_value", Logical::Json),
];

/// What every chunk of one call shares.
struct Plan {
    object: ObjectDef,
    /// Every column of the object's stored fields, in field order: each row carries
    /// all of them (NULL where the input has no value), so that one statement text
    /// serves every chunk.
    columns: Vec<Column>,
    /// The searchable field ids, in the order of `search::field_words`.
    search_fields: Vec<String>,
    actor: Actor,
    /// The rules of the object and the schema they run with; `None` when the object
    /// has no rules.
    rules: Option<(Arc<dyn RecordRules>, Arc<Schema>)>,
}

/// One record ready to write: everything but its rowid and timestamps.
struct Row {
    id: Uuid,
    owner: Option<Uuid>,
    team: Option<Uuid>,
    /// One cell per column of [`Plan::columns`].
    cells: Vec<Cell>,
    contacts: Vec<(String, ContactKind, Vec<ContactPoint>)>,
    /// SQLite: the folded words of each searchable field; PostgreSQL: one document.
    search: Vec<String>,
    /// The new values, as the create audit row records them.
    audit: Json,
    /// The values, kept only for the rules' effects (see [`Plan::rules`]).
    values: Option<BTreeMap<String, Value>>,
}

impl Store {
    /// Creates many records of one object; all are validated before any is written.
    /// Returns how many were written.
    pub async fn bulk_create(&self, actor: &Actor, object: &str, inputs: Vec<Map<String, Json>>) -> Result<usize> {
        Ok(self.bulk_create_ids(actor, object, inputs).await?.len())
    }

    /// [`Store::bulk_create`], returning the new records' ids in the order of
    /// `inputs` (for what is written with them next: their timeline links).
    pub async fn bulk_create_ids(
        &self,
        actor: &Actor,
        object: &str,
        inputs: Vec<Map<String, Json>>,
    ) -> Result<Vec<Uuid>> {
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        let schema = self.schema().await?;
        let object = schema.object_by_api(object)?.clone();
        let backend = self.backend();
        let (plan, rows, checks) = self.plan(actor, &object, schema, inputs).await?;
        let checker = actor.clone();
        let problems =
            self.inner.db.read(move |c| Box::pin(async move { check(c, &checker, &object, checks).await })).await?;
        if !problems.is_empty() {
            return Err(ModelError::Invalid(problems).into());
        }
        let plan = Arc::new(plan);
        let chunk = match backend {
            Backend::Sqlite => SQLITE_CHUNK,
            Backend::Postgres => PG_CHUNK,
        };
        let total = rows.len();
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let mut rows = rows.into_iter();
        let mut written = 0;
        loop {
            let part: Vec<Row> = rows.by_ref().take(chunk).collect();
            if part.is_empty() {
                break;
            }
            let n = part.len();
            let (unit_plan, first) = (Arc::clone(&plan), written);
            let outcome = self
                .inner
                .db
                .write(move |c| Box::pin(async move { write_chunk(c, &unit_plan, first, part).await }))
                .await;
            if let Err(e) = outcome {
                tracing::warn!(object = %plan.object.api_name, written, total, error = %e, "bulk create stopped part way");
                // The first `written` items are stored: say so, so the caller can resume
                // after them instead of writing them twice.
                return Err(if written == 0 {
                    e
                } else {
                    StoreError::PartlyWritten { written, total, cause: Box::new(e) }
                });
            }
            written += n;
        }
        Ok(ids)
    }

    /// Validates every item (collecting every error, each prefixed with the item's
    /// index), runs the object's rules on them when it has any, and prepares the rows.
    async fn plan(
        &self,
        actor: &Actor,
        object: &ObjectDef,
        schema: Arc<Schema>,
        inputs: Vec<Map<String, Json>>,
    ) -> Result<(Plan, Vec<Row>, Checks)> {
        let (backend, values) = (self.backend(), self.inner.values.clone());
        // One question per call: an object without rules keeps the set-wise path whole.
        let rules = self.inner.rules.governs(object).then(|| (Arc::clone(&self.inner.rules), schema));
        let (object, actor) = (object.clone(), actor.clone());
        // Validation parses every phone number and folds every text: thousands of
        // records are real CPU work, kept off the async runtime.
        match rules {
            None => {
                blocking(move || {
                    let all = crate::records::validate_items(&actor.view(&object), &inputs, &values)?;
                    prepare(backend, object, actor, all, None)
                })
                .await?
            }
            Some(rules) => {
                let (view_actor, view) = (actor.clone(), object.clone());
                let all = blocking(move || crate::records::validate_items(&view_actor.view(&view), &inputs, &values))
                    .await??;
                let all = self.rules_before(&actor, &object, &rules, all).await?;
                blocking(move || prepare(backend, object, actor, all, Some(rules))).await?
            }
        }
    }

    /// Runs the rules' `before` hook on every item, on one read connection, before
    /// anything is written: the first refusal refuses the call, naming its item.
    async fn rules_before(
        &self,
        actor: &Actor,
        object: &ObjectDef,
        rules: &(Arc<dyn RecordRules>, Arc<Schema>),
        all: Vec<Changes>,
    ) -> Result<Vec<Changes>> {
        let (actor, object) = (actor.clone(), object.clone());
        let (rules, schema) = (Arc::clone(&rules.0), Arc::clone(&rules.1));
        self.inner
            .db
            .read(move |c| {
                Box::pin(async move {
                    let ctx = Ctx { conn: c, actor: &actor, schema: &schema, rules: &*rules };
                    let mut out = Vec::with_capacity(all.len());
                    for (i, mut changes) in all.into_iter().enumerate() {
                        let write = Before { kind: WriteKind::Create, changes: &mut changes, existing: None };
                        rules.before(ctx, &object, write).await.map_err(|e| rules::named(&object, e).of_item(i))?;
                        out.push(changes);
                    }
                    Ok(out)
                })
            })
            .await
    }
}

/// Runs CPU work on a blocking thread.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(|e| StoreError::Database(format!("bulk validation stopped: {e}")))
}

/// What the up-front checks need from the items: relation targets and unique values.
/// An item's owner and team as its input named them.
struct Assignment {
    item: usize,
    owner: Option<Uuid>,
    team: Option<Uuid>,
}

struct Checks {
    /// (item index, field, target object id, target id).
    relations: Vec<(usize, FieldDef, String, Uuid)>,
    /// (item index, field, unique column, its logical type, the value's cell there).
    unique: Vec<(usize, FieldDef, String, Logical, Cell)>,
    /// Owners and teams named in the input: they must exist.
    assignments: Vec<Assignment>,
}

/// Prepares the rows of validated items and what must be checked before writing.
fn prepare(
    backend: Backend,
    object: ObjectDef,
    actor: Actor,
    all: Vec<Changes>,
    rules: Option<(Arc<dyn RecordRules>, Arc<Schema>)>,
) -> Result<(Plan, Vec<Row>, Checks)> {
    let columns: Vec<Column> = object.stored_fields().flat_map(|f| f.columns()).collect();
    let search_fields = object.searchable_fields().map(|f| f.id.clone()).collect();
    let mut checks = Checks { relations: Vec::new(), unique: Vec::new(), assignments: Vec::new() };
    let mut rows = Vec::with_capacity(all.len());
    for (i, changes) in all.into_iter().enumerate() {
        collect_checks(&object, i, &changes.values, &mut checks)?;
        if changes.owner_id.flatten().is_some() || changes.team_id.flatten().is_some() {
            checks.assignments.push(Assignment {
                item: i,
                owner: changes.owner_id.flatten(),
                team: changes.team_id.flatten(),
            });
        }
        rows.push(row(backend, &object, &actor, changes, rules.is_some())?);
    }
    Ok((Plan { object, columns, search_fields, actor, rules }, rows, checks))
}

fn collect_checks(object: &ObjectDef, i: usize, values: &BTreeMap<String, Value>, checks: &mut Checks) -> Result<()> {
    for field in object.stored_fields() {
        let Some(value) = values.get(&field.id).filter(|v| !v.is_null()) else {
            continue;
        };
        if let (Some(target), Value::Uuid(id)) = (field.kind.relation_target(), value) {
            checks.relations.push((i, field.clone(), target.to_owned(), *id));
        }
        if !field.unique {
            continue;
        }
        let Some(column) = unique_column(field) else {
            continue;
        };
        let Some((pos, logical)) =
            field.columns().iter().enumerate().find(|(_, c)| c.name == column).map(|(p, c)| (p, c.logical))
        else {
            continue;
        };
        let cell = encode(field, value)?.get(pos).cloned().unwrap_or(Cell::Null);
        checks.unique.push((i, field.clone(), column, logical, cell));
    }
    Ok(())
}

/// The owner, team and stamps follow `records::create`: the actor owns what it
/// creates unless the input says otherwise.
fn row(backend: Backend, object: &ObjectDef, actor: &Actor, changes: Changes, keep_values: bool) -> Result<Row> {
    let (owner, team) = crate::access::assignment(actor, changes.owner_id, changes.team_id);
    crate::access::check_create(actor, object, owner, team)?;
    let mut cells = Vec::new();
    let mut contacts = Vec::new();
    for field in object.stored_fields() {
        let cols = field.columns();
        match changes.values.get(&field.id) {
            None => cells.extend(cols.iter().map(|_| Cell::Null)),
            Some(value) => {
                let encoded = encode(field, value)?;
                if encoded.len() != cols.len() {
                    return Err(StoreError::Database(format!(
                        "field {} encodes to the wrong number of columns",
                        field.id
                    )));
                }
                cells.extend(encoded);
            }
        }
        if let (Some(kind), Some(Value::Contacts(points))) = (field.kind.contact_kind(), changes.values.get(&field.id))
            && !points.is_empty()
        {
            contacts.push((field.id.clone(), kind, points.clone()));
        }
    }
    let words = search::field_words(object, &changes.values);
    let search = match backend {
        Backend::Sqlite => words.iter().map(|(_, w)| w.join(" ")).collect(),
        Backend::Postgres => vec![search::pg_lexemes(&words)],
    };
    let audit = Json::Object(changes.values.iter().map(|(k, v)| (k.clone(), v.to_json())).collect());
    let values = keep_values.then_some(changes.values);
    Ok(Row { id: Uuid::now_v7(), owner, team, cells, contacts, search, audit, values })
}

/// Relation targets must exist and be live; unique values must be free in the
/// database and used once in the call.
/// Owners must be active users and teams must exist (as `access::check_assignment`
/// checks one record), looked up once per distinct id.
async fn check_assignments(conn: &Conn<'_>, items: &[Assignment]) -> Result<Vec<FieldError>> {
    let owners: HashSet<Uuid> = items.iter().filter_map(|a| a.owner).collect();
    let teams: HashSet<Uuid> = items.iter().filter_map(|a| a.team).collect();
    let owners = owners.into_iter().collect::<Vec<_>>();
    let teams = teams.into_iter().collect::<Vec<_>>();
    let users: HashSet<Uuid> = crate::users::users_exist_active(conn, &owners).await?.into_iter().collect();
    let teams: HashSet<Uuid> = crate::users::teams_exist(conn, &teams).await?.into_iter().collect();
    let mut errors = Vec::new();
    for Assignment { item, owner, team } in items {
        if owner.is_some_and(|o| !users.contains(&o)) {
            errors.push(FieldError::new(format!("{item}.owner"), Reason::UnknownRecord));
        }
        if team.is_some_and(|t| !teams.contains(&t)) {
            errors.push(FieldError::new(format!("{item}.team"), Reason::UnknownRecord));
        }
    }
    Ok(errors)
}

async fn check(conn: &Conn<'_>, actor: &Actor, object: &ObjectDef, checks: Checks) -> Result<Vec<FieldError>> {
    let b = conn.backend();
    let mut errors = Vec::new();

    let mut targets: BTreeMap<String, HashSet<Uuid>> = BTreeMap::new();
    for (_, _, target, id) in &checks.relations {
        targets.entry(target.clone()).or_default().insert(*id);
    }
    let mut live: HashSet<(String, Uuid)> = HashSet::new();
    for (target, ids) in targets {
        // As for one record: a target the actor may not read is unknown.
        let table = format!("obj_{target}");
        let ids: Vec<Uuid> = ids.into_iter().collect();
        for id in live_within(conn, actor, (&table, &target), rapport_model::Action::Read, &ids).await? {
            live.insert((target.clone(), id));
        }
    }
    for (i, field, target, id) in &checks.relations {
        if !live.contains(&(target.clone(), *id)) {
            errors.push(FieldError::new(format!("{i}.{}", field.api_name), Reason::UnknownRecord));
        }
    }

    errors.extend(check_assignments(conn, &checks.assignments).await?);

    // A cell's debug form is its identity here: the same value encodes the same way.
    let key = |cell: &Cell| format!("{cell:?}");
    let mut by_column: BTreeMap<String, (Logical, Vec<Cell>)> = BTreeMap::new();
    let mut first_use: HashMap<(String, String), usize> = HashMap::new();
    for (i, field, column, logical, cell) in &checks.unique {
        if first_use.insert((column.clone(), key(cell)), *i).is_some() {
            errors.push(FieldError::new(format!("{i}.{}", field.api_name), Reason::Duplicate));
        }
        by_column.entry(column.clone()).or_insert_with(|| (*logical, Vec::new())).1.push(cell.clone());
    }
    let mut taken: HashSet<(String, String)> = HashSet::new();
    for (column, (logical, cells)) in by_column {
        for part in cells.chunks(CHECK_CHUNK) {
            let list = part.iter().map(|c| to_sea(b, logical, c)).collect::<Result<Vec<_>>>()?;
            let select = Query::select()
                .column(column.clone())
                .from(object.table())
                .and_where(Expr::col(column.clone()).is_in(list))
                .and_where(Expr::col("deleted_at").is_null())
                .to_owned();
            for found in conn.query(&select, &[logical]).await? {
                if let Some(cell) = found.first() {
                    taken.insert((column.clone(), key(cell)));
                }
            }
        }
    }
    for (i, field, column, _, cell) in &checks.unique {
        if taken.contains(&(column.clone(), key(cell))) {
            errors.push(FieldError::new(format!("{i}.{}", field.api_name), Reason::Duplicate));
        }
    }
    errors.sort_by_key(|e| e.field.split('.').next().and_then(|i| i.parse::<usize>().ok()).unwrap_or(usize::MAX));
    Ok(errors)
}

/// Which of `ids` are live records of the object (`table`, `object_id`) that `actor`
/// may act on as `action`, looked up [`CHECK_CHUNK`] at a time.
pub(crate) async fn live_within(
    conn: &Conn<'_>,
    actor: &Actor,
    (table, object_id): (&str, &str),
    action: rapport_model::Action,
    ids: &[Uuid],
) -> Result<HashSet<Uuid>> {
    let b = conn.backend();
    let reach = match crate::access::rows_within(b, table, object_id, actor, action)? {
        crate::access::Rows::None => return Ok(HashSet::new()),
        crate::access::Rows::All => None,
        crate::access::Rows::Only(condition) => Some(condition),
    };
    let column = |name: &str| Expr::col((table.to_owned(), name.to_owned()));
    let mut live = HashSet::new();
    for part in ids.chunks(CHECK_CHUNK) {
        let list = part.iter().map(|id| to_sea(b, Logical::Uuid, &Cell::Uuid(*id))).collect::<Result<Vec<_>>>()?;
        let mut select = Query::select();
        select
            .column((table.to_owned(), "id".to_owned()))
            .from(table.to_owned())
            .and_where(column("id").is_in(list))
            .and_where(column("deleted_at").is_null());
        if let Some(condition) = &reach {
            select.and_where(condition.clone());
        }
        live.extend(conn.query(&select, &[Logical::Uuid]).await?.iter().filter_map(|r| r.first()?.as_uuid()));
    }
    Ok(live)
}

/// Appends `rows` (one cell per column of `columns`) to `table` in the unit's
/// transaction: multi-row INSERTs on SQLite, a binary COPY on PostgreSQL.
pub(crate) async fn append_rows(
    conn: &Conn<'_>,
    table: &str,
    columns: &[(&str, Logical)],
    rows: Vec<Vec<Cell>>,
) -> Result<()> {
    match conn {
        Conn::Sqlite(_) => {
            let head = format!("INSERT INTO {} ({})", q(table), column_list(columns.iter().map(|(n, _)| *n)));
            let kinds: Vec<Logical> = columns.iter().map(|(_, l)| *l).collect();
            sqlite_insert(conn, &head, &kinds, rows, None).await.map(|_| ())
        }
        Conn::PgTx(tx) => pg_copy(tx, table, columns, rows).await,
        Conn::PgClient(_) => Err(StoreError::Database("a bulk write needs a transaction".into())),
    }
}

/// Writes one chunk, whose first row is item `first` of the call, with its rules'
/// effects: a refusal of an effect names its item and rolls the chunk back.
async fn write_chunk(conn: &Conn<'_>, plan: &Plan, first: usize, rows: Vec<Row>) -> Result<()> {
    let now = crate::now();
    let rids = match conn {
        Conn::Sqlite(_) => write_sqlite(conn, plan, &rows, now).await?,
        Conn::PgTx(tx) => write_postgres(tx, plan, &rows, now).await?,
        Conn::PgClient(_) => return Err(StoreError::Database("a bulk write needs a transaction".into())),
    };
    if let Some((rules, schema)) = &plan.rules {
        let ctx = Ctx { conn, actor: &plan.actor, schema, rules: &**rules };
        for (i, (row, rid)) in rows.into_iter().zip(rids).enumerate() {
            let record = written_record(plan, row, rid, now);
            let written = Written { kind: WriteKind::Create, record: &record, previous: None };
            rules
                .after(ctx, &plan.object, written)
                .await
                .map_err(|e| rules::named(&plan.object, e).of_item(first + i))?;
        }
    }
    Ok(())
}

/// A written row as the record the rules' effects are told of.
fn written_record(plan: &Plan, row: Row, rid: i64, now: OffsetDateTime) -> Record {
    let values = row.values.unwrap_or_default().into_iter().filter(|(_, v)| !v.is_null()).collect();
    Record {
        rid,
        id: row.id,
        created_at: now,
        updated_at: now,
        created_by: plan.actor.user_id(),
        updated_by: plan.actor.user_id(),
        owner_id: row.owner,
        team_id: row.team,
        version: 1,
        deleted_at: None,
        values,
    }
}

/// The cells of a row's system columns (after `rid`), in the order of [`SYSTEM`].
fn system_cells(plan: &Plan, row: &Row, now: OffsetDateTime) -> [Cell; 8] {
    let opt = |u: Option<Uuid>| u.map_or(Cell::Null, Cell::Uuid);
    [
        Cell::Uuid(row.id),
        Cell::DateTime(now),
        Cell::DateTime(now),
        opt(plan.actor.user_id()),
        opt(plan.actor.user_id()),
        opt(row.owner),
        opt(row.team),
        Cell::Int(1),
    ]
}

/// Each contact point of a chunk as the cells of [`CONTACT_COLUMNS`].
fn contact_rows<'a>(plan: &'a Plan, rows: &'a [Row]) -> impl Iterator<Item = [Cell; 12]> + 'a {
    rows.iter().flat_map(move |row| {
        row.contacts.iter().flat_map(move |(field_id, kind, points)| {
            points.iter().enumerate().map(move |(i, p)| {
                [
                    Cell::Uuid(Uuid::now_v7()),
                    Cell::Text(plan.object.id.clone()),
                    Cell::Uuid(row.id),
                    Cell::Text(field_id.clone()),
                    Cell::Text(kind.as_str().into()),
                    Cell::Text(p.value.clone()),
                    Cell::Text(p.normalized.clone()),
                    p.label.clone().map_or(Cell::Null, Cell::Text),
                    Cell::Bool(p.primary),
                    Cell::Bool(p.opt_out),
                    Cell::Bool(p.invalid),
                    Cell::Int(i64::try_from(i).unwrap_or(i64::MAX)),
                ]
            })
        })
    })
}

/// The create audit row of each record, as the cells of [`AUDIT_COLUMNS`].
fn audit_rows<'a>(plan: &'a Plan, rows: &'a [Row], now: OffsetDateTime) -> impl Iterator<Item = [Cell; 8]> + 'a {
    rows.iter().map(move |row| {
        [
            Cell::DateTime(now),
            plan.actor.user_id().map_or(Cell::Null, Cell::Uuid),
            Cell::Text(plan.object.id.clone()),
            Cell::Uuid(row.id),
            Cell::Text(Action::Create.as_str().into()),
            Cell::Null,
            Cell::Null,
            Cell::Json(row.audit.clone()),
        ]
    })
}

/// The `created` event of each record, as the cells of
/// [`EventRow::written_columns`]: made from what the audit row holds.
fn event_rows<'a>(plan: &'a Plan, rows: &'a [Row], now: OffsetDateTime) -> impl Iterator<Item = Vec<Cell>> + 'a {
    rows.iter().map(move |row| {
        let event = NewEvent {
            changes: record_events::created_changes(&row.audit),
            ..NewEvent::bare(&plan.object.id, row.id, Kind::Created)
        };
        event.row(plan.actor.user_id(), now).written_cells()
    })
}

pub(crate) fn column_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(q).collect::<Vec<_>>().join(", ")
}

/// Multi-row INSERTs of `rows` (each `kinds.len()` cells wide), as many rows per
/// statement as SQLite's parameter limit allows; returns the rows of `returning`.
pub(crate) async fn sqlite_insert(
    conn: &Conn<'_>,
    head: &str,
    kinds: &[Logical],
    rows: Vec<Vec<Cell>>,
    returning: Option<(&str, &[Logical])>,
) -> Result<Vec<crate::conn::Row>> {
    let width = kinds.len().max(1);
    let per_statement = (SQLITE_MAX_PARAMS / width).max(1);
    let tuple = format!("({})", vec!["?"; width].join(", "));
    let mut out = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut values = Vec::new();
        let mut n = 0;
        for cells in rows.by_ref().take(per_statement) {
            for (kind, cell) in kinds.iter().zip(&cells) {
                values.push(to_sea(Backend::Sqlite, *kind, cell)?);
            }
            n += 1;
        }
        let tuples = vec![tuple.as_str(); n].join(", ");
        let tail = returning.map(|(r, _)| format!(" RETURNING {r}")).unwrap_or_default();
        let sql = Sql { text: format!("{head} VALUES {tuples}{tail}"), values: sea_query::Values(values) };
        match returning {
            Some((_, kinds)) => out.extend(conn.query_sql(&sql, kinds).await?),
            None => {
                conn.execute_sql(&sql).await?;
            }
        }
    }
    Ok(out)
}

/// Returns the rowids, in the order of `rows`.
async fn write_sqlite(conn: &Conn<'_>, plan: &Plan, rows: &[Row], now: OffsetDateTime) -> Result<Vec<i64>> {
    let object = &plan.object;
    let names = SYSTEM.iter().map(|(n, _)| *n).chain(plan.columns.iter().map(|c| c.name.as_str()));
    let kinds: Vec<Logical> = SYSTEM.iter().map(|(_, l)| *l).chain(plan.columns.iter().map(|c| c.logical)).collect();
    let head = format!("INSERT INTO {} ({})", q(&object.table()), column_list(names));
    let records = rows
        .iter()
        .map(|row| system_cells(plan, row, now).into_iter().chain(row.cells.iter().cloned()).collect())
        .collect();
    // SQLite returns the rows of a multi-row RETURNING in no promised order: match
    // them by id.
    let returned =
        sqlite_insert(conn, &head, &kinds, records, Some(("\"rid\", \"id\"", &[Logical::Integer, Logical::Uuid])))
            .await?;
    let rids: HashMap<Uuid, i64> =
        returned.iter().filter_map(|r| Some((r.get(1)?.as_uuid()?, r.first()?.as_i64()?))).collect();
    if rids.len() != rows.len() {
        return Err(StoreError::Database("a bulk insert returned fewer rowids than rows".into()));
    }

    let head = format!("INSERT INTO \"contact_points\" ({})", column_list(CONTACT_COLUMNS.iter().map(|(n, _)| *n)));
    let kinds: Vec<Logical> = CONTACT_COLUMNS.iter().map(|(_, l)| *l).collect();
    sqlite_insert(conn, &head, &kinds, contact_rows(plan, rows).map(Vec::from).collect(), None).await?;

    if object.has_search() {
        let fts: Vec<String> = plan.search_fields.iter().map(|f| crate::ddl::fts_column(f)).collect();
        let names = std::iter::once("rowid").chain(fts.iter().map(String::as_str));
        let head = format!("INSERT INTO {} ({})", q(&object.search_table()), column_list(names));
        let kinds: Vec<Logical> =
            std::iter::once(Logical::Integer).chain(plan.search_fields.iter().map(|_| Logical::Text)).collect();
        let docs = rows.iter().map(|row| {
            let rid = rids.get(&row.id).copied().map_or(Cell::Null, Cell::Int);
            std::iter::once(rid).chain(row.search.iter().cloned().map(Cell::Text)).collect()
        });
        let docs = docs.collect();
        sqlite_insert(conn, &head, &kinds, docs, None).await?;
    }

    append_rows(conn, "audit_log", &AUDIT_COLUMNS, audit_rows(plan, rows, now).map(Vec::from).collect()).await?;
    append_rows(conn, EventRow::TABLE, &EventRow::written_columns(), event_rows(plan, rows, now).collect()).await?;
    Ok(rows.iter().map(|row| rids.get(&row.id).copied().unwrap_or_default()).collect())
}

fn pg_type(logical: Logical) -> Type {
    match logical {
        Logical::Uuid => Type::UUID,
        Logical::Integer | Logical::Minor => Type::INT8,
        Logical::Decimal { .. } => Type::NUMERIC,
        Logical::Text => Type::TEXT,
        Logical::Boolean => Type::BOOL,
        Logical::Date => Type::DATE,
        Logical::DateTime => Type::TIMESTAMPTZ,
        Logical::Json => Type::JSONB,
    }
}

/// `COPY table (columns) FROM STDIN (FORMAT binary)` of `rows`, each one cell per
/// column.
async fn pg_copy(
    tx: &deadpool_postgres::Transaction<'_>,
    table: &str,
    columns: &[(&str, Logical)],
    rows: Vec<Vec<Cell>>,
) -> Result<()> {
    let sql =
        format!("COPY {} ({}) FROM STDIN (FORMAT binary)", q(table), column_list(columns.iter().map(|(n, _)| *n)));
    let types: Vec<Type> = columns.iter().map(|(_, l)| pg_type(*l)).collect();
    let sink = tx.copy_in(&sql).await?;
    let writer = tokio_postgres::binary_copy::BinaryCopyInWriter::new(sink, &types);
    let mut writer = std::pin::pin!(writer);
    for cells in rows {
        let values = columns
            .iter()
            .zip(&cells)
            .map(|((_, l), c)| to_sea(Backend::Postgres, *l, c).map(PostgresValue))
            .collect::<Result<Vec<_>>>()?;
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        writer.as_mut().write(&refs).await?;
    }
    writer.finish().await?;
    Ok(())
}

/// Returns the rowids, in the order of `rows`.
async fn write_postgres(
    tx: &deadpool_postgres::Transaction<'_>,
    plan: &Plan,
    rows: &[Row],
    now: OffsetDateTime,
) -> Result<Vec<i64>> {
    let object = &plan.object;
    let table = object.table();
    // COPY returns nothing, so the rowids are taken from the identity's sequence first
    // and written explicitly (the column is GENERATED BY DEFAULT).
    let n = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let allocated = tx
        .query("SELECT nextval(pg_get_serial_sequence($1, 'rid')) FROM generate_series(1, $2::bigint)", &[&table, &n])
        .await?;
    let mut rids: Vec<i64> = allocated.iter().map(|r| r.try_get::<_, i64>(0)).collect::<std::result::Result<_, _>>()?;
    rids.sort_unstable();
    if rids.len() != rows.len() {
        return Err(StoreError::Database("could not allocate rowids for a bulk insert".into()));
    }

    let mut columns: Vec<(&str, Logical)> = vec![("rid", Logical::Integer)];
    columns.extend(SYSTEM);
    columns.extend(plan.columns.iter().map(|c| (c.name.as_str(), c.logical)));
    let records = rows
        .iter()
        .zip(&rids)
        .map(|(row, rid)| {
            std::iter::once(Cell::Int(*rid))
                .chain(system_cells(plan, row, now))
                .chain(row.cells.iter().cloned())
                .collect()
        })
        .collect();
    pg_copy(tx, &table, &columns, records).await?;
    pg_copy(tx, "contact_points", &CONTACT_COLUMNS, contact_rows(plan, rows).map(Vec::from).collect()).await?;
    if object.has_search() {
        // A tsvector has no simple binary form; the same expression as
        // `search::index` over two arrays is one statement per chunk all the same.
        let docs: Vec<String> = rows.iter().map(|r| r.search.first().cloned().unwrap_or_default()).collect();
        let sql = format!(
            "INSERT INTO {} (\"rid\", \"doc\") SELECT r, array_to_tsvector(string_to_array(d, ' ')) \
             FROM unnest($1::bigint[], $2::text[]) AS u(r, d)",
            q(&object.search_table())
        );
        tx.execute(&sql, &[&rids, &docs]).await?;
    }
    pg_copy(tx, "audit_log", &AUDIT_COLUMNS, audit_rows(plan, rows, now).map(Vec::from).collect()).await?;
    // `seq`, `position` (NULL) and `tx` take their defaults, as in a single append.
    pg_copy(tx, EventRow::TABLE, &EventRow::written_columns(), event_rows(plan, rows, now).collect()).await?;
    Ok(rids)
}

impl Store {
    /// Refreshes the planner's statistics of an object's tables after bulk work (an
    /// import, a seed). Until they are refreshed, PostgreSQL plans for the tables as
    /// they were before — a contact-point lookup of one page planned for an empty table
    /// reads all of them — and autovacuum, which would do it later, may be off or
    /// behind. SQLite gets sampled statistics of the same tables.
    pub async fn refresh_statistics(&self, actor: &Actor, object: &str) -> Result<()> {
        crate::access::require_admin(actor, "statistics")?;
        let object = self.schema().await?.object_by_api(object)?.clone();
        let mut tables = vec![object.table(), "contact_points".to_owned(), "audit_log".to_owned()];
        let sql = match self.backend() {
            Backend::Postgres => {
                if object.has_search() {
                    tables.push(object.search_table());
                }
                format!("ANALYZE {}", column_list(tables.iter().map(String::as_str)))
            }
            // An FTS5 table keeps no statistics for ANALYZE to refresh.
            Backend::Sqlite => {
                let each: Vec<String> = tables.iter().map(|t| format!("ANALYZE {};", q(t))).collect();
                format!("PRAGMA analysis_limit=1000; {}", each.join(" "))
            }
        };
        self.inner.db.write(move |c| Box::pin(async move { c.batch(&sql).await })).await
    }
}
