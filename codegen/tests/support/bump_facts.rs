//! The facts a Bump.sh page format carries about one operation, read from an original
//! OpenAPI 3.0 operation and from a recovered 3.1 document, as comparable strings.

#![allow(dead_code)]

use serde_json::{Value, json};

use super::bump_render::{humanize, props_owner, resolve, type_names};

/// Which page format (and so which facts) to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fmt {
    /// bump_md with every whitespace run collapsed: nesting lost, fields compared flat.
    BumpCollapsed,
    /// bump_md with its line breaks: nesting carried by indentation.
    BumpLines,
    /// text_dump: required, enums, constraints, examples, auth types (the curl sample) carried.
    TextDump,
}

impl Fmt {
    fn rich(self) -> bool {
        self == Fmt::TextDump
    }
}

/// What each Bump.sh page format cannot carry, by its renderer's definition
/// (`support/bump_render.rs`), so never compared. Everything else [`original`] lists is:
/// method and path; every parameter's location, name and type (nullable, format, array items,
/// 3.1 type arrays); the request body's media type, type and fields; every response's status,
/// headers, media type, type and fields; the first server; the security schemes in force.
/// Descriptions are not compared, nor is which of the operation and its path item owns the
/// text a page shows once: the generated code cannot tell them apart (an operation without a
/// description takes its path item's), and both readers give such text to the operation.
pub const NOT_CARRIED: &str = "bump_md: descriptions (not compared, nor the owner, operation \
    or path item, of the text shown once), required except path \
    parameters, enums, lengths/patterns/min/max/defaults, examples, operationId, security \
    scheme key and type (its humanised name is compared) and which schemes are alternatives, \
    oneOf/anyOf/allOf members, whether a response's media type has an untyped schema or none \
    (both `()`), and (collapsed) field nesting; text_dump: descriptions (not \
    compared, nor their owner), operationId, security scheme names, which schemes are alternatives, schemes \
    the curl sample cannot show (cookie keys, mutual TLS), server descriptions, examples \
    beyond the first per body/response, media types beyond the first, oneOf/anyOf/allOf \
    members.";

// ------------------------------------------------------------------ original (3.0)

fn ty_orig(spec: &Value, s: &Value) -> String {
    let s = resolve(spec, s);
    let ts = type_names(s);
    let nullable = s.get("nullable") == Some(&json!(true)) || ts.contains(&"null");
    let non_null: Vec<&str> = ts.iter().copied().filter(|t| *t != "null").collect();
    let Some(&t) = non_null.first() else {
        return if nullable {
            "null".into()
        } else {
            "any".into()
        };
    };
    let mut base = if non_null.len() > 1 {
        // As the recovered side compares several types: bare names.
        non_null.join("|")
    } else if t == "array" {
        format!(
            "array[{}]",
            s.get("items").map_or("any".into(), |i| ty_orig(spec, i))
        )
    } else {
        match s.get("format").and_then(Value::as_str) {
            Some(f) => format!("{t}({f})"),
            None => t.into(),
        }
    };
    if nullable {
        base += "|null";
    }
    base
}

fn constraints(s: &Value, items: Option<&Value>) -> String {
    let mut out = String::new();
    let enum_src = if s
        .get("type")
        .is_some_and(|t| t == "array" || t.as_array().is_some_and(|a| a.contains(&json!("array"))))
    {
        items
    } else {
        Some(s)
    };
    if let Some(e) = enum_src.and_then(|x| x.get("enum")) {
        out += &format!(" enum={e}");
    }
    for k in [
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "pattern",
        "default",
    ] {
        if let Some(v) = s.get(k) {
            out += &format!(" {k}={v}");
        }
    }
    out
}

fn constraints_orig(spec: &Value, s: &Value) -> String {
    let s = resolve(spec, s);
    let items = s.get("items").map(|i| resolve(spec, i));
    constraints(s, items)
}

