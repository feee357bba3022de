//! Waiting for the signal to stop.

use std::future::Future;

/// Registers for SIGINT (Ctrl-C) and SIGTERM (what service managers send) at once, and
/// returns a future that resolves on either. Registering before the server says it is
/// listening means an early SIGTERM still stops it gracefully instead of killing it.
pub fn signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    let streams = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    };
    async move {
        #[cfg(unix)]
        match streams {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => {},
                    _ = terminate.recv() => {},
                }
            }
            (Err(e), _) | (_, Err(e)) => {
                tracing::error!(error = %e, "cannot listen for shutdown signals");
                std::future::pending::<()>().await;
            }
        }
        #[cfg(not(unix))]
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
        tracing::info!("shutdown signal received; finishing in-flight requests");
    }
}
