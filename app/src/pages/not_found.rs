use leptos::prelude::*;

use crate::i18n::Text;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="page">
            <h1><Text id="not_found_title"/></h1>
            <p><Text id="not_found_body"/></p>
            <p><a href="/"><Text id="home"/></a></p>
        </div>
    }
}
