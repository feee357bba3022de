//! Siap's data layer: every SQL statement lives in this crate.
//!
//! One [`Store`] talks to SQLite (the embedded default) or PostgreSQL (production, several
//! server instances on one database). The engine is chosen by the URL scheme; the same query
//! text runs on both where the dialects agree, and per-engine arms spell out where they don't.

mod database_url;
mod error;
mod postgres;
mod sqlite;
mod store;
mod units;

pub use database_url::{DatabaseUrl, Engine};
pub use error::StoreError;
pub use store::{PoolOptions, Store};

#[cfg(feature = "testing")]
pub mod testing;
