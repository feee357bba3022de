//! `siap backup --to FILE`: a backup taken while the server runs. SQLite: `VACUUM INTO`, a
//! consistent compacted copy. PostgreSQL: `pg_dump --format=custom` (its own tool knows its
//! own format best; restore with `pg_restore`).

use std::{path::Path, process::Command};

use store::{Engine, Store};

use crate::{ServeConfig, ServerError};

pub async fn backup(config: &ServeConfig, to: &Path) -> Result<(), ServerError> {
    if to.exists() {
        return Err(ServerError::Config(format!(
            "{} exists already; a backup never overwrites a file",
            to.display()
        )));
    }
    match config.database_url.engine() {
        Engine::Sqlite => {
            let store = Store::connect(&config.database_url, &config.pool).await?;
            store.backup_sqlite(to).await?;
            store.close().await;
        }
        Engine::Postgres => {
            let status = Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg("--file")
                .arg(to)
                .arg(libpq_url(config.database_url.as_str()))
                .status()
                .map_err(|e| ServerError::Config(format!("running pg_dump: {e}")))?;
            if !status.success() {
                return Err(ServerError::Config(format!("pg_dump failed: {status}")));
            }
        }
    }
    tracing::info!(file = %to.display(), "backup written");
    Ok(())
}

/// The URL as `pg_dump` (libpq) takes it: query parameters only sqlx knows (such as
/// `statement-cache-capacity`) are dropped, the connection ones libpq knows are kept.
fn libpq_url(url: &str) -> String {
    const LIBPQ: [&str; 8] = [
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "application_name",
        "connect_timeout",
        "options",
        "host",
    ];
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| LIBPQ.contains(&pair.split('=').next().unwrap_or_default()))
        .collect();
    if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_libpq_parameters_are_kept() {
        assert_eq!(
            super::libpq_url("postgres://u@h/db?statement-cache-capacity=100&sslmode=require"),
            "postgres://u@h/db?sslmode=require"
        );
        assert_eq!(
            super::libpq_url("postgres://u@h/db?statement-cache-capacity=100"),
            "postgres://u@h/db"
        );
        assert_eq!(super::libpq_url("postgres://u@h/db"), "postgres://u@h/db");
    }
}
