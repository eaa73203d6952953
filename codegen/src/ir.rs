//! The intermediate representation: what one API offers, with every Rust name decided.
//!
//! Lowering ([`crate::lower`]) builds it from OpenAPI; the emitter ([`crate::emit`]) turns it into
//! Rust. It knows nothing of input formats, and nothing of token streams.

use std::collections::HashSet;
use std::path::PathBuf;

mod template;

pub use template::{PathSegment, PathTemplate};

/// Whether a source says a parameter or field is required.
///
/// Renderers drop `required`; *not rendered* is kept apart from *known absent*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Required {
    /// The source says it is required.
    Yes,
    /// The source says it is optional.
    No,
    /// The source does not say (treated as optional, documented as unknown).
    Unknown,
}

impl Required {
    /// True only when the source says it is required.
    pub fn is_required(self) -> bool {
        self == Required::Yes
    }
}

/// One API: the unit that becomes one Rust module with one `Client`.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// Provider, the first folder under `specs/` (`twilio`).
    pub provider: String,
    /// API name, the second folder (`api_v2010`), a Rust module name.
    pub name: String,
    /// The document title, when one was given.
    pub title: Option<String>,
    /// Server URLs, first is the default.
    pub servers: Vec<Server>,
    /// Security schemes the operations use.
    pub security_schemes: Vec<SecurityScheme>,
    /// The operations, in source order.
    pub operations: Vec<Operation>,
    /// Every named type the operations reach.
    pub types: Vec<TypeDef>,
    /// The input files, with their detected format.
    pub sources: Vec<Source>,
}

impl Api {
    /// Adds to `set` every named type `t` reaches: itself when named, and everything its
    /// members, items, values and variants reach, transitively (a cycle is followed once).
    pub fn reach(&self, t: &TypeRef, set: &mut HashSet<TypeId>) {
        let mut stack = vec![t];
        while let Some(t) = stack.pop() {
            match t {
                TypeRef::Array(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => stack.push(i),
                TypeRef::Named(id) if set.insert(*id) => {
                    if let Some(def) = self.types.get(*id) {
                        stack.extend(def.kind.member_types());
                    }
                }
                _ => {}
            }
        }
    }
}

/// An input file that contributed to an API.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as given to the generator (relative to the crate when possible).
    pub path: PathBuf,
    /// Detected format id (`html_httpdoc`, `openapi`, ...).
    pub format: String,
}

/// Where an item came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRef {
    /// The input file.
    pub file: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
}

/// A server URL, possibly templated (`https://{space}.signalwire.com`).
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL template.
    pub url: String,
    /// Description from the source.
    pub description: Option<String>,
    /// Template variables.
    pub variables: Vec<ServerVariable>,
}

/// A server URL template variable.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// Name as written in the template.
    pub name: String,
    /// Default value; `None` when the source gave only a placeholder the user must replace.
    pub default: Option<String>,
    /// Allowed values, when listed.
    pub allowed: Vec<String>,
    /// Description from the source.
    pub description: Option<String>,
}

/// How a security scheme authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthKind {
    /// HTTP basic.
    Basic,
    /// HTTP bearer token.
    Bearer,
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// `header`, `query` or `cookie`.
        location: String,
        /// The header/parameter name.
        name: String,
    },
    /// OAuth 2 or OpenID Connect (a bearer token at run time).
    OAuth2,
    /// The source named the scheme but not its type.
    Unknown,
}

/// A named security scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// Name in `components.securitySchemes`.
    pub name: String,
    /// Its kind.
    pub kind: AuthKind,
    /// Description from the source.
    pub description: Option<String>,
}

