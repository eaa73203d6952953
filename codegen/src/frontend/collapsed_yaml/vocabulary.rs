//! The OpenAPI vocabulary the search is guided by: the node types ([`Ty`]) and which keys each
//! takes with which value type (R7: operation-only extensions), the schema keyword lists
//! (annotations, R8's structural keywords, type-specific keywords, R22's trailing
//! annotations), Fern's fixed key orders (R10) and js-yaml's fold width (R20). Pure tables and
//! functions of keys: no search state.

use serde_json::Value;

/// The type of a YAML node, as far as the OpenAPI vocabulary decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Ty {
    Document,
    Info,
    Contact,
    License,
    Server,
    ServerList,
    ServerVarMap,
    ServerVar,
    Paths,
    PathItem,
    Operation,
    ParamList,
    Parameter,
    RequestBody,
    Responses,
    Response,
    HeaderMap,
    Header,
    Content,
    MediaType,
    EncodingMap,
    Encoding,
    ExampleMap,
    Example,
    Components,
    SchemaMap,
    ResponseMap,
    ParameterMap,
    RequestBodyMap,
    SecSchemeMap,
    SecScheme,
    OAuthFlows,
    OAuthFlow,
    StrMap,
    SecReqList,
    SecReq,
    TagList,
    TagObjList,
    Tag,
    ExtDocs,
    Schema,
    SchemaOrBool,
    PropMap,
    SchemaList,
    Discriminator,
    Callbacks,
    Callback,
    AnyMap,
    Any,
    AnyList,
    Str,
    StrList,
    Bool,
    Num,
    NumOrBool,
    SchemaType,
    TypeName,
    ParamIn,
}

const TYPE_NAMES: [&str; 7] = [
    "string", "number", "integer", "boolean", "array", "object", "null",
];

use crate::vocab::HTTP_METHODS as METHODS;

impl Ty {
    pub(super) fn name(self) -> &'static str {
        use Ty::*;
        match self {
            Document => "the OpenAPI document",
            Info => "Info",
            Contact => "Contact",
            License => "License",
            Server => "Server",
            ServerList | SchemaList | ParamList | SecReqList | TagList | TagObjList | AnyList
            | StrList => "a list",
            ServerVarMap => "server variables",
            ServerVar => "ServerVariable",
            Paths => "Paths",
            PathItem => "PathItem",
            Operation => "Operation",
            Parameter => "Parameter",
            RequestBody => "RequestBody",
            Responses => "Responses",
            Response => "Response",
            HeaderMap => "headers",
            Header => "Header",
            Content => "Content",
            MediaType => "MediaType",
            EncodingMap | Encoding => "Encoding",
            ExampleMap | Example => "Example",
            Components => "Components",
            SchemaMap => "components.schemas",
            ResponseMap | ParameterMap | RequestBodyMap | SecSchemeMap => "a components map",
            SecScheme => "SecurityScheme",
            OAuthFlows | OAuthFlow => "OAuthFlow",
            StrMap => "a string map",
            SecReq => "SecurityRequirement",
            Tag => "Tag",
            ExtDocs => "ExternalDocs",
            Schema | SchemaOrBool => "Schema",
            PropMap => "properties",
            Discriminator => "Discriminator",
            Callbacks | Callback => "Callback",
            AnyMap | Any => "a value",
            Str => "a string",
            Bool => "a boolean",
            Num => "a number",
            NumOrBool => "a number or boolean",
            SchemaType | TypeName => "a JSON Schema type",
            ParamIn => "query, header, path or cookie",
        }
    }

    /// The mapping type a value of this type becomes when it is a mapping.
    pub(super) fn map_ty(self) -> Option<Ty> {
        use Ty::*;
        match self {
            Any | AnyMap => Some(AnyMap),
            SchemaOrBool => Some(Schema),
            ServerList | SchemaList | ParamList | SecReqList | TagList | TagObjList | AnyList
            | StrList | Str | Bool | Num | NumOrBool | SchemaType | TypeName | ParamIn => None,
            t => Some(t),
        }
    }

    /// The item type when a value of this type is a sequence.
    pub(super) fn seq_item(self) -> Option<Ty> {
        use Ty::*;
        match self {
            ServerList => Some(Server),
            SchemaList => Some(Schema),
            ParamList => Some(Parameter),
            SecReqList => Some(SecReq),
            TagList => Some(Any),
            TagObjList => Some(Tag),
            AnyList | Any => Some(Any),
            StrList => Some(Str),
            SchemaType => Some(TypeName),
            _ => None,
        }
    }

    /// True when a plain or quoted scalar may stand for a value of this type (and when an empty
    /// value is a possible last resort).
    pub(super) fn scalar_like(self) -> bool {
        use Ty::*;
        matches!(
            self,
            Any | Str | Bool | Num | NumOrBool | SchemaType | TypeName | ParamIn | SchemaOrBool
        )
    }

    pub(super) fn accepts_scalar(self, v: &Value) -> bool {
        use Ty::*;
        match self {
            Any => true,
            Str => !v.is_null(),
            Bool => v.is_boolean(),
            Num => v.is_number(),
            NumOrBool => v.is_number() || v.is_boolean(),
            SchemaOrBool => v.is_boolean(),
            SchemaType | TypeName => v.as_str().is_some_and(|s| TYPE_NAMES.contains(&s)),
            ParamIn => v
                .as_str()
                .is_some_and(|s| ["query", "header", "path", "cookie"].contains(&s)),
            _ => false,
        }
    }
}

