//! The suggestions playbook (`domain::interventions::playbook`) as administrators save it:
//! every saved version is kept, and the newest is the one in use.
//!
//! The store keeps text and does not validate it: callers parse it with
//! `domain::interventions::Playbook::parse` before [`Store::save_playbook`] (and show the
//! problems instead of saving), and parse what [`Store::playbook_text`] returns, falling back
//! to `Playbook::builtin()` when nothing was saved (or, defensively, when a stored text no
//! longer parses, e.g. after a rule of the format was tightened).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{
    audit::{self, Actor, AuditAction, NewAuditEntry},
    clock,
    store::{on_pool, on_tx},
    Store, StoreError,
};

/// A saved version of the playbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaybookVersion {
    pub id: i64,
    /// The TOML text, exactly as saved.
    pub text: String,
    /// `None` when saved by the system, or once the user is deleted (`saved_by_name` stays).
    pub saved_by: Option<i64>,
    pub saved_by_name: String,
    pub saved_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: i64,
    body: String,
    saved_by: Option<i64>,
    saved_by_name: String,
    saved_at: DateTime<Utc>,
}

impl From<VersionRow> for PlaybookVersion {
    fn from(row: VersionRow) -> Self {
        Self {
            id: row.id,
            text: row.body,
            saved_by: row.saved_by,
            saved_by_name: row.saved_by_name,
            saved_at: row.saved_at,
        }
    }
}

impl Store {
    /// The newest saved playbook text; `None` when none was ever saved (use the built-in
    /// playbook). Not validated: see the module documentation.
    pub async fn playbook_text(&self) -> Result<Option<String>, StoreError> {
        Ok(self.playbook_version().await?.map(|version| version.text))
    }

    /// The newest saved playbook version with who saved it and when, if any.
    pub async fn playbook_version(&self) -> Result<Option<PlaybookVersion>, StoreError> {
        let row: Option<VersionRow> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, body, saved_by, saved_by_name, saved_at FROM playbook_versions \
                 ORDER BY id DESC LIMIT 1",
            )
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(PlaybookVersion::from))
    }

    /// Saves `text` as the newest playbook version, with a `playbook_saved` audit entry, in one
    /// transaction. The caller validates the text first (`Playbook::parse`); the store refuses
    /// only an empty text (`Invalid`), and keeps the text exactly as given.
    pub async fn save_playbook(&self, text: &str, actor: &Actor) -> Result<(), StoreError> {
        if text.is_empty() {
            return Err(StoreError::Invalid("the playbook text is empty".to_owned()));
        }
        let at = clock::now();
        let mut tx = self.begin().await?;
        let id: i64 = on_tx!(&mut tx, conn => {
            sqlx::query_scalar(
                "INSERT INTO playbook_versions (body, saved_by, saved_by_name, saved_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(text)
            .bind(actor.user_id)
            .bind(actor.name.as_str())
            .bind(at)
            .fetch_one(&mut *conn)
            .await?
        });
        let entry = NewAuditEntry::new(actor.clone(), AuditAction::PlaybookSaved)
            .target("playbook")
            .detail(json!({
                "playbook_version_id": id,
                "characters": text.chars().count(),
            }));
        audit::append_in(&mut tx, &entry, at).await?;
        tx.commit().await
    }
}
