//! Mintlify Markdown exports (FORMATS.md §5): a page whose `## OpenAPI` section holds a
//! four-backtick ```` ````yaml [SPEC-URL] METHOD /PATH ```` block.
//!
//! The fence's info string is the authoritative `(method, path)` selector. The block is either
//! **variant A**, the source OpenAPI document pruned to that operation (parsed as OpenAPI, other
//! operations dropped), or **variant B**, Mintlify's own endpoint model (`paths: {path, method,
//! request, response, …}`), which is mapped to OpenAPI here:
//!
//! * `request.parameters.{path,query,header,cookie}.NAME.schema[…]`: the first entry carries the
//!   parameter's `required`, `description` and `deprecated`; several entries become `oneOf`;
//! * `schemaArray` → schema (several → `oneOf`); `_mintlify/placeholder` → a response without
//!   content; `{allOf: [S]}` wrappers → `S`; `requiredProperties` → `required`; a top-level
//!   `required: true` on a body schema → `requestBody.required`; `refIdentifier` → the schema
//!   moves to `components.schemas` under that name and is `$ref`'d; `type: any` → `{}`;
//!   `type: enum<T>` → `type: T`; `type: file` → `string`/`binary`;
//! * `request.security` (one entry per alternative) → security requirements plus
//!   `components.securitySchemes` (oauth2, http, apiKey in header/query/cookie);
//! * generated examples holding `<string>`-style placeholders are dropped (with a warning).
//!
//! Scraper additions (front matter, `# Source:` lines, the `> ## Documentation Index` banner and
//! the llms.txt footer) are skipped; the page's `# TITLE` and first blockquote paragraph become
//! the operation's summary and description when the block carries none.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::recovered::Recovered;
use super::yaml;
use crate::diag::{Diagnostic, pointer_token};

/// HTTP methods that may name an operation, lowercase as in OpenAPI path items.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Deepest schema nesting the variant B mapping follows (guards the stack on hostile input).
const MAX_DEPTH: usize = 96;

/// Recovers the OpenAPI document from a Mintlify Markdown page.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let page = split_page(text)?;
    let shift_by = page.block_first_line.saturating_sub(1);
    let parsed = yaml::parse_with_locations(page.block).map_err(|d| shift(d, shift_by))?;
    let locations: BTreeMap<String, usize> = parsed
        .locations
        .into_iter()
        .map(|(k, v)| (k, v + shift_by))
        .collect();
    let warnings: Vec<Diagnostic> = parsed
        .warnings
        .into_iter()
        .map(|d| shift(d, shift_by))
        .collect();
    let Value::Object(root) = parsed.value else {
        return Err(Diagnostic::error(
            "mintlify_md.block-not-mapping",
            "the ````yaml block does not hold a YAML mapping: expected an OpenAPI document \
             (variant A) or Mintlify's endpoint model with a root `paths:` (variant B)",
        )
        .at(page.block_first_line, 1));
    };
    let mut out = if root.contains_key("openapi") {
        variant_a(root, &page, &locations)?
    } else if is_variant_b(&root) {
        VariantB::new(&page, &locations).run(root)
    } else if root.contains_key("swagger") {
        return Err(Diagnostic::error(
            "mintlify_md.swagger2",
            "the block is a Swagger 2.0 document; expected OpenAPI 3.x (variant A) or Mintlify's \
             endpoint model (variant B)",
        )
        .at(page.block_first_line, 1));
    } else {
        return Err(Diagnostic::error(
            "mintlify_md.unknown-block",
            "unknown block content: expected a root `openapi:` key (variant A) or a root `paths:` \
             mapping holding `path:` and `method:` (variant B)",
        )
        .at(page.block_first_line, 1));
    };
    let mut diagnostics = warnings;
    diagnostics.append(&mut out.diagnostics);
    out.diagnostics = diagnostics;
    Ok(out)
}

/// The parts of the page around the block.
struct Page<'a> {
    /// The `# TITLE` heading.
    title: Option<String>,
    /// The first blockquote paragraph after the title.
    lede: Option<String>,
    /// The spec URL of the info string, when it names one.
    spec_url: Option<String>,
    /// Lowercase HTTP method from the info string.
    method: String,
    /// Path template from the info string.
    path: String,
    /// 1-based line of the opening fence.
    fence_line: usize,
    /// The YAML between the fences.
    block: &'a str,
    /// 1-based page line of the block's first line.
    block_first_line: usize,
}

fn shift(mut d: Diagnostic, by: usize) -> Diagnostic {
    if d.line > 0 {
        d.line += by;
    }
    d
}

