//! `html_httpdoc`: one operation from an HTML reference page rendered by httpdoc
//! (darrelmiller/httpdoc, docs/formats.md §3, seed 000).
//!
//! The page is tokenized with `html5gum` (a WHATWG tokenizer, no tree builder), raw descriptions
//! are cut out verbatim ([`scan`](self)), elements are recognised by class in both httpdoc
//! generations (kebab-case and the older camelCase), and the fields become an OpenAPI 3.1
//! document with one path and one operation.
//!
//! What the format cannot carry, and so is left out (never guessed):
//! * **security**: httpdoc never renders it; the document has no `security` at all.
//! * **base path**: the `host` header keeps only host and port (`api.openai.com:443` for
//!   `https://api.openai.com/v1`), and nothing on the page tells whether a path was dropped, so
//!   no `html_httpdoc.base-path-unknown` warning is raised; configure the base URL (or an overlay)
//!   where the API has one. Port 443 gives `https://host`, 80 `http://host`, others
//!   `https://host:port`. Pages without a `host` line have no `servers`.
//! * **response schemas and headers**: each response is its status, description and first media
//!   type, emitted as an untyped media object (`content: {MT: {}}`).
//! * **parameter constraints** (only the bare `schema.type` is shown), **cookie parameters**,
//!   path-item-level **header** parameters, and whether the **request body** is required (the
//!   request body carries `x-cpaas-required-unknown: true`).
//! * **`info`**: the API's title and version are not on the page (both are empty strings).
//!
//! Examples: the literal body `null` (an httpdoc bug) and httpdoc's placeholder
//! `{ "example": "Example goes here" }` mean *no example*; any other body becomes the media
//! type's `example` (parsed JSON, or the text itself).

mod page;
mod scan;
mod schema;
mod target;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::recovered::Recovered;
use crate::diag::{Diagnostic, pointer_token};
use page::{Field, Message, Page};

use crate::vocab::HTTP_METHODS as METHODS;

/// Recovers the OpenAPI 3.1 document (one path, one operation) that an httpdoc page shows.
///
/// Errors (with line and column) for pages that cannot be read: truncated markup, a missing or
/// malformed request line, an unreadable body schema. Warnings for contradictions and for facts
/// filled in from context.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let text = crate::vocab::strip_bom(text);
    let events = scan::scan(text)?;
    let page = page::read(text, &events)?;
    Builder {
        text,
        diags: Vec::new(),
    }
    .build(&page)
}

