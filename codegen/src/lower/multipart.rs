//! `multipart/form-data` request bodies: which top-level fields are files and how the media
//! type's `encoding` object says each part is sent ([`MultipartField`]).
//!
//! A field is a file when its schema (or, for an array, its items' schema) is a binary string
//! (`format: binary` or `byte`, OpenAPI 3.0) or has `contentMediaType` / `contentEncoding`
//! (3.1). Properties come from the body schema and the members of its `allOf`, `$ref`s
//! followed. An `encoding.<name>.contentType` is kept only when it names one concrete media
//! type; a header of `encoding.<name>.headers` only when its schema fixes the value.
//!
//! A body whose schema is a union (`oneOf`/`anyOf`, tagged or not) of objects is given as one
//! struct of every branch's fields ([`Lowerer::merged_union`]): a field is required only when
//! every branch requires it, and the API tells the branch from the fields sent.

use serde_json::Value;

use super::helpers::str_of;
use super::state::{Doc, Lowerer};
use serde_json::Map;

use crate::ir::{Field, MultipartField, Required, TypeKind, TypeRef};
use crate::naming::snake;

impl Lowerer {
    /// The fields of a multipart body whose schema is `schema`, under the media type object
    /// `media`.
    pub(super) fn multipart_fields(
        &mut self,
        doc: &Doc,
        schema: &Value,
        media: &Value,
    ) -> Vec<MultipartField> {
        let mut out: Vec<MultipartField> = Vec::new();
        let mut stack = vec![schema];
        let mut seen = 0;
        while let Some(s) = stack.pop() {
            seen += 1;
            if seen > 64 {
                break;
            }
            let s = self.deref_value(doc, s);
            for key in ["allOf", "oneOf", "anyOf"] {
                if let Some(all) = s.get(key).and_then(Value::as_array) {
                    stack.extend(all.iter().rev());
                }
            }
            let Some(props) = s.get("properties").and_then(Value::as_object) else {
                continue;
            };
            for (name, prop) in props {
                if out.iter().any(|f| &f.name == name) {
                    continue;
                }
                let prop = self.deref_value(doc, prop);
                let items = prop.get("items").map(|i| self.deref_value(doc, i));
                let file = is_binary(prop) || items.is_some_and(is_binary);
                let enc = media.get("encoding").and_then(|e| e.get(name));
                let content_type = enc
                    .and_then(|e| str_of(e, "contentType"))
                    .filter(|ct| !ct.contains('*') && !ct.contains(','))
                    .map(|ct| ct.trim().to_string());
                let headers = enc
                    .and_then(|e| e.get("headers"))
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter(|(h, _)| !h.eq_ignore_ascii_case("content-type"))
                    .filter_map(|(h, header)| {
                        let header = self.deref_value(doc, header);
                        let schema = self.deref_value(doc, header.get("schema")?);
                        Some((h.clone(), fixed_value(schema)?))
                    })
                    .collect();
                out.push(MultipartField {
                    name: name.clone(),
                    read_only: prop.get("readOnly") == Some(&Value::Bool(true)),
                    file,
                    content_type,
                    headers,
                });
            }
        }
        out
    }
}

impl Lowerer {
    /// For a union of objects `ty`: a new struct `<hint>Parts` of every branch's fields (the
    /// tag of a tagged union first, as a required string); `None` for any other type.
    pub(super) fn merged_union(&mut self, ty: &TypeRef, hint: &str) -> Option<TypeRef> {
        let TypeRef::Named(id) = ty.strip_nullable().0 else {
            return None;
        };
        let branches: Vec<Vec<Field>> = match &self.api.types[*id].kind {
            TypeKind::Union { variants } => variants
                .iter()
                .map(|v| match v.ty.strip_nullable().0 {
                    TypeRef::Named(b) => match &self.api.types[*b].kind {
                        TypeKind::Struct { fields, .. } => Some(fields.clone()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect::<Option<_>>()?,
            TypeKind::Tagged { tag, variants } => {
                let tag_field = Field {
                    name: tag.clone(),
                    rust_name: snake(tag),
                    ty: TypeRef::String,
                    required: Required::Yes,
                    description: None,
                    constraints: Default::default(),
                    boxed: false,
                    deprecated: false,
                    read_only: false,
                };
                variants
                    .iter()
                    .map(|v| {
                        let mut fields = vec![tag_field.clone()];
                        fields.extend(v.fields.iter().cloned());
                        fields
                    })
                    .collect()
            }
            _ => return None,
        };
        if branches.is_empty() {
            return None;
        }
        let mut merged: Vec<Field> = Vec::new();
        for field in branches.iter().flatten() {
            if merged.iter().any(|m| m.name == field.name) {
                continue;
            }
            let everywhere = branches.iter().all(|b| {
                b.iter()
                    .any(|f| f.name == field.name && f.required == Required::Yes)
            });
            let mut field = field.clone();
            field.required = if everywhere {
                Required::Yes
            } else {
                Required::No
            };
            merged.push(field);
        }
        let (new, _) = self.reserve(&format!("{hint}Parts"), &Map::new());
        self.api.types[new].kind = TypeKind::Struct {
            fields: merged,
            additional: None,
        };
        Some(TypeRef::Named(new))
    }
}

/// Whether a schema describes file content rather than text.
fn is_binary(schema: &Value) -> bool {
    matches!(str_of(schema, "format"), Some("binary" | "byte"))
        || schema.get("contentMediaType").is_some()
        || schema.get("contentEncoding").is_some()
}

/// The one value a header schema allows, as header text.
fn fixed_value(schema: &Value) -> Option<String> {
    let v = schema
        .get("const")
        .or_else(|| schema.get("default"))
        .or_else(|| match schema.get("enum").and_then(Value::as_array) {
            Some(one) if one.len() == 1 => one.first(),
            _ => None,
        })?;
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => Some(v.to_string()),
        _ => None,
    }
}
