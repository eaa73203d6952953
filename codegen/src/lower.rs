//! Lowering: OpenAPI documents (3.0 or 3.1, as JSON) into one [`ir::Api`].
//!
//! Both dialects are read into one meaning: 3.0 `nullable`, 3.1 type arrays with `null`,
//! `oneOf`/`anyOf` with a `null` branch; `const`; `examples` arrays; `$ref` with siblings;
//! `unevaluatedProperties` like `additionalProperties`. Unknown `format`s degrade to the base type.
//! Every Rust name is decided here, stable and collision-free.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::diag::{Diagnostic, pointer_token};
use crate::frontend::Recovered;
use crate::ir::*;
use crate::naming::{Namespace, camel, snake};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One input document of an API.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its detected format id.
    pub format: String,
    /// What its frontend recovered.
    pub recovered: Recovered,
}

/// Lowers the documents of one API (`provider`/`name`) into the IR. Warnings are returned
/// beside the API; an error stops the API.
pub fn lower(
    provider: &str,
    name: &str,
    inputs: &[Input],
) -> Result<(Api, Vec<Diagnostic>), Diagnostic> {
    let mut l = Lowerer {
        api: Api {
            provider: provider.to_string(),
            name: name.to_string(),
            ..Default::default()
        },
        types_ns: Namespace::new(),
        ops_ns: Namespace::new(),
        diags: Vec::new(),
        refs: HashMap::new(),
        shared: HashMap::new(),
        doc_index: 0,
    };
    for reserved in [
        "Client", "Error", "Result", "Option", "Vec", "String", "Box",
    ] {
        l.types_ns.reserve(reserved);
    }
    for reserved in ["new", "builder", "runtime", "from_env", "api"] {
        l.ops_ns.reserve(reserved);
    }
    for (i, input) in inputs.iter().enumerate() {
        l.doc_index = i;
        l.api.sources.push(Source {
            path: input.path.clone(),
            format: input.format.clone(),
        });
        l.document(input)?;
    }
    box_cycles(&mut l.api);
    Ok((l.api, l.diags))
}

struct Lowerer {
    api: Api,
    types_ns: Namespace,
    ops_ns: Namespace,
    diags: Vec<Diagnostic>,
    /// `(document, $ref)` -> lowered type, so each component is lowered once.
    refs: HashMap<(usize, String), TypeRef>,
    /// `(component name, canonical JSON)` -> type: identical components of several files of
    /// one API share one Rust type.
    shared: HashMap<(String, String), TypeRef>,
    doc_index: usize,
}

/// Per-document context.
struct Doc<'a> {
    root: &'a Value,
    file: &'a Path,
    locations: &'a BTreeMap<String, usize>,
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// The trimmed, non-empty text of `v[key]`.
fn text_of(v: &Value, key: &str) -> Option<String> {
    v.as_object().and_then(|o| map_text(o, key))
}

