//! The CRM as the interfaces see it: every call takes the acting user.

use rapport_model::{Actor, FieldDef, ObjectDef, Record, Schema, ValueContext};
use rapport_store::audit::AuditEntry;
use rapport_store::conn::BoxFuture;
use rapport_store::timeline::Link;
use rapport_store::tx::Tx;
use rapport_store::{Conn, FieldPatch, ListQuery, Location, NewLink, ObjectPatch, Page, Store, StoreOptions};
use serde_json::{Map, Value as Json};
use std::path::PathBuf;
use std::sync::Arc;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::Result;
use crate::principals::PrincipalCache;
use crate::rules::Rules;
use crate::sessions::SessionPolicy;

/// Which database to use.
#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    /// A `postgres://` URL, or `None` for the SQLite file in the data directory.
    pub url: Option<String>,
    pub data_dir: PathBuf,
    pub pool_size: usize,
    /// Region for phone numbers typed without a country code.
    pub default_region: String,
    /// Days record events are kept (`GET /api/v1/events`).
    pub event_retention_days: u32,
}

impl DatabaseConfig {
    pub fn location(&self) -> Result<Location> {
        match &self.url {
            Some(url) => Ok(Location::parse(url, self.pool_size)?),
            None => Ok(Location::Sqlite { path: self.data_dir.join("rapport.db") }),
        }
    }

    /// Where the database is, without secrets (for logs and start-up messages).
    pub fn describe(&self) -> String {
        match self.location() {
            Ok(location) => location.describe(),
            Err(e) => e.to_string(),
        }
    }
}

#[derive(Clone)]
pub struct Crm {
    store: Store,
    files: crate::files::FileStore,
    sessions: SessionPolicy,
    principals: std::sync::Arc<PrincipalCache>,
}

/// The object as `actor` sees it: the shared one when nothing of it is hidden from
/// the actor or read-only for it.
fn shared_view(actor: &Actor, object: &Arc<ObjectDef>) -> Arc<ObjectDef> {
    match actor.view(object) {
        std::borrow::Cow::Borrowed(_) => Arc::clone(object),
        std::borrow::Cow::Owned(view) => Arc::new(view),
    }
}

/// Whether the actor sees `object` at all: it reads some of its records, and a hidden
/// object only for administrators.
fn reaches(actor: &Actor, object: &ObjectDef) -> bool {
    actor.reach(&object.id, rapport_model::Action::Read) != rapport_model::access::Reach::None
        && (!object.hidden || actor.is_admin())
}

impl Crm {
    /// Opens the database, migrates it and writes the standard roles that are missing.
    /// Rapport's business rules ([`Rules::standard`]) run in every record write.
    pub async fn open(config: &DatabaseConfig) -> Result<Crm> {
        Crm::open_with_rules(config, Rules::standard()).await
    }

    /// Opens the CRM with these business rules instead of the standard ones (a
    /// module's own, or a test's).
    pub async fn open_with_rules(config: &DatabaseConfig, rules: Rules) -> Result<Crm> {
        let options = StoreOptions {
            location: config.location()?,
            values: ValueContext { default_region: config.default_region.clone() },
            event_retention_days: config.event_retention_days,
        };
        let crm = Crm {
            store: Store::open_with_rules(options, std::sync::Arc::new(rules)).await?,
            files: crate::files::FileStore::new(&config.data_dir),
            sessions: SessionPolicy::default(),
            principals: Default::default(),
        };
        crm.ensure_standard_roles().await?;
        Ok(crm)
    }

    /// The same CRM with other session lifetimes and sign-in limits.
    pub fn with_session_policy(mut self, policy: SessionPolicy) -> Crm {
        self.sessions = policy;
        self
    }

    pub fn session_policy(&self) -> SessionPolicy {
        self.sessions
    }

    /// The country (ISO 3166-1 alpha-2) of phone numbers typed without a country
    /// code: the interface shows that country's numbers in their national format.
    pub fn default_region(&self) -> &str {
        &self.store.values().default_region
    }

    /// The principals of the credentials seen lately (see `principals`).
    pub(crate) fn principals(&self) -> &PrincipalCache {
        &self.principals
    }

    /// The store, for units of work inside the domain (never handed to the interfaces).
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Runs record operations as one unit of work that fails with the domain's own
    /// errors (the store's convert into them): all are written, or none.
    pub(crate) async fn transaction<T, F>(&self, actor: &Actor, unit: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(Tx<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        self.store.transaction(actor, unit).await
    }

    /// Runs a unit of work over the system tables that fails with the domain's own
    /// errors (a refused role, the last administrator) without disguising them.
    pub(crate) async fn system_write<T, F>(&self, unit: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        self.store.system_write(unit).await
    }

    pub(crate) fn files(&self) -> &crate::files::FileStore {
        &self.files
    }

    pub fn backend_name(&self) -> &'static str {
        match self.store.backend() {
            rapport_store::Backend::Sqlite => "sqlite",
            rapport_store::Backend::Postgres => "postgres",
        }
    }

