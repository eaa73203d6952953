//! The plain text of a Bump.sh HTML operation page (FORMATS.md §7, seed 004).
//!
//! Section words are plain lines at column 0 (`Headers`, `Path parameters`, `Query parameters`,
//! `Cookies`, `Body`, `Responses`); inside them, `•` bullets whose **indentation is the only
//! nesting signal**:
//!
//! ```text
//!   • NAME TYPE[ Required][ Deprecated]
//!
//!     DESCRIPTION
//!
//!     Values are a, b, or c.
//!
//!     Minimum length is 34, maximum length is 34. Format should match the following pattern: ^CR.*$.
//!
//!     Hide NAME attributes Show NAME attributes[ TYPE]
//!     • CHILD TYPE …
//! ```
//!
//! Responses are bullets `• CODE[ MEDIA-TYPE]` holding a description and `Hide headers
//! attributes …` / `Hide response attributes Show response attributes TYPE` groups. The page ends
//! with `METHOD /path`, a `curl \` command (server = its URL minus the path, `--user` = HTTP
//! basic auth, `Content-Type` header, `--data`), a `Request example` (JSON or a Ruby
//! `Hash#inspect`, `{"Type"=>"apn"}`) and `Response examples (CODE)` JSON.
//!
//! Unlike `bump_md`, `required` is known here: within a rendered list a bullet without
//! `Required` is not required. Objects whose fields are not listed get
//! `x-cpaas-required-unknown`. Nameless bullets and repeated names (`StartTime<` and
//! `StartTime>` both read `StartTime`) are kept where possible and flagged.

use serde_json::{Map, Value, json};

use super::recovered::Recovered;
use super::bump_types::{self, has_type, insert_property};
use crate::diag::{Diagnostic, pointer_token};

const METHODS: [&str; 8] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
];
const BULLET: &str = "• ";
/// Nesting limit for bullet lists; deeper input is an error, not recursion.
const MAX_DEPTH: usize = 48;

/// Recovers the one operation of a Bump.sh text page as an OpenAPI 3.1 document.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = split_lines(text);
    Page {
        text,
        lines,
        diags: Vec::new(),
        op_ptr: String::new(),
    }
    .run()
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 1-based line number.
    no: usize,
    /// Byte offset of the line start.
    off: usize,
    /// Leading spaces.
    indent: usize,
    /// The line without leading and trailing whitespace.
    text: &'a str,
}

impl Line<'_> {
    fn blank(&self) -> bool {
        self.text.is_empty()
    }
    fn bullet(&self) -> bool {
        self.text.starts_with(BULLET)
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut off = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed_start = l.trim_start_matches([' ', '\t']);
        out.push(Line {
            no: i + 1,
            off,
            indent: l.len() - trimmed_start.len(),
            text: trimmed_start.trim_end(),
        });
        off += raw.len() + 1;
    }
    out
}

/// A bullet with what it owns.
#[derive(Debug, Default)]
struct Node {
    head: String,
    line: usize,
    col: usize,
    /// Paragraphs directly under the bullet (description, enum and constraint sentences).
    paras: Vec<String>,
    groups: Vec<Group>,
}

/// `Hide NAME attributes Show NAME attributes[ TYPE]` and the bullets after it.
#[derive(Debug, Default)]
struct Group {
    /// (NAME, TYPE) of the toggle; `None` for bullets with no toggle line before them.
    toggle: Option<(String, Option<String>)>,
    children: Vec<Node>,
}

/// A parsed `NAME TYPE[ Required][ Deprecated]` head.
struct Head {
    name: String,
    ty: bump_types::TypeString,
    required: bool,
    deprecated: bool,
}

struct Page<'a> {
    text: &'a str,
    lines: Vec<Line<'a>>,
    diags: Vec<Diagnostic>,
    op_ptr: String,
}

