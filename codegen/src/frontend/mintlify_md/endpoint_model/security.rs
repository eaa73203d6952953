//! `request.security`: security requirements and the `components.securitySchemes` they name.

use serde_json::{Map, Value, json};

use super::model::VariantB;

impl VariantB<'_> {
    /// `request.security`: one entry per alternative; its parameters are the schemes it needs.
    pub(super) fn security(&mut self, sec: Value, out: &str) -> Option<Vec<Value>> {
        let Value::Array(entries) = sec else {
            return None;
        };
        let mut reqs = Vec::new();
        for (i, entry) in entries.into_iter().enumerate() {
            let src = "/paths/request/security";
            let title = entry
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let mut found: Vec<(&str, String, Map<String, Value>)> = Vec::new();
            if let Some(Value::Object(params)) = entry.get("parameters") {
                for loc in ["header", "query", "cookie"] {
                    if let Some(Value::Object(named)) = params.get(loc) {
                        for (name, def) in named {
                            if let Value::Object(d) = def {
                                found.push((loc, name.clone(), d.clone()));
                            }
                        }
                    }
                }
            }
            let mut req = Map::new();
            let several = found.len() > 1;
            for (loc, name, def) in found {
                let kind = def.get("type").and_then(Value::as_str).unwrap_or("");
                let mut scheme = Map::new();
                match kind {
                    "apiKey" => {
                        scheme.insert("type".into(), json!("apiKey"));
                        scheme.insert("in".into(), json!(loc));
                        scheme.insert("name".into(), json!(name));
                    }
                    "http" => {
                        scheme.insert("type".into(), json!("http"));
                        match def.get("scheme").and_then(Value::as_str) {
                            Some(s) => {
                                scheme.insert("scheme".into(), json!(s));
                            }
                            None => self.warn(
                                "mintlify_md.http-scheme-unknown",
                                format!(
                                    "security entry {i} (`{title}`) is `type: http` without a \
                                     `scheme`; the HTTP authentication scheme is unknown"
                                ),
                                src,
                                &format!("{out}/{i}"),
                            ),
                        }
                        if let Some(f) = def.get("bearerFormat") {
                            scheme.insert("bearerFormat".into(), f.clone());
                        }
                    }
                    "oauth2" => {
                        scheme.insert("type".into(), json!("oauth2"));
                        scheme.insert("flows".into(), json!({}));
                        self.warn(
                            "mintlify_md.oauth2-flows-unknown",
                            format!(
                                "security entry {i} (`{title}`) is OAuth 2 but the page does not \
                                 render its flows; the token is sent in the `{name}` {loc}"
                            ),
                            src,
                            &format!("{out}/{i}"),
                        );
                    }
                    other => {
                        self.warn(
                            "mintlify_md.security-type",
                            format!(
                                "security entry {i} (`{title}`) has unknown type `{other}` for \
                                 `{name}`: expected oauth2, http or apiKey; ignored"
                            ),
                            src,
                            &format!("{out}/{i}"),
                        );
                        continue;
                    }
                }
                if let Some(d) = def.get("description") {
                    scheme.insert("description".into(), d.clone());
                }
                let base = match (title.trim().is_empty(), several) {
                    (true, _) => scheme_name(&name),
                    (false, false) => scheme_name(&title),
                    (false, true) => format!("{}_{}", scheme_name(&title), scheme_name(&name)),
                };
                let scheme = Value::Object(scheme);
                let mut key = base.clone();
                let mut n = 1;
                while self.schemes.get(&key).is_some_and(|s| *s != scheme) {
                    n += 1;
                    key = format!("{base}_{n}");
                }
                self.schemes.insert(key.clone(), scheme);
                let scopes = match def.get("scopes") {
                    Some(Value::Array(a)) => Value::Array(a.clone()),
                    _ => json!([]),
                };
                req.insert(key, scopes);
            }
            // An entry without parameters is the "no authentication" alternative.
            reqs.push(Value::Object(req));
        }
        (!reqs.is_empty()).then_some(reqs)
    }
}

/// A security scheme name made of the characters OpenAPI allows in component names.
fn scheme_name(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}
