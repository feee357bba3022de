//! `POST /s/{token}`: a respondent's answers, posted by the plain HTML form (with or without
//! JavaScript). Stored answers get a 303 to the thank-you page only after the commit; refused
//! answers get the same page again (422) with every problem listed and everything typed kept.

use app::{
    shell,
    survey::ssr::{submit, InstrumentCache, RefusedSubmission, Submission},
};
use axum::{
    body::{Body, Bytes},
    extract::{rejection::BytesRejection, Path, State},
    http::{header, HeaderMap, Request, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};
use chrono::Utc;
use domain::{
    instrument::{
        form::{check_form_size, OversizedForm, FORM_BYTES_MAX},
        Answers,
    },
    waves::InvitationToken,
};
use leptos::prelude::*;
use store::Store;
use tower_http::limit::RequestBodyLimitLayer;

#[derive(Clone)]
struct SurveyContext {
    store: Store,
    instruments: InstrumentCache,
    options: LeptosOptions,
}

pub fn routes<S>(store: Store, instruments: InstrumentCache, options: LeptosOptions) -> Router<S> {
    Router::new()
        // One past the form's limit: a declared length over it is answered 413 before the
        // body is read; a body that grows past it while read gets the survey's own refusal.
        .route(
            "/s/{token}",
            post(post_answers).layer(RequestBodyLimitLayer::new(FORM_BYTES_MAX + 1)),
        )
        .with_state(SurveyContext {
            store,
            instruments,
            options,
        })
}

/// The language the respondent was reading in, carried by a hidden field of the form.
fn language_query(pairs: &[(String, String)]) -> &'static str {
    match pairs.iter().find(|(name, _)| name == "lang") {
        Some((_, lang)) if lang == "en" => "?lang=en",
        _ => "",
    }
}

/// The answer to a body the survey form cannot have sent: short, whatever was posted.
fn oversized(reason: OversizedForm) -> Response {
    tracing::info!(%reason, "a survey post was refused unread");
    crate::plain_answer::plain(
        StatusCode::PAYLOAD_TOO_LARGE,
        "Isian terlalu besar untuk formulir survei. / The form is too large for a survey.",
    )
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

async fn post_answers(
    State(context): State<SurveyContext>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    // Only a well-formed token goes back into a URL (and a Location header).
    let Ok(token) = InvitationToken::parse(&token).map(|t| t.as_str().to_owned()) else {
        return Redirect::to("/s/tidak-dikenal").into_response();
    };
    // Bounded before anything is parsed: size and field count in one pass over the bytes, then
    // a linear parse. The work an unauthenticated post can cause is this, and no more.
    let Ok(body) = body else {
        return oversized(OversizedForm::TooLarge);
    };
    if !is_form(&headers) {
        return crate::plain_answer::plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Kirim jawaban lewat formulir survei. / Send answers with the survey form.",
        );
    }
    if let Err(reason) = check_form_size(&body) {
        return oversized(reason);
    }
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let lang = language_query(&pairs);
    let answers = Answers::from_form(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let outcome = submit(
        &context.store,
        &context.instruments,
        &token,
        answers.clone(),
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(Submission::Stored) => {
            Redirect::to(&format!("/s/{token}/selesai{lang}")).into_response()
        }
        // The survey page says why (unknown, used, not open): one wording for both paths.
        Ok(Submission::NotAnswerable) => Redirect::to(&format!("/s/{token}{lang}")).into_response(),
        Ok(Submission::Refused(refused)) => {
            render_again(
                context,
                &token,
                lang,
                refused,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => {
            tracing::warn!(error = %e, "storing a response failed; the respondent keeps the answers");
            let refused = RefusedSubmission {
                answers,
                problems: Vec::new(),
                unavailable: true,
            };
            render_again(
                context,
                &token,
                lang,
                refused,
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await
        }
    }
}

/// The survey page rendered with the refused answers filled in.
async fn render_again(
    context: SurveyContext,
    token: &str,
    lang: &str,
    refused: RefusedSubmission,
    status: StatusCode,
) -> Response {
    let SurveyContext {
        store,
        instruments,
        options,
    } = context;
    let page_options = options.clone();
    // Rendered whole (not streamed): the page must work without JavaScript.
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(store.clone());
            provide_context(instruments.clone());
            provide_context(refused.clone());
            provide_context(page_options.clone());
        },
        move || shell(options.clone()),
    );
    let request = Request::builder()
        .uri(format!("/s/{token}{lang}"))
        .body(Body::empty());
    match request {
        Ok(request) => {
            let mut response = handler(request).await.into_response();
            *response.status_mut() = status;
            response
        }
        // Only an unparseable token could make the URI invalid; it answers nothing anyway.
        Err(_) => Redirect::to("/").into_response(),
    }
}
