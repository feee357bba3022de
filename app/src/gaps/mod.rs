//! The resource-gap register (issue #7): what units lack to change — budget, staff,
//! equipment, IT, training — with severity and estimated cost, linked to the plans that
//! address it, and totals by type over a unit's subtree.

mod page;
#[cfg(feature = "ssr")]
mod ssr;

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, interventions::UnitName};

pub use page::GapsPage;

/// A recorded gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapRow {
    pub id: i64,
    pub unit: UnitName,
    pub kind: String,
    pub description: String,
    pub severity: String,
    pub estimated_cost: u64,
    pub status: String,
    /// Plans addressing it that the user may see: (id, title).
    pub plans: Vec<(i64, String)>,
    /// The user may change it.
    pub can_edit: bool,
}

/// The gaps of one type over the units shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapTotalRow {
    pub kind: String,
    pub count: u64,
    pub estimated_cost: u64,
    pub unresolved_count: u64,
    pub unresolved_cost: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapsView {
    /// The unit whose subtree is shown; `None`: everything the user may see.
    pub unit: Option<UnitName>,
    pub gaps: Vec<GapRow>,
    pub totals: Vec<GapTotalRow>,
}

/// The gaps of a unit and everything under it (empty `unit`: the user's whole scope).
#[server(endpoint = "gaps/list")]
pub async fn list_gaps(#[server(default)] unit: String) -> Result<GapsView, AppError> {
    crate::auth::ssr::respond(ssr::list(unit)).await
}

/// Records a gap; `intervention` (optional) links it to a plan at once.
#[server(endpoint = "gaps/create")]
pub async fn create_gap(
    #[server(default)] unit: String,
    #[server(default)] kind: String,
    #[server(default)] description: String,
    #[server(default)] severity: String,
    #[server(default)] cost: String,
    #[server(default)] intervention: String,
    #[server(default)] lang: String,
) -> Result<i64, AppError> {
    let back_query = crate::query::encode([
        ("unit", unit.as_str()),
        ("kind", kind.as_str()),
        ("description", description.as_str()),
        ("severity", severity.as_str()),
        ("cost", cost.as_str()),
        ("intervention", intervention.as_str()),
        ("kembali", "1"),
    ]);
    let result = crate::auth::ssr::respond(ssr::create(
        ssr::GapForm {
            unit,
            kind,
            description,
            severity,
            cost,
            intervention,
        },
        &lang,
    ))
    .await;
    crate::interventions::answer_plain_form(
        &result,
        |_| "/kesenjangan".to_owned(),
        &format!("/kesenjangan?{back_query}#gap-form"),
        CreateGap::PATH,
    );
    result
}

/// Moves a gap to `open`, `planned` or `resolved`.
#[server(endpoint = "gaps/status")]
pub async fn set_gap_status(id: i64, status: String) -> Result<(), AppError> {
    let result = crate::auth::ssr::respond(ssr::set_status(id, &status)).await;
    crate::interventions::answer_plain_form(
        &result,
        |_| "/kesenjangan".to_owned(),
        "/kesenjangan",
        SetGapStatus::PATH,
    );
    result
}
