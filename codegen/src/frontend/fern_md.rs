//! `fern_md`: Fern docs Markdown pages embedding a one-endpoint OpenAPI 3.1 document
//! (docs/formats.md §4, seed 001), and `openapi_md`: Markdown pages embedding an OpenAPI document in a
//! ```` ```yaml ```` fence without Fern's markers (same block finding, no Fern rules).
//!
//! The YAML block is cut by fence counting (§8 step 1), parsed with the ordinary YAML parser when
//! its newlines are intact and with [`super::collapsed_yaml`] when a crawler collapsed them. The
//! Fern page's header is then reconciled with the YAML: the header `Content-Type:` is truthful,
//! `YOUR_…` host placeholders become server variables, the injected auth header parameter
//! becomes root `security`, `enum: [{value: X}]` is unwrapped and prose constraints
//! ("Min length: `1`") become schema keywords.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::collapsed_yaml;
use super::recovered::Recovered;
use crate::diag::{Diagnostic, line_col, pointer_token};

const HEADING: &str = "## OpenAPI Specification";
use crate::vocab::METHOD_WORDS as METHODS;

/// The page parts before the YAML block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The `# TITLE`.
    pub title: Option<String>,
    /// The HTTP method of the header line, upper case.
    pub method: Option<String>,
    /// The full URL of the header line (base URL + path, with `{param}`s).
    pub url: Option<String>,
    /// The `Content-Type:` line, present iff the endpoint takes a body.
    pub content_type: Option<String>,
    /// The `Reference:` docs URL.
    pub reference: Option<String>,
}

/// Where the embedded YAML is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range of the YAML text in the page.
    pub range: std::ops::Range<usize>,
    /// True when the block holds no line break.
    pub collapsed: bool,
    /// Warnings from cutting (an even fence count).
    pub warnings: Vec<Diagnostic>,
}

/// Recovers the OpenAPI document of a Fern Markdown page.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    recover_page(text, true)
}

/// Recovers the OpenAPI document of a Markdown page embedding one in a ```` ```yaml ```` fence
/// after `## OpenAPI Specification`, without Fern's rules.
pub fn recover_embedded(text: &str) -> Result<Recovered, Diagnostic> {
    recover_page(text, false)
}

fn recover_page(text: &str, fern: bool) -> Result<Recovered, Diagnostic> {
    let block = find_block(text)?;
    let mut diags = block.warnings.clone();
    let (mut doc, locations) = parse_block(text, &block, fern, &mut diags)?;
    if !doc.is_object() {
        return Err(Diagnostic::error(
            "fern.not-openapi",
            "the embedded YAML is not a mapping: expected an OpenAPI document",
        )
        .at_offset(text, block.range.start));
    }
    if fern {
        let head = parse_header(text);
        reconcile(&mut doc, &head, text, &mut diags);
    }
    let mut rec = Recovered::new(doc);
    rec.diagnostics = diags;
    rec.locations = locations;
    Ok(rec)
}

// ---------------------------------------------------------------------------------------------
// Block finding

