//! Request body and responses by media type (`schemaArray`, `_mintlify/placeholder`) and their
//! examples, without the generated ones holding `<string>`-style placeholders.

use serde_json::{Map, Value, json};

use super::model::{MAX_DEPTH, VariantB};
use crate::diag::pointer_token;

impl VariantB<'_> {
    /// `schemaArray` → one schema (several → `oneOf`); `None` when empty.
    fn schema_array(&mut self, arr: Value, src: &str, out: &str) -> Option<Value> {
        let items = match arr {
            Value::Array(a) => a,
            Value::Object(o) => vec![Value::Object(o)],
            _ => return None,
        };
        let n = items.len();
        let mut schemas: Vec<Value> = items
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let o = if n > 1 {
                    format!("{out}/oneOf/{i}")
                } else {
                    out.to_string()
                };
                self.schema(s, src, &o, 0)
            })
            .collect();
        match n {
            0 => None,
            1 => schemas.pop(),
            _ => Some(json!({ "oneOf": schemas })),
        }
    }

    /// `request.body` by media type as a request body object.
    pub(super) fn body(&mut self, body: Value, out: &str) -> Option<Value> {
        let Value::Object(by_type) = body else {
            return None;
        };
        if by_type.is_empty() {
            return None;
        }
        let src = "/paths/request/body";
        let mut content = Map::new();
        let mut required = false;
        let mut description = None;
        for (mt, entry) in by_type {
            let Value::Object(mut entry) = entry else {
                continue;
            };
            let mout = format!("{out}/content/{}", pointer_token(&mt));
            let mut media = Map::new();
            if let Some(Value::Array(mut arr)) = entry.remove("schemaArray") {
                for s in arr.iter_mut() {
                    if let Value::Object(m) = s {
                        if let Some(Value::Bool(true)) = m.get("required") {
                            required = true;
                            m.remove("required");
                        }
                    }
                }
                if let Some(s) =
                    self.schema_array(Value::Array(arr), src, &format!("{mout}/schema"))
                {
                    media.insert("schema".into(), s);
                }
            }
            if let Some(ex) = self.examples(entry.remove("examples"), src, &mout) {
                media.insert("examples".into(), ex);
            }
            if let Some(Value::String(d)) = entry.remove("description") {
                description.get_or_insert(d);
            }
            content.insert(mt, Value::Object(media));
        }
        let mut rb = Map::new();
        if let Some(d) = description {
            rb.insert("description".into(), json!(d));
        }
        rb.insert("content".into(), Value::Object(content));
        if required {
            rb.insert("required".into(), json!(true));
        }
        Some(Value::Object(rb))
    }

    /// `response` by code and media type as response objects.
    pub(super) fn responses(&mut self, resp: Value, out: &str) -> Map<String, Value> {
        let mut responses = Map::new();
        let Value::Object(by_code) = resp else {
            return responses;
        };
        for (code, entry) in by_code {
            let src = format!("/paths/response/{}", pointer_token(&code));
            let rout = format!("{out}/{}", pointer_token(&code));
            let mut r = Map::new();
            let mut content = Map::new();
            let mut description: Option<Value> = None;
            if let Value::Object(by_type) = entry {
                for (mt, e) in by_type {
                    let Value::Object(mut e) = e else {
                        continue;
                    };
                    if let Some(d) = e.remove("description") {
                        description.get_or_insert(d);
                    }
                    if mt == "_mintlify/placeholder" {
                        if description.is_none() {
                            if let Some(d) = e
                                .get("schemaArray")
                                .and_then(|a| a.get(0))
                                .and_then(|s| s.get("description"))
                            {
                                description = Some(d.clone());
                            }
                        }
                        continue;
                    }
                    let mout = format!("{rout}/content/{}", pointer_token(&mt));
                    let mut media = Map::new();
                    if let Some(arr) = e.remove("schemaArray") {
                        if let Some(s) = self.schema_array(arr, &src, &format!("{mout}/schema")) {
                            media.insert("schema".into(), s);
                        }
                    }
                    if let Some(ex) = self.examples(e.remove("examples"), &src, &mout) {
                        media.insert("examples".into(), ex);
                    }
                    content.insert(mt, Value::Object(media));
                }
            }
            if let Some(d) = description {
                r.insert("description".into(), d);
            }
            if !content.is_empty() {
                r.insert("content".into(), Value::Object(content));
            }
            responses.insert(code, Value::Object(r));
        }
        responses
    }

    /// Media-type `examples`, without generated ones holding `<string>`-style placeholders.
    fn examples(&mut self, ex: Option<Value>, src: &str, out: &str) -> Option<Value> {
        let Some(Value::Object(ex)) = ex else {
            return None;
        };
        let mut kept = Map::new();
        for (name, e) in ex {
            let value = e.get("value").unwrap_or(&e);
            if has_placeholder(value, 0) {
                self.warn(
                    "mintlify_md.placeholder-example",
                    format!(
                        "example `{name}` was generated by Mintlify (it holds placeholders such \
                         as `<string>`): dropped"
                    ),
                    src,
                    &format!("{out}/examples/{}", pointer_token(&name)),
                );
                continue;
            }
            kept.insert(name, e);
        }
        (!kept.is_empty()).then_some(Value::Object(kept))
    }
}

/// True for a Mintlify placeholder such as `<string>`, `<integer>` or `<any>`.
fn is_placeholder(s: &str) -> bool {
    s.len() > 2
        && s.starts_with('<')
        && s.ends_with('>')
        && s[1..s.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '|' | ',' | ' '))
}

/// True when a value holds a placeholder anywhere.
fn has_placeholder(v: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match v {
        Value::String(s) => is_placeholder(s),
        Value::Array(a) => a.iter().any(|x| has_placeholder(x, depth + 1)),
        Value::Object(o) => o.values().any(|x| has_placeholder(x, depth + 1)),
        _ => false,
    }
}