struct Builder<'a> {
    text: &'a str,
    diags: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn warn(&mut self, code: &'static str, at: usize, pointer: &str, message: String) {
        self.diags.push(
            Diagnostic::warning(code, message)
                .at_offset(self.text, at)
                .pointer(pointer),
        );
    }

    fn error(&self, code: &'static str, at: usize, message: String) -> Diagnostic {
        Diagnostic::error(code, message).at_offset(self.text, at)
    }

    fn build(mut self, page: &Page) -> Result<Recovered, Diagnostic> {
        let Some(request) = page.request.as_ref() else {
            return Err(self.error(
                "html_httpdoc.no-request",
                0,
                "no request example: expected `<pre class=\"http-example\">` holding \
                 `<span class=\"request-line\">METHOD</span> <span class=\"http-target\">PATH</span>`"
                    .into(),
            ));
        };
        let method_field = request.field("request-line").ok_or_else(|| {
            self.error(
                "html_httpdoc.no-request-line",
                request.at,
                "the request example has no `<span class=\"request-line\">METHOD</span>`".into(),
            )
        })?;
        let method = method_field.text.trim().to_ascii_lowercase();
        if !METHODS.contains(&method.as_str()) {
            return Err(self.error(
                "html_httpdoc.bad-method",
                method_field.at,
                format!(
                    "expected an HTTP method (GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE) \
                     in the request line, found `{}`",
                    method_field.text.trim()
                ),
            ));
        }
        let target_field = request.field("http-target").ok_or_else(|| {
            self.error(
                "html_httpdoc.no-target",
                method_field.at,
                "the request line has no `<span class=\"http-target\">PATH</span>`".into(),
            )
        })?;
        let target = target::parse_target(&target_field.text);
        let op_ptr = format!("/paths/{}/{method}", pointer_token(&target.path));

        let mut op = Map::new();
        self.names(page, &op_ptr, &mut op);
        if let Some(d) = page.description.as_ref().filter(|d| !d.is_empty()) {
            op.insert("description".into(), Value::String(d.clone()));
        }

        let mut server = None;
        let mut accept: Vec<String> = Vec::new();
        let mut content_type: Option<&Field> = None;
        for (name, value) in request.headers() {
            let value_text = value.map(|v| v.text.trim()).unwrap_or("");
            match name.text.trim().to_ascii_lowercase().as_str() {
                "host" => server = self.server(value_text, name.at),
                "accept" => {
                    accept = value_text
                        .split(',')
                        .map(|m| m.trim().to_string())
                        .filter(|m| !m.is_empty())
                        .collect();
                }
                "content-type" => content_type = value,
                // The older generator wrote a fixed fake `eTag: "23423432"` on every request.
                "etag" => {}
                other => {
                    let other = other.to_string();
                    self.warn(
                        "html_httpdoc.unknown-header",
                        name.at,
                        &op_ptr,
                        format!("ignored request header line `{other}` (httpdoc writes only host, accept and content-type)"),
                    );
                }
            }
        }

        let params = self.parameters(page, &target, &op_ptr);
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if let Some(body) = self.request_body(page, request, content_type, &op_ptr)? {
            op.insert("requestBody".into(), body);
        }
        op.insert(
            "responses".into(),
            self.responses(page, &accept, &op_ptr, request.at),
        );

        let mut doc = Map::new();
        doc.insert("openapi".into(), json!("3.1.0"));
        doc.insert("info".into(), json!({"title": "", "version": ""}));
        if let Some(url) = server {
            doc.insert("servers".into(), json!([{ "url": url }]));
        }
        let mut item = Map::new();
        item.insert(method.clone(), Value::Object(op));
        let mut paths = Map::new();
        paths.insert(target.path.clone(), Value::Object(item));
        doc.insert("paths".into(), Value::Object(paths));

        let mut locations = BTreeMap::new();
        locations.insert(op_ptr, crate::diag::line_col(self.text, method_field.at).0);
        Ok(Recovered {
            doc: Value::Object(doc),
            diagnostics: self.diags,
            locations,
        })
    }

    /// `summary` from a non-empty `<title>`; `operationId` from `<h1>` when the title is empty
    /// (httpdoc writes `summary ?? operationId` into the h1 and `summary` into the title).
    fn names(&mut self, page: &Page, op_ptr: &str, op: &mut Map<String, Value>) {
        let title = page.title.as_ref().map(|f| f.text.trim()).unwrap_or("");
        let h1 = page.summary.as_ref().map(|f| f.text.trim()).unwrap_or("");
        if !title.is_empty() {
            op.insert("summary".into(), Value::String(title.to_string()));
            if !h1.is_empty() && h1 != title {
                let at = page.summary.as_ref().map_or(0, |f| f.at);
                self.warn(
                    "html_httpdoc.summary-mismatch",
                    at,
                    &format!("{op_ptr}/summary"),
                    format!("the <h1> (`{h1}`) differs from the <title> (`{title}`); the title is used as summary"),
                );
            }
        } else if !h1.is_empty() {
            op.insert("operationId".into(), Value::String(h1.to_string()));
        }
    }

    /// `host: NAME:PORT` -> server URL.
    fn server(&mut self, value: &str, at: usize) -> Option<String> {
        if value.is_empty() {
            return None;
        }
        let (host, port) = match value.rsplit_once(':') {
            // `[::1]` without a port has a colon inside brackets.
            Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
            _ => (value, None),
        };
        let url = match port {
            Some("443") => format!("https://{host}"),
            Some("80") => format!("http://{host}"),
            Some(p) => format!("https://{host}:{p}"),
            None => {
                self.warn(
                    "html_httpdoc.host-without-port",
                    at,
                    "/servers/0",
                    format!("host `{value}` has no port, so the scheme is unknown; https assumed"),
                );
                format!("https://{host}")
            }
        };
        Some(url)
    }

    fn parameters(&mut self, page: &Page, target: &target::Target, op_ptr: &str) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        let mut seen: Vec<(String, String)> = Vec::new();
        for row in &page.params {
            let Some(name) = row.name.as_ref().map(|f| f.text.trim().to_string()) else {
                self.warn(
                    "html_httpdoc.parameter-without-name",
                    row.at,
                    op_ptr,
                    "parameter entry without `<span class=\"parameter-name\">`; skipped".into(),
                );
                continue;
            };
            let ptr = format!("{op_ptr}/parameters/{}", out.len());
            let location = row
                .location
                .as_ref()
                .map(|f| f.text.trim().to_ascii_lowercase());
            let location = match location.as_deref() {
                Some(l @ ("path" | "query" | "header" | "cookie")) => l.to_string(),
                other => {
                    let guess = if target.path_params.contains(&name) {
                        "path"
                    } else if target.query.iter().any(|q| q.name == name) {
                        "query"
                    } else {
                        "header"
                    };
                    self.warn(
                        "html_httpdoc.parameter-location-guessed",
                        row.at,
                        &ptr,
                        format!(
                            "parameter `{name}` has location `{}`; expected path, query or header; \
                             `{guess}` inferred from the request target",
                            other.unwrap_or("(none)")
                        ),
                    );
                    guess.to_string()
                }
            };
            if seen.contains(&(name.clone(), location.clone())) {
                self.warn(
                    "html_httpdoc.duplicate-parameter",
                    row.at,
                    op_ptr,
                    format!("parameter `{name}` in {location} is listed twice; the first is kept"),
                );
                continue;
            }
            seen.push((name.clone(), location.clone()));
            let mut p = Map::new();
            p.insert("name".into(), Value::String(name.clone()));
            p.insert("in".into(), Value::String(location.clone()));
            if let Some(d) = row.description.as_ref().filter(|d| !d.is_empty()) {
                p.insert("description".into(), Value::String(d.clone()));
            }
            let required = row
                .required
                .as_ref()
                .map(|f| f.text.trim().to_ascii_lowercase());
            match required.as_deref() {
                Some("required") => {
                    p.insert("required".into(), Value::Bool(true));
                }
                Some("optional") if location == "path" => {
                    self.warn(
                        "html_httpdoc.optional-path-parameter",
                        row.at,
                        &ptr,
                        format!("path parameter `{name}` is marked optional; path parameters are always required"),
                    );
                    p.insert("required".into(), Value::Bool(true));
                }
                Some("optional") => {
                    p.insert("required".into(), Value::Bool(false));
                }
                other => {
                    if location == "path" {
                        p.insert("required".into(), Value::Bool(true));
                    } else {
                        p.insert("x-cpaas-required-unknown".into(), Value::Bool(true));
                    }
                    if let Some(o) = other {
                        self.warn(
                            "html_httpdoc.bad-required",
                            row.at,
                            &ptr,
                            format!("expected `required` or `optional` for parameter `{name}`, found `{o}`"),
                        );
                    }
                }
            }
            if location == "query" {
                if let Some(q) = target.query.iter().find(|q| q.name == name) {
                    if !q.explode {
                        p.insert("explode".into(), Value::Bool(false));
                    }
                }
            }
            let ty = row.ty.as_ref().map(|f| f.text.trim()).unwrap_or("");
            p.insert("schema".into(), self.param_schema(ty, row.at, &ptr));
            out.push(Value::Object(p));
        }

        // Path-item parameters are not listed, but the path and the query template name them.
        for name in &target.path_params {
            if seen.iter().any(|(n, l)| n == name && l == "path") {
                continue;
            }
            seen.push((name.clone(), "path".into()));
            self.warn(
                "html_httpdoc.unlisted-path-parameter",
                page.request.as_ref().map_or(0, |r| r.at),
                &format!("{op_ptr}/parameters/{}", out.len()),
                format!("path parameter `{name}` appears in the path but not in the parameter list (a path-level parameter); its type is unknown"),
            );
            out.push(json!({"name": name, "in": "path", "required": true, "schema": {}}));
        }
        for q in &target.query {
            if seen.iter().any(|(n, l)| n == &q.name && l == "query") {
                continue;
            }
            seen.push((q.name.clone(), "query".into()));
            self.warn(
                "html_httpdoc.unlisted-query-parameter",
                page.request.as_ref().map_or(0, |r| r.at),
                &format!("{op_ptr}/parameters/{}", out.len()),
                format!("query parameter `{}` appears in the query template but not in the parameter list (a path-level parameter); its type and requiredness are unknown", q.name),
            );
            let mut p = Map::new();
            p.insert("name".into(), Value::String(q.name.clone()));
            p.insert("in".into(), json!("query"));
            p.insert("x-cpaas-required-unknown".into(), Value::Bool(true));
            if !q.explode {
                p.insert("explode".into(), Value::Bool(false));
            }
            p.insert("schema".into(), json!({}));
            out.push(Value::Object(p));
        }
        let listed_query: Vec<&String> = seen
            .iter()
            .filter(|(_, l)| l == "query")
            .map(|(n, _)| n)
            .collect();
        for name in listed_query {
            if !target.query.iter().any(|q| &q.name == name) && !target.query.is_empty() {
                self.warn(
                    "html_httpdoc.query-template-mismatch",
                    page.request.as_ref().map_or(0, |r| r.at),
                    op_ptr,
                    format!("query parameter `{name}` is listed but missing from the query template of the request target"),
                );
            }
        }
        out
    }

    fn param_schema(&mut self, ty: &str, at: usize, ptr: &str) -> Value {
        match ty {
            "" => json!({}),
            "string" | "integer" | "number" | "boolean" | "array" | "object" => {
                json!({ "type": ty })
            }
            other => {
                self.warn(
                    "html_httpdoc.unknown-parameter-type",
                    at,
                    &format!("{ptr}/schema"),
                    format!("parameter type `{other}` is not a JSON Schema type; left untyped"),
                );
                json!({})
            }
        }
    }

    fn request_body(
        &mut self,
        page: &Page,
        request: &Message,
        content_type: Option<&Field>,
        op_ptr: &str,
    ) -> Result<Option<Value>, Diagnostic> {
        let ct = content_type
            .map(|f| first_media_type(&f.text))
            .filter(|m| !m.is_empty());
        if ct.is_none() && page.schema.is_none() && page.request_content.is_none() {
            return Ok(None);
        }
        let body_ptr = format!("{op_ptr}/requestBody");
        let ct = match ct {
            Some(ct) => ct,
            None => {
                let at = page.request_content.unwrap_or(request.at);
                self.warn(
                    "html_httpdoc.request-content-type-assumed",
                    at,
                    &format!("{body_ptr}/content"),
                    "the page shows a request body schema but no content-type line; application/json assumed".into(),
                );
                "application/json".to_string()
            }
        };
        let media_ptr = format!("{body_ptr}/content/{}", pointer_token(&ct));
        let mut media = Map::new();
        if let Some(s) = page.schema.as_ref() {
            let mut value: Value = serde_json::from_str(s.text.trim()).map_err(|e| {
                self.error(
                    "html_httpdoc.bad-schema",
                    s.at,
                    format!(
                        "the request body schema (`<pre class=\"schema\">`) is not JSON: {e} \
                         (line/column inside the decoded schema text)"
                    ),
                )
            })?;
            if !value.is_object() {
                return Err(self.error(
                    "html_httpdoc.bad-schema",
                    s.at,
                    "the request body schema (`<pre class=\"schema\">`) is not a JSON object"
                        .into(),
                ));
            }
            let schema_ptr = format!("{media_ptr}/schema");
            let mut diags = Vec::new();
            schema::to_31(&mut value, &schema_ptr, &mut diags);
            for d in diags {
                self.diags.push(d.at_offset(self.text, s.at));
            }
            media.insert("schema".into(), value);
        } else if content_type.is_some() && page.request_content.is_some() {
            self.warn(
                "html_httpdoc.empty-request-content",
                page.request_content.unwrap_or(request.at),
                &media_ptr,
                "the request body section has no `<pre class=\"schema\">`; body left untyped"
                    .into(),
            );
        }
        if content_type.is_some() {
            if let Some(ex) = example(&request.tail) {
                media.insert("example".into(), ex);
            }
        }
        let mut content = Map::new();
        content.insert(ct, Value::Object(media));
        Ok(Some(json!({
            "content": content,
            "x-cpaas-required-unknown": true,
        })))
    }

    fn responses(&mut self, page: &Page, accept: &[String], op_ptr: &str, at: usize) -> Value {
        let mut out = Map::new();
        // (status, first media type) of responses with content, in order, for `accept`.
        let mut firsts: Vec<(String, String)> = Vec::new();
        for m in &page.responses {
            let Some(status) = m.field("status-line") else {
                self.warn(
                    "html_httpdoc.response-without-status",
                    m.at,
                    &format!("{op_ptr}/responses"),
                    "response entry without `<span class=\"status-line\">`; skipped".into(),
                );
                continue;
            };
            let code = status.text.trim().to_string();
            let valid = code == "default"
                || (code.len() == 3
                    && code
                        .bytes()
                        .enumerate()
                        .all(|(i, b)| b.is_ascii_digit() || (i > 0 && (b == b'X' || b == b'x')))
                    && code
                        .as_bytes()
                        .first()
                        .is_some_and(|b| (b'1'..=b'5').contains(b)));
            if !valid {
                self.warn(
                    "html_httpdoc.bad-status",
                    status.at,
                    &format!("{op_ptr}/responses"),
                    format!("expected a status code (e.g. 200, 4XX) or `default`, found `{code}`; response skipped"),
                );
                continue;
            }
            let code = code.to_ascii_uppercase().replace("DEFAULT", "default");
            let ptr = format!("{op_ptr}/responses/{}", pointer_token(&code));
            if out.contains_key(&code) {
                self.warn(
                    "html_httpdoc.duplicate-response",
                    status.at,
                    &ptr,
                    format!("response {code} is listed twice; the first is kept"),
                );
                continue;
            }
            let desc = m
                .field("status-description")
                .map(|f| f.text.trim().to_string())
                .unwrap_or_default();
            let mut r = Map::new();
            r.insert("description".into(), Value::String(desc));
            let ct = m
                .headers()
                .into_iter()
                .find(|(n, _)| n.text.trim().eq_ignore_ascii_case("content-type"))
                .and_then(|(_, v)| v)
                .map(|v| first_media_type(&v.text))
                .filter(|c| !c.is_empty());
            if let Some(ct) = ct {
                let mut media = Map::new();
                if let Some(ex) = example(&m.tail) {
                    media.insert("example".into(), ex);
                }
                let mut content = Map::new();
                content.insert(ct.clone(), Value::Object(media));
                r.insert("content".into(), Value::Object(content));
                firsts.push((code.clone(), ct));
            }
            out.insert(code, Value::Object(r));
        }
        self.place_accept(&mut out, &firsts, accept, op_ptr, at);
        if out.is_empty() {
            self.warn(
                "html_httpdoc.no-responses",
                at,
                &format!("{op_ptr}/responses"),
                "the page lists no responses".into(),
            );
        }
        Value::Object(out)
    }

    /// httpdoc's `accept` line is the distinct media types of all responses, response by
    /// response, while each response shows only its first. Media types of `accept` that are no
    /// response's first are added to the response shown before them (a guess: with duplicates
    /// removed the split is not always certain), with a warning.
    fn place_accept(
        &mut self,
        out: &mut Map<String, Value>,
        firsts: &[(String, String)],
        accept: &[String],
        op_ptr: &str,
        at: usize,
    ) {
        let mut current: Option<&str> = None;
        for mt in accept {
            if let Some((code, _)) = firsts.iter().find(|(_, f)| f == mt) {
                current = Some(code);
                continue;
            }
            let Some(code) = current else {
                self.warn(
                    "html_httpdoc.accept-media-type-unplaced",
                    at,
                    &format!("{op_ptr}/responses"),
                    format!("accepted media type `{mt}` precedes every response's media type; not assigned to a response"),
                );
                continue;
            };
            let ptr = format!(
                "{op_ptr}/responses/{}/content/{}",
                pointer_token(code),
                pointer_token(mt)
            );
            if let Some(Value::Object(content)) = out
                .get_mut(code)
                .and_then(|r| r.as_object_mut())
                .and_then(|r| r.get_mut("content"))
            {
                content
                    .entry(mt.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
            }
            self.warn(
                "html_httpdoc.accept-media-type-guessed",
                at,
                &ptr,
                format!("media type `{mt}` from the accept line is assigned to response {code}, the response listed before it"),
            );
        }
    }
}

/// The first media type of a header value (`a/b, c/d` -> `a/b`).
fn first_media_type(value: &str) -> String {
    value.split(',').next().unwrap_or("").trim().to_string()
}

/// The body example after the headers of a message, if it is a real one.
fn example(tail: &str) -> Option<Value> {
    let body = tail.trim();
    if body.is_empty() || body == "null" {
        return None;
    }
    match serde_json::from_str::<Value>(body) {
        Ok(v) if v == json!({"example": "Example goes here"}) => None,
        Ok(v) => Some(v),
        Err(_) => Some(Value::String(body.to_string())),
    }
}

#[cfg(test)]
mod tests;
