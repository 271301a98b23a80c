//! The domain's integration tests, on every available database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod accounts;
mod aggregate;
mod demo;
mod demo_looks_real;
mod duplicates;
mod files;
mod hiding;
mod password;
mod rules;
mod secret;
mod settings;
mod views;
