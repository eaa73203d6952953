//! One Mintlify data schema (and the OpenAPI schemas below it) as an OpenAPI schema:
//! `allOf` wrappers, `type: any|file|enum<T>`, `requiredProperties`, `refIdentifier`.

use serde_json::{Map, Value, json};

use super::model::{MAX_DEPTH, VariantB};
use crate::diag::pointer_token;

impl VariantB<'_> {
    /// Maps one Mintlify data schema (and the OpenAPI schemas below it) to an OpenAPI schema.
    pub(super) fn schema(&mut self, v: Value, src: &str, out: &str, depth: usize) -> Value {
        let Value::Object(mut m) = v else {
            return v;
        };
        if depth > MAX_DEPTH {
            self.warn(
                "mintlify_md.schema-too-deep",
                format!("schema nesting deeper than {MAX_DEPTH} levels is kept unmapped"),
                src,
                out,
            );
            return Value::Object(m);
        }
        // `{allOf: [S]}` wrappers → S
        if m.len() == 1 && matches!(m.get("allOf"), Some(Value::Array(a)) if a.len() == 1) {
            if let Some(Value::Array(mut a)) = m.remove("allOf") {
                if let Some(inner) = a.pop() {
                    return self.schema(inner, src, out, depth + 1);
                }
            }
        }
        if let Some(Value::String(t)) = m.get("type").cloned() {
            if t == "any" {
                m.remove("type");
            } else if t == "file" {
                m.insert("type".into(), json!("string"));
                m.entry("format").or_insert(json!("binary"));
            } else if let Some(inner) = t.strip_prefix("enum<").and_then(|r| r.strip_suffix('>')) {
                m.insert("type".into(), json!(inner));
            }
        }
        if let Some(rp) = m.remove("requiredProperties") {
            if rp
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string))
            {
                if !matches!(m.get("required"), Some(Value::Array(_))) {
                    m.insert("required".into(), rp);
                }
            } else {
                self.warn(
                    "mintlify_md.invalid-required",
                    "`requiredProperties` is not a list of names: ignored".into(),
                    src,
                    out,
                );
            }
        }
        if let Some(r) = m.get("required") {
            if !r.is_array() {
                let msg = format!("schema keyword `required: {r}` is not a list of names: dropped");
                m.remove("required");
                self.warn("mintlify_md.invalid-required", msg, src, out);
            }
        }
        let ref_id = m.remove("refIdentifier");
        for key in ["properties", "patternProperties"] {
            if let Some(Value::Object(props)) = m.remove(key) {
                let mut mapped = Map::new();
                for (name, s) in props {
                    let o = format!("{out}/{key}/{}", pointer_token(&name));
                    let s = self.schema(s, src, &o, depth + 1);
                    mapped.insert(name, s);
                }
                m.insert(key.into(), Value::Object(mapped));
            }
        }
        for key in ["items", "additionalProperties", "not", "contains"] {
            if let Some(s) = m.remove(key) {
                let s = match s {
                    Value::Array(a) => Value::Array(
                        a.into_iter()
                            .enumerate()
                            .map(|(i, x)| {
                                self.schema(x, src, &format!("{out}/{key}/{i}"), depth + 1)
                            })
                            .collect(),
                    ),
                    other => self.schema(other, src, &format!("{out}/{key}"), depth + 1),
                };
                m.insert(key.into(), s);
            }
        }
        for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            if let Some(Value::Array(a)) = m.remove(key) {
                let a = a
                    .into_iter()
                    .enumerate()
                    .map(|(i, x)| self.schema(x, src, &format!("{out}/{key}/{i}"), depth + 1))
                    .collect();
                m.insert(key.into(), Value::Array(a));
            }
        }
        match ref_id {
            Some(Value::String(r)) => {
                let name = r.strip_prefix("#/components/schemas/").unwrap_or("");
                if name.is_empty() || name.contains('/') {
                    self.warn(
                        "mintlify_md.ref-identifier",
                        format!(
                            "`refIdentifier: {r}` does not name a `#/components/schemas/` entry: \
                             the schema stays inline"
                        ),
                        src,
                        out,
                    );
                    return Value::Object(m);
                }
                let schema = Value::Object(m);
                match self.schemas.get(name) {
                    Some(existing) if *existing != schema => self.warn(
                        "mintlify_md.component-conflict",
                        format!(
                            "schema `{name}` appears twice with different content; the first \
                             one is kept"
                        ),
                        src,
                        out,
                    ),
                    Some(_) => {}
                    None => {
                        self.schemas.insert(name.to_string(), schema);
                    }
                }
                json!({ "$ref": format!("#/components/schemas/{name}") })
            }
            _ => Value::Object(m),
        }
    }
}
