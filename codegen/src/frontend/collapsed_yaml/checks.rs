//! Checks on a whole reading once it is built as JSON: strings that swallowed structure, local
//! `$ref`s that do not resolve, how many key pairs ascend (R17's evidence), and the JSON
//! pointers where two readings differ. They read values only, never the search state.

use std::collections::HashSet;

use serde_json::Value;

use crate::diag::pointer_token;

/// JSON pointers of strings in `v` whose text holds a `$ref: '#/` mapping entry.
/// Whether text holds OpenAPI structure, which prose does not: a `$ref: '#/…'` entry, an
/// operation's own key (`operationId: `, `responses: '200':`, `requestBody: `), or two kinds of
/// schema entries (`type: object`, `properties: `, `description: `…).
pub(super) fn holds_structure(s: &str) -> bool {
    const STRONG: [&str; 6] = [
        "$ref: '#/",
        "$ref: \"#/",
        "$ref: >-",
        "operationId: ",
        "responses: '",
        "requestBody: ",
    ];
    const WEAK: [&str; 11] = [
        "type: object",
        "type: string",
        "type: integer",
        "type: array",
        "type: boolean",
        "properties: ",
        "content: application/",
        "schema: ",
        "description: ",
        "example: ",
        "tags: - ",
    ];
    STRONG.iter().any(|m| s.contains(m)) || WEAK.iter().filter(|m| s.contains(*m)).count() >= 2
}

pub(super) fn ref_in_text(v: &Value, at: String, depth: usize, out: &mut Vec<String>) {
    if depth > 128 || out.len() >= 5 {
        return;
    }
    match v {
        Value::String(s) if holds_structure(s) => {
            out.push(if at.is_empty() { "/".into() } else { at });
        }
        Value::Object(m) => {
            for (k, c) in m {
                ref_in_text(c, format!("{at}/{}", pointer_token(k)), depth + 1, out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                ref_in_text(c, format!("{at}/{i}"), depth + 1, out);
            }
        }
        _ => {}
    }
}

/// True when every local `$ref` (`#/…`) in `v` whose target name is among `defined` (written as
/// a key on the page) resolves in `root`.
pub(super) fn refs_resolve(
    root: &Value,
    v: &Value,
    defined: &HashSet<String>,
    depth: usize,
) -> bool {
    if depth > 128 {
        return true;
    }
    match v {
        Value::Object(m) => m.iter().all(|(k, c)| match (k.as_str(), c) {
            ("$ref", Value::String(r)) => r.strip_prefix('#').is_none_or(|p| {
                let name = p.rsplit('/').next().unwrap_or("");
                p.is_empty() || !defined.contains(name) || root.pointer(p).is_some()
            }),
            _ => refs_resolve(root, c, defined, depth + 1),
        }),
        Value::Array(a) => a.iter().all(|c| refs_resolve(root, c, defined, depth + 1)),
        _ => true,
    }
}

/// Counts `[ascending, all]` adjacent key pairs of the `properties` mappings in `v` (`props`)
/// and of the schema mappings (those with `type` or `properties`: `schemas`).
pub(super) fn count_sorted_maps(
    v: &Value,
    depth: usize,
    props: &mut [usize; 2],
    schemas: &mut [usize; 2],
) {
    if depth > 64 {
        return;
    }
    let count = |keys: Vec<&String>, into: &mut [usize; 2]| {
        if keys.len() >= 2 {
            into[1] += keys.len() - 1;
            into[0] += keys.windows(2).filter(|w| w[0] <= w[1]).count();
        }
    };
    match v {
        Value::Object(m) => {
            if m.contains_key("type") || m.contains_key("properties") {
                count(m.keys().collect(), schemas);
            }
            for (k, c) in m {
                if let (true, Value::Object(ps)) = (k == "properties", c) {
                    count(ps.keys().collect(), props);
                }
                count_sorted_maps(c, depth + 1, props, schemas);
            }
        }
        Value::Array(a) => a
            .iter()
            .for_each(|c| count_sorted_maps(c, depth + 1, props, schemas)),
        _ => {}
    }
}

/// JSON pointers where `a` and `b` differ (the shallowest differing nodes).
pub(super) fn diff(a: &Value, b: &Value, at: String, out: &mut Vec<String>) {
    if a == b || out.len() >= 16 {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let same_keys = x.len() == y.len() && x.keys().all(|k| y.contains_key(k));
            if !same_keys {
                out.push(if at.is_empty() { "/".into() } else { at });
                return;
            }
            for (k, v) in x {
                if let Some(w) = y.get(k) {
                    diff(v, w, format!("{at}/{}", pointer_token(k)), out);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(v, w, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(if at.is_empty() { "/".into() } else { at }),
    }
}

/// What two readings say at `pointer`, for a warning: the keys only one of them has there
/// (`description` on the property or on its owner), or the two values, each cut to 60
/// characters.
pub(super) fn what_differs(a: &Value, b: &Value, pointer: &str) -> String {
    let at = |v: &Value| {
        v.pointer(if pointer == "/" { "" } else { pointer })
            .cloned()
    };
    let short = |v: Option<Value>| {
        let s = v.map_or("nothing".to_string(), |v| v.to_string());
        match s.char_indices().nth(60) {
            Some((i, _)) => format!("{}…", &s[..i]),
            None => s,
        }
    };
    match (at(a), at(b)) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let only = |x: &serde_json::Map<String, Value>, y: &serde_json::Map<String, Value>| {
                let ks: Vec<String> = x
                    .keys()
                    .filter(|k| !y.contains_key(*k))
                    .map(|k| format!("`{k}`"))
                    .collect();
                if ks.is_empty() {
                    "no other key".to_string()
                } else {
                    ks.join(", ")
                }
            };
            format!(
                "the reading taken gives this object {}, the other {}",
                only(&x, &y),
                only(&y, &x)
            )
        }
        (x, y) => format!("the reading taken has {}, the other {}", short(x), short(y)),
    }
}

/// JSON pointers of strings that hold their own key followed by `: ` (a `description` whose
/// text holds `description: `): a block scalar that ran past the next key of the same name.
/// Prose repeating its own key so is rare (none in the vendored corpus specs).
pub(super) fn own_key_in_text(v: &Value, at: String, depth: usize, out: &mut Vec<String>) {
    if depth > 128 || out.len() >= 5 {
        return;
    }
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let here = format!("{at}/{}", pointer_token(k));
                match c {
                    Value::String(s) if s.contains(&format!("{k}: ")) => out.push(here),
                    _ => own_key_in_text(c, here, depth + 1, out),
                }
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                own_key_in_text(c, format!("{at}/{i}"), depth + 1, out);
            }
        }
        _ => {}
    }
}

