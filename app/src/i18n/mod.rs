//! The interface language: Bahasa Indonesia first, English second.
//!
//! Strings live in tables, one file per area (`general.rs`, `dashboard.rs`), looked up by
//! key; numbers and dates are formatted in `crate::format`; the choice is remembered in a
//! cookie (`crate::lang_cookie`).

use leptos::prelude::*;

mod api_tokens;
mod dashboard;
mod general;
mod instruments;
mod interventions;

pub use domain::units::Locale;

/// The language's BCP 47 code, for `lang` attributes.
pub fn code(locale: Locale) -> &'static str {
    locale.pick("id", "en")
}

/// The language the toggle switches to.
pub fn other(locale: Locale) -> Locale {
    locale.pick(Locale::En, Locale::Id)
}

/// Every user-facing string, in both languages.
/// Every user-facing string, in both languages; "?" for a key that does not exist (the
/// tests below make sure every key used in the source exists).
pub fn text(locale: Locale, id: &str) -> &'static str {
    TABLES
        .iter()
        .flat_map(|table| table.iter())
        .find(|(key, _, _)| *key == id)
        .map(|(_, id_text, en_text)| locale.pick(*id_text, *en_text))
        .unwrap_or("?")
}

/// The string tables, one per area of the interface.
const TABLES: [&[(&str, &str, &str)]; 5] = [
    general::GENERAL,
    dashboard::DASHBOARD,
    instruments::INSTRUMENTS,
    interventions::INTERVENTIONS,
    api_tokens::API_TOKENS,
];

pub fn provide_locale() {
    provide_context(RwSignal::new(crate::lang_cookie::current()));
}

pub fn use_locale() -> RwSignal<Locale> {
    expect_context::<RwSignal<Locale>>()
}

/// A translated piece of text that follows the chosen language.
#[component]
pub fn Text(id: &'static str) -> impl IntoView {
    let locale = use_locale();
    move || text(locale.get(), id)
}

/// Switches the language in place. It only responds once the WebAssembly has loaded,
/// which is what the browser test relies on to prove hydration.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let locale = use_locale();
    view! {
        <button
            type="button"
            class="language-toggle"
            data-testid="language-toggle"
            lang=move || code(other(locale.get()))
            on:click=move |_| {
                let next = other(locale.get_untracked());
                crate::lang_cookie::remember(next);
                locale.set(next);
            }
        >
            <Text id="switch_language"/>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use std::{collections::BTreeSet, fs, path::Path};

    use super::*;

    fn keys() -> Vec<&'static str> {
        TABLES
            .iter()
            .flat_map(|t| t.iter())
            .map(|(key, _, _)| *key)
            .collect()
    }

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut seen = BTreeSet::new();
        for (key, id_text, en_text) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(seen.insert(*key), "{key} is defined twice");
            assert!(
                !id_text.trim().is_empty() && !en_text.trim().is_empty(),
                "{key}"
            );
            // Words spelt alike in both languages.
            if !["wave_status", "dash_unit", "iv_status"].contains(key) {
                assert_ne!(id_text, en_text, "{key} is not translated");
            }
        }
    }

    /// Every `Text id="…"` and `text(…, "…")` in the interface's source names a key of the
    /// tables, so no page ever shows "?".
    #[test]
    fn every_key_used_in_the_source_exists() {
        let known: BTreeSet<&str> = keys().into_iter().collect();
        let mut used = BTreeSet::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).expect("source directory") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("i18n/mod.rs")
                {
                    let source = fs::read_to_string(&path).expect("source file");
                    // (marker, where the key starts after the marker's position)
                    for (marker, skip) in [
                        ("Text id=\"", 9),
                        ("\"dash_", 1),
                        ("\"nav_", 1),
                        ("\"iv_", 1),
                        ("\"pb_", 1),
                        ("\"rg_", 1),
                        ("\"tok_", 1),
                    ] {
                        for (at, _) in source.match_indices(marker) {
                            let rest = &source[at + skip..];
                            if let Some(end) = rest.find('"') {
                                used.insert(rest[..end].to_owned());
                            }
                        }
                    }
                }
            }
        }
        assert!(used.len() > 50, "the scan found too few keys: {used:?}");
        for key in &used {
            assert!(
                known.contains(key.as_str()),
                "{key} is used but not defined"
            );
        }
    }
}