fn fields_orig(
    spec: &Value,
    schema: &Value,
    prefix: &str,
    fmt: Fmt,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let Some(owner) = props_owner(spec, schema) else {
        return;
    };
    let required: Vec<Value> = owner
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (name, p) in owner["properties"].as_object().into_iter().flatten() {
        let key = if fmt == Fmt::BumpCollapsed {
            format!("{prefix}:{name}")
        } else {
            format!("{prefix}/{name}")
        };
        let mut f = format!("field {key} {}", ty_orig(spec, p));
        if fmt.rich() {
            f += &constraints_orig(spec, p);
            f += &format!(" required={}", required.contains(&json!(name)));
        }
        out.push(f);
        let next = if fmt == Fmt::BumpCollapsed {
            prefix.to_string()
        } else {
            key
        };
        fields_orig(spec, p, &next, fmt, out, depth + 1);
    }
}

fn example_of(media: &Value) -> Option<&Value> {
    media.get("example").or_else(|| {
        media
            .get("examples")
            .and_then(Value::as_object)
            .and_then(|e| e.values().next())
            .and_then(|e| e.get("value"))
    })
}

/// Facts of operation `method path` of an OpenAPI 3.0 document, as `fmt` carries them.
pub fn original(spec: &Value, path: &str, method: &str, fmt: Fmt) -> Vec<String> {
    let pi = &spec["paths"][path];
    let op = &pi[method];
    let mut out = vec![format!("op {} {path}", method.to_uppercase())];
    let params = [pi.get("parameters"), op.get("parameters")]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .map(|p| resolve(spec, p));
    for p in params {
        let loc = p["in"].as_str().unwrap_or("");
        let mut f = format!(
            "param {loc} {} {}",
            p["name"].as_str().unwrap_or(""),
            ty_orig(spec, &p["schema"])
        );
        if fmt.rich() {
            f += &constraints_orig(spec, &p["schema"]);
            f += &format!(" required={}", p.get("required") == Some(&json!(true)));
        } else if loc == "path" {
            f += " required=true";
        }
        out.push(f);
    }
    let body = op
        .get("requestBody")
        .map(|b| resolve(spec, b))
        .and_then(|b| b.get("content"))
        .and_then(Value::as_object)
        .and_then(|c| c.iter().next());
    if let Some((mt, media)) = body {
        out.push(format!("body-ct {mt}"));
        let schema = media.get("schema").unwrap_or(&Value::Null);
        out.push(format!("body-type {}", ty_orig(spec, schema)));
        fields_orig(spec, schema, "body", fmt, &mut out, 0);
        if fmt.rich() {
            if let Some(ex) = example_of(media) {
                out.push(format!("req-example {ex}"));
            }
        }
    }
    for (code, r) in op["responses"].as_object().into_iter().flatten() {
        let r = resolve(spec, r);
        out.push(format!("resp {code}"));
        for (h, hv) in r
            .get("headers")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let hv = resolve(spec, hv);
            let mut f = format!("resp-header {code} {h} {}", ty_orig(spec, &hv["schema"]));
            if fmt.rich() {
                f += &constraints_orig(spec, &hv["schema"]);
            }
            out.push(f);
        }
        if let Some((mt, media)) = r
            .get("content")
            .and_then(Value::as_object)
            .and_then(|c| c.iter().next())
        {
            out.push(format!("resp-ct {code} {mt}"));
            if let Some(s) = media.get("schema") {
                let t = ty_orig(spec, s);
                // bump_md writes an untyped schema and none alike: `()`.
                if fmt.rich() || t != "any" {
                    out.push(format!("resp-type {code} {t}"));
                }
                // The text renderer indents response fields one level deeper, and stops at the
                // same indentation as for the body: one level fewer.
                let start = usize::from(fmt == Fmt::TextDump);
                fields_orig(spec, s, &format!("resp{code}"), fmt, &mut out, start);
            }
            if fmt.rich() {
                if let Some(ex) = example_of(media) {
                    out.push(format!("resp-example {code} {ex}"));
                }
            }
        }
    }
    let server = [op.get("servers"), pi.get("servers"), spec.get("servers")]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .find(|a| !a.is_empty())
        .and_then(|a| a.first())
        .and_then(|s| s["url"].as_str());
    if let Some(s) = server {
        out.push(format!("server {s}"));
    }
    let sec = op.get("security").or_else(|| spec.get("security"));
    let keys = scheme_keys(sec);
    if fmt.rich() {
        // The text page shows credentials only in its curl sample, by what goes on the wire:
        // `--user` (basic), `Authorization: Bearer` (bearer and OAuth 2 alike), a key's header
        // or query parameter. Names are not shown.
        for k in keys {
            let s = &spec["components"]["securitySchemes"][&k];
            let scheme = s["scheme"].as_str().unwrap_or("").to_ascii_lowercase();
            let fact = match s["type"].as_str() {
                Some("http") if scheme == "basic" || scheme == "bearer" => {
                    format!("security-type http-{scheme}")
                }
                Some("oauth2" | "openIdConnect") => "security-type http-bearer".into(),
                Some("apiKey") if s["in"] == "header" || s["in"] == "query" => format!(
                    "security-type apiKey-{}-{}",
                    s["in"].as_str().unwrap_or(""),
                    s["name"].as_str().unwrap_or("")
                ),
                _ => continue,
            };
            if !out.contains(&fact) {
                out.push(fact);
            }
        }
    } else {
        // The Markdown page shows each scheme's humanised name, never its type.
        for k in keys {
            let name = humanize(&k);
            if !out.contains(&format!("security-name {name}")) {
                out.push(format!("security-name {name}"));
            }
        }
    }
    out.sort();
    out
}

