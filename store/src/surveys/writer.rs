//! Group commit of survey submissions on SQLite.
//!
//! SQLite has one writer at a time and, with `synchronous = FULL`, one disk flush per commit.
//! Submissions from many respondents at once would each wait for the write lock (sleeping in
//! the busy handler) and each pay a flush. Instead, every submission is handed to one task
//! that takes whatever is waiting (up to [`MAX_BATCH`]), runs them in one transaction and
//! commits once; each submitter hears its own outcome only after that commit. So the
//! exactly-once and durable-before-acknowledged rules hold unchanged, and the flush is shared.
//! (PostgreSQL groups concurrent commits by itself.)

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use domain::{instrument::ValidAnswers, waves::InvitationToken};
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use super::responses::{submit_in, SubmitOutcome};
use crate::{store::Tx, StoreError};

/// The most submissions one transaction takes: large enough to share a flush among a
/// burst, small enough to keep each submitter's wait short.
const MAX_BATCH: usize = 256;

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
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
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
