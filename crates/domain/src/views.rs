//! Saved list views and recently viewed records: what a user keeps of their lists.
//!
//! A saved view names a filter, a sort, the columns and the search words of one
//! object's list. It is its owner's, and the owner may share it: everyone who may read
//! the object then finds it in their list of views, but only the owner (or an
//! administrator) changes or deletes it. A view is checked when it is saved against
//! the object as the saver sees it — the filter and sort by the same rules a list
//! applies them — so a view that is saved can be used; fields hidden later are left
//! out of its columns when it is read, and a shared view whose filter or sort names a
//! field hidden from a reader is not offered to that reader at all.
//!
//! Recently viewed records are noted as a user opens them, at most
//! [`RECENT_PER_USER`] a user. What a user may read can change after they opened a
//! record (another team, another role, the record deleted), so the list is filtered
//! by what they may read when it is asked for, never when it is written.

use std::collections::{BTreeMap, HashMap, HashSet};

use rapport_model::access::Reach;
use rapport_model::filter::FilterError;
use rapport_model::{Action, Actor, FieldError, ModelError, ObjectDef, Reason, Record};
use rapport_store::StoreError;
use rapport_store::views::{self, RecentRow, ViewRow};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crm::Crm;
use crate::error::{DomainError, Result};

pub use rapport_store::views::RECENT_PER_USER;

/// The longest view name, in characters.
pub const MAX_NAME: u32 = 100;
/// The longest filter text, in characters (the parser bounds its conditions too).
pub const MAX_FILTER: u32 = 10_000;
/// The longest sort text and search words, in characters: a few keys, a few words.
pub const MAX_SORT: u32 = 500;
pub const MAX_Q: u32 = 500;
/// The longest column list, in characters.
pub const MAX_COLUMNS: u32 = 5_000;

/// A saved view as the interfaces see it, for the actor who asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedView {
    pub id: Uuid,
    /// The object's API name (`people`).
    pub object: String,
    pub owner_id: Uuid,
    pub name: String,
    /// Listed to everyone who may read the object.
    pub shared: bool,
    /// In the API's filter syntax; empty for none.
    pub filter: String,
    /// In the API's sort syntax (`name[asc],created_at[desc]`); empty for the default.
    pub sort: String,
    /// Field API names in order (none: the list's default columns). Fields the actor
    /// may not see, or that were hidden since, are left out.
    pub columns: Vec<String>,
    /// Full-text search words; empty for none.
    pub q: String,
    /// Whether the actor may change and delete it: its owner or an administrator.
    pub editable: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A view to save, as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewInput {
    /// The object's API name (`people`) or id (`person`). A saved view keeps its
    /// object: an update naming another one is refused.
    pub object: String,
    pub name: String,
    pub shared: bool,
    pub filter: String,
    pub sort: String,
    /// Field API names, comma-separated.
    pub columns: String,
    pub q: String,
}

/// A view's values once checked: trimmed, the columns without repeats.
struct Checked {
    name: String,
    filter: String,
    sort: String,
    columns: String,
    q: String,
}

fn forbidden(action: &'static str) -> DomainError {
    StoreError::Forbidden { object: "saved_views".into(), action }.into()
}

fn not_found(id: Uuid) -> StoreError {
    StoreError::NotFound { object: "saved_views".into(), id }
}

/// The owner and administrators change a view. Someone else gets `forbidden` for a
/// shared view (they can see it) and `not_found` for a private one (they cannot).
fn check_may_change(actor: &Actor, row: &ViewRow) -> rapport_store::Result<()> {
    if actor.is_admin() || actor.user_id() == Some(row.owner_id) {
        Ok(())
    } else if row.shared {
        Err(StoreError::Forbidden { object: "saved_views".into(), action: "change" })
    } else {
        Err(not_found(row.id))
    }
}

/// Whether the actor may read records of the object at all (hidden objects are for
/// administrators only), as the store decides for a list.
fn may_read(actor: &Actor, object: &ObjectDef) -> bool {
    (!object.hidden || actor.is_admin()) && actor.reach(&object.id, Action::Read) != Reach::None
}

