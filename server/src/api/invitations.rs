//! `/api/v1/waves/{id}/invitations`: issuing a batch of anonymous single-use invitation
//! tokens for one unit of a wave (the wave page's own function), and the invitations issued
//! and used per unit.
//!
//! A batch's tokens are returned once, to the caller who issued it: they carry nothing about
//! who receives them and exist to be handed out (printed, mailed, messaged). Handing them
//! out is recorded in the audit log as an export, as the page's slip sheet and CSV are.

use app::waves as ui;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    routing::post,
    Json, Router,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::{AuditAction, NewAuditEntry};
use utoipa::{OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    input::ApiJson,
    problem::{ApiResult, Problem},
    waves::wave_id,
};

/// The most tokens one batch may have (as on the wave page).
const MAX_BATCH: u32 = 100_000;

#[derive(OpenApi)]
#[openapi(paths(issue_invitations, list_invitations))]
pub struct InvitationsApi;

pub fn routes() -> Router<ApiState> {
    Router::new().route(
        "/waves/{id}/invitations",
        post(issue_invitations).get(list_invitations),
    )
}

/// A batch of invitations to issue.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationsCreate {
    /// The code of a unit of the wave within the caller's scope.
    pub unit_code: String,
    /// How many tokens, 1 to 100000; unless given, the rest of the unit's headcount
    /// (headcount minus tokens issued so far).
    #[schema(minimum = 1, maximum = 100000)]
    pub count: Option<u32>,
}

/// One invitation: a single-use token and the link that opens the survey with it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationOut {
    /// The token as it appears in the link.
    pub token: String,
    /// The token grouped for typing by hand, as on the printed slip.
    pub code: String,
    /// The survey link for this token.
    pub url: String,
}

/// A batch of invitations just issued.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BatchCreatedOut {
    /// The batch's id (its printable sheet is `/waves/{wave_id}/undangan/{batch_id}/lembar`).
    pub batch_id: i64,
    pub wave_id: i64,
    pub unit_code: String,
    /// The tokens, each to be handed to one person. They are returned only here.
    pub invitations: Vec<InvitationOut>,
}

/// Issues a batch of single-use invitation tokens for one unit of a wave (administrators,
/// and leaders and change agents for their units) and returns them with their links.
#[utoipa::path(post, path = "/api/v1/waves/{id}/invitations", tag = "invitations",
    params(("id" = i64, Path, description = "The wave's id", example = 1)),
    request_body = InvitationsCreate,
    responses((status = 201, description = "The batch issued, with its tokens",
        body = BatchCreatedOut)))]
async fn issue_invitations(
    caller: Caller,
    State(state): State<ApiState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<InvitationsCreate>,
) -> ApiResult<(StatusCode, Json<BatchCreatedOut>)> {
    let id = wave_id(&caller, &id)?;
    if let Some(count) = request.count {
        if count == 0 || count > MAX_BATCH {
            return Err(Problem::field("count", format!("1 to {MAX_BATCH}")));
        }
    }
    if request.unit_code.trim().is_empty() {
        return Err(Problem::field("unit_code", "required"));
    }
    let unit_code = request.unit_code.trim().to_owned();
    let count = request.count.map(|c| c.to_string()).unwrap_or_default();
    let lang = caller.lang();
    let code = unit_code.clone();
    // The page's function authorises (the unit in the caller's scope and in the wave, the
    // wave not closed) and issues the batch.
    let batch_id = caller
        .run(|| ui::issue_invitations(id, code, count, lang))
        .await?;
    // Only the batch just issued to this caller is read back.
    let internal = |e: store::StoreError| Problem::from_app(&e.into(), caller.locale);
    let base = crate::invitations::public_base(&headers);
    let invitations = state
        .store
        .batch_tokens(batch_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|(token, _)| InvitationOut {
            url: format!("{base}/s/{}", token.as_str()),
            code: token.grouped(),
            token: token.as_str().to_owned(),
        })
        .collect();
    let entry = NewAuditEntry::new(caller.user.actor(), AuditAction::Export)
        .target(format!("invitation batch {batch_id}"))
        .detail(json!({ "wave": id, "unit": unit_code, "format": "api" }));
    if let Err(e) = state.store.append_audit(&entry).await {
        tracing::warn!(error = %e, "recording an invitation export");
    }
    Ok((
        StatusCode::CREATED,
        Json(BatchCreatedOut {
            batch_id,
            wave_id: id,
            unit_code,
            invitations,
        }),
    ))
}

/// A batch of invitations issued earlier.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BatchOut {
    pub id: i64,
    /// Tokens in the batch.
    pub size: u32,
    /// Tokens of the batch already used to answer.
    pub used: u32,
    pub created_at: DateTime<Utc>,
}

/// The invitations of one unit of a wave.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitInvitationsOut {
    pub code: String,
    pub name: String,
    /// Staff in the unit when the wave was created.
    pub headcount: u32,
    /// Tokens issued for the unit.
    pub issued: u32,
    /// Tokens used to answer.
    pub used: u32,
    /// Responses received from the unit (imported ones included).
    pub responded: u32,
    /// Batches issued, oldest first.
    pub batches: Vec<BatchOut>,
}

/// A wave's invitations per unit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WaveInvitationsOut {
    pub wave_id: i64,
    /// Whether invitations may still be issued (the wave is not closed).
    pub can_issue: bool,
    /// The wave's units within the caller's scope, in tree order.
    pub units: Vec<UnitInvitationsOut>,
}

/// Invitations issued and used per unit of a wave, within the caller's scope (the tokens
/// themselves are not listed again).
#[utoipa::path(get, path = "/api/v1/waves/{id}/invitations", tag = "invitations",
    params(("id" = i64, Path, description = "The wave's id", example = 1)),
    responses((status = 200, description = "Invitations per unit", body = WaveInvitationsOut)))]
async fn list_invitations(
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<WaveInvitationsOut>> {
    let id = wave_id(&caller, &id)?;
    let detail = caller.run(|| ui::get_wave(id)).await?;
    Ok(Json(WaveInvitationsOut {
        wave_id: id,
        can_issue: detail.can_issue,
        units: detail
            .units
            .into_iter()
            .map(|unit| UnitInvitationsOut {
                used: unit.batches.iter().map(|b| b.used).sum(),
                batches: unit
                    .batches
                    .into_iter()
                    .map(|b| BatchOut {
                        id: b.id,
                        size: b.size,
                        used: b.used,
                        created_at: b.created_at,
                    })
                    .collect(),
                code: unit.code,
                name: unit.name,
                headcount: unit.headcount,
                issued: unit.issued,
                responded: unit.responded,
            })
            .collect(),
    }))
}
