//! Request bodies: a 2.0 `in: body` parameter, or the `in: formData` parameters of an
//! operation, become one OpenAPI 3 `requestBody`.
//!
//! * `body`: its `schema`, `description` and `required`, under every media type the operation
//!   `consumes` (default `application/json`).
//! * `formData`: an object schema with one property per parameter (their `required` gathered),
//!   sent as `multipart/form-data` when the operation consumes only that or a parameter is
//!   `type: file`, else as `application/x-www-form-urlencoded`. Array parameters carry their
//!   `collectionFormat` as an `encoding` entry.

use serde_json::{Map, Value};

use super::context::{Ctx, child, copy_extensions};
use super::parameters::{simple_schema, style};
use super::schemas::schema;

/// A parameter (already resolved if it was a `$ref`) and where it was written.
pub(super) type Located<'v> = (&'v Map<String, Value>, String);

/// The media types of a body when `consumes` (operation's, else global) says nothing.
const DEFAULT_TYPE: &str = "application/json";

/// The `requestBody` of an operation at `at` from its `body` parameter or its `formData`
/// parameters; `None` when it has neither.
pub(super) fn request_body(
    cx: &mut Ctx,
    body: Option<Located>,
    form: &[Located],
    consumes: &[String],
    at: &str,
) -> Option<Value> {
    if let Some((b, b_at)) = body {
        if !form.is_empty() {
            cx.warn(
                "swagger2.body-and-form",
                at,
                "an operation has both a `body` and `formData` parameters, which Swagger 2.0 \
                 forbids; the body is kept, the form parameters are left out",
            );
        }
        return Some(from_body(cx, b, &b_at, consumes));
    }
    if form.is_empty() {
        return None;
    }
    Some(from_form(cx, form, consumes))
}

fn from_body(cx: &mut Ctx, b: &Map<String, Value>, at: &str, consumes: &[String]) -> Value {
    let s = match b.get("schema") {
        Some(s) => schema(cx, s, &child(at, "schema")),
        None => {
            cx.warn(
                "swagger2.body-without-schema",
                at,
                "a body parameter without `schema`; expected one: the body is untyped",
            );
            Value::Object(Map::new())
        }
    };
    let mut content = Map::new();
    let types: Vec<&str> = if consumes.is_empty() {
        vec![DEFAULT_TYPE]
    } else {
        consumes.iter().map(String::as_str).collect()
    };
    for ct in types {
        let mut media = Map::new();
        media.insert("schema".into(), s.clone());
        content.insert(ct.to_string(), Value::Object(media));
    }
    let mut out = Map::new();
    if let Some(d) = b.get("description") {
        out.insert("description".into(), d.clone());
    }
    out.insert("content".into(), Value::Object(content));
    if let Some(r) = b.get("required") {
        out.insert("required".into(), r.clone());
    }
    copy_extensions(b, &mut out);
    Value::Object(out)
}

fn from_form(cx: &mut Ctx, form: &[Located], consumes: &[String]) -> Value {
    const URLENCODED: &str = "application/x-www-form-urlencoded";
    const MULTIPART: &str = "multipart/form-data";
    let has_file = form
        .iter()
        .any(|(p, _)| p.get("type").and_then(Value::as_str) == Some("file"));
    let says = |t: &str| consumes.iter().any(|c| c.eq_ignore_ascii_case(t));
    let ct = if has_file || (says(MULTIPART) && !says(URLENCODED)) {
        MULTIPART
    } else {
        URLENCODED
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut encoding = Map::new();
    for (p, at) in form {
        let Some(name) = p.get("name").and_then(Value::as_str) else {
            cx.warn(
                "swagger2.parameter-without-name",
                at,
                "a formData parameter without `name`; left out",
            );
            continue;
        };
        let mut s = match simple_schema(cx, p, at) {
            Value::Object(s) => s,
            _ => Map::new(),
        };
        if let Some(d) = p.get("description") {
            s.insert("description".into(), d.clone());
        }
        copy_extensions(p, &mut s);
        s.remove("x-nullable");
        if p.get("type").and_then(Value::as_str) == Some("array") {
            let format = p.get("collectionFormat").and_then(Value::as_str);
            let st = style(cx, "formData", format, at);
            if !st.explode {
                cx.warn(
                    "swagger2.form-array-delimited",
                    &child(at, "collectionFormat"),
                    format!(
                        "form field `{name}` is an array joined into one value ({}); the \
                         generated client sends form arrays as repeated fields (`multi`)",
                        format.unwrap_or("csv")
                    ),
                );
            }
            let mut e = Map::new();
            e.insert("style".into(), st.style.into());
            e.insert("explode".into(), Value::Bool(st.explode));
            encoding.insert(name.to_string(), Value::Object(e));
        }
        if p.get("required") == Some(&Value::Bool(true)) {
            required.push(Value::String(name.to_string()));
        }
        properties.insert(name.to_string(), Value::Object(s));
    }
    let mut object = Map::new();
    object.insert("type".into(), "object".into());
    object.insert("properties".into(), Value::Object(properties));
    let any_required = !required.is_empty();
    if any_required {
        object.insert("required".into(), Value::Array(required));
    }
    let mut media = Map::new();
    media.insert("schema".into(), Value::Object(object));
    if !encoding.is_empty() {
        media.insert("encoding".into(), Value::Object(encoding));
    }
    let mut content = Map::new();
    content.insert(ct.to_string(), Value::Object(media));
    let mut out = Map::new();
    out.insert("content".into(), Value::Object(content));
    if any_required {
        out.insert("required".into(), Value::Bool(true));
    }
    Value::Object(out)
}
