//! Inputs shared by the benchmarks and the tests: the vendored corpus and synthetic specs.
//! (Included by tests with `#[path]`, so not every item is used everywhere.)
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// `/work/shared` (the folder beside the repository), if present.
pub fn shared_dir() -> Option<PathBuf> {
    let d = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared"));
    d.is_dir().then(|| d.to_path_buf())
}

/// Every regular file under `dir`, largest first (then by path, for a stable order).
pub fn files_largest_first(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(m) = e.metadata() {
                out.push((p, m.len()));
            }
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Number of operations in an OpenAPI document.
pub fn count_ops(doc: &Value) -> usize {
    doc.get("paths")
        .and_then(Value::as_object)
        .map(|paths| {
            paths
                .values()
                .filter_map(Value::as_object)
                .map(|item| {
                    item.keys()
                        .filter(|k| METHODS.contains(&k.as_str()))
                        .count()
                })
                .sum()
        })
        .unwrap_or(0)
}

/// `doc` with its operations repeated `k` times: copy `i` (1-based past the original) of path
/// `/p` is `/copy{i}/p`, and its operations' `operationId`s get a `Copy{i}` suffix. Components
/// are not copied, so shared types stay shared: cost should grow with operations only.
pub fn scale_ops(doc: &Value, k: usize) -> Value {
    let mut out = doc.clone();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    let mut scaled = Map::new();
    for copy in 0..k {
        for (path, item) in paths {
            if copy == 0 {
                scaled.insert(path.clone(), item.clone());
                continue;
            }
            let mut item = item.clone();
            if let Some(obj) = item.as_object_mut() {
                for (method, op) in obj.iter_mut() {
                    if !METHODS.contains(&method.as_str()) {
                        continue;
                    }
                    if let Some(o) = op.as_object_mut() {
                        if let Some(id) = o.get("operationId").and_then(Value::as_str) {
                            let id = format!("{id}Copy{copy}");
                            o.insert("operationId".into(), Value::String(id));
                        }
                    }
                }
            }
            scaled.insert(format!("/copy{copy}{path}"), item);
        }
    }
    if let Some(o) = out.as_object_mut() {
        o.insert("paths".into(), Value::Object(scaled));
    }
    out
}

/// A synthetic OpenAPI 3.1 document with `n` operations of a realistic shape: a path
/// parameter, a query parameter, a JSON body on every other operation, a shared response model
/// and a shared error model.
pub fn synthetic_spec(n: usize) -> Value {
    let mut paths = Map::new();
    for i in 0..n {
        let mut op = json!({
            "operationId": format!("op{i}"),
            "summary": format!("Operation number {i}."),
            "parameters": [
                {"name": "Id", "in": "path", "required": true, "schema": {"type": "string"}},
                {"name": "PageSize", "in": "query", "schema": {"type": "integer", "maximum": 1000}}
            ],
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                "404": {"description": "missing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            }
        });
        if i % 2 == 1 {
            op["requestBody"] = json!({
                "required": true,
                "content": {"application/json": {"schema": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "tags": {"type": "array", "items": {"type": "string"}}
                }}}}
            });
        }
        let method = if i % 2 == 1 { "post" } else { "get" };
        paths.insert(format!("/things{i}/{{Id}}"), json!({ method: op }));
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Synthetic", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "paths": paths,
        "components": {"schemas": {
            "Item": {"type": "object", "required": ["id"], "properties": {
                "id": {"type": "string"}, "created": {"type": "string", "format": "date-time"},
                "status": {"type": "string", "enum": ["active", "deleted"]}
            }},
            "Problem": {"type": "object", "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}}
        }}
    })
}
