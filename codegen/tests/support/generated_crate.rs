//! Shared by the tests that generate a standalone crate and build it (`multi_file.rs`,
//! `swagger2.rs`, `multipart.rs`, `corpus.rs`, the loopback tests of pagination, events, auth
//! alternatives and the generated binary): the workspace root, building a
//! generated crate offline (finding `shared/` is `shared.rs`'s job) with `-D warnings`,
//! against this workspace's `Cargo.lock` (so no download is needed) in one target folder that
//! every such test shares.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

/// The workspace root (the folder above `codegen/`), whose `Cargo.lock` and runtime the
/// generated crates build against.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
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

/// Every file under `dir`, at any depth, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A crate generated into `tmp/name` from the spec `fixture`, laid out first as
/// `tmp/<name>_specs/<layout>` (`<provider>/<api>/<file>`, which names the client's module),
/// with the runtime's `blocking` feature as a dev-dependency and `example` as
/// `examples/loopback.rs`, ready for [`cargo_in`] `run --example loopback`. Returns the
/// crate's folder and the generator's report (its warnings), as `Debug` text.
pub fn loopback_crate(
    tmp: &Path,
    runtime: &Path,
    fixture: &Path,
    name: &str,
    layout: &str,
    example: &str,
) -> (PathBuf, String) {
    let spec = tmp.join(format!("{name}_specs")).join(layout);
    std::fs::create_dir_all(spec.parent().unwrap()).unwrap();
    std::fs::copy(fixture, &spec).unwrap();
    let out = tmp.join(name);
    let _ = std::fs::remove_dir_all(&out);
    let report = cpaas_codegen::standalone::generate_crate(&out, name, &[spec], runtime)
        .unwrap_or_else(|e| panic!("generation failed:\n{e}"));
    let manifest = out.join("Cargo.toml");
    let mut toml = std::fs::read_to_string(&manifest).unwrap();
    toml.push_str(&format!(
        "\n[dev-dependencies]\ncpaas-runtime = {{ path = \"{}\", features = [\"blocking\"] }}\n",
        runtime.display().to_string().replace('\\', "/")
    ));
    std::fs::write(&manifest, toml).unwrap();
    std::fs::create_dir_all(out.join("examples")).unwrap();
    std::fs::write(out.join("examples/loopback.rs"), example).unwrap();
    (out, format!("{report:?}"))
}

/// This test binary's temporary folder (Cargo's `CARGO_TARGET_TMPDIR`), where the generated
/// crates go and whose `corpus-target` folder they build in.
pub fn tmp() -> &'static Path {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
}

/// [`loopback_crate`] of the fixture `codegen/tests/fixtures/<fixture>`, in [`tmp`], against
/// this workspace's runtime: the crate's folder and the generator's report.
pub fn fixture_crate(fixture: &str, name: &str, layout: &str, example: &str) -> (PathBuf, String) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    loopback_crate(
        tmp(),
        &workspace().join("runtime"),
        &fixture,
        name,
        layout,
        example,
    )
}

/// Runs `cargo run <features> --example loopback -- <args>` in the generated crate `out`
/// (its `examples/loopback.rs`, given to [`loopback_crate`]) off the async runtime, so the
/// loopback server it talks to keeps answering; fails the test when the example fails.
/// `features` is `&["--all-features"]` or nothing; `args` start with the server's URL.
pub async fn run_loopback_example(out: PathBuf, features: &[&str], args: Vec<String>) {
    let mut cargo: Vec<String> = vec!["run".into()];
    cargo.extend(features.iter().map(|f| f.to_string()));
    cargo.extend(["--example", "loopback", "--"].map(String::from));
    cargo.extend(args);
    let target = tmp().join("corpus-target");
    let status = tokio::task::spawn_blocking(move || {
        let cargo: Vec<&str> = cargo.iter().map(String::as_str).collect();
        cargo_in(&out, &workspace(), &target, &cargo)
    })
    .await
    .unwrap();
    assert!(
        status.success(),
        "the example against the loopback server failed"
    );
}
