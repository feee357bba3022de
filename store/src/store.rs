use std::time::Duration;

use sqlx::{postgres::PgPool, sqlite::SqlitePool};

use crate::{postgres, sqlite, DatabaseUrl, Engine, StoreError};

/// Connection-pool settings shared by both engines.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: 10,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same query text on whichever pool the store holds. The body is compiled once per
/// engine, so each arm is type-checked against its own driver.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            $crate::store::Pool::Sqlite($pool) => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// The data layer's handle: cheap to clone, shared by every request.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: Pool,
}

impl Store {
    /// Connects to the database the URL names (creating an SQLite file and its folder if
    /// needed). Does not migrate: call [`Store::migrate`].
    pub async fn connect(url: &DatabaseUrl, options: &PoolOptions) -> Result<Self, StoreError> {
        let pool = match url {
            DatabaseUrl::Sqlite { url, path } => {
                Pool::Sqlite(sqlite::connect(url, path, options).await?)
            }
            DatabaseUrl::Postgres { url } => Pool::Postgres(postgres::connect(url, options).await?),
        };
        Ok(Self { pool })
    }

    /// Brings the schema up to date. Safe when several instances start at once: sqlx takes a
    /// database lock around the migration on PostgreSQL, and SQLite serialises writers.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => sqlite::MIGRATOR.run(pool).await?,
            Pool::Postgres(pool) => postgres::MIGRATOR.run(pool).await?,
        }
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        match self.pool {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(_) => Engine::Postgres,
        }
    }

    /// Whether the database answers a trivial query: the readiness probe.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    /// Waits for open connections to finish and closes the pool (graceful shutdown).
    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}
