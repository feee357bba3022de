//! The respondent's draft, kept in the phone's local storage so a reload or a dropped
//! connection loses nothing typed. It never leaves the device, and the thank-you page removes
//! it once the answers are stored.

use domain::instrument::Answers;

fn key(token: &str) -> String {
    format!("siap:draft:{token}")
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft for this token, if any.
#[cfg(feature = "hydrate")]
pub fn load(token: &str) -> Option<Answers> {
    let text = storage()?.get_item(&key(token)).ok()??;
    serde_json::from_str(&text).ok()
}

/// Saves the draft (best effort: a full or disabled storage only loses the convenience).
#[cfg(feature = "hydrate")]
pub fn save(token: &str, answers: &Answers) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(answers)) {
        let _ = storage.set_item(&key(token), &text);
    }
}

/// Forgets the draft.
#[cfg(feature = "hydrate")]
pub fn clear(token: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(token));
    }
}

// On the server there is no local storage: effects never run there, these keep the callers
// free of cfg noise.
#[cfg(not(feature = "hydrate"))]
pub fn load(token: &str) -> Option<Answers> {
    let _ = key(token);
    None
}

#[cfg(not(feature = "hydrate"))]
pub fn save(_token: &str, _answers: &Answers) {}

#[cfg(not(feature = "hydrate"))]
pub fn clear(_token: &str) {}
