//! Activity links: an activity (task, call, meeting, note, attachment) linked to any
//! number of records. A record's timeline is one keyset-paged query over the links,
//! newest first.
//!
//! A link's `at` is when its entry sits on the timeline: for an activity whose object
//! says when its records happen (`behaviour.calendar.start`: a call's start, a
//! meeting's, a task's due time) that time, or the activity's creation when it has
//! none; for other activities (notes, files) the time it was linked with. It follows
//! the activity: an update that moves the time moves every link of it
//! ([`follow_when`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rapport_model::access::Reach;
use rapport_model::{Action, Actor, FieldError, Logical, ModelError, ObjectDef, Reason, Schema};
use sea_query::{Cond, Expr, ExprTrait, OnConflict, Order, Query};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Backend, Cell, Conn};
use crate::error::{Result, StoreError};
use crate::types::bind;

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub activity_object: String,
    pub activity_id: Uuid,
    pub at: OffsetDateTime,
}

/// Links an activity to a record (idempotent).
pub async fn link(
    conn: &Conn<'_>,
    activity_object: &str,
    activity_id: Uuid,
    record_object: &str,
    record_id: Uuid,
    at: OffsetDateTime,
) -> Result<()> {
    let b = conn.backend();
    let insert = Query::insert()
        .into_table("activity_links")
        .columns(["activity_object", "activity_id", "record_object", "record_id", "at", "live"])
        .values_panic([
            bind(b, Logical::Text, &Cell::Text(activity_object.into()))?,
            bind(b, Logical::Uuid, &Cell::Uuid(activity_id))?,
            bind(b, Logical::Text, &Cell::Text(record_object.into()))?,
            bind(b, Logical::Uuid, &Cell::Uuid(record_id))?,
            bind(b, Logical::DateTime, &Cell::DateTime(at))?,
            bind(b, Logical::Boolean, &Cell::Bool(true))?,
        ])
        .on_conflict(
            OnConflict::columns(["activity_object", "activity_id", "record_object", "record_id"])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    conn.execute(&insert).await?;
    Ok(())
}

/// The two ends of a link: an activity and the record whose timeline shows it.
pub struct Ends<'a> {
    pub activity: (&'a ObjectDef, Uuid),
    pub record: (&'a ObjectDef, Uuid),
}

/// Links an activity the actor may edit to a record it may read, and notes it in
/// the record's audit trail and its events.
pub async fn link_checked(conn: &Conn<'_>, actor: &Actor, ends: Ends<'_>, at: OffsetDateTime) -> Result<()> {
    let ((activity, activity_id), (record, record_id)) = (ends.activity, ends.record);
    if !activity.is_activity {
        return Err(rapport_model::ModelError::invalid(
            "activity",
            rapport_model::Reason::UnknownObject { name: activity.api_name.clone() },
        )
        .into());
    }
    crate::records::require(conn, actor, activity, activity_id, Action::Edit).await?;
    crate::records::require(conn, actor, record, record_id, Action::Read).await?;
    link(conn, &activity.id, activity_id, &record.id, record_id, at).await?;
    let change = crate::audit::Change {
        action: crate::audit::Action::Link,
        field_id: None,
        old: None,
        new: Some(json!({ "object": activity.id, "id": activity_id.to_string() })),
    };
    crate::audit::write(conn, actor, &record.id, record_id, vec![change]).await?;
    let event = crate::record_events::NewEvent {
        activity: Some((&activity.id, activity_id)),
        ..crate::record_events::NewEvent::bare(&record.id, record_id, crate::record_events::Kind::Linked)
    };
    crate::record_events::append(conn, actor.user_id(), event).await
}

/// Fails with `not_found` unless the actor may read the live record.
async fn require_readable(conn: &Conn<'_>, actor: &Actor, object: &ObjectDef, id: Uuid) -> Result<()> {
    match crate::records::get(conn, actor, object, id, false).await? {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound { object: object.api_name.clone(), id }),
    }
}

/// Which activities of a timeline an actor may read: per activity object, its reach.
pub struct Readable {
    objects: Vec<(std::sync::Arc<ObjectDef>, Reach)>,
}

impl Readable {
    pub fn of(schema: &Schema, actor: &Actor) -> Readable {
        let objects = schema
            .objects
            .values()
            .filter(|o| o.is_activity)
            // A hidden object is for administrators: for others its activities are
            // simply not on timelines.
            .map(|o| {
                let reach = if o.hidden && !actor.is_admin() { Reach::None } else { actor.reach(&o.id, Action::Read) };
                (o.clone(), reach)
            })
            .collect();
        Readable { objects }
    }

    /// The audit entries without the `link` entries whose activity the actor may not
    /// read: one statement per activity object the actor reaches in part.
    pub async fn keep_readable_links(
        &self,
        conn: &Conn<'_>,
        actor: &Actor,
        entries: Vec<crate::audit::AuditEntry>,
    ) -> Result<Vec<crate::audit::AuditEntry>> {
        let linked = |e: &crate::audit::AuditEntry| -> Option<(String, Uuid)> {
            let value = e.new_value.as_ref().filter(|_| e.action == "link")?;
            Some((value.get("object")?.as_str()?.to_owned(), value.get("id")?.as_str()?.parse().ok()?))
        };
        let mut readable = std::collections::HashSet::new();
        for (object, reach) in &self.objects {
            let ids: Vec<Uuid> =
                entries.iter().filter_map(linked).filter(|(o, _)| *o == object.id).map(|(_, id)| id).collect();
            match reach {
                _ if ids.is_empty() => {}
                Reach::None => {}
                Reach::All => readable.extend(ids.into_iter().map(|id| (object.id.clone(), id))),
                Reach::Own | Reach::Team => {
                    let b = conn.backend();
                    let list =
                        ids.iter().map(|id| bind(b, Logical::Uuid, &Cell::Uuid(*id))).collect::<Result<Vec<_>>>()?;
                    let mut select = Query::select();
                    select.column((object.table(), "id".to_owned())).from(object.table());
                    select.and_where(Expr::col((object.table(), "id".to_owned())).is_in(list));
                    if let Some(cond) = crate::access::row_condition(b, object, actor, Action::Read)? {
                        select.and_where(cond);
                    }
                    for row in conn.query(&select, &[Logical::Uuid]).await? {
                        readable.extend(row.first().and_then(Cell::as_uuid).map(|id| (object.id.clone(), id)));
                    }
                }
            }
        }
        Ok(entries.into_iter().filter(|e| linked(e).is_none_or(|link| readable.contains(&link))).collect())
    }

    /// The condition on `activity_links` that keeps the readable activities, or none
    /// when every activity is readable: one EXISTS per object the actor reaches only
    /// in part, so the page stays one statement.
    fn condition(&self, b: Backend, actor: &Actor) -> Result<Option<Cond>> {
        if self.objects.iter().all(|(_, reach)| *reach == Reach::All) {
            return Ok(None);
        }
        let mut any = Cond::any();
        for (object, reach) in &self.objects {
            let is_object = Expr::col(("activity_links", "activity_object")).eq(bind(
                b,
                Logical::Text,
                &Cell::Text(object.id.clone()),
            )?);
            match reach {
                Reach::None => {}
                Reach::All => any = any.add(is_object),
                Reach::Own | Reach::Team => {
                    let Some(reach) = crate::access::row_condition(b, object, actor, Action::Read)? else { continue };
                    let table = object.table();
                    let owned = Query::select()
                        .expr(Expr::cust("1"))
                        .from(table.clone())
                        .and_where(Expr::col((table, "id".to_owned())).equals(("activity_links", "activity_id")))
                        .and_where(reach)
                        .to_owned();
                    any = any.add(Cond::all().add(is_object).add(Expr::exists(owned)));
                }
            }
        }
        if any.is_empty() {
            any = any.add(Expr::cust("1 = 0"));
        }
        Ok(Some(any))
    }
}

/// A page of a record's timeline, newest first, after `before` (`at`, activity id),
/// with only the activities `readable` lets the actor see.
pub async fn page(
    conn: &Conn<'_>,
    record_object: &str,
    record_id: Uuid,
    readable: (&Readable, &Actor),
    before: Option<(OffsetDateTime, Uuid)>,
    limit: u64,
) -> Result<Vec<Link>> {
    page_in(conn, (record_object, record_id), readable, &Window::everything(), before, limit).await
}

/// Which part of a timeline a read is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Every entry, newest first.
    All,
    /// What is still to come, soonest first: the activities of objects with done
    /// states that are not done (an open task, overdue or not), and the others whose
    /// time is after `now` (a meeting next week).
    Upcoming,
    /// The rest, newest first.
    History,
}

