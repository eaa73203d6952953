//! Recovery of OpenAPI YAML whose whitespace a crawler collapsed (FORMATS.md §2, §8).
//!
//! YAML closes mappings, lists and block scalars only by indentation, so once every whitespace
//! run became one space, every such end is ambiguous. This module parses the token stream with a
//! schema-guided, deterministic depth-first search: it knows which keys each OpenAPI object takes
//! (closed types with fixed fields plus `x-*`, open maps such as Paths, Responses, Content and
//! property maps, typed lists), tries candidates in a fixed order (the tie-break rules R1–R7 of
//! §8), backtracks on misfits, memoises failed states and stops after a step budget with an error
//! naming the furthest position reached (never a guess).
//!
//! After the preferred complete parse it searches for a second one; where two complete readings
//! differ it reports `fern.ambiguous` warnings with the JSON pointers of the differences.
//!
//! Our rules beyond §8, each documented where it acts:
//! - **Key order.** R10: Fern's fixed key order. When no reading keeps it, or the one that does
//!   swallowed structure into a string (`holds_structure`) or left a `$ref` dangling, the page is
//!   read in its source's order instead (`fern.key-order`). R17: on a page that sorts its keys,
//!   property maps (and, where the schemas sort theirs, schema keywords) stay ascending. R24: a
//!   Fern path item holds its method only.
//! - **Which schema a keyword belongs to.**
//!   - R8: structural keywords after a property map go to its owner (size limits such as
//!     `minProperties` stay with the property before it).
//!   - R16: titles go to the schema they spell.
//!   - R22: a description after a bare `$ref` schema (an object's last property, or a body's
//!     schema) is its owner's.
//!   - R25: scalar examples skip object and array schemas.
//!   - R27: of two descriptions in one run, the first is the deeper schema's.
//!   - R28: `type` goes where the schema's keywords fit it; a discriminator to the schema
//!     holding its property or variants.
//!   - Properties named `items`, `then` or `else` are not sub-schema slots.
//! - **Where text ends.** R13: a `required` list naming open properties ends a block scalar;
//!   R20: js-yaml's fold width; R23: no prose holds `key: |-`.
//! - **Where a property goes after a nested object.** R19: the next `required` list naming it;
//!   R30: the property map whose members it resembles (all described, or none).
//! - **Lists and data.** R18: an enum list ends at `- type:`; R21: data-mapping list items;
//!   R29: numbered data keys (`channel1`, `channel2`) are siblings.
//!
//! What no rule decides stays flagged; `fern_md`'s round-trip tests measure both key orders.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};

use serde_json::{Map, Value};

use super::yaml::resolve_plain;
use crate::diag::{Diagnostic, pointer_token};

/// How the parser behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Apply Fern's emitter habits (R3: `servers` is root-level).
    pub fern_habits: bool,
    /// Step budget; `None` means `100_000 + 10 × tokens`.
    pub budget: Option<usize>,
    /// Search for a second complete parse and flag where it differs (on by default).
    pub check_ambiguity: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fern_habits: true,
            budget: None,
            check_ambiguity: true,
        }
    }
}

/// The result of [`parse`].
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The recovered document.
    pub value: Value,
    /// Warnings: `fern.ambiguous` (two complete readings differ), `fern.empty-value` (a value
    /// taken as empty, usually after tag deletion), `fern.relaxed` (strict rules had no reading).
    pub diagnostics: Vec<Diagnostic>,
    /// Byte offsets (into the page) of mapping nodes up to four pointer segments deep.
    pub offsets: BTreeMap<String, usize>,
    /// Search steps spent.
    pub steps: usize,
}

/// Parses the collapsed YAML in `page[range]`; diagnostics carry positions in `page`.
pub fn parse(
    page: &str,
    range: std::ops::Range<usize>,
    opts: &Options,
) -> Result<Parsed, Diagnostic> {
    let toks = tokenize(page, range);
    // Names written as keys somewhere on the page: a `$ref` to one of them must resolve.
    let defined: HashSet<String> = toks
        .iter()
        .filter_map(|t| page.get(t.s..t.e)?.strip_suffix(':'))
        .map(|k| k.trim_matches(['\'', '"']).to_string())
        .collect();
    let mut p = parse_inner(page, &toks, &defined, opts)?;
    if !refs_resolve(&p.value, &p.value, &defined, 0) {
        p.diagnostics.push(Diagnostic::warning(
            "fern.ambiguous",
            "a local `$ref` does not resolve in the reading taken: the collapsed YAML was \
             probably misread",
        ));
    }
    // A block scalar that swallowed structure: its text holds `$ref: '#/…`.
    let mut swallowed = Vec::new();
    ref_in_text(&p.value, String::new(), 0, &mut swallowed);
    for at in swallowed.into_iter().take(5) {
        p.diagnostics.push(
            Diagnostic::warning(
                "fern.ambiguous",
                "this string holds `$ref: '#/…'`: a block scalar probably swallowed mappings \
                 after it",
            )
            .pointer(at),
        );
    }
    Ok(p)
}

/// The search passes, in order: (allow_empty, required_ends).
const PASSES: [(bool, bool); 3] = [(false, true), (false, false), (true, false)];

fn parse_inner(
    page: &str,
    toks: &[Tok],
    defined: &HashSet<String>,
    opts: &Options,
) -> Result<Parsed, Diagnostic> {
    let budget = opts.budget.unwrap_or(100_000 + 10 * toks.len());
    // js-yaml writes no empty values: a reading without any comes first (R15); one with empty
    // values (a deleted `<…>` placeholder) only when none exists.
    // R13 evidence (a `required` list naming open properties ends a block scalar for good)
    // prunes the search; where pruning leaves no reading within the budget, the unpruned search
    // follows.
    let mut first: Result<Parsed, Diagnostic> =
        Err(Diagnostic::error("fern.collapsed-syntax", "no reading"));
    let mut pass = (false, false);
    for p in PASSES {
        first = Search::new(page, toks, opts, true, budget, p).run();
        if first.is_ok() {
            pass = p;
            break;
        }
    }
    // A reading in which a local `$ref` dangles is not the page's (a page in its source's key
    // order read under R10 can pass `tags:`, `servers:`, `components:` off as property names).
    // Nor is one where a block scalar swallowed structure (R10 can force that too).
    let misread = |p: &Parsed| {
        let mut swallowed = Vec::new();
        ref_in_text(&p.value, String::new(), 0, &mut swallowed);
        !swallowed.is_empty() || !refs_resolve(&p.value, &p.value, defined, 0)
    };
    let dangling = first.as_ref().is_ok_and(misread);
    if opts.fern_habits && (dangling || first.is_err()) {
        // R10 off: a page in its source's key order rather than Fern's registry order.
        for pass in PASSES {
            let mut strict = Search::new(page, toks, opts, true, budget, pass);
            strict.fern_order = false;
            let r = strict.run();
            if let Ok(mut p) = r {
                if misread(&p) {
                    continue;
                }
                p.diagnostics.push(Diagnostic::warning(
                    "fern.key-order",
                    "the keys are not in Fern's fixed order; read in the source's order (R10 off)",
                ));
                return Ok(sorted_reading(page, toks, opts, budget, (pass, false), p));
            }
        }
    }
    match first {
        Ok(p) => Ok(sorted_reading(page, toks, opts, budget, (pass, true), p)),
        Err(e) if e.code == "fern.collapsed-budget" => Err(e),
        Err(e) => {
            // Relaxed rules, empty values allowed.
            let mut relaxed = Search::new(page, toks, opts, false, budget, (true, false));
            match relaxed.run() {
                Ok(mut p) => {
                    p.diagnostics.push(
                        Diagnostic::warning(
                            "fern.relaxed",
                            format!(
                                "no reading satisfies the strict OpenAPI rules ({}); read with \
                                 relaxed rules (`$ref` siblings, type-specific keywords, \
                                 `required` names)",
                                e.message
                            ),
                        )
                        .at(e.line, e.col),
                    );
                    Ok(p)
                }
                Err(_) => Err(e),
            }
        }
    }
}

/// R17 (ours): where the preferred reading is ambiguous and the page sorts its property keys
/// (nearly every property map of that reading with two or more keys is in ascending order, as
/// generators that sort keys write them), reads the page again requiring every property map to
/// stay sorted: a property after a nested object then goes to the map it keeps sorted, and the
/// trailing keywords before it to the schema that lets it. The sorted reading is taken; every
/// place where it differs from the default one is flagged `fern.ambiguous`, as are the default
/// reading's own ambiguities, so a wrong sorted reading is never silent.
fn sorted_reading(
    page: &str,
    toks: &[Tok],
    opts: &Options,
    budget: usize,
    (pass, fern_order): ((bool, bool), bool),
    default: Parsed,
) -> Parsed {
    let ambiguous = default
        .diagnostics
        .iter()
        .any(|d| d.code == "fern.ambiguous");
    if !opts.check_ambiguity || !ambiguous {
        return default;
    }
    // `maps` counts key pairs, `sorted` the ascending ones.
    let mut props = [0usize; 2];
    let mut schemas = [0usize; 2];
    count_sorted_maps(&default.value, 0, &mut props, &mut schemas);
    // Nearly all pairs ascending: the default reading's misplacements break a few pairs, a
    // page in another order about half of them.
    let nearly_all = |[sorted, pairs]: [usize; 2]| pairs >= 4 && sorted * 10 >= pairs * 9;
    if !nearly_all(props) {
        return default;
    }
    let mut search = Search::new(page, toks, opts, true, budget, pass);
    search.sorted_props = true;
    search.fern_order = fern_order;
    // A page whose schemas sort their keywords too (its source's order, sorted by the
    // generator): each schema's keys ascend as well.
    search.sorted_schemas = nearly_all(schemas);
    search.check_ambiguity = false;
    let Ok(mut alt) = search.run() else {
        return default;
    };
    if alt.value == default.value {
        return default;
    }
    let mut diffs = Vec::new();
    diff(&alt.value, &default.value, String::new(), &mut diffs);
    let mut diagnostics: Vec<Diagnostic> = default
        .diagnostics
        .iter()
        .filter(|d| d.code != "fern.empty-value")
        .cloned()
        .collect();
    diagnostics.extend(alt.diagnostics.iter().cloned());
    for p in diffs.iter().take(5) {
        diagnostics.push(
            Diagnostic::warning(
                "fern.ambiguous",
                "read with property keys in sorted order, as the page's other property maps \
                 are (R17); the default reading differs here",
            )
            .pointer(p.clone()),
        );
    }
    alt.diagnostics = diagnostics;
    alt.steps += default.steps;
    alt
}

/// JSON pointers of strings in `v` whose text holds a `$ref: '#/` mapping entry.
/// Whether text holds OpenAPI structure, which prose does not: a `$ref: '#/…'` entry, an
/// operation's own key (`operationId: `, `responses: '200':`, `requestBody: `), or two kinds of
/// schema entries (`type: object`, `properties: `, `description: `…).
fn holds_structure(s: &str) -> bool {
    const STRONG: [&str; 6] = [
        "$ref: '#/",
        "$ref: \"#/",
        "$ref: >-",
        "operationId: ",
        "responses: '",
        "requestBody: ",
    ];
    const WEAK: [&str; 11] = [
        "type: object",
        "type: string",
        "type: integer",
        "type: array",
        "type: boolean",
        "properties: ",
        "content: application/",
        "schema: ",
        "description: ",
        "example: ",
        "tags: - ",
    ];
    STRONG.iter().any(|m| s.contains(m)) || WEAK.iter().filter(|m| s.contains(*m)).count() >= 2
}