/// Why the page refutes `other`, a complete reading that differs from the preferred `taken`, if
/// it does: facts of the format that `taken` keeps and `other` breaks.
/// - OpenAPI requires every Response to have a `description`: a reading that leaves one without
///   it, where the reading taken gives it one, moved the response's description into a schema.
/// - Example data in sorted key order: on a page whose data mappings (nearly) all ascend, a
///   reading with more pairs out of order moved a schema keyword into the data.
pub(super) fn refutation(taken: &Value, other: &Value) -> Option<&'static str> {
    let responses = |v: &Value| -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for (p, item) in v
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            for (m, op) in item.as_object().into_iter().flatten() {
                let rs = op.get("responses").and_then(Value::as_object);
                for (code, r) in rs.into_iter().flatten() {
                    if r.is_object() {
                        out.push((format!("{p} {m} {code}"), r.get("description").is_some()));
                    }
                }
            }
        }
        out
    };
    let described: HashSet<String> = responses(taken)
        .into_iter()
        .filter_map(|(at, d)| d.then_some(at))
        .collect();
    if responses(other)
        .iter()
        .any(|(at, d)| !d && described.contains(at))
    {
        return Some("a response without its required `description`");
    }
    // A page whose example data keeps its mappings' keys ascending (nine pairs in ten at least,
    // of eight or more, as generators that sort keys write them) does not hold a data mapping
    // out of that order: a reading with more descending pairs in its data than the reading
    // taken moved a schema keyword into the data (`example: {page: 1} properties: …`).
    let mut t = [0usize; 2];
    data_pairs(taken, false, 0, &mut t);
    let t_desc = t[1] - t[0];
    if t[1] >= 8 && t_desc * 10 <= t[1] {
        let mut o = [0usize; 2];
        data_pairs(other, false, 0, &mut o);
        if o[1] - o[0] > t_desc {
            return Some("example data out of the ascending key order the page's data keeps");
        }
    }
    None
}

/// Counts `[ascending, all]` adjacent key pairs of the mappings inside example data (the values
/// of `example`, `examples` and `default` keys) in `v`.
fn data_pairs(v: &Value, data: bool, depth: usize, out: &mut [usize; 2]) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(m) => {
            if data && m.len() >= 2 {
                let keys: Vec<&String> = m.keys().collect();
                out[1] += keys.len() - 1;
                out[0] += keys.windows(2).filter(|w| w[0] <= w[1]).count();
            }
            for (k, c) in m {
                let d = data || matches!(k.as_str(), "example" | "examples" | "default");
                data_pairs(c, d, depth + 1, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| data_pairs(c, data, depth + 1, out)),
        _ => {}
    }
}

/// Whether readings `a` and `b` differ only inside schema example data (the values of
/// `example` and `examples` keywords, not properties named so nor a media type's examples,
/// which the generated client keeps): the lowering reads no schema example, so such a
/// difference does not reach the generated code.
pub(crate) fn only_example_data(a: &Value, b: &Value) -> bool {
    strip_examples(a, "", "", 0) == strip_examples(b, "", "", 0)
}

/// `v` without schema `example`/`examples` values (`parent` is the key holding `v`, `grand`
/// the one holding that).
fn strip_examples(v: &Value, parent: &str, grand: &str, depth: usize) -> Value {
    if depth > 128 {
        return v.clone();
    }
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| {
                    // Kept: other keys, and properties, components, media types and the root
                    // named so.
                    !matches!(k.as_str(), "example" | "examples")
                        || matches!(parent, "properties" | "patternProperties" | "components")
                        || grand == "content"
                        || parent.is_empty()
                })
                .map(|(k, c)| (k.clone(), strip_examples(c, k, parent, depth + 1)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|c| strip_examples(c, parent, grand, depth + 1))
                .collect(),
        ),
        _ => v.clone(),
    }
}