/// A part of a timeline, maybe of some activity objects only (by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub part: Part,
    pub now: OffsetDateTime,
    pub objects: Option<Vec<String>>,
}

impl Window {
    pub fn everything() -> Window {
        Window { part: Part::All, now: crate::now(), objects: None }
    }
}

/// The base of every timeline read: the record's live links the actor may read, of
/// the window's objects.
fn links_of(
    b: Backend,
    record: (&str, Uuid),
    readable: (&Readable, &Actor),
    objects: Option<&[String]>,
) -> Result<sea_query::SelectStatement> {
    let mut select = Query::select();
    if let Some(cond) = readable.0.condition(b, readable.1)? {
        select.cond_where(cond);
    }
    select
        .from("activity_links")
        .and_where(Expr::col(("activity_links", "record_object")).eq(bind(
            b,
            Logical::Text,
            &Cell::Text(record.0.into()),
        )?))
        .and_where(Expr::col(("activity_links", "record_id")).eq(bind(b, Logical::Uuid, &Cell::Uuid(record.1))?))
        .and_where(Expr::col(("activity_links", "live")).eq(bind(b, Logical::Boolean, &Cell::Bool(true))?));
    if let Some(objects) = objects {
        let ids = objects.iter().map(|o| bind(b, Logical::Text, &Cell::Text(o.clone()))).collect::<Result<Vec<_>>>()?;
        select.and_where(Expr::col(("activity_links", "activity_object")).is_in(ids));
    }
    Ok(select)
}

