//! Schemas into types: [`Lowerer::schema_type`] gives the [`TypeRef`] of any schema, lowering
//! each `$ref`'d component once (shared across files of one API when identical) and naming
//! inline objects and string enums from the hint it is given. Unions and `allOf` are handed to
//! `union`; the free functions here read schema keywords (nullability, formats, constraints).

use serde_json::{Map, Value};

use super::cycles::ref_cycle;
use super::helpers::{map_text, resolve_pointer, text_of};
use super::secret;
use super::state::{Doc, Lowerer};
use crate::diag::Diagnostic;
use crate::ir::{Constraints, EnumValue, Field, Required, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{Namespace, camel, nested_type, snake};

impl Lowerer {
    /// The type of a schema; `hint` names it when it needs a name of its own.
    pub(super) fn schema_type(&mut self, doc: &Doc, schema: &Value, hint: &str) -> TypeRef {
        let Some(obj) = schema.as_object() else {
            return TypeRef::Any;
        };
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            let t = self.named_ref(doc, r);
            return if obj.get("nullable") == Some(&Value::Bool(true)) {
                nullable(t)
            } else {
                t
            };
        }
        let (inner, is_nullable) = self.schema_type_inner(doc, obj, hint);
        if secret::mark_ignored(obj, &inner) {
            self.diags.push(
                Diagnostic::warning(
                    "lower.secret-not-string",
                    format!(
                        "`{}: true` on the schema of `{hint}` is ignored: it is not a free \
                         string (enums and formatted strings are never held in `Secret`)",
                        secret::EXTENSION
                    ),
                )
                .in_file(doc.file),
            );
        }
        if is_nullable { nullable(inner) } else { inner }
    }

    fn schema_type_inner(
        &mut self,
        doc: &Doc,
        obj: &Map<String, Value>,
        hint: &str,
    ) -> (TypeRef, bool) {
        let mut is_nullable = obj.get("nullable") == Some(&Value::Bool(true));
        // 3.1 type arrays.
        let mut types: Vec<&str> = match obj.get("type") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if types.contains(&"null") {
            is_nullable = true;
            types.retain(|t| *t != "null");
        }
        // oneOf / anyOf, with `null` branches taken out.
        for key in ["oneOf", "anyOf"] {
            if let Some(branches) = obj.get(key).and_then(Value::as_array) {
                let mut rest: Vec<&Value> = Vec::new();
                for b in branches {
                    if is_null_schema(b) {
                        is_nullable = true;
                    } else {
                        rest.push(b);
                    }
                }
                if rest.len() == 1 && !has_own_shape(obj) {
                    return (self.schema_type(doc, rest[0], hint), is_nullable);
                }
                if rest.len() > 1 {
                    return (self.union(doc, &rest, obj, hint), is_nullable);
                }
            }
        }
        if let Some(parts) = obj.get("allOf").and_then(Value::as_array) {
            if parts.len() == 1 && !has_own_shape(obj) {
                return (self.schema_type(doc, &parts[0], hint), is_nullable);
            }
            let merged = self.merge_all_of(doc, obj);
            return (self.schema_type(doc, &merged, hint), is_nullable);
        }
        // enum / const
        let enum_values: Option<Vec<&Value>> = obj
            .get("enum")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .or_else(|| obj.get("const").map(|c| vec![c]));
        if let Some(values) = enum_values {
            if values.iter().any(|v| v.is_null()) {
                is_nullable = true;
            }
            let strings: Vec<String> = values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            let non_null = values.iter().filter(|v| !v.is_null()).count();
            if !strings.is_empty()
                && strings.len() == non_null
                && obj.get("const").is_none()
                && types.iter().all(|t| *t == "string")
            {
                return (self.string_enum(obj, &strings, hint), is_nullable);
            }
        }
        let has_props = obj
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty());
        let ty = match types.first().copied() {
            _ if has_props => self.object(doc, obj, hint),
            Some("string") => match string_format(obj.get("format").and_then(Value::as_str)) {
                // The spec's own marks; a field's or parameter's name is read where it is known.
                TypeRef::String if secret::marked_in(obj) == Some(true) => TypeRef::Secret,
                t => t,
            },
            Some("integer") => match obj.get("format").and_then(Value::as_str) {
                Some("int32") => TypeRef::Integer(32),
                _ => TypeRef::Integer(64),
            },
            Some("number") => TypeRef::Number,
            Some("boolean") => TypeRef::Boolean,
            Some("array") => {
                let items = obj.get("items").cloned().unwrap_or(Value::Null);
                TypeRef::Array(Box::new(self.schema_type(
                    doc,
                    &items,
                    &format!("{hint}Item"),
                )))
            }
            Some("object") | None => match additional(obj) {
                Some(Value::Object(schema)) if !schema.is_empty() => TypeRef::Map(Box::new(
                    self.schema_type(doc, &Value::Object(schema.clone()), &format!("{hint}Value")),
                )),
                _ if obj.contains_key("items") => {
                    let items = obj.get("items").cloned().unwrap_or(Value::Null);
                    TypeRef::Array(Box::new(self.schema_type(
                        doc,
                        &items,
                        &format!("{hint}Item"),
                    )))
                }
                _ => TypeRef::Any,
            },
            Some(_) => TypeRef::Any,
        };
        (ty, is_nullable)
    }

    fn named_ref(&mut self, doc: &Doc, r: &str) -> TypeRef {
        let key = (self.doc_index, r.to_string());
        if let Some(t) = self.refs.get(&key) {
            return t.clone();
        }
        let Some(target) = resolve_pointer(doc.root, r) else {
            self.warn(
                "lower.dangling-ref",
                doc.file,
                r.to_string(),
                format!("`$ref: {r}` points nowhere in this document; typed as untyped JSON"),
            );
            self.refs.insert(key, TypeRef::Any);
            return TypeRef::Any;
        };
        if let Some(chain) = ref_cycle(doc.root, r) {
            self.warn(
                "lower.ref-cycle",
                doc.file,
                r.to_string(),
                format!("`$ref` chain {chain} never reaches a schema; typed as untyped JSON"),
            );
            self.refs.insert(key, TypeRef::Any);
            return TypeRef::Any;
        }
        let name = r
            .rsplit('/')
            .next()
            .unwrap_or("Type")
            .replace("~1", "/")
            .replace("~0", "~");
        let canonical = target.to_string();
        // A component's type name follows the naming rule for components; any other target
        // (a property deep in a schema) is named after its last pointer token.
        let type_name = r
            .strip_prefix("#/components/schemas/")
            .filter(|rest| !rest.contains('/'))
            .and_then(|_| doc.type_names.get(&name))
            .cloned()
            .unwrap_or_else(|| camel(&name));
        if let Some(t) = self.shared.get(&(name.clone(), canonical.clone())) {
            let t = t.clone();
            self.refs.insert(key, t.clone());
            return t;
        }
        if needs_name(target) {
            // Reserve the type before lowering its body, so recursive references find it.
            let id = self.api.types.len();
            let rust_name = self.types_ns.claim(&type_name);
            self.api.types.push(TypeDef {
                rust_name: rust_name.clone(),
                source_name: Some(name.clone()),
                kind: TypeKind::Alias(TypeRef::Any),
                description: text_of(target, "description"),
            });
            let t = if schema_is_nullable(target) {
                nullable(TypeRef::Named(id))
            } else {
                TypeRef::Named(id)
            };
            self.refs.insert(key, t.clone());
            self.shared.insert((name, canonical), t.clone());
            let kind = self.define(doc, target, &rust_name);
            self.api.types[id].kind = kind;
            t
        } else {
            // Primitives, arrays and maps are used inline. A cycle through one of them (an
            // array of itself) is cut with untyped JSON.
            self.refs.insert(key.clone(), TypeRef::Any);
            let t = self.schema_type(doc, target, &type_name);
            self.refs.insert(key, t.clone());
            self.shared.insert((name, canonical), t.clone());
            t
        }
    }

    /// The kind of a schema that [`needs_name`]: struct, enum or union, named `base`.
    fn define(&mut self, doc: &Doc, schema: &Value, base: &str) -> TypeKind {
        let Some(obj) = schema.as_object() else {
            return TypeKind::Alias(TypeRef::Any);
        };
        let has_props = obj
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty());
        if let Some(parts) = obj.get("allOf").and_then(Value::as_array) {
            if parts.len() > 1 || has_props {
                let merged = self.merge_all_of(doc, obj);
                if merged.get("allOf").is_none() && needs_name(&merged) {
                    return self.define(doc, &merged, base);
                }
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(branches) = obj.get(key).and_then(Value::as_array) {
                let rest: Vec<&Value> = branches.iter().filter(|b| !is_null_schema(b)).collect();
                if rest.len() > 1 && !has_props {
                    return self.union_kind(doc, &rest, obj, base);
                }
            }
        }
        if has_props {
            return self.struct_kind(doc, obj, base);
        }
        if let Some(values) = obj.get("enum").and_then(Value::as_array) {
            let strings: Vec<String> = values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            if !strings.is_empty() {
                return enum_kind(&strings);
            }
        }
        let (t, _) = self.schema_type_inner(doc, obj, base);
        TypeKind::Alias(t)
    }

    /// Reserves a new named type (so nested and recursive uses find it) and returns its id.
    pub(super) fn reserve(&mut self, hint: &str, obj: &Map<String, Value>) -> (TypeId, String) {
        let rust_name = self.types_ns.claim(&camel(hint));
        let id = self.api.types.len();
        self.api.types.push(TypeDef {
            rust_name: rust_name.clone(),
            source_name: obj.get("title").and_then(Value::as_str).map(str::to_string),
            kind: TypeKind::Alias(TypeRef::Any),
            description: map_text(obj, "description"),
        });
        (id, rust_name)
    }

    fn string_enum(&mut self, obj: &Map<String, Value>, values: &[String], hint: &str) -> TypeRef {
        let (id, _) = self.reserve(hint, obj);
        self.api.types[id].kind = enum_kind(values);
        TypeRef::Named(id)
    }

    fn object(&mut self, doc: &Doc, obj: &Map<String, Value>, hint: &str) -> TypeRef {
        let (id, name) = self.reserve(hint, obj);
        self.api.types[id].kind = self.struct_kind(doc, obj, &name);
        TypeRef::Named(id)
    }

    pub(super) fn struct_kind(
        &mut self,
        doc: &Doc,
        obj: &Map<String, Value>,
        base: &str,
    ) -> TypeKind {
        let required: Vec<&str> = obj
            .get("required")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let unknown = obj.get("x-cpaas-required-unknown") == Some(&Value::Bool(true));
        let mut ns = Namespace::new();
        let mut fields = Vec::new();
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                let field_hint = nested_type(base, name);
                let ty = self.schema_type(doc, prop, &field_hint);
                let resolved = self.deref_value(doc, prop).clone();
                let ty = secret::decide(ty, Some(name), &[prop, &resolved]);
                let req = if required.contains(&name.as_str()) {
                    Required::Yes
                } else if unknown {
                    Required::Unknown
                } else {
                    Required::No
                };
                fields.push(Field {
                    name: name.clone(),
                    rust_name: ns.claim(&snake(name)),
                    ty,
                    required: req,
                    description: text_of(prop, "description")
                        .or_else(|| text_of(&resolved, "description")),
                    constraints: constraints(&resolved),
                    boxed: false,
                    deprecated: prop.get("deprecated") == Some(&Value::Bool(true)),
                    read_only: [prop, &resolved]
                        .iter()
                        .any(|s| s.get("readOnly") == Some(&Value::Bool(true))),
                });
            }
        }
        TypeKind::Struct {
            fields,
            additional: None,
        }
    }
}

