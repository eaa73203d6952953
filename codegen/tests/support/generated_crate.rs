//! Shared by the tests that generate a standalone crate and build it (`codegen/tests/
//! multi_file.rs`, `codegen/tests/swagger2.rs`, the root's `tests/corpus.rs`): finding the
//! read-only `shared/` test material beside the worktree, and building a generated crate
//! offline with `-D warnings`, against this workspace's `Cargo.lock` (so no download is
//! needed) in one target folder that every such test shares.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

/// `path` when it exists; otherwise a panic when env `CI` is set, else `None` after saying
/// loudly (on stdout and stderr) that `what` did not run.
pub fn shared_or_skip(path: PathBuf, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{} is missing (and CI is set)", path.display());
    }
    let note = format!("SKIPPED: {} is missing; {what} did not run", path.display());
    println!("{note}");
    eprintln!("{note}");
    None
}

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
