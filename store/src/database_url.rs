use std::{fmt, path::PathBuf, str::FromStr};

use crate::StoreError;

/// The two database engines Siap runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        })
    }
}

/// A database URL parsed at the edge: `sqlite://path/to/file.db` or `postgres://...`.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path (relative to the working directory, or absolute), or `:memory:`.
    Sqlite {
        url: String,
        path: PathBuf,
    },
    Postgres {
        url: String,
    },
}

impl DatabaseUrl {
    pub fn engine(&self) -> Engine {
        match self {
            DatabaseUrl::Sqlite { .. } => Engine::Sqlite,
            DatabaseUrl::Postgres { .. } => Engine::Postgres,
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            DatabaseUrl::Sqlite { url, .. } | DatabaseUrl::Postgres { url } => url,
        }
    }
}

impl FromStr for DatabaseUrl {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("sqlite:") {
            // Accept sqlite://file, sqlite:file and sqlite:///abs/file; drop query options.
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            let path = rest.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(StoreError::InvalidUrl(format!(
                    "`{s}` names no SQLite file; use e.g. sqlite://data/siap.db"
                )));
            }
            return Ok(DatabaseUrl::Sqlite {
                url: s.to_owned(),
                path: PathBuf::from(path),
            });
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres { url: s.to_owned() });
        }
        Err(StoreError::InvalidUrl(format!(
            "`{}` is not a database URL Siap understands; use sqlite://<file> or postgres://<user>@<host>/<db>",
            redact(s)
        )))
    }
}

/// Never echo a password back into logs or error messages.
fn redact(s: &str) -> String {
    match (s.find("://"), s.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://***{}", &s[..scheme_end], &s[at..])
        }
        _ => s.to_owned(),
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(self.as_str()))
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(self.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sqlite_forms() {
        for (input, path) in [
            ("sqlite://data/siap.db", "data/siap.db"),
            ("sqlite:data/siap.db", "data/siap.db"),
            ("sqlite:///var/lib/siap.db?mode=rwc", "/var/lib/siap.db"),
        ] {
            match input.parse::<DatabaseUrl>() {
                Ok(DatabaseUrl::Sqlite { path: p, .. }) => assert_eq!(p, PathBuf::from(path)),
                other => panic!("{input}: {other:?}"),
            }
        }
    }

    #[test]
    fn parses_postgres_and_rejects_others() {
        let url: DatabaseUrl = "postgres://siap@127.0.0.1/siap".parse().expect("valid");
        assert_eq!(url.engine(), Engine::Postgres);
        assert!("mysql://x".parse::<DatabaseUrl>().is_err());
        assert!("sqlite://".parse::<DatabaseUrl>().is_err());
        assert!("".parse::<DatabaseUrl>().is_err());
    }

    #[test]
    fn never_shows_a_password() {
        let url: DatabaseUrl = "postgres://siap:hunter2@db/siap".parse().expect("valid");
        assert!(!format!("{url} {url:?}").contains("hunter2"));
        let err = "mysql://u:hunter2@db/x"
            .parse::<DatabaseUrl>()
            .expect_err("invalid");
        assert!(!err.to_string().contains("hunter2"));
    }
}
