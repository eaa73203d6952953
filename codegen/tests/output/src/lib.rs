//! The code cpaas-codegen generates, compiled: the snapshots of `codegen/tests/snapshots.rs`.
//!
//! * `src/generated/seeds.rs`, included at the crate root, is byte for byte what `build.rs` of
//!   `cpaas-tokens` generates from `specs/` (same `Config`: env hook, `blocking`,
//!   `CliTables::Feature("cli")`, `full_serde`), with that crate's provider auth glue as
//!   [`auth`] (the module the env hook names).
//! * `src/generated/fixtures.rs`, as [`fixtures`], is what a library user gets by default
//!   (`Config::new()`: serde derived only where needed, no env hook) for the OpenAPI files in
//!   `codegen/tests/fixtures/openapi/`, with the command-line tables behind the `cli` feature as
//!   `cpaas generate` writes them, and `send_blocking` behind `blocking`.
//!
//! Never edit `src/generated/`: `CPAAS_UPDATE_SNAPSHOTS=1 cargo test -p cpaas-codegen --test
//! snapshots` rewrites it. Warnings are errors in this crate, so the snapshots must compile
//! without any, with every combination of features.

/// The provider auth glue of `cpaas-tokens` (its `auth` module, which the seeds' env hook
/// names), re-exported rather than compiled from its path so that this crate packages on its own.
pub mod auth {
    pub use cpaas_tokens::auth::*;
}

include!("generated/seeds.rs");

/// The OpenAPI fixtures, generated with the module prefix `fixtures`.
pub mod fixtures {
    include!("generated/fixtures.rs");
}
