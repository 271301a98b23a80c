//! PostgreSQL: a deadpool pool of tokio-postgres clients with cached prepared
//! statements; each unit of work runs in its own pooled transaction.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};

use crate::conn::{BoxFuture, Conn};
use crate::error::{Result, StoreError};

pub struct PgDb {
    pool: Pool,
}

impl PgDb {
    pub fn connect(url: &str, pool_size: usize) -> Result<Self> {
        let config: tokio_postgres::Config =
            url.parse().map_err(|e| StoreError::Unavailable(format!("invalid PostgreSQL URL: {e}")))?;
        let manager = Manager::from_config(
            config,
            tokio_postgres::NoTls,
            ManagerConfig { recycling_method: RecyclingMethod::Fast },
        );
        let pool = Pool::builder(manager)
            .max_size(pool_size.max(1))
            .runtime(deadpool_postgres::Runtime::Tokio1)
            // A full pool or an unreachable server is an answer ("unavailable"), not a hang.
            .wait_timeout(Some(std::time::Duration::from_secs(10)))
            .create_timeout(Some(std::time::Duration::from_secs(10)))
            .build()
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        Ok(PgDb { pool })
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
