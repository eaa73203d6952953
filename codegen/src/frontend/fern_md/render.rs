//! Test renderer: single-operation Fern pages from an OpenAPI document, with the YAML dumped the
//! way Fern's js-yaml dumps it (2-space indent, `>-` folding of lines longer than js-yaml's
//! width `max(40, 80 - indent)`, spaceless ones included, quoted `'200'`,
//! `requestBody` after `responses`, root `servers` after `paths`, components holding only
//! reachable schemas).
//!
//! Key order: Fern dumps its own API registry, not the source document, so it writes the keys of
//! operations, parameters, responses and schemas in a fixed order whatever the source's order
//! (docs/formats.md §4; every corpus page and seed 001 show it): an operation as
//! `operationId`, `summary`, `description`, `tags`, `parameters`, `responses`, `requestBody`; a
//! parameter as `name`, `in`, `description`, `required`, `schema`; a response as `description`,
//! `content`; a schema as `$ref`/`type` first and `required`, `description`, `title` last (
//! `type: object properties: … required: … description: … title: …`). Keys Fern's pages never
//! show in a pinned position keep the source order between those. [`KeyOrder::Source`] renders
//! the source's key order instead (the issue's wording), for measurement.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::frontend::yaml::resolve_plain;

// The renderer's own statement of the key orders real Fern pages show, written from the pages
// (the corpus's Cash App and ElevenLabs pages, seed 001), not imported from the reader: were
// the reader's order wrong, a round trip through a renderer sharing it could not fail. The test
// `renderer_key_order_is_what_real_fern_pages_show` checks these against the real pages.

/// Operation keys, in the order Fern pages write them.
pub(super) const OPERATION_ORDER: [&str; 7] = [
    "operationId",
    "summary",
    "description",
    "tags",
    "parameters",
    "responses",
    "requestBody",
];
/// Parameter keys, in the order Fern pages write them.
pub(super) const PARAMETER_ORDER: [&str; 5] = ["name", "in", "description", "required", "schema"];
/// Response keys, in the order Fern pages write them.
pub(super) const RESPONSE_ORDER: [&str; 2] = ["description", "content"];
/// Schema keys Fern pages write before all others, in this order.
pub(super) const SCHEMA_FIRST: [&str; 2] = ["$ref", "type"];
/// Schema keys Fern pages write after all others, in this order.
pub(super) const SCHEMA_LAST: [&str; 3] = ["required", "description", "title"];

/// js-yaml's `lineWidth` (80) less the indent, never under 40: longer scalars are folded.
fn fold_width(indent: usize) -> usize {
    80usize.saturating_sub(indent).max(40)
}

/// The key order a rendered page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyOrder {
    /// Fern's fixed order (what real Fern pages show; the default).
    #[default]
    Fern,
    /// The source document's order (the issue's wording: "keys in source order").
    Source,
}

/// Every (path, method) of `spec`, in order.
pub fn operations(spec: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(paths) = spec.get("paths").and_then(Value::as_object) {
        for (p, item) in paths {
            for m in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                if item.get(m).is_some() {
                    out.push((p.clone(), m.to_string()));
                }
            }
        }
    }
    out
}

fn resolve_ref<'a>(spec: &'a Value, r: &str) -> Option<&'a Value> {
    spec.pointer(r.strip_prefix('#')?)
}

/// Inlines references to non-schema components (parameters, responses, …), as Fern does.
fn inline(spec: &Value, v: &Value, depth: usize) -> Value {
    match v {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                if !r.starts_with("#/components/schemas/") && depth < 8 {
                    if let Some(t) = resolve_ref(spec, r) {
                        return inline(spec, t, depth + 1);
                    }
                }
            }
            // Fern dumps its API registry, which keeps no vendor extensions (`x-fern-*` are
            // consumed, others dropped): no corpus page nor seed 001 shows an `x-` key.
            Value::Object(
                m.iter()
                    .filter(|(k, _)| !k.starts_with("x-"))
                    .map(|(k, c)| (k.clone(), inline(spec, c, depth)))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(|c| inline(spec, c, depth)).collect()),
        o => o.clone(),
    }
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                if k == "$ref" {
                    if let Some(n) = c
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    {
                        out.push(n.to_string());
                    }
                }
                collect_refs(c, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| collect_refs(c, out)),
        _ => {}
    }
}

