//! `/api/v1/audit`: the audit log, newest first, for administrators. The audit page's own
//! function lists fixed pages of 100 with no actor filter and no count, so this reads the
//! store's list and count directly, after the same check as the page and the CSV export
//! (`Action::ViewAudit`, whatever the unit).

use axum::{extract::State, routing::get, Json, Router};
use domain::access::{self, Action};
use serde::{Deserialize, Serialize};
use store::{AuditAction, AuditFilter, AuditRecord};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    input::ApiQuery,
    paging::{Page, PageQuery},
    problem::{ApiResult, Problem, ProblemKind},
};

#[derive(OpenApi)]
#[openapi(paths(list_audit))]
pub struct AuditApi;

pub fn routes() -> Router<ApiState> {
    Router::new().route("/audit", get(list_audit))
}

/// One entry of the audit log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntryOut {
    pub id: i64,
    /// When, RFC 3339 (UTC).
    #[schema(format = DateTime)]
    pub at: String,
    /// The acting user's id; `null` for the system, or once the user is deleted.
    pub actor_user_id: Option<i64>,
    /// The actor's name as it was then (a username, or the system's name).
    pub actor: String,
    /// What was done, e.g. `login_failed`, `intervention_created`, `api_token_created`.
    pub action: String,
    /// What it was done to, e.g. a unit code or a plan id.
    pub target: Option<String>,
    /// Further detail: a JSON value (usually an object) whose members depend on the action.
    pub detail: serde_json::Value,
}

impl From<AuditRecord> for AuditEntryOut {
    fn from(record: AuditRecord) -> Self {
        Self {
            id: record.id,
            at: record.at.to_rfc3339(),
            actor_user_id: record.actor_user_id,
            actor: record.actor_name,
            action: record.action.as_str().to_owned(),
            target: record.target,
            detail: record.detail,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only entries of this action, e.g. `login_failed` or `unit_updated`.
    action: Option<String>,
    /// Only entries by this actor name (exactly).
    actor: Option<String>,
}

/// The audit log, newest first (administrators; others are refused with 403).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery, PageQuery),
    responses((status = 200, description = "A page of the audit log", body = Page<AuditEntryOut>)))]
async fn list_audit(
    caller: Caller,
    State(state): State<ApiState>,
    ApiQuery(query): ApiQuery<AuditQuery>,
    ApiQuery(paging): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<AuditEntryOut>>> {
    let locale = caller.locale;
    let user = &caller.user;
    access::authorize(user.role, &user.scope, Action::ViewAudit, None).map_err(|_| {
        Problem::new(
            ProblemKind::Forbidden,
            app::error::AppError::Forbidden.message(locale),
        )
    })?;
    let (page, per_page) = paging.checked()?;
    let action = match query.action.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<AuditAction>().map_err(|_| {
            let known: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
            Problem::field(
                "action",
                locale.pick(
                    format!(
                        "tindakan tidak dikenal; salah satu dari: {}",
                        known.join(", ")
                    ),
                    format!("unknown action; one of: {}", known.join(", ")),
                ),
            )
        })?),
    };
    let actor = query
        .actor
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty());
    let store_error = |e: store::StoreError| Problem::from_app(&e.into(), locale);
    let mut filter = AuditFilter {
        action,
        actor,
        limit: per_page,
        ..AuditFilter::default()
    };
    let total = u64::try_from(
        state
            .store
            .count_audit(&filter)
            .await
            .map_err(store_error)?,
    )
    .unwrap_or(0);
    let offset = u64::from(page - 1) * u64::from(per_page);
    let items = match u32::try_from(offset) {
        Ok(offset) if u64::from(offset) < total => {
            filter.offset = offset;
            state
                .store
                .list_audit(&filter)
                .await
                .map_err(store_error)?
                .into_iter()
                .map(AuditEntryOut::from)
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(Json(Page {
        items,
        total,
        page,
        per_page,
    }))
}