    pub async fn ready(&self) -> Result<()> {
        Ok(self.store.ping().await?)
    }

    /// The schema as the actor sees it: objects it may not read are left out, and
    /// every object has only the fields the actor may read (read-only ones marked).
    pub async fn schema(&self, actor: &Actor) -> Result<Schema> {
        let full = self.store.schema().await?;
        let objects = full.objects.values().filter(|o| reaches(actor, o)).map(|o| shared_view(actor, o));
        Ok(Schema { version: full.version, ..Schema::of_shared(objects) })
    }

    /// One object of [`Crm::schema`], by API name: a request about one object shares
    /// the cached object, or copies it when the actor has fields hidden or read-only.
    /// `None` when the actor may not read it.
    pub async fn object_view(&self, actor: &Actor, api_name: &str) -> Result<Option<Arc<ObjectDef>>> {
        let full = self.store.schema().await?;
        let found = full.shared_by_api(api_name).ok().filter(|o| reaches(actor, o));
        Ok(found.map(|o| shared_view(actor, o)))
    }

    pub async fn create(&self, actor: &Actor, object: &str, input: &Map<String, Json>) -> Result<Record> {
        Ok(self.store.create(actor, object, input).await?)
    }

    pub async fn create_many(&self, actor: &Actor, object: &str, inputs: &[Map<String, Json>]) -> Result<Vec<Record>> {
        Ok(self.store.create_many(actor, object, inputs).await?)
    }

    /// Many records of one object through the bulk path (imports, seeding): all are
    /// validated before any is written, then written in chunks. Returns how many.
    pub async fn bulk_create(&self, actor: &Actor, object: &str, inputs: Vec<Map<String, Json>>) -> Result<usize> {
        Ok(self.store.bulk_create(actor, object, inputs).await?)
    }

    /// [`Crm::bulk_create`], returning the new records' ids in the order of `inputs`.
    pub async fn bulk_create_ids(
        &self,
        actor: &Actor,
        object: &str,
        inputs: Vec<Map<String, Json>>,
    ) -> Result<Vec<Uuid>> {
        Ok(self.store.bulk_create_ids(actor, object, inputs).await?)
    }

    /// Many activities put on timelines at once (imports, seeding), each checked as
    /// one link is, all before any is written. Returns how many.
    pub async fn bulk_link(&self, actor: &Actor, links: Vec<NewLink>) -> Result<usize> {
        Ok(self.store.bulk_link(actor, links).await?)
    }

    /// Refreshes the database's statistics of an object's tables after bulk work.
    pub async fn refresh_statistics(&self, actor: &Actor, object: &str) -> Result<()> {
        Ok(self.store.refresh_statistics(actor, object).await?)
    }

    /// Creates a record, or updates the live one holding the same value of the unique
    /// field `on`; `true` when it was created.
    pub async fn upsert(
        &self,
        actor: &Actor,
        object: &str,
        on: &str,
        input: &Map<String, Json>,
    ) -> Result<(Record, bool)> {
        Ok(self.store.upsert(actor, object, on, input).await?)
    }