/// Finds the YAML block after `## OpenAPI Specification` by fence counting (docs/formats.md §4):
/// fences inside YAML descriptions pair up, so with an odd count the last fence before
/// `## SDK Code Examples` (or the end) closes the block; with an even count the last fence before
/// the next `## ` heading does, with a warning.
pub fn find_block(page: &str) -> Result<Block, Diagnostic> {
    let h = page.find(HEADING).ok_or_else(|| {
        Diagnostic::error("fern.no-spec", format!("expected a `{HEADING}` heading")).at(1, 1)
    })?;
    let after = h + HEADING.len();
    let open = page[after..]
        .find("```yaml")
        .map(|i| after + i)
        .ok_or_else(|| {
            Diagnostic::error(
                "fern.no-yaml-fence",
                format!("expected a ```yaml fence after `{HEADING}`"),
            )
            .at_offset(page, after)
        })?;
    let mut start = open + 7;
    if let Some(n) = page[start..].find('\n') {
        // The info string ends the line; the document starts on the next one.
        if page[start..start + n].trim().is_empty() {
            start += n + 1;
        }
    }
    let region_end = page[start..]
        .find("## SDK Code Examples")
        .map_or(page.len(), |i| start + i);
    // Fences and `##` headings among the whitespace-separated tokens of the region.
    let mut fences: Vec<usize> = Vec::new();
    let mut headings: Vec<usize> = Vec::new();
    for t in collapsed_yaml::tokenize(page, start..region_end) {
        let tok = &page[t.s..t.e];
        if collapsed_yaml::is_fence(tok) {
            fences.push(t.s);
        } else if tok == "##" {
            headings.push(t.s);
        }
    }
    let mut warnings = Vec::new();
    let close = if fences.is_empty() {
        return Err(Diagnostic::error(
            "fern.unclosed-fence",
            "the ```yaml fence is never closed: expected a closing ``` before `## SDK Code \
             Examples` or the end of the page",
        )
        .at_offset(page, open));
    } else if fences.len() % 2 == 1 {
        fences[fences.len() - 1]
    } else {
        let first = fences[0];
        let limit = headings
            .iter()
            .copied()
            .find(|&p| p > first)
            .unwrap_or(region_end);
        let c = fences
            .iter()
            .copied()
            .rfind(|&f| f < limit)
            .unwrap_or(first);
        warnings.push(
            Diagnostic::warning(
                "fern.fence-count",
                format!(
                    "{} fences after ```yaml (expected an odd count: fenced examples in \
                     descriptions pair up); the block was closed at the last fence before the \
                     next heading",
                    fences.len()
                ),
            )
            .at_offset(page, c),
        );
        c
    };
    let range = start..close;
    let collapsed = !page[range.clone()].contains('\n');
    Ok(Block {
        range,
        collapsed,
        warnings,
    })
}

fn parse_block(
    page: &str,
    block: &Block,
    fern: bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Value, BTreeMap<String, usize>), Diagnostic> {
    let text = &page[block.range.clone()];
    if block.collapsed {
        let opts = collapsed_yaml::Options {
            fern_habits: fern,
            ..Default::default()
        };
        let p = collapsed_yaml::parse(page, block.range.clone(), &opts)?;
        diags.extend(p.diagnostics);
        let mut locations = BTreeMap::new();
        for (ptr, off) in &p.offsets {
            if is_operation_pointer(ptr) {
                locations.insert(ptr.clone(), line_col(page, *off).0);
            }
        }
        Ok((p.value, locations))
    } else {
        let base = line_col(page, block.range.start).0 - 1;
        let p = super::yaml::parse_with_locations(text).map_err(|mut e| {
            if e.line > 0 {
                e.line += base;
            }
            e
        })?;
        for mut w in p.warnings {
            if w.line > 0 {
                w.line += base;
            }
            diags.push(w);
        }
        let locations = p
            .locations
            .into_iter()
            .filter(|(k, _)| k.starts_with("/paths/"))
            .map(|(k, l)| (k, l + base))
            .collect();
        Ok((p.value, locations))
    }
}

fn is_operation_pointer(p: &str) -> bool {
    let segs: Vec<&str> = p.split('/').collect();
    segs.len() == 4
        && (segs[1] == "paths" || segs[1] == "webhooks")
        && METHODS.iter().any(|m| m.eq_ignore_ascii_case(segs[3]))
}

// ---------------------------------------------------------------------------------------------
// Header

