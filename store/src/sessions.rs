//! Server-side sessions for tower-sessions, in the `sessions` table, so that every server
//! instance on one PostgreSQL sees the same sessions.
//!
//! A session record (id, data, expiry) is stored whole as JSON bytes (serde_json: the data is
//! already a map of JSON values); its expiry also goes in a column, to load only live sessions
//! and to delete expired ones.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tower_sessions_core::{
    session::{Id, Record},
    session_store::{self, ExpiredDeletion, SessionStore},
};

use crate::{clock, store::on_pool, Store, StoreError};

/// The [`SessionStore`] over a [`Store`]: `SessionManagerLayer::new(store.session_backend())`.
#[derive(Clone)]
pub struct SessionBackend {
    store: Store,
}

/// Names the engine only: the pool's options may hold a database password.
impl std::fmt::Debug for SessionBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionBackend")
            .field("engine", &self.store.engine())
            .finish()
    }
}

impl SessionBackend {
    pub fn new(store: Store) -> Self {
        Self { store }
    }
}

impl Store {
    /// This store as a tower-sessions session store.
    pub fn session_backend(&self) -> SessionBackend {
        SessionBackend::new(self.clone())
    }

    /// How many sessions are stored, expired ones not yet deleted included.
    pub async fn count_sessions(&self) -> Result<i64, StoreError> {
        let count: i64 = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(pool).await?
        });
        Ok(count)
    }
}

fn backend(error: StoreError) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn encode(record: &Record) -> session_store::Result<Vec<u8>> {
    serde_json::to_vec(record).map_err(|e| session_store::Error::Encode(e.to_string()))
}

/// The record's expiry as the store writes times. A time beyond chrono's range cannot come
/// from tower-sessions (it adds a duration to now); it is refused rather than guessed.
fn expiry(record: &Record) -> session_store::Result<DateTime<Utc>> {
    let at = record.expiry_date;
    DateTime::from_timestamp(at.unix_timestamp(), at.nanosecond())
        .map(clock::stored)
        .ok_or_else(|| session_store::Error::Encode(format!("expiry out of range: {at}")))
}

impl SessionBackend {
    /// Inserts the record unless its id is taken; whether it was inserted.
    async fn insert_new(&self, record: &Record) -> session_store::Result<bool> {
        let (id, data, expiry) = (record.id.to_string(), encode(record)?, expiry(record)?);
        let inserted = on_pool!(self.store, pool => {
            sqlx::query(
                "INSERT INTO sessions (id, data, expiry_date) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(data)
            .bind(expiry)
            .execute(pool)
            .await
            .map_err(|e| backend(e.into()))?
            .rows_affected()
        });
        Ok(inserted == 1)
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    /// Stores a new session, drawing a new id while the drawn one is taken (by a session of
    /// another instance, say).
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits: a second collision in a row means something else is wrong.
        for _ in 0..4 {
            if self.insert_new(record).await? {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(session_store::Error::Backend(
            "could not draw an unused session id".to_owned(),
        ))
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (id, data, expiry) = (record.id.to_string(), encode(record)?, expiry(record)?);
        on_pool!(self.store, pool => {
            sqlx::query(
                "INSERT INTO sessions (id, data, expiry_date) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO UPDATE SET data = excluded.data, \
                 expiry_date = excluded.expiry_date",
            )
            .bind(id)
            .bind(data)
            .bind(expiry)
            .execute(pool)
            .await
            .map_err(|e| backend(e.into()))?;
        });
        Ok(())
    }

    /// The session if it exists and has not expired.
    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let data: Option<Vec<u8>> = on_pool!(self.store, pool => {
            sqlx::query_scalar("SELECT data FROM sessions WHERE id = $1 AND expiry_date > $2")
                .bind(session_id.to_string())
                .bind(clock::now())
                .fetch_optional(pool)
                .await
                .map_err(|e| backend(e.into()))?
        });
        data.map(|bytes| {
            serde_json::from_slice(&bytes).map_err(|e| session_store::Error::Decode(e.to_string()))
        })
        .transpose()
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        on_pool!(self.store, pool => {
            sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(session_id.to_string())
                .execute(pool)
                .await
                .map_err(|e| backend(e.into()))?;
        });
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for SessionBackend {
    /// Deletes every expired session; run it now and then (e.g. hourly) on one instance or
    /// all, it is idempotent.
    async fn delete_expired(&self) -> session_store::Result<()> {
        on_pool!(self.store, pool => {
            sqlx::query("DELETE FROM sessions WHERE expiry_date <= $1")
                .bind(clock::now())
                .execute(pool)
                .await
                .map_err(|e| backend(e.into()))?;
        });
        Ok(())
    }
}
