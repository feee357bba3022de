//! The list of saved instrument versions and one version read-only.

use domain::instrument::Instrument;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::{get_instrument, list_instruments, InstrumentDetail, InstrumentRow};
use crate::{
    format::jakarta_time,
    i18n::{text, use_locale, Text},
};

#[component]
pub fn InstrumentsPage() -> impl IntoView {
    let locale = use_locale();
    let list = Resource::new(|| (), |_| list_instruments());
    view! {
        <div class="page">
            <h1><Text id="instruments_title"/></h1>
            <p><a href="/instruments/baru" class="button" data-testid="compose-link"><Text id="instruments_compose"/></a></p>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => view! { <p><Text id="instruments_none"/></p> }.into_any(),
                        Ok(rows) => view! { <InstrumentTable rows/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn InstrumentTable(rows: Vec<InstrumentRow>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <table class="data" data-testid="instruments">
            <thead><tr>
                <th><Text id="instrument_slug"/></th><th><Text id="instrument_title"/></th>
                <th><Text id="instrument_version"/></th><th><Text id="instrument_items"/></th>
                <th><Text id="instrument_waves"/></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let InstrumentRow { id, slug, version, title_id, title_en, items, waves } = row;
                    view! {
                        <tr data-slug=slug.clone()>
                            <td><a href=format!("/instruments/{id}")>{slug.clone()}</a></td>
                            <td>{move || locale.get().pick(title_id.clone(), title_en.clone())}</td>
                            <td>{version}</td>
                            <td>{items}</td>
                            <td>{move || if waves == 0 {
                                text(locale.get(), "instrument_unused")
                            } else {
                                format!("{waves} {}", text(locale.get(), "instrument_waves_count"))
                            }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn InstrumentPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let saved = use_query_map().read_untracked().get("disimpan").is_some();
    let detail = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        },
        get_instrument,
    );
    view! {
        <div class="page">
            <nav aria-label="breadcrumb" class="breadcrumbs"><a href="/instruments"><Text id="instruments_title"/></a></nav>
            {saved.then(|| view! {
                <p class="notice success" role="status" data-testid="instrument-saved">
                    <Text id="instrument_saved"/>" "<a href="/waves"><Text id="instrument_run_in_wave"/></a>
                </p>
            })}
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(detail) => view! { <InstrumentView detail/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// A `data:` address holding the instrument's TOML file: downloadable without a server route.
fn toml_href(instrument: &Instrument) -> String {
    format!(
        "data:application/toml;charset=utf-8,{}",
        utf8_percent_encode(&instrument.to_toml(), NON_ALPHANUMERIC)
    )
}

#[component]
fn InstrumentView(detail: InstrumentDetail) -> impl IntoView {
    let locale = use_locale();
    let InstrumentDetail {
        instrument,
        waves,
        created_at,
        created_by_name,
        ..
    } = detail;
    let file_name = format!("{}-v{}.toml", instrument.id(), instrument.version());
    let title = instrument.title().clone();
    let description = instrument.description().clone();
    let labels = instrument.scale().labels().to_vec();
    let mut number = 0usize;
    let sections = instrument
        .sections()
        .iter()
        .map(|section| {
            let heading = section.title().clone();
            let items = section
                .items()
                .iter()
                .map(|item| {
                    number += 1;
                    let dimension = instrument
                        .dimension(item.dimension().as_str())
                        .map(|d| d.name().clone());
                    let text = item.text().clone();
                    let reverse = item.reverse_keyed();
                    let optional = !item.required();
                    view! {
                        <li value=number data-item=item.id().to_string()>
                            <span lang="id">{text.id().to_owned()}</span><br/>
                            <span class="muted" lang="en">{text.en().to_owned()}</span><br/>
                            <span class="muted">
                                {move || dimension.as_ref().map(|d| d.get(locale.get()).to_owned())}
                                {reverse.then(|| view! { " · "<Text id="compose_reverse_keyed"/> })}
                                {optional.then(|| view! { " · "<Text id="instrument_optional"/> })}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section>
                    <h3>{move || heading.get(locale.get()).to_owned()}</h3>
                    <ol>{items}</ol>
                </section>
            }
        })
        .collect_view();
    let barriers = instrument.barriers().map(|barriers| {
        let prompt = barriers.prompt().clone();
        let codes: Vec<_> = barriers.codes().iter().map(|code| code.label()).collect();
        view! {
            <h2><Text id="instrument_barriers"/></h2>
            <p>{move || prompt.get(locale.get()).to_owned()}</p>
            <ul>{codes.into_iter().map(|label| view! { <li>{move || label.get(locale.get()).to_owned()}</li> }).collect_view()}</ul>
        }
    });
    let comments: Vec<_> = instrument
        .comments()
        .iter()
        .map(|c| c.prompt().clone())
        .collect();
    let has_comments = !comments.is_empty();
    view! {
        <h1 data-testid="instrument-title">{move || title.get(locale.get()).to_owned()}</h1>
        <p>{move || description.get(locale.get()).to_owned()}</p>
        <dl class="facts">
            <dt><Text id="instrument_slug"/></dt><dd data-testid="instrument-slug">{instrument.id().to_string()}</dd>
            <dt><Text id="instrument_version"/></dt><dd data-testid="instrument-version">{instrument.version().get()}</dd>
            <dt><Text id="instrument_items"/></dt><dd data-testid="instrument-items">{instrument.item_count()}</dd>
            <dt><Text id="instrument_waves"/></dt><dd>{waves}</dd>
            <dt><Text id="instrument_created"/></dt>
            <dd>{move || jakarta_time(created_at, locale.get())}" · "{created_by_name.clone()}</dd>
        </dl>
        <p class="actions">
            <a href=toml_href(&instrument) download=file_name rel="external" class="button" data-testid="download-toml"><Text id="instrument_download"/></a>
            <a href="/waves" class="button"><Text id="instrument_run_in_wave"/></a>
        </p>
        <h2><Text id="instrument_scale"/></h2>
        <ol class="scale-labels">
            {labels.into_iter().map(|label| view! { <li>{move || label.get(locale.get()).to_owned()}</li> }).collect_view()}
        </ol>
        <h2><Text id="instrument_sections"/></h2>
        {sections}
        {barriers}
        {has_comments.then(|| view! {
            <h2><Text id="instrument_comments"/></h2>
            <ul>{comments.into_iter().map(|prompt| view! { <li>{move || prompt.get(locale.get()).to_owned()}</li> }).collect_view()}</ul>
        })}
    }
    .into_any()
}
