//! `oneOf`/`anyOf`/`allOf`: a union of several branches becomes a string enum (every branch
//! strings), an internally tagged union (every branch an object with a distinct constant in a
//! shared property) or an untagged union; `allOf` parts are merged into one object schema.

use serde_json::{Map, Value};

use super::helpers::{map_text, str_of, text_of};
use super::state::{Doc, Lowerer};
use crate::ir::{EnumValue, TaggedVariant, TypeKind, TypeRef, Variant};
use crate::naming::{Namespace, camel};

impl Lowerer {
    pub(super) fn union(
        &mut self,
        doc: &Doc,
        branches: &[&Value],
        obj: &Map<String, Value>,
        hint: &str,
    ) -> TypeRef {
        let (id, name) = self.reserve(hint, obj);
        self.api.types[id].kind = self.union_kind(doc, branches, obj, &name);
        TypeRef::Named(id)
    }

    /// A `oneOf`/`anyOf` (without its `null` branches) of the schema `obj`: a string enum when
    /// every branch is a set of strings, an internally tagged union when every branch is an
    /// object with a distinct constant in a shared property, else an untagged union.
    pub(super) fn union_kind(
        &mut self,
        doc: &Doc,
        branches: &[&Value],
        obj: &Map<String, Value>,
        base: &str,
    ) -> TypeKind {
        if let Some(kind) = self.enum_union(doc, branches) {
            return kind;
        }
        if let Some(kind) = self.tagged_union(doc, branches, obj, base) {
            return kind;
        }
        let mut ns = Namespace::new();
        let mut variants = Vec::new();
        for (i, b) in branches.iter().enumerate() {
            let ty = self.schema_type(doc, b, &format!("{base}Variant{}", i + 1));
            let name = match &ty {
                TypeRef::Named(t) => self.api.types[*t].rust_name.clone(),
                TypeRef::Nullable(inner) => match inner.as_ref() {
                    TypeRef::Named(t) => self.api.types[*t].rust_name.clone(),
                    other => primitive_name(other).to_string(),
                },
                other => primitive_name(other).to_string(),
            };
            variants.push(Variant {
                rust_name: ns.claim(&camel(&name)),
                ty,
                boxed: false,
            });
        }
        TypeKind::Union { variants }
    }

    /// `oneOf: [{type: string, enum: [a]}, {const: b, description: ..}]`: one string enum, each
    /// value keeping its branch's description. `None` unless every branch is only strings.
    fn enum_union(&mut self, doc: &Doc, branches: &[&Value]) -> Option<TypeKind> {
        let mut values: Vec<(String, Option<String>)> = Vec::new();
        for b in branches {
            let b = self.deref_value(doc, b);
            let o = b.as_object()?;
            if o.contains_key("properties") || o.contains_key("oneOf") || o.contains_key("anyOf") {
                return None;
            }
            match o.get("type") {
                None => {}
                Some(Value::String(t)) if t == "string" => {}
                _ => return None,
            }
            let strings: Vec<String> = match (o.get("enum"), o.get("const")) {
                (Some(Value::Array(a)), _) => a
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<_>>()?,
                (None, Some(Value::String(c))) => vec![c.clone()],
                _ => return None,
            };
            if strings.is_empty() {
                return None;
            }
            let description = if strings.len() == 1 {
                text_of(b, "description").or_else(|| text_of(b, "title"))
            } else {
                None
            };
            for v in strings {
                if !values.iter().any(|(w, _)| *w == v) {
                    values.push((v, description.clone()));
                }
            }
        }
        let mut ns = Namespace::new();
        ns.reserve("Unknown");
        Some(TypeKind::Enum {
            values: values
                .into_iter()
                .map(|(value, description)| EnumValue {
                    rust_name: ns.claim(&camel(&value)),
                    value,
                    description,
                })
                .collect(),
        })
    }

