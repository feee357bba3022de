//! Server side of instruments: administrators only (`Action::ManageSurveys`). Saving goes through
//! `Store::save_instrument`, which writes the `instrument_saved` audit entry.

use domain::{
    access::Action,
    instrument::{default_instrument, library, Instrument},
    units::Locale,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use store::{Store, StoreError};

use super::{
    check, ComposeForm, ComposeInstrument, InstrumentDetail, InstrumentRow, Library,
    LibraryDimension, LibraryItem, SavedInstrument,
};
use crate::{auth::ssr::authorize, error::AppError, i18n::text_with};

fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

pub async fn list_instruments() -> Result<Vec<InstrumentRow>, AppError> {
    authorize(Action::ManageSurveys, None).await?;
    let store = store()?;
    let mut rows = Vec::new();
    for summary in store.list_instruments().await? {
        // One small read per version: there are a handful, and the count needs the content.
        let items = store
            .instrument(summary.id)
            .await?
            .map_or(0, |record| record.instrument.item_count());
        rows.push(InstrumentRow {
            id: summary.id,
            slug: summary.slug,
            version: summary.version,
            title_id: summary.title_id,
            title_en: summary.title_en,
            items,
            waves: summary.waves,
        });
    }
    Ok(rows)
}

pub async fn instrument_library() -> Result<Library, AppError> {
    authorize(Action::ManageSurveys, None).await?;
    let library = library();
    let default = default_instrument();
    let dimensions = library
        .dimensions()
        .iter()
        .map(|dimension| LibraryDimension {
            id: dimension.id().to_string(),
            construct: dimension.construct().as_str().to_owned(),
            name_id: dimension.name().id().to_owned(),
            name_en: dimension.name().en().to_owned(),
            items: library
                .items_of(dimension.id().as_str())
                .map(|item| LibraryItem {
                    id: item.id().to_string(),
                    text_id: item.text().id().to_owned(),
                    text_en: item.text().en().to_owned(),
                    reverse_keyed: item.reverse_keyed(),
                    in_default: default.item(item.id().as_str()).is_some(),
                })
                .collect(),
        })
        .collect();
    Ok(Library { dimensions })
}

pub async fn get_instrument(id: i64) -> Result<InstrumentDetail, AppError> {
    authorize(Action::ManageSurveys, None).await?;
    let store = store()?;
    let record = store.instrument(id).await?.ok_or(AppError::NotFound)?;
    let waves = store
        .list_instruments()
        .await?
        .iter()
        .find(|summary| summary.id == id)
        .map_or(0, |summary| summary.waves);
    Ok(InstrumentDetail {
        id: record.id,
        instrument: record.instrument,
        waves,
        created_at: record.created_at,
        created_by_name: record.created_by_name,
    })
}

/// Composes and saves. A survey id already stored becomes its next version when the content
/// differs from the newest version (versions are never edited in place), and is answered with
/// the newest version when the content is the same.
pub async fn compose(form: ComposeForm, lang: &str) -> Result<SavedInstrument, AppError> {
    let user = authorize(Action::ManageSurveys, None).await?;
    let locale = Locale::from_code(lang);
    let composed =
        check::compose(&form, locale).map_err(|problems| AppError::Invalid(problems.join("\n")))?;
    let store = store()?;
    let slug = composed.id().to_string();
    let newest = store
        .list_instruments()
        .await?
        .into_iter()
        .filter(|summary| summary.slug == slug)
        .max_by_key(|summary| summary.version);
    let (instrument, previous_version) = match newest {
        None => (composed, None),
        Some(newest) => {
            let stored = store
                .instrument(newest.id)
                .await?
                .ok_or(AppError::Internal)?;
            let next: Instrument = stored
                .instrument
                .next_version(composed)
                .map_err(|e| AppError::Invalid(e.message(locale)))?;
            (next, Some(newest.version))
        }
    };
    let version = instrument.version().get();
    let saved = store
        .save_instrument(&instrument, &user.actor())
        .await
        .map_err(|e| match e {
            // Someone saved this version number a moment ago with other content.
            StoreError::Conflict(_) => AppError::Invalid(text_with(
                locale,
                "instrument_version_conflict",
                &[("version", version.to_string()), ("slug", slug.clone())],
            )),
            other => other.into(),
        })?;
    Ok(SavedInstrument {
        id: saved.id,
        slug,
        version,
        previous_version,
        unchanged: previous_version == Some(version),
    })
}

/// For a plain form post, answers with a redirect: to the saved version, or back to the
/// composer with the form and the error in the address (the composer fills its fields from
/// there, and the error shows as for any server action).
pub fn answer_plain_form(form: &ComposeForm, result: &Result<SavedInstrument, AppError>) {
    crate::interventions::answer_plain_form(
        result,
        |saved| format!("/instruments/{}?disimpan=1", saved.id),
        &format!("/instruments/baru?{}#compose-problems", form.to_query()),
        ComposeInstrument::PATH,
    );
}
