//! The chosen language, remembered in a cookie (`siap_lang`, one year, whole site) so the
//! server renders the next page in it straight away and the browser hydrates in the same
//! language. Indonesian unless English was chosen; the browser's Accept-Language is not
//! consulted, so a phone set to English still gets Bahasa Indonesia first.

use domain::units::Locale;

pub const COOKIE: &str = "siap_lang";

/// The language a `Cookie` header (or `document.cookie`) names.
pub fn from_cookie_header(header: &str) -> Locale {
    let english = header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == COOKIE && value.trim() == "en");
    if english {
        Locale::En
    } else {
        Locale::Id
    }
}

/// The language of the request being rendered (server) or of this page (browser).
pub fn current() -> Locale {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|h| h.to_str().ok())
                    .map(from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.cookie().ok())
            .map(|c| from_cookie_header(&c))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

/// Remembers the choice (browser only; a no-op on the server).
pub fn remember(locale: Locale) {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        let value = format!(
            "{COOKIE}={}; path=/; max-age=31536000; samesite=lax",
            locale.pick("id", "en")
        );
        if let Some(document) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = document.set_cookie(&value);
        }
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    {
        let _ = locale;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_cookie() {
        assert_eq!(from_cookie_header("siap_lang=en"), Locale::En);
        assert_eq!(
            from_cookie_header("siap_session=abc; siap_lang=en; x=1"),
            Locale::En
        );
        assert_eq!(from_cookie_header("siap_lang=id"), Locale::Id);
        assert_eq!(from_cookie_header("other_siap_lang=en"), Locale::Id);
        assert_eq!(from_cookie_header(""), Locale::Id);
    }
}
