use std::collections::HashMap;

use domain::{
    access::Action,
    units::{csv::import_units, Locale, Unit, UnitCode},
};
use leptos::prelude::*;
use store::{Store, UnitRecord};

use super::{ImportProblemView, ImportResult, UnitDetail, UnitRow};
use crate::{auth::ssr::authorize, error::AppError};

fn store() -> Result<Store, AppError> {
    use_context::<Store>().ok_or(AppError::Internal)
}

/// Tree order (parents first, children by code) with depths, over the given records.
fn tree_rows(records: &[&UnitRecord]) -> Vec<UnitRow> {
    let codes: HashMap<&str, &UnitRecord> =
        records.iter().map(|r| (r.unit.code.as_str(), *r)).collect();
    let mut children: HashMap<Option<&str>, Vec<&UnitRecord>> = HashMap::new();
    for r in records {
        // A unit whose parent the user cannot see is a root of what they see.
        let parent = r
            .unit
            .parent
            .as_ref()
            .map(UnitCode::as_str)
            .filter(|p| codes.contains_key(p));
        children.entry(parent).or_default().push(r);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.unit.code.as_str().cmp(b.unit.code.as_str()));
    }
    let mut rows = Vec::with_capacity(records.len());
    let mut stack: Vec<(&UnitRecord, usize)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|r| (*r, 0)).collect())
        .unwrap_or_default();
    while let Some((record, depth)) = stack.pop() {
        rows.push(row(&record.unit, depth));
        if let Some(kids) = children.get(&Some(record.unit.code.as_str())) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    rows
}

fn row(unit: &Unit, depth: usize) -> UnitRow {
    UnitRow {
        code: unit.code.as_str().to_owned(),
        name: unit.name.as_str().to_owned(),
        kind: unit.kind,
        parent_code: unit.parent.as_ref().map(|p| p.as_str().to_owned()),
        headcount: unit.headcount.get(),
        depth,
    }
}

pub async fn list_units(search: String) -> Result<Vec<UnitRow>, AppError> {
    let user = authorize(Action::ViewUnit, None).await?;
    let records = store()?.list_units().await?;
    let visible: Vec<&UnitRecord> = records
        .iter()
        .filter(|r| user.scope.contains(r.id))
        .collect();
    let needle = search.trim().to_lowercase();
    let rows = tree_rows(&visible);
    if needle.is_empty() {
        return Ok(rows);
    }
    Ok(rows
        .into_iter()
        .filter(|r| {
            r.code.to_lowercase().contains(&needle) || r.name.to_lowercase().contains(&needle)
        })
        .collect())
}

pub async fn get_unit(code: String) -> Result<UnitDetail, AppError> {
    let code = UnitCode::parse(&code).map_err(|_| AppError::NotFound)?;
    let store = store()?;
    let record = store.unit_by_code(&code).await?.ok_or(AppError::NotFound)?;
    let user = authorize(Action::ViewUnit, Some(record.id)).await?;
    let all = store.list_units().await?;
    let by_code: HashMap<&str, &UnitRecord> =
        all.iter().map(|r| (r.unit.code.as_str(), r)).collect();
    let breadcrumbs = store
        .unit_ancestors_codes(&code)
        .await?
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| by_code.get(c.as_str()).copied())
        .filter(|r| user.scope.contains(r.id))
        .map(|r| {
            (
                r.unit.code.as_str().to_owned(),
                r.unit.name.as_str().to_owned(),
            )
        })
        .collect();
    let mut children: Vec<UnitRow> = all
        .iter()
        .filter(|r| r.unit.parent.as_ref() == Some(&code) && user.scope.contains(r.id))
        .map(|r| row(&r.unit, 1))
        .collect();
    children.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(UnitDetail {
        unit: row(&record.unit, 0),
        breadcrumbs,
        children,
        can_edit: domain::access::authorize(
            user.role,
            &user.scope,
            Action::EditUnit,
            Some(record.id),
        )
        .is_ok(),
    })
}

pub async fn import_units_csv(
    csv: String,
    commit: bool,
    lang: String,
) -> Result<ImportResult, AppError> {
    let user = authorize(Action::ImportUnits, None).await?;
    let locale = Locale::from_code(&lang);
    let store = store()?;
    let existing: Vec<Unit> = store
        .list_units()
        .await?
        .into_iter()
        .map(|r| r.unit)
        .collect();
    let plan = match import_units(csv.as_bytes(), &existing) {
        Ok(plan) => plan,
        Err(report) => {
            return Ok(ImportResult::Problems(
                report
                    .problems
                    .iter()
                    .map(|p| ImportProblemView {
                        line: p.line,
                        column: p.column.clone(),
                        message: p.message(locale),
                    })
                    .collect(),
            ))
        }
    };
    let (creates, updates, unchanged) = (
        plan.creates().count(),
        plan.updates().count(),
        plan.unchanged(),
    );
    if commit && !plan.is_empty() {
        store
            .apply_unit_import(&plan, &user.actor())
            .await
            .map_err(|e| match e {
                // Someone changed the units since the check: ask to check again.
                store::StoreError::Conflict(_) | store::StoreError::Invalid(_) => {
                    AppError::Invalid(crate::i18n::text(locale, "units_import_changed"))
                }
                other => other.into(),
            })?;
    }
    Ok(ImportResult::Planned {
        creates,
        updates,
        unchanged,
        committed: commit,
    })
}

/// Deletes the survey data of a unit subtree (administrators, `Action::EditUnit`), after the
/// code is typed again: a deletion cannot be undone.
pub async fn delete_unit_data(
    code: String,
    confirm: String,
    lang: String,
) -> Result<u64, AppError> {
    let locale = Locale::from_code(&lang);
    let code = UnitCode::parse(code.trim()).map_err(|_| AppError::NotFound)?;
    let store = store()?;
    let record = store.unit_by_code(&code).await?.ok_or(AppError::NotFound)?;
    let user = authorize(Action::EditUnit, Some(record.id)).await?;
    if confirm.trim() != code.as_str() {
        return Err(AppError::Invalid(crate::i18n::text_with(
            locale,
            "unit_delete_data_type_code",
            &[("code", code.as_str().to_owned())],
        )));
    }
    let subtree = store.subtree_unit_ids(&[record.id]).await?;
    let (responses, _tokens) = store
        .delete_unit_survey_data(&subtree, code.as_str(), &user.actor())
        .await?;
    Ok(responses)
}
