//! Query strings for addresses that carry a form back to its page.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

/// One value percent-encoded for a query string.
pub fn encode_value(value: &str) -> String {
    utf8_percent_encode(value, NON_ALPHANUMERIC).to_string()
}

/// `key=value&...`, every key and value percent-encoded.
pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(key, value)| format!("{}={}", encode_value(key), encode_value(value)))
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