/// What makes a link upcoming: for each activity object with done states, that its
/// activity is not done (one EXISTS on its table); for the others, a time after `now`.
fn upcoming(b: Backend, readable: &Readable, now: OffsetDateTime) -> Result<Cond> {
    let mut any = Cond::any();
    let mut with_states = Vec::new();
    for (object, _) in &readable.objects {
        let Some(done) = object.behaviour.done() else { continue };
        let Some(field) = object.field(&done.field) else { continue };
        let Some(column) = field.columns().into_iter().next() else { continue };
        let table = object.table();
        let column = (table.clone(), column.name);
        let values =
            done.values.iter().map(|v| bind(b, Logical::Text, &Cell::Text(v.clone()))).collect::<Result<Vec<_>>>()?;
        let not_done = Cond::any().add(Expr::col(column.clone()).is_null()).add(Expr::col(column).is_not_in(values));
        let open = Query::select()
            .expr(Expr::cust("1"))
            .from(table.clone())
            .and_where(Expr::col((table, "id".to_owned())).equals(("activity_links", "activity_id")))
            .cond_where(not_done)
            .to_owned();
        let is_object = Expr::col(("activity_links", "activity_object")).eq(bind(
            b,
            Logical::Text,
            &Cell::Text(object.id.clone()),
        )?);
        any = any.add(Cond::all().add(is_object).add(Expr::exists(open)));
        with_states.push(bind(b, Logical::Text, &Cell::Text(object.id.clone()))?);
    }
    let later = Expr::col(("activity_links", "at")).gt(bind(b, Logical::DateTime, &Cell::DateTime(now))?);
    let timed = if with_states.is_empty() {
        Cond::all().add(later)
    } else {
        Cond::all().add(Expr::col(("activity_links", "activity_object")).is_not_in(with_states)).add(later)
    };
    Ok(any.add(timed))
}

