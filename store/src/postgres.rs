//! Connecting to PostgreSQL, the production engine.

use sqlx::postgres::{PgPool, PgPoolOptions};

use crate::{PoolOptions, StoreError};

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

pub(crate) async fn connect(url: &str, options: &PoolOptions) -> Result<PgPool, StoreError> {
    let pool = PgPoolOptions::new()
        .max_connections(options.max_connections)
        .acquire_timeout(options.acquire_timeout)
        // A connection broken by a database restart is found out before it is handed out.
        .test_before_acquire(true)
        .connect(url)
        .await?;
    Ok(pool)
}
