//! The interface language: Bahasa Indonesia first, English second.
//!
//! Strings live in Fluent resources, `app/locales/<lang>/<area>.ftl` (`id` and `en`; one file
//! per area of the interface, e.g. `general.ftl`, `dashboard.ftl`), compiled into the binary
//! and the WebAssembly by `fluent-templates` and looked up by key with [`text`] or
//! [`Text`]. To add a string, add `key = …` to that area's file in **both** languages (the
//! tests below fail when a key is missing from one of them or is used but not defined); a
//! literal `{` or `}` is written `{"{"}` / `{"}"}`. A new .ftl file is picked up on the next
//! build of this crate that recompiles this module (edits to existing files are tracked).
//! A message with variables (`{ $code }`) is looked up with [`text_with`]; both languages must
//! use the same variables.
//! Numbers and dates are formatted in `crate::format`; the choice is remembered in a cookie
//! (`crate::lang_cookie`).

use std::{borrow::Cow, collections::HashMap};

use fluent_templates::{fluent_bundle::FluentValue, LanguageIdentifier, Loader};
use leptos::prelude::*;

pub use domain::units::Locale;

// Every user-facing string, in both languages: the `.ftl` files under `app/locales` (the
// path is relative to the app crate's `Cargo.toml`).
fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "id",
        // Without this Fluent wraps every placeable in Unicode isolation marks.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The language's BCP 47 code, for `lang` attributes.
pub fn code(locale: Locale) -> &'static str {
    locale.pick("id", "en")
}

/// The language the toggle switches to.
pub fn other(locale: Locale) -> Locale {
    locale.pick(Locale::En, Locale::Id)
}

/// The language's identifier in the Fluent resources (the folder under `app/locales`).
fn language(locale: Locale) -> LanguageIdentifier {
    locale.pick(
        fluent_templates::langid!("id"),
        fluent_templates::langid!("en"),
    )
}

/// Every user-facing string, in both languages; "?" for a key that does not exist (the
/// tests below make sure every key used in the source exists, in both languages; a key
/// missing from English alone would fall back to Indonesian). A message with variables is
/// looked up with [`text_with`].
pub fn text(locale: Locale, id: &str) -> String {
    LOCALES
        .try_lookup(&language(locale), id)
        .unwrap_or_else(|| "?".to_owned())
}

