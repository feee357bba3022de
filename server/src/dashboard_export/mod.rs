//! Exports of the dashboard's current view: `GET /dashboard/ekspor.csv` and
//! `GET /dashboard/ekspor.xlsx`, with the page's query parameters (`gelombang`, `unit`,
//! `urut`, `batas`). The figures come from `app::dashboard::ssr::dashboard_for`, the one
//! path of the page and the report, so an export shows exactly what the page shows: the
//! same units (the user's scope), the same order, the same hidden figures.
//!
//! 401 signed out; 404 for a wave or unit that does not exist or is outside the user's
//! units (answered alike); 422 for a malformed parameter; 503 when the database is
//! unavailable. Every export is recorded in the audit log.

mod csv;
mod table;
mod xlsx;

use app::{
    auth::ssr::auth_user_in,
    dashboard::{model::DashboardQuery, ssr::dashboard_for, Dashboard},
    error::AppError,
    indicators::IndicatorCache,
};
use axum::{
    extract::{RawQuery, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use domain::access::{self, Action};
use serde_json::json;
use store::{Actor, AuditAction, NewAuditEntry, Store};
use tower_sessions::Session;

use crate::plain_answer::{error_response, plain};

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Clone)]
struct Exports {
    store: Store,
    /// The same cache as the pages' (Leptos context), so an export reuses their figures.
    indicators: IndicatorCache,
}

pub fn routes<S>(store: Store, indicators: IndicatorCache) -> Router<S> {
    Router::new()
        .route("/dashboard/ekspor.csv", get(csv_file))
        .route("/dashboard/ekspor.xlsx", get(xlsx_file))
        .with_state(Exports { store, indicators })
}

/// The view an export asks for: the dashboard's query and the page's row order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ExportQuery {
    dashboard: DashboardQuery,
    sort: Option<String>,
}

/// The page's parameters, checked: an empty parameter counts as absent, unknown ones are
/// ignored (as on the page), a malformed number is refused with a message saying which.
fn parse_query(raw: Option<&str>) -> Result<ExportQuery, String> {
    let mut query = ExportQuery::default();
    let pairs = url::form_urlencoded::parse(raw.unwrap_or("").as_bytes());
    for (name, value) in pairs {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match name.as_ref() {
            "gelombang" => {
                let wave = value.parse::<i64>().map_err(|_| {
                    "Parameter gelombang harus nomor gelombang (bilangan bulat). / \
                     The gelombang parameter must be a wave number (a whole number)."
                        .to_owned()
                })?;
                query.dashboard.wave = Some(wave);
            }
            "unit" => query.dashboard.unit = Some(value.to_owned()),
            "urut" => query.sort = Some(value.to_owned()),
            "batas" => {
                let risk = value
                    .parse::<u8>()
                    .ok()
                    .filter(|risk| *risk <= 100)
                    .ok_or_else(|| {
                        "Parameter batas harus bilangan bulat antara 0 dan 100. / \
                         The batas parameter must be a whole number from 0 to 100."
                            .to_owned()
                    })?;
                query.dashboard.risk_index = Some(risk);
            }
            _ => {}
        }
    }
    Ok(query)
}

struct Export {
    dashboard: Dashboard,
    sort: Option<String>,
    actor: Actor,
}

/// The dashboard the signed-in user asked for, within their scope.
async fn export_for(
    exports: &Exports,
    session: &Session,
    raw: Option<&str>,
) -> Result<Export, Response> {
    // Signed out: nothing is looked up, not even the parameters.
    let user = match auth_user_in(&exports.store, session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Err(error_response(&AppError::Unauthenticated)),
        Err(e) => return Err(error_response(&e)),
    };
    match access::authorize(user.role, &user.scope, Action::ViewUnit, None) {
        Ok(()) => {}
        Err(access::Denied::OutOfScope) => return Err(error_response(&AppError::NotFound)),
        Err(access::Denied::RoleLacksPermission) => {
            return Err(error_response(&AppError::Forbidden))
        }
    }
    let query =
        parse_query(raw).map_err(|message| plain(StatusCode::UNPROCESSABLE_ENTITY, message))?;
    let dashboard = dashboard_for(
        &exports.store,
        &exports.indicators,
        &user.scope,
        query.dashboard,
    )
    .await
    .map_err(|e| error_response(&e))?;
    Ok(Export {
        dashboard,
        sort: query.sort,
        actor: user.actor(),
    })
}

async fn record_export(store: &Store, actor: Actor, dashboard: &Dashboard, format: &str) {
    let entry = NewAuditEntry::new(actor, AuditAction::Export)
        .target("dashboard")
        .detail(json!({
            "wave": dashboard.wave.id,
            "unit": dashboard.unit.code,
            "format": format,
        }));
    if let Err(e) = store.append_audit(&entry).await {
        tracing::warn!(error = %e, "recording a dashboard export");
    }
}

fn attachment(content_type: &str, file_name: String, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn csv_file(
    State(exports): State<Exports>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Response {
    let export = match export_for(&exports, &session, raw.as_deref()).await {
        Ok(export) => export,
        Err(response) => return response,
    };
    let body = csv::to_csv(&table::table(&export.dashboard, export.sort.as_deref()));
    record_export(&exports.store, export.actor, &export.dashboard, "csv").await;
    let name = format!("{}.csv", table::file_stem(&export.dashboard));
    attachment("text/csv; charset=utf-8", name, body)
}

async fn xlsx_file(
    State(exports): State<Exports>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Response {
    let export = match export_for(&exports, &session, raw.as_deref()).await {
        Ok(export) => export,
        Err(response) => return response,
    };
    let body = match xlsx::to_xlsx(&table::table(&export.dashboard, export.sort.as_deref())) {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "writing the dashboard workbook");
            return error_response(&AppError::Internal);
        }
    };
    record_export(&exports.store, export.actor, &export.dashboard, "xlsx").await;
    let name = format!("{}.xlsx", table::file_stem(&export.dashboard));
    attachment(XLSX_TYPE, name, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_read_like_the_pages_and_bad_numbers_refused() {
        assert_eq!(parse_query(None), Ok(ExportQuery::default()));
        let query = parse_query(Some(
            "gelombang=3&unit=DKI.JAKPUS&urut=-komitmen&batas=70&lang=en",
        ));
        assert_eq!(
            query,
            Ok(ExportQuery {
                dashboard: DashboardQuery {
                    wave: Some(3),
                    unit: Some("DKI.JAKPUS".to_owned()),
                    risk_index: Some(70),
                },
                sort: Some("-komitmen".to_owned()),
            })
        );
        assert_eq!(
            parse_query(Some("gelombang=&unit=+&batas=")),
            Ok(ExportQuery::default()),
            "empty parameters are absent"
        );
        assert_eq!(
            parse_query(Some("batas=0")).map(|q| q.dashboard.risk_index),
            Ok(Some(0))
        );
        for bad in [
            "batas=500",
            "batas=101",
            "batas=-1",
            "batas=6.5",
            "gelombang=dua",
        ] {
            let message = parse_query(Some(bad)).expect_err(bad);
            assert!(message.contains(" / "), "bilingual: {message}");
        }
    }
}
