//! A page whose rendering stalls is rendered again.
//!
//! Leptos 0.8 renders pages on several threads; under load it can, rarely, leave a page
//! waiting for a `<Suspense>` whose data has in fact arrived (upstream leptos-rs/leptos
//! #4673, #4647, #4578: the fix for #4851 in 0.8.21 made it rarer, not gone). Nothing is
//! wrong with the data: the same request rendered again answers at once. Reading a page
//! changes nothing (every change is a POST to a server function), so a GET whose rendering
//! takes longer than [`RENDER_PATIENCE`] is dropped and started again, a few times, each
//! logged as a warning. The other methods pass through untouched.

use std::time::Duration;

use axum::{
    body::Body,
    extract::Request,
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Far longer than any page takes (the first dashboard of a province: a few seconds), far
/// shorter than the request time limit, so that a retry still fits in it.
pub const RENDER_PATIENCE: Duration = Duration::from_secs(15);

/// Renderings tried before giving up with 503.
const ATTEMPTS: u32 = 3;

/// Middleware for the page routes: see the module documentation.
pub async fn render_again_when_stalled(request: Request, next: Next) -> Response {
    patiently(request, next, RENDER_PATIENCE).await
}

async fn patiently(request: Request, next: Next, patience: Duration) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    // A GET carries no body worth keeping: each attempt gets the same head.
    let (parts, _) = request.into_parts();
    for attempt in 1..=ATTEMPTS {
        let request = Request::from_parts(parts.clone(), Body::empty());
        match tokio::time::timeout(patience, next.clone().run(request)).await {
            Ok(response) => return response,
            Err(_) => tracing::warn!(
                path = %crate::startup::loggable_path(parts.uri.path()),
                attempt,
                "page rendering stalled; rendering it again"
            ),
        }
    }
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "5")],
        "Halaman sedang tidak dapat ditampilkan; coba lagi sebentar lagi. / \
         The page cannot be shown right now; please try again shortly.",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::{
        atomic::{AtomicU32, Ordering},
        Arc,
    };

    use axum::{
        routing::{get, post},
        Router,
    };
    use tower::ServiceExt;

    use super::*;

    const PATIENCE: Duration = Duration::from_millis(50);

    /// A page whose first `stalls` renderings never finish; counts every rendering.
    fn site(stalls: u32) -> (Router, Arc<AtomicU32>) {
        let renders = Arc::new(AtomicU32::new(0));
        let counter = renders.clone();
        let page = move || {
            let counter = counter.clone();
            async move {
                if counter.fetch_add(1, Ordering::SeqCst) < stalls {
                    std::future::pending::<()>().await;
                }
                "halaman"
            }
        };
        let slow_post = || async {
            tokio::time::sleep(PATIENCE * 3).await;
            "disimpan"
        };
        let router = Router::new()
            .route("/halaman", get(page))
            .route("/simpan", post(slow_post))
            .layer(axum::middleware::from_fn(|request, next| {
                patiently(request, next, PATIENCE)
            }));
        (router, renders)
    }

    async fn send(router: Router, method: Method, path: &str) -> StatusCode {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap();
        router.oneshot(request).await.unwrap().status()
    }

    #[tokio::test]
    async fn a_stalled_page_is_rendered_again() {
        let (router, renders) = site(1);
        assert_eq!(send(router, Method::GET, "/halaman").await, StatusCode::OK);
        assert_eq!(renders.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_page_that_keeps_stalling_is_answered_503() {
        let (router, renders) = site(u32::MAX);
        assert_eq!(
            send(router, Method::GET, "/halaman").await,
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(renders.load(Ordering::SeqCst), ATTEMPTS);
    }

    #[tokio::test]
    async fn a_page_that_answers_is_rendered_once() {
        let (router, renders) = site(0);
        assert_eq!(send(router, Method::GET, "/halaman").await, StatusCode::OK);
        assert_eq!(renders.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn writes_are_never_repeated_or_cut_short() {
        let (router, _) = site(0);
        assert_eq!(send(router, Method::POST, "/simpan").await, StatusCode::OK);
    }
}
