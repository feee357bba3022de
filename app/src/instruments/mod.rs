//! Survey instruments as administrators manage them: the saved versions, one version read-only
//! (with its TOML file), and the composer that builds a new survey from library items plus the
//! administrator's own items.

#[cfg(feature = "ssr")]
mod check;
mod compose_endpoint;
mod composer;
mod custom_rows;
mod form;
mod pages;
#[cfg(feature = "ssr")]
mod ssr;

use chrono::{DateTime, Utc};
use domain::instrument::Instrument;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub use compose_endpoint::{compose_instrument, ComposeInstrument};
pub use composer::ComposerPage;
pub use form::{ComposeForm, CustomItemForm, CUSTOM_ROWS, NEW_DIMENSION, SCALE_AGREEMENT_5};
pub use pages::{InstrumentPage, InstrumentsPage};

/// A saved instrument version in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentRow {
    pub id: i64,
    pub slug: String,
    pub version: u32,
    pub title_id: String,
    pub title_en: String,
    pub items: usize,
    /// How many waves use this version.
    pub waves: i64,
}

/// A library item as the composer offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryItem {
    pub id: String,
    pub text_id: String,
    pub text_en: String,
    pub reverse_keyed: bool,
    /// Part of the default survey: ticked when the composer opens.
    pub in_default: bool,
}

/// A library dimension with its items, in library order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryDimension {
    pub id: String,
    /// The construct's file name, e.g. `readiness_appropriateness`.
    pub construct: String,
    pub name_id: String,
    pub name_en: String,
    pub items: Vec<LibraryItem>,
}

/// What the composer offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub dimensions: Vec<LibraryDimension>,
}

/// One instrument version, read-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentDetail {
    pub id: i64,
    pub instrument: Instrument,
    pub waves: i64,
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
}

/// The outcome of composing: the stored version and how it relates to earlier versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedInstrument {
    /// The stored version's id (what a wave's `instrument_id` takes).
    pub id: i64,
    pub slug: String,
    pub version: u32,
    /// The newest version stored before, if the survey id existed.
    pub previous_version: Option<u32>,
    /// The content equals the newest stored version: nothing new was saved.
    pub unchanged: bool,
}

/// Every saved instrument version (administrators).
#[server(endpoint = "instruments/list")]
pub async fn list_instruments() -> Result<Vec<InstrumentRow>, AppError> {
    crate::auth::ssr::respond(ssr::list_instruments()).await
}

/// The built-in item library by dimension (administrators).
#[server(endpoint = "instruments/library")]
pub async fn instrument_library() -> Result<Library, AppError> {
    crate::auth::ssr::respond(ssr::instrument_library()).await
}

/// One saved instrument version (administrators).
#[server(endpoint = "instruments/get")]
pub async fn get_instrument(id: i64) -> Result<InstrumentDetail, AppError> {
    crate::auth::ssr::respond(ssr::get_instrument(id)).await
}
