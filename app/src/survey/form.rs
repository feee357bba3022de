//! The survey form itself. Rendered on the server as one long form that posts without
//! JavaScript; after hydration the same markup is paged one section at a time, and the answers
//! are mirrored into a signal that drives the progress bar, the checks and the local draft.

use std::sync::Arc;

use crate::text_area::textarea_text;
use domain::instrument::{
    form::{comment_field, item_field, BARRIER_FIELD, BARRIER_OTHER_FIELD},
    AnswerProblem, Answers, BarrierCode, Instrument, Item,
};
use leptos::prelude::*;

use super::{draft, SurveyForm};
use crate::{
    format::jakarta_time,
    i18n::{code as lang_code, use_locale, Text},
};

/// One page of the paged form: a section's items, or the closing page of barriers and
/// comments. `targets` are the problem targets the page answers for.
#[derive(Clone)]
struct FormPage {
    targets: Vec<String>,
}

fn pages(instrument: &Instrument) -> Vec<FormPage> {
    let mut pages: Vec<FormPage> = instrument
        .sections()
        .iter()
        .map(|s| FormPage {
            targets: s
                .items()
                .iter()
                .map(|i| i.id().as_str().to_owned())
                .collect(),
        })
        .collect();
    if instrument.barriers().is_some() || !instrument.comments().is_empty() {
        let mut targets: Vec<String> = instrument
            .comments()
            .iter()
            .map(|c| c.id().as_str().to_owned())
            .collect();
        targets.push(domain::instrument::BARRIER_OTHER_TARGET.to_owned());
        if let Some(barriers) = instrument.barriers() {
            targets.extend(barriers.codes().iter().map(|c| c.as_str().to_owned()));
        }
        pages.push(FormPage { targets });
    }
    pages
}

fn problem_for(problems: &[AnswerProblem], target: &str) -> Option<AnswerProblem> {
    problems.iter().find(|p| p.target() == target).cloned()
}

