//! Overlays beside a vendored file correct what a page says, without touching the page:
//! visible in the recovered document (`cpaas spec export`) and in the generated code.

use std::fs;

use cpaas_codegen::Config;
use cpaas_codegen::config::recover_file;

const SEED: &str = include_str!("../../specs/telnyx/v2/002_1ffeaa7590c6150a.txt");

fn specs_with(overlay: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("telnyx").join("v2");
    fs::create_dir_all(&api).unwrap();
    fs::write(api.join("token.md"), SEED).unwrap();
    if let Some(o) = overlay {
        fs::write(api.join("token.md.overlay.yaml"), o).unwrap();
    }
    dir
}

const OVERLAY: &str = r#"overlay: 1.0.0
info: {title: local corrections, version: 1.0.0}
actions:
  - target: $.paths['/telephony_credentials/{id}/token'].post
    update:
      operationId: MintWebrtcToken
      description: Mints a short-lived JWT for the WebRTC SDK.
  - target: $.paths['/telephony_credentials/{id}/token'].post.parameters[?(@.name == 'id')]
    update:
      schema: {type: string, format: uuid}
"#;

fn generate(dir: &tempfile::TempDir) -> String {
    Config::new()
        .specs_dir(dir.path())
        .cargo_directives(false)
        .run()
        .unwrap()
        .code
}

#[test]
fn an_overlay_changes_the_recovered_document_and_the_generated_code() {
    // Without the overlay: the page's own name and parameter type.
    let plain = generate(&specs_with(None));
    assert!(plain.contains("pub fn create_telephony_credential_token("));
    assert!(!plain.contains("::cpaas_runtime::types::Uuid"));
    assert!(!plain.contains("Mints a short-lived JWT"));

    let dir = specs_with(Some(OVERLAY));
    let page = dir.path().join("telnyx/v2/token.md");
    let (_, rec, diags) = recover_file(&page).unwrap();
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let doc = rec.unwrap().doc;
    let op = &doc["paths"]["/telephony_credentials/{id}/token"]["post"];
    assert_eq!(op["operationId"], "MintWebrtcToken");
    assert_eq!(op["parameters"][0]["schema"]["format"], "uuid");

    let generated = generate(&dir);
    assert!(generated.contains("pub fn mint_webrtc_token(&self)"));
    assert!(generated.contains("Mints a short-lived JWT for the WebRTC SDK."));
    assert!(generated.contains("id: ::std::option::Option<::cpaas_runtime::types::Uuid>"));
    assert!(!generated.contains("create_telephony_credential_token"));
}

#[test]
fn a_broken_overlay_fails_naming_the_overlay_file() {
    let dir = specs_with(Some(
        "overlay: 1.0.0\ninfo: {title: x, version: '1'}\nactions:\n  - target: $.paths[\n    remove: true\n",
    ));
    let err = Config::new()
        .specs_dir(dir.path())
        .cargo_directives(false)
        .run()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("token.md.overlay.yaml"), "{text}");
    assert!(text.contains("error[overlay."), "{text}");
}

#[test]
fn a_failed_generation_writes_nothing_and_a_good_one_writes_atomically() {
    let out = tempfile::tempdir().unwrap();
    let bad = specs_with(Some("not: an overlay\n"));
    let r = Config::new()
        .specs_dir(bad.path())
        .out_dir(out.path())
        .cargo_directives(false)
        .generate();
    let err = r.unwrap_err().to_string();
    assert!(err.contains("token.md.overlay.yaml"), "{err}");
    assert_eq!(
        fs::read_dir(out.path()).unwrap().count(),
        0,
        "nothing half-written"
    );

    let good = specs_with(None);
    let g = Config::new()
        .specs_dir(good.path())
        .out_dir(out.path())
        .cargo_directives(false)
        .generate()
        .unwrap();
    let written = g.written.unwrap();
    assert_eq!(fs::read_to_string(&written).unwrap(), g.code);
    let names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left behind: {names:?}");
}

/// A Bump.sh Markdown page naming one authentication method and showing nothing of its type.
const NAMED_ONLY: &str = "# Create key\n\n**POST /v1/Keys**\n\nCreate key\n\n## Servers\n\n\
- https://api.example.com: https://api.example.com ()\n\n## Authentication methods\n\n\
- Account sid auth token\n\n## Responses\n\n### 201\nCreated\n\n\
[Powered by Bump.sh](https://bump.sh)\n";

