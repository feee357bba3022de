use std::collections::HashMap;

use domain::{
    access::{Action, Role},
    units::UnitCode,
};
use leptos::prelude::*;
use store::{AuditAction, AuditFilter, Store};

use super::{AuditView, UserView};
use crate::{
    auth::ssr::{authorize, NewUserInput},
    error::AppError,
    i18n::{text, text_with},
};

fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    authorize(Action::ManageUsers, None).await?;
    let store = store()?;
    let codes: HashMap<i64, String> = store
        .list_units()
        .await?
        .into_iter()
        .map(|r| (r.id, r.unit.code.as_str().to_owned()))
        .collect();
    Ok(store
        .list_users()
        .await?
        .into_iter()
        .map(|u| UserView {
            username: u.username,
            display_name: u.display_name,
            role: u.role,
            active: u.active,
            unit_codes: u
                .unit_ids
                .iter()
                .filter_map(|id| codes.get(id).cloned())
                .collect(),
        })
        .collect())
}

pub async fn create_user(
    username: String,
    display_name: String,
    password: String,
    role: Role,
    units: String,
) -> Result<(), AppError> {
    let admin = authorize(Action::ManageUsers, None).await?;
    let store = store()?;
    let unit_ids = unit_ids_of(&store, &units, role).await?;
    crate::auth::ssr::create_user(
        &store,
        NewUserInput {
            username: &username,
            display_name: &display_name,
            password: &password,
            role,
            unit_ids,
        },
        &admin.actor(),
    )
    .await
    .map(|_| ())
}

/// Unit codes separated by commas, spaces or new lines, resolved to ids; leaders and change
/// agents need at least one.
async fn unit_ids_of(store: &Store, units: &str, role: Role) -> Result<Vec<i64>, AppError> {
    let mut unit_ids = Vec::new();
    for raw in units
        .split([',', ' ', '\n'])
        .filter(|s| !s.trim().is_empty())
    {
        let code =
            UnitCode::parse(raw).map_err(|_| invalid("users_unit_code_invalid", "code", raw))?;
        let record = store
            .unit_by_code(&code)
            .await?
            .ok_or_else(|| invalid("users_unit_not_found", "code", raw))?;
        unit_ids.push(record.id);
    }
    if role != Role::Admin && unit_ids.is_empty() {
        return Err(AppError::Invalid(text(
            crate::lang_cookie::current(),
            "users_need_unit",
        )));
    }
    Ok(unit_ids)
}

pub async fn update_user(
    username: String,
    role: Role,
    units: String,
    active: bool,
) -> Result<(), AppError> {
    let admin = authorize(Action::ManageUsers, None).await?;
    let store = store()?;
    let user = store
        .user_by_username(&username)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit_ids = unit_ids_of(&store, &units, role).await?;
    let last_admin = |e: store::StoreError| match e {
        store::StoreError::Conflict(_) => AppError::Invalid(
            "Administrator aktif terakhir tidak dapat diubah atau dinonaktifkan.".into(),
        ),
        other => other.into(),
    };
    if user.role != role {
        store
            .set_user_role(user.id, role, &admin.actor())
            .await
            .map_err(last_admin)?;
    }
    if user.unit_ids != unit_ids {
        store
            .set_user_units(user.id, &unit_ids, &admin.actor())
            .await?;
    }
    if user.active != active {
        store
            .set_user_active(user.id, active, &admin.actor())
            .await
            .map_err(last_admin)?;
    }
    Ok(())
}

pub async fn list_audit(action: String, offset: u32) -> Result<Vec<AuditView>, AppError> {
    authorize(Action::ViewAudit, None).await?;
    let action = match action.trim() {
        "" => None,
        a => Some(
            a.parse::<AuditAction>()
                .map_err(|_| invalid("audit_unknown_action", "action", a))?,
        ),
    };
    let filter = AuditFilter {
        action,
        offset,
        limit: 100,
        ..AuditFilter::default()
    };
    Ok(store()?
        .list_audit(&filter)
        .await?
        .into_iter()
        .map(|e| AuditView {
            at: e.at.to_rfc3339(),
            actor: e.actor_name,
            action: e.action.as_str().to_owned(),
            target: e.target,
            detail: e.detail.to_string(),
        })
        .collect())
}

/// A refusal naming what was typed, in the user's language.
fn invalid(key: &str, name: &str, value: &str) -> AppError {
    AppError::Invalid(text_with(
        crate::lang_cookie::current(),
        key,
        &[(name, value.to_owned())],
    ))
}
