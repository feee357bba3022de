//! Server side of waves. Every function starts by authorising: administrators manage waves;
//! leaders and change agents see, and issue invitations for, the units in their scope only.

use chrono::Utc;
use domain::{
    access::{Action, UnitScope},
    units::{Locale, UnitCode},
    waves::{WaveKind, WaveSchedule, WaveState, WaveTitle},
};
use leptos::prelude::*;
use store::{Store, StoreError, WaveRecord, WaveUnitRecord};

use super::{BatchRow, InstrumentChoice, WaveDetail, WaveSummary, WaveUnitRow};
use crate::{
    auth::ssr::{authorize, AuthUser},
    error::AppError,
    i18n::{text, text_with},
};

pub(super) fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

fn status_key(wave: &WaveRecord) -> String {
    use domain::waves::WaveStatus::*;
    match wave.status(Utc::now()) {
        Draft => "draft",
        Scheduled => "scheduled",
        Open => "open",
        Ended => "ended",
        Closed => "closed",
    }
    .to_owned()
}

fn summary(wave: &WaveRecord, units: &[WaveUnitRecord]) -> WaveSummary {
    WaveSummary {
        id: wave.id,
        title: wave.title.as_str().to_owned(),
        kind: wave.kind.as_str().to_owned(),
        status: status_key(wave),
        opens_at: wave.schedule.opens_at(),
        closes_at: wave.schedule.closes_at(),
        headcount: units.iter().map(|u| u64::from(u.headcount)).sum(),
        responded: units.iter().map(|u| u64::from(u.responded)).sum(),
    }
}

fn visible(scope: &UnitScope, units: Vec<WaveUnitRecord>) -> Vec<WaveUnitRecord> {
    units
        .into_iter()
        .filter(|u| scope.contains(u.unit_id))
        .collect()
}

pub async fn list_waves() -> Result<Vec<WaveSummary>, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let mut out = Vec::new();
    for wave in store.list_waves().await? {
        let units = visible(&user.scope, store.wave_units(wave.id).await?);
        if !units.is_empty() {
            out.push(summary(&wave, &units));
        }
    }
    Ok(out)
}

/// The wave, if the user sees at least one of its units (otherwise it does not exist for
/// them: 404, never 403, so out-of-scope waves are not disclosed).
async fn visible_wave(
    store: &Store,
    user: &AuthUser,
    id: i64,
) -> Result<(WaveRecord, Vec<WaveUnitRecord>), AppError> {
    let wave = store.wave(id).await?.ok_or(AppError::NotFound)?;
    let units = visible(&user.scope, store.wave_units(id).await?);
    if units.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok((wave, units))
}

pub async fn get_wave(id: i64) -> Result<WaveDetail, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let (wave, units) = visible_wave(&store, &user, id).await?;
    let instrument = store
        .instrument(wave.instrument_id)
        .await?
        .map(|r| {
            format!(
                "{} (v{})",
                r.instrument.title().id(),
                r.instrument.version().get()
            )
        })
        .unwrap_or_default();
    let mut rows = Vec::with_capacity(units.len());
    for unit in &units {
        let batches = store
            .invitation_batches(wave.id, unit.unit_id)
            .await?
            .into_iter()
            .map(|b| BatchRow {
                id: b.id,
                size: b.size,
                used: b.used,
                created_at: b.created_at,
            })
            .collect();
        rows.push(WaveUnitRow {
            code: unit.code.as_str().to_owned(),
            name: unit.name.clone(),
            headcount: unit.headcount,
            issued: unit.issued,
            responded: unit.responded,
            batches,
        });
    }
    let can_manage =
        domain::access::authorize(user.role, &user.scope, Action::ManageSurveys, None).is_ok();
    Ok(WaveDetail {
        wave: summary(&wave, &units),
        instrument,
        previous_wave_id: wave.previous_wave_id,
        units: rows,
        can_manage,
        can_issue: wave.state != WaveState::Closed,
    })
}

pub async fn list_instrument_choices() -> Result<Vec<InstrumentChoice>, AppError> {
    authorize(Action::ManageSurveys, None).await?;
    let store = store()?;
    Ok(store
        .list_instruments()
        .await?
        .into_iter()
        .map(|i| InstrumentChoice {
            id: i.id,
            label: format!("{} (v{})", i.title_id, i.version),
        })
        .collect())
}

fn parse_schedule(locale: Locale, opens: &str, closes: &str) -> Result<WaveSchedule, AppError> {
    WaveSchedule::from_jakarta_local(opens, closes)
        .map_err(|_| AppError::Invalid(text(locale, "wave_schedule_invalid")))
}

