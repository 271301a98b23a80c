//! Sign-in attempts, for throttling. An attempt is *reserved* before its password is
//! checked and counts as failed until it succeeds, so requests sent in parallel cannot
//! all pass the limit while the slow password checks run: the count and the new row
//! are one unit of work, serialised per account and per address (by the single writer
//! on SQLite, by transaction-level advisory locks on PostgreSQL). The security event
//! log keeps the trail; this table only counts, and forgets old rows.

use rapport_model::Logical;
use sea_query::{Expr, ExprTrait, Query};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Cell, Conn};
use crate::error::Result;
use crate::table::system_table;
use crate::types::bind;

system_table! {
    /// One attempt; only counted, never read back whole.
    struct Attempt in "login_attempts" {
        id: Uuid,
        subject: String,
        address: Option<String>,
        at: OffsetDateTime,
        succeeded: bool,
    }
}

/// How many attempts that have not succeeded a window allows.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_subject: i64,
    pub per_address: i64,
    /// The window starts here.
    pub since: OffsetDateTime,
}

/// Distinguishes this lock space from the migrations' advisory lock.
const LOCK_SEED: i64 = 0x7468_726f;

async fn open_attempts(conn: &Conn<'_>, column: &str, value: &str, since: OffsetDateTime) -> Result<i64> {
    let b = conn.backend();
    let select = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from(Attempt::TABLE)
        .and_where(Expr::col(column.to_owned()).eq(bind(b, Logical::Text, &Cell::Text(value.to_owned()))?))
        .and_where(Expr::col("at").gte(bind(b, Logical::DateTime, &Cell::DateTime(since))?))
        .and_where(Expr::col("succeeded").eq(bind(b, Logical::Boolean, &Cell::Bool(false))?))
        .to_owned();
    let rows = conn.query(&select, &[Logical::Integer]).await?;
    Ok(rows.first().and_then(|r| r.first()).and_then(Cell::as_i64).unwrap_or(0))
}

/// Reserves an attempt for `subject` (the email tried) from `address`, unless the
/// window already holds as many attempts that have not succeeded as the limits allow.
/// Returns the attempt's id, or `None` when throttled.
pub async fn reserve(conn: &Conn<'_>, subject: &str, address: Option<&str>, limits: Limits) -> Result<Option<Uuid>> {
    let b = conn.backend();
    // Always subject before address: two requests never wait for each other in a cycle.
    conn.lock_key(LOCK_SEED, &format!("subject:{subject}")).await?;
    if let Some(address) = address {
        conn.lock_key(LOCK_SEED, &format!("address:{address}")).await?;
    }
    if open_attempts(conn, "subject", subject, limits.since).await? >= limits.per_subject {
        return Ok(None);
    }
    if let Some(address) = address
        && open_attempts(conn, "address", address, limits.since).await? >= limits.per_address
    {
        return Ok(None);
    }
    // Rows older than the window count for nothing any more.
    let forget = Query::delete()
        .from_table(Attempt::TABLE)
        .and_where(Expr::col("subject").eq(bind(b, Logical::Text, &Cell::Text(subject.to_owned()))?))
        .and_where(Expr::col("at").lt(bind(b, Logical::DateTime, &Cell::DateTime(limits.since))?))
        .to_owned();
    conn.execute(&forget).await?;
    let attempt = Attempt {
        id: Uuid::now_v7(),
        subject: subject.to_owned(),
        address: address.map(str::to_owned),
        at: crate::now(),
        succeeded: false,
    };
    conn.execute(&attempt.insert(b)?).await?;
    Ok(Some(attempt.id))
}

/// Marks a reserved attempt as a successful sign-in: it no longer counts.
pub async fn succeeded(conn: &Conn<'_>, id: Uuid) -> Result<()> {
    let b = conn.backend();
    let update = Query::update()
        .table(Attempt::TABLE)
        .value("succeeded", bind(b, Logical::Boolean, &Cell::Bool(true))?)
        .and_where(Expr::col("id").eq(bind(b, Logical::Uuid, &Cell::Uuid(id))?))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}
