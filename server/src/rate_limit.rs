//! Per-client rate limits (issue #9): sign-in, survey submissions and the server functions
//! (`/api/…`), each with its own budget per client IP address, answered 429 with
//! `Retry-After` when spent. Backed by the `governor` crate (GCRA, no background timers).
//!
//! Behind a reverse proxy every request comes from the proxy's address: with
//! `trust_proxy`, the client is the last address the proxy appended to `X-Forwarded-For`
//! (the earlier ones are the client's own claims and are ignored).

use std::{
    net::{IpAddr, SocketAddr},
    num::NonZeroU32,
    sync::Arc,
    time::Duration,
};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The budgets, each per client address; 0 turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Sign-in and first-administrator attempts per minute (the account lock-out counts
    /// failures per account; this stops one address trying many accounts).
    pub sign_ins_per_minute: u32,
    /// Survey submissions per second: a whole office behind one address answers in bursts.
    pub submissions_per_second: u32,
    /// Server-function calls per second.
    pub api_per_second: u32,
    /// Take the client's address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            sign_ins_per_minute: 30,
            submissions_per_second: 50,
            api_per_second: 100,
            trust_proxy: false,
        }
    }
}

impl RateLimits {
    /// No limits: for load tests, where one address plays many clients.
    pub fn off() -> Self {
        Self {
            sign_ins_per_minute: 0,
            submissions_per_second: 0,
            api_per_second: 0,
            trust_proxy: false,
        }
    }
}

/// What a request is, for the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    SignIn,
    Submission,
    Api,
}

fn kind(method: &Method, path: &str) -> Option<Kind> {
    // The password change checks the current password: a guess there is a sign-in attempt.
    if matches!(
        path,
        "/api/auth/login" | "/api/auth/setup" | "/api/auth/password"
    ) {
        Some(Kind::SignIn)
    } else if method == Method::POST && path.starts_with("/s/") {
        Some(Kind::Submission)
    } else if path.starts_with("/api/") {
        Some(Kind::Api)
    } else {
        None
    }
}

/// The limiters of one server instance.
#[derive(Clone)]
pub struct Limiters {
    sign_in: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    submission: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    api: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    trust_proxy: bool,
}

impl Limiters {
    pub fn new(limits: RateLimits) -> Self {
        let keyed = |quota: Option<Quota>| quota.map(|q| Arc::new(RateLimiter::keyed(q)));
        Self {
            sign_in: keyed(NonZeroU32::new(limits.sign_ins_per_minute).map(Quota::per_minute)),
            submission: keyed(
                NonZeroU32::new(limits.submissions_per_second).map(Quota::per_second),
            ),
            api: keyed(NonZeroU32::new(limits.api_per_second).map(Quota::per_second)),
            trust_proxy: limits.trust_proxy,
        }
    }

    /// Forgets clients that have their whole budget back (keeps memory bounded).
    pub fn forget_idle(&self) {
        for limiter in [&self.sign_in, &self.submission, &self.api]
            .into_iter()
            .flatten()
        {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    fn client(&self, request: &Request) -> Option<IpAddr> {
        if self.trust_proxy {
            let forwarded = request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .next_back();
            if forwarded.is_some() {
                return forwarded;
            }
        }
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())
    }
}

/// Middleware: 429 with `Retry-After` (whole seconds, at least 1) once the client's budget
/// for this kind of request is spent.
pub async fn limit(State(limiters): State<Limiters>, request: Request, next: Next) -> Response {
    let limiter = match kind(request.method(), request.uri().path()) {
        Some(Kind::SignIn) => limiters.sign_in.as_ref(),
        Some(Kind::Submission) => limiters.submission.as_ref(),
        Some(Kind::Api) => limiters.api.as_ref(),
        None => None,
    };
    if let (Some(limiter), Some(client)) = (limiter, limiters.client(&request)) {
        if let Err(not_until) = limiter.check_key(&client) {
            let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now());
            return too_many(wait, request.uri().path().starts_with("/api/v1/"));
        }
    }
    next.run(request).await
}

/// 429 with `Retry-After`; for the REST API as problem+json, like its other errors.
fn too_many(wait: Duration, rest_api: bool) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let message =
        "Terlalu banyak permintaan; coba lagi sebentar lagi. / Too many requests; try again shortly.";
    if rest_api {
        let mut response =
            crate::api::Problem::new(crate::api::ProblemKind::RateLimited, message).into_response();
        if let Ok(value) = header::HeaderValue::from_str(&seconds.max(1).to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (header::RETRY_AFTER, seconds.max(1).to_string()),
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
        ],
        message,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_classified() {
        assert_eq!(kind(&Method::POST, "/api/auth/login"), Some(Kind::SignIn));
        assert_eq!(
            kind(&Method::POST, "/s/ABCD2345EFGH"),
            Some(Kind::Submission)
        );
        assert_eq!(kind(&Method::GET, "/s/ABCD2345EFGH"), None);
        assert_eq!(kind(&Method::POST, "/api/dashboard"), Some(Kind::Api));
        assert_eq!(kind(&Method::GET, "/dashboard"), None);
    }

    #[test]
    fn a_spent_budget_is_refused_until_it_refills() {
        let limiters = Limiters::new(RateLimits {
            sign_ins_per_minute: 2,
            ..RateLimits::default()
        });
        let limiter = limiters.sign_in.expect("on");
        let client: IpAddr = "10.0.0.1".parse().expect("an address");
        assert!(limiter.check_key(&client).is_ok());
        assert!(limiter.check_key(&client).is_ok());
        assert!(limiter.check_key(&client).is_err());
        // Another address has its own budget.
        let other: IpAddr = "10.0.0.2".parse().expect("an address");
        assert!(limiter.check_key(&other).is_ok());
    }

    #[test]
    fn zero_turns_a_limit_off() {
        let limiters = Limiters::new(RateLimits {
            api_per_second: 0,
            ..RateLimits::default()
        });
        assert!(limiters.api.is_none());
    }
}
