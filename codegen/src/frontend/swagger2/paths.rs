//! Path items and operations. Query, path and header parameters are converted where they stand
//! (a `$ref` to `#/parameters/X` moves to `#/components/parameters/X`); `body` and `formData`
//! parameters, written on the operation, on its path item or as a `$ref` to a global one, are
//! gathered into the operation's `requestBody`, the operation's own overriding the path item's
//! (same `name` and `in`). `consumes`/`produces` of the operation override the global ones.

use serde_json::{Map, Value};

use super::bodies::{Located, request_body};
use super::context::{Ctx, child, copy_extensions, strings};
use super::parameters::parameter;
use super::responses::response;

/// The keys of a 2.0 path item that are operations.
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Keys of an operation copied as they are.
const AS_IS: [&str; 7] = [
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "deprecated",
    "security",
];

/// The document-wide `consumes` and `produces`.
pub(super) struct Media {
    /// Request media types.
    pub(super) consumes: Vec<String>,
    /// Response media types.
    pub(super) produces: Vec<String>,
}

/// The OpenAPI 3 `paths` of the 2.0 `paths` object `paths`.
pub(super) fn paths<'v>(cx: &mut Ctx<'v>, paths: &'v Map<String, Value>, media: &Media) -> Value {
    let mut out = Map::new();
    for (path, item) in paths {
        let at = child("/paths", path);
        if path.starts_with("x-") {
            out.insert(path.clone(), item.clone());
            continue;
        }
        let Value::Object(item) = item else {
            cx.warn(
                "swagger2.wrong-type",
                &at,
                "a path item must be a mapping; left out",
            );
            continue;
        };
        out.insert(path.clone(), path_item(cx, item, &at, media));
    }
    Value::Object(out)
}

/// A parameter as written (`$ref` resolved against the global `parameters`), or `None` with a
/// warning when it cannot be read.
fn resolve<'v>(cx: &mut Ctx<'v>, p: &'v Value, at: &str) -> Option<Located<'v>> {
    let root = cx.root;
    if let Some(Value::String(raw)) = p.get("$ref") {
        let found = raw
            .strip_prefix("#/parameters/")
            .map(|n| n.replace("~1", "/").replace("~0", "~"))
            .and_then(|n| root.get("parameters")?.get(n))
            .and_then(Value::as_object);
        if found.is_none() {
            cx.warn(
                "swagger2.parameter-ref",
                &child(at, "$ref"),
                format!("`$ref: {raw}` names no entry of the global `parameters`; left out"),
            );
            return None;
        }
        let name = raw.trim_start_matches("#/parameters/");
        return found.map(|o| (o, child("/parameters", name)));
    }
    match p {
        Value::Object(o) => Some((o, at.to_string())),
        _ => {
            cx.warn(
                "swagger2.wrong-type",
                at,
                "a parameter must be a mapping; left out",
            );
            None
        }
    }
}

/// The parameters of a list, split into those that stay parameters (converted, or `$ref`s) and
/// the body and form parameters (as written).
struct Split<'v> {
    params: Vec<(String, String, Value)>,
    body: Option<Located<'v>>,
    form: Vec<Located<'v>>,
}

fn split<'v>(cx: &mut Ctx<'v>, list: Option<&'v Value>, at: &str) -> Split<'v> {
    let mut s = Split {
        params: Vec::new(),
        body: None,
        form: Vec::new(),
    };
    let Some(list) = list else { return s };
    let Value::Array(list) = list else {
        cx.warn(
            "swagger2.wrong-type",
            at,
            "`parameters` must be a sequence; left out",
        );
        return s;
    };
    for (i, p) in list.iter().enumerate() {
        let here = child(at, &i.to_string());
        let Some((o, where_)) = resolve(cx, p, &here) else {
            continue;
        };
        let name = o.get("name").and_then(Value::as_str).unwrap_or("");
        let location = o.get("in").and_then(Value::as_str).unwrap_or("");
        match location {
            "body" => s.body = Some((o, where_)),
            "formData" => s.form.push((o, where_)),
            "query" | "path" | "header" => {
                let v = match p.get("$ref") {
                    Some(Value::String(raw)) => {
                        let mut m = Map::new();
                        let new = cx.reference(raw, &child(&here, "$ref"));
                        m.insert("$ref".into(), Value::String(new));
                        Value::Object(m)
                    }
                    _ => parameter(cx, o, &where_),
                };
                s.params.push((name.to_string(), location.to_string(), v));
            }
            other => cx.warn(
                "swagger2.parameter-location",
                &child(&where_, "in"),
                format!(
                    "parameter `{name}` is `in: {other}`; expected query, path, header, body or \
                     formData: left out"
                ),
            ),
        }
    }
    s
}

