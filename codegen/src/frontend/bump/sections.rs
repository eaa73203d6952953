//! What the two Bump.sh readers ([`super::md`], [`super::text`]) share about a page's sections
//! and how their contents become OpenAPI.
//!
//! Both renderings of a Bump.sh operation page carry the same sections under the same names
//! (path, query, header and cookie parameters, a request body, responses with their headers and
//! bodies, authentication) and both recover one operation. This module holds, once:
//!
//! * the section names: [`METHODS`], [`param_section`], [`is_status_code`];
//! * the OpenAPI objects a section's entries become: [`parameter`], [`header`], [`media`];
//! * the document around the one operation: [`Operation::into_recovered`] (summary,
//!   descriptions, parameters, request body, responses, security, servers, the operation's
//!   location).
//!
//! It knows nothing of either page's syntax: the readers find the sections and their entries,
//! and say what the page left unknown (`Required::Unknown`).

use serde_json::{Map, Value, json};

use crate::diag::{Diagnostic, pointer_token};
use crate::frontend::recovered::Recovered;

/// HTTP methods a Bump.sh page names its operation with, as the page writes them.
pub(super) use crate::vocab::METHOD_WORDS as METHODS;

/// Request parameter section names and the parameter location (`in`) each stands for
/// (`### Path parameters` on Markdown pages, a `Path parameters` line on text pages).
const PARAM_SECTIONS: [(&str, &str); 5] = [
    ("Path parameters", "path"),
    ("Query parameters", "query"),
    ("Headers", "header"),
    ("Cookies", "cookie"),
    ("Cookie parameters", "cookie"),
];

/// The message of the `children-of-scalar` warning both readers give.
pub(super) const CHILDREN_OF_SCALAR: &str =
    "fields listed under a value that is not an object: read them as its properties";

/// The parameter section a heading names, as `(section name, location)`: the last name of
/// [`PARAM_SECTIONS`] for which `names` is true (the Markdown reader matches a name followed by
/// a word boundary, the text reader a whole line).
pub(super) fn param_section(names: impl Fn(&str) -> bool) -> Option<(&'static str, &'static str)> {
    PARAM_SECTIONS.iter().rev().find(|(w, _)| names(w)).copied()
}

/// True for a response status heading: `default`, `NXX` or a three-digit code `1xx`–`5xx`.
pub(super) fn is_status_code(s: &str) -> bool {
    s == "default"
        || (s.len() == 3
            && s.starts_with(['1', '2', '3', '4', '5'])
            && (s[1..].bytes().all(|b| b.is_ascii_digit()) || &s[1..] == "XX"))
}

/// The JSON pointer of the operation `method` (lowercase) on `path`.
pub(super) fn op_pointer(path: &str, method: &str) -> String {
    format!("/paths/{}/{}", pointer_token(path), method)
}

/// Whether a parameter is required, as far as the page says.
pub(super) enum Required {
    /// The page renders requiredness: `required: true|false`.
    Known(bool),
    /// The page does not render it: `x-cpaas-required-unknown: true`.
    Unknown,
}

/// A parameter object: `name`, `in`, `description` (when given), `required` (or
/// `x-cpaas-required-unknown`), `deprecated` (when true) and `schema`, in that order.
pub(super) fn parameter(
    name: &str,
    loc: &str,
    description: Option<Value>,
    required: Required,
    deprecated: bool,
    schema: Value,
) -> Value {
    let mut p = Map::new();
    p.insert("name".into(), json!(name));
    p.insert("in".into(), json!(loc));
    if let Some(d) = description {
        p.insert("description".into(), d);
    }
    match required {
        Required::Known(r) => p.insert("required".into(), json!(r)),
        Required::Unknown => p.insert("x-cpaas-required-unknown".into(), json!(true)),
    };
    if deprecated {
        p.insert("deprecated".into(), json!(true));
    }
    p.insert("schema".into(), schema);
    Value::Object(p)
}

/// A response header object: `description` (when given) and `schema`.
pub(super) fn header(description: Option<Value>, schema: Value) -> Value {
    let mut h = Map::new();
    if let Some(d) = description {
        h.insert("description".into(), d);
    }
    h.insert("schema".into(), schema);
    Value::Object(h)
}

/// A media type object `{mt: {schema}}` for a `content` map, given as `(media type, media)`.
pub(super) fn media(mt: String, media: Map<String, Value>) -> Value {
    json!({ mt: Value::Object(media) })
}

/// The one operation of a page, in OpenAPI terms, and what surrounds it in the document.
pub(super) struct Operation {
    /// The path template.
    pub(super) path: String,
    /// The lowercase HTTP method.
    pub(super) method: String,
    /// The page title: the operation's summary and the document's title.
    pub(super) title: String,
    /// The operation's description.
    pub(super) description: Option<String>,
    /// The path item's description.
    pub(super) path_description: Option<String>,
    /// Server objects.
    pub(super) servers: Vec<Value>,
    /// Parameter objects, in page order.
    pub(super) parameters: Vec<Value>,
    /// The request body object.
    pub(super) request_body: Option<Value>,
    /// Response objects by status code.
    pub(super) responses: Map<String, Value>,
    /// Security schemes by key, in page order; each is one alternative requirement.
    pub(super) schemes: Vec<(String, Value)>,
}

impl Operation {
    /// The OpenAPI 3.1 document holding the operation, with `diagnostics` and the operation's
    /// 1-based `line` as its location.
    pub(super) fn into_recovered(self, line: usize, diagnostics: Vec<Diagnostic>) -> Recovered {
        let op_ptr = op_pointer(&self.path, &self.method);
        let mut op = Map::new();
        if !self.title.is_empty() {
            op.insert("summary".into(), json!(self.title));
        }
        if let Some(d) = self.description {
            op.insert("description".into(), json!(d));
        }
        if !self.parameters.is_empty() {
            op.insert("parameters".into(), Value::Array(self.parameters));
        }
        if let Some(body) = self.request_body {
            op.insert("requestBody".into(), body);
        }
        op.insert("responses".into(), Value::Object(self.responses));

        let mut components = Map::new();
        if !self.schemes.is_empty() {
            let req: Vec<Value> = self.schemes.iter().map(|(k, _)| json!({ k: [] })).collect();
            op.insert("security".into(), Value::Array(req));
            let mut ss = Map::new();
            for (k, v) in self.schemes {
                ss.insert(k, v);
            }
            components.insert("securitySchemes".into(), Value::Object(ss));
        }

        let mut path_item = Map::new();
        if let Some(d) = self.path_description {
            path_item.insert("description".into(), json!(d));
        }
        path_item.insert(self.method, Value::Object(op));

        let mut doc = Map::new();
        doc.insert("openapi".into(), json!("3.1.0"));
        doc.insert("info".into(), json!({ "title": self.title }));
        if !self.servers.is_empty() {
            doc.insert("servers".into(), Value::Array(self.servers));
        }
        doc.insert(
            "paths".into(),
            json!({ self.path: Value::Object(path_item) }),
        );
        if !components.is_empty() {
            doc.insert("components".into(), Value::Object(components));
        }

        let mut rec = Recovered::new(Value::Object(doc));
        rec.locations.insert(op_ptr, line);
        rec.diagnostics = diagnostics;
        rec
    }
}
