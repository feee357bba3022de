//! `GET /admin/audit.csv?aksi=&pelaku=`: the whole audit log (or the entries of one action or
//! one actor) as CSV, newest first, for administrators. The export itself is audit-logged.

use app::{auth::ssr::auth_user_in, error::AppError};
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use domain::{
    access::{self, Action},
    csv_text::{guard, push_field},
};
use serde::Deserialize;
use serde_json::json;
use store::{AuditAction, AuditFilter, NewAuditEntry, Store, MAX_AUDIT_PAGE};
use tower_sessions::Session;

use crate::plain_answer::error_response;

pub fn routes<S>(store: Store) -> Router<S> {
    Router::new()
        .route("/admin/audit.csv", get(audit_csv))
        .with_state(store)
}

#[derive(Debug, Default, Deserialize)]
struct AuditQuery {
    #[serde(default)]
    aksi: String,
    #[serde(default)]
    pelaku: String,
}

async fn audit_csv(
    State(store): State<Store>,
    session: Session,
    Query(query): Query<AuditQuery>,
) -> Response {
    match export(&store, &session, query).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"log-audit.csv\"",
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => error_response(&e),
    }
}

async fn export(store: &Store, session: &Session, query: AuditQuery) -> Result<String, AppError> {
    let user = auth_user_in(store, session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    access::authorize(user.role, &user.scope, Action::ViewAudit, None)
        .map_err(|_| AppError::Forbidden)?;
    let action = match query.aksi.trim() {
        "" => None,
        a => Some(a.parse::<AuditAction>().map_err(|_| {
            AppError::Invalid(format!(
                "Jenis tindakan tidak dikenal: {a} / Unknown action: {a}"
            ))
        })?),
    };
    let actor = Some(query.pelaku.trim().to_owned()).filter(|a| !a.is_empty());
    // UTF-8 with a byte-order mark, so that spreadsheet programs read it right.
    let mut out = String::from("\u{feff}waktu_utc,pelaku,tindakan,sasaran,rincian\r\n");
    let mut offset = 0;
    loop {
        let page = store
            .list_audit(&AuditFilter {
                action,
                actor: actor.clone(),
                limit: MAX_AUDIT_PAGE,
                offset,
                ..AuditFilter::default()
            })
            .await?;
        for entry in &page {
            let detail = entry.detail.to_string();
            let fields = [
                entry.at.to_rfc3339(),
                guard(&entry.actor_name).into_owned(),
                entry.action.as_str().to_owned(),
                guard(entry.target.as_deref().unwrap_or("")).into_owned(),
                guard(&detail).into_owned(),
            ];
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_field(&mut out, field);
            }
            out.push_str("\r\n");
        }
        if page.len() < MAX_AUDIT_PAGE as usize {
            break;
        }
        offset += MAX_AUDIT_PAGE;
    }
    let entry = NewAuditEntry::new(user.actor(), AuditAction::Export)
        .target("audit_log")
        .detail(json!({ "action": query.aksi, "actor": query.pelaku, "format": "csv" }));
    store.append_audit(&entry).await?;
    Ok(out)
}
