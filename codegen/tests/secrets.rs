//! Credentials in generated code: which strings lowering holds in `Secret` (the rule of
//! `lower/secret.rs`, applied to fields, parameters and bodies), that an overlay's
//! `x-cpaas-secret` overrides it both ways on a vendored page, and what the emitter prints for
//! them (types, setters, checks on the exposed value, text decoding, docs).

use std::fs;

use cpaas_codegen::Config;
use cpaas_codegen::emit::{EmitOptions, emit};
use cpaas_codegen::frontend::openapi;
use cpaas_codegen::ir::*;
use cpaas_codegen::lower::{Input, lower};

const FIXTURE: &str = include_str!("fixtures/openapi/local/secrets/secrets.yaml");

fn lowered(yaml: &str) -> (Api, Vec<cpaas_codegen::diag::Diagnostic>) {
    let input = Input {
        path: "specs/p/a/spec.yaml".into(),
        format: "openapi".into(),
        recovered: openapi::recover(yaml).expect("reads"),
    };
    lower("p", "a", &[input]).expect("lowers")
}

fn field<'a>(api: &'a Api, ty: &str, wire: &str) -> &'a Field {
    let t = api.types.iter().find(|t| t.rust_name == ty).expect(ty);
    match &t.kind {
        TypeKind::Struct { fields, .. } => fields.iter().find(|f| f.name == wire).expect(wire),
        k => panic!("{ty} is {k:?}"),
    }
}

#[test]
fn lowering_holds_exactly_the_credentials_in_secret() {
    let (api, diags) = lowered(FIXTURE);
    let secret = TypeRef::Secret;
    let body = "CreateSessionRequest";
    assert_eq!(field(&api, body, "Password").ty, secret, "by name");
    assert_eq!(field(&api, body, "Hint").ty, secret, "format: password");
    assert_eq!(
        field(&api, body, "LegacyToken").ty,
        TypeRef::String,
        "unmarked"
    );
    assert_eq!(field(&api, body, "Username").ty, TypeRef::String);
    assert!(
        matches!(field(&api, body, "TokenType").ty, TypeRef::Named(_)),
        "enum"
    );
    let s = "Session";
    assert_eq!(field(&api, s, "access_token").ty, secret);
    assert_eq!(
        field(&api, s, "refresh_token").ty,
        TypeRef::Nullable(Box::new(TypeRef::Secret))
    );
    assert_eq!(field(&api, s, "token_type").ty, TypeRef::String);
    assert_eq!(field(&api, s, "id").ty, TypeRef::Uuid);
    assert_eq!(field(&api, s, "expires_in").ty, TypeRef::Integer(64));
    assert_eq!(
        field(&api, s, "scopes").ty,
        TypeRef::Array(Box::new(TypeRef::String))
    );
    assert_eq!(
        field(&api, s, "signing_keys").ty,
        TypeRef::Array(Box::new(TypeRef::Secret)),
        "items marked by the extension"
    );
    let op = &api.operations[0];
    let param = |n: &str| &op.params.iter().find(|p| p.name == n).expect(n).ty;
    assert_eq!(param("X-Session-Token"), &secret);
    assert_eq!(param("PageToken"), &TypeRef::String, "a cursor");
    // The minted JWT (a success described `JWT`) is a secret; an error's text is not.
    let body_of = |code: u16| {
        op.responses
            .iter()
            .find(|r| r.status == StatusSpec::Code(code))
            .map(|r| r.body.clone())
    };
    assert_eq!(body_of(200), Some(ResponseBody::SecretText));
    assert_eq!(body_of(401), Some(ResponseBody::Text));
    assert!(diags.iter().all(|d| d.code != "lower.secret-not-string"));
}

#[test]
fn a_secret_mark_on_a_non_string_is_a_warning_not_a_secret() {
    let yaml = FIXTURE.replace(
        "expires_in: {type: integer}",
        "expires_in: {type: integer, x-cpaas-secret: true}",
    );
    let (api, diags) = lowered(&yaml);
    assert_eq!(
        field(&api, "Session", "expires_in").ty,
        TypeRef::Integer(64)
    );
    let w = diags
        .iter()
        .find(|d| d.code == "lower.secret-not-string")
        .expect("a warning");
    assert!(w.message.contains("SessionExpiresIn"), "{}", w.message);
}

#[test]
fn the_emitter_types_and_documents_secrets() {
    let (api, _) = lowered(FIXTURE);
    let code = emit(&[api], &EmitOptions::default()).expect("emits");
    // Compared without whitespace: the printer breaks long lines where it likes.
    let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let has = |s: &str| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squeezed.contains(&s), "missing `{s}` in:\n{code}");
    };
    has("pub access_token: ::cpaas_runtime::Secret,");
    has("pub refresh_token: ::std::option::Option<::cpaas_runtime::Secret>,");
    has("pub token_type: ::std::option::Option<::std::string::String>,");
    has("pub legacy_token: ::std::option::Option<::std::string::String>,");
    has("value: impl ::std::convert::Into<::cpaas_runtime::Secret>");
    // Length and pattern checks read the exposed value.
    has("::cpaas_runtime::validate::min_length(\"Password\", v.expose(), 12u64");
    has("::cpaas_runtime::validate::pattern(\"Password\", v.expose(),");
    has("::cpaas_runtime::validate::min_length(\"X-Session-Token\", v.expose(), 8u64");
    // The minted JWT decodes into `Secret` inside the success enum.
    has("Ok(::cpaas_runtime::Secret)");
    has("::cpaas_runtime::Secret::from(text)");
    has("Held in `Secret`");
}

const CHAT_PAGE: &str = include_str!("../../specs/twilio/ip_messaging_v2/004_e9876b125d699af8.txt");

/// Generated code for the Chat page (seed 004), with `overlay` beside it.
fn chat_with(overlay: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("twilio").join("ip_messaging_v2");
    fs::create_dir_all(&api).unwrap();
    fs::write(api.join("004.txt"), CHAT_PAGE).unwrap();
    fs::write(api.join("004.txt.overlay.yaml"), overlay).unwrap();
    Config::new()
        .specs_dir(dir.path())
        .cargo_directives(false)
        .run()
        .unwrap()
        .code
}

#[test]
fn an_overlay_marks_and_unmarks_secrets_on_a_vendored_page() {
    let body = "$.paths['/v2/Credentials'].post.requestBody.content['application/x-www-form-urlencoded'].schema.properties";
    let overlay = format!(
        "overlay: 1.0.0\ninfo: {{title: t, version: 1.0.0}}\nactions:\n  \
         - target: {body}.Secret\n    update: {{x-cpaas-secret: false}}\n  \
         - target: {body}.FriendlyName\n    update: {{x-cpaas-secret: true}}\n"
    );
    let code = chat_with(&overlay);
    assert!(
        code.contains("secret: ::std::option::Option<::std::string::String>"),
        "unmarked"
    );
    assert!(
        code.contains("friendly_name: ::std::option::Option<::cpaas_runtime::Secret>"),
        "marked"
    );
    assert!(
        code.contains("private_key: ::std::option::Option<::cpaas_runtime::Secret>"),
        "the name rule still applies elsewhere"
    );
}
