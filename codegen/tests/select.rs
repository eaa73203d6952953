//! Operation selection end to end: a crate generated from a selection of a large corpus spec
//! builds (with its command-line tables) and holds only what was selected; `Config` selects
//! per API and refuses an API or operation that is not there, naming the closest.

use std::path::Path;

use cpaas_codegen::Config;
use cpaas_codegen::select::Selection;
use cpaas_codegen::standalone::{CrateOptions, RuntimeDep, generate_portable};

#[path = "support/shared.rs"]
mod shared;

#[path = "support/generated_crate.rs"]
mod generated_crate;

/// The README's example: Telnyx's telephony-credential operations, by tag and by path.
#[test]
fn a_selection_of_the_telnyx_spec_generates_a_small_crate_that_builds() {
    let Some(spec) = shared::shared_or_skip("corpus/specs/telnyx_spec3.yml") else {
        return;
    };
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("select_telnyx_credentials");
    let _ = std::fs::remove_dir_all(&out);
    let opts = CrateOptions {
        crate_name: Some("telnyx-credentials".into()),
        provider: Some("telnyx".into()),
        api: Some("v2".into()),
        runtime: RuntimeDep::Path(workspace.join("runtime")),
        bundle_root: None,
        selection: Selection::default()
            .include(["tag:Credentials", "POST /telephony_credentials/*/token"]),
    };
    let report = generate_portable(&out, &[spec], &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.operations, 6);
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("fn create_telephony_credential_token("));
    // Types of other operations are gone: no call-control or messaging models.
    assert!(!lib.contains("pub struct CallControlApplication"));
    assert!(!lib.contains("fn send_message("));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-target");
    let status =
        generated_crate::cargo_in(&out, &workspace, &target, &["build", "--features", "cli"]);
    assert!(status.success(), "the selected Telnyx crate does not build");
}

fn seeds() -> Config {
    let mut c = Config::new();
    c.specs_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs"))
        .cargo_directives(false);
    c
}

#[test]
fn config_selects_per_api_and_leaves_the_other_apis_whole() {
    let whole = seeds().run().unwrap_or_else(|e| panic!("{e}"));
    // The API with the most operations (two seed pages make `twilio::api_v2010`).
    let big = whole
        .apis
        .iter()
        .max_by_key(|a| a.operations.len())
        .unwrap();
    assert!(big.operations.len() >= 2, "no API with two operations");
    let first = big.operations[0].rust_name.clone();
    let (provider, name) = (big.provider.clone(), big.name.clone());
    let picked = seeds()
        .select_api(
            &provider,
            &name,
            Selection::default().include([first.clone()]),
        )
        .run()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(picked.apis.len(), whole.apis.len());
    for (a, b) in whole.apis.iter().zip(&picked.apis) {
        assert_eq!((&a.provider, &a.name), (&b.provider, &b.name));
        if a.provider == provider && a.name == name {
            let names: Vec<_> = b.operations.iter().map(|o| &o.rust_name).collect();
            assert_eq!(names, [&first]);
        } else {
            assert_eq!(a.operations.len(), b.operations.len());
        }
    }
    assert!(picked.code.len() < whole.code.len());
}

#[test]
fn config_refuses_an_unknown_api_or_operation_naming_the_closest() {
    let whole = seeds().run().unwrap_or_else(|e| panic!("{e}"));
    let op = &whole
        .apis
        .iter()
        .find(|a| a.provider == "telnyx")
        .unwrap()
        .operations[0];
    let typo = format!("{}x", op.rust_name);
    let e = seeds()
        .select_api("telnyx", "v3", Selection::default().include(["x"]))
        .select(Selection::default().include([typo.clone()]))
        .run()
        .expect_err("refused");
    let codes: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    assert_eq!(
        codes,
        ["select.unknown-api", "select.unknown-operation"],
        "{e}"
    );
    let text = e.to_string();
    assert!(text.contains("did you mean `telnyx::v2`?"), "{text}");
    assert!(
        text.contains(&format!("did you mean `{}`?", op.rust_name)),
        "{text}"
    );
}