/// A fence line: `(indent, backtick count, info string)`; up to three spaces of indentation.
fn fence(line: &str) -> Option<(usize, usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len() - trimmed.len();
    if indent > 3 {
        return None;
    }
    let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
    if ticks < 3 {
        return None;
    }
    // CommonMark forbids backticks in the info string; callers check (a collapsed block puts
    // its closing fence on the opening line).
    Some((indent, ticks, trimmed[ticks..].trim()))
}

/// What an info string says.
enum Info<'a> {
    /// Not a YAML fence: ordinary code.
    NotYaml,
    /// `yaml [URL] METHOD /PATH`.
    Selector(Option<&'a str>, String, &'a str),
    /// `yaml` followed by the whole block on the same line (whitespace collapsed).
    Collapsed,
    /// `yaml` with no usable selector.
    Malformed,
}

fn parse_info(info: &str) -> Info<'_> {
    let mut words = info.split_whitespace();
    let lang = words.next().unwrap_or("");
    if !lang.eq_ignore_ascii_case("yaml") && !lang.eq_ignore_ascii_case("yml") {
        return Info::NotYaml;
    }
    let rest: Vec<&str> = words.collect();
    let is_method = |w: &str| METHODS.iter().any(|m| m.eq_ignore_ascii_case(w));
    for (skip, url) in [(1usize, true), (0, false)] {
        if rest.len() < skip + 2 {
            continue;
        }
        let (m, p) = (rest[skip], rest[skip + 1]);
        if is_method(m) && p.starts_with('/') {
            if rest.len() > skip + 2 {
                return Info::Collapsed;
            }
            let spec = if url { Some(rest[0]) } else { None };
            return Info::Selector(spec, m.to_ascii_lowercase(), p);
        }
    }
    Info::Malformed
}

/// Finds the title, the lede and the four-backtick block of the page.
fn split_page(text: &str) -> Result<Page<'_>, Diagnostic> {
    if !text.contains('\n') {
        let at = text.find("````").unwrap_or(0);
        return Err(Diagnostic::error(
            "mintlify_md.collapsed",
            "this Mintlify page has no line breaks (a crawler collapsed its whitespace); \
             collapsed Mintlify pages are not supported yet: expected the page with its line \
             breaks",
        )
        .at_offset(text, at));
    }
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut off = 0;
    for raw in text.split_inclusive('\n') {
        let l = raw.strip_suffix('\n').unwrap_or(raw);
        let l = l.strip_suffix('\r').unwrap_or(l);
        lines.push((off, l));
        off += raw.len();
    }
    let mut i = 0;
    if lines.first().is_some_and(|(_, l)| l.trim_end() == "---") {
        if let Some(end) = lines
            .iter()
            .skip(1)
            .position(|(_, l)| l.trim_end() == "---")
        {
            i = end + 2;
        }
    }
    let mut title: Option<String> = None;
    let mut lede: Vec<String> = Vec::new();
    let mut lede_done = false;
    let mut malformed: Option<(usize, usize)> = None;
    while i < lines.len() {
        let (line_off, l) = lines[i];
        let opening = fence(l).filter(|(_, ticks, info)| {
            !info.contains('`') || (*ticks >= 4 && matches!(parse_info(info), Info::Collapsed))
        });
        if let Some((_, ticks, info)) = opening {
            let yaml_block = ticks >= 4 && !matches!(parse_info(info), Info::NotYaml);
            if yaml_block {
                match parse_info(info) {
                    Info::Selector(spec_url, method, path) => {
                        return finish_block(
                            text,
                            &lines,
                            i,
                            ticks,
                            (spec_url, method, path),
                            title,
                            lede,
                        );
                    }
                    Info::Collapsed => {
                        return Err(Diagnostic::error(
                            "mintlify_md.collapsed",
                            "the ````yaml block has no line breaks (a crawler collapsed its \
                             whitespace); collapsed Mintlify pages are not supported yet: \
                             expected the YAML on the lines after the fence",
                        )
                        .at(i + 1, l.len() - l.trim_start().len() + 1));
                    }
                    _ => {
                        malformed.get_or_insert((i + 1, line_off));
                    }
                }
            }
            // Ordinary code: skip to its closing fence so headings inside it do not count.
            let mut j = i + 1;
            while j < lines.len() {
                if let Some((_, t, inf)) = fence(lines[j].1) {
                    if t >= ticks && inf.is_empty() {
                        break;
                    }
                }
                j += 1;
            }
            i = j + 1;
            if title.is_some() && !lede.is_empty() {
                lede_done = true;
            }
            continue;
        }
        let t = l.trim();
        if t.starts_with("# Source:") {
            // scraper addition
        } else if let Some(h) = t.strip_prefix("# ") {
            if title.is_none() {
                title = Some(h.trim().to_string());
            } else {
                lede_done = lede_done || !lede.is_empty();
            }
        } else if let Some(q) = t.strip_prefix('>') {
            if title.is_some() && !lede_done {
                lede.push(q.trim().to_string());
            }
        } else if t.is_empty() {
            if !lede.is_empty() {
                lede_done = true;
            }
        } else if title.is_some() {
            lede_done = true;
        }
        i += 1;
    }
    if let Some((line, _)) = malformed {
        return Err(Diagnostic::error(
            "mintlify_md.info-string",
            "the ````yaml fence has no operation selector: expected ````yaml [SPEC-URL] METHOD \
             /PATH (for example ````yaml openapi.yml post /users/{id})",
        )
        .at(line, 1));
    }
    Err(Diagnostic::error(
        "mintlify_md.no-block",
        "no Mintlify OpenAPI block: expected a ````yaml [SPEC-URL] METHOD /PATH fence under \
         `## OpenAPI`",
    )
    .at(1, 1))
}

