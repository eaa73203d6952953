//! The `## Servers` and `## Authentication methods` sections of a Markdown page. A method's
//! type comes only from evidence on the page ([`crate::frontend::bump::auth`]), never from its
//! name.

use serde_json::{Map, Value, json};

use super::page::{Page, short};
use crate::diag::pointer_token;
use crate::frontend::bump::auth::{self, Named};
use crate::frontend::bump::types::balanced_group;

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

    /// `- HUMANISED NAME` items: the authentication methods the page names, each with its
    /// byte offset and the type its own entry shows (see [`auth::entry`]).
    pub(super) fn auth(&mut self, base: usize, content: &str) -> Vec<Named<usize>> {
        let starts: Vec<usize> = content
            .match_indices("- ")
            .map(|(i, _)| i)
            .filter(|&i| {
                content[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
            })
            .collect();
        let lead = content[..starts.first().copied().unwrap_or(content.len())].trim();
        if !lead.is_empty() {
            self.stray(base, lead, "## Authentication methods");
        }
        starts
            .iter()
            .enumerate()
            .filter_map(|(k, &at)| {
                let stop = starts.get(k + 1).copied().unwrap_or(content.len());
                auth::entry(&content[at + 2..stop], "", base + at)
            })
            .collect()
    }

    /// The page's schemes: the named methods typed by their entries and by the samples its
    /// descriptions show (`prose`); a `bump_md.auth-type-unknown` warning for each name left
    /// untyped.
    pub(super) fn schemes(
        &mut self,
        named: Vec<Named<usize>>,
        prose: &str,
    ) -> Vec<(String, Value)> {
        let (schemes, untyped) = auth::resolve(named, &auth::from_prose(prose));
        for u in untyped {
            self.warn(
                "bump_md.auth-type-unknown",
                u.at,
                Some(format!(
                    "/components/securitySchemes/{}",
                    pointer_token(&u.key)
                )),
                u.message,
            );
        }
        schemes
    }
}
