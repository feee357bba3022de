//! Personal API tokens (issue #8): a signed-in user creates a token to call `/api/v1` as
//! themselves (their role, their units), sees its secret once, and revokes it when it is no
//! longer needed. Only the secret's hash is stored (see `store::api_tokens`).

mod page;
#[cfg(feature = "ssr")]
mod ssr;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub use page::ApiTokensPage;

/// Where the page lives.
pub const PAGE_PATH: &str = "/akun/token";

/// The longest token name, for the form (the store's `MAX_TOKEN_NAME`, which the browser
/// build cannot see).
pub const MAX_NAME: usize = 80;

/// A token as its user sees it: never with its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenView {
    pub id: i64,
    pub name: String,
    /// `siap_` and the secret's first four hex digits, to recognise it.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    /// The last day (UTC) a request used it.
    pub last_used_on: Option<NaiveDate>,
    pub revoked: bool,
}

/// A token just created, with its secret: the only answer that ever carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub token: ApiTokenView,
    pub secret: String,
}

/// The signed-in user's tokens, newest first, revoked ones included.
#[server(endpoint = "api-tokens/list")]
pub async fn list_api_tokens() -> Result<Vec<ApiTokenView>, AppError> {
    crate::auth::ssr::respond(ssr::list()).await
}

/// Creates a token named `name` for the signed-in user and returns its secret, once.
#[server(endpoint = "api-tokens/create")]
pub async fn create_api_token(
    #[server(default)] name: String,
    #[server(default)] lang: String,
) -> Result<CreatedToken, AppError> {
    let result = crate::auth::ssr::respond(ssr::create(&name, &lang)).await;
    // Without JavaScript a refusal goes back to the page with its message. A success is not
    // redirected: the secret must not travel in an address, and it is kept nowhere to show it
    // on the next page, so the answer itself (which holds it) is what the browser shows.
    if result.is_err() {
        crate::interventions::answer_plain_form(
            &result,
            |_| PAGE_PATH.to_owned(),
            PAGE_PATH,
            CreateApiToken::PATH,
        );
    }
    result
}

/// Revokes token `id` of the signed-in user: requests with it are refused from then on.
#[server(endpoint = "api-tokens/revoke")]
pub async fn revoke_api_token(id: i64) -> Result<(), AppError> {
    let result = crate::auth::ssr::respond(ssr::revoke(id)).await;
    crate::interventions::answer_plain_form(
        &result,
        |_| PAGE_PATH.to_owned(),
        PAGE_PATH,
        RevokeApiToken::PATH,
    );
    result
}