/// `m` with the keys of `first` (in that order) first, those of `last` last, the rest between in
/// source order.
fn pin(
    order: KeyOrder,
    m: &Map<String, Value>,
    first: &[&str],
    last: &[&str],
) -> Map<String, Value> {
    if order == KeyOrder::Source {
        return m.clone();
    }
    let mut out = Map::new();
    for k in first {
        if let Some(v) = m.get(*k) {
            out.insert((*k).to_string(), v.clone());
        }
    }
    for (k, v) in m {
        if !first.contains(&k.as_str()) && !last.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
        }
    }
    for k in last {
        if let Some(v) = m.get(*k) {
            out.insert((*k).to_string(), v.clone());
        }
    }
    out
}

/// A schema in Fern's key order, recursively through its sub-schemas; numeric constraints move
/// into the description as the prose lines the frontend reads back (`super::PROSE`: Fern writes
/// them only so, docs/formats.md §4, Cash App; `pattern` stays a keyword).
fn fern_schema(order: KeyOrder, v: &Value) -> Value {
    let Value::Object(m) = v else {
        return v.clone();
    };
    let mut m = m.clone();
    let mut prose = Vec::new();
    for &(phrase, k, _) in super::PROSE.iter().filter(|(_, k, _)| *k != "pattern") {
        if let Some(n) = m.get(k).filter(|n| n.is_number()).cloned() {
            m.remove(k);
            prose.push(format!("{phrase} `{n}`"));
        }
    }
    if !prose.is_empty() {
        let mut d = m
            .get("description")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| format!("{d}\n\n"))
            .unwrap_or_default();
        d.push_str(&prose.join("\n\n"));
        m.insert("description".into(), Value::String(d));
    }
    let mut m = pin(order, &m, &SCHEMA_FIRST, &SCHEMA_LAST);
    for (k, c) in m.iter_mut() {
        match k.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                if let Value::Object(ps) = c {
                    for p in ps.values_mut() {
                        *p = fern_schema(order, p);
                    }
                }
            }
            "items"
            | "additionalProperties"
            | "unevaluatedProperties"
            | "unevaluatedItems"
            | "not"
            | "contains"
            | "propertyNames"
            | "if"
            | "then"
            | "else" => {
                *c = fern_schema(order, c);
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                if let Value::Array(a) = c {
                    for x in a.iter_mut() {
                        *x = fern_schema(order, x);
                    }
                }
            }
            _ => {}
        }
    }
    Value::Object(m)
}

/// A content map (media types) with Fern-ordered schemas.
fn fern_content(order: KeyOrder, v: &Value) -> Value {
    let Value::Object(m) = v else {
        return v.clone();
    };
    let mut m = m.clone();
    for mt in m.values_mut() {
        if let Value::Object(mm) = mt {
            // Examples reach Fern pages only as SDK snippets (docs/formats.md §1).
            mm.remove("example");
            mm.remove("examples");
        }
        if let Some(s) = mt.get_mut("schema") {
            *s = fern_schema(order, s);
        }
    }
    Value::Object(m)
}

/// An operation in Fern's key order (parameters, responses and bodies included).
fn fern_operation(order: KeyOrder, op: &Map<String, Value>) -> Map<String, Value> {
    let mut m = pin(order, op, &OPERATION_ORDER, &[]);
    // Fern never writes `security` (docs/formats.md §4).
    m.remove("security");
    if let Some(Value::Array(ps)) = m.get_mut("parameters") {
        for p in ps.iter_mut() {
            if let Value::Object(pm) = p {
                let mut q = pin(order, pm, &PARAMETER_ORDER, &[]);
                q.remove("example");
                q.remove("examples");
                if let Some(s) = q.get_mut("schema") {
                    *s = fern_schema(order, s);
                }
                if let Some(c) = q.get_mut("content") {
                    *c = fern_content(order, c);
                }
                *p = Value::Object(q);
            }
        }
    }
    if let Some(Value::Object(rs)) = m.get_mut("responses") {
        for r in rs.values_mut() {
            if let Value::Object(rm) = r {
                let mut q = pin(order, rm, &RESPONSE_ORDER, &[]);
                // Fern renders no response headers or links (docs/formats.md §1).
                q.remove("headers");
                q.remove("links");
                if let Some(c) = q.get_mut("content") {
                    *c = fern_content(order, c);
                }
                *r = Value::Object(q);
            }
        }
    }
    if let Some(Value::Object(b)) = m.get_mut("requestBody") {
        let mut q = pin(order, b, &["description", "content"], &[]);
        if let Some(c) = q.get_mut("content") {
            *c = fern_content(order, c);
        }
        *b = q;
    }
    m
}

