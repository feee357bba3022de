//! Siap's user interface. Compiled twice: with `ssr` into the server (rendering pages and
//! running server functions) and with `hydrate` into WebAssembly for the browser. Nothing
//! server-only may appear outside `cfg(feature = "ssr")`.

// Leptos view types nest deeply; the wave page's type exceeds the default depth.
#![recursion_limit = "256"]

pub mod admin;
pub mod api_tokens;
pub mod auth;
pub mod dashboard;
pub mod error;
pub mod format;
pub mod gaps;
pub mod i18n;
pub mod indicators;
pub mod instruments;
pub mod interventions;
mod lang_cookie;
mod nav;
pub mod pages;
mod query;
mod shell;
pub mod status;
pub mod survey;
mod text_area;
pub mod units;
pub mod waves;

pub use shell::{shell, App};

/// The WebAssembly entry point: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