fn finish_block<'a>(
    text: &'a str,
    lines: &[(usize, &'a str)],
    open: usize,
    ticks: usize,
    selector: (Option<&'a str>, String, &'a str),
    title: Option<String>,
    lede: Vec<String>,
) -> Result<Page<'a>, Diagnostic> {
    let (spec_url, method, path) = selector;
    let start = lines.get(open + 1).map_or(text.len(), |(o, _)| *o);
    let close = lines
        .iter()
        .enumerate()
        .skip(open + 1)
        .find(|(_, (_, l))| fence(l).is_some_and(|(_, t, info)| t >= ticks && info.is_empty()));
    let Some((_, (close_off, _))) = close else {
        return Err(Diagnostic::error(
            "mintlify_md.unclosed-fence",
            format!(
                "the ````yaml block opened here is never closed: expected a line of {ticks} \
                 backticks after the YAML"
            ),
        )
        .at(open + 1, 1));
    };
    let lede = lede.join(" ");
    Ok(Page {
        title,
        lede: (!lede.trim().is_empty()).then(|| lede.trim().to_string()),
        spec_url: spec_url.map(str::to_string),
        method,
        path: path.to_string(),
        fence_line: open + 1,
        block: text.get(start..*close_off).unwrap_or(""),
        block_first_line: open + 2,
    })
}

fn op_pointer(path: &str, method: &str) -> String {
    format!("/paths/{}/{}", pointer_token(path), method)
}

/// Variant A: an OpenAPI document; keep the selected operation only.
fn variant_a(
    mut root: Map<String, Value>,
    page: &Page<'_>,
    locations: &BTreeMap<String, usize>,
) -> Result<Recovered, Diagnostic> {
    let mut available = Vec::new();
    let mut found = false;
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (p, item) in paths.iter() {
            if let Value::Object(item) = item {
                for m in METHODS {
                    if item.contains_key(m) {
                        available.push(format!("{} {p}", m.to_ascii_uppercase()));
                        if p == &page.path && m == page.method {
                            found = true;
                        }
                    }
                }
            }
        }
        if found {
            paths.retain(|p, _| p == &page.path);
            if let Some(Value::Object(item)) = paths.get_mut(&page.path) {
                item.retain(|k, _| k == &page.method || !METHODS.contains(&k.as_str()));
            }
        }
    }
    if !found {
        return Err(Diagnostic::error(
            "mintlify_md.operation-missing",
            format!(
                "the fence selects {} {} but the block's OpenAPI document has no such operation \
                 (it has: {})",
                page.method.to_ascii_uppercase(),
                page.path,
                if available.is_empty() {
                    "none".to_string()
                } else {
                    available.join(", ")
                }
            ),
        )
        .at(page.fence_line, 1));
    }
    if let Some(url) = &page.spec_url {
        if let Some(Value::Object(info)) = root.get_mut("info") {
            info.insert("x-cpaas-spec-url".into(), Value::String(url.clone()));
        }
    }
    let kept = format!("/paths/{}", pointer_token(&page.path));
    let op = op_pointer(&page.path, &page.method);
    let mut locs: BTreeMap<String, usize> = locations
        .iter()
        .filter(|(k, _)| {
            !k.starts_with("/paths/") || *k == &kept || k.starts_with(&format!("{kept}/"))
        })
        .filter(|(k, _)| {
            // Drop locations of the removed sibling operations.
            let Some(rest) = k.strip_prefix(&format!("{kept}/")) else {
                return true;
            };
            let seg = rest.split('/').next().unwrap_or("");
            seg == page.method || !METHODS.contains(&seg)
        })
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    locs.entry(op).or_insert(page.fence_line);
    Ok(Recovered {
        doc: Value::Object(root),
        diagnostics: Vec::new(),
        locations: locs,
    })
}

