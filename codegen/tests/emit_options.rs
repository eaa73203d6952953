//! What the emitter options change in generated code: serde derives by direction, the CLI
//! tables' gating, and `full_serde`; and that options naming Rust paths (`module_prefix`,
//! `env_hook`) are refused, saying what was expected, when they are not paths.

use cpaas_codegen::CliTables;
use cpaas_codegen::emit::{EmitError, EmitOptions, emit, tokens};
use cpaas_codegen::frontend::Recovered;
use cpaas_codegen::ir::Api;
use cpaas_codegen::lower::{Input, lower};
use serde_json::json;

fn generated(opts: &EmitOptions) -> String {
    emit(&[api()], opts).expect("emits")
}

fn api() -> Api {
    let spec = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/keys": {"post": {
            "operationId": "CreateKey",
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/KeyCreate"}}}},
            "responses": {
                "201": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Key"}}}},
                "422": {"description": "bad", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            }
        }}},
        "components": {"schemas": {
            "KeyCreate": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
            "Key": {"type": "object", "required": ["sid"], "properties": {"sid": {"type": "string"}}},
            "Problem": {"type": "object", "properties": {"detail": {"type": "string"}}}
        }}
    });
    let input = Input {
        path: "specs/p/a/spec.json".into(),
        format: "openapi".into(),
        recovered: Recovered::new(spec),
    };
    let (api, _) = lower("p", "a", &[input]).expect("lowers");
    api
}

/// The derive list right above `pub struct NAME`.
fn derives_of(code: &str, name: &str) -> String {
    let at = code
        .find(&format!("pub struct {name} "))
        .unwrap_or_else(|| panic!("no struct {name}"));
    let start = code[..at].rfind("#[derive(").expect("a derive");
    code[start..at]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `NAME` derives `Serialize`.
fn serializes(code: &str, name: &str) -> bool {
    derives_of(code, name).contains("serde::Serialize")
}

/// Whether the first item starting with `item` has `#[cfg(feature = "FEATURE")]` among the
/// attributes and doc lines right above it.
fn gated(code: &str, item: &str, feature: &str) -> bool {
    let at = code
        .find(item)
        .unwrap_or_else(|| panic!("no `{item}` in the code"));
    let cfg = format!("#[cfg(feature = \"{feature}\")]");
    let above = &code[..code[..at].rfind('\n').unwrap_or(0)];
    above
        .lines()
        .rev()
        .map(str::trim)
        .take_while(|l| l.starts_with("#[") || l.starts_with("///"))
        .any(|l| l == cfg)
}

/// Whether `NAME` implements `Deserialize` (written out, not derived).
fn deserializes(code: &str, name: &str) -> bool {
    code.contains(&format!(
        "::cpaas_runtime::serde::Deserialize<'de> for {name} {{"
    ))
}

#[test]
fn models_derive_serialize_when_sent_and_deserialize_when_received() {
    let code = generated(&EmitOptions::default());
    let (req, resp, err) = (
        derives_of(&code, "KeyCreate"),
        derives_of(&code, "Key"),
        derives_of(&code, "Problem"),
    );
    assert!(
        serializes(&code, "KeyCreate") && !deserializes(&code, "KeyCreate"),
        "{req}"
    );
    assert!(
        deserializes(&code, "Key") && !resp.contains("Serialize"),
        "{resp}"
    );
    assert!(
        deserializes(&code, "Problem") && !err.contains("Serialize"),
        "{err}"
    );
    // No CLI tables by default.
    assert!(!code.contains("pub mod cli"));
    assert!(!code.contains("pub static APIS"));
}

#[test]
fn full_serde_derives_both_everywhere() {
    let code = generated(&EmitOptions {
        full_serde: true,
        ..EmitOptions::default()
    });
    for name in ["KeyCreate", "Key", "Problem"] {
        let d = derives_of(&code, name);
        assert!(serializes(&code, name) && deserializes(&code, name), "{d}");
    }
}

#[test]
fn cli_tables_are_data_behind_a_feature_and_need_no_model_deserialize() {
    let code = generated(&EmitOptions {
        cli: CliTables::Feature("cli".into()),
        ..EmitOptions::default()
    });
    assert!(
        code.contains("#[cfg(feature = \"cli\")]\n        #[doc(hidden)]\n        pub mod cli")
    );
    // Everything that reads flags is behind the feature: the API's module and the registry's
    // table and dispatcher.
    for item in ["pub mod cli", "pub static APIS", "pub async fn call("] {
        assert!(
            gated(&code, item, "cli"),
            "`{item}` is not behind the feature"
        );
    }
    // The tables are data read by the runtime's one `cli::call`: no per-operation function,
    // and the request model gets no Deserialize, with or without the feature.
    assert!(code.contains("id: \"create_key\""));
    assert!(!code.contains("async fn call_create_key("));
    assert!(!deserializes(&code, "KeyCreate"));
    let always = generated(&EmitOptions {
        cli: CliTables::Always,
        ..EmitOptions::default()
    });
    assert!(always.contains("pub mod cli"));
    assert!(!always.contains("async fn call_create_key("));
    assert!(!deserializes(&always, "KeyCreate"));
    for item in ["pub mod cli", "pub static APIS", "pub async fn call("] {
        assert!(!gated(&always, item, "cli"), "`{item}` is behind a feature");
    }
    assert!(!always.contains("#[cfg(feature = \"cli\")]"));
}

#[test]
fn a_module_prefix_that_is_not_a_module_path_is_an_error() {
    for bad in [
        "not a path",
        "a::",
        "::generated",
        "generated<T>",
        "\"unclosed",
    ] {
        let opts = EmitOptions {
            module_prefix: bad.into(),
            cli: CliTables::Always,
            ..EmitOptions::default()
        };
        let err = emit(&[api()], &opts).expect_err(bad);
        assert!(
            matches!(err, EmitError::ModulePrefix { .. }),
            "{bad}: {err:?}"
        );
        let text = err.to_string();
        assert!(
            text.contains(&format!("module prefix `{bad}`"))
                && text.contains("expected a Rust module path"),
            "{text}"
        );
        assert_eq!(err.code(), "emit.options");
        // The token tree is refused the same way, and so is an unused prefix (no CLI tables).
        assert_eq!(tokens(&[api()], &opts).err(), Some(err.clone()));
        let unused = EmitOptions {
            cli: CliTables::Off,
            ..opts
        };
        assert_eq!(emit(&[], &unused).err(), Some(err));
    }
    // A good prefix lands in the registry's paths.
    let code = generated(&EmitOptions {
        module_prefix: "generated::clients".into(),
        cli: CliTables::Always,
        ..EmitOptions::default()
    });
    assert!(
        code.contains("crate::generated::clients::p::a::API"),
        "{code}"
    );
}

#[test]
fn an_env_hook_that_is_not_a_path_is_an_error() {
    for bad in [
        "",
        "crate::auth::",
        "configure from env",
        "crate::auth::f()",
    ] {
        let opts = EmitOptions {
            env_hook: Some(bad.into()),
            ..EmitOptions::default()
        };
        let err = emit(&[api()], &opts).expect_err(bad);
        assert!(matches!(err, EmitError::EnvHook { .. }), "{bad:?}: {err:?}");
        let text = err.to_string();
        assert!(
            text.contains(&format!("env hook `{bad}`")) && text.contains("expected the Rust path"),
            "{text}"
        );
        // Refused even with no API to give a `from_env()`.
        assert_eq!(emit(&[], &opts).err(), Some(err));
    }
    let code = generated(&EmitOptions {
        env_hook: Some("crate::auth::configure_from_env".into()),
        ..EmitOptions::default()
    });
    let flat: String = code.split_whitespace().collect();
    assert!(
        flat.contains(
            "crate::auth::configure_from_env(::cpaas_runtime::Client::builder(&API),&API,)?"
        ),
        "{code}"
    );
}

/// An API whose server URL has a path prefix and whose operation takes a client-filled
/// `{AccountSid}` and optional form fields.
fn account_api() -> Api {
    let spec = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com/v2"}],
        "paths": {"/Accounts/{AccountSid}/Tokens.json": {"post": {
            "operationId": "CreateToken",
            "parameters": [{"name": "AccountSid", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
                "type": "object",
                "properties": {"Ttl": {"type": "integer"}, "FriendlyName": {"type": "string"}}
            }}}},
            "responses": {"201": {"description": "ok"}}
        }}}
    });
    let input = Input {
        path: "specs/p/a/spec.json".into(),
        format: "openapi".into(),
        recovered: Recovered::new(spec),
    };
    lower("p", "a", &[input]).expect("lowers").0
}