    /// An internally tagged union: every branch an object (inline, a `$ref` or an `allOf`)
    /// sharing one property that holds a distinct constant string per branch: a one-value
    /// `enum` or `const`, or the `discriminator` mapping's key for the branch's `$ref` (its
    /// schema name when the mapping is implicit). `None` when the branches do not all fit.
    fn tagged_union(
        &mut self,
        doc: &Doc,
        branches: &[&Value],
        obj: &Map<String, Value>,
        base: &str,
    ) -> Option<TypeKind> {
        let disc = obj.get("discriminator").and_then(Value::as_object);
        let disc_prop = disc
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str);
        let mapping = disc
            .and_then(|d| d.get("mapping"))
            .and_then(Value::as_object);
        // Each branch as one object schema.
        let mut objects: Vec<(Map<String, Value>, Option<String>)> = Vec::new();
        for b in branches {
            let reference = str_of(b, "$ref").map(str::to_string);
            let resolved = self.deref_value(doc, b).clone();
            let resolved = match resolved.as_object() {
                Some(o) if o.contains_key("allOf") => self.merge_all_of(doc, o),
                _ => resolved,
            };
            let o = resolved.as_object()?;
            if o.contains_key("oneOf") || o.contains_key("anyOf") || o.contains_key("allOf") {
                return None;
            }
            o.get("properties")?.as_object()?;
            objects.push((o.clone(), reference));
        }
        // The constant a branch gives property `p`.
        let constant =
            |this: &mut Self, o: &Map<String, Value>, reference: Option<&str>, p: &str| {
                let prop = o.get("properties")?.get(p)?;
                let prop = this.deref_value(doc, prop);
                let from_schema = match (prop.get("enum"), prop.get("const")) {
                    (Some(Value::Array(a)), _) if a.len() == 1 => a[0].as_str().map(str::to_string),
                    (None, Some(Value::String(c))) => Some(c.clone()),
                    _ => None,
                };
                if from_schema.is_some() || disc_prop != Some(p) {
                    return from_schema;
                }
                let reference = reference?;
                match mapping {
                    Some(m) => m
                        .iter()
                        .find(|(_, v)| v.as_str() == Some(reference))
                        .map(|(k, _)| k.clone()),
                    None => reference
                        .strip_prefix("#/components/schemas/")
                        .map(str::to_string),
                }
            };
        let first = objects.first()?.0.get("properties")?.as_object()?;
        let candidates: Vec<String> = match disc_prop {
            Some(p) => vec![p.to_string()],
            None => first.keys().cloned().collect(),
        };
        let mut chosen = None;
        'candidates: for p in candidates {
            let mut values = Vec::new();
            for (o, reference) in &objects {
                match constant(self, o, reference.as_deref(), &p) {
                    Some(v) if !values.contains(&v) => values.push(v),
                    _ => continue 'candidates,
                }
            }
            chosen = Some((p, values));
            break;
        }
        let (tag, values) = chosen?;
        let mut ns = Namespace::new();
        ns.reserve("Unknown");
        let mut variants = Vec::new();
        for ((mut o, _), value) in objects.into_iter().zip(values) {
            if let Some(Value::Object(props)) = o.get_mut("properties") {
                props.remove(&tag);
            }
            if let Some(Value::Array(req)) = o.get_mut("required") {
                req.retain(|r| r.as_str() != Some(tag.as_str()));
            }
            let rust_name = ns.claim(&camel(&value));
            let description = map_text(&o, "description");
            let TypeKind::Struct { fields, .. } =
                self.struct_kind(doc, &o, &format!("{base}{rust_name}"))
            else {
                return None;
            };
            variants.push(TaggedVariant {
                value,
                rust_name,
                description,
                fields,
            });
        }
        Some(TypeKind::Tagged { tag, variants })
    }

    /// Merges `allOf` parts (resolving `$ref`s, recursively) into one object schema.
    pub(super) fn merge_all_of(&mut self, doc: &Doc, obj: &Map<String, Value>) -> Value {
        let mut props = Map::new();
        let mut required: Vec<Value> = Vec::new();
        let mut out = obj.clone();
        out.remove("allOf");
        let mut stack: Vec<Value> = obj
            .get("allOf")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        stack.reverse();
        let mut steps = 0;
        while let Some(part) = stack.pop() {
            steps += 1;
            if steps > 256 {
                break;
            }
            let part = self.deref_value(doc, &part).clone();
            if let Some(inner) = part.get("allOf").and_then(Value::as_array) {
                for p in inner.iter().rev() {
                    stack.push(p.clone());
                }
            }
            if let Some(p) = part.get("properties").and_then(Value::as_object) {
                for (k, v) in p {
                    props.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
            if let Some(r) = part.get("required").and_then(Value::as_array) {
                required.extend(r.iter().cloned());
            }
            if let Some(d) = part.get("description") {
                out.entry("description").or_insert_with(|| d.clone());
            }
            if !out.contains_key("type") {
                if let Some(t) = part.get("type") {
                    out.insert("type".into(), t.clone());
                }
            }
        }
        if let Some(p) = obj.get("properties").and_then(Value::as_object) {
            for (k, v) in p {
                props.insert(k.clone(), v.clone());
            }
        }
        if let Some(r) = obj.get("required").and_then(Value::as_array) {
            required.extend(r.iter().cloned());
        }
        if !props.is_empty() {
            out.insert("properties".into(), Value::Object(props));
            out.insert("type".into(), Value::String("object".into()));
        }
        if !required.is_empty() {
            out.insert("required".into(), Value::Array(required));
        }
        Value::Object(out)
    }
}

fn primitive_name(t: &TypeRef) -> &'static str {
    match t {
        TypeRef::String => "String",
        TypeRef::Secret => "Secret",
        TypeRef::Integer(_) => "Integer",
        TypeRef::Number => "Number",
        TypeRef::Boolean => "Boolean",
        TypeRef::Uuid => "Uuid",
        TypeRef::DateTime | TypeRef::DateTimeRfc2822 => "DateTime",
        TypeRef::Date => "Date",
        TypeRef::Uri => "Uri",
        TypeRef::Any => "Value",
        TypeRef::Array(_) => "Array",
        TypeRef::Map(_) => "Map",
        TypeRef::Named(_) => "Named",
        TypeRef::Nullable(_) => "Nullable",
    }
}
