//! The audit log: who did what, when. Written inside the transaction of the change it records,
//! so a change and its entry are stored together or not at all.

use std::{fmt, str::FromStr};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    clock,
    store::{on_pool, on_tx, Tx},
    Store, StoreError,
};

/// Who made a change: a signed-in user, or the system itself (a command-line seed, a job).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// `None` for the system, or a user since deleted.
    pub user_id: Option<i64>,
    /// The username (or e.g. `system`), kept in the log even once the user is deleted.
    pub name: String,
}

impl Actor {
    /// A signed-in user, by id and username.
    pub fn user(id: i64, username: impl Into<String>) -> Self {
        Self {
            user_id: Some(id),
            name: username.into(),
        }
    }

    /// A change made by no user, e.g. `Actor::system("seed")`.
    pub fn system(name: impl Into<String>) -> Self {
        Self {
            user_id: None,
            name: name.into(),
        }
    }
}

/// What an audit entry records. Stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Login,
    LoginFailed,
    Logout,
    UnitsImported,
    UnitUpdated,
    UserCreated,
    UserUpdated,
    PasswordChanged,
    PermissionsChanged,
    Export,
    InstrumentSaved,
    WaveCreated,
    WaveStateChanged,
    InvitationsIssued,
    ResponsesImported,
    // Intervention plans and the resource-gap register (issue #7).
    InterventionCreated,
    InterventionUpdated,
    InterventionStatusChanged,
    MilestoneAdded,
    MilestoneUpdated,
    InterventionCommented,
    GapCreated,
    GapUpdated,
    GapLinked,
    GapUnlinked,
    // The suggestions playbook (issue #7).
    PlaybookSaved,
    /// A closed wave's invitation tokens deleted after the retention period.
    TokensPurged,
    /// An administrator deleted the survey data of a unit and the units under it.
    UnitDataDeleted,
    /// A personal API token created or revoked (issue #8).
    ApiTokenCreated,
    ApiTokenRevoked,
}

impl AuditAction {
    pub const ALL: [AuditAction; 30] = [
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::UnitsImported,
        AuditAction::UnitUpdated,
        AuditAction::UserCreated,
        AuditAction::UserUpdated,
        AuditAction::PasswordChanged,
        AuditAction::PermissionsChanged,
        AuditAction::Export,
        AuditAction::InstrumentSaved,
        AuditAction::WaveCreated,
        AuditAction::WaveStateChanged,
        AuditAction::InvitationsIssued,
        AuditAction::ResponsesImported,
        AuditAction::InterventionCreated,
        AuditAction::InterventionUpdated,
        AuditAction::InterventionStatusChanged,
        AuditAction::MilestoneAdded,
        AuditAction::MilestoneUpdated,
        AuditAction::InterventionCommented,
        AuditAction::GapCreated,
        AuditAction::GapUpdated,
        AuditAction::GapLinked,
        AuditAction::GapUnlinked,
        AuditAction::PlaybookSaved,
        AuditAction::TokensPurged,
        AuditAction::UnitDataDeleted,
        AuditAction::ApiTokenCreated,
        AuditAction::ApiTokenRevoked,
    ];

