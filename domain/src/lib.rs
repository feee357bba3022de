//! Siap's domain: types that make invalid states unrepresentable, and the rules on them.
//! Pure Rust with no I/O, so it compiles for the browser (WebAssembly) and the server alike.

pub mod access;
pub mod csv_text;
pub mod demo;
pub mod display_text;
pub mod instrument;
pub mod interventions;
pub mod responses;
pub mod units;
pub mod waves;