/// A syntax error of a filter or sort, said as the API says it.
fn syntax(e: &FilterError) -> String {
    format!("{} (at character {})", e.kind, e.position)
}

/// `text` is at most `max` characters.
fn within(errors: &mut Vec<FieldError>, field: &str, text: &str, max: u32) -> bool {
    let fits = text.chars().count() <= max as usize;
    if !fits {
        errors.push(FieldError::new(field, Reason::TooLong { max }));
    }
    fits
}

/// The column list as stored (`a,b,c`): each a field of `view` (the saver's view of
/// the object) or a system field, each once.
fn check_columns(errors: &mut Vec<FieldError>, view: &ObjectDef, text: &str) -> String {
    let mut seen = HashSet::new();
    let mut columns = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if rapport_store::filter::resolve_field(view, name).is_err() {
            errors.push(FieldError::new("columns", Reason::UnknownOption { value: name.to_owned() }));
        } else if seen.insert(name) {
            columns.push(name);
        }
    }
    columns.join(",")
}

/// The columns of a stored view that `view` (the reader's view of the object) still
/// has.
fn visible_columns(view: &ObjectDef, columns: &str) -> Vec<String> {
    columns
        .split(',')
        .filter(|n| !n.is_empty() && rapport_store::filter::resolve_field(view, n).is_ok())
        .map(str::to_owned)
        .collect()
}

/// Whether every field a stored view's filter and sort name is one of `view` (the
/// reader's view of the object). A view shared by someone who sees more is not
/// offered to a reader from whom one of its fields is hidden: its filter text would
/// show them the field and the values it is compared with, and they could not apply
/// it anyway (a list treats a hidden field as unknown). Its columns need no such
/// care — hidden ones are left out — and its search words are shared as written.
fn names_only_visible_fields(view: &ObjectDef, row: &ViewRow) -> bool {
    let visible = |name: &str| rapport_store::filter::resolve_field(view, name).is_ok();
    let filter_ok = row.filter.trim().is_empty()
        || rapport_model::filter::parse(&row.filter).is_ok_and(|f| f.field_names().into_iter().all(visible));
    let sort_ok = row.sort.trim().is_empty()
        || rapport_model::sort::parse_sort(&row.sort).is_ok_and(|keys| keys.iter().all(|k| visible(&k.field)));
    filter_ok && sort_ok
}

impl Crm {
    /// The object named `object_api` (API name or id), if the actor may read its
    /// records; an object it may not read is `forbidden`, as its list would be.
    async fn readable_object(&self, actor: &Actor, object_api: &str) -> Result<ObjectDef> {
        let schema = self.store().schema().await?;
        let object = schema.object_by_api(object_api).map_err(StoreError::from)?;
        if !may_read(actor, object) {
            return Err(rapport_store::access::forbidden(object, Action::Read).into());
        }
        Ok(object.clone())
    }