fn is_variant_b(root: &Map<String, Value>) -> bool {
    matches!(root.get("paths"), Some(Value::Object(p))
        if p.get("path").is_some_and(Value::is_string) || p.get("method").is_some_and(Value::is_string))
}

/// True for a Mintlify placeholder such as `<string>`, `<integer>` or `<any>`.
fn is_placeholder(s: &str) -> bool {
    s.len() > 2
        && s.starts_with('<')
        && s.ends_with('>')
        && s[1..s.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '|' | ',' | ' '))
}

fn has_placeholder(v: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match v {
        Value::String(s) => is_placeholder(s),
        Value::Array(a) => a.iter().any(|x| has_placeholder(x, depth + 1)),
        Value::Object(o) => o.values().any(|x| has_placeholder(x, depth + 1)),
        _ => false,
    }
}

/// A security scheme name made of the characters OpenAPI allows in component names.
fn scheme_name(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The variant B mapping, with its diagnostics and the components it collects.
struct VariantB<'p> {
    page: &'p Page<'p>,
    locations: &'p BTreeMap<String, usize>,
    diags: Vec<Diagnostic>,
    schemas: Map<String, Value>,
    schemes: Map<String, Value>,
}

impl<'p> VariantB<'p> {
    fn new(page: &'p Page<'p>, locations: &'p BTreeMap<String, usize>) -> Self {
        VariantB {
            page,
            locations,
            diags: Vec::new(),
            schemas: Map::new(),
            schemes: Map::new(),
        }
    }

    /// Page line of a block node, from the nearest recorded ancestor.
    fn line(&self, src: &str) -> usize {
        let mut p = src;
        loop {
            if let Some(l) = self.locations.get(p) {
                return *l;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return self.page.block_first_line,
            }
        }
    }

    fn warn(&mut self, code: &'static str, msg: String, src: &str, out: &str) {
        let line = self.line(src);
        self.diags
            .push(Diagnostic::warning(code, msg).at(line, 1).pointer(out));
    }

