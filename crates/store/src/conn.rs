//! One connection interface over both databases. Every read and every unit of work is
//! written once against [`Conn`]; only statement execution and value decoding differ
//! per backend (DESIGN §3, "A write is one unit of work").

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use rapport_model::Logical;
use rust_decimal::Decimal;
use sea_query::{PostgresQueryBuilder, QueryStatementWriter, SqliteQueryBuilder, Values};
use sea_query_postgres::{PostgresValue, PostgresValues};
use sea_query_rusqlite::{RusqliteValue, RusqliteValues};
use serde_json::Value as Json;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::error::{Result, StoreError};

/// A future a unit of work returns; `Send` so PostgreSQL units run on the runtime.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A decoded column value, the same on both backends.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Null,
    Int(i64),
    Text(String),
    Bool(bool),
    Uuid(Uuid),
    DateTime(OffsetDateTime),
    Date(Date),
    Decimal(Decimal),
    Json(Json),
}

impl Cell {
    pub fn is_null(&self) -> bool {
        matches!(self, Cell::Null)
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Cell::Int(i) => Some(*i),
            _ => None,
        }
    }
    pub fn as_uuid(&self) -> Option<Uuid> {
        match self {
            Cell::Uuid(u) => Some(*u),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_datetime(&self) -> Option<OffsetDateTime> {
        match self {
            Cell::DateTime(t) => Some(*t),
            _ => None,
        }
    }
    pub fn into_text(self) -> Option<String> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// One result row: cells in the order of the kinds asked for.
pub type Row = Vec<Cell>;

/// SQL text with its bound values, for one backend.
#[derive(Debug, Clone)]
pub struct Sql {
    pub text: String,
    pub values: Values,
}

/// A connection (or transaction) of either database. Methods take `&self` so that a
/// unit of work can hold it across awaits while staying `Send`.
pub enum Conn<'a> {
    Sqlite(&'a Mutex<rusqlite::Connection>),
    PgTx(&'a deadpool_postgres::Transaction<'a>),
    PgClient(&'a deadpool_postgres::Client),
}

impl Conn<'_> {
    pub fn backend(&self) -> Backend {
        match self {
            Conn::Sqlite(_) => Backend::Sqlite,
            Conn::PgTx(_) | Conn::PgClient(_) => Backend::Postgres,
        }
    }

    /// Renders a sea-query statement for this backend.
    pub fn build<S: QueryStatementWriter>(&self, stmt: &S) -> Sql {
        render(self.backend(), stmt)
    }

    /// Runs a statement and decodes each row with `kinds`.
    pub async fn query<S: QueryStatementWriter>(&self, stmt: &S, kinds: &[Logical]) -> Result<Vec<Row>> {
        let sql = self.build(stmt);
        self.query_sql(&sql, kinds).await
    }

    pub async fn query_opt<S: QueryStatementWriter>(&self, stmt: &S, kinds: &[Logical]) -> Result<Option<Row>> {
        Ok(self.query(stmt, kinds).await?.into_iter().next())
    }

    /// Runs a statement on SQLite only while it costs less than `budget` thousand
    /// steps of SQLite's virtual machine (`None` when it would cost more); runs it
    /// whole on PostgreSQL. For a plan that is fast in the common case and slow in a
    /// rare one, tried before the plan that is always moderate.
    pub async fn query_within<S: QueryStatementWriter>(
        &self,
        stmt: &S,
        kinds: &[Logical],
        budget: u32,
    ) -> Result<Option<Vec<Row>>> {
        let Conn::Sqlite(c) = self else {
            return self.query(stmt, kinds).await.map(Some);
        };
        count_statement();
        let sql = self.build(stmt);
        let conn = lock(c)?;
        let spent = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let counter = std::sync::Arc::clone(&spent);
        conn.progress_handler(
            1000,
            Some(move || counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed) >= budget),
        )?;
        let outcome = sqlite_rows(&conn, &sql, kinds);
        conn.progress_handler(0, None::<fn() -> bool>)?;
        match outcome {
            Err(_) if spent.load(std::sync::atomic::Ordering::Relaxed) > budget => Ok(None),
            other => other.map(Some),
        }
    }

    pub async fn execute<S: QueryStatementWriter>(&self, stmt: &S) -> Result<u64> {
        let sql = self.build(stmt);
        self.execute_sql(&sql).await
    }

    pub async fn query_sql(&self, sql: &Sql, kinds: &[Logical]) -> Result<Vec<Row>> {
        count_statement();
        match self {
            Conn::Sqlite(c) => sqlite_query(c, sql, kinds),
            Conn::PgTx(tx) => pg_query(*tx, sql, kinds).await,
            Conn::PgClient(client) => pg_query(*client, sql, kinds).await,
        }
    }

    pub async fn execute_sql(&self, sql: &Sql) -> Result<u64> {
        count_statement();
        match self {
            Conn::Sqlite(c) => {
                let conn = lock(c)?;
                let mut stmt = conn.prepare_cached(&sql.text)?;
                let params = sqlite_params(&sql.values);
                Ok(stmt.execute(params.as_params().as_slice())? as u64)
            }
            Conn::PgTx(tx) => pg_execute(*tx, sql).await,
            Conn::PgClient(client) => pg_execute(*client, sql).await,
        }
    }

    /// Makes the transactions that take the same `key` in lock space `space` run one
    /// after the other on PostgreSQL, until each ends (a transaction-level advisory
    /// lock); nothing on SQLite, whose one writer runs them one after the other anyway.
    pub async fn lock_key(&self, space: i64, key: &str) -> Result<()> {
        if self.backend() != Backend::Postgres {
            return Ok(());
        }
        let select = sea_query::Query::select()
            .expr(sea_query::Expr::cust_with_values(
                format!("(SELECT count(*) FROM pg_advisory_xact_lock(hashtextextended(CAST($1 AS text), {space})))"),
                [crate::types::to_sea(Backend::Postgres, Logical::Text, &Cell::Text(key.to_owned()))?],
            ))
            .to_owned();
        self.query(&select, &[Logical::Integer]).await?;
        Ok(())
    }

    /// Runs trusted SQL without parameters (DDL made from validated metadata).
    pub async fn batch(&self, text: &str) -> Result<()> {
        count_statement();
        match self {
            Conn::Sqlite(c) => Ok(lock(c)?.execute_batch(text)?),
            Conn::PgTx(tx) => Ok(tx.batch_execute(text).await?),
            Conn::PgClient(client) => Ok(client.batch_execute(text).await?),
        }
    }
}

/// Statements this process has sent to its database, for `/metrics` (and the tests
/// that hold pages to a fixed number of statements whatever their size).
static STATEMENTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn count_statement() {
    STATEMENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// How many statements this process has run.
pub fn statements_run() -> u64 {
    STATEMENTS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Renders a sea-query statement for a backend: SQL text with its bound values.
pub fn render<S: QueryStatementWriter>(backend: Backend, stmt: &S) -> Sql {
    let (text, values) = match backend {
        Backend::Sqlite => stmt.build(SqliteQueryBuilder),
        Backend::Postgres => stmt.build(PostgresQueryBuilder),
    };
    Sql { text, values }
}

fn lock(c: &Mutex<rusqlite::Connection>) -> Result<std::sync::MutexGuard<'_, rusqlite::Connection>> {
    c.lock().map_err(|_| StoreError::Database("a SQLite connection was poisoned by a panic".into()))
}

fn sqlite_params(values: &Values) -> RusqliteValues {
    RusqliteValues(values.0.iter().cloned().map(RusqliteValue).collect())
}

fn pg_params(values: &Values) -> PostgresValues {
    PostgresValues(values.0.iter().cloned().map(PostgresValue).collect())
}

fn sqlite_query(c: &Mutex<rusqlite::Connection>, sql: &Sql, kinds: &[Logical]) -> Result<Vec<Row>> {
    sqlite_rows(&*lock(c)?, sql, kinds)
}

fn sqlite_rows(conn: &rusqlite::Connection, sql: &Sql, kinds: &[Logical]) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&sql.text)?;
    let params = sqlite_params(&sql.values);
    let mut rows = stmt.query(params.as_params().as_slice())?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(kinds.len());
        for (i, kind) in kinds.iter().enumerate() {
            cells.push(crate::types::sqlite_cell(row.get_ref(i)?, *kind)?);
        }
        out.push(cells);
    }
    Ok(out)
}

async fn pg_query<C: deadpool_postgres::GenericClient>(client: &C, sql: &Sql, kinds: &[Logical]) -> Result<Vec<Row>> {
    let stmt = client.prepare_cached(&sql.text).await?;
    let params = pg_params(&sql.values);
    let rows = client.query(&stmt, &params.as_params()).await?;
    rows.iter()
        .map(|row| kinds.iter().enumerate().map(|(i, kind)| crate::types::pg_cell(row, i, *kind)).collect())
        .collect()
}

async fn pg_execute<C: deadpool_postgres::GenericClient>(client: &C, sql: &Sql) -> Result<u64> {
    let stmt = client.prepare_cached(&sql.text).await?;
    let params = pg_params(&sql.values);
    Ok(client.execute(&stmt, &params.as_params()).await?)
}
