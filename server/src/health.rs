//! Probes for process managers and load balancers.

use axum::{extract::State, http::StatusCode, response::IntoResponse, routing::get, Json, Router};
use serde_json::json;
use store::Store;

pub fn routes<S>(store: Store) -> Router<S> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(store)
}

/// The process is up and serving HTTP.
async fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

/// The database answers: the instance can serve real requests.
async fn readyz(State(store): State<Store>) -> impl IntoResponse {
    match store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": store.engine() })),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(axum::http::header::CONTENT_TYPE, "application/problem+json")],
                Json(json!({
                    "type": "/problems/database-unavailable",
                    "title": "Database unavailable",
                    "status": 503,
                    "detail": "The database does not answer; try again shortly.",
                })),
            )
                .into_response()
        }
    }
}
