//! From items to OpenAPI: a `Body:` section's media type and schema, fields as properties, and
//! parameter items as parameter objects; `required` is never rendered, so objects are marked.

use serde_json::{Value, json};

use super::items::Item;
use super::page::{Page, short};
use crate::diag::{Diagnostic, pointer_token};
use crate::frontend::bump::sections::{self, Required};
use crate::frontend::bump::types::{self, TypeString, balanced_group, insert_property};

impl Page<'_> {
    /// `MT (TYPE) [DESCRIPTION] {items}` after `### Body:` or `#### Body:`.
    pub(super) fn media(
        &mut self,
        base: usize,
        content: &str,
        ptr: &str,
    ) -> Result<(String, Value), Diagnostic> {
        let trimmed = content.trim_start();
        let off = content.len() - trimmed.len();
        let word_end = |from: usize| {
            trimmed[from..]
                .find(char::is_whitespace)
                .map_or(trimmed.len(), |e| from + e)
        };
        let mut mt_len = word_end(0);
        // Media type parameters: `application/json; charset=utf-8`.
        while trimmed[..mt_len].ends_with(';') {
            let next = mt_len + (trimmed[mt_len..].len() - trimmed[mt_len..].trim_start().len());
            let end = word_end(next);
            let word = &trimmed[next..end];
            if word.is_empty() || word.starts_with('(') || !word.contains('=') {
                break;
            }
            mt_len = end;
        }
        let mt = &trimmed[..mt_len];
        if !mt.contains('/') {
            return Err(self.error(
                "bump_md.body-media-type",
                base + off,
                format!(
                    "expected a media type after `Body:` (for example `application/json`), found \
                     `{}`",
                    short(mt)
                ),
            ));
        }
        let after = &trimmed[mt_len..];
        let after_trim = after.trim_start();
        let group_at = off + mt_len + (after.len() - after_trim.len());
        let (ty, rest_at) = if after_trim.starts_with('(') {
            let Some(close) = balanced_group(content, group_at) else {
                return Err(self.error(
                    "bump_md.type-unbalanced",
                    base + group_at,
                    format!("expected `)` closing the type of the `{mt}` body"),
                ));
            };
            let t = &content[group_at + 1..close];
            let ty = types::parse(t).map_err(|e| {
                self.error(
                    "bump_md.bad-type",
                    base + group_at + 1 + e.offset,
                    format!("in the type of the `{mt}` body: expected {}", e.expected),
                )
            })?;
            (Some(ty), close + 1)
        } else {
            self.warn(
                "bump_md.body-type",
                base + group_at,
                Some(ptr.to_string()),
                format!("no `(TYPE)` after `Body: {mt}`: schema type unknown"),
            );
            (None, group_at)
        };
        let (lead, items) = self.items(base + rest_at, &content[rest_at..])?;
        self.flat_warning(&items, base + rest_at);
        let mut schema = ty.as_ref().map_or(json!({}), TypeString::to_schema);
        if let Value::Object(m) = &mut schema {
            if !lead.is_empty() {
                m.insert("description".into(), json!(lead));
            }
        }
        if !items.is_empty() {
            // Under `()` the fields are the untyped schema's properties.
            self.attach(&mut schema, items, ptr);
        }
        mark_required_unknown(&mut schema, 0);
        Ok((mt.to_string(), schema))
    }

    /// Adds items as properties of `schema` (or of its array items' object).
    fn attach(&mut self, schema: &mut Value, items: Vec<Item>, ptr: &str) {
        if !types::takes_fields(schema) {
            self.warn(
                "bump_md.children-of-scalar",
                items.first().map_or(0, |i| i.at),
                Some(ptr.to_string()),
                sections::CHILDREN_OF_SCALAR.to_string(),
            );
        }
        for it in items {
            let mut child = it.ty.to_schema();
            if let Value::Object(m) = &mut child {
                if !it.desc.is_empty() {
                    m.insert("description".into(), json!(it.desc));
                }
            }
            let child_ptr = format!("{ptr}/properties/{}", pointer_token(&it.name));
            if !it.children.is_empty() {
                self.attach(&mut child, it.children, &child_ptr);
            }
            let Some(owner) = types::fields_owner(schema) else {
                continue;
            };
            if !insert_property(owner, &it.name, child) {
                self.warn(
                    "bump_md.duplicate-name",
                    it.at,
                    Some(child_ptr),
                    format!(
                        "field `{}` listed twice at one level (a nested field on a collapsed \
                         page?): kept both, the second under x-cpaas-duplicate-properties",
                        it.name
                    ),
                );
            }
        }
    }

    /// A parameter item of the `loc` section as the `index`th parameter object.
    pub(super) fn parameter(&mut self, loc: &str, it: Item, index: usize) -> Value {
        let mut schema = it.ty.to_schema();
        if !it.children.is_empty() {
            let ptr = format!("{}/parameters/{index}/schema", self.op_ptr);
            self.attach(&mut schema, it.children, &ptr);
        }
        mark_required_unknown(&mut schema, 0);
        // Path parameters are required anyway; the page renders no other requiredness.
        let required = if loc == "path" {
            Required::Known(true)
        } else {
            Required::Unknown
        };
        let desc = (!it.desc.is_empty()).then(|| json!(it.desc));
        sections::parameter(&it.name, loc, desc, required, false, schema)
    }
}

/// Marks every object schema: the page never renders `required`.
fn mark_required_unknown(schema: &mut Value, depth: usize) {
    if depth > 64 {
        return;
    }
    let Value::Object(m) = schema else { return };
    let is_object = match m.get("type") {
        Some(Value::String(t)) => t == "object",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "object"),
        _ => false,
    };
    if is_object {
        m.insert("x-cpaas-required-unknown".into(), json!(true));
    }
    if let Some(Value::Object(props)) = m.get_mut("properties") {
        for v in props.values_mut() {
            mark_required_unknown(v, depth + 1);
        }
    }
    if let Some(items) = m.get_mut("items") {
        mark_required_unknown(items, depth + 1);
    }
    for key in ["anyOf", "x-cpaas-duplicate-properties"] {
        if let Some(Value::Array(xs)) = m.get_mut(key) {
            for x in xs {
                if key == "anyOf" {
                    mark_required_unknown(x, depth + 1);
                } else if let Some(s) = x.get_mut("schema") {
                    mark_required_unknown(s, depth + 1);
                }
            }
        }
    }
}
