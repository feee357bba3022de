//! Suggestions for a unit and the playbook behind them.
//!
//! A unit's profile is read from the dashboard of the unit in the newest wave that has
//! started (the same published, suppressed figures the dashboard shows): its weakest visible
//! dimensions, its adoption-stage barrier point and its most-cited barriers. The playbook is
//! the one administrators saved last, or the built-in one.

use chrono::Days;
use domain::{
    access::{Action, Role},
    instrument::{library, BarrierCode, Construct},
    interventions::{suggest, Playbook, Suggestion, UnitProfile, WeakDimension},
    units::{Locale, UnitCode},
};

use super::{
    ssr::{cache, may_on_all, store, today, Names},
    PlanForm, SuggestionRow, UnitName,
};
use crate::{
    auth::ssr::{authorize, session},
    dashboard::{
        model::{Cell, Dashboard, DashboardQuery},
        ssr::dashboard_for,
    },
    error::AppError,
    format::decimal,
    i18n::text_with,
};

/// How many of the weakest dimensions are offered to the playbook.
const WEAKEST: usize = 3;
/// How many of the most-cited barriers.
const TOP_BARRIERS: usize = 3;

/// The playbook in force: the last one saved, or the built-in one.
async fn playbook(store: &store::Store) -> Result<Playbook, AppError> {
    match store.playbook_text().await? {
        None => Ok(Playbook::builtin().clone()),
        Some(text) => Playbook::parse(&text).or_else(|problems| {
            // Saved texts are checked first; a text refused now means the rules changed.
            tracing::error!(
                problems = problems.len(),
                "stored playbook no longer parses"
            );
            Ok(Playbook::builtin().clone())
        }),
    }
}

fn construct_of(dimension_id: &str) -> Option<Construct> {
    library()
        .dimensions()
        .iter()
        .find(|d| d.id().as_str() == dimension_id)
        .map(|d| d.construct())
}

/// The unit's profile from its dashboard.
fn profile(dashboard: &Dashboard) -> UnitProfile {
    let mut visible: Vec<WeakDimension> = dashboard
        .dimensions
        .iter()
        .zip(&dashboard.unit.cells)
        .filter_map(|(head, cell)| match cell {
            Cell::Visible { index, .. } => Some(WeakDimension {
                dimension_id: head.id.clone(),
                construct: construct_of(&head.id)?,
                index: *index,
            }),
            Cell::Suppressed => None,
        })
        .collect();
    visible.sort_by(|a, b| a.index.total_cmp(&b.index));
    let stage_construct = dashboard
        .barriers
        .stage_barrier
        .as_deref()
        .and_then(|stage| {
            Some(match stage {
                "awareness" => Construct::AdoptionAwareness,
                "desire" => Construct::AdoptionDesire,
                "knowledge" => Construct::AdoptionKnowledge,
                "ability" => Construct::AdoptionAbility,
                "reinforcement" => Construct::AdoptionReinforcement,
                _ => return None,
            })
        });
    let stage_barrier =
        stage_construct.and_then(|c| visible.iter().find(|d| d.construct == c).cloned());
    let top_barriers = dashboard
        .barriers
        .shares
        .iter()
        .flatten()
        .filter_map(|share| Some((BarrierCode::parse(&share.code)?, share.proportion)))
        .take(TOP_BARRIERS)
        .collect();
    UnitProfile {
        stage_barrier,
        weakest: visible.into_iter().take(WEAKEST).collect(),
        top_barriers,
    }
}

/// What the suggestion answers, in words: "Tahap adopsi terhambat: Pengetahuan (indeks 41,2)".
fn evidence(suggestion: &Suggestion, dashboard: &Dashboard, locale: Locale) -> String {
    use domain::interventions::Evidence;
    let name = |id: &str| {
        dashboard
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .map_or_else(
                || id.to_owned(),
                |d| locale.pick(&d.name_id, &d.name_en).clone(),
            )
    };
    match &suggestion.evidence {
        Evidence::StageBarrier {
            dimension_id,
            index,
            ..
        } => text_with(
            locale,
            "iv_evidence_stage_barrier",
            &[
                ("dimension", name(dimension_id)),
                ("index", decimal(*index, 1, locale)),
            ],
        ),
        Evidence::WeakDimension {
            dimension_id,
            index,
            ..
        } => text_with(
            locale,
            "iv_evidence_weak_dimension",
            &[
                ("dimension", name(dimension_id)),
                ("index", decimal(*index, 1, locale)),
            ],
        ),
        Evidence::Barrier { code, share } => {
            let label = code.label();
            text_with(
                locale,
                "iv_evidence_barrier",
                &[
                    ("barrier", locale.pick(label.id(), label.en()).to_owned()),
                    ("share", decimal(share * 100.0, 0, locale)),
                ],
            )
        }
    }
}

