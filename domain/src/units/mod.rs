//! Organisational units: the tree of perangkat daerah that surveys are answered in and that
//! results are reported for, with its CSV import and export.

mod code;
pub mod csv;
mod error;
mod headcount;
mod kind;
mod locale;
mod name;
mod tree;
mod unit;

pub use code::UnitCode;
pub use error::UnitError;
pub use headcount::Headcount;
pub use kind::UnitKind;
pub use locale::Locale;
pub use name::UnitName;
pub use tree::parents_first;
pub use unit::Unit;