fn enum_kind(values: &[String]) -> TypeKind {
    let mut ns = Namespace::new();
    ns.reserve("Unknown");
    let mut seen = std::collections::HashSet::new();
    let values = values
        .iter()
        .filter(|v| seen.insert(v.as_str()))
        .map(|v| EnumValue {
            value: v.clone(),
            rust_name: ns.claim(&camel(v)),
            description: None,
        })
        .collect();
    TypeKind::Enum { values }
}

fn schema_is_nullable(s: &Value) -> bool {
    s.get("nullable") == Some(&Value::Bool(true))
        || s.get("type")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|t| t == "null"))
        || ["oneOf", "anyOf"].iter().any(|k| {
            s.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(is_null_schema))
        })
}

fn nullable(t: TypeRef) -> TypeRef {
    match t {
        TypeRef::Nullable(_) | TypeRef::Any => t,
        t => TypeRef::Nullable(Box::new(t)),
    }
}

fn string_format(format: Option<&str>) -> TypeRef {
    match format {
        Some("uuid") => TypeRef::Uuid,
        Some("date-time") => TypeRef::DateTime,
        Some("date-time-rfc-2822") => TypeRef::DateTimeRfc2822,
        Some("date") => TypeRef::Date,
        Some("uri") | Some("url") => TypeRef::Uri,
        _ => TypeRef::String,
    }
}