impl Page<'_> {
    fn warn(&mut self, code: &'static str, line: usize, col: usize, ptr: &str, msg: String) {
        self.diags
            .push(Diagnostic::warning(code, msg).at(line, col).pointer(ptr));
    }

    fn run(mut self) -> Result<Recovered, Diagnostic> {
        let n = self.lines.len();
        let mut i = 0;
        while i < n && self.lines[i].blank() {
            i += 1;
        }
        // Title, unless the page starts with the method line.
        let mut title = String::new();
        if i < n && method_line(self.lines[i].text).is_none() {
            title = self.lines[i].text.to_string();
            i += 1;
        }
        // The method line, skipping newer UI chrome (`Add MCP server … Close`).
        let mut m = None;
        let mut chrome_open = true;
        while i < n {
            let l = self.lines[i];
            if chrome_open && l.indent == 0 && l.text == "Add MCP server to your AI tool" {
                match self.lines[i..].iter().position(|l| l.text == "Close") {
                    Some(p) => {
                        i += p + 1;
                        continue;
                    }
                    None => {
                        chrome_open = false;
                        self.diags.push(
                            Diagnostic::warning(
                                "text_dump.chrome",
                                "`Add MCP server to your AI tool` without a `Close` line: \
                                 skipped to the method line",
                            )
                            .at(l.no, 1),
                        );
                    }
                }
            }
            if l.indent == 0 {
                if let Some(mp) = method_line(l.text) {
                    m = Some((i, mp));
                    break;
                }
            }
            i += 1;
        }
        let Some((m_idx, (method, path))) = m else {
            return Err(Diagnostic::error(
                "text_dump.no-method",
                "expected a `METHOD /path` line (for example `POST /v2/Credentials`) after the \
                 title",
            )
            .at(1, 1));
        };
        let method = method.to_ascii_lowercase();
        self.op_ptr = format!("/paths/{}/{}", pointer_token(&path), method);
        let op_line = self.lines[m_idx].no;

        // Anchors.
        let mut anchors: Vec<(usize, &'static str)> = Vec::new();
        let mut trailer = n;
        for (j, l) in self.lines.iter().enumerate().skip(m_idx + 1) {
            if l.indent != 0 {
                continue;
            }
            let kind = match l.text {
                "Headers" => Some("header"),
                "Path parameters" => Some("path"),
                "Query parameters" => Some("query"),
                "Cookies" | "Cookie parameters" => Some("cookie"),
                "Body" => Some("body"),
                "Responses" => Some("responses"),
                _ => None,
            };
            let seen_responses = anchors.iter().any(|a| a.1 == "responses");
            if let Some(k) = kind {
                if !seen_responses {
                    anchors.push((j, k));
                    continue;
                }
            }
            if seen_responses
                && (method_line(l.text).is_some()
                    || l.text.starts_with("curl")
                    || is_example_heading(l.text).is_some())
            {
                trailer = j;
                break;
            }
        }

        // Preamble: descriptions and the bare request media type.
        let pre_end = anchors.first().map_or(trailer, |a| a.0);
        let mut paras = self.paragraphs(m_idx + 1, pre_end);
        let mut media_type = None;
        if paras.last().is_some_and(|p| is_media_type(p)) {
            media_type = paras.pop();
        }
        let (op_desc, path_desc) = self.descriptions(&title, paras, op_line, &path);

        let mut params: Vec<Value> = Vec::new();
        let mut body: Option<Value> = None;
        let mut responses = Map::new();
        for (k, &(start, kind)) in anchors.iter().enumerate() {
            let end = anchors.get(k + 1).map_or(trailer, |a| a.0);
            let mut j = start + 1;
            match kind {
                "body" => {
                    let mut desc = Vec::new();
                    while j < end && !self.lines[j].bullet() {
                        if !self.lines[j].blank() {
                            desc.push(self.lines[j].text);
                        }
                        j += 1;
                    }
                    let nodes = self.list(&mut j, end, 0)?;
                    let ptr = format!("{}/requestBody/content", self.op_ptr);
                    let mut schema = json!({"type": "object"});
                    if !desc.is_empty() {
                        schema["description"] = json!(desc.join("\n"));
                    }
                    self.fill_object(&mut schema, &nodes, &ptr, 0);
                    body = Some(schema);
                }
                "responses" => {
                    let nodes = self.list(&mut j, end, 0)?;
                    for node in nodes {
                        self.response(node, &mut responses);
                    }
                }
                loc => {
                    let nodes = self.list(&mut j, end, 0)?;
                    for node in nodes {
                        let idx = params.len();
                        if let Some(p) = self.parameter(loc, node, idx, &params) {
                            params.push(p);
                        }
                    }
                }
            }
            self.stray(j, end);
        }

        // Trailer: curl and examples.
        let mut servers = Vec::new();
        let mut basic = false;
        let mut req_example = None;
        let mut resp_examples: Vec<(String, Value, usize)> = Vec::new();
        let mut curl_ct = None;
        let mut curl_data = None;
        let mut j = trailer;
        while j < n {
            let l = self.lines[j];
            if l.indent == 0 && l.text.starts_with("curl") {
                let (c, next) = self.curl(j);
                if let Some(url) = c.url {
                    servers.push(self.server(&url, &path, l.no));
                }
                basic |= c.user;
                curl_ct = c.content_type;
                curl_data = c.data;
                j = next;
                continue;
            }
            if let Some(which) = is_example_heading(l.text) {
                let mut k = j + 1;
                while k < n && is_example_heading(self.lines[k].text).is_none() {
                    k += 1;
                }
                let start = self.lines.get(j + 1).map_or(self.text.len(), |x| x.off);
                let stop = self
                    .lines
                    .get(k)
                    .map_or(self.text.len(), |x| x.off.saturating_sub(1))
                    .max(start);
                let raw = self.text.get(start..stop).unwrap_or("");
                match example_value(raw) {
                    Some(v) => match which {
                        None => req_example = Some((v, l.no)),
                        Some(code) => resp_examples.push((code, v, l.no)),
                    },
                    None => self.warn(
                        "text_dump.example-unreadable",
                        l.no,
                        1,
                        &self.op_ptr.clone(),
                        format!(
                            "`{}` holds neither JSON nor a Ruby hash: example dropped",
                            l.text
                        ),
                    ),
                }
                j = k;
                continue;
            }
            j += 1;
        }

        // Request content type: the bare line, else the curl header.
        let ct = match (media_type, curl_ct) {
            (Some(a), Some(b)) if a != b => {
                self.warn(
                    "text_dump.content-type-conflict",
                    op_line,
                    1,
                    &format!("{}/requestBody", self.op_ptr),
                    format!("the page says `{a}` but curl sends `{b}`: kept `{a}`"),
                );
                Some(a)
            }
            (Some(a), _) => Some(a),
            (None, b) => b,
        };
        if req_example.is_none() {
            if let (Some(d), Some(_)) = (&curl_data, &body) {
                req_example = data_example(d, ct.as_deref()).map(|v| (v, op_line));
            }
        }

        let mut op = Map::new();
        if !title.is_empty() {
            op.insert("summary".into(), json!(title));
        }
        if let Some(d) = op_desc {
            op.insert("description".into(), json!(d));
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if let Some(schema) = body {
            let ct = ct.unwrap_or_else(|| {
                self.warn(
                    "text_dump.content-type-unknown",
                    op_line,
                    1,
                    &format!("{}/requestBody", self.op_ptr),
                    "a Body section but no media type line or curl Content-Type: assumed \
                     application/json"
                        .to_string(),
                );
                "application/json".to_string()
            });
            let mut media = json!({ "schema": schema });
            if let Some((ex, _)) = req_example.take() {
                media["example"] = ex;
            }
            op.insert("requestBody".into(), json!({"content": { ct: media }}));
        }
        if let Some((_, line)) = req_example {
            self.warn(
                "text_dump.example-without-body",
                line,
                1,
                &self.op_ptr.clone(),
                "a request example but no Body section: example dropped".to_string(),
            );
        }
        for (code, ex, line) in resp_examples {
            let ptr = format!("{}/responses/{}", self.op_ptr, pointer_token(&code));
            let target = responses
                .get_mut(&code)
                .and_then(|r| r.get_mut("content"))
                .and_then(Value::as_object_mut)
                .and_then(|c| c.values_mut().next());
            match target {
                Some(Value::Object(media)) => {
                    media.insert("example".into(), ex);
                }
                _ => self.warn(
                    "text_dump.example-without-response",
                    line,
                    1,
                    &ptr,
                    format!("an example for response {code}, which has no media type: dropped"),
                ),
            }
        }
        if responses.is_empty() {
            self.warn(
                "text_dump.no-responses",
                op_line,
                1,
                &self.op_ptr.clone(),
                "no `Responses` section with `• CODE` bullets: responses unknown".to_string(),
            );
        }
        op.insert("responses".into(), Value::Object(responses));
        let mut components = Map::new();
        if basic {
            op.insert("security".into(), json!([{"basicAuth": []}]));
            components.insert(
                "securitySchemes".into(),
                json!({"basicAuth": {"type": "http", "scheme": "basic"}}),
            );
        }
        let mut path_item = Map::new();
        if let Some(d) = path_desc {
            path_item.insert("description".into(), json!(d));
        }
        path_item.insert(method, Value::Object(op));
        let mut doc = Map::new();
        doc.insert("openapi".into(), json!("3.1.0"));
        doc.insert("info".into(), json!({ "title": title }));
        if !servers.is_empty() {
            doc.insert("servers".into(), Value::Array(servers));
        }
        doc.insert("paths".into(), json!({ path: Value::Object(path_item) }));
        if !components.is_empty() {
            doc.insert("components".into(), Value::Object(components));
        }
        let mut rec = Recovered::new(Value::Object(doc));
        rec.locations.insert(self.op_ptr.clone(), op_line);
        rec.diagnostics = self.diags;
        Ok(rec)
    }

    /// Blank-line separated paragraphs of lines `[from, to)`.
    fn paragraphs(&self, from: usize, to: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut open = false;
        for l in self.lines.get(from..to).unwrap_or(&[]) {
            if l.blank() {
                open = false;
            } else if open {
                if let Some(p) = out.last_mut() {
                    p.push('\n');
                    p.push_str(l.text);
                }
            } else {
                out.push(l.text.to_string());
                open = true;
            }
        }
        out
    }

    fn descriptions(
        &mut self,
        title: &str,
        mut paras: Vec<String>,
        line: usize,
        path: &str,
    ) -> (Option<String>, Option<String>) {
        if paras.is_empty() {
            return (None, None);
        }
        if paras.last().is_some_and(|p| p == title) {
            let op = paras.pop();
            let rest = (!paras.is_empty()).then(|| paras.join("\n\n"));
            return (op, rest);
        }
        self.warn(
            "text_dump.description-owner",
            line + 1,
            1,
            &format!("/paths/{}/description", pointer_token(path)),
            "the descriptions after the method line do not end with the title: read the first \
             paragraph as the path item's description, the rest as the operation's"
                .to_string(),
        );
        let first = paras.remove(0);
        let rest = (!paras.is_empty()).then(|| paras.join("\n\n"));
        (rest, Some(first))
    }

    /// Warns about non-blank lines in `[from, to)` that no list consumed.
    fn stray(&mut self, from: usize, to: usize) {
        if let Some(l) = self
            .lines
            .get(from..to)
            .and_then(|ls| ls.iter().find(|l| !l.blank()))
            .copied()
        {
            self.warn(
                "text_dump.stray-text",
                l.no,
                l.indent + 1,
                &self.op_ptr.clone(),
                format!(
                    "text outside any bullet ignored: `{}`",
                    l.text.chars().take(60).collect::<String>()
                ),
            );
        }
    }

    /// Parses a bullet list starting at line `*i` (blank lines skipped), up to line `end`.
    fn list(&mut self, i: &mut usize, end: usize, depth: usize) -> Result<Vec<Node>, Diagnostic> {
        while *i < end && self.lines[*i].blank() {
            *i += 1;
        }
        let Some(first) = self.lines.get(*i).filter(|_| *i < end).copied() else {
            return Ok(Vec::new());
        };
        if !first.bullet() {
            return Ok(Vec::new());
        }
        if depth > MAX_DEPTH {
            return Err(Diagnostic::error(
                "text_dump.too-deep",
                format!("bullets nested more than {MAX_DEPTH} levels deep"),
            )
            .at(first.no, first.indent + 1));
        }
        let indent = first.indent;
        let mut nodes: Vec<Node> = Vec::new();
        loop {
            while *i < end && self.lines[*i].blank() {
                *i += 1;
            }
            if *i >= end {
                break;
            }
            let l = self.lines[*i];
            if l.indent < indent || (l.indent == indent && !l.bullet()) {
                break;
            }
            if l.indent > indent {
                // A deeper line with no bullet of its own to follow: keep it as prose.
                if let Some(n) = nodes.last_mut() {
                    n.paras.push(l.text.to_string());
                }
                *i += 1;
                continue;
            }
            let mut node = Node {
                head: l.text[BULLET.len()..].trim().to_string(),
                line: l.no,
                col: l.indent + 1,
                ..Default::default()
            };
            *i += 1;
            let mut para_open = false;
            while *i < end {
                let l = self.lines[*i];
                if l.blank() {
                    para_open = false;
                    *i += 1;
                    continue;
                }
                if l.indent <= indent {
                    break;
                }
                if let Some(t) = toggle(l.text) {
                    node.groups.push(Group {
                        toggle: Some(t),
                        children: Vec::new(),
                    });
                    para_open = false;
                    *i += 1;
                } else if l.bullet() {
                    let children = self.list(i, end, depth + 1)?;
                    if node.groups.is_empty() {
                        node.groups.push(Group::default());
                    }
                    if let Some(g) = node.groups.last_mut() {
                        g.children.extend(children);
                    }
                    para_open = false;
                } else {
                    if para_open {
                        if let Some(p) = node.paras.last_mut() {
                            p.push('\n');
                            p.push_str(l.text);
                        }
                    } else {
                        node.paras.push(l.text.to_string());
                        para_open = true;
                    }
                    *i += 1;
                }
            }
            nodes.push(node);
        }
        Ok(nodes)
    }

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
        match bump_types::parse(rest) {
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
                        Raw::Text(t) if k == "default" => typed_value(&schema, &t),
                        Raw::Text(t) => json!(t),
                    };
                    if let Value::Object(m) = &mut schema {
                        m.insert(k.into(), v);
                    }
                }
            } else {
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
    fn fill_object(&mut self, schema: &mut Value, nodes: &[Node], ptr: &str, depth: usize) {
        if bump_types::properties_owner(schema).is_none() {
            if let Some(n) = nodes.first() {
                self.warn(
                    "text_dump.children-of-scalar",
                    n.line,
                    n.col,
                    ptr,
                    "fields listed under a value that is not an object: read them as its \
                     properties"
                        .to_string(),
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
        let owner = match bump_types::properties_owner(schema) {
            Some(o) => o,
            None => match schema.as_object_mut() {
                Some(o) => o,
                None => return,
            },
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

    fn parameter(&mut self, loc: &str, node: Node, idx: usize, seen: &[Value]) -> Option<Value> {
        let ptr = format!("{}/parameters/{idx}", self.op_ptr);
        let head = self.head(&node, &ptr)?;
        let schema = self.schema(&node, &head, &format!("{ptr}/schema"), 0);
        let mut p = Map::new();
        p.insert("name".into(), json!(head.name));
        p.insert("in".into(), json!(loc));
        if let Some(d) = schema.get("description").cloned() {
            p.insert("description".into(), d);
        }
        let mut schema = schema;
        if let Value::Object(m) = &mut schema {
            m.remove("description");
        }
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
        p.insert("required".into(), json!(required));
        if head.deprecated {
            p.insert("deprecated".into(), json!(true));
            if let Value::Object(m) = &mut schema {
                m.remove("deprecated");
            }
        }
        p.insert("schema".into(), schema);
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
        Some(Value::Object(p))
    }

    fn response(&mut self, node: Node, out: &mut Map<String, Value>) {
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
        let mut mt = words.next().map(str::to_string);
        let mut older_type = None;
        if let Some(m) = &mt {
            if !m.contains('/') {
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
            .and_then(|t| bump_types::parse(t).ok())
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
                    let mut hm = Map::new();
                    if let Some(d) = s.get("description") {
                        hm.insert("description".into(), d.clone());
                    }
                    let mut s = s;
                    if let Value::Object(m) = &mut s {
                        m.remove("description");
                    }
                    hm.insert("schema".into(), s);
                    hs.insert(head.name, Value::Object(hm));
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
                let mut s = ty
                    .as_deref()
                    .and_then(|t| bump_types::parse(t).ok())
                    .map_or_else(|| json!({"type": "object"}), |t| t.to_schema());
                let sptr = format!(
                    "{ptr}/content/{}/schema",
                    pointer_token(mt.as_deref().unwrap_or("application~1json"))
                );
                self.fill_object(&mut s, &g.children, &sptr, 0);
                schema = Some(s);
            }
        }
        if mt.is_none() && schema.is_some() {
            mt = Some("application/json".to_string());
        }
        if let Some(mt) = mt {
            let media = match schema {
                Some(s) => json!({ "schema": s }),
                None => json!({}),
            };
            r.insert("content".into(), json!({ mt: media }));
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

    /// Reads the curl command starting at line `j`; returns it and the line after it.
    fn curl(&mut self, j: usize) -> (Curl, usize) {
        let start = self.lines[j].off;
        let src = self.text.get(start..).unwrap_or("");
        let (tokens, consumed) = shell_words(src);
        let end_off = start + consumed;
        let next = self
            .lines
            .partition_point(|l| l.off < end_off || l.off <= start);
        let mut c = Curl::default();
        let mut it = tokens.into_iter().skip(1);
        while let Some(t) = it.next() {
            match t.as_str() {
                "--request" | "-X" => {
                    it.next();
                }
                "--url" => c.url = it.next(),
                "--user" | "-u" => {
                    it.next();
                    c.user = true;
                }
                "--header" | "-H" => {
                    if let Some(h) = it.next() {
                        if let Some((k, v)) = h.split_once(':') {
                            if k.trim().eq_ignore_ascii_case("content-type") {
                                c.content_type = Some(v.trim().to_string());
                            }
                        }
                    }
                }
                "--data" | "-d" | "--data-raw" | "--data-binary" | "--data-urlencode" => {
                    c.data = it.next();
                }
                u if u.starts_with("http://") || u.starts_with("https://") => {
                    c.url = Some(u.to_string());
                }
                _ => {}
            }
        }
        (c, next)
    }

    fn server(&mut self, url: &str, path: &str, line: usize) -> Value {
        let url = url.split(['?', '#']).next().unwrap_or(url);
        if let Some(base) = url.strip_suffix(path) {
            return json!({ "url": base });
        }
        let host_end = url
            .find("://")
            .map(|s| s + 3)
            .and_then(|h| url[h..].find('/').map(|p| h + p))
            .unwrap_or(url.len());
        let base = &url[..host_end];
        self.warn(
            "text_dump.server-mismatch",
            line,
            1,
            "/servers/0",
            format!("the curl URL `{url}` does not end with the path `{path}`: server `{base}`"),
        );
        json!({ "url": base })
    }
}

#[derive(Debug, Default)]
struct Curl {
    url: Option<String>,
    user: bool,
    content_type: Option<String>,
    data: Option<String>,
}

/// Splits a shell command into words: quotes, backslash escapes and `\`+newline continuations.
/// Stops at the first unquoted, unescaped newline; returns the words and the bytes consumed.
fn shell_words(src: &str) -> (Vec<String>, usize) {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                }
                return (words, i + 1);
            }
            ' ' | '\t' | '\r' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\\' => match chars.next() {
                Some((_, '\n')) => {}
                Some((_, '\r')) => {
                    chars.next_if(|&(_, c)| c == '\n');
                }
                Some((_, o)) => {
                    cur.push(o);
                    in_word = true;
                }
                None => {}
            },
            '\'' => {
                in_word = true;
                for (_, q) in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some((_, q)) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => {
                            if let Some((_, e)) = chars.next() {
                                if !matches!(e, '"' | '\\' | '$' | '`') {
                                    cur.push('\\');
                                }
                                cur.push(e);
                            }
                        }
                        _ => cur.push(q),
                    }
                }
            }
            _ => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    (words, src.len())
}

/// `METHOD /path` -> (METHOD, /path).
fn method_line(l: &str) -> Option<(String, String)> {
    let (m, p) = l.split_once(' ')?;
    (METHODS.contains(&m) && p.starts_with('/') && !p.contains(char::is_whitespace))
        .then(|| (m.to_string(), p.to_string()))
}

/// `Request example[s]` -> Some(None); `Response examples (CODE)` -> Some(Some(CODE)).
fn is_example_heading(l: &str) -> Option<Option<String>> {
    if l == "Request example" || l == "Request examples" {
        return Some(None);
    }
    let code = l
        .strip_prefix("Response example")
        .map(|r| r.strip_prefix('s').unwrap_or(r))
        .and_then(|r| r.strip_prefix(" ("))
        .and_then(|r| r.strip_suffix(')'))?;
    is_status_code(code).then(|| Some(code.to_string()))
}

fn is_media_type(p: &str) -> bool {
    let t = p.split(';').next().unwrap_or("");
    !p.contains('\n')
        && !t.contains(' ')
        && t.split_once('/').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && !b.contains('/')
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.+*".contains(c))
        })
}

