//! The real server over real HTTP: started on port 0 against a fresh database, once per test,
//! on SQLite and (when `SIAP_TEST_POSTGRES_URL` is set) on PostgreSQL.
#![allow(clippy::unwrap_used)]

mod support;

mod access;
mod api;
mod api_plans;
mod api_surveys;
mod audit_export;
mod auth;
mod backup;
mod binary;
mod dashboard;
mod dashboard_export;
mod demo;
mod faults;
mod hardening;
mod health;
mod hostile_input;
mod indicators;
mod instances;
mod instruments;
mod interventions;
mod pages;
mod postgres_restart;
mod process;
mod responses_import;
mod survey;
mod unit_data;
mod waves_fixture;
