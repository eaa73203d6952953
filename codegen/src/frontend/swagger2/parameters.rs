//! Query, path and header parameters (and response headers): Swagger 2.0 writes their type
//! beside the name (`type`, `format`, `items`, `enum`, `default`, bounds, `pattern`, …);
//! OpenAPI 3 moves it under `schema`. An array's `collectionFormat` becomes `style`/`explode`:
//! `csv` (the default) -> `form` with `explode: false` in a query (`simple` in a path or
//! header), `multi` -> `form` with `explode: true`, `ssv` -> `spaceDelimited`, `pipes` ->
//! `pipeDelimited`; `tsv`, which OpenAPI 3 cannot say, is warned about and read as `csv`.

use serde_json::{Map, Value};

use super::context::{Ctx, child, copy_extensions};

/// The keys of a 2.0 parameter, header or `items` object that describe its value's type.
const TYPE_KEYS: [&str; 16] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
];

/// How an array parameter is serialised, as OpenAPI 3 says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Style {
    /// `form`, `simple`, `spaceDelimited` or `pipeDelimited`.
    pub(super) style: &'static str,
    /// Whether each item is its own `name=value` pair.
    pub(super) explode: bool,
}

/// The schema of a parameter, header or `items` object `p` (at `at`): its type keys, with
/// `items` converted the same way, `type: file` as a binary string, `x-nullable` as `nullable`.
pub(super) fn simple_schema(cx: &mut Ctx, p: &Map<String, Value>, at: &str) -> Value {
    let mut s = Map::new();
    for key in TYPE_KEYS {
        let Some(v) = p.get(key) else { continue };
        match (key, v) {
            ("items", Value::Object(items)) => {
                let here = child(at, "items");
                if let Some(Value::String(f)) = items.get("collectionFormat") {
                    if f != "csv" {
                        cx.warn(
                            "swagger2.nested-collection-format",
                            &child(&here, "collectionFormat"),
                            format!(
                                "`collectionFormat: {f}` inside `items` (an array of arrays) \
                                 has no OpenAPI 3 form; expected it on the outer parameter \
                                 only: the inner arrays are read as csv"
                            ),
                        );
                    }
                }
                s.insert("items".into(), simple_schema(cx, items, &here));
            }
            ("type", Value::String(t)) if t == "file" => {
                s.insert("type".into(), "string".into());
                s.insert("format".into(), "binary".into());
            }
            ("format", _) if p.get("type").and_then(Value::as_str) == Some("file") => {}
            _ => {
                s.insert(key.into(), v.clone());
            }
        }
    }
    if let Some(Value::Bool(b)) = p.get("x-nullable") {
        s.insert("nullable".into(), Value::Bool(*b));
    }
    Value::Object(s)
}

/// The OpenAPI 3 style of an array parameter in `location` (`query`, `path`, `header`,
/// `formData`) whose 2.0 `collectionFormat` is `format` (`None`: the default, `csv`).
/// Formats the location cannot take are warned about and read as `csv`.
pub(super) fn style(cx: &mut Ctx, location: &str, format: Option<&str>, at: &str) -> Style {
    let form = matches!(location, "query" | "formData");
    let csv = Style {
        style: if form { "form" } else { "simple" },
        explode: false,
    };
    let format = format.unwrap_or("csv");
    let (result, ok) = match format {
        "csv" => (csv, true),
        "multi" if form => (
            Style {
                style: "form",
                explode: true,
            },
            true,
        ),
        "ssv" if form => (
            Style {
                style: "spaceDelimited",
                explode: false,
            },
            true,
        ),
        "pipes" if form => (
            Style {
                style: "pipeDelimited",
                explode: false,
            },
            true,
        ),
        _ => (csv, false),
    };
    if !ok {
        let why = if format == "tsv" {
            "tab-separated values have no OpenAPI 3 style".to_string()
        } else if matches!(format, "multi" | "ssv" | "pipes") {
            format!("`{format}` is not allowed in `{location}`")
        } else {
            format!("`{format}` is not a collection format")
        };
        cx.warn(
            "swagger2.collection-format",
            &child(at, "collectionFormat"),
            format!(
                "{why}; expected csv, ssv, pipes or multi (multi only in query and formData): \
                 read as csv"
            ),
        );
    }
    result
}

/// The OpenAPI 3 form of a query, path or header parameter `p` found at `at`.
pub(super) fn parameter(cx: &mut Ctx, p: &Map<String, Value>, at: &str) -> Value {
    let location = p.get("in").and_then(Value::as_str).unwrap_or("");
    let mut out = Map::new();
    for key in ["name", "in", "description", "required", "deprecated"] {
        if let Some(v) = p.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    if location == "query" {
        if let Some(v) = p.get("allowEmptyValue") {
            out.insert("allowEmptyValue".into(), v.clone());
        }
    }
    if p.get("type").and_then(Value::as_str) == Some("file") {
        cx.warn(
            "swagger2.file-parameter",
            &child(at, "type"),
            format!(
                "`type: file` is only allowed in formData parameters, not in `{location}`; read \
                 as a binary string"
            ),
        );
    }
    let schema = simple_schema(cx, p, at);
    if p.get("type").and_then(Value::as_str) == Some("array") {
        let format = p.get("collectionFormat").and_then(Value::as_str);
        let s = style(cx, location, format, at);
        out.insert("style".into(), s.style.into());
        out.insert("explode".into(), Value::Bool(s.explode));
    }
    out.insert("schema".into(), schema);
    copy_extensions(p, &mut out);
    // Converted into the schema's `nullable`.
    out.remove("x-nullable");
    for k in p.keys() {
        let known = k.starts_with("x-")
            || TYPE_KEYS.contains(&k.as_str())
            || matches!(
                k.as_str(),
                "name"
                    | "in"
                    | "description"
                    | "required"
                    | "deprecated"
                    | "allowEmptyValue"
                    | "collectionFormat"
                    | "x-nullable"
            );
        if !known {
            cx.warn(
                "swagger2.unknown-key",
                &child(at, k),
                format!("`{k}` is not a Swagger 2.0 parameter field; left out"),
            );
        }
    }
    Value::Object(out)
}

/// The OpenAPI 3 form of a response header `h` found at `at`: description, extensions and a
/// schema.
pub(super) fn header(cx: &mut Ctx, h: &Value, at: &str) -> Value {
    let Value::Object(h) = h else {
        return h.clone();
    };
    let mut out = Map::new();
    if let Some(d) = h.get("description") {
        out.insert("description".into(), d.clone());
    }
    if h.get("type").and_then(Value::as_str) == Some("array") {
        let format = h.get("collectionFormat").and_then(Value::as_str);
        style(cx, "header", format, at);
    }
    out.insert("schema".into(), simple_schema(cx, h, at));
    copy_extensions(h, &mut out);
    out.remove("x-nullable");
    Value::Object(out)
}
