//! Shared by the tests that generate a standalone crate and build it (`codegen/tests/
//! multi_file.rs`, `codegen/tests/swagger2.rs`, `codegen/tests/corpus.rs`): building a
//! generated crate offline (finding `shared/` is `shared.rs`'s job) with `-D warnings`,
//! against this workspace's `Cargo.lock` (so no download is needed) in one target folder that
//! every such test shares.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, ExitStatus};

/// Runs `cargo <args>` (`build`, `run --example x`, …) offline in the generated crate `out`,
/// with `-D warnings`, after copying the workspace's `Cargo.lock` (at `workspace`) into it.
/// `target` is the shared target folder (the test's `CARGO_TARGET_TMPDIR/corpus-target`).
pub fn cargo_in(out: &Path, workspace: &Path, target: &Path, args: &[&str]) -> ExitStatus {
    // Same dependency versions as this workspace, already downloaded.
    std::fs::copy(workspace.join("Cargo.lock"), out.join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("cannot copy Cargo.lock into {}: {e}", out.display()));
    let (first, rest) = args.split_first().expect("a cargo command");
    Command::new(env!("CARGO"))
        .arg(first)
        .args(["--offline", "--quiet"])
        .args(rest)
        .current_dir(out)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .status()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"))
}
