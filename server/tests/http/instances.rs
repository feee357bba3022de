//! Two `siap` processes on one PostgreSQL, started at the same moment (their migrations race
//! on an empty database), each on its own port: a session made on one is valid on the other,
//! submissions spread over both are all stored exactly once, and both report the same
//! indicators.

use std::time::Duration;

use store::testing::TestDatabase;

use crate::{
    binary::start,
    survey::{form, open_wave_in, responses},
};

#[tokio::test]
async fn two_processes_share_one_postgres() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let url = db.url().as_str().to_owned();
    // Both at once on the empty database.
    let (first, second) = {
        let (a, b) = (url.clone(), url.clone());
        let one = std::thread::spawn(move || start(&a));
        let two = std::thread::spawn(move || start(&b));
        (one.join().unwrap(), two.join().unwrap())
    };
    let (mut first, a) = first;
    let (mut second, b) = second;

    // A session made on the first is valid on the second (the cookie jar sends it to both
    // ports of the same host, as a browser behind a load balancer would).
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let post = |addr: &str, endpoint: &str, form: &[(&str, &str)]| {
        client
            .post(format!("http://{addr}/api/{endpoint}"))
            .header("origin", format!("http://{addr}"))
            .form(form)
            .send()
    };
    let setup = post(
        &a,
        "auth/setup",
        &[
            ("username", "admin"),
            ("display_name", "Admin Siap"),
            ("password", "rahasia-sekali-123"),
        ],
    )
    .await
    .unwrap();
    assert!(setup.status().is_success(), "{}", setup.status());
    let login = post(
        &a,
        "auth/login",
        &[("username", "admin"), ("password", "rahasia-sekali-123")],
    )
    .await
    .unwrap();
    assert!(login.status().is_success(), "{}", login.status());
    let me: serde_json::Value = post(&b, "auth/me", &[])
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "admin", "{me}");

    // Submissions alternate between the two.
    let fixture = open_wave_in(db.url(), 40).await;
    let answers = form(&fixture.instrument, 4, &[]);
    for (i, token) in fixture.tokens.iter().enumerate() {
        let addr = if i % 2 == 0 { &a } else { &b };
        let response = client
            .post(format!("http://{addr}/s/{}", token.as_str()))
            .header("origin", format!("http://{addr}"))
            .form(&answers)
            .send()
            .await
            .unwrap();
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.ends_with("/selesai"), "{location}");
    }
    assert_eq!(responses(&fixture).await, 40);
    // The same indicators from either.
    let wave = fixture.wave.to_string();
    let form = [
        ("wave_id", wave.as_str()),
        ("unit", ""),
        ("depth", ""),
        ("dimension", ""),
    ];
    let from_a: serde_json::Value = post(&a, "indicators/wave", &form)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let from_b: serde_json::Value = post(&b, "indicators/wave", &form)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(from_a, from_b);
    assert!(from_a.to_string().contains("T.KEL"), "{from_a}");
    first.kill().unwrap();
    first.wait().unwrap();
    second.kill().unwrap();
    second.wait().unwrap();
}
