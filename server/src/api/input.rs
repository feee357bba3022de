//! Request parameters and bodies of `/api/v1`, refused with a problem that names the field
//! (axum's own extractors answer plain text without it).

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request},
    http::{header, request::Parts},
};
use serde::de::DeserializeOwned;

use super::problem::{FieldError, Problem, ProblemKind};

/// A JSON request body of type `T`.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let media = v.split(';').next().unwrap_or("").trim();
                media.eq_ignore_ascii_case("application/json")
            });
        if !is_json {
            return Err(Problem::field(
                "Content-Type",
                "the body must be JSON (Content-Type: application/json)",
            ));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|e| {
            let kind = if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ProblemKind::TooLarge
            } else {
                ProblemKind::Invalid
            };
            Problem::new(kind, e.body_text())
        })?;
        from_json(&bytes).map(ApiJson)
    }
}

/// Parses a JSON body, naming the member that does not fit.
pub fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        Problem::fields(vec![FieldError {
            field,
            message: e.inner().to_string(),
        }])
    })?;
    deserializer
        .end()
        .map_err(|e| Problem::field("body", e.to_string()))?;
    Ok(value)
}

/// Query parameters of type `T`.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let query = parts.uri.query().unwrap_or("");
        let deserializer =
            serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(ApiQuery)
            .map_err(|e| {
                let path = e.path().to_string();
                let field = if path == "." {
                    "query".to_owned()
                } else {
                    path
                };
                Problem::field(field, e.inner().to_string())
            })
    }
}
