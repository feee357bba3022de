//! Command line and environment configuration, parsed and checked once at start-up.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use clap::{Parser, Subcommand, ValueEnum};
use store::{DatabaseUrl, PoolOptions};

/// Siap: readiness for change of Indonesian civil servants, measured and acted on.
#[derive(Debug, Parser)]
#[command(name = "siap", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default when no command is given).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create an administrator account (the first one, or another). The password is asked
    /// on the terminal, or read from standard input with --password-stdin.
    CreateAdmin {
        /// Login name: letters, digits, `.`, `-`, `_`.
        #[arg(long)]
        username: String,
        /// The name shown in the interface and the audit log.
        #[arg(long)]
        display_name: String,
        /// Read the password from the first line of standard input (for scripts).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Write a backup of the database to a new file while the server keeps running: a
    /// consistent copy of the SQLite file (`VACUUM INTO`), or for PostgreSQL a `pg_dump`
    /// archive in its custom format (`pg_dump` must be installed). See the README for restore.
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Create a personal API token for an existing user and print its secret (once) on
    /// standard output: for provisioning integrations by script. Users create their own
    /// tokens on the page /akun/token.
    CreateApiToken {
        /// The user the token acts as (with their role and units).
        #[arg(long)]
        username: String,
        /// What the token is for, e.g. `hr-sync`.
        #[arg(long)]
        name: String,
    },
    /// Compute indicators from files, without a database: an instrument (TOML), the units
    /// and the responses (CSV). Writes the indicators endpoint's JSON, or a CSV; exits with 2
    /// and every problem listed when an input file is unusable.
    Indicators(crate::indicators_cli::IndicatorsArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object a line, for log collectors.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Database URL: sqlite://<file> (embedded; the file and its folder are created) or
    /// postgres://<user>[:<password>]@<host>[:<port>]/<database>.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/siap.db",
        global = true
    )]
    pub database_url: String,

    /// Address and port to listen on. Defaults to LEPTOS_SITE_ADDR, else 127.0.0.1:3000.
    #[arg(long, env = "SIAP_BIND", global = true)]
    pub bind: Option<SocketAddr>,

    /// Log filter: a level (error, warn, info, debug, trace) or a tracing directive list
    /// such as `info,sqlx=warn`.
    #[arg(
        long,
        env = "SIAP_LOG",
        default_value = "info,sqlx=warn",
        global = true
    )]
    pub log_level: String,

    /// Log format.
    #[arg(
        long,
        env = "SIAP_LOG_FORMAT",
        value_enum,
        default_value = "pretty",
        global = true
    )]
    pub log_format: LogFormat,

    /// Largest number of open database connections.
    #[arg(long, env = "SIAP_DB_POOL_SIZE", default_value_t = 10, global = true)]
    pub db_pool_size: u32,

    /// Seconds to wait for a free database connection before answering 503.
    #[arg(
        long,
        env = "SIAP_DB_ACQUIRE_TIMEOUT",
        default_value_t = 5,
        global = true
    )]
    pub db_acquire_timeout: u64,

    /// Seconds given to in-flight requests to finish after SIGTERM/SIGINT.
    #[arg(long, env = "SIAP_SHUTDOWN_GRACE", default_value_t = 30, global = true)]
    pub shutdown_grace: u64,

    /// Demo mode: on an empty database, create the Jakarta-like demo organisation (389 units)
    /// so the platform can be tried at once. Never use it for real data.
    #[arg(long, env = "SIAP_DEMO", default_value_t = false, global = true)]
    pub demo: bool,

    /// Mark the session cookie Secure (send it over HTTPS only). Turn on whenever Siap is
    /// served over TLS, directly or behind a proxy.
    #[arg(
        long,
        env = "SIAP_SECURE_COOKIES",
        default_value_t = false,
        global = true
    )]
    pub secure_cookies: bool,

    /// Days after a wave's closing time its invitation tokens are deleted (0: at closing).
    #[arg(
        long,
        env = "SIAP_TOKEN_RETENTION_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub token_retention_days: u32,

    /// Hours a sign-in lasts at most, however active the session (1 to 720).
    #[arg(
        long,
        env = "SIAP_SESSION_MAX_HOURS",
        default_value_t = 12,
        global = true
    )]
    pub session_max_hours: u32,

    /// Sign-in attempts per minute from one address (0: no limit).
    #[arg(long, env = "SIAP_RATE_SIGN_INS", default_value_t = 30, global = true)]
    pub rate_sign_ins: u32,

    /// Survey submissions per second from one address (0: no limit).
    #[arg(
        long,
        env = "SIAP_RATE_SUBMISSIONS",
        default_value_t = 50,
        global = true
    )]
    pub rate_submissions: u32,

    /// Server-function calls per second from one address (0: no limit).
    #[arg(long, env = "SIAP_RATE_API", default_value_t = 100, global = true)]
    pub rate_api: u32,

    /// Behind a reverse proxy: take the client's address from the last X-Forwarded-For
    /// entry. Never turn on when clients reach Siap directly (they could claim any address).
    #[arg(long, env = "SIAP_TRUST_PROXY", default_value_t = false, global = true)]
    pub trust_proxy: bool,

    /// Folder holding the compiled site (WASM, JS, CSS, assets) built by cargo-leptos.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,
}

