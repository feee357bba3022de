//! Administration: users with their roles and unit scopes, and the audit log.

mod pages;
#[cfg(feature = "ssr")]
mod ssr;

use domain::access::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub use pages::{AuditPage, UsersPage};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub unit_codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    /// RFC 3339, UTC; shown in Asia/Jakarta time by the page.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub detail: String,
}

#[server(endpoint = "admin/users")]
pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    crate::auth::ssr::respond(ssr::list_users()).await
}

/// Creates a user. `units` is a list of unit codes separated by commas or spaces: a
/// leader's subtree roots or a change agent's units.
#[server(endpoint = "admin/users/create")]
pub async fn create_user(
    username: String,
    display_name: String,
    password: String,
    role: Role,
    units: String,
) -> Result<(), AppError> {
    crate::auth::ssr::respond(ssr::create_user(
        username,
        display_name,
        password,
        role,
        units,
    ))
    .await
}

#[server(endpoint = "admin/audit")]
pub async fn list_audit(action: String, offset: u32) -> Result<Vec<AuditView>, AppError> {
    crate::auth::ssr::respond(ssr::list_audit(action, offset)).await
}

/// Changes a user's role, units and whether the account is active (administrators).
/// `units` as in [`create_user`]. The last active administrator cannot be demoted.
#[server(endpoint = "admin/users/update")]
pub async fn update_user(
    username: String,
    role: Role,
    units: String,
    active: bool,
) -> Result<(), AppError> {
    crate::auth::ssr::respond(ssr::update_user(username, role, units, active)).await
}
