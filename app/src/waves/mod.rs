//! Survey waves as the people who run them see them: create a wave for a set of units, open
//! and close it, issue invitation slips per unit, follow the response rate, run it again.

mod import;
mod import_page;
#[cfg(feature = "ssr")]
mod import_ssr;
mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub use import::{import_responses, propose_columns, MappingProposal, ResponsesImport};
pub use import_page::ImportResponsesPage;
pub use pages::{WavePage, WavesPage};

/// A wave in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveSummary {
    pub id: i64,
    pub title: String,
    /// `baseline` or `follow_up`.
    pub kind: String,
    /// `draft`, `scheduled`, `open`, `ended` or `closed`.
    pub status: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Over the units the viewer may see.
    pub headcount: u64,
    pub responded: u64,
}

/// One unit of a wave with its invitations and responses so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveUnitRow {
    pub code: String,
    pub name: String,
    pub headcount: u32,
    pub issued: u32,
    pub responded: u32,
    pub batches: Vec<BatchRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRow {
    pub id: i64,
    pub size: u32,
    pub used: u32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveDetail {
    pub wave: WaveSummary,
    pub instrument: String,
    pub previous_wave_id: Option<i64>,
    pub units: Vec<WaveUnitRow>,
    /// Administrators open, close and repeat waves.
    pub can_manage: bool,
    /// Whether invitations may still be issued (not closed).
    pub can_issue: bool,
}

/// An instrument version to run a wave with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentChoice {
    pub id: i64,
    pub label: String,
}

/// Waves with at least one unit the user may see, newest first.
#[server(endpoint = "waves/list")]
pub async fn list_waves() -> Result<Vec<WaveSummary>, AppError> {
    crate::auth::ssr::respond(ssr::list_waves()).await
}

/// A wave with the units the user may see.
#[server(endpoint = "waves/get")]
pub async fn get_wave(id: i64) -> Result<WaveDetail, AppError> {
    crate::auth::ssr::respond(ssr::get_wave(id)).await
}

/// The instrument versions a wave can use (administrators).
#[server(endpoint = "waves/instruments")]
pub async fn list_instrument_choices() -> Result<Vec<InstrumentChoice>, AppError> {
    crate::auth::ssr::respond(ssr::list_instrument_choices()).await
}

/// Creates a draft wave for the subtrees of the given unit codes (administrators). Times
/// are Jakarta local times as a `datetime-local` input sends them.
#[server(endpoint = "waves/create")]
pub async fn create_wave(
    title: String,
    kind: String,
    instrument_id: i64,
    units: String,
    opens_at: String,
    closes_at: String,
    lang: String,
) -> Result<i64, AppError> {
    crate::auth::ssr::respond(ssr::create_wave(
        title,
        kind,
        instrument_id,
        units,
        opens_at,
        closes_at,
        lang,
    ))
    .await
}

/// Opens a draft wave or closes an open one (administrators).
#[server(endpoint = "waves/state")]
pub async fn change_wave_state(id: i64, to: String) -> Result<(), AppError> {
    crate::auth::ssr::respond(ssr::change_wave_state(id, to)).await
}

/// Creates the next (follow-up) wave with the same units and instrument (administrators).
#[server(endpoint = "waves/run-again")]
pub async fn run_wave_again(
    id: i64,
    title: String,
    opens_at: String,
    closes_at: String,
    lang: String,
) -> Result<i64, AppError> {
    crate::auth::ssr::respond(ssr::run_wave_again(id, title, opens_at, closes_at, lang)).await
}

/// Issues a batch of single-use invitation tokens for one unit of a wave. An empty `count`
/// means "the rest of the headcount" (headcount minus tokens issued so far).
#[server(endpoint = "waves/invitations/issue")]
pub async fn issue_invitations(
    wave_id: i64,
    unit_code: String,
    count: String,
    lang: String,
) -> Result<i64, AppError> {
    crate::auth::ssr::respond(ssr::issue_invitations(wave_id, unit_code, count, lang)).await
}
