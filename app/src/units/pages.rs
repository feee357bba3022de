use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use domain::units::UnitKind;

use super::{
    csv_data_url, get_unit, list_units, ExportUnitsCsv, ImportResult, ImportUnitsCsv, UpdateUnit,
};
use crate::{
    auth::ActionError,
    i18n::{code as lang_code, use_locale, Text},
};

#[component]
pub fn UnitsPage() -> impl IntoView {
    let locale = use_locale();
    let search = RwSignal::new(String::new());
    let units = Resource::new(move || search.get(), list_units);
    view! {
        <div class="page">
            <h1><Text id="units_title"/></h1>
            <label for="unit-search"><Text id="units_search"/></label>
            <input
                id="unit-search"
                type="search"
                data-testid="unit-search"
                on:input=move |ev| search.set(event_target_value(&ev))
                prop:value=move || search.get()
            />
            <Transition fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match units.await {
                        Ok(rows) => view! {
                            <ul class="unit-tree" data-testid="unit-tree">
                                {rows.into_iter().map(|r| {
                                    let href = format!("/units/{}", r.code);
                                    let label = r.kind.label(locale.get_untracked());
                                    view! {
                                        <li style=format!("--depth:{}", r.depth)>
                                            <a href=href>{r.name}</a>
                                            " "<span class="muted">{label}" · "{r.code}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn UnitPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let update = ServerAction::<UpdateUnit>::new();
    let detail = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                update.version().get(),
            )
        },
        |(code, _)| get_unit(code),
    );
    view! {
        <div class="page">
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(d) => {
                            let kind = d.unit.kind.label(locale.get_untracked());
                            let can_edit = d.can_edit;
                            let edit_unit = d.unit.clone();
                            view! {
                                <nav aria-label="breadcrumb" class="breadcrumbs">
                                    <a href="/units"><Text id="nav_units"/></a>
                                    {d.breadcrumbs.into_iter().map(|(code, name)| view! {
                                        " / " <a href=format!("/units/{code}")>{name}</a>
                                    }).collect_view()}
                                </nav>
                                <h1 data-testid="unit-name">{d.unit.name.clone()}</h1>
                                <dl class="status">
                                    <dt><Text id="unit_code"/></dt><dd>{d.unit.code.clone()}</dd>
                                    <dt><Text id="unit_kind"/></dt><dd>{kind}</dd>
                                    <dt><Text id="unit_headcount"/></dt><dd>{d.unit.headcount}</dd>
                                </dl>
                                <Show when=move || can_edit>
                                    <UnitEditForm unit=edit_unit.clone() update=update/>
                                    <DeleteDataForm code=edit_unit.code.as_str().to_owned()/>
                                </Show>
                                <h2><Text id="unit_children"/></h2>
                                <ul class="unit-tree">
                                    {d.children.into_iter().map(|c| view! {
                                        <li><a href=format!("/units/{}", c.code)>{c.name}</a></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(e) => view! {
                            <h1 data-testid="unit-error">{e.message(locale.get_untracked())}</h1>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn UnitEditForm(unit: super::UnitRow, update: ServerAction<UpdateUnit>) -> impl IntoView {
    let locale = use_locale();
    let kind = unit.kind;
    view! {
        <details class="card">
            <summary><Text id="unit_edit"/></summary>
            <ActionForm action=update attr:class="stack">
                <input type="hidden" name="code" value=unit.code.clone()/>
                <label for="edit-name"><Text id="unit_name"/></label>
                <input id="edit-name" name="name" value=unit.name.clone() required maxlength="200"/>
                <label for="edit-kind"><Text id="unit_kind"/></label>
                <select id="edit-kind" name="kind">
                    {UnitKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k == kind>{move || k.label(locale.get())}</option>
                    }).collect_view()}
                </select>
                <label for="edit-parent"><Text id="unit_parent"/></label>
                <input id="edit-parent" name="parent_code" value=unit.parent_code.clone().unwrap_or_default()/>
                <label for="edit-headcount"><Text id="unit_headcount"/></label>
                <input id="edit-headcount" name="headcount" inputmode="numeric" value=unit.headcount.to_string() required/>
                <button type="submit" data-testid="unit-save"><Text id="save"/></button>
            </ActionForm>
            <ActionError error=move || update.value().get().and_then(Result::err)/>
        </details>
    }
}

#[component]
pub fn UnitsImportPage() -> impl IntoView {
    let locale = use_locale();
    let import = ServerAction::<ImportUnitsCsv>::new();
    let export = ServerAction::<ExportUnitsCsv>::new();
    let csv = RwSignal::new(String::new());
    let run = move |commit: bool| {
        import.dispatch(ImportUnitsCsv {
            csv: csv.get_untracked(),
            commit,
            lang: lang_code(locale.get_untracked()).to_owned(),
        });
    };
    view! {
        <div class="page">
            <h1><Text id="import_title"/></h1>
            <p><Text id="import_intro"/></p>
            <label for="units-csv"><Text id="import_paste"/></label>
            <textarea
                id="units-csv"
                rows="12"
                data-testid="units-csv"
                on:input=move |ev| csv.set(event_target_value(&ev))
                prop:value=move || csv.get()
            ></textarea>
            <div class="actions">
                <button type="button" data-testid="import-check" on:click=move |_| run(false)>
                    <Text id="import_check"/>
                </button>
                <button type="button" data-testid="import-commit" on:click=move |_| run(true)>
                    <Text id="import_commit"/>
                </button>
            </div>
            <button type="button" class="secondary" data-testid="export-units" on:click=move |_| { export.dispatch(ExportUnitsCsv {}); }>
                <Text id="export_units"/>
            </button>
            {move || export.value().get().and_then(Result::ok).map(|csv| view! {
                <a href=csv_data_url(&csv) download="unit-siap.csv" data-testid="export-download"><Text id="export_download"/></a>
            })}
            <ActionError error=move || export.value().get().and_then(Result::err)/>
            <ActionError error=move || import.value().get().and_then(Result::err)/>
            {move || import.value().get().and_then(Result::ok).map(|result| match result {
                ImportResult::Problems(problems) => view! {
                    <div role="alert" data-testid="import-problems">
                        <h2><Text id="import_problems"/></h2>
                        <ol>
                            {problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                        </ol>
                    </div>
                }.into_any(),
                ImportResult::Planned { creates, updates, unchanged, committed } => view! {
                    <p role="status" data-testid="import-summary">
                        {if committed { view! { <Text id="import_done"/> } } else { view! { <Text id="import_ready"/> } }}
                        " " {creates} " " <Text id="import_creates"/>
                        ", " {updates} " " <Text id="import_updates"/>
                        ", " {unchanged} " " <Text id="import_unchanged"/> "."
                    </p>
                }.into_any(),
            })}
        </div>
    }
}

/// Deleting a unit's survey data (administrators): the code must be typed again.
#[component]
fn DeleteDataForm(code: String) -> impl IntoView {
    let locale = use_locale();
    let delete = ServerAction::<super::DeleteUnitData>::new();
    view! {
        <details class="danger">
            <summary><Text id="unit_delete_data"/></summary>
            <p class="muted"><Text id="unit_delete_data_note"/></p>
            <ActionForm action=delete attr:class="stack" attr:data-testid="delete-unit-data">
                <input type="hidden" name="code" value=code.clone()/>
                <input type="hidden" name="lang" value=move || crate::i18n::code(locale.get())/>
                <label for="delete-confirm"><Text id="unit_delete_data_confirm"/></label>
                <input id="delete-confirm" name="confirm" required autocomplete="off" placeholder=code/>
                <button type="submit" class="danger"><Text id="unit_delete_data"/></button>
            </ActionForm>
            <crate::auth::ActionError error=move || delete.value().get().and_then(Result::err)/>
            {move || delete.value().get().and_then(Result::ok).map(|n| view! {
                <p role="status" data-testid="unit-data-deleted"><Text id="unit_data_deleted"/>" "{n}</p>
            })}
        </details>
    }
}
