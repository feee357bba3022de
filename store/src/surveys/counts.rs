//! Cheap counts of a wave's responses: what cached indicators are checked against before
//! they are served.

use crate::{store::on_pool, Store, StoreError};

impl Store {
    /// How many responses a wave has (0 for an unknown wave). One indexed COUNT: responses
    /// are only ever added, so an unchanged count means unchanged responses, and every server
    /// instance can tell on its own whether indicators it computed earlier are still current.
    pub async fn wave_response_count(&self, wave_id: i64) -> Result<u64, StoreError> {
        let count: i64 = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM responses WHERE wave_id = $1")
                .bind(wave_id)
                .fetch_one(pool)
                .await?
        });
        u64::try_from(count).map_err(|e| StoreError::corrupt(format!("wave {wave_id}"), e))
    }
}
