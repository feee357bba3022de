//! Query strings for addresses that carry a form back to its page.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

/// `key=value&...`, every key and value percent-encoded.
pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                utf8_percent_encode(key, NON_ALPHANUMERIC),
                utf8_percent_encode(value, NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_keys_and_values() {
        assert_eq!(
            super::encode([("a b", "x&y"), ("targets[dimension:k]", "on")]),
            "a%20b=x%26y&targets%5Bdimension%3Ak%5D=on"
        );
    }
}
