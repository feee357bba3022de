use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use domain::responses::HeaderGuess;

use super::import::{ImportResponses, MappingProposal, ProposeColumns, ResponsesImport};
use crate::{
    auth::ActionError,
    format::count,
    i18n::{code as lang_code, use_locale, Text},
};

/// `/waves/:id/impor`: paste a CSV, match its columns to the survey, check, import.
#[component]
pub fn ImportResponsesPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let wave_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let csv = RwSignal::new(String::new());
    let propose = ServerAction::<ProposeColumns>::new();
    let import = ServerAction::<ImportResponses>::new();
    let mapping = RwSignal::new(Vec::<HeaderGuess>::new());
    Effect::new(move |_| {
        if let Some(Ok(proposal)) = propose.value().get() {
            mapping.set(proposal.columns);
        }
    });
    let run = move |commit: bool| {
        import.dispatch(ImportResponses {
            wave_id: wave_id(),
            csv: csv.get_untracked(),
            mapping: serde_json::to_string(&mapping.get_untracked()).unwrap_or_default(),
            commit,
            lang: lang_code(locale.get_untracked()).to_owned(),
        });
    };
    view! {
        <div class="page">
            <nav aria-label="breadcrumb" class="breadcrumbs">
                <a href="/waves"><Text id="waves_title"/></a>" / "
                <a href=move || format!("/waves/{}", wave_id())><Text id="wave_open_page"/></a>
            </nav>
            <h1><Text id="responses_import_title"/></h1>
            <p><Text id="responses_import_intro"/></p>
            <label for="responses-csv"><Text id="import_paste"/></label>
            <textarea
                id="responses-csv"
                data-testid="responses-csv"
                rows="10"
                prop:value=move || csv.get()
                on:input=move |ev| csv.set(event_target_value(&ev))
            ></textarea>
            <p>
                <button
                    type="button"
                    data-testid="read-columns"
                    on:click=move |_| {
                        propose.dispatch(ProposeColumns {
                            wave_id: wave_id(),
                            csv: csv.get_untracked(),
                            lang: lang_code(locale.get_untracked()).to_owned(),
                        });
                    }
                ><Text id="responses_read_columns"/></button>
            </p>
            <ActionError error=move || propose.value().get().and_then(Result::err)/>
            {move || propose.value().get().and_then(Result::ok).map(|proposal: MappingProposal| {
                let targets = proposal.targets;
                view! {
                    <h2><Text id="responses_mapping"/></h2>
                    <table class="data" data-testid="column-mapping">
                        <thead><tr><th><Text id="responses_file_column"/></th><th><Text id="responses_survey_column"/></th></tr></thead>
                        <tbody>
                            {proposal.columns.into_iter().enumerate().map(|(index, guess)| {
                                let chosen = guess.column.clone().unwrap_or_default();
                                let select_id = format!("map-{index}");
                                let label_for = select_id.clone();
                                view! {
                                    <tr>
                                        <td><label for=label_for>{guess.header.clone()}</label></td>
                                        <td>
                                            <select
                                                id=select_id
                                                on:change=move |ev| {
                                                    let value = event_target_value(&ev);
                                                    mapping.update(|m| {
                                                        if let Some(column) = m.get_mut(index) {
                                                            column.column = (!value.is_empty()).then_some(value);
                                                        }
                                                    });
                                                }
                                            >
                                                <option value="" selected=chosen.is_empty()><Text id="responses_ignore"/></option>
                                                {targets.iter().map(|t| view! {
                                                    <option value=t.name.clone() selected=t.name == chosen>{t.label.clone()}</option>
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="actions">
                        <button type="button" class="secondary" data-testid="responses-check" on:click=move |_| run(false)><Text id="import_check"/></button>
                        " "
                        <button type="button" data-testid="responses-commit" on:click=move |_| run(true)><Text id="import_commit"/></button>
                    </p>
                }
            })}
            <ActionError error=move || import.value().get().and_then(Result::err)/>
            {move || import.value().get().and_then(Result::ok).map(|result| match result {
                ResponsesImport::Ready { count: n, committed } => view! {
                    <p role="status" data-testid="responses-import-summary">
                        <Text id=if committed { "responses_imported" } else { "responses_ready" }/>
                        " "{count(n, locale.get())}
                    </p>
                }.into_any(),
                ResponsesImport::Problems(problems) => view! {
                    <div class="error-summary" role="alert" data-testid="responses-import-problems">
                        <p><Text id="import_problems"/></p>
                        <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
            })}
        </div>
    }
}
