//! Demo mode: a realistic organisation on an empty database, so a newcomer sees the platform
//! working at once. It only ever adds to an empty database.

use domain::units::csv::{import_units, to_csv};
use store::{Actor, Store};

use crate::ServerError;

pub async fn seed(store: &Store) -> Result<(), ServerError> {
    if store.count_units().await? > 0 {
        return Ok(());
    }
    let units = domain::demo::demo_organisation();
    // Through the same validation and import path as an administrator's CSV.
    let plan = import_units(to_csv(&units).as_bytes(), &[]).map_err(|report| {
        ServerError::Config(format!(
            "the demo organisation does not validate: {} problems",
            report.problems.len()
        ))
    })?;
    let outcome = store
        .apply_unit_import(&plan, &Actor::system("demo"))
        .await?;
    tracing::info!(units = outcome.created, "demo organisation created");
    Ok(())
}
