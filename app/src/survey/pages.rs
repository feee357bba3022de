//! The respondent's pages: the survey, the thank-you page, and the clear refusals for a
//! token that is unknown, used, early or late.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{draft, form::SurveyFormView, get_survey, SurveyState};
use crate::{
    format::jakarta_time,
    i18n::{text, use_locale, Locale, Text},
};

/// `?lang=en` chooses English without JavaScript (the toggle needs the WebAssembly).
fn follow_language_query() {
    let query = use_query_map();
    if query.read_untracked().get("lang").as_deref() == Some("en") {
        use_locale().set(Locale::En);
    }
}

/// A link to the same page in the other language, for phones without JavaScript.
#[component]
fn LanguageLink() -> impl IntoView {
    let locale = use_locale();
    let query = move || locale.with(|l| l.pick("?lang=en", "?lang=id"));
    view! {
        <p class="language-link">
            <a href=query data-testid="language-link"><Text id="switch_language"/></a>
        </p>
    }
}

#[component]
fn Refusal(title: &'static str, body: &'static str, testid: &'static str) -> impl IntoView {
    view! {
        <section class="notice" data-testid=testid>
            <h1><Text id=title/></h1>
            <p><Text id=body/></p>
        </section>
    }
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    follow_language_query();
    let locale = use_locale();
    let params = use_params_map();
    let state = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        get_survey,
    );
    view! {
        <Title text=move || text(locale.get(), "survey_window_title")/>
        <div class="page survey">
            <LanguageLink/>
            <Suspense fallback=|| view! { <p><Text id="status_loading"/></p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok(SurveyState::Ready(form)) => view! { <SurveyFormView form=*form/> }.into_any(),
                        Ok(SurveyState::Unknown) => view! {
                            <Refusal title="survey_unknown_title" body="survey_unknown_body" testid="survey-unknown"/>
                        }.into_any(),
                        Ok(SurveyState::Closed) => view! {
                            <Refusal title="survey_closed_title" body="survey_closed_body" testid="survey-closed"/>
                        }.into_any(),
                        Ok(SurveyState::NotYetOpen(opens)) => view! {
                            <section class="notice" data-testid="survey-not-open">
                                <h1><Text id="survey_not_open_title"/></h1>
                                <p>
                                    <Text id="survey_not_open_body"/>
                                    {opens.map(|at| view! { " "<Text id="survey_opens"/>" "{move || jakarta_time(at, locale.get())}"." })}
                                </p>
                            </section>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.message(locale.get_untracked())}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn ThanksPage() -> impl IntoView {
    follow_language_query();
    let locale = use_locale();
    let params = use_params_map();
    // The answers are stored: the draft on this phone has done its job.
    Effect::new(move |_| {
        if let Some(token) = params.read_untracked().get("token") {
            draft::clear(&token);
        }
    });
    view! {
        <Title text=move || text(locale.get(), "survey_window_title")/>
        <div class="page survey">
            <LanguageLink/>
            <section class="notice success" data-testid="survey-thanks">
                <h1><Text id="survey_thanks_title"/></h1>
                <p><Text id="survey_thanks_body"/></p>
            </section>
        </div>
    }
}
