//! The units CSV export: the same format the import reads, so export → edit → import works.

#[cfg(feature = "ssr")]
pub async fn export_units_csv() -> Result<String, crate::error::AppError> {
    use domain::{access::Action, units::csv::to_csv};
    use leptos::prelude::*;
    use store::{AuditAction, NewAuditEntry};

    use crate::{auth::ssr::authorize, error::AppError};

    let admin = authorize(Action::ImportUnits, None).await?;
    let store = use_context::<store::Store>().ok_or(AppError::Internal)?;
    let units: Vec<_> = store
        .list_units()
        .await?
        .into_iter()
        .map(|r| r.unit)
        .collect();
    let mut entry = NewAuditEntry::new(admin.actor(), AuditAction::Export);
    entry.target = Some("units.csv".into());
    entry.detail = serde_json::json!({ "units": units.len() });
    store.append_audit(&entry).await?;
    Ok(to_csv(&units))
}

/// A `data:` URL carrying the CSV, for a download link that needs no extra request.
pub fn csv_data_url(csv: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    format!(
        "data:text/csv;charset=utf-8,{}",
        percent_encoding::utf8_percent_encode(csv, KEEP)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_url_round_trips() {
        let csv = "code,name\nDKI,Provinsi DKI Jakarta; \"Kota\" #1\n";
        let url = super::csv_data_url(csv);
        let encoded = url
            .strip_prefix("data:text/csv;charset=utf-8,")
            .expect("prefix");
        assert!(!encoded.contains(['\n', ' ', '#', ';', '"']));
        let decoded = percent_encoding::percent_decode_str(encoded)
            .decode_utf8()
            .expect("utf-8");
        assert_eq!(decoded, csv);
    }
}
