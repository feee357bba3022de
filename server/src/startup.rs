//! Building the application (database, router, listener) and running it until shutdown.

use std::{future::Future, net::SocketAddr, time::Duration};

use app::{indicators::IndicatorCache, shell, survey::ssr::InstrumentCache, App};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use store::Store;
use tokio::net::TcpListener;
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};
use tower_sessions::{
    cookie::{time, SameSite},
    Expiry, SessionManagerLayer,
};

use crate::{
    api, audit_export,
    config::ServeConfig,
    csrf, dashboard_export, hardening, health, invitations,
    rate_limit::{self, Limiters},
    stalled_render, survey, ServerError,
};

/// A built application: connected, migrated and bound, not yet serving. Binding before
/// serving lets tests ask for port 0 and read the port they got.
pub struct Application {
    listener: TcpListener,
    router: Router,
    store: Store,
    limiters: Limiters,
    shutdown_grace: Duration,
    token_retention: Duration,
}

impl Application {
    pub async fn build(config: &ServeConfig) -> Result<Self, ServerError> {
        let store = Store::connect(&config.database_url, &config.pool).await?;
        store.migrate().await?;
        tracing::info!(engine = %store.engine(), database = %config.database_url, "database ready");
        // The built-in survey is always there to run a wave with; saving it is idempotent,
        // and a changed default gets a new version rather than editing the stored one.
        // A default whose content changed without a new version is refused (Conflict): the
        // server still starts, with the versions already stored.
        if let Err(e) = store
            .save_instrument(
                &domain::instrument::default_instrument(),
                &store::Actor::system("siap"),
            )
            .await
        {
            if e.is_unavailable() {
                return Err(e.into());
            }
            tracing::error!(error = %e, "the built-in survey was not saved");
        }
        if config.demo {
            crate::demo::seed(&store).await?;
        }

        let leptos_options = leptos_options(config)?;
        let limiters = Limiters::new(config.rate_limits);
        let router = router(
            store.clone(),
            leptos_options,
            config.secure_cookies,
            config.session_lifetime,
        )
        .layer(axum::middleware::from_fn_with_state(
            limiters.clone(),
            rate_limit::limit,
        ));
        let listener =
            TcpListener::bind(config.bind)
                .await
                .map_err(|source| ServerError::Bind {
                    addr: config.bind,
                    source,
                })?;
        Ok(Self {
            listener,
            router,
            store,
            limiters,
            shutdown_grace: config.shutdown_grace,
            token_retention: config.token_retention,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound TCP listener has an address")
    }

    /// Serves until `shutdown` resolves, then lets in-flight requests finish (bounded by
    /// the grace period) and closes the database pool.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        tracing::info!(addr = %self.local_addr(), "listening on http://{}", self.local_addr());
        let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
        // The peer's address reaches the rate limits through `ConnectInfo`.
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let serve = axum::serve(self.listener, service).with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stopping_tx.send(());
        });
        let sweeper = tokio::spawn(delete_expired_sessions(self.store.clone()));
        let purger = tokio::spawn(purge_invitation_tokens(
            self.store.clone(),
            self.token_retention,
        ));
        let limiters = self.limiters.clone();
        let forgetting = tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            loop {
                every.tick().await;
                limiters.forget_idle();
            }
        });
        let grace = self.shutdown_grace;
        let outcome = tokio::select! {
            result = serve => result.map_err(ServerError::Serve),
            () = async move {
                if stopping_rx.await.is_ok() {
                    tokio::time::sleep(grace).await;
                } else {
                    std::future::pending::<()>().await;
                }
            } => {
                tracing::warn!(?grace, "in-flight requests outlived the grace period");
                Ok(())
            }
        };
        sweeper.abort();
        purger.abort();
        forgetting.abort();
        // A connection still held by a request that outlived the grace period would keep
        // `close` waiting for ever: the process must stop all the same.
        if tokio::time::timeout(grace, self.store.close())
            .await
            .is_err()
        {
            tracing::warn!(?grace, "database connections still in use at exit");
        }
        tracing::info!("stopped");
        outcome
    }
}

fn leptos_options(config: &ServeConfig) -> Result<LeptosOptions, ServerError> {
    let mut options = get_configuration(None)
        .map_err(|e| ServerError::Config(format!("Leptos settings: {e}")))?
        .leptos_options;
    // cargo-leptos bakes the output name in at build time; a plain `cargo build` does not.
    if options.output_name.is_empty() {
        options.output_name = "siap".into();
    }
    options.site_root = config.site_root.to_string_lossy().as_ref().into();
    options.site_addr = config.bind;
    Ok(options)
}