/// Everything the server needs, validated.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub database_url: DatabaseUrl,
    pub bind: SocketAddr,
    pub pool: PoolOptions,
    pub shutdown_grace: Duration,
    pub site_root: PathBuf,
    pub secure_cookies: bool,
    pub demo: bool,
    pub rate_limits: crate::rate_limit::RateLimits,
    /// How long after a wave closes its invitation tokens are kept.
    pub token_retention: Duration,
    /// How long a sign-in lasts at most, active or not.
    pub session_lifetime: Duration,
}

impl ServeArgs {
    /// Checks the arguments; every problem is named so the operator can fix it at once.
    pub fn validate(&self, default_bind: SocketAddr) -> Result<ServeConfig, String> {
        let mut problems = Vec::new();
        let database_url = self
            .database_url
            .parse::<DatabaseUrl>()
            .map_err(|e| problems.push(format!("DATABASE_URL: {e}")))
            .ok();
        if !(1..=1000).contains(&self.db_pool_size) {
            problems.push(format!(
                "SIAP_DB_POOL_SIZE must be between 1 and 1000, got {}",
                self.db_pool_size
            ));
        }
        if !(1..=720).contains(&self.session_max_hours) {
            problems.push(format!(
                "SIAP_SESSION_MAX_HOURS must be between 1 and 720, got {}",
                self.session_max_hours
            ));
        }
        if self.db_acquire_timeout == 0 {
            problems.push("SIAP_DB_ACQUIRE_TIMEOUT must be at least 1 second".to_owned());
        }
        if let Err(e) = tracing_subscriber::EnvFilter::try_new(&self.log_level) {
            problems.push(format!("SIAP_LOG `{}`: {e}", self.log_level));
        }
        match database_url {
            Some(database_url) if problems.is_empty() => Ok(ServeConfig {
                database_url,
                bind: self.bind.unwrap_or(default_bind),
                pool: PoolOptions {
                    max_connections: self.db_pool_size,
                    acquire_timeout: Duration::from_secs(self.db_acquire_timeout),
                },
                shutdown_grace: Duration::from_secs(self.shutdown_grace),
                site_root: self.site_root.clone(),
                secure_cookies: self.secure_cookies,
                demo: self.demo,
                token_retention: Duration::from_secs(
                    u64::from(self.token_retention_days) * 24 * 60 * 60,
                ),
                session_lifetime: Duration::from_secs(u64::from(self.session_max_hours) * 60 * 60),
                rate_limits: crate::rate_limit::RateLimits {
                    sign_ins_per_minute: self.rate_sign_ins,
                    submissions_per_second: self.rate_submissions,
                    api_per_second: self.rate_api,
                    trust_proxy: self.trust_proxy,
                },
            }),
            _ => Err(problems.join("; ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<ServeConfig, String> {
        let cli = Cli::try_parse_from(std::iter::once("siap").chain(args.iter().copied()))
            .map_err(|e| e.to_string())?;
        cli.serve.validate("127.0.0.1:3000".parse().expect("addr"))
    }

    #[test]
    fn defaults_to_an_sqlite_file_under_data() {
        // Clear variables a developer's shell may set.
        let config = parse(&["--database-url", "sqlite://data/siap.db"]).expect("valid");
        assert_eq!(config.database_url.engine(), store::Engine::Sqlite);
        assert_eq!(config.bind.port(), 3000);
    }

    #[test]
    fn names_every_problem() {
        let err = parse(&[
            "--database-url",
            "mysql://x",
            "--db-pool-size",
            "0",
            "--log-level",
            "info,=[",
        ])
        .expect_err("invalid");
        assert!(err.contains("DATABASE_URL"), "{err}");
        assert!(err.contains("SIAP_DB_POOL_SIZE"), "{err}");
        assert!(err.contains("SIAP_LOG"), "{err}");
    }

    #[test]
    fn rejects_a_malformed_bind_address() {
        assert!(parse(&["--bind", "nonsense"]).is_err());
    }
}
