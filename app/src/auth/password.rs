//! Password hashing with Argon2id (OWASP's first choice), in PHC string format.

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHasher, PasswordVerifier, SaltString},
    Argon2, PasswordHash as Phc,
};

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 10;

/// Why a new password is refused, in both languages.
pub fn check_new(password: &str, username: &str) -> Result<(), (&'static str, &'static str)> {
    if password.chars().count() < MIN_LENGTH {
        return Err((
            "Kata sandi minimal 10 karakter.",
            "The password needs at least 10 characters.",
        ));
    }
    if password.chars().count() > 256 {
        return Err((
            "Kata sandi maksimal 256 karakter.",
            "The password may have at most 256 characters.",
        ));
    }
    if password.trim().eq_ignore_ascii_case(username.trim()) {
        return Err((
            "Kata sandi tidak boleh sama dengan nama pengguna.",
            "The password must differ from the username.",
        ));
    }
    if too_simple(password) {
        return Err((
            "Kata sandi terlalu sederhana: pakai huruf dan beberapa karakter yang berbeda.",
            "The password is too simple: use letters and several different characters.",
        ));
    }
    if is_common(password) {
        return Err((
            "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya beberapa kata.",
            "This password is too common and easy to guess. Choose another, e.g. a few words.",
        ));
    }
    Ok(())
}

/// The 10,000 most common passwords of published leaks and common Indonesian bases, one per
/// line, lowercase (written by `scripts/common_passwords.py`).
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().filter(|l| !l.is_empty()).collect())
}

/// A common password, or one with only digits and symbols added at its end
/// (`password12`, `Jakarta2026!`).
fn is_common(password: &str) -> bool {
    let lower = password.trim().to_lowercase();
    let base = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    let list = common_passwords();
    list.contains(lower.as_str()) || (!base.is_empty() && list.contains(base))
}

/// Fewer than four different characters (ten spaces, `aaaaaaaaaa`, `abababab12`), or no
/// letter at all (`1234567890`).
fn too_simple(password: &str) -> bool {
    let distinct: std::collections::HashSet<char> = password.chars().collect();
    distinct.len() < 4 || !password.chars().any(char::is_alphabetic)
}

pub fn hash(password: &str) -> Result<store::PasswordHash, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    let phc = Argon2::default().hash_password(password.as_bytes(), &salt)?;
    Ok(store::PasswordHash::new(phc.to_string()))
}

pub fn verify(password: &str, hash: &store::PasswordHash) -> bool {
    Phc::new(hash.as_str())
        .map(|phc| {
            Argon2::default()
                .verify_password(password.as_bytes(), &phc)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same time as a real check when the username does not exist, so response
/// times do not reveal which usernames exist.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<Option<store::PasswordHash>> = std::sync::OnceLock::new();
    if let Some(dummy) = DUMMY.get_or_init(|| hash("siap-dummy-password-for-timing").ok()) {
        let _ = verify(password, dummy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_per_salt() {
        let a = hash("kata-sandi-rahasia").expect("hash");
        let b = hash("kata-sandi-rahasia").expect("hash");
        assert_ne!(a.as_str(), b.as_str());
        assert!(a.as_str().starts_with("$argon2id$"));
        assert!(verify("kata-sandi-rahasia", &a));
        assert!(!verify("kata-sandi-salah!", &a));
        assert!(!verify("x", &store::PasswordHash::new("not a hash")));
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(check_new("pendek", "budi").is_err());
        assert!(check_new("budi.santoso", "Budi.Santoso").is_err());
        assert!(check_new("cukup-panjang-sekali", "budi").is_ok());
    }

    #[test]
    fn common_and_simple_passwords_are_refused() {
        for weak in [
            "          ",
            "1234567890",
            "password12",
            "Password123!",
            "qwertyuiop",
            "aaaaaaaaaa",
            "Jakarta2026",
            "bismillah123",
        ] {
            assert!(check_new(weak, "budi").is_err(), "{weak:?} was accepted");
        }
    }

    #[test]
    fn ordinary_passphrases_are_accepted() {
        for good in [
            "rahasia-sekali-123",
            "kata-sandi-operator-2026",
            "kopi pagi di balai kota",
            "Gelombang-Kedua-Siap!",
        ] {
            assert_eq!(check_new(good, "budi"), Ok(()), "{good:?} was refused");
        }
    }

    #[test]
    fn the_list_is_loaded() {
        assert!(common_passwords().len() >= 10_000);
        assert!(common_passwords().contains("123456"));
    }
}