fn row(suggestion: &Suggestion, dashboard: &Dashboard) -> SuggestionRow {
    SuggestionRow {
        key: suggestion.key.clone(),
        kind: suggestion.kind.as_str().to_owned(),
        title_id: suggestion.title_id.clone(),
        title_en: suggestion.title_en.clone(),
        rationale_id: suggestion.rationale_id.clone(),
        rationale_en: suggestion.rationale_en.clone(),
        evidence_id: evidence(suggestion, dashboard, Locale::Id),
        evidence_en: evidence(suggestion, dashboard, Locale::En),
        targets: suggestion.targets.iter().map(target_key).collect(),
    }
}

/// `dimension:<id>` / `barrier:<code>`: how the form names a target.
fn target_key(target: &domain::interventions::InterventionTarget) -> String {
    match target.columns() {
        (Some(dimension), _) => format!("dimension:{dimension}"),
        (_, barrier) => format!("barrier:{}", barrier.unwrap_or_default()),
    }
}

pub async fn plan_form(unit: String) -> Result<PlanForm, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let store = store()?;
    let code = UnitCode::parse(unit.trim()).map_err(|_| AppError::NotFound)?;
    let record = store.unit_by_code(&code).await?.ok_or(AppError::NotFound)?;
    if !may_on_all(&user, Action::PlanInterventions, &[record.id]) {
        return Err(AppError::NotFound);
    }
    let dashboard = match dashboard_for(
        &store,
        &cache(),
        &user.scope,
        DashboardQuery {
            unit: Some(code.as_str().to_owned()),
            ..DashboardQuery::default()
        },
    )
    .await
    {
        Ok(dashboard) => Some(dashboard),
        // The unit took part in no wave yet: a plan can still be made, without suggestions.
        Err(AppError::NotFound) => None,
        Err(e) => return Err(e),
    };
    let suggestions = match &dashboard {
        Some(dashboard) => {
            let playbook = playbook(&store).await?;
            suggest(&playbook, &profile(dashboard))
                .iter()
                .map(|s| row(s, dashboard))
                .collect()
        }
        None => Vec::new(),
    };
    let mut target_choices: Vec<(String, String, String)> = match &dashboard {
        Some(d) => d
            .dimensions
            .iter()
            .map(|h| {
                (
                    format!("dimension:{}", h.id),
                    h.name_id.clone(),
                    h.name_en.clone(),
                )
            })
            .collect(),
        None => library()
            .dimensions()
            .iter()
            .map(|d| {
                (
                    format!("dimension:{}", d.id()),
                    d.name().id().to_owned(),
                    d.name().en().to_owned(),
                )
            })
            .collect(),
    };
    target_choices.extend(BarrierCode::ALL.into_iter().map(|code| {
        let label = code.label();
        (
            format!("barrier:{}", code.as_str()),
            format!("Hambatan: {}", label.id()),
            format!("Barrier: {}", label.en()),
        )
    }));
    let names = Names::load(&store).await?;
    let today = today();
    Ok(PlanForm {
        unit: UnitName {
            code: code.as_str().to_owned(),
            name: record.unit.name.as_str().to_owned(),
        },
        wave: dashboard.map(|d| d.wave.title),
        suggestions,
        owners: names.owners_for(&user),
        default_owner: (user.role == Role::ChangeAgent).then_some(user.id),
        target_choices,
        today: today.to_string(),
        default_end: (today + Days::new(90)).to_string(),
    })
}

/// Where a refused text waits for the page when it was posted without JavaScript: a
/// playbook is tens of kilobytes, too long to carry back in the address.
const DRAFT_KEY: &str = "playbook_draft";

pub async fn playbook_text() -> Result<String, AppError> {
    authorize(Action::ManageSurveys, None).await?;
    let session = session().await?;
    if let Ok(Some(draft)) = session.remove::<String>(DRAFT_KEY).await {
        return Ok(draft);
    }
    let store = store()?;
    Ok(match store.playbook_text().await? {
        Some(text) => text,
        None => domain::interventions::playbook::DEFAULT_PLAYBOOK_TOML.to_owned(),
    })
}

pub async fn save_playbook(text: &str, lang: &str) -> Result<(), AppError> {
    let user = authorize(Action::ManageSurveys, None).await?;
    let locale = Locale::from_code(lang);
    if let Err(problems) = Playbook::parse(text) {
        if super::is_plain_form_post() {
            // Kept for the page the browser is sent back to, so that nothing typed is lost.
            if let Err(e) = session().await?.insert(DRAFT_KEY, text).await {
                tracing::warn!(error = %e, "keeping a refused playbook draft");
            }
        }
        return Err(AppError::Invalid(
            problems
                .iter()
                .map(|p| p.message(locale))
                .collect::<Vec<_>>()
                .join("\n"),
        ));
    }
    store()?.save_playbook(text, &user.actor()).await?;
    Ok(())
}