fn additional(obj: &Map<String, Value>) -> Option<Value> {
    obj.get("additionalProperties")
        .or_else(|| obj.get("unevaluatedProperties"))
        .cloned()
}

fn is_null_schema(v: &Value) -> bool {
    v.get("type") == Some(&Value::String("null".into()))
        || v.get("enum") == Some(&Value::Array(vec![Value::Null]))
}

/// True when a schema with `oneOf`/`allOf` also describes a shape of its own.
fn has_own_shape(obj: &Map<String, Value>) -> bool {
    obj.get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

/// Schemas that become named Rust types when they stand as components.
fn needs_name(s: &Value) -> bool {
    let Some(o) = s.as_object() else {
        return false;
    };
    let props = o
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty());
    let strings_enum = o
        .get("enum")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(Value::is_string));
    let union = ["oneOf", "anyOf"].iter().any(|k| {
        o.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().filter(|b| !is_null_schema(b)).count() > 1)
    });
    let all_of = o
        .get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|a| a.len() > 1);
    props || strings_enum || union || all_of
}

pub(super) fn constraints(s: &Value) -> Constraints {
    let u = |k: &str| s.get(k).and_then(Value::as_u64);
    let bound = |k: &str, ex: &str| -> Option<(f64, bool)> {
        // 3.1: exclusiveMinimum is the bound; 3.0: a boolean beside minimum.
        match (s.get(k).and_then(Value::as_f64), s.get(ex)) {
            (_, Some(Value::Number(n))) => n.as_f64().map(|n| (n, true)),
            (Some(v), Some(Value::Bool(b))) => Some((v, *b)),
            (Some(v), _) => Some((v, false)),
            _ => None,
        }
    };
    Constraints {
        min_length: u("minLength"),
        max_length: u("maxLength"),
        pattern: s.get("pattern").and_then(Value::as_str).map(str::to_string),
        minimum: bound("minimum", "exclusiveMinimum"),
        maximum: bound("maximum", "exclusiveMaximum"),
        min_items: u("minItems"),
        max_items: u("maxItems"),
    }
}
