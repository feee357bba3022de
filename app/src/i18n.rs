//! The interface language: Bahasa Indonesia first, English second.
//!
//! A deliberately small table for the foundation; the full i18n layer (locale files,
//! remembered choice, locale-aware dates and numbers) replaces it with the organisation and
//! access work.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    Id,
    En,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Id => "id",
            Locale::En => "en",
        }
    }

    pub fn other(self) -> Self {
        match self {
            Locale::Id => Locale::En,
            Locale::En => Locale::Id,
        }
    }
}

/// Every user-facing string, in both languages.
pub fn text(locale: Locale, id: &str) -> &'static str {
    let (id_text, en_text) = match id {
        "skip_to_content" => ("Lewati ke isi", "Skip to content"),
        "tagline" => (
            "Mengukur dan menindaklanjuti kesiapan ASN menghadapi perubahan.",
            "Measuring and acting on civil servants' readiness for change.",
        ),
        "intro" => (
            "Siap membantu perangkat daerah mengetahui seberapa siap pegawainya menghadapi perubahan, di mana hambatannya, dan apakah intervensi berhasil.",
            "Siap helps government agencies see how ready their staff are for change, where the barriers are, and whether interventions work.",
        ),
        "switch_language" => ("English", "Bahasa Indonesia"),
        "status_heading" => ("Status platform", "Platform status"),
        "status_database" => ("Basis data", "Database"),
        "status_units" => ("Unit organisasi", "Organisational units"),
        "status_loading" => ("Memuat…", "Loading…"),
        "status_error" => ("Status tidak dapat dimuat.", "The status could not be loaded."),
        "not_found_title" => ("Halaman tidak ditemukan", "Page not found"),
        "not_found_body" => (
            "Alamat ini tidak ada. Periksa tautannya atau kembali ke beranda.",
            "This address does not exist. Check the link or go back home.",
        ),
        "home" => ("Beranda", "Home"),
        _ => ("?", "?"),
    };
    match locale {
        Locale::Id => id_text,
        Locale::En => en_text,
    }
}

pub fn provide_locale() {
    provide_context(RwSignal::new(Locale::default()));
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
            lang=move || locale.get().other().code()
            on:click=move |_| locale.update(|l| *l = l.other())
        >
            <Text id="switch_language"/>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_used_key_has_both_languages() {
        for key in [
            "skip_to_content",
            "tagline",
            "intro",
            "switch_language",
            "status_heading",
            "status_database",
            "status_units",
            "status_loading",
            "status_error",
            "not_found_title",
            "not_found_body",
            "home",
        ] {
            assert_ne!(text(Locale::Id, key), "?", "{key}");
            assert_ne!(text(Locale::En, key), text(Locale::Id, key), "{key}");
        }
    }
}
