//! Survey waves: one run of an instrument in a set of units between two instants, its state
//! as administrators move it (draft, open, closed) and its status as respondents see it, and
//! the invitation tokens that let each invited civil servant answer exactly once.
//!
//! Times are instants in UTC; people enter and read them in Jakarta time (WIB), and stored
//! responses keep only the Jakarta day they were given on.

mod error;
mod kind;
mod schedule;
mod state;
mod status;
mod title;
mod token;

pub use error::WaveError;
pub use kind::WaveKind;
pub use schedule::{jakarta_date, WaveSchedule, JAKARTA};
pub use state::WaveState;
pub use status::{status, WaveStatus};
pub use title::WaveTitle;
pub use token::InvitationToken;