    fn run(mut self, mut root: Map<String, Value>) -> Recovered {
        let Some(Value::Object(mut ep)) = root.remove("paths") else {
            return Recovered::default();
        };
        if let Some(Value::Object(c)) = root.get_mut("components") {
            if let Some(Value::Object(s)) = c.remove("schemas") {
                self.schemas = s;
            }
        }
        let page = self.page;
        let path = page.path.clone();
        let method = page.method.clone();
        let op_ptr = op_pointer(&path, &method);
        let yaml_path = ep.get("path").and_then(Value::as_str).map(str::to_string);
        let yaml_method = ep
            .get("method")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        if yaml_path.as_deref().is_some_and(|p| p != path)
            || yaml_method.as_deref().is_some_and(|m| m != method)
        {
            self.warn(
                "mintlify_md.selector-mismatch",
                format!(
                    "the fence selects {} {path} but the block says {} {}; the fence wins",
                    method.to_ascii_uppercase(),
                    yaml_method.as_deref().unwrap_or("?").to_ascii_uppercase(),
                    yaml_path.as_deref().unwrap_or("?"),
                ),
                "/paths",
                &op_ptr,
            );
        }

        let mut doc = Map::new();
        doc.insert("openapi".into(), json!("3.1.0"));
        let mut info = Map::new();
        if let Some(t) = &page.title {
            info.insert("title".into(), json!(t));
        }
        if let Some(u) = &page.spec_url {
            info.insert("x-cpaas-spec-url".into(), json!(u));
        }
        doc.insert("info".into(), Value::Object(info));
        if let Some(s) = ep.remove("servers") {
            if s.as_array().is_some_and(|a| !a.is_empty()) {
                doc.insert("servers".into(), s);
            }
        }

        let mut op = Map::new();
        match ep.remove("title") {
            Some(Value::String(t)) if !t.trim().is_empty() => {
                op.insert("summary".into(), json!(t));
            }
            _ => {
                if let Some(t) = &page.title {
                    op.insert("summary".into(), json!(t));
                }
            }
        }
        match ep.remove("description") {
            Some(Value::String(d)) if !d.trim().is_empty() => {
                op.insert("description".into(), json!(d));
            }
            _ => {
                if let Some(d) = &page.lede {
                    op.insert("description".into(), json!(d));
                }
            }
        }
        let mut request = match ep.remove("request") {
            Some(Value::Object(r)) => r,
            _ => Map::new(),
        };
        if let Some(sec) = request.remove("security") {
            if let Some(reqs) = self.security(sec, &format!("{op_ptr}/security")) {
                op.insert("security".into(), Value::Array(reqs));
            }
        }
        if let Some(params) = request.remove("parameters") {
            let list = self.parameters(params, &op_ptr);
            if !list.is_empty() {
                op.insert("parameters".into(), Value::Array(list));
            }
        }
        if let Some(body) = request.remove("body") {
            if let Some(rb) = self.body(body, &format!("{op_ptr}/requestBody")) {
                op.insert("requestBody".into(), rb);
            }
        }
        if let Some(cs) = request.remove("codeSamples") {
            op.insert("x-codeSamples".into(), cs);
        }
        for k in request.keys() {
            let msg = format!("unknown key `request.{k}` in Mintlify's endpoint model: ignored");
            self.warn("mintlify_md.unknown-key", msg, "/paths/request", &op_ptr);
        }
        let responses = match ep.remove("response") {
            Some(r) => self.responses(r, &format!("{op_ptr}/responses")),
            None => Map::new(),
        };
        op.insert("responses".into(), Value::Object(responses));
        if let Some(Value::Bool(true)) = ep.remove("deprecated") {
            op.insert("deprecated".into(), json!(true));
        }
        if let Some(cs) = ep.remove("codeSamples") {
            op.entry("x-codeSamples").or_insert(cs);
        }
        if let Some(x) = ep.remove("xMint") {
            op.insert("x-mint".into(), x);
        }
        for k in ["path", "method", "type"] {
            ep.remove(k);
        }
        for k in ep.keys() {
            let msg = format!("unknown key `paths.{k}` in Mintlify's endpoint model: ignored");
            self.warn("mintlify_md.unknown-key", msg, "/paths", &op_ptr);
        }

        let mut item = Map::new();
        item.insert(method.clone(), Value::Object(op));
        let mut paths = Map::new();
        paths.insert(path.clone(), Value::Object(item));
        doc.insert("paths".into(), Value::Object(paths));
        let mut components = match root.remove("components") {
            Some(Value::Object(c)) => c,
            _ => Map::new(),
        };
        if !self.schemas.is_empty() {
            components.insert(
                "schemas".into(),
                Value::Object(std::mem::take(&mut self.schemas)),
            );
        }
        if !self.schemes.is_empty() {
            let schemes = components
                .entry("securitySchemes")
                .or_insert_with(|| json!({}));
            if let Value::Object(s) = schemes {
                for (k, v) in std::mem::take(&mut self.schemes) {
                    s.entry(k).or_insert(v);
                }
            }
        }
        if !components.is_empty() {
            doc.insert("components".into(), Value::Object(components));
        }
        let mut locations = BTreeMap::new();
        locations.insert(op_ptr, self.line("/paths"));
        Recovered {
            doc: Value::Object(doc),
            diagnostics: self.diags,
            locations,
        }
    }

