//! The OpenAPI 3.1 document of `/api/v1`, assembled from each area's paths, with the bearer
//! scheme and the problem responses every operation can give added in one place.

use utoipa::{
    openapi::{
        content::ContentBuilder,
        response::ResponseBuilder,
        security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme},
        OpenApi as Document, Ref, RefOr,
    },
    OpenApi,
};

use super::{
    audit::AuditApi, gaps::GapsApi, indicators::IndicatorsApi, interventions::InterventionsApi,
    invitations::InvitationsApi, me::MeApi, problem::Problem, responses::ResponsesApi,
    units::UnitsApi, waves::WavesApi,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Siap API",
        description = "Siap's REST API: units, survey waves, invitations, responses, indicators, \
            intervention plans, resource gaps and the audit log, within the units of the token's \
            user. Send a personal API token (created on the page /akun/token) as \
            `Authorization: Bearer <token>`. Errors are `application/problem+json`.",
        license(name = "AGPL-3.0-or-later"),
    ),
    components(schemas(Problem)),
    tags(
        (name = "me", description = "The token's user"),
        (name = "units", description = "The organisation's unit tree"),
        (name = "waves", description = "Survey waves"),
        (name = "invitations", description = "Anonymous single-use invitation tokens"),
        (name = "responses", description = "Importing answers collected elsewhere"),
        (name = "indicators", description = "Readiness indicators per unit (small groups suppressed)"),
        (name = "interventions", description = "Intervention plans"),
        (name = "gaps", description = "The resource-gap register"),
        (name = "audit", description = "The audit log (administrators)"),
    )
)]
struct BaseApi;

/// The responses every operation may give besides its own (status, description).
const PROBLEMS: [(&str, &str); 6] = [
    ("401", "No valid API token"),
    ("403", "The token's role may not do this"),
    ("404", "Not found, or outside the token's units"),
    ("422", "Invalid input; `errors` names each field"),
    ("429", "Too many requests"),
    ("503", "The database is unavailable; retry later"),
];

/// The whole document.
pub fn document() -> Document {
    let mut doc = BaseApi::openapi();
    for part in [
        MeApi::openapi(),
        UnitsApi::openapi(),
        WavesApi::openapi(),
        InvitationsApi::openapi(),
        ResponsesApi::openapi(),
        IndicatorsApi::openapi(),
        InterventionsApi::openapi(),
        GapsApi::openapi(),
        AuditApi::openapi(),
    ] {
        doc.merge(part);
    }
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
    );
    for (status, description) in PROBLEMS {
        components.responses.insert(
            format!("Problem{status}"),
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/problem+json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build(),
            ),
        );
    }
    doc.security = Some(vec![SecurityRequirement::new(
        "bearer",
        Vec::<String>::new(),
    )]);
    for item in doc.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            for (status, _) in PROBLEMS {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| {
                        RefOr::Ref(Ref::new(format!("#/components/responses/Problem{status}")))
                    });
            }
        }
    }
    doc
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_with_every_operation_secured_and_its_problems() {
        let doc = document();
        let json = serde_json::to_value(&doc).unwrap();
        assert!(json["openapi"].as_str().unwrap().starts_with("3.1"));
        assert!(json["components"]["securitySchemes"]["bearer"].is_object());
        let paths = json["paths"].as_object().unwrap();
        assert!(paths.len() >= 10, "{} paths", paths.len());
        for (path, item) in paths {
            assert!(path.starts_with("/api/v1/"), "{path}");
            for (method, operation) in item.as_object().unwrap() {
                let responses = operation["responses"].as_object().unwrap();
                for (status, _) in PROBLEMS {
                    assert!(
                        responses.contains_key(status),
                        "{method} {path} lacks {status}"
                    );
                }
                assert!(
                    responses.keys().any(|s| s.starts_with('2')),
                    "{method} {path} has no success response"
                );
            }
        }
    }
}