/// The scheme keys of a `security` requirement list, each once, in order.
fn scheme_keys(sec: Option<&Value>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for k in sec
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|o| o.keys())
    {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    keys
}

// ------------------------------------------------------------------ recovered (3.1)

fn types(s: &Value) -> Vec<String> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

fn ty_rec(s: &Value) -> String {
    let ts = types(s);
    let nullable = ts.iter().any(|t| t == "null");
    let non_null: Vec<&String> = ts.iter().filter(|t| *t != "null").collect();
    let Some(t) = non_null.first() else {
        return if nullable {
            "null".into()
        } else {
            "any".into()
        };
    };
    let mut base = if *t == "array" {
        format!("array[{}]", s.get("items").map_or("any".into(), ty_rec))
    } else {
        match s.get("format").and_then(Value::as_str) {
            Some(f) => format!("{t}({f})"),
            None => t.to_string(),
        }
    };
    if non_null.len() > 1 {
        base = non_null
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join("|");
    }
    if nullable {
        base += "|null";
    }
    base
}

/// As `props_owner` on the original side: an array's items, else the schema when it has
/// properties (typed `object` or not).
fn owner_rec(s: &Value) -> Option<&Value> {
    let ts = types(s);
    if ts.iter().any(|t| t == "array") {
        return s.get("items").and_then(owner_rec);
    }
    s.get("properties")
        .and_then(Value::as_object)
        .filter(|p| !p.is_empty())
        .map(|_| s)
}

fn fields_rec(schema: &Value, prefix: &str, fmt: Fmt, out: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    let Some(owner) = owner_rec(schema) else {
        return;
    };
    let required: Vec<Value> = owner
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut all: Vec<(String, &Value)> = owner
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v))
        .collect();
    for d in owner
        .get("x-cpaas-duplicate-properties")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        all.push((d["name"].as_str().unwrap_or("").to_string(), &d["schema"]));
    }
    for (name, p) in all {
        let key = if fmt == Fmt::BumpCollapsed {
            format!("{prefix}:{name}")
        } else {
            format!("{prefix}/{name}")
        };
        let mut f = format!("field {key} {}", ty_rec(p));
        if fmt.rich() {
            f += &constraints(p, p.get("items"));
            f += &format!(" required={}", required.contains(&json!(name)));
        }
        out.push(f);
        let next = if fmt == Fmt::BumpCollapsed {
            prefix.to_string()
        } else {
            key
        };
        fields_rec(p, &next, fmt, out, depth + 1);
    }
}

