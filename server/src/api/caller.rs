//! Who calls `/api/v1`: the user of a personal API token sent as `Authorization: Bearer`, with
//! their role and units read at this request (a changed role or a deactivated user applies at
//! once). Session cookies are not accepted here: an API that took them would need CSRF
//! defences, and a bearer token cannot be sent by another site's page.

use std::future::Future;

use app::{
    auth::ssr::{auth_user_by_id, ApiCaller, AuthUser},
    indicators::IndicatorCache,
    survey::ssr::InstrumentCache,
};
use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts},
};
use domain::units::Locale;
use leptos::{
    prelude::provide_context,
    reactive::{computed::ScopedFuture, owner::Owner},
};
use store::{ApiSecret, Store};

use super::problem::{Problem, ProblemKind};

/// What every API handler shares: the pages' own store and caches.
#[derive(Clone)]
pub struct ApiState {
    pub store: Store,
    pub instruments: InstrumentCache,
    pub indicators: IndicatorCache,
}

/// An authenticated API request.
pub struct Caller {
    pub user: AuthUser,
    /// The language of messages: `Accept-Language` when it prefers English, else Indonesian.
    pub locale: Locale,
    parts: Parts,
    state: ApiState,
}

impl FromRequestParts<ApiState> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, Problem> {
        let locale = locale_of(parts);
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
            })
            .and_then(ApiSecret::parse);
        let refused = || {
            Problem::new(
                ProblemKind::Unauthenticated,
                locale.pick(
                    "Kirim token API yang berlaku di header Authorization: Bearer.",
                    "Send a valid API token in the Authorization: Bearer header.",
                ),
            )
        };
        let secret = secret.ok_or_else(refused)?;
        let user_id = state
            .store
            .api_token_user(&secret)
            .await
            .map_err(|e| Problem::from_app(&e.into(), locale))?
            .ok_or_else(refused)?;
        let user = auth_user_by_id(&state.store, user_id)
            .await
            .map_err(|e| Problem::from_app(&e, locale))?
            .ok_or_else(refused)?;
        Ok(Caller {
            user,
            locale,
            parts: parts.clone(),
            state: state.clone(),
        })
    }
}

impl Caller {
    /// The language code the app layer's functions take (`id` or `en`).
    pub fn lang(&self) -> String {
        self.locale.pick("id", "en").to_owned()
    }

    /// Runs `body` (calls to the app layer's server-side functions) as this caller, in the
    /// same Leptos context the pages run in: the same authorisation, scope and suppression.
    pub async fn run<T, F>(&self, body: impl FnOnce() -> F) -> Result<T, Problem>
    where
        F: Future<Output = Result<T, app::error::AppError>>,
    {
        let owner = Owner::new();
        let locale = self.locale;
        let future = owner.with(|| {
            provide_context(self.state.store.clone());
            provide_context(self.state.instruments.clone());
            provide_context(self.state.indicators.clone());
            provide_context(self.parts.clone());
            provide_context(ApiCaller(self.user.clone()));
            ScopedFuture::new(body())
        });
        future.await.map_err(|e| Problem::from_app(&e, locale))
    }
}

/// Indonesian unless the caller's `Accept-Language` puts English before Indonesian.
pub fn locale_of(parts: &Parts) -> Locale {
    let Some(accept) = parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Locale::Id;
    };
    for tag in accept.split(',') {
        let tag = tag
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if tag.starts_with("id") {
            return Locale::Id;
        }
        if tag.starts_with("en") {
            return Locale::En;
        }
    }
    Locale::Id
}
