//! Group commit of survey submissions on SQLite.
//!
//! SQLite has one writer at a time and, with `synchronous = FULL`, one disk flush per commit.
//! Submissions from many respondents at once would each wait for the write lock (sleeping in
//! the busy handler) and each pay a flush. Instead, every submission is handed to one task
//! that takes whatever is waiting (up to [`MAX_BATCH`]), runs them in one transaction and
//! commits once; each submitter hears its own outcome only after that commit. So the
//! exactly-once and durable-before-acknowledged rules hold unchanged, and the flush is shared.
//! (PostgreSQL groups concurrent commits by itself.)
//!
//! After each batch the write-ahead log is checkpointed and truncated (issue #15): in the WAL,
//! a token's "used" mark and its response sit in the frames of one commit, so a copy of
//! `siap.db-wal` would pair them. A checkpoint that readers hold up is retried with the next
//! batch, or after [`CHECKPOINT_RETRY`] when none comes.

use std::{borrow::Cow, time::Duration};

use chrono::{DateTime, Utc};
use domain::{instrument::ValidAnswers, waves::InvitationToken};
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use super::responses::{submit_in, SubmitOutcome};
use crate::{store::Tx, StoreError};

/// The most submissions one transaction takes: large enough to share a flush among a
/// burst, small enough to keep each submitter's wait short.
const MAX_BATCH: usize = 256;

/// How long the writer waits for a checkpoint blocked by a reader before leaving it to the
/// next try: submissions must not queue behind a long dashboard read.
const CHECKPOINT_WAIT_MS: u32 = 200;

/// When a checkpoint could not finish and no submission comes, it is tried again after this.
const CHECKPOINT_RETRY: Duration = Duration::from_secs(5);

/// Waiting submissions beyond this make submitters wait for room (back-pressure) instead of
/// queueing without bound.
const QUEUE: usize = 4_096;

struct Job {
    token: InvitationToken,
    answers: ValidAnswers,
    now: DateTime<Utc>,
    reply: oneshot::Sender<Result<SubmitOutcome, StoreError>>,
}

/// The handle submitters use; the task ends when the last handle (the last `Store` clone)
/// is dropped.
#[derive(Debug, Clone)]
pub(crate) struct SubmissionWriter {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the answers or the token: debug output may reach a log.
        f.write_str("Job")
    }
}

fn writer_gone() -> StoreError {
    StoreError::Unavailable(sqlx::Error::PoolClosed)
}

impl SubmissionWriter {
    pub(crate) fn spawn(pool: SqlitePool) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(run(pool, queue));
        Self { jobs }
    }

    pub(crate) async fn submit(
        &self,
        token: &InvitationToken,
        answers: &ValidAnswers,
        now: DateTime<Utc>,
    ) -> Result<SubmitOutcome, StoreError> {
        let (reply, outcome) = oneshot::channel();
        let job = Job {
            token: token.clone(),
            answers: answers.clone(),
            now,
            reply,
        };
        self.jobs.send(job).await.map_err(|_| writer_gone())?;
        outcome.await.map_err(|_| writer_gone())?
    }
}

async fn run(pool: SqlitePool, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut wal_left = false;
    loop {
        let received = if wal_left {
            match tokio::time::timeout(CHECKPOINT_RETRY, queue.recv_many(&mut batch, MAX_BATCH))
                .await
            {
                Ok(received) => received,
                Err(_) => {
                    wal_left = !checkpoint(&pool).await;
                    continue;
                }
            }
        } else {
            queue.recv_many(&mut batch, MAX_BATCH).await
        };
        if received == 0 {
            break;
        }
        match write(&pool, &batch).await {
            Ok(outcomes) => {
                for (job, outcome) in batch.drain(..).zip(outcomes) {
                    let _ = job.reply.send(outcome);
                }
            }
            Err(error) => {
                // Nothing of the batch was committed: every submitter is told it failed
                // (and keeps the answers to send again).
                tracing::warn!(%error, submissions = batch.len(), "a batch of submissions failed");
                for job in batch.drain(..) {
                    let _ = job
                        .reply
                        .send(Err(StoreError::Unavailable(sqlx::Error::Protocol(
                            format!("the submission was not stored: {error}"),
                        ))));
                }
            }
        }
        // After the replies: a respondent never waits for the checkpoint.
        wal_left = !checkpoint(&pool).await;
    }
}

/// Copies the WAL into the database file and truncates it to nothing; whether it finished
/// (false: a reader held it up, or the database failed; the next try follows).
pub(crate) async fn checkpoint(pool: &SqlitePool) -> bool {
    let attempt = async {
        let mut conn = pool.acquire().await?;
        sqlx::query(&format!("PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}"))
            .execute(&mut *conn)
            .await?;
        let result: Result<(i64, i64, i64), sqlx::Error> =
            sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&mut *conn)
                .await;
        // The connection goes back to the pool with the pool's own timeout.
        sqlx::query(&format!(
            "PRAGMA busy_timeout = {}",
            crate::sqlite::BUSY_TIMEOUT.as_millis()
        ))
        .execute(&mut *conn)
        .await?;
        let (busy, _, _) = result?;
        Ok::<bool, sqlx::Error>(busy == 0)
    };
    match attempt.await {
        Ok(done) => done,
        Err(error) => {
            tracing::debug!(%error, "checkpointing the write-ahead log failed; tried again later");
            false
        }
    }
}

/// Runs the batch in one transaction. A submission refused for its own reason (used token,
/// closed wave, wrong instrument) gets that outcome and writes nothing; a database error
/// fails the whole batch, which is then rolled back.
async fn write(
    pool: &SqlitePool,
    batch: &[Job],
) -> Result<Vec<Result<SubmitOutcome, StoreError>>, StoreError> {
    let mut tx = Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?);
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        match submit_in(
            &mut tx,
            &job.token,
            |_| Some(Cow::Borrowed(&job.answers)),
            job.now,
        )
        .await
        {
            Ok(outcome) => outcomes.push(Ok(outcome)),
            Err(refused @ (StoreError::Invalid(_) | StoreError::Corrupt(_))) => {
                outcomes.push(Err(refused))
            }
            Err(error) => return Err(error),
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}
