//! Signing in and out, the first administrator, and who the current user is.
//! The checks themselves run on the server (`ssr`); the browser only shows the result.

mod pages;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod ssr;

use domain::access::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub use pages::{ActionError, LoginPage, PasswordPage, SetupPage};

/// The signed-in user as the interface sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// The signed-in user, if any.
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    ssr::respond(async { Ok(ssr::current_auth_user().await?.map(|u| u.session_user())) }).await
}

/// Signs in with username and password; on success the browser goes to the home page.
#[server(endpoint = "auth/login")]
pub async fn login(username: String, password: String) -> Result<SessionUser, AppError> {
    ssr::respond(async move {
        let user = ssr::login(&username, &password).await?;
        leptos_axum::redirect("/");
        Ok(user)
    })
    .await
}

/// Signs out and forgets the session everywhere.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    ssr::respond(async {
        ssr::logout().await?;
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}

/// Changes the signed-in user's password (the current one is asked again).
#[server(endpoint = "auth/password")]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    ssr::respond(async move { ssr::change_password(&current, &new).await }).await
}

/// Whether the platform still has no administrator (the one-time setup page is open).
#[server(endpoint = "auth/needs-setup")]
pub async fn needs_setup() -> Result<bool, AppError> {
    ssr::respond(async { ssr::needs_setup().await }).await
}

/// Creates the first administrator; refused once any administrator exists.
#[server(endpoint = "auth/setup")]
pub async fn setup_first_admin(
    username: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    ssr::respond(async move {
        ssr::setup_first_admin(&username, &display_name, &password).await?;
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}
