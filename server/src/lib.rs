//! The `siap` server: configuration, start-up, HTTP routing (Leptos SSR pages, server
//! functions, health probes) and graceful shutdown. Domain logic lives in the `store` and
//! `indicators` crates and in `app`; this crate wires them together.

// Leptos view types nest deeply; the survey form's type exceeds the default depth.
#![recursion_limit = "256"]

pub mod admin_cli;
pub mod api;
mod audit_export;
pub mod backup_cli;
pub mod config;
pub mod csrf;
mod dashboard_export;
pub mod demo;
pub mod error;
pub mod hardening;
pub mod health;
pub mod indicators_cli;
pub mod invitations;
mod plain_answer;
pub mod rate_limit;
pub mod shutdown;
mod stalled_render;
pub mod startup;
pub mod survey;
pub mod telemetry;

pub use config::{Cli, Command, ServeConfig};
pub use error::ServerError;
pub use startup::Application;
