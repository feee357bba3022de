//! Server side of authentication and authorisation. Every server function that touches
//! data starts with [`authorize`]; nothing is decided in the browser.

use std::future::Future;

use chrono::Utc;
use domain::access::{self, Action, Denied, Role, UnitScope};
use leptos::prelude::*;
use store::{Actor, AuditAction, LockoutPolicy, NewAuditEntry, NewUser, Store};
use tower_sessions::Session;

use super::{password, SessionUser};
use crate::error::AppError;

const USER_KEY: &str = "user_id";
/// The password-change time the session was created under: changing the password ends
/// every other session of that user.
const PASSWORD_EPOCH_KEY: &str = "password_changed_at";
/// When the sign-in ends, however active the session: RFC 3339.
const SIGNED_IN_UNTIL_KEY: &str = "signed_in_until";

/// How long a sign-in lasts at most (`--session-max-hours`), given to the pages' context. An
/// idle session ends sooner (the cookie's inactivity expiry); this bounds a stolen or
/// forgotten session that is kept busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLifetime(pub chrono::Duration);

impl Default for SessionLifetime {
    fn default() -> Self {
        Self(chrono::Duration::hours(12))
    }
}

/// Whether a sign-in that ends at `until` (as stored) is over at `now`. A session without
/// the mark (from before it existed, or tampered with) is over.
fn sign_in_over(until: Option<&str>, now: chrono::DateTime<Utc>) -> bool {
    until
        .and_then(|u| chrono::DateTime::parse_from_rfc3339(u).ok())
        .is_none_or(|u| u <= now)
}

/// A signed-in user with their unit scope expanded to whole subtrees.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: UnitScope,
}

impl AuthUser {
    pub fn session_user(&self) -> SessionUser {
        SessionUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
        }
    }

    pub fn actor(&self) -> Actor {
        Actor::user(self.id, self.username.clone())
    }
}

/// Runs a server function body and gives its error the matching HTTP status.
pub async fn respond<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = body.await;
    if let Err(err) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = http::StatusCode::from_u16(err.status()) {
                response.set_status(status);
            }
        }
    }
    result
}

fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or_else(|| {
        tracing::error!("no Store in the Leptos context");
        AppError::Internal
    })
}

pub(crate) async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        AppError::Internal
    })
}

fn session_error(e: tower_sessions::session::Error) -> AppError {
    tracing::warn!(error = %e, "session store");
    AppError::Unavailable
}

/// The caller of an `/api/v1` request, identified by a bearer token (issue #8). The API layer
/// provides it in the Leptos context and then runs the pages' own server-side functions, so
/// the API and the pages share one path for scope, roles and suppression.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub AuthUser);

/// The signed-in user (or the API caller), or `None`. A deactivated user, or one whose
/// password changed since this session began, is signed out.
pub async fn current_auth_user() -> Result<Option<AuthUser>, AppError> {
    if let Some(ApiCaller(user)) = use_context::<ApiCaller>() {
        return Ok(Some(user));
    }
    let session = session().await?;
    auth_user_in(&store()?, &session).await
}

/// User `user_id` with their scope expanded, or `None` when there is no such active user.
pub async fn auth_user_by_id(store: &Store, user_id: i64) -> Result<Option<AuthUser>, AppError> {
    let Some(user) = store.user_by_id(user_id).await?.filter(|u| u.active) else {
        return Ok(None);
    };
    Ok(Some(expand(store, user).await?))
}

async fn expand(store: &Store, user: store::UserRecord) -> Result<AuthUser, AppError> {
    let scope = match user.role {
        Role::Admin => UnitScope::All,
        Role::Leader | Role::ChangeAgent => UnitScope::Units(
            store
                .subtree_unit_ids(&user.unit_ids)
                .await?
                .into_iter()
                .collect(),
        ),
    };
    Ok(AuthUser {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        scope,
    })
}

