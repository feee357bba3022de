use leptos::prelude::*;

use crate::{
    i18n::{code, use_locale, Text},
    status::get_platform_status,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let status = Resource::new(|| (), |_| get_platform_status());

    view! {
        <div class="page home" lang=move || code(locale.get())>
            <h1>"Siap"</h1>
            <p class="tagline" data-testid="tagline"><Text id="tagline"/></p>
            <p><Text id="intro"/></p>
            <section class="card" aria-labelledby="status-heading">
                <h2 id="status-heading"><Text id="status_heading"/></h2>
                <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                    {move || Suspend::new(async move {
                        match status.await {
                            Ok(s) => view! {
                                <dl class="status" data-testid="status">
                                    <dt><Text id="status_database"/></dt>
                                    <dd data-testid="engine">{s.engine}</dd>
                                    <dt><Text id="status_units"/></dt>
                                    <dd data-testid="units">{s.units}</dd>
                                </dl>
                            }.into_any(),
                            Err(_) => view! { <p role="alert"><Text id="status_error"/></p> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}
