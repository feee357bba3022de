//! Administrators edit one unit: name, kind, parent, headcount (the code stays).

#[cfg(feature = "ssr")]
pub async fn update_unit(
    code: String,
    name: String,
    kind: String,
    parent_code: String,
    headcount: String,
) -> Result<(), crate::error::AppError> {
    use domain::{
        access::Action,
        units::{Headcount, Unit, UnitCode, UnitKind, UnitName},
    };
    use leptos::prelude::*;

    use crate::{auth::ssr::authorize, error::AppError};

    let store = use_context::<store::Store>().ok_or(AppError::Internal)?;
    let code = UnitCode::parse(&code).map_err(|_| AppError::NotFound)?;
    let record = store.unit_by_code(&code).await?.ok_or(AppError::NotFound)?;
    let admin = authorize(Action::EditUnit, Some(record.id)).await?;
    let locale = crate::lang_cookie::current();
    let invalid = |e: domain::units::UnitError| AppError::Invalid(e.message(locale));
    let parent = match parent_code.trim() {
        "" => None,
        p => Some(UnitCode::parse(p).map_err(invalid)?),
    };
    let unit = Unit {
        code: code.clone(),
        name: UnitName::parse(&name).map_err(invalid)?,
        kind: UnitKind::parse(&kind).map_err(invalid)?,
        parent,
        headcount: Headcount::parse(&headcount).map_err(invalid)?,
    };
    store
        .update_unit(&code, unit, &admin.actor())
        .await
        .map_err(|e| match e {
            store::StoreError::Invalid(_) | store::StoreError::Conflict(_) => {
                AppError::Invalid(crate::i18n::text(locale, "units_edit_refused"))
            }
            other => other.into(),
        })
}
