//! PostgreSQL: a deadpool pool of tokio-postgres clients with cached prepared
//! statements; each unit of work runs in its own pooled transaction.

use std::sync::Arc;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};

use crate::conn::{BoxFuture, Conn};
use crate::error::{Result, StoreError};

/// Tries of a shared read beyond the first: one per connection of the shared pool
/// that may have been ended, and one on a new connection.
const SHARED_ATTEMPTS: usize = 3;

pub struct PgDb {
    pool: Pool,
    /// The connection of [`PgDb::read_shared`], from a pool of its own (of two, so
    /// that a broken one can be replaced while its last users finish).
    shared_pool: Pool,
    shared: std::sync::Mutex<Option<Arc<deadpool_postgres::Client>>>,
    /// Held while the shared connection is being replaced, so that one task does it.
    replacing: tokio::sync::Mutex<()>,
}

impl PgDb {
    pub fn connect(url: &str, pool_size: usize) -> Result<Self> {
        let config: tokio_postgres::Config =
            url.parse().map_err(|e| StoreError::Unavailable(format!("invalid PostgreSQL URL: {e}")))?;
        Ok(PgDb {
            pool: pool(config.clone(), pool_size)?,
            shared_pool: pool(config, 2)?,
            shared: std::sync::Mutex::new(None),
            replacing: tokio::sync::Mutex::new(()),
        })
    }

    /// Runs a read of one small statement that every request makes (the freshness
    /// versions) on a connection shared by all of them: tokio-postgres sends the
    /// statements of concurrent callers one after another without waiting for each
    /// answer, and the server's process answers them in turn, so under load many are
    /// read and answered per wake-up instead of one per pooled connection.
    ///
    /// The read must be safe to repeat: when the shared connection turns out to be
    /// broken (the server restarted, or ended it), it is read again on another one.
    pub async fn read_shared<T, F>(&self, query: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> Fn(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        // Each pooled connection the server ended answers once with the error that says
        // so; a new one is opened at the latest after the pool's two.
        let mut attempts = 0;
        loop {
            let client = self.shared_client().await?;
            let outcome = query(&Conn::PgClient(&client)).await;
            let broken = client.is_closed() || matches!(outcome, Err(StoreError::Unavailable(_)));
            if !broken || attempts == SHARED_ATTEMPTS {
                return outcome;
            }
            self.drop_shared(&client);
            attempts += 1;
        }
    }

    fn current_shared(&self) -> Option<Arc<deadpool_postgres::Client>> {
        let slot = self.shared.lock().ok()?;
        slot.as_ref().filter(|c| !c.is_closed()).cloned()
    }

    async fn shared_client(&self) -> Result<Arc<deadpool_postgres::Client>> {
        if let Some(client) = self.current_shared() {
            return Ok(client);
        }
        let _replacing = self.replacing.lock().await;
        if let Some(client) = self.current_shared() {
            return Ok(client);
        }
        let client = Arc::new(self.shared_pool.get().await?);
        if let Ok(mut slot) = self.shared.lock() {
            *slot = Some(Arc::clone(&client));
        }
        Ok(client)
    }

    /// Forgets a broken shared connection; it goes back to its pool (which discards
    /// it) when its last user is done.
    fn drop_shared(&self, broken: &Arc<deadpool_postgres::Client>) {
        if let Ok(mut slot) = self.shared.lock()
            && slot.as_ref().is_some_and(|c| Arc::ptr_eq(c, broken))
        {
            *slot = None;
        }
    }

    /// Runs a unit of work in a transaction: committed when it succeeds, rolled back
    /// when it fails.
    pub async fn write<T, E, F>(&self, unit: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T, E>> + Send + 'static,
    {
        let mut client = self.pool.get().await.map_err(StoreError::from)?;
        let tx = client.transaction().await.map_err(StoreError::from)?;
        let outcome = {
            let conn = Conn::PgTx(&tx);
            unit(&conn).await
        };
        match outcome {
            Ok(value) => {
                tx.commit().await.map_err(StoreError::from)?;
                Ok(value)
            }
            Err(e) => {
                // A failed rollback closes the connection, which rolls back too.
                let _ = tx.rollback().await;
                Err(e)
            }
        }
    }

    pub async fn read<T, F>(&self, query: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a Conn<'a>) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        let client = self.pool.get().await?;
        let conn = Conn::PgClient(&client);
        query(&conn).await
    }
}

fn pool(config: tokio_postgres::Config, size: usize) -> Result<Pool> {
    let manager =
        Manager::from_config(config, tokio_postgres::NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
    Pool::builder(manager)
        .max_size(size.max(1))
        .runtime(deadpool_postgres::Runtime::Tokio1)
        // A full pool or an unreachable server is an answer ("unavailable"), not a hang.
        .wait_timeout(Some(std::time::Duration::from_secs(10)))
        .create_timeout(Some(std::time::Duration::from_secs(10)))
        .build()
        .map_err(|e| StoreError::Unavailable(e.to_string()))
}