    /// The stored name, e.g. `login_failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
            AuditAction::UnitsImported => "units_imported",
            AuditAction::UnitUpdated => "unit_updated",
            AuditAction::UserCreated => "user_created",
            AuditAction::UserUpdated => "user_updated",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::PermissionsChanged => "permissions_changed",
            AuditAction::Export => "export",
            AuditAction::InstrumentSaved => "instrument_saved",
            AuditAction::WaveCreated => "wave_created",
            AuditAction::WaveStateChanged => "wave_state_changed",
            AuditAction::InvitationsIssued => "invitations_issued",
            AuditAction::ResponsesImported => "responses_imported",
            AuditAction::InterventionCreated => "intervention_created",
            AuditAction::InterventionUpdated => "intervention_updated",
            AuditAction::InterventionStatusChanged => "intervention_status_changed",
            AuditAction::MilestoneAdded => "milestone_added",
            AuditAction::MilestoneUpdated => "milestone_updated",
            AuditAction::InterventionCommented => "intervention_commented",
            AuditAction::GapCreated => "gap_created",
            AuditAction::GapUpdated => "gap_updated",
            AuditAction::GapLinked => "gap_linked",
            AuditAction::GapUnlinked => "gap_unlinked",
            AuditAction::PlaybookSaved => "playbook_saved",
            AuditAction::TokensPurged => "tokens_purged",
            AuditAction::UnitDataDeleted => "unit_data_deleted",
            AuditAction::ApiTokenCreated => "api_token_created",
            AuditAction::ApiTokenRevoked => "api_token_revoked",
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is no [`AuditAction`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown audit action `{0}`")]
pub struct UnknownAuditAction(pub String);

impl FromStr for AuditAction {
    type Err = UnknownAuditAction;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == s)
            .ok_or_else(|| UnknownAuditAction(s.to_owned()))
    }
}

/// An entry to append.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuditEntry {
    pub actor: Actor,
    pub action: AuditAction,
    /// What the action was done to: a username, a unit code, an export's name.
    pub target: Option<String>,
    /// Anything else worth keeping, as JSON (an object; never a password or its hash).
    pub detail: serde_json::Value,
}

impl NewAuditEntry {
    /// An entry with no target and an empty detail object.
    pub fn new(actor: Actor, action: AuditAction) -> Self {
        Self {
            actor,
            action,
            target: None,
            detail: serde_json::Value::Object(Default::default()),
        }
    }

    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// `None` for the system, or once the user is deleted (`actor_name` stays).
    pub actor_user_id: Option<i64>,
    pub actor_name: String,
    pub action: AuditAction,
    pub target: Option<String>,
    pub detail: serde_json::Value,
}

/// The most entries one page of [`Store::list_audit`] returns.
pub const MAX_AUDIT_PAGE: u32 = 500;

/// Which entries to list: every criterion given must hold. Times are a half-open range,
/// `from <= at < to`, compared to the microsecond (the precision stored on both engines: a
/// finer bound is truncated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    /// The actor's name, exactly.
    pub actor: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// At most [`MAX_AUDIT_PAGE`]; larger values are capped.
    pub limit: u32,
    pub offset: u32,
}

impl Default for AuditFilter {
    /// Everything, newest 50 first.
    fn default() -> Self {
        Self {
            action: None,
            actor: None,
            from: None,
            to: None,
            limit: 50,
            offset: 0,
        }
    }
}

impl AuditFilter {
    /// `WHERE ...` with numbered placeholders, and the number of the next placeholder.
    fn where_clause(&self) -> (String, usize) {
        let mut conditions = Vec::new();
        let mut next = 1;
        let mut condition = |text: &str| {
            conditions.push(format!("{text} ${next}"));
            next += 1;
        };
        if self.action.is_some() {
            condition("action =");
        }
        if self.actor.is_some() {
            condition("actor_name =");
        }
        if self.from.is_some() {
            condition("at >=");
        }
        if self.to.is_some() {
            condition("at <");
        }
        let clause = if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        };
        (clause, next)
    }
}

/// Binds the filter's values in the order of [`AuditFilter::where_clause`].
macro_rules! bind_filter {
    ($query:expr, $filter:expr) => {{
        let mut query = $query;
        if let Some(action) = $filter.action {
            query = query.bind(action.as_str());
        }
        if let Some(actor) = &$filter.actor {
            query = query.bind(actor.as_str());
        }
        if let Some(from) = $filter.from {
            query = query.bind(clock::stored(from));
        }
        if let Some(to) = $filter.to {
            query = query.bind(clock::stored(to));
        }
        query
    }};
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: DateTime<Utc>,
    actor_user_id: Option<i64>,
    actor_name: String,
    action: String,
    target: Option<String>,
    detail: String,
}

