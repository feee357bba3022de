use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::{
    admin::{AuditPage, UsersPage},
    api_tokens::ApiTokensPage,
    auth::{LoginPage, PasswordPage, SetupPage},
    dashboard::{DashboardPage, ReportPage},
    gaps::GapsPage,
    i18n::{provide_locale, Text},
    instruments::{ComposerPage, InstrumentPage, InstrumentsPage},
    interventions::{EditPlanPage, InterventionsPage, NewPlanPage, PlanPage, PlaybookPage},
    nav::NavBar,
    pages::{home::HomePage, not_found::NotFound},
    survey::{SurveyPage, ThanksPage},
    units::{UnitPage, UnitsImportPage, UnitsPage},
    waves::{ImportResponsesPage, WavePage, WavesPage},
};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="id">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.ico"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_locale();
    // Effects run only in the browser, after hydration: the flag tells tests (and styles)
    // that the page is interactive.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <Stylesheet id="leptos" href="/pkg/siap.css"/>
        <Title text="Siap"/>
        <Router>
            <a class="skip-link" href="#main"><Text id="skip_to_content"/></a>
            <NavBar/>
            <main id="main" data-hydrated=move || hydrated.get().to_string()>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/setup") view=SetupPage/>
                    <Route path=path!("/account/password") view=PasswordPage/>
                    // Rendered whole: the list shows and revoking works without JavaScript.
                    <Route path=path!("/akun/token") view=ApiTokensPage ssr=SsrMode::Async/>
                    <Route path=path!("/units") view=UnitsPage/>
                    <Route path=path!("/units/:code") view=UnitPage/>
                    <Route path=path!("/admin/import-units") view=UnitsImportPage/>
                    <Route path=path!("/admin/users") view=UsersPage/>
                    <Route path=path!("/admin/audit") view=AuditPage/>
                    // Charts are server-rendered SVG: rendered whole so that they show without
                    // JavaScript (and print).
                    <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/dashboard/laporan") view=ReportPage ssr=SsrMode::Async/>
                    // Rendered whole: the composer posts and comes back without JavaScript.
                    <Route path=path!("/instruments") view=InstrumentsPage ssr=SsrMode::Async/>
                    <Route path=path!("/instruments/baru") view=ComposerPage ssr=SsrMode::Async/>
                    <Route path=path!("/instruments/:id") view=InstrumentPage ssr=SsrMode::Async/>
                    // Rendered whole: the board's buttons and every form post without JavaScript.
                    <Route path=path!("/intervensi") view=InterventionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/intervensi/baru") view=NewPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/intervensi/:id") view=PlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/intervensi/:id/ubah") view=EditPlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/playbook") view=PlaybookPage ssr=SsrMode::Async/>
                    <Route path=path!("/kesenjangan") view=GapsPage ssr=SsrMode::Async/>
                    <Route path=path!("/waves") view=WavesPage/>
                    <Route path=path!("/waves/:id") view=WavePage/>
                    <Route path=path!("/waves/:id/impor") view=ImportResponsesPage/>
                    // Rendered whole before sending: without JavaScript, a streamed
                    // (out-of-order) page would keep showing its loading placeholder.
                    <Route path=path!("/s/:token") view=SurveyPage ssr=SsrMode::Async/>
                    <Route path=path!("/s/:token/selesai") view=ThanksPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The page's Content-Security-Policy: scripts only from the site and the inline ones Leptos
/// writes with this response's nonce (hydration, streamed resources); WebAssembly may be
/// compiled; no plugins, no framing, forms post only to the site. Inline `style` attributes
/// stay allowed: charts colour their cells with them.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        &*nonce
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
