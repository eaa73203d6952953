//! Test-only renderer of Mintlify Markdown pages, variant A (docs/formats.md §5): the source
//! OpenAPI document pruned to one operation and the components it reaches, in source key order,
//! dumped as YAML inside the `` ````yaml SPEC method PATH `` fence under `## OpenAPI`.

#![allow(dead_code)]

use serde_json::{Map, Value};
use yaml_rust2::YamlEmitter;
use yaml_rust2::yaml::{Hash, Yaml};

/// Every local `$ref` string under `v`.
fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) if r.starts_with("#/") => {
                        if !out.contains(r) {
                            out.push(r.clone());
                        }
                    }
                    _ => refs(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// The document pruned to operation `method path`: root keys in source order, `paths` with the
/// one path item (its other operations dropped), `components` with what the kept parts reach
/// (every security scheme kept), no webhooks.
pub fn prune(spec: &Value, path: &str, method: &str) -> Value {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let mut item = Map::new();
    for (k, v) in spec["paths"][path].as_object().into_iter().flatten() {
        if k == method || !METHODS.contains(&k.as_str()) {
            item.insert(k.clone(), v.clone());
        }
    }
    let mut paths = Map::new();
    paths.insert(path.to_string(), Value::Object(item));
    let mut kept = Map::new();
    for (k, v) in spec.as_object().into_iter().flatten() {
        match k.as_str() {
            "paths" => {
                kept.insert(k.clone(), Value::Object(paths.clone()));
            }
            "webhooks" | "components" | "x-webhooks" => {}
            _ => {
                kept.insert(k.clone(), v.clone());
            }
        }
    }
    let mut wanted = Vec::new();
    refs(&Value::Object(kept.clone()), &mut wanted);
    let mut i = 0;
    while i < wanted.len() {
        if let Some(t) = spec.pointer(&wanted[i][1..]) {
            refs(t, &mut wanted);
        }
        i += 1;
    }
    let mut comps = Map::new();
    for (section, entries) in spec["components"].as_object().into_iter().flatten() {
        let mut keep = Map::new();
        for (name, v) in entries.as_object().into_iter().flatten() {
            let ptr = format!(
                "#/components/{section}/{}",
                name.replace('~', "~0").replace('/', "~1")
            );
            if section == "securitySchemes" || wanted.contains(&ptr) {
                keep.insert(name.clone(), v.clone());
            }
        }
        if !keep.is_empty() {
            comps.insert(section.clone(), Value::Object(keep));
        }
    }
    if !comps.is_empty() {
        kept.insert("components".into(), Value::Object(comps));
    }
    Value::Object(kept)
}

fn to_yaml(v: &Value) -> Yaml {
    match v {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Integer(i),
            None => Yaml::Real(n.to_string()),
        },
        Value::String(s) => Yaml::String(s.clone()),
        Value::Array(a) => Yaml::Array(a.iter().map(to_yaml).collect()),
        Value::Object(m) => {
            let mut h = Hash::new();
            for (k, v) in m {
                h.insert(Yaml::String(k.clone()), to_yaml(v));
            }
            Yaml::Hash(h)
        }
    }
}

/// A block-style YAML dump of `v`.
pub fn yaml(v: &Value) -> String {
    let mut out = String::new();
    let mut e = YamlEmitter::new(&mut out);
    e.dump(&to_yaml(v)).expect("YAML dump");
    out.strip_prefix("---\n").unwrap_or(&out).to_string()
}

/// The Mintlify page of operation `method path`, variant A.
pub fn variant_a(spec: &Value, path: &str, method: &str) -> String {
    let op = &spec["paths"][path][method];
    let title = op["summary"]
        .as_str()
        .or(op["operationId"].as_str())
        .unwrap_or(path);
    let mut page = format!("# {title}\n\n");
    if let Some(d) = op["description"].as_str() {
        if let Some(first) = d.split("\n\n").next().filter(|p| !p.trim().is_empty()) {
            for line in first.lines() {
                page += &format!("> {line}\n");
            }
            page.push('\n');
        }
    }
    page += &format!(
        "## OpenAPI\n\n````yaml spec.yaml {method} {path}\n{}\n````\n",
        yaml(&prune(spec, path, method)).trim_end()
    );
    page
}
