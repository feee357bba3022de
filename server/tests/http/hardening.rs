//! What every response carries (security headers, a page's script policy with its nonce),
//! compression, and the cap on request bodies, over real HTTP on both engines.

use crate::{on_both_engines, support::TestApp};

on_both_engines!(
    pages_carry_security_headers_and_a_nonce_policy,
    other_responses_get_the_base_policy,
    pages_are_compressed_when_asked,
    oversized_bodies_are_refused_before_they_are_read,
    nothing_dynamic_is_cached,
);

/// Issue #16, 7: invitation sheets and CSVs carry live tokens, exports and the audit log
/// figures and names; no browser or proxy may keep a dynamic response. Static files are
/// revalidated, and a route's own policy (the API document) is kept.
async fn nothing_dynamic_is_cached(app: TestApp) {
    crate::auth::setup_admin(&app).await;
    let admin = crate::auth::signed_in(&app, "admin", crate::auth::ADMIN_PASSWORD).await;
    let cache_control = |response: &reqwest::Response| {
        response
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    for path in [
        "/login",
        "/s/zzzzzzzzzzzz",
        "/admin/audit.csv",
        "/waves/1/undangan/1.csv",
        "/dashboard/ekspor.csv?unit=DKI",
        "/api/v1/me",
    ] {
        let response = admin.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            cache_control(&response).as_deref(),
            Some("no-store"),
            "{path}: {}",
            response.status()
        );
    }
    let icon = app.get("/favicon.ico").await;
    assert_eq!(cache_control(&icon).as_deref(), Some("no-cache"));
    let document = app.get("/api/v1/openapi.json").await;
    assert_eq!(cache_control(&document).as_deref(), Some("no-cache"));
    app.stop().await;
}

async fn pages_carry_security_headers_and_a_nonce_policy(app: TestApp) {
    let response = app.get("/login").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let header = |name: &str| {
        headers
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
    assert_eq!(header("x-frame-options"), "DENY");
    assert!(
        headers.get("strict-transport-security").is_none(),
        "no HSTS without TLS"
    );
    let policy = header("content-security-policy");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .expect("a script-src directive");
    assert!(!script_src.contains("unsafe-inline"), "{script_src}");
    // Inline scripts run only with this response's nonce, and every inline script has it.
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_owned();
    assert!(nonce.len() >= 16, "{nonce}");
    let html = response.text().await.unwrap();
    let scripts = html.matches("<script").count();
    assert!(scripts > 0, "the page hydrates with scripts");
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every script carries the nonce"
    );
    // A new nonce per response.
    let again = app.get("/login").await;
    let other = again.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_ne!(other, policy);
    app.stop().await;
}

async fn other_responses_get_the_base_policy(app: TestApp) {
    let response = app.get("/healthz").await;
    assert_eq!(
        response.headers()["content-security-policy"],
        server::hardening::BASE_POLICY
    );
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    app.stop().await;
}

async fn pages_are_compressed_when_asked(app: TestApp) {
    // A streamed page: compressed chunk by chunk as it is rendered.
    let plain = app.get("/login").await;
    assert!(plain.headers().get("content-encoding").is_none());
    let plain_length = plain.bytes().await.unwrap().len();
    let gzip = |path: &str| {
        app.client
            .get(app.url(path))
            .header("accept-encoding", "gzip")
            .send()
    };
    let response = gzip("/login").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let compressed = response.bytes().await.unwrap().len();
    assert!(
        compressed < plain_length,
        "{compressed} bytes compressed against {plain_length}"
    );
    // A larger document in one piece compresses to a fraction of its size.
    let whole = app.get("/api/v1/docs").await.bytes().await.unwrap().len();
    let response = gzip("/api/v1/docs").await.unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let compressed = response.bytes().await.unwrap().len();
    assert!(
        compressed * 3 < whole,
        "{compressed} bytes compressed against {whole}"
    );
    app.stop().await;
}

/// The declared length alone is enough to refuse: the answer comes before the body is sent
/// (a client that kept writing would see its connection closed instead).
async fn oversized_bodies_are_refused_before_they_are_read(app: TestApp) {
    // A page's server function, and the REST API (which answers problem+json).
    for (path, content_type) in [
        ("/api/units/import", "text/plain"),
        ("/api/v1/units/import", "application/problem+json"),
    ] {
        let answer = refused_head(&app, path).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{path}: {answer}");
        assert!(
            answer
                .to_ascii_lowercase()
                .contains(&format!("content-type: {content_type}")),
            "{path}: {answer}"
        );
    }
    app.stop().await;
}

/// The head of the answer to a POST declaring one byte more than the limit.
async fn refused_head(app: &TestApp, path: &str) -> String {
    crate::support::head_before_body(
        app,
        path,
        "text/csv",
        server::hardening::MAX_BODY_BYTES + 1,
        b"code,name",
    )
    .await
}

/// Each budget on its own, per client address: spent, the next request is answered 429 with
/// `Retry-After`; behind a trusted proxy the address comes from `X-Forwarded-For`.
#[tokio::test]
async fn budgets_are_per_kind_and_per_address() {
    let limits = server::rate_limit::RateLimits {
        sign_ins_per_minute: 3,
        submissions_per_second: 2,
        api_per_second: 5,
        trust_proxy: true,
    };
    let Some(app) = TestApp::spawn_limited(store::Engine::Sqlite, limits).await else {
        return;
    };
    let post = |path: &str, from: &str| {
        app.client
            .post(app.url(path))
            .header("origin", app.url(""))
            .header("x-forwarded-for", format!("203.0.113.9, {from}"))
            .form(&[("username", "siapa"), ("password", "salah-sekali")])
            .send()
    };
    for _ in 0..3 {
        let response = post("/api/auth/login", "198.51.100.1").await.unwrap();
        assert_ne!(response.status(), 429);
    }
    let refused = post("/api/auth/login", "198.51.100.1").await.unwrap();
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Another client (the address the proxy appended) has its own budget; the client's own
    // claim before it is ignored.
    assert_ne!(
        post("/api/auth/login", "198.51.100.2")
            .await
            .unwrap()
            .status(),
        429
    );

    for _ in 0..2 {
        let response = post("/s/ABCD2345EFGH", "198.51.100.3").await.unwrap();
        assert_ne!(response.status(), 429);
    }
    assert_eq!(
        post("/s/ABCD2345EFGH", "198.51.100.3")
            .await
            .unwrap()
            .status(),
        429
    );

    for _ in 0..5 {
        let response = post("/api/status", "198.51.100.4").await.unwrap();
        assert_ne!(response.status(), 429);
    }
    assert_eq!(
        post("/api/status", "198.51.100.4").await.unwrap().status(),
        429
    );
    // Pages are not limited.
    assert_eq!(app.get("/login").await.status(), 200);
    app.stop().await;
}
