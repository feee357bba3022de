//! The audit log as CSV: administrators only, every entry (beyond one page), filtered by
//! action, and the export itself recorded.

use crate::{
    auth::{browser, call, setup_admin, signed_in, ADMIN_PASSWORD},
    on_both_engines,
    support::TestApp,
};

on_both_engines!(administrators_download_the_audit_log);

async fn administrators_download_the_audit_log(app: TestApp) {
    setup_admin(&app).await;
    let admin = signed_in(&app, "admin", ADMIN_PASSWORD).await;
    let imported = call(
        &app,
        &admin,
        "units/import",
        &[
            (
                "csv",
                "code,name,kind,parent_code,headcount\nDKI,Provinsi Uji,provinsi,,0\n",
            ),
            ("commit", "true"),
            ("lang", "id"),
        ],
    )
    .await;
    assert_eq!(imported.status(), 200, "{}", imported.text().await.unwrap());
    let created = call(
        &app,
        &admin,
        "admin/users/create",
        &[
            ("username", "pimpinan"),
            ("display_name", "=HYPERLINK(\"x\")"),
            ("password", ADMIN_PASSWORD),
            ("role", "leader"),
            ("units", "DKI"),
        ],
    )
    .await;
    assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
    let leader = signed_in(&app, "pimpinan", ADMIN_PASSWORD).await;
    // More entries than one page of the log holds.
    let store = store::Store::connect(app.db.url(), &store::PoolOptions::default())
        .await
        .unwrap();
    for i in 0..(store::MAX_AUDIT_PAGE + 20) {
        store
            .append_audit(
                &store::NewAuditEntry::new(store::Actor::system("uji"), store::AuditAction::Export)
                    .target(format!("berkas-{i}")),
            )
            .await
            .unwrap();
    }

    let response = admin.get(app.url("/admin/audit.csv")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = response.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}waktu_utc,pelaku,tindakan,sasaran,rincian"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains(",export,berkas-"))
            .count(),
        store::MAX_AUDIT_PAGE as usize + 20,
        "every entry, beyond one page"
    );
    assert!(lines.iter().filter(|l| l.contains(",login,")).count() >= 2);
    // Text a spreadsheet would run as a formula is neutralised.
    assert!(!body.contains(",=HYPERLINK") && !body.contains(",\"=HYPERLINK"));
    assert!(lines.iter().any(|l| l.contains(",user_created,")), "{body}");

    let logins = admin
        .get(app.url("/admin/audit.csv?aksi=login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        logins.lines().skip(1).all(|l| l.contains(",login,")),
        "{logins}"
    );
    let unknown = admin
        .get(app.url("/admin/audit.csv?aksi=tidak_ada"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 422);

    assert_eq!(
        leader
            .get(app.url("/admin/audit.csv"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        browser()
            .get(app.url("/admin/audit.csv"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // The download is itself in the log.
    let again = admin
        .get(app.url("/admin/audit.csv?aksi=export"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(again.contains("audit_log"), "{again}");
    app.stop().await;
}
