//! `/api/v1/waves/{id}/responses/import`: a wave's responses collected elsewhere (paper forms
//! typed into a spreadsheet, another survey tool's export), imported with the responses
//! import page's own functions: the file's columns are matched to the survey as the page
//! proposes, every problem is reported by line, and nothing is stored unless the whole file
//! is valid.

use app::waves::{self as ui, ResponsesImport};
use axum::{body::Bytes, extract::Path, http::HeaderMap, routing::post, Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{
    caller::{ApiState, Caller},
    input::ApiQuery,
    problem::{ApiResult, FieldError, Problem, ProblemKind},
    units::csv_text,
    waves::wave_id,
};

#[derive(OpenApi)]
#[openapi(paths(import_responses))]
pub struct ResponsesApi;

pub fn routes() -> Router<ApiState> {
    Router::new().route("/waves/{id}/responses/import", post(import_responses))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check only and report how many responses would be stored (the default); `false`
    /// stores them.
    dry_run: Option<bool>,
}

/// What an import did or would do.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResponsesImportOut {
    /// Responses in the file (all of them valid).
    pub count: u64,
    /// Whether they were stored (`false` on a dry run).
    pub committed: bool,
}

/// A problem of the file as the importer words it ("Baris 4, kolom unit_code: …" or
/// "Line 4, column unit_code: …"), as a refused field `line 4 (unit_code)`.
fn field_error(text: String) -> FieldError {
    let place = ["Baris ", "Line "]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .and_then(|rest| {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let (line, rest) = rest.split_at(digits);
            if line.is_empty() {
                return None;
            }
            if let Some(message) = rest.strip_prefix(": ") {
                return Some((format!("line {line}"), message.to_owned()));
            }
            let rest = ["kolom ", "column "]
                .iter()
                .find_map(|prefix| rest.strip_prefix(", ")?.strip_prefix(prefix))?;
            let (column, message) = rest.split_once(": ")?;
            Some((format!("line {line} ({column})"), message.to_owned()))
        });
    match place {
        Some((field, message)) => FieldError { field, message },
        // Problems of the file as a whole or of its columns.
        None => FieldError {
            field: "body".to_owned(),
            message: text,
        },
    }
}

/// A refusal of the app layer about the file (not about the caller or the wave) names the
/// body.
fn about_body(problem: Problem) -> Problem {
    if problem.status == ProblemKind::Invalid.status().as_u16() && problem.errors.is_empty() {
        Problem::field("body", problem.detail)
    } else {
        problem
    }
}

/// Checks a wave's responses CSV (body, `text/csv`: a `unit_code` column and one column per
/// item, named by the item's id or its statement; answers as scale points or their labels)
/// and, with `dry_run=false`, stores every response or none (administrators). Each problem
/// is reported by line in `errors`, e.g. field `line 4 (unit_code)`.
#[utoipa::path(post, path = "/api/v1/waves/{id}/responses/import", tag = "responses",
    params(("id" = i64, Path, description = "The wave's id", example = 1), ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The responses CSV"),
    responses((status = 200, description = "What was (or would be) stored",
        body = ResponsesImportOut)))]
async fn import_responses(
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<ResponsesImportOut>> {
    let id = wave_id(&caller, &id)?;
    let csv = csv_text(&headers, &body)?;
    let commit = !query.dry_run.unwrap_or(true);
    let lang = caller.lang();
    // The columns as the page proposes them from the header line (only the header is read).
    let proposal = caller
        .run(|| ui::propose_columns(id, csv.clone(), lang.clone()))
        .await
        .map_err(about_body)?;
    let mapping = serde_json::to_string(&proposal.columns).map_err(|e| {
        tracing::error!(error = %e, "a column mapping to JSON");
        Problem::new(ProblemKind::Internal, "")
    })?;
    match caller
        .run(|| ui::import_responses(id, csv, mapping, commit, lang))
        .await
        .map_err(about_body)?
    {
        ResponsesImport::Ready { count, committed } => {
            Ok(Json(ResponsesImportOut { count, committed }))
        }
        ResponsesImport::Problems(problems) => Err(Problem::fields(
            problems.into_iter().map(field_error).collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_their_line_and_column() {
        let e = field_error("Baris 4, kolom unit_code: unit X tidak ada".to_owned());
        assert_eq!(e.field, "line 4 (unit_code)");
        assert_eq!(e.message, "unit X tidak ada");
        let e = field_error("Line 12: this row has 3 fields; it should have 5".to_owned());
        assert_eq!(e.field, "line 12");
        assert_eq!(e.message, "this row has 3 fields; it should have 5");
        let e = field_error("Kolom Pertanyaan 3: tidak dikenal".to_owned());
        assert_eq!(e.field, "body");
        let e = field_error("Line x: what".to_owned());
        assert_eq!(e.field, "body");
    }
}
