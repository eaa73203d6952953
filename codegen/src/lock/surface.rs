//! The surface of one generated API, as the lock file holds it: exactly what [`crate::diff`]
//! compares (servers, auth schemes, operations with their Rust method names, parameters,
//! bodies, responses and success types, named types with their members), and nothing else: no
//! descriptions, examples, constraints or source lines, so that a lock file changes only when
//! the Rust API does. Operations and types are sorted by Rust name; lists inside them keep the
//! order of the source (the generated code's order).
//!
//! Operations also record the methods their builder has beside `send()`: a paginated list's
//! pattern, items path and item type (`stream()`, `pages()`) and what `events()` yields. Those
//! came with lock format 2 ([`FORMAT`]); a format 1 lock (no `format` key) still reads, its
//! operations without them, and [`super::check`] then leaves them out of the comparison and
//! says so.
//!
//! Contract: [`Surface::of`] and [`Surface::to_api`] round-trip through what `diff_apis`
//! reads: `diff_apis(api, &Surface::of(api).to_api())` finds no change. Type uses are written as
//! short strings (see `typeref.rs`); a named type by its Rust name.

use serde::{Deserialize, Serialize};

use super::typeref::{invalid, parse_type, show_type};
use crate::diag::Diagnostic;
use crate::ir::*;

/// The lock format [`Surface::of`] writes. Format 2 records each operation's pagination and
/// event stream (`stream()`/`pages()`, `events()`); a lock without a `format` key is format 1,
/// which did not record them (see [`Surface::records_methods`]).
pub const FORMAT: u32 = 2;

/// One API's surface: the lock file's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Surface {
    /// The lock format it was written in ([`FORMAT`]; absent in format 1).
    #[serde(default = "format_1")]
    pub format: u32,
    /// `<provider>::<api>`, the module path of the generated API.
    pub api: String,
    /// Server URL templates (the first is the default) and their variables.
    pub servers: Vec<ServerSurface>,
    /// Security schemes by name, with how they authenticate.
    pub auth: Vec<AuthSurface>,
    /// Operations, sorted by Rust method name.
    pub operations: Vec<OperationSurface>,
    /// Named types, sorted by Rust name.
    pub types: Vec<TypeSurface>,
}

/// A server URL template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerSurface {
    /// The URL template.
    pub url: String,
    /// Its variables: name and default (`None`: every client must set it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<(String, Option<String>)>,
}

/// A security scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthSurface {
    /// Name in `components.securitySchemes`.
    pub name: String,
    /// `basic`, `bearer`, `oauth2`, `unknown`, or `api_key <location> <name>`.
    pub kind: String,
}

/// An operation: one method of the API's `Client`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationSurface {
    /// The Rust method name.
    pub rust: String,
    /// The operationId (what `spec diff` matches operations by).
    pub id: String,
    /// `METHOD /path/template`.
    pub http: String,
    /// Parameters: `<in> <wire name>` with type and requiredness.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<MemberSurface>,
    /// The request body: content type, type, requiredness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodySurface>,
    /// Documented responses in order: `<status> <content type or -> <body>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<String>,
    /// The Rust type of the success answers.
    pub success: SuccessSurface,
    /// The security alternatives (any one of them suffices), each the names of the schemes it
    /// needs together joined by ` + ` (`basicAuth`, `apiKey + appId`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auth: Vec<String>,
    /// How a paginated list pages (its builder has `stream()` and `pages()`); absent for
    /// other operations, and not recorded in format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<PagesSurface>,
    /// What `events()` yields when the operation documents an event stream: `json <type>`,
    /// `untyped` or `text`; absent for other operations, and not recorded in format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<String>,
}

/// The pagination of a paginated list: what `stream()` walks and yields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PagesSurface {
    /// The pattern's name: `next-uri`, `page-number` or `cursor`.
    pub pattern: String,
    /// The path of the items array in a page (`["data"]`).
    pub items: Vec<String>,
    /// The type of one item (what `stream()` yields).
    pub item: String,
}