impl TryFrom<AuditRow> for AuditRecord {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> Result<Self, Self::Error> {
        let action = row
            .action
            .parse()
            .map_err(|e| StoreError::corrupt(format!("audit entry {}", row.id), e))?;
        let detail = serde_json::from_str(&row.detail)
            .map_err(|e| StoreError::corrupt(format!("audit entry {} detail", row.id), e))?;
        Ok(Self {
            id: row.id,
            at: row.at,
            actor_user_id: row.actor_user_id,
            actor_name: row.actor_name,
            action,
            target: row.target,
            detail,
        })
    }
}

const INSERT_AUDIT: &str =
    "INSERT INTO audit_log (at, actor_user_id, actor_name, action, target, detail) \
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

/// Appends an entry inside an open transaction: the change and its entry commit together.
pub(crate) async fn append_in(
    tx: &mut Tx,
    entry: &NewAuditEntry,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let detail = entry.detail.to_string();
    let id: i64 = on_tx!(tx, conn => {
        sqlx::query_scalar(INSERT_AUDIT)
            .bind(at)
            .bind(entry.actor.user_id)
            .bind(entry.actor.name.as_str())
            .bind(entry.action.as_str())
            .bind(entry.target.as_deref())
            .bind(detail.as_str())
            .fetch_one(&mut *conn)
            .await?
    });
    Ok(id)
}

impl Store {
    /// Appends an entry on its own (a login, a logout, an export); returns its id. Changes
    /// made through the store write their own entries.
    pub async fn append_audit(&self, entry: &NewAuditEntry) -> Result<i64, StoreError> {
        let mut tx = self.begin().await?;
        let id = append_in(&mut tx, entry, clock::now()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The entries the filter selects, newest first, one page of at most [`MAX_AUDIT_PAGE`].
    pub async fn list_audit(&self, filter: &AuditFilter) -> Result<Vec<AuditRecord>, StoreError> {
        let (clause, next) = filter.where_clause();
        let sql = format!(
            "SELECT id, at, actor_user_id, actor_name, action, target, detail FROM audit_log{clause} \
             ORDER BY at DESC, id DESC LIMIT ${} OFFSET ${}",
            next,
            next + 1
        );
        let limit = i64::from(filter.limit.min(MAX_AUDIT_PAGE));
        let offset = i64::from(filter.offset);
        let rows: Vec<AuditRow> = on_pool!(self, pool => {
            bind_filter!(sqlx::query_as(&sql), filter)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(AuditRecord::try_from).collect()
    }

    /// How many entries the filter selects, over all pages (its limit and offset are ignored).
    pub async fn count_audit(&self, filter: &AuditFilter) -> Result<i64, StoreError> {
        let (clause, _) = filter.where_clause();
        let sql = format!("SELECT COUNT(*) FROM audit_log{clause}");
        let count: i64 = on_pool!(self, pool => {
            bind_filter!(sqlx::query_scalar(&sql), filter)
                .fetch_one(pool)
                .await?
        });
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_round_trip_and_match_serde() {
        for action in AuditAction::ALL {
            assert_eq!(action.as_str().parse::<AuditAction>(), Ok(action));
            assert_eq!(
                serde_json::to_value(action).ok(),
                Some(serde_json::Value::String(action.as_str().to_owned()))
            );
        }
        assert!("nope".parse::<AuditAction>().is_err());
        let names: std::collections::HashSet<&str> = AuditAction::ALL
            .iter()
            .map(|action| action.as_str())
            .collect();
        assert_eq!(names.len(), AuditAction::ALL.len(), "every name is its own");
    }

    #[test]
    fn where_clause_numbers_its_placeholders() {
        assert_eq!(AuditFilter::default().where_clause(), (String::new(), 1));
        let filter = AuditFilter {
            action: Some(AuditAction::Login),
            to: Some(Utc::now()),
            ..AuditFilter::default()
        };
        assert_eq!(
            filter.where_clause(),
            (" WHERE action = $1 AND at < $2".to_owned(), 3)
        );
    }
}
