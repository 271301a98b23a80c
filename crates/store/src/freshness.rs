//! How fresh a request's picture of the database is. Two counters move when what a
//! process caches goes stale: `meta_version` with every metadata change (the schema)
//! and `security_version` with every change to who may do what (users, teams, roles,
//! sessions and tokens; the domain caches the principal of each credential). A request
//! reads both in one statement before anything else ([`crate::Store::versions`]), and
//! the reads that follow in the same request trust the schema checked there instead of
//! checking it again: a request sees the metadata as it was when it began, the way a
//! transaction sees its snapshot. Outside a request (the command line, jobs, tests
//! without the web layer) every read checks for itself, as before.

use std::cell::Cell;
use std::future::Future;

use rapport_model::Logical;
use sea_query::Values;

use crate::conn::{Cell as Value, Conn, Sql};
use crate::error::Result;

/// The two counters as one statement read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versions {
    pub meta: i64,
    pub security: i64,
}

tokio::task_local! {
    /// The metadata version the current request checked, once it has.
    static CHECKED: Cell<Option<i64>>;
}

/// Runs `request` as one request: reads in it after [`crate::Store::versions`] trust
/// the schema that call checked. The web layer wraps every request in it; the scope is
/// the request's own future, never a span of time shared with others.
pub async fn request_scope<F: Future>(request: F) -> F::Output {
    CHECKED.scope(Cell::new(None), request).await
}

/// The metadata version the current request checked, if it runs in a request scope
/// and has checked.
pub(crate) fn checked_in_request() -> Option<i64> {
    CHECKED.try_with(Cell::get).ok().flatten()
}

pub(crate) fn mark_checked(version: i64) {
    // Outside a request scope there is nothing to remember: each read checks.
    let _ = CHECKED.try_with(|checked| checked.set(Some(version)));
}

/// Both counters, in one statement.
pub(crate) async fn read(conn: &Conn<'_>) -> Result<Versions> {
    let sql = Sql {
        text: "SELECT m.version, s.version FROM meta_version m, security_version s WHERE m.id = 1 AND s.id = 1".into(),
        values: Values(Vec::new()),
    };
    let rows = conn.query_sql(&sql, &[Logical::Integer, Logical::Integer]).await?;
    let row = rows.first();
    let at = |i: usize| row.and_then(|r| r.get(i)).and_then(Value::as_i64).unwrap_or(0);
    Ok(Versions { meta: at(0), security: at(1) })
}

/// Moves the security counter: every process drops the principals it cached. Runs in
/// the unit of work of the change, so the move and the change commit together.
pub async fn bump_security(conn: &Conn<'_>) -> Result<()> {
    conn.batch("UPDATE security_version SET version = version + 1 WHERE id = 1").await
}
