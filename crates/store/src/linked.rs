//! Reads across activity links for pages that show work to do: which records a page
//! of activities is linked to (a task's customer), and which records of a list meet
//! any of several conditions, one of which may be that nothing planned is linked to
//! them (a deal with no next step). Each is one statement, within the reader's reach
//! like every read: an activity the reader may not read links nothing, and counts for
//! nothing.

use rapport_model::filter::Filter;
use rapport_model::{Action, Actor, Logical, ObjectDef, SortKey, ValueContext};
use sea_query::{Cond, Expr, ExprTrait, NullOrdering, Order, Query, SimpleExpr};
use uuid::Uuid;

use crate::conn::{Backend, Cell, Conn};
use crate::error::{Result, StoreError};
use crate::filter::{Scope, compile, resolve_field};
use crate::page::{ListQuery, Reader, base_condition};
use crate::store::Store;
use crate::types::bind;

/// The most activities whose links one call reads.
pub const MAX_ACTIVITIES: usize = 500;
/// The most records one flagged read returns.
pub const MAX_FLAGGED: u32 = 200;

/// One activity on one record's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityLink {
    pub activity_id: Uuid,
    /// The record's object, by id (`company`).
    pub record_object: String,
    pub record_id: Uuid,
}

/// A condition that flags a record of a [`FlagQuery`].
#[derive(Debug, Clone)]
pub enum Flag {
    /// The record matches the filter.
    Matches(Filter),
    /// No live activity linked to the record matches its object's filter: each entry
    /// is an activity object (API name) and which of its records count.
    NothingLinked(Vec<(String, Filter)>),
}

/// Records of a list that meet at least one of `flags`.
#[derive(Debug, Clone, Default)]
pub struct FlagQuery {
    /// Which records (filter and search); `sort` orders the answer (empty values
    /// last), `limit` bounds it (at most [`MAX_FLAGGED`]).
    pub list: ListQuery,
    pub flags: Vec<Flag>,
}

/// A record a [`FlagQuery`] kept, with which of its flags it meets (in their order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flagged {
    pub id: Uuid,
    pub flags: Vec<bool>,
}

/// The live rows of `object` the actor may read, as a condition on its table, or
/// `None` when the object is out of its reach altogether.
fn readable_rows(b: Backend, object: &ObjectDef, actor: &Actor) -> Result<Option<Cond>> {
    let table = object.table();
    let mut cond = Cond::all().add(Expr::col((table, "deleted_at".to_owned())).is_null());
    match crate::access::row_condition(b, object, actor, Action::Read) {
        Ok(Some(reach)) => cond = cond.add(reach),
        Ok(None) => {}
        Err(StoreError::Forbidden { .. }) => return Ok(None),
        Err(e) => return Err(e),
    }
    Ok(Some(cond))
}

/// The links of `ids`, activities of `activity` (the reader's view of it): one
/// statement, the activities the reader may not read left out.
async fn links_of(conn: &Conn<'_>, actor: &Actor, activity: &ObjectDef, ids: &[Uuid]) -> Result<Vec<ActivityLink>> {
    let b = conn.backend();
    let Some(readable) = readable_rows(b, activity, actor)? else { return Ok(Vec::new()) };
    let table = activity.table();
    let list = ids.iter().map(|id| bind(b, Logical::Uuid, &Cell::Uuid(*id))).collect::<Result<Vec<_>>>()?;
    let readable = Query::select()
        .expr(Expr::cust("1"))
        .from(table.clone())
        .and_where(Expr::col((table, "id".to_owned())).equals(("activity_links", "activity_id")))
        .cond_where(readable)
        .to_owned();
    let select = Query::select()
        .columns([
            ("activity_links", "activity_id"),
            ("activity_links", "record_object"),
            ("activity_links", "record_id"),
        ])
        .from("activity_links")
        .and_where(Expr::col(("activity_links", "activity_object")).eq(bind(
            b,
            Logical::Text,
            &Cell::Text(activity.id.clone()),
        )?))
        .and_where(Expr::col(("activity_links", "activity_id")).is_in(list))
        .and_where(Expr::col(("activity_links", "live")).eq(bind(b, Logical::Boolean, &Cell::Bool(true))?))
        .and_where(Expr::exists(readable))
        .order_by(("activity_links", "at"), Order::Asc)
        .order_by(("activity_links", "record_object"), Order::Asc)
        .to_owned();
    let rows = conn.query(&select, &[Logical::Uuid, Logical::Text, Logical::Uuid]).await?;
    rows.into_iter()
        .map(|row| {
            let mut c = row.into_iter();
            let bad = || StoreError::Database("malformed activity link".into());
            Ok(ActivityLink {
                activity_id: c.next().and_then(|x| x.as_uuid()).ok_or_else(bad)?,
                record_object: c.next().and_then(Cell::into_text).ok_or_else(bad)?,
                record_id: c.next().and_then(|x| x.as_uuid()).ok_or_else(bad)?,
            })
        })
        .collect()
}