fn is_status_code(s: &str) -> bool {
    s == "default"
        || (s.len() == 3
            && s.starts_with(['1', '2', '3', '4', '5'])
            && (s[1..].bytes().all(|b| b.is_ascii_digit()) || &s[1..] == "XX"))
}

/// `Hide NAME attributes Show NAME attributes[ TYPE]` -> (NAME, TYPE).
fn toggle(l: &str) -> Option<(String, Option<String>)> {
    let r = l.strip_prefix("Hide ")?;
    let at = r.find(" attributes Show ")?;
    let name = &r[..at];
    let after = r[at + " attributes Show ".len()..].strip_prefix(name)?;
    let after = after.strip_prefix(" attributes")?;
    if after.is_empty() {
        return Some((name.to_string(), None));
    }
    let ty = after.strip_prefix(' ')?.trim();
    Some((name.to_string(), (!ty.is_empty()).then(|| ty.to_string())))
}

fn strip_word_suffix<'s>(s: &'s str, w: &str) -> Option<&'s str> {
    if s == w {
        return Some("");
    }
    s.strip_suffix(w)
        .and_then(|r| r.strip_suffix(' '))
        .map(str::trim_end)
}

/// `Values are a, b, or c.` / `Values are a or b.` / `Value is a.`
fn enum_values(p: &str) -> Option<Vec<String>> {
    if p.contains('\n') {
        return None;
    }
    if let Some(v) = p
        .strip_prefix("Value is ")
        .and_then(|r| r.strip_suffix('.'))
    {
        return Some(vec![v.to_string()]);
    }
    let r = p.strip_prefix("Values are ")?.strip_suffix('.')?;
    if r.contains(", ") {
        let mut parts: Vec<String> = r.split(", ").map(str::to_string).collect();
        let last = parts.pop()?;
        parts.push(last.strip_prefix("or ")?.to_string());
        return Some(parts);
    }
    let (a, b) = r.split_once(" or ")?;
    Some(vec![a.to_string(), b.to_string()])
}

