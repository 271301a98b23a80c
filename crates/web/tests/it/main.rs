//! The web crate's integration tests: a real server on a random loopback port per test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app;
mod auth;
mod behaviour;
mod browser;
mod builder;
mod duplicates;
mod events;
mod filters;
mod format;
mod health;
mod input;
mod messages;
mod meta;
mod pages;
mod peer;
mod problems;
mod record_page;
mod records;
mod roles_form;
mod rules;
mod settings_behaviour;
mod standard_names;
mod words;