/// The signed-in user of `session`: for plain Axum handlers (printable sheets, downloads)
/// that have the session and the store but no Leptos context.
pub async fn auth_user_in(store: &Store, session: &Session) -> Result<Option<AuthUser>, AppError> {
    let Some(user_id) = session.get::<i64>(USER_KEY).await.map_err(session_error)? else {
        return Ok(None);
    };
    let user = store.user_by_id(user_id).await?;
    let epoch = session
        .get::<String>(PASSWORD_EPOCH_KEY)
        .await
        .map_err(session_error)?;
    let until = session
        .get::<String>(SIGNED_IN_UNTIL_KEY)
        .await
        .map_err(session_error)?;
    let over = sign_in_over(until.as_deref(), Utc::now());
    let Some(user) = user.filter(|u| {
        !over && u.active && epoch.as_deref() == Some(u.password_changed_at.to_rfc3339().as_str())
    }) else {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    };
    Ok(Some(expand(store, user).await?))
}

/// The signed-in user, allowed to do `action` on `unit` (or organisation-wide).
/// Out-of-scope units are answered as not found.
pub async fn authorize(action: Action, unit: Option<i64>) -> Result<AuthUser, AppError> {
    let user = current_auth_user()
        .await?
        .ok_or(AppError::Unauthenticated)?;
    access::authorize(user.role, &user.scope, action, unit).map_err(|denied| match denied {
        Denied::RoleLacksPermission => AppError::Forbidden,
        Denied::OutOfScope => AppError::NotFound,
    })?;
    Ok(user)
}

pub async fn login(username: &str, password_given: &str) -> Result<SessionUser, AppError> {
    let store = store()?;
    let session = session().await?;
    let now = Utc::now();
    // Attempted usernames are attacker-chosen: keep the log entry short.
    let attempted: String = username.trim().chars().take(64).collect();
    let failed = |reason: &'static str| {
        let mut entry =
            NewAuditEntry::new(Actor::system(attempted.clone()), AuditAction::LoginFailed);
        entry.target = Some(attempted.clone());
        entry.detail = serde_json::json!({ "reason": reason });
        entry
    };

    let Some(user) = store.user_by_username(username).await? else {
        password::verify_against_nothing(password_given);
        store.append_audit(&failed("unknown_user")).await?;
        return Err(AppError::BadCredentials);
    };
    if !user.active || user.is_locked(now) {
        password::verify_against_nothing(password_given);
        let reason = if user.active { "locked" } else { "inactive" };
        store.append_audit(&failed(reason)).await?;
        return Err(AppError::BadCredentials);
    }
    if !password::verify(password_given, &user.password_hash) {
        let reason = count_wrong_password(
            &store,
            user.id,
            now,
            ["wrong_password", "wrong_password_now_locked"],
        )
        .await?;
        store.append_audit(&failed(reason)).await?;
        return Err(AppError::BadCredentials);
    }

    store.reset_failed_logins(user.id).await?;
    // A new session id at sign-in: a session id planted before cannot be taken over.
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(USER_KEY, user.id)
        .await
        .map_err(session_error)?;
    session
        .insert(PASSWORD_EPOCH_KEY, user.password_changed_at.to_rfc3339())
        .await
        .map_err(session_error)?;
    let lifetime = use_context::<SessionLifetime>().unwrap_or_default();
    session
        .insert(SIGNED_IN_UNTIL_KEY, (now + lifetime.0).to_rfc3339())
        .await
        .map_err(session_error)?;
    store
        .append_audit(&NewAuditEntry::new(
            Actor::user(user.id, user.username.clone()),
            AuditAction::Login,
        ))
        .await?;
    Ok(SessionUser {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
    })
}

pub async fn logout() -> Result<(), AppError> {
    let session = session().await?;
    if let Some(user) = current_auth_user().await? {
        store()?
            .append_audit(&NewAuditEntry::new(user.actor(), AuditAction::Logout))
            .await?;
    }
    session.flush().await.map_err(session_error)
}

