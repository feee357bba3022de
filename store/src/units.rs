//! Organisational units (the tree readiness is measured on).

use crate::{store::on_pool, Store, StoreError};

impl Store {
    /// How many organisational units the database holds.
    pub async fn count_units(&self) -> Result<i64, StoreError> {
        let count: i64 = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM units").fetch_one(pool).await?
        });
        Ok(count)
    }
}
