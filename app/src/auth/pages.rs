use leptos::prelude::*;

use super::{needs_setup, ChangePassword, Login, SetupFirstAdmin};
use crate::i18n::{use_locale, Text};

/// Shows a server function's error in the user's language.
#[component]
pub fn ActionError(
    error: impl Fn() -> Option<crate::error::AppError> + Send + Sync + 'static,
) -> impl IntoView {
    let locale = use_locale();
    move || {
        error().map(|err| {
            view! { <p class="error" role="alert" data-testid="form-error">{err.message(locale.get())}</p> }
        })
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    view! {
        <div class="page narrow">
            <h1><Text id="login_title"/></h1>
            <ActionForm action=login attr:class="stack">
                <label for="username"><Text id="username"/></label>
                <input id="username" name="username" autocomplete="username" required maxlength="64"/>
                <label for="password"><Text id="password"/></label>
                <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"/>
                <button type="submit" data-testid="login-submit"><Text id="sign_in"/></button>
            </ActionForm>
            <ActionError error=move || login.value().get().and_then(Result::err)/>
        </div>
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let setup = ServerAction::<SetupFirstAdmin>::new();
    let open = Resource::new(|| (), |_| needs_setup());
    view! {
        <div class="page narrow">
            <h1><Text id="setup_title"/></h1>
            <Suspense>
                {move || Suspend::new(async move {
                    match open.await {
                        Ok(true) => view! {
                            <p><Text id="setup_intro"/></p>
                            <ActionForm action=setup attr:class="stack">
                                <label for="username"><Text id="username"/></label>
                                <input id="username" name="username" autocomplete="username" required maxlength="64"/>
                                <label for="display_name"><Text id="display_name"/></label>
                                <input id="display_name" name="display_name" required maxlength="120"/>
                                <label for="password"><Text id="password"/></label>
                                <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="256" aria-describedby="password-hint"/>
                                <small id="password-hint"><Text id="password_hint"/></small>
                                <button type="submit" data-testid="setup-submit"><Text id="create_admin"/></button>
                            </ActionForm>
                            <ActionError error=move || setup.value().get().and_then(Result::err)/>
                        }.into_any(),
                        _ => view! { <p><Text id="setup_done"/></p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    view! {
        <div class="page narrow">
            <h1><Text id="account_password"/></h1>
            <ActionForm action=change attr:class="stack">
                <label for="current"><Text id="password_current"/></label>
                <input id="current" name="current" type="password" autocomplete="current-password" required/>
                <label for="new"><Text id="password_new"/></label>
                <input id="new" name="new" type="password" autocomplete="new-password" required minlength="10" aria-describedby="new-hint"/>
                <small id="new-hint"><Text id="password_hint"/></small>
                <button type="submit"><Text id="save"/></button>
            </ActionForm>
            <ActionError error=move || change.value().get().and_then(Result::err)/>
            {move || change.value().get().and_then(Result::ok).map(|_| view! {
                <p role="status"><Text id="password_changed"/></p>
            })}
        </div>
    }
}
