//! Every real spec of the shared corpus generates a standalone crate that compiles with
//! `cargo build` as it is. The three largest (Telnyx twice, 4 MB each; SignalWire, 2 MB) take
//! minutes and gigabytes to compile, so they run with
//! `cargo test -p cpaas-codegen --test corpus -- --ignored`.

#[path = "support/generated_crate.rs"]
mod generated_crate;
#[path = "support/shared.rs"]
mod shared;

use std::path::{Path, PathBuf};
use std::time::Instant;

const LARGE: [&str; 3] = [
    "telnyx_spec3.yml",
    "telnyx_spec3_2026-02-26.json",
    "signalwire_rest_openapi.yaml",
];

/// The shared corpus's specs, or `None` when the corpus is missing (a visible skip).
fn corpus() -> Option<PathBuf> {
    shared::shared_or_skip("corpus/specs")
}

/// Generates one crate from `files` and builds it as it is, and also with its `cli` feature
/// when `with_cli`; returns (operations, lines).
fn generate_and_build(name: &str, files: &[PathBuf], with_cli: bool) -> (usize, usize) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&out);
    let start = Instant::now();
    let report = cpaas_codegen::standalone::generate_crate(
        &out,
        name,
        files,
        &shared::workspace_root().join("runtime"),
    )
    .unwrap_or_else(|e| panic!("generation failed:\n{e}"));
    eprintln!(
        "{name}: {} operations, {} lines generated in {:?}",
        report.operations,
        report.lines,
        start.elapsed()
    );
    // As it is, then with the command-line tables (the `cli` feature) compiled in too.
    let feature_sets: &[&[&str]] = if with_cli {
        &[&[], &["--features", "cli"]]
    } else {
        &[&[]]
    };
    let workspace = shared::workspace_root();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-target");
    for features in feature_sets {
        let start = Instant::now();
        let args: Vec<&str> = std::iter::once("build")
            .chain(features.iter().copied())
            .collect();
        let status = generated_crate::cargo_in(&out, &workspace, &target, &args);
        assert!(
            status.success(),
            "the crate generated from {files:?} does not build (features {features:?})"
        );
        eprintln!("{name} {features:?}: built in {:?}", start.elapsed());
    }
    (report.operations, report.lines)
}

#[test]
fn every_corpus_spec_generates_a_crate_that_builds_warning_free() {
    let Some(dir) = corpus() else { return };
    let files: Vec<PathBuf> = generated_crate::files_under(&dir)
        .into_iter()
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            !LARGE.contains(&n)
        })
        .collect();
    assert!(files.len() >= 20, "{files:?}");
    // Every file is read by a frontend (no file silently skipped).
    for f in &files {
        let (report, rec, _) = cpaas_codegen::config::recover_file(f)
            .unwrap_or_else(|e| panic!("{}: {e:?}", f.display()));
        assert!(
            rec.is_some(),
            "{}: {:?} not recovered",
            f.display(),
            report.format
        );
    }
    let (ops, _) = generate_and_build("corpus_small", &files, true);
    assert!(ops >= 300, "{ops}");
}

#[test]
#[ignore = "minutes and several GB: run in release (.ci/slow)"]
fn the_largest_corpus_specs_generate_crates_that_build() {
    let Some(dir) = corpus() else { return };
    for name in LARGE {
        let crate_name = format!(
            "corpus_{}",
            name.split('.').next().unwrap().replace('-', "_")
        );
        // The CLI tables of 1156 operations add minutes and GBs; the small crate checks them.
        generate_and_build(&crate_name, &[dir.join(name)], false);
    }
}
