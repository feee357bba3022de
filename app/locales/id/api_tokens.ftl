# Strings of the personal API token page.
# Language: Bahasa Indonesia. Every key here must also be in the other language's api_tokens.ftl.

nav_api_tokens = Token API
tok_title = Token API pribadi
tok_intro = Token API membuat aplikasi lain (misalnya sistem kepegawaian) dapat memakai Siap atas nama Anda: dengan peran dan unit Anda, tidak lebih. Kirimkan token pada setiap permintaan dalam header
tok_docs = Baca dokumentasi API
tok_intro_revoke = Cabut token yang tidak lagi dipakai atau mungkin bocor: permintaan dengan token yang dicabut langsung ditolak.
tok_new = Token baru
tok_name = Nama token (untuk apa token dipakai)
tok_name_invalid = Nama token wajib diisi, paling banyak { $max } karakter (sekarang { $length }).
tok_create = Buat token
tok_secret_title = Token baru Anda
tok_secret_once = Salin sekarang: token ini tidak akan ditampilkan lagi. Simpan di tempat yang aman; siapa pun yang memegangnya dapat bertindak atas nama Anda.
tok_list = Token Anda
tok_none = Anda belum punya token.
tok_col_name = Nama
tok_prefix = Awalan
tok_created = Dibuat
tok_last_used = Terakhir dipakai
tok_active = Aktif
tok_revoked = Dicabut
tok_revoke = Cabut
tok_revoke_done = Token dicabut.