/// Reads title, method, URL, `Content-Type:` and `Reference:` before the OpenAPI heading; works
/// on pages with and without line breaks.
pub fn parse_header(page: &str) -> Header {
    let end = page.find(HEADING).unwrap_or(page.len());
    let toks: Vec<&str> = page[..end].split_whitespace().collect();
    let mut h = Header::default();
    let mut i = 0;
    if toks.first() == Some(&"#") && toks.get(1) == Some(&"Source:") {
        i = 3;
    }
    let mut title_start = None;
    if toks.get(i) == Some(&"#") {
        title_start = Some(i + 1);
    }
    let mi = (i..toks.len()).find(|&j| {
        METHODS.contains(&toks[j])
            && toks
                .get(j + 1)
                .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://"))
    });
    if let Some(mi) = mi {
        if let Some(ts) = title_start.filter(|&t| t < mi) {
            h.title = Some(toks[ts..mi].join(" "));
        }
        h.method = Some(toks[mi].to_string());
        h.url = toks.get(mi + 1).map(|s| s.to_string());
        if toks.get(mi + 2) == Some(&"Content-Type:") {
            h.content_type = toks.get(mi + 3).map(|s| s.to_string());
        }
    }
    if let Some(r) = toks.iter().rposition(|t| *t == "Reference:") {
        h.reference = toks.get(r + 1).map(|s| s.to_string());
    }
    h
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

fn ptr(segs: &[&str]) -> String {
    segs.iter()
        .map(|s| format!("/{}", pointer_token(s)))
        .collect()
}

fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (p, item) in paths {
            if let Some(item) = item.as_object() {
                for m in item.keys() {
                    if METHODS.iter().any(|x| x.eq_ignore_ascii_case(m)) {
                        out.push((p.clone(), m.clone()));
                    }
                }
            }
        }
    }
    out
}

fn reconcile(doc: &mut Value, head: &Header, page: &str, diags: &mut Vec<Diagnostic>) {
    let ops = operations(doc);
    reconcile_servers(doc, head, &ops, diags);
    if let Some(ct) = &head.content_type {
        for (p, m) in &ops {
            rekey_body(doc, p, m, ct, diags);
        }
    }
    reconcile_security(doc, &ops, page, diags);
    for (p, m) in &ops {
        if let Some(op) = doc
            .pointer_mut(&ptr(&["paths", p, m]))
            .and_then(Value::as_object_mut)
        {
            // `tags: [[x]]` (ElevenLabs) → `[x]`.
            if let Some(Value::Array(tags)) = op.get_mut("tags") {
                let flat: Vec<Value> = tags
                    .drain(..)
                    .flat_map(|t| match t {
                        Value::Array(a) => a,
                        o => vec![o],
                    })
                    .collect();
                *tags = flat;
            }
            // The slug operationId is unique only per subpackage: keep the qualifier beside it.
            let sub = op
                .get("tags")
                .and_then(Value::as_array)
                .and_then(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .find_map(|s| s.strip_prefix("subpackage_"))
                })
                .map(str::to_string);
            if let Some(sub) = sub {
                op.insert("x-cpaas-operation-group".into(), Value::String(sub));
            }
        }
    }
    walk_schemas(doc, String::new(), diags);
}

