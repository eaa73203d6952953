//! Variant A: the block is the source OpenAPI document pruned to the selected operation; other
//! operations (and their locations) are dropped.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::page::Page;
use super::selector::{METHODS, op_pointer};
use crate::diag::{Diagnostic, pointer_token};
use crate::frontend::recovered::Recovered;

/// Variant A: an OpenAPI document; keep the selected operation only.
pub(super) fn recover(
    mut root: Map<String, Value>,
    page: &Page<'_>,
    locations: &BTreeMap<String, usize>,
) -> Result<Recovered, Diagnostic> {
    let mut available = Vec::new();
    let mut found = false;
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (p, item) in paths.iter() {
            if let Value::Object(item) = item {
                for m in METHODS {
                    if item.contains_key(m) {
                        available.push(format!("{} {p}", m.to_ascii_uppercase()));
                        if p == &page.path && m == page.method {
                            found = true;
                        }
                    }
                }
            }
        }
        if found {
            paths.retain(|p, _| p == &page.path);
            if let Some(Value::Object(item)) = paths.get_mut(&page.path) {
                item.retain(|k, _| k == &page.method || !METHODS.contains(&k.as_str()));
            }
        }
    }
    if !found {
        return Err(Diagnostic::error(
            "mintlify_md.operation-missing",
            format!(
                "the fence selects {} {} but the block's OpenAPI document has no such operation \
                 (it has: {})",
                page.method.to_ascii_uppercase(),
                page.path,
                if available.is_empty() {
                    "none".to_string()
                } else {
                    available.join(", ")
                }
            ),
        )
        .at(page.fence_line, 1));
    }
    if let Some(url) = &page.spec_url {
        if let Some(Value::Object(info)) = root.get_mut("info") {
            info.insert("x-cpaas-spec-url".into(), Value::String(url.clone()));
        }
    }
    let kept = format!("/paths/{}", pointer_token(&page.path));
    let op = op_pointer(&page.path, &page.method);
    let mut locs: BTreeMap<String, usize> = locations
        .iter()
        .filter(|(k, _)| {
            !k.starts_with("/paths/") || *k == &kept || k.starts_with(&format!("{kept}/"))
        })
        .filter(|(k, _)| {
            // Drop locations of the removed sibling operations.
            let Some(rest) = k.strip_prefix(&format!("{kept}/")) else {
                return true;
            };
            let seg = rest.split('/').next().unwrap_or("");
            seg == page.method || !METHODS.contains(&seg)
        })
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    locs.entry(op).or_insert(page.fence_line);
    Ok(Recovered {
        doc: Value::Object(root),
        diagnostics: Vec::new(),
        locations: locs,
    })
}
