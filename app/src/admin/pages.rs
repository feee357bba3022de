use domain::access::Role;
use leptos::prelude::*;

use super::{list_audit, list_users, CreateUser, UpdateUser};
use crate::{
    auth::ActionError,
    i18n::{use_locale, Text},
};

#[component]
pub fn UsersPage() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let users = Resource::new(
        move || (create.version().get(), update.version().get()),
        |_| list_users(),
    );
    view! {
        <div class="page">
            <h1><Text id="users_title"/></h1>
            <Transition fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(list) => view! {
                            <table class="data" data-testid="users">
                                <thead><tr>
                                    <th><Text id="username"/></th><th><Text id="display_name"/></th>
                                    <th><Text id="role"/></th><th><Text id="nav_units"/></th>
                                    <th><Text id="users_change"/></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|u: super::UserView| { let edit = u.clone(); view! {
                                        <tr>
                                            <td>{u.username}</td><td>{u.display_name}</td>
                                            <td>{u.role.label(locale.get_untracked())}</td>
                                            <td>{u.unit_codes.join(", ")}</td>
                                            <td><UserEditForm user=edit update=update/></td>
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Transition>
            <h2><Text id="users_create"/></h2>
            <ActionForm action=create attr:class="stack">
                <label for="new-username"><Text id="username"/></label>
                <input id="new-username" name="username" required maxlength="64"/>
                <label for="new-display-name"><Text id="display_name"/></label>
                <input id="new-display-name" name="display_name" required maxlength="120"/>
                <label for="new-password"><Text id="password"/></label>
                <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="10"/>
                <label for="new-role"><Text id="role"/></label>
                <select id="new-role" name="role">
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str()>{move || r.label(locale.get())}</option>
                    }).collect_view()}
                </select>
                <label for="new-units"><Text id="users_units"/></label>
                <input id="new-units" name="units" placeholder="DKI.DINAS-PENDIDIKAN"/>
                <button type="submit" data-testid="create-user"><Text id="users_create"/></button>
            </ActionForm>
            <ActionError error=move || update.value().get().and_then(Result::err)/>
            <ActionError error=move || create.value().get().and_then(Result::err)/>
            {move || create.value().get().and_then(Result::ok).map(|_| view! {
                <p role="status" data-testid="user-created"><Text id="users_created"/></p>
            })}
        </div>
    }
}

#[component]
fn UserEditForm(user: super::UserView, update: ServerAction<UpdateUser>) -> impl IntoView {
    let locale = use_locale();
    let role = user.role;
    let id = format!("edit-{}", user.username);
    view! {
        <details>
            <summary><Text id="users_change"/></summary>
            <ActionForm action=update attr:class="stack">
                <input type="hidden" name="username" value=user.username.clone()/>
                <label for=format!("{id}-role")><Text id="role"/></label>
                <select id=format!("{id}-role") name="role">
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == role>{move || r.label(locale.get())}</option>
                    }).collect_view()}
                </select>
                <label for=format!("{id}-units")><Text id="users_units"/></label>
                <input id=format!("{id}-units") name="units" value=user.unit_codes.join(", ")/>
                <label for=format!("{id}-active")><Text id="users_active"/></label>
                <select id=format!("{id}-active") name="active">
                    <option value="true" selected=user.active><Text id="users_status_active"/></option>
                    <option value="false" selected=!user.active><Text id="users_status_inactive"/></option>
                </select>
                <button type="submit"><Text id="save"/></button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let locale = use_locale();
    let action = RwSignal::new(String::new());
    let entries = Resource::new(move || action.get(), |a| list_audit(a, 0));
    view! {
        <div class="page">
            <h1><Text id="nav_audit"/></h1>
            <label for="audit-action"><Text id="audit_filter"/></label>
            <select id="audit-action" on:change=move |ev| action.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {["login", "login_failed", "logout", "units_imported", "unit_updated", "user_created", "user_updated", "password_changed", "permissions_changed", "export", "instrument_saved", "wave_created", "wave_state_changed", "invitations_issued", "responses_imported", "intervention_created", "intervention_updated", "intervention_status_changed", "milestone_added", "milestone_updated", "intervention_commented", "gap_created", "gap_updated", "gap_linked", "gap_unlinked", "playbook_saved", "tokens_purged", "unit_data_deleted", "api_token_created", "api_token_revoked"]
                    .into_iter().map(|a| view! { <option value=a>{a}</option> }).collect_view()}
            </select>
            " "
            <a rel="external" download data-testid="audit-csv"
                href=move || format!("/admin/audit.csv?aksi={}", crate::query::encode_value(&action.get()))>
                <Text id="audit_download"/>
            </a>
            <Transition fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) => view! {
                            <table class="data" data-testid="audit">
                                <thead><tr>
                                    <th><Text id="audit_when"/></th><th><Text id="audit_who"/></th>
                                    <th><Text id="audit_what"/></th><th><Text id="audit_target"/></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|e| view! {
                                        <tr>
                                            <td>{crate::format::jakarta_time_text(&e.at)}</td><td>{e.actor}</td>
                                            <td>{e.action}</td><td>{e.target.unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
