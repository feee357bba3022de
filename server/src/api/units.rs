//! `/api/v1/units`: the unit tree within the caller's scope, one unit, an edit, and the CSV
//! import (the same checks as the import page: every problem by line, all or nothing).

use app::units::{self as ui, ImportResult, UnitRow};
use axum::{
    body::Bytes,
    extract::Path,
    http::{header, HeaderMap},
    routing::{get, post},
    Json, Router,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    input::{ApiJson, ApiQuery},
    paging::{Page, PageQuery},
    problem::{ApiResult, FieldError, Problem},
};

#[derive(OpenApi)]
#[openapi(paths(list_units, get_unit, update_unit, import_units))]
pub struct UnitsApi;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/units", get(list_units))
        .route("/units/import", post(import_units))
        .route("/units/{code}", get(get_unit).put(update_unit))
}

/// A unit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitOut {
    /// The unit's code, unique in the organisation (e.g. `DISKOMINFOTIK`).
    pub code: String,
    pub name: String,
    /// The kind of unit, e.g. `dinas`, `kota_administrasi`, `kecamatan`, `kelurahan`.
    pub kind: String,
    pub parent_code: Option<String>,
    /// Staff in the unit, the denominator of response rates.
    pub headcount: u32,
    /// Depth below the caller's topmost visible unit (0 for the roots of the caller's tree).
    pub depth: u32,
}

impl From<UnitRow> for UnitOut {
    fn from(row: UnitRow) -> Self {
        Self {
            code: row.code,
            name: row.name,
            kind: row.kind.as_str().to_owned(),
            parent_code: row.parent_code,
            headcount: row.headcount,
            depth: u32::try_from(row.depth).unwrap_or(u32::MAX),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitsQuery {
    /// Only units whose code or name contains this text (case-insensitive).
    q: Option<String>,
}

/// Units within the caller's scope, in tree order.
#[utoipa::path(get, path = "/api/v1/units", tag = "units", params(UnitsQuery, PageQuery),
    responses((status = 200, description = "A page of units", body = Page<UnitOut>)))]
async fn list_units(
    caller: Caller,
    ApiQuery(query): ApiQuery<UnitsQuery>,
    ApiQuery(paging): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<UnitOut>>> {
    let paging = paging.checked()?;
    let search = query.q.unwrap_or_default();
    let rows = caller.run(|| ui::list_units(search)).await?;
    Ok(Json(Page::of(
        rows.into_iter().map(UnitOut::from).collect(),
        paging,
    )))
}

/// A unit with its ancestors and children.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitDetailOut {
    pub unit: UnitOut,
    /// Codes of the unit's ancestors within the caller's units, from the top down (as the
    /// unit page's breadcrumbs).
    pub ancestors: Vec<String>,
    pub children: Vec<UnitOut>,
}

/// One unit within the caller's scope (others are not found).
#[utoipa::path(get, path = "/api/v1/units/{code}", tag = "units",
    params(("code" = String, Path, description = "The unit's code", example = "DKI")),
    responses((status = 200, description = "The unit", body = UnitDetailOut)))]
async fn get_unit(caller: Caller, Path(code): Path<String>) -> ApiResult<Json<UnitDetailOut>> {
    let detail = caller.run(|| ui::get_unit(code)).await?;
    Ok(Json(UnitDetailOut {
        unit: detail.unit.into(),
        ancestors: detail
            .breadcrumbs
            .into_iter()
            .map(|(code, _)| code)
            .collect(),
        children: detail.children.into_iter().map(UnitOut::from).collect(),
    }))
}

/// A unit's new values (administrators). The code stays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitUpdate {
    pub name: String,
    pub kind: String,
    /// The new parent's code; `null` for the root.
    pub parent_code: Option<String>,
    pub headcount: u32,
}

/// Changes a unit (administrators); its history keeps the old values.
#[utoipa::path(put, path = "/api/v1/units/{code}", tag = "units",
    params(("code" = String, Path, description = "The unit's code", example = "DKI")),
    request_body = UnitUpdate,
    responses((status = 200, description = "The unit as changed", body = UnitDetailOut)))]
async fn update_unit(
    caller: Caller,
    Path(code): Path<String>,
    ApiJson(update): ApiJson<UnitUpdate>,
) -> ApiResult<Json<UnitDetailOut>> {
    let again = code.clone();
    caller
        .run(|| {
            ui::update_unit(
                code,
                update.name,
                update.kind,
                update.parent_code.unwrap_or_default(),
                update.headcount.to_string(),
            )
        })
        .await?;
    get_unit(caller, Path(again)).await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check only and report what would change (the default); `false` imports.
    dry_run: Option<bool>,
}

/// What an import did or would do.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportOut {
    pub creates: u64,
    pub updates: u64,
    pub unchanged: u64,
    /// Whether the import was made (`false` on a dry run).
    pub committed: bool,
}

/// Checks a units CSV (body, `text/csv`, columns as in the README) and, with `dry_run=false`,
/// imports it all or nothing (administrators). Every problem is reported by line, and then
/// nothing is imported.
#[utoipa::path(post, path = "/api/v1/units/import", tag = "units", params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The units CSV"),
    responses((status = 200, description = "What was (or would be) imported", body = ImportOut)))]
async fn import_units(
    caller: Caller,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<ImportOut>> {
    let csv = csv_text(&headers, &body)?;
    let commit = !query.dry_run.unwrap_or(true);
    let lang = caller.lang();
    match caller
        .run(|| ui::import_units_csv(csv, commit, lang))
        .await?
    {
        ImportResult::Planned {
            creates,
            updates,
            unchanged,
            committed,
        } => Ok(Json(ImportOut {
            creates: creates as u64,
            updates: updates as u64,
            unchanged: unchanged as u64,
            committed,
        })),
        ImportResult::Problems(problems) => Err(Problem::fields(
            problems
                .into_iter()
                .map(|p| FieldError {
                    field: match p.column {
                        Some(column) => format!("line {} ({column})", p.line),
                        None => format!("line {}", p.line),
                    },
                    message: p.message,
                })
                .collect(),
        )),
    }
}

/// A CSV body as text: `text/csv` (or `text/plain`) in UTF-8.
pub fn csv_text(headers: &HeaderMap, body: &Bytes) -> Result<String, Problem> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if media != "text/csv" && media != "text/plain" {
        return Err(Problem::field(
            "Content-Type",
            "the body must be CSV (Content-Type: text/csv)",
        ));
    }
    String::from_utf8(body.to_vec())
        .map_err(|_| Problem::field("body", "the CSV is not UTF-8 text"))
}