/// A message with variables: `args` gives each `{ $name }` its text, e.g.
/// `text_with(locale, "wave_unknown_unit", &[("code", code.to_owned())])`. Values are
/// inserted as they are (numbers are passed already formatted by `crate::format`, so Fluent
/// does not format them again); "?" for a key that does not exist or a variable left out.
pub fn text_with(locale: Locale, id: &str, args: &[(&str, String)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            (
                Cow::Owned((*name).to_owned()),
                FluentValue::from(value.clone()),
            )
        })
        .collect();
    LOCALES
        .try_lookup_with_args(&language(locale), id, &args)
        .unwrap_or_else(|| "?".to_owned())
}

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
    use std::{
        collections::{BTreeMap, BTreeSet},
        fs,
        path::Path,
    };

    use fluent_templates::fluent_bundle::FluentResource;

    use super::*;

    const LANGUAGES: [Locale; 2] = [Locale::Id, Locale::En];

    /// The messages of one language, per area file (`general.ftl` → its keys), read from
    /// `app/locales/<lang>/`. Every file must parse without a Fluent syntax error.
    fn messages(locale: Locale) -> BTreeMap<String, Vec<String>> {
        ftl_files(locale)
            .into_iter()
            .map(|(name, source)| {
                if let Err((_, errors)) = FluentResource::try_new(source.clone()) {
                    panic!("{}/{name}: {errors:?}", code(locale));
                }
                let ids = source.lines().filter_map(message_id).collect();
                (name, ids)
            })
            .collect()
    }

    /// The files of `app/locales/<lang>/`, by name, with their text; each must be a .ftl file.
    fn ftl_files(locale: Locale) -> BTreeMap<String, String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(code(locale));
        let mut files = BTreeMap::new();
        for entry in fs::read_dir(&dir).expect("locale folder") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("file name")
                .to_owned();
            assert!(
                path.extension().is_some_and(|e| e == "ftl"),
                "{} is not a .ftl file",
                path.display()
            );
            files.insert(name, fs::read_to_string(&path).expect("ftl file"));
        }
        assert!(!files.is_empty(), "no .ftl file in {}", dir.display());
        files
    }

    /// The key a line of a (syntactically valid) .ftl file defines: `key = …` at the start of
    /// the line. Comments start with `#`, continuation lines with spaces.
    fn message_id(line: &str) -> Option<String> {
        let (id, _) = line.split_once('=')?;
        let id = id.trim_end();
        let valid = id.starts_with(|c: char| c.is_ascii_alphabetic())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        valid.then(|| id.to_owned())
    }

    /// The variables (`{ $name }`) each message of a language uses, by key.
    fn variables(locale: Locale) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for source in ftl_files(locale).values() {
            let mut current: Option<String> = None;
            for line in source.lines() {
                if let Some(id) = message_id(line) {
                    current = Some(id);
                } else if !line.starts_with(' ') {
                    // A comment or a blank line ends the message.
                    current = None;
                }
                let Some(id) = &current else { continue };
                let names: &mut BTreeSet<String> = out.entry(id.clone()).or_default();
                for (at, _) in line.match_indices('$') {
                    let name: String = line[at + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    if !name.is_empty() {
                        names.insert(name);
                    }
                }
            }
        }
        out
    }

    /// A sample value for each variable: `<name>`.
    fn sample_args(names: &BTreeSet<String>) -> Vec<(&str, String)> {
        names
            .iter()
            .map(|name| (name.as_str(), format!("<{name}>")))
            .collect()
    }

    /// Every key of a language, checking that none is defined twice.
    fn keys(locale: Locale) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for (area, ids) in messages(locale) {
            for id in ids {
                assert!(keys.insert(id.clone()), "{id} is defined twice ({area})");
            }
        }
        keys
    }

    #[test]
    fn both_languages_define_the_same_messages_in_the_same_files() {
        let indonesian = messages(Locale::Id);
        let english = messages(Locale::En);
        assert_eq!(
            indonesian.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>(),
            "the two languages have different area files"
        );
        for (area, ids) in &indonesian {
            let id_keys: BTreeSet<_> = ids.iter().collect();
            let en_keys: BTreeSet<_> = english[area].iter().collect();
            assert_eq!(
                id_keys.difference(&en_keys).collect::<Vec<_>>(),
                Vec::<&&String>::new(),
                "in id/{area} but not in en/{area}"
            );
            assert_eq!(
                en_keys.difference(&id_keys).collect::<Vec<_>>(),
                Vec::<&&String>::new(),
                "in en/{area} but not in id/{area}"
            );
        }
        assert_eq!(keys(Locale::Id), keys(Locale::En));
    }

    #[test]
    fn every_message_renders_without_errors_and_is_translated() {
        let keys = keys(Locale::Id);
        assert!(keys.len() > 300, "too few messages: {}", keys.len());
        let [id_variables, en_variables] = LANGUAGES.map(variables);
        for key in &keys {
            // Both languages fill in the same variables; each gets a sample value here.
            let names = &id_variables[key];
            assert_eq!(
                names, &en_variables[key],
                "{key} uses other variables in English"
            );
            let args = sample_args(names);
            let fluent_args: HashMap<String, FluentValue> = args
                .iter()
                .map(|(name, value)| ((*name).to_owned(), FluentValue::from(value.clone())))
                .collect();
            let [id_text, en_text] = LANGUAGES.map(|locale| {
                let lang = language(locale);
                let value = LOCALES
                    .lookup_single_language(&lang, key, Some(&fluent_args))
                    .unwrap_or_else(|e| panic!("{key} ({lang}): {e:?}"));
                assert!(!value.trim().is_empty(), "{key} ({lang}) is empty");
                assert!(
                    !value.contains(['\u{2068}', '\u{2069}']),
                    "{key} ({lang}) has isolation marks"
                );
                for (name, sample) in &args {
                    assert!(value.contains(sample), "{key} ({lang}) drops ${name}");
                }
                if args.is_empty() {
                    assert_eq!(text(locale, key), value, "{key} ({lang})");
                } else {
                    assert_eq!(text_with(locale, key, &args), value, "{key} ({lang})");
                    // Without its variables the message is not shown half-filled.
                    assert_eq!(text(locale, key), "?", "{key} ({lang})");
                }
                value
            });
            // Words spelt alike in both languages.
            if !["wave_status", "dash_unit", "iv_status"].contains(&key.as_str()) {
                assert_ne!(id_text, en_text, "{key} is not translated");
            }
        }
    }

    #[test]
    fn lookups_give_the_expected_text() {
        assert_eq!(text(Locale::Id, "switch_language"), "English");
        assert_eq!(text(Locale::En, "switch_language"), "Bahasa Indonesia");
        assert_eq!(text(Locale::Id, "status_loading"), "Memuat…");
        assert_eq!(text(Locale::En, "status_loading"), "Loading…");
        assert_eq!(
            text(Locale::Id, "wave_status"),
            text(Locale::En, "wave_status")
        );
        assert_eq!(
            text_with(Locale::En, "dash_threshold_value", &[("n", "5".to_owned())]),
            "groups with fewer than 5 respondents are not shown"
        );
        assert_eq!(
            text(Locale::Id, "compose_new_dimension_hint"),
            "Hanya bila \"Dimensi baru\" dipilih di atas. Dimensi baru tidak dibandingkan \
             dengan survei lain."
        );
        assert_eq!(text(Locale::Id, "no_such_key"), "?");
        assert_eq!(text(Locale::En, "no_such_key"), "?");
    }

    #[test]
    fn variables_are_filled_in_as_given() {
        let code = || vec![("code", "T.A.K1".to_owned())];
        assert_eq!(
            text_with(Locale::Id, "wave_unknown_unit", &code()),
            "Kode unit tidak dikenal: T.A.K1"
        );
        assert_eq!(
            text_with(Locale::En, "wave_unknown_unit", &code()),
            "Unknown unit code: T.A.K1"
        );
        // Numbers come formatted by `crate::format` and stay as they are.
        let share = [
            ("barrier", "Anggaran".to_owned()),
            ("share", crate::format::decimal(1234.5, 1, Locale::Id)),
        ];
        assert_eq!(
            text_with(Locale::Id, "iv_evidence_barrier", &share),
            "Hambatan yang sering disebut: Anggaran (1234,5% responden)"
        );
        // Extra variables are ignored; a missing one or key gives "?".
        let mut extra = code();
        extra.push(("unused", "x".to_owned()));
        assert_eq!(
            text_with(Locale::En, "wave_unknown_unit", &extra),
            "Unknown unit code: T.A.K1"
        );
        assert_eq!(text_with(Locale::En, "wave_unknown_unit", &[]), "?");
        assert_eq!(text_with(Locale::Id, "no_such_key", &code()), "?");
        // A message without variables is the same with `text`.
        assert_eq!(
            text_with(Locale::En, "switch_language", &[]),
            text(Locale::En, "switch_language")
        );
    }

    /// Every `Text id="…"`, `text(…, "…")`, `text_with(…, "…", …)` and key-like literal
    /// (`"dash_…"`, `"error_…"`, `"compose_…"`, …) in the interface's source names a key of the
    /// .ftl files, so no page ever shows "?".
    #[test]
    fn every_key_used_in_the_source_exists() {
        let known = keys(Locale::Id);
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
                        ("\"error_", 1),
                        ("\"compose_", 1),
                        ("\"users_", 1),
                        ("\"audit_", 1),
                    ] {
                        for (at, _) in source.match_indices(marker) {
                            let rest = &source[at + skip..];
                            if let Some(end) = rest.find('"') {
                                used.insert(rest[..end].to_owned());
                            }
                        }
                    }
                    // `text(locale, "key")` and `text_with(locale, "key", …)`, whatever the
                    // key's prefix, also when the call is spread over several lines.
                    for call in ["text(", "text_with("] {
                        for (at, _) in source.match_indices(call) {
                            let free = source[..at]
                                .chars()
                                .next_back()
                                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
                            let key = source[at + call.len()..]
                                .split_once(',')
                                .and_then(|(_, rest)| rest.trim_start().strip_prefix('"'))
                                .and_then(|rest| rest.split_once('"'))
                                .map(|(key, _)| key)
                                .filter(|key| {
                                    !key.is_empty()
                                        && key.chars().all(|c| {
                                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
                                        })
                                });
                            if let (true, Some(key)) = (free, key) {
                                used.insert(key.to_owned());
                            }
                        }
                    }
                }
            }
        }
        assert!(used.len() > 50, "the scan found too few keys: {used:?}");
        let variables = variables(Locale::Id);
        for key in &used {
            assert!(known.contains(key), "{key} is used but not defined");
            let args = sample_args(&variables[key]);
            for locale in LANGUAGES {
                assert_ne!(text_with(locale, key, &args), "?", "{key}");
            }
        }
    }
}