enum Raw {
    Num(Value),
    Text(String),
}

/// Length, value, default and pattern sentences; `None` when any sentence is something else.
fn constraints(p: &str) -> Option<Vec<(&'static str, Raw)>> {
    const PAIRS: [(&str, &str, &str, &str); 4] = [
        (
            "Minimum length is ",
            "minLength",
            ", maximum length is ",
            "maxLength",
        ),
        ("Maximum length is ", "maxLength", "", ""),
        (
            "Minimum value is ",
            "minimum",
            ", maximum value is ",
            "maximum",
        ),
        ("Maximum value is ", "maximum", "", ""),
    ];
    const PATTERN: &str = "Format should match the following pattern: ";
    const DEFAULT: &str = "Default value is ";
    if p.contains('\n') {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = p;
    'outer: while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix(PATTERN) {
            out.push((
                "pattern",
                Raw::Text(r.strip_suffix('.').unwrap_or(r).to_string()),
            ));
            break;
        }
        if let Some(r) = rest.strip_prefix(DEFAULT) {
            let end = r.find(&format!(". {PATTERN}")).map_or(r.len(), |e| e + 1);
            let v = &r[..end];
            out.push((
                "default",
                Raw::Text(v.strip_suffix('.').unwrap_or(v).to_string()),
            ));
            rest = &r[end..];
            continue;
        }
        for (pre, key, pre2, key2) in PAIRS {
            if let Some(r) = rest.strip_prefix(pre) {
                let (n, r) = number(r)?;
                out.push((key, Raw::Num(n)));
                if !pre2.is_empty() {
                    if let Some(r2) = r.strip_prefix(pre2) {
                        let (n2, r2) = number(r2)?;
                        out.push((key2, Raw::Num(n2)));
                        rest = r2.strip_prefix('.')?;
                        continue 'outer;
                    }
                }
                rest = r.strip_prefix('.')?;
                continue 'outer;
            }
        }
        return None;
    }
    (!out.is_empty()).then_some(out)
}