    /// `request.security`: one entry per alternative; its parameters are the schemes it needs.
    fn security(&mut self, sec: Value, out: &str) -> Option<Vec<Value>> {
        let Value::Array(entries) = sec else {
            return None;
        };
        let mut reqs = Vec::new();
        for (i, entry) in entries.into_iter().enumerate() {
            let src = "/paths/request/security";
            let title = entry
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let mut found: Vec<(&str, String, Map<String, Value>)> = Vec::new();
            if let Some(Value::Object(params)) = entry.get("parameters") {
                for loc in ["header", "query", "cookie"] {
                    if let Some(Value::Object(named)) = params.get(loc) {
                        for (name, def) in named {
                            if let Value::Object(d) = def {
                                found.push((loc, name.clone(), d.clone()));
                            }
                        }
                    }
                }
            }
            let mut req = Map::new();
            let several = found.len() > 1;
            for (loc, name, def) in found {
                let kind = def.get("type").and_then(Value::as_str).unwrap_or("");
                let mut scheme = Map::new();
                match kind {
                    "apiKey" => {
                        scheme.insert("type".into(), json!("apiKey"));
                        scheme.insert("in".into(), json!(loc));
                        scheme.insert("name".into(), json!(name));
                    }
                    "http" => {
                        scheme.insert("type".into(), json!("http"));
                        match def.get("scheme").and_then(Value::as_str) {
                            Some(s) => {
                                scheme.insert("scheme".into(), json!(s));
                            }
                            None => self.warn(
                                "mintlify_md.http-scheme-unknown",
                                format!(
                                    "security entry {i} (`{title}`) is `type: http` without a \
                                     `scheme`; the HTTP authentication scheme is unknown"
                                ),
                                src,
                                &format!("{out}/{i}"),
                            ),
                        }
                        if let Some(f) = def.get("bearerFormat") {
                            scheme.insert("bearerFormat".into(), f.clone());
                        }
                    }
                    "oauth2" => {
                        scheme.insert("type".into(), json!("oauth2"));
                        scheme.insert("flows".into(), json!({}));
                        self.warn(
                            "mintlify_md.oauth2-flows-unknown",
                            format!(
                                "security entry {i} (`{title}`) is OAuth 2 but the page does not \
                                 render its flows; the token is sent in the `{name}` {loc}"
                            ),
                            src,
                            &format!("{out}/{i}"),
                        );
                    }
                    other => {
                        self.warn(
                            "mintlify_md.security-type",
                            format!(
                                "security entry {i} (`{title}`) has unknown type `{other}` for \
                                 `{name}`: expected oauth2, http or apiKey; ignored"
                            ),
                            src,
                            &format!("{out}/{i}"),
                        );
                        continue;
                    }
                }
                if let Some(d) = def.get("description") {
                    scheme.insert("description".into(), d.clone());
                }
                let base = match (title.trim().is_empty(), several) {
                    (true, _) => scheme_name(&name),
                    (false, false) => scheme_name(&title),
                    (false, true) => format!("{}_{}", scheme_name(&title), scheme_name(&name)),
                };
                let scheme = Value::Object(scheme);
                let mut key = base.clone();
                let mut n = 1;
                while self.schemes.get(&key).is_some_and(|s| *s != scheme) {
                    n += 1;
                    key = format!("{base}_{n}");
                }
                self.schemes.insert(key.clone(), scheme);
                let scopes = match def.get("scopes") {
                    Some(Value::Array(a)) => Value::Array(a.clone()),
                    _ => json!([]),
                };
                req.insert(key, scopes);
            }
            // An entry without parameters is the "no authentication" alternative.
            reqs.push(Value::Object(req));
        }
        (!reqs.is_empty()).then_some(reqs)
    }

    fn parameters(&mut self, params: Value, op_ptr: &str) -> Vec<Value> {
        let mut list = Vec::new();
        let Value::Object(by_loc) = params else {
            return list;
        };
        for (loc, named) in by_loc {
            if !matches!(loc.as_str(), "path" | "query" | "header" | "cookie") {
                self.warn(
                    "mintlify_md.unknown-key",
                    format!("unknown parameter location `{loc}`: ignored"),
                    "/paths/request/parameters",
                    op_ptr,
                );
                continue;
            }
            let Value::Object(named) = named else {
                continue;
            };
            for (name, def) in named {
                let out = format!("{op_ptr}/parameters/{}", list.len());
                let src = format!("/paths/request/parameters/{loc}");
                let entries = match def {
                    Value::Object(mut d) => match d.remove("schema") {
                        Some(Value::Array(a)) => a,
                        Some(Value::Object(o)) => vec![Value::Object(o)],
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                let mut p = Map::new();
                p.insert("name".into(), json!(name));
                p.insert("in".into(), json!(loc));
                let first = entries.first().and_then(Value::as_object);
                let required = first.and_then(|f| f.get("required")).and_then(|r| match r {
                    Value::Bool(b) => Some(*b),
                    Value::String(s) => Some(s == "true"),
                    _ => None,
                });
                if let Some(d) = first.and_then(|f| f.get("description")) {
                    p.insert("description".into(), d.clone());
                }
                if loc == "path" {
                    if required != Some(true) {
                        self.warn(
                            "mintlify_md.path-param-required",
                            format!(
                                "path parameter `{name}` is not marked required; path \
                                 parameters always are"
                            ),
                            &src,
                            &out,
                        );
                    }
                    p.insert("required".into(), json!(true));
                } else if required == Some(true) {
                    p.insert("required".into(), json!(true));
                }
                if let Some(Value::Bool(true)) = first.and_then(|f| f.get("deprecated")) {
                    p.insert("deprecated".into(), json!(true));
                }
                if entries.is_empty() {
                    self.warn(
                        "mintlify_md.parameter-schema-missing",
                        format!("parameter `{name}` has no schema; any value is accepted"),
                        &src,
                        &out,
                    );
                }
                let mut schemas: Vec<Value> = Vec::new();
                for (k, e) in entries.into_iter().enumerate() {
                    let mut e = e;
                    if let Value::Object(m) = &mut e {
                        for key in ["required", "description", "deprecated"] {
                            m.remove(key);
                        }
                    }
                    let s = self.schema(e, &src, &format!("{out}/schema/oneOf/{k}"), 0);
                    schemas.push(s);
                }
                let schema = match schemas.len() {
                    0 => json!({}),
                    1 => schemas.pop().unwrap_or_else(|| json!({})),
                    _ => json!({ "oneOf": schemas }),
                };
                p.insert("schema".into(), schema);
                list.push(Value::Object(p));
            }
        }
        list
    }

    /// `schemaArray` → one schema (several → `oneOf`); `None` when empty.
    fn schema_array(&mut self, arr: Value, src: &str, out: &str) -> Option<Value> {
        let items = match arr {
            Value::Array(a) => a,
            Value::Object(o) => vec![Value::Object(o)],
            _ => return None,
        };
        let n = items.len();
        let mut schemas: Vec<Value> = items
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let o = if n > 1 {
                    format!("{out}/oneOf/{i}")
                } else {
                    out.to_string()
                };
                self.schema(s, src, &o, 0)
            })
            .collect();
        match n {
            0 => None,
            1 => schemas.pop(),
            _ => Some(json!({ "oneOf": schemas })),
        }
    }