/// Root `servers[0].url` + YAML path must give the header URL; placeholders become variables.
fn reconcile_servers(
    doc: &mut Value,
    head: &Header,
    ops: &[(String, String)],
    diags: &mut Vec<Diagnostic>,
) {
    let Some(obj) = doc.as_object_mut() else {
        return;
    };
    let have = obj
        .get("servers")
        .and_then(Value::as_array)
        .and_then(|s| s.first())
        .and_then(|s| s.get("url"))
        .and_then(Value::as_str)
        .map(str::to_string);
    if let (Some(url), Some((path, _))) = (&head.url, ops.first()) {
        match &have {
            Some(base) => {
                if format!("{}{}", base.trim_end_matches('/'), path) != *url {
                    diags.push(
                        Diagnostic::warning(
                            "fern.url-mismatch",
                            format!(
                                "the header URL `{url}` is not servers[0].url `{base}` + path \
                                 `{path}`; kept the YAML's"
                            ),
                        )
                        .pointer("/servers/0/url"),
                    );
                }
            }
            None => {
                let base = if let Some(b) = url.strip_suffix(path.as_str()) {
                    b.to_string()
                } else {
                    diags.push(
                        Diagnostic::warning(
                            "fern.url-mismatch",
                            format!(
                                "the header URL `{url}` does not end with the path `{path}`: \
                                 the server is its scheme and host"
                            ),
                        )
                        .pointer("/servers"),
                    );
                    let after = url.find("://").map_or(0, |i| i + 3);
                    let host_end = url[after..].find('/').map_or(url.len(), |i| after + i);
                    url[..host_end].to_string()
                };
                obj.insert("servers".into(), json!([{ "url": base }]));
                diags.push(
                    Diagnostic::warning(
                        "fern.server-from-header",
                        "the YAML has no `servers`: the server URL is the header URL minus the \
                         path",
                    )
                    .pointer("/servers/0/url"),
                );
            }
        }
    }
    let Some(servers) = obj.get_mut("servers").and_then(Value::as_array_mut) else {
        return;
    };
    for (i, s) in servers.iter_mut().enumerate() {
        let Some(so) = s.as_object_mut() else {
            continue;
        };
        let Some(url) = so.get("url").and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        let (templated, found) = template_placeholders(&url);
        if found.is_empty() {
            continue;
        }
        so.insert("url".into(), Value::String(templated));
        let vars = so
            .entry("variables")
            .or_insert_with(|| Value::Object(Map::new()));
        for (name, placeholder) in found {
            if let Some(v) = vars.as_object_mut() {
                v.entry(name.clone()).or_insert_with(|| {
                    json!({
                        "default": placeholder,
                        "description": format!("Replaces the `{placeholder}` placeholder of the documented URL."),
                        "x-cpaas-required": true
                    })
                });
            }
            diags.push(
                Diagnostic::warning(
                    "fern.server-placeholder",
                    format!(
                        "the server URL holds the placeholder `{placeholder}`: it became the \
                         server variable `{{{name}}}`, which must be configured"
                    ),
                )
                .pointer(format!("/servers/{i}/variables/{}", pointer_token(&name))),
            );
        }
    }
}

/// `https://YOUR_SPACE.x.com` → (`https://{space}.x.com`, [(space, YOUR_SPACE)]).
fn template_placeholders(url: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::new();
    let mut found = Vec::new();
    let mut rest = url;
    while let Some(i) = rest.find("YOUR_") {
        let tail = &rest[i..];
        let len = tail
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(tail.len());
        let ph = &tail[..len];
        let name = ph["YOUR_".len()..].to_ascii_lowercase();
        if name.is_empty() {
            out.push_str(&rest[..i + 5]);
            rest = &rest[i + 5..];
            continue;
        }
        out.push_str(&rest[..i]);
        out.push_str(&format!("{{{name}}}"));
        if !found.iter().any(|(n, _): &(String, String)| *n == name) {
            found.push((name, ph.to_string()));
        }
        rest = &tail[len..];
    }
    out.push_str(rest);
    (out, found)
}

/// The header `Content-Type:` is truthful; the YAML key follows the body's shape (§4).
fn rekey_body(doc: &mut Value, p: &str, m: &str, ct: &str, diags: &mut Vec<Diagnostic>) {
    let Some(content) = doc
        .pointer_mut(&ptr(&["paths", p, m, "requestBody", "content"]))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    if content.contains_key(ct) {
        return;
    }
    let old: Vec<String> = content.keys().cloned().collect();
    let Some(first) = old.first() else {
        return;
    };
    let media = content.remove(first).unwrap_or(Value::Null);
    let mut rebuilt = Map::new();
    rebuilt.insert(ct.to_string(), media);
    for (k, v) in std::mem::take(content) {
        rebuilt.insert(k, v);
    }
    *content = rebuilt;
    diags.push(
        Diagnostic::warning(
            "fern.content-type-conflict",
            format!(
                "the page header says `Content-Type: {ct}` but the YAML body is keyed `{first}`: \
                 the header is truthful, the body was re-keyed"
            ),
        )
        .pointer(format!(
            "{}/content/{}",
            ptr(&["paths", p, m, "requestBody"]),
            pointer_token(ct)
        )),
    );
}

