//! One operation (a method of a path item) into an [`ir::Operation`]: its Rust name, its
//! parameters (path-item level overridden by operation level, undeclared template names added
//! as required strings), its request body (JSON preferred, then form, then text; multipart fields in `multipart.rs`), its
//! responses by status (every media type of a success, for `success`), and the security schemes that apply. An operation without
//! its own summary or description takes its path item's. The path template is parsed once
//! ([`PathTemplate`]) and kept on the operation.
//!
//! [`ir::Operation`]: crate::ir::Operation

use serde_json::{Map, Value};

use super::helpers::{kind_of, line_of, map_text, str_of, text_of};
use super::schema::constraints;
use super::secret;
use super::state::{Doc, Lowerer};
use super::success::Answer;
use crate::diag::{Diagnostic, pointer_token};
use crate::ir::{
    BodyEncoding, Constraints, Operation, Param, ParamLocation, PathTemplate, RequestBody,
    Required, Response, ResponseBody, SourceRef, StatusSpec, TypeKind, TypeRef,
};
use crate::naming::{Namespace, camel, media_word, nested_type, snake};

impl Lowerer {
    pub(super) fn operation(
        &mut self,
        doc: &Doc,
        path: &str,
        method: &str,
        item: &Map<String, Value>,
        op: &Value,
    ) -> Result<(), Diagnostic> {
        let pointer = format!("/paths/{}/{method}", pointer_token(path));
        let id_source = text_of(op, "operationId")
            .or_else(|| text_of(op, "summary"))
            .unwrap_or_else(|| format!("{method} {path}"));
        let rust_name = self.ops_ns.claim(&snake(&id_source));
        let type_base = camel(&rust_name);
        let line = doc.locations.get(&pointer).copied().unwrap_or(0);

        // Parameters: path-item level, overridden by operation level (same name and location).
        let mut raw_params: Vec<&Value> = Vec::new();
        for list in [item.get("parameters"), op.get("parameters")] {
            for p in list.and_then(Value::as_array).into_iter().flatten() {
                let p = self.deref_value(doc, p);
                let key = (str_of(p, "name"), str_of(p, "in"));
                raw_params.retain(|q| (str_of(q, "name"), str_of(q, "in")) != key);
                raw_params.push(p);
            }
        }
        let mut args_ns = Namespace::new();
        for reserved in ["send", "body", "client", "new"] {
            args_ns.reserve(reserved);
        }
        let mut params = Vec::new();
        for (i, p) in raw_params.iter().enumerate() {
            let Some(name) = str_of(p, "name") else {
                self.warn(
                    "lower.parameter-without-name",
                    doc.file,
                    format!("{pointer}/parameters/{i}"),
                    "a parameter without `name` was skipped".into(),
                );
                continue;
            };
            let location = match str_of(p, "in") {
                Some("path") => ParamLocation::Path,
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                Some("cookie") => ParamLocation::Cookie,
                other => {
                    self.warn(
                        "lower.parameter-location",
                        doc.file,
                        format!("{pointer}/parameters/{i}"),
                        format!(
                            "parameter `{name}` has location {other:?}; expected path, query, \
                             header or cookie; skipped"
                        ),
                    );
                    continue;
                }
            };
            let schema = p.get("schema").cloned().unwrap_or(Value::Null);
            if !matches!(schema, Value::Object(_) | Value::Null | Value::Bool(_)) {
                let at = format!("{pointer}/parameters/{i}/schema");
                self.diags.push(
                    Diagnostic::warning(
                        "lower.wrong-type",
                        format!(
                            "parameter `{name}`: expected a schema object, found {}; typed as \
                             untyped JSON",
                            kind_of(&schema)
                        ),
                    )
                    .at(line_of(doc.locations, &at), 1)
                    .pointer(at)
                    .in_file(doc.file),
                );
            }
            let ty = self.schema_type(doc, &schema, &nested_type(&type_base, name));
            let required = if location == ParamLocation::Path
                || p.get("required") == Some(&Value::Bool(true))
            {
                Required::Yes
            } else if p.get("x-cpaas-required-unknown") == Some(&Value::Bool(true)) {
                Required::Unknown
            } else {
                Required::No
            };
            let resolved = self.deref_value(doc, &schema).clone();
            let ty = secret::decide(ty, Some(name), &[p, &schema, &resolved]);
            let schema = resolved;
            params.push(Param {
                name: name.to_string(),
                rust_name: args_ns.claim(&snake(name)),
                location,
                required,
                ty,
                description: text_of(p, "description").or_else(|| text_of(&schema, "description")),
                constraints: constraints(&schema),
                deprecated: p.get("deprecated") == Some(&Value::Bool(true)),
                join: (location == ParamLocation::Query)
                    .then(|| query_join(p))
                    .flatten(),
            });
        }
        // Path template parameters the source did not list are still required strings.
        let template = PathTemplate::parse(path);
        for name in template.params() {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.name == name)
            {
                self.warn(
                    "lower.path-parameter-undeclared",
                    doc.file,
                    pointer.clone(),
                    format!("path parameter `{name}` is not declared; taken as a string"),
                );
                params.push(Param {
                    rust_name: args_ns.claim(&snake(name)),
                    name: name.to_string(),
                    location: ParamLocation::Path,
                    required: Required::Yes,
                    ty: secret::decide(TypeRef::String, Some(name), &[]),
                    description: None,
                    constraints: Constraints::default(),
                    deprecated: false,
                    join: None,
                });
            }
        }

