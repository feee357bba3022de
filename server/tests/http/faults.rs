//! Faults with the real binary: `kill -9` during a burst of survey submissions, then a
//! restart on the same database. Every submission that was acknowledged (the redirect to the
//! thank-you page) must be stored and its token spent, on SQLite and on PostgreSQL; nothing
//! is stored twice.

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use store::testing::TestDatabase;

use crate::{
    binary::start,
    survey::{form, open_wave_in},
};

const TOKENS: u32 = 400;

#[tokio::test]
async fn sqlite_acknowledged_submissions_survive_kill_9() {
    let db = TestDatabase::sqlite();
    acknowledged_submissions_survive_kill_9(&db).await;
}

#[tokio::test]
async fn postgres_acknowledged_submissions_survive_kill_9() {
    if let Some(db) = TestDatabase::postgres().await {
        acknowledged_submissions_survive_kill_9(&db).await;
    }
}

async fn acknowledged_submissions_survive_kill_9(db: &TestDatabase) {
    let url = db.url().as_str().to_owned();
    // The server migrates the database at start; the wave is set up after.
    let (mut server, addr) = start(&url);
    let fixture = open_wave_in(db.url(), TOKENS).await;
    let answers = Arc::new(form(&fixture.instrument, 4, &[]));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sent = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for chunk in fixture.tokens.chunks(TOKENS as usize / 16) {
        let chunk: Vec<String> = chunk.iter().map(|t| t.as_str().to_owned()).collect();
        let (client, answers, acknowledged, sent, addr) = (
            client.clone(),
            answers.clone(),
            acknowledged.clone(),
            sent.clone(),
            addr.clone(),
        );
        tasks.push(tokio::spawn(async move {
            for token in chunk {
                sent.fetch_add(1, Ordering::SeqCst);
                let response = client
                    .post(format!("http://{addr}/s/{token}"))
                    .header("origin", format!("http://{addr}"))
                    .form(answers.as_slice())
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status().is_redirection() => {
                        let location = r.headers()["location"].to_str().unwrap().to_owned();
                        if location.contains("/selesai") {
                            acknowledged.lock().unwrap().push(token);
                        }
                    }
                    // The server is gone: this submission was never acknowledged.
                    _ => break,
                }
            }
        }));
    }
    // Kill the server in the middle of the burst.
    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().unwrap().len() < TOKENS as usize / 4 {
        assert!(Instant::now() < deadline, "the burst did not get going");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    for task in tasks {
        task.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() < sent.load(Ordering::SeqCst),
        "some submissions were in flight when the server died"
    );

    // Restarted on the same database: every acknowledged answer is there, and its token is
    // spent; nothing was stored twice (responses never exceed spent tokens).
    let (mut again, addr) = start(&url);
    let stored = crate::survey::responses(&fixture).await as usize;
    assert!(
        stored >= acknowledged.len(),
        "{stored} stored, {} acknowledged",
        acknowledged.len()
    );
    assert!(stored <= sent.load(Ordering::SeqCst));
    println!(
        "kill -9: {} sent, {} acknowledged, {stored} stored",
        sent.load(Ordering::SeqCst),
        acknowledged.len()
    );
    for token in &acknowledged {
        let response = client
            .post(format!("http://{addr}/s/{token}"))
            .header("origin", format!("http://{addr}"))
            .form(answers.as_slice())
            .send()
            .await
            .unwrap();
        let location = response.headers()["location"].to_str().unwrap();
        assert!(
            !location.contains("/selesai"),
            "an acknowledged token was accepted again: {token}"
        );
    }
    assert_eq!(crate::survey::responses(&fixture).await as usize, stored);
    // As many tokens spent as responses stored: a response never without its token's mark,
    // and the acknowledged ones among them.
    let mut spent = 0;
    for token in &fixture.tokens {
        let invitation = fixture.store.invitation(token).await.unwrap().unwrap();
        if invitation.used {
            spent += 1;
        } else {
            assert!(!acknowledged.contains(&token.as_str().to_owned()));
        }
    }
    assert_eq!(spent, stored);
    again.kill().unwrap();
    again.wait().unwrap();
}
