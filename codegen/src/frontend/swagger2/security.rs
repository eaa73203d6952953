//! Security Definitions into Security Schemes: `basic` -> `http` with scheme `basic`; `apiKey`
//! as it is; `oauth2` with its `flow` (`implicit`, `password`, `application` ->
//! `clientCredentials`, `accessCode` -> `authorizationCode`) as one entry of `flows`.
//! Descriptions and extensions are kept; anything else is warned about and left out.

use serde_json::{Map, Value};

use super::context::{Ctx, child, copy_extensions};

/// The OpenAPI 3 form of the security definition `d` at `at`; `None` (with a warning) when it
/// cannot be converted.
pub(super) fn scheme(cx: &mut Ctx, d: &Value, at: &str) -> Option<Value> {
    let Value::Object(d) = d else {
        cx.warn(
            "swagger2.wrong-type",
            at,
            "a security definition must be a mapping; left out",
        );
        return None;
    };
    let mut out = Map::new();
    match d.get("type").and_then(Value::as_str) {
        Some("basic") => {
            out.insert("type".into(), "http".into());
            out.insert("scheme".into(), "basic".into());
        }
        Some("apiKey") => {
            out.insert("type".into(), "apiKey".into());
            for k in ["name", "in"] {
                if let Some(v) = d.get(k) {
                    out.insert(k.into(), v.clone());
                }
            }
        }
        Some("oauth2") => {
            let flow = d.get("flow").and_then(Value::as_str).unwrap_or("");
            let (name, keys): (&str, &[&str]) = match flow {
                "implicit" => ("implicit", &["authorizationUrl"]),
                "password" => ("password", &["tokenUrl"]),
                "application" => ("clientCredentials", &["tokenUrl"]),
                "accessCode" => ("authorizationCode", &["authorizationUrl", "tokenUrl"]),
                other => {
                    cx.warn(
                        "swagger2.oauth2-flow",
                        &child(at, "flow"),
                        format!(
                            "oauth2 flow `{other}`; expected implicit, password, application \
                             or accessCode: left out"
                        ),
                    );
                    return None;
                }
            };
            let mut f = Map::new();
            for k in keys {
                if let Some(v) = d.get(*k) {
                    f.insert((*k).into(), v.clone());
                }
            }
            let scopes = d
                .get("scopes")
                .cloned()
                .unwrap_or_else(|| Value::Object(Map::new()));
            f.insert("scopes".into(), scopes);
            let mut flows = Map::new();
            flows.insert(name.into(), Value::Object(f));
            out.insert("type".into(), "oauth2".into());
            out.insert("flows".into(), Value::Object(flows));
        }
        other => {
            cx.warn(
                "swagger2.security-type",
                &child(at, "type"),
                format!("security type {other:?}; expected basic, apiKey or oauth2: left out"),
            );
            return None;
        }
    }
    if let Some(desc) = d.get("description") {
        out.insert("description".into(), desc.clone());
    }
    copy_extensions(d, &mut out);
    Some(Value::Object(out))
}