    /// Checks a view against `object` as the actor sees it: every problem is named by
    /// its field, all of them at once, and nothing is written when there is one.
    fn check_view(&self, actor: &Actor, object: &ObjectDef, input: &ViewInput) -> Result<Checked> {
        let view = actor.view(object);
        let mut errors = Vec::new();
        let name = input.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new("name", Reason::Required));
        } else {
            within(&mut errors, "name", name, MAX_NAME);
        }
        let filter = input.filter.trim();
        if !filter.is_empty() && within(&mut errors, "filter", filter, MAX_FILTER) {
            // Compiled as a list would compile it: unknown or hidden fields, operators
            // that do not apply and values that do not fit are found now, not when
            // the view is opened.
            let scope = rapport_store::filter::Scope {
                backend: self.store().backend(),
                object: &view,
                actor,
                values: self.store().values(),
            };
            let problem = match rapport_model::filter::parse(filter) {
                Ok(parsed) => rapport_store::filter::compile(&scope, &parsed).err().map(|e| e.to_string()),
                Err(e) => Some(syntax(&e)),
            };
            if let Some(detail) = problem {
                errors.push(FieldError::new("filter", Reason::Malformed { detail }));
            }
        }
        let sort = input.sort.trim();
        if !sort.is_empty() && within(&mut errors, "sort", sort, MAX_SORT) {
            let problem = match rapport_model::sort::parse_sort(sort) {
                Ok(keys) => rapport_store::page::check_sort(&view, &keys).err().map(|e| e.to_string()),
                Err(e) => Some(syntax(&e)),
            };
            if let Some(detail) = problem {
                errors.push(FieldError::new("sort", Reason::Malformed { detail }));
            }
        }
        let columns = if within(&mut errors, "columns", &input.columns, MAX_COLUMNS) {
            check_columns(&mut errors, &view, &input.columns)
        } else {
            String::new()
        };
        let q = input.q.trim();
        if within(&mut errors, "q", q, MAX_Q)
            && let Err(StoreError::Model(ModelError::Invalid(refused))) = rapport_store::search::check_search_text(q)
        {
            errors.extend(refused);
        }
        if !errors.is_empty() {
            return Err(StoreError::Model(ModelError::Invalid(errors)).into());
        }
        Ok(Checked {
            name: name.to_owned(),
            filter: filter.to_owned(),
            sort: sort.to_owned(),
            columns,
            q: q.to_owned(),
        })
    }

    /// The views of an object the actor may use: their own and the ones others
    /// shared, by name (folded, so case and accents do not scatter them; the actor's
    /// own first where names are equal). The object must be one the actor may read.
    pub async fn saved_views(&self, actor: &Actor, object_api: &str) -> Result<Vec<SavedView>> {
        let object = self.readable_object(actor, object_api).await?;
        let (object_id, owner) = (object.id.clone(), actor.user_id());
        let rows = self
            .store()
            .system_read(move |c| Box::pin(async move { views::views_of(c, &object_id, owner).await }))
            .await?;
        let view = actor.view(&object);
        let mut out: Vec<SavedView> = rows
            .into_iter()
            .filter(|row| Some(row.owner_id) == owner || names_only_visible_fields(&view, row))
            .map(|row| saved(actor, &object, &view, row))
            .collect();
        out.sort_by_cached_key(|v| {
            (rapport_model::fold(&v.name), v.name.clone(), Some(v.owner_id) != owner, v.created_at, v.id)
        });
        Ok(out)
    }

    /// Creates a view (`id` None) owned by the actor, or changes one (its owner or an
    /// administrator; the owner stays). Any signed-in user who may read the object
    /// may save views of it; a read-only token may not. A name the owner already gave
    /// another view of the object is `name_taken` on `name`.
    pub async fn save_view(&self, actor: &Actor, id: Option<Uuid>, input: ViewInput) -> Result<SavedView> {
        if actor.is_read_only() {
            return Err(forbidden("change"));
        }
        // A view belongs to a user; migrations and jobs only change existing ones.
        let owner = actor.user_id();
        if id.is_none() && owner.is_none() {
            return Err(forbidden("create"));
        }
        let object = self.readable_object(actor, &input.object).await?;
        let checked = self.check_view(actor, &object, &input)?;
        let (who, object_id) = (actor.clone(), object.id.clone());
        let row = self
            .system_write(move |c| {
                Box::pin(async move {
                    let now = rapport_store::now();
                    let existing = match id {
                        Some(id) => {
                            let row = views::view_for_update(c, id).await?.ok_or_else(|| not_found(id))?;
                            check_may_change(&who, &row)?;
                            if row.object_id != object_id {
                                return Err(DomainError::Store(ModelError::invalid("object", Reason::ReadOnly).into()));
                            }
                            Some(row)
                        }
                        None => None,
                    };
                    let row = ViewRow {
                        id: id.unwrap_or_else(Uuid::now_v7),
                        object_id,
                        owner_id: match (&existing, owner) {
                            (Some(row), _) => row.owner_id,
                            (None, Some(owner)) => owner,
                            (None, None) => return Err(forbidden("create")),
                        },
                        name: checked.name,
                        shared: input.shared,
                        filter: checked.filter,
                        sort: checked.sort,
                        columns: checked.columns,
                        q: checked.q,
                        created_at: existing.as_ref().map_or(now, |r| r.created_at),
                        updated_at: now,
                    };
                    match existing {
                        Some(_) => views::update_view(c, &row).await?,
                        None => views::insert_view(c, &row).await?,
                    }
                    Ok(row)
                })
            })
            .await?;
        Ok(saved(actor, &object, &actor.view(&object), row))
    }

    /// Deletes a view (its owner or an administrator; not with a read-only token).
    pub async fn delete_view(&self, actor: &Actor, id: Uuid) -> Result<()> {
        if actor.is_read_only() {
            return Err(forbidden("change"));
        }
        let who = actor.clone();
        self.system_write(move |c| {
            Box::pin(async move {
                let row = views::view_for_update(c, id).await?.ok_or_else(|| not_found(id))?;
                check_may_change(&who, &row)?;
                views::delete_view(c, id).await?;
                Ok(())
            })
        })
        .await?;
        Ok(())
    }

    /// Notes that the actor opened a record, for their recently viewed list. Only
    /// users have one: for the system actor, and through a read-only token (which
    /// changes nothing), it does nothing. The record itself is not read here — the
    /// caller has just shown it, and the list checks every record again when read —
    /// but the object must be one the actor may read.
    pub async fn record_view(&self, actor: &Actor, object_api: &str, record_id: Uuid) -> Result<()> {
        let Some(user_id) = actor.user_id() else { return Ok(()) };
        if actor.is_read_only() {
            return Ok(());
        }
        let object = self.readable_object(actor, object_api).await?;
        self.system_write(move |c| {
            Box::pin(
                async move { Ok(views::record_recent(c, user_id, &object.id, record_id, rapport_store::now()).await?) },
            )
        })
        .await?;
        Ok(())
    }

    /// The records the actor opened last, newest first, at most `limit` (and at most
    /// [`RECENT_PER_USER`]), each with its object's API name. Only the ones the actor
    /// may still read are given: deleted records, records of objects or teams out of
    /// reach now, are left out. One statement per object, not per record.
    pub async fn recent_records(&self, actor: &Actor, limit: usize) -> Result<Vec<(String, Record)>> {
        let Some(user_id) = actor.user_id() else { return Ok(Vec::new()) };
        if limit == 0 {
            return Ok(Vec::new());
        }
        // All that is kept, not just `limit`: the ones the actor may no longer read
        // leave room for older ones that they may.
        let rows: Vec<RecentRow> = self
            .store()
            .system_read(move |c| Box::pin(async move { views::recent_of(c, user_id, RECENT_PER_USER).await }))
            .await?;
        let mut ids_by_object: BTreeMap<&str, Vec<Uuid>> = BTreeMap::new();
        for row in &rows {
            ids_by_object.entry(row.object_id.as_str()).or_default().push(row.record_id);
        }
        let schema = self.store().schema().await?;
        let mut found: HashMap<(&str, Uuid), (String, Record)> = HashMap::new();
        for (object_id, ids) in ids_by_object {
            // An object since removed, hidden or out of the actor's reach: none of its
            // records are shown, and that is no error.
            let Some(object) = schema.object(object_id).ok().filter(|o| may_read(actor, o)) else { continue };
            for record in self.by_ids(actor, &object.api_name, &ids).await? {
                found.insert((object_id, record.id), (object.api_name.clone(), record));
            }
        }
        Ok(rows
            .iter()
            .filter_map(|row| found.remove(&(row.object_id.as_str(), row.record_id)))
            .take(limit.min(RECENT_PER_USER as usize))
            .collect())
    }
}

/// A stored view as `actor` sees it: `view` is the actor's view of `object`.
fn saved(actor: &Actor, object: &ObjectDef, view: &ObjectDef, row: ViewRow) -> SavedView {
    SavedView {
        id: row.id,
        object: object.api_name.clone(),
        owner_id: row.owner_id,
        columns: visible_columns(view, &row.columns),
        editable: !actor.is_read_only() && (actor.is_admin() || actor.user_id() == Some(row.owner_id)),
        name: row.name,
        shared: row.shared,
        filter: row.filter,
        sort: row.sort,
        q: row.q,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}
