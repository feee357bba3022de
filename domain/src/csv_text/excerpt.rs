//! Values quoted back in problem messages.

/// The value cut short and stripped of control characters, so a pasted paragraph or binary
/// junk cannot flood the report (or break the line it is shown on).
pub(crate) fn excerpt(raw: &str) -> String {
    const MAX_CHARS: usize = 60;
    let trimmed = raw.trim();
    let mut out: String = trimmed
        .chars()
        .take(MAX_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if trimmed.chars().count() > MAX_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short_and_printable() {
        assert_eq!(excerpt(" a\tb "), "a b");
        assert_eq!(excerpt(&"x".repeat(100)).chars().count(), 61);
    }
}
