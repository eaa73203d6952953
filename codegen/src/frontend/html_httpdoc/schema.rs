//! The request body schema of a page (`<pre class="schema">`): Microsoft.OpenApi's OpenAPI 3.0
//! serialisation with local `$ref`s inlined. Converted here to OpenAPI 3.1 (JSON Schema 2020-12).

use serde_json::{Map, Value, json};

use crate::diag::{Diagnostic, pointer_token};

/// Keys whose value is one schema.
const ONE: [&str; 6] = [
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
];
/// Keys whose value is a list of schemas.
const LIST: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keys whose value maps names to schemas.
const MAP: [&str; 3] = ["properties", "patternProperties", "$defs"];

/// Maximum nesting followed; Microsoft.OpenApi cuts reference cycles, so real schemas are far
/// shallower, and the bound keeps hostile input from exhausting the stack.
const MAX_DEPTH: usize = 128;

/// Converts an OpenAPI 3.0 schema to 3.1 in place: `nullable` becomes a `"null"` type (or a
/// `{"type": "null"}` branch of `oneOf`/`anyOf`), boolean `exclusiveMinimum`/`exclusiveMaximum`
/// become numbers. Left-over `$ref`s (the inliner stops at cycles) cannot resolve in a one-page
/// document; they are replaced by an untyped schema keeping the name as `title` and the reference
/// as `x-cpaas-unresolved-ref`, with a warning.
pub(crate) fn to_31(schema: &mut Value, pointer: &str, diags: &mut Vec<Diagnostic>) {
    convert(schema, pointer, diags, 0);
}

fn convert(schema: &mut Value, pointer: &str, diags: &mut Vec<Diagnostic>, depth: usize) {
    let Value::Object(obj) = schema else { return };
    if depth > MAX_DEPTH {
        diags.push(
            Diagnostic::warning(
                "html_httpdoc.schema-too-deep",
                format!(
                    "schema nested deeper than {MAX_DEPTH} levels; deeper levels left as written"
                ),
            )
            .pointer(pointer),
        );
        return;
    }
    if let Some(Value::String(r)) = obj.get("$ref").cloned() {
        let name = r.rsplit('/').next().unwrap_or(&r).to_string();
        diags.push(
            Diagnostic::warning(
                "html_httpdoc.unresolved-ref",
                format!(
                    "the body schema refers to `{r}`, which the page does not carry (httpdoc \
                     inlines references except cycles); left untyped"
                ),
            )
            .pointer(pointer),
        );
        obj.remove("$ref");
        obj.entry("title").or_insert(Value::String(name));
        obj.insert("x-cpaas-unresolved-ref".into(), Value::String(r));
    }
    for key in ONE {
        if let Some(v) = obj.get_mut(key) {
            let p = format!("{pointer}/{key}");
            convert(v, &p, diags, depth + 1);
        }
    }
    for key in LIST {
        if let Some(Value::Array(items)) = obj.get_mut(key) {
            for (i, v) in items.iter_mut().enumerate() {
                let p = format!("{pointer}/{key}/{i}");
                convert(v, &p, diags, depth + 1);
            }
        }
    }
    for key in MAP {
        if let Some(Value::Object(m)) = obj.get_mut(key) {
            for (name, v) in m.iter_mut() {
                let p = format!("{pointer}/{key}/{}", pointer_token(name));
                convert(v, &p, diags, depth + 1);
            }
        }
    }
    exclusive_bound(obj, "exclusiveMinimum", "minimum");
    exclusive_bound(obj, "exclusiveMaximum", "maximum");
    if let Some(nullable) = obj.remove("nullable") {
        if nullable == Value::Bool(true) {
            make_nullable(obj);
        }
    }
}

/// 3.0 `exclusiveMinimum: true` + `minimum: n` -> 3.1 `exclusiveMinimum: n`.
fn exclusive_bound(obj: &mut Map<String, Value>, exclusive: &str, inclusive: &str) {
    match obj.get(exclusive) {
        Some(Value::Bool(true)) => {
            if let Some(n) = obj.remove(inclusive) {
                obj.insert(exclusive.to_string(), n);
            } else {
                obj.remove(exclusive);
            }
        }
        Some(Value::Bool(false)) => {
            obj.remove(exclusive);
        }
        _ => {}
    }
}

fn make_nullable(obj: &mut Map<String, Value>) {
    let null = Value::String("null".into());
    match obj.get_mut("type") {
        Some(Value::String(t)) => {
            if t != "null" {
                let t = std::mem::take(t);
                obj.insert("type".into(), json!([t, "null"]));
            }
        }
        Some(Value::Array(ts)) => {
            if !ts.contains(&null) {
                ts.push(null);
            }
        }
        _ => {
            for key in ["oneOf", "anyOf"] {
                if let Some(Value::Array(branches)) = obj.get_mut(key) {
                    let null_branch = json!({"type": "null"});
                    if !branches.contains(&null_branch) {
                        branches.push(null_branch);
                    }
                    return;
                }
            }
            // No type and no alternatives: the schema already accepts null.
            return;
        }
    }
    if let Some(Value::Array(values)) = obj.get_mut("enum") {
        if !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(v: Value) -> (Value, Vec<Diagnostic>) {
        let mut v = v;
        let mut d = Vec::new();
        to_31(&mut v, "/s", &mut d);
        (v, d)
    }

    #[test]
    fn nullable_becomes_type_array_everywhere() {
        let (v, d) = conv(json!({
            "type": "object",
            "properties": {
                "a": {"type": "string", "nullable": true, "enum": ["x"]},
                "b": {"type": "array", "items": {"type": "integer", "nullable": true}},
                "c": {"nullable": true, "oneOf": [{"type": "string"}]},
                "d": {"nullable": false, "type": "boolean"},
                "e": {"nullable": true, "description": "any"}
            }
        }));
        assert!(d.is_empty());
        let p = &v["properties"];
        assert_eq!(
            p["a"],
            json!({"type": ["string", "null"], "enum": ["x", null]})
        );
        assert_eq!(p["b"]["items"], json!({"type": ["integer", "null"]}));
        assert_eq!(p["c"]["oneOf"][1], json!({"type": "null"}));
        assert_eq!(p["d"], json!({"type": "boolean"}));
        assert_eq!(p["e"], json!({"description": "any"}));
    }

    #[test]
    fn exclusive_bounds_and_refs() {
        let (v, d) = conv(json!({
            "type": "number", "minimum": 1, "exclusiveMinimum": true,
            "maximum": 9, "exclusiveMaximum": false,
            "allOf": [{"$ref": "#/components/schemas/Node"}]
        }));
        assert_eq!(v["exclusiveMinimum"], json!(1));
        assert!(v.get("minimum").is_none());
        assert_eq!(v["maximum"], json!(9));
        assert!(v.get("exclusiveMaximum").is_none());
        assert_eq!(
            v["allOf"][0],
            json!({"title": "Node", "x-cpaas-unresolved-ref": "#/components/schemas/Node"})
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "html_httpdoc.unresolved-ref");
        assert_eq!(d[0].pointer.as_deref(), Some("/s/allOf/0"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut v = json!({"type": "string"});
        for _ in 0..300 {
            v = json!({"type": "array", "items": v});
        }
        let (_, d) = conv(v);
        assert_eq!(d[0].code, "html_httpdoc.schema-too-deep");
    }
}
