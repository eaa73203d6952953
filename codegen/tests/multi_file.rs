//! Multi-file specifications end to end, on Redocly's "Cafe" example (a 40-file OpenAPI 3.1
//! tree: path items, parameters, responses and schemas each in a file of their own, referred to
//! as `paths/orders.yaml`, `../components/parameters/Limit.yaml`, …), vendored under
//! `../shared/corpus/multi-file/redocly-cafe/`.
//!
//! Without that folder the tests fail when `CI` or `CPAAS_REQUIRE_SHARED` is set, and otherwise
//! say visibly that they were skipped (`support/shared.rs`).

#[path = "support/shared.rs"]
mod shared;

#[path = "support/generated_crate.rs"]
mod generated_crate;

use std::path::{Path, PathBuf};

use cpaas_codegen::config::recover_file;
use cpaas_codegen::ir::{Api, Operation, ParamLocation, ResponseBody, StatusSpec, TypeRef};
use cpaas_codegen::lower::{Input, lower};

/// The Cafe entry document, or `None` when the shared corpus is missing (a visible skip, or a
/// failure under `CI` / `CPAAS_REQUIRE_SHARED`).
fn cafe() -> Option<PathBuf> {
    shared::shared_or_skip("corpus/multi-file/redocly-cafe/openapi/openapi.yaml")
}

/// The Cafe document, bundled, recovered and lowered, with every diagnostic.
fn lowered(entry: &Path) -> (Api, Vec<cpaas_codegen::Diagnostic>, Vec<PathBuf>) {
    let (report, rec, mut diags) =
        recover_file(entry).unwrap_or_else(|e| panic!("recovery failed: {e:#?}"));
    let rec = rec.expect("an OpenAPI document has a frontend");
    let (api, more) = lower(
        "redocly",
        "cafe",
        &[Input {
            path: entry.to_path_buf(),
            format: report.format.id().to_string(),
            recovered: rec,
        }],
    )
    .unwrap_or_else(|e| panic!("lowering failed: {e}"));
    diags.extend(more);
    (api, diags, report.sources)
}

fn op<'a>(api: &'a Api, method: &str, path: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.method.eq_ignore_ascii_case(method) && o.path == path)
        .unwrap_or_else(|| {
            let all: Vec<_> = api
                .operations
                .iter()
                .map(|o| format!("{} {}", o.method, o.path))
                .collect();
            panic!("no {method} {path} among {all:?}")
        })
}

/// The source name (`components.schemas` key) of a named type.
fn named(api: &Api, ty: &TypeRef) -> String {
    match ty.strip_nullable().0 {
        TypeRef::Named(id) => {
            let t = &api.types[*id];
            t.source_name.clone().unwrap_or_else(|| t.rust_name.clone())
        }
        other => panic!("expected a named type, found {other:?}"),
    }
}

fn ok_body(o: &Operation) -> &ResponseBody {
    &o.responses
        .iter()
        .find(|r| matches!(r.status, StatusSpec::Code(200 | 201)))
        .unwrap_or_else(|| panic!("{}: no 2xx response: {:#?}", o.id, o.responses))
        .body
}

#[test]
fn the_cafe_tree_recovers_with_parameters_bodies_and_typed_responses() {
    let Some(entry) = cafe() else { return };
    let (api, diags, sources) = lowered(&entry);
    for d in &diags {
        eprintln!("{d}");
    }
    assert!(!diags.iter().any(|d| d.is_error()), "{diags:#?}");
    assert!(
        !diags
            .iter()
            .any(|d| d.code == "lower.path-parameter-undeclared"
                || d.message.contains("not declared")),
        "{diags:#?}"
    );
    // All 40 YAML files of the tree are reached by a reference.
    assert_eq!(sources.len(), 40, "{sources:#?}");
    assert_eq!(sources[0], entry);
    // Every operation of the eight path-item files (the webhook is not a client operation).
    assert_eq!(api.operations.len(), 12);

    // A path parameter from `components/parameters/OrderId.yaml`.
    let get = op(&api, "get", "/orders/{orderId}");
    let id = get
        .params
        .iter()
        .find(|p| p.name == "orderId")
        .unwrap_or_else(|| panic!("{:#?}", get.params));
    assert_eq!(id.location, ParamLocation::Path);
    assert_eq!(id.ty, TypeRef::String);
    assert!(id.constraints.pattern.is_some(), "pattern kept: {id:#?}");
    let ResponseBody::Json(ty) = ok_body(get) else {
        panic!("{:#?}", get.responses)
    };
    assert_eq!(named(&api, ty), "Order");

    // The list operation's query parameters, each from its own file.
    let list = op(&api, "get", "/orders");
    let query: Vec<&str> = list
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| p.name.as_str())
        .collect();
    for name in ["limit", "after", "before", "sort", "filter", "search"] {
        assert!(query.contains(&name), "{name} missing from {query:?}");
    }
    let limit = list.params.iter().find(|p| p.name == "limit").unwrap();
    assert!(matches!(limit.ty, TypeRef::Integer(_)), "{limit:#?}");
    let ResponseBody::Json(ty) = ok_body(list) else {
        panic!("{:#?}", list.responses)
    };
    assert_eq!(named(&api, ty), "OrderList");

    // A request body from `components/schemas/Order.yaml`.
    let create = op(&api, "post", "/orders");
    let body = create.body.as_ref().expect("createOrder has a body");
    assert!(body.required);
    assert_eq!(named(&api, &body.ty), "Order");

    // Shared error responses from `components/responses/*.yaml`, typed by `schemas/Error.yaml`.
    let not_found = get
        .responses
        .iter()
        .find(|r| r.status == StatusSpec::Code(404))
        .expect("404 from NotFound.yaml");
    let ResponseBody::Json(ty) = &not_found.body else {
        panic!("{not_found:#?}")
    };
    assert_eq!(named(&api, ty), "Error");

    // Every operation has its path parameters and no untyped success body.
    for o in &api.operations {
        for r in &o.responses {
            assert!(
                !matches!(r.body, ResponseBody::Untyped),
                "{} {}: untyped {:?}",
                o.method,
                o.path,
                r.status
            );
        }
    }
}

#[test]
fn the_cafe_tree_generates_a_crate_that_builds_warning_free() {
    let Some(entry) = cafe() else { return };
    let name = "multi_file_cafe";
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&out);
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let report =
        cpaas_codegen::standalone::generate_crate(&out, name, &[entry], &workspace.join("runtime"))
            .unwrap_or_else(|e| panic!("generation failed:\n{e}"));
    assert_eq!(report.operations, 12);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.is_error() || d.code == "lower.path-parameter-undeclared"),
        "{:#?}",
        report.diagnostics
    );
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-target");
    let status =
        generated_crate::cargo_in(&out, &workspace, &target, &["build", "--features", "cli"]);
    assert!(
        status.success(),
        "the crate generated from the Cafe tree does not build"
    );
}