        let body = match op.get("requestBody") {
            Some(rb) => self.request_body(doc, &pointer, rb, &type_base),
            None => None,
        };

        let mut responses = Vec::new();
        let mut answers = Vec::new();
        let mut events = None;
        if let Some(map) = op.get("responses").and_then(Value::as_object) {
            let successes = map
                .keys()
                .filter(|k| k.starts_with('2') || k.starts_with('3'))
                .count();
            for (code, resp) in map {
                let status = match parse_status(code) {
                    Some(s) => s,
                    None => {
                        self.warn(
                            "lower.response-status",
                            doc.file,
                            format!("{pointer}/responses/{}", pointer_token(code)),
                            format!("response key `{code}` is no status; skipped"),
                        );
                        continue;
                    }
                };
                if responses.iter().any(|r: &Response| r.status == status) {
                    self.warn(
                        "lower.response-status-duplicate",
                        doc.file,
                        format!("{pointer}/responses/{}", pointer_token(code)),
                        format!("response key `{code}` repeats a status listed before; skipped"),
                    );
                    continue;
                }
                let hint = match status {
                    StatusSpec::Code(c) if (200..400).contains(&c) && successes <= 1 => {
                        format!("{type_base}Response")
                    }
                    StatusSpec::Code(c) if (200..400).contains(&c) => {
                        format!("{type_base}Response{c}")
                    }
                    StatusSpec::Code(c) => format!("{type_base}Error{c}"),
                    StatusSpec::Range(r) => format!("{type_base}Response{r}xx"),
                    StatusSpec::Default => format!("{type_base}DefaultResponse"),
                };
                // With no success status documented, `default` is what a 2xx answers.
                let answer = match status {
                    StatusSpec::Code(c) if (200..400).contains(&c) => Some(status),
                    StatusSpec::Range(2 | 3) => Some(status),
                    StatusSpec::Default if successes == 0 => Some(StatusSpec::Range(2)),
                    _ => None,
                };
                let resp = self.deref_value(doc, resp).clone();
                let (response, media) = self.response(doc, status, &resp, &hint, answer.is_some());
                if answer.is_some() && events.is_none() {
                    events = self.event_stream(doc, &resp, &format!("{type_base}Event"));
                }
                if let Some(status) = answer {
                    answers.push(Answer {
                        status,
                        description: response.description.clone(),
                        media,
                    });
                }
                responses.push(response);
            }
        }
        responses.sort_by_key(|r| r.status);
        let success = self.success(&type_base, answers);
        let pagination = self.pagination(doc, &pointer, method, op, &params, &success);

        // Alternatives stay alternatives: one list per requirement object, in source order.
        let security = match op.get("security").or_else(|| doc.root.get("security")) {
            Some(Value::Array(reqs)) => {
                let mut alts: Vec<Vec<String>> = Vec::new();
                for r in reqs {
                    let names: Vec<String> = r
                        .as_object()
                        .into_iter()
                        .flat_map(|o| o.keys())
                        .cloned()
                        .collect();
                    if !alts.contains(&names) {
                        alts.push(names);
                    }
                }
                alts
            }
            _ => Vec::new(),
        };