/// A page of a part of a record's timeline: upcoming entries soonest first (the first
/// `limit`), the others newest first after `before` (`at`, activity id).
pub async fn page_in(
    conn: &Conn<'_>,
    record: (&str, Uuid),
    readable: (&Readable, &Actor),
    window: &Window,
    before: Option<(OffsetDateTime, Uuid)>,
    limit: u64,
) -> Result<Vec<Link>> {
    let b = conn.backend();
    let mut select = links_of(b, record, readable, window.objects.as_deref())?;
    select.columns([
        ("activity_links", "activity_object"),
        ("activity_links", "activity_id"),
        ("activity_links", "at"),
    ]);
    let order = match window.part {
        Part::All => Order::Desc,
        Part::Upcoming => {
            select.cond_where(upcoming(b, readable.0, window.now)?);
            Order::Asc
        }
        Part::History => {
            select.cond_where(upcoming(b, readable.0, window.now)?.not());
            Order::Desc
        }
    };
    select
        .order_by(("activity_links", "at"), order.clone())
        .order_by(("activity_links", "activity_id"), order)
        .limit(limit);
    if let Some((at, id)) = before.filter(|_| window.part != Part::Upcoming) {
        let position = Expr::tuple([Expr::col(("activity_links", "at")), Expr::col(("activity_links", "activity_id"))]);
        select.and_where(position.lt(Expr::tuple([
            bind(b, Logical::DateTime, &Cell::DateTime(at))?,
            bind(b, Logical::Uuid, &Cell::Uuid(id))?,
        ])));
    }
    let rows = conn.query(&select, &[Logical::Text, Logical::Uuid, Logical::DateTime]).await?;
    rows.into_iter()
        .map(|row| {
            let mut c = row.into_iter();
            let bad = || StoreError::Database("malformed activity link".into());
            Ok(Link {
                activity_object: c.next().and_then(Cell::into_text).ok_or_else(bad)?,
                activity_id: c.next().and_then(|x| x.as_uuid()).ok_or_else(bad)?,
                at: c.next().and_then(|x| x.as_datetime()).ok_or_else(bad)?,
            })
        })
        .collect()
}

/// How many live entries of each activity object (by id) a record's timeline holds
/// that the actor may read: one statement.
pub async fn kinds(conn: &Conn<'_>, record: (&str, Uuid), readable: (&Readable, &Actor)) -> Result<Vec<(String, i64)>> {
    let b = conn.backend();
    let mut select = links_of(b, record, readable, None)?;
    select
        .column(("activity_links", "activity_object"))
        .expr(Expr::cust("COUNT(*)"))
        .group_by_col(("activity_links", "activity_object"));
    let rows = conn.query(&select, &[Logical::Text, Logical::Integer]).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let mut c = row.into_iter();
            Some((c.next()?.into_text()?, c.next()?.as_i64()?))
        })
        .collect())
}

/// Moves every link of an activity to its new time (its object's `when` field changed):
/// `at` is the activity's `when`, or `created` when it has none.
pub async fn follow_when(
    conn: &Conn<'_>,
    activity_object: &str,
    activity_id: Uuid,
    when: Option<OffsetDateTime>,
    created: OffsetDateTime,
) -> Result<()> {
    let b = conn.backend();
    let update = Query::update()
        .table("activity_links")
        .value("at", bind(b, Logical::DateTime, &Cell::DateTime(when.unwrap_or(created)))?)
        .and_where(Expr::col("activity_object").eq(bind(b, Logical::Text, &Cell::Text(activity_object.into()))?))
        .and_where(Expr::col("activity_id").eq(bind(b, Logical::Uuid, &Cell::Uuid(activity_id))?))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}