#[component]
pub fn SurveyFormView(form: SurveyForm) -> impl IntoView {
    let locale = use_locale();
    let SurveyForm {
        token,
        wave_title,
        unit_name,
        closes_at,
        instrument,
        answers: typed,
        problems: refused,
        unavailable,
    } = form;
    let instrument = Arc::new(instrument);
    let form_pages = Arc::new(pages(&instrument));
    let page_count = form_pages.len();
    let answers = RwSignal::new(typed.clone());
    let problems = RwSignal::new(refused);
    // False while the page is only server-rendered (no JavaScript, or not loaded yet): then
    // every section shows and the form posts as it is.
    let enhanced = RwSignal::new(false);
    let page = RwSignal::new(0usize);
    let submitting = RwSignal::new(false);

    let total_items = instrument.item_count();
    let answered = move || answers.with(|a| a.items.values().filter(|v| v.is_some()).count());

    {
        let token = token.clone();
        Effect::new(move |_| {
            enhanced.set(true);
            // A draft on this phone is restored unless the server sent answers back.
            if typed.is_empty() {
                if let Some(saved) = draft::load(&token) {
                    answers.set(saved);
                }
            }
        });
    }
    {
        let token = token.clone();
        Effect::new(move |_| {
            let current = answers.get();
            if enhanced.get_untracked() && !current.is_empty() {
                draft::save(&token, &current);
            }
        });
    }

    // Checks the answers of the given pages; shows what is wrong and turns to the first
    // page with a problem. Returns whether all is well.
    let check = {
        let instrument = instrument.clone();
        let form_pages = form_pages.clone();
        move |upto: usize| -> bool {
            let found = match instrument.validate_answers(&answers.get_untracked()) {
                Ok(_) => Vec::new(),
                Err(found) => found,
            };
            let relevant: Vec<AnswerProblem> = found
                .into_iter()
                .filter(|p| {
                    form_pages[..=upto]
                        .iter()
                        .any(|fp| fp.targets.iter().any(|t| t == p.target()))
                })
                .collect();
            if let Some(first) = relevant.first() {
                if let Some(index) = form_pages
                    .iter()
                    .position(|fp| fp.targets.iter().any(|t| t == first.target()))
                {
                    page.set(index);
                }
            }
            let ok = relevant.is_empty();
            problems.set(relevant);
            ok
        }
    };

    let on_submit = {
        let check = check.clone();
        move |ev: leptos::ev::SubmitEvent| {
            if !enhanced.get_untracked() {
                return;
            }
            if check(page_count.saturating_sub(1)) {
                submitting.set(true);
            } else {
                ev.prevent_default();
            }
        }
    };
    let next = {
        let check = check.clone();
        move |_| {
            if check(page.get_untracked()) {
                page.update(|p| *p = (*p + 1).min(page_count.saturating_sub(1)));
            }
        }
    };
    let previous = move |_| page.update(|p| *p = p.saturating_sub(1));

    let mut number = 0usize;
    let section_views = instrument
        .sections()
        .iter()
        .enumerate()
        .map(|(index, section)| {
            let title = section.title().clone();
            let items = section
                .items()
                .iter()
                .map(|item| {
                    number += 1;
                    view! {
                        <LikertItem
                            item=item.clone()
                            number
                            instrument=instrument.clone()
                            answers
                            problems
                        />
                    }
                })
                .collect_view();
            view! {
                <section
                    class="survey-page"
                    data-page=index
                    hidden=move || enhanced.get() && page.get() != index
                >
                    <h2>{move || title.get(locale.get()).to_owned()}</h2>
                    {items}
                </section>
            }
        })
        .collect_view();

    let last_index = page_count.saturating_sub(1);
    let closing = (instrument.barriers().is_some() || !instrument.comments().is_empty()).then(|| {
        let barriers = instrument.barriers().cloned();
        let comments = instrument.comments().to_vec();
        view! {
            <section
                class="survey-page"
                data-page=last_index
                hidden=move || enhanced.get() && page.get() != last_index
            >
                <h2><Text id="survey_closing_title"/></h2>
                {barriers.map(|b| view! { <BarrierChecklist barriers=b answers problems/> })}
                {comments
                    .into_iter()
                    .map(|question| {
                        let field = comment_field(question.id().as_str());
                        let id = question.id().as_str().to_owned();
                        let dom_id = format!("q-{id}");
                        let max = question.max_length();
                        let prompt = question.prompt().clone();
                        let typed_text = answers
                            .with_untracked(|a| a.comments.get(&id).cloned().unwrap_or_default());
                        let key = id.clone();
                        let problem_key = id.clone();
                        view! {
                            <div class="comment-question">
                                <label for=dom_id.clone()>{move || prompt.get(locale.get()).to_owned()}</label>
                                <textarea
                                    id=dom_id
                                    name=field
                                    rows="4"
                                    maxlength=max
                                    prop:value=move || answers.with(|a| a.comments.get(&key).cloned().unwrap_or_default())
                                    on:input=move |ev| {
                                        let text = event_target_value(&ev);
                                        answers.update(|a| { a.comments.insert(id.clone(), text); });
                                    }
                                    inner_html=textarea_text(&typed_text)
                                ></textarea>
                                <ProblemText target=problem_key problems/>
                            </div>
                        }
                    })
                    .collect_view()}
            </section>
        }
    });

    let action = format!("/s/{token}");
    let on_last_page = move || !enhanced.get() || page.get() >= last_index;
    view! {
        <header class="survey-head">
            <p class="muted">{unit_name}</p>
            <h1>{
                let instrument = instrument.clone();
                move || instrument.title().get(locale.get()).to_owned()
            }</h1>
            <p class="survey-description">{
                let instrument = instrument.clone();
                move || instrument.description().get(locale.get()).to_owned()
            }</p>
            <p class="muted">{wave_title}" · "<Text id="survey_closes"/>" "{move || jakarta_time(closes_at, locale.get())}</p>
            <p class="anonymity" data-testid="anonymity-note"><Text id="survey_anonymity"/></p>
        </header>
        <div class="survey-progress" hidden=move || !enhanced.get()>
            <progress max=total_items value=answered aria-labelledby="progress-label"></progress>
            <span id="progress-label" data-testid="progress">
                {answered}" / "{total_items}" "<Text id="survey_items_answered"/>
            </span>
        </div>
        {unavailable.then(|| view! {
            <div class="error-summary" role="alert" data-testid="survey-unavailable">
                <p><Text id="survey_unavailable"/></p>
            </div>
        })}
        <ProblemSummary problems/>
        <form
            method="post"
            action=action
            class="survey-form"
            data-testid="survey-form"
            novalidate
            on:submit=on_submit
        >
            <input type="hidden" name="lang" value=move || lang_code(locale.get())/>
            {section_views}
            {closing}
            <div class="pager">
                <button
                    type="button"
                    class="secondary"
                    hidden=move || !enhanced.get() || page.get() == 0
                    on:click=previous
                ><Text id="survey_previous"/></button>
                <span class="muted" hidden=move || !enhanced.get()>
                    <Text id="survey_page"/>" "{move || page.get() + 1}" / "{page_count}
                </span>
                <button
                    type="button"
                    data-testid="survey-next"
                    hidden=on_last_page
                    on:click=next
                ><Text id="survey_next"/></button>
                <button
                    type="submit"
                    data-testid="survey-submit"
                    hidden=move || enhanced.get() && page.get() < last_index
                    disabled=move || submitting.get()
                ><Text id="survey_submit"/></button>
            </div>
        </form>
    }
}