fn path_item<'v>(cx: &mut Ctx<'v>, item: &'v Map<String, Value>, at: &str, media: &Media) -> Value {
    let mut out = Map::new();
    let shared = split(cx, item.get("parameters"), &child(at, "parameters"));
    if !shared.params.is_empty() {
        let list = shared.params.iter().map(|(_, _, v)| v.clone()).collect();
        out.insert("parameters".into(), Value::Array(list));
    }
    for (k, v) in item {
        let here = child(at, k);
        match k.as_str() {
            m if METHODS.contains(&m) => {
                let Value::Object(op) = v else {
                    cx.warn(
                        "swagger2.wrong-type",
                        &here,
                        "an operation must be a mapping; left out",
                    );
                    continue;
                };
                out.insert(k.clone(), operation(cx, op, &here, &shared, media));
            }
            "parameters" => {}
            "$ref" => {
                cx.warn(
                    "swagger2.path-item-ref",
                    &here,
                    "a path item that is a `$ref` is kept as written (expected the bundler to \
                     have inlined it)",
                );
                out.insert(k.clone(), v.clone());
            }
            x if x.starts_with("x-") => {
                out.insert(k.clone(), v.clone());
            }
            _ => cx.warn(
                "swagger2.unknown-key",
                &here,
                format!("`{k}` is not a Swagger 2.0 path item field; left out"),
            ),
        }
    }
    Value::Object(out)
}

fn operation<'v>(
    cx: &mut Ctx<'v>,
    op: &'v Map<String, Value>,
    at: &str,
    shared: &Split<'v>,
    media: &Media,
) -> Value {
    let mut out = Map::new();
    for k in AS_IS {
        if let Some(v) = op.get(k) {
            out.insert(k.into(), v.clone());
        }
    }
    let own = split(cx, op.get("parameters"), &child(at, "parameters"));
    let params: Vec<Value> = own.params.iter().map(|(_, _, v)| v.clone()).collect();
    if !params.is_empty() {
        out.insert("parameters".into(), Value::Array(params));
    }
    let consumes = strings(op.get("consumes")).unwrap_or_else(|| media.consumes.clone());
    let produces = strings(op.get("produces")).unwrap_or_else(|| media.produces.clone());
    // The operation's body and form fields override the path item's of the same name.
    let body = own.body.clone().or_else(|| shared.body.clone());
    let mut form = own.form.clone();
    for (p, w) in &shared.form {
        let name = p.get("name");
        if !form.iter().any(|(q, _)| q.get("name") == name) {
            form.push((p, w.clone()));
        }
    }
    if let Some(rb) = request_body(cx, body, &form, &consumes, at) {
        out.insert("requestBody".into(), rb);
    }
    let mut responses = Map::new();
    match op.get("responses") {
        Some(Value::Object(rs)) => {
            let r_at = child(at, "responses");
            for (code, r) in rs {
                if code.starts_with("x-") {
                    responses.insert(code.clone(), r.clone());
                    continue;
                }
                let v = response(cx, r, &produces, &child(&r_at, code));
                responses.insert(code.clone(), v);
            }
        }
        _ => cx.warn(
            "swagger2.no-responses",
            at,
            "an operation without `responses`; expected a mapping of statuses",
        ),
    }
    out.insert("responses".into(), Value::Object(responses));
    if let Some(s) = op.get("schemes") {
        let global = cx.root.get("schemes");
        if Some(s) != global {
            cx.warn(
                "swagger2.operation-schemes",
                &child(at, "schemes"),
                "operation-level `schemes` are not converted: the document's servers apply",
            );
        }
    }
    copy_extensions(op, &mut out);
    for k in op.keys() {
        let known = k.starts_with("x-")
            || AS_IS.contains(&k.as_str())
            || matches!(
                k.as_str(),
                "parameters" | "consumes" | "produces" | "responses" | "schemes"
            );
        if !known {
            cx.warn(
                "swagger2.unknown-key",
                &child(at, k),
                format!("`{k}` is not a Swagger 2.0 operation field; left out"),
            );
        }
    }
    Value::Object(out)
}