fn norm_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces the injected auth header parameter by root `security` (§4 "auth").
fn reconcile_security(
    doc: &mut Value,
    ops: &[(String, String)],
    page: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let schemes: Vec<(String, Value)> = doc
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    let mut chosen: Vec<String> = Vec::new();
    let mut synthesised: Option<(String, Value)> = None;
    for (p, m) in ops {
        let at = ptr(&["paths", p, m, "parameters"]);
        let Some(params) = doc.pointer_mut(&at).and_then(Value::as_array_mut) else {
            continue;
        };
        let mut idx = 0;
        while idx < params.len() {
            let prm = &params[idx];
            let name = prm.get("name").and_then(Value::as_str).unwrap_or("");
            let is_header = prm.get("in").and_then(Value::as_str) == Some("header");
            let desc = prm.get("description").and_then(Value::as_str).map(norm_ws);
            if !is_header {
                idx += 1;
                continue;
            }
            let lname = name.to_ascii_lowercase();
            let by_desc = desc.as_ref().and_then(|d| {
                schemes.iter().find(|(_, s)| {
                    s.get("description").and_then(Value::as_str).map(norm_ws) == Some(d.clone())
                })
            });
            let by_name = schemes.iter().find(|(_, s)| {
                s.get("type").and_then(Value::as_str) == Some("apiKey")
                    && s.get("in").and_then(Value::as_str) == Some("header")
                    && s.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
            });
            let by_http = (lname == "authorization")
                .then(|| {
                    schemes
                        .iter()
                        .find(|(_, s)| s.get("type").and_then(Value::as_str) == Some("http"))
                })
                .flatten();
            let hit = by_desc.or(by_name).or(by_http);
            let pointer = format!("{at}/{idx}");
            if let Some((sname, _)) = hit {
                if !chosen.contains(sname) {
                    chosen.push(sname.clone());
                }
                diags.push(
                    Diagnostic::warning(
                        "fern.auth-header",
                        format!(
                            "the header parameter `{name}` is Fern's injected auth header: \
                             replaced by `security: [{sname}]`"
                        ),
                    )
                    .pointer(pointer),
                );
                params.remove(idx);
                continue;
            }
            let looks_auth = lname == "authorization"
                || lname.ends_with("api-key")
                || lname.ends_with("api_key")
                || lname == "x-api-token";
            if schemes.is_empty() && looks_auth {
                let scheme = if lname == "authorization" {
                    if page.contains("Bearer ") {
                        ("BearerAuth", json!({"type": "http", "scheme": "bearer"}))
                    } else {
                        ("BasicAuth", json!({"type": "http", "scheme": "basic"}))
                    }
                } else {
                    (
                        "ApiKeyAuth",
                        json!({"type": "apiKey", "in": "header", "name": name}),
                    )
                };
                diags.push(
                    Diagnostic::warning(
                        "fern.security-synthesised",
                        format!(
                            "the header parameter `{name}` is an injected auth header with no \
                             security scheme on the page: synthesised `{}`",
                            scheme.0
                        ),
                    )
                    .pointer(pointer),
                );
                if !chosen.iter().any(|c| c == scheme.0) {
                    chosen.push(scheme.0.to_string());
                }
                synthesised = Some((scheme.0.to_string(), scheme.1));
                params.remove(idx);
                continue;
            }
            idx += 1;
        }
        if params.is_empty() {
            if let Some(op) = doc
                .pointer_mut(&ptr(&["paths", p, m]))
                .and_then(Value::as_object_mut)
            {
                op.remove("parameters");
            }
        }
    }
    let Some(obj) = doc.as_object_mut() else {
        return;
    };
    if let Some((name, scheme)) = synthesised {
        let comps = obj.entry("components").or_insert_with(|| json!({}));
        if let Some(c) = comps.as_object_mut() {
            let ss = c.entry("securitySchemes").or_insert_with(|| json!({}));
            if let Some(ss) = ss.as_object_mut() {
                ss.insert(name, scheme);
            }
        }
    }
    if !chosen.is_empty() && !obj.contains_key("security") {
        let reqs: Vec<Value> = chosen.iter().map(|c| json!({ c.clone(): [] })).collect();
        obj.insert("security".into(), Value::Array(reqs));
    }
    if !chosen.is_empty() {
        keep_http_alternatives(doc, &schemes, diags);
    }
}