    pub async fn get(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Record> {
        Ok(self.store.get(actor, object, id).await?)
    }

    pub async fn update(
        &self,
        actor: &Actor,
        object: &str,
        id: Uuid,
        version: i64,
        input: &Map<String, Json>,
    ) -> Result<Record> {
        Ok(self.store.update(actor, object, id, version, input).await?)
    }

    pub async fn delete(&self, actor: &Actor, object: &str, id: Uuid, version: Option<i64>) -> Result<Record> {
        Ok(self.store.delete(actor, object, id, version).await?)
    }

    pub async fn restore(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Record> {
        Ok(self.store.restore(actor, object, id).await?)
    }

    /// Erases a soft-deleted record for good (audited).
    pub async fn purge(&self, actor: &Actor, object: &str, id: Uuid) -> Result<()> {
        Ok(self.store.purge(actor, object, id).await?)
    }

    /// A record whether soft-deleted or not (restore screens, audits).
    pub async fn get_including_deleted(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Record> {
        Ok(self.store.get_including_deleted(actor, object, id).await?)
    }

    pub async fn list(&self, actor: &Actor, object: &str, query: ListQuery) -> Result<Page> {
        Ok(self.store.list(actor, object, query).await?)
    }

    pub async fn count(&self, actor: &Actor, object: &str, query: ListQuery) -> Result<i64> {
        Ok(self.store.count(actor, object, query).await?)
    }

    /// Gives records another owner and/or team, all or none (each needs the right to
    /// edit it); the audit trail of each keeps the old owner and team.
    pub async fn reassign(
        &self,
        actor: &Actor,
        object: &str,
        ids: &[Uuid],
        owner: Option<Option<Uuid>>,
        team: Option<Option<Uuid>>,
    ) -> Result<Vec<Record>> {
        let (object, ids) = (object.to_owned(), ids.to_vec());
        self.transaction(actor, move |tx| {
            Box::pin(async move {
                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    out.push(tx.reassign(&object, id, owner, team).await?);
                }
                Ok(out)
            })
        })
        .await
    }

    /// Moves several records to the bin as one unit: all of them, or none when one
    /// may not be deleted.
    pub async fn delete_many(&self, actor: &Actor, object: &str, ids: &[Uuid]) -> Result<usize> {
        let (object, ids) = (object.to_owned(), ids.to_vec());
        self.transaction(actor, move |tx| {
            Box::pin(async move {
                for id in &ids {
                    tx.delete(&object, *id).await?;
                }
                Ok(ids.len())
            })
        })
        .await
    }

    /// Sets the same values on several records as one unit (bulk edit): all of them
    /// change, or none when one may not be changed or a value is refused.
    pub async fn update_many(
        &self,
        actor: &Actor,
        object: &str,
        ids: &[Uuid],
        input: &Map<String, Json>,
    ) -> Result<usize> {
        let (object, ids, input) = (object.to_owned(), ids.to_vec(), input.clone());
        self.transaction(actor, move |tx| {
            Box::pin(async move {
                for id in &ids {
                    tx.overwrite(&object, *id, &input).await?;
                }
                Ok(ids.len())
            })
        })
        .await
    }

    /// About how many records match: the planner's estimate on PostgreSQL, exact on
    /// SQLite.
    pub async fn estimate(&self, actor: &Actor, object: &str, query: ListQuery) -> Result<i64> {
        Ok(self.store.estimate(actor, object, query).await?)
    }

    pub async fn audit_of(&self, actor: &Actor, object: &str, id: Uuid) -> Result<Vec<AuditEntry>> {
        Ok(self.store.audit_of(actor, object, id).await?)
    }

    pub async fn link_activity(
        &self,
        actor: &Actor,
        activity: (&str, Uuid),
        record: (&str, Uuid),
        at: OffsetDateTime,
    ) -> Result<()> {
        Ok(self.store.link_activity(actor, activity, record, at).await?)
    }

    /// The records of `ids` the actor may read (those it may not are left out): one
    /// statement, for the labels of related records on a page.
    pub async fn by_ids(&self, actor: &Actor, object: &str, ids: &[Uuid]) -> Result<Vec<Record>> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let limit = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let query = ListQuery { filter: Some(crate::timeline::ids_in(&ids)), limit, ..ListQuery::default() };
        Ok(self.store.list(actor, object, query).await?.records)
    }

    /// Creates an activity (a call, note, task, meeting…) and puts it on a record's
    /// timeline as one unit: both are written or neither. It sits on the timeline at
    /// its time (a call's start, a task's due time), or at its creation.
    pub async fn log_activity(
        &self,
        actor: &Actor,
        activity_object: &str,
        input: &Map<String, Json>,
        record: (&str, Uuid),
    ) -> Result<Record> {
        let (activity_object, input, record_object, record_id) =
            (activity_object.to_owned(), input.clone(), record.0.to_owned(), record.1);
        self.transaction(actor, move |tx| {
            Box::pin(async move {
                let made = tx.create(&activity_object, &input).await?;
                let def = tx.schema.object_by_api(&activity_object).map_err(rapport_store::StoreError::from)?;
                let at = crate::timeline::when_of(def, &made).unwrap_or(made.created_at);
                tx.link((&activity_object, made.id), (&record_object, record_id), at).await?;
                Ok(made)
            })
        })
        .await
    }

    pub async fn timeline(
        &self,
        actor: &Actor,
        object: &str,
        id: Uuid,
        before: Option<(OffsetDateTime, Uuid)>,
        limit: u64,
    ) -> Result<Vec<Link>> {
        Ok(self.store.timeline(actor, object, id, before, limit).await?)
    }

    pub async fn create_object(&self, actor: &Actor, object: ObjectDef) -> Result<ObjectDef> {
        Ok(self.store.create_object(actor, object).await?)
    }

    /// Renames, relabels or hides a custom object (labels only for standard ones).
    pub async fn update_object(&self, actor: &Actor, object: &str, patch: ObjectPatch) -> Result<ObjectDef> {
        Ok(self.store.update_object(actor, object, patch).await?)
    }

    pub async fn add_field(&self, actor: &Actor, object: &str, field: FieldDef) -> Result<FieldDef> {
        Ok(self.store.add_field(actor, object, field).await?)
    }

    /// Drops the data of a hidden custom field for good.
    pub async fn purge_field(&self, actor: &Actor, object: &str, field_id: &str) -> Result<()> {
        Ok(self.store.purge_field(actor, object, field_id).await?)
    }

    pub async fn update_field(
        &self,
        actor: &Actor,
        object: &str,
        field_id: &str,
        patch: FieldPatch,
    ) -> Result<FieldDef> {
        Ok(self.store.update_field(actor, object, field_id, patch).await?)
    }
}
