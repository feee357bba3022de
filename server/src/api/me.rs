//! `/api/v1/me`: who the token acts as.

use axum::{routing::get, Json, Router};
use domain::access::UnitScope;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    problem::ApiResult,
};

#[derive(OpenApi)]
#[openapi(paths(me))]
pub struct MeApi;

pub fn routes() -> Router<ApiState> {
    Router::new().route("/me", get(me))
}

/// The user a token acts as.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeOut {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// `admin`, `leader` or `change_agent`.
    pub role: String,
    /// Whether the user's scope is the whole organisation.
    pub all_units: bool,
    /// How many units the user's scope holds (their units and every unit below them); `null`
    /// for the whole organisation.
    pub units_in_scope: Option<u64>,
}

/// The token's user, role and scope.
#[utoipa::path(get, path = "/api/v1/me", tag = "me",
    responses((status = 200, description = "The token's user", body = MeOut)))]
async fn me(caller: Caller) -> ApiResult<Json<MeOut>> {
    let user = &caller.user;
    let units_in_scope = match &user.scope {
        UnitScope::All => None,
        UnitScope::Units(ids) => Some(ids.len() as u64),
    };
    Ok(Json(MeOut {
        id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role.as_str().to_owned(),
        all_units: units_in_scope.is_none(),
        units_in_scope,
    }))
}
