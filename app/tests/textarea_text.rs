//! No `<textarea>` in the interface is given children: the renderer writes them unescaped
//! (see `src/text_area.rs`), so its starting text must come through `textarea_text` as
//! `inner_html`. A source check, because the hole is in how a view is written, on any page.

use std::{fs, path::Path};

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("app/src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            // The helper's own documentation and tests quote textareas.
            && !path.ends_with("text_area.rs")
        {
            let text = fs::read_to_string(&path).expect("a source file is UTF-8");
            out.push((path.display().to_string(), text));
        }
    }
}

/// Each `<textarea …>…</textarea>` in `text`: the part between the opening `<textarea` and
/// the closing tag.
fn textareas(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<textarea") {
        let after = &rest[start..];
        let Some(end) = after.find("</textarea>") else {
            break;
        };
        found.push(&after[..end]);
        rest = &after[end..];
    }
    found
}

#[test]
fn no_textarea_has_children() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut seen = 0;
    let mut offenders = Vec::new();
    for (path, text) in &files {
        for element in textareas(text) {
            seen += 1;
            // Written right, the opening tag's `>` is the last thing before `</textarea>`.
            let inner_ok = element.trim_end().ends_with('>') && !element.trim_end().ends_with("/>");
            let filled = element.contains("inner_html=") || element.contains("prop:value=");
            if !inner_ok {
                offenders.push(format!("{path}: children inside {element:?}"));
            } else if !filled && element.contains('{') {
                offenders.push(format!("{path}: text outside inner_html in {element:?}"));
            }
        }
    }
    assert!(
        seen >= 8,
        "the check found only {seen} textareas: is it still reading app/src?"
    );
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

#[test]
fn the_check_catches_children() {
    let bad = r#"<textarea id="x" name="d" rows="3" required>{field("d")}</textarea>"#;
    let element = textareas(bad)[0];
    assert!(!element.trim_end().ends_with('>'));
    let good = r#"<textarea id="x" name="d" inner_html=textarea_text(&d)></textarea>"#;
    assert!(textareas(good)[0].trim_end().ends_with('>'));
}