/// A leading JSON number (a sentence's final `.` is not a decimal point).
fn number(s: &str) -> Option<(Value, &str)> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let v: Value = serde_json::from_str(s.get(..i)?).ok()?;
    v.is_number().then(|| (v, &s[i..]))
}

/// An enum or default value typed by its schema.
fn typed_value(schema: &Value, v: &str) -> Value {
    if has_type(schema, "integer") || has_type(schema, "number") {
        if let Ok(n) = serde_json::from_str::<Value>(v) {
            if n.is_number() {
                return n;
            }
        }
    }
    if has_type(schema, "boolean") && (v == "true" || v == "false") {
        return json!(v == "true");
    }
    if v == "null" && has_type(schema, "null") {
        return Value::Null;
    }
    json!(v)
}

/// Object schemas whose fields the page did not list: `required` unknown.
fn mark_unknown_objects(schema: &mut Value) {
    if has_type(schema, "object") {
        if let Value::Object(m) = schema {
            m.insert("x-cpaas-required-unknown".into(), json!(true));
        }
    } else if has_type(schema, "array") {
        if let Some(items) = schema.get_mut("items") {
            mark_unknown_objects(items);
        }
    }
}

/// JSON, else a Ruby `Hash#inspect` (`{"Type"=>"apn", "N"=>nil}`) turned into JSON.
fn example_value(raw: &str) -> Option<Value> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(v) = serde_json::from_str(t) {
        return Some(v);
    }
    serde_json::from_str(&ruby_to_json(t)?).ok()
}

