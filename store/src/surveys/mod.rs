//! Surveys: instrument versions, waves and the units they run in, invitation tokens, and the
//! responses.
//!
//! Anonymity is a property of the tables (`migrations/*/0003_surveys.sql`), not of the code
//! reading them: a response row keeps no token, no link to an invitation, no time finer than
//! the Jakarta day and no arrival order. A token is spent and its response stored in one
//! transaction, so each invitation yields exactly one response or none.

mod answers_json;
mod counts;
mod instruments;
mod invitations;
mod responses;
mod retention;
mod waves;
pub(crate) mod writer;

pub use instruments::{InstrumentRecord, InstrumentSummary};
pub use invitations::{Invitation, InvitationBatch, MAX_INVITATION_BATCH};
pub use responses::{StoredResponse, SubmitOutcome};
pub use waves::{NewWave, WaveRecord, WaveUnitRecord};

/// Rows per multi-row INSERT: a few thousand bound values, well under SQLite's limit (32,766)
/// and PostgreSQL's (65,535), and few enough statements for a hundred thousand rows.
const ROWS_PER_INSERT: usize = 1_000;
