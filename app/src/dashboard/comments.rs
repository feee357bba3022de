//! Which open comments a dashboard view shows. A province has thousands; the page shows the
//! most repeated ones with how often each was written, and otherwise an arbitrary but fixed
//! choice (by a hash of the text), never the order of answering.

use std::collections::HashMap;

use super::model::{CommentLine, CommentSample};

/// Comments a view shows at most.
pub const MAX_COMMENTS: usize = 30;

/// FNV-1a: a fixed order that depends on the text only.
fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn sample(comments: &[String]) -> CommentSample {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for comment in comments {
        *counts.entry(comment.trim()).or_insert(0) += 1;
    }
    let mut lines: Vec<(&str, u64)> = counts.into_iter().filter(|(t, _)| !t.is_empty()).collect();
    lines.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| text_hash(a.0).cmp(&text_hash(b.0)))
    });
    lines.truncate(MAX_COMMENTS);
    CommentSample {
        total: comments.len() as u64,
        lines: lines
            .into_iter()
            .map(|(text, count)| CommentLine {
                text: text.to_owned(),
                count,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_comments_first_with_counts_and_at_most_thirty() {
        let mut comments: Vec<String> = (0..100).map(|i| format!("komentar {i}")).collect();
        for _ in 0..3 {
            comments.push("Pelatihan kurang".to_owned());
        }
        comments.push("  ".to_owned());
        let sample = sample(&comments);
        assert_eq!(sample.total, 104);
        assert_eq!(sample.lines.len(), MAX_COMMENTS);
        assert_eq!(
            sample.lines[0],
            CommentLine {
                text: "Pelatihan kurang".to_owned(),
                count: 3
            }
        );
        let mut reversed = comments.clone();
        reversed.reverse();
        assert_eq!(
            super::sample(&reversed),
            sample,
            "the order of answering does not matter"
        );
    }
}
