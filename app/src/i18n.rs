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
        "survey_window_title" => (
            "Survei kesiapan perubahan · Siap",
            "Readiness for change survey · Siap",
        ),
        "survey_closing_title" => (
            "Hambatan dan saran",
            "Barriers and suggestions",
        ),
        "survey_closes" => (
            "Ditutup",
            "Closes",
        ),
        "survey_anonymity" => (
            "Jawaban Anda anonim. Tautan ini tidak terhubung dengan nama Anda, dan jawaban disimpan tanpa tautan, alamat IP, perangkat, atau jam pengisian. Hasil hanya ditampilkan untuk kelompok yang cukup besar.",
            "Your answers are anonymous. This link is not connected to your name, and answers are stored without the link, IP address, device or time of day. Results are only shown for groups large enough.",
        ),
        "survey_items_answered" => (
            "pernyataan dijawab",
            "statements answered",
        ),
        "survey_previous" => (
            "Sebelumnya",
            "Previous",
        ),
        "survey_next" => (
            "Berikutnya",
            "Next",
        ),
        "survey_page" => (
            "Bagian",
            "Part",
        ),
        "survey_submit" => (
            "Kirim jawaban",
            "Send answers",
        ),
        "survey_barrier_other" => (
            "Lainnya, sebutkan:",
            "Other, please describe:",
        ),
        "survey_problems" => (
            "Jawaban belum dikirim. Periksa bagian berikut:",
            "The answers have not been sent. Please check:",
        ),
        "survey_unavailable" => (
            "Jawaban Anda BELUM tersimpan karena layanan sedang sibuk. Jawaban masih ada di halaman ini; silakan kirim lagi sebentar lagi.",
            "Your answers have NOT been saved because the service is busy. They are still on this page; please send them again shortly.",
        ),
        "survey_unknown_title" => (
            "Tautan tidak dikenal",
            "Unknown link",
        ),
        "survey_unknown_body" => (
            "Kode pada tautan ini tidak ditemukan. Periksa kembali kode pada lembar undangan Anda.",
            "The code in this link was not found. Check the code on your invitation slip.",
        ),
        "survey_used_title" => (
            "Tautan sudah dipakai",
            "Link already used",
        ),
        "survey_used_body" => (
            "Jawaban untuk tautan ini sudah tersimpan. Setiap tautan hanya dapat dipakai satu kali; jawaban yang dikirim lagi tidak disimpan.",
            "Answers for this link have already been saved. Each link can be used once; answers sent again are not stored.",
        ),
        "survey_closed_title" => (
            "Survei sudah ditutup",
            "The survey has closed",
        ),
        "survey_closed_body" => (
            "Masa pengisian survei ini sudah berakhir. Terima kasih atas perhatian Anda.",
            "The period for answering this survey has ended. Thank you for your interest.",
        ),
        "survey_not_open_title" => (
            "Survei belum dibuka",
            "The survey is not open yet",
        ),
        "survey_not_open_body" => (
            "Survei ini belum dapat diisi.",
            "This survey cannot be answered yet.",
        ),
        "survey_opens" => (
            "Dibuka",
            "Opens",
        ),
        "survey_thanks_title" => (
            "Terima kasih!",
            "Thank you!",
        ),
        "survey_thanks_body" => (
            "Jawaban Anda sudah tersimpan. Anda dapat menutup halaman ini.",
            "Your answers have been saved. You may close this page.",
        ),
        "nav_waves" => (
            "Survei",
            "Surveys",
        ),
        "waves_title" => (
            "Gelombang survei",
            "Survey waves",
        ),
        "waves_none" => (
            "Belum ada gelombang survei untuk unit Anda.",
            "There are no survey waves for your units yet.",
        ),
        "waves_create" => (
            "Buat gelombang",
            "Create wave",
        ),
        "wave_title" => (
            "Judul",
            "Title",
        ),
        "wave_kind" => (
            "Jenis",
            "Kind",
        ),
        "wave_kind_baseline" => (
            "Pengukuran awal (baseline)",
            "Baseline",
        ),
        "wave_kind_follow_up" => (
            "Pengukuran lanjutan",
            "Follow-up",
        ),
        "wave_instrument" => (
            "Instrumen",
            "Instrument",
        ),
        "wave_units" => (
            "Kode unit (pisahkan dengan koma; seluruh unit di bawahnya ikut)",
            "Unit codes (comma-separated; every unit below is included)",
        ),
        "wave_opens" => (
            "Dibuka (WIB)",
            "Opens (WIB)",
        ),
        "wave_closes" => (
            "Ditutup (WIB)",
            "Closes (WIB)",
        ),
        "wave_status" => (
            "Status",
            "Status",
        ),
        "wave_status_draft" => (
            "Draf",
            "Draft",
        ),
        "wave_status_scheduled" => (
            "Terjadwal",
            "Scheduled",
        ),
        "wave_status_open" => (
            "Dibuka",
            "Open",
        ),
        "wave_status_ended" => (
            "Waktu habis",
            "Time is up",
        ),
        "wave_status_closed" => (
            "Ditutup",
            "Closed",
        ),
        "wave_response_rate" => (
            "Tingkat respons",
            "Response rate",
        ),
        "wave_created" => (
            "Gelombang dibuat.",
            "Wave created.",
        ),
        "wave_open_page" => (
            "Lihat gelombang",
            "View wave",
        ),
        "wave_previous" => (
            "Gelombang sebelumnya",
            "Previous wave",
        ),
        "wave_action_open" => (
            "Buka gelombang",
            "Open the wave",
        ),
        "wave_action_close" => (
            "Tutup gelombang",
            "Close the wave",
        ),
        "wave_run_again" => (
            "Jalankan lagi (gelombang lanjutan)",
            "Run again (follow-up wave)",
        ),
        "wave_units_heading" => (
            "Unit dan undangan",
            "Units and invitations",
        ),
        "wave_issued" => (
            "Undangan",
            "Invitations",
        ),
        "wave_responded" => (
            "Jawaban",
            "Responses",
        ),
        "wave_invitations" => (
            "Lembar undangan",
            "Invitation slips",
        ),
        "wave_tokens" => (
            "kode",
            "codes",
        ),
        "wave_used" => (
            "terpakai",
            "used",
        ),
        "wave_sheet" => (
            "Lembar cetak",
            "Printable sheet",
        ),
        "wave_count" => (
            "Jumlah undangan",
            "Number of invitations",
        ),
        "wave_issue" => (
            "Buat undangan",
            "Issue invitations",
        ),
        "responses_import_title" => (
            "Impor jawaban dari CSV",
            "Import responses from CSV",
        ),
        "responses_import_intro" => (
            "Untuk formulir kertas yang diketik ke spreadsheet, atau ekspor dari LimeSurvey, KoboToolbox atau Google Forms. Cocokkan kolom file dengan pertanyaan survei; semua baris diperiksa dulu dan jawaban hanya disimpan jika tidak ada masalah sama sekali. Kolom yang diabaikan (cap waktu, e-mail) tidak disimpan.",
            "For paper forms typed into a spreadsheet, or exports from LimeSurvey, KoboToolbox or Google Forms. Match the file's columns to the survey's questions; every row is checked first and answers are stored only if there is no problem at all. Ignored columns (timestamps, e-mail) are not stored.",
        ),
        "responses_read_columns" => (
            "Baca kolom",
            "Read columns",
        ),
        "responses_mapping" => (
            "Pencocokan kolom",
            "Column matching",
        ),
        "responses_file_column" => (
            "Kolom di file",
            "Column in the file",
        ),
        "responses_survey_column" => (
            "Pertanyaan survei",
            "Survey question",
        ),
        "responses_ignore" => (
            "(abaikan)",
            "(ignore)",
        ),
        "responses_ready" => (
            "Siap diimpor, jumlah jawaban:",
            "Ready to import, responses:",
        ),
        "responses_imported" => (
            "Impor selesai, jawaban tersimpan:",
            "Import complete, responses stored:",
        ),
        _ => ("?", "?"),
    };
    match locale {
        Locale::Id => id_text,
        Locale::En => en_text,
    }
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
            "survey_window_title",
            "survey_closing_title",
            "survey_closes",
            "survey_anonymity",
            "survey_items_answered",
            "survey_previous",
            "survey_next",
            "survey_page",
            "survey_submit",
            "survey_barrier_other",
            "survey_problems",
            "survey_unavailable",
            "survey_unknown_title",
            "survey_unknown_body",
            "survey_used_title",
            "survey_used_body",
            "survey_closed_title",
            "survey_closed_body",
            "survey_not_open_title",
            "survey_not_open_body",
            "survey_opens",
            "survey_thanks_title",
            "survey_thanks_body",
            "nav_waves",
            "waves_title",
            "waves_none",
            "waves_create",
            "wave_title",
            "wave_kind",
            "wave_kind_baseline",
            "wave_kind_follow_up",
            "wave_instrument",
            "wave_units",
            "wave_opens",
            "wave_closes",
            "wave_status_draft",
            "wave_status_scheduled",
            "wave_status_open",
            "wave_status_ended",
            "wave_status_closed",
            "wave_response_rate",
            "wave_created",
            "wave_open_page",
            "wave_previous",
            "wave_action_open",
            "wave_action_close",
            "wave_run_again",
            "wave_units_heading",
            "wave_issued",
            "wave_responded",
            "wave_invitations",
            "wave_tokens",
            "wave_used",
            "wave_sheet",
            "wave_count",
            "wave_issue",
            "responses_import_title",
            "responses_import_intro",
            "responses_read_columns",
            "responses_mapping",
            "responses_file_column",
            "responses_survey_column",
            "responses_ignore",
            "responses_ready",
            "responses_imported",
        ] {
            assert_ne!(text(Locale::Id, key), "?", "{key}");
            assert_ne!(text(Locale::En, key), text(Locale::Id, key), "{key}");
        }
    }
}
