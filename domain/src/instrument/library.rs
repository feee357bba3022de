//! The built-in item library and the default survey, written for Siap (see
//! `domain/instruments/`). Both are ordinary instrument files embedded in the binary, so they
//! follow the same rules as uploaded ones; tests prove they parse.

use std::sync::OnceLock;

use super::definition::Instrument;

const LIBRARY_TOML: &str = include_str!("../../instruments/library.toml");
const DEFAULT_TOML: &str = include_str!("../../instruments/default.toml");

/// Every built-in item, grouped in thematic sections, as one instrument (`pustaka-siap`).
/// Surveys are composed from it with [`Instrument::compose`].
pub fn library() -> &'static Instrument {
    static LIBRARY: OnceLock<Instrument> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        // The file is part of the source; the test suite parses it, so this cannot fail in a
        // build whose tests pass.
        Instrument::from_toml(LIBRARY_TOML).expect("the embedded library.toml is valid")
    })
}

/// The default survey `kesiapan-perubahan`: 34 library items on a 5-point agreement scale, the
/// barriers checklist and one comment question.
pub fn default_instrument() -> Instrument {
    static DEFAULT: OnceLock<Instrument> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            // As for the library: the tests parse the embedded file.
            Instrument::from_toml(DEFAULT_TOML).expect("the embedded default.toml is valid")
        })
        .clone()
}

/// The embedded text of the default survey, for downloading as a starting point.
pub fn default_instrument_toml() -> &'static str {
    DEFAULT_TOML
}
