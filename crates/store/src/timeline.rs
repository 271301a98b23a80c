//! Activity links: an activity (task, call, meeting, note, attachment) linked to any
//! number of records. A record's timeline is one keyset-paged query over the links,
//! newest first.

use rapport_model::access::Reach;
use rapport_model::{Action, Actor, Logical, ObjectDef, Schema};
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
    let b = conn.backend();
    let mut select = Query::select();
    if let Some(cond) = readable.0.condition(b, readable.1)? {
        select.cond_where(cond);
    }
    select
        .columns(["activity_object", "activity_id", "at"])
        .from("activity_links")
        .and_where(Expr::col(("activity_links", "record_object")).eq(bind(
            b,
            Logical::Text,
            &Cell::Text(record_object.into()),
        )?))
        .and_where(Expr::col("record_id").eq(bind(b, Logical::Uuid, &Cell::Uuid(record_id))?))
        .and_where(Expr::col("live").eq(bind(b, Logical::Boolean, &Cell::Bool(true))?))
        .order_by("at", Order::Desc)
        .order_by("activity_id", Order::Desc)
        .limit(limit);
    if let Some((at, id)) = before {
        select.and_where(Expr::tuple([Expr::col("at"), Expr::col("activity_id")]).lt(Expr::tuple([
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
