/// Errors of the data layer. Callers map them to HTTP statuses; `Unavailable` means the
/// database could not be reached (the caller answers 503 and retries later).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    #[error("cannot prepare the SQLite file location {path}: {source}")]
    SqlitePath {
        path: String,
        source: std::io::Error,
    },
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// The change would duplicate something unique (a username, a unit code), or the data it
    /// was planned against has changed since. Nothing was written. The caller answers 409.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The change refers to something that does not exist, or breaks a rule of the data (a
    /// unit under its own descendant, an unknown unit id). Nothing was written. The caller
    /// answers 422.
    #[error("invalid change: {0}")]
    Invalid(String),
    /// The row an update or delete targets does not exist. The caller answers 404.
    #[error("not found")]
    NotFound,
    /// A stored row fails the domain's validation: a bug or a hand edit of the database.
    #[error("corrupt data in the database: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Tls(_) => StoreError::Unavailable(err),
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_owned())
            }
            sqlx::Error::Database(db)
                if db.is_foreign_key_violation() || db.is_check_violation() =>
            {
                StoreError::Invalid(db.message().to_owned())
            }
            other => StoreError::Database(other),
        }
    }
}

impl StoreError {
    /// Whether the failure is the database being unreachable rather than a bad query.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }

    /// A stored value that does not parse into its domain type.
    pub(crate) fn corrupt(what: impl std::fmt::Display, error: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(format!("{what}: {error}"))
    }
}
