//! The store's front door: opens a database, migrates it, caches the schema (reloaded
//! when `meta_version` moves, so that a field added by one process is live in all of
//! them), validates input against metadata and runs each call as one read or one unit
//! of work. Every call takes an [`Actor`].

use std::sync::{Arc, RwLock};

use rapport_model::value::{Mode, ValueContext, changes_from_json};
use rapport_model::{
    Action, Actor, FieldDef, FieldError, FieldType, ModelError, ObjectDef, Reason, Record, Schema, SelectOption,
    field::is_valid_name,
};
use serde_json::{Map, Value as Json};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::conn::{Backend, BoxFuture, Conn};
use crate::db::{Db, Location};
use crate::error::{Result, StoreError};
use crate::freshness::{self, Versions};
use crate::meta::check::{
    MAX_FIELDS, RESERVED_PATHS, check_new_field, check_new_object, fresh_field_id, is_standard_field, is_system_name,
    keep_capabilities, patched_field,
};
use crate::page::{ListQuery, Page, Reader};
use crate::rules::{Ctx, RecordRules};
use crate::timeline::Link;
use crate::{access, meta, migrate, page, records, timeline};

/// Options of a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub location: Location,
    pub values: ValueContext,
    /// Days record events are kept (`record_events`; at least 1).
    pub event_retention_days: u32,
}

impl StoreOptions {
    /// Options with the default event retention.
    pub fn new(location: Location, values: ValueContext) -> StoreOptions {
        StoreOptions { location, values, event_retention_days: crate::record_events::DEFAULT_RETENTION_DAYS }
    }
}

#[derive(Clone)]
pub struct Store {
    pub(crate) inner: Arc<Inner>,
}

impl Inner {
    fn cached(&self) -> Arc<Schema> {
        self.schema.read().map(|s| Arc::clone(&s)).unwrap_or_default()
    }

    /// The cached schema when `meta_version` has not moved, else the schema read anew
    /// on `conn` (and cached).
    async fn fresh_schema(&self, conn: &Conn<'_>) -> Result<Arc<Schema>> {
        let version = meta::version(conn).await?;
        self.schema_at(conn, version).await
    }

    /// The schema at metadata `version`: the cached one, or read anew on `conn`.
    async fn schema_at(&self, conn: &Conn<'_>, version: i64) -> Result<Arc<Schema>> {
        let cached = self.cached();
        if version == cached.version {
            return Ok(cached);
        }
        let fresh = Arc::new(meta::load_schema(conn).await?);
        if let Ok(mut slot) = self.schema.write() {
            *slot = Arc::clone(&fresh);
        }
        Ok(fresh)
    }

    /// The cached schema when the current request has already checked it (see
    /// `freshness`): no statement needed.
    fn checked_in_request(&self) -> Option<Arc<Schema>> {
        let cached = self.cached();
        (freshness::checked_in_request() == Some(cached.version)).then_some(cached)
    }
}

/// Gives a read's closure the signature `Db::read` takes (closures do not infer a
/// higher-ranked one by themselves).
fn read_unit<T, F>(unit: F) -> F
where
    F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>>,
{
    unit
}

/// What a read has to work with, on its one connection (see [`Store::read`]): the
/// reader, the schema as fresh as the connection sees it, and the store's settings.
#[derive(Clone, Copy)]
pub(crate) struct Reading<'a> {
    pub conn: &'a Conn<'a>,
    pub actor: &'a Actor,
    pub schema: &'a Schema,
    inner: &'a Inner,
}

impl<'a> Reading<'a> {
    /// An object by API name.
    pub fn object(&self, api_name: &str) -> Result<&'a ObjectDef> {
        Ok(self.schema.object_by_api(api_name)?)
    }

    /// An object by API name as the reader sees it: without the fields hidden from it.
    pub fn view(&self, api_name: &str) -> Result<std::borrow::Cow<'a, ObjectDef>> {
        Ok(self.actor.view(self.object(api_name)?))
    }

    /// Who reads a list and why, with the key that seals its cursors.
    pub fn reader(&self, action: Action) -> Reader<'a> {
        Reader { actor: self.actor, action, cursor_key: &self.inner.cursor_key }
    }

    pub fn values(&self) -> &'a ValueContext {
        &self.inner.values
    }
}

