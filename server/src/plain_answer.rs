//! Plain-text answers of the download routes (exports), Indonesian first.

use app::error::AppError;
use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

pub(crate) fn plain(status: StatusCode, text: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text.into(),
    )
        .into_response()
}

/// An error of the server side as a plain-text answer with its status.
pub(crate) fn error_response(error: &AppError) -> Response {
    match error {
        AppError::Unauthenticated | AppError::BadCredentials => plain(
            StatusCode::UNAUTHORIZED,
            "Silakan masuk terlebih dahulu. / Please sign in first.",
        ),
        AppError::Forbidden => plain(
            StatusCode::FORBIDDEN,
            "Peran Anda tidak mengizinkan tindakan ini. / Your role does not allow this.",
        ),
        AppError::NotFound => plain(StatusCode::NOT_FOUND, "Tidak ditemukan. / Not found."),
        AppError::Invalid(message) => plain(StatusCode::UNPROCESSABLE_ENTITY, message.clone()),
        AppError::Unavailable => plain(StatusCode::SERVICE_UNAVAILABLE, "Coba lagi. / Try again."),
        AppError::Internal | AppError::Transport(_) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Terjadi kesalahan. / Something went wrong.",
        ),
    }
}
