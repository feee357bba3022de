//! An administrator deletes a unit's survey data (issue #9): only after typing the code
//! again, only administrators, every response and token of the unit gone, the deletion in the
//! audit log; on both engines.

use chrono::Utc;

use crate::{
    auth::{browser, call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
    survey::{form, open_wave, responses},
};

on_both_engines!(administrators_delete_a_units_survey_data);

async fn administrators_delete_a_units_survey_data(app: TestApp) {
    let fixture = open_wave(&app, 6).await;
    let answers = fixture
        .instrument
        .validate_answers(&domain::instrument::Answers::from_form(
            form(&fixture.instrument, 4, &[])
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        ))
        .unwrap();
    for token in fixture.tokens.iter().take(4) {
        fixture
            .store
            .submit_response(token, &answers, Utc::now())
            .await
            .unwrap();
    }
    assert_eq!(responses(&fixture).await, 4);
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let created = call(
        &app,
        &admin,
        "admin/users/create",
        &[
            ("username", "agen"),
            ("display_name", "Agen"),
            ("password", ADMIN_PASSWORD),
            ("role", "change_agent"),
            ("units", "T"),
        ],
    )
    .await;
    assert_eq!(created.status(), 200);
    let agent = signed_in(&app, "agen", ADMIN_PASSWORD).await;

    let form =
        |confirm: &'static str| vec![("code", "T.KEL"), ("confirm", confirm), ("lang", "id")];
    assert_eq!(
        call(&app, &browser(), "units/delete-data", &form("T.KEL"))
            .await
            .status(),
        401
    );
    assert_eq!(
        call(&app, &agent, "units/delete-data", &form("T.KEL"))
            .await
            .status(),
        403
    );
    let unconfirmed = call(&app, &admin, "units/delete-data", &form("T")).await;
    assert_eq!(unconfirmed.status(), 422);
    assert!(unconfirmed.text().await.unwrap().contains("T.KEL"));
    assert_eq!(responses(&fixture).await, 4, "nothing deleted unconfirmed");

    let deleted = call(&app, &admin, "units/delete-data", &form("T.KEL")).await;
    assert_eq!(deleted.status(), 200);
    assert_eq!(deleted.json::<u64>().await.unwrap(), 4);
    assert_eq!(responses(&fixture).await, 0);
    for token in &fixture.tokens {
        assert!(fixture.store.invitation(token).await.unwrap().is_none());
    }
    let audit = fixture
        .store
        .list_audit(&store::AuditFilter {
            action: Some(store::AuditAction::UnitDataDeleted),
            ..store::AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].target.as_deref(), Some("T.KEL"));
    assert_eq!(audit[0].detail["responses"], 4);
    assert_eq!(audit[0].detail["tokens"], 6);
    app.stop().await;
}