/// `EXISTS` a live link from the record (a row of `object`'s table) to an activity
/// that one of `activities` keeps (each the reader's view of an activity object and
/// its compiled condition), among the activities the reader may read.
fn linked_exists(
    b: Backend,
    object: &ObjectDef,
    actor: &Actor,
    activities: &[(ObjectDef, SimpleExpr)],
) -> Result<SimpleExpr> {
    let mut any = Cond::any();
    for (activity, condition) in activities {
        let Some(readable) = readable_rows(b, activity, actor)? else { continue };
        let table = activity.table();
        let matching = Query::select()
            .expr(Expr::cust("1"))
            .from(table.clone())
            .and_where(Expr::col((table, "id".to_owned())).equals(("activity_links", "activity_id")))
            .cond_where(readable)
            .and_where(condition.clone())
            .to_owned();
        let is_object = Expr::col(("activity_links", "activity_object")).eq(bind(
            b,
            Logical::Text,
            &Cell::Text(activity.id.clone()),
        )?);
        any = any.add(Cond::all().add(is_object).add(Expr::exists(matching)));
    }
    if any.is_empty() {
        return Ok(Expr::cust("1 = 0"));
    }
    let links = Query::select()
        .expr(Expr::cust("1"))
        .from("activity_links")
        .and_where(Expr::col(("activity_links", "record_object")).eq(bind(
            b,
            Logical::Text,
            &Cell::Text(object.id.clone()),
        )?))
        .and_where(Expr::col(("activity_links", "record_id")).equals((object.table(), "id".to_owned())))
        .and_where(Expr::col(("activity_links", "live")).eq(bind(b, Logical::Boolean, &Cell::Bool(true))?))
        .cond_where(any)
        .to_owned();
    Ok(Expr::exists(links))
}

/// Whether `condition` holds, as a yes/no column both databases read alike (false
/// where it is unknown: a comparison with an empty value). The values are literals:
/// PostgreSQL would type bound parameters in a `CASE` as text.
fn as_flag(condition: SimpleExpr) -> SimpleExpr {
    Expr::case(condition, Expr::cust("TRUE")).finally(Expr::cust("FALSE")).into()
}