    fn body(&mut self, body: Value, out: &str) -> Option<Value> {
        let Value::Object(by_type) = body else {
            return None;
        };
        if by_type.is_empty() {
            return None;
        }
        let src = "/paths/request/body";
        let mut content = Map::new();
        let mut required = false;
        let mut description = None;
        for (mt, entry) in by_type {
            let Value::Object(mut entry) = entry else {
                continue;
            };
            let mout = format!("{out}/content/{}", pointer_token(&mt));
            let mut media = Map::new();
            if let Some(Value::Array(mut arr)) = entry.remove("schemaArray") {
                for s in arr.iter_mut() {
                    if let Value::Object(m) = s {
                        if let Some(Value::Bool(true)) = m.get("required") {
                            required = true;
                            m.remove("required");
                        }
                    }
                }
                if let Some(s) =
                    self.schema_array(Value::Array(arr), src, &format!("{mout}/schema"))
                {
                    media.insert("schema".into(), s);
                }
            }
            if let Some(ex) = self.examples(entry.remove("examples"), src, &mout) {
                media.insert("examples".into(), ex);
            }
            if let Some(Value::String(d)) = entry.remove("description") {
                description.get_or_insert(d);
            }
            content.insert(mt, Value::Object(media));
        }
        let mut rb = Map::new();
        if let Some(d) = description {
            rb.insert("description".into(), json!(d));
        }
        rb.insert("content".into(), Value::Object(content));
        if required {
            rb.insert("required".into(), json!(true));
        }
        Some(Value::Object(rb))
    }

    fn responses(&mut self, resp: Value, out: &str) -> Map<String, Value> {
        let mut responses = Map::new();
        let Value::Object(by_code) = resp else {
            return responses;
        };
        for (code, entry) in by_code {
            let src = format!("/paths/response/{}", pointer_token(&code));
            let rout = format!("{out}/{}", pointer_token(&code));
            let mut r = Map::new();
            let mut content = Map::new();
            let mut description: Option<Value> = None;
            if let Value::Object(by_type) = entry {
                for (mt, e) in by_type {
                    let Value::Object(mut e) = e else {
                        continue;
                    };
                    if let Some(d) = e.remove("description") {
                        description.get_or_insert(d);
                    }
                    if mt == "_mintlify/placeholder" {
                        if description.is_none() {
                            if let Some(d) = e
                                .get("schemaArray")
                                .and_then(|a| a.get(0))
                                .and_then(|s| s.get("description"))
                            {
                                description = Some(d.clone());
                            }
                        }
                        continue;
                    }
                    let mout = format!("{rout}/content/{}", pointer_token(&mt));
                    let mut media = Map::new();
                    if let Some(arr) = e.remove("schemaArray") {
                        if let Some(s) = self.schema_array(arr, &src, &format!("{mout}/schema")) {
                            media.insert("schema".into(), s);
                        }
                    }
                    if let Some(ex) = self.examples(e.remove("examples"), &src, &mout) {
                        media.insert("examples".into(), ex);
                    }
                    content.insert(mt, Value::Object(media));
                }
            }
            if let Some(d) = description {
                r.insert("description".into(), d);
            }
            if !content.is_empty() {
                r.insert("content".into(), Value::Object(content));
            }
            responses.insert(code, Value::Object(r));
        }
        responses
    }

    /// Media-type `examples`, without generated ones holding `<string>`-style placeholders.
    fn examples(&mut self, ex: Option<Value>, src: &str, out: &str) -> Option<Value> {
        let Some(Value::Object(ex)) = ex else {
            return None;
        };
        let mut kept = Map::new();
        for (name, e) in ex {
            let value = e.get("value").unwrap_or(&e);
            if has_placeholder(value, 0) {
                self.warn(
                    "mintlify_md.placeholder-example",
                    format!(
                        "example `{name}` was generated by Mintlify (it holds placeholders such \
                         as `<string>`): dropped"
                    ),
                    src,
                    &format!("{out}/examples/{}", pointer_token(&name)),
                );
                continue;
            }
            kept.insert(name, e);
        }
        (!kept.is_empty()).then_some(Value::Object(kept))
    }

