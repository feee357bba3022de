//! `/api/v1/gaps`: the resource-gap register — what units lack to change (budget, staff,
//! equipment, IT, training), with severity, estimated cost and the plans that address it,
//! and totals by type. Through the gap page's own server functions: a gap is visible when
//! its unit is in the caller's scope; recording or changing one needs the permission to plan
//! in its unit.

use app::gaps::{self as ui, GapRow, GapTotalRow, GapsView};
use axum::{
    extract::{rejection::PathRejection, Path},
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};
use domain::{
    interventions::{GapKind, GapStatus, LongText, Severity, TextField},
    units::UnitCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    input::{ApiJson, ApiQuery},
    interventions::{path_id, rupiah, Fields, UnitRefOut},
    paging::{Page, PageQuery},
    problem::{ApiResult, Problem, ProblemKind},
};

#[derive(OpenApi)]
#[openapi(paths(list_gaps, create_gap, set_gap_status))]
pub struct GapsApi;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/gaps", get(list_gaps).post(create_gap))
        .route("/gaps/{id}/status", post(set_gap_status))
}

/// What a unit lacks: `anggaran` (budget), `sdm` (staff), `sarana_prasarana` (equipment and
/// facilities), `ti` (information technology), `pelatihan` (training), `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GapKindCode {
    Anggaran,
    Sdm,
    SaranaPrasarana,
    Ti,
    Pelatihan,
    Other,
}

impl From<GapKindCode> for GapKind {
    fn from(kind: GapKindCode) -> Self {
        match kind {
            GapKindCode::Anggaran => GapKind::Anggaran,
            GapKindCode::Sdm => GapKind::Sdm,
            GapKindCode::SaranaPrasarana => GapKind::SaranaPrasarana,
            GapKindCode::Ti => GapKind::Ti,
            GapKindCode::Pelatihan => GapKind::Pelatihan,
            GapKindCode::Other => GapKind::Other,
        }
    }
}

/// How badly a gap holds the change back: `rendah` (low), `sedang` (medium), `tinggi` (high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeverityCode {
    Rendah,
    Sedang,
    Tinggi,
}

impl From<SeverityCode> for Severity {
    fn from(severity: SeverityCode) -> Self {
        match severity {
            SeverityCode::Rendah => Severity::Rendah,
            SeverityCode::Sedang => Severity::Sedang,
            SeverityCode::Tinggi => Severity::Tinggi,
        }
    }
}

/// Whether a gap is dealt with: `open` (nothing planned yet), `planned` (a plan or budget
/// request is planned for it), `resolved`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GapStatusCode {
    Open,
    Planned,
    Resolved,
}

impl From<GapStatusCode> for GapStatus {
    fn from(status: GapStatusCode) -> Self {
        match status {
            GapStatusCode::Open => GapStatus::Open,
            GapStatusCode::Planned => GapStatus::Planned,
            GapStatusCode::Resolved => GapStatus::Resolved,
        }
    }
}

/// A plan as a gap names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanRefOut {
    pub id: i64,
    pub title: String,
}

/// A recorded gap.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GapOut {
    pub id: i64,
    pub unit: UnitRefOut,
    #[schema(value_type = GapKindCode)]
    pub kind: String,
    pub description: String,
    #[schema(value_type = SeverityCode)]
    pub severity: String,
    /// The estimated cost in whole rupiah.
    #[schema(minimum = 0)]
    pub estimated_cost_rupiah: i64,
    #[schema(value_type = GapStatusCode)]
    pub status: String,
    /// The plans addressing it that the caller may see.
    pub plans: Vec<PlanRefOut>,
    /// Whether the caller may change it.
    pub can_edit: bool,
}

impl From<GapRow> for GapOut {
    fn from(row: GapRow) -> Self {
        Self {
            id: row.id,
            unit: row.unit.into(),
            kind: row.kind,
            description: row.description,
            severity: row.severity,
            estimated_cost_rupiah: rupiah(row.estimated_cost),
            status: row.status,
            plans: row
                .plans
                .into_iter()
                .map(|(id, title)| PlanRefOut { id, title })
                .collect(),
            can_edit: row.can_edit,
        }
    }
}

/// The gaps of one type over the units listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GapTotalOut {
    #[schema(value_type = GapKindCode)]
    pub kind: String,
    pub count: u64,
    /// Their estimated cost together, whole rupiah.
    #[schema(minimum = 0)]
    pub estimated_cost_rupiah: i64,
    /// How many are not resolved (open or planned).
    pub unresolved_count: u64,
    /// The estimated cost of those not resolved, whole rupiah.
    #[schema(minimum = 0)]
    pub unresolved_cost_rupiah: i64,
}

impl From<GapTotalRow> for GapTotalOut {
    fn from(row: GapTotalRow) -> Self {
        Self {
            kind: row.kind,
            count: row.count,
            estimated_cost_rupiah: rupiah(row.estimated_cost),
            unresolved_count: row.unresolved_count,
            unresolved_cost_rupiah: rupiah(row.unresolved_cost),
        }
    }
}

