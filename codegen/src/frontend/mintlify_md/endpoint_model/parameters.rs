//! `request.parameters.{path,query,header,cookie}.NAME.schema[…]` as parameter objects.

use serde_json::{Map, Value, json};

use super::model::VariantB;

impl VariantB<'_> {
    /// `request.parameters` by location and name as parameter objects.
    pub(super) fn parameters(&mut self, params: Value, op_ptr: &str) -> Vec<Value> {
        let mut list = Vec::new();
        let Value::Object(by_loc) = params else {
            return list;
        };
        for (loc, named) in by_loc {
            if !matches!(loc.as_str(), "path" | "query" | "header" | "cookie") {
                self.warn(
                    "mintlify_md.unknown-key",
                    format!("unknown parameter location `{loc}`: ignored"),
                    "/paths/request/parameters",
                    op_ptr,
                );
                continue;
            }
            let Value::Object(named) = named else {
                continue;
            };
            for (name, def) in named {
                let out = format!("{op_ptr}/parameters/{}", list.len());
                let src = format!("/paths/request/parameters/{loc}");
                let entries = match def {
                    Value::Object(mut d) => match d.remove("schema") {
                        Some(Value::Array(a)) => a,
                        Some(Value::Object(o)) => vec![Value::Object(o)],
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                let mut p = Map::new();
                p.insert("name".into(), json!(name));
                p.insert("in".into(), json!(loc));
                let first = entries.first().and_then(Value::as_object);
                let required = first.and_then(|f| f.get("required")).and_then(|r| match r {
                    Value::Bool(b) => Some(*b),
                    Value::String(s) => Some(s == "true"),
                    _ => None,
                });
                if let Some(d) = first.and_then(|f| f.get("description")) {
                    p.insert("description".into(), d.clone());
                }
                if loc == "path" {
                    if required != Some(true) {
                        self.warn(
                            "mintlify_md.path-param-required",
                            format!(
                                "path parameter `{name}` is not marked required; path \
                                 parameters always are"
                            ),
                            &src,
                            &out,
                        );
                    }
                    p.insert("required".into(), json!(true));
                } else if required == Some(true) {
                    p.insert("required".into(), json!(true));
                }
                if let Some(Value::Bool(true)) = first.and_then(|f| f.get("deprecated")) {
                    p.insert("deprecated".into(), json!(true));
                }
                if entries.is_empty() {
                    self.warn(
                        "mintlify_md.parameter-schema-missing",
                        format!("parameter `{name}` has no schema; any value is accepted"),
                        &src,
                        &out,
                    );
                }
                let mut schemas: Vec<Value> = Vec::new();
                for (k, e) in entries.into_iter().enumerate() {
                    let mut e = e;
                    if let Value::Object(m) = &mut e {
                        for key in ["required", "description", "deprecated"] {
                            m.remove(key);
                        }
                    }
                    let s = self.schema(e, &src, &format!("{out}/schema/oneOf/{k}"), 0);
                    schemas.push(s);
                }
                let schema = match schemas.len() {
                    0 => json!({}),
                    1 => schemas.pop().unwrap_or_else(|| json!({})),
                    _ => json!({ "oneOf": schemas }),
                };
                p.insert("schema".into(), schema);
                list.push(Value::Object(p));
            }
        }
        list
    }
}
