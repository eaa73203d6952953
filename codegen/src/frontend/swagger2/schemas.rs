//! Schema Objects: Swagger 2.0's JSON Schema subset into OpenAPI 3.0's.
//!
//! * `$ref`s move with their sections ([`Ctx::reference`]);
//! * `x-nullable: true` becomes `nullable: true` (other extensions are kept);
//! * `type: file` becomes `{type: string, format: binary}`;
//! * a `discriminator` naming a property becomes `{propertyName: …}`;
//! * sub-schemas (`properties`, `items`, `allOf`, `additionalProperties`, …) are converted the
//!   same way; literal data (`example`, `default`, `enum`) is left as written.

use serde_json::{Map, Value};

use super::context::{Ctx, child};

/// The OpenAPI 3.0 form of the schema `v`, found at `at` of the 2.0 document.
pub(super) fn schema(cx: &mut Ctx, v: &Value, at: &str) -> Value {
    let Value::Object(o) = v else {
        return v.clone();
    };
    let file = o.get("type").and_then(Value::as_str) == Some("file");
    let mut out = Map::new();
    for (k, val) in o {
        let here = child(at, k);
        match (k.as_str(), val) {
            ("$ref", Value::String(raw)) => {
                out.insert(k.clone(), Value::String(cx.reference(raw, &here)));
            }
            ("x-nullable", Value::Bool(b)) => {
                out.insert("nullable".into(), Value::Bool(*b));
            }
            ("type", _) if file => {
                out.insert("type".into(), "string".into());
                out.insert("format".into(), "binary".into());
            }
            ("format", _) if file => {}
            ("discriminator", Value::String(name)) => {
                let mut d = Map::new();
                d.insert("propertyName".into(), Value::String(name.clone()));
                out.insert(k.clone(), Value::Object(d));
            }
            ("properties" | "patternProperties" | "definitions", Value::Object(props)) => {
                let mut m = Map::new();
                for (name, s) in props {
                    m.insert(name.clone(), schema(cx, s, &child(&here, name)));
                }
                out.insert(k.clone(), Value::Object(m));
            }
            ("allOf" | "anyOf" | "oneOf", Value::Array(list)) => {
                let items = list
                    .iter()
                    .enumerate()
                    .map(|(i, s)| schema(cx, s, &child(&here, &i.to_string())))
                    .collect();
                out.insert(k.clone(), Value::Array(items));
            }
            ("items", Value::Array(list)) => {
                // A tuple (JSON Schema draft 4); OpenAPI 3.0 has none: the first item stands.
                cx.warn(
                    "swagger2.tuple-items",
                    &here,
                    "`items` is a list (a tuple); expected one schema: the first one is used",
                );
                if let Some(first) = list.first() {
                    out.insert(k.clone(), schema(cx, first, &child(&here, "0")));
                }
            }
            ("items" | "additionalProperties" | "not", Value::Object(_)) => {
                out.insert(k.clone(), schema(cx, val, &here));
            }
            _ => {
                out.insert(k.clone(), val.clone());
            }
        }
    }
    Value::Object(out)
}