/// The records of `object` (the reader's view) that `query` keeps and that meet one of
/// its flags, with which: one statement.
pub async fn flagged(
    conn: &Conn<'_>,
    reader: Reader<'_>,
    values: &ValueContext,
    (object, activities): (&ObjectDef, &[ObjectDef]),
    query: &FlagQuery,
) -> Result<Vec<Flagged>> {
    let b = conn.backend();
    let actor = reader.actor;
    let table = object.table();
    let scope = |object| Scope { backend: b, object, actor, values };
    let mut conditions = Vec::with_capacity(query.flags.len());
    for flag in &query.flags {
        conditions.push(match flag {
            Flag::Matches(filter) => compile(&scope(object), filter)?,
            Flag::NothingLinked(which) => {
                let mut compiled = Vec::with_capacity(which.len());
                for (name, filter) in which {
                    let activity = activities
                        .iter()
                        .find(|a| a.api_name == *name)
                        .ok_or_else(|| rapport_model::ModelError::UnknownObject(name.clone()))?;
                    compiled.push((activity.clone(), compile(&scope(activity), filter)?));
                }
                linked_exists(b, object, actor, &compiled)?.not()
            }
        });
    }
    if conditions.is_empty() {
        return Ok(Vec::new());
    }
    let mut select = Query::select();
    select.column((table.clone(), "id".to_owned()));
    let mut kinds = vec![Logical::Uuid];
    let mut any = Cond::any();
    for condition in &conditions {
        select.expr(as_flag(condition.clone()));
        kinds.push(Logical::Boolean);
        any = any.add(condition.clone());
    }
    select.from(table.clone()).cond_where(base_condition(b, object, reader, values, &query.list)?).cond_where(any);
    for key in &query.list.sort {
        order_by(&mut select, object, key)?;
    }
    select.order_by((table, "id".to_owned()), Order::Asc).limit(u64::from(query.list.limit.clamp(1, MAX_FLAGGED)));
    let rows = conn.query(&select, &kinds).await?;
    rows.into_iter()
        .map(|row| {
            let mut cells = row.into_iter();
            let id = cells.next().and_then(|c| c.as_uuid()).ok_or_else(|| StoreError::Database("no id".into()))?;
            Ok(Flagged { id, flags: cells.map(|c| matches!(c, Cell::Bool(true))).collect() })
        })
        .collect()
}

/// Orders by a sort key's column, records without a value last.
fn order_by(select: &mut sea_query::SelectStatement, object: &ObjectDef, key: &SortKey) -> Result<()> {
    let field = resolve_field(object, &key.field)?;
    let Some(column) = field.columns().into_iter().next() else { return Ok(()) };
    let order = if key.descending { Order::Desc } else { Order::Asc };
    select.order_by_with_nulls((object.table(), column.name), order, NullOrdering::Last);
    Ok(())
}

impl Store {
    /// Which records each of `ids` — activities of `activity_object` (API name) — is
    /// linked to, for the activities `actor` may read: one statement. Whether the
    /// actor may read each linked record is for the read of those records to say.
    pub async fn links_of(&self, actor: &Actor, activity_object: &str, ids: &[Uuid]) -> Result<Vec<ActivityLink>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        ids.truncate(MAX_ACTIVITIES);
        let schema = self.schema().await?;
        let activity = schema.object_by_api(activity_object)?.clone();
        if !activity.is_activity {
            return Ok(Vec::new());
        }
        let actor = actor.clone();
        self.db()
            .read(move |c| {
                Box::pin(async move {
                    let view = actor.view(&activity);
                    links_of(c, &actor, &view, &ids).await
                })
            })
            .await
    }

    /// The records of `object` that `query` keeps and that meet one of its flags, as
    /// `actor` reads them (see [`flagged`]).
    pub async fn flagged(&self, actor: &Actor, object: &str, query: FlagQuery) -> Result<Vec<Flagged>> {
        let schema = self.schema().await?;
        let object = schema.object_by_api(object)?.clone();
        let activities: Vec<ObjectDef> = schema.all().filter(|o| o.is_activity).cloned().collect();
        let (actor, values) = (actor.clone(), self.values().clone());
        self.db()
            .read(move |c| {
                Box::pin(async move {
                    let view = actor.view(&object);
                    let activities: Vec<ObjectDef> = activities.iter().map(|a| actor.view(a).into_owned()).collect();
                    let reader = Reader { actor: &actor, action: Action::Read, cursor_key: &[] };
                    flagged(c, reader, &values, (&view, &activities), &query).await
                })
            })
            .await
    }
}
