//! The domain's integration tests, on every available database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod demo;
mod files;
mod password;
mod secret;