/// Puts every link of an activity object's records at their time, as [`follow_when`]
/// does for one: after its `when` field was named or changed, and once for the links
/// made before links followed their activities. Only links not already there are
/// written.
pub async fn follow_when_all(conn: &Conn<'_>, object: &ObjectDef) -> Result<()> {
    let Some(when) = object.behaviour.when_field().and_then(|id| object.field(id)) else { return Ok(()) };
    let Some(column) = when.columns().into_iter().next() else { return Ok(()) };
    let b = conn.backend();
    let table = object.table();
    let time = || {
        Expr::cust(format!(
            "(SELECT COALESCE(a.\"{column}\", a.created_at) FROM \"{table}\" a WHERE a.id = activity_links.activity_id)",
            column = column.name
        ))
    };
    let update = Query::update()
        .table("activity_links")
        .value("at", time())
        .and_where(Expr::col("activity_object").eq(bind(b, Logical::Text, &Cell::Text(object.id.clone()))?))
        .and_where(Expr::expr(time()).is_not_null())
        .and_where(Expr::col("at").ne(time()))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}

/// A soft-deleted activity leaves every timeline it is on, and comes back with it on
/// restore.
pub async fn set_live(conn: &Conn<'_>, activity_object: &str, activity_id: Uuid, live: bool) -> Result<()> {
    let b = conn.backend();
    let update = Query::update()
        .table("activity_links")
        .value("live", bind(b, Logical::Boolean, &Cell::Bool(live))?)
        .and_where(Expr::col("activity_object").eq(bind(b, Logical::Text, &Cell::Text(activity_object.into()))?))
        .and_where(Expr::col("activity_id").eq(bind(b, Logical::Uuid, &Cell::Uuid(activity_id))?))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}

/// One activity to put on one record's timeline in [`crate::Store::bulk_link`]: the
/// objects by their API names.
#[derive(Debug, Clone, PartialEq)]
pub struct NewLink {
    pub activity: (String, Uuid),
    pub record: (String, Uuid),
    pub at: OffsetDateTime,
}

/// Links per unit of [`crate::Store::bulk_link`].
const LINK_CHUNK: usize = 5_000;

/// A link of a bulk call with its objects resolved: (activity object id, activity id,
/// record object id, record id, at).
type Resolved = (String, Uuid, String, Uuid, OffsetDateTime);

impl crate::Store {
    /// A part of the timeline of a record the actor may read (see [`page_in`]): the
    /// activities on it the actor may read.
    pub async fn timeline_part(
        &self,
        actor: &Actor,
        record: (&str, Uuid),
        window: Window,
        before: Option<(OffsetDateTime, Uuid)>,
        limit: u64,
    ) -> Result<Vec<Link>> {
        let (name, record_id) = (record.0.to_owned(), record.1);
        self.read(actor, move |r| {
            Box::pin(async move {
                let (c, actor, object) = (r.conn, r.actor, r.object(&name)?);
                require_readable(c, actor, object, record_id).await?;
                let readable = Readable::of(r.schema, actor);
                page_in(c, (&object.id, record_id), (&readable, actor), &window, before, limit).await
            })
        })
        .await
    }

    /// How many entries of each activity object (by API name) the timeline of a record
    /// the actor may read holds, of those the actor may read.
    pub async fn timeline_kinds(&self, actor: &Actor, record: (&str, Uuid)) -> Result<Vec<(String, i64)>> {
        let (name, record_id) = (record.0.to_owned(), record.1);
        self.read(actor, move |r| {
            Box::pin(async move {
                let (c, actor, object) = (r.conn, r.actor, r.object(&name)?);
                require_readable(c, actor, object, record_id).await?;
                let readable = Readable::of(r.schema, actor);
                let counts = kinds(c, (&object.id, record_id), (&readable, actor)).await?;
                Ok(counts
                    .into_iter()
                    .filter_map(|(id, n)| Some((r.schema.object(&id).ok()?.api_name.clone(), n)))
                    .collect())
            })
        })
        .await
    }

