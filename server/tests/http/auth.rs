//! Signing in and out over real HTTP, on both engines: setup page, lockout, sessions in the
//! database, CSRF refusal.

use serde_json::Value;

use crate::{on_both_engines, support::TestApp};

on_both_engines!(
    first_admin_is_created_once_then_signs_in_and_out,
    repeated_failures_lock_the_account,
    cross_site_writes_are_refused,
    a_session_works_on_a_second_instance_of_the_same_database,
    concurrent_setups_create_exactly_one_administrator,
    wrong_current_passwords_count_like_sign_ins,
);

pub const ADMIN_PASSWORD: &str = "rahasia-sekali-123";

/// A client with its own cookie jar (one browser).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn call(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/{endpoint}")))
        .form(form)
        .send()
        .await
        .unwrap()
}

pub async fn setup_admin(app: &TestApp) {
    let response = call(
        app,
        &browser(),
        "auth/setup",
        &[
            ("username", "admin"),
            ("display_name", "Admin Siap"),
            ("password", ADMIN_PASSWORD),
        ],
    )
    .await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
}

pub async fn signed_in(app: &TestApp, username: &str, password: &str) -> reqwest::Client {
    let client = browser();
    let response = call(
        app,
        &client,
        "auth/login",
        &[("username", username), ("password", password)],
    )
    .await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "login {username}: {}",
        response.status()
    );
    client
}

