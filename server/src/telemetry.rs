//! Structured logging with `tracing`.

use tracing_subscriber::{fmt, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter};

use crate::config::LogFormat;

/// Where log lines go: the server logs on standard output; a command whose standard output
/// is its answer (`create-api-token` prints the secret for a script to capture) logs on
/// standard error, so that `TOKEN="$(siap create-api-token …)"` holds the secret alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogTo {
    Stdout,
    Stderr,
}

/// Installs the global subscriber. The filter was validated with the configuration.
pub fn init(filter: &str, format: LogFormat, to: LogTo) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    let writer = move || -> Box<dyn std::io::Write> {
        match to {
            LogTo::Stdout => Box::new(std::io::stdout()),
            LogTo::Stderr => Box::new(std::io::stderr()),
        }
    };
    // try_init: tests start several servers in one process.
    let _ = match format {
        LogFormat::Pretty => registry
            .with(fmt::layer().with_target(false).with_writer(writer))
            .try_init(),
        LogFormat::Json => registry
            .with(fmt::layer().json().flatten_event(true).with_writer(writer))
            .try_init(),
    };
}
