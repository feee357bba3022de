//! Intervention plans (issue #7): plans with their units, targets, collaborators, milestones,
//! status history and comments, and the resource-gap register with its totals.
//!
//! Every change runs in one transaction with its audit entry. A plan's status moves only by
//! `domain::interventions::can_move`, checked inside the transaction against the status the
//! row has then; a refused move writes nothing. Done and cancelled plans are closed: their
//! fields and milestones no longer change (comments stay open). Who may do what (change agents
//! plan, leaders approve, in their scope) is decided by the caller with
//! `domain::access::authorize` and `domain::interventions::required_action`.

use sqlx::{PgConnection, SqliteConnection};

use crate::store::Tx;

/// One connection of either engine, from a transaction or from the pool: the plan's reads run
/// on both, so that a change can return what it stored from inside its transaction.
pub(crate) enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// The connection of a transaction.
fn conn(tx: &mut Tx) -> Conn<'_> {
    match tx {
        Tx::Sqlite(tx) => Conn::Sqlite(tx),
        Tx::Postgres(tx) => Conn::Postgres(tx),
    }
}

/// Runs the same query text on a `&mut Conn`; `$conn` is a `&mut &mut Connection` (write
/// `&mut **$conn`). Each arm is type-checked against its own driver.
macro_rules! on_conn {
    ($c:expr, $conn:ident => $body:expr) => {
        match $c {
            $crate::interventions::Conn::Sqlite($conn) => $body,
            $crate::interventions::Conn::Postgres($conn) => $body,
        }
    };
}

/// Takes a connection from the store's pool for a read, as `$c: &mut Conn`.
macro_rules! with_pool_conn {
    ($store:expr, $c:ident => $body:expr) => {
        match &$store.pool {
            $crate::store::Pool::Sqlite(pool) => {
                let mut held = pool.acquire().await?;
                let $c = &mut $crate::interventions::Conn::Sqlite(&mut *held);
                $body
            }
            $crate::store::Pool::Postgres(pool) => {
                let mut held = pool.acquire().await?;
                let $c = &mut $crate::interventions::Conn::Postgres(&mut *held);
                $body
            }
        }
    };
}

mod gaps;
mod milestones;
mod plans;

pub use gaps::{GapRecord, GapTotal, NewGap};
pub use milestones::{CommentRecord, MilestoneRecord};
pub use plans::{InterventionFilter, InterventionRecord, NewIntervention, StatusChange};

/// Ids per `IN (...)` list: well under SQLite's bound-value limit (32,766) and PostgreSQL's
/// (65,535).
const IDS_PER_QUERY: usize = 1_000;

/// Ascending, without repeats.
fn sorted_unique(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The first of `ids` (ascending, unique) that is no row of `table` (`units` or `users`).
async fn first_missing(
    c: &mut Conn<'_>,
    table: &'static str,
    ids: &[i64],
) -> Result<Option<i64>, crate::StoreError> {
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT id FROM {table} WHERE id IN ({})",
            crate::store::placeholders(1, chunk.len())
        );
        let mut found: Vec<i64> = on_conn!(c, conn => {
            let mut query = sqlx::query_scalar(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            query.fetch_all(&mut **conn).await?
        });
        found.sort_unstable();
        if let Some(missing) = chunk.iter().find(|id| found.binary_search(id).is_err()) {
            return Ok(Some(*missing));
        }
    }
    Ok(None)
}
