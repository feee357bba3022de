//! The interface language: Bahasa Indonesia first, English second.
//!
//! A deliberately small table for the foundation; the full i18n layer (locale files,
//! remembered choice, locale-aware dates and numbers) replaces it with the organisation and
//! access work.

use leptos::prelude::*;

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
        "nav_units" => ("Unit", "Units"),
        "nav_users" => ("Pengguna", "Users"),
        "nav_import" => ("Impor unit", "Import units"),
        "nav_audit" => ("Log audit", "Audit log"),
        "nav_login" => ("Masuk", "Sign in"),
        "nav_logout" => ("Keluar", "Sign out"),
        "login_title" => ("Masuk ke Siap", "Sign in to Siap"),
        "username" => ("Nama pengguna", "Username"),
        "password" => ("Kata sandi", "Password"),
        "display_name" => ("Nama tampilan", "Display name"),
        "sign_in" => ("Masuk", "Sign in"),
        "setup_title" => ("Penyiapan: administrator pertama", "Setup: the first administrator"),
        "setup_intro" => (
            "Belum ada administrator. Buat akun administrator pertama; halaman ini tertutup setelahnya.",
            "There is no administrator yet. Create the first administrator account; this page closes afterwards.",
        ),
        "setup_done" => ("Penyiapan sudah selesai.", "Setup is complete."),
        "create_admin" => ("Buat administrator", "Create administrator"),
        "password_hint" => ("Minimal 10 karakter.", "At least 10 characters."),
        "signed_in_as" => ("Masuk sebagai", "Signed in as"),
        "users_change" => ("Ubah", "Change"),
        "users_active" => ("Status akun", "Account status"),
        "account_password" => ("Ganti kata sandi", "Change password"),
        "password_current" => ("Kata sandi saat ini", "Current password"),
        "password_new" => ("Kata sandi baru", "New password"),
        "password_changed" => ("Kata sandi diganti.", "Password changed."),
        "unit_edit" => ("Ubah unit", "Edit unit"),
        "unit_name" => ("Nama", "Name"),
        "unit_parent" => ("Kode unit induk", "Parent unit code"),
        "save" => ("Simpan", "Save"),
        "export_units" => ("Ekspor CSV", "Export CSV"),
        "export_download" => ("Unduh unit-siap.csv", "Download unit-siap.csv"),
        "users_title" => ("Pengguna", "Users"),
        "users_create" => ("Buat pengguna", "Create user"),
        "users_units" => ("Kode unit (pisahkan dengan koma)", "Unit codes (comma-separated)"),
        "users_created" => ("Pengguna dibuat.", "User created."),
        "role" => ("Peran", "Role"),
        "audit_filter" => ("Jenis tindakan", "Action"),
        "audit_when" => ("Waktu", "When"),
        "audit_who" => ("Oleh", "Who"),
        "audit_what" => ("Tindakan", "Action"),
        "audit_target" => ("Sasaran", "Target"),
        "units_title" => ("Unit organisasi", "Organisational units"),
        "units_search" => ("Cari kode atau nama unit", "Search unit code or name"),
        "unit_code" => ("Kode", "Code"),
        "unit_kind" => ("Jenis", "Kind"),
        "unit_headcount" => ("Jumlah pegawai", "Headcount"),
        "unit_children" => ("Unit di bawahnya", "Units below"),
        "import_title" => ("Impor unit dari CSV", "Import units from CSV"),
        "import_intro" => ("Kolom: code, name, kind, parent_code, headcount. Semua baris diperiksa dulu; impor hanya dilakukan jika tidak ada masalah sama sekali.", "Columns: code, name, kind, parent_code, headcount. Every row is checked first; nothing is imported unless there is no problem at all."),
        "import_paste" => ("Isi file CSV", "CSV file contents"),
        "import_check" => ("Periksa", "Check"),
        "import_commit" => ("Impor", "Import"),
        "import_problems" => ("Tidak ada yang diimpor. Perbaiki masalah berikut:", "Nothing was imported. Fix these problems:"),
        "import_done" => ("Impor selesai:", "Import complete:"),
        "import_ready" => ("Siap diimpor:", "Ready to import:"),
        "import_creates" => ("unit baru", "new units"),
        "import_updates" => ("diperbarui", "updated"),
        "import_unchanged" => ("tidak berubah", "unchanged"),
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
            lang=move || code(other(locale.get()))
            on:click=move |_| locale.update(|l| *l = other(*l))
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
            "nav_units",
            "nav_users",
            "nav_import",
            "nav_audit",
            "nav_login",
            "nav_logout",
            "login_title",
            "username",
            "password",
            "display_name",
            "sign_in",
            "setup_title",
            "setup_intro",
            "setup_done",
            "create_admin",
            "password_hint",
            "users_change",
            "users_active",
            "account_password",
            "password_current",
            "password_new",
            "password_changed",
            "unit_edit",
            "unit_name",
            "unit_parent",
            "save",
            "export_units",
            "export_download",
            "users_title",
            "users_create",
            "users_units",
            "users_created",
            "role",
            "audit_filter",
            "audit_when",
            "audit_who",
            "audit_what",
            "audit_target",
            "units_title",
            "units_search",
            "unit_code",
            "unit_kind",
            "unit_headcount",
            "unit_children",
            "import_title",
            "import_intro",
            "import_paste",
            "import_check",
            "import_commit",
            "import_problems",
            "import_done",
            "import_ready",
            "import_creates",
            "import_updates",
            "import_unchanged",
        ] {
            assert_ne!(text(Locale::Id, key), "?", "{key}");
            assert_ne!(text(Locale::En, key), text(Locale::Id, key), "{key}");
        }
    }
}
