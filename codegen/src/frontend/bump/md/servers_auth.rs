//! The `## Servers` and `## Authentication methods` sections of a Markdown page.

use serde_json::{Map, Value, json};

use super::page::{Page, short};
use crate::diag::pointer_token;
use crate::frontend::bump::types::balanced_group;

/// Humanised authentication method names whose scheme is known from the provider's convention
/// (the Bump.sh page shows only the humanised scheme key): `(page name, scheme key, scheme)`.
const KNOWN_SCHEMES: [(&str, &str, &str); 1] = [(
    "Account sid auth token",
    "accountSid_authToken",
    r#"{"type": "http", "scheme": "basic"}"#,
)];

impl Page<'_> {
    /// `- DESCRIPTION-or-URL: URL ()` items.
    pub(super) fn servers(&mut self, base: usize, content: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let rest = &content[pos..];
            let trimmed = rest.trim_start();
            if trimmed.is_empty() {
                break;
            }
            let item_at = pos + (rest.len() - trimmed.len());
            let Some(body) = trimmed.strip_prefix("- ") else {
                self.warn(
                    "bump_md.server-item",
                    base + item_at,
                    Some("/servers".into()),
                    format!(
                        "expected `- DESCRIPTION: URL ()`, found `{}`",
                        short(trimmed)
                    ),
                );
                break;
            };
            let body_at = item_at + 2;
            // The item ends at the first ` (` group that closes and is followed by the end or
            // by the next `- `.
            let mut search = 0;
            let mut parsed = None;
            while let Some(rel) = body.get(search..).and_then(|b| b.find('(')) {
                let open = search + rel;
                search = open + 1;
                let Some(close) = balanced_group(body, open) else {
                    continue;
                };
                let after = body[close + 1..].trim_start();
                if after.is_empty() || after.starts_with("- ") {
                    parsed = Some((open, close));
                    break;
                }
            }
            let Some((open, close)) = parsed else {
                self.warn(
                    "bump_md.server-item",
                    base + item_at,
                    Some("/servers".into()),
                    format!("expected `- DESCRIPTION: URL ()`, found `{}`", short(body)),
                );
                break;
            };
            let head = body[..open].trim();
            let (desc, url) = match head.rsplit_once(": ") {
                Some((d, u)) if !u.trim().is_empty() && !u.trim().contains(' ') => {
                    (d.trim(), u.trim())
                }
                _ => (head, head),
            };
            let vars = body[open + 1..close].trim();
            if !vars.is_empty() {
                self.warn(
                    "bump_md.server-variables",
                    base + body_at + open,
                    Some(format!("/servers/{}", out.len())),
                    format!("server variables `{}` not read", short(vars)),
                );
            }
            let mut s = Map::new();
            s.insert("url".into(), json!(url));
            if desc != url && !desc.is_empty() {
                s.insert("description".into(), json!(desc));
            }
            out.push(Value::Object(s));
            pos = body_at + close + 1;
        }
        out
    }

    /// `- HUMANISED NAME` items -> security scheme keys and schemes.
    pub(super) fn auth(&mut self, base: usize, content: &str) -> Vec<(String, Value)> {
        let norm = content.split_whitespace().collect::<Vec<_>>().join(" ");
        let norm = norm.strip_prefix("- ").unwrap_or(&norm);
        let mut out: Vec<(String, Value)> = Vec::new();
        for name in norm.split(" - ").map(str::trim).filter(|n| !n.is_empty()) {
            let known = KNOWN_SCHEMES.iter().find(|(n, _, _)| *n == name);
            let (key, scheme) = match known {
                Some((_, key, scheme)) => (
                    (*key).to_string(),
                    serde_json::from_str(scheme).unwrap_or(Value::Null),
                ),
                None => {
                    let key = camel_key(name);
                    self.warn(
                        "bump_md.auth-type-unknown",
                        base,
                        Some(format!(
                            "/components/securitySchemes/{}",
                            pointer_token(&key)
                        )),
                        format!(
                            "authentication method \"{name}\": the page shows only its name, not \
                             its type; configure it by hand"
                        ),
                    );
                    (
                        key,
                        json!({"x-cpaas-scheme-type-unknown": true, "description": name}),
                    )
                }
            };
            if !out.iter().any(|(k, _)| *k == key) {
                out.push((key, scheme));
            }
        }
        out
    }
}

/// `Bearer auth` -> `bearerAuth`.
fn camel_key(name: &str) -> String {
    let mut out = String::new();
    for (i, w) in name.split_whitespace().enumerate() {
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            if i == 0 {
                out.extend(f.to_lowercase());
            } else {
                out.extend(f.to_uppercase());
            }
            out.push_str(cs.as_str());
        }
    }
    out
}
