//! Operations with several success answers (issue #13), from four small specs written here:
//! (a) `200` JSON + `204` empty, (b) `201` empty + `202` JSON, (c) `200` JSON + `200`
//! text/plain, (d) a `2XX` range beside `default` (and beside an explicit `200`, and a lone
//! `default`). What lowering decides is checked on the IR; then one crate generated from the
//! four is built with `-D warnings` and its test (`success_shapes/loopback.rs`) calls every
//! operation over loopback HTTP and checks each status decodes into the right variant.

use std::path::{Path, PathBuf};
use std::process::Command;

use cpaas_codegen::config::recover_file;
use cpaas_codegen::ir::{Api, Operation, ResponseBody, StatusSpec, SuccessShape};
use cpaas_codegen::lower::{Input, lower};
use serde_json::{Value, json};

fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn object(props: &[(&str, &str)]) -> Value {
    let properties: serde_json::Map<String, Value> = props
        .iter()
        .map(|(n, t)| (n.to_string(), json!({ "type": t })))
        .collect();
    let required: Vec<&str> = props.iter().map(|(n, _)| *n).collect();
    json!({ "type": "object", "properties": properties, "required": required })
}

fn doc(paths: Value, schemas: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": { "title": "shapes", "version": "1" },
        "servers": [{ "url": "https://api.example.com" }],
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

fn id_param() -> Value {
    json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }])
}

/// The four specs, by API folder name.
fn specs() -> Vec<(&'static str, Value)> {
    vec![
        (
            "json_or_empty",
            doc(
                json!({ "/things/{id}": { "get": {
                    "operationId": "getThing",
                    "parameters": id_param(),
                    "responses": {
                        "200": { "description": "The thing.",
                                 "content": { "application/json": { "schema": schema("Thing") } } },
                        "204": { "description": "No such thing (yet)." }
                    }
                }}}),
                json!({ "Thing": object(&[("id", "string"), ("name", "string")]) }),
            ),
        ),
        (
            "empty_or_json",
            doc(
                json!({ "/jobs": { "post": {
                    "operationId": "startJob",
                    "responses": {
                        "201": { "description": "Done at once." },
                        "202": { "description": "Queued.",
                                 "content": { "application/json": { "schema": schema("Job") } } }
                    }
                }}}),
                json!({ "Job": object(&[("id", "string"), ("state", "string")]) }),
            ),
        ),
        (
            "json_or_text",
            doc(
                json!({ "/greeting": { "get": {
                    "operationId": "getGreeting",
                    "responses": {
                        "200": { "description": "The greeting.", "content": {
                            "application/json": { "schema": schema("GetGreetingSuccess") },
                            "text/plain": { "schema": { "type": "string" } }
                        } }
                    }
                }}}),
                // A model already named like the success enum would be.
                json!({ "GetGreetingSuccess": object(&[("text", "string")]) }),
            ),
        ),
        (
            "range_default",
            doc(
                json!({
                    "/items/{id}": { "delete": {
                        "operationId": "removeItem",
                        "parameters": id_param(),
                        "responses": {
                            "2XX": { "description": "Removed.",
                                     "content": { "application/json": { "schema": schema("Receipt") } } },
                            "default": { "description": "A problem.",
                                         "content": { "application/json": { "schema": schema("Problem") } } }
                        }
                    }},
                    "/purge": { "post": {
                        "operationId": "purgeItems",
                        "responses": {
                            "200": { "description": "A summary.",
                                     "content": { "text/plain": { "schema": { "type": "string" } } } },
                            "2XX": { "description": "A receipt.",
                                     "content": { "application/json": { "schema": schema("Receipt") } } }
                        }
                    }},
                    "/ping": { "get": {
                        "operationId": "ping",
                        "responses": {
                            "default": { "description": "Pong.",
                                         "content": { "text/plain": { "schema": { "type": "string" } } } }
                        }
                    }}
                }),
                json!({
                    "Receipt": object(&[("removed", "boolean")]),
                    "Problem": object(&[("message", "string")]),
                }),
            ),
        ),
    ]
}

/// Writes the specs as `<dir>/shapes/<api>/openapi.json`; returns their paths.
fn write_specs(dir: &Path) -> Vec<PathBuf> {
    specs()
        .into_iter()
        .map(|(api, value)| {
            let folder = dir.join("shapes").join(api);
            std::fs::create_dir_all(&folder).unwrap();
            let path = folder.join("openapi.json");
            std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
            path
        })
        .collect()
}

fn lowered(path: &Path) -> Api {
    let (report, rec, _) = recover_file(path).unwrap_or_else(|e| panic!("recovery: {e:#?}"));
    let input = Input {
        path: path.to_path_buf(),
        format: report.format.id().to_string(),
        recovered: rec.expect("an OpenAPI document"),
    };
    lower("shapes", "x", &[input]).expect("lowers").0
}

