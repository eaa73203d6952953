//! What a library user of `cpaas-tokens` compiles: the runtime and the generated code, never the
//! generator, the command line or the mock provider's server (package `cpaas-cli` has those).
//! Checked on the resolved dependency graph (`cargo tree`, offline), so a crate that comes in
//! transitively, or through a feature, counts too. Proc macros are left out: like the build
//! script they run in the compiler, and the HTTP stack's own (`url`'s ICU tables through
//! `displaydoc`, `serde_derive`, `tracing-attributes`) bring `syn` whatever this crate does;
//! `syn` reached any other way (the generator, `prettyplease`) is caught.

use std::process::Command;

/// Crates that only the `cpaas` command, the mock provider or the build script need.
const FORBIDDEN: &[&str] = &[
    "clap",
    "syn",
    "prettyplease",
    "cpaas-codegen",
    "cpaas-cli",
    "html5gum",
    "yaml-rust2",
    "tracing-subscriber",
];

/// `cargo tree` of cpaas-tokens' normal dependencies, with the features each one is built with.
fn normal_tree(package: &str, features: &[&str]) -> String {
    let out = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--offline", "--quiet", "-p", package])
        .args(["-e", "normal,features,no-proc-macro", "--prefix", "none"])
        .args(features)
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The forbidden things `tree` holds: crates of [`FORBIDDEN`], and hyper's server side.
fn forbidden_in(tree: &str) -> Vec<String> {
    let mut found: Vec<String> = tree
        .lines()
        .filter(|l| {
            let name = l.split_whitespace().next().unwrap_or_default();
            FORBIDDEN.contains(&name) || l.starts_with("hyper feature \"server\"")
        })
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn a_library_user_compiles_neither_the_generator_nor_the_command_line() {
    for features in [&[][..], &["--features", "blocking"]] {
        let tree = normal_tree("cpaas-tokens", features);
        assert!(tree.contains("cpaas-runtime"), "{tree}");
        let found = forbidden_in(&tree);
        assert!(
            found.is_empty(),
            "cpaas-tokens ({features:?}) depends on what only the `cpaas` command or the \
             build script needs: {found:#?}"
        );
    }
}

#[test]
fn the_command_lines_dependencies_are_seen() {
    // The check above can fail: `cpaas-cli`'s own tree holds what it forbids.
    let tree = normal_tree("cpaas-cli", &[]);
    let found = forbidden_in(&tree);
    for name in [
        "clap ",
        "cpaas-codegen ",
        "syn ",
        "hyper feature \"server\"",
    ] {
        assert!(
            found.iter().any(|l| l.starts_with(name)),
            "{name}: {found:#?}"
        );
    }
}
