//! Server side of the responses import: administrators only; the wave's units are the only
//! units a row may name.

use domain::{
    access::Action,
    instrument::Instrument,
    responses::{guess_mapping, read_responses_mapped, ColumnMapping, HeaderGuess},
    units::{Locale, Unit},
};
use store::Store;

use super::import::{MappingProposal, ResponsesImport, TargetColumn};
use super::ssr::store;
use crate::{
    auth::ssr::authorize,
    error::AppError,
    i18n::{text, text_with},
};

/// The most bytes one pasted or uploaded file may have: a whole province's wave with long
/// comments fits; a runaway paste does not take the server down.
const MAX_CSV_BYTES: usize = 64 * 1024 * 1024;

async fn wave_instrument_and_units(
    store: &Store,
    wave_id: i64,
) -> Result<(Instrument, Vec<Unit>), AppError> {
    let wave = store.wave(wave_id).await?.ok_or(AppError::NotFound)?;
    let instrument = store
        .instrument(wave.instrument_id)
        .await?
        .ok_or(AppError::Internal)?
        .instrument;
    let ids = store.wave_unit_ids(wave_id).await?;
    let units = store
        .list_units()
        .await?
        .into_iter()
        .filter(|r| ids.contains(&r.id))
        .map(|r| r.unit)
        .collect();
    Ok((instrument, units))
}

fn too_big(locale: Locale, csv: &str) -> Result<(), AppError> {
    if csv.len() > MAX_CSV_BYTES {
        return Err(AppError::Invalid(text(locale, "responses_file_too_large")));
    }
    Ok(())
}

/// Every column a file may feed, labelled for people: the item's number and statement.
fn targets(instrument: &Instrument, locale: Locale) -> Vec<TargetColumn> {
    let mut out = vec![TargetColumn {
        name: domain::responses::UNIT_CODE_COLUMN.to_owned(),
        label: text(locale, "responses_column_unit_code"),
    }];
    for (index, item) in instrument.items().enumerate() {
        let text: String = item.text().get(locale).chars().take(70).collect();
        out.push(TargetColumn {
            name: item.id().as_str().to_owned(),
            label: format!("{}. {text}", index + 1),
        });
    }
    if let Some(barriers) = instrument.barriers() {
        out.push(TargetColumn {
            name: domain::responses::BARRIER_LIST_COLUMN.to_owned(),
            label: text(locale, "responses_column_barriers"),
        });
        for code in barriers.codes() {
            out.push(TargetColumn {
                name: format!("{}{}", domain::responses::BARRIER_PREFIX, code.as_str()),
                label: text_with(
                    locale,
                    "responses_column_barrier",
                    &[("barrier", code.label().get(locale).to_owned())],
                ),
            });
        }
        if barriers.allows_other_text() {
            out.push(TargetColumn {
                name: domain::responses::BARRIER_OTHER_TEXT_COLUMN.to_owned(),
                label: text(locale, "responses_column_barrier_other"),
            });
        }
    }
    for question in instrument.comments() {
        let text: String = question.prompt().get(locale).chars().take(70).collect();
        out.push(TargetColumn {
            name: format!(
                "{}{}",
                domain::responses::COMMENT_PREFIX,
                question.id().as_str()
            ),
            label: text,
        });
    }
    out
}

pub async fn propose_columns(
    wave_id: i64,
    csv: String,
    lang: String,
) -> Result<MappingProposal, AppError> {
    authorize(Action::ManageSurveys, None).await?;
    let locale = Locale::from_code(&lang);
    too_big(locale, &csv)?;
    let store = store()?;
    let (instrument, _) = wave_instrument_and_units(&store, wave_id).await?;
    let guesses = guess_mapping(csv.as_bytes(), &instrument).map_err(|report| {
        AppError::Invalid(
            report
                .problems
                .iter()
                .map(|p| p.message(locale))
                .collect::<Vec<_>>()
                .join(" "),
        )
    })?;
    Ok(MappingProposal {
        columns: guesses,
        targets: targets(&instrument, locale),
    })
}

pub async fn import_responses(
    wave_id: i64,
    csv: String,
    mapping: String,
    commit: bool,
    lang: String,
) -> Result<ResponsesImport, AppError> {
    let user = authorize(Action::ManageSurveys, None).await?;
    let locale = Locale::from_code(&lang);
    too_big(locale, &csv)?;
    let store = store()?;
    let (instrument, units) = wave_instrument_and_units(&store, wave_id).await?;
    let choices: Vec<HeaderGuess> = serde_json::from_str(&mapping)
        .map_err(|_| AppError::Invalid(text(locale, "responses_mapping_invalid")))?;
    let guesses = choices
        .into_iter()
        .map(|c| HeaderGuess {
            column: c.column.filter(|name| !name.is_empty()),
            ..c
        })
        .collect();
    let mapping = match ColumnMapping::from_guesses(guesses, &instrument) {
        Ok(mapping) => mapping,
        Err(error) => {
            return Ok(ResponsesImport::Problems(
                error.problems.iter().map(|p| p.message(locale)).collect(),
            ))
        }
    };
    let responses = match read_responses_mapped(csv.as_bytes(), &instrument, &units, &mapping) {
        Ok(responses) => responses,
        Err(report) => {
            return Ok(ResponsesImport::Problems(
                report.problems.iter().map(|p| p.message(locale)).collect(),
            ))
        }
    };
    if !commit {
        return Ok(ResponsesImport::Ready {
            count: responses.len() as u64,
            committed: false,
        });
    }
    let count = store
        .import_responses(wave_id, &responses, &user.actor())
        .await?;
    Ok(ResponsesImport::Ready {
        count,
        committed: true,
    })
}