/// A parameter or field: wire name, type, requiredness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberSurface {
    /// Wire name (`query limit` for a parameter, the property name for a field).
    pub name: String,
    /// Its type: `string`, `i64`, `array<T>`, `nullable<T>`, a type's Rust name ….
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether the source says it is required.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodySurface {
    /// The media type sent.
    pub content_type: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether a body must be sent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// The Rust type `send()` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuccessSurface {
    /// One type for every success answer.
    Single,
    /// `Option<T>`: empty answers beside one body.
    Optional,
    /// An enum with one variant per answer.
    Enum {
        /// The enum's Rust name.
        rust: String,
        /// Its variants, in order.
        variants: Vec<String>,
    },
}

/// A named type of the API's `types` module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeSurface {
    /// The Rust name.
    pub rust: String,
    /// The component schema name, when it has one (what `spec diff` matches types by).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What it is.
    #[serde(flatten)]
    pub kind: KindSurface,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindSurface {
    /// A struct: fields in order, and the type of extra properties when kept.
    Struct {
        /// Fields.
        fields: Vec<MemberSurface>,
        /// `additionalProperties`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        additional: Option<String>,
    },
    /// A string enum: `(wire value, Rust variant)`.
    Enum(Vec<(String, String)>),
    /// An untagged union: its variants' types.
    Union(Vec<String>),
    /// A tagged union: the tag property and its variants.
    Tagged {
        /// The tag's wire name.
        tag: String,
        /// Variants: tag value, Rust variant, fields.
        variants: Vec<TaggedSurface>,
    },
    /// Another name for a type.
    Alias(String),
}

/// A variant of a tagged union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaggedSurface {
    /// The tag's value.
    pub value: String,
    /// The Rust variant name.
    pub rust: String,
    /// Its fields.
    pub fields: Vec<MemberSurface>,
}

impl Surface {
    /// The surface of `api`.
    pub fn of(api: &Api) -> Surface {
        let ty = |t: &TypeRef| show_type(api, t);
        let members = |fields: &[Field]| -> Vec<MemberSurface> {
            fields
                .iter()
                .map(|f| MemberSurface {
                    name: f.name.clone(),
                    ty: ty(&f.ty),
                    required: f.required.is_required(),
                })
                .collect()
        };
        let mut operations: Vec<OperationSurface> = api
            .operations
            .iter()
            .map(|op| OperationSurface {
                rust: op.rust_name.clone(),
                id: op.id.clone(),
                http: format!("{} {}", op.method, op.path),
                params: op
                    .params
                    .iter()
                    .map(|p| MemberSurface {
                        name: format!("{} {}", p.location.as_str(), p.name),
                        ty: ty(&p.ty),
                        required: p.required.is_required(),
                    })
                    .collect(),
                body: op.body.as_ref().map(|b| BodySurface {
                    content_type: b.content_type.clone(),
                    ty: ty(&b.ty),
                    required: b.required,
                }),
                responses: op.responses.iter().map(|r| response(api, r)).collect(),
                success: match &op.success.shape {
                    SuccessShape::Single(_) => SuccessSurface::Single,
                    SuccessShape::Optional(_) => SuccessSurface::Optional,
                    SuccessShape::Enum { rust_name } => SuccessSurface::Enum {
                        rust: rust_name.clone(),
                        variants: op
                            .success
                            .cases
                            .iter()
                            .filter_map(|c| c.variant.clone())
                            .collect(),
                    },
                },
                auth: op.security.iter().map(|req| req.join(" + ")).collect(),
                pages: op.pagination.as_ref().map(|p| PagesSurface {
                    pattern: p.pattern.name().to_string(),
                    items: p.items.clone(),
                    item: ty(&p.item),
                }),
                events: op.events.as_ref().map(|e| match &e.data {
                    ResponseBody::Json(t) => format!("json {}", ty(t)),
                    ResponseBody::Untyped => "untyped".into(),
                    _ => "text".into(),
                }),
            })
            .collect();
        operations.sort_by(|a, b| a.rust.cmp(&b.rust));
        let mut types: Vec<TypeSurface> = api
            .types
            .iter()
            .map(|t| TypeSurface {
                rust: t.rust_name.clone(),
                schema: t.source_name.clone(),
                kind: match &t.kind {
                    TypeKind::Struct { fields, additional } => KindSurface::Struct {
                        fields: members(fields),
                        additional: additional.as_ref().map(ty),
                    },
                    TypeKind::Enum { values } => KindSurface::Enum(
                        values
                            .iter()
                            .map(|v| (v.value.clone(), v.rust_name.clone()))
                            .collect(),
                    ),
                    TypeKind::Union { variants } => {
                        KindSurface::Union(variants.iter().map(|v| ty(&v.ty)).collect())
                    }
                    TypeKind::Tagged { tag, variants } => KindSurface::Tagged {
                        tag: tag.clone(),
                        variants: variants
                            .iter()
                            .map(|v| TaggedSurface {
                                value: v.value.clone(),
                                rust: v.rust_name.clone(),
                                fields: members(&v.fields),
                            })
                            .collect(),
                    },
                    TypeKind::Alias(t) => KindSurface::Alias(ty(t)),
                },
            })
            .collect();
        types.sort_by(|a, b| a.rust.cmp(&b.rust));
        Surface {
            format: FORMAT,
            api: format!("{}::{}", api.provider, api.name),
            servers: api
                .servers
                .iter()
                .map(|s| ServerSurface {
                    url: s.url.clone(),
                    variables: s
                        .variables
                        .iter()
                        .map(|v| (v.name.clone(), v.default.clone()))
                        .collect(),
                })
                .collect(),
            auth: api
                .security_schemes
                .iter()
                .map(|s| AuthSurface {
                    name: s.name.clone(),
                    kind: match &s.kind {
                        AuthKind::Basic => "basic".into(),
                        AuthKind::Bearer => "bearer".into(),
                        AuthKind::OAuth2 => "oauth2".into(),
                        AuthKind::Unknown => "unknown".into(),
                        AuthKind::ApiKey { location, name } => format!("api_key {location} {name}"),
                    },
                })
                .collect(),
            operations,
            types,
        }
    }

