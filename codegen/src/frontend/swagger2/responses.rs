//! Response Objects: a 2.0 response's `schema` goes under every media type the operation
//! `produces` (default `application/json`); `examples` (keyed by media type) become each media
//! type's `example`; `headers` get their type under `schema`; `$ref`s to `#/responses/…` move
//! to `#/components/responses/…`; extensions are kept.

use serde_json::{Map, Value};

use super::context::{Ctx, child, copy_extensions};
use super::parameters::header;
use super::schemas::schema;

/// The media type of a response when `produces` (operation's, else global) says nothing.
const DEFAULT_TYPE: &str = "application/json";

/// The OpenAPI 3 form of the response `r` found at `at`.
pub(super) fn response(cx: &mut Ctx, r: &Value, produces: &[String], at: &str) -> Value {
    let Value::Object(r) = r else {
        cx.warn(
            "swagger2.wrong-type",
            at,
            "a response must be a mapping; left as written",
        );
        return r.clone();
    };
    if let Some(Value::String(raw)) = r.get("$ref") {
        let mut out = Map::new();
        out.insert(
            "$ref".into(),
            Value::String(cx.reference(raw, &child(at, "$ref"))),
        );
        return Value::Object(out);
    }
    let mut out = Map::new();
    // `description` is required in both versions; an empty one keeps the document valid.
    let description = r.get("description").cloned().unwrap_or_else(|| "".into());
    out.insert("description".into(), description);
    if let Some(Value::Object(headers)) = r.get("headers") {
        let h_at = child(at, "headers");
        let mut m = Map::new();
        for (name, h) in headers {
            m.insert(name.clone(), header(cx, h, &child(&h_at, name)));
        }
        out.insert("headers".into(), Value::Object(m));
    }
    let types: Vec<String> = if produces.is_empty() {
        vec![DEFAULT_TYPE.to_string()]
    } else {
        produces.to_vec()
    };
    let mut content = Map::new();
    if let Some(s) = r.get("schema") {
        let s = schema(cx, s, &child(at, "schema"));
        for ct in &types {
            let mut media = Map::new();
            media.insert("schema".into(), s.clone());
            content.insert(ct.clone(), Value::Object(media));
        }
    }
    if let Some(Value::Object(examples)) = r.get("examples") {
        for (ct, example) in examples {
            let media = content
                .entry(ct.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(media) = media {
                media.insert("example".into(), example.clone());
            }
        }
    }
    if !content.is_empty() {
        out.insert("content".into(), Value::Object(content));
    }
    copy_extensions(r, &mut out);
    for k in r.keys() {
        if !k.starts_with("x-")
            && !matches!(
                k.as_str(),
                "description" | "schema" | "headers" | "examples"
            )
        {
            cx.warn(
                "swagger2.unknown-key",
                &child(at, k),
                format!("`{k}` is not a Swagger 2.0 response field; left out"),
            );
        }
    }
    Value::Object(out)
}