/// The one-endpoint OpenAPI document for `(path, method)` with keys in `order`.
pub fn page_document_in(spec: &Value, path: &str, method: &str, order: KeyOrder) -> Value {
    let item = &spec["paths"][path];
    let op = inline(spec, &item[method], 0);
    let mut opm = Map::new();
    let mut body = None;
    let path_params = inline(spec, item.get("parameters").unwrap_or(&Value::Null), 0);
    for (k, v) in op.as_object().into_iter().flatten() {
        match k.as_str() {
            "requestBody" if order == KeyOrder::Fern => body = Some(v.clone()),
            "servers" => {}
            "parameters" => {
                let mut all: Vec<Value> = path_params.as_array().cloned().unwrap_or_default();
                all.extend(v.as_array().cloned().unwrap_or_default());
                opm.insert(k.clone(), Value::Array(all));
            }
            _ => {
                opm.insert(k.clone(), v.clone());
            }
        }
    }
    if let Some(b) = body {
        opm.insert("requestBody".into(), b);
    }
    let opm = fern_operation(order, &opm);
    let servers = item["servers"]
        .as_array()
        .or(spec["servers"].as_array())
        .cloned()
        .unwrap_or_default();
    // Reachable schemas, kept in source order.
    let mut reach = BTreeSet::new();
    let mut todo = Vec::new();
    collect_refs(&Value::Object(opm.clone()), &mut todo);
    while let Some(n) = todo.pop() {
        if reach.insert(n.clone()) {
            if let Some(s) = spec.pointer(&format!("/components/schemas/{n}")) {
                collect_refs(&inline(spec, s, 0), &mut todo);
            }
        }
    }
    let mut schemas = Map::new();
    if let Some(all) = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for (k, v) in all {
            if reach.contains(k) {
                schemas.insert(k.clone(), fern_schema(order, &inline(spec, v, 0)));
            }
        }
    }
    let mut doc = Map::new();
    doc.insert("openapi".into(), Value::String("3.1.0".into()));
    let mut info = Map::new();
    info.insert(
        "title".into(),
        spec.pointer("/info/title")
            .cloned()
            .unwrap_or(Value::String("API".into())),
    );
    info.insert("version".into(), Value::String("1.0.0".into()));
    doc.insert("info".into(), Value::Object(info));
    let mut pi = Map::new();
    pi.insert(method.to_string(), Value::Object(opm));
    let mut paths = Map::new();
    paths.insert(path.to_string(), Value::Object(pi));
    doc.insert("paths".into(), Value::Object(paths));
    if !servers.is_empty() {
        doc.insert("servers".into(), Value::Array(servers));
    }
    let mut comps = Map::new();
    if !schemas.is_empty() {
        comps.insert("schemas".into(), Value::Object(schemas));
    }
    if let Some(ss) = spec.pointer("/components/securitySchemes") {
        comps.insert("securitySchemes".into(), inline(spec, ss, 0));
    }
    if !comps.is_empty() {
        doc.insert("components".into(), Value::Object(comps));
    }
    Value::Object(doc)
}

