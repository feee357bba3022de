//! Forms posted without JavaScript. A server function answers JSON; a browser that posted a
//! plain HTML form wants a page. For such a post the answer becomes a redirect: on success to
//! the page that shows the result, on refusal back to the form's page with the error in the
//! address (Leptos shows it as the action's error) and, where the form is in the address too,
//! everything typed.

use leptos::server_fn::error::ServerFnUrlError;

use crate::error::AppError;

/// Whether the request is a plain HTML form post (no JavaScript): browsers ask for HTML then.
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// For a plain form post, replaces the server function's answer with a redirect: to
/// `success(value)`, or to `back` (path and query, an optional `#fragment`) with the error
/// of the server function at `fn_path`. Call it after `respond`, so that the redirect's
/// status replaces the error's.
pub fn answer_plain_form<T>(
    result: &Result<T, AppError>,
    success: impl FnOnce(&T) -> String,
    back: &str,
    fn_path: &str,
) {
    if !is_plain_form_post() {
        return;
    }
    let location = match result {
        Ok(value) => success(value),
        Err(error) => {
            let (address, fragment) = back.split_once('#').unwrap_or((back, ""));
            let base = format!("http://siap.invalid{address}");
            match ServerFnUrlError::new(fn_path, error.clone()).to_url(&base) {
                Ok(url) => {
                    let mut location = url.path().to_owned();
                    if let Some(query) = url.query() {
                        location.push('?');
                        location.push_str(query);
                    }
                    if !fragment.is_empty() {
                        location.push('#');
                        location.push_str(fragment);
                    }
                    location
                }
                Err(_) => address.to_owned(),
            }
        }
    };
    leptos_axum::redirect(&location);
}
