use std::{net::SocketAddr, sync::Arc, time::Duration};

use server::{Application, ServeConfig};
use store::{testing::TestDatabase, Engine, PoolOptions};
use tokio::{sync::oneshot, task::JoinHandle};

/// A running server and the database it owns.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<Result<(), server::ServerError>>>,
    pub db: Arc<TestDatabase>,
}

pub fn config(db: &TestDatabase) -> ServeConfig {
    ServeConfig {
        database_url: db.url().clone(),
        bind: "127.0.0.1:0".parse().unwrap(),
        pool: PoolOptions::default(),
        shutdown_grace: Duration::from_secs(5),
        site_root: "target/site".into(),
        secure_cookies: false,
        demo: false,
        // One client address plays a whole province: no per-address limits here (the
        // limits have their own test).
        rate_limits: server::rate_limit::RateLimits::off(),
        token_retention: Duration::from_secs(30 * 24 * 60 * 60),
        session_lifetime: Duration::from_secs(12 * 60 * 60),
    }
}

impl TestApp {
    /// `None` when the engine is PostgreSQL and no server is configured (outside CI).
    pub async fn spawn(engine: Engine) -> Option<Self> {
        let db = Arc::new(TestDatabase::new(engine).await?);
        Some(Self::start(db).await)
    }

    /// Another instance on the same database (as behind a load balancer).
    pub async fn second_instance(first: &TestApp) -> Self {
        Self::start(first.db.clone()).await
    }

    /// On a fresh database of `engine`, with these per-address rate limits.
    pub async fn spawn_limited(
        engine: Engine,
        limits: server::rate_limit::RateLimits,
    ) -> Option<Self> {
        let db = Arc::new(TestDatabase::new(engine).await?);
        let config = ServeConfig {
            rate_limits: limits,
            ..config(&db)
        };
        Some(Self::start_with(db, &config).await)
    }

    /// On a fresh database of `engine`, with the configuration changed by `change`.
    pub async fn spawn_configured(
        engine: Engine,
        change: impl FnOnce(ServeConfig) -> ServeConfig,
    ) -> Option<Self> {
        let db = Arc::new(TestDatabase::new(engine).await?);
        let config = change(config(&db));
        Some(Self::start_with(db, &config).await)
    }

    async fn start(db: Arc<TestDatabase>) -> Self {
        let config = config(&db);
        Self::start_with(db, &config).await
    }

    async fn start_with(db: Arc<TestDatabase>, config: &ServeConfig) -> Self {
        let app = Application::build(config).await.unwrap();
        let addr = app.local_addr();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        Self {
            addr,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            stop: Some(stop),
            task: Some(task),
            db,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// Stops the server the way SIGTERM does and waits for it to finish.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

/// The longest any one test may run: a test that hangs fails with this message instead of
/// holding the whole suite (and CI) until its own time limit.
pub const TEST_LIMIT: Duration = Duration::from_secs(300);

pub async fn within_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(TEST_LIMIT, test).await.is_err() {
        panic!("the test did not finish within {TEST_LIMIT:?}");
    }
}

/// Runs each named test body (`async fn(TestApp)`) once per engine, in modules `sqlite` and
/// `postgres`, so the test log counts the runs per engine.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $crate::support::within_limit(async {
                        let app = $crate::support::TestApp::spawn(store::Engine::Sqlite).await.unwrap();
                        super::$name(app).await;
                    }).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $crate::support::within_limit(async {
                        if let Some(app) = $crate::support::TestApp::spawn(store::Engine::Postgres).await {
                            super::$name(app).await;
                        }
                    }).await;
                }
            )*
        }
    };
}

/// The head of the answer to a POST to `path` declaring `length` bytes of `content_type`, read
/// after only `start` has been sent: a limit that reads the declared length answers before the
/// body (a client that kept writing would see its connection closed instead).
pub async fn head_before_body(
    app: &TestApp,
    path: &str,
    content_type: &str,
    length: usize,
    start: &[u8],
) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {length}\r\n\r\n",
        app.addr
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(start).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(30), stream.read(&mut answer))
        .await
        .expect("an answer before the body")
        .unwrap();
    String::from_utf8_lossy(&answer[..read]).into_owned()
}
