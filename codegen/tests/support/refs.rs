//! Local `$ref`s inlined, for the tests that compare a page with the spec it was rendered
//! from (included with `#[path]`).

use serde_json::{Value, json};

/// Replaces every local `$ref` by its target (as Microsoft.OpenApi's `InlineLocalReferences`
/// does), keeping the `$ref` where a cycle closes.
pub fn inline(v: &Value, root: &Value, seen: &mut Vec<String>) -> Value {
    match v {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                if seen.iter().any(|s| s == r) {
                    return json!({"$ref": r});
                }
                let Some(target) = r.strip_prefix('#').and_then(|p| root.pointer(p)) else {
                    return v.clone();
                };
                seen.push(r.to_string());
                let out = inline(target, root, seen);
                seen.pop();
                return out;
            }
            Value::Object(
                m.iter()
                    .map(|(k, v)| (k.clone(), inline(v, root, seen)))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(|v| inline(v, root, seen)).collect()),
        other => other.clone(),
    }
}