    /// Puts many activities on timelines at once (an import of past calls and
    /// meetings, a seed): each link is what [`link_checked`] makes of one — the link,
    /// an audit row and a `linked` event on the record — and is checked as it checks
    /// one (the activity's object is an activity object, the actor may edit the
    /// activity and read the record), all before anything is written: a call with any
    /// problem is refused whole, each error naming its item (`3.record`). Written
    /// [`LINK_CHUNK`] links to a unit; when a unit fails, the units before it stay
    /// written and the error says how many links they hold. Returns how many links
    /// were written (a link that already existed counts, as one link call would).
    pub async fn bulk_link(&self, actor: &Actor, links: Vec<NewLink>) -> Result<usize> {
        if links.is_empty() {
            return Ok(0);
        }
        let schema = self.schema().await?;
        let resolved = resolve_links(&schema, &links)?;
        let (checker, wanted) = (actor.clone(), wanted_records(&resolved));
        let live = self
            .inner
            .db
            .read(move |c| {
                Box::pin(async move {
                    let mut live = BTreeSet::new();
                    for ((object_id, action), ids) in wanted {
                        let table = format!("obj_{object_id}");
                        let found = crate::bulk::live_within(c, &checker, (&table, &object_id), action, &ids).await?;
                        live.extend(found.into_iter().map(|id| (object_id.clone(), action, id)));
                    }
                    Ok(live)
                })
            })
            .await?;
        let mut errors = Vec::new();
        for (i, (activity_object, activity_id, record_object, record_id, _)) in resolved.iter().enumerate() {
            let ends = [
                ("activity", activity_object, activity_id, Action::Edit),
                ("record", record_object, record_id, Action::Read),
            ];
            for (end, object_id, id, action) in ends {
                if !live.contains(&(object_id.clone(), action, *id)) {
                    errors.push(FieldError::new(format!("{i}.{end}"), Reason::UnknownRecord));
                }
            }
        }
        if !errors.is_empty() {
            return Err(ModelError::Invalid(errors).into());
        }
        let total = resolved.len();
        let mut written = 0;
        for chunk in resolved.chunks(LINK_CHUNK) {
            let (chunk, actor) = (chunk.to_vec(), actor.clone());
            let n = chunk.len();
            let outcome =
                self.inner.db.write(move |c| Box::pin(async move { write_links(c, &actor, chunk).await })).await;
            if let Err(e) = outcome {
                tracing::warn!(written, total, error = %e, "bulk link stopped part way");
                return Err(if written == 0 {
                    e
                } else {
                    StoreError::PartlyWritten { written, total, cause: Box::new(e) }
                });
            }
            written += n;
        }
        Ok(written)
    }
}

/// Each link's objects by id; an unknown object, or an activity whose object is not
/// an activity object, refuses the call (every such item named).
fn resolve_links(schema: &Schema, links: &[NewLink]) -> Result<Vec<Resolved>> {
    let mut by_name: HashMap<&str, Option<&ObjectDef>> = HashMap::new();
    fn object<'s, 'n>(
        by_name: &mut HashMap<&'n str, Option<&'s ObjectDef>>,
        schema: &'s Schema,
        name: &'n str,
    ) -> Option<&'s ObjectDef> {
        *by_name.entry(name).or_insert_with(|| schema.object_by_api(name).ok())
    }
    let mut errors = Vec::new();
    let mut resolved = Vec::with_capacity(links.len());
    for (i, link) in links.iter().enumerate() {
        let activity = object(&mut by_name, schema, &link.activity.0).filter(|o| o.is_activity);
        let record = object(&mut by_name, schema, &link.record.0);
        let unknown = |end: &str, name: &str| {
            FieldError::new(format!("{i}.{end}"), Reason::UnknownObject { name: name.to_owned() })
        };
        match (activity, record) {
            (Some(a), Some(r)) => resolved.push((a.id.clone(), link.activity.1, r.id.clone(), link.record.1, link.at)),
            (a, r) => {
                if a.is_none() {
                    errors.push(unknown("activity", &link.activity.0));
                }
                if r.is_none() {
                    errors.push(unknown("record", &link.record.0));
                }
            }
        }
    }
    if errors.is_empty() { Ok(resolved) } else { Err(ModelError::Invalid(errors).into()) }
}

