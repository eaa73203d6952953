//! Snapshot tests of the generated code, kept as a crate that compiles: every file of
//! `codegen/tests/output/src/generated/` is regenerated here in memory and compared byte for
//! byte with the checked-in file, and the workspace build compiles those files (the
//! `cpaas-codegen-output` crate, warnings denied, with and without its `cli` and `blocking`
//! features). A change to what users get is a reviewable diff that must still compile.
//!
//! On a difference the test fails with a short diff; `CPAAS_UPDATE_SNAPSHOTS=1 cargo test -p
//! cpaas-codegen --test snapshots` rewrites the files instead.

use std::path::{Path, PathBuf};

use cpaas_codegen::config::write_atomic;
use cpaas_codegen::{CliTables, Config};

/// How to rewrite the snapshots, said on every failure.
const UPDATE: &str = "CPAAS_UPDATE_SNAPSHOTS=1 cargo test -p cpaas-codegen --test snapshots";

/// The snapshot files, one per test below.
const SNAPSHOTS: &[&str] = &["seeds.rs", "fixtures.rs"];

/// The repository root.
fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn generated_dir() -> PathBuf {
    root().join("codegen/tests/output/src/generated")
}

/// `build.rs` of `cpaas-tokens`, option for option (run from the repository root there, so the
/// paths it prints start at `specs/`; `cpaas-tokens`' `tests/snapshot_is_build_output.rs` checks
/// the two agree).
fn seeds_config(root: &Path) -> Config {
    let mut c = Config::new();
    c.specs_dir(root.join("specs"))
        .templates_dir(root.join("templates"))
        .env_hook("crate::auth::configure_from_env")
        .client_path_param("twilio", "AccountSid")
        .client_path_param("signalwire", "AccountSid")
        .blocking(true)
        .cli(CliTables::Feature("cli".into()))
        .full_serde(true)
        .crate_name("cpaas_tokens");
    c
}

/// What a library user's build script gets by default (serde derived only where needed, no
/// env hook), with the command-line tables behind a `cli` feature as `cpaas generate` writes
/// them and `send_blocking` behind `blocking`: the output crate compiles both ways.
fn fixtures_config(root: &Path) -> Config {
    let mut c = Config::new();
    c.specs_dir(root.join("codegen/tests/fixtures/openapi"))
        .module_prefix("fixtures")
        .blocking(true)
        .cli(CliTables::Feature("cli".into()))
        .crate_name("cpaas_codegen_output");
    c
}

/// The snapshot `name` as generated now, with the repository root left out of the paths it
/// prints (as the build script, run from the root, prints them).
fn generate(name: &str, config: fn(&Path) -> Config) -> (cpaas_codegen::Generated, String) {
    let root = root();
    let generated = config(&root)
        .cargo_directives(false)
        .run()
        .unwrap_or_else(|e| panic!("{name}: generation failed:\n{e}"));
    let prefix = format!("{}/", root.display());
    let code = generated.code.replace(&prefix, "");
    (generated, code)
}

/// Compares `actual` with the checked-in snapshot (or rewrites it when asked to).
fn check(name: &str, actual: &str) {
    let path = generated_dir().join(name);
    if std::env::var_os("CPAAS_UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        write_atomic(&path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        panic!(
            "{} differs from what the generator writes now:\n{}\nIf the change is intended, \
             run `{UPDATE}` and review the diff.",
            path.display(),
            short_diff(&expected, actual)
        );
    }
}

/// The lines that differ between `old` and `new` (common head and tail left out), at most
/// [`SHOWN`] of each side, with the line number where the difference starts.
fn short_diff(old: &str, new: &str) -> String {
    const SHOWN: usize = 12;
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (gone, came) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out = format!("@@ line {} @@\n", head + 1);
    for (sign, lines) in [('-', gone), ('+', came)] {
        for l in lines.iter().take(SHOWN) {
            out.push_str(&format!("{sign}{l}\n"));
        }
        if lines.len() > SHOWN {
            out.push_str(&format!("{sign}… {} more line(s)\n", lines.len() - SHOWN));
        }
    }
    if gone.is_empty() && came.is_empty() {
        out.push_str("(only the final line break differs)\n");
    }
    out
}

#[test]
fn seeds_generate_as_the_build_script_generates_them() {
    let (generated, code) = generate("seeds.rs", seeds_config);
    // Every seed is in the snapshot.
    let names: Vec<String> = generated
        .apis
        .iter()
        .map(|a| format!("{}::{}", a.provider, a.name))
        .collect();
    assert_eq!(
        names,
        [
            "signalwire::compatibility",
            "telnyx::v2",
            "twilio::api_v2010",
            "twilio::ip_messaging_v2"
        ]
    );
    assert_eq!(generated.files.len(), 5, "the five seed documents");
    assert!(generated.files.iter().all(|f| f.recovered));
    check("seeds.rs", &code);
}

#[test]
fn fixtures_generate_as_a_library_user_gets_them() {
    let (generated, code) = generate("fixtures.rs", fixtures_config);
    assert!(generated.files.iter().all(|f| f.recovered));
    check("fixtures.rs", &code);
}

#[test]
fn every_checked_in_file_is_a_snapshot() {
    // (A missing one fails its own test: it differs from the generated text.)
    for e in std::fs::read_dir(generated_dir()).expect("codegen/tests/output/src/generated") {
        let name = e
            .expect("readable")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            SNAPSHOTS.contains(&name.as_str()),
            "{name}: no test writes it, so it would go stale; remove it or add it to SNAPSHOTS"
        );
    }
}

#[test]
fn the_diff_shows_only_what_changed() {
    let d = short_diff("a\nb\nc\nd\n", "a\nB\nc\nd\n");
    assert_eq!(d, "@@ line 2 @@\n-b\n+B\n");
    let long_old: String = (0..40).map(|i| format!("{i}\n")).collect();
    let d = short_diff(&long_old, "");
    assert!(d.contains("-11\n-… 28 more line(s)\n"), "{d}");
}
