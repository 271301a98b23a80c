//! The binary's integration tests: `rapport` run as a user would run it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod crash;
mod serve;