/// One page of gaps, with the totals of every gap listed (all pages).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GapsOut {
    /// The unit whose subtree is listed; `null`: the caller's whole scope.
    pub unit: Option<UnitRefOut>,
    pub items: Vec<GapOut>,
    /// Gaps in the whole list (all pages).
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    /// By type, over the whole list.
    pub totals: Vec<GapTotalOut>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GapsQuery {
    /// A unit's code: the gaps of it and every unit under it (a unit outside the caller's
    /// scope is not found). Omitted: the caller's whole scope.
    unit: Option<String>,
}

/// Gaps within the caller's scope (or one unit's subtree), with totals by type.
#[utoipa::path(get, path = "/api/v1/gaps", tag = "gaps", params(GapsQuery, PageQuery),
    responses((status = 200, description = "A page of gaps with the totals", body = GapsOut)))]
async fn list_gaps(
    caller: Caller,
    ApiQuery(query): ApiQuery<GapsQuery>,
    ApiQuery(paging): ApiQuery<PageQuery>,
) -> ApiResult<Json<GapsOut>> {
    let paging = paging.checked()?;
    let unit = query.unit.unwrap_or_default();
    let view: GapsView = caller.run(|| ui::list_gaps(unit)).await?;
    let page = Page::of(view.gaps.into_iter().map(GapOut::from).collect(), paging);
    Ok(Json(GapsOut {
        unit: view.unit.map(UnitRefOut::from),
        items: page.items,
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        totals: view.totals.into_iter().map(GapTotalOut::from).collect(),
    }))
}

/// A gap to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GapIn {
    /// The code of the unit that lacks it (one the caller may plan in).
    pub unit: String,
    pub kind: GapKindCode,
    /// What is lacking; at most 4000 characters.
    #[schema(max_length = 4000)]
    pub description: String,
    pub severity: SeverityCode,
    /// The estimated cost in whole rupiah (0 when omitted).
    #[schema(minimum = 0, maximum = 1000000000000000_i64)]
    pub estimated_cost_rupiah: Option<i64>,
    /// A plan (id) that addresses it, linked at once; one the caller may see.
    pub intervention_id: Option<i64>,
}

/// The gap `id` as the caller sees it among `unit`'s gaps (empty: the whole scope).
async fn gap_out(caller: &Caller, unit: String, id: i64) -> ApiResult<GapOut> {
    let view = caller.run(|| ui::list_gaps(unit)).await?;
    view.gaps
        .into_iter()
        .find(|g| g.id == id)
        .map(GapOut::from)
        .ok_or_else(|| {
            Problem::new(
                ProblemKind::NotFound,
                app::error::AppError::NotFound.message(caller.locale),
            )
        })
}

/// Records a gap of a unit the caller may plan in, open.
#[utoipa::path(post, path = "/api/v1/gaps", tag = "gaps", request_body = GapIn,
    responses((status = 201, description = "The gap as recorded", body = GapOut)))]
async fn create_gap(
    caller: Caller,
    ApiJson(gap): ApiJson<GapIn>,
) -> ApiResult<(StatusCode, Json<GapOut>)> {
    let locale = caller.locale;
    let mut fields = Fields::new(locale);
    let unit = gap.unit.trim().to_owned();
    if let Err(e) = UnitCode::parse(&unit) {
        fields.refuse("unit", e.message(locale));
    }
    fields.check(
        "description",
        LongText::parse(&gap.description, TextField::Description),
    );
    let cost = fields.rupiah("estimated_cost_rupiah", gap.estimated_cost_rupiah);
    fields.done()?;
    let lang = caller.lang();
    let id = caller
        .run(|| {
            ui::create_gap(
                unit.clone(),
                GapKind::from(gap.kind).as_str().to_owned(),
                gap.description,
                Severity::from(gap.severity).as_str().to_owned(),
                cost.to_string(),
                gap.intervention_id
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
                lang,
            )
        })
        .await?;
    Ok((StatusCode::CREATED, Json(gap_out(&caller, unit, id).await?)))
}

/// A gap's new status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GapStatusIn {
    pub status: GapStatusCode,
}

/// Moves a gap of a unit the caller may plan in to another status.
#[utoipa::path(post, path = "/api/v1/gaps/{id}/status", tag = "gaps",
    params(("id" = i64, Path, description = "The gap's id")),
    request_body = GapStatusIn,
    responses((status = 200, description = "The gap in its new status", body = GapOut)))]
async fn set_gap_status(
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    ApiJson(change): ApiJson<GapStatusIn>,
) -> ApiResult<Json<GapOut>> {
    let id = path_id(path, caller.locale)?;
    let status = GapStatus::from(change.status).as_str().to_owned();
    caller.run(|| ui::set_gap_status(id, status)).await?;
    gap_out(&caller, String::new(), id).await.map(Json)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_api_names_every_gap_value_the_app_uses() {
        for &kind in GapKind::ALL {
            let api: GapKindCode = serde_json::from_value(kind.as_str().into()).unwrap();
            assert_eq!(GapKind::from(api), kind);
        }
        for &severity in Severity::ALL {
            let api: SeverityCode = serde_json::from_value(severity.as_str().into()).unwrap();
            assert_eq!(Severity::from(api), severity);
        }
        for &status in GapStatus::ALL {
            let api: GapStatusCode = serde_json::from_value(status.as_str().into()).unwrap();
            assert_eq!(GapStatus::from(api), status);
        }
    }
}