fn ref_in_text(v: &Value, at: String, depth: usize, out: &mut Vec<String>) {
    if depth > 128 || out.len() >= 5 {
        return;
    }
    match v {
        Value::String(s) if holds_structure(s) => {
            out.push(if at.is_empty() { "/".into() } else { at });
        }
        Value::Object(m) => {
            for (k, c) in m {
                ref_in_text(c, format!("{at}/{}", pointer_token(k)), depth + 1, out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                ref_in_text(c, format!("{at}/{i}"), depth + 1, out);
            }
        }
        _ => {}
    }
}

/// True when every local `$ref` (`#/…`) in `v` whose target name is among `defined` (written as
/// a key on the page) resolves in `root`.
fn refs_resolve(root: &Value, v: &Value, defined: &HashSet<String>, depth: usize) -> bool {
    if depth > 128 {
        return true;
    }
    match v {
        Value::Object(m) => m.iter().all(|(k, c)| match (k.as_str(), c) {
            ("$ref", Value::String(r)) => r.strip_prefix('#').is_none_or(|p| {
                let name = p.rsplit('/').next().unwrap_or("");
                p.is_empty() || !defined.contains(name) || root.pointer(p).is_some()
            }),
            _ => refs_resolve(root, c, defined, depth + 1),
        }),
        Value::Array(a) => a.iter().all(|c| refs_resolve(root, c, defined, depth + 1)),
        _ => true,
    }
}

/// Counts `[ascending, all]` adjacent key pairs of the `properties` mappings in `v` (`props`)
/// and of the schema mappings (those with `type` or `properties`: `schemas`).
fn count_sorted_maps(v: &Value, depth: usize, props: &mut [usize; 2], schemas: &mut [usize; 2]) {
    if depth > 64 {
        return;
    }
    let count = |keys: Vec<&String>, into: &mut [usize; 2]| {
        if keys.len() >= 2 {
            into[1] += keys.len() - 1;
            into[0] += keys.windows(2).filter(|w| w[0] <= w[1]).count();
        }
    };
    match v {
        Value::Object(m) => {
            if m.contains_key("type") || m.contains_key("properties") {
                count(m.keys().collect(), schemas);
            }
            for (k, c) in m {
                if let (true, Value::Object(ps)) = (k == "properties", c) {
                    count(ps.keys().collect(), props);
                }
                count_sorted_maps(c, depth + 1, props, schemas);
            }
        }
        Value::Array(a) => a
            .iter()
            .for_each(|c| count_sorted_maps(c, depth + 1, props, schemas)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// A whitespace-separated token: its byte range in the page.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) s: usize,
    pub(super) e: usize,
}

/// The whitespace-separated tokens of `page[range]`.
pub(super) fn tokenize(page: &str, range: std::ops::Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let Some(text) = page.get(range.clone()) else {
        return out;
    };
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Tok {
                    s: range.start + s,
                    e: range.start + i,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Tok {
            s: range.start + s,
            e: range.end,
        });
    }
    out
}

fn is_block_indicator(t: &str) -> bool {
    let mut c = t.chars();
    match c.next() {
        Some('|') | Some('>') => {}
        _ => return false,
    }
    let rest: String = c.collect();
    rest.len() <= 3
        && rest
            .chars()
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

pub(super) fn is_fence(t: &str) -> bool {
    t.starts_with("```")
}

/// Reads a quoted scalar starting at byte `at` (a `'` or `"`); returns the string and the byte
/// offset just past the closing quote.
fn read_quoted(page: &str, at: usize, end: usize) -> Option<(String, usize)> {
    let text = page.get(at..end)?;
    let mut chars = text.char_indices();
    let (_, q) = chars.next()?;
    let mut out = String::new();
    if q == '\'' {
        let mut it = text.char_indices().skip(1).peekable();
        while let Some((i, c)) = it.next() {
            if c == '\'' {
                if matches!(it.peek(), Some((_, '\''))) {
                    out.push('\'');
                    it.next();
                } else {
                    return Some((out, at + i + 1));
                }
            } else {
                out.push(c);
            }
        }
        None
    } else if q == '"' {
        let mut it = text.char_indices().skip(1);
        while let Some((i, c)) = it.next() {
            match c {
                '"' => return Some((out, at + i + 1)),
                '\\' => {
                    let (_, e) = it.next()?;
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        ' ' => out.push(' '),
                        '/' => out.push('/'),
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        'N' => out.push('\u{85}'),
                        '_' => out.push('\u{a0}'),
                        'x' | 'u' | 'U' => {
                            let n = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let mut h = String::new();
                            for _ in 0..n {
                                h.push(it.next()?.1);
                            }
                            out.push(char::from_u32(u32::from_str_radix(&h, 16).ok()?)?);
                        }
                        other => {
                            out.push('\\');
                            out.push(other);
                        }
                    }
                }
                c => out.push(c),
            }
        }
        None
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI vocabulary

/// The type of a YAML node, as far as the OpenAPI vocabulary decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ty {
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

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Ty {
    fn name(self) -> &'static str {
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
    fn map_ty(self) -> Option<Ty> {
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
    fn seq_item(self) -> Option<Ty> {
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
    fn scalar_like(self) -> bool {
        use Ty::*;
        matches!(
            self,
            Any | Str | Bool | Num | NumOrBool | SchemaType | TypeName | ParamIn | SchemaOrBool
        )
    }

    fn accepts_scalar(self, v: &Value) -> bool {
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

fn is_response_code(k: &str) -> bool {
    k == "default"
        || (k.len() == 3
            && k.starts_with(['1', '2', '3', '4', '5'])
            && k[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x'))
}

const OPERATION_ONLY: [&str; 3] = ["x-codeSamples", "x-readme", "x-mint"];

/// The value type of `key` in a mapping of type `ty`, if the key is valid there.
fn key_ty(ty: Ty, k: &str) -> Option<Ty> {
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

fn schema_key_ty(k: &str) -> Option<Ty> {
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
const ANNOTATIONS: [&str; 10] = [
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

/// A small schema (no properties, no description) in a sub-schema slot (items, not, allOf item…).
fn simple_sub_schema(frames: &[Frame], i: usize) -> bool {
    let Some(f) = frames.get(i) else {
        return false;
    };
    if f.ty != Ty::Schema
        || f.keys.len() > 3
        || f.keys
            .iter()
            .any(|k| k == "properties" || k == "description")
    {
        return false;
    }
    const SLOTS: [&str; 10] = [
        "items",
        "not",
        "additionalProperties",
        "unevaluatedProperties",
        "unevaluatedItems",
        "propertyNames",
        "contains",
        "if",
        "then",
        "else",
    ];
    let Some(parent) = i.checked_sub(1).and_then(|p| frames.get(p)) else {
        return false;
    };
    // A slot is a keyword of the parent schema, not a property named so (`items:` in a
    // property map).
    (parent.ty == Ty::Schema && !parent.seq && SLOTS.contains(&f.via.as_str()))
        || (parent.seq
            && matches!(
                parent.via.as_str(),
                "allOf" | "anyOf" | "oneOf" | "prefixItems"
            ))
}

/// Schema keywords taking schemas or numbers that close a property map (R8).
const STRUCTURAL: [&str; 16] = [
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
fn keyword_type(k: &str) -> Option<&'static [&'static str]> {
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

/// R10 (Fern's fixed key order, FORMATS.md §4 and every corpus page): Fern dumps its registry,
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
fn fern_order_ok(ty: Ty, keys: &[String], key: &str) -> bool {
    let Some(r) = fern_rank(ty, key) else {
        return true;
    };
    keys.iter()
        .filter_map(|k| fern_rank(ty, k))
        .all(|have| have <= r)
}

// ---------------------------------------------------------------------------------------------
// Search state

#[derive(Debug, Clone)]
struct Frame {
    ty: Ty,
    seq: bool,
    keys: Vec<String>,
    items: usize,
    via: String,
    /// The schema's `type` when it is a single name.
    stype: Option<String>,
    /// Property names of a closed `properties` child.
    props: Option<Vec<String>>,
    /// In a property map: how many of its closed properties (`$ref`s aside) have a
    /// `description`, and how many have none (R30).
    described: [u16; 2],
}

impl Frame {
    fn new(ty: Ty, seq: bool, via: String) -> Self {
        Frame {
            ty,
            seq,
            keys: Vec::new(),
            items: 0,
            via,
            stype: None,
            props: None,
            described: [0, 0],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Mode {
    After,
    Value(Ty),
}

/// A scalar: a resolved value, or the text of a token range (block scalars, long plain runs),
/// joined only when the document is built.
#[derive(Debug, Clone)]
enum Sv {
    V(Value),
    Range(usize, usize),
}

#[derive(Debug, Clone)]
enum Ev {
    MapStart(usize),
    SeqStart,
    End,
    Key(String),
    Scalar(Sv),
}

#[derive(Debug, Clone)]
struct State {
    pos: usize,
    mode: Mode,
    frames: Vec<Frame>,
    events: usize,
    empties: usize,
}

#[derive(Debug, Clone)]
enum Alt {
    Key {
        frame: usize,
        key: String,
        ty: Ty,
        next: usize,
    },
    Dash {
        frame: usize,
    },
    OpenMap {
        key: String,
        kty: Ty,
        next: usize,
    },
    OpenSeq,
    Scalar {
        value: Sv,
        next: usize,
    },
    Empty,
    EmptyColl {
        map: bool,
    },
    Complete,
}

/// Lazily produced block-scalar ends.
#[derive(Debug, Clone)]
struct BlockScan {
    /// First content token.
    from: usize,
    /// Next token to examine as an end.
    at: usize,
    fences: usize,
    done: bool,
}

struct Choice {
    snap: State,
    alts: Vec<Alt>,
    idx: usize,
    scan: Option<BlockScan>,
    sig: u64,
    had_success: bool,
    undecided: Vec<bool>,
}

struct Search<'a> {
    page: &'a str,
    toks: &'a [Tok],
    keys: Vec<Option<(String, usize)>>,
    fern: bool,
    strict: bool,
    check_ambiguity: bool,
    budget: usize,
    steps: usize,
    schema_names: HashSet<String>,
    events: Vec<Ev>,
    failed: HashSet<u64>,
    best: (usize, String),
    offsets: Vec<usize>,
    /// Set by the last call of `alternatives`: which of its alternatives no rule tells from the
    /// first (§8 undecidable classes); the search for a second reading revisits only those.
    undecided: Vec<bool>,
    /// True once the preferred reading is found: the search for a second one is running.
    second_search: bool,
    /// Whether a value may be read as empty (a last resort: js-yaml writes none).
    allow_empty: bool,
    /// R13 in the first search: a `required` list naming open properties ends a block scalar.
    required_ends: bool,
    /// R17: every property map keeps its keys in ascending order.
    sorted_props: bool,
    /// R17 for a page whose schemas sort their keywords: every schema's keys ascend.
    sorted_schemas: bool,
    /// R10: keys follow Fern's fixed order (off for pages in their source's order).
    fern_order: bool,
    /// Every `required: - a - b` list of the page: the token after the key, and the names.
    required_lists: Vec<(usize, Vec<String>)>,
}

enum Next {
    Alts(Vec<Alt>, Option<BlockScan>),
    Fail(String),
}

impl<'a> Search<'a> {
    /// A search over `toks`; `(allow_empty, required_ends)` is the pass (see [`PASSES`]).
    fn new(
        page: &'a str,
        toks: &'a [Tok],
        opts: &Options,
        strict: bool,
        budget: usize,
        (allow_empty, required_ends): (bool, bool),
    ) -> Self {
        let mut keys = Vec::with_capacity(toks.len());
        for t in toks {
            keys.push(Self::key_token(page, toks, t));
        }
        let mut schema_names = HashSet::new();
        for t in toks {
            let s = page.get(t.s..t.e).unwrap_or("");
            if let Some(i) = s.find("#/components/schemas/") {
                let name = &s[i + 21..];
                let name = name.trim_end_matches(['\'', '"']);
                schema_names.insert(name.to_string());
            }
        }
        let mut search = Search {
            page,
            toks,
            keys,
            fern: opts.fern_habits,
            strict,
            check_ambiguity: opts.check_ambiguity,
            budget,
            steps: 0,
            schema_names,
            events: Vec::new(),
            failed: HashSet::new(),
            best: (0, String::new()),
            offsets: Vec::new(),
            undecided: Vec::new(),
            second_search: false,
            allow_empty,
            required_ends,
            sorted_props: false,
            sorted_schemas: false,
            fern_order: true,
            required_lists: Vec::new(),
        };
        let mut lists = Vec::new();
        for (i, k) in search.keys.iter().enumerate() {
            if let Some((key, next)) = k {
                if key == "required" {
                    let names = search.list_ahead(*next);
                    if !names.is_empty() {
                        lists.push((i, names));
                    }
                }
            }
        }
        search.required_lists = lists;
        search
    }

    fn tok(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.page.get(t.s..t.e))
            .unwrap_or("")
    }

    /// If token `t` (possibly with following tokens, for quoted keys) is a mapping key, the key
    /// and the index of the token after it.
    fn key_token(page: &str, toks: &[Tok], t: &Tok) -> Option<(String, usize)> {
        let s = page.get(t.s..t.e)?;
        let idx = toks.partition_point(|x| x.s < t.s);
        if s.starts_with(['\'', '"']) {
            let end = toks.last().map_or(t.e, |l| l.e);
            let (k, after) = read_quoted(page, t.s, end)?;
            if page.get(after..after + 1) != Some(":") {
                return None;
            }
            let j = toks.partition_point(|x| x.e < after + 1);
            let tj = toks.get(j)?;
            if tj.e != after + 1 {
                return None;
            }
            return Some((k, j + 1));
        }
        if s.len() < 2 || !s.ends_with(':') {
            return None;
        }
        if s.starts_with([
            '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '#', ',', ']', '}',
        ]) || s.starts_with("- ")
        {
            return None;
        }
        let k = &s[..s.len() - 1];
        if k.ends_with(':') {
            return None;
        }
        Some((k.to_string(), idx + 1))
    }

    fn run(&mut self) -> Result<Parsed, Diagnostic> {
        let mut st = State {
            pos: 0,
            mode: Mode::Value(Ty::Document),
            frames: Vec::new(),
            events: 0,
            empties: 0,
        };
        let mut stack: Vec<Choice> = Vec::new();
        let mut first: Option<(Value, BTreeMap<String, usize>, usize)> = None;
        let mut second: Option<Value> = None;
        let mut budget_hit = false;
        loop {
            self.steps += 1;
            if self.steps > self.budget {
                budget_hit = true;
                break;
            }
            if st.pos > self.best.0 {
                self.best = (st.pos, String::new());
            }
            let next = self.alternatives(&st);
            let mut chosen: Option<Alt> = None;
            match next {
                Next::Fail(why) => {
                    if st.pos >= self.best.0 {
                        self.best = (st.pos, why);
                    }
                }
                Next::Alts(alts, scan) => {
                    if alts.len() == 1 && scan.is_none() {
                        chosen = alts.into_iter().next();
                    } else if !alts.is_empty() {
                        // Snapshots and signatures cost in proportion to the open keys.
                        self.steps += st.frames.iter().map(|f| f.keys.len()).sum::<usize>() / 8;
                        let sig = self.signature(&st);
                        if !self.failed.contains(&sig) {
                            let a = alts[0].clone();
                            stack.push(Choice {
                                snap: st.clone(),
                                alts,
                                idx: 0,
                                scan,
                                sig,
                                had_success: false,
                                undecided: std::mem::take(&mut self.undecided),
                            });
                            chosen = Some(a);
                        }
                    }
                }
            }
            if let Some(alt) = chosen {
                if matches!(alt, Alt::Complete) {
                    self.apply(&mut st, &alt);
                    let v = self.build(st.events);
                    for c in stack.iter_mut() {
                        c.had_success = true;
                    }
                    match &first {
                        None => {
                            let offs = self.collect_offsets();
                            first = Some((v, offs, st.empties));
                            self.second_search = true;
                            if !self.check_ambiguity {
                                break;
                            }
                        }
                        Some((f, _, _)) => {
                            if *f != v {
                                second = Some(v);
                                break;
                            }
                        }
                    }
                    // Look for another reading: backtrack as on failure.
                } else {
                    self.apply(&mut st, &alt);
                    continue;
                }
            }
            // Backtrack.
            let mut resumed = false;
            while let Some(c) = stack.last_mut() {
                c.idx += 1;
                if c.had_success {
                    // The second-reading search revisits only alternatives no rule excludes.
                    while c.idx < c.alts.len() && !c.undecided.get(c.idx).copied().unwrap_or(false)
                    {
                        c.idx += 1;
                    }
                    if c.idx >= c.alts.len() {
                        stack.pop();
                        continue;
                    }
                }
                if c.idx >= c.alts.len() {
                    if let Some(scan) = c.scan.as_mut() {
                        let snap = c.snap.clone();
                        if let Some(alt) = self.next_block_end(&snap, scan) {
                            c.alts.push(alt);
                        }
                    }
                }
                if let Some(c) = stack.last() {
                    if c.idx < c.alts.len() {
                        st = c.snap.clone();
                        self.events.truncate(st.events);
                        let alt = c.alts[c.idx].clone();
                        self.apply(&mut st, &alt);
                        resumed = true;
                        break;
                    }
                }
                if let Some(c) = stack.pop() {
                    if !c.had_success {
                        self.failed.insert(c.sig);
                    }
                }
            }
            if !resumed {
                break;
            }
        }
        let Some((value, offs, empties)) = first else {
            let at = self
                .toks
                .get(self.best.0)
                .map_or(self.toks.last().map_or(0, |t| t.e), |t| t.s);
            let found = if self.best.0 < self.toks.len() {
                format!("`{}`", self.tok(self.best.0))
            } else {
                "the end of the block".to_string()
            };
            let msg = if budget_hit {
                format!(
                    "no complete reading of the collapsed YAML within {} steps; the longest \
                     partial reading stops at {found}{}",
                    self.budget,
                    expect_suffix(&self.best.1)
                )
            } else {
                format!(
                    "collapsed YAML cannot be read as OpenAPI: the longest partial reading stops \
                     at {found}{}",
                    expect_suffix(&self.best.1)
                )
            };
            let code = if budget_hit {
                "fern.collapsed-budget"
            } else {
                "fern.collapsed-syntax"
            };
            return Err(Diagnostic::error(code, msg).at_offset(self.page, at));
        };
        let mut diagnostics = Vec::new();
        if empties > 0 {
            diagnostics.push(Diagnostic::warning(
                "fern.empty-value",
                format!(
                    "{empties} value(s) read as empty (js-yaml writes none: a deleted `<…>` \
                     placeholder is likely)"
                ),
            ));
        }
        if let Some(other) = &second {
            let mut diffs = Vec::new();
            diff(&value, other, String::new(), &mut diffs);
            if std::env::var("FERN_DEBUG").is_ok() {
                for p in diffs.iter().take(3) {
                    eprintln!(
                        "DEBUG {p}\n first: {}\n second: {}",
                        value
                            .pointer(p)
                            .map(|v| v.to_string())
                            .unwrap_or_default()
                            .chars()
                            .take(8000)
                            .collect::<String>(),
                        other
                            .pointer(p)
                            .map(|v| v.to_string())
                            .unwrap_or_default()
                            .chars()
                            .take(8000)
                            .collect::<String>()
                    );
                }
            }
            for p in diffs.iter().take(5) {
                diagnostics.push(
                    Diagnostic::warning(
                        "fern.ambiguous",
                        "the collapsed YAML has another complete reading that differs here; the \
                         preferred reading was taken (override it in the overlay if wrong)",
                    )
                    .pointer(p.clone()),
                );
            }
        } else if budget_hit && self.check_ambiguity {
            diagnostics.push(Diagnostic::warning(
                "fern.ambiguous",
                format!(
                    "the search for a second reading of the collapsed YAML stopped after {} \
                     steps: the reading taken may be one of several",
                    self.budget
                ),
            ));
        }
        Ok(Parsed {
            value,
            diagnostics,
            offsets: offs,
            steps: self.steps,
        })
    }

    fn signature(&self, st: &State) -> u64 {
        let mut h = DefaultHasher::new();
        st.pos.hash(&mut h);
        st.mode.hash(&mut h);
        for f in &st.frames {
            f.ty.hash(&mut h);
            f.seq.hash(&mut h);
            f.keys.hash(&mut h);
            f.stype.hash(&mut h);
            f.props.hash(&mut h);
            f.via.hash(&mut h);
        }
        h.finish()
    }

    /// Whether frame `f` accepts `key` now, and with which value type.
    fn accepts(&self, frames: &[Frame], i: usize, key: &str) -> Option<Ty> {
        let f = frames.get(i)?;
        if f.seq || f.keys.iter().any(|k| k == key) {
            return None;
        }
        let ty = key_ty(f.ty, key)?;
        if self.fern
            && f.ty == Ty::SchemaMap
            && f.via == "schemas"
            && !self.schema_names.contains(key)
        {
            // Fern's components hold only reachable schemas: every name is referenced.
            return None;
        }
        if self.fern
            && self.strict
            && f.ty == Ty::PathItem
            && !matches!(
                key,
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
            )
        {
            // R24: a Fern page's path item holds its one method and nothing else (path-level
            // parameters are merged into the operation).
            return None;
        }
        if self.fern && self.fern_order && self.strict && !fern_order_ok(f.ty, &f.keys, key) {
            return None;
        }
        if self.sorted_schemas
            && matches!(f.ty, Ty::Schema | Ty::SchemaOrBool)
            && f.keys.last().is_some_and(|l| l.as_str() > key)
        {
            return None;
        }
        if self.sorted_props
            && matches!(f.ty, Ty::PropMap | Ty::AnyMap)
            && f.keys.last().is_some_and(|l| l.as_str() > key)
        {
            return None;
        }
        if f.ty == Ty::Schema && self.strict {
            // R6: a schema with `$ref` takes only description/summary siblings.
            if f.keys.iter().any(|k| k == "$ref")
                && !matches!(key, "description" | "summary")
                && !key.starts_with("x-")
            {
                return None;
            }
            if key == "$ref"
                && f.keys.iter().any(|k| {
                    !matches!(k.as_str(), "description" | "summary") && !k.starts_with("x-")
                })
            {
                return None;
            }
            // `unevaluatedProperties: not: {}` (nothing more allowed) is a whole idiom: a
            // keyword after it is its owner's.
            if f.keys == ["not"]
                && matches!(
                    f.via.as_str(),
                    "unevaluatedProperties" | "additionalProperties" | "unevaluatedItems" | "items"
                )
                && i.checked_sub(1).is_some_and(|p| frames[p].ty == Ty::Schema)
            {
                return None;
            }
            // `then`/`else` mean nothing without `if` (written first): a property named so.
            if matches!(key, "then" | "else") && !f.keys.iter().any(|k| k == "if") {
                return None;
            }
            if let (Some(st), Some(kt)) = (&f.stype, keyword_type(key)) {
                if !kt.contains(&st.as_str()) {
                    return None;
                }
            }
        }
        Some(ty)
    }

    fn alternatives(&mut self, st: &State) -> Next {
        self.undecided.clear();
        match st.mode {
            Mode::After => self.after_alts(st),
            Mode::Value(ty) => self.value_alts(st, ty),
        }
    }

    fn after_alts(&mut self, st: &State) -> Next {
        if st.pos >= self.toks.len() {
            return Next::Alts(vec![Alt::Complete], None);
        }
        if let Some((key, next)) = self.keys.get(st.pos).cloned().flatten() {
            let mut cands: Vec<(usize, Ty)> = Vec::new();
            for i in (0..st.frames.len()).rev() {
                if let Some(t) = self.accepts(&st.frames, i, &key) {
                    cands.push((i, t));
                }
            }
            self.order(st, &key, next, &mut cands);
            // R20 (js-yaml's line width): a string longer than `max(40, 80 - indent)` is always
            // folded (`>-`), so a plain or quoted one of `len` characters (collapsing only
            // shortens it) sits no deeper than that width allows. Frame `i` holds its keys at
            // column `2i`, its values at `2i + 2`.
            if self.fern && self.strict {
                if let Some(len) = self.scalar_len(next) {
                    cands.retain(|&(i, ty)| {
                        !matches!(ty, Ty::Str | Ty::Any) || len <= fold_width(2 * i + 2)
                    });
                }
            }
            self.undecided = self.undecided_pairs(st, &key, &cands);
            if cands.is_empty() {
                return Next::Fail(format!(
                    "`{key}` is no key of {} nor of an enclosing mapping",
                    st.frames.last().map_or("the document", |f| f.ty.name())
                ));
            }
            let alts = cands
                .into_iter()
                .map(|(frame, ty)| Alt::Key {
                    frame,
                    key: key.clone(),
                    ty,
                    next,
                })
                .collect();
            return Next::Alts(alts, None);
        }
        if self.tok(st.pos) == "-" {
            let mut frames: Vec<usize> = (0..st.frames.len())
                .rev()
                .filter(|&i| st.frames[i].seq)
                .collect();
            // R18 (ours): an item opening with a schema keyword (`- type: string`) ends an
            // `enum` list for the enclosing schema list (anyOf/oneOf/allOf): enum values are
            // data, and data mappings keyed like a schema are vanishingly rare.
            let schema_item = self
                .keys
                .get(st.pos + 1)
                .cloned()
                .flatten()
                .is_some_and(|(k, _)| schema_key_ty(&k).is_some());
            if schema_item && frames.iter().any(|&i| st.frames[i].ty == Ty::Schema) {
                frames.sort_by_key(|&i| st.frames[i].ty == Ty::Any && st.frames[i].via == "enum");
            }
            let alts: Vec<Alt> = frames
                .into_iter()
                .map(|frame| Alt::Dash { frame })
                .collect();
            if alts.is_empty() {
                return Next::Fail("a list item `-` where no list is open".into());
            }
            return Next::Alts(alts, None);
        }
        Next::Fail(format!(
            "expected a key of {} or a list item",
            st.frames.last().map_or("the document", |f| f.ty.name())
        ))
    }

    /// For each ordered candidate: true when no rule tells it from the first one (§8 undecidable
    /// classes 1, 2, 3 and 5).
    fn undecided_pairs(&self, st: &State, key: &str, cands: &[(usize, Ty)]) -> Vec<bool> {
        let frames = &st.frames;
        // The reading the others are told from: the first candidate, passing over a property
        // map when the value is no mapping (a property needs a schema).
        let mapping = self
            .keys
            .get(st.pos)
            .cloned()
            .flatten()
            .is_some_and(|(_, next)| self.keys.get(next).is_some_and(|k| k.is_some()));
        let Some(r) = cands
            .iter()
            .position(|&(i, _)| mapping || frames[i].ty != Ty::PropMap)
            .or((!cands.is_empty()).then_some(0))
        else {
            return Vec::new();
        };
        let f0 = cands[r].0;
        let a = frames[f0].ty;
        if a == Ty::SchemaMap && self.schema_names.contains(key) {
            // R4: a key naming a referenced component closes whatever is open.
            return vec![false; cands.len()];
        }
        if self.fern && self.title_of_component(st, key, f0) {
            // R12: a component's own `title`.
            return vec![false; cands.len()];
        }
        cands
            .iter()
            .enumerate()
            .map(|(n, &(i, _))| {
                let b = frames[i].ty;
                let pair = |x: Ty, y: Ty| (a == x && b == y) || (a == y && b == x);
                // A keyword after a property map: the last property's or the owner's. Fern
                // writes `type` before `properties`; an owner without `type` yet is another
                // emitter's order, where trailing keywords are undecidable.
                let trailing = a == Ty::Schema
                    && b == Ty::Schema
                    && (i.min(f0)..i.max(f0)).any(|k| frames[k].ty == Ty::PropMap);
                // R21 moved a list item's mapping behind an enclosing one: both stay open.
                let r21 = frames
                    .get(i)
                    .is_some_and(|f| f.ty == Ty::AnyMap && f.keys.iter().all(|k| k != key))
                    && i > f0
                    && a == Ty::AnyMap;
                n != r
                    && (trailing
                        || r21
                        || key.starts_with("x-")
                        || (is_response_code(key) && (a == Ty::Responses || b == Ty::Responses))
                        || (a == Ty::AnyMap) != (b == Ty::AnyMap)
                        || (a == Ty::PropMap && b == Ty::PropMap)
                        || (pair(Ty::PropMap, Ty::Schema)
                            && matches!(key, "example" | "default" | "const" | "examples"))
                        || (pair(Ty::PropMap, Ty::SchemaMap) && !self.schema_names.contains(key))
                        // Prose keys two different objects take (an operation's `description`
                        // or its path item's, a request body's or its schema's).
                        || (matches!(key, "description" | "summary")
                            && a != b
                            && a != Ty::PropMap
                            && b != Ty::PropMap))
            })
            .collect()
    }

    /// True when `key` is `title`, its value is one word naming the component schema open at
    /// frame `i` (R12: Fern titles every component with its own name; seed 001, Cash App).
    fn title_of_component(&self, st: &State, key: &str, i: usize) -> bool {
        if key != "title" {
            return false;
        }
        let Some((_, next)) = self.keys.get(st.pos).cloned().flatten() else {
            return false;
        };
        let single =
            next + 1 >= self.toks.len() || self.keys.get(next + 1).is_some_and(|k| k.is_some());
        let value = self.tok(next).trim_matches(['\'', '"']);
        let frames = &st.frames;
        single
            && frames
                .get(i)
                .is_some_and(|f| f.ty == Ty::Schema && f.via == value)
            && i.checked_sub(1)
                .and_then(|p| frames.get(p))
                .is_some_and(|p| p.ty == Ty::SchemaMap && p.via == "schemas")
    }

    /// Orders key candidates (deepest first) by the tie-break rules.
    fn order(&self, st: &State, key: &str, next: usize, cands: &mut Vec<(usize, Ty)>) {
        self.order_rules(st, key, next, cands);
        // R12: `title: NAME` inside component NAME is the component's title.
        if self.fern {
            if let Some(p) = cands
                .iter()
                .position(|&(j, _)| self.title_of_component(st, key, j))
            {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
    }

    fn order_rules(&self, st: &State, key: &str, next: usize, cands: &mut Vec<(usize, Ty)>) {
        let frames = &st.frames;
        // Rule 5: an Any mapping (or a string map such as a discriminator `mapping`) ends as
        // soon as an ancestor takes the key.
        cands.sort_by_key(|&(i, _)| matches!(frames[i].ty, Ty::AnyMap | Ty::StrMap));
        // R1 generalised: annotations and structural keywords skip a one-keyword sub-schema
        // (`{type: 'null'}` in anyOf, `{$ref}` in allOf, `{not: {}}`) for the schema owning it.
        // A bare `{type: object}` is no such sub-schema for an object keyword: the keyword
        // completes it (`- type: object unevaluatedProperties: {}`).
        if ANNOTATIONS.contains(&key) || STRUCTURAL.contains(&key) {
            let object_kw = keyword_type(key).is_some_and(|t| t.contains(&"object"));
            cands.sort_by_key(|&(i, _)| {
                simple_sub_schema(frames, i)
                    && !(object_kw && frames[i].stype.as_deref() == Some("object"))
            });
        }
        // R27 (ours): a description with another one later in its run of annotations
        // (`description: A title: cond description: B`) is a deeper schema's than the second:
        // the deepest candidates come first, a sub-schema slot included.
        if key == "description" && self.in_annotation_run(next, "description", &["title"]) {
            cands.sort_by_key(|&(i, _)| std::cmp::Reverse(i));
        }
        // Object keywords prefer a schema known to describe an object (`type: object` or
        // `properties`) over one that does not say (an `allOf` wrapper).
        // Size limits (`minProperties`) stay on this side of a property map: a property
        // wrapping a reference (`allOf: [$ref]`) takes them as readily as the map's owner.
        if keyword_type(key).is_some_and(|t| t.contains(&"object")) {
            let deepest = cands.iter().map(|&(i, _)| i).max().unwrap_or(0);
            let sized = matches!(key, "minProperties" | "maxProperties");
            cands.sort_by_key(|&(i, _)| {
                let f = &frames[i];
                let beyond = sized && (i + 1..=deepest).any(|k| frames[k].ty == Ty::PropMap);
                let object = f.ty == Ty::Schema
                    && (f.stype.as_deref() == Some("object")
                        || f.props.is_some()
                        || f.keys.iter().any(|k| k == "properties"));
                (beyond, !object)
            });
        }
        // R9 (ours): a Response requires `description`; one lacking it takes the key before any
        // schema nested in its content.
        if key == "description" {
            if let Some(p) = cands
                .iter()
                .position(|&(j, _)| frames[j].ty == Ty::Response)
            {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // R25 (ours): a scalar example, default or enum value (`examples: - 120`) is no
        // object's or array's: it goes to a schema of another or no declared type.
        if matches!(key, "example" | "examples" | "default" | "const" | "enum") {
            let at = if matches!(key, "examples" | "enum") && self.tok(next) == "-" {
                next + 1
            } else {
                next
            };
            let t = self.tok(at);
            let scalar = at < self.toks.len()
                && !self.keys.get(at).is_some_and(|k| k.is_some())
                && !matches!(t, "-" | "[]" | "{}")
                && !t.starts_with(['[', '{', '|', '>', '&', '*', '!'])
                && !self.keys.get(at + 1).is_some_and(|k| k.is_none());
            if scalar {
                cands.sort_by_key(|&(i, _)| {
                    matches!(frames[i].stype.as_deref(), Some("object" | "array"))
                });
            }
        }
        // R28 (ours): `type: array` goes to a schema holding `items` before one holding no
        // typed keyword, and that before one whose keywords belong to another type (`type`
        // written last, as sorted keys put it, after an array's `items: {oneOf: …}`).
        if key == "type" {
            if let Some(v) = self.plain_ahead(next) {
                cands.sort_by_key(|&(i, _)| type_fit(&frames[i], &v));
            }
        }
        // A discriminator names a property of its schema or tells its `oneOf`/`anyOf`
        // variants apart: it goes to a schema that has the one or the other.
        if key == "discriminator" {
            let named = self
                .keys
                .get(next)
                .cloned()
                .flatten()
                .filter(|(k, _)| k == "propertyName")
                .and_then(|(_, n)| self.plain_ahead(n));
            if let Some(name) = named {
                let fits = |i: usize| {
                    let f = &frames[i];
                    // Its property map closed, or still open just above it.
                    let props = f.props.as_ref().or_else(|| {
                        frames
                            .get(i + 1)
                            .filter(|c| c.ty == Ty::PropMap && c.via == "properties")
                            .map(|c| &c.keys)
                    });
                    props.is_some_and(|p| p.contains(&name))
                        || f.keys
                            .iter()
                            .any(|k| matches!(k.as_str(), "oneOf" | "anyOf"))
                };
                cands.sort_by_key(|&(i, _)| !fits(i));
            }
        }
        // R3: Fern writes `servers` at the root.
        if self.fern && key == "servers" {
            cands.sort_by_key(|&(i, _)| frames[i].ty != Ty::Document);
        }
        // R1: description/title after an `items` schema with type/$ref belong to the array: the
        // array comes before its items wherever both are candidates.
        if matches!(key, "description" | "title") {
            let slot = |i: usize| {
                let f = &frames[i];
                f.ty == Ty::Schema
                    && f.via == "items"
                    && i.checked_sub(1).is_some_and(|p| frames[p].ty == Ty::Schema)
                    && f.keys.iter().any(|k| k == "type" || k == "$ref")
            };
            if let Some(at) = cands.iter().position(|&(i, _)| slot(i)) {
                let i = cands[at].0;
                if let Some(p) = cands.iter().position(|&(j, _)| j + 1 == i) {
                    if p > at {
                        let c = cands.remove(p);
                        cands.insert(at, c);
                    }
                }
            }
        }
        // R8 (ours): a structural schema keyword after a property map belongs to the schema that
        // owns the map when it can take it (properties named so are vanishingly rare; the
        // relaxed reading, flagged, takes them when no strict reading exists).
        if STRUCTURAL.contains(&key) {
            if let Some(p) = cands.iter().position(|&(j, _)| frames[j].ty == Ty::PropMap) {
                let pj = cands[p].0;
                if let Some(q) = cands.iter().position(|&(j, _)| j + 1 == pj) {
                    if self.strict {
                        // Strict: decided (the relaxed reading takes such a property).
                        cands.remove(p);
                    } else if q > p {
                        let c = cands.remove(q);
                        cands.insert(p, c);
                    }
                }
            }
        }
        // R11 (ours): a status-code key (`'401':`) after a response's schema closes the schema
        // for the Responses map (a property named `401` is rare; the other reading is flagged).
        if is_response_code(key) {
            if let Some(p) = cands
                .iter()
                .position(|&(j, _)| frames[j].ty == Ty::Responses)
            {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // R4: a key naming a referenced component closes a property map.
        if self.schema_names.contains(key) {
            if let Some(p) = cands
                .iter()
                .position(|&(j, _)| frames[j].ty == Ty::SchemaMap && frames[j].via == "schemas")
            {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // Class 3: a property named like an Any-valued keyword, with a mapping value.
        if matches!(key, "example" | "default" | "const" | "examples")
            && self.keys.get(next).is_some_and(|k| k.is_some())
        {
            if let Some(p) = cands.iter().position(|&(j, _)| frames[j].ty == Ty::PropMap) {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // R16 (ours): a `title` after a property map names its schema. Generators title a
        // property after its own name (`status` → `Status`) and a top-level schema after the
        // type; so a title spelling a candidate's name goes there, and any other title goes to
        // the nearest schema that is not a property (a component or a body/parameter schema).
        if key == "title" {
            if let Some(title) = self.plain_ahead(next) {
                let t = ident_norm(&title);
                let rank = |i: usize| -> u8 {
                    let f = &frames[i];
                    if f.ty != Ty::Schema {
                        return 5;
                    }
                    let pf = i.checked_sub(1).and_then(|p| frames.get(p));
                    let parent = pf.map(|p| p.ty);
                    let in_list = pf.is_some_and(|p| p.seq);
                    let via = ident_norm(&f.via);
                    // `Page[Size]` for `size`: a title ending in the property's name (a
                    // deepObject parameter's generated titles).
                    let exact = !t.is_empty() && via == t;
                    let suffix =
                        !t.is_empty() && via.len() >= 3 && t.ends_with(&via) && f.via != "items";
                    // In a page in its source's order (R10 off) the keys of one schema are
                    // written together: a title right after the open schema's description is
                    // that schema's. (Fern's order puts a component's title after its last
                    // property's description.)
                    let contiguous = !self.fern_order
                        && i + 1 == frames.len()
                        && f.keys.last().is_some_and(|k| k == "description");
                    // An exact spelling beats a suffix (`Call Control Command Result` names
                    // `CallControlCommandResult`, not its property `result`).
                    if exact && !in_list {
                        0
                    } else if suffix && !in_list {
                        1
                    } else if contiguous {
                        2
                    } else if matches!(parent, Some(Ty::SchemaMap) | Some(Ty::MediaType))
                        || (parent == Some(Ty::Parameter) && f.via == "schema")
                    {
                        3
                    } else {
                        4
                    }
                };
                cands.sort_by_key(|&(i, _)| rank(i));
                // Sorted keywords write `title` just before `type`: where the page sorts
                // them, the title goes with the schema the `type` after it fits (R28).
                if self.sorted_schemas {
                    if let Some((k, n)) = self.keys_from(next).next() {
                        if let Some(v) = (k == "type").then(|| self.plain_ahead(n)).flatten() {
                            cands.sort_by_key(|&(i, _)| type_fit(&frames[i], &v));
                        }
                    }
                }
            }
        }
        // R19 (ours): a property after a nested object goes to the property map that holds
        // most of the other names of the next `required` list, when that list names it (a
        // schema's `required` follows its properties, and lists them by name; a later list
        // naming it is another schema's).
        if cands
            .iter()
            .filter(|&&(i, _)| frames[i].ty == Ty::PropMap)
            .count()
            > 1
        {
            if let Some((_, names)) = self
                .required_lists
                .iter()
                .find(|(p, _)| *p > st.pos)
                .filter(|(_, names)| names.iter().any(|n| n == key))
            {
                let held = |i: usize| -> usize {
                    let f = &frames[i];
                    if f.ty != Ty::PropMap {
                        return 0;
                    }
                    names
                        .iter()
                        .filter(|n| n.as_str() != key && f.keys.contains(n))
                        .count()
                };
                cands.sort_by_key(|&(i, _)| std::cmp::Reverse(held(i)));
            }
        }
        // R21 (ours): in a list of data mappings (an example's `- name: sms - name: voice`), a
        // key the previous item lacks, while this item so far repeats that item's keys, ends
        // the list for an enclosing mapping that takes it. Flagged: the pair stays undecided.
        if let Some(&(i, _)) = cands.first() {
            let f = &frames[i];
            let prev = i
                .checked_sub(1)
                .and_then(|p| frames.get(p))
                .filter(|p| p.seq && f.ty == Ty::AnyMap)
                .and_then(|p| p.props.as_ref());
            if let Some(prev) = prev {
                if !prev.iter().any(|k| k == key)
                    && !f.keys.is_empty()
                    && f.keys.iter().all(|k| prev.contains(k))
                    && cands.iter().any(|&(j, _)| j + 1 < i)
                {
                    cands.sort_by_key(|&(j, _)| j == i);
                }
            }
        }
        // R22 (ours): a description after a bare `$ref` schema is its owner's: the object's
        // whose last property it is (`meta: $ref: … description: Paginated list of voices.`),
        // or the body's, response's or parameter's (`content: …: schema: $ref: …
        // description:`). Sources rarely describe a reference beside it (the three corpus
        // specs: 46 object descriptions to 1 reference one). Annotations before the
        // description in the same run follow it. The pair stays flagged.
        if TRAILING.contains(&key) && !self.keys.get(next).is_some_and(|k| k.is_some()) {
            self.trailing_owner(st, key, next, cands);
        }
        // R29 (ours): in data, a key spelled like the key that opened the deepest open mapping
        // but for its last character (`channel2` after `channel1: {read, write}`) is that key's
        // sibling: the mapping holding both takes it.
        if let Some(first) = cands.iter().position(|&(i, _)| frames[i].ty == Ty::AnyMap) {
            let i = cands[first].0;
            let parent = i
                .checked_sub(1)
                .filter(|&p| frames[p].ty == Ty::AnyMap && !frames[p].seq);
            if let Some(p) = parent.filter(|_| numbered_sibling(&frames[i].via, key)) {
                if let Some(at) = cands.iter().position(|&(j, _)| j == p) {
                    let c = cands.remove(at);
                    cands.insert(first, c);
                }
            }
        }
        // R30 (ours): a property after a nested object joins the property map whose members
        // it resembles: where every member of one map has a description and every member of
        // the other has none, a property with (or without) one goes to the map alike.
        let mut maps: Vec<usize> = cands
            .iter()
            .map(|&(i, _)| i)
            .filter(|&i| frames[i].ty == Ty::PropMap)
            .collect();
        maps.sort_by_key(|&i| std::cmp::Reverse(i));
        if maps.len() >= 2 && self.keys.get(next).is_some_and(|k| k.is_some()) {
            if let Some(has) = self.described_ahead(next) {
                let alike = |i: usize| match frames[i].described {
                    [w, 0] if w > 0 => Some(has),
                    [0, w] if w > 0 => Some(!has),
                    _ => None,
                };
                let (inner, outer) = (maps[0], maps[1]);
                if alike(inner) == Some(false) && alike(outer) == Some(true) {
                    if let (Some(a), Some(b)) = (
                        cands.iter().position(|&(j, _)| j == inner),
                        cands.iter().position(|&(j, _)| j == outer),
                    ) {
                        if b > a {
                            let c = cands.remove(b);
                            cands.insert(a, c);
                        }
                    }
                }
            }
        }
        // R2: `required: [names]` goes to the nearest schema whose properties hold all names.
        if key == "required" {
            let names = self.list_ahead(next);
            if !names.is_empty() {
                let holds = |i: usize| -> Option<bool> {
                    let f = &frames[i];
                    if f.ty != Ty::Schema {
                        return None;
                    }
                    let props: Option<&Vec<String>> = f.props.as_ref().or_else(|| {
                        frames
                            .get(i + 1)
                            .filter(|c| c.ty == Ty::PropMap && c.via == "properties")
                            .map(|c| &c.keys)
                    });
                    props.map(|p| names.iter().all(|n| p.contains(n)))
                };
                if self.strict {
                    cands.retain(|&(i, _)| holds(i) != Some(false));
                }
                cands.sort_by_key(|&(i, _)| match holds(i) {
                    Some(true) => 0,
                    None => 1,
                    Some(false) => 2,
                });
            }
        }
    }

    /// R22: moves the first candidate, a bare `$ref` schema, behind its owner (the schema owning
    /// the property map it is a property of, or the body, response or parameter holding it)
    /// when a description follows in the run of annotations `key` starts.
    fn trailing_owner(&self, st: &State, key: &str, next: usize, cands: &mut Vec<(usize, Ty)>) {
        let frames = &st.frames;
        let Some(&(leaf, _)) = cands.first() else {
            return;
        };
        if frames[leaf].ty != Ty::Schema
            || frames[leaf].keys != ["$ref"]
            || !self.description_follows(key, next)
        {
            return;
        }
        let owner = |j: usize| {
            let object = j + 2 == leaf
                && frames[j].ty == Ty::Schema
                && frames[j + 1].ty == Ty::PropMap
                && !frames[j + 1].seq;
            object
                || matches!(
                    frames[j].ty,
                    Ty::RequestBody | Ty::Response | Ty::Parameter | Ty::Header
                )
        };
        if let Some(at) = cands.iter().position(|&(j, _)| j < leaf && owner(j)) {
            let c = cands.remove(0);
            cands.insert(at, c);
        }
    }

    /// True when annotation `key` (its value starting at token `next`) is `description` or
    /// starts a run of scalar-valued annotations holding one.
    fn description_follows(&self, key: &str, next: usize) -> bool {
        key == "description" || self.in_annotation_run(next, "description", &[])
    }

    /// True when the run of scalar-valued annotations (`TRAILING` and `also`) after the value
    /// starting at token `at` holds the key `want`.
    fn in_annotation_run(&self, at: usize, want: &str, also: &[&str]) -> bool {
        for (k, n) in self.keys_from(at) {
            if k == want {
                return true;
            }
            if !(TRAILING.contains(&k.as_str()) || also.contains(&k.as_str())) || self.is_key(n) {
                return false;
            }
        }
        false
    }

    /// Whether the schema whose first key is at token `at` has a `description` among its
    /// leading scalar keywords (`type: string example: x description: …`); `None` when it
    /// opens with anything else.
    fn described_ahead(&self, at: usize) -> Option<bool> {
        let mut seen = false;
        for (k, n) in self.keys_from(at) {
            let scalar = !self.is_key(n) && self.tok(n) != "-";
            if !scalar
                || !(TRAILING.contains(&k.as_str()) || matches!(k.as_str(), "type" | "format"))
            {
                break;
            }
            if k == "description" {
                return Some(true);
            }
            seen = true;
        }
        seen.then_some(false)
    }

    /// True when token `i` is a mapping key.
    fn is_key(&self, i: usize) -> bool {
        self.keys.get(i).is_some_and(|k| k.is_some())
    }

    /// The keys from token `at` on, each with the token after it, passing over the values
    /// between them.
    fn keys_from(&self, mut at: usize) -> impl Iterator<Item = (String, usize)> + '_ {
        std::iter::from_fn(move || {
            while at < self.toks.len() && self.keys.get(at).is_some_and(|k| k.is_none()) {
                at += 1;
            }
            let (k, n) = self.keys.get(at).cloned().flatten()?;
            at = n;
            Some((k, n))
        })
    }

    /// The text of a short plain or quoted scalar starting at token `i` (up to the next key),
    /// if it is one.
    fn plain_ahead(&self, i: usize) -> Option<String> {
        let t = self.tok(i);
        if t.is_empty() || is_block_indicator(t) || self.keys.get(i).is_some_and(|k| k.is_some()) {
            return None;
        }
        if t.starts_with(['\'', '"']) {
            let tok = self.toks.get(i)?;
            let end = self.toks.last().map_or(0, |l| l.e);
            return read_quoted(self.page, tok.s, end).map(|(s, _)| s);
        }
        let mut e = i;
        while e < self.toks.len() && e < i + 12 && self.keys.get(e).is_some_and(|k| k.is_none()) {
            e += 1;
        }
        Some(self.join(i, e))
    }

    /// The character count of the string a plain or quoted single-line scalar starting at token
    /// `i` spells (plain: its words joined by single spaces), if the value is one.
    fn scalar_len(&self, i: usize) -> Option<usize> {
        let t = self.tok(i);
        if t.is_empty()
            || t == "-"
            || is_block_indicator(t)
            || t.starts_with(['[', '{', '&', '*', '!', '|', '>', '#'])
            || self.keys.get(i).is_some_and(|k| k.is_some())
        {
            return None;
        }
        if t.starts_with(['\'', '"']) {
            let tok = self.toks.get(i)?;
            let end = self.toks.last().map_or(0, |l| l.e);
            let (s, after) = read_quoted(self.page, tok.s, end)?;
            // js-yaml folds no string with control characters or edge spaces (it quotes them).
            if s.trim() != s || s.chars().any(|c| c.is_control()) {
                return None;
            }
            let j = self.toks.partition_point(|x| x.e < after);
            if self.toks.get(j).is_none_or(|x| x.e != after) {
                return None;
            }
            return Some(s.chars().count());
        }
        let mut e = i;
        while e < self.toks.len() && self.keys.get(e).is_some_and(|k| k.is_none()) {
            if self.tok(e) == "-" || is_fence(self.tok(e)) {
                return None;
            }
            e += 1;
        }
        let text = self.join(i, e);
        matches!(resolve_plain(&text), Value::String(_)).then(|| text.chars().count())
    }

    /// Names of a `- a - b` list starting at token `i`.
    fn list_ahead(&self, mut i: usize) -> Vec<String> {
        let mut out = Vec::new();
        while self.tok(i) == "-" && i + 1 < self.toks.len() {
            let t = self.tok(i + 1);
            if t == "-" || self.keys.get(i + 1).is_some_and(|k| k.is_some()) {
                break;
            }
            let after = self.tok(i + 2);
            if i + 2 < self.toks.len()
                && after != "-"
                && !self.keys.get(i + 2).is_some_and(|k| k.is_some())
            {
                break;
            }
            let name = t.trim_matches(['\'', '"']);
            out.push(name.to_string());
            i += 2;
        }
        out
    }

    fn value_alts(&mut self, st: &State, ty: Ty) -> Next {
        let pos = st.pos;
        if pos >= self.toks.len() {
            return if ty.scalar_like() && self.allow_empty {
                Next::Alts(vec![Alt::Empty], None)
            } else {
                Next::Fail(format!("expected {}", ty.name()))
            };
        }
        let t = self.tok(pos);
        if let Some((key, next)) = self.keys.get(pos).cloned().flatten() {
            let mut alts = Vec::new();
            if let Some(mt) = ty.map_ty() {
                let probe = Frame::new(mt, false, String::new());
                let frames = [probe];
                if let Some(kty) = self.accepts(&frames, 0, &key) {
                    alts.push(Alt::OpenMap {
                        key: key.clone(),
                        kty,
                        next,
                    });
                }
            }
            if ty.scalar_like() && self.allow_empty {
                alts.push(Alt::Empty);
            }
            if alts.is_empty() {
                return Next::Fail(format!("expected {}, found the key `{key}`", ty.name()));
            }
            return Next::Alts(alts, None);
        }
        if t == "-" {
            let mut alts = Vec::new();
            if ty.seq_item().is_some() {
                alts.push(Alt::OpenSeq);
            }
            if ty.scalar_like() && self.allow_empty {
                alts.push(Alt::Empty);
            }
            if alts.is_empty() {
                return Next::Fail(format!("expected {}, found a list", ty.name()));
            }
            return Next::Alts(alts, None);
        }
        if t == "{}" || t == "[]" {
            let map = t == "{}";
            let ok = if map {
                ty.map_ty().is_some()
            } else {
                ty.seq_item().is_some()
            };
            if !ok {
                return Next::Fail(format!("expected {}, found `{t}`", ty.name()));
            }
            return Next::Alts(vec![Alt::EmptyColl { map }], None);
        }
        if is_block_indicator(t) {
            if !matches!(ty, Ty::Str | Ty::Any) {
                return Next::Fail(format!("expected {}, found a block scalar", ty.name()));
            }
            let mut scan = BlockScan {
                from: pos + 1,
                at: pos + 1,
                fences: 0,
                done: false,
            };
            let first = self.next_block_end(st, &mut scan);
            return Next::Alts(first.into_iter().collect(), Some(scan));
        }
        if t.starts_with(['&', '*', '!']) && t.len() > 1 {
            return Next::Fail(format!(
                "anchors, aliases and tags (`{t}`) cannot be placed in collapsed YAML"
            ));
        }
        if t.starts_with(['\'', '"']) {
            let end = self.toks.last().map_or(0, |l| l.e);
            let Some(tok) = self.toks.get(pos) else {
                return Next::Fail("expected a value".into());
            };
            let Some((s, after)) = read_quoted(self.page, tok.s, end) else {
                return Next::Fail("an unterminated quoted scalar".into());
            };
            let j = self.toks.partition_point(|x| x.e < after);
            if self.toks.get(j).is_none_or(|x| x.e != after) {
                return Next::Fail("a quoted scalar followed by other text".into());
            }
            let v = Value::String(s);
            if !ty.accepts_scalar(&v) {
                return Next::Fail(format!("expected {}, found a string", ty.name()));
            }
            return Next::Alts(
                vec![Alt::Scalar {
                    value: Sv::V(v),
                    next: j + 1,
                }],
                None,
            );
        }
        if (t.starts_with('[') || t.starts_with('{')) && !(ty == Ty::Str) {
            if let Some((v, next)) = self.flow(pos) {
                let ok = match &v {
                    Value::Array(_) => ty.seq_item().is_some(),
                    Value::Object(_) => ty.map_ty().is_some(),
                    other => ty.accepts_scalar(other),
                };
                if ok {
                    return Next::Alts(
                        vec![Alt::Scalar {
                            value: Sv::V(v),
                            next,
                        }],
                        None,
                    );
                }
            }
        }
        // Plain scalar: up to the first key token; it may also end before a dash.
        let mut end = pos;
        let mut dashes = Vec::new();
        while end < self.toks.len() && self.keys.get(end).is_some_and(|k| k.is_none()) {
            if self.tok(end) == "-" && end > pos {
                dashes.push(end);
            }
            end += 1;
        }
        let seq_open = st.frames.iter().any(|f| f.seq);
        let mut alts = Vec::new();
        let in_item = st.frames.last().is_some_and(|f| f.seq);
        let ends = if in_item {
            // R5-like: in a list of scalars a dash starts the next item.
            if let Some(&d) = dashes.first() {
                end = d;
            }
            Vec::new()
        } else if seq_open {
            dashes
        } else {
            Vec::new()
        };
        for e in ends.into_iter().chain(std::iter::once(end)) {
            self.steps += 1;
            if e - pos > 4 {
                // Several words: a string, never a number, boolean or type name.
                if matches!(ty, Ty::Str | Ty::Any) {
                    alts.push(Alt::Scalar {
                        value: Sv::Range(pos, e),
                        next: e,
                    });
                }
                continue;
            }
            let v = resolve_plain(&self.join(pos, e));
            if ty.accepts_scalar(&v) {
                alts.push(Alt::Scalar {
                    value: Sv::V(v),
                    next: e,
                });
            }
        }
        if alts.is_empty() {
            return Next::Fail(format!("expected {}, found `{t}`", ty.name()));
        }
        Next::Alts(alts, None)
    }

    /// Reads a flow collection starting at token `pos`; returns the value and the next token.
    fn flow(&self, pos: usize) -> Option<(Value, usize)> {
        let start = self.toks.get(pos)?.s;
        let end = self.toks.last()?.e;
        let text = self.page.get(start..end)?;
        let mut depth = 0i32;
        let mut quote: Option<char> = None;
        let mut close = None;
        for (i, c) in text.char_indices() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '\'' | '"' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(start + i + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        let close = close?;
        let j = self.toks.partition_point(|x| x.e < close);
        if self.toks.get(j)?.e != close {
            return None;
        }
        let v = crate::frontend::yaml::parse(self.page.get(start..close)?).ok()?;
        Some((v, j + 1))
    }

    fn join(&self, a: usize, b: usize) -> String {
        match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(x), Some(y)) if b > a => {
                let raw = self.page.get(x.s..y.e).unwrap_or("");
                raw.split_whitespace().collect::<Vec<_>>().join(" ")
            }
            _ => String::new(),
        }
    }

    /// The next admissible end of a block scalar: before a key some open mapping accepts, or a
    /// dash when a list is open, with the fences inside balanced; or the end of the block.
    /// R13 (ours): true when the `- a - b` list at token `next` names only properties of an
    /// open object schema that has no `required` yet (or keys inside the scalar `from..at`). Such a `required:` is that schema's list
    /// (R2), so a block scalar before it ends there: prose naming exactly the properties after a
    /// `required:` is not text js-yaml would leave unfolded in a description.
    fn names_open_properties(&self, st: &State, from: usize, at: usize, next: usize) -> bool {
        let names = self.list_ahead(next);
        if names.is_empty() {
            return false;
        }
        // Keys inside the candidate scalar count too: a scalar that swallowed properties
        // (`… scopes: $ref: … required: - id - scopes`) is no prose either.
        let inside: Vec<String> = (from..at)
            .filter_map(|j| self.keys.get(j).cloned().flatten().map(|(k, _)| k))
            .collect();
        let frames = &st.frames;
        // Names of properties anywhere on the open chain: a property the reading so far put
        // into a nested map still counts (the list is evidence against that placement).
        let open: Vec<&String> = frames
            .iter()
            .filter(|f| f.ty == Ty::PropMap)
            .flat_map(|f| f.keys.iter())
            .collect();
        let has_open_owner = frames
            .iter()
            .any(|f| f.ty == Ty::Schema && !f.keys.iter().any(|k| k == "required"));
        if has_open_owner
            && names
                .iter()
                .all(|n| open.contains(&n) || inside.contains(n))
        {
            return true;
        }
        (0..frames.len()).any(|i| {
            let f = &frames[i];
            if f.ty != Ty::Schema || f.keys.iter().any(|k| k == "required") {
                return false;
            }
            let props = f.props.as_ref().or_else(|| {
                frames
                    .get(i + 1)
                    .filter(|c| c.ty == Ty::PropMap && c.via == "properties")
                    .map(|c| &c.keys)
            });
            props.is_some_and(|p| names.iter().all(|n| p.contains(n) || inside.contains(n)))
        })
    }

    fn next_block_end(&mut self, st: &State, scan: &mut BlockScan) -> Option<Alt> {
        if scan.done {
            return None;
        }
        let seq_open = st.frames.iter().any(|f| f.seq);
        while scan.at < self.toks.len() {
            self.steps += 1;
            let i = scan.at;
            scan.at += 1;
            if i > scan.from && scan.fences % 2 == 0 {
                let boundary = if let Some((k, next)) = self.keys.get(i).cloned().flatten() {
                    if k == "required"
                        && (self.second_search || self.required_ends)
                        && self.names_open_properties(st, scan.from, i, next)
                    {
                        // R13: text cannot hold a schema's own `required` list.
                        scan.done = true;
                        return Some(Alt::Scalar {
                            value: Sv::Range(scan.from, i),
                            next: i,
                        });
                    }
                    if is_block_indicator(self.tok(next)) {
                        // R23 (ours): prose holds no `key: |-`; a key opening a block scalar
                        // ends the text for good (a reading where nothing takes the key fails).
                        scan.done = true;
                        return Some(Alt::Scalar {
                            value: Sv::Range(scan.from, i),
                            next: i,
                        });
                    }
                    (0..st.frames.len()).any(|f| self.accepts(&st.frames, f, &k).is_some())
                } else {
                    seq_open && self.tok(i) == "-"
                };
                if boundary {
                    if is_fence(self.tok(i)) {
                        scan.fences += 1;
                    }
                    return Some(Alt::Scalar {
                        value: Sv::Range(scan.from, i),
                        next: i,
                    });
                }
            }
            if is_fence(self.tok(i)) {
                scan.fences += 1;
            }
            if self.steps > self.budget {
                return None;
            }
        }
        scan.done = true;
        Some(Alt::Scalar {
            value: Sv::Range(scan.from, self.toks.len()),
            next: self.toks.len(),
        })
    }

    fn close_top(&mut self, st: &mut State) {
        if let Some(f) = st.frames.pop() {
            self.events.push(Ev::End);
            if f.ty == Ty::Schema && !f.keys.iter().any(|k| k == "$ref") {
                if let Some(p) = st
                    .frames
                    .last_mut()
                    .filter(|p| p.ty == Ty::PropMap && !p.seq)
                {
                    let d = usize::from(!f.keys.iter().any(|k| k == "description"));
                    p.described[d] = p.described[d].saturating_add(1);
                }
            }
            if f.ty == Ty::PropMap && f.via == "properties" {
                if let Some(p) = st.frames.last_mut() {
                    p.props = Some(f.keys);
                }
            } else if f.ty == Ty::AnyMap {
                // A list remembers its last mapping item's keys (R21).
                if let Some(p) = st.frames.last_mut().filter(|p| p.seq) {
                    p.props = Some(f.keys);
                }
            }
        }
    }

    fn child_via(st: &State) -> String {
        match st.frames.last() {
            Some(f) if f.seq => f.items.saturating_sub(1).to_string(),
            Some(f) => f.keys.last().cloned().unwrap_or_default(),
            None => String::new(),
        }
    }

    fn apply(&mut self, st: &mut State, alt: &Alt) {
        match alt {
            Alt::Key {
                frame,
                key,
                ty,
                next,
            } => {
                while st.frames.len() > frame + 1 {
                    self.close_top(st);
                }
                if let Some(f) = st.frames.last_mut() {
                    f.keys.push(key.clone());
                }
                self.events.push(Ev::Key(key.clone()));
                st.pos = *next;
                st.mode = Mode::Value(*ty);
            }
            Alt::Dash { frame } => {
                while st.frames.len() > frame + 1 {
                    self.close_top(st);
                }
                let ty = st.frames.last_mut().map_or(Ty::Any, |f| {
                    f.items += 1;
                    f.ty
                });
                st.pos += 1;
                st.mode = Mode::Value(ty);
            }
            Alt::OpenMap { key, kty, next } => {
                let mt = match st.mode {
                    Mode::Value(t) => t.map_ty().unwrap_or(Ty::AnyMap),
                    Mode::After => Ty::AnyMap,
                };
                let via = Self::child_via(st);
                let at = self.toks.get(st.pos).map_or(0, |t| t.s);
                self.events.push(Ev::MapStart(at));
                let mut f = Frame::new(mt, false, via);
                f.keys.push(key.clone());
                st.frames.push(f);
                self.events.push(Ev::Key(key.clone()));
                st.pos = *next;
                st.mode = Mode::Value(*kty);
            }
            Alt::OpenSeq => {
                let item = match st.mode {
                    Mode::Value(t) => t.seq_item().unwrap_or(Ty::Any),
                    Mode::After => Ty::Any,
                };
                let via = Self::child_via(st);
                self.events.push(Ev::SeqStart);
                let mut f = Frame::new(item, true, via);
                f.items = 1;
                st.frames.push(f);
                st.pos += 1;
                st.mode = Mode::Value(item);
            }
            Alt::Scalar { value, next } => {
                if let Some(f) = st.frames.last_mut() {
                    if f.ty == Ty::Schema && !f.seq && f.keys.last().is_some_and(|k| k == "type") {
                        if let Sv::V(Value::String(t)) = value {
                            f.stype = Some(t.clone());
                        }
                    }
                }
                self.events.push(Ev::Scalar(value.clone()));
                st.pos = *next;
                st.mode = Mode::After;
            }
            Alt::Empty => {
                self.events.push(Ev::Scalar(Sv::V(Value::Null)));
                st.empties += 1;
                st.mode = Mode::After;
            }
            Alt::EmptyColl { map } => {
                self.events
                    .push(if *map { Ev::MapStart(0) } else { Ev::SeqStart });
                self.events.push(Ev::End);
                st.pos += 1;
                st.mode = Mode::After;
            }
            Alt::Complete => {
                while !st.frames.is_empty() {
                    self.close_top(st);
                }
            }
        }
        st.events = self.events.len();
    }

    fn collect_offsets(&mut self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        let mut path: Vec<String> = Vec::new();
        let mut stack: Vec<(bool, usize)> = Vec::new(); // (is_seq, index)
        let mut key: Option<String> = None;
        self.offsets.clear();
        for ev in &self.events {
            match ev {
                Ev::MapStart(_) | Ev::SeqStart => {
                    let at = if let Ev::MapStart(a) = ev { *a } else { 0 };
                    if let Some((seq, idx)) = stack.last_mut() {
                        if *seq {
                            path.push(idx.to_string());
                            *idx += 1;
                        } else {
                            path.push(key.take().unwrap_or_default());
                        }
                    } else {
                        path.push(String::new());
                    }
                    if matches!(ev, Ev::MapStart(_)) && path.len() <= 5 && at > 0 {
                        let ptr: String = path
                            .iter()
                            .skip(1)
                            .map(|s| format!("/{}", pointer_token(s)))
                            .collect();
                        out.insert(ptr, at);
                    }
                    stack.push((matches!(ev, Ev::SeqStart), 0));
                }
                Ev::End => {
                    stack.pop();
                    path.pop();
                }
                Ev::Key(k) => key = Some(k.clone()),
                Ev::Scalar(_) => {
                    if let Some((true, idx)) = stack.last_mut() {
                        *idx += 1;
                    }
                    key = None;
                }
            }
        }
        out
    }

    fn build(&self, n: usize) -> Value {
        enum B {
            M(Map<String, Value>, Option<String>),
            S(Vec<Value>),
        }
        let mut stack: Vec<B> = Vec::new();
        let mut root = Value::Null;
        let push = |stack: &mut Vec<B>, root: &mut Value, v: Value| match stack.last_mut() {
            Some(B::M(m, k)) => {
                if let Some(k) = k.take() {
                    m.insert(k, v);
                }
            }
            Some(B::S(s)) => s.push(v),
            None => *root = v,
        };
        for ev in self.events.iter().take(n) {
            match ev {
                Ev::MapStart(_) => stack.push(B::M(Map::new(), None)),
                Ev::SeqStart => stack.push(B::S(Vec::new())),
                Ev::Key(k) => {
                    if let Some(B::M(_, slot)) = stack.last_mut() {
                        *slot = Some(k.clone());
                    }
                }
                Ev::Scalar(Sv::V(v)) => push(&mut stack, &mut root, v.clone()),
                Ev::Scalar(Sv::Range(a, b)) => {
                    push(&mut stack, &mut root, Value::String(self.join(*a, *b)))
                }
                Ev::End => {
                    let v = match stack.pop() {
                        Some(B::M(m, _)) => Value::Object(m),
                        Some(B::S(s)) => Value::Array(s),
                        None => continue,
                    };
                    push(&mut stack, &mut root, v);
                }
            }
        }
        root
    }
}

/// `s` lower-cased with everything but letters and digits removed (`Phone Number` and
/// `phone_number` agree).
fn ident_norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How well `type: v` fits schema frame `f` (R28): 0 when its keywords are of type `v`, 1 when
/// it holds no typed keyword, 2 when its keywords are of another type.
fn type_fit(f: &Frame, v: &str) -> u8 {
    let typed: Vec<&[&str]> = f.keys.iter().filter_map(|k| keyword_type(k)).collect();
    if typed.iter().any(|t| t.contains(&v)) {
        0
    } else if typed.is_empty() {
        1
    } else {
        2
    }
}

/// Whether data keys `a` and `b` differ only in their last character (`channel1`, `channel2`;
/// `channela`, `channelb`), as numbered siblings do (R29).
fn numbered_sibling(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.chars(), b.chars());
    let (Some(la), Some(lb)) = (x.next_back(), y.next_back()) else {
        return false;
    };
    let stem = x.as_str();
    stem.chars().count() >= 3 && stem == y.as_str() && la != lb && la.is_alphanumeric()
}

/// Annotations that may trail a nested object's property map (R22).
const TRAILING: [&str; 7] = [
    "description",
    "readOnly",
    "writeOnly",
    "deprecated",
    "nullable",
    "example",
    "default",
];

fn expect_suffix(why: &str) -> String {
    if why.is_empty() {
        String::new()
    } else {
        format!(": {why}")
    }
}

/// JSON pointers where `a` and `b` differ (the shallowest differing nodes).
fn diff(a: &Value, b: &Value, at: String, out: &mut Vec<String>) {
    if a == b || out.len() >= 16 {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let same_keys = x.len() == y.len() && x.keys().all(|k| y.contains_key(k));
            if !same_keys {
                out.push(if at.is_empty() { "/".into() } else { at });
                return;
            }
            for (k, v) in x {
                if let Some(w) = y.get(k) {
                    diff(v, w, format!("{at}/{}", pointer_token(k)), out);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(v, w, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(if at.is_empty() { "/".into() } else { at }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(text: &str) -> Result<Parsed, Diagnostic> {
        parse(text, 0..text.len(), &Options::default())
    }

    #[test]
    fn nested_structure_and_scalars() {
        let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a/{b}: get: operationId: g \
                 parameters: - name: b in: path required: true schema: type: string format: uuid \
                 - name: c in: query schema: type: array items: type: string description: >- \
                 the cs. responses: '200': description: OK content: application/json: schema: \
                 $ref: '#/components/schemas/X' '404': description: no";
        let r = p(t).unwrap();
        let v = &r.value;
        assert_eq!(v["info"]["version"], json!("1.0.0"));
        let op = &v["paths"]["/a/{b}"]["get"];
        assert_eq!(op["parameters"][0]["required"], json!(true));
        assert_eq!(
            op["parameters"][1]["schema"]["description"],
            json!("the cs.")
        );
        assert_eq!(op["responses"]["404"]["description"], json!("no"));
        assert!(
            r.diagnostics.iter().all(|d| d.code != "fern.ambiguous"),
            "{:?}",
            r.diagnostics
        );
    }

    #[test]
    fn fences_keep_key_like_prose_inside_block_scalars() {
        let t = "openapi: 3.1.0 paths: /a: get: parameters: - name: A in: header description: >- \
                 Example: ``` Authorization: Basic x ``` required: true schema: type: string";
        let v = p(t).unwrap().value;
        let prm = &v["paths"]["/a"]["get"]["parameters"][0];
        assert_eq!(
            prm["description"],
            json!("Example: ``` Authorization: Basic x ```")
        );
        assert_eq!(prm["required"], json!(true));
    }

    #[test]
    fn garbage_is_an_error_with_a_position() {
        let t = "openapi: 3.1.0 paths: /a: get: responses: '200': nonsense words here";
        let e = p(t).unwrap_err();
        assert_eq!(e.code, "fern.collapsed-syntax");
        assert_eq!(e.line, 1);
        assert!(e.col > 1, "{e}");
    }

    #[test]
    fn budget_bounds_the_search() {
        // Many key-like words in prose under an open property map: each is a candidate.
        let mut t = String::from(
            "openapi: 3.1.0 components: schemas: A: type: object properties: a: description: >-",
        );
        for i in 0..20000 {
            t.push_str(&format!(" w{i}: x"));
        }
        t.push_str(" zzz");
        let opts = Options {
            budget: Some(50_000),
            ..Default::default()
        };
        let start = std::time::Instant::now();
        let r = parse(&t, 0..t.len(), &opts);
        assert!(start.elapsed().as_secs() < 20);
        if let Err(e) = r {
            assert!(e.code.starts_with("fern."), "{e}");
        }
    }
    #[test]
    fn enum_list_ends_before_a_schema_item() {
        // R18: `- type: string` after enum values is the next anyOf item, not an enum value.
        let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: responses: '200': \
                 description: OK content: application/json: schema: anyOf: - type: string enum: \
                 - red - blue - type: integer";
        let v = p(t).unwrap().value;
        let any = &v["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            ["anyOf"];
        assert_eq!(any[0]["enum"], json!(["red", "blue"]));
        assert_eq!(any[1], json!({"type": "integer"}));
    }

    #[test]
    fn a_plain_string_too_long_for_a_deep_owner_goes_up() {
        // R20: js-yaml folds strings longer than max(40, 80 - indent); this 70-character
        // description is plain, so it cannot sit at the property's depth (keys at column 10,
        // values at 12, width 68) and belongs to the schema owning the property map (width 72).
        let d = "d".repeat(30) + " " + &"e".repeat(39);
        assert_eq!(d.len(), 70);
        let t = format!(
            "openapi: 3.1.0 info: title: x version: 1.0.0 paths: {{}} components: schemas: \
             A: type: object properties: p: type: string description: {d} title: A"
        );
        let r = p(&t).unwrap();
        let a = &r.value["components"]["schemas"]["A"];
        assert_eq!(a["description"], json!(d), "{:?}", r.diagnostics);
        assert_eq!(a["properties"]["p"], json!({"type": "string"}));
    }

    #[test]
    fn a_string_holding_a_ref_entry_is_flagged() {
        let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: {} components: schemas: \
                 A: description: |- some text $ref: '#/components/schemas/B' more";
        let r = p(t).unwrap();
        assert!(
            r.diagnostics.iter().any(|d| d.code == "fern.ambiguous"
                && d.pointer.as_deref() == Some("/components/schemas/A/description")),
            "{:?}",
            r.diagnostics
        );
    }

    /// A page with one schema component `S` (collapsed `body`) referenced by a response.
    fn with_schema(body: &str) -> String {
        format!(
            "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: operationId: g \
             responses: '200': description: OK content: application/json: schema: $ref: \
             '#/components/schemas/S' components: schemas: {body}"
        )
    }

    #[test]
    fn properties_named_like_sub_schema_slots_stay_properties() {
        // `items`, `then` and `else` as property names: not the array's `items` slot (R1), and
        // no `then`/`else` keyword without `if`.
        let t = with_schema(
            "S: type: object properties: when: type: string then: type: array items: $ref: \
             '#/components/schemas/S' description: Run when true. else: type: array items: \
             $ref: '#/components/schemas/S' description: Run otherwise. title: S",
        );
        let r = p(&t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        let props = s["properties"].as_object().unwrap();
        assert_eq!(
            props.keys().collect::<Vec<_>>(),
            ["when", "then", "else"],
            "{s:#}"
        );
        assert_eq!(props["then"]["description"], json!("Run when true."));
        assert_eq!(props["else"]["description"], json!("Run otherwise."));
        assert_eq!(props["else"]["items"].as_object().unwrap().len(), 1);
    }

    #[test]
    fn a_description_after_a_closing_ref_property_is_the_objects() {
        // R22: sources rarely describe a reference beside it; flagged all the same.
        let t = with_schema(
            "S: type: object properties: data: type: array items: $ref: \
             '#/components/schemas/M' meta: $ref: '#/components/schemas/M' description: A page \
             of items. M: type: string",
        );
        let r = p(&t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        assert_eq!(s["description"], json!("A page of items."), "{s:#}");
        assert_eq!(
            s["properties"]["meta"],
            json!({"$ref": "#/components/schemas/M"})
        );
        assert!(
            r.diagnostics.iter().any(|d| d.code == "fern.ambiguous"),
            "{:?}",
            r.diagnostics
        );
    }

    #[test]
    fn a_key_opening_a_block_scalar_ends_the_text_before_it() {
        // R23: `bogus: |-` is no prose, so the description cannot swallow it; with nothing to
        // take `bogus`, the page is an error naming it rather than a reading that hides it.
        let t = with_schema("S: type: object description: >- Text one. bogus: |- More. title: S");
        match p(&t) {
            Err(e) => assert!(e.message.contains("bogus"), "{e}"),
            Ok(r) => {
                let d = &r.value["components"]["schemas"]["S"]["description"];
                assert!(!d.to_string().contains("bogus"), "{d}");
            }
        }
    }

    #[test]
    fn a_page_in_its_sources_key_order_is_read_without_swallowing() {
        // Fern's order (R10) puts `operationId` before `description`; under it the description
        // would swallow the operation, so the page is read in its own order. The path item
        // keeps nothing but its method (R24).
        let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: description: >- \
                 Lists the things. operationId: ListThings responses: '200': content: \
                 application/json: schema: properties: id: type: string type: object \
                 description: OK summary: List things tags: - Things";
        let r = p(t).unwrap();
        let op = &r.value["paths"]["/a"]["get"];
        assert_eq!(op["description"], json!("Lists the things."), "{op:#}");
        assert_eq!(op["operationId"], json!("ListThings"));
        assert_eq!(op["summary"], json!("List things"));
        assert_eq!(op["responses"]["200"]["description"], json!("OK"));
        assert_eq!(
            r.value["paths"]["/a"].as_object().unwrap().len(),
            1,
            "{:#}",
            r.value
        );
        assert!(
            r.diagnostics.iter().any(|d| d.code == "fern.key-order"),
            "{:?}",
            r.diagnostics
        );
    }

    #[test]
    fn text_holding_schema_entries_is_flagged_as_swallowed() {
        assert!(holds_structure("x operationId: Foo"));
        assert!(holds_structure("a type: string description: b"));
        assert!(!holds_structure("the type: string form, as described"));
        assert!(!holds_structure("Returns the example: a JSON object."));
    }

    #[test]
    fn a_variants_description_and_title_stay_with_it_in_source_order() {
        // The operation's `description` before its `operationId` puts the page in its source's
        // order (R10 off). R27: of two descriptions in one run the first is the deeper
        // schema's; a title right after a schema's description is that schema's.
        let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: description: Gets \
                 it. operationId: g responses: '200': description: OK content: \
                 application/json: schema: $ref: '#/components/schemas/S' components: schemas: \
                 S: type: object title: S object required: - r properties: r: anyOf: - $ref: \
                 '#/components/schemas/M' - type: array items: $ref: '#/components/schemas/M' \
                 description: Each in turn. title: cond description: The result. M: type: \
                 string";
        let r = p(t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        let variant = &s["properties"]["r"]["anyOf"][1];
        assert_eq!(variant["description"], json!("Each in turn."), "{s:#}");
        assert_eq!(variant["title"], json!("cond"));
        assert_eq!(s["properties"]["r"]["description"], json!("The result."));
        assert_eq!(s["title"], json!("S object"));
        // Without a title of its own the component could take `title: cond` (R16); the
        // variant whose description it follows keeps it.
        let t = t.replace("title: S object ", "");
        let r = p(&t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        assert_eq!(
            s["properties"]["r"]["anyOf"][1]["title"],
            json!("cond"),
            "{s:#}"
        );
        assert_eq!(s.get("title"), None);
    }

    #[test]
    fn a_trailing_type_goes_to_the_schema_its_keywords_fit() {
        // Sorted keys write `type` last: `type: array` after `items: {oneOf: …}` is the array's
        // (R28), and the next `type: object` its owner's.
        let t = with_schema(
            "S: properties: list: description: Things. items: oneOf: - $ref: \
             '#/components/schemas/A' - $ref: '#/components/schemas/B' type: array type: object \
             A: type: string B: type: integer",
        );
        let r = p(&t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        assert_eq!(s["properties"]["list"]["type"], json!("array"), "{s:#}");
        assert_eq!(s["properties"]["list"]["items"].get("type"), None);
        assert_eq!(s["type"], json!("object"));
    }

    #[test]
    fn a_title_spelling_a_component_is_its_own_not_a_suffix_propertys() {
        let t = with_schema(
            "S: type: object properties: r: $ref: '#/components/schemas/CommandResult' \
             CommandResult: type: object properties: result: type: string example: ok title: \
             Command Result",
        );
        let r = p(&t).unwrap();
        let c = &r.value["components"]["schemas"]["CommandResult"];
        assert_eq!(c["title"], json!("Command Result"), "{c:#}");
        assert_eq!(c["properties"]["result"].get("title"), None);
    }

    #[test]
    fn a_sorted_page_keeps_schema_keywords_ascending_and_title_with_type() {
        // A page in its source's order whose generator sorted every key (R17 for schemas):
        // `title: Global type: object` after the last `allOf` item is that item's.
        let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: description: Gets. \
                 operationId: g responses: '200': content: application/json: schema: $ref: \
                 '#/components/schemas/G' description: OK components: schemas: G: allOf: - \
                 $ref: '#/components/schemas/R' - properties: a_id: description: A. type: string \
                 b_on: description: B. type: boolean c_on: description: C. type: boolean title: \
                 Global type: object R: properties: id: type: string kind: type: string name: \
                 type: string type: object";
        let r = p(t).unwrap();
        let g = &r.value["components"]["schemas"]["G"];
        assert_eq!(g.as_object().unwrap().len(), 1, "{g:#}");
        assert_eq!(g["allOf"][1]["title"], json!("Global"));
        assert_eq!(g["allOf"][1]["type"], json!("object"));
        assert_eq!(
            r.value["components"]["schemas"]["R"]["type"],
            json!("object")
        );
    }

    #[test]
    fn a_description_after_a_bare_ref_body_schema_is_the_bodys() {
        // Source order (`description` before `operationId`): a body's keys sorted put its
        // description after its content.
        let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: post: description: \
                 Makes one. operationId: m requestBody: content: application/json: schema: \
                 $ref: '#/components/schemas/S' description: What to make. required: true \
                 responses: '200': description: OK components: schemas: S: type: string";
        let r = p(t).unwrap();
        let body = &r.value["paths"]["/a"]["post"]["requestBody"];
        assert_eq!(body["description"], json!("What to make."), "{body:#}");
        assert_eq!(
            body["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/S"})
        );
    }

    #[test]
    fn only_the_next_required_list_places_a_property() {
        // R19: `T`'s later `required: [id, b]` says nothing about `S`'s nested `b`.
        let t = with_schema(
            "S: type: object properties: id: type: string t: $ref: '#/components/schemas/T' \
             params: type: object properties: a: type: string b: type: string required: - id - \
             params T: type: object properties: id: type: string b: type: string required: - \
             id - b",
        );
        let r = p(&t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        let inner: Vec<&String> = s["properties"]["params"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(inner, ["a", "b"], "{s:#}");
    }

    #[test]
    fn a_discriminator_goes_to_the_schema_holding_its_property() {
        // Source order (`description` before `operationId`): `discriminator` after the last
        // property could be that property's; it names `kind`, a property of `S`.
        let t = "openapi: 3.1.0 info: title: x version: 1.0.0 paths: /a: get: description: Gets. \
                 operationId: g responses: '200': content: application/json: schema: $ref: \
                 '#/components/schemas/S' description: OK components: schemas: S: type: object \
                 properties: kind: allOf: - $ref: '#/components/schemas/K' description: The \
                 kind. discriminator: propertyName: kind description: Detection. K: type: string";
        let r = p(t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        assert_eq!(s["discriminator"]["propertyName"], json!("kind"), "{s:#}");
        assert_eq!(s["properties"]["kind"].get("discriminator"), None);
        assert_eq!(s["description"], json!("Detection."));
    }

    #[test]
    fn size_limits_and_numbered_example_keys_stay_with_their_property() {
        // `minProperties` after a property wrapping a reference is the property's, and
        // `channel2` after `channel1: {…}` is its sibling (R29).
        let t = with_schema(
            "S: type: object properties: ttl: type: integer channels: allOf: - $ref: \
             '#/components/schemas/C' minProperties: 1 examples: - channel1: read: true write: \
             true channel2: read: true write: false description: Channels. member_id: type: \
             string required: - ttl - channels C: type: object",
        );
        let r = p(&t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            keys(&s["properties"]),
            ["ttl", "channels", "member_id"],
            "{s:#}"
        );
        let channels = &s["properties"]["channels"];
        assert_eq!(channels["minProperties"], json!(1));
        assert_eq!(keys(&channels["examples"][0]), ["channel1", "channel2"]);
    }

    #[test]
    fn a_property_after_a_nested_object_joins_the_map_it_resembles() {
        // R30: `title` has no description, like `code` and `detail` and unlike every member
        // of `source`.
        let t = with_schema(
            "S: type: object properties: code: type: string example: '1' detail: type: string \
             example: x source: type: object properties: parameter: type: string description: \
             P. pointer: type: string description: Q. title: type: string example: T",
        );
        let r = p(&t).unwrap();
        let s = &r.value["components"]["schemas"]["S"];
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            keys(&s["properties"]),
            ["code", "detail", "source", "title"],
            "{s:#}"
        );
        assert_eq!(
            keys(&s["properties"]["source"]["properties"]),
            ["parameter", "pointer"]
        );
    }

    #[test]
    fn a_scalar_example_skips_an_object_variant() {
        // R25: `examples: - 120` after the last (object) variant is the union's.
        let t = with_schema(
            "S: type: object properties: hold: anyOf: - type: integer - type: object \
             properties: timeout: type: integer examples: - 300 description: Seconds. \
             examples: - 120 description: Hold.",
        );
        let r = p(&t).unwrap();
        let hold = &r.value["components"]["schemas"]["S"]["properties"]["hold"];
        assert_eq!(hold["examples"], json!([120]), "{hold:#}");
        assert_eq!(hold["anyOf"][1].get("examples"), None);
        assert_eq!(hold["description"], json!("Hold."));
    }
}
