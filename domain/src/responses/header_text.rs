//! How the headers of other tools' files are compared with what a survey asks, for guessing
//! a column mapping. Tools decorate their headers in a few well-known ways; these undo them.

use super::labels::folded;

/// A name as compared with canonical names and codes: lowercase letters and digits only, so
/// `Kode Unit`, `kode_unit` and `KODE-UNIT` agree, and so do `kesesuaian-1`, LimeSurvey's
/// `kesesuaian1` (its codes allow no `-`) and KoboToolbox's `kesesuaian_1`.
pub(super) fn name_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header without the group path KoboToolbox puts in front (`grup_a/kesesuaian_1`).
pub(super) fn last_segment(header: &str) -> &str {
    header.rsplit('/').next().unwrap_or(header)
}

/// A question text as compared with another: folded, without the final punctuation or
/// required-answer star some headers keep and others drop.
pub(super) fn text_key(text: &str) -> String {
    folded(text)
        .trim_end_matches(['.', ':', '?', '!', '*', ' '])
        .to_owned()
}

/// The texts a header may stand for, most literal first: the header itself; the part in
/// its final brackets, where Google Forms and LimeSurvey put the row of a grid question
/// ("Seberapa setuju Anda? [Perubahan ini ...]"); each without a leading question number
/// ("3. ...", "3) ...", "1.2 ...").
pub(super) fn text_variants(header: &str) -> Vec<String> {
    let mut texts = vec![header];
    if let Some(inner) = bracketed(header) {
        texts.push(inner);
    }
    let numbered: Vec<&str> = texts.iter().filter_map(|text| unnumbered(text)).collect();
    texts.extend(numbered);
    texts
        .into_iter()
        .map(text_key)
        .filter(|key| !key.is_empty())
        .collect()
}

/// The text inside the brackets that end the header, if it ends with some.
fn bracketed(header: &str) -> Option<&str> {
    let inner = header.trim_end().strip_suffix(']')?;
    let open = inner.rfind('[')?;
    Some(&inner[open + 1..])
}

/// The text after a leading question number, when it has one: digits and dots, then `.`,
/// `)`, `:`, `-` or a space. Only a separated number counts, so "3D printer" keeps its 3.
fn unnumbered(text: &str) -> Option<&str> {
    let text = text.trim_start();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let separated = text[..text.len() - rest.len()].ends_with('.')
        || rest.starts_with([')', ':', '-', ' ', '\t']);
    separated.then(|| rest.trim_start_matches([')', ':', '-', ' ', '\t']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spaces_and_punctuation() {
        assert_eq!(name_key(" Kode Unit "), "kodeunit");
        assert_eq!(name_key("kesesuaian_1"), name_key("kesesuaian-1"));
        assert_eq!(name_key("barrier[ti]"), name_key("barrier:ti"));
        assert_eq!(last_segment("grup_a/kesesuaian_1"), "kesesuaian_1");
        assert_eq!(text_key("  Beban   KERJA. * "), "beban kerja");
    }

    #[test]
    fn variants_undo_brackets_and_question_numbers() {
        assert_eq!(
            text_variants("Seberapa setuju? [Anggaran]"),
            vec!["seberapa setuju? [anggaran]", "anggaran"]
        );
        assert_eq!(text_variants("[Anggaran]"), vec!["[anggaran]", "anggaran"]);
        assert_eq!(
            text_variants("3. Beban kerja"),
            vec!["3. beban kerja", "beban kerja"]
        );
        assert_eq!(
            text_variants("12) Beban kerja"),
            vec!["12) beban kerja", "beban kerja"]
        );
        assert_eq!(
            text_variants("1.2 Beban kerja"),
            vec!["1.2 beban kerja", "beban kerja"]
        );
        assert_eq!(
            text_variants("4. Hambatan [Anggaran]"),
            vec!["4. hambatan [anggaran]", "anggaran", "hambatan [anggaran]"]
        );
        assert_eq!(text_variants("3D printer"), vec!["3d printer"]);
        assert_eq!(text_variants(" "), Vec::<String>::new());
    }
}