/// Fern's auth is API-wide: where it allows several HTTP schemes (basic *or* bearer), the
/// injected `Authorization` header describes only one of them. The other `type: http` schemes
/// travel in the same header, so they are kept as alternatives of root `security` (with a
/// `fern.auth-alternatives` warning naming them) rather than dropped. Only where every root
/// alternative is an HTTP scheme and no operation names its own `security`.
fn keep_http_alternatives(
    doc: &mut Value,
    schemes: &[(String, Value)],
    diags: &mut Vec<Diagnostic>,
) {
    let is_http = |k: &str| {
        schemes
            .iter()
            .any(|(n, s)| n == k && s.get("type") == Some(&json!("http")))
    };
    let named: Vec<String> = doc
        .get("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
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
        return;
    }
    let others: Vec<String> = schemes
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| is_http(n) && !named.contains(n))
        .collect();
    if others.is_empty() {
        return;
    }
    if let Some(Value::Array(reqs)) = doc.get_mut("security") {
        reqs.extend(others.iter().map(|k| json!({ k.clone(): [] })));
    }
    let list = |v: &[String]| {
        v.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    diags.push(
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
}

/// Unwraps `enum: [{value: X}]` and turns prose constraints into keywords, in every schema.
fn walk_schemas(v: &mut Value, at: String, diags: &mut Vec<Diagnostic>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(items)) = m.get_mut("enum") {
                let wrapped = !items.is_empty()
                    && items.iter().all(|i| {
                        i.as_object()
                            .is_some_and(|o| o.len() == 1 && o.contains_key("value"))
                    });
                if wrapped {
                    for i in items.iter_mut() {
                        if let Some(x) = i.get_mut("value").map(Value::take) {
                            *i = x;
                        }
                    }
                }
            }
            if m.contains_key("type") || m.contains_key("$ref") || m.contains_key("items") {
                prose_constraints(m, &at, diags);
            }
            for (k, c) in m.iter_mut() {
                walk_schemas(c, format!("{at}/{}", pointer_token(k)), diags);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter_mut().enumerate() {
                walk_schemas(c, format!("{at}/{i}"), diags);
            }
        }
        _ => {}
    }
}

const PROSE: [(&str, &str, &[&str]); 7] = [
    ("Min length:", "minLength", &["string"]),
    ("Max length:", "maxLength", &["string"]),
    ("Min number of items:", "minItems", &["array"]),
    ("Max number of items:", "maxItems", &["array"]),
    ("Min value:", "minimum", &["integer", "number"]),
    ("Max value:", "maximum", &["integer", "number"]),
    ("Pattern:", "pattern", &["string"]),
];

fn prose_constraints(m: &mut Map<String, Value>, at: &str, diags: &mut Vec<Diagnostic>) {
    let Some(desc) = m
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let types: Vec<String> = match m.get("type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    for (phrase, kw, fits) in PROSE {
        let Some(i) = desc.find(phrase) else {
            continue;
        };
        let rest = desc[i + phrase.len()..].trim_start();
        let Some(inner) = rest.strip_prefix('`') else {
            continue;
        };
        let Some(end) = inner.find('`') else {
            continue;
        };
        let raw = &inner[..end];
        if m.contains_key(kw) {
            continue;
        }
        if !types.is_empty() && !types.iter().any(|t| fits.contains(&t.as_str())) {
            continue;
        }
        let value = if kw == "pattern" {
            Value::String(raw.to_string())
        } else {
            match super::yaml::resolve_plain(raw) {
                n @ Value::Number(_) => n,
                _ => continue,
            }
        };
        m.insert(kw.to_string(), value);
        diags.push(
            Diagnostic::warning(
                "fern.prose-constraint",
                format!("`{phrase} `{raw}`` in the description became `{kw}`"),
            )
            .pointer(format!("{at}/{kw}")),
        );
    }
}

#[cfg(test)]
mod render;
#[cfg(test)]
mod tests;
