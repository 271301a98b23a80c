//! The security event log: sign-ins and failed attempts, lock-outs, sign-outs, password
//! and token changes, changes to users and roles. Like the audit log it is only appended
//! to — there is no function here to change or remove an event, on purpose — and it is
//! what rate limits count: failed sign-ins of an account (`subject`) or from an address.

use rapport_model::Logical;
use sea_query::{Expr, ExprTrait, Order, Query, SimpleExpr};
use serde_json::Value as Json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Cell, Conn};
use crate::error::Result;
use crate::system::{datetime, text, uuid};
use crate::table::system_table;

/// An event to record: who did it (none for an anonymous attempt), what kind it is
/// (the domain's stable code), whom or what it concerns, and from where.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent<'a> {
    pub actor_id: Option<Uuid>,
    pub kind: &'a str,
    pub subject: Option<&'a str>,
    pub address: Option<&'a str>,
    pub detail: Option<Json>,
}

system_table! {
    /// An event as read back.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Event in "security_events" {
        pub seq: i64 = serial,
        pub at: OffsetDateTime,
        pub actor_id: Option<Uuid>,
        pub kind: String,
        pub subject: Option<String>,
        pub address: Option<String>,
        pub detail: Option<Json>,
    }
}

/// Appends an event, dated now.
pub async fn record(conn: &Conn<'_>, event: &NewEvent<'_>) -> Result<()> {
    let row = Event {
        // The database numbers events; the insert leaves `seq` out.
        seq: 0,
        at: crate::now(),
        actor_id: event.actor_id,
        kind: event.kind.to_owned(),
        subject: event.subject.map(str::to_owned),
        address: event.address.map(str::to_owned),
        detail: event.detail.clone(),
    };
    conn.execute(&row.insert(conn.backend())?).await?;
    Ok(())
}

/// How many events of `kind` happened at or after `since`, of `subject` and from
/// `address` when given (either or both; a `None` does not filter).
pub async fn count_since(
    conn: &Conn<'_>,
    kind: &str,
    subject: Option<&str>,
    address: Option<&str>,
    since: OffsetDateTime,
) -> Result<i64> {
    let b = conn.backend();
    let mut select = Query::select();
    select
        .expr(Expr::cust("COUNT(*)"))
        .from("security_events")
        .and_where(Expr::col("kind").eq(text(b, kind)?))
        .and_where(Expr::col("at").gte(datetime(b, since)?));
    if let Some(subject) = subject {
        select.and_where(Expr::col("subject").eq(text(b, subject)?));
    }
    if let Some(address) = address {
        select.and_where(Expr::col("address").eq(text(b, address)?));
    }
    let row = conn.query_opt(&select, &[Logical::Integer]).await?;
    Ok(row.and_then(|r| r.first().and_then(Cell::as_i64)).unwrap_or(0))
}

/// The newest `limit` events that meet `condition`, newest first.
async fn newest(conn: &Conn<'_>, condition: SimpleExpr, limit: u64) -> Result<Vec<Event>> {
    let select = Event::select().and_where(condition).order_by("seq", Order::Desc).limit(limit).to_owned();
    conn.query(&select, Event::KINDS).await?.into_iter().map(Event::decode).collect()
}

/// What a user did, newest first.
pub async fn of_actor(conn: &Conn<'_>, actor_id: Uuid, limit: u64) -> Result<Vec<Event>> {
    newest(conn, Expr::col("actor_id").eq(uuid(conn.backend(), actor_id)?), limit).await
}

/// What happened to an account (or whatever the subject names), newest first.
pub async fn of_subject(conn: &Conn<'_>, subject: &str, limit: u64) -> Result<Vec<Event>> {
    newest(conn, Expr::col("subject").eq(text(conn.backend(), subject)?), limit).await
}
