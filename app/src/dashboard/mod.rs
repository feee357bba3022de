//! The leadership dashboard: a wave's readiness per unit and dimension for the user's part
//! of the organisation (heatmap with drill-down, units at risk, trends across waves, answer
//! distributions, barriers and comments), its exports and a printable report.
//!
//! Every figure comes from the indicator engine's published output, in which the threshold
//! and the complementary suppression are already applied; this module only selects, orders
//! and lays it out, within the user's scope (checked on the server).

#[cfg(feature = "ssr")]
pub(crate) mod assemble;
mod barriers_view;
mod charts;
pub mod colour;
#[cfg(feature = "ssr")]
mod comments;
mod heatmap;
mod interventions_view;
pub mod links;
pub mod model;
mod page;
mod report;
mod risk_list;
pub mod sort;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;

use crate::error::AppError;
pub use model::Dashboard;
pub use page::DashboardPage;
pub use report::ReportPage;

/// The dashboard for wave `wave` (default: the newest with the user's units) and unit
/// `unit` (default: the user's top unit in that wave). 404 for a wave or unit outside the
/// user's scope; 401 when signed out.
#[server(endpoint = "dashboard")]
pub async fn get_dashboard(
    wave: Option<i64>,
    unit: Option<String>,
    risk_index: Option<u8>,
) -> Result<Dashboard, AppError> {
    crate::auth::ssr::respond(ssr::dashboard_for_current_user(model::DashboardQuery {
        wave,
        unit,
        risk_index,
    }))
    .await
}
