//! The public REST API, `/api/v1` (issue #8): JSON over HTTP for integrations (HR systems
//! feeding the unit tree, reporting tools reading indicators), documented by an OpenAPI 3.1
//! document generated from this code (`/api/v1/openapi.json`, read at `/api/v1/docs`).
//!
//! Every handler authenticates a personal API token ([`caller`]) and then calls the same
//! server-side functions as the pages, in the same Leptos context: roles, unit scope and
//! small-group suppression are decided in one place for both. Errors are problem+json
//! ([`problem`]).

mod audit;
mod caller;
mod docs;
mod gaps;
mod indicators;
mod input;
mod interventions;
mod invitations;
mod me;
mod openapi;
mod paging;
mod problem;
mod responses;
mod units;
mod waves;

use app::{indicators::IndicatorCache, survey::ssr::InstrumentCache};
use axum::Router;
use store::Store;

pub use caller::ApiState;
pub use openapi::document;
pub use problem::{outer_errors_as_problems, Problem, ProblemKind};

/// The API's routes, at `/api/v1/…`.
pub fn routes(store: Store, instruments: InstrumentCache, indicators: IndicatorCache) -> Router {
    let state = ApiState {
        store,
        instruments,
        indicators,
    };
    let api = Router::new()
        .merge(me::routes())
        .merge(units::routes())
        .merge(waves::routes())
        .merge(invitations::routes())
        .merge(responses::routes())
        .merge(indicators::routes())
        .merge(interventions::routes())
        .merge(gaps::routes())
        .merge(audit::routes())
        .merge(docs::routes())
        .fallback(not_found)
        .with_state(state);
    Router::new().nest("/api/v1", api)
}

async fn not_found() -> Problem {
    Problem::new(
        ProblemKind::NotFound,
        "No such endpoint; see /api/v1/docs. / Tidak ada endpoint ini; lihat /api/v1/docs.",
    )
}