/// One HTTP operation: one async method on the client.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operationId, or what stood for it (summary, slug).
    pub id: String,
    /// The Rust method name (snake_case, unique within the API).
    pub rust_name: String,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template relative to the server URL (`/Accounts/{AccountSid}/Tokens.json`).
    pub path: String,
    /// [`path`](Self::path) parsed once: its literal text and `{name}` parameters.
    pub template: PathTemplate,
    /// Summary from the source.
    pub summary: Option<String>,
    /// Description from the source (Markdown).
    pub description: Option<String>,
    /// Marked deprecated.
    pub deprecated: bool,
    /// Parameters in path, query, header and cookie.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// Responses by status.
    pub responses: Vec<Response>,
    /// The success answers (from [`responses`](Self::responses)): the type `send()` returns
    /// and how each status and media type decodes into it.
    pub success: Success,
    /// The `text/event-stream` success answer, when one is documented: what the builder's
    /// `events()` yields (each event's data). `send()` still reads every answer whole.
    pub events: Option<EventStream>,
    /// The security requirements, as OpenAPI lists them: **alternatives**, any one of which
    /// is enough (basic *or* bearer); each names the schemes it needs together. Empty: the
    /// source states none; an empty alternative: the operation may also be called without
    /// credentials.
    pub security: Vec<Vec<String>>,
    /// The operation's `tags`, in source order (what [`crate::select`] matches `tag:NAME`
    /// against).
    pub tags: Vec<String>,
    /// How its list answers page, when it is a paginated list (`lower/pagination.rs`).
    pub pagination: Option<Pagination>,
    /// Where it was read.
    pub source: SourceRef,
}

impl Operation {
    /// The names of every scheme any alternative of [`security`](Self::security) names, once
    /// each, in order.
    pub fn scheme_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for n in self.security.iter().flatten() {
            if !out.contains(&n.as_str()) {
                out.push(n);
            }
        }
        out
    }
}

/// How a paginated list operation pages: recognised from the success answer's shape and the
/// parameters, or declared by an `x-cpaas-pagination` extension. Field paths are JSON member
/// names from the top of the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The path of the items array in the answer (`["data"]`).
    pub items: Vec<String>,
    /// The type of one item.
    pub item: TypeRef,
    /// How the next page is asked for.
    pub pattern: PagePattern,
    /// Declared by `x-cpaas-pagination` rather than recognised.
    pub declared: bool,
}

/// How the next page is asked for (the runtime's `pagination::Pattern`).
#[derive(Debug, Clone, PartialEq)]
pub enum PagePattern {
    /// The answer holds the next page's URI (`next_page_uri`, `meta.next_page_url`,
    /// `links.next`); relative URIs are joined to the base URL's origin.
    NextUri {
        /// Path of the URI in the answer.
        next: Vec<String>,
    },
    /// Numbered pages: the query parameter `param` is the next page number.
    PageNumber {
        /// The query parameter (`page[number]`, `page`).
        param: String,
        /// Path of the current page number in the answer.
        number: Option<Vec<String>>,
        /// Path of the total number of pages in the answer.
        total: Option<Vec<String>>,
    },
    /// Cursors: the query parameter `param` is the answer's next cursor, or a field of the
    /// last item.
    Cursor {
        /// The query parameter (`cursor`, `starting_after`, `after`).
        param: String,
        /// Path of the next cursor in the answer.
        next: Option<Vec<String>>,
        /// The last item's field that is the cursor (`id`).
        last_item: Option<String>,
        /// Path of the `has_more` flag in the answer.
        has_more: Option<Vec<String>>,
    },
}

