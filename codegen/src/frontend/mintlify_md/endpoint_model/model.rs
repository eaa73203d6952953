//! The variant B mapping's state (diagnostics, collected schemas and security schemes) and the
//! operation: servers, summary, description, request, responses, unknown keys.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::diag::Diagnostic;
use crate::frontend::mintlify_md::page::Page;
use crate::frontend::mintlify_md::selector::op_pointer;
use crate::frontend::recovered::Recovered;

/// Deepest schema nesting the variant B mapping follows (guards the stack on hostile input).
pub(super) const MAX_DEPTH: usize = 96;

/// The variant B mapping, with its diagnostics and the components it collects.
pub(super) struct VariantB<'p> {
    pub(super) page: &'p Page<'p>,
    pub(super) locations: &'p BTreeMap<String, usize>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) schemas: Map<String, Value>,
    pub(super) schemes: Map<String, Value>,
}

impl<'p> VariantB<'p> {
    /// A mapping of the block `page` holds; `locations` are the page lines of its nodes.
    pub(super) fn new(page: &'p Page<'p>, locations: &'p BTreeMap<String, usize>) -> Self {
        VariantB {
            page,
            locations,
            diags: Vec::new(),
            schemas: Map::new(),
            schemes: Map::new(),
        }
    }

    /// Page line of a block node, from the nearest recorded ancestor.
    pub(super) fn line(&self, src: &str) -> usize {
        let mut p = src;
        loop {
            if let Some(l) = self.locations.get(p) {
                return *l;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return self.page.block_first_line,
            }
        }
    }

    /// Records a warning about block node `src`, at the pointer `out` of the result.
    pub(super) fn warn(&mut self, code: &'static str, msg: String, src: &str, out: &str) {
        let line = self.line(src);
        self.diags
            .push(Diagnostic::warning(code, msg).at(line, 1).pointer(out));
    }

    /// Maps the block's root mapping to the OpenAPI document.
    pub(super) fn run(mut self, mut root: Map<String, Value>) -> Recovered {
        let Some(Value::Object(mut ep)) = root.remove("paths") else {
            return Recovered::default();
        };
        if let Some(Value::Object(c)) = root.get_mut("components") {
            if let Some(Value::Object(s)) = c.remove("schemas") {
                self.schemas = s;
            }
        }
        let page = self.page;
        let path = page.path.clone();
        let method = page.method.clone();
        let op_ptr = op_pointer(&path, &method);
        let yaml_path = ep.get("path").and_then(Value::as_str).map(str::to_string);
        let yaml_method = ep
            .get("method")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        if yaml_path.as_deref().is_some_and(|p| p != path)
            || yaml_method.as_deref().is_some_and(|m| m != method)
        {
            self.warn(
                "mintlify_md.selector-mismatch",
                format!(
                    "the fence selects {} {path} but the block says {} {}; the fence wins",
                    method.to_ascii_uppercase(),
                    yaml_method.as_deref().unwrap_or("?").to_ascii_uppercase(),
                    yaml_path.as_deref().unwrap_or("?"),
                ),
                "/paths",
                &op_ptr,
            );
        }

        let mut doc = Map::new();
        doc.insert("openapi".into(), json!("3.1.0"));
        let mut info = Map::new();
        if let Some(t) = &page.title {
            info.insert("title".into(), json!(t));
        }
        if let Some(u) = &page.spec_url {
            info.insert("x-cpaas-spec-url".into(), json!(u));
        }
        doc.insert("info".into(), Value::Object(info));
        if let Some(s) = ep.remove("servers") {
            if s.as_array().is_some_and(|a| !a.is_empty()) {
                doc.insert("servers".into(), s);
            }
        }

        let mut op = Map::new();
        match ep.remove("title") {
            Some(Value::String(t)) if !t.trim().is_empty() => {
                op.insert("summary".into(), json!(t));
            }
            _ => {
                if let Some(t) = &page.title {
                    op.insert("summary".into(), json!(t));
                }
            }
        }
        match ep.remove("description") {
            Some(Value::String(d)) if !d.trim().is_empty() => {
                op.insert("description".into(), json!(d));
            }
            _ => {
                if let Some(d) = &page.lede {
                    op.insert("description".into(), json!(d));
                }
            }
        }
        let mut request = match ep.remove("request") {
            Some(Value::Object(r)) => r,
            _ => Map::new(),
        };
        if let Some(sec) = request.remove("security") {
            if let Some(reqs) = self.security(sec, &format!("{op_ptr}/security")) {
                op.insert("security".into(), Value::Array(reqs));
            }
        }
        if let Some(params) = request.remove("parameters") {
            let list = self.parameters(params, &op_ptr);
            if !list.is_empty() {
                op.insert("parameters".into(), Value::Array(list));
            }
        }
        if let Some(body) = request.remove("body") {
            if let Some(rb) = self.body(body, &format!("{op_ptr}/requestBody")) {
                op.insert("requestBody".into(), rb);
            }
        }
        if let Some(cs) = request.remove("codeSamples") {
            op.insert("x-codeSamples".into(), cs);
        }
        for k in request.keys() {
            let msg = format!("unknown key `request.{k}` in Mintlify's endpoint model: ignored");
            self.warn("mintlify_md.unknown-key", msg, "/paths/request", &op_ptr);
        }
        let responses = match ep.remove("response") {
            Some(r) => self.responses(r, &format!("{op_ptr}/responses")),
            None => Map::new(),
        };
        op.insert("responses".into(), Value::Object(responses));
        if let Some(Value::Bool(true)) = ep.remove("deprecated") {
            op.insert("deprecated".into(), json!(true));
        }
        if let Some(cs) = ep.remove("codeSamples") {
            op.entry("x-codeSamples").or_insert(cs);
        }
        if let Some(x) = ep.remove("xMint") {
            op.insert("x-mint".into(), x);
        }
        for k in ["path", "method", "type"] {
            ep.remove(k);
        }
        for k in ep.keys() {
            let msg = format!("unknown key `paths.{k}` in Mintlify's endpoint model: ignored");
            self.warn("mintlify_md.unknown-key", msg, "/paths", &op_ptr);
        }

        let mut item = Map::new();
        item.insert(method.clone(), Value::Object(op));
        let mut paths = Map::new();
        paths.insert(path.clone(), Value::Object(item));
        doc.insert("paths".into(), Value::Object(paths));
        let mut components = match root.remove("components") {
            Some(Value::Object(c)) => c,
            _ => Map::new(),
        };
        if !self.schemas.is_empty() {
            components.insert(
                "schemas".into(),
                Value::Object(std::mem::take(&mut self.schemas)),
            );
        }
        if !self.schemes.is_empty() {
            let schemes = components
                .entry("securitySchemes")
                .or_insert_with(|| json!({}));
            if let Value::Object(s) = schemes {
                for (k, v) in std::mem::take(&mut self.schemes) {
                    s.entry(k).or_insert(v);
                }
            }
        }
        if !components.is_empty() {
            doc.insert("components".into(), Value::Object(components));
        }
        let mut locations = BTreeMap::new();
        locations.insert(op_ptr, self.line("/paths"));
        Recovered {
            doc: Value::Object(doc),
            diagnostics: self.diags,
            locations,
        }
    }
}
