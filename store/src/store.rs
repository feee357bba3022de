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

/// An open transaction on either engine. Dropped without [`Tx::commit`], it rolls back: every
/// multi-statement change goes through one, all or nothing.
pub(crate) enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Tx {
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// Runs the same query text on the connection of a [`Tx`] (`&mut Tx`), like [`on_pool!`].
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::store::Tx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::store::Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

/// `$first, $first+1, ...`: `count` numbered placeholders for an `IN (...)` list.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The data layer's handle: cheap to clone, shared by every request.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: Pool,
    /// SQLite only: the task that commits survey submissions in groups.
    pub(crate) submissions: Option<crate::surveys::writer::SubmissionWriter>,
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
        let submissions = match &pool {
            Pool::Sqlite(sqlite) => Some(crate::surveys::writer::SubmissionWriter::spawn(
                sqlite.clone(),
            )),
            Pool::Postgres(_) => None,
        };
        Ok(Self { pool, submissions })
    }

    /// Brings the schema up to date. Safe when several instances start at once: sqlx takes a
    /// database lock around the migration on PostgreSQL. Its SQLite migrator takes none (two
    /// could both find a migration missing and both apply it), so on SQLite the whole run
    /// holds the write lock (`BEGIN IMMEDIATE`; each migration becomes a savepoint): a second
    /// instance waits, then finds every migration applied.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                sqlite::MIGRATOR.run(&mut *tx).await?;
                tx.commit().await?;
            }
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

    /// Opens a transaction for a change. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`, waiting out the busy timeout): a transaction that read first and then tried
    /// to write while another writer had committed would fail at once instead of waiting. On
    /// PostgreSQL it runs at READ COMMITTED; changes that must see a stable set of rows lock
    /// them.
    pub(crate) async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Waits for open connections to finish and closes the pool (graceful shutdown).
    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}