/// The `# Example` section of the first operation method's documentation.
fn first_example(code: &str) -> String {
    let at = code.find("/// # Example").expect("an example");
    let end = code[at..]
        .find("#[inline]")
        .expect("the method after its docs");
    code[at..at + end].to_string()
}

#[test]
fn operation_docs_leave_client_filled_path_parameters_to_the_client() {
    let api = account_api();
    // Without the option, `AccountSid` is an ordinary required path parameter.
    let plain = emit(std::slice::from_ref(&api), &EmitOptions::default()).unwrap();
    assert!(first_example(&plain).contains(".account_sid(\"example\")"));
    assert!(plain.contains("`AccountSid` (path parameter, required)."));

    let opts = EmitOptions {
        client_path_params: vec![("p".into(), "AccountSid".into())],
        ..EmitOptions::default()
    };
    let code = emit(&[api], &opts).unwrap();
    let example = first_example(&code);
    assert!(!example.contains(".account_sid("), "{example}");
    // The body fields that make the request what it is are shown.
    assert!(example.contains(".ttl(60)"), "{example}");
    assert!(example.contains(".friendly_name(\"example\")"), "{example}");
    assert!(code.contains("`AccountSid` is filled by the client from its configuration"));
    assert!(code.contains("`AccountSid` (path parameter): filled by the client"));
    assert!(!code.contains("`AccountSid` (path parameter, required)."));
    // The base URL rule, with this server's prefix.
    assert!(code.contains("replaces the whole server URL `https://api.example.com/v2`"));
    assert!(code.contains("(`http://127.0.0.1:8080/v2`)"));
}
