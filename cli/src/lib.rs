//! `cpaas-cli`: the `cpaas` command (the repository's demo, `spec export`/`spec diff`,
//! `generate`, `call`, `mock`) and the [`mock`] provider it serves, kept apart from
//! `cpaas-tokens` so that a library user of the clients compiles neither.
//!
//! The library part exists for tests and tools that start the mock provider in process; the
//! command itself is the `cpaas` binary of this package.
#![warn(missing_docs)]

pub mod mock;
