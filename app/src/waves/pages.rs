use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{
    get_wave, list_instrument_choices, list_waves, ChangeWaveState, CreateWave, IssueInvitations,
    RunWaveAgain, WaveDetail, WaveSummary, WaveUnitRow,
};
use crate::{
    auth::ActionError,
    format::{count, jakarta_time, percent},
    i18n::{code as lang_code, text, use_locale, Text},
};

fn status_text(status: &str) -> &'static str {
    match status {
        "draft" => "wave_status_draft",
        "scheduled" => "wave_status_scheduled",
        "open" => "wave_status_open",
        "ended" => "wave_status_ended",
        _ => "wave_status_closed",
    }
}

fn kind_text(kind: &str) -> &'static str {
    if kind == "follow_up" {
        "wave_kind_follow_up"
    } else {
        "wave_kind_baseline"
    }
}

#[component]
pub fn WavesPage() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateWave>::new();
    let waves = Resource::new(move || create.version().get(), |_| list_waves());
    let instruments = Resource::new(|| (), |_| list_instrument_choices());
    view! {
        <div class="page">
            <h1><Text id="waves_title"/></h1>
            <Transition fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match waves.await {
                        Ok(list) if list.is_empty() => view! { <p><Text id="waves_none"/></p> }.into_any(),
                        Ok(list) => view! { <WaveTable waves=list/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Transition>
            // Only administrators get instrument choices; for others the form stays hidden.
            <Transition>
                {move || Suspend::new(async move {
                    instruments.await.ok().map(|choices| view! {
                        <h2><Text id="waves_create"/></h2>
                        <ActionForm action=create attr:class="stack" attr:data-testid="create-wave">
                            <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                            <label for="wave-title"><Text id="wave_title"/></label>
                            <input id="wave-title" name="title" required maxlength="120"/>
                            <label for="wave-kind"><Text id="wave_kind"/></label>
                            <select id="wave-kind" name="kind">
                                <option value="baseline"><Text id="wave_kind_baseline"/></option>
                                <option value="follow_up"><Text id="wave_kind_follow_up"/></option>
                            </select>
                            <label for="wave-instrument"><Text id="wave_instrument"/></label>
                            <select id="wave-instrument" name="instrument_id">
                                {choices.into_iter().map(|c| view! { <option value=c.id>{c.label}</option> }).collect_view()}
                            </select>
                            <label for="wave-units"><Text id="wave_units"/></label>
                            <input id="wave-units" name="units" required placeholder="DKI"/>
                            <label for="wave-opens"><Text id="wave_opens"/></label>
                            <input id="wave-opens" name="opens_at" type="datetime-local" required/>
                            <label for="wave-closes"><Text id="wave_closes"/></label>
                            <input id="wave-closes" name="closes_at" type="datetime-local" required/>
                            <button type="submit" data-testid="create-wave-submit"><Text id="waves_create"/></button>
                        </ActionForm>
                    })
                })}
            </Transition>
            <ActionError error=move || create.value().get().and_then(Result::err)/>
            {move || create.value().get().and_then(Result::ok).map(|id| view! {
                <p role="status" data-testid="wave-created">
                    <Text id="wave_created"/>" "<a href=format!("/waves/{id}")><Text id="wave_open_page"/></a>
                </p>
            })}
        </div>
    }
}

#[component]
fn WaveTable(waves: Vec<WaveSummary>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <table class="data" data-testid="waves">
            <thead><tr>
                <th><Text id="wave_title"/></th><th><Text id="wave_kind"/></th>
                <th><Text id="wave_status"/></th><th><Text id="wave_closes"/></th>
                <th><Text id="wave_response_rate"/></th>
            </tr></thead>
            <tbody>
                {waves.into_iter().map(|w| view! {
                    <tr>
                        <td><a href=format!("/waves/{}", w.id)>{w.title.clone()}</a></td>
                        <td><Text id=kind_text(&w.kind)/></td>
                        <td><Text id=status_text(&w.status)/></td>
                        <td>{move || jakarta_time(w.closes_at, locale.get())}</td>
                        <td>{move || format!("{} / {} ({})",
                            count(w.responded, locale.get()),
                            count(w.headcount, locale.get()),
                            percent(w.responded, w.headcount, locale.get()))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn WavePage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let change = ServerAction::<ChangeWaveState>::new();
    let issue = ServerAction::<IssueInvitations>::new();
    let again = ServerAction::<RunWaveAgain>::new();
    // Response rates move while a wave is open: ask again every 15 seconds (browser only).
    let tick = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Ok(handle) =
            set_interval_with_handle(move || tick.update(|t| *t += 1), Duration::from_secs(15))
        {
            on_cleanup(move || handle.clear());
        }
    });
    let detail = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok())
                    .unwrap_or(0),
                change.version().get(),
                issue.version().get(),
                tick.get(),
            )
        },
        |(id, _, _, _)| get_wave(id),
    );
    view! {
        <div class="page">
            <Transition fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(d) => view! { <WaveView detail=d change issue again/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Transition>
            <ActionError error=move || change.value().get().and_then(Result::err)/>
            <ActionError error=move || issue.value().get().and_then(Result::err)/>
            <ActionError error=move || again.value().get().and_then(Result::err)/>
            {move || again.value().get().and_then(Result::ok).map(|id| view! {
                <p role="status" data-testid="wave-created">
                    <Text id="wave_created"/>" "<a href=format!("/waves/{id}")><Text id="wave_open_page"/></a>
                </p>
            })}
        </div>
    }
}

