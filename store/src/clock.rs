//! Timestamps as the store writes them.
//!
//! Every timestamp is bound from Rust (never a database default), in UTC, truncated to whole
//! microseconds: PostgreSQL keeps microseconds, so a value reads back equal on both engines.
//! On SQLite sqlx writes RFC 3339 text ending in `+00:00`, whose text order is time order, so
//! `ORDER BY at` and `at >= $1` work on the text.

use chrono::{DateTime, SubsecRound, Utc};

/// The current time as the store writes it.
pub(crate) fn now() -> DateTime<Utc> {
    stored(Utc::now())
}

/// A time as the store writes it: truncated to microseconds.
pub(crate) fn stored(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}
