//! Writing an instrument back to TOML in the same layout as the hand-written files (dotted
//! `text.id` / `text.en` keys, items grouped by section), so an exported file reads like the
//! documentation and can be edited and uploaded again.
//!
//! Written by hand rather than with `toml::to_string` because the layout is part of the
//! format's usability, and because writing strings cannot fail: only quoting needs care, and
//! that is delegated to the `toml` crate.

use std::fmt::Write as _;

use super::definition::Instrument;
use super::draft::TextDraft;

impl Instrument {
    /// The instrument as a TOML file that [`Instrument::from_toml`] reads back into an equal
    /// instrument.
    pub fn to_toml(&self) -> String {
        let draft = self.to_draft();
        let mut out = String::new();
        line(&mut out, "id", &string(&draft.id));
        line(&mut out, "version", &draft.version.to_string());
        text(&mut out, "title", &draft.title);
        text(&mut out, "description", &draft.description);

        out.push_str("\n[scale]\n");
        line(&mut out, "points", &draft.scale.points.to_string());
        out.push_str("labels = [\n");
        for label in &draft.scale.labels {
            let _ = writeln!(
                out,
                "  {{ id = {}, en = {} }},",
                string(label.id.as_deref().unwrap_or_default()),
                string(label.en.as_deref().unwrap_or_default())
            );
        }
        out.push_str("]\n");

        for dimension in &draft.dimensions {
            out.push_str("\n[[dimensions]]\n");
            line(&mut out, "id", &string(&dimension.id));
            line(&mut out, "construct", &string(&dimension.construct));
            line(
                &mut out,
                "higher_is_more_ready",
                &dimension.higher_is_more_ready.to_string(),
            );
            text(&mut out, "name", &dimension.name);
        }

        for section in &draft.sections {
            out.push_str("\n[[sections]]\n");
            line(&mut out, "id", &string(&section.id));
            text(&mut out, "title", &section.title);
        }

        let mut current_section = None;
        for item in &draft.items {
            if current_section != Some(&item.section) {
                let _ = write!(out, "\n# --- section {} ---\n", item.section);
                current_section = Some(&item.section);
            }
            out.push_str("\n[[items]]\n");
            line(&mut out, "id", &string(&item.id));
            line(&mut out, "section", &string(&item.section));
            line(&mut out, "dimension", &string(&item.dimension));
            line(&mut out, "reverse_keyed", &item.reverse_keyed.to_string());
            line(&mut out, "required", &item.required.to_string());
            text(&mut out, "text", &item.text);
        }

        if let Some(barriers) = &draft.barriers {
            out.push_str("\n[barriers]\n");
            let codes: Vec<String> = barriers.codes.iter().map(|code| string(code)).collect();
            line(&mut out, "codes", &format!("[{}]", codes.join(", ")));
            if let Some(limit) = barriers.other_max_length {
                line(&mut out, "other_max_length", &limit.to_string());
            }
            text(&mut out, "prompt", &barriers.prompt);
        }

        for comment in &draft.comments {
            out.push_str("\n[[comments]]\n");
            line(&mut out, "id", &string(&comment.id));
            line(&mut out, "max_length", &comment.max_length.to_string());
            line(&mut out, "required", &comment.required.to_string());
            text(&mut out, "prompt", &comment.prompt);
        }
        out
    }
}

fn line(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn text(out: &mut String, key: &str, text: &TextDraft) {
    for (language, value) in [("id", &text.id), ("en", &text.en)] {
        if let Some(value) = value {
            line(out, &format!("{key}.{language}"), &string(value));
        }
    }
}

/// A TOML string literal, quoted and escaped by the `toml` crate.
fn string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}
