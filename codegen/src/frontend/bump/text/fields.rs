//! From bullets to OpenAPI: `NAME TYPE[ Required][ Deprecated]` heads, field schemas with their
//! enum and constraint sentences, object properties with `required`, parameters and responses.

use serde_json::{Map, Value, json};

use super::list::{Group, Node};
use super::sentences::{Raw, constraints, enum_values, mark_unknown_objects, typed_value};
use super::state::Page;
use crate::diag::pointer_token;
use crate::frontend::bump::sections::{self, Required, is_status_code};
use crate::frontend::bump::types::{self, has_type, insert_property};

/// A parsed `NAME TYPE[ Required][ Deprecated]` head.
struct Head {
    name: String,
    ty: types::TypeString,
    required: bool,
    deprecated: bool,
}

impl Page<'_> {
    /// Parses a bullet's head; warns and skips a bullet that is not `NAME TYPE`.
    fn head(&mut self, node: &Node, ptr: &str) -> Option<Head> {
        let (name, rest) = node
            .head
            .split_once(' ')
            .unwrap_or((node.head.as_str(), ""));
        let mut rest = rest.trim();
        let (mut required, mut deprecated) = (false, false);
        loop {
            if let Some(r) = strip_word_suffix(rest, "Required") {
                required = true;
                rest = r;
            } else if let Some(r) = strip_word_suffix(rest, "Deprecated") {
                deprecated = true;
                rest = r;
            } else {
                break;
            }
        }
        match types::parse(rest) {
            Ok(ty) if !name.is_empty() => Some(Head {
                name: name.to_string(),
                ty,
                required,
                deprecated,
            }),
            _ => {
                self.warn(
                    "text_dump.nameless-bullet",
                    node.line,
                    node.col,
                    ptr,
                    format!(
                        "bullet `{}` is not `NAME TYPE` (its name was probably dropped): skipped",
                        node.head.chars().take(60).collect::<String>()
                    ),
                );
                None
            }
        }
    }

    /// The schema of a field or parameter bullet.
    fn schema(&mut self, node: &Node, head: &Head, ptr: &str, depth: usize) -> Value {
        let mut schema = head.ty.to_schema();
        let mut desc: Vec<&str> = Vec::new();
        for p in &node.paras {
            if let Some(vals) = enum_values(p) {
                let target = if has_type(&schema, "array") {
                    // `array` with no item type: the values still belong to the items.
                    if let Value::Object(m) = &mut schema {
                        m.entry("items").or_insert_with(|| json!({}));
                    }
                    schema.get_mut("items")
                } else {
                    Some(&mut schema)
                };
                if let Some(Value::Object(t)) = target {
                    let typed: Vec<Value> = vals
                        .iter()
                        .map(|v| typed_value(&Value::Object(t.clone()), v))
                        .collect();
                    t.insert("enum".into(), Value::Array(typed));
                }
            } else if let Some(cs) = constraints(p) {
                for (k, v) in cs {
                    let v = match v {
                        Raw::Num(n) => n,
                        // `Default value is null.` is JSON null whatever the type: a default
                        // that is the word "null" is far rarer than a null default on a field
                        // whose type does not list `null`.
                        Raw::Text(t) if k == "default" && t == "null" => Value::Null,
                        Raw::Text(t) if k == "default" => typed_value(&schema, &t),
                        Raw::Text(t) => json!(t),
                    };
                    if let Value::Object(m) = &mut schema {
                        m.insert(k.into(), v);
                    }
                }
            } else {
                if p.starts_with("Values are ") {
                    self.warn(
                        "text_dump.enum-unread",
                        node.line,
                        node.col,
                        ptr,
                        format!(
                            "`{}` does not split into values (one holds `, `?): no enum read, \
                             the sentence is kept in the description",
                            p.chars().take(80).collect::<String>()
                        ),
                    );
                }
                desc.push(p);
            }
        }
        if let Value::Object(m) = &mut schema {
            if !desc.is_empty() {
                m.insert("description".into(), json!(desc.join("\n\n")));
            }
            if head.deprecated {
                m.insert("deprecated".into(), json!(true));
            }
        }
        let groups: Vec<&Group> = node.groups.iter().collect();
        if groups.is_empty() {
            mark_unknown_objects(&mut schema);
        } else {
            for g in groups {
                self.fill_object(&mut schema, &g.children, ptr, depth + 1);
            }
        }
        schema
    }

    /// Adds `nodes` as properties (and `required`) of the object `schema` owns.
    pub(super) fn fill_object(
        &mut self,
        schema: &mut Value,
        nodes: &[Node],
        ptr: &str,
        depth: usize,
    ) {
        if !types::takes_fields(schema) {
            if let Some(n) = nodes.first() {
                self.warn(
                    "text_dump.children-of-scalar",
                    n.line,
                    n.col,
                    ptr,
                    sections::CHILDREN_OF_SCALAR.to_string(),
                );
            }
        }
        let mut required: Vec<Value> = Vec::new();
        let mut entries: Vec<(String, Value, usize, usize)> = Vec::new();
        for node in nodes {
            let Some(head) = self.head(node, ptr) else {
                continue;
            };
            let child_ptr = format!("{ptr}/properties/{}", pointer_token(&head.name));
            let child = self.schema(node, &head, &child_ptr, depth);
            if head.required && !required.contains(&json!(head.name)) {
                required.push(json!(head.name));
            }
            entries.push((head.name, child, node.line, node.col));
        }
        let Some(owner) = types::fields_owner(schema) else {
            return;
        };
        owner.remove("x-cpaas-required-unknown");
        owner.entry("properties").or_insert_with(|| json!({}));
        let mut dups = Vec::new();
        for (name, child, line, col) in entries {
            if !insert_property(owner, &name, child) {
                dups.push((name, line, col));
            }
        }
        if !required.is_empty() {
            owner.insert("required".into(), Value::Array(required));
        }
        for (name, line, col) in dups {
            self.warn(
                "text_dump.duplicate-name",
                line,
                col,
                &format!("{ptr}/properties/{}", pointer_token(&name)),
                format!(
                    "two fields read `{name}` (a `<`/`>` eaten from a name?): kept both, the \
                     second under x-cpaas-duplicate-properties"
                ),
            );
        }
    }

    /// A parameter bullet of the `loc` section as the `idx`th parameter object; `seen` are the
    /// ones before it (a repeated name is kept and flagged).
    pub(super) fn parameter(
        &mut self,
        loc: &str,
        node: Node,
        idx: usize,
        seen: &[Value],
    ) -> Option<Value> {
        let ptr = format!("{}/parameters/{idx}", self.op_ptr);
        let head = self.head(&node, &ptr)?;
        let schema = self.schema(&node, &head, &format!("{ptr}/schema"), 0);
        let (description, mut schema) = lift_description(schema);
        let mut required = head.required;
        if loc == "path" && !required {
            self.warn(
                "text_dump.path-param-optional",
                node.line,
                node.col,
                &ptr,
                format!(
                    "path parameter `{}` not marked Required: made required",
                    head.name
                ),
            );
            required = true;
        }
        if head.deprecated {
            if let Value::Object(m) = &mut schema {
                m.remove("deprecated");
            }
        }
        let p = sections::parameter(
            &head.name,
            loc,
            description,
            Required::Known(required),
            head.deprecated,
            schema,
        );
        if seen
            .iter()
            .any(|q| q["name"] == json!(head.name) && q["in"] == json!(loc))
        {
            self.warn(
                "text_dump.duplicate-name",
                node.line,
                node.col,
                &ptr,
                format!(
                    "two {loc} parameters read `{}` (a `<`/`>` eaten from a name, like \
                     `StartTime<`/`StartTime>`?): kept both",
                    head.name
                ),
            );
        }
        Some(p)
    }

    /// A `• CODE[ MEDIA-TYPE]` bullet as a response object in `out`.
    pub(super) fn response(&mut self, node: Node, out: &mut Map<String, Value>) {
        let mut words = node.head.split_whitespace();
        let code = words.next().unwrap_or("").to_string();
        let ptr = format!("{}/responses/{}", self.op_ptr, pointer_token(&code));
        if !is_status_code(&code) {
            self.warn(
                "text_dump.response-code",
                node.line,
                node.col,
                &ptr,
                format!(
                    "expected `• CODE[ MEDIA-TYPE]`, found `• {}`: skipped",
                    node.head
                ),
            );
            return;
        }
        // The media type is the rest of the head: it may carry parameters
        // (`application/json; charset=utf-8`).
        let mut mt = words.next().map(|first| {
            node.head[node.head.find(first).unwrap_or(0)..]
                .trim()
                .to_string()
        });
        let mut older_type = None;
        if let Some(m) = &mt {
            if !m.split_whitespace().next().unwrap_or("").contains('/') {
                // Older Bump style `• 200 object`: a type, not a media type.
                older_type = Some(node.head[code.len()..].trim().to_string());
                mt = None;
                self.warn(
                    "text_dump.response-media-type",
                    node.line,
                    node.col,
                    &ptr,
                    "older layout `• CODE TYPE`: media type unknown".to_string(),
                );
            }
        }
        let mut r = Map::new();
        r.insert("description".into(), json!(node.paras.join("\n\n")));
        let mut schema: Option<Value> = older_type
            .as_deref()
            .and_then(|t| types::parse(t).ok())
            .map(|t| t.to_schema());
        for g in &node.groups {
            let (name, ty) = g.toggle.clone().unwrap_or_default();
            if name == "headers" {
                let mut hs = Map::new();
                for h in &g.children {
                    let hptr = format!("{ptr}/headers");
                    let Some(head) = self.head(h, &hptr) else {
                        continue;
                    };
                    let s = self.schema(h, &head, &hptr, 0);
                    let (description, s) = lift_description(s);
                    hs.insert(head.name, sections::header(description, s));
                }
                r.insert("headers".into(), Value::Object(hs));
            } else {
                if name != "response" {
                    self.warn(
                        "text_dump.response-group",
                        node.line,
                        node.col,
                        &ptr,
                        format!("fields under `{name}` read as the response body"),
                    );
                }
                // No type after `Show response attributes`: an untyped schema (the fields
                // below, if any, become its properties).
                let mut s = ty
                    .as_deref()
                    .filter(|t| !t.trim().is_empty())
                    .and_then(|t| types::parse(t).ok())
                    .map_or_else(|| json!({}), |t| t.to_schema());
                let sptr = format!(
                    "{ptr}/content/{}/schema",
                    pointer_token(mt.as_deref().unwrap_or("application~1json"))
                );
                if !g.children.is_empty() || s.get("type").is_some() {
                    self.fill_object(&mut s, &g.children, &sptr, 0);
                }
                schema = Some(s);
            }
        }
        if mt.is_none() && schema.is_some() {
            mt = Some("application/json".to_string());
        }
        if let Some(mt) = mt {
            let mut media = Map::new();
            if let Some(s) = schema {
                media.insert("schema".into(), s);
            }
            r.insert("content".into(), sections::media(mt, media));
        }
        if out.contains_key(&code) {
            self.warn(
                "text_dump.duplicate-name",
                node.line,
                node.col,
                &ptr,
                format!("response {code} listed twice: kept the first"),
            );
            return;
        }
        out.insert(code, Value::Object(r));
    }
}

fn strip_word_suffix<'s>(s: &'s str, w: &str) -> Option<&'s str> {
    if s == w {
        return Some("");
    }
    s.strip_suffix(w)
        .and_then(|r| r.strip_suffix(' '))
        .map(str::trim_end)
}

/// Splits the description off a field's schema: parameters and headers carry it themselves.
fn lift_description(mut schema: Value) -> (Option<Value>, Value) {
    let description = match &mut schema {
        Value::Object(m) => m.remove("description"),
        _ => None,
    };
    (description, schema)
}