    /// Whether the lock records pagination and event streams (format 2 on): in a format 1
    /// lock their absence means "not recorded", not "none".
    pub fn records_methods(&self) -> bool {
        self.format >= 2
    }

    /// The API this surface describes, with what `diff_apis` compares filled in (everything
    /// else empty), or a `lock.invalid` error naming what could not be read (a format newer
    /// than [`FORMAT`] included).
    pub fn to_api(&self) -> Result<Api, Diagnostic> {
        if self.format > FORMAT {
            return Err(invalid(format!(
                "lock format {} is newer than this generator reads ({FORMAT}); update \
                 cpaas-codegen",
                self.format
            )));
        }
        let (provider, name) = self
            .api
            .split_once("::")
            .ok_or_else(|| invalid(format!("`api` is `{}`, expected `provider::api`", self.api)))?;
        let names: Vec<&str> = self.types.iter().map(|t| t.rust.as_str()).collect();
        let ty = |s: &str| parse_type(s, &names);
        let members = |ms: &[MemberSurface]| -> Result<Vec<Field>, Diagnostic> {
            ms.iter()
                .map(|m| {
                    Ok(Field {
                        name: m.name.clone(),
                        rust_name: String::new(),
                        ty: ty(&m.ty)?,
                        required: required(m.required),
                        description: None,
                        constraints: Constraints::default(),
                        boxed: false,
                        deprecated: false,
                        // Not compared by `diff_apis` (it decides command-line flags only).
                        read_only: false,
                    })
                })
                .collect()
        };
        let mut api = Api {
            provider: provider.into(),
            name: name.into(),
            ..Api::default()
        };
        for s in &self.servers {
            api.servers.push(Server {
                url: s.url.clone(),
                description: None,
                variables: s
                    .variables
                    .iter()
                    .map(|(name, default)| ServerVariable {
                        name: name.clone(),
                        default: default.clone(),
                        allowed: Vec::new(),
                        description: None,
                    })
                    .collect(),
            });
        }
        for a in &self.auth {
            let kind = match a.kind.split(' ').collect::<Vec<_>>().as_slice() {
                ["basic"] => AuthKind::Basic,
                ["bearer"] => AuthKind::Bearer,
                ["oauth2"] => AuthKind::OAuth2,
                ["unknown"] => AuthKind::Unknown,
                ["api_key", location, name] => AuthKind::ApiKey {
                    location: (*location).into(),
                    name: (*name).into(),
                },
                _ => return Err(invalid(format!("auth kind `{}`", a.kind))),
            };
            api.security_schemes.push(SecurityScheme {
                name: a.name.clone(),
                kind,
                description: None,
            });
        }
        for t in &self.types {
            let kind = match &t.kind {
                KindSurface::Struct { fields, additional } => TypeKind::Struct {
                    fields: members(fields)?,
                    additional: additional.as_deref().map(ty).transpose()?,
                },
                KindSurface::Enum(values) => TypeKind::Enum {
                    values: values
                        .iter()
                        .map(|(value, rust)| EnumValue {
                            value: value.clone(),
                            rust_name: rust.clone(),
                            description: None,
                        })
                        .collect(),
                },
                KindSurface::Union(variants) => TypeKind::Union {
                    variants: variants
                        .iter()
                        .map(|v| {
                            Ok(Variant {
                                rust_name: String::new(),
                                ty: ty(v)?,
                                boxed: false,
                            })
                        })
                        .collect::<Result<_, Diagnostic>>()?,
                },
                KindSurface::Tagged { tag, variants } => TypeKind::Tagged {
                    tag: tag.clone(),
                    variants: variants
                        .iter()
                        .map(|v| {
                            Ok(TaggedVariant {
                                value: v.value.clone(),
                                rust_name: v.rust.clone(),
                                description: None,
                                fields: members(&v.fields)?,
                            })
                        })
                        .collect::<Result<_, Diagnostic>>()?,
                },
                KindSurface::Alias(t) => TypeKind::Alias(ty(t)?),
            };
            api.types.push(TypeDef {
                rust_name: t.rust.clone(),
                source_name: t.schema.clone(),
                kind,
                description: None,
            });
        }
        for op in &self.operations {
            api.operations.push(operation(op, &names)?);
        }
        Ok(api)
    }
}

