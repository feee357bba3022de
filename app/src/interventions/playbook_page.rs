//! `/admin/playbook`: administrators edit the playbook that maps a unit's weak dimensions,
//! adoption-stage barrier and cited barriers to intervention types. The text is checked
//! before it is saved; a refused text comes back with every problem and nothing lost.

use crate::text_area::textarea_text;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{get_playbook, SavePlaybook};
use crate::{
    auth::ActionError,
    i18n::{code as lang_code, use_locale, Text},
};

#[component]
pub fn PlaybookPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let save = ServerAction::<SavePlaybook>::new();
    let text = Resource::new(move || save.version().get(), |_| get_playbook());
    view! {
        <div class="page">
            <h1><Text id="pb_title"/></h1>
            <p class="muted"><Text id="pb_intro"/></p>
            {move || query.read().get("disimpan").map(|_| view! { <p role="status" data-testid="playbook-saved"><Text id="pb_saved"/></p> })}
            {move || save.value().get().and_then(Result::ok).map(|_| view! { <p role="status" data-testid="playbook-saved"><Text id="pb_saved"/></p> })}
            <ActionError error=move || save.value().get().and_then(Result::err)/>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match text.await {
                        // After a refused plain-form post, the server gives back the text as
                        // typed.
                        Ok(shown) => {
                            view! {
                                <ActionForm action=save attr:class="stack" attr:data-testid="playbook-form">
                                    <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                                    <label for="playbook-text"><Text id="pb_text"/></label>
                                    <textarea id="playbook-text" name="text" rows="30" class="code" spellcheck="false" inner_html=textarea_text(&shown)></textarea>
                                    <button type="submit" data-testid="playbook-save"><Text id="pb_save"/></button>
                                </ActionForm>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
