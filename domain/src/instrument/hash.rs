//! The content hash of an instrument: how the platform notices that an instrument already used
//! by a wave was edited, and so must become a new version rather than change in place.
//!
//! The hash is SHA-256 over a canonical byte encoding written here, field by field, with every
//! string length-prefixed. It is not computed over TOML or JSON text, because stored hashes
//! must not change when a serializer upgrade alters quoting or spacing. The version number is
//! left out on purpose: two versions with the same content hash ask the same thing.

use sha2::{Digest, Sha256};

use super::definition::Instrument;
use super::text::Bilingual;

/// Bumped only if the encoding below changes, which changes every hash.
const ENCODING: &str = "siap-instrument-content-v1";

impl Instrument {
    /// Lowercase hex SHA-256 of everything that respondents see or that affects scoring: ids,
    /// texts in both languages, scale labels, dimensions and their constructs, section and item
    /// order, reverse keying, required flags, the checklist and the comment questions. Equal for
    /// equal instruments, whatever file layout they were read from.
    pub fn content_hash(&self) -> String {
        let mut canonical = Canonical(Sha256::new());
        canonical.text(ENCODING);
        canonical.text(self.id.as_str());
        canonical.bilingual(&self.title);
        canonical.bilingual(&self.description);

        canonical.count(self.scale.labels().len());
        for label in self.scale.labels() {
            canonical.bilingual(label);
        }

        canonical.count(self.dimensions.len());
        for dimension in &self.dimensions {
            canonical.text(dimension.id.as_str());
            canonical.text(dimension.construct.as_str());
            canonical.bilingual(&dimension.name);
            canonical.flag(dimension.higher_is_more_ready);
        }

        canonical.count(self.sections.len());
        for section in &self.sections {
            canonical.text(section.id.as_str());
            canonical.bilingual(&section.title);
            canonical.count(section.items.len());
            for item in &section.items {
                canonical.text(item.id.as_str());
                canonical.text(item.dimension.as_str());
                canonical.bilingual(&item.text);
                canonical.flag(item.reverse_keyed);
                canonical.flag(item.required);
            }
        }

        match &self.barriers {
            None => canonical.flag(false),
            Some(barriers) => {
                canonical.flag(true);
                canonical.bilingual(&barriers.prompt);
                canonical.count(barriers.codes.len());
                for code in &barriers.codes {
                    canonical.text(code.as_str());
                }
                canonical.number(barriers.other_max_length);
            }
        }

        canonical.count(self.comments.len());
        for comment in &self.comments {
            canonical.text(comment.id.as_str());
            canonical.bilingual(&comment.prompt);
            canonical.number(comment.max_length);
            canonical.flag(comment.required);
        }

        canonical
            .0
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// An unambiguous encoding: fixed-width numbers and length-prefixed strings, so no two
/// different instruments produce the same bytes.
struct Canonical(Sha256);

impl Canonical {
    fn number(&mut self, value: u32) {
        self.0.update(u64::from(value).to_le_bytes());
    }

    fn count(&mut self, value: usize) {
        self.0.update((value as u64).to_le_bytes());
    }

    fn flag(&mut self, value: bool) {
        self.0.update([u8::from(value)]);
    }

    fn text(&mut self, value: &str) {
        self.count(value.len());
        self.0.update(value.as_bytes());
    }

    fn bilingual(&mut self, value: &Bilingual) {
        self.text(value.id());
        self.text(value.en());
    }
}