    /// Maps one Mintlify data schema (and the OpenAPI schemas below it) to an OpenAPI schema.
    fn schema(&mut self, v: Value, src: &str, out: &str, depth: usize) -> Value {
        let Value::Object(mut m) = v else {
            return v;
        };
        if depth > MAX_DEPTH {
            self.warn(
                "mintlify_md.schema-too-deep",
                format!("schema nesting deeper than {MAX_DEPTH} levels is kept unmapped"),
                src,
                out,
            );
            return Value::Object(m);
        }
        // `{allOf: [S]}` wrappers → S
        if m.len() == 1 && matches!(m.get("allOf"), Some(Value::Array(a)) if a.len() == 1) {
            if let Some(Value::Array(mut a)) = m.remove("allOf") {
                if let Some(inner) = a.pop() {
                    return self.schema(inner, src, out, depth + 1);
                }
            }
        }
        if let Some(Value::String(t)) = m.get("type").cloned() {
            if t == "any" {
                m.remove("type");
            } else if t == "file" {
                m.insert("type".into(), json!("string"));
                m.entry("format").or_insert(json!("binary"));
            } else if let Some(inner) = t.strip_prefix("enum<").and_then(|r| r.strip_suffix('>')) {
                m.insert("type".into(), json!(inner));
            }
        }
        if let Some(rp) = m.remove("requiredProperties") {
            if rp
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string))
            {
                if !matches!(m.get("required"), Some(Value::Array(_))) {
                    m.insert("required".into(), rp);
                }
            } else {
                self.warn(
                    "mintlify_md.invalid-required",
                    "`requiredProperties` is not a list of names: ignored".into(),
                    src,
                    out,
                );
            }
        }
        if let Some(r) = m.get("required") {
            if !r.is_array() {
                let msg = format!("schema keyword `required: {r}` is not a list of names: dropped");
                m.remove("required");
                self.warn("mintlify_md.invalid-required", msg, src, out);
            }
        }
        let ref_id = m.remove("refIdentifier");
        for key in ["properties", "patternProperties"] {
            if let Some(Value::Object(props)) = m.remove(key) {
                let mut mapped = Map::new();
                for (name, s) in props {
                    let o = format!("{out}/{key}/{}", pointer_token(&name));
                    let s = self.schema(s, src, &o, depth + 1);
                    mapped.insert(name, s);
                }
                m.insert(key.into(), Value::Object(mapped));
            }
        }
        for key in ["items", "additionalProperties", "not", "contains"] {
            if let Some(s) = m.remove(key) {
                let s = match s {
                    Value::Array(a) => Value::Array(
                        a.into_iter()
                            .enumerate()
                            .map(|(i, x)| {
                                self.schema(x, src, &format!("{out}/{key}/{i}"), depth + 1)
                            })
                            .collect(),
                    ),
                    other => self.schema(other, src, &format!("{out}/{key}"), depth + 1),
                };
                m.insert(key.into(), s);
            }
        }
        for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            if let Some(Value::Array(a)) = m.remove(key) {
                let a = a
                    .into_iter()
                    .enumerate()
                    .map(|(i, x)| self.schema(x, src, &format!("{out}/{key}/{i}"), depth + 1))
                    .collect();
                m.insert(key.into(), Value::Array(a));
            }
        }
        match ref_id {
            Some(Value::String(r)) => {
                let name = r.strip_prefix("#/components/schemas/").unwrap_or("");
                if name.is_empty() || name.contains('/') {
                    self.warn(
                        "mintlify_md.ref-identifier",
                        format!(
                            "`refIdentifier: {r}` does not name a `#/components/schemas/` entry: \
                             the schema stays inline"
                        ),
                        src,
                        out,
                    );
                    return Value::Object(m);
                }
                let schema = Value::Object(m);
                match self.schemas.get(name) {
                    Some(existing) if *existing != schema => self.warn(
                        "mintlify_md.component-conflict",
                        format!(
                            "schema `{name}` appears twice with different content; the first \
                             one is kept"
                        ),
                        src,
                        out,
                    ),
                    Some(_) => {}
                    None => {
                        self.schemas.insert(name.to_string(), schema);
                    }
                }
                json!({ "$ref": format!("#/components/schemas/{name}") })
            }
            _ => Value::Object(m),
        }
    }
}

#[cfg(test)]
mod tests;
