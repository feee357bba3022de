//! The text level shared by Siap's CSV formats (units, responses): decoding the bytes,
//! finding the delimiter, splitting records with their line numbers, quoting fields on
//! export and defusing spreadsheet formulas. Each format keeps its own columns, rows and
//! problem types; this module only knows text, so both formats read and write files by
//! exactly the same rules (documented once, in `docs/units-csv.md`, "The file"). The
//! writing rules ([`guard`], [`push_field`]) are public for the server's other exports.

mod decode;
mod delimiter;
mod excerpt;
mod formula;
mod quote;
mod reader;

pub(crate) use decode::decode;
pub(crate) use delimiter::detect_delimiter;
pub(crate) use excerpt::excerpt;
pub use formula::guard;
pub(crate) use formula::unguard;
pub use quote::push_field;
pub(crate) use reader::{Record, RecordReader};
