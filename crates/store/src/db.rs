//! The database handle: SQLite or PostgreSQL, chosen at run time by the URL.

use std::path::PathBuf;

use crate::conn::{Backend, BoxFuture, Conn};
use crate::error::Result;
use crate::postgres::PgDb;
use crate::sqlite::SqliteDb;

/// Where the data lives.
#[derive(Debug, Clone)]
pub enum Location {
    Sqlite { path: PathBuf },
    Postgres { url: String, pool_size: usize },
}

impl Location {
    /// A `postgres://` or `postgresql://` URL, or else a SQLite file path (`sqlite://`
    /// prefix optional).
    pub fn parse(url: &str, pool_size: usize) -> Location {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Location::Postgres { url: url.to_owned(), pool_size }
        } else {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            Location::Sqlite { path: PathBuf::from(path) }
        }
    }
}

pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgDb),
}

impl Db {
    pub fn open(location: &Location) -> Result<Db> {
        Ok(match location {
            Location::Sqlite { path } => Db::Sqlite(SqliteDb::open(path, 4)?),
            Location::Postgres { url, pool_size } => Db::Postgres(PgDb::connect(url, *pool_size)?),
        })
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs a unit of work in one transaction (a savepoint of a group commit on
    /// SQLite); nothing of it is written if it fails.
    pub async fn write<T, F>(&self, unit: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        match self {
            Db::Sqlite(db) => db.write(unit).await,
            Db::Postgres(db) => db.write(unit).await,
        }
    }

    pub async fn read<T, F>(&self, query: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        match self {
            Db::Sqlite(db) => db.read(query).await,
            Db::Postgres(db) => db.read(query).await,
        }
    }
}
