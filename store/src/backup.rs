//! Online backup of the embedded database: `VACUUM INTO` writes a consistent, compacted copy
//! of the SQLite file while the server keeps serving (readers and the writer are not
//! stopped). PostgreSQL is backed up with its own tool, `pg_dump` (see `siap backup`).

use std::path::Path;

use crate::{store::Pool, Store, StoreError};

impl Store {
    /// Writes a consistent copy of the SQLite database to `to`, which must not exist yet.
    /// `Invalid` on PostgreSQL (use `pg_dump`) or when `to` exists.
    pub async fn backup_sqlite(&self, to: &Path) -> Result<(), StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(StoreError::Invalid(
                "a PostgreSQL database is backed up with pg_dump".to_owned(),
            ));
        };
        if to.exists() {
            return Err(StoreError::Invalid(format!(
                "{} exists already; a backup never overwrites a file",
                to.display()
            )));
        }
        let target = to
            .to_str()
            .ok_or_else(|| StoreError::Invalid("the backup path is not UTF-8".to_owned()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(pool)
            .await?;
        Ok(())
    }
}