fn op<'a>(api: &'a Api, name: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.rust_name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

/// `(status, media type, variant)` of each success case.
fn cases(o: &Operation) -> Vec<(StatusSpec, Option<&str>, Option<&str>)> {
    o.success
        .cases
        .iter()
        .map(|c| (c.status, c.media_type.as_deref(), c.variant.as_deref()))
        .collect()
}

#[test]
fn lowering_decides_one_type_an_option_or_an_enum() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_specs(dir.path());
    let named = |api: &Api, body: &ResponseBody| match body {
        ResponseBody::Json(cpaas_codegen::ir::TypeRef::Named(id)) => {
            api.types[*id].rust_name.clone()
        }
        other => panic!("expected a named JSON body, found {other:?}"),
    };

    let a = lowered(&paths[0]);
    let get = op(&a, "get_thing");
    match &get.success.shape {
        SuccessShape::Optional(body) => assert_eq!(named(&a, body), "Thing"),
        other => panic!("(a) expected Option<Thing>, found {other:?}"),
    }
    assert_eq!(
        cases(get),
        [
            (StatusSpec::Code(200), Some("application/json"), None),
            (StatusSpec::Code(204), None, None)
        ]
    );

    let b = lowered(&paths[1]);
    let start = op(&b, "start_job");
    assert_eq!(
        start.success.shape,
        SuccessShape::Enum {
            rust_name: "StartJobSuccess".into()
        }
    );
    assert_eq!(
        cases(start),
        [
            (StatusSpec::Code(201), None, Some("Created")),
            (
                StatusSpec::Code(202),
                Some("application/json"),
                Some("Accepted")
            )
        ]
    );

    // The enum's name does not take the model's.
    let c = lowered(&paths[2]);
    let greet = op(&c, "get_greeting");
    assert_eq!(
        greet.success.shape,
        SuccessShape::Enum {
            rust_name: "GetGreetingSuccess2".into()
        }
    );
    assert!(c.types.iter().any(|t| t.rust_name == "GetGreetingSuccess"));
    assert_eq!(
        cases(greet),
        [
            (
                StatusSpec::Code(200),
                Some("application/json"),
                Some("OkJson")
            ),
            (StatusSpec::Code(200), Some("text/plain"), Some("OkText"))
        ]
    );

    let d = lowered(&paths[3]);
    let remove = op(&d, "remove_item");
    match &remove.success.shape {
        SuccessShape::Single(body) => assert_eq!(named(&d, body), "Receipt"),
        other => panic!("(d) expected Receipt, found {other:?}"),
    }
    assert!(
        remove
            .responses
            .iter()
            .any(|r| r.status == StatusSpec::Default && !r.is_success())
    );
    let purge = op(&d, "purge_items");
    assert_eq!(
        cases(purge),
        [
            (StatusSpec::Code(200), Some("text/plain"), Some("Ok")),
            (
                StatusSpec::Range(2),
                Some("application/json"),
                Some("Status2xx")
            )
        ]
    );
    let ping = op(&d, "ping");
    assert_eq!(ping.success.shape, SuccessShape::Single(ResponseBody::Text));
    assert_eq!(
        cases(ping),
        [(StatusSpec::Range(2), Some("text/plain"), None)]
    );
}

#[test]
fn each_status_decodes_into_its_variant_over_loopback() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let specs_dir = tmp.join("success_shapes_specs");
    let _ = std::fs::remove_dir_all(&specs_dir);
    let paths = write_specs(&specs_dir);
    let out = tmp.join("success_shapes");
    let _ = std::fs::remove_dir_all(&out);
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let report = cpaas_codegen::standalone::generate_crate(
        &out,
        "success_shapes",
        &paths,
        &workspace.join("runtime"),
    )
    .unwrap_or_else(|e| panic!("generation failed:\n{e}"));
    assert_eq!(report.operations, 6);

    // The loopback test, with the runtime's scriptable HTTP server, and what it needs.
    let support = workspace.join("runtime/tests/support/mod.rs");
    let support = support.canonicalize().unwrap().display().to_string();
    let test = include_str!("success_shapes/loopback.rs").replace("SUPPORT_PATH", &support);
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/loopback.rs"), test).unwrap();
    let mut cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    cargo.push_str(
        "\n[dev-dependencies]\ntokio = { version = \"1\", features = [\"macros\", \
         \"rt-multi-thread\", \"net\", \"time\", \"io-util\"] }\n",
    );
    std::fs::write(out.join("Cargo.toml"), cargo).unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", tmp.join("corpus-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the generated crate's loopback test failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