/// One statement with its answer scale: a fieldset whose legend is the statement, so screen
/// readers announce the statement with every option.
#[component]
fn LikertItem(
    item: Item,
    number: usize,
    instrument: Arc<Instrument>,
    answers: RwSignal<Answers>,
    problems: RwSignal<Vec<AnswerProblem>>,
) -> impl IntoView {
    let locale = use_locale();
    let id = item.id().as_str().to_owned();
    let field = item_field(&id);
    let text = item.text().clone();
    let required = item.required();
    let scale = instrument.scale().clone();
    let options = (scale.min()..=scale.max())
        .map(|point| {
            let label = scale.label(point).cloned();
            let input_id = format!("q-{id}-{point}");
            let label_for = input_id.clone();
            let key = id.clone();
            let set_key = id.clone();
            let checked =
                move || answers.with(|a| a.items.get(&key).copied().flatten() == Some(point));
            view! {
                <label class="point" for=label_for>
                    <input
                        type="radio"
                        id=input_id
                        name=field.clone()
                        value=point
                        checked=checked.clone()
                        prop:checked=checked
                        on:change=move |_| {
                            answers.update(|a| { a.items.insert(set_key.clone(), Some(point)); });
                        }
                    />
                    <span class="point-value">{point}</span>
                    <span class="point-label">
                        {move || label.as_ref().map(|l| l.get(locale.get()).to_owned())}
                    </span>
                </label>
            }
        })
        .collect_view();
    let error_key = id.clone();
    let dom_id = format!("q-{id}");
    let invalid = move || problems.with(|p| p.iter().any(|p| p.target() == error_key));
    view! {
        <fieldset
            class="likert"
            id=dom_id
            class:invalid=invalid.clone()
            aria-invalid=move || invalid().to_string()
        >
            <legend>
                <span class="number">{number}". "</span>
                {move || text.get(locale.get()).to_owned()}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </legend>
            <div class="scale">{options}</div>
            <ProblemText target=id problems/>
        </fieldset>
    }
    .into_any()
}

#[component]
fn BarrierChecklist(
    barriers: domain::instrument::Barriers,
    answers: RwSignal<Answers>,
    problems: RwSignal<Vec<AnswerProblem>>,
) -> impl IntoView {
    let locale = use_locale();
    let prompt = barriers.prompt().clone();
    let other_max = barriers.other_max_length();
    let allows_other = barriers.allows_other_text();
    let boxes = barriers
        .codes()
        .iter()
        .copied()
        .map(|code: BarrierCode| {
            let input_id = format!("barrier-{}", code.as_str());
            let label_for = input_id.clone();
            let label = code.label();
            let ticked = move || answers.with(|a| a.barriers.iter().any(|b| b == code.as_str()));
            view! {
                <label class="check" for=label_for>
                    <input
                        type="checkbox"
                        id=input_id
                        name=BARRIER_FIELD
                        value=code.as_str()
                        checked=ticked
                        prop:checked=ticked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            answers.update(|a| {
                                a.barriers.retain(|b| b != code.as_str());
                                if on {
                                    a.barriers.push(code.as_str().to_owned());
                                }
                            });
                        }
                    />
                    " "{move || label.get(locale.get()).to_owned()}
                </label>
            }
        })
        .collect_view();
    let typed_other = answers.with_untracked(|a| a.barrier_other.clone().unwrap_or_default());
    view! {
        <fieldset class="barriers" id="q-barriers">
            <legend>{move || prompt.get(locale.get()).to_owned()}</legend>
            {boxes}
            {allows_other.then(|| view! {
                <label for="q-barrier_other"><Text id="survey_barrier_other"/></label>
                <input
                    id="q-barrier_other"
                    type="text"
                    name=BARRIER_OTHER_FIELD
                    maxlength=other_max
                    value=typed_other
                    prop:value=move || answers.with(|a| a.barrier_other.clone().unwrap_or_default())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        answers.update(|a| a.barrier_other = Some(text));
                    }
                />
                <ProblemText target=domain::instrument::BARRIER_OTHER_TARGET.to_owned() problems/>
            })}
        </fieldset>
    }
}

/// The problem with one question, next to it, in the chosen language.
#[component]
fn ProblemText(target: String, problems: RwSignal<Vec<AnswerProblem>>) -> impl IntoView {
    let locale = use_locale();
    let dom_id = format!("err-{target}");
    move || {
        problems.with(|p| problem_for(p, &target)).map(|p| {
            view! {
                <p class="field-error" id=dom_id.clone() data-testid="field-error">
                    {p.message_in(locale.get()).to_owned()}
                </p>
            }
        })
    }
}

/// Every problem at the top, each linking to its question (WCAG 3.3.1).
#[component]
fn ProblemSummary(problems: RwSignal<Vec<AnswerProblem>>) -> impl IntoView {
    let locale = use_locale();
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" data-testid="survey-problems" tabindex="-1">
                    <p><Text id="survey_problems"/></p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|p| {
                                let href = format!("#q-{}", p.target());
                                view! { <li><a href=href>{p.message_in(locale.get()).to_owned()}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