        self.api.operations.push(Operation {
            id: id_source,
            rust_name,
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            template,
            // A path item's summary and description are "intended to apply to all operations
            // in this path" (OpenAPI 3): an operation without its own takes them.
            summary: text_of(op, "summary").or_else(|| map_text(item, "summary")),
            description: text_of(op, "description").or_else(|| map_text(item, "description")),
            deprecated: op.get("deprecated") == Some(&Value::Bool(true)),
            params,
            body,
            responses,
            success,
            events,
            security,
            tags: op
                .get("tags")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            pagination,
            source: SourceRef {
                file: doc.file.to_path_buf(),
                line,
            },
        });
        Ok(())
    }

    fn request_body(
        &mut self,
        doc: &Doc,
        pointer: &str,
        rb: &Value,
        type_base: &str,
    ) -> Option<RequestBody> {
        let rb = self.deref_value(doc, rb).clone();
        let content = rb.get("content").and_then(Value::as_object)?;
        let pick = |pred: &dyn Fn(&str) -> bool| {
            content.iter().find(|(k, _)| pred(&k.to_ascii_lowercase()))
        };
        let (ct, media) = pick(&|k| k == "application/json" || k.ends_with("+json"))
            .or_else(|| pick(&|k| k == "application/x-www-form-urlencoded"))
            .or_else(|| pick(&|k| k.starts_with("text/")))
            .or_else(|| content.iter().next())?;
        let lower_ct = ct.to_ascii_lowercase();
        let mut encoding = if lower_ct.contains("json") {
            BodyEncoding::Json
        } else if lower_ct == "application/x-www-form-urlencoded" {
            BodyEncoding::Form
        } else if lower_ct.starts_with("text/") {
            BodyEncoding::Text
        } else if lower_ct == "multipart/form-data" {
            BodyEncoding::Multipart
        } else {
            BodyEncoding::Bytes
        };
        let schema = media.get("schema").cloned().unwrap_or(Value::Null);
        let hint = str_of(&schema, "title")
            .filter(|_| schema.get("$ref").is_none())
            .map(camel)
            .unwrap_or_else(|| format!("{type_base}Request"));
        let mut ty = match encoding {
            BodyEncoding::Text => TypeRef::String,
            BodyEncoding::Bytes => TypeRef::Any,
            _ => self.schema_type(doc, &schema, &hint),
        };
        let mut parts = Vec::new();
        if encoding == BodyEncoding::Multipart {
            let mut is_struct = match ty.strip_nullable().0 {
                TypeRef::Named(id) => matches!(self.api.types[*id].kind, TypeKind::Struct { .. }),
                _ => false,
            };
            if let Some(merged) = self.merged_union(&ty, &hint).filter(|_| !is_struct) {
                (ty, is_struct) = (merged, true);
            }
            if is_struct {
                parts = self.multipart_fields(doc, &schema, media);
            } else {
                encoding = BodyEncoding::Bytes;
            }
        }
        if encoding == BodyEncoding::Bytes && lower_ct.starts_with("multipart/") {
            self.warn(
                "lower.multipart",
                doc.file,
                format!("{pointer}/requestBody"),
                format!(
                    "`{ct}` bodies are sent as bytes you encode yourself (only \
                     `multipart/form-data` with an object schema, or a union of objects, is generated)"
                ),
            );
        }
        Some(RequestBody {
            content_type: ct.clone(),
            encoding,
            ty,
            required: rb.get("required") == Some(&Value::Bool(true)),
            description: text_of(&rb, "description"),
            parts,
        })
    }

    /// The response of `status`, and (when `all_media`, for a success) every documented
    /// media type with its body; otherwise only the one the response keeps (JSON preferred).
    fn response(
        &mut self,
        doc: &Doc,
        status: StatusSpec,
        resp: &Value,
        hint: &str,
        all_media: bool,
    ) -> (Response, Vec<(String, ResponseBody)>) {
        let headers = resp
            .get("headers")
            .and_then(Value::as_object)
            .map(|h| h.keys().cloned().collect())
            .unwrap_or_default();
        let content = resp.get("content").and_then(Value::as_object);
        let chosen = content.and_then(|c| {
            c.keys()
                .find(|k| k.to_ascii_lowercase().contains("json"))
                .or_else(|| c.keys().next())
        });
        let description = text_of(resp, "description");
        let mut media = Vec::new();
        let (mut content_type, mut body, mut example) = (None, ResponseBody::Empty, None);
        for (ct, m) in content.into_iter().flatten() {
            let is_chosen = chosen == Some(ct);
            if !is_chosen && !all_media {
                continue;
            }
            let hint = if is_chosen {
                hint.to_string()
            } else {
                format!("{hint}{}", media_word(ct))
            };
            // Only a success answer is named by its description (an error's is a message).
            let name_from = description.as_deref().filter(|_| all_media);
            let b = self.media_body(doc, ct, m, &hint, name_from);
            if is_chosen {
                content_type = Some(ct.clone());
                body = b.clone();
                example = m.get("example").cloned().or_else(|| {
                    m.get("examples")
                        .and_then(Value::as_object)
                        .and_then(|e| e.values().next())
                        .and_then(|e| e.get("value"))
                        .cloned()
                });
            }
            media.push((ct.clone(), b));
        }
        let response = Response {
            status,
            description,
            content_type,
            body,
            headers,
            example,
        };
        (response, media)
    }

    /// How a body of media type `ct` (described by `media`, in a response described by
    /// `description`) reads. A string or text body that is a credential (the secret rule, by
    /// the schema's marks, its title or a short description) reads as a secret.
    fn media_body(
        &mut self,
        doc: &Doc,
        ct: &str,
        media: &Value,
        hint: &str,
        description: Option<&str>,
    ) -> ResponseBody {
        let lct = ct.to_ascii_lowercase();
        let schema = media.get("schema");
        let resolved = schema.map(|s| self.deref_value(doc, s).clone());
        let resolved = resolved.unwrap_or(Value::Null);
        let name = secret::body_name(&resolved, description);
        let schemas: Vec<&Value> = schema.into_iter().chain([&resolved]).collect();
        if lct.contains("json") {
            match schema {
                Some(s) if !is_empty_schema(s) => {
                    let t = self.schema_type(doc, s, hint);
                    ResponseBody::Json(secret::decide(t, name, &schemas))
                }
                _ => ResponseBody::Untyped,
            }
        } else if lct.starts_with("text/") {
            if secret::is_secret(name, &schemas) {
                ResponseBody::SecretText
            } else {
                ResponseBody::Text
            }
        } else {
            ResponseBody::Bytes
        }
    }
}

