//! Importing a wave's responses from a CSV file (paper forms typed into a spreadsheet, or an
//! export of another survey tool): the file's columns are matched to the survey, every
//! problem is reported with its line first, and only a file without any problem is stored,
//! all of it in one transaction.

use domain::responses::HeaderGuess;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The columns a file may feed, for the mapping selects: canonical name and a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetColumn {
    pub name: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingProposal {
    /// Each header of the file and the survey column it feeds (`None`: ignored).
    pub columns: Vec<HeaderGuess>,
    pub targets: Vec<TargetColumn>,
}

/// What an import did or, on a check, would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponsesImport {
    /// Every row is valid: `count` responses (stored when `committed`).
    Ready { count: u64, committed: bool },
    /// Nothing stored; every problem, with its line, in the chosen language.
    Problems(Vec<String>),
}

/// Reads the file's header line and proposes which survey column each header feeds
/// (administrators).
#[server(endpoint = "waves/responses/columns")]
pub async fn propose_columns(
    wave_id: i64,
    csv: String,
    lang: String,
) -> Result<MappingProposal, AppError> {
    crate::auth::ssr::respond(super::import_ssr::propose_columns(wave_id, csv, lang)).await
}

/// Checks the whole file with the mapping (JSON list of `{header, column}`) and, with
/// `commit`, stores every response or none (administrators).
#[server(endpoint = "waves/responses/import")]
pub async fn import_responses(
    wave_id: i64,
    csv: String,
    mapping: String,
    commit: bool,
    lang: String,
) -> Result<ResponsesImport, AppError> {
    crate::auth::ssr::respond(super::import_ssr::import_responses(
        wave_id, csv, mapping, commit, lang,
    ))
    .await
}
