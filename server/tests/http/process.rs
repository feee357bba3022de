//! The `siap` binary as an operator runs it.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

const SIAP: &str = env!("CARGO_BIN_EXE_siap");

#[test]
fn help_documents_the_configuration() {
    let out = Command::new(SIAP).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--database-url",
        "DATABASE_URL",
        "--bind",
        "--log-level",
        "--log-format",
        "--db-pool-size",
        "migrate",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}:\n{help}");
    }
}

#[test]
fn invalid_configuration_fails_at_start_with_a_clear_message() {
    let out = Command::new(SIAP)
        .env("DATABASE_URL", "mysql://root@localhost/siap")
        .env("SIAP_DB_POOL_SIZE", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    assert!(stderr.contains("SIAP_DB_POOL_SIZE"), "{stderr}");
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(SIAP)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/siap.db", dir.path().display()),
        )
        .env("SIAP_BIND", "127.0.0.1:0")
        .env("SIAP_LOG_FORMAT", "json")
        .env("SIAP_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the "listening" log line: the server is up and the database migrated.
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut listening = false;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.contains("listening on http://") {
            let json: serde_json::Value = serde_json::from_str(&line).expect("JSON logs");
            assert!(json["addr"].as_str().unwrap().starts_with("127.0.0.1:"));
            listening = true;
            break;
        }
        assert!(Instant::now() < deadline, "no listening line");
    }
    assert!(listening, "the server never said it was listening");
    assert!(
        dir.path().join("siap.db").exists(),
        "the SQLite file is created"
    );

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit status {exit:?}; log: {rest:?}");
    assert!(rest.iter().any(|l| l.contains("\"stopped\"")), "{rest:?}");
}

/// Issue #16, 7: `create-api-token` printed its log line on standard output, so a script's
/// `TOKEN="$(siap create-api-token …)"` captured the log with the secret. Standard output is
/// now the secret alone.
#[test]
fn create_api_token_prints_only_the_secret() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/siap.db", dir.path().display());
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut child = Command::new(SIAP)
            .args(args)
            .env("DATABASE_URL", &url)
            .env("SIAP_LOG", "info")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        child.wait_with_output().unwrap()
    };
    assert!(run(&["migrate"], None).status.success());
    let created = run(
        &[
            "create-admin",
            "--username",
            "ops",
            "--display-name",
            "Operator",
            "--password-stdin",
        ],
        Some("kata-sandi-operator-2026\n"),
    );
    assert!(created.status.success(), "{created:?}");
    let out = run(
        &["create-api-token", "--username", "ops", "--name", "sync"],
        None,
    );
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "stdout: {stdout:?}");
    assert!(
        !lines[0].contains(' ') && lines[0].len() >= 20,
        "not a bare secret: {stdout:?}"
    );
}
