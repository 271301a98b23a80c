//! The database handle: SQLite or PostgreSQL, chosen at run time by the URL.

use std::path::PathBuf;

use crate::conn::{Backend, BoxFuture, Conn};
use crate::error::{Result, StoreError};
use crate::postgres::PgDb;
use crate::sqlite::SqliteDb;

/// Where the data lives.
#[derive(Debug, Clone)]
pub enum Location {
    Sqlite { path: PathBuf },
    Postgres { url: String, pool_size: usize },
}

impl Location {
    /// A `postgres://` or `postgresql://` URL (or libpq `key=value` settings), a
    /// `sqlite://` URL, or a SQLite file path. Any other scheme is refused rather than
    /// taken for a file name.
    pub fn parse(url: &str, pool_size: usize) -> Result<Location> {
        let url = url.trim();
        let postgres = url.starts_with("postgres://") || url.starts_with("postgresql://") || url.starts_with("host=");
        if postgres {
            url.parse::<tokio_postgres::Config>()
                .map_err(|e| StoreError::Unavailable(format!("not a valid PostgreSQL URL: {e}")))?;
            return Ok(Location::Postgres { url: url.to_owned(), pool_size });
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            return Ok(Location::Sqlite { path: PathBuf::from(path) });
        }
        if let Some((scheme, _)) = url.split_once("://") {
            return Err(StoreError::Unavailable(format!(
                "unknown database URL scheme `{scheme}`: use postgres://… or a SQLite file path"
            )));
        }
        Ok(Location::Sqlite { path: PathBuf::from(url) })
    }

    /// Where the database is, with no password (for logs and messages).
    pub fn describe(&self) -> String {
        match self {
            Location::Sqlite { path } => format!("SQLite {}", path.display()),
            Location::Postgres { url, .. } => match url.parse::<tokio_postgres::Config>() {
                Ok(config) => {
                    let host = config.get_hosts().iter().map(|h| match h {
                        tokio_postgres::config::Host::Tcp(name) => name.clone(),
                        #[cfg(unix)]
                        tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
                    });
                    let port = config.get_ports().first().map_or(String::new(), |p| format!(":{p}"));
                    format!(
                        "PostgreSQL {}@{}{port}/{}",
                        config.get_user().unwrap_or("?"),
                        host.collect::<Vec<_>>().join(","),
                        config.get_dbname().unwrap_or("")
                    )
                }
                Err(_) => "PostgreSQL (unreadable URL)".to_owned(),
            },
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
    /// SQLite); nothing of it is written if it fails. The unit's error is the
    /// caller's own (`E`: the domain's errors need no disguise as store errors); a
    /// failure of the database itself, the commit included, reaches it through
    /// `E::from`.
    pub async fn write<T, E, F>(&self, unit: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T, E>> + Send + 'static,
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

    /// A read of a few always-cached rows, which SQLite answers on the calling thread
    /// when a reader is idle (see `SqliteDb::read_brief`).
    pub async fn read_brief<T, F>(&self, query: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        match self {
            Db::Sqlite(db) => db.read_brief(query).await,
            Db::Postgres(db) => db.read(query).await,
        }
    }

    /// A read of one small, always-cached statement that every request makes (the
    /// freshness versions): as [`Db::read_brief`] on SQLite; on PostgreSQL on one
    /// connection shared by every caller, which pipelines them (`PgDb::read_shared`;
    /// the read is repeated once on a new connection when that one is broken).
    pub async fn read_shared<T, F>(&self, query: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> Fn(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        match self {
            Db::Sqlite(db) => db.read_brief(query).await,
            Db::Postgres(db) => db.read_shared(query).await,
        }
    }
}