fn format_1() -> u32 {
    1
}

fn required(yes: bool) -> Required {
    if yes { Required::Yes } else { Required::No }
}

/// `<status> <content type or -> <body>`: `200 application/json Call`, `204 - empty`.
fn response(api: &Api, r: &Response) -> String {
    let body = match &r.body {
        ResponseBody::Empty => "empty".to_string(),
        ResponseBody::Json(t) => format!("json {}", show_type(api, t)),
        ResponseBody::Text => "text".into(),
        ResponseBody::SecretText => "secret_text".into(),
        ResponseBody::Untyped => "untyped".into(),
        ResponseBody::Bytes => "bytes".into(),
    };
    let status = match r.status {
        StatusSpec::Code(c) => c.to_string(),
        StatusSpec::Range(c) => format!("{c}XX"),
        StatusSpec::Default => "default".into(),
    };
    let ct = r.content_type.as_deref().unwrap_or("-");
    format!("{status} {ct} {body}")
}

fn parse_response(s: &str, names: &[&str]) -> Result<Response, Diagnostic> {
    let bad = || invalid(format!("response `{s}`"));
    let mut words = s.splitn(3, ' ');
    let (Some(status), Some(ct), Some(body)) = (words.next(), words.next(), words.next()) else {
        return Err(bad());
    };
    let status = match status {
        "default" => StatusSpec::Default,
        s if s.len() == 3 && s.ends_with("XX") => {
            StatusSpec::Range(s[..1].parse().map_err(|_| bad())?)
        }
        s => StatusSpec::Code(s.parse().map_err(|_| bad())?),
    };
    let body = match body {
        "empty" => ResponseBody::Empty,
        "text" => ResponseBody::Text,
        "secret_text" => ResponseBody::SecretText,
        "untyped" => ResponseBody::Untyped,
        "bytes" => ResponseBody::Bytes,
        b => match b.strip_prefix("json ") {
            Some(t) => ResponseBody::Json(parse_type(t, names)?),
            None => return Err(bad()),
        },
    };
    Ok(Response {
        status,
        description: None,
        content_type: (ct != "-").then(|| ct.to_string()),
        body,
        headers: Vec::new(),
        example: None,
    })
}

