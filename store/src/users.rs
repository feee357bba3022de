//! Users, the units they are given, and the login lockout.

use std::{collections::BTreeMap, fmt};

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx, Tx},
    Role, Store, StoreError,
};

/// An argon2 password hash in PHC string form. Never serialised and never printed: a hash
/// that leaks can be attacked offline.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a PHC string made by the caller (the store never sees a plaintext password).
    pub fn new(phc: impl Into<String>) -> Self {
        Self(phc.into())
    }

    /// The PHC string, to verify a password against.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(<redacted>)")
    }
}

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Stored trimmed and lowercase.
    pub username: String,
    pub display_name: String,
    pub password_hash: PasswordHash,
    pub role: Role,
    /// A leader's subtree roots, or a change agent's assigned units.
    pub unit_ids: Vec<i64>,
}

/// A stored user, with the hash to check a password against. For lists, see [`UserSummary`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: PasswordHash,
    pub role: Role,
    pub active: bool,
    /// Failed logins in a row since the last success or lock.
    pub failed_logins: u32,
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: DateTime<Utc>,
    /// Ascending.
    pub unit_ids: Vec<i64>,
}

impl UserRecord {
    /// Whether logins are refused at `now` because of too many failures.
    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }
}

/// A user as lists show it: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub failed_logins: u32,
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: DateTime<Utc>,
    /// Ascending.
    pub unit_ids: Vec<i64>,
}

/// When failed logins lock an account, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures in a row that lock the account; 0 never locks.
    pub max_failures: u32,
    pub lock_for: TimeDelta,
}

impl Default for LockoutPolicy {
    /// Five failures in a row lock the account for fifteen minutes.
    fn default() -> Self {
        Self {
            max_failures: 5,
            lock_for: TimeDelta::minutes(15),
        }
    }
}

/// The state of an account after a failed login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginLock {
    /// Failures in a row, this one included.
    pub failed_logins: u32,
    /// Until when logins are refused; `None` if the account is not locked now.
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginLock {
    /// Whether this failure left the account locked.
    pub fn is_locked(&self) -> bool {
        self.locked_until.is_some()
    }
}

/// Usernames compare without case and surrounding space.
fn normalize_username(raw: &str) -> String {
    raw.trim().to_lowercase()
}

const SELECT_USER: &str = "SELECT id, username, display_name, password_hash, role, active, \
     failed_logins, locked_until, created_at, password_changed_at FROM users";

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    password_hash: String,
    role: String,
    active: bool,
    failed_logins: i32,
    locked_until: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    password_changed_at: DateTime<Utc>,
}

impl UserRow {
    fn into_record(self, unit_ids: Vec<i64>) -> Result<UserRecord, StoreError> {
        let what = format!("user {}", self.id);
        Ok(UserRecord {
            role: self
                .role
                .parse()
                .map_err(|e| StoreError::corrupt(&what, e))?,
            failed_logins: u32::try_from(self.failed_logins)
                .map_err(|e| StoreError::corrupt(&what, e))?,
            id: self.id,
            username: self.username,
            display_name: self.display_name,
            password_hash: PasswordHash(self.password_hash),
            active: self.active,
            locked_until: self.locked_until,
            created_at: self.created_at,
            password_changed_at: self.password_changed_at,
            unit_ids,
        })
    }
}

impl From<UserRecord> for UserSummary {
    fn from(user: UserRecord) -> Self {
        Self {
            id: user.id,
            username: user.username,
            display_name: user.display_name,
            role: user.role,
            active: user.active,
            failed_logins: user.failed_logins,
            locked_until: user.locked_until,
            created_at: user.created_at,
            password_changed_at: user.password_changed_at,
            unit_ids: user.unit_ids,
        }
    }
}

/// The user's units, replacing any they had.
async fn replace_units_in(tx: &mut Tx, user_id: i64, unit_ids: &[i64]) -> Result<(), StoreError> {
    let mut unit_ids = unit_ids.to_vec();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM user_units WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    });
    for unit_id in unit_ids {
        let inserted = on_tx!(tx, conn => {
            sqlx::query("INSERT INTO user_units (user_id, unit_id) VALUES ($1, $2)")
                .bind(user_id)
                .bind(unit_id)
                .execute(&mut *conn)
                .await
                .map(|_| ())
                .map_err(StoreError::from)
        });
        inserted.map_err(|e| match e {
            StoreError::Invalid(_) => StoreError::Invalid(format!("no unit has the id {unit_id}")),
            other => other,
        })?;
    }
    Ok(())
}

