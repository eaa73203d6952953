//! Warnings follow the selection: with `Config::select` (and `cpaas generate --operations`),
//! only warnings about the selected operations, the schemas they reach and the document as a
//! whole are printed; those about operations left out are not.

use std::path::Path;

use cpaas_codegen::Config;
use cpaas_codegen::select::Selection;

/// Two operations, each with a parameter that has no name (a `lower.parameter-without-name`
/// warning at its pointer), and a security scheme the client cannot apply (a document-level
/// `lower.auth-type-unknown` warning).
const SPEC: &str = r#"openapi: 3.0.3
info: {title: Warned, version: "1"}
servers: [{url: "https://api.example.com"}]
components:
  securitySchemes:
    tls: {type: mutualTLS}
paths:
  /kept:
    get:
      operationId: keptOp
      parameters: [{in: query, schema: {type: string}}]
      responses: {"200": {description: ok}}
  /dropped:
    get:
      operationId: droppedOp
      parameters: [{in: query, schema: {type: string}}]
      responses: {"200": {description: ok}}
"#;

fn specs(dir: &Path) -> Config {
    let api = dir.join("specs/acme/v1");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::write(api.join("openapi.yaml"), SPEC).unwrap();
    let mut c = Config::new();
    c.specs_dir(dir.join("specs")).cargo_directives(false);
    c
}

fn warnings(c: &Config) -> Vec<String> {
    let g = c.run().unwrap_or_else(|e| panic!("{e}"));
    g.diagnostics.iter().map(|d| d.to_string()).collect()
}

#[test]
fn warnings_of_unselected_operations_are_not_printed() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = specs(dir.path());
    let all = warnings(&c);
    let about = |ws: &[String], what: &str| ws.iter().filter(|w| w.contains(what)).count();
    assert_eq!(about(&all, "/paths/~1kept/get"), 1, "{all:#?}");
    assert_eq!(about(&all, "/paths/~1dropped/get"), 1, "{all:#?}");

    c.select(Selection::default().include(["keptOp"]));
    let selected = warnings(&c);
    assert_eq!(about(&selected, "/paths/~1kept/get"), 1, "{selected:#?}");
    assert_eq!(about(&selected, "/paths/~1dropped/get"), 0, "{selected:#?}");
    // Document-level warnings stay.
    assert_eq!(about(&selected, "auth-type-unknown"), 1, "{selected:#?}");
    // So does everything when the selection is per API and names another API's operations.
    c.select(Selection::default()).select_api(
        "acme",
        "v1",
        Selection::default().exclude(["keptOp"]),
    );
    let excluded = warnings(&c);
    assert_eq!(about(&excluded, "/paths/~1kept/get"), 0, "{excluded:#?}");
    assert_eq!(about(&excluded, "/paths/~1dropped/get"), 1, "{excluded:#?}");
}

/// `cpaas generate --operations` (a standalone crate) keeps the same warnings.
#[test]
fn a_standalone_crate_of_a_selection_reports_only_its_warnings() {
    use cpaas_codegen::standalone::{CrateOptions, RuntimeDep, generate_portable};
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("warned.yaml");
    std::fs::write(&spec, SPEC).unwrap();
    let opts = CrateOptions {
        crate_name: Some("warned".into()),
        provider: None,
        api: None,
        runtime: RuntimeDep::Version("0.1".into()),
        bundle_root: None,
        selection: Selection::default().include(["droppedOp"]),
    };
    let report = generate_portable(&dir.path().join("out"), &[spec], &opts)
        .unwrap_or_else(|e| panic!("{e}"));
    let ws: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        ws.iter().any(|w| w.contains("/paths/~1dropped/get")),
        "{ws:#?}"
    );
    assert!(
        !ws.iter().any(|w| w.contains("/paths/~1kept/get")),
        "{ws:#?}"
    );
}