fn operation(op: &OperationSurface, names: &[&str]) -> Result<Operation, Diagnostic> {
    let (method, path) = op
        .http
        .split_once(' ')
        .ok_or_else(|| invalid(format!("`http` is `{}`, expected `METHOD /path`", op.http)))?;
    let mut params = Vec::new();
    for p in &op.params {
        let (location, name) = p.name.split_once(' ').unwrap_or(("", ""));
        let location = match location {
            "path" => ParamLocation::Path,
            "query" => ParamLocation::Query,
            "header" => ParamLocation::Header,
            "cookie" => ParamLocation::Cookie,
            _ => return Err(invalid(format!("parameter `{}`", p.name))),
        };
        params.push(Param {
            name: name.into(),
            rust_name: String::new(),
            location,
            required: required(p.required),
            ty: parse_type(&p.ty, names)?,
            description: None,
            constraints: Constraints::default(),
            deprecated: false,
            join: None,
        });
    }
    let body = match &op.body {
        None => None,
        Some(b) => Some(RequestBody {
            content_type: b.content_type.clone(),
            encoding: BodyEncoding::Json,
            ty: parse_type(&b.ty, names)?,
            required: b.required,
            description: None,
            parts: Vec::new(),
        }),
    };
    let responses = op
        .responses
        .iter()
        .map(|r| parse_response(r, names))
        .collect::<Result<Vec<_>, _>>()?;
    let success = match &op.success {
        SuccessSurface::Single => Success::default(),
        SuccessSurface::Optional => Success {
            shape: SuccessShape::Optional(ResponseBody::Empty),
            cases: Vec::new(),
        },
        SuccessSurface::Enum { rust, variants } => Success {
            shape: SuccessShape::Enum {
                rust_name: rust.clone(),
            },
            cases: variants
                .iter()
                .map(|v| SuccessCase {
                    status: StatusSpec::Range(2),
                    media_type: None,
                    body: ResponseBody::Empty,
                    variant: Some(v.clone()),
                    description: None,
                })
                .collect(),
        },
    };
    Ok(Operation {
        id: op.id.clone(),
        rust_name: op.rust.clone(),
        method: method.into(),
        path: path.into(),
        template: PathTemplate::parse(path),
        summary: None,
        description: None,
        deprecated: false,
        params,
        body,
        responses,
        success,
        security: op
            .auth
            .iter()
            .map(|alt| alt.split(" + ").map(str::to_string).collect())
            .collect(),
        tags: Vec::new(),
        pagination: op
            .pages
            .as_ref()
            .map(|p| pagination(p, names))
            .transpose()?,
        events: op.events.as_deref().map(|e| events(e, names)).transpose()?,
        source: SourceRef::default(),
    })
}

/// A paginated list as `diff_apis` compares it: the pattern by name (its parameter and
/// field paths are not recorded, so they are left empty), the items path and the item type.
fn pagination(p: &PagesSurface, names: &[&str]) -> Result<Pagination, Diagnostic> {
    let pattern = match p.pattern.as_str() {
        "next-uri" => PagePattern::NextUri { next: Vec::new() },
        "page-number" => PagePattern::PageNumber {
            param: String::new(),
            number: None,
            total: None,
        },
        "cursor" => PagePattern::Cursor {
            param: String::new(),
            next: None,
            last_item: None,
            has_more: None,
        },
        other => {
            return Err(invalid(format!(
                "pagination pattern `{other}`, expected `next-uri`, `page-number` or `cursor`"
            )));
        }
    };
    Ok(Pagination {
        items: p.items.clone(),
        item: parse_type(&p.item, names)?,
        pattern,
        declared: false,
    })
}

/// An event stream from `json <type>`, `untyped` or `text`.
fn events(s: &str, names: &[&str]) -> Result<EventStream, Diagnostic> {
    let data = match s {
        "text" => ResponseBody::Text,
        "untyped" => ResponseBody::Untyped,
        s => match s.strip_prefix("json ") {
            Some(t) => ResponseBody::Json(parse_type(t, names)?),
            None => {
                return Err(invalid(format!(
                    "events `{s}`, expected `json <type>`, `untyped` or `text`"
                )));
            }
        },
    };
    Ok(EventStream {
        media_type: "text/event-stream".into(),
        data,
    })
}