#[component]
fn WaveView(
    detail: WaveDetail,
    change: ServerAction<ChangeWaveState>,
    issue: ServerAction<IssueInvitations>,
    again: ServerAction<RunWaveAgain>,
) -> impl IntoView {
    let locale = use_locale();
    let WaveDetail {
        wave,
        instrument,
        previous_wave_id,
        units,
        can_manage,
        can_issue,
    } = detail;
    let id = wave.id;
    let status = wave.status.clone();
    let next_state = match status.as_str() {
        "draft" => Some(("open", "wave_action_open")),
        "scheduled" | "open" | "ended" => Some(("closed", "wave_action_close")),
        _ => None,
    };
    view! {
        <nav aria-label="breadcrumb" class="breadcrumbs"><a href="/waves"><Text id="waves_title"/></a></nav>
        <h1 data-testid="wave-title">{wave.title.clone()}</h1>
        <dl class="facts">
            <dt><Text id="wave_status"/></dt><dd data-testid="wave-status"><Text id=status_text(&status)/></dd>
            <dt><Text id="wave_kind"/></dt><dd><Text id=kind_text(&wave.kind)/></dd>
            <dt><Text id="wave_instrument"/></dt><dd>{instrument}</dd>
            <dt><Text id="wave_opens"/></dt><dd>{move || jakarta_time(wave.opens_at, locale.get())}</dd>
            <dt><Text id="wave_closes"/></dt><dd>{move || jakarta_time(wave.closes_at, locale.get())}</dd>
            <dt><Text id="wave_response_rate"/></dt>
            <dd data-testid="wave-rate">{move || format!("{} / {} ({})",
                count(wave.responded, locale.get()),
                count(wave.headcount, locale.get()),
                percent(wave.responded, wave.headcount, locale.get()))}</dd>
        </dl>
        {previous_wave_id.map(|p| view! {
            <p><a href=format!("/waves/{p}")><Text id="wave_previous"/></a></p>
        })}
        {(can_manage && next_state.is_some()).then(|| {
            let (to, label) = next_state.unwrap_or(("closed", "wave_action_close"));
            view! {
                <ActionForm action=change attr:class="inline">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="to" value=to/>
                    <button type="submit" data-testid="wave-state-button"><Text id=label/></button>
                </ActionForm>
            }
        })}
        {can_manage.then(|| view! {
            <p><a href=format!("/waves/{id}/impor") data-testid="import-responses-link"><Text id="responses_import_title"/></a></p>
        })}
        {can_manage.then(|| view! {
            <details class="run-again">
                <summary><Text id="wave_run_again"/></summary>
                <ActionForm action=again attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                    <label for="again-title"><Text id="wave_title"/></label>
                    <input id="again-title" name="title" required maxlength="120"/>
                    <label for="again-opens"><Text id="wave_opens"/></label>
                    <input id="again-opens" name="opens_at" type="datetime-local" required/>
                    <label for="again-closes"><Text id="wave_closes"/></label>
                    <input id="again-closes" name="closes_at" type="datetime-local" required/>
                    <button type="submit"><Text id="wave_run_again"/></button>
                </ActionForm>
            </details>
        })}
        <h2><Text id="wave_units_heading"/></h2>
        <table class="data" data-testid="wave-units">
            <thead><tr>
                <th><Text id="unit_name"/></th><th><Text id="unit_headcount"/></th>
                <th><Text id="wave_issued"/></th><th><Text id="wave_responded"/></th>
                <th><Text id="wave_invitations"/></th>
            </tr></thead>
            <tbody>
                {units.into_iter().map(|u| view! { <WaveUnitLine wave_id=id unit=u can_issue issue/> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn WaveUnitLine(
    wave_id: i64,
    unit: WaveUnitRow,
    can_issue: bool,
    issue: ServerAction<IssueInvitations>,
) -> impl IntoView {
    let locale = use_locale();
    let remaining = unit.headcount.saturating_sub(unit.issued);
    let code = unit.code.clone();
    view! {
        <tr data-unit=unit.code.clone()>
            <td>{unit.name.clone()}<br/><span class="muted">{unit.code.clone()}</span></td>
            <td>{move || count(u64::from(unit.headcount), locale.get())}</td>
            <td>{move || count(u64::from(unit.issued), locale.get())}</td>
            <td data-testid="unit-responded">{move || format!("{} ({})",
                count(u64::from(unit.responded), locale.get()),
                percent(u64::from(unit.responded), u64::from(unit.headcount), locale.get()))}</td>
            <td>
                <ul class="batches">
                    {unit.batches.into_iter().map(|b| view! {
                        <li>
                            {move || format!("#{} · {} {} · {} {}", b.id,
                                count(u64::from(b.size), locale.get()), text(locale.get(), "wave_tokens"),
                                count(u64::from(b.used), locale.get()), text(locale.get(), "wave_used"))}
                            " "<a href=format!("/waves/{wave_id}/undangan/{}/lembar", b.id) rel="external" target="_blank" data-testid="batch-sheet"><Text id="wave_sheet"/></a>
                            " "<a href=format!("/waves/{wave_id}/undangan/{}.csv", b.id) rel="external" download data-testid="batch-csv">"CSV"</a>
                        </li>
                    }).collect_view()}
                </ul>
                {can_issue.then(|| view! {
                    <ActionForm action=issue attr:class="inline">
                        <input type="hidden" name="wave_id" value=wave_id/>
                        <input type="hidden" name="unit_code" value=code.clone()/>
                        <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
                        <label class="visually-hidden" for=format!("count-{code}")><Text id="wave_count"/></label>
                        <input id=format!("count-{code}") name="count" inputmode="numeric" size="6" placeholder=remaining.to_string()/>
                        <button type="submit" data-testid="issue-invitations"><Text id="wave_issue"/></button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
    .into_any()
}