pub(super) fn is_response_code(k: &str) -> bool {
    k == "default"
        || (k.len() == 3
            && k.starts_with(['1', '2', '3', '4', '5'])
            && k[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x'))
}

const OPERATION_ONLY: [&str; 3] = ["x-codeSamples", "x-readme", "x-mint"];

/// The value type of `key` in a mapping of type `ty`, if the key is valid there.
pub(super) fn key_ty(ty: Ty, k: &str) -> Option<Ty> {
    use Ty::*;
    let ext = k.starts_with("x-");
    if ext && OPERATION_ONLY.contains(&k) && !matches!(ty, Operation | AnyMap) {
        return None; // R7
    }
    let closed = |t: Option<Ty>| if ext { Some(Any) } else { t };
    match ty {
        AnyMap => Some(Any),
        PropMap | SchemaMap => Some(Schema),
        ResponseMap => Some(Response),
        ParameterMap => Some(Parameter),
        RequestBodyMap => Some(RequestBody),
        SecSchemeMap => Some(SecScheme),
        HeaderMap => Some(Header),
        ExampleMap => Some(Example),
        EncodingMap => Some(Encoding),
        ServerVarMap => Some(ServerVar),
        StrMap => Some(Str),
        SecReq => Some(StrList),
        Callbacks => Some(Callback),
        Callback => Some(PathItem),
        Paths => {
            if k.starts_with('/') {
                Some(PathItem)
            } else {
                closed(None)
            }
        }
        Responses => {
            if is_response_code(k) {
                Some(Response)
            } else {
                closed(None)
            }
        }
        Content => {
            // `*` alone is no media type, but specs use it as "any" (and Fern keeps it).
            if k.contains('/') || k == "*" {
                Some(MediaType)
            } else {
                closed(None)
            }
        }
        Document => closed(match k {
            "openapi" | "jsonSchemaDialect" => Some(Str),
            "info" => Some(Info),
            "servers" => Some(ServerList),
            "paths" => Some(Paths),
            "webhooks" => Some(Callback),
            "components" => Some(Components),
            "security" => Some(SecReqList),
            "tags" => Some(TagObjList),
            "externalDocs" => Some(ExtDocs),
            _ => None,
        }),
        Info => closed(match k {
            "title" | "summary" | "description" | "termsOfService" | "version" => Some(Str),
            "contact" => Some(Contact),
            "license" => Some(License),
            _ => None,
        }),
        Contact => closed(matches!(k, "name" | "url" | "email").then_some(Str)),
        License => closed(matches!(k, "name" | "identifier" | "url").then_some(Str)),
        ExtDocs => closed(matches!(k, "description" | "url").then_some(Str)),
        Tag => closed(match k {
            "name" | "description" => Some(Str),
            "externalDocs" => Some(ExtDocs),
            _ => None,
        }),
        Server => closed(match k {
            "url" | "description" => Some(Str),
            "variables" => Some(ServerVarMap),
            _ => None,
        }),
        ServerVar => closed(match k {
            "enum" => Some(StrList),
            "default" | "description" => Some(Str),
            _ => None,
        }),
        PathItem => closed(match k {
            "$ref" | "summary" | "description" => Some(Str),
            "servers" => Some(ServerList),
            "parameters" => Some(ParamList),
            m if METHODS.contains(&m) => Some(Operation),
            _ => None,
        }),
        Operation => closed(match k {
            "tags" => Some(TagList),
            "summary" | "description" | "operationId" => Some(Str),
            "externalDocs" => Some(ExtDocs),
            "parameters" => Some(ParamList),
            "requestBody" => Some(RequestBody),
            "responses" => Some(Responses),
            "callbacks" => Some(Callbacks),
            "deprecated" => Some(Bool),
            "security" => Some(SecReqList),
            "servers" => Some(ServerList),
            _ => None,
        }),
        Parameter | Header => closed(match k {
            "name" | "in" if ty == Header => None,
            "name" => Some(Str),
            "in" => Some(ParamIn),
            "description" | "style" | "$ref" => Some(Str),
            "required" | "deprecated" | "allowEmptyValue" | "explode" | "allowReserved" => {
                Some(Bool)
            }
            "schema" => Some(Schema),
            "example" => Some(Any),
            "examples" => Some(ExampleMap),
            "content" => Some(Content),
            _ => None,
        }),
        RequestBody => closed(match k {
            "description" | "$ref" => Some(Str),
            "content" => Some(Content),
            "required" => Some(Bool),
            _ => None,
        }),
        Response => closed(match k {
            "description" | "$ref" => Some(Str),
            "headers" => Some(HeaderMap),
            "content" => Some(Content),
            "links" => Some(AnyMap),
            _ => None,
        }),
        MediaType => closed(match k {
            "schema" => Some(Schema),
            "example" => Some(Any),
            "examples" => Some(ExampleMap),
            "encoding" => Some(EncodingMap),
            _ => None,
        }),
        Encoding => closed(match k {
            "contentType" | "style" => Some(Str),
            "headers" => Some(HeaderMap),
            "explode" | "allowReserved" => Some(Bool),
            _ => None,
        }),
        Example => closed(match k {
            "summary" | "description" | "externalValue" | "$ref" => Some(Str),
            "value" => Some(Any),
            _ => None,
        }),
        Components => closed(match k {
            "schemas" => Some(SchemaMap),
            "responses" => Some(ResponseMap),
            "parameters" => Some(ParameterMap),
            "examples" => Some(ExampleMap),
            "requestBodies" => Some(RequestBodyMap),
            "headers" => Some(HeaderMap),
            "securitySchemes" => Some(SecSchemeMap),
            "links" => Some(AnyMap),
            "callbacks" => Some(Callbacks),
            "pathItems" => Some(Callback),
            _ => None,
        }),
        SecScheme => closed(match k {
            "type" | "description" | "name" | "in" | "scheme" | "bearerFormat"
            | "openIdConnectUrl" | "$ref" => Some(Str),
            "flows" => Some(OAuthFlows),
            _ => None,
        }),
        OAuthFlows => closed(
            matches!(
                k,
                "implicit" | "password" | "clientCredentials" | "authorizationCode"
            )
            .then_some(OAuthFlow),
        ),
        OAuthFlow => closed(match k {
            "authorizationUrl" | "tokenUrl" | "refreshUrl" => Some(Str),
            "scopes" => Some(StrMap),
            _ => None,
        }),
        Discriminator => closed(match k {
            "propertyName" => Some(Str),
            "mapping" => Some(StrMap),
            _ => None,
        }),
        Schema | SchemaOrBool => closed(schema_key_ty(k)),
        _ => None,
    }
}

pub(super) fn schema_key_ty(k: &str) -> Option<Ty> {
    use Ty::*;
    Some(match k {
        "type" => SchemaType,
        "format" | "title" | "description" | "pattern" | "$ref" | "$id" | "$schema"
        | "$comment" | "$anchor" | "$dynamicRef" | "$dynamicAnchor" | "contentMediaType"
        | "contentEncoding" | "summary" => Str,
        "default" | "example" | "const" | "examples" | "xml" | "dependentRequired" => Any,
        "enum" => AnyList,
        "properties" => PropMap,
        "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => SchemaMap,
        "additionalProperties"
        | "items"
        | "unevaluatedProperties"
        | "unevaluatedItems"
        | "contains"
        | "propertyNames"
        | "not"
        | "if"
        | "then"
        | "else" => SchemaOrBool,
        "prefixItems" | "allOf" | "oneOf" | "anyOf" => SchemaList,
        "required" => StrList,
        "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems" => Bool,
        "minimum" | "maximum" | "multipleOf" | "minLength" | "maxLength" | "minItems"
        | "maxItems" | "minProperties" | "maxProperties" | "minContains" | "maxContains" => Num,
        "exclusiveMinimum" | "exclusiveMaximum" => NumOrBool,
        "discriminator" => Discriminator,
        "externalDocs" => ExtDocs,
        _ => return None,
    })
}

/// Annotation keywords (R1 generalised).
pub(super) const ANNOTATIONS: [&str; 10] = [
    "description",
    "title",
    "examples",
    "example",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "externalDocs",
];

/// Schema keywords taking schemas or numbers that close a property map (R8).
pub(super) const STRUCTURAL: [&str; 16] = [
    "additionalProperties",
    "unevaluatedProperties",
    "patternProperties",
    "propertyNames",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "discriminator",
    "if",
    "then",
    "else",
    "$defs",
    "dependentSchemas",
    "minProperties",
    "maxProperties",
];

/// Keywords that only make sense for one JSON Schema type (strict mode rejects them elsewhere).
pub(super) fn keyword_type(k: &str) -> Option<&'static [&'static str]> {
    const OBJ: &[&str] = &["object"];
    const ARR: &[&str] = &["array"];
    const STR: &[&str] = &["string"];
    const NUM: &[&str] = &["number", "integer"];
    Some(match k {
        "properties"
        | "additionalProperties"
        | "required"
        | "minProperties"
        | "maxProperties"
        | "patternProperties"
        | "propertyNames"
        | "unevaluatedProperties" => OBJ,
        "items" | "minItems" | "maxItems" | "uniqueItems" | "prefixItems" | "contains" => ARR,
        "minLength" | "maxLength" | "pattern" => STR,
        "minimum" | "maximum" | "multipleOf" | "exclusiveMinimum" | "exclusiveMaximum" => NUM,
        _ => return None,
    })
}

/// Fern's fixed key order of an Operation (R10; the test renderer writes pages in it).
pub(crate) const FERN_OPERATION_ORDER: [&str; 7] = [
    "operationId",
    "summary",
    "description",
    "tags",
    "parameters",
    "responses",
    "requestBody",
];
/// Fern's fixed key order of a Parameter (R10).
pub(crate) const FERN_PARAMETER_ORDER: [&str; 5] =
    ["name", "in", "description", "required", "schema"];
/// Fern's fixed key order of a Response (R10).
pub(crate) const FERN_RESPONSE_ORDER: [&str; 2] = ["description", "content"];
/// The keys Fern writes first in a Schema, in this order (R10).
pub(crate) const FERN_SCHEMA_FIRST: [&str; 2] = ["$ref", "type"];
/// The keys Fern writes last in a Schema, in this order, nothing after them (R10).
pub(crate) const FERN_SCHEMA_LAST: [&str; 3] = ["required", "description", "title"];

/// js-yaml's line width for a scalar whose lines start at column `indent`: `max(40, 80 -
/// indent)`. A longer string is always folded (`>-`), also one without spaces (R20).
pub(crate) fn fold_width(indent: usize) -> usize {
    40usize.max(80usize.saturating_sub(indent))
}

/// R10 (Fern's fixed key order, docs/formats.md §4 and every corpus page): Fern dumps its registry,
/// so keys come in one order whatever the source's: an Operation `operationId`, `summary`,
/// `description`, `tags`, `parameters`, `responses`, `requestBody`; a Parameter `name`, `in`,
/// `description`, `required`, `schema`; a Response `description`, `content`; a Schema `$ref` or
/// `type` first and `required`, `description`, `title` last, nothing after them. A key ranked
/// below one the mapping already holds belongs to another mapping. `None`: no fixed rank.
fn fern_rank(ty: Ty, k: &str) -> Option<i32> {
    let pos = |list: &[&str]| list.iter().position(|x| *x == k).map(|p| p as i32);
    match ty {
        Ty::Operation => pos(&FERN_OPERATION_ORDER),
        Ty::Parameter => pos(&FERN_PARAMETER_ORDER),
        Ty::Response => pos(&FERN_RESPONSE_ORDER),
        // `$ref` -2, `type` -1, unpinned keys 0, `required` 1, `description` 2, `title` 3.
        Ty::Schema | Ty::SchemaOrBool => {
            Some(match (pos(&FERN_SCHEMA_FIRST), pos(&FERN_SCHEMA_LAST)) {
                (Some(p), _) => p - FERN_SCHEMA_FIRST.len() as i32,
                (None, Some(p)) => p + 1,
                (None, None) => 0,
            })
        }
        _ => None,
    }
}

/// Whether `key` may follow `keys` in a mapping of type `ty` under Fern's key order (R10).
pub(super) fn fern_order_ok(ty: Ty, keys: &[String], key: &str) -> bool {
    let Some(r) = fern_rank(ty, key) else {
        return true;
    };
    keys.iter()
        .filter_map(|k| fern_rank(ty, k))
        .all(|have| have <= r)
}

/// Annotations that may trail a nested object's property map (R22).
pub(super) const TRAILING: [&str; 7] = [
    "description",
    "readOnly",
    "writeOnly",
    "deprecated",
    "nullable",
    "example",
    "default",
];
