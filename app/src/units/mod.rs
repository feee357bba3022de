//! Organisational units: browse the tree within one's scope, see a unit, and (admins)
//! import the units CSV all or nothing.

mod edit;
mod export;
mod pages;
#[cfg(feature = "ssr")]
mod ssr;

use domain::units::UnitKind;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub use export::csv_data_url;
pub use pages::{UnitPage, UnitsImportPage, UnitsPage};

/// A unit as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_code: Option<String>,
    pub headcount: u32,
    /// Depth below the root of what the user can see (for indenting the tree).
    pub depth: usize,
}

/// One unit with its place in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDetail {
    pub unit: UnitRow,
    /// From the root down to the parent, as far as the user may see.
    pub breadcrumbs: Vec<(String, String)>,
    pub children: Vec<UnitRow>,
    /// Whether the user may edit this unit (administrators).
    pub can_edit: bool,
}

/// What an import did, or would do on a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportResult {
    Planned {
        creates: usize,
        updates: usize,
        unchanged: usize,
        committed: bool,
    },
    /// Nothing was imported; every problem, by line.
    Problems(Vec<ImportProblemView>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblemView {
    pub line: usize,
    pub column: Option<String>,
    pub message: String,
}

/// Units in the user's scope, in tree order, optionally filtered by a search on code or name.
#[server(endpoint = "units/list")]
pub async fn list_units(search: String) -> Result<Vec<UnitRow>, AppError> {
    crate::auth::ssr::respond(ssr::list_units(search)).await
}

/// A unit in the user's scope (others are not found).
#[server(endpoint = "units/get")]
pub async fn get_unit(code: String) -> Result<UnitDetail, AppError> {
    crate::auth::ssr::respond(ssr::get_unit(code)).await
}

/// Checks a units CSV and, with `commit`, imports it all or nothing (administrators).
/// Messages come in the language given (`id` or `en`).
#[server(endpoint = "units/import")]
pub async fn import_units_csv(
    csv: String,
    commit: bool,
    lang: String,
) -> Result<ImportResult, AppError> {
    crate::auth::ssr::respond(ssr::import_units_csv(csv, commit, lang)).await
}

/// Changes a unit's name, kind, parent or headcount (administrators).
#[server(endpoint = "units/update")]
pub async fn update_unit(
    code: String,
    name: String,
    kind: String,
    parent_code: String,
    headcount: String,
) -> Result<(), AppError> {
    crate::auth::ssr::respond(edit::update_unit(code, name, kind, parent_code, headcount)).await
}

/// Deletes every survey response and invitation token of a unit and the units under it
/// (administrators). `confirm` must repeat the unit's code. Answers how many responses went.
#[server(endpoint = "units/delete-data")]
pub async fn delete_unit_data(
    code: String,
    #[server(default)] confirm: String,
    #[server(default)] lang: String,
) -> Result<u64, AppError> {
    crate::auth::ssr::respond(ssr::delete_unit_data(code, confirm, lang)).await
}

/// The units of the organisation as CSV, in the import format (administrators).
#[server(endpoint = "units/export")]
pub async fn export_units_csv() -> Result<String, AppError> {
    crate::auth::ssr::respond(export::export_units_csv()).await
}