/// Facts of the one operation of a recovered OpenAPI 3.1 document.
pub fn recovered(doc: &Value, fmt: Fmt) -> Vec<String> {
    let mut out = Vec::new();
    let Some((path, pi)) = doc["paths"].as_object().and_then(|p| p.iter().next()) else {
        return out;
    };
    let Some((method, op)) = pi
        .as_object()
        .and_then(|m| m.iter().find(|(k, _)| *k != "description"))
    else {
        return out;
    };
    out.push(format!("op {} {path}", method.to_uppercase()));
    for p in op
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let loc = p["in"].as_str().unwrap_or("");
        let mut f = format!(
            "param {loc} {} {}",
            p["name"].as_str().unwrap_or(""),
            ty_rec(&p["schema"])
        );
        if fmt.rich() {
            f += &constraints(&p["schema"], p["schema"].get("items"));
            f += &format!(" required={}", p.get("required") == Some(&json!(true)));
        } else if p.get("required") == Some(&json!(true)) {
            f += " required=true";
        }
        out.push(f);
    }
    if let Some((mt, media)) = op
        .get("requestBody")
        .and_then(|b| b.get("content"))
        .and_then(Value::as_object)
        .and_then(|c| c.iter().next())
    {
        out.push(format!("body-ct {mt}"));
        let schema = media.get("schema").unwrap_or(&Value::Null);
        out.push(format!("body-type {}", ty_rec(schema)));
        fields_rec(schema, "body", fmt, &mut out, 0);
        if let Some(ex) = media.get("example") {
            out.push(format!("req-example {ex}"));
        }
    }
    for (code, r) in op["responses"].as_object().into_iter().flatten() {
        out.push(format!("resp {code}"));
        for (h, hv) in r
            .get("headers")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let mut f = format!("resp-header {code} {h} {}", ty_rec(&hv["schema"]));
            if fmt.rich() {
                f += &constraints(&hv["schema"], hv["schema"].get("items"));
            }
            out.push(f);
        }
        if let Some((mt, media)) = r
            .get("content")
            .and_then(Value::as_object)
            .and_then(|c| c.iter().next())
        {
            out.push(format!("resp-ct {code} {mt}"));
            if let Some(s) = media.get("schema") {
                let t = ty_rec(s);
                if fmt.rich() || t != "any" {
                    out.push(format!("resp-type {code} {t}"));
                }
                let start = usize::from(fmt == Fmt::TextDump);
                fields_rec(s, &format!("resp{code}"), fmt, &mut out, start);
            }
            if let Some(ex) = media.get("example") {
                out.push(format!("resp-example {code} {ex}"));
            }
        }
    }
    if let Some(s) = doc["servers"].get(0).and_then(|s| s["url"].as_str()) {
        out.push(format!("server {s}"));
    }
    // Every recovered scheme's type (only what the page showed can match) and, where the page
    // shows names, its name (kept as the description).
    for k in scheme_keys(op.get("security")) {
        let s = &doc["components"]["securitySchemes"][&k];
        match s["type"].as_str() {
            Some("http") => out.push(format!(
                "security-type http-{}",
                s["scheme"].as_str().unwrap_or("")
            )),
            Some("apiKey") => out.push(format!(
                "security-type apiKey-{}-{}",
                s["in"].as_str().unwrap_or(""),
                s["name"].as_str().unwrap_or("")
            )),
            Some(t) => out.push(format!("security-type {t}")),
            None => {}
        }
        let name = s["description"]
            .as_str()
            .map_or_else(|| humanize(&k), str::to_string);
        if !fmt.rich() || s.get("type").is_none() {
            out.push(format!("security-name {name}"));
        }
    }
    out.sort();
    out
}

/// (facts of `a` also in `b`, counting repeats; facts of `a` missing from `b`; of `b` not in `a`).
pub fn diff(a: &[String], b: &[String]) -> (usize, Vec<String>, Vec<String>) {
    let mut rest: Vec<&String> = b.iter().collect();
    let mut missing = Vec::new();
    let mut matched = 0;
    for f in a {
        match rest.iter().position(|x| *x == f) {
            Some(i) => {
                rest.swap_remove(i);
                matched += 1;
            }
            None => missing.push(f.clone()),
        }
    }
    (matched, missing, rest.into_iter().cloned().collect())
}