async fn unit_ids_in(tx: &mut Tx, user_id: i64) -> Result<Vec<i64>, StoreError> {
    let ids: Vec<i64> = on_tx!(tx, conn => {
        sqlx::query_scalar("SELECT unit_id FROM user_units WHERE user_id = $1 ORDER BY unit_id")
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?
    });
    Ok(ids)
}

async fn user_in(tx: &mut Tx, user_id: i64) -> Result<UserRecord, StoreError> {
    let sql = format!("{SELECT_USER} WHERE id = $1");
    let row: Option<UserRow> = on_tx!(tx, conn => {
        sqlx::query_as(&sql).bind(user_id).fetch_optional(&mut *conn).await?
    });
    let row = row.ok_or(StoreError::NotFound)?;
    let unit_ids = unit_ids_in(tx, user_id).await?;
    row.into_record(unit_ids)
}

/// Active administrators other than `user_id`. On PostgreSQL it first locks the active
/// administrators' rows, so that two admins demoting each other at once cannot both succeed
/// (the second waits, then counts again); SQLite's write lock already serialises the two.
async fn other_admins_in(tx: &mut Tx, user_id: i64) -> Result<i64, StoreError> {
    if let Tx::Postgres(tx) = tx {
        sqlx::query("SELECT id FROM users WHERE role = 'admin' AND active FOR UPDATE")
            .execute(&mut **tx)
            .await?;
    }
    let count: i64 = on_tx!(tx, conn => {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = $1 AND id <> $2",
        )
        .bind(true)
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?
    });
    Ok(count)
}

/// Inserts a user with their units and a `user_created` audit entry, in `tx`.
async fn insert_user_in(
    tx: &mut Tx,
    user: &NewUser,
    actor: &Actor,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let username = normalize_username(&user.username);
    if username.is_empty() {
        return Err(StoreError::Invalid("the username is empty".to_owned()));
    }
    let inserted: Result<i64, StoreError> = on_tx!(tx, conn => {
        sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, role, active, \
             failed_logins, created_at, password_changed_at) \
             VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING id",
        )
        .bind(username.as_str())
        .bind(user.display_name.trim())
        .bind(user.password_hash.as_str())
        .bind(user.role.as_str())
        .bind(true)
        .bind(at)
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::from)
    });
    let id = inserted.map_err(|e| match e {
        StoreError::Conflict(_) => {
            StoreError::Conflict(format!("the username {username} is taken"))
        }
        other => other,
    })?;
    replace_units_in(tx, id, &user.unit_ids).await?;
    let entry = NewAuditEntry::new(actor.clone(), AuditAction::UserCreated)
        .target(username.as_str())
        .detail(
            json!({ "user_id": id, "role": user.role, "unit_ids": unit_ids_in(tx, id).await? }),
        );
    audit::append_in(tx, &entry, at).await?;
    Ok(id)
}

/// The number of active administrators (`$1` = true).
const ACTIVE_ADMINS: &str = "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = $1";

fn last_admin() -> StoreError {
    StoreError::Conflict("the last active administrator must stay an active administrator".into())
}

impl Store {
    /// Creates a user with their units and a `user_created` audit entry; returns the new id.
    /// `Conflict` if the username is taken, `Invalid` if it is blank or a unit id is unknown.
    pub async fn create_user(&self, user: NewUser, actor: &Actor) -> Result<i64, StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let id = insert_user_in(&mut tx, &user, actor, at).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creates the first administrator, once: `Ok(None)` when an active administrator
    /// exists or another request claimed the setup first. The claim (the only row of
    /// `first_admin_setup`) and the user are written in one transaction: on PostgreSQL a
    /// concurrent claim waits for it and then finds the row, on SQLite the transactions run
    /// one after another; either way exactly one administrator is created.
    pub async fn create_first_admin(
        &self,
        user: NewUser,
        actor: &Actor,
    ) -> Result<Option<i64>, StoreError> {
        if user.role != Role::Admin {
            return Err(StoreError::Invalid(
                "the first user is an administrator".to_owned(),
            ));
        }
        let at = clock::now();
        let mut tx = self.begin().await?;
        let claimed: u64 = on_tx!(&mut tx, conn => {
            sqlx::query(
                "INSERT INTO first_admin_setup (id, claimed_at) VALUES (1, $1) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(at)
            .execute(&mut *conn)
            .await?
            .rows_affected()
        });
        let admins: i64 = on_tx!(&mut tx, conn => {
            sqlx::query_scalar(ACTIVE_ADMINS)
                .bind(true)
                .fetch_one(&mut *conn)
                .await?
        });
        if claimed == 0 || admins > 0 {
            // Dropped uncommitted: the claim is rolled back with it.
            return Ok(None);
        }
        let id = insert_user_in(&mut tx, &user, actor, at).await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// The user with this username (any case, surrounding space ignored), if any.
    pub async fn user_by_username(&self, username: &str) -> Result<Option<UserRecord>, StoreError> {
        let sql = format!("{SELECT_USER} WHERE username = $1");
        let row: Option<UserRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(normalize_username(username))
                .fetch_optional(pool)
                .await?
        });
        match row {
            None => Ok(None),
            Some(row) => {
                let unit_ids = self.user_unit_ids(row.id).await?;
                row.into_record(unit_ids).map(Some)
            }
        }
    }