/// Invitation tokens of waves closed longer ago than `retention` are deleted every hour
/// (several instances may all do it: a purged wave is skipped).
async fn purge_invitation_tokens(store: Store, retention: Duration) {
    let actor = store::Actor::system("retensi");
    let mut every = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every.tick().await;
        let Ok(retention) = chrono::Duration::from_std(retention) else {
            return;
        };
        match store
            .purge_invitation_tokens(chrono::Utc::now() - retention, &actor)
            .await
        {
            Ok(0) => {}
            Ok(tokens) => tracing::info!(tokens, "invitation tokens purged"),
            Err(e) => tracing::warn!(error = %e, "purging invitation tokens"),
        }
    }
}

/// Expired sessions are removed every ten minutes (several instances may all do it).
async fn delete_expired_sessions(store: Store) {
    use tower_sessions::ExpiredDeletion;
    let backend = store.session_backend();
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        if let Err(e) = backend.delete_expired().await {
            tracing::warn!(error = %e, "deleting expired sessions");
        }
    }
}

/// Requests slower than this are logged as warnings.
const SLOW_REQUEST: Duration = Duration::from_secs(5);

/// The whole HTTP surface: probes, server functions and pages, static files.
pub fn router(
    store: Store,
    leptos_options: LeptosOptions,
    secure_cookies: bool,
    session_lifetime: Duration,
) -> Router {
    // Sessions live in the database, so any instance serves any signed-in user. SameSite=Lax
    // plus the Origin check below keep other sites from acting with a user's session.
    let sessions = SessionManagerLayer::new(store.session_backend())
        .with_name("siap_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)));
    let routes = generate_route_list(App);
    let context_store = store.clone();
    let instruments = InstrumentCache::default();
    let context_instruments = instruments.clone();
    let indicators = IndicatorCache::default();
    let export_indicators = indicators.clone();
    let api_instruments = instruments.clone();
    let api_indicators = indicators.clone();
    // The same context for pages and for the not-found fallback (whose navigation bar asks
    // who is signed in).
    let lifetime = chrono::Duration::from_std(session_lifetime)
        .map(app::auth::ssr::SessionLifetime)
        .unwrap_or_default();
    let context = move || {
        provide_context(lifetime);
        provide_context(context_store.clone());
        provide_context(context_instruments.clone());
        provide_context(indicators.clone());
    };
    let router = Router::new()
        .leptos_routes_with_context(&leptos_options, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .with_state(leptos_options.clone())
        .layer(axum::middleware::from_fn(
            stalled_render::render_again_when_stalled,
        ))
        .merge(survey::routes(store.clone(), instruments, leptos_options))
        .merge(invitations::routes(store.clone()))
        .merge(dashboard_export::routes(store.clone(), export_indicators))
        .merge(audit_export::routes(store.clone()))
        .merge(health::routes(store.clone()))
        .layer(axum::middleware::from_fn_with_state(
            secure_cookies,
            csrf::same_origin_writes,
        ))
        .layer(sessions)
        // The API authenticates bearer tokens, never session cookies, so it needs neither the
        // session layer nor the Origin check (a bearer token is not sent by other sites).
        .merge(api::routes(store.clone(), api_instruments, api_indicators))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<_>| {
                    let request_id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %loggable_path(request.uri().path()),
                        request_id,
                    )
                })
                .on_response(
                    |response: &axum::http::Response<_>,
                     latency: Duration,
                     _span: &tracing::Span| {
                        // Slow answers are what a burst or a database hiccup looks like first.
                        if latency >= SLOW_REQUEST {
                            tracing::warn!(
                                status = response.status().as_u16(),
                                ?latency,
                                "slow request"
                            );
                        } else {
                            tracing::debug!(
                                status = response.status().as_u16(),
                                ?latency,
                                "answered"
                            );
                        }
                    },
                ),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    // Outermost, so that the refusals of the hardening layers reach API clients as problems.
    hardening::harden(router, secure_cookies)
        .layer(axum::middleware::from_fn(api::outer_errors_as_problems))
}

/// The request path as logged: a respondent's token never reaches the log, so the log cannot
/// tell when a given invitation was used.
pub(crate) fn loggable_path(path: &str) -> &str {
    if path.starts_with("/s/") {
        "/s/{token}"
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_not_logged() {
        assert_eq!(super::loggable_path("/s/abcd2345efgh"), "/s/{token}");
        assert_eq!(
            super::loggable_path("/s/abcd2345efgh/selesai"),
            "/s/{token}"
        );
        assert_eq!(super::loggable_path("/units/DKI"), "/units/DKI");
    }
}
