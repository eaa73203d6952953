//! Where tests find their inputs, written once for every test of the workspace (included with
//! `#[path]` by codegen's unit tests, codegen/tests and cli/tests):
//!
//! * the five seeds come from `specs/` (vendored byte-identical, always present): [`seed`];
//! * the few small corpus pages the default tests read are vendored, at the same relative path,
//!   under `codegen/tests/fixtures/` (see the README there) and are read from there first;
//! * the rest of the read-only corpus beside the repository (`../shared`, or
//!   `$CPAAS_SHARED_DIR`) may be missing on a fresh clone. [`shared_or_skip`] / [`read_or_skip`] give `None` then, and the
//!   test returns early — but never silently: each skip writes a `SKIPPED` line to the real
//!   stderr (not libtest's captured output, so it shows in every `cargo test` run) naming the
//!   test, the missing file, the running count of skips in this test binary, and how to get
//!   the corpus or make the skip a failure;
//! * when `CI` or `CPAAS_REQUIRE_SHARED` is set (to anything but `0`/`false`/empty), a missing
//!   corpus is a test failure with that reason instead of a skip;
//! * when the shared folder is present but the file a test names is not, the test fails: the
//!   corpus is damaged, and no test must pass without testing anything.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Environment variable naming the shared folder (default: `shared/` beside the workspace).
pub const SHARED_DIR_VAR: &str = "CPAAS_SHARED_DIR";
/// Environment variable that turns a missing shared folder into a failure (as `CI` does).
pub const REQUIRE_VAR: &str = "CPAAS_REQUIRE_SHARED";

/// Tests of this binary skipped so far for want of the shared folder.
static SKIPPED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// The workspace root: the nearest ancestor of the including crate holding `Cargo.lock`.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|d| d.join("Cargo.lock").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// The shared folder: `$CPAAS_SHARED_DIR`, else `shared/` beside the workspace root.
pub fn shared_root() -> PathBuf {
    match std::env::var_os(SHARED_DIR_VAR) {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => workspace_root().join("../shared"),
    }
}

/// Which variable (if any) demands the shared folder.
fn demanded_by() -> Option<&'static str> {
    [REQUIRE_VAR, "CI"]
        .into_iter()
        .find(|v| std::env::var(v).is_ok_and(|s| !matches!(s.trim(), "" | "0" | "false" | "no")))
}

/// The running test's name (libtest names each test's thread after it).
fn test_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("<unnamed test>")
        .to_string()
}

/// `rel`: its vendored copy under `codegen/tests/fixtures/`, else the file under the shared
/// folder, or `None` (the caller returns, skipped) when the folder is missing. Panics when the
/// folder is demanded (`CI`, `CPAAS_REQUIRE_SHARED`) or present without `rel`.
pub fn shared_or_skip(rel: &str) -> Option<PathBuf> {
    let vendored = workspace_root().join("codegen/tests/fixtures").join(rel);
    if vendored.is_file() {
        return Some(vendored);
    }
    let root = shared_root();
    let path = root.join(rel);
    if path.exists() {
        return Some(path);
    }
    if root.is_dir() {
        panic!(
            "{}: the shared folder {} is present but has no {rel}: the corpus is incomplete",
            test_name(),
            root.display()
        );
    }
    if let Some(var) = demanded_by() {
        panic!(
            "{}: needs {} (the shared corpus), which is missing; {var} is set, so a missing \
             corpus fails instead of skipping (put the corpus at ../shared or name it with \
             {SHARED_DIR_VAR})",
            test_name(),
            path.display()
        );
    }
    let name = test_name();
    let mut skipped = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    if skipped.insert(name.clone()) {
        // Straight to the process's stderr: libtest captures only `eprint!`, and a skip must
        // show. One line per test, with the count of distinct tests skipped so far.
        let _ = writeln!(
            std::io::stderr().lock(),
            "SKIPPED ({} in this test binary so far): {name} needs {} (shared corpus missing; \
             set {SHARED_DIR_VAR} to it, or {REQUIRE_VAR}=1 to fail instead)",
            skipped.len(),
            path.display()
        );
    }
    None
}

/// The text of `rel` under the shared folder, or `None` as [`shared_or_skip`] decides.
pub fn read_or_skip(rel: &str) -> Option<String> {
    let path = shared_or_skip(rel)?;
    Some(
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: cannot read {}: {e}", test_name(), path.display())),
    )
}

/// The path of the vendored seed whose file name starts with `prefix` (`"003"` or the whole
/// name), found under the workspace's `specs/`. Panics if there is none: seeds are vendored.
pub fn seed_path(prefix: &str) -> PathBuf {
    let specs = workspace_root().join("specs");
    let mut stack = vec![specs.clone()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
            {
                return p;
            }
        }
    }
    panic!("no seed {prefix}* under {}", specs.display())
}

/// The text of the vendored seed whose file name starts with `prefix` (see [`seed_path`]).
pub fn seed(prefix: &str) -> String {
    let p = seed_path(prefix);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
