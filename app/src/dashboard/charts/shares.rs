//! Horizontal bars of shares (0-100%) with labels: barriers cited, response rates.

use leptos::prelude::*;

use crate::{format::decimal, i18n::use_locale};

/// One bar: a label, a share (0-1), and the text written after the bar.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareBar {
    pub label: String,
    pub share: f64,
    pub note: String,
}

#[component]
pub fn ShareBars(bars: Vec<ShareBar>, #[prop(into)] test_id: String) -> impl IntoView {
    let locale = use_locale();
    let rows = bars
        .into_iter()
        .map(|bar| {
            let width = (bar.share.clamp(0.0, 1.0) * 100.0).max(0.5);
            let share = bar.share;
            view! {
                <li>
                    <span class="label">{bar.label}</span>
                    <span class="track">
                        <span class="fill" style=format!("width:{width:.1}%")></span>
                    </span>
                    <span class="value">{move || format!("{}%", decimal(share * 100.0, 1, locale.get()))}" "{bar.note}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="share-bars" data-testid=test_id>{rows}</ul> }
}
