//! Indicators of a wave for the people who act on them: the engine's published figures
//! (threshold and complementary suppression already applied) for the units in their scope.
//!
//! The answer is the engine's `OrganisationIndicators` JSON (see `indicators/README.md`),
//! limited to the wave's units, and to the units the user may see:
//!
//! ```json
//! { "threshold": 5, "root": "DKI", "dimensions": ["kesesuaian", ...],
//!   "units": { "DKI.JAKPUS.GAMBIR": { "code": ..., "name": ..., "kind": ..., "parent": ...,
//!       "depth": 2, "children": [...],
//!       "unit":    { "headcount": 50, "report": {"status": "visible", "value": {...}} },
//!       "subtree": { "headcount": 50, "report": {"status": "suppressed"} },
//!       "vs_rest": [...] }, ... } }
//! ```
//!
//! For a user who does not see the whole organisation, `root` is `null`, and so is the
//! `parent` of a unit whose parent is outside their scope: a unit out of scope is not even
//! named, as everywhere else.

#[cfg(feature = "ssr")]
mod cache;
#[cfg(feature = "ssr")]
pub mod ssr;

#[cfg(feature = "ssr")]
pub use cache::{CachedIndicators, IndicatorCache, IndicatorCacheError};

use leptos::prelude::*;

use crate::error::AppError;

/// The indicators of wave `wave_id` for the signed-in user's units. Every filter is optional
/// (empty = none): `unit`, a unit code, keeps that unit and the units below it (404 when it
/// is unknown, not in the wave or not in the user's scope); `depth` keeps the units at that
/// depth of the organisation (0 = its top unit); `dimension`, a dimension id, keeps only that
/// dimension's items, figures and heatmap cells.
#[server(endpoint = "indicators/wave")]
pub async fn wave_indicators(
    wave_id: i64,
    unit: String,
    depth: String,
    dimension: String,
) -> Result<serde_json::Value, AppError> {
    crate::auth::ssr::respond(ssr::wave_indicators(wave_id, unit, depth, dimension)).await
}
