//! Errors of `/api/v1` as `application/problem+json` (RFC 9457), with stable type URIs that
//! the API documentation describes (`/api/v1/docs#problem-<slug>`).
//!
//! Out-of-scope resources are answered 404 exactly like missing ones (the app layer already
//! answers them alike), so the API never confirms that something outside a caller's units
//! exists; 403 is only for what the caller's role may never do, whatever the unit.

use app::error::AppError;
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use domain::units::Locale;
use serde::Serialize;
use utoipa::ToSchema;

/// A problem in the request or in serving it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Problem {
    /// A stable URI naming the kind of problem, e.g. `/api/v1/problems/not-found`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem (the same for every occurrence).
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, in the language asked for (`Accept-Language`).
    pub detail: String,
    /// For invalid input: every field refused and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One refused field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name as in the request: a query parameter, a JSON member (dotted path for
    /// nested members) or `body`.
    pub field: String,
    pub message: String,
}

/// The kinds of problem, each with its slug, status and title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Unauthenticated,
    Forbidden,
    NotFound,
    Invalid,
    Conflict,
    TooLarge,
    RateLimited,
    Timeout,
    Unavailable,
    Internal,
}

impl ProblemKind {
    pub const ALL: [ProblemKind; 10] = [
        ProblemKind::Unauthenticated,
        ProblemKind::Forbidden,
        ProblemKind::NotFound,
        ProblemKind::Invalid,
        ProblemKind::Conflict,
        ProblemKind::TooLarge,
        ProblemKind::RateLimited,
        ProblemKind::Timeout,
        ProblemKind::Unavailable,
        ProblemKind::Internal,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ProblemKind::Unauthenticated => "unauthenticated",
            ProblemKind::Forbidden => "forbidden",
            ProblemKind::NotFound => "not-found",
            ProblemKind::Invalid => "invalid-request",
            ProblemKind::Conflict => "conflict",
            ProblemKind::TooLarge => "too-large",
            ProblemKind::RateLimited => "rate-limited",
            ProblemKind::Timeout => "timeout",
            ProblemKind::Unavailable => "unavailable",
            ProblemKind::Internal => "internal",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            ProblemKind::Unauthenticated => StatusCode::UNAUTHORIZED,
            ProblemKind::Forbidden => StatusCode::FORBIDDEN,
            ProblemKind::NotFound => StatusCode::NOT_FOUND,
            ProblemKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            ProblemKind::Conflict => StatusCode::CONFLICT,
            ProblemKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ProblemKind::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ProblemKind::Timeout => StatusCode::REQUEST_TIMEOUT,
            ProblemKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ProblemKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ProblemKind::Unauthenticated => "A valid API token is required",
            ProblemKind::Forbidden => "The caller's role does not allow this",
            ProblemKind::NotFound => "No such resource within the caller's units",
            ProblemKind::Invalid => "The request was refused as invalid",
            ProblemKind::Conflict => "The request conflicts with the resource's state",
            ProblemKind::TooLarge => "The request body is too large",
            ProblemKind::RateLimited => "Too many requests",
            ProblemKind::Timeout => "The request took too long",
            ProblemKind::Unavailable => "The service is temporarily unavailable",
            ProblemKind::Internal => "An internal error",
        }
    }

    /// What the documentation says about this kind.
    pub fn explanation(self) -> &'static str {
        match self {
            ProblemKind::Unauthenticated => {
                "No `Authorization: Bearer` header, or a token that is unknown, revoked, or \
                 whose user is deactivated. Create a token on the page /akun/token."
            }
            ProblemKind::Forbidden => {
                "The token's user is signed in but their role may not do this anywhere \
                 (e.g. a change agent reading the audit log)."
            }
            ProblemKind::NotFound => {
                "The resource does not exist, or it lies outside the units of the token's \
                 user: the two are answered alike so that nothing outside a caller's scope \
                 is disclosed."
            }
            ProblemKind::Invalid => {
                "A parameter or body member is missing, malformed or out of range; `errors` \
                 names each field. Nothing was changed."
            }
            ProblemKind::Conflict => "The change is not possible in the resource's current state.",
            ProblemKind::TooLarge => "The body exceeds the server's limit (16 MiB).",
            ProblemKind::RateLimited => {
                "Slow down; retry after the number of seconds in `Retry-After`."
            }
            ProblemKind::Timeout => {
                "The server stopped handling the request after 60 seconds; it may or may not \
                 have taken effect: read the resource before retrying a change."
            }
            ProblemKind::Unavailable => {
                "The database is unreachable or overloaded. Nothing was changed; retry later."
            }
            ProblemKind::Internal => {
                "Something failed on the server; details are in its log. Nothing was changed."
            }
        }
    }

    pub fn type_uri(self) -> String {
        format!("/api/v1/problems/{}", self.slug())
    }
}

impl Problem {
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Self {
        Self {
            kind: kind.type_uri(),
            title: kind.title().to_owned(),
            status: kind.status().as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// Invalid input in `field`.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::fields(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    pub fn fields(errors: Vec<FieldError>) -> Self {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            errors,
            ..Self::new(ProblemKind::Invalid, detail)
        }
    }

    /// The problem for an error of the app layer, its message in `locale`.
    pub fn from_app(error: &AppError, locale: Locale) -> Self {
        let kind = match error {
            AppError::Unauthenticated | AppError::BadCredentials => ProblemKind::Unauthenticated,
            AppError::Forbidden => ProblemKind::Forbidden,
            AppError::NotFound => ProblemKind::NotFound,
            AppError::Invalid(_) => ProblemKind::Invalid,
            AppError::Unavailable => ProblemKind::Unavailable,
            AppError::Internal | AppError::Transport(_) => ProblemKind::Internal,
        };
        Self::new(kind, error.message(locale))
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let unauthenticated = status == StatusCode::UNAUTHORIZED;
        let mut response = (status, Json(self)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if unauthenticated {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"siap\""),
            );
        }
        response
    }
}

/// The API handlers' result.
pub type ApiResult<T> = Result<T, Problem>;

impl ProblemKind {
    /// The kind of a status code answered by something other than the API's handlers.
    fn of_status(status: StatusCode) -> Self {
        ProblemKind::ALL
            .into_iter()
            .find(|kind| kind.status() == status)
            .unwrap_or(if status.is_server_error() {
                ProblemKind::Internal
            } else {
                ProblemKind::Invalid
            })
    }
}

/// Middleware: errors of `/api/v1` answered by the layers around the API (body limit, time
/// limit, rate limit) become problem+json like the handlers' own.
pub async fn outer_errors_as_problems(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/v1/");
    let response = next.run(request).await;
    let status = response.status();
    if !is_api || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if is_problem {
        return response;
    }
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let kind = ProblemKind::of_status(status);
    let mut problem = Problem::new(kind, kind.explanation());
    problem.status = status.as_u16();
    let mut replaced = problem.into_response();
    if let Some(value) = retry_after {
        replaced.headers_mut().insert(header::RETRY_AFTER, value);
    }
    replaced
}
