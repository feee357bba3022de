//! Siap's data layer: every SQL statement lives in this crate.
//!
//! One [`Store`] talks to SQLite (the embedded default) or PostgreSQL (production, several
//! server instances on one database). The engine is chosen by the URL scheme; the same query
//! text runs on both where the dialects agree, and per-engine arms spell out where they don't.
//! Every change of more than one statement runs in one transaction, and records itself in the
//! audit log inside that transaction.

mod api_tokens;
mod audit;
mod backup;
mod clock;
mod database_url;
mod error;
mod interventions;
mod playbook;
mod postgres;
mod sessions;
mod sqlite;
mod store;
mod surveys;
mod units;
mod users;

pub use api_tokens::{ApiSecret, ApiTokenRecord, MAX_TOKEN_NAME, SECRET_PREFIX};
pub use audit::{
    Actor, AuditAction, AuditFilter, AuditRecord, NewAuditEntry, UnknownAuditAction, MAX_AUDIT_PAGE,
};
pub use database_url::{DatabaseUrl, Engine};
/// A user's role is a domain type (the browser needs it too); re-exported for callers of the
/// store.
pub use domain::access::{Role, UnknownRole};
pub use error::StoreError;
pub use interventions::{
    CommentRecord, GapRecord, GapTotal, InterventionFilter, InterventionRecord, MilestoneRecord,
    NewGap, NewIntervention, StatusChange,
};
pub use playbook::PlaybookVersion;
pub use sessions::SessionBackend;
pub use store::{PoolOptions, Store};
pub use surveys::{
    InstrumentRecord, InstrumentSummary, Invitation, InvitationBatch, NewWave, StoredResponse,
    SubmitOutcome, WaveRecord, WaveUnitRecord, MAX_INVITATION_BATCH,
};
pub use units::{ImportOutcome, UnitHistoryRecord, UnitRecord};
pub use users::{LockoutPolicy, LoginLock, NewUser, PasswordHash, UserRecord, UserSummary};

#[cfg(feature = "testing")]
pub mod testing;