pub(crate) struct Inner {
    pub(crate) db: Db,
    schema: RwLock<Arc<Schema>>,
    pub(crate) values: ValueContext,
    /// Seals list cursors (see `page`).
    cursor_key: Vec<u8>,
    /// Days record events are kept.
    pub(crate) event_retention_days: u32,
    /// The business rules every record write runs (see `rules`).
    pub(crate) rules: Arc<dyn RecordRules>,
}

/// An object's metadata that can change after creation. The table never changes.
#[derive(Debug, Clone, Default)]
pub struct ObjectPatch {
    pub api_name: Option<String>,
    pub label: Option<String>,
    pub label_plural: Option<String>,
    pub hidden: Option<bool>,
    /// What the interface does with the object, replaced whole (fields by id or API
    /// name); checked against the object's fields.
    pub behaviour: Option<rapport_model::Behaviour>,
}

/// A field's metadata that can change after creation. The column never changes.
#[derive(Debug, Clone, Default)]
pub struct FieldPatch {
    pub api_name: Option<String>,
    pub label: Option<String>,
    pub hidden: Option<bool>,
    pub position: Option<i32>,
    /// A select or multi-select field's whole list of options, in the order they are
    /// offered. Values are stored as text, so adding, relabelling and reordering are
    /// metadata only; removing one is refused while any record (deleted ones too,
    /// since a restore brings them back) still holds it.
    pub options: Option<Vec<SelectOption>>,
    /// The section of the record page the field is shown in; `Some(None)` (or a blank
    /// name) puts it back in the default section.
    pub section: Option<Option<String>>,
}

impl Store {
    /// Opens the database and runs pending migrations; no business rules run.
    pub async fn open(options: StoreOptions) -> Result<Store> {
        Store::open_with_rules(options, crate::rules::none()).await
    }

    /// Opens the database, runs pending migrations, and runs `rules` in every record
    /// write from then on (the domain's registry).
    pub async fn open_with_rules(options: StoreOptions, rules: Arc<dyn RecordRules>) -> Result<Store> {
        let db = Db::open(&options.location)?;
        db.write(|c| Box::pin(migrate::run_pending(c))).await?;
        let schema = db.read(|c| Box::pin(meta::load_schema(c))).await?;
        let cursor_key = db.read(|c| Box::pin(migrate::cursor_key(c))).await?;
        let inner = Inner {
            db,
            schema: RwLock::new(Arc::new(schema)),
            values: options.values,
            cursor_key,
            event_retention_days: options.event_retention_days.max(1),
            rules,
        };
        Ok(Store { inner: Arc::new(inner) })
    }

