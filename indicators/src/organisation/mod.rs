//! Indicators for a whole organisation: the shared pipeline behind the server's JSON
//! endpoint, the dashboard and the analyst CLI.
//!
//! Input: an [`Instrument`](crate::Instrument) (converted from the domain's survey with
//! `Instrument::try_from(&survey)`), the unit tree (`domain::units::Unit`s) and responses as
//! (unit code, raw answers in item order). Output: [`OrganisationIndicators`], per unit and
//! for both [`Scope`]s (the unit's own respondents, and its whole subtree) a
//! [`GroupReport`](crate::report::GroupReport) and one heatmap cell per dimension (the unit
//! against the rest of the organisation, Holm and Benjamini-Hochberg flags), everything
//! passed through the threshold and one complementary-suppression plan covering both scopes
//! (see `disclosure.rs` for why one plan, and README.md).
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use indicators::organisation::Organisation;
//! use indicators::{Instrument, Threshold};
//!
//! let survey = domain::instrument::default_instrument();
//! let units = domain::demo::demo_organisation();
//! let instrument = Instrument::try_from(&survey)?;
//! let responses: Vec<(domain::units::UnitCode, Vec<Option<u8>>)> = Vec::new();
//! let mut organisation = Organisation::from_responses(
//!     instrument,
//!     &units,
//!     Threshold::DEFAULT,
//!     responses.iter().map(|(code, answers)| (code, answers)),
//! )?;
//! let json = serde_json::to_string(organisation.report()?)?;
//! # let _ = json;
//! # Ok(())
//! # }
//! ```

mod accumulate;
mod convert;
mod disclosure;
mod error;
mod filter;
mod heatmap;
mod hierarchy;
mod output;
mod pipeline;
mod scope;

pub use error::OrganisationError;
pub use filter::IndicatorFilter;
pub use heatmap::{DimensionVsRest, VsRestCell, SIGNIFICANCE_LEVEL};
pub use hierarchy::UnitId;
pub use output::{OrganisationIndicators, ScopeIndicators, UnitIndicators};
pub use pipeline::Organisation;
pub use scope::Scope;
