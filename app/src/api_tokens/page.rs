//! `/akun/token`: the signed-in user's personal API tokens: what they are for, a form to
//! create one (its secret shown once, right after), and the list with a button to revoke each.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::{
    list_api_tokens, ApiTokenView, CreateApiToken, CreatedToken, RevokeApiToken, MAX_NAME,
};
use crate::{
    auth::ActionError,
    format::jakarta_time,
    i18n::{code as lang_code, text, use_locale, Text},
};

/// A day as the rest of Siap writes it: "30-11-2026".
fn day(on: NaiveDate) -> String {
    on.format("%d-%m-%Y").to_string()
}

#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_api_tokens(),
    );
    // The name typed, emptied once the token exists so that a second click makes no twin.
    let name = RwSignal::new(String::new());
    Effect::new(move |_| {
        if create.value().with(|v| matches!(v, Some(Ok(_)))) {
            name.set(String::new());
        }
    });
    view! {
        <div class="page api-tokens">
            <h1><Text id="tok_title"/></h1>
            <p>
                <Text id="tok_intro"/>" "<code>"Authorization: Bearer siap_…"</code>". "
                <a href="/api/v1/docs" data-testid="api-docs-link"><Text id="tok_docs"/></a>"."
            </p>
            <p class="muted"><Text id="tok_intro_revoke"/></p>

            <h2 id="token-form"><Text id="tok_new"/></h2>
            <ActionForm action=create attr:class="stack narrow" attr:data-testid="token-form">
                <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                <label for="token-name"><Text id="tok_name"/></label>
                <input
                    id="token-name"
                    name="name"
                    required
                    maxlength=MAX_NAME
                    autocomplete="off"
                    placeholder="integrasi-hr"
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <button type="submit" data-testid="token-create"><Text id="tok_create"/></button>
            </ActionForm>
            <ActionError error=move || create.value().get().and_then(Result::err)/>
            {move || create.value().get().and_then(Result::ok).map(|created| view! { <NewSecret created/> })}

            <h2><Text id="tok_list"/></h2>
            <Transition fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p class="muted" data-testid="api-tokens-none"><Text id="tok_none"/></p> }.into_any()
                        }
                        Ok(list) => view! { <TokenTable list revoke/> }.into_any(),
                        Err(e) => view! { <p role="alert">{move || e.message(locale.get())}</p> }.into_any(),
                    }
                })}
            </Transition>
            <ActionError error=move || revoke.value().get().and_then(Result::err)/>
            {move || revoke.value().get().and_then(Result::ok).map(|_| view! {
                <p role="status" data-testid="token-revoked"><Text id="tok_revoke_done"/></p>
            })}
        </div>
    }
}

/// The secret of the token just created. It lives only in this page's memory: a reload, or
/// any other page, no longer has it.
#[component]
fn NewSecret(created: CreatedToken) -> impl IntoView {
    let CreatedToken { token, secret } = created;
    view! {
        <div class="notice success" data-testid="new-token">
            <h3><Text id="tok_secret_title"/>": "{token.name}</h3>
            // Long and unbroken: wrapped anywhere so that it fits a phone; one tap selects it.
            <p><code
                data-testid="new-token-secret"
                class="token-secret"
            >{secret}</code></p>
            <p role="status"><Text id="tok_secret_once"/></p>
        </div>
    }
}

#[component]
fn TokenTable(list: Vec<ApiTokenView>, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="data" data-testid="api-tokens">
                <thead><tr>
                    <th scope="col"><Text id="tok_col_name"/></th>
                    <th scope="col"><Text id="tok_prefix"/></th>
                    <th scope="col"><Text id="tok_created"/></th>
                    <th scope="col"><Text id="tok_last_used"/></th>
                    <th scope="col"><Text id="iv_status"/></th>
                </tr></thead>
                <tbody>{list.into_iter().map(|token| token_row(token, revoke)).collect_view()}</tbody>
            </table>
        </div>
    }
}

fn token_row(token: ApiTokenView, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    let locale = use_locale();
    let ApiTokenView {
        id,
        name,
        prefix,
        created_at,
        last_used_on,
        revoked,
    } = token;
    let revoke_label = {
        let name = name.clone();
        move || format!("{} {name}", text(locale.get(), "tok_revoke"))
    };
    view! {
        <tr data-testid="api-token-row" data-token-id=id data-revoked=revoked.to_string()>
            <th scope="row">{name}</th>
            <td><code>{prefix}"…"</code></td>
            <td>{move || jakarta_time(created_at, locale.get())}</td>
            <td>{last_used_on.map_or_else(|| "—".to_owned(), day)}</td>
            <td>
                {if revoked {
                    view! { <span data-testid="token-status"><Text id="tok_revoked"/></span> }.into_any()
                } else {
                    view! {
                        <span class="badge" data-testid="token-status"><Text id="tok_active"/></span>
                        " "
                        <ActionForm action=revoke attr:class="inline-form">
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" data-testid=format!("revoke-token-{id}") aria-label=revoke_label>
                                <Text id="tok_revoke"/>
                            </button>
                        </ActionForm>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
