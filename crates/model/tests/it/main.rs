//! The model's integration tests: metadata and values, without a database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_names;
mod standard;
mod values;
