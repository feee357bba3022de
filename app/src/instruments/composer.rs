//! The composer: a survey from library items plus up to five custom items. One plain form
//! that posts without JavaScript (a refused post comes back with everything typed, see
//! `form.rs`); with JavaScript it also counts the chosen statements as they are ticked.

use std::collections::BTreeSet;

use crate::text_area::textarea_text;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    custom_rows::CustomRow,
    form::{item_field, ComposeForm, CustomItemForm, CUSTOM_ROWS, SCALE_AGREEMENT_5},
    instrument_library, ComposeInstrument, Library, LibraryDimension, SavedInstrument,
};
use crate::{
    error::AppError,
    i18n::{code as lang_code, text, use_locale, Locale, Text},
};

/// The item count a readiness survey usually has; outside it the composer warns (and still
/// saves).
const USUAL_ITEMS: std::ops::RangeInclusive<usize> = 30..=40;

#[component]
pub fn ComposerPage() -> impl IntoView {
    let locale = use_locale();
    let compose = ServerAction::<ComposeInstrument>::new();
    let library = Resource::new(|| (), |_| instrument_library());
    view! {
        <div class="page">
            <nav aria-label="breadcrumb" class="breadcrumbs"><a href="/instruments"><Text id="instruments_title"/></a></nav>
            <h1><Text id="compose_title"/></h1>
            <p><Text id="compose_intro"/></p>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match library.await {
                        Ok(library) => view! { <ComposerForm library compose/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The form as it opens: the default survey's items ticked, the checklist and comments in.
fn fresh(library: &Library) -> ComposeForm {
    ComposeForm {
        scale: SCALE_AGREEMENT_5.to_owned(),
        items: library
            .dimensions
            .iter()
            .flat_map(|d| &d.items)
            .filter(|item| item.in_default)
            .map(|item| item.id.clone())
            .collect(),
        barriers: true,
        comments: true,
        custom: vec![
            CustomItemForm {
                required: true,
                ..CustomItemForm::default()
            };
            CUSTOM_ROWS
        ],
        ..ComposeForm::default()
    }
}

#[component]
fn ComposerForm(library: Library, compose: ServerAction<ComposeInstrument>) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let library_ids = library
        .dimensions
        .iter()
        .flat_map(|d| &d.items)
        .map(|i| i.id.as_str());
    let form = ComposeForm::from_query(&query.read_untracked(), library_ids)
        .unwrap_or_else(|| fresh(&library));
    // The count shows only once the page is interactive; without JavaScript it would go stale.
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| enhanced.set(true));
    let selected = RwSignal::new(form.items.len());
    let filled = RwSignal::new(
        (0..CUSTOM_ROWS)
            .map(|row| {
                form.custom.get(row).map_or((false, false), |c| {
                    (!c.text_id.trim().is_empty(), !c.text_en.trim().is_empty())
                })
            })
            .collect::<Vec<_>>(),
    );
    let total =
        move || selected.get() + filled.with(|rows| rows.iter().filter(|(a, b)| *a || *b).count());
    let unusual = move || !USUAL_ITEMS.contains(&total());
    let dimension_choices: Vec<(String, String, String)> = library
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), d.name_id.clone(), d.name_en.clone()))
        .collect();
    let ComposeForm {
        survey_id,
        title_id,
        title_en,
        description_id,
        description_en,
        items: ticked,
        barriers,
        comments,
        custom,
        ..
    } = form;
    let rows = (0..CUSTOM_ROWS)
        .map(|row| {
            let item = custom.get(row).cloned().unwrap_or_default();
            view! { <CustomRow row item dimensions=dimension_choices.clone() filled/> }
        })
        .collect_view();
    view! {
        <ActionForm action=compose attr:class="stack" attr:data-testid="compose-form">
            <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
            <label for="survey-id"><Text id="compose_survey_id"/></label>
            <input id="survey-id" name="survey_id" required maxlength="64" autocomplete="off" value=survey_id aria-describedby="survey-id-hint"/>
            <p class="muted" id="survey-id-hint"><Text id="compose_survey_id_hint"/></p>
            <label for="title-id"><Text id="compose_title_id"/></label>
            <input id="title-id" name="title_id" lang="id" required maxlength="120" value=title_id/>
            <label for="title-en"><Text id="compose_title_en"/></label>
            <input id="title-en" name="title_en" lang="en" required maxlength="120" value=title_en/>
            <label for="description-id"><Text id="compose_description_id"/></label>
            <textarea id="description-id" name="description_id" lang="id" required rows="3" maxlength="1000" inner_html=textarea_text(&description_id)></textarea>
            <label for="description-en"><Text id="compose_description_en"/></label>
            <textarea id="description-en" name="description_en" lang="en" required rows="3" maxlength="1000" inner_html=textarea_text(&description_en)></textarea>
            <label for="scale"><Text id="compose_scale"/></label>
            <select id="scale" name="scale">
                <option value=SCALE_AGREEMENT_5 selected><Text id="compose_scale_agreement_5"/></option>
            </select>

            <h2><Text id="compose_library"/></h2>
            <p class="muted"><Text id="compose_library_hint"/></p>
            {library.dimensions.into_iter().map(|dimension| view! {
                <DimensionChoices dimension ticked=ticked.clone() selected/>
            }).collect_view()}

            <h2><Text id="compose_more"/></h2>
            <fieldset class="barriers">
                <legend><Text id="compose_more"/></legend>
                <label class="check">
                    <input type="checkbox" name="barriers" value="true" checked=barriers data-testid="include-barriers"/>
                    <span><Text id="compose_include_barriers"/></span>
                </label>
                <label class="check">
                    <input type="checkbox" name="comments" value="true" checked=comments data-testid="include-comments"/>
                    <span><Text id="compose_include_comments"/></span>
                </label>
            </fieldset>

            <h2><Text id="compose_custom"/></h2>
            <p class="muted"><Text id="compose_custom_hint"/></p>
            {rows}

            <div id="compose-problems">
                <ComposeProblems error=move || compose.value().get().and_then(Result::err)/>
            </div>
            <Show when=move || enhanced.get()>
                <p data-testid="item-count" aria-live="polite" style="position: sticky; bottom: 0; background: var(--paper); padding: .5rem 0; margin: 0;">
                    <span data-testid="item-count-number">{total}</span>" "<Text id="compose_count"/>
                    <Show when=unusual>
                        " "<strong class="required" data-testid="item-count-warning"><Text id="compose_count_warning"/></strong>
                    </Show>
                </p>
            </Show>
            <button type="submit" data-testid="compose-submit"><Text id="compose_save"/></button>
        </ActionForm>
        {move || compose.value().get().and_then(Result::ok).map(|saved| view! { <Saved saved/> })}
    }
    .into_any()
}

