//! Invitation slips for a batch of tokens: a printable A4 sheet with a QR code per token, and
//! the same tokens as CSV (for mail merge or a messaging tool). Plain server-rendered
//! documents without WebAssembly: they are printed, not used.
//!
//! Both need a signed-in user allowed to distribute invitations for the batch's unit; a
//! batch outside the user's units answers 404 like one that does not exist.

mod html;
mod qr;
mod sheet;

use app::auth::ssr::auth_user_in;
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use domain::access::{self, Action};
use serde_json::json;
use store::{Actor, AuditAction, InvitationBatch, NewAuditEntry, Store};
use tower_sessions::Session;

pub use sheet::{Slip, SlipSheet};

pub fn routes<S>(store: Store) -> Router<S> {
    Router::new()
        .route("/waves/{wave}/undangan/{batch}/lembar", get(sheet_page))
        .route("/waves/{wave}/undangan/{file}", get(csv_file))
        .with_state(store)
}

/// The address respondents type or scan: the host this request came to (also the links the
/// REST API returns).
pub(crate) fn public_base(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        == Some("https");
    format!("{}://{host}", if https { "https" } else { "http" })
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

struct Allowed {
    batch: InvitationBatch,
    actor: Actor,
}

/// The batch, if it belongs to `wave` and the signed-in user may distribute its unit's
/// invitations.
async fn allowed_batch(
    store: &Store,
    session: &Session,
    wave: i64,
    batch: i64,
) -> Result<Allowed, Response> {
    let user = match auth_user_in(store, session).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            return Err(plain(
                StatusCode::UNAUTHORIZED,
                "Silakan masuk terlebih dahulu. / Please sign in first.",
            ))
        }
        Err(_) => {
            return Err(plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "Coba lagi. / Try again.",
            ))
        }
    };
    let not_found = || plain(StatusCode::NOT_FOUND, "Tidak ditemukan. / Not found.");
    let found = match store.invitation_batch(batch).await {
        Ok(found) => found,
        Err(_) => {
            return Err(plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "Coba lagi. / Try again.",
            ))
        }
    };
    let batch = found.filter(|b| b.wave_id == wave).ok_or_else(not_found)?;
    match access::authorize(
        user.role,
        &user.scope,
        Action::DistributeInvitations,
        Some(batch.unit_id),
    ) {
        Ok(()) => Ok(Allowed {
            batch,
            actor: user.actor(),
        }),
        Err(access::Denied::OutOfScope) => Err(not_found()),
        Err(access::Denied::RoleLacksPermission) => Err(plain(
            StatusCode::FORBIDDEN,
            "Peran Anda tidak mengizinkan tindakan ini. / Your role does not allow this.",
        )),
    }
}

async fn record_export(store: &Store, actor: Actor, batch: &InvitationBatch, format: &str) {
    let entry = NewAuditEntry::new(actor, AuditAction::Export)
        .target(format!("invitation batch {}", batch.id))
        .detail(json!({ "wave": batch.wave_id, "unit": batch.unit_id, "format": format }));
    if let Err(e) = store.append_audit(&entry).await {
        tracing::warn!(error = %e, "recording an invitation export");
    }
}

async fn load_sheet(
    store: &Store,
    batch: &InvitationBatch,
    base: &str,
) -> Result<SlipSheet, Response> {
    let unavailable = |_| plain(StatusCode::SERVICE_UNAVAILABLE, "Coba lagi. / Try again.");
    let wave = store
        .wave(batch.wave_id)
        .await
        .map_err(unavailable)?
        .ok_or_else(|| plain(StatusCode::NOT_FOUND, "Tidak ditemukan. / Not found."))?;
    let unit_name = store
        .wave_units(batch.wave_id)
        .await
        .map_err(unavailable)?
        .into_iter()
        .find(|u| u.unit_id == batch.unit_id)
        .map(|u| u.name)
        .unwrap_or_default();
    let slips = store
        .batch_tokens(batch.id)
        .await
        .map_err(unavailable)?
        .into_iter()
        // A used token is of no use to anyone: reprints leave it out.
        .filter(|(_, used)| !used)
        .map(|(token, _)| Slip::new(base, &token))
        .collect();
    Ok(SlipSheet {
        wave_title: wave.title.as_str().to_owned(),
        unit_name,
        closes_at: wave.schedule.closes_at(),
        slips,
    })
}

/// The batch's sheet, once the user is allowed; the export is recorded in the audit log.
async fn exported_sheet(
    store: &Store,
    session: &Session,
    headers: &HeaderMap,
    wave: i64,
    batch: i64,
    format: &str,
) -> Result<SlipSheet, Response> {
    let allowed = allowed_batch(store, session, wave, batch).await?;
    let sheet = load_sheet(store, &allowed.batch, &public_base(headers)).await?;
    record_export(store, allowed.actor, &allowed.batch, format).await;
    Ok(sheet)
}

async fn sheet_page(
    State(store): State<Store>,
    session: Session,
    headers: HeaderMap,
    Path((wave, batch)): Path<(i64, i64)>,
) -> Response {
    match exported_sheet(&store, &session, &headers, wave, batch, "sheet").await {
        Ok(sheet) => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            sheet.to_html(),
        )
            .into_response(),
        Err(response) => response,
    }
}

/// `{batch}.csv`: the batch's unused tokens with their links.
async fn csv_file(
    State(store): State<Store>,
    session: Session,
    headers: HeaderMap,
    Path((wave, file)): Path<(i64, String)>,
) -> Response {
    let Some(batch) = file
        .strip_suffix(".csv")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return plain(StatusCode::NOT_FOUND, "Tidak ditemukan. / Not found.");
    };
    let sheet = match exported_sheet(&store, &session, &headers, wave, batch, "csv").await {
        Ok(sheet) => sheet,
        Err(response) => return response,
    };
    let disposition = format!("attachment; filename=\"undangan-{wave}-{batch}.csv\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        sheet.to_csv(),
    )
        .into_response()
}
