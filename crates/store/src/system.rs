//! The door to the system tables of identity (users, teams, roles, sessions, API tokens,
//! security events): the domain runs its own units of work over them with the free
//! functions of [`crate::users`], [`crate::credentials`] and [`crate::events`], and
//! these share the row decoding and uniqueness checks kept here.

use std::collections::HashSet;

use rapport_model::Logical;
use sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Backend, BoxFuture, Cell, Conn, Row};
use crate::error::{Result, StoreError};
use crate::store::Store;
use crate::table::Column;
use crate::types::bind;

impl Store {
    /// Runs a unit of work over the system tables (users, teams, roles, sessions,
    /// tokens, security events) in one transaction: nothing of it is written if it fails.
    /// The unit fails with the caller's own error type (`E`), into which the store's
    /// errors convert.
    pub async fn system_write<T, E, F>(&self, unit: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T, E>> + Send + 'static,
    {
        self.inner.db.write(unit).await
    }

    /// Runs a read of the system tables on one connection.
    pub async fn system_read<T, F>(&self, read: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        self.inner.db.read(read).await
    }
}

/// The cells of one row of a system table, taken in column order (the decoders that
/// [`system_table!`](crate::table::system_table) makes use it). A missing or
/// mistyped cell is a database error naming the table, never a panic: the row came
/// from a database someone may have edited by hand.
pub(crate) struct Cells {
    table: &'static str,
    cells: std::vec::IntoIter<Cell>,
}

impl Cells {
    pub(crate) fn new(table: &'static str, row: Row) -> Self {
        Cells { table, cells: row.into_iter() }
    }

    fn bad(&self) -> StoreError {
        StoreError::Database(format!("a row of {} has a missing or malformed column", self.table))
    }

    /// The next cell: `None` when NULL, an error when not what `take` accepts.
    pub(crate) fn opt<T>(&mut self, take: impl FnOnce(Cell) -> Option<T>) -> Result<Option<T>> {
        match self.cells.next().unwrap_or(Cell::Null) {
            Cell::Null => Ok(None),
            cell => take(cell).map(Some).ok_or_else(|| self.bad()),
        }
    }

    pub(crate) fn req<T>(&mut self, take: impl FnOnce(Cell) -> Option<T>) -> Result<T> {
        self.opt(take)?.ok_or_else(|| self.bad())
    }

    /// The next cell as a `T` (see [`Column::take`]).
    pub(crate) fn take<T: Column>(&mut self) -> Result<T> {
        T::take(self)
    }
}

pub(crate) fn uuid(b: Backend, id: Uuid) -> Result<SimpleExpr> {
    bind(b, Logical::Uuid, &Cell::Uuid(id))
}

pub(crate) fn text(b: Backend, value: &str) -> Result<SimpleExpr> {
    bind(b, Logical::Text, &Cell::Text(value.to_owned()))
}

pub(crate) fn datetime(b: Backend, at: OffsetDateTime) -> Result<SimpleExpr> {
    bind(b, Logical::DateTime, &Cell::DateTime(at))
}

/// Whether a row of `table` other than `except` has `value` in the text column
/// `column` (checked before a write so that a clash is a field error, not a failed
/// statement that would abort a PostgreSQL transaction).
pub(crate) async fn taken(conn: &Conn<'_>, table: &str, column: &str, value: &str, except: Uuid) -> Result<bool> {
    let b = conn.backend();
    let select = Query::select()
        .column("id")
        .from(table.to_owned())
        .and_where(Expr::col(column.to_owned()).eq(text(b, value)?))
        .and_where(Expr::col("id").ne(uuid(b, except)?))
        .limit(1)
        .to_owned();
    Ok(!conn.query(&select, &[Logical::Uuid]).await?.is_empty())
}

/// A unique index refused a write that the check before it allowed (a concurrent write
/// won the race): the same field error the check gives. SQLite names the column
/// (`table.column`), PostgreSQL the index or constraint.
pub(crate) fn unique_violation(e: StoreError, table: &str, column: &str, index: &str, field: &str) -> StoreError {
    if violates_unique(&e, table, column, index) { StoreError::duplicate(field) } else { e }
}

/// Whether `e` is a unique index (or constraint) refusing a write: see
/// [`unique_violation`].
pub(crate) fn violates_unique(e: &StoreError, table: &str, column: &str, index: &str) -> bool {
    let StoreError::Database(message) = e else { return false };
    let sqlite = message.contains("UNIQUE constraint failed") && message.contains(&format!("{table}.{column}"));
    let postgres = message.starts_with("23505") && message.contains(&format!("\"{index}\""));
    sqlite || postgres
}

/// Most ids bound in one statement: far below both databases' bound-value limits.
const IDS_PER_STATEMENT: usize = 500;

/// Which of `ids` are rows of `table` (that also meet `only`, when given), in the order
/// given and each once.
pub(crate) async fn existing(conn: &Conn<'_>, table: &str, ids: &[Uuid], only: Option<Expr>) -> Result<Vec<Uuid>> {
    let b = conn.backend();
    let mut found = HashSet::new();
    for part in ids.chunks(IDS_PER_STATEMENT) {
        let list = part.iter().map(|id| uuid(b, *id)).collect::<Result<Vec<_>>>()?;
        let mut select = Query::select();
        select.column("id").from(table.to_owned()).and_where(Expr::col("id").is_in(list));
        if let Some(only) = &only {
            select.and_where(only.clone());
        }
        for row in conn.query(&select, &[Logical::Uuid]).await? {
            found.extend(row.first().and_then(Cell::as_uuid));
        }
    }
    let mut seen = HashSet::new();
    Ok(ids.iter().copied().filter(|id| found.contains(id) && seen.insert(*id)).collect())
}

/// Fails with `NotFound` naming the first of `ids` that is not a row of `table`.
pub(crate) async fn require(conn: &Conn<'_>, table: &str, ids: &[Uuid]) -> Result<()> {
    let found = existing(conn, table, ids, None).await?;
    match ids.iter().find(|id| !found.contains(id)) {
        Some(id) => Err(StoreError::NotFound { object: table.to_owned(), id: *id }),
        None => Ok(()),
    }
}

/// `ids` without repeats, in the order given.
pub(crate) fn distinct(ids: &[Uuid]) -> Vec<Uuid> {
    let mut seen = HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}
