//! Personal API tokens (issue #8): a secret a user creates to call `/api/v1` as themselves.
//!
//! The secret is shown once, at creation, and only its SHA-256 is stored: the secret has 256
//! random bits, so a fast hash is enough (no password stretching needed), and a copy of the
//! database holds nothing that opens the API. A token carries no role or units of its own: it
//! acts as its user, whose role and units are read at each request.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx, Tx},
    Store, StoreError,
};

/// What every secret starts with, so a leaked one is recognisable (e.g. by secret scanners).
pub const SECRET_PREFIX: &str = "siap_";
/// The longest token name accepted.
pub const MAX_TOKEN_NAME: usize = 80;

/// A token's secret, as the user sends it in `Authorization: Bearer`. Not `Debug`-printed.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiSecret(String);

impl ApiSecret {
    /// A new secret: the prefix and 32 random bytes from the operating system, in hex.
    pub fn generate() -> Result<Self, StoreError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| StoreError::Invalid(format!("no randomness available: {e}")))?;
        Ok(Self(format!("{SECRET_PREFIX}{}", hex::encode(bytes))))
    }

    /// A secret as received. Anything not shaped like one is refused without a lookup.
    pub fn parse(text: &str) -> Option<Self> {
        let hex_part = text.strip_prefix(SECRET_PREFIX)?;
        let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        (hex_part.len() == 64 && hex_part.bytes().all(lower_hex)).then(|| Self(text.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What lists show: the prefix and the first four hex digits.
    pub fn shown_prefix(&self) -> String {
        self.0.chars().take(SECRET_PREFIX.len() + 4).collect()
    }

    fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiSecret({}…)", self.shown_prefix())
    }
}

/// A token as listed to its user (never with the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_on: Option<NaiveDate>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    user_id: i64,
    name: String,
    prefix: String,
    created_at: DateTime<Utc>,
    last_used_on: Option<NaiveDate>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<TokenRow> for ApiTokenRecord {
    fn from(row: TokenRow) -> Self {
        Self {
            id: row.id,
            user_id: row.user_id,
            name: row.name,
            prefix: row.prefix,
            created_at: row.created_at,
            last_used_on: row.last_used_on,
            revoked_at: row.revoked_at,
        }
    }
}

const COLUMNS: &str = "id, user_id, name, prefix, created_at, last_used_on, revoked_at";

/// Revokes every live token of `user_id` in `tx`; how many were live. A password change or a
/// deactivation ends the user's tokens with their sessions (issue #16): a reactivated user,
/// or one whose password was reset after a leak, starts with none.
pub(crate) async fn revoke_all_in(
    tx: &mut Tx,
    user_id: i64,
    at: DateTime<Utc>,
) -> Result<u64, StoreError> {
    Ok(on_tx!(tx, conn => {
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(user_id)
        .execute(&mut *conn)
        .await?
        .rows_affected()
    }))
}

impl Store {
    /// Creates a token named `name` for `user_id` and returns it with its secret (the only
    /// time the secret exists outside the user's hands), audit-logged in the same transaction.
    pub async fn create_api_token(
        &self,
        user_id: i64,
        name: &str,
        actor: &Actor,
    ) -> Result<(ApiTokenRecord, ApiSecret), StoreError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_TOKEN_NAME {
            return Err(StoreError::Invalid(format!(
                "a token name has 1 to {MAX_TOKEN_NAME} characters"
            )));
        }
        let secret = ApiSecret::generate()?;
        let at = clock::now();
        let mut tx = self.begin().await?;
        let id: i64 = on_tx!(&mut tx, conn => {
            sqlx::query_scalar(
                "INSERT INTO api_tokens (user_id, name, prefix, secret_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(user_id)
            .bind(name)
            .bind(secret.shown_prefix())
            .bind(secret.hash())
            .bind(at)
            .fetch_one(&mut *conn)
            .await?
        });
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::ApiTokenCreated)
            .target(format!("api_token:{id}"))
            .detail(json!({ "name": name, "user_id": user_id }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        let record = ApiTokenRecord {
            id,
            user_id,
            name: name.to_owned(),
            prefix: secret.shown_prefix(),
            created_at: at,
            last_used_on: None,
            revoked_at: None,
        };
        Ok((record, secret))
    }

    /// The tokens of `user_id`, newest first, revoked ones included.
    pub async fn api_tokens_of(&self, user_id: i64) -> Result<Vec<ApiTokenRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC");
        let rows: Vec<TokenRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(ApiTokenRecord::from).collect())
    }

    /// Revokes token `id` of `user_id`. `NotFound` when the user has no such token (another
    /// user's token is answered alike); revoking twice keeps the first time.
    pub async fn revoke_api_token(
        &self,
        user_id: i64,
        id: i64,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let found: Option<i64> = on_tx!(&mut tx, conn => {
            sqlx::query_scalar("SELECT id FROM api_tokens WHERE id = $1 AND user_id = $2")
                .bind(id)
                .bind(user_id)
                .fetch_optional(&mut *conn)
                .await?
        });
        if found.is_none() {
            return Err(StoreError::NotFound);
        }
        on_tx!(&mut tx, conn => {
            sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
            )
            .bind(at)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        });
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::ApiTokenRevoked)
            .target(format!("api_token:{id}"));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await
    }

    /// The user a live (not revoked) token acts for, marking the day it was used. `None` for
    /// an unknown or revoked secret.
    pub async fn api_token_user(&self, secret: &ApiSecret) -> Result<Option<i64>, StoreError> {
        let hash = secret.hash();
        let found: Option<(i64, i64, Option<NaiveDate>)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, user_id, last_used_on FROM api_tokens \
                 WHERE secret_hash = $1 AND revoked_at IS NULL",
            )
            .bind(&hash)
            .fetch_optional(pool)
            .await?
        });
        let Some((id, user_id, last_used_on)) = found else {
            return Ok(None);
        };
        // One write a day per token at most: the mark is a day, as elsewhere in Siap.
        let today = clock::now().date_naive();
        if last_used_on != Some(today) {
            on_pool!(self, pool => {
                sqlx::query("UPDATE api_tokens SET last_used_on = $1 WHERE id = $2")
                    .bind(today)
                    .bind(id)
                    .execute(pool)
                    .await?;
            });
        }
        Ok(Some(user_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secrets_parse_and_differ() {
        let a = ApiSecret::generate().expect("randomness");
        let b = ApiSecret::generate().expect("randomness");
        assert_ne!(a, b);
        assert_eq!(ApiSecret::parse(a.expose()), Some(a.clone()));
        assert_eq!(a.expose().len(), SECRET_PREFIX.len() + 64);
        assert!(!format!("{a:?}").contains(&a.expose()[10..]));
    }

    #[test]
    fn malformed_secrets_are_refused() {
        for text in [
            "",
            "siap_",
            "siap_xyz",
            "token",
            &format!("siap_{}", "g".repeat(64)),
        ] {
            assert_eq!(ApiSecret::parse(text), None, "{text}");
        }
    }
}