impl PagePattern {
    /// The pattern's short name: `next-uri`, `page-number` or `cursor`.
    pub fn name(&self) -> &'static str {
        match self {
            PagePattern::NextUri { .. } => "next-uri",
            PagePattern::PageNumber { .. } => "page-number",
            PagePattern::Cursor { .. } => "cursor",
        }
    }

    /// One sentence for documentation: which fields and parameter drive it.
    pub fn describe(&self) -> String {
        let path = |p: &Vec<String>| format!("`{}`", p.join("."));
        match self {
            PagePattern::NextUri { next } => {
                format!("next-page URI: the answer's {} is fetched next", path(next))
            }
            PagePattern::PageNumber { param, total, .. } => {
                let mut s = format!("page number: `{param}` counts up");
                if let Some(t) = total {
                    s.push_str(&format!(" to the answer's {}", path(t)));
                }
                s
            }
            PagePattern::Cursor {
                param,
                next,
                last_item,
                has_more,
            } => {
                let from = match (next, last_item) {
                    (Some(n), _) => format!("the answer's {}", path(n)),
                    (None, Some(f)) => format!("the last item's `{f}`"),
                    (None, None) => "nothing".into(),
                };
                let mut s = format!("cursor: `{param}` is set to {from}");
                if let Some(h) = has_more {
                    s.push_str(&format!(" while {} is true", path(h)));
                }
                s
            }
        }
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamLocation {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

impl ParamLocation {
    /// The OpenAPI `in` value.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// Validation constraints the source states.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern` (ECMA-262 regular expression).
    pub pattern: Option<String>,
    /// `minimum` and whether it is exclusive.
    pub minimum: Option<(f64, bool)>,
    /// `maximum` and whether it is exclusive.
    pub maximum: Option<(f64, bool)>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
}

impl Constraints {
    /// True when nothing is constrained.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// A parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Wire name.
    pub name: String,
    /// Rust name (snake_case, unique among the operation's arguments).
    pub rust_name: String,
    /// Location.
    pub location: ParamLocation,
    /// Requiredness.
    pub required: Required,
    /// Type.
    pub ty: TypeRef,
    /// Description.
    pub description: Option<String>,
    /// Constraints.
    pub constraints: Constraints,
    /// Whether the parameter is deprecated.
    pub deprecated: bool,
    /// For an array in the query sent as one value (`explode: false`): the character its items
    /// are joined with (`,` for `form`, ` ` for `spaceDelimited`, `|` for `pipeDelimited`).
    /// `None`: each item is its own `name=value` pair (`form` exploded, the default).
    pub join: Option<char>,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json` and `+json` types.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `text/*`.
    Text,
    /// `multipart/form-data` with named fields ([`RequestBody::parts`]).
    Multipart,
    /// Anything else, sent as bytes.
    Bytes,
}

/// How one top-level field of a `multipart/form-data` body is sent, from its schema and the
/// media type's `encoding` object. Fields not listed are sent by their type: scalars as text
/// parts, objects as JSON parts, arrays as one part per item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultipartField {
    /// Wire name (the property name).
    pub name: String,
    /// A file (`format: binary`/`byte`, `contentMediaType` or `contentEncoding`, or items of
    /// such): its setter takes `cpaas_runtime::Part` values with a file name and content type.
    pub file: bool,
    /// `encoding.<name>.contentType` when it names one concrete type (no `*`, no list).
    pub content_type: Option<String>,
    /// `encoding.<name>.headers` whose schema fixes a value (`const`, `default` or one-value
    /// `enum`), sent on every part of the field.
    pub headers: Vec<(String, String)>,
    /// `readOnly: true`: the server's to set, never sent (no setter).
    pub read_only: bool,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// The media type sent.
    pub content_type: String,
    /// Its encoding.
    pub encoding: BodyEncoding,
    /// Its type.
    pub ty: TypeRef,
    /// Whether a body must be sent.
    pub required: bool,
    /// Description.
    pub description: Option<String>,
    /// For [`BodyEncoding::Multipart`]: the fields the schema and `encoding` say something
    /// about (empty otherwise).
    pub parts: Vec<MultipartField>,
}

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusSpec {
    /// One status code.
    Code(u16),
    /// A class, `2XX` is `Range(2)`.
    Range(u16),
    /// `default`.
    Default,
}

/// How a response body is read.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// No body (or none described): `()`.
    Empty,
    /// JSON of a type.
    Json(TypeRef),
    /// Text (`text/plain` and the like): `String`.
    Text,
    /// Text that is a credential (a minted JWT, key or token, by the secret rule of
    /// `lower/secret.rs`): `cpaas_runtime::Secret`.
    SecretText,
    /// A body whose schema the source does not give: untyped JSON.
    Untyped,
    /// Binary data: bytes.
    Bytes,
}

/// A `text/event-stream` success answer (server-sent events): how each event's `data` reads.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStream {
    /// The documented media type (`text/event-stream`, as written).
    pub media_type: String,
    /// Each event's data: [`ResponseBody::Json`] of the event schema's type, or
    /// [`ResponseBody::Text`] (a string schema, or none).
    pub data: ResponseBody,
}

/// A response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status or class.
    pub status: StatusSpec,
    /// Description.
    pub description: Option<String>,
    /// The media type, when there is a body (JSON preferred when several are documented).
    pub content_type: Option<String>,
    /// The body.
    pub body: ResponseBody,
    /// Names of documented response headers.
    pub headers: Vec<String>,
    /// An example body from the source, when it has one.
    pub example: Option<serde_json::Value>,
}

impl Response {
    /// True for 2xx and 3xx statuses (and `2XX`/`3XX` classes): the answers that are no
    /// error. (Redirects are not followed, so a documented 3xx is an answer of its own.)
    pub fn is_success(&self) -> bool {
        match self.status {
            StatusSpec::Code(c) => (200..400).contains(&c),
            StatusSpec::Range(r) => r == 2 || r == 3,
            StatusSpec::Default => false,
        }
    }
}

// The success answers of an operation (its 2xx and documented 3xx responses), as lowering
// decided them (`lower/success.rs`): the one Rust type `send()` returns ([`SuccessShape`]) and,
// for every documented (status, media type) pair, how that answer decodes into it
// ([`SuccessCase`]). The emitter only prints what this says.

/// The Rust type an operation's success answers have.
#[derive(Debug, Clone, PartialEq)]
pub enum SuccessShape {
    /// Every success answer has the same body (or none is documented): that body's type,
    /// `()` for [`ResponseBody::Empty`].
    Single(ResponseBody),
    /// Empty `204` answers beside one JSON body: `Option<T>`, `None` for the empty ones.
    Optional(ResponseBody),
    /// Answers whose bodies differ: an enum with one variant per [`SuccessCase`].
    Enum {
        /// The enum's Rust name (in the API's `types` module, unique among its models).
        rust_name: String,
    },
}

/// One documented success answer: a status (or class) and one of its media types.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessCase {
    /// The status, or `2XX`/`3XX`. (An operation documenting no success status but a
    /// `default` response has that response as a `2XX` case.)
    pub status: StatusSpec,
    /// The documented media type (`None` when the answer has no body).
    pub media_type: Option<String>,
    /// How the body reads.
    pub body: ResponseBody,
    /// The enum variant (for [`SuccessShape::Enum`]; `None` otherwise).
    pub variant: Option<String>,
    /// The response's description.
    pub description: Option<String>,
}

/// What an operation answers on success.
#[derive(Debug, Clone, PartialEq)]
pub struct Success {
    /// The type returned.
    pub shape: SuccessShape,
    /// Every documented answer, statuses in order (codes, then classes), media types in
    /// source order within a status. Empty when no success is documented.
    pub cases: Vec<SuccessCase>,
}

impl Default for Success {
    fn default() -> Self {
        Success {
            shape: SuccessShape::Single(ResponseBody::Empty),
            cases: Vec::new(),
        }
    }
}

impl Success {
    /// The cases of each status, in order: `(status, its cases)`.
    pub fn by_status(&self) -> Vec<(StatusSpec, Vec<&SuccessCase>)> {
        let mut out: Vec<(StatusSpec, Vec<&SuccessCase>)> = Vec::new();
        for c in &self.cases {
            match out.last_mut() {
                Some((s, cases)) if *s == c.status => cases.push(c),
                _ => out.push((c.status, vec![c])),
            }
        }
        out
    }
}

/// Index of a [`TypeDef`] in [`Api::types`].
pub type TypeId = usize;

/// How a [`TypeRef::Secret`] is described to users (command-line help, generated docs,
/// `spec diff`): a string on the wire, held in `Secret` in Rust.
pub const SECRET_DESCRIPTION: &str = "string (secret)";

/// A use of a type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `String`.
    String,
    /// A string that is a credential (by the secret rule of `lower/secret.rs`):
    /// `cpaas_runtime::Secret`, whose `Debug` never shows the value.
    Secret,
    /// An integer of the given bit width (32 or 64).
    Integer(u8),
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// `uuid`.
    Uuid,
    /// `date-time` (RFC 3339).
    DateTime,
    /// `date-time-rfc-2822` (Twilio).
    DateTimeRfc2822,
    /// `date`.
    Date,
    /// `uri` / `url`.
    Uri,
    /// Untyped JSON (`serde_json::Value`).
    Any,
    /// A list.
    Array(Box<TypeRef>),
    /// A map with string keys.
    Map(Box<TypeRef>),
    /// A named type.
    Named(TypeId),
    /// A value that may be JSON `null`.
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// The type without a [`TypeRef::Nullable`] wrapper, and whether there was one.
    pub fn strip_nullable(&self) -> (&TypeRef, bool) {
        match self {
            TypeRef::Nullable(t) => (t.as_ref(), true),
            t => (t, false),
        }
    }
}

/// A named type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The Rust name (UpperCamelCase, unique within the API).
    pub rust_name: String,
    /// The name in the source (`components.schemas` key or `title`), when it had one.
    pub source_name: Option<String>,
    /// What it is.
    pub kind: TypeKind,
    /// Description.
    pub description: Option<String>,
}

/// The shape of a named type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct {
        /// Fields in source order.
        fields: Vec<Field>,
        /// Whether unknown properties are kept in a flattened map (`additionalProperties`).
        additional: Option<TypeRef>,
    },
    /// A string enum, with a fallback variant for values added later.
    Enum {
        /// The known values.
        values: Vec<EnumValue>,
    },
    /// An untagged union (`oneOf`/`anyOf`).
    Union {
        /// Variants in source order.
        variants: Vec<Variant>,
    },
    /// An internally tagged union: a `oneOf` of inline objects that share a property (the
    /// tag) holding one distinct string per branch. Serialized as serde's `tag = "..."`.
    Tagged {
        /// The tag property's wire name.
        tag: String,
        /// Variants in source order.
        variants: Vec<TaggedVariant>,
    },
    /// Another name for a type.
    Alias(TypeRef),
}

impl TypeKind {
    /// The types this one refers to directly: its fields' (and extra properties'), its
    /// variants', its tagged variants' fields', or an alias's target.
    pub fn member_types(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct { fields, additional } => fields
                .iter()
                .map(|f| &f.ty)
                .chain(additional.iter())
                .collect(),
            TypeKind::Union { variants } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Tagged { variants, .. } => variants
                .iter()
                .flat_map(|v| v.fields.iter().map(|f| &f.ty))
                .collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Enum { .. } => Vec::new(),
        }
    }
}

/// A variant of a [`TypeKind::Tagged`] union.
#[derive(Debug, Clone)]
pub struct TaggedVariant {
    /// The tag's value for this variant.
    pub value: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// The branch's description.
    pub description: Option<String>,
    /// The branch's properties other than the tag.
    pub fields: Vec<Field>,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name.
    pub name: String,
    /// Rust name.
    pub rust_name: String,
    /// Type (with [`TypeRef::Nullable`] when JSON `null` is allowed).
    pub ty: TypeRef,
    /// Requiredness.
    pub required: Required,
    /// Description.
    pub description: Option<String>,
    /// Constraints.
    pub constraints: Constraints,
    /// Boxed to break a cycle of directly nested types.
    pub boxed: bool,
    /// Marked deprecated.
    pub deprecated: bool,
    /// `readOnly: true`: the server's to set; never a command-line flag of a request.
    pub read_only: bool,
}

impl Field {
    /// Whether the Rust field is an `Option<T>`: not required, or `null` allowed.
    pub fn is_option(&self) -> bool {
        !self.required.is_required() || self.ty.strip_nullable().1
    }
}

/// A string enum value.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The wire value.
    pub value: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// What the value means, when the source says (a `oneOf` branch's description).
    pub description: Option<String>,
}

/// A union variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The Rust variant name.
    pub rust_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Boxed to break a cycle.
    pub boxed: bool,
}
