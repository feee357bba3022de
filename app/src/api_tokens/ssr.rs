//! Server side of personal API tokens: every signed-in user, whatever their role, manages their
//! own tokens and only those. A token acts as its user, so it carries no role or units of its
//! own: the API reads the user's at each request.

use domain::units::Locale;
use leptos::prelude::*;
use store::{ApiTokenRecord, Store, MAX_TOKEN_NAME};

use super::{ApiTokenView, CreatedToken};
use crate::{
    auth::ssr::{current_auth_user, ApiCaller, AuthUser},
    error::AppError,
    i18n::text_with,
};

fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

/// The signed-in user. Tokens are managed in a signed-in browser only: a request made with a
/// token may not create more tokens (which would outlive the revocation of the first one) nor
/// revoke them.
async fn owner() -> Result<AuthUser, AppError> {
    if use_context::<ApiCaller>().is_some() {
        return Err(AppError::Forbidden);
    }
    current_auth_user().await?.ok_or(AppError::Unauthenticated)
}

/// The language of messages: the form's `lang` field, else the language cookie.
fn locale_of(lang: &str) -> Locale {
    match lang.trim() {
        "" => crate::lang_cookie::current(),
        code => Locale::from_code(code),
    }
}

fn view_of(record: ApiTokenRecord) -> ApiTokenView {
    ApiTokenView {
        id: record.id,
        name: record.name,
        prefix: record.prefix,
        created_at: record.created_at,
        last_used_on: record.last_used_on,
        revoked: record.revoked_at.is_some(),
    }
}

/// The name as stored, or why it is refused (in the user's language).
fn checked_name(name: &str, locale: Locale) -> Result<&str, AppError> {
    let name = name.trim();
    let length = name.chars().count();
    if length == 0 || length > MAX_TOKEN_NAME {
        return Err(AppError::Invalid(text_with(
            locale,
            "tok_name_invalid",
            &[
                ("max", MAX_TOKEN_NAME.to_string()),
                ("length", length.to_string()),
            ],
        )));
    }
    Ok(name)
}

pub async fn list() -> Result<Vec<ApiTokenView>, AppError> {
    let user = owner().await?;
    let tokens = store()?.api_tokens_of(user.id).await?;
    Ok(tokens.into_iter().map(view_of).collect())
}

pub async fn create(name: &str, lang: &str) -> Result<CreatedToken, AppError> {
    let user = owner().await?;
    let locale = locale_of(lang);
    let name = checked_name(name, locale)?;
    // The name was checked above, so a refusal by the store is not the user's to fix.
    let (record, secret) = store()?
        .create_api_token(user.id, name, &user.actor())
        .await?;
    // The answer holds the secret: no cache along the way may keep a copy.
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
    Ok(CreatedToken {
        token: view_of(record),
        secret: secret.expose().to_owned(),
    })
}

pub async fn revoke(id: i64) -> Result<(), AppError> {
    let user = owner().await?;
    // Another user's token is answered as not found.
    store()?
        .revoke_api_token(user.id, id, &user.actor())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_knows_the_store_limit() {
        assert_eq!(super::super::MAX_NAME, MAX_TOKEN_NAME);
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            checked_name("  integrasi-hr ", Locale::Id),
            Ok("integrasi-hr")
        );
        let longest = "a".repeat(MAX_TOKEN_NAME);
        assert_eq!(checked_name(&longest, Locale::En), Ok(longest.as_str()));
        for bad in ["", "   ", &"a".repeat(MAX_TOKEN_NAME + 1)] {
            let Err(AppError::Invalid(message)) = checked_name(bad, Locale::Id) else {
                panic!("{bad:?} was accepted");
            };
            assert!(message.starts_with("Nama token"), "{message}");
        }
        let Err(AppError::Invalid(message)) = checked_name("", Locale::En) else {
            panic!("an empty name was accepted");
        };
        assert!(message.starts_with("A token name"), "{message}");
    }
}