const TYPES_IT: &str = r#"overlay: 1.0.0
info: {title: the method's type, version: 1.0.0}
actions:
  - target: $.components.securitySchemes.accountSidAuthToken
    remove: true
  - target: $.components.securitySchemes
    update:
      accountSid_authToken: {type: http, scheme: basic}
  - target: $.paths['/v1/Keys'].post.security
    remove: true
  - target: $.paths['/v1/Keys'].post
    update:
      security: [{accountSid_authToken: []}]
"#;

fn bump_page_with(overlay: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("acme").join("v1");
    fs::create_dir_all(&api).unwrap();
    fs::write(api.join("key.md"), NAMED_ONLY).unwrap();
    if let Some(o) = overlay {
        fs::write(api.join("key.md.overlay.yaml"), o).unwrap();
    }
    dir
}

fn run(dir: &tempfile::TempDir) -> cpaas_codegen::Generated {
    Config::new()
        .specs_dir(dir.path())
        .cargo_directives(false)
        .cli(cpaas_codegen::CliTables::Always)
        .run()
        .unwrap()
}

#[test]
fn an_untyped_scheme_is_a_warning_and_a_documented_gap_until_an_overlay_types_it() {
    let plain = run(&bump_page_with(None));
    let w: Vec<_> = plain
        .diagnostics
        .iter()
        .filter(|d| d.code.ends_with("auth-type-unknown"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", plain.diagnostics);
    assert_eq!(w[0].code, "bump_md.auth-type-unknown");
    assert_eq!(
        w[0].pointer.as_deref(),
        Some("/components/securitySchemes/accountSidAuthToken")
    );
    // The generated client says what it cannot do, and the CLI tables carry the unknown kind.
    let code = plain.code.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        code.contains(
            "Authentication: `accountSidAuthToken`, whose type the source does not state"
        ),
        "{}",
        plain.code
    );
    assert!(code.contains(r#"scheme: "accountSidAuthToken", kind: "unknown""#));

    let typed = run(&bump_page_with(Some(TYPES_IT)));
    assert!(
        typed
            .diagnostics
            .iter()
            .all(|d| !d.code.ends_with("auth-type-unknown")),
        "the overlay settled the warning: {:?}",
        typed.diagnostics
    );
    let code = typed.code.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(code.contains(r#"scheme: "accountSid_authToken", kind: "basic""#));
    assert!(!code.contains("whose type the source does not state"));
}

/// What `cpaas spec export` prints for a vendored file: the recovered document with the overlay
/// beside it applied, normalised to OpenAPI 3.1.
fn exported(relative: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    let (_, rec, diags) = recover_file(&path).unwrap();
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let mut doc = rec.expect("a frontend reads it").doc;
    cpaas_codegen::normalize::to_openapi_31(&mut doc);
    doc
}

#[test]
fn the_vendored_twilio_overlays_type_the_token_and_the_error_body() {
    let doc = exported("specs/twilio/api_v2010/000_0d39b16176d34051.txt");
    let responses =
        &doc["paths"]["/2010-04-01/Accounts/{AccountSid}/Tokens.json"]["post"]["responses"];
    let created = &responses["201"]["content"]["application/json"];
    assert_eq!(
        created["schema"]["$ref"],
        "#/components/schemas/api.v2010.account.token"
    );
    let example_server = &created["example"]["ice_servers"][1];
    assert_eq!(example_server["credential"], "tE2DajzSJwnsSbc123");
    let token = &doc["components"]["schemas"]["api.v2010.account.token"];
    let server = &token["properties"]["ice_servers"]["items"]["properties"];
    for field in ["credential", "username", "url", "urls"] {
        assert_eq!(server[field]["type"], "string", "{field}");
    }
    // 3.0 `nullable: true` exported as a 3.1 type array.
    assert_eq!(
        token["properties"]["date_created"]["type"],
        serde_json::json!(["string", "null"])
    );

    for (file, path) in [
        (
            "specs/twilio/api_v2010/000_0d39b16176d34051.txt",
            "/2010-04-01/Accounts/{AccountSid}/Tokens.json",
        ),
        (
            "specs/twilio/api_v2010/003_a4693631427b5900.txt",
            "/2010-04-01/Accounts/{AccountSid}/Keys.json",
        ),
        (
            "specs/twilio/ip_messaging_v2/004_e9876b125d699af8.txt",
            "/v2/Credentials",
        ),
    ] {
        let doc = exported(file);
        let responses = &doc["paths"][path]["post"]["responses"];
        for status in ["400", "401", "403", "404", "500"] {
            assert_eq!(
                responses[status]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/TwilioError",
                "{file} {status}"
            );
        }
        let error = &doc["components"]["schemas"]["TwilioError"]["properties"];
        let fields: Vec<&String> = error.as_object().unwrap().keys().collect();
        assert_eq!(fields, ["code", "message", "more_info", "status"], "{file}");
    }
}