/// A whole Fern page for one operation with keys in `order`.
pub fn page_in(spec: &Value, path: &str, method: &str, order: KeyOrder) -> String {
    let doc = page_document_in(spec, path, method, order);
    let op = &doc["paths"][path][method];
    let title = op["summary"]
        .as_str()
        .or(op["operationId"].as_str())
        .unwrap_or("Endpoint");
    let server = doc
        .pointer("/servers/0/url")
        .and_then(Value::as_str)
        .unwrap_or("https://api.example.com");
    let mut s = format!("# {title}\n\n{} {server}{path}\n", method.to_uppercase());
    if let Some(ct) = op
        .pointer("/requestBody/content")
        .and_then(Value::as_object)
        .and_then(|c| c.keys().next())
    {
        s.push_str(&format!("Content-Type: {ct}\n"));
    }
    if let Some(d) = op["description"].as_str() {
        s.push_str(&format!("\n{d}\n"));
    }
    s.push_str(
        "\nReference: https://docs.example.com/reference\n\n## OpenAPI Specification\n\n```yaml\n",
    );
    s.push_str(&dump(&doc));
    s.push_str(
        "\n```\n\n## SDK Code Examples\n\n```python\nimport requests\nrequests.get(\"x\")\n```\n",
    );
    s
}

/// Dumps `v` as YAML the way js-yaml does (block style, 2-space indent).
pub fn dump(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => map(m, 0, &mut out),
        other => {
            out.push_str(&scalar(other, 0));
            out.push('\n');
        }
    }
    out
}

fn pad(n: usize) -> String {
    " ".repeat(n)
}

fn map(m: &Map<String, Value>, ind: usize, out: &mut String) {
    let mut first = true;
    for (k, v) in m {
        if !first || !out.ends_with("- ") {
            out.push_str(&pad(ind));
        }
        first = false;
        out.push_str(&key(k));
        out.push(':');
        value_after_key(v, ind, out);
    }
}

fn value_after_key(v: &Value, ind: usize, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            map(m, ind + 2, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            seq(a, ind + 2, out);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other, ind + 2));
            out.push('\n');
        }
    }
}

fn seq(a: &[Value], ind: usize, out: &mut String) {
    for v in a {
        if !out.ends_with("- ") {
            out.push_str(&pad(ind));
        }
        out.push_str("- ");
        match v {
            Value::Object(m) if !m.is_empty() => map(m, ind + 2, out),
            Value::Array(x) if !x.is_empty() => seq(x, ind + 2, out),
            other => {
                out.push_str(&scalar(other, ind + 2));
                out.push('\n');
            }
        }
    }
}

fn plain_safe(s: &str) -> bool {
    if s.is_empty() || s.trim() != s {
        return false;
    }
    if s.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ]) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.contains('\n') {
        return false;
    }
    if s.chars().any(|c| c.is_control()) {
        return false;
    }
    matches!(resolve_plain(s), Value::String(_))
}

fn key(k: &str) -> String {
    if plain_safe(k) {
        k.to_string()
    } else {
        quote(k)
    }
}

fn quote(s: &str) -> String {
    if s.chars().any(|c| c.is_control()) {
        serde_json::to_string(s).unwrap_or_default()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

fn scalar(v: &Value, ind: usize) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        Value::String(s) => {
            // js-yaml folds a line longer than its width, max(40, 80 - indent), unless it
            // starts with a space — also a line without spaces (a long `$ref` becomes
            // `$ref: >-` + the reference on the next line, docs/formats.md §4).
            let long = s.chars().count() > fold_width(ind) && !s.starts_with(' ');
            if s.contains('\n') && !s.chars().any(|c| c.is_control() && c != '\n') {
                let body = s.trim_end_matches('\n');
                let chomp = if s.ends_with('\n') { "" } else { "-" };
                let lead = if body.starts_with(' ') { "2" } else { "" };
                let mut r = format!("|{lead}{chomp}");
                for line in body.split('\n') {
                    r.push('\n');
                    if !line.is_empty() {
                        r.push_str(&pad(ind));
                        r.push_str(line);
                    }
                }
                r
            } else if plain_safe(s) && !long {
                s.clone()
            } else if long && !s.chars().any(|c| c.is_control()) && s.trim() == s {
                let mut r = String::from(">-\n");
                r.push_str(&pad(ind));
                let mut col = ind;
                for (i, w) in s.split(' ').enumerate() {
                    if i > 0 {
                        if col + 1 + w.len() > 80 && col > ind && !w.is_empty() {
                            r.push('\n');
                            r.push_str(&pad(ind));
                            col = ind;
                        } else {
                            r.push(' ');
                            col += 1;
                        }
                    }
                    r.push_str(w);
                    col += w.len();
                }
                r
            } else {
                quote(s)
            }
        }
    }
}
