//! Cross-site request forgery defence: state-changing requests must come from Siap's own
//! pages. Browsers send `Origin` (and `Sec-Fetch-Site`) on every cross-site POST, so a write
//! whose origin is another site is refused; together with SameSite=Lax session cookies this
//! leaves no way for another site to act with a user's session.

use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};

/// `https`: the site is served over HTTPS (`--secure-cookies`), so a write from a page of the
/// same host over plain HTTP (which anyone on the network path can forge) is another origin.
pub async fn same_origin_writes(
    State(https): State<bool>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin(request.headers(), https) {
        return next.run(request).await;
    }
    tracing::warn!(
        origin = ?request.headers().get(header::ORIGIN),
        // Never a respondent's token (issue #16).
        path = %crate::startup::loggable_path(request.uri().path()),
        "cross-site write refused"
    );
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "application/problem+json")],
        Json(serde_json::json!({
            "type": "/problems/cross-site-request",
            "title": "Cross-site request refused",
            "status": 403,
            "detail": "Changes must be made from Siap's own pages.",
        })),
    )
        .into_response()
}

/// Whether a write comes from a page of this site. Requests without `Origin` (not sent by
/// browsers on same-origin GET-less navigation in old versions, nor by scripts such as curl)
/// pass: they carry no ambient browser credentials of another site.
fn is_same_origin(headers: &HeaderMap, https: bool) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    // `Origin` is scheme://host[:port]; compare the authority with `Host`, and the scheme
    // with the site's.
    origin.split_once("://").is_some_and(|(scheme, authority)| {
        authority.eq_ignore_ascii_case(host) && (!https || scheme.eq_ignore_ascii_case("https"))
    })
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn over_https_a_plain_http_origin_is_another_site() {
        let pairs = [
            ("host", "siap.jakarta.go.id"),
            ("origin", "http://siap.jakarta.go.id"),
        ];
        assert!(!is_same_origin(&headers(&pairs), true));
        assert!(is_same_origin(&headers(&pairs), false));
        let secure = [
            ("host", "siap.jakarta.go.id"),
            ("origin", "https://siap.jakarta.go.id"),
        ];
        assert!(is_same_origin(&headers(&secure), true));
    }

    #[test]
    fn same_origin_passes_and_other_sites_do_not() {
        assert!(is_same_origin(
            &headers(&[
                ("host", "siap.jakarta.go.id"),
                ("origin", "https://siap.jakarta.go.id")
            ]),
            false
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("host", "siap.jakarta.go.id"),
                ("origin", "https://evil.example")
            ]),
            false
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3001")
            ]),
            false
        ));
        assert!(!is_same_origin(
            &headers(&[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")]),
            false
        ));
        assert!(!is_same_origin(&headers(&[("origin", "null")]), false));
        assert!(is_same_origin(
            &headers(&[("host", "127.0.0.1:3000")]),
            false
        ));
    }
}