    /// The user with this id, if any.
    pub async fn user_by_id(&self, user_id: i64) -> Result<Option<UserRecord>, StoreError> {
        let sql = format!("{SELECT_USER} WHERE id = $1");
        let row: Option<UserRow> = on_pool!(self, pool => {
            sqlx::query_as(&sql).bind(user_id).fetch_optional(pool).await?
        });
        match row {
            None => Ok(None),
            Some(row) => {
                let unit_ids = self.user_unit_ids(row.id).await?;
                row.into_record(unit_ids).map(Some)
            }
        }
    }

    /// Every user by username, without password hashes.
    pub async fn list_users(&self) -> Result<Vec<UserSummary>, StoreError> {
        let sql = format!("{SELECT_USER} ORDER BY username");
        let (rows, links): (Vec<UserRow>, Vec<(i64, i64)>) = on_pool!(self, pool => {
            let rows = sqlx::query_as(&sql).fetch_all(pool).await?;
            let links = sqlx::query_as("SELECT user_id, unit_id FROM user_units ORDER BY unit_id")
                .fetch_all(pool)
                .await?;
            (rows, links)
        });
        let mut units: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (user_id, unit_id) in links {
            units.entry(user_id).or_default().push(unit_id);
        }
        rows.into_iter()
            .map(|row| {
                let unit_ids = units.remove(&row.id).unwrap_or_default();
                row.into_record(unit_ids).map(UserSummary::from)
            })
            .collect()
    }

    /// Counts a failed login at `now`, atomically (two wrong passwords at once both count).
    /// The failure that reaches `policy.max_failures` locks the account until
    /// `now + policy.lock_for`. After a lock has expired, counting starts again from one.
    /// `NotFound` if there is no such user.
    pub async fn record_failed_login(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
        policy: LockoutPolicy,
    ) -> Result<LoginLock, StoreError> {
        let now = clock::stored(now);
        let max = match policy.max_failures {
            0 => i32::MAX,
            n => i32::try_from(n).unwrap_or(i32::MAX),
        };
        let until = clock::stored(now + policy.lock_for);
        // Every right-hand side reads the row as it was before this update, on both engines.
        let row: Option<(i32, Option<DateTime<Utc>>)> = on_pool!(self, pool => {
            sqlx::query_as(
                "UPDATE users SET \
                 failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 \
                     THEN 1 ELSE failed_logins + 1 END, \
                 locked_until = CASE \
                     WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 \
                           THEN 1 ELSE failed_logins + 1 END) >= $3 THEN $4 \
                     WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN NULL \
                     ELSE locked_until END \
                 WHERE id = $1 RETURNING failed_logins, locked_until",
            )
            .bind(user_id)
            .bind(now)
            .bind(max)
            .bind(until)
            .fetch_optional(pool)
            .await?
        });
        let (failed_logins, locked_until) = row.ok_or(StoreError::NotFound)?;
        Ok(LoginLock {
            failed_logins: u32::try_from(failed_logins)
                .map_err(|e| StoreError::corrupt(format!("user {user_id}"), e))?,
            locked_until: locked_until.filter(|until| *until > now),
        })
    }

