//! The bar at the top of every page: where to go, who is signed in, the language.

use domain::access::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    auth::{current_user, Logout},
    i18n::{LanguageToggle, Text},
};

#[component]
pub fn NavBar() -> impl IntoView {
    // Asked again on every navigation, so signing in or out shows at once.
    let location = use_location();
    // Respondents (`/s/...`) are never signed in and need no menu: nothing is asked.
    let user = Resource::new(
        move || location.pathname.get(),
        |path| async move {
            if path.starts_with("/s/") {
                Ok(None)
            } else {
                current_user().await
            }
        },
    );
    let respondent = move || location.pathname.with(|p| p.starts_with("/s/"));
    let logout = ServerAction::<Logout>::new();
    view! {
        <header class="site-header">
            <nav aria-label="Siap">
                <a class="brand" href="/">"Siap"</a>
                <Suspense>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(Some(u)) => {
                                let admin = u.role == Role::Admin;
                                view! {
                                    <a href="/dashboard" data-testid="nav-dashboard"><Text id="nav_dashboard"/></a>
                                    <a href="/units"><Text id="nav_units"/></a>
                                    <a href="/intervensi" data-testid="nav-interventions"><Text id="nav_interventions"/></a>
                                    <a href="/kesenjangan" data-testid="nav-gaps"><Text id="nav_gaps"/></a>
                                    <a href="/waves"><Text id="nav_waves"/></a>
                                    <Show when=move || admin>
                                        <a href="/instruments" data-testid="nav-instruments"><Text id="nav_instruments"/></a>
                                        <a href="/admin/import-units"><Text id="nav_import"/></a>
                                        <a href="/admin/users"><Text id="nav_users"/></a>
                                        <a href="/admin/audit"><Text id="nav_audit"/></a>
                                        <a href="/admin/playbook"><Text id="nav_playbook"/></a>
                                    </Show>
                                    <a href="/akun/token" data-testid="nav-api-tokens"><Text id="nav_api_tokens"/></a>
                                    <a class="who" href="/account/password" data-testid="signed-in-as">
                                        <Text id="signed_in_as"/>" "{u.display_name.clone()}
                                    </a>
                                    <ActionForm action=logout attr:class="inline">
                                        <button type="submit" class="link" data-testid="logout"><Text id="nav_logout"/></button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                            _ if respondent() => ().into_any(),
                            _ => view! { <a href="/login" data-testid="nav-login"><Text id="nav_login"/></a> }.into_any(),
                        }
                    })}
                </Suspense>
            </nav>
            <LanguageToggle/>
        </header>
    }
}