    pub fn backend(&self) -> Backend {
        self.inner.db.backend()
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// How values are read (the region of phone numbers typed without a country
    /// code): the domain checks saved filters with it exactly as lists will apply them.
    pub fn values(&self) -> &ValueContext {
        &self.inner.values
    }

    /// Both freshness counters in one statement (see `freshness`), with the schema
    /// reloaded when the metadata moved; the reads after it in the same request trust
    /// that schema without a statement of their own.
    pub async fn versions(&self) -> Result<Versions> {
        let versions = self.inner.db.read_shared(|c| Box::pin(freshness::read(c))).await?;
        if versions.meta != self.inner.cached().version {
            let inner = Arc::clone(&self.inner);
            self.inner.db.read(move |c| Box::pin(async move { inner.fresh_schema(c).await })).await?;
        }
        freshness::mark_checked(versions.meta);
        Ok(versions)
    }

    /// The schema, reloaded when another process (or call) changed metadata.
    pub async fn schema(&self) -> Result<Arc<Schema>> {
        if let Some(schema) = self.inner.checked_in_request() {
            return Ok(schema);
        }
        let inner = Arc::clone(&self.inner);
        self.inner.db.read(move |c| Box::pin(async move { inner.fresh_schema(c).await })).await
    }

    async fn reload_schema(&self) -> Result<Arc<Schema>> {
        let fresh = Arc::new(self.inner.db.read(|c| Box::pin(meta::load_schema(c))).await?);
        if let Ok(mut slot) = self.inner.schema.write() {
            *slot = Arc::clone(&fresh);
        }
        Ok(fresh)
    }

    async fn object(&self, name: &str) -> Result<ObjectDef> {
        Ok(self.schema().await?.object_by_api(name)?.clone())
    }

    /// Runs a read as `actor` on one connection, with the schema fresh on that same
    /// connection: the metadata version is checked (and the schema reloaded when it
    /// moved) in the read's own trip to the database, not in one of its own — or not at
    /// all when the request already checked it (see `freshness`). This is
    /// the one door of every read; `read` gets a [`Reading`].
    pub(crate) async fn read<T, F>(&self, actor: &Actor, read: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(Reading<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        self.read_on(false, actor, read).await
    }

    /// [`Store::read`] for a read of a few rows found by key (a record by id), which
    /// SQLite answers on the calling thread when a reader is idle (`Db::read_brief`).
    pub(crate) async fn read_by_key<T, F>(&self, actor: &Actor, read: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(Reading<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        self.read_on(true, actor, read).await
    }

    async fn read_on<T, F>(&self, brief: bool, actor: &Actor, read: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(Reading<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        let (inner, actor) = (Arc::clone(&self.inner), actor.clone());
        let checked = self.inner.checked_in_request();
        let unit = read_unit(move |conn| {
            Box::pin(async move {
                let schema = match checked {
                    Some(schema) => schema,
                    None => inner.fresh_schema(conn).await?,
                };
                read(Reading { conn, actor: &actor, schema: &schema, inner: &inner }).await
            })
        });
        if brief { self.inner.db.read_brief(unit).await } else { self.inner.db.read(unit).await }
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        self.inner.db.read(|c| Box::pin(async move { meta::version(c).await.map(|_| ()) })).await
    }

    /// Runs a write of one object as `actor`: `prepare` validates the input against
    /// the object as the schema has it, and the unit checks, inside its transaction,
    /// that the metadata has not moved since; if it has, the input is validated again
    /// (at most three times), so no write is ever checked against stale metadata. The
    /// unit gets the write's [`Ctx`], with the rules.
    async fn write_object<D, T, P, U>(&self, actor: &Actor, name: &str, prepare: P, unit: U) -> Result<T>
    where
        D: Send + 'static,
        T: Send + 'static,
        P: Fn(&ObjectDef) -> Result<D>,
        U: for<'a> Fn(Ctx<'a>, &'a ObjectDef, D) -> BoxFuture<'a, Result<T>> + Clone + Send + 'static,
    {
        let mut attempts = 0;
        loop {
            let schema = self.schema().await?;
            let object = Arc::clone(schema.shared_by_api(name)?);
            let data = prepare(&object)?;
            let (version, unit) = (schema.version, unit.clone());
            let (actor, rules) = (actor.clone(), Arc::clone(&self.inner.rules));
            let outcome = self
                .inner
                .db
                .write(move |c| {
                    Box::pin(async move {
                        meta::expect_version(c, version).await?;
                        let ctx = Ctx { conn: c, actor: &actor, schema: &schema, rules: &*rules };
                        unit(ctx, &object, data).await
                    })
                })
                .await;
            attempts += 1;
            match outcome {
                Err(StoreError::SchemaChanged) if attempts < 3 => continue,
                other => return other,
            }
        }
    }

    pub async fn create(&self, actor: &Actor, object: &str, input: &Map<String, Json>) -> Result<Record> {
        let values = self.inner.values.clone();
        self.write_object(
            actor,
            object,
            |o| Ok(changes_from_json(&actor.view(o), input, Mode::Create, &values)?),
            |ctx, o, changes| {
                Box::pin(async move {
                    let record = records::create(ctx, o, changes).await?;
                    Ok(access::visible(ctx.actor, o, record))
                })
            },
        )
        .await
    }

    /// Many records in one unit of work: all are written or none.
    pub async fn create_many(&self, actor: &Actor, object: &str, inputs: &[Map<String, Json>]) -> Result<Vec<Record>> {
        let values = self.inner.values.clone();
        self.write_object(
            actor,
            object,
            |o| {
                let view = actor.view(o);
                records::validate_items(&view, inputs, &values)
            },
            |ctx, o, all| {
                Box::pin(async move {
                    let mut out = Vec::with_capacity(all.len());
                    for (i, changes) in all.into_iter().enumerate() {
                        let record = records::create(ctx, o, changes).await.map_err(|e| e.of_item(i))?;
                        out.push(access::visible(ctx.actor, o, record));
                    }
                    Ok(out)
                })
            },
        )
        .await
    }

    /// Creates a record, or updates the live one holding the same value of the unique
    /// field `on` (by API name); says which (`true`: created).
    pub async fn upsert(
        &self,
        actor: &Actor,
        object: &str,
        on: &str,
        input: &Map<String, Json>,
    ) -> Result<(Record, bool)> {
        let (values, key) = (self.inner.values.clone(), on.to_owned());
        self.write_object(
            actor,
            object,
            move |o| {
                let view = actor.view(o);
                let field =
                    view.field_by_api(&key).map_err(|_| ModelError::invalid("upsert_on", Reason::UnknownField))?;
                if !field.unique {
                    let reason = Reason::WrongType { expected: "a unique field" };
                    return Err(ModelError::invalid("upsert_on", reason).into());
                }
                Ok((field.id.clone(), changes_from_json(&view, input, Mode::Create, &values)?))
            },
            |ctx, o, (field_id, changes)| {
                Box::pin(async move {
                    let field = o.field(&field_id).cloned().ok_or(StoreError::SchemaChanged)?;
                    let (record, created) = records::upsert(ctx, o, &field, changes).await?;
                    Ok((access::visible(ctx.actor, o, record), created))
                })
            },
        )
        .await
    }

    pub async fn get(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Record> {
        self.get_record(actor, object, id, false).await
    }

    /// A record whether deleted or not (for restore screens and audits).
    pub async fn get_including_deleted(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Record> {
        self.get_record(actor, object, id, true).await
    }

    async fn get_record(&self, actor: &Actor, object: &str, id: Uuid, include_deleted: bool) -> Result<Record> {
        let name = object.to_owned();
        self.read_by_key(actor, move |r| {
            Box::pin(async move {
                let object = r.object(&name)?;
                let found = records::get(r.conn, r.actor, object, id, include_deleted).await?;
                let record = found.ok_or(StoreError::NotFound { object: object.api_name.clone(), id })?;
                Ok(access::visible(r.actor, object, record))
            })
        })
        .await
    }

    pub async fn update(
        &self,
        actor: &Actor,
        object: &str,
        id: Uuid,
        version: i64,
        input: &Map<String, Json>,
    ) -> Result<Record> {
        let values = self.inner.values.clone();
        self.write_object(
            actor,
            object,
            |o| Ok(changes_from_json(&actor.view(o), input, Mode::Update, &values)?),
            move |ctx, o, changes| {
                Box::pin(async move {
                    let record = records::update(ctx, o, id, version, changes).await?;
                    Ok(access::visible(ctx.actor, o, record))
                })
            },
        )
        .await
    }

    pub async fn delete(&self, actor: &Actor, object: &str, id: Uuid, version: Option<i64>) -> Result<Record> {
        self.write_object(
            actor,
            object,
            |_| Ok(()),
            move |ctx, o, ()| {
                Box::pin(async move {
                    let record = records::delete(ctx, o, id, version).await?;
                    Ok(access::visible(ctx.actor, o, record))
                })
            },
        )
        .await
    }

    pub async fn restore(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Record> {
        self.write_object(
            actor,
            object,
            |_| Ok(()),
            move |ctx, o, ()| {
                Box::pin(async move {
                    let record = records::restore(ctx, o, id).await?;
                    Ok(access::visible(ctx.actor, o, record))
                })
            },
        )
        .await
    }

    /// Erases a soft-deleted record for good. No business rule runs: erasure (GDPR)
    /// must not be something a rule can refuse.
    pub async fn purge(&self, actor: &Actor, object: &str, id: Uuid) -> Result<()> {
        self.write_object(
            actor,
            object,
            |_| Ok(()),
            move |ctx, o, ()| Box::pin(async move { records::purge(ctx.conn, ctx.actor, o, id).await }),
        )
        .await
    }

    /// A page of the records the actor may read, with the fields it may read.
    pub async fn list(&self, actor: &Actor, object: &str, query: ListQuery) -> Result<Page> {
        self.list_for(actor, Action::Read, object, query).await
    }

    /// A page of an export: like [`Store::list`], within the actor's export reach.
    pub async fn export_page(&self, actor: &Actor, object: &str, query: ListQuery) -> Result<Page> {
        self.list_for(actor, Action::Export, object, query).await
    }

    async fn list_for(&self, actor: &Actor, action: Action, object: &str, query: ListQuery) -> Result<Page> {
        let name = object.to_owned();
        self.read(actor, move |r| {
            Box::pin(async move {
                let view = r.view(&name)?;
                page::list(r.conn, r.reader(action), r.values(), &view, &query).await
            })
        })
        .await
    }

    pub async fn count(&self, actor: &Actor, object: &str, query: ListQuery) -> Result<i64> {
        let name = object.to_owned();
        self.read(actor, move |r| {
            Box::pin(async move {
                let view = r.view(&name)?;
                page::count(r.conn, r.reader(Action::Read), r.values(), &view, &query).await
            })
        })
        .await
    }

    /// The first statement a list runs, as SQL text with its values (for `EXPLAIN`:
    /// how the database reads a page, the keyset predicate of a later page included).
    pub async fn first_statement(&self, actor: &Actor, object: &str, query: &ListQuery) -> Result<crate::conn::Sql> {
        let (name, query, b) = (object.to_owned(), query.clone(), self.backend());
        self.read(actor, move |r| {
            Box::pin(async move {
                let view = r.view(&name)?;
                page::first_statement(b, r.reader(Action::Read), r.values(), &view, &query)
            })
        })
        .await
    }

    /// About how many records match (see [`page::estimate`]).
    pub async fn estimate(&self, actor: &Actor, object: &str, query: ListQuery) -> Result<i64> {
        let name = object.to_owned();
        self.read(actor, move |r| {
            Box::pin(async move {
                let view = r.view(&name)?;
                page::estimate(r.conn, r.reader(Action::Read), r.values(), &view, &query).await
            })
        })
        .await
    }

    /// The audit trail of a record the actor may read, without the fields it may not.
    /// The trail of a purged record is for administrators.
    pub async fn audit_of(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Vec<AuditEntry>> {
        let name = object.to_owned();
        self.read(actor, move |r| {
            Box::pin(async move {
                let (c, actor, object) = (r.conn, r.actor, r.object(&name)?);
                if !actor.is_admin() {
                    require_readable(c, actor, object, id, true).await?;
                }
                let entries = access::visible_audit(actor, object, crate::audit::for_record(c, &object.id, id).await?);
                // A link names its activity: only those the actor may read, as on the
                // timeline.
                let readable = timeline::Readable::of(r.schema, actor);
                readable.keep_readable_links(c, actor, entries).await
            })
        })
        .await
    }

    /// Runs `unit` as one unit of work with several record operations: all of them
    /// are written, or none. The unit's error is the caller's (`E`), so the domain
    /// fails a unit with its own errors, and the store's convert into it.
    pub async fn transaction<T, E, F>(&self, actor: &Actor, unit: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'a> FnOnce(crate::tx::Tx<'a>) -> crate::conn::BoxFuture<'a, Result<T, E>> + Send + 'static,
    {
        let schema = self.schema().await?;
        let (values, actor, rules) = (self.inner.values.clone(), actor.clone(), Arc::clone(&self.inner.rules));
        self.inner.db.write(move |conn| unit(crate::tx::Tx { conn, schema, values, actor, rules })).await
    }

    /// Links an activity the actor may edit to the timeline of a record it may read.
    pub async fn link_activity(
        &self,
        actor: &Actor,
        activity: (&str, Uuid),
        record: (&str, Uuid),
        at: OffsetDateTime,
    ) -> Result<()> {
        let (activity_object, record_object) = (self.object(activity.0).await?, self.object(record.0).await?);
        let ((_, activity_id), (_, record_id), actor) = (activity, record, actor.clone());
        self.inner
            .db
            .write(move |c| {
                Box::pin(async move {
                    let on = timeline::Ends {
                        activity: (&activity_object, activity_id),
                        record: (&record_object, record_id),
                    };
                    timeline::link_checked(c, &actor, on, at).await
                })
            })
            .await
    }

    /// A page of the timeline of a record the actor may read: the activities on it
    /// the actor may read, newest first.
    pub async fn timeline(
        &self,
        actor: &Actor,
        record_object: &str,
        record_id: Uuid,
        before: Option<(OffsetDateTime, Uuid)>,
        limit: u64,
    ) -> Result<Vec<Link>> {
        let name = record_object.to_owned();
        self.read(actor, move |r| {
            Box::pin(async move {
                let (c, actor, object) = (r.conn, r.actor, r.object(&name)?);
                require_readable(c, actor, object, record_id, false).await?;
                let readable = timeline::Readable::of(r.schema, actor);
                timeline::page(c, &object.id, record_id, (&readable, actor), before, limit).await
            })
        })
        .await
    }

    /// A page of the field changes of a record the actor may read, newest first,
    /// without the fields hidden from it.
    pub async fn field_changes(
        &self,
        actor: &Actor,
        object: &str,
        id: Uuid,
        before: Option<(OffsetDateTime, i64)>,
        limit: u64,
    ) -> Result<Vec<AuditEntry>> {
        let name = object.to_owned();
        self.read(actor, move |r| {
            Box::pin(async move {
                let (c, actor, object) = (r.conn, r.actor, r.object(&name)?);
                require_readable(c, actor, object, id, false).await?;
                let hidden = access::hidden_fields(actor, object);
                let entries = crate::audit::changes_page(c, &object.id, id, &hidden, before, limit).await?;
                Ok(access::visible_audit(actor, object, entries))
            })
        })
        .await
    }

    /// Runs a metadata change on the schema as it is inside the change's own
    /// transaction, with the metadata lock held, so that two changes at once never work
    /// from the same stale copy; then refreshes this process's cache.
    async fn change_metadata<T, F>(&self, change: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>, Schema) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        let out = self
            .inner
            .db
            .write(move |c| {
                Box::pin(async move {
                    meta::lock(c).await?;
                    let schema = meta::load_schema(c).await?;
                    change(c, schema).await
                })
            })
            .await?;
        self.reload_schema().await?;
        Ok(out)
    }

    /// Creates a custom object with its fields.
    pub async fn create_object(&self, actor: &Actor, mut object: ObjectDef) -> Result<ObjectDef> {
        access::require_admin(actor, "metadata")?;
        // Only migrations make standard objects, and only Rapport sets read-only fields.
        object.is_standard = false;
        for field in &mut object.fields {
            field.read_only = false;
            field.indexed |= field.unique;
            // A new object's own fields are named by their API names.
            if field.id.is_empty() {
                field.id.clone_from(&field.api_name);
            }
        }
        // The name field may be given by API name, like everything else a client sends.
        if let Some(label) = object.label_field.as_deref()
            && let Some(field) = object.fields.iter().find(|f| f.api_name == label)
        {
            object.label_field = Some(field.id.clone());
        }
        let named = object.clone();
        object.behaviour.resolve_api_names(&named);
        // Fields keep the order they were given in unless their positions say otherwise.
        if object.fields.iter().all(|f| f.position == object.fields[0].position) {
            for (i, field) in object.fields.iter_mut().enumerate() {
                field.position = i32::try_from(i).unwrap_or(i32::MAX);
            }
        }
        self.change_metadata(move |c, schema| {
            Box::pin(async move {
                check_new_object(&schema, &object)?;
                meta::create_object(c, &object).await?;
                Ok(object)
            })
        })
        .await
    }

    /// Adds a field to an object; its id (and so its column) is made from its API name
    /// when not given.
    pub async fn add_field(&self, actor: &Actor, object: &str, mut field: FieldDef) -> Result<FieldDef> {
        access::require_admin(actor, "metadata")?;
        field.read_only = false;
        // A unique field has a (unique) index: it sorts and pages like an indexed one.
        field.indexed |= field.unique;
        let name = object.to_owned();
        self.change_metadata(move |c, schema| {
            Box::pin(async move {
                let object = schema.object_by_api(&name)?.clone();
                // The id of a purged field is never given out again.
                let retired = meta::retired_field_ids(c, &object.id).await?;
                if field.id.is_empty() {
                    if !is_valid_name(&field.api_name) || is_system_name(&field.api_name) {
                        return Err(ModelError::invalid("api_name", Reason::InvalidName).into());
                    }
                    field.id = fresh_field_id(&object, &field.api_name, &retired);
                } else if retired.contains(&field.id) {
                    return Err(ModelError::invalid("id", Reason::NameTaken).into());
                }
                let mut errors = check_new_field(&schema, &object, &field);
                if object.fields.len() >= MAX_FIELDS {
                    errors.push(FieldError::new("fields", Reason::TooMany { max: MAX_FIELDS as u32 }));
                }
                if !errors.is_empty() {
                    return Err(ModelError::Invalid(errors).into());
                }
                field.position = object.fields.iter().map(|f| f.position).max().unwrap_or(0) + 1;
                meta::add_field(c, &object, &field).await?;
                Ok(field)
            })
        })
        .await
    }

    /// Renames, relabels or hides an object: metadata only. Standard objects keep
    /// their API names and stay visible (Rapport's own rules name them); their labels
    /// change.
    pub async fn update_object(&self, actor: &Actor, object: &str, patch: ObjectPatch) -> Result<ObjectDef> {
        access::require_admin(actor, "metadata")?;
        let name = object.to_owned();
        self.change_metadata(move |c, schema| {
            Box::pin(async move {
                let mut object = schema.object_by_api(&name)?.clone();
                if let Some(api_name) = patch.api_name.filter(|n| *n != object.api_name) {
                    let taken = schema.all().any(|o| o.api_name == api_name || o.id == api_name);
                    let reason = if object.is_standard
                        || !is_valid_name(&api_name)
                        || RESERVED_PATHS.contains(&api_name.as_str())
                    {
                        Some(Reason::InvalidName)
                    } else if taken {
                        Some(Reason::NameTaken)
                    } else {
                        None
                    };
                    if let Some(reason) = reason {
                        return Err(ModelError::invalid("api_name", reason).into());
                    }
                    object.api_name = api_name;
                }
                if let Some(hidden) = patch.hidden {
                    if object.is_standard && hidden {
                        return Err(ModelError::invalid("hidden", Reason::ReadOnly).into());
                    }
                    object.hidden = hidden;
                }
                object.label = patch.label.unwrap_or(object.label);
                object.label_plural = patch.label_plural.unwrap_or(object.label_plural);
                let when_before = object.behaviour.when_field().map(str::to_owned);
                if let Some(mut behaviour) = patch.behaviour {
                    behaviour.resolve_api_names(&object);
                    let errors = behaviour.check(&schema, &object);
                    if !errors.is_empty() {
                        return Err(ModelError::Invalid(errors).into());
                    }
                    object.behaviour = behaviour;
                }
                meta::update_object(c, &object).await?;
                // Timeline entries sit at their activity's time: a new time field moves them.
                if object.is_activity && object.behaviour.when_field() != when_before.as_deref() {
                    timeline::follow_when_all(c, &object).await?;
                }
                Ok(object)
            })
        })
        .await
    }

    /// Renames, relabels, hides or moves a field, puts it in another section or
    /// changes a select's options: metadata only. The options are checked in the same
    /// unit as the write, under the metadata lock, so no record can take an option
    /// between the check and the change (record writes validate against the schema
    /// that the bumped version makes every process reload).
    pub async fn update_field(
        &self,
        actor: &Actor,
        object: &str,
        field_id: &str,
        patch: FieldPatch,
    ) -> Result<FieldDef> {
        access::require_admin(actor, "metadata")?;
        let (name, field_id) = (object.to_owned(), field_id.to_owned());
        self.change_metadata(move |c, schema| {
            Box::pin(async move {
                let object = schema.object_by_api(&name)?;
                let before = object.field(&field_id).cloned();
                let changed = if patch.hidden == Some(true) { "hidden" } else { "options" };
                let field = patched_field(object, &field_id, patch)?;
                let mut after = schema.clone();
                if let Some(slot) = after
                    .objects
                    .get_mut(&object.id)
                    .and_then(|o| Arc::make_mut(o).fields.iter_mut().find(|f| f.id == field.id))
                {
                    *slot = field.clone();
                }
                keep_capabilities(&after, changed)?;
                if let (Some(before), FieldType::Select { options } | FieldType::MultiSelect { options }) =
                    (before, &field.kind)
                {
                    let kept = |v: &str| options.iter().any(|o| o.value == v);
                    for gone in before.kind.options().iter().filter(|o| !kept(&o.value)) {
                        if meta::option_in_use(c, object, &before, &gone.value).await? {
                            let reason = Reason::InUse { value: gone.value.clone() };
                            return Err(ModelError::invalid("options", reason).into());
                        }
                    }
                }
                meta::update_field(c, &object.id, &field).await?;
                Ok(field)
            })
        })
        .await
    }

    /// Drops a hidden custom field's data for good.
    pub async fn purge_field(&self, actor: &Actor, object: &str, field_id: &str) -> Result<()> {
        access::require_admin(actor, "metadata")?;
        let (name, field_id) = (object.to_owned(), field_id.to_owned());
        self.change_metadata(move |c, schema| {
            Box::pin(async move {
                let object = schema.object_by_api(&name)?.clone();
                let field = object.field(&field_id).cloned().ok_or_else(|| ModelError::UnknownField {
                    object: object.api_name.clone(),
                    field: field_id.clone(),
                })?;
                // Only hidden custom fields: the standard ones are what the domain logic
                // reads, and the label field names every record.
                let standard = is_standard_field(&object, &field.id);
                if !field.hidden || standard || object.label_field.as_deref() == Some(field.id.as_str()) {
                    return Err(ModelError::invalid(&field.api_name, Reason::ReadOnly).into());
                }
                meta::purge_field(c, &object, &field).await
            })
        })
        .await
    }
}

/// Fails with `not_found` unless the actor may read the record (soft-deleted ones
/// too when `deleted_too`).
async fn require_readable(
    conn: &Conn<'_>,
    actor: &Actor,
    object: &ObjectDef,
    id: Uuid,
    deleted_too: bool,
) -> Result<()> {
    match records::get(conn, actor, object, id, deleted_too).await? {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound { object: object.api_name.clone(), id }),
    }
}
