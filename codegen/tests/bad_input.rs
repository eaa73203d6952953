//! Bad input: each case gives one exact diagnostic (code, line, message fragment), or, where the
//! input is valid but awkward, generates code that parses. Nothing panics or hangs.

#[path = "../benches/common/mod.rs"]
mod common;
#[path = "support/shared.rs"]
mod shared;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cpaas_codegen::config::{self, Config};
use cpaas_codegen::diag::{Diagnostic, Severity};
use cpaas_codegen::emit::{EmitOptions, emit};
use cpaas_codegen::frontend::Recovered;
use cpaas_codegen::ir::{Api, TypeKind};
use cpaas_codegen::lower::{Input, lower};
use serde_json::{Value, json};

/// A fresh folder under the system temp dir, removed on drop.
fn tmp() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("cpaas-bad-input-")
        .tempdir()
        .unwrap()
}

/// Writes `text` to `dir/rel`, making folders as needed.
fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// The names of the entries of `dir`.
fn names_in(dir: &Path) -> Vec<OsString> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect()
}

/// Runs detection + frontend (+ overlay) on `text` as a file; the diagnostics of a failure.
fn recover_err(text: &str) -> Vec<Diagnostic> {
    let t = tmp();
    let p = write(t.path(), "spec.yaml", text);
    match config::recover_file(&p) {
        Ok((r, _, d)) => panic!("expected an error, got {:?} with {d:?}", r.format),
        Err(d) => d,
    }
}

fn lower_text(text: &str) -> Result<(Api, Vec<Diagnostic>), Diagnostic> {
    let parsed = cpaas_codegen::frontend::yaml::parse_with_locations(text).expect("valid YAML");
    let mut rec = Recovered::new(parsed.value);
    rec.locations = parsed.locations;
    lower(
        "bad",
        "api",
        &[Input {
            path: "spec.yaml".into(),
            format: "openapi".into(),
            recovered: rec,
        }],
    )
}

fn lower_doc(doc: Value) -> Result<(Api, Vec<Diagnostic>), Diagnostic> {
    lower_text(&serde_json::to_string(&doc).unwrap())
}

/// A document whose one operation returns the component schema `name`, among `schemas`.
fn returning(name: &str, schemas: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}}}}}},
        "components": {"schemas": schemas}
    })
}

fn only<'a>(diags: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found: Vec<_> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected one `{code}` in {diags:#?}");
    found[0]
}

fn generate(api: Api) -> String {
    let code = emit(&[api], &EmitOptions::default()).expect("generated code parses");
    assert!(syn::parse_file(&code).is_ok());
    code
}

const HEAD: &str = "openapi: 3.1.0\ninfo:\n  title: Bad\n  version: '1'\n";

#[test]
fn invalid_yaml_names_its_line() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses: {{'200': {{description: ok}}\n  /b:\n    get: {{}}\n"
    );
    let d = recover_err(&text);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "yaml.syntax");
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!((d[0].line, d[0].col), (9, 3), "{}", d[0]);
    assert!(d[0].message.contains("invalid YAML"), "{}", d[0]);
    assert!(
        d[0].to_string()
            .contains("spec.yaml:9:3: error[yaml.syntax]"),
        "{}",
        d[0]
    );
}

#[test]
fn truncated_httpdoc_page() {
    let Some(page) =
        shared::read_or_skip("corpus/pages/html_httpdoc/openai/createChatCompletion.html")
    else {
        return;
    };
    // Cut in the middle of the page (on a char boundary): the markers survive, the body does not.
    let mut cut = page.len() / 2;
    while !page.is_char_boundary(cut) {
        cut -= 1;
    }
    let t = tmp();
    let p = write(t.path(), "page.html", &page[..cut]);
    match config::recover_file(&p) {
        // No httpdoc frontend in this build: the file is skipped with a warning.
        Ok((report, None, diags)) => {
            assert_eq!(report.format.id(), "html_httpdoc");
            let w = only(&diags, "detect.no-frontend");
            assert_eq!(w.severity, Severity::Warning);
            assert!(w.message.contains("`html_httpdoc`"), "{w}");
        }
        // With the frontend: an error naming a line, or a document with warnings.
        Ok((_, Some(_), _)) => {}
        Err(d) => {
            assert!(d[0].code.starts_with("html_httpdoc."), "{d:?}");
            assert!(d[0].line > 0, "{}", d[0]);
        }
    }
    // Cut before the markers: nothing recognisable is left.
    let d = recover_err(&page[..200.min(page.len())]);
    assert_eq!((d[0].code, d[0].line), ("detect.unknown", 1));
    assert!(d[0].message.contains("no known format"));
}