#[component]
fn DimensionChoices(
    dimension: LibraryDimension,
    ticked: BTreeSet<String>,
    selected: RwSignal<usize>,
) -> impl IntoView {
    let locale = use_locale();
    let LibraryDimension {
        id,
        construct,
        name_id,
        name_en,
        items,
    } = dimension;
    let construct_key = format!("construct_{construct}");
    view! {
        <fieldset class="barriers" data-dimension=id>
            <legend>{move || locale.get().pick(name_id.clone(), name_en.clone())}</legend>
            <p class="muted">
                <Text id="compose_construct"/>": "{move || text(locale.get(), &construct_key)}" ("<code>{construct.clone()}</code>")"
            </p>
            {items.into_iter().map(|item| {
                let checked = ticked.contains(&item.id);
                view! {
                    <label class="check" data-item=item.id.clone()>
                        <input
                            type="checkbox"
                            name=item_field(&item.id)
                            value="on"
                            checked=checked
                            on:change=move |ev| {
                                if event_target_checked(&ev) {
                                    selected.update(|n| *n += 1);
                                } else {
                                    selected.update(|n| *n = n.saturating_sub(1));
                                }
                            }
                        />
                        <span>
                            <span lang="id">{item.text_id}</span><br/>
                            <span class="muted" lang="en">{item.text_en}</span>
                            {item.reverse_keyed.then(|| view! {
                                <br/><span class="muted" data-testid="reverse-keyed">"↺ "<Text id="compose_reverse_keyed"/></span>
                            })}
                        </span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

/// Every problem of a refused composition, one per line.
#[component]
fn ComposeProblems(error: impl Fn() -> Option<AppError> + Send + Sync + 'static) -> impl IntoView {
    let locale = use_locale();
    move || {
        error().map(|error| {
            let lines: Vec<String> = match &error {
                AppError::Invalid(message) => message.lines().map(str::to_owned).collect(),
                other => vec![other.message(locale.get())],
            };
            view! {
                <div class="error-summary" role="alert" data-testid="compose-problems">
                    <p><strong><Text id="compose_problems"/></strong></p>
                    <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

fn saved_message(locale: Locale, saved: &SavedInstrument) -> String {
    let name = format!("{} v{}", saved.slug, saved.version);
    match saved.previous_version {
        Some(_) if saved.unchanged => format!("{} {name}.", text(locale, "compose_unchanged")),
        Some(previous) => format!(
            "{} {name}. {} v{previous}.",
            text(locale, "compose_saved"),
            text(locale, "compose_saved_bumped")
        ),
        None => format!("{} {name}.", text(locale, "compose_saved")),
    }
}

#[component]
fn Saved(saved: SavedInstrument) -> impl IntoView {
    let locale = use_locale();
    let href = format!("/instruments/{}", saved.id);
    view! {
        <div class="notice success" role="status" data-testid="compose-saved">
            <p>{move || saved_message(locale.get(), &saved)}</p>
            <p>
                <a href=href data-testid="compose-saved-link"><Text id="compose_view"/></a>
                " · "
                <a href="/waves" data-testid="compose-run-link"><Text id="instrument_run_in_wave"/></a>
            </p>
        </div>
    }
}
