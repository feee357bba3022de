use serde_json::Value;

use crate::{on_both_engines, support::TestApp};

on_both_engines!(
    liveness_probe_answers,
    readiness_probe_names_the_engine,
    requests_get_a_request_id,
    shutdown_is_graceful_and_closes_the_database
);

async fn liveness_probe_answers(app: TestApp) {
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    app.stop().await;
}

async fn readiness_probe_names_the_engine(app: TestApp) {
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(body["database"], app.db.engine().to_string());
    app.stop().await;
}

async fn requests_get_a_request_id(app: TestApp) {
    let response = app.get("/healthz").await;
    let id = response
        .headers()
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let response = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "trace-me-42");
    app.stop().await;
}

async fn shutdown_is_graceful_and_closes_the_database(app: TestApp) {
    let url = app.url("/healthz");
    let client = app.client.clone();
    assert_eq!(client.get(&url).send().await.unwrap().status(), 200);
    app.stop().await;
    assert!(
        client.get(&url).send().await.is_err(),
        "a stopped server refuses connections"
    );
}