/// [`text_of`] for an object already in hand.
fn map_text(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl Lowerer {
    fn warn(&mut self, code: &'static str, file: &Path, pointer: String, msg: String) {
        self.diags.push(
            Diagnostic::warning(code, msg)
                .pointer(pointer)
                .in_file(file),
        );
    }

    fn document(&mut self, input: &Input) -> Result<(), Diagnostic> {
        let root = &input.recovered.doc;
        let doc = Doc {
            root,
            file: &input.path,
            locations: &input.recovered.locations,
        };
        if !root.is_object() {
            return Err(Diagnostic::error(
                "lower.not-a-document",
                "expected an OpenAPI document (a mapping at the root)",
            )
            .at(1, 1)
            .in_file(&input.path));
        }
        if let Some(v) = root.get("swagger") {
            return Err(Diagnostic::error(
                "openapi.swagger2",
                format!("Swagger {v} is not OpenAPI 3; convert it first"),
            )
            .at(1, 1)
            .in_file(&input.path));
        }
        if self.api.title.is_none() {
            self.api.title = root.get("info").and_then(|i| text_of(i, "title"));
        }
        self.servers(&doc);
        self.security_schemes(&doc);
        let paths = match root.get("paths") {
            Some(Value::Object(paths)) => paths,
            None | Some(Value::Null) => return Ok(()),
            Some(other) => {
                return Err(Diagnostic::error(
                    "lower.wrong-type",
                    format!(
                        "`paths` must be a mapping of path templates to path items, found {}",
                        kind_of(other)
                    ),
                )
                .at(line_of(doc.locations, "/paths"), 1)
                .pointer("/paths")
                .in_file(&input.path));
            }
        };
        for (path, item) in paths {
            let item = self.deref_value(&doc, item);
            let Some(item) = item.as_object() else {
                continue;
            };
            for method in METHODS {
                if let Some(op) = item.get(method) {
                    self.operation(&doc, path, method, item, op)?;
                }
            }
        }
        Ok(())
    }

    fn servers(&mut self, doc: &Doc) {
        let Some(list) = doc.root.get("servers").and_then(Value::as_array) else {
            return;
        };
        let servers: Vec<Server> = list
            .iter()
            .filter_map(|s| {
                let url = str_of(s, "url")?.trim_end_matches('/').to_string();
                let variables = s
                    .get("variables")
                    .and_then(Value::as_object)
                    .map(|vars| {
                        vars.iter()
                            .map(|(name, v)| ServerVariable {
                                name: name.clone(),
                                default: if v.get("x-cpaas-required") == Some(&Value::Bool(true)) {
                                    None
                                } else {
                                    v.get("default").map(scalar_string)
                                },
                                allowed: v
                                    .get("enum")
                                    .and_then(Value::as_array)
                                    .map(|a| a.iter().map(scalar_string).collect())
                                    .unwrap_or_default(),
                                description: text_of(v, "description"),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Some(Server {
                    url,
                    description: text_of(s, "description"),
                    variables,
                })
            })
            .collect();
        if self.api.servers.is_empty() {
            self.api.servers = servers;
        } else if let (Some(a), Some(b)) = (self.api.servers.first(), servers.first()) {
            if a.url != b.url {
                let msg = format!(
                    "this file's server `{}` differs from `{}` given by an earlier file of the \
                     same API; the client uses the first (override it with base_url)",
                    b.url, a.url
                );
                self.warn("lower.server-mismatch", doc.file, "/servers/0".into(), msg);
            }
        }
    }

    fn security_schemes(&mut self, doc: &Doc) {
        let Some(schemes) = doc
            .root
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object)
        else {
            return;
        };
        for (name, s) in schemes {
            if self.api.security_schemes.iter().any(|x| &x.name == name) {
                continue;
            }
            let s = self.deref_value(doc, s);
            let ty = str_of(s, "type").unwrap_or("");
            let kind = match ty {
                "http" => match str_of(s, "scheme")
                    .unwrap_or("")
                    .to_ascii_lowercase()
                    .as_str()
                {
                    "basic" => AuthKind::Basic,
                    "bearer" => AuthKind::Bearer,
                    _ => AuthKind::Unknown,
                },
                "apiKey" => AuthKind::ApiKey {
                    location: str_of(s, "in").unwrap_or("header").to_string(),
                    name: str_of(s, "name").unwrap_or("Authorization").to_string(),
                },
                "oauth2" | "openIdConnect" => AuthKind::OAuth2,
                _ => AuthKind::Unknown,
            };
            self.api.security_schemes.push(SecurityScheme {
                name: name.clone(),
                kind,
                description: text_of(s, "description"),
            });
        }
    }

    /// Follows a local `$ref` (to any depth, cycles end at the first repeat).
    fn deref_value<'v>(&mut self, doc: &Doc<'v>, v: &'v Value) -> &'v Value {
        let mut cur = v;
        for _ in 0..32 {
            match str_of(cur, "$ref") {
                Some(r) => match resolve_pointer(doc.root, r) {
                    Some(t) => cur = t,
                    None => return cur,
                },
                None => return cur,
            }
        }
        cur
    }

    fn operation(
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
            let ty = self.schema_type(doc, &schema, &format!("{type_base}{}", camel(name)));
            let required = if location == ParamLocation::Path
                || p.get("required") == Some(&Value::Bool(true))
            {
                Required::Yes
            } else if p.get("x-cpaas-required-unknown") == Some(&Value::Bool(true)) {
                Required::Unknown
            } else {
                Required::No
            };
            let schema = self.deref_value(doc, &schema).clone();
            params.push(Param {
                name: name.to_string(),
                rust_name: args_ns.claim(&snake(name)),
                location,
                required,
                ty,
                description: text_of(p, "description").or_else(|| text_of(&schema, "description")),
                constraints: constraints(&schema),
                deprecated: p.get("deprecated") == Some(&Value::Bool(true)),
            });
        }
        // Path template parameters the source did not list are still required strings.
        for name in template_names(path) {
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
                    rust_name: args_ns.claim(&snake(&name)),
                    name,
                    location: ParamLocation::Path,
                    required: Required::Yes,
                    ty: TypeRef::String,
                    description: None,
                    constraints: Constraints::default(),
                    deprecated: false,
                });
            }
        }

        let body = match op.get("requestBody") {
            Some(rb) => self.request_body(doc, &pointer, rb, &type_base),
            None => None,
        };

        let mut responses = Vec::new();
        if let Some(map) = op.get("responses").and_then(Value::as_object) {
            let successes = map.keys().filter(|k| k.starts_with('2')).count();
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
                let hint = match status {
                    StatusSpec::Code(c) if (200..300).contains(&c) && successes <= 1 => {
                        format!("{type_base}Response")
                    }
                    StatusSpec::Code(c) if (200..300).contains(&c) => {
                        format!("{type_base}Response{c}")
                    }
                    StatusSpec::Code(c) => format!("{type_base}Error{c}"),
                    StatusSpec::Range(r) => format!("{type_base}Response{r}xx"),
                    StatusSpec::Default => format!("{type_base}DefaultResponse"),
                };
                let resp = self.deref_value(doc, resp).clone();
                responses.push(self.response(doc, status, &resp, &hint));
            }
        }
        responses.sort_by_key(|r| r.status);

        let security = match op.get("security").or_else(|| doc.root.get("security")) {
            Some(Value::Array(reqs)) => {
                let mut names: Vec<String> = Vec::new();
                for r in reqs {
                    for k in r.as_object().into_iter().flat_map(|o| o.keys()) {
                        if !names.contains(k) {
                            names.push(k.clone());
                        }
                    }
                }
                names
            }
            _ => Vec::new(),
        };

        self.api.operations.push(Operation {
            id: id_source,
            rust_name,
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            summary: text_of(op, "summary"),
            description: text_of(op, "description"),
            deprecated: op.get("deprecated") == Some(&Value::Bool(true)),
            params,
            body,
            responses,
            security,
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
        let encoding = if lower_ct.contains("json") {
            BodyEncoding::Json
        } else if lower_ct == "application/x-www-form-urlencoded" {
            BodyEncoding::Form
        } else if lower_ct.starts_with("text/") {
            BodyEncoding::Text
        } else {
            BodyEncoding::Bytes
        };
        if lower_ct.starts_with("multipart/") {
            self.warn(
                "lower.multipart",
                doc.file,
                format!("{pointer}/requestBody"),
                format!(
                    "`{ct}` bodies are sent as bytes you encode yourself (multipart is not \
                     generated yet)"
                ),
            );
        }
        let schema = media.get("schema").cloned().unwrap_or(Value::Null);
        let hint = str_of(&schema, "title")
            .filter(|_| schema.get("$ref").is_none())
            .map(camel)
            .unwrap_or_else(|| format!("{type_base}Request"));
        let ty = match encoding {
            BodyEncoding::Text => TypeRef::String,
            BodyEncoding::Bytes => TypeRef::Any,
            _ => self.schema_type(doc, &schema, &hint),
        };
        Some(RequestBody {
            content_type: ct.clone(),
            encoding,
            ty,
            required: rb.get("required") == Some(&Value::Bool(true)),
            description: text_of(&rb, "description"),
        })
    }

    fn response(&mut self, doc: &Doc, status: StatusSpec, resp: &Value, hint: &str) -> Response {
        let headers = resp
            .get("headers")
            .and_then(Value::as_object)
            .map(|h| h.keys().cloned().collect())
            .unwrap_or_default();
        let content = resp.get("content").and_then(Value::as_object);
        let chosen = content.and_then(|c| {
            c.iter()
                .find(|(k, _)| {
                    let k = k.to_ascii_lowercase();
                    k.contains("json")
                })
                .or_else(|| c.iter().next())
        });
        let (content_type, body, example) = match chosen {
            None => (None, ResponseBody::Empty, None),
            Some((ct, media)) => {
                let lct = ct.to_ascii_lowercase();
                let example = media.get("example").cloned().or_else(|| {
                    media
                        .get("examples")
                        .and_then(Value::as_object)
                        .and_then(|e| e.values().next())
                        .and_then(|e| e.get("value"))
                        .cloned()
                });
                let schema = media.get("schema");
                let body = if lct.contains("json") {
                    match schema {
                        Some(s) if !is_empty_schema(s) => {
                            ResponseBody::Json(self.schema_type(doc, s, hint))
                        }
                        _ => ResponseBody::Untyped,
                    }
                } else if lct.starts_with("text/") {
                    ResponseBody::Text
                } else {
                    ResponseBody::Bytes
                };
                (Some(ct.clone()), body, example)
            }
        };
        Response {
            status,
            description: text_of(resp, "description"),
            content_type,
            body,
            headers,
            example,
        }
    }

    /// The type of a schema; `hint` names it when it needs a name of its own.
    fn schema_type(&mut self, doc: &Doc, schema: &Value, hint: &str) -> TypeRef {
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
            Some("string") => string_format(obj.get("format").and_then(Value::as_str)),
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
        if let Some(t) = self.shared.get(&(name.clone(), canonical.clone())) {
            let t = t.clone();
            self.refs.insert(key, t.clone());
            return t;
        }
        if needs_name(target) {
            // Reserve the type before lowering its body, so recursive references find it.
            let id = self.api.types.len();
            let rust_name = self.types_ns.claim(&camel(&name));
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
            let t = self.schema_type(doc, target, &camel(&name));
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
    fn reserve(&mut self, hint: &str, obj: &Map<String, Value>) -> (TypeId, String) {
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

    fn struct_kind(&mut self, doc: &Doc, obj: &Map<String, Value>, base: &str) -> TypeKind {
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
                let field_hint = format!("{base}{}", camel(name));
                let ty = self.schema_type(doc, prop, &field_hint);
                let resolved = self.deref_value(doc, prop).clone();
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
                });
            }
        }
        TypeKind::Struct {
            fields,
            additional: None,
        }
    }

    fn union(
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
    fn union_kind(
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
    fn merge_all_of(&mut self, doc: &Doc, obj: &Map<String, Value>) -> Value {
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

/// `a -> b -> a` when the `$ref` chain starting at `r` comes back to a reference it passed,
/// without reaching a schema of its own.
fn ref_cycle(root: &Value, r: &str) -> Option<String> {
    let mut seen = vec![r];
    let mut cur = resolve_pointer(root, r)?;
    while let Some(next) = str_of(cur, "$ref") {
        if seen.len() > 64 {
            return None;
        }
        if seen.contains(&next) {
            seen.push(next);
            return Some(seen.join(" -> "));
        }
        seen.push(next);
        cur = resolve_pointer(root, next)?;
    }
    None
}

/// The line of the node at `pointer`, or of its nearest ancestor with a known line (0: none).
fn line_of(locations: &BTreeMap<String, usize>, pointer: &str) -> usize {
    let mut p = pointer;
    loop {
        if let Some(l) = locations.get(p) {
            return *l;
        }
        match p.rfind('/') {
            Some(i) => p = &p[..i],
            None => return 0,
        }
    }
}

/// "a number", "a string"… for messages about values of the wrong type.
fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a sequence",
        Value::Object(_) => "a mapping",
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

fn primitive_name(t: &TypeRef) -> &'static str {
    match t {
        TypeRef::String => "String",
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

fn nullable(t: TypeRef) -> TypeRef {
    match t {
        TypeRef::Nullable(_) | TypeRef::Any => t,
        t => TypeRef::Nullable(Box::new(t)),
    }
}

fn scalar_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
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

fn is_empty_schema(v: &Value) -> bool {
    v.as_object().is_none_or(|o| o.is_empty())
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

fn constraints(s: &Value) -> Constraints {
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

/// Resolves a local `$ref` (`#/components/schemas/X`) in `root`.
pub fn resolve_pointer<'v>(root: &'v Value, r: &str) -> Option<&'v Value> {
    let p = r.strip_prefix('#')?;
    let decoded = percent_decode(p);
    root.pointer(&decoded)
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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

/// Names of `{name}` segments of a path template, in order.
pub fn template_names(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    out
}

/// Marks the struct fields and union variants that must be boxed: those whose type reaches
/// back to their own type without passing through a `Vec` or a map.
fn box_cycles(api: &mut Api) {
    let n = api.types.len();
    // Direct edges (through Option/Nullable only).
    fn direct(t: &TypeRef) -> Option<TypeId> {
        match t {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Nullable(t) => direct(t),
            _ => None,
        }
    }
    let edges: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|t| {
            t.kind
                .member_types()
                .into_iter()
                .filter_map(direct)
                .collect()
        })
        .collect();
    let scc = tarjan(n, &edges);
    for (id, def) in api.types.iter_mut().enumerate() {
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for f in fields {
                    if let Some(t) = direct(&f.ty) {
                        f.boxed = scc[t] == scc[id];
                    }
                }
            }
            TypeKind::Union { variants } => {
                for v in variants {
                    if let Some(t) = direct(&v.ty) {
                        v.boxed = scc[t] == scc[id];
                    }
                }
            }
            TypeKind::Tagged { variants, .. } => {
                for f in variants.iter_mut().flat_map(|v| v.fields.iter_mut()) {
                    if let Some(t) = direct(&f.ty) {
                        f.boxed = scc[t] == scc[id];
                    }
                }
            }
            _ => {}
        }
    }
}

/// Strongly connected components (iterative Tarjan); returns the component of each node.
fn tarjan(n: usize, edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSET: usize = usize::MAX;
    let mut index = vec![UNSET; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSET; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_comp = 0;
    for start in 0..n {
        if index[start] != UNSET {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == UNSET {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    // A node alone in its component is only cyclic with a self-edge; give acyclic singletons
    // distinct ids from their targets (they already are).
    comp
}