fn parse_title(locale: Locale, title: &str) -> Result<WaveTitle, AppError> {
    WaveTitle::parse(title).map_err(|_| AppError::Invalid(text(locale, "wave_title_invalid")))
}

fn store_refusal(locale: Locale, e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) => AppError::Invalid(text(locale, "wave_state_conflict")),
        StoreError::Invalid(_) => AppError::Invalid(text(locale, "wave_data_invalid")),
        other => other.into(),
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn create_wave(
    title: String,
    kind: String,
    instrument_id: i64,
    units: String,
    opens_at: String,
    closes_at: String,
    lang: String,
) -> Result<i64, AppError> {
    let user = authorize(Action::ManageSurveys, None).await?;
    let locale = Locale::from_code(&lang);
    let store = store()?;
    let title = parse_title(locale, &title)?;
    let kind = WaveKind::parse(&kind).unwrap_or(WaveKind::Baseline);
    let schedule = parse_schedule(locale, &opens_at, &closes_at)?;
    let mut roots = Vec::new();
    for code in units
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
    {
        let found = match UnitCode::parse(code) {
            Ok(code) => store.unit_by_code(&code).await?,
            Err(_) => None,
        };
        match found {
            Some(record) => roots.push(record.id),
            None => {
                return Err(AppError::Invalid(text_with(
                    locale,
                    "wave_unknown_unit",
                    &[("code", code.to_owned())],
                )))
            }
        }
    }
    if roots.is_empty() {
        return Err(AppError::Invalid(text(locale, "wave_units_required")));
    }
    let unit_ids = store.subtree_unit_ids(&roots).await?;
    let new = store::NewWave {
        title,
        kind,
        instrument_id,
        schedule,
        unit_ids,
        previous_wave_id: None,
    };
    let wave = store
        .create_wave(&new, &user.actor())
        .await
        .map_err(|e| store_refusal(locale, e))?;
    Ok(wave.id)
}

pub async fn change_wave_state(id: i64, to: String) -> Result<(), AppError> {
    let user = authorize(Action::ManageSurveys, None).await?;
    let to = WaveState::parse(&to).map_err(|_| AppError::Invalid(to.clone()))?;
    let store = store()?;
    store.wave(id).await?.ok_or(AppError::NotFound)?;
    store
        .set_wave_state(id, to, &user.actor())
        .await
        .map_err(|e| store_refusal(Locale::Id, e))?;
    Ok(())
}

pub async fn run_wave_again(
    id: i64,
    title: String,
    opens_at: String,
    closes_at: String,
    lang: String,
) -> Result<i64, AppError> {
    let user = authorize(Action::ManageSurveys, None).await?;
    let locale = Locale::from_code(&lang);
    let store = store()?;
    store.wave(id).await?.ok_or(AppError::NotFound)?;
    let title = parse_title(locale, &title)?;
    let schedule = parse_schedule(locale, &opens_at, &closes_at)?;
    let wave = store
        .run_again(id, title, schedule, &user.actor())
        .await
        .map_err(|e| store_refusal(locale, e))?;
    Ok(wave.id)
}

pub async fn issue_invitations(
    wave_id: i64,
    unit_code: String,
    count: String,
    lang: String,
) -> Result<i64, AppError> {
    let locale = Locale::from_code(&lang);
    let store = store()?;
    let code = UnitCode::parse(&unit_code).map_err(|_| AppError::NotFound)?;
    let unit = store.unit_by_code(&code).await?.ok_or(AppError::NotFound)?;
    let user = authorize(Action::DistributeInvitations, Some(unit.id)).await?;
    let (_, units) = visible_wave(&store, &user, wave_id).await?;
    let in_wave = units
        .iter()
        .find(|u| u.unit_id == unit.id)
        .ok_or(AppError::NotFound)?;
    let count = match count.trim() {
        "" => in_wave.headcount.saturating_sub(in_wave.issued),
        given => given
            .parse::<u32>()
            .map_err(|_| AppError::Invalid(text(locale, "wave_count_not_number")))?,
    };
    if count == 0 || count > 100_000 {
        return Err(AppError::Invalid(text(locale, "wave_count_out_of_range")));
    }
    let batch = store
        .issue_invitations(wave_id, unit.id, count, &user.actor())
        .await
        .map_err(|e| store_refusal(locale, e))?;
    Ok(batch.id)
}
