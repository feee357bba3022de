//! The one error type of server functions: what the user interface needs to show a clear
//! message in the user's language, and nothing about the server's internals.

use leptos::server_fn::{codec::JsonEncoding, error::FromServerFnError, error::ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not signed in (or the session expired).
    #[error("sign in first")]
    Unauthenticated,
    /// Signed in, but the role does not allow this.
    #[error("not allowed")]
    Forbidden,
    /// No such thing, or not within the user's units (the two are answered alike).
    #[error("not found")]
    NotFound,
    /// The input was refused; the message is already in the user's language.
    #[error("{0}")]
    Invalid(String),
    /// Wrong username or password, or the account is locked (not said which).
    #[error("wrong username or password")]
    BadCredentials,
    /// The database or another dependency is unavailable: try again.
    #[error("temporarily unavailable")]
    Unavailable,
    /// A failure the user cannot fix; details are in the server log only.
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl AppError {
    /// The HTTP status a server function answers with for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// A sentence for the user, in their language.
    pub fn message(&self, locale: domain::units::Locale) -> String {
        let key = match self {
            AppError::Unauthenticated => "error_unauthenticated",
            AppError::Forbidden => "error_forbidden",
            AppError::NotFound => "error_not_found",
            AppError::Invalid(message) => return message.clone(),
            AppError::BadCredentials => "error_bad_credentials",
            AppError::Unavailable => "error_unavailable",
            AppError::Internal | AppError::Transport(_) => "error_internal",
        };
        crate::i18n::text(locale, key)
    }
}

#[cfg(feature = "ssr")]
impl From<store::StoreError> for AppError {
    fn from(err: store::StoreError) -> Self {
        match err {
            store::StoreError::NotFound => AppError::NotFound,
            e if e.is_unavailable() => {
                tracing::warn!(error = %e, "database unavailable");
                AppError::Unavailable
            }
            e => {
                tracing::error!(error = %e, "store error");
                AppError::Internal
            }
        }
    }
}
