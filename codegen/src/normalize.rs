//! Normalises a recovered document to OpenAPI 3.1 for export: 3.0 `nullable` becomes a type
//! array with `"null"` (or an `anyOf` with a null branch beside `$ref`), boolean
//! `exclusiveMinimum`/`exclusiveMaximum` become numeric bounds, and `openapi` says `3.1.0`.
//! Lowering reads both dialects itself; this is what `cpaas spec export` prints.

use serde_json::{Map, Value};

/// Rewrites `doc` in place into OpenAPI 3.1 form.
pub fn to_openapi_31(doc: &mut Value) {
    let was_30 = doc
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.0"));
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("openapi".into(), Value::String("3.1.0".into()));
    }
    if was_30 {
        walk(doc, 0);
    }
}

fn walk(v: &mut Value, depth: usize) {
    if depth > 512 {
        return;
    }
    match v {
        Value::Object(map) => {
            fix_schema(map);
            for (k, child) in map.iter_mut() {
                // `example`/`examples`/`default`/`enum`/`const` values are data, not schemas.
                if !matches!(
                    k.as_str(),
                    "example" | "examples" | "default" | "enum" | "const"
                ) {
                    walk(child, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for i in items {
                walk(i, depth + 1);
            }
        }
        _ => {}
    }
}

fn fix_schema(map: &mut Map<String, Value>) {
    if map.get("nullable") == Some(&Value::Bool(true)) {
        map.remove("nullable");
        match map.get_mut("type") {
            Some(Value::String(t)) => {
                let t = std::mem::take(t);
                map.insert(
                    "type".into(),
                    Value::Array(vec![Value::String(t), "null".into()]),
                );
            }
            Some(Value::Array(a)) if !a.iter().any(|t| t == "null") => a.push("null".into()),
            Some(_) => {}
            None => {
                let inner: Map<String, Value> = std::mem::take(map);
                map.insert(
                    "anyOf".into(),
                    Value::Array(vec![
                        Value::Object(inner),
                        serde_json::json!({"type": "null"}),
                    ]),
                );
            }
        }
        if let Some(Value::Array(e)) = map.get_mut("enum") {
            if !e.contains(&Value::Null) {
                e.push(Value::Null);
            }
        }
    } else if map.get("nullable") == Some(&Value::Bool(false)) {
        map.remove("nullable");
    }
    for (flag, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Bool(b)) = map.get(flag).cloned() {
            map.remove(flag);
            if b {
                if let Some(n) = map.remove(bound) {
                    map.insert(flag.into(), n);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nullable_and_bounds_become_31() {
        let mut d = json!({"openapi": "3.0.1", "components": {"schemas": {
            "A": {"type": "string", "nullable": true, "enum": ["x"]},
            "B": {"$ref": "#/components/schemas/A", "nullable": true},
            "C": {"type": "integer", "minimum": 1, "exclusiveMinimum": true, "example": {"nullable": true}}
        }}});
        to_openapi_31(&mut d);
        assert_eq!(d["openapi"], "3.1.0");
        let s = &d["components"]["schemas"];
        assert_eq!(
            s["A"],
            json!({"type": ["string", "null"], "enum": ["x", null]})
        );
        assert_eq!(
            s["B"],
            json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]})
        );
        assert_eq!(
            s["C"],
            json!({"type": "integer", "exclusiveMinimum": 1, "example": {"nullable": true}})
        );
    }

    #[test]
    fn documents_already_31_are_untouched_but_the_version() {
        let mut d = json!({"openapi": "3.1.0", "x": {"nullable": true}});
        to_openapi_31(&mut d);
        assert_eq!(d, json!({"openapi": "3.1.0", "x": {"nullable": true}}));
    }
}
