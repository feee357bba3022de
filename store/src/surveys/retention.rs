//! Data-protection duties (issue #9). Retention: once a wave's closing time is further in the
//! past than the retention period, its tokens are deleted; responses never held a token, so
//! they stay as they are; each batch keeps its count of used tokens. Deletion: an
//! administrator deletes the survey data of a unit subtree.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx},
    Store, StoreError,
};

impl Store {
    /// Deletes the invitation tokens of every wave whose closing time is before
    /// `closed_before`, with a `tokens_purged` audit entry per wave; returns how many tokens
    /// were deleted. A wave whose tokens are gone is left alone the next time.
    pub async fn purge_invitation_tokens(
        &self,
        closed_before: DateTime<Utc>,
        actor: &Actor,
    ) -> Result<u64, StoreError> {
        let mut purged = 0;
        for wave in self.list_waves().await? {
            if wave.schedule.closes_at() >= closed_before {
                continue;
            }
            let remaining: i64 = on_pool!(self, pool => {
                sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE wave_id = $1")
                    .bind(wave.id)
                    .fetch_one(pool)
                    .await?
            });
            if remaining == 0 {
                continue;
            }
            let at = clock::now();
            let mut tx = self.begin().await?;
            on_tx!(&mut tx, conn => {
                sqlx::query(
                    "UPDATE invitation_batches SET purged_used = \
                     (SELECT COUNT(*) FROM invitations i \
                         WHERE i.batch_id = invitation_batches.id AND i.used_on IS NOT NULL) \
                     WHERE wave_id = $1 AND purged_used IS NULL",
                )
                .bind(wave.id)
                .execute(&mut *conn)
                .await?;
            });
            let deleted = on_tx!(&mut tx, conn => {
                sqlx::query("DELETE FROM invitations WHERE wave_id = $1")
                    .bind(wave.id)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            });
            let entry = NewAuditEntry::new(actor.clone(), AuditAction::TokensPurged)
                .target(wave.title.as_str())
                .detail(json!({ "wave_id": wave.id, "tokens": deleted }));
            audit::append_in(&mut tx, &entry, at).await?;
            tx.commit().await?;
            purged += deleted;
        }
        Ok(purged)
    }

    /// Deletes every survey response and invitation token of the units `unit_ids` (a unit and
    /// the units under it, as the caller gives them), in one transaction with a
    /// `unit_data_deleted` audit entry naming `target` and the counts. Returns (responses,
    /// tokens) deleted. Waves, batches and headcounts stay, so the history of what was asked
    /// is kept while the answers are gone.
    pub async fn delete_unit_survey_data(
        &self,
        unit_ids: &[i64],
        target: &str,
        actor: &Actor,
    ) -> Result<(u64, u64), StoreError> {
        let at = clock::now();
        let mut tx = self.begin().await?;
        let (mut responses, mut tokens) = (0, 0);
        for unit_id in unit_ids {
            on_tx!(&mut tx, conn => {
                sqlx::query(
                    "UPDATE invitation_batches SET purged_used = COALESCE(purged_used, \
                     (SELECT COUNT(*) FROM invitations i \
                         WHERE i.batch_id = invitation_batches.id AND i.used_on IS NOT NULL)) \
                     WHERE unit_id = $1",
                )
                .bind(*unit_id)
                .execute(&mut *conn)
                .await?;
            });
            responses += on_tx!(&mut tx, conn => {
                sqlx::query("DELETE FROM responses WHERE unit_id = $1")
                    .bind(*unit_id)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            });
            tokens += on_tx!(&mut tx, conn => {
                sqlx::query("DELETE FROM invitations WHERE unit_id = $1")
                    .bind(*unit_id)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            });
        }
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::UnitDataDeleted)
            .target(target)
            .detail(json!({ "units": unit_ids.len(), "responses": responses, "tokens": tokens }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await?;
        Ok((responses, tokens))
    }
}
