//! `cpaas spec diff --fail-on` as a CI job runs it: the real binary, its exit status and the
//! report it prints (wire names beside the Rust names of the generated code).

#[path = "support/bin.rs"]
mod bin;
#[path = "../../codegen/tests/support/shared.rs"]
mod shared;

use std::path::{Path, PathBuf};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cpaas(args: &[&str]) -> Run {
    let out = bin::cpaas().args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A fresh folder for this test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small API whose `DELETE` names its path parameter `param`.
fn tokens_api(param: &str) -> String {
    serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "paths": {
            format!("/tokens/{{{param}}}"): {"delete": {
                "operationId": "deleteToken",
                "parameters": [{"name": param, "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "gone"}}
            }}
        }
    })
    .to_string()
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_renamed_path_parameter_fails_the_gate_and_names_the_rust_method() {
    let dir = scratch("spec_diff_renamed_param");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&old, tokens_api("id")).unwrap();
    std::fs::write(&new, tokens_api("token_id")).unwrap();
    let (old, new) = (arg(&old), arg(&new));

    // The default reports only.
    let r = cpaas(&["spec", "diff", old, new]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("operation deleteToken (DELETE /tokens/{token_id}) [delete_token]: path parameter id: parameter-removed"),
        "{}",
        r.stdout
    );
    for gate in ["breaking", "any"] {
        let r = cpaas(&["spec", "diff", old, new, "--fail-on", gate]);
        assert_eq!(r.code, 1, "--fail-on {gate}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("--fail-on"), "{}", r.stderr);
    }
    let r = cpaas(&["spec", "diff", old, new, "--fail-on", "never"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // JSON carries the Rust method beside the operationId.
    let r = cpaas(&["spec", "diff", old, new, "--json", "--fail-on", "breaking"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let changes = j["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    assert!(
        changes
            .iter()
            .all(|c| c["rust"] == "delete_token"
                && c["scope"].as_str().unwrap().contains("deleteToken")),
        "{j:#}"
    );

    // The same file on both sides passes even `--fail-on any`.
    let r = cpaas(&["spec", "diff", old, old, "--fail-on", "any"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn an_unreadable_document_exits_2_not_1() {
    let dir = scratch("spec_diff_unreadable");
    let good = dir.join("good.json");
    std::fs::write(&good, tokens_api("id")).unwrap();
    let missing = dir.join("missing.json");
    let r = cpaas(&[
        "spec",
        "diff",
        arg(&missing),
        arg(&good),
        "--fail-on",
        "any",
    ]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("missing.json"), "{}", r.stderr);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"openapi\": ").unwrap();
    let r = cpaas(&["spec", "diff", arg(&good), arg(&bad), "--fail-on", "never"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
}

#[test]
fn every_seed_against_its_own_export_passes_fail_on_any() {
    let dir = scratch("spec_diff_seed_exports");
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut seeds = Vec::new();
    for provider in std::fs::read_dir(&specs).unwrap() {
        for api in std::fs::read_dir(provider.unwrap().path()).unwrap() {
            let api = api.unwrap().path();
            // `specs/<provider>/<api>.lock.json` sits beside the API folders.
            if !api.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(api).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "txt") {
                    seeds.push(f);
                }
            }
        }
    }
    seeds.sort();
    assert_eq!(seeds.len(), 5, "{seeds:?}");
    for (i, seed) in seeds.iter().enumerate() {
        let export = cpaas(&["spec", "export", arg(seed)]);
        assert_eq!(export.code, 0, "{}", export.stderr);
        let exported = dir.join(format!("{i}.json"));
        std::fs::write(&exported, &export.stdout).unwrap();
        let r = cpaas(&[
            "spec",
            "diff",
            arg(seed),
            arg(&exported),
            "--fail-on",
            "any",
        ]);
        assert_eq!(r.code, 0, "{}: {}{}", seed.display(), r.stdout, r.stderr);
        assert!(r.stdout.contains("\n0 change(s)"), "{}", r.stdout);
    }
}

#[test]
fn telnyx_february_to_july_fails_fail_on_breaking() {
    let Some(old) = shared::shared_or_skip("corpus/specs/telnyx_spec3_2026-02-26.json") else {
        return;
    };
    let Some(new) = shared::shared_or_skip("corpus/specs/telnyx_spec3.yml") else {
        return;
    };
    let r = cpaas(&[
        "spec",
        "diff",
        arg(&old),
        arg(&new),
        "--fail-on",
        "breaking",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("breaking change(s) (--fail-on breaking)"),
        "{}",
        r.stderr
    );
    // Operations by their Rust method, schemas by their generated type.
    assert!(r.stdout.contains("[get_recordings]"), "{}", r.stdout);
    assert!(r.stdout.contains("[types::"), "{}", r.stdout);
}