/// The character a query parameter's array items are joined with, from its `style` and
/// `explode` (OpenAPI 3: `explode` defaults to true for `form`, false for the others);
/// `None` when each item is its own pair.
fn query_join(p: &Value) -> Option<char> {
    let style = str_of(p, "style").unwrap_or("form");
    let explode = p
        .get("explode")
        .and_then(Value::as_bool)
        .unwrap_or(style == "form");
    if explode {
        return None;
    }
    match style {
        "form" => Some(','),
        "spaceDelimited" => Some(' '),
        "pipeDelimited" => Some('|'),
        _ => None,
    }
}

fn parse_status(code: &str) -> Option<StatusSpec> {
    if code == "default" {
        return Some(StatusSpec::Default);
    }
    if code.len() == 3 && (code.ends_with("XX") || code.ends_with("xx")) {
        return code[..1].parse().ok().map(StatusSpec::Range);
    }
    code.parse::<u16>()
        .ok()
        .filter(|c| (100..600).contains(c))
        .map(StatusSpec::Code)
}

fn is_empty_schema(v: &Value) -> bool {
    v.as_object().is_none_or(|o| o.is_empty())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::frontend::Recovered;
    use crate::ir::Operation;
    use crate::lower::{Input, lower};

    fn ops(paths: Value) -> Vec<Operation> {
        let doc =
            json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths});
        let input = Input {
            path: "specs/p/a/x.json".into(),
            format: "openapi".into(),
            recovered: Recovered::new(doc),
        };
        lower("p", "a", &[input]).expect("lowers").0.operations
    }

    #[test]
    fn an_operation_without_text_takes_its_path_items() {
        let ok = json!({"200": {"description": "ok"}});
        let ops = ops(json!({"/things": {
            "summary": "Things",
            "description": "Every thing there is.",
            "get": {"operationId": "ListThings", "responses": ok},
            "post": {"operationId": "MakeThing", "summary": "Make a thing",
                     "description": "  ", "responses": ok},
            "delete": {"operationId": "DropThings", "summary": "Drop them",
                       "description": "Drops every thing.", "responses": ok}
        }}));
        let text = |id: &str| {
            let op = ops.iter().find(|o| o.id == id).expect(id);
            (op.summary.as_deref(), op.description.as_deref())
        };
        assert_eq!(
            text("ListThings"),
            (Some("Things"), Some("Every thing there is."))
        );
        // A blank description is none: the path item's applies.
        assert_eq!(
            text("MakeThing"),
            (Some("Make a thing"), Some("Every thing there is."))
        );
        assert_eq!(
            text("DropThings"),
            (Some("Drop them"), Some("Drops every thing."))
        );
    }

    #[test]
    fn the_path_items_summary_does_not_name_the_operation() {
        let ops = ops(json!({"/things": {
            "summary": "Things",
            "get": {"responses": {"200": {"description": "ok"}}}
        }}));
        assert_eq!(ops[0].summary.as_deref(), Some("Things"));
        assert_eq!(ops[0].rust_name, "get_things");
    }
}
