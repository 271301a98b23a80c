//! Activity links: an activity (task, call, meeting, note, attachment) linked to any
//! number of records. A record's timeline is one keyset-paged query over the links,
//! newest first.

use rapport_model::Logical;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Cell, Conn};
use crate::error::{Result, StoreError};
use crate::records::bind;

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

/// A page of a record's timeline, newest first, after `before` (`at`, activity id).
pub async fn page(
    conn: &Conn<'_>,
    record_object: &str,
    record_id: Uuid,
    before: Option<(OffsetDateTime, Uuid)>,
    limit: u64,
) -> Result<Vec<Link>> {
    let b = conn.backend();
    let mut select = Query::select();
    select
        .columns(["activity_object", "activity_id", "at"])
        .from("activity_links")
        .and_where(Expr::col("record_object").eq(bind(b, Logical::Text, &Cell::Text(record_object.into()))?))
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
