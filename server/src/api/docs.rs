//! The API's documents, readable without a token: the OpenAPI document
//! (`/api/v1/openapi.json`), a page for people generated from it (`/api/v1/docs`), and the
//! problem types (`/api/v1/problems/{slug}`, which lead to their section of that page).

use std::fmt::Write;

use axum::{
    extract::Path,
    http::header,
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
    Json, Router,
};
use utoipa::openapi::{path::Operation, RefOr};

use super::{
    caller::ApiState,
    openapi::document,
    problem::{Problem, ProblemKind},
};

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/docs", get(docs_page))
        .route("/problems/{slug}", get(problem_type))
}

async fn openapi_json() -> Response {
    ([(header::CACHE_CONTROL, "no-cache")], Json(document())).into_response()
}

async fn problem_type(Path(slug): Path<String>) -> Response {
    match ProblemKind::ALL.into_iter().find(|k| k.slug() == slug) {
        Some(kind) => {
            Redirect::to(&format!("/api/v1/docs#problem-{}", kind.slug())).into_response()
        }
        None => Problem::new(ProblemKind::NotFound, "No such problem type.").into_response(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn schema_name(schema: &RefOr<utoipa::openapi::schema::Schema>) -> String {
    match schema {
        RefOr::Ref(r) => r.ref_location.rsplit('/').next().unwrap_or("").to_owned(),
        RefOr::T(_) => "(inline)".to_owned(),
    }
}

fn operation_html(out: &mut String, method: &str, path: &str, op: &Operation) {
    let id = format!("{method}-{path}").replace(['/', '{', '}'], "-");
    let _ = write!(
        out,
        "<section class=\"op\" id=\"{id}\"><h3><span class=\"method\">{}</span> <code>{}</code></h3>",
        method.to_uppercase(),
        escape(path)
    );
    if let Some(summary) = &op.summary {
        let _ = write!(out, "<p><strong>{}</strong></p>", escape(summary));
    }
    if let Some(description) = &op.description {
        let _ = write!(out, "<p>{}</p>", escape(description));
    }
    if let Some(parameters) = op.parameters.as_ref().filter(|p| !p.is_empty()) {
        out.push_str("<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr></thead><tbody>");
        for p in parameters {
            let location = serde_json::to_value(&p.parameter_in)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let required = matches!(p.required, utoipa::openapi::Required::True);
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&p.name),
                escape(&location),
                if required { "yes" } else { "no" },
                escape(p.description.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</tbody></table>");
    }
    if let Some(body) = &op.request_body {
        for (media, content) in &body.content {
            let schema = content.schema.as_ref().map(schema_name).unwrap_or_default();
            let _ = write!(
                out,
                "<p>Body: <code>{}</code> {}</p>",
                escape(media),
                escape(&schema)
            );
        }
    }
    out.push_str("<ul class=\"responses\">");
    for (status, response) in &op.responses.responses {
        let text = match response {
            RefOr::T(r) => {
                let schemas: Vec<String> = r
                    .content
                    .values()
                    .filter_map(|c| c.schema.as_ref().map(schema_name))
                    .collect();
                format!("{} {}", r.description, schemas.join(", "))
            }
            RefOr::Ref(r) => format!(
                "problem ({})",
                r.ref_location.rsplit('/').next().unwrap_or("")
            ),
        };
        let _ = write!(
            out,
            "<li><code>{}</code> {}</li>",
            escape(status),
            escape(&text)
        );
    }
    out.push_str("</ul></section>");
}

async fn docs_page() -> Html<String> {
    let doc = document();
    let mut out = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Siap API v1</title><style>\
         body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5}\
         code{background:#f2f2f2;padding:0 .2em}.method{font-family:monospace;background:#0b5394;color:#fff;padding:0 .4em}\
         table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}\
         .op{border-top:1px solid #ddd;margin-top:1rem}</style></head><body>",
    );
    let _ = write!(
        out,
        "<h1>{} <small>{}</small></h1><p>{}</p>",
        escape(&doc.info.title),
        escape(&doc.info.version),
        escape(doc.info.description.as_deref().unwrap_or(""))
    );
    out.push_str(
        "<p>The machine-readable document: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a> \
         (OpenAPI 3.1). Lists take <code>page</code> (from 1) and <code>per_page</code> (1–200) \
         and answer <code>{items, total, page, per_page}</code>. Messages come in Indonesian \
         unless <code>Accept-Language</code> prefers English.</p><h2>Endpoints</h2>",
    );
    for (path, item) in &doc.paths.paths {
        for (method, op) in [
            ("get", &item.get),
            ("post", &item.post),
            ("put", &item.put),
            ("patch", &item.patch),
            ("delete", &item.delete),
        ] {
            if let Some(op) = op {
                operation_html(&mut out, method, path, op);
            }
        }
    }
    out.push_str("<h2>Problems</h2><p>Errors are <code>application/problem+json</code> with these stable types:</p><dl>");
    for kind in ProblemKind::ALL {
        let _ = write!(
            out,
            "<dt id=\"problem-{slug}\"><code>{uri}</code> ({status}) {title}</dt><dd>{explanation}</dd>",
            slug = kind.slug(),
            uri = escape(&kind.type_uri()),
            status = kind.status().as_u16(),
            title = escape(kind.title()),
            explanation = escape(kind.explanation()),
        );
    }
    out.push_str("</dl></body></html>");
    Html(out)
}
