//! The platform status shown on the home page: which engine, how many units.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformStatus {
    pub engine: String,
    pub units: i64,
}

#[server]
pub async fn get_platform_status() -> Result<PlatformStatus, ServerFnError> {
    let store = expect_context::<store::Store>();
    let units = store.count_units().await.map_err(|e| {
        leptos::logging::error!("platform status: {e}");
        ServerFnError::new("database unavailable")
    })?;
    Ok(PlatformStatus {
        engine: store.engine().to_string(),
        units,
    })
}
