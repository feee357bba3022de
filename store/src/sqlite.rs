//! Opening the embedded SQLite database.

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::{PoolOptions, StoreError};

/// How long a statement waits for another connection's lock before failing.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

pub(crate) async fn connect(
    url: &str,
    path: &Path,
    options: &PoolOptions,
) -> Result<SqlitePool, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::SqlitePath {
            path: dir.display().to_string(),
            source,
        })?;
    }
    let connect = SqliteConnectOptions::from_str(url)
        .map_err(|e| StoreError::InvalidUrl(e.to_string()))?
        .create_if_missing(true)
        // WAL lets readers (dashboards) run while a respondent's answers are written.
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a response acknowledged to a respondent survives a power cut, not only a crash.
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(BUSY_TIMEOUT)
        // Deleted rows (tokens past their retention, removed survey data) are overwritten,
        // not left in free pages for a copy of the file to give back (issue #15).
        .pragma("secure_delete", "ON")
        .foreign_keys(true);
    // Two instances opening a new file at once race to switch it to WAL, and SQLite answers
    // the loser "database is locked" at once, without waiting out the busy timeout: retry.
    let mut attempt = 0;
    loop {
        let opened = SqlitePoolOptions::new()
            .max_connections(options.max_connections)
            .acquire_timeout(options.acquire_timeout)
            .connect_with(connect.clone())
            .await;
        match opened {
            Err(error) if is_busy(&error) && attempt < OPEN_RETRIES => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(20 * u64::from(attempt))).await;
            }
            opened => return Ok(opened?),
        }
    }
}

/// How often opening the database is retried while another connection holds it locked.
const OPEN_RETRIES: u32 = 10;

/// SQLITE_BUSY, whatever its extended code.
fn is_busy(error: &sqlx::Error) -> bool {
    const SQLITE_BUSY: i32 = 5;
    match error {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| code & 0xff == SQLITE_BUSY),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::{store::Pool, testing::TestDatabase, PoolOptions, Store};

    #[tokio::test]
    async fn sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
        let db = TestDatabase::sqlite();
        let store = Store::connect(db.url(), &PoolOptions::default())
            .await
            .expect("connect");
        let Pool::Sqlite(pool) = &store.pool else {
            panic!("an SQLite URL opens an SQLite pool");
        };
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(pool)
            .await
            .expect("pragma");
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(pool)
            .await
            .expect("pragma");
        let busy_timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(pool)
            .await
            .expect("pragma");
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(pool)
            .await
            .expect("pragma");
        assert_eq!(journal, "wal");
        assert_eq!(foreign_keys, 1);
        assert_eq!(busy_timeout, 10_000);
        assert_eq!(synchronous, 2, "FULL");
        let secure_delete: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(pool)
            .await
            .expect("pragma");
        assert_eq!(secure_delete, 1, "deleted rows are overwritten");
    }

    #[tokio::test]
    async fn creates_the_folder_of_a_new_database_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested/deeper/siap.db");
        let url = format!("sqlite://{}", path.display()).parse().expect("url");
        let store = Store::connect(&url, &PoolOptions::default())
            .await
            .expect("connect");
        store.migrate().await.expect("migrate");
        assert!(path.exists());
    }
}
