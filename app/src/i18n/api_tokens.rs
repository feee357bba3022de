//! Strings of the personal API token page.

pub(super) const API_TOKENS: &[(&str, &str, &str)] = &[
    ("nav_api_tokens", "Token API", "API tokens"),
    ("tok_title", "Token API pribadi", "Personal API tokens"),
    (
        "tok_intro",
        "Token API membuat aplikasi lain (misalnya sistem kepegawaian) dapat memakai Siap atas nama Anda: dengan peran dan unit Anda, tidak lebih. Kirimkan token pada setiap permintaan dalam header",
        "An API token lets another application (an HR system, say) use Siap as you: with your role and your units, nothing more. Send it with every request in the header",
    ),
    ("tok_docs", "Baca dokumentasi API", "Read the API documentation"),
    (
        "tok_intro_revoke",
        "Cabut token yang tidak lagi dipakai atau mungkin bocor: permintaan dengan token yang dicabut langsung ditolak.",
        "Revoke a token that is no longer used or may have leaked: requests with a revoked token are refused at once.",
    ),
    ("tok_new", "Token baru", "New token"),
    (
        "tok_name",
        "Nama token (untuk apa token dipakai)",
        "Token name (what it is for)",
    ),
    ("tok_create", "Buat token", "Create token"),
    ("tok_secret_title", "Token baru Anda", "Your new token"),
    (
        "tok_secret_once",
        "Salin sekarang: token ini tidak akan ditampilkan lagi. Simpan di tempat yang aman; siapa pun yang memegangnya dapat bertindak atas nama Anda.",
        "Copy it now: it will not be shown again. Keep it somewhere safe; whoever holds it can act as you.",
    ),
    ("tok_list", "Token Anda", "Your tokens"),
    ("tok_none", "Anda belum punya token.", "You have no tokens yet."),
    ("tok_col_name", "Nama", "Name"),
    ("tok_prefix", "Awalan", "Starts with"),
    ("tok_created", "Dibuat", "Created"),
    ("tok_last_used", "Terakhir dipakai", "Last used"),
    ("tok_active", "Aktif", "Active"),
    ("tok_revoked", "Dicabut", "Revoked"),
    ("tok_revoke", "Cabut", "Revoke"),
    ("tok_revoke_done", "Token dicabut.", "Token revoked."),
];