pub async fn change_password(current: &str, new: &str) -> Result<(), AppError> {
    let user = current_auth_user()
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let store = store()?;
    let record = store.user_by_id(user.id).await?.ok_or(AppError::NotFound)?;
    // Checked like a sign-in: a locked account gets no answer, a wrong current password counts
    // toward the lock and is audited. Otherwise a stolen session could guess the password.
    let now = Utc::now();
    if record.is_locked(now) {
        password::verify_against_nothing(current);
        return Err(AppError::BadCredentials);
    }
    if !password::verify(current, &record.password_hash) {
        let reason = count_wrong_password(
            &store,
            user.id,
            now,
            [
                "wrong_current_password",
                "wrong_current_password_now_locked",
            ],
        )
        .await?;
        let mut entry = NewAuditEntry::new(user.actor(), AuditAction::LoginFailed);
        entry.target = Some(user.username.clone());
        entry.detail = serde_json::json!({ "reason": reason });
        store.append_audit(&entry).await?;
        return Err(AppError::BadCredentials);
    }
    password::check_new(new, &user.username).map_err(|(id, _en)| AppError::Invalid(id.into()))?;
    let hash = password::hash(new).map_err(|_| AppError::Internal)?;
    store.set_password(user.id, &hash, &user.actor()).await?;
    // Keep this session valid under the new password; others end.
    let updated = store.user_by_id(user.id).await?.ok_or(AppError::NotFound)?;
    let session = session().await?;
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(PASSWORD_EPOCH_KEY, updated.password_changed_at.to_rfc3339())
        .await
        .map_err(session_error)
}

/// Counts a wrong password toward the account's lock; the audit reason of `[still open,
/// now locked]` that applies.
async fn count_wrong_password(
    store: &Store,
    user_id: i64,
    now: chrono::DateTime<Utc>,
    [open, locked]: [&'static str; 2],
) -> Result<&'static str, AppError> {
    let lock = store
        .record_failed_login(user_id, now, LockoutPolicy::default())
        .await?;
    Ok(if lock.is_locked() { locked } else { open })
}

pub async fn needs_setup() -> Result<bool, AppError> {
    Ok(store()?.count_admins().await? == 0)
}

/// Creates a user with a freshly hashed password (the setup page, the CLI, admins).
pub async fn create_user(
    store: &Store,
    user: NewUserInput<'_>,
    actor: &Actor,
) -> Result<i64, AppError> {
    let new_user = checked_new_user(user)?;
    store
        .create_user(new_user, actor)
        .await
        .map_err(username_taken)
}

/// The user to create, after the rules for names and passwords, with the password hashed.
fn checked_new_user(user: NewUserInput<'_>) -> Result<NewUser, AppError> {
    let username = user.username.trim();
    let valid_username = !username.is_empty()
        && username.len() <= 64
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !valid_username {
        return Err(AppError::Invalid(
            "Nama pengguna 1–64 karakter: huruf, angka, titik, tanda hubung atau garis bawah."
                .into(),
        ));
    }
    let display_name = user.display_name.trim();
    if domain::display_text::shows_nothing(display_name)
        || display_name.chars().count() > 120
        || domain::display_text::holds_hidden_control(display_name, false)
    {
        return Err(AppError::Invalid(
            "Nama tampilan wajib diisi (maksimal 120 karakter, tanpa karakter kontrol atau pengatur arah teks).".into(),
        ));
    }
    password::check_new(user.password, username).map_err(|(id, _)| AppError::Invalid(id.into()))?;
    let password_hash = password::hash(user.password).map_err(|_| AppError::Internal)?;
    Ok(NewUser {
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        password_hash,
        role: user.role,
        unit_ids: user.unit_ids,
    })
}

fn username_taken(e: store::StoreError) -> AppError {
    match e {
        store::StoreError::Conflict(_) => AppError::Invalid(crate::i18n::text(
            crate::lang_cookie::current(),
            "users_username_taken",
        )),
        other => other.into(),
    }
}

pub struct NewUserInput<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub unit_ids: Vec<i64>,
}

pub async fn setup_first_admin(
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<(), AppError> {
    let store = store()?;
    let admin = checked_new_user(NewUserInput {
        username,
        display_name,
        password,
        role: Role::Admin,
        unit_ids: Vec::new(),
    })?;
    // The setup page closes for good once an administrator exists; the store decides that
    // atomically, so concurrent setups create exactly one.
    match store
        .create_first_admin(admin, &Actor::system("setup"))
        .await
        .map_err(username_taken)?
    {
        Some(_) => Ok(()),
        None => Err(AppError::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_ends_at_its_mark_or_without_one() {
        let now = Utc::now();
        let later = (now + chrono::Duration::minutes(1)).to_rfc3339();
        let earlier = (now - chrono::Duration::seconds(1)).to_rfc3339();
        assert!(!sign_in_over(Some(&later), now));
        assert!(sign_in_over(Some(&earlier), now));
        assert!(sign_in_over(None, now));
        assert!(sign_in_over(Some("kemarin"), now));
    }
}
