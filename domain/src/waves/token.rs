//! Invitation tokens: the code on a printed slip or in a link (`/s/{token}`) that lets one
//! invited civil servant answer a wave once. The stored response keeps no link to it.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use super::WaveError;

/// Crockford's base32 alphabet in lowercase: no i, l, o or u, so a code read aloud or copied
/// from paper is hard to get wrong.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH: usize = 12;
const GROUP: usize = 4;

/// Twelve characters of [`ALPHABET`]: 60 random bits. With a hundred thousand tokens issued,
/// a guessed code hits one of them about once in 2^43 tries.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InvitationToken(String);

impl InvitationToken {
    /// A token from 16 random bytes, such as a version 4 UUID's. It takes the UUID's first 60
    /// random bits, skipping the fixed version nibble (the high half of byte 6).
    pub fn from_random_bytes(bytes: &[u8; 16]) -> Self {
        let mut bits = 0u64;
        for byte in &bytes[..6] {
            bits = (bits << 8) | u64::from(*byte);
        }
        bits = (bits << 4) | u64::from(bytes[6] & 0x0f);
        bits = (bits << 8) | u64::from(bytes[7]);
        let text = (0..LENGTH)
            .rev()
            .map(|position| char::from(ALPHABET[((bits >> (position * 5)) & 0x1f) as usize]))
            .collect();
        Self(text)
    }

    /// Reads a token as typed by a person: spaces and `-` are ignored, case does not matter,
    /// `o` is read as `0` and `i` or `l` as `1`.
    pub fn parse(raw: &str) -> Result<Self, WaveError> {
        let mut text = String::with_capacity(LENGTH);
        for character in raw.chars() {
            let character = match character.to_ascii_lowercase() {
                c if c.is_whitespace() || c == '-' => continue,
                'o' => '0',
                'i' | 'l' => '1',
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
                _ => return Err(WaveError::BadToken),
            };
            if text.len() == LENGTH {
                return Err(WaveError::BadToken);
            }
            text.push(character);
        }
        if text.len() != LENGTH {
            return Err(WaveError::BadToken);
        }
        Ok(Self(text))
    }

    /// The twelve characters, as in links.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of four joined by `-` (`abcd-efgh-jkmn`), for printing.
    pub fn grouped(&self) -> String {
        let groups: Vec<&str> = (0..LENGTH)
            .step_by(GROUP)
            .filter_map(|start| self.0.get(start..start + GROUP))
            .collect();
        groups.join("-")
    }
}

impl fmt::Display for InvitationToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for InvitationToken {
    type Err = WaveError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for InvitationToken {
    type Error = WaveError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<InvitationToken> for String {
    fn from(token: InvitationToken) -> Self {
        token.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn token(text: &str) -> InvitationToken {
        InvitationToken::parse(text).unwrap()
    }

    #[test]
    fn sixty_bits_skipping_the_uuid_version_nibble() {
        assert_eq!(
            InvitationToken::from_random_bytes(&[0; 16]).as_str(),
            "000000000000"
        );
        let mut ones = [0xff; 16];
        assert_eq!(
            InvitationToken::from_random_bytes(&ones).as_str(),
            "zzzzzzzzzzzz"
        );
        // The version nibble and everything after byte 7 do not change the token.
        ones[6] = 0x4f;
        ones[8..].fill(0);
        assert_eq!(
            InvitationToken::from_random_bytes(&ones).as_str(),
            "zzzzzzzzzzzz"
        );
        let mut last = [0; 16];
        last[7] = 1;
        assert_eq!(
            InvitationToken::from_random_bytes(&last).as_str(),
            "000000000001"
        );
    }

    #[test]
    fn every_generated_token_parses_back() {
        for seed in 0u8..=255 {
            let bytes = [seed.wrapping_mul(37); 16].map(|b| b ^ seed);
            let made = InvitationToken::from_random_bytes(&bytes);
            assert_eq!(made.as_str().len(), 12);
            assert_eq!(token(made.as_str()), made);
            assert_eq!(token(&made.grouped()), made);
        }
    }

    #[test]
    fn forgiving_for_people_typing_from_paper() {
        let expected = token("0123abcd1xyz");
        for typed in [
            "0123-abcd-1xyz",
            "0123 ABCD 1XYZ",
            " o123-abcd-iXyz ",
            "O123abcdLxyz",
            "0123-ABCD-lxyz",
        ] {
            assert_eq!(token(typed), expected, "{typed}");
        }
    }

    #[test]
    fn rejects_wrong_length_and_foreign_characters() {
        for bad in [
            "",
            "0123-abcd-1xy",
            "0123-abcd-1xyz0",
            "0123-abcd-1xyu",
            "0123_abcd_1xyz",
            "0123-abcd-1xy!",
            "0123-abcd-1xyé",
        ] {
            assert_eq!(
                InvitationToken::parse(bad),
                Err(WaveError::BadToken),
                "{bad}"
            );
        }
    }

    #[test]
    fn grouped_for_print_and_displayed_plain() {
        let made = token("abcdefghjkmn");
        assert_eq!(made.grouped(), "abcd-efgh-jkmn");
        assert_eq!(made.to_string(), "abcdefghjkmn");
    }

    #[test]
    fn serde_is_the_plain_text_and_validates() {
        let made = token("abcdefghjkmn");
        assert_eq!(serde_json::to_string(&made).unwrap(), "\"abcdefghjkmn\"");
        assert_eq!(
            serde_json::from_str::<InvitationToken>("\"ABCD-EFGH-JKMN\"").unwrap(),
            made
        );
        assert!(serde_json::from_str::<InvitationToken>("\"abc\"").is_err());
    }
}