#[test]
fn paths_of_the_wrong_type() {
    let e = lower_text(&format!("{HEAD}paths: 3\n")).unwrap_err();
    assert_eq!(e.code, "lower.wrong-type");
    assert_eq!(e.line, 5, "{e}");
    assert_eq!(e.pointer.as_deref(), Some("/paths"));
    assert!(e.message.contains("`paths` must be a mapping"), "{e}");
}

#[test]
fn parameter_schema_of_the_wrong_type() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n          schema: string\n      responses: {{}}\n"
    );
    let (api, diags) = lower_text(&text).unwrap();
    let w = only(&diags, "lower.wrong-type");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.pointer.as_deref(),
        Some("/paths/~1a/get/parameters/0/schema")
    );
    // The nearest node with a recorded line: `parameters:`.
    assert_eq!(w.line, 8, "{w}");
    assert!(w.message.contains("expected a schema object"), "{w}");
    generate(api);
}

#[test]
fn dangling_ref() {
    let (api, diags) = lower_doc(returning("Nope", json!({}))).unwrap();
    let w = only(&diags, "lower.dangling-ref");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.pointer.as_deref(), Some("#/components/schemas/Nope"));
    assert!(w.message.contains("points nowhere"), "{w}");
    generate(api);
}

#[test]
fn cyclic_ref_chains() {
    for (name, schemas) in [
        (
            "A -> B -> A",
            json!({"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}),
        ),
        ("A -> A", json!({"A": {"$ref": "#/components/schemas/A"}})),
    ] {
        let (api, diags) = lower_doc(returning("A", schemas)).unwrap();
        let w = only(&diags, "lower.ref-cycle");
        assert_eq!(w.severity, Severity::Warning, "{name}");
        assert_eq!(
            w.pointer.as_deref(),
            Some("#/components/schemas/A"),
            "{name}"
        );
        assert!(w.message.contains("never reaches a schema"), "{name}: {w}");
        generate(api);
    }
}

#[test]
fn recursive_schemas_lower_with_boxes() {
    let (api, diags) = lower_doc(returning(
        "Node",
        json!({
            "Node": {"type": "object", "properties": {
                "parent": {"$ref": "#/components/schemas/Node"},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                "other": {"$ref": "#/components/schemas/Other"}
            }},
            "Other": {"type": "object", "required": ["back"], "properties": {"back": {"$ref": "#/components/schemas/Node"}}}
        }),
    ))
    .unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    let boxed = |ty: &str, field: &str| {
        let t = api.types.iter().find(|t| t.rust_name == ty).unwrap();
        let TypeKind::Struct { fields, .. } = &t.kind else {
            panic!()
        };
        fields.iter().find(|f| f.name == field).unwrap().boxed
    };
    assert!(boxed("Node", "parent"));
    assert!(!boxed("Node", "children"), "a Vec already breaks the cycle");
    assert!(
        boxed("Node", "other") && boxed("Other", "back"),
        "a two-type cycle is boxed"
    );
    let code = generate(api);
    assert!(
        code.contains("pub parent: ::std::option::Option<::std::boxed::Box<Node>>"),
        "{code}"
    );
}

#[test]
fn names_colliding_after_case_conversion() {
    let (api, _) = lower_doc(json!({
        "openapi": "3.1.0",
        "paths": {"/a": {"post": {"operationId": "ListCalls",
            "parameters": [
                {"name": "StartTime", "in": "query", "schema": {"type": "string"}},
                {"name": "StartTime<", "in": "query", "schema": {"type": "string"}},
                {"name": "StartTime>", "in": "query", "schema": {"type": "string"}},
                {"name": "start_time", "in": "query", "schema": {"type": "string"}}
            ],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                "StartTime": {"type": "string"}, "start_time": {"type": "string"}, "start-time": {"type": "string"}
            }}}}},
            "responses": {"204": {"description": "ok"}}}}}
    }))
    .unwrap();
    let op = &api.operations[0];
    let names: Vec<&str> = op.params.iter().map(|p| p.rust_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "start_time",
            "start_time_lt",
            "start_time_gt",
            "start_time_2"
        ]
    );
    let body = api
        .types
        .iter()
        .find(|t| t.rust_name == "ListCallsRequest")
        .unwrap();
    let TypeKind::Struct { fields, .. } = &body.kind else {
        panic!()
    };
    let names: Vec<&str> = fields.iter().map(|f| f.rust_name.as_str()).collect();
    assert_eq!(names, ["start_time", "start_time_2", "start_time_3"]);
    let code = generate(api);
    assert!(
        code.contains("rename = \"StartTime<\"") || code.contains("\"StartTime<\""),
        "{code}"
    );
}

