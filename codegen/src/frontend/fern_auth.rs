//! Security alternatives on Fern pages: Fern's auth is API-wide, and where it allows several
//! HTTP schemes (basic *or* bearer, all in `components.securitySchemes` of the embedded
//! document) its page injects one `Authorization` header parameter whose description is that of
//! one of them. [`super::fern_md`] turns that header into root `security` naming the scheme it
//! recognises; this pass, run after it, keeps the **other HTTP schemes** (`type: http`, which
//! travel in the same header) as alternatives too, with a `fern.auth-alternatives` warning
//! naming them, instead of dropping them silently.
//!
//! Contract: it acts only where the reader replaced an injected auth header (its
//! `fern.auth-header` warning), the document names no operation-level `security`, and every
//! alternative root `security` names is an HTTP scheme; nothing else is changed.

use serde_json::{Value, json};

use super::recovered::Recovered;
use crate::diag::Diagnostic;

/// Adds the HTTP schemes the injected `Authorization` header could carry as alternatives.
pub(super) fn keep_http_alternatives(mut out: Recovered) -> Recovered {
    if !out.diagnostics.iter().any(|d| d.code == "fern.auth-header") {
        return out;
    }
    let doc = &out.doc;
    let schemes = doc
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object);
    let Some(schemes) = schemes else { return out };
    let is_http = |k: &str| schemes.get(k).and_then(|s| s.get("type")) == Some(&json!("http"));
    let Some(root) = doc.get("security").and_then(Value::as_array) else {
        return out;
    };
    let named: Vec<String> = root
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|o| o.keys().cloned())
        .collect();
    let op_level = doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|p| p.values())
        .filter_map(Value::as_object)
        .flat_map(|pi| pi.values())
        .any(|op| op.get("security").is_some());
    if named.is_empty() || op_level || !named.iter().all(|k| is_http(k)) {
        return out;
    }
    let others: Vec<String> = schemes
        .keys()
        .filter(|k| is_http(k) && !named.contains(k))
        .cloned()
        .collect();
    if others.is_empty() {
        return out;
    }
    if let Some(Value::Array(reqs)) = out.doc.get_mut("security") {
        for k in &others {
            reqs.push(json!({ k.clone(): [] }));
        }
    }
    let list = |v: &[String]| {
        v.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.diagnostics.push(
        Diagnostic::warning(
            "fern.auth-alternatives",
            format!(
                "the page's `Authorization` header describes {} only, but the document's \
                 security schemes also hold {}, which travel in the same header: kept as \
                 alternatives (the client sends whichever credentials it is given)",
                list(&named),
                list(&others)
            ),
        )
        .pointer("/security"),
    );
    out
}

#[cfg(test)]
mod tests;