/// The ids to look up, by object and by what the actor must be able to do with them:
/// edit the activities, read the records.
fn wanted_records(links: &[Resolved]) -> BTreeMap<(String, Action), Vec<Uuid>> {
    let mut wanted: BTreeMap<(String, Action), BTreeSet<Uuid>> = BTreeMap::new();
    for (activity_object, activity_id, record_object, record_id, _) in links {
        wanted.entry((activity_object.clone(), Action::Edit)).or_default().insert(*activity_id);
        wanted.entry((record_object.clone(), Action::Read)).or_default().insert(*record_id);
    }
    wanted.into_iter().map(|(key, ids)| (key, ids.into_iter().collect())).collect()
}

/// One unit of [`crate::Store::bulk_link`]: the links (a link already there is kept
/// as it is), then an audit row and an event on each linked record.
async fn write_links(conn: &Conn<'_>, actor: &Actor, links: Vec<Resolved>) -> Result<()> {
    let now = crate::now();
    match conn {
        Conn::Sqlite(_) => {
            let rows = links
                .iter()
                .map(|(ao, a, ro, r, at)| {
                    vec![
                        Cell::Text(ao.clone()),
                        Cell::Uuid(*a),
                        Cell::Text(ro.clone()),
                        Cell::Uuid(*r),
                        Cell::DateTime(*at),
                        Cell::Bool(true),
                    ]
                })
                .collect();
            let head = "INSERT OR IGNORE INTO activity_links \
                        (activity_object, activity_id, record_object, record_id, at, live)";
            let kinds =
                [Logical::Text, Logical::Uuid, Logical::Text, Logical::Uuid, Logical::DateTime, Logical::Boolean];
            crate::bulk::sqlite_insert(conn, head, &kinds, rows, None).await?;
        }
        Conn::PgTx(tx) => {
            let column = |pick: fn(&Resolved) -> String| links.iter().map(pick).collect::<Vec<String>>();
            let ids = |pick: fn(&Resolved) -> Uuid| links.iter().map(pick).collect::<Vec<Uuid>>();
            let (activity_objects, record_objects) = (column(|l| l.0.clone()), column(|l| l.2.clone()));
            let (activity_ids, record_ids) = (ids(|l| l.1), ids(|l| l.3));
            let ats: Vec<OffsetDateTime> = links.iter().map(|l| l.4).collect();
            tx.execute(
                "INSERT INTO activity_links (activity_object, activity_id, record_object, record_id, at, live) \
                 SELECT ao, a, ro, r, at, true \
                 FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::timestamptz[]) AS u(ao, a, ro, r, at) \
                 ON CONFLICT DO NOTHING",
                &[&activity_objects, &activity_ids, &record_objects, &record_ids, &ats],
            )
            .await?;
        }
        Conn::PgClient(_) => return Err(StoreError::Database("a bulk write needs a transaction".into())),
    }
    let audit = links.iter().map(|(ao, a, ro, r, _)| {
        vec![
            Cell::DateTime(now),
            actor.user_id().map_or(Cell::Null, Cell::Uuid),
            Cell::Text(ro.clone()),
            Cell::Uuid(*r),
            Cell::Text(crate::audit::Action::Link.as_str().into()),
            Cell::Null,
            Cell::Null,
            Cell::Json(json!({ "object": ao, "id": a.to_string() })),
        ]
    });
    crate::bulk::append_rows(conn, "audit_log", &crate::bulk::AUDIT_COLUMNS, audit.collect()).await?;
    let events = links.iter().map(|(ao, a, ro, r, _)| {
        let event = crate::record_events::NewEvent {
            activity: Some((ao.as_str(), *a)),
            ..crate::record_events::NewEvent::bare(ro, *r, crate::record_events::Kind::Linked)
        };
        event.row(actor.user_id(), now).written_cells()
    });
    let columns = crate::record_events::EventRow::written_columns();
    crate::bulk::append_rows(conn, crate::record_events::EventRow::TABLE, &columns, events.collect()).await
}
