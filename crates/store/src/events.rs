//! The security event log: sign-ins and failed attempts, lock-outs, sign-outs, password
//! and token changes, changes to users and roles. Like the audit log it is only appended
//! to — there is no function here to change or remove an event, on purpose — and it is
//! what rate limits count: failed sign-ins of an account (`subject`) or from an address.

use rapport_model::Logical;
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use serde_json::Value as Json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Cell, Conn, Row};
use crate::error::Result;
use crate::system::{Cells, datetime, opt_text, text, uuid};
use crate::types::bind;

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

/// An event as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub seq: i64,
    pub at: OffsetDateTime,
    pub actor_id: Option<Uuid>,
    pub kind: String,
    pub subject: Option<String>,
    pub address: Option<String>,
    pub detail: Option<Json>,
}

const COLUMNS: [&str; 7] = ["seq", "at", "actor_id", "kind", "subject", "address", "detail"];
const KINDS: [Logical; 7] =
    [Logical::Integer, Logical::DateTime, Logical::Uuid, Logical::Text, Logical::Text, Logical::Text, Logical::Json];

/// Appends an event, dated now.
pub async fn record(conn: &Conn<'_>, event: &NewEvent<'_>) -> Result<()> {
    let b = conn.backend();
    let insert = Query::insert()
        .into_table("security_events")
        .columns(["at", "actor_id", "kind", "subject", "address", "detail"])
        .values_panic([
            datetime(b, crate::now())?,
            bind(b, Logical::Uuid, &event.actor_id.map_or(Cell::Null, Cell::Uuid))?,
            text(b, event.kind)?,
            bind(b, Logical::Text, &opt_text(event.subject))?,
            bind(b, Logical::Text, &opt_text(event.address))?,
            bind(b, Logical::Json, &event.detail.clone().map_or(Cell::Null, Cell::Json))?,
        ])
        .to_owned();
    conn.execute(&insert).await?;
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

fn event(row: Row) -> Result<Event> {
    let mut c = Cells::new("security_events", row);
    Ok(Event {
        seq: c.int()?,
        at: c.datetime()?,
        actor_id: c.opt_uuid()?,
        kind: c.text()?,
        subject: c.opt_text()?,
        address: c.opt_text()?,
        detail: c.opt_json()?,
    })
}

/// The newest `limit` events matching `select`'s conditions, newest first.
async fn newest(conn: &Conn<'_>, mut select: SelectStatement, limit: u64) -> Result<Vec<Event>> {
    select.columns(COLUMNS).from("security_events").order_by("seq", Order::Desc).limit(limit);
    conn.query(&select, &KINDS).await?.into_iter().map(event).collect()
}

/// What a user did, newest first.
pub async fn of_actor(conn: &Conn<'_>, actor_id: Uuid, limit: u64) -> Result<Vec<Event>> {
    let b = conn.backend();
    newest(conn, Query::select().and_where(Expr::col("actor_id").eq(uuid(b, actor_id)?)).to_owned(), limit).await
}

/// What happened to an account (or whatever the subject names), newest first.
pub async fn of_subject(conn: &Conn<'_>, subject: &str, limit: u64) -> Result<Vec<Event>> {
    let b = conn.backend();
    newest(conn, Query::select().and_where(Expr::col("subject").eq(text(b, subject)?)).to_owned(), limit).await
}