#[test]
fn rust_keywords_as_names() {
    let mut paths = serde_json::Map::new();
    for (i, kw) in ["type", "self", "async", "Self"].iter().enumerate() {
        paths.insert(format!("/k{i}"), json!({"post": {"operationId": kw,
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Self"}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/type"}}}}}}}));
    }
    let props = json!({"type": {"type": "string"}, "self": {"type": "string"}, "async": {"type": "integer"}, "Self": {"type": "boolean"}});
    let (api, diags) = lower_doc(json!({
        "openapi": "3.1.0", "paths": paths,
        "components": {"schemas": {
            "Self": {"type": "object", "properties": props},
            "type": {"type": "object", "properties": props}
        }}
    }))
    .unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    let ops: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.rust_name.as_str())
        .collect();
    // `Self` meets `self` after conversion: numbered after the `_` suffix.
    assert_eq!(ops, ["type_", "self_", "async_", "self__2"]);
    let types: Vec<&str> = api.types.iter().map(|t| t.rust_name.as_str()).collect();
    assert!(
        types.contains(&"Self_") && types.contains(&"Type"),
        "{types:?}"
    );
    let code = generate(api);
    assert!(
        code.contains("pub type_:") && code.contains("pub self_:") && code.contains("pub async_:")
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "minutes in a debug build: cargo test -p cpaas-codegen --release --test bad_input"
)]
fn ten_thousand_operations_generate() {
    let doc = common::synthetic_spec(10_000);
    let t = Instant::now();
    let (api, diags) = lower_doc(doc).unwrap();
    assert!(diags.is_empty(), "{:?}", &diags[..diags.len().min(3)]);
    assert_eq!(api.operations.len(), 10_000);
    let code = generate(api);
    assert!(code.contains("pub fn op9999("));
    eprintln!(
        "10,000 operations: {} lines in {:?}",
        code.lines().count(),
        t.elapsed()
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "minutes in a debug build: cargo test -p cpaas-codegen --release --test bad_input"
)]
fn fifty_megabyte_pages_end_in_an_answer() {
    // Prose: no format.
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit: GET /things and so on.\n";
    let prose = line.repeat(50 * 1024 * 1024 / line.len());
    let t = Instant::now();
    let d = recover_err(&prose);
    assert_eq!((d[0].code, d[0].line), ("detect.unknown", 1));
    eprintln!("50 MB of prose: {:?}", t.elapsed());

    // An OpenAPI document padded with 50 MB of extension data: it generates.
    let mut text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '204':\n          description: ok\nx-filler:\n"
    );
    let item = "  - {name: filler, values: [1, 2, 3], note: 'padding padding padding padding'}\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(item);
    }
    let t = Instant::now();
    let (api, _) = lower_text(&text).unwrap();
    assert_eq!(api.operations.len(), 1);
    generate(api);
    eprintln!("50 MB OpenAPI document: {:?}", t.elapsed());

    // The same document cut mid-line: a syntax error on its last line.
    let cut = text.len() - item.len() / 2;
    let lines = text[..cut].lines().count();
    let d = recover_err(&text[..cut]);
    assert_eq!(d[0].code, "yaml.syntax");
    assert!(
        d[0].line >= lines - 1 && d[0].line <= lines + 1,
        "{} vs {lines}",
        d[0]
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let flow = |depth| format!("{HEAD}x: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    // The YAML scanner stops flow nesting at 255 levels itself.
    let d = recover_err(&flow(100_000));
    assert_eq!((d[0].code, d[0].line), ("yaml.syntax", 5));
    assert!(
        d[0].message.contains("recursion limit exceeded"),
        "{}",
        d[0]
    );
    // Below that, and in block style (sequences nested on one line, `- - - x`), the loader's
    // own limit applies.
    for (style, text) in [
        ("flow", flow(200)),
        ("block", format!("{HEAD}x:\n{}x\n", "- ".repeat(100_000))),
    ] {
        let d = recover_err(&text);
        assert_eq!(d[0].code, "yaml.too-deep", "{style}");
        assert!(d[0].line == 5 || d[0].line == 6, "{style}: {}", d[0]);
        assert!(d[0].message.contains("nested deeper than 128"), "{}", d[0]);
    }
}

#[test]
fn alias_bombs_are_refused() {
    // Each level doubles the size of the one before: 2^40 nodes if expanded.
    let mut text = format!("{HEAD}a0: &a0 [x, x]\n");
    for i in 1..40 {
        text.push_str(&format!("a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
    }
    let t = Instant::now();
    let d = recover_err(&text);
    assert_eq!(d[0].code, "yaml.alias-limit");
    assert!(d[0].line > 5, "{}", d[0]);
    assert!(d[0].message.contains("aliases expand"), "{}", d[0]);
    eprintln!("alias bomb refused in {:?}", t.elapsed());
}

fn specs_dir(t: &Path, spec: &str) -> PathBuf {
    write(t, "specs/prov/api/spec.yaml", spec);
    t.join("specs")
}

#[test]
fn failed_generation_writes_nothing() {
    let good = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '204':\n          description: ok\n"
    );
    let bad = format!("{HEAD}paths:\n  /a: [\n");
    let t = tmp();
    let t = t.path();
    let out = t.join("out");
    let generated = out.join("cpaas_generated.rs");

    // A failing first generation leaves no file at all.
    let err = Config::new()
        .specs_dir(specs_dir(t, &bad))
        .out_dir(&out)
        .cargo_directives(false)
        .generate()
        .unwrap_err();
    assert_eq!(err.diagnostics[0].code, "yaml.syntax");
    assert!(!generated.exists());
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());

    // A good one writes the file, with no temporary left beside it.
    Config::new()
        .specs_dir(specs_dir(t, &good))
        .out_dir(&out)
        .cargo_directives(false)
        .generate()
        .unwrap();
    let first = std::fs::read(&generated).unwrap();
    assert!(syn::parse_file(std::str::from_utf8(&first).unwrap()).is_ok());
    assert_eq!(names_in(&out), ["cpaas_generated.rs"]);

    // A failing regeneration keeps the previous file byte for byte.
    Config::new()
        .specs_dir(specs_dir(t, &bad))
        .out_dir(&out)
        .cargo_directives(false)
        .generate()
        .unwrap_err();
    assert_eq!(std::fs::read(&generated).unwrap(), first);
    assert_eq!(names_in(&out), ["cpaas_generated.rs"]);
}

#[test]
fn write_atomic_replaces_whole_files() {
    let t = tmp();
    let t = t.path();
    let p: &Path = &t.join("a/b.rs");
    config::write_atomic(p, "one").unwrap();
    config::write_atomic(p, "two").unwrap();
    assert_eq!(std::fs::read_to_string(p).unwrap(), "two");
    assert_eq!(names_in(p.parent().unwrap()), ["b.rs"]);
    // A target that cannot be replaced (a directory) fails without leaving a temporary.
    std::fs::create_dir_all(t.join("c/d.rs")).unwrap();
    assert!(config::write_atomic(&t.join("c/d.rs"), "x").is_err());
    assert_eq!(names_in(&t.join("c")), ["d.rs"]);
}