/// Rewrites Ruby inspect syntax to JSON: `=>` to `:`, `nil` to `null`, Ruby string escapes to
/// JSON ones. `None` on an unterminated string.
fn ruby_to_json(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut val = String::new();
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            'n' => val.push('\n'),
                            't' => val.push('\t'),
                            'r' => val.push('\r'),
                            'e' => val.push('\u{1b}'),
                            '0' => val.push('\0'),
                            'u' => {
                                let mut hex = String::new();
                                if chars.next_if_eq(&'{').is_some() {
                                    while let Some(h) = chars.next_if(|c| *c != '}') {
                                        hex.push(h);
                                    }
                                    chars.next();
                                } else {
                                    for _ in 0..4 {
                                        hex.push(chars.next()?);
                                    }
                                }
                                val.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                            }
                            o => val.push(o),
                        },
                        o => val.push(o),
                    }
                }
                out.push_str(&serde_json::to_string(&val).ok()?);
            }
            '=' if chars.peek() == Some(&'>') => {
                chars.next();
                out.push(':');
            }
            'n' => {
                let mut word = String::from('n');
                while let Some(w) = chars.next_if(char::is_ascii_alphanumeric) {
                    word.push(w);
                }
                out.push_str(if word == "nil" { "null" } else { &word });
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

/// `--data` as an example: JSON bodies as JSON, form bodies as an object of strings.
fn data_example(d: &str, ct: Option<&str>) -> Option<Value> {
    if ct.is_some_and(|c| c.contains("json")) {
        return serde_json::from_str(d).ok();
    }
    if ct.is_some_and(|c| c.contains("x-www-form-urlencoded")) {
        let mut m = Map::new();
        for pair in d.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            m.insert(percent_decode(k), json!(percent_decode(v)));
        }
        return Some(Value::Object(m));
    }
    None
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(x) => {
                        out.push(x);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            x => out.push(x),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/seeds/004_e9876b125d699af8.txt"
    );
    const CORPUS: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/pages/text_dump/twilio_conversations_deleteServiceConversationMessage.txt"
    );

    fn rec(t: &str) -> Recovered {
        match recover(t) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn seed_004() {
        let Ok(t) = std::fs::read_to_string(SEED) else {
            eprintln!("note: {SEED} missing; skipped");
            return;
        };
        let r = rec(&t);
        let op = &r.doc["paths"]["/v2/Credentials"]["post"];
        assert_eq!(op["summary"], "Create credential");
        let media = &op["requestBody"]["content"]["application/x-www-form-urlencoded"];
        assert_eq!(media["schema"]["required"], json!(["Type"]));
        assert_eq!(
            media["schema"]["properties"]["Type"],
            json!({"type": "string", "enum": ["gcm", "apn", "fcm"]})
        );
        assert_eq!(media["example"], json!({"Type": "apn"}));
        let resp = &op["responses"]["201"]["content"]["application/json"];
        assert_eq!(
            resp["schema"]["properties"]["sid"],
            json!({"type": ["string", "null"], "minLength": 34, "maxLength": 34, "pattern": "^CR[0-9a-fA-F]{32}$"})
        );
        assert_eq!(
            resp["schema"]["properties"]["date_created"],
            json!({"type": ["string", "null"], "format": "date-time"})
        );
        assert_eq!(resp["example"]["sandbox"], "False");
        assert_eq!(
            op["responses"]["201"]["headers"].as_object().map(Map::len),
            Some(5)
        );
        assert_eq!(
            r.doc["servers"],
            json!([{"url": "https://ip-messaging.twilio.com"}])
        );
        assert_eq!(op["security"], json!([{"basicAuth": []}]));
        assert_eq!(r.locations.get("/paths/~1v2~1Credentials/post"), Some(&3));
    }

    #[test]
    fn corpus_page_with_chrome() {
        let Ok(t) = std::fs::read_to_string(CORPUS) else {
            eprintln!("note: {CORPUS} missing; skipped");
            return;
        };
        let r = rec(&t);
        let path = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages/{Sid}";
        let item = &r.doc["paths"][path];
        let op = &item["delete"];
        assert_eq!(op["summary"], "Remove a message from the conversation");
        assert_eq!(op["description"], "Remove a message from the conversation");
        assert_eq!(
            item["description"],
            "A Service Message resource represents a message in a conversation within a specific service."
        );
        let ps = op["parameters"].as_array().cloned().unwrap_or_default();
        let names: Vec<(&str, &str, bool)> = ps
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap_or(""),
                    p["in"].as_str().unwrap_or(""),
                    p["required"] == true,
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("X-Twilio-Webhook-Enabled", "header", false),
                ("ChatServiceSid", "path", true),
                ("ConversationSid", "path", true),
                ("Sid", "path", true)
            ]
        );
        assert_eq!(ps[0]["schema"]["enum"], json!(["true", "false"]));
        assert_eq!(ps[3]["schema"]["pattern"], "^IM[0-9a-fA-F]{32}$");
        assert_eq!(
            op["responses"]["204"],
            json!({"description": "The resource was deleted successfully."})
        );
        assert_eq!(
            r.doc["servers"][0]["url"],
            "https://conversations.twilio.com"
        );
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }

    #[test]
    fn duplicates_and_nameless_bullets_are_flagged() {
        let t = "List calls\n\nGET /Calls.json\n\nQuery parameters\n\n  • StartTime string(date-time)\n  \
• StartTime string(date-time)\n  • Only shown when you filter\n\nResponses\n\n  • 200 application/json\n\n    OK\n\n    \
Hide response attributes Show response attributes object\n    • calls array[object]\n\n      \
Hide calls attributes Show calls attributes object\n      • sid string Required\n      • sid string\n";
        let r = rec(t);
        let op = &r.doc["paths"]["/Calls.json"]["get"];
        assert_eq!(op["parameters"].as_array().map(Vec::len), Some(2));
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                "text_dump.duplicate-name",
                "text_dump.nameless-bullet",
                "text_dump.duplicate-name"
            ]
        );
        let items = &op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
            ["calls"]["items"];
        assert_eq!(items["required"], json!(["sid"]));
        assert_eq!(items["x-cpaas-duplicate-properties"][0]["name"], "sid");
        assert_eq!(r.diagnostics[1].line, 9);
    }

    #[test]
    fn sentences() {
        assert_eq!(
            enum_values("Values are a, b, or c."),
            Some(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(
            enum_values("Values are a or b."),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(enum_values("Value is a."), Some(vec!["a".into()]));
        assert_eq!(enum_values("Values are nice."), None);
        let c =
            constraints("Minimum value is 1, maximum value is 50. Default value is 0.").map(|v| {
                v.into_iter()
                    .map(|(k, r)| match r {
                        Raw::Num(n) => format!("{k}={n}"),
                        Raw::Text(t) => format!("{k}:{t}"),
                    })
                    .collect::<Vec<_>>()
            });
        assert_eq!(
            c,
            Some(vec![
                "minimum=1".into(),
                "maximum=50".into(),
                "default:0".into()
            ])
        );
        assert!(constraints("Minimum value for this timer is 1 minute.").is_none());
        let p = constraints("Format should match the following pattern: ^a.b$.");
        assert!(matches!(p.as_deref(), Some([("pattern", Raw::Text(t))]) if t == "^a.b$"));
    }

    #[test]
    fn ruby_hashes() {
        assert_eq!(
            example_value(r#"{"Type"=>"apn", "N"=>nil, "A"=>["x", 1, true], "S"=>"a\"b\#{c}"}"#),
            Some(json!({"Type": "apn", "N": null, "A": ["x", 1, true], "S": "a\"b#{c}"}))
        );
        assert_eq!(example_value(r#"{"k" => "v"}"#), Some(json!({"k": "v"})));
        assert_eq!(example_value("{\"a\"=>\"unterminated}"), None);
    }

    #[test]
    fn bad_input_is_a_located_error() {
        let e = recover("Title\n\nBody\n\n  • a string\n").err();
        assert!(e.is_some_and(|e| e.code == "text_dump.no-method" && e.line == 1));
        let mut deep = String::from("T\n\nPOST /a\n\nBody\n\n");
        for d in 0..200 {
            deep.push_str(&" ".repeat(2 + 2 * d));
            deep.push_str("• a object\n");
        }
        let e = recover(&deep).err();
        assert!(e.is_some_and(|e| e.code == "text_dump.too-deep" && e.line > 40));
    }

    #[test]
    fn arbitrary_input_never_panics() {
        let pieces = [
            "GET /a\n",
            "Responses\n",
            "Body\n",
            "  • ",
            "x string",
            " Required",
            "\n",
            "    ",
            "Hide x attributes Show x attributes object\n",
            "Values are a or b.\n",
            "Minimum length is 3",
            ", maximum length is",
            ".",
            "curl \\\n",
            " --data '",
            "\"",
            "Request example\n",
            "{\"a\"=>",
            "Response examples (200)\n",
            "é",
            "201 application/json\n",
        ];
        let mut seed = 11u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..16 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let _ = recover(&t);
        }
    }
}