async fn me(app: &TestApp, client: &reqwest::Client) -> Value {
    let response = call(app, client, "auth/me", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn first_admin_is_created_once_then_signs_in_and_out(app: TestApp) {
    let client = browser();
    let open: Value = call(&app, &client, "auth/needs-setup", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(open, Value::Bool(true));
    // A weak password is refused with a message, and nothing is created.
    let weak = call(
        &app,
        &client,
        "auth/setup",
        &[
            ("username", "admin"),
            ("display_name", "A"),
            ("password", "pendek"),
        ],
    )
    .await;
    assert_eq!(weak.status(), 422);
    setup_admin(&app).await;
    let again = call(
        &app,
        &client,
        "auth/setup",
        &[
            ("username", "admin2"),
            ("display_name", "B"),
            ("password", ADMIN_PASSWORD),
        ],
    )
    .await;
    assert_eq!(
        again.status(),
        403,
        "the setup page closes once an admin exists"
    );

    assert_eq!(me(&app, &client).await, Value::Null);
    let wrong = call(
        &app,
        &client,
        "auth/login",
        &[("username", "admin"), ("password", "bukan-ini-sandinya")],
    )
    .await;
    assert_eq!(wrong.status(), 401);
    let unknown = call(
        &app,
        &client,
        "auth/login",
        &[("username", "siapa"), ("password", ADMIN_PASSWORD)],
    )
    .await;
    assert_eq!(
        unknown.status(),
        401,
        "unknown users are answered like wrong passwords"
    );

    let client = signed_in(&app, "ADMIN ", ADMIN_PASSWORD).await;
    let user = me(&app, &client).await;
    assert_eq!(user["username"], "admin");
    assert_eq!(user["role"], "admin");

    let out = call(&app, &client, "auth/logout", &[]).await;
    assert!(out.status().is_success() || out.status().is_redirection());
    assert_eq!(me(&app, &client).await, Value::Null);
    app.stop().await;
}

async fn repeated_failures_lock_the_account(app: TestApp) {
    setup_admin(&app).await;
    let client = browser();
    for _ in 0..5 {
        let r = call(
            &app,
            &client,
            "auth/login",
            &[("username", "admin"), ("password", "salah-salah-salah")],
        )
        .await;
        assert_eq!(r.status(), 401);
    }
    let locked = call(
        &app,
        &client,
        "auth/login",
        &[("username", "admin"), ("password", ADMIN_PASSWORD)],
    )
    .await;
    assert_eq!(
        locked.status(),
        401,
        "the right password is refused while locked"
    );
    app.stop().await;
}

async fn cross_site_writes_are_refused(app: TestApp) {
    setup_admin(&app).await;
    let response = browser()
        .post(app.url("/api/auth/login"))
        .header("origin", "https://situs-lain.example")
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let same = browser()
        .post(app.url("/api/auth/login"))
        .header("origin", format!("http://{}", app.addr))
        .form(&[("username", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(
        same.status().is_success() || same.status().is_redirection(),
        "{}",
        same.status()
    );
    app.stop().await;
}

async fn a_session_works_on_a_second_instance_of_the_same_database(app: TestApp) {
    setup_admin(&app).await;
    let cookie = session_cookie(&app).await;
    let second = TestApp::second_instance(&app).await;
    for instance in [&app, &second] {
        let user: Value = reqwest::Client::new()
            .post(instance.url("/api/auth/me"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(user["username"], "admin", "on {}", instance.addr);
    }
    second.stop().await;
    app.stop().await;
}

/// The session cookie (`name=value`) of a fresh login as admin.
async fn session_cookie(app: &TestApp) -> String {
    let response = call(
        app,
        &browser(),
        "auth/login",
        &[("username", "admin"), ("password", ADMIN_PASSWORD)],
    )
    .await;
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    set_cookie.split(';').next().unwrap().to_owned()
}

/// Issue #16, 4: 20 concurrent first-administrator setups on a fresh database created 19
/// administrators. The store claims the setup atomically: one succeeds, the rest are refused.
async fn concurrent_setups_create_exactly_one_administrator(app: TestApp) {
    // A common password is refused first, and claims nothing.
    for weak in ["1234567890", "password12", "          "] {
        let refused = call(
            &app,
            &browser(),
            "auth/setup",
            &[
                ("username", "admin"),
                ("display_name", "Admin Siap"),
                ("password", weak),
            ],
        )
        .await;
        assert!(!refused.status().is_success(), "{weak:?} was accepted");
    }
    let names: Vec<String> = (0..20).map(|i| format!("admin{i}")).collect();
    let clients: Vec<reqwest::Client> = names.iter().map(|_| browser()).collect();
    let app_ref = &app;
    let setups = names.iter().zip(&clients).map(|(name, client)| async move {
        call(
            app_ref,
            client,
            "auth/setup",
            &[
                ("username", name.as_str()),
                ("display_name", "Admin Siap"),
                ("password", ADMIN_PASSWORD),
            ],
        )
        .await
    });
    let statuses: Vec<u16> = futures::future::join_all(setups)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    let created = statuses.iter().filter(|s| (200..400).contains(*s)).count();
    assert_eq!(created, 1, "statuses: {statuses:?}");
    let store = store::Store::connect(app.db.url(), &store::PoolOptions::default())
        .await
        .unwrap();
    assert_eq!(store.count_admins().await.unwrap(), 1);
    // And the setup stays closed afterwards.
    let late = call(
        &app,
        &browser(),
        "auth/setup",
        &[
            ("username", "terlambat"),
            ("display_name", "Terlambat"),
            ("password", ADMIN_PASSWORD),
        ],
    )
    .await;
    assert!(!late.status().is_success(), "{}", late.status());
    assert_eq!(store.count_admins().await.unwrap(), 1);
    store.close().await;
    app.stop().await;
}

/// Issue #16, 5: sessions had no absolute lifetime: a session kept busy lasted for ever.
/// With a lifetime of 3 s, a session used every half second still ends at 3 s.
async fn a_busy_session_still_ends_at_its_lifetime(engine: store::Engine) {
    let Some(app) = TestApp::spawn_configured(engine, |config| server::ServeConfig {
        session_lifetime: std::time::Duration::from_secs(3),
        ..config
    })
    .await
    else {
        return;
    };
    setup_admin(&app).await;
    let client = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let started = std::time::Instant::now();
    assert!(me(&app, &client).await.is_object(), "signed in at first");
    while started.elapsed() < std::time::Duration::from_millis(2_000) {
        assert!(me(&app, &client).await.is_object(), "still signed in");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    assert_eq!(me(&app, &client).await, Value::Null, "signed out after 3 s");
    app.stop().await;
}

mod session_lifetime {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::a_busy_session_still_ends_at_its_lifetime(store::Engine::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::a_busy_session_still_ends_at_its_lifetime(store::Engine::Postgres).await;
    }
}

/// Issue #16, 5: the current-password check of the password change was neither counted nor
/// limited, so a stolen session could guess the password without end. Wrong guesses there now
/// count toward the lock like failed sign-ins.
async fn wrong_current_passwords_count_like_sign_ins(app: TestApp) {
    setup_admin(&app).await;
    let client = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    for _ in 0..5 {
        let r = call(
            &app,
            &client,
            "auth/password",
            &[
                ("current", "tebakan-yang-salah"),
                ("new", "kata-sandi-baru-sekali"),
            ],
        )
        .await;
        assert_eq!(r.status(), 401);
    }
    // Locked: even the right current password is refused now, and so is a new sign-in.
    let right = call(
        &app,
        &client,
        "auth/password",
        &[
            ("current", ADMIN_PASSWORD),
            ("new", "kata-sandi-baru-sekali"),
        ],
    )
    .await;
    assert_eq!(right.status(), 401);
    let login = call(
        &app,
        &browser(),
        "auth/login",
        &[("username", "admin"), ("password", ADMIN_PASSWORD)],
    )
    .await;
    assert_eq!(login.status(), 401);
    app.stop().await;
}
