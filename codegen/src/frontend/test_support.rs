//! Test support shared by the unit tests under `codegen/src`: the seeds (from `specs/`) and the
//! shared corpus (`../shared`), through the one skip mechanism of
//! `codegen/tests/support/shared.rs` (a missing corpus is a visible skip, or a failure under
//! `CI` / `CPAAS_REQUIRE_SHARED`).
//!
//! Compiled only under `cfg(test)`; re-exported as `crate::frontend::{read_shared, seed}`.

#[path = "../../tests/support/shared.rs"]
mod shared;

pub(crate) use shared::{read_or_skip as read_shared, seed, shared_or_skip};
