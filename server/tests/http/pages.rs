use crate::{on_both_engines, support::TestApp};

on_both_engines!(
    home_page_is_rendered_on_the_server_in_indonesian,
    unknown_page_is_a_404_in_indonesian,
    static_assets_are_served
);

async fn home_page_is_rendered_on_the_server_in_indonesian(app: TestApp) {
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="id""#), "{html}");
    assert!(html.contains("Mengukur dan menindaklanjuti kesiapan ASN"));
    // The status comes from the database through the server function, streamed in.
    assert!(html.contains(r#"data-testid="units">0<"#), "{html}");
    assert!(
        html.contains(&format!(r#"data-testid="engine">{}<"#, app.db.engine())),
        "{html}"
    );
    // The page loads the WebAssembly that hydrates it.
    assert!(html.contains("/pkg/siap.js"), "{html}");
    app.stop().await;
}

async fn unknown_page_is_a_404_in_indonesian(app: TestApp) {
    let response = app.get("/tidak-ada").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("Halaman tidak ditemukan"), "{html}");
    app.stop().await;
}

async fn static_assets_are_served(app: TestApp) {
    // The test server points at target/site, which exists only after a cargo-leptos build;
    // the fallback must answer either way without a server error.
    let response = app.get("/favicon.ico").await;
    assert!(
        response.status() == 200 || response.status() == 404,
        "{}",
        response.status()
    );
    app.stop().await;
}
