//! Swagger 2.0 documents (YAML or JSON) converted into OpenAPI 3.0 documents that the rest of
//! the pipeline reads like any other, the way `swagger2openapi` does.
//!
//! Contract: [`recover`] parses the text with [`crate::frontend::yaml`] (its line/column
//! errors) and returns an `openapi: 3.0.3` document (3.0 keeps 2.0's boolean
//! `exclusiveMinimum` and `nullable`; `cpaas spec export` prints it as 3.1 like any 3.0 file).
//! What moves where:
//!
//! * `host` + `basePath` + `schemes` -> `servers` (`servers`);
//! * `definitions` / `parameters` / `responses` / `securityDefinitions` ->
//!   `components.schemas` / `parameters` / `responses` / `securitySchemes`, every `$ref`
//!   rewritten; global `body` and `formData` parameters are not components: each `$ref` to one
//!   is inlined into the operation's `requestBody` (`paths`, `bodies`);
//! * parameters' types move under `schema`, `collectionFormat` becomes `style`/`explode`
//!   (`parameters`); `consumes`/`produces` become the media types of request bodies and
//!   responses, `application/json` when absent (`bodies`, `responses`);
//! * schemas: `x-nullable` -> `nullable`, `type: file` -> binary string, string
//!   `discriminator` -> `propertyName` (`schemas`); `x-` extensions are kept everywhere.
//!
//! Whatever cannot be converted is a warning (`swagger2.*`) naming the JSON pointer of the node
//! in the 2.0 document and its line; the converter never fails on a document that parses.
//! Node lines of path items and operations carry over (their pointers are unchanged).

mod bodies;
mod context;
mod parameters;
mod paths;
mod responses;
mod schemas;
mod security;
mod servers;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::recovered::Recovered;
use super::yaml;
use crate::diag::Diagnostic;
use context::{Ctx, child, copy_extensions, strings};

/// Root keys copied as they are.
const AS_IS: [&str; 4] = ["info", "tags", "externalDocs", "security"];

/// Root keys consumed by the conversion.
const CONSUMED: [&str; 11] = [
    "swagger",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
];

/// Parses a Swagger 2.0 document and converts it to OpenAPI 3.0.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let parsed = yaml::parse_with_locations(text)?;
    let (doc, diags) = convert(&parsed.value, &parsed.locations);
    let mut rec = Recovered::new(doc);
    rec.diagnostics = parsed.warnings;
    rec.diagnostics.extend(diags);
    rec.locations = carried_locations(&parsed.locations);
    Ok(rec)
}

/// Converts the Swagger 2.0 document `root` (whose node lines are `locations`, possibly empty)
/// into OpenAPI 3.0, with a warning for everything that could not be converted.
pub fn convert(root: &Value, locations: &BTreeMap<String, usize>) -> (Value, Vec<Diagnostic>) {
    let mut cx = Ctx::new(root, locations);
    let Value::Object(src) = root else {
        cx.warn(
            "swagger2.not-a-document",
            "",
            "expected a mapping at the root of a Swagger 2.0 document",
        );
        return (root.clone(), cx.diags);
    };
    let mut out = Map::new();
    out.insert("openapi".into(), "3.0.3".into());
    for k in AS_IS {
        if let Some(v) = src.get(k) {
            out.insert(k.into(), v.clone());
        }
    }
    out.insert(
        "servers".into(),
        Value::Array(servers::servers(&mut cx, root)),
    );
    let media = paths::Media {
        consumes: strings(src.get("consumes")).unwrap_or_default(),
        produces: strings(src.get("produces")).unwrap_or_default(),
    };
    match src.get("paths") {
        Some(Value::Object(p)) => {
            let converted = paths::paths(&mut cx, p, &media);
            out.insert("paths".into(), converted);
        }
        None => {
            out.insert("paths".into(), Value::Object(Map::new()));
        }
        Some(_) => {
            cx.warn(
                "swagger2.wrong-type",
                "/paths",
                "`paths` must be a mapping of path templates to path items; left out",
            );
            out.insert("paths".into(), Value::Object(Map::new()));
        }
    }
    let components = components(&mut cx, src, &media);
    if !components.is_empty() {
        out.insert("components".into(), Value::Object(components));
    }
    copy_extensions(src, &mut out);
    for k in src.keys() {
        if !k.starts_with("x-") && !AS_IS.contains(&k.as_str()) && !CONSUMED.contains(&k.as_str()) {
            cx.warn(
                "swagger2.unknown-key",
                &child("", k),
                format!("`{k}` is not a Swagger 2.0 root field; left out"),
            );
        }
    }
    (Value::Object(out), cx.diags)
}

/// The named sections of the document as `components`.
fn components(cx: &mut Ctx, src: &Map<String, Value>, media: &paths::Media) -> Map<String, Value> {
    let mut out = Map::new();
    let section = |cx: &mut Ctx, key: &str| -> Option<Map<String, Value>> {
        match src.get(key) {
            Some(Value::Object(m)) => Some(m.clone()),
            None => None,
            Some(_) => {
                cx.warn(
                    "swagger2.wrong-type",
                    &child("", key),
                    format!("`{key}` must be a mapping of names; left out"),
                );
                None
            }
        }
    };
    if let Some(defs) = section(cx, "definitions") {
        let mut m = Map::new();
        for (name, s) in &defs {
            let at = child("/definitions", name);
            m.insert(name.clone(), schemas::schema(cx, s, &at));
        }
        out.insert("schemas".into(), Value::Object(m));
    }
    if let Some(params) = section(cx, "parameters") {
        let mut m = Map::new();
        for (name, p) in &params {
            let at = child("/parameters", name);
            let Value::Object(p) = p else {
                cx.warn(
                    "swagger2.wrong-type",
                    &at,
                    "a parameter must be a mapping; left out",
                );
                continue;
            };
            // Body and form parameters are inlined into each operation that refers to them.
            match p.get("in").and_then(Value::as_str) {
                Some("body" | "formData") => {}
                _ => {
                    m.insert(name.clone(), parameters::parameter(cx, p, &at));
                }
            }
        }
        if !m.is_empty() {
            out.insert("parameters".into(), Value::Object(m));
        }
    }
    if let Some(responses) = section(cx, "responses") {
        let mut m = Map::new();
        for (name, r) in &responses {
            let at = child("/responses", name);
            m.insert(
                name.clone(),
                responses::response(cx, r, &media.produces, &at),
            );
        }
        out.insert("responses".into(), Value::Object(m));
    }
    if let Some(defs) = section(cx, "securityDefinitions") {
        let mut m = Map::new();
        for (name, d) in &defs {
            let at = child("/securityDefinitions", name);
            if let Some(s) = security::scheme(cx, d, &at) {
                m.insert(name.clone(), s);
            }
        }
        out.insert("securitySchemes".into(), Value::Object(m));
    }
    out
}

/// The node lines that mean the same node after conversion: path items and operations (same
/// pointers) and definitions (now `components.schemas`).
fn carried_locations(locations: &BTreeMap<String, usize>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (p, line) in locations {
        if p.starts_with("/paths/") {
            let depth = p.matches('/').count();
            if depth <= 3 {
                out.insert(p.clone(), *line);
            }
        } else if let Some(rest) = p.strip_prefix("/definitions/") {
            out.insert(format!("/components/schemas/{rest}"), *line);
        }
    }
    out
}