    /// Clears failed logins and any lock, after a successful login. `NotFound` if there is no
    /// such user.
    pub async fn reset_failed_logins(&self, user_id: i64) -> Result<(), StoreError> {
        let updated = on_pool!(self, pool => {
            sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Replaces a user's password hash (and clears failed logins and any lock), with a
    /// `password_changed` audit entry. `NotFound` if there is no such user.
    pub async fn set_password(
        &self,
        user_id: i64,
        hash: &PasswordHash,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let user = user_in(&mut tx, user_id).await?;
        on_tx!(&mut tx, conn => {
            sqlx::query(
                "UPDATE users SET password_hash = $1, password_changed_at = $2, \
                 failed_logins = 0, locked_until = NULL WHERE id = $3",
            )
            .bind(hash.as_str())
            .bind(at)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        });
        let tokens_revoked = crate::api_tokens::revoke_all_in(&mut tx, user_id, at).await?;
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::PasswordChanged)
            .target(user.username.as_str())
            .detail(json!({ "user_id": user_id, "api_tokens_revoked": tokens_revoked }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await
    }

    /// Replaces the units a user is given, with a `permissions_changed` audit entry.
    /// `NotFound` if there is no such user, `Invalid` if a unit id is unknown.
    pub async fn set_user_units(
        &self,
        user_id: i64,
        unit_ids: &[i64],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let user = user_in(&mut tx, user_id).await?;
        replace_units_in(&mut tx, user_id, unit_ids).await?;
        let after = unit_ids_in(&mut tx, user_id).await?;
        if after != user.unit_ids {
            let entry = NewAuditEntry::new(actor.clone(), AuditAction::PermissionsChanged)
                .target(user.username.as_str())
                .detail(json!({
                    "user_id": user_id,
                    "unit_ids": { "before": user.unit_ids, "after": after },
                }));
            audit::append_in(&mut tx, &entry, at).await?;
        }
        tx.commit().await
    }

    /// Changes a user's role, with a `permissions_changed` audit entry. `NotFound` if there is
    /// no such user; `Conflict` if it would leave no active administrator.
    pub async fn set_user_role(
        &self,
        user_id: i64,
        role: Role,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let user = user_in(&mut tx, user_id).await?;
        if user.role == role {
            return Ok(());
        }
        if user.role == Role::Admin && user.active && other_admins_in(&mut tx, user_id).await? == 0
        {
            return Err(last_admin());
        }
        on_tx!(&mut tx, conn => {
            sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
                .bind(role.as_str())
                .bind(user_id)
                .execute(&mut *conn)
                .await?;
        });
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::PermissionsChanged)
            .target(user.username.as_str())
            .detail(json!({
                "user_id": user_id,
                "role": { "before": user.role, "after": role },
            }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await
    }

    /// Activates or deactivates a user (an inactive user cannot log in), with a
    /// `user_updated` audit entry. `NotFound` if there is no such user; `Conflict` if it would
    /// leave no active administrator.
    pub async fn set_user_active(
        &self,
        user_id: i64,
        active: bool,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let user = user_in(&mut tx, user_id).await?;
        if user.active == active {
            return Ok(());
        }
        if !active && user.role == Role::Admin && other_admins_in(&mut tx, user_id).await? == 0 {
            return Err(last_admin());
        }
        on_tx!(&mut tx, conn => {
            sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
                .bind(active)
                .bind(user_id)
                .execute(&mut *conn)
                .await?;
        });
        let tokens_revoked = if active {
            0
        } else {
            crate::api_tokens::revoke_all_in(&mut tx, user_id, at).await?
        };
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::UserUpdated)
            .target(user.username.as_str())
            .detail(json!({
                "user_id": user_id,
                "active": { "before": user.active, "after": active },
                "api_tokens_revoked": tokens_revoked,
            }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await
    }

    /// The ids of the units a user is given, ascending.
    pub async fn user_unit_ids(&self, user_id: i64) -> Result<Vec<i64>, StoreError> {
        let ids: Vec<i64> = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT unit_id FROM user_units WHERE user_id = $1 ORDER BY unit_id")
                .bind(user_id)
                .fetch_all(pool)
                .await?
        });
        Ok(ids)
    }

    /// How many active administrators there are (none: the first-run setup is due).
    pub async fn count_admins(&self) -> Result<i64, StoreError> {
        let count: i64 = on_pool!(self, pool => {
            sqlx::query_scalar(ACTIVE_ADMINS)
                .bind(true)
                .fetch_one(pool)
                .await?
        });
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_hash_never_shows() {
        let hash = PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
        let user = NewUser {
            username: "budi".into(),
            display_name: "Budi".into(),
            password_hash: hash.clone(),
            role: Role::Admin,
            unit_ids: vec![],
        };
        assert!(!format!("{hash:?} {user:?}").contains("argon2"));
    }

    #[test]
    fn usernames_compare_without_case_or_space() {
        assert_eq!(normalize_username("  Budi.Santoso "), "budi.santoso");
    }
}
