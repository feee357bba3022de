//! The `siap` binary started as an operator starts it, for tests that kill or multiply it.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const SIAP: &str = env!("CARGO_BIN_EXE_siap");

/// A `siap serve` on the database, and the address it listens on.
pub fn start(url: &str) -> (Child, String) {
    let mut child = Command::new(SIAP)
        .env("DATABASE_URL", url)
        .env("SIAP_BIND", "127.0.0.1:0")
        .env("SIAP_LOG_FORMAT", "json")
        .env("SIAP_LOG", "info")
        // One client address plays a whole office answering at once.
        .env("SIAP_RATE_SUBMISSIONS", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let addr = child.stdout.take().and_then(listening_address);
    match addr {
        Some(addr) => (child, addr),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server stopped before listening");
        }
    }
}

/// The address of the "listening" log line; the rest of the log is read away in the
/// background so that the server never blocks on a full pipe.
fn listening_address(stdout: std::process::ChildStdout) -> Option<String> {
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let line = lines.next()?.ok()?;
        if line.contains("listening on http://") {
            let json: serde_json::Value = serde_json::from_str(&line).ok()?;
            let addr = json["addr"].as_str()?.to_owned();
            std::thread::spawn(move || for _ in lines.by_ref() {});
            return Some(addr);
        }
    }
    None
}
