//! Names of statuses and types in the user's language, from their stored codes.

use domain::interventions::{InterventionKind, InterventionStatus};

use crate::i18n::Locale;

pub fn status_label(status: &str, locale: Locale) -> String {
    InterventionStatus::parse(status)
        .map(|s| s.label(locale).to_owned())
        .unwrap_or_else(|_| status.to_owned())
}

pub fn kind_label(kind: &str, locale: Locale) -> String {
    InterventionKind::parse(kind)
        .map(|k| k.label(locale).to_owned())
        .unwrap_or_else(|_| kind.to_owned())
}

/// The button that moves a plan to `status` ("Setujui", "Mulai kerjakan", …: `iv_move_*`).
pub fn move_label(status: &str, locale: Locale) -> String {
    let key = match status {
        "approved" => "iv_move_approved",
        "in_progress" => "iv_move_in_progress",
        "done" => "iv_move_done",
        "cancelled" => "iv_move_cancelled",
        _ => "iv_move_other",
    };
    crate::i18n::text(locale, key)
}

/// "Rp 1.250.000" / "Rp 1,250,000".
pub fn rupiah(amount: u64, locale: Locale) -> String {
    format!("Rp {}", crate::format::count(amount, locale))
}
