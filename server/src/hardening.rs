//! What every response gets, whatever produced it: security headers, compression, a cap on
//! request bodies and a time limit on handling a request (issue #9).

use std::time::Duration;

use axum::{
    extract::Request,
    http::{header::CACHE_CONTROL, HeaderValue},
    middleware::{self, Next},
    response::Response,
    Router,
};
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer,
    set_header::SetResponseHeaderLayer, timeout::TimeoutLayer,
};

/// The largest request body accepted: a units or responses CSV of a whole province is a few
/// megabytes; anything larger is refused with 413 before it is read.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// How long a request may take before it is answered 408: the slowest page (a province's
/// dashboard computed for the first time) takes a few seconds.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Adds the layers to `router`. `tls`: the site is served over HTTPS (secure cookies), so
/// browsers are told to keep to HTTPS (HSTS).
pub fn harden(router: Router, tls: bool) -> Router {
    let header = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(
            axum::http::HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    let router = router
        // Invitation links carry the token in the path: no other site may see them in a
        // Referer header.
        .layer(header("referrer-policy", "same-origin"))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("x-frame-options", "DENY"))
        .layer(header(
            "permissions-policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ))
        // Pages set their own policy with the nonce of their inline scripts (see
        // `app::shell`); this one covers everything else (files, exports, errors).
        .layer(header("content-security-policy", BASE_POLICY))
        .layer(middleware::from_fn(cache_policy))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ));
    if tls {
        router.layer(header(
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        router
    }
}

/// Whether `path` is one of the site's static files (the script bundle, the stylesheet, the
/// icon), which may be kept and revalidated.
fn is_static_file(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.ico"
}

/// Nothing dynamic is kept by a browser or a proxy unless its route says otherwise: pages,
/// invitation sheets and CSVs carry live tokens, exports and the audit log carry figures and
/// names (issue #16). Static files are revalidated on each use.
async fn cache_policy(request: Request, next: Next) -> Response {
    let static_file = is_static_file(request.uri().path());
    let mut response = next.run(request).await;
    if !response.headers().contains_key(CACHE_CONTROL) {
        let value = if static_file { "no-cache" } else { "no-store" };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The policy of responses that are not pages: nothing inline runs, nothing frames them.
pub const BASE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
