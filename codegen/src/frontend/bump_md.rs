//! Bump.sh Markdown operation pages (FORMATS.md §6, seed 003), with or without their line
//! breaks.
//!
//! The page is read by anchors, never by line structure, so a page whose every whitespace run a
//! crawler collapsed to one space reads the same as the original:
//!
//! * the footer `[Powered by Bump.sh](https://bump.sh)` ends the page;
//! * `**METHOD /path**` splits the title (before) from the descriptions (after);
//! * sections split **only at known labels** valid where they occur (`## Servers`,
//!   `## Authentication methods`, `## Parameters`, `### Path parameters`, `### Query parameters`,
//!   `### Headers`, `### Cookies`, `### Body:`, `## Responses`, `### CODE`, `#### Headers`,
//!   `#### Body:`); a label out of place is description text;
//! * items split only at `- **NAME** (` followed by a balanced group that parses as a type
//!   ([`super::bump_types`]); bold prose is not an item.
//!
//! The format does not carry `required` (path parameters are required anyway; everything else
//! gets `x-cpaas-required-unknown`), enums, constraints, examples, the operationId or the type
//! of an authentication method. On collapsed pages nesting is lost too: fields come out flat.

use serde_json::{Map, Value, json};

use super::recovered::Recovered;
use super::bump_types::{self, TypeString, balanced_group, insert_property};
use crate::diag::{Diagnostic, line_col, pointer_token};

const FOOTER: &str = "[Powered by Bump.sh](https://bump.sh)";
const METHODS: [&str; 8] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
];

/// Humanised authentication method names whose scheme is known from the provider's convention
/// (the Bump.sh page shows only the humanised scheme key): `(page name, scheme key, scheme)`.
const KNOWN_SCHEMES: [(&str, &str, &str); 1] = [(
    "Account sid auth token",
    "accountSid_authToken",
    r#"{"type": "http", "scheme": "basic"}"#,
)];

/// Recovers the one operation of a Bump.sh Markdown page as an OpenAPI 3.1 document.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Page::new(text).run()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Servers,
    Auth,
    Parameters,
    ParamSection(&'static str),
    Body,
    Responses,
    Code,
    RespHeaders,
    RespBody,
}

/// A section label: kind, where it starts, where its label text ends.
#[derive(Debug, Clone)]
struct Label {
    kind: Kind,
    start: usize,
    end: usize,
    /// For `### CODE`: the code.
    code: String,
}

/// A field or parameter item: `- **NAME** (TYPE) DESCRIPTION`.
#[derive(Debug, Clone)]
struct Item {
    name: String,
    /// Absolute byte offset of the `-`.
    at: usize,
    ty: TypeString,
    desc: String,
    /// Column of the `-` on its line; `None` on collapsed pages (nesting unknown).
    indent: Option<usize>,
    children: Vec<Item>,
}

#[derive(Debug, Default)]
struct Response {
    code: String,
    at: usize,
    desc: String,
    headers: Vec<Item>,
    body: Option<(String, Value)>,
}

struct Page<'a> {
    text: &'a str,
    collapsed: bool,
    diags: Vec<Diagnostic>,
    op_ptr: String,
    warned_nesting: bool,
}

impl<'a> Page<'a> {
    fn new(text: &'a str) -> Self {
        Page {
            text,
            collapsed: !text.contains('\n'),
            diags: Vec::new(),
            op_ptr: String::new(),
            warned_nesting: false,
        }
    }

    fn warn(&mut self, code: &'static str, at: usize, pointer: Option<String>, msg: String) {
        let mut d = Diagnostic::warning(code, msg).at_offset(self.text, at);
        if let Some(p) = pointer {
            d = d.pointer(p);
        }
        self.diags.push(d);
    }

    fn error(&self, code: &'static str, at: usize, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, msg).at_offset(self.text, at)
    }

    fn run(mut self) -> Result<Recovered, Diagnostic> {
        let text = self.text;
        let end = match text.rfind(FOOTER) {
            Some(i) => i,
            None => {
                self.warn(
                    "bump_md.no-footer",
                    text.len(),
                    None,
                    format!("no `{FOOTER}` footer: the page may be cut short; read to the end"),
                );
                text.len()
            }
        };
        let (m_start, method, path, m_end) = self.method_line(end)?;
        self.op_ptr = format!("/paths/{}/{}", pointer_token(&path), method);

        let title = text[..m_start].trim().trim_start_matches('#').trim();
        let labels = self.labels(m_end, end);
        let pre_end = labels.first().map_or(end, |l| l.start);
        let pre = text[m_end..pre_end].trim();

        let mut servers: Vec<Value> = Vec::new();
        let mut schemes: Vec<(String, Value)> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        let mut body: Option<(String, Value)> = None;
        let mut responses: Vec<Response> = Vec::new();

        for (i, l) in labels.iter().enumerate() {
            let next = labels.get(i + 1).map_or(end, |n| n.start);
            let content = &text[l.end..next];
            match l.kind {
                Kind::Servers => servers = self.servers(l.end, content),
                Kind::Auth => schemes = self.auth(l.end, content),
                Kind::Parameters => {
                    if !content.trim().is_empty() {
                        self.warn(
                            "bump_md.stray-text",
                            l.end,
                            Some(self.op_ptr.clone()),
                            format!("text after `## Parameters` ignored: {}", short(content)),
                        );
                    }
                }
                Kind::ParamSection(loc) => {
                    let (_, items) = self.items(l.end, content)?;
                    self.flat_warning(&items, l.start);
                    for it in items {
                        let n = params.len();
                        params.push(self.parameter(loc, it, n));
                    }
                }
                Kind::Body => {
                    let ptr = format!("{}/requestBody", self.op_ptr);
                    body = Some(self.media(l.end, content, &ptr)?);
                }
                Kind::Responses => {
                    if !content.trim().is_empty() {
                        self.warn(
                            "bump_md.stray-text",
                            l.end,
                            Some(self.op_ptr.clone()),
                            format!("text after `## Responses` ignored: {}", short(content)),
                        );
                    }
                }
                Kind::Code => responses.push(Response {
                    code: l.code.clone(),
                    at: l.start,
                    desc: content.trim().to_string(),
                    ..Default::default()
                }),
                Kind::RespHeaders => {
                    let (_, items) = self.items(l.end, content)?;
                    self.flat_warning(&items, l.start);
                    if let Some(r) = responses.last_mut() {
                        r.headers.extend(items);
                    }
                }
                Kind::RespBody => {
                    let code = responses.last().map(|r| r.code.clone()).unwrap_or_default();
                    let ptr = format!("{}/responses/{}", self.op_ptr, pointer_token(&code));
                    let media = self.media(l.end, content, &ptr)?;
                    if let Some(r) = responses.last_mut() {
                        r.body = Some(media);
                    }
                }
            }
        }

        // Descriptions: the operation's (Bump shows its summary as the title, and Twilio-style
        // specs repeat the summary as the description) then the path item's.
        let (op_desc, path_desc) = if pre.is_empty() {
            (None, None)
        } else if !title.is_empty() && pre.starts_with(title) {
            let rest = pre[title.len()..].trim();
            (
                Some(title.to_string()),
                (!rest.is_empty()).then(|| rest.to_string()),
            )
        } else {
            self.warn(
                "bump_md.description-owner",
                m_end,
                Some(format!("/paths/{}/description", pointer_token(&path))),
                "the text after the method line does not repeat the title; read it as the path \
                 item's description (the page does not say whether the operation or the path \
                 item owns it)"
                    .to_string(),
            );
            (None, Some(pre.to_string()))
        };

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
        if let Some((mt, schema)) = body {
            let mut media = Map::new();
            if schema.as_object().is_some_and(|o| !o.is_empty()) {
                media.insert("schema".into(), schema);
            }
            op.insert(
                "requestBody".into(),
                json!({"content": {mt: Value::Object(media)}}),
            );
        }
        let mut resp_map = Map::new();
        for r in responses {
            let ptr = format!("{}/responses/{}", self.op_ptr, pointer_token(&r.code));
            let mut m = Map::new();
            m.insert("description".into(), json!(r.desc));
            if !r.headers.is_empty() {
                let mut hs = Map::new();
                for h in r.headers {
                    if hs.contains_key(&h.name) {
                        self.warn(
                            "bump_md.duplicate-name",
                            h.at,
                            Some(format!("{ptr}/headers/{}", pointer_token(&h.name))),
                            format!("response header `{}` listed twice; kept the first", h.name),
                        );
                        continue;
                    }
                    let mut hm = Map::new();
                    if !h.desc.is_empty() {
                        hm.insert("description".into(), json!(h.desc));
                    }
                    hm.insert("schema".into(), h.ty.to_schema());
                    hs.insert(h.name, Value::Object(hm));
                }
                m.insert("headers".into(), Value::Object(hs));
            }
            if let Some((mt, schema)) = r.body {
                let mut media = Map::new();
                if schema.as_object().is_some_and(|o| !o.is_empty()) {
                    media.insert("schema".into(), schema);
                }
                m.insert("content".into(), json!({mt: Value::Object(media)}));
            }
            if resp_map.contains_key(&r.code) {
                self.warn(
                    "bump_md.duplicate-name",
                    r.at,
                    Some(ptr),
                    format!("response {} listed twice; kept the first", r.code),
                );
                continue;
            }
            resp_map.insert(r.code, Value::Object(m));
        }
        if resp_map.is_empty() {
            self.warn(
                "bump_md.no-responses",
                end,
                Some(self.op_ptr.clone()),
                "no `## Responses` section with a `### CODE` heading: responses unknown"
                    .to_string(),
            );
        }
        op.insert("responses".into(), Value::Object(resp_map));

        let mut components = Map::new();
        if !schemes.is_empty() {
            let req: Vec<Value> = schemes.iter().map(|(k, _)| json!({ k: [] })).collect();
            op.insert("security".into(), Value::Array(req));
            let mut ss = Map::new();
            for (k, v) in schemes {
                ss.insert(k, v);
            }
            components.insert("securitySchemes".into(), Value::Object(ss));
        }

        let mut path_item = Map::new();
        if let Some(d) = path_desc {
            path_item.insert("description".into(), json!(d));
        }
        path_item.insert(method.clone(), Value::Object(op));

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
        rec.locations
            .insert(self.op_ptr.clone(), line_col(text, m_start).0);
        rec.diagnostics = self.diags;
        Ok(rec)
    }

    /// Finds `**METHOD /path**`: (start of `**`, lowercase method, path, end of closing `**`).
    fn method_line(&self, end: usize) -> Result<(usize, String, String, usize), Diagnostic> {
        let text = &self.text[..end];
        let mut best: Option<(usize, &str)> = None;
        for m in METHODS {
            if let Some(i) = text.find(&format!("**{m} /")) {
                if best.is_none_or(|(b, _)| i < b) {
                    best = Some((i, m));
                }
            }
        }
        let Some((start, m)) = best else {
            return Err(self.error(
                "bump_md.no-method",
                0,
                "expected a `**METHOD /path**` line (for example `**POST /v1/Keys**`) naming the \
                 operation",
            ));
        };
        let path_start = start + 2 + m.len() + 1;
        let rest = &text[path_start..];
        let close = rest.find("**").ok_or_else(|| {
            self.error(
                "bump_md.method-unclosed",
                path_start,
                "expected `**` closing the `**METHOD /path**` line",
            )
        })?;
        let path = &rest[..close];
        if path.is_empty() || path.chars().any(char::is_whitespace) {
            return Err(self.error(
                "bump_md.method-path",
                path_start,
                format!(
                    "expected a path without spaces between `**{m} ` and `**`, found `{}`",
                    short(path)
                ),
            ));
        }
        Ok((
            start,
            m.to_ascii_lowercase(),
            path.to_string(),
            path_start + close + 2,
        ))
    }

    /// Section labels between `from` and `to`, kept only where the page structure allows them.
    fn labels(&mut self, from: usize, to: usize) -> Vec<Label> {
        #[derive(PartialEq, PartialOrd, Clone, Copy)]
        enum St {
            Pre,
            Servers,
            Auth,
            Params,
            Responses,
            InResp,
        }
        let text = &self.text[..to];
        let mut out: Vec<Label> = Vec::new();
        let mut st = St::Pre;
        let mut pos = from;
        while let Some(rel) = text.get(pos..).and_then(|r| r.find('#')) {
            let i = pos + rel;
            pos = i + 1;
            let boundary = i == 0 || text[..i].ends_with(char::is_whitespace);
            if !boundary {
                continue;
            }
            let hashes = text[i..].bytes().take_while(|&b| b == b'#').count();
            let after = i + hashes;
            if !(2..=4).contains(&hashes) || !text[after..].starts_with(' ') {
                pos = after;
                continue;
            }
            let head = &text[after + 1..];
            let word_end = |w: &str| {
                head.starts_with(w)
                    && head[w.len()..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace)
            };
            let mut found: Option<(Kind, usize, String)> = None;
            match hashes {
                2 => {
                    for (w, k) in [
                        ("Servers", Kind::Servers),
                        ("Authentication methods", Kind::Auth),
                        ("Parameters", Kind::Parameters),
                        ("Responses", Kind::Responses),
                    ] {
                        if word_end(w) {
                            found = Some((k, w.len(), String::new()));
                        }
                    }
                }
                3 => {
                    for (w, loc) in [
                        ("Path parameters", "path"),
                        ("Query parameters", "query"),
                        ("Headers", "header"),
                        ("Cookies", "cookie"),
                        ("Cookie parameters", "cookie"),
                    ] {
                        if word_end(w) {
                            found = Some((Kind::ParamSection(loc), w.len(), String::new()));
                        }
                    }
                    if head.starts_with("Body:") {
                        found = Some((Kind::Body, 5, String::new()));
                    }
                    let code: String = head.chars().take_while(|c| !c.is_whitespace()).collect();
                    if is_status_code(&code) {
                        found = Some((Kind::Code, code.len(), code));
                    }
                }
                _ => {
                    if word_end("Headers") {
                        found = Some((Kind::RespHeaders, 7, String::new()));
                    }
                    if head.starts_with("Body:") {
                        found = Some((Kind::RespBody, 5, String::new()));
                    }
                }
            }
            let Some((kind, len, code)) = found else {
                continue;
            };
            let ok = match kind {
                Kind::Servers => st == St::Pre,
                Kind::Auth => st <= St::Servers,
                Kind::Parameters => st <= St::Auth,
                Kind::ParamSection(_) | Kind::Body => st <= St::Params,
                Kind::Responses => st <= St::Params,
                Kind::Code => st >= St::Responses,
                Kind::RespHeaders | Kind::RespBody => st == St::InResp,
            };
            if !ok {
                continue;
            }
            st = match kind {
                Kind::Servers => St::Servers,
                Kind::Auth => St::Auth,
                Kind::Parameters | Kind::ParamSection(_) | Kind::Body => St::Params,
                Kind::Responses => St::Responses,
                Kind::Code | Kind::RespHeaders | Kind::RespBody => St::InResp,
            };
            let end = after + 1 + len;
            out.push(Label {
                kind,
                start: i,
                end,
                code,
            });
            pos = end;
        }
        out
    }

    /// `- DESCRIPTION-or-URL: URL ()` items.
    fn servers(&mut self, base: usize, content: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let rest = &content[pos..];
            let trimmed = rest.trim_start();
            if trimmed.is_empty() {
                break;
            }
            let item_at = pos + (rest.len() - trimmed.len());
            let Some(body) = trimmed.strip_prefix("- ") else {
                self.warn(
                    "bump_md.server-item",
                    base + item_at,
                    Some("/servers".into()),
                    format!(
                        "expected `- DESCRIPTION: URL ()`, found `{}`",
                        short(trimmed)
                    ),
                );
                break;
            };
            let body_at = item_at + 2;
            // The item ends at the first ` (` group that closes and is followed by the end or
            // by the next `- `.
            let mut search = 0;
            let mut parsed = None;
            while let Some(rel) = body.get(search..).and_then(|b| b.find('(')) {
                let open = search + rel;
                search = open + 1;
                let Some(close) = balanced_group(body, open) else {
                    continue;
                };
                let after = body[close + 1..].trim_start();
                if after.is_empty() || after.starts_with("- ") {
                    parsed = Some((open, close));
                    break;
                }
            }
            let Some((open, close)) = parsed else {
                self.warn(
                    "bump_md.server-item",
                    base + item_at,
                    Some("/servers".into()),
                    format!("expected `- DESCRIPTION: URL ()`, found `{}`", short(body)),
                );
                break;
            };
            let head = body[..open].trim();
            let (desc, url) = match head.rsplit_once(": ") {
                Some((d, u)) if !u.trim().is_empty() && !u.trim().contains(' ') => {
                    (d.trim(), u.trim())
                }
                _ => (head, head),
            };
            let vars = body[open + 1..close].trim();
            if !vars.is_empty() {
                self.warn(
                    "bump_md.server-variables",
                    base + body_at + open,
                    Some(format!("/servers/{}", out.len())),
                    format!("server variables `{}` not read", short(vars)),
                );
            }
            let mut s = Map::new();
            s.insert("url".into(), json!(url));
            if desc != url && !desc.is_empty() {
                s.insert("description".into(), json!(desc));
            }
            out.push(Value::Object(s));
            pos = body_at + close + 1;
        }
        out
    }

    /// `- HUMANISED NAME` items -> security scheme keys and schemes.
    fn auth(&mut self, base: usize, content: &str) -> Vec<(String, Value)> {
        let norm = content.split_whitespace().collect::<Vec<_>>().join(" ");
        let norm = norm.strip_prefix("- ").unwrap_or(&norm);
        let mut out: Vec<(String, Value)> = Vec::new();
        for name in norm.split(" - ").map(str::trim).filter(|n| !n.is_empty()) {
            let known = KNOWN_SCHEMES.iter().find(|(n, _, _)| *n == name);
            let (key, scheme) = match known {
                Some((_, key, scheme)) => (
                    (*key).to_string(),
                    serde_json::from_str(scheme).unwrap_or(Value::Null),
                ),
                None => {
                    let key = camel_key(name);
                    self.warn(
                        "bump_md.auth-type-unknown",
                        base,
                        Some(format!(
                            "/components/securitySchemes/{}",
                            pointer_token(&key)
                        )),
                        format!(
                            "authentication method \"{name}\": the page shows only its name, not \
                             its type; configure it by hand"
                        ),
                    );
                    (
                        key,
                        json!({"x-cpaas-scheme-type-unknown": true, "description": name}),
                    )
                }
            };
            if !out.iter().any(|(k, _)| *k == key) {
                out.push((key, scheme));
            }
        }
        out
    }

    /// Splits a section into its lead text and its items.
    fn items(&mut self, base: usize, content: &str) -> Result<(String, Vec<Item>), Diagnostic> {
        let mut starts: Vec<(usize, usize, String, TypeString)> = Vec::new(); // (at, desc start, name, type)
        let mut pos = 0;
        while let Some(rel) = content.get(pos..).and_then(|r| r.find("- **")) {
            let at = pos + rel;
            pos = at + 1;
            if at > 0 && !content[..at].ends_with(char::is_whitespace) {
                continue;
            }
            let name_start = at + 4;
            // Names are short: look for the closing `**` in a bounded window only.
            let mut window_end = (name_start + 204).min(content.len());
            while !content.is_char_boundary(window_end) {
                window_end -= 1;
            }
            let Some(name_len) = content[name_start..window_end].find("**") else {
                continue;
            };
            let name = &content[name_start..name_start + name_len];
            if name.is_empty()
                || name.len() > 200
                || name.contains('\n')
                || name.starts_with(' ')
                || name.ends_with(' ')
            {
                continue;
            }
            let open = name_start + name_len + 3;
            if content.get(name_start + name_len + 2..=open) != Some(" (") {
                continue;
            }
            let Some(close) = balanced_group(content, open) else {
                if starts_like_type(&content[open + 1..]) {
                    return Err(self.error(
                        "bump_md.type-unbalanced",
                        base + open,
                        format!(
                            "expected `)` closing the type of `{name}` (types are `(TYPE)` with \
                             balanced parentheses, for example `(string(date-time) | null)`)"
                        ),
                    ));
                }
                continue;
            };
            let ty_text = &content[open + 1..close];
            match bump_types::parse(ty_text) {
                Ok(ty) => {
                    starts.push((at, close + 1, name.to_string(), ty));
                    pos = close + 1;
                }
                Err(e) => {
                    if starts_like_type(ty_text) {
                        self.warn(
                            "bump_md.not-a-type",
                            base + open + 1 + e.offset,
                            Some(self.op_ptr.clone()),
                            format!(
                                "`**{name}** ({})` reads as prose, not an item: {}",
                                short(ty_text),
                                e.expected
                            ),
                        );
                    }
                }
            }
        }
        let lead_end = starts.first().map_or(content.len(), |s| s.0);
        let lead = clean_desc(&content[..lead_end]);
        let mut flat = Vec::new();
        for (i, (at, desc_start, name, ty)) in starts.iter().enumerate() {
            let desc_end = starts.get(i + 1).map_or(content.len(), |n| n.0);
            let indent = if self.collapsed {
                None
            } else {
                let line_start = content[..*at].rfind('\n').map_or(0, |n| n + 1);
                Some(content[line_start..*at].chars().count())
            };
            flat.push(Item {
                name: name.clone(),
                at: base + at,
                ty: ty.clone(),
                desc: clean_desc(&content[*desc_start..desc_end]),
                indent,
                children: Vec::new(),
            });
        }
        Ok((lead, nest(flat)))
    }

    fn flat_warning(&mut self, items: &[Item], at: usize) {
        if self.collapsed && !self.warned_nesting && items.iter().any(|i| i.ty.is_object()) {
            self.warned_nesting = true;
            self.warn(
                "bump_md.nesting-unknown",
                at,
                Some(self.op_ptr.clone()),
                "the page's line breaks were collapsed, so nested fields cannot be told from \
                 siblings: fields are listed flat"
                    .to_string(),
            );
        }
    }

    /// `MT (TYPE) [DESCRIPTION] {items}` after `### Body:` or `#### Body:`.
    fn media(
        &mut self,
        base: usize,
        content: &str,
        ptr: &str,
    ) -> Result<(String, Value), Diagnostic> {
        let trimmed = content.trim_start();
        let off = content.len() - trimmed.len();
        let mt_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let mt = &trimmed[..mt_len];
        if !mt.contains('/') {
            return Err(self.error(
                "bump_md.body-media-type",
                base + off,
                format!(
                    "expected a media type after `Body:` (for example `application/json`), found \
                     `{}`",
                    short(mt)
                ),
            ));
        }
        let after = &trimmed[mt_len..];
        let after_trim = after.trim_start();
        let group_at = off + mt_len + (after.len() - after_trim.len());
        let (ty, rest_at) = if after_trim.starts_with('(') {
            let Some(close) = balanced_group(content, group_at) else {
                return Err(self.error(
                    "bump_md.type-unbalanced",
                    base + group_at,
                    format!("expected `)` closing the type of the `{mt}` body"),
                ));
            };
            let t = &content[group_at + 1..close];
            let ty = bump_types::parse(t).map_err(|e| {
                self.error(
                    "bump_md.bad-type",
                    base + group_at + 1 + e.offset,
                    format!("in the type of the `{mt}` body: expected {}", e.expected),
                )
            })?;
            (Some(ty), close + 1)
        } else {
            self.warn(
                "bump_md.body-type",
                base + group_at,
                Some(ptr.to_string()),
                format!("no `(TYPE)` after `Body: {mt}`: schema type unknown"),
            );
            (None, group_at)
        };
        let (lead, items) = self.items(base + rest_at, &content[rest_at..])?;
        self.flat_warning(&items, base + rest_at);
        let mut schema = ty.as_ref().map_or(json!({}), TypeString::to_schema);
        if let Value::Object(m) = &mut schema {
            if !lead.is_empty() {
                m.insert("description".into(), json!(lead));
            }
        }
        if !items.is_empty() {
            if schema.as_object().is_some_and(Map::is_empty) {
                schema = json!({"type": "object"});
            }
            self.attach(&mut schema, items, ptr);
        }
        mark_required_unknown(&mut schema, 0);
        Ok((mt.to_string(), schema))
    }

    /// Adds items as properties of `schema` (or of its array items' object).
    fn attach(&mut self, schema: &mut Value, items: Vec<Item>, ptr: &str) {
        let owner_is_object = bump_types::properties_owner(schema).is_some();
        if !owner_is_object {
            self.warn(
                "bump_md.children-of-scalar",
                items.first().map_or(0, |i| i.at),
                Some(ptr.to_string()),
                "fields listed under a value that is not an object: read them as its properties"
                    .to_string(),
            );
        }
        for it in items {
            let mut child = it.ty.to_schema();
            if let Value::Object(m) = &mut child {
                if !it.desc.is_empty() {
                    m.insert("description".into(), json!(it.desc));
                }
            }
            let child_ptr = format!("{ptr}/properties/{}", pointer_token(&it.name));
            if !it.children.is_empty() {
                self.attach(&mut child, it.children, &child_ptr);
            }
            let owner = match bump_types::properties_owner(schema) {
                Some(o) => o,
                None => match schema.as_object_mut() {
                    Some(o) => o,
                    None => continue,
                },
            };
            if !insert_property(owner, &it.name, child) {
                self.warn(
                    "bump_md.duplicate-name",
                    it.at,
                    Some(child_ptr),
                    format!(
                        "field `{}` listed twice at one level (a nested field on a collapsed \
                         page?): kept both, the second under x-cpaas-duplicate-properties",
                        it.name
                    ),
                );
            }
        }
    }

    fn parameter(&mut self, loc: &str, it: Item, index: usize) -> Value {
        let mut p = Map::new();
        p.insert("name".into(), json!(it.name));
        p.insert("in".into(), json!(loc));
        if !it.desc.is_empty() {
            p.insert("description".into(), json!(it.desc));
        }
        if loc == "path" {
            p.insert("required".into(), json!(true));
        } else {
            p.insert("x-cpaas-required-unknown".into(), json!(true));
        }
        let mut schema = it.ty.to_schema();
        if !it.children.is_empty() {
            let ptr = format!("{}/parameters/{index}/schema", self.op_ptr);
            self.attach(&mut schema, it.children, &ptr);
        }
        mark_required_unknown(&mut schema, 0);
        p.insert("schema".into(), schema);
        Value::Object(p)
    }
}

/// Nests items by the column of their `-` (un-collapsed pages); flat when columns are unknown.
fn nest(flat: Vec<Item>) -> Vec<Item> {
    let mut roots: Vec<Item> = Vec::new();
    let mut stack: Vec<Item> = Vec::new();
    fn attach(n: Item, stack: &mut [Item], roots: &mut Vec<Item>) {
        match stack.last_mut() {
            Some(parent) => parent.children.push(n),
            None => roots.push(n),
        }
    }
    for it in flat {
        let ind = it.indent.unwrap_or(0);
        while stack.last().is_some_and(|t| t.indent.unwrap_or(0) >= ind) {
            if let Some(n) = stack.pop() {
                attach(n, &mut stack, &mut roots);
            }
        }
        stack.push(it);
    }
    while let Some(n) = stack.pop() {
        attach(n, &mut stack, &mut roots);
    }
    roots
}

/// Marks every object schema: the page never renders `required`.
fn mark_required_unknown(schema: &mut Value, depth: usize) {
    if depth > 64 {
        return;
    }
    let Value::Object(m) = schema else { return };
    let is_object = match m.get("type") {
        Some(Value::String(t)) => t == "object",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "object"),
        _ => false,
    };
    if is_object {
        m.insert("x-cpaas-required-unknown".into(), json!(true));
    }
    if let Some(Value::Object(props)) = m.get_mut("properties") {
        for v in props.values_mut() {
            mark_required_unknown(v, depth + 1);
        }
    }
    if let Some(items) = m.get_mut("items") {
        mark_required_unknown(items, depth + 1);
    }
    for key in ["anyOf", "x-cpaas-duplicate-properties"] {
        if let Some(Value::Array(xs)) = m.get_mut(key) {
            for x in xs {
                if key == "anyOf" {
                    mark_required_unknown(x, depth + 1);
                } else if let Some(s) = x.get_mut("schema") {
                    mark_required_unknown(s, depth + 1);
                }
            }
        }
    }
}

/// True when a parenthesised text begins like a type (so a failure to parse is an error in a
/// type, not prose in parentheses).
fn starts_like_type(s: &str) -> bool {
    let w: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let next = s[w.len()..].chars().next();
    bump_types::BASE_TYPES.contains(&w.as_str())
        && w != "any"
        && next.is_none_or(|c| matches!(c, '(' | '[' | ' ' | '|' | ')'))
        || w == "null" && next.is_none_or(|c| matches!(c, ' ' | '|' | ')'))
}

fn is_status_code(s: &str) -> bool {
    s == "default"
        || (s.len() == 3
            && s.starts_with(['1', '2', '3', '4', '5'])
            && (s[1..].bytes().all(|b| b.is_ascii_digit()) || &s[1..] == "XX"))
}

/// Trims a description; on un-collapsed pages drops the continuation indentation.
fn clean_desc(s: &str) -> String {
    s.trim()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `Bearer auth` -> `bearerAuth`.
fn camel_key(name: &str) -> String {
    let mut out = String::new();
    for (i, w) in name.split_whitespace().enumerate() {
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            if i == 0 {
                out.extend(f.to_lowercase());
            } else {
                out.extend(f.to_uppercase());
            }
            out.push_str(cs.as_str());
        }
    }
    out
}

fn short(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/seeds/003_a4693631427b5900.txt"
    );

    fn doc(t: &str) -> Value {
        match recover(t) {
            Ok(r) => r.doc,
            Err(e) => panic!("{e}"),
        }
    }

    const PAGE: &str = "# Create widget\n\n**POST /v1/Widgets/{Sid}**\n\nCreate widget\n\nWidgets.\n\n\
## Servers\n\n- Production: https://api.example.com ()\n\n## Authentication methods\n\n\
- Account sid auth token\n\n## Parameters\n\n### Path parameters\n\n- **Sid** (string)\n  The sid.\n\n\
### Query parameters\n\n- **Page** (integer(int32) | null)\n  **Note that** pages start at 0.\n\n\
### Body: application/x-www-form-urlencoded (object)\n\n- **Name** (string)\n  A name. **Note that it is (short)**.\n\
- **Tags** (array[string])\n  Tags.\n\n## Responses\n\n### 201\nCreated\n\n#### Headers\n\n\
- **X-Rate** (integer)\n  Rate.\n\n#### Body: application/json (object)\n\n\
- **created** (string(date-time-rfc-2822) | null)\n  When.\n\n### 404\nNot found\n\n\
[Powered by Bump.sh](https://bump.sh)\n";

    #[test]
    fn collapsed_and_uncollapsed_pages_read_the_same() {
        let collapsed = PAGE.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!collapsed.contains('\n'));
        let a = doc(PAGE);
        let b = doc(&collapsed);
        assert_eq!(a, b);
        let op = &a["paths"]["/v1/Widgets/{Sid}"]["post"];
        assert_eq!(op["summary"], "Create widget");
        assert_eq!(op["description"], "Create widget");
        assert_eq!(a["paths"]["/v1/Widgets/{Sid}"]["description"], "Widgets.");
        assert_eq!(
            a["servers"],
            json!([{"url": "https://api.example.com", "description": "Production"}])
        );
        assert_eq!(
            op["parameters"][1]["schema"],
            json!({"type": ["integer", "null"], "format": "int32"})
        );
        assert_eq!(op["parameters"][0]["required"], true);
        assert_eq!(op["parameters"][1]["x-cpaas-required-unknown"], true);
        let body = &op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
        assert_eq!(body["x-cpaas-required-unknown"], true);
        assert_eq!(
            body["properties"]["Tags"],
            json!({"type": "array", "items": {"type": "string"}, "description": "Tags."})
        );
        let r = &op["responses"]["201"];
        assert_eq!(r["description"], "Created");
        assert_eq!(
            r["content"]["application/json"]["schema"]["properties"]["created"]["format"],
            "date-time-rfc-2822"
        );
        assert_eq!(op["responses"]["404"]["description"], "Not found");
        assert_eq!(op["security"], json!([{"accountSid_authToken": []}]));
        assert!(op.get("operationId").is_none());
    }

    #[test]
    fn bold_prose_is_not_an_item() {
        let d = doc(PAGE);
        let body = &d["paths"]["/v1/Widgets/{Sid}"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
            ["schema"]["properties"];
        assert_eq!(
            body.as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>()),
            Some(vec!["Name".to_string(), "Tags".to_string()])
        );
        assert_eq!(
            body["Name"]["description"],
            "A name. **Note that it is (short)**."
        );
        // Even in item position, a bold word whose parentheses hold no type is prose.
        let t = "# T **GET /a** ## Responses ### 200 OK #### Body: application/json (object) \
                 - **id** (string) The id. - **Note** (see below) this is prose. \
                 [Powered by Bump.sh](https://bump.sh)";
        let d = doc(t);
        let s =
            &d["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(s["properties"].as_object().map(Map::len), Some(1));
        assert_eq!(
            s["properties"]["id"]["description"],
            "The id. - **Note** (see below) this is prose."
        );
    }

    #[test]
    fn nesting_follows_indentation_unless_collapsed() {
        let t = "# T\n**GET /a**\n## Responses\n### 200\nOK\n#### Body: application/json (object)\n\
- **meta** (object)\n  Paging.\n  - **page** (integer)\n    Page.\n- **items** (array[object])\n  \
- **id** (string)\n[Powered by Bump.sh](https://bump.sh)";
        let nested = doc(t);
        let s = &nested["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(
            s["properties"]["meta"]["properties"]["page"]["type"],
            "integer"
        );
        assert_eq!(
            s["properties"]["items"]["items"]["properties"]["id"]["type"],
            "string"
        );
        let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let r = recover(&collapsed).map_err(|e| e.to_string());
        let Ok(r) = r else { panic!("{r:?}") };
        let s = &r.doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        let keys: Vec<&String> = s["properties"]
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys, ["meta", "page", "items", "id"]);
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.code == "bump_md.nesting-unknown")
        );
    }

    #[test]
    fn seed_003() {
        let Ok(t) = std::fs::read_to_string(SEED) else {
            eprintln!("note: {SEED} missing; skipped");
            return;
        };
        let r = match recover(&t) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        let op = &r.doc["paths"]["/2010-04-01/Accounts/{AccountSid}/Keys.json"]["post"];
        assert_eq!(op["summary"], "Create new key");
        assert_eq!(
            r.doc["paths"]["/2010-04-01/Accounts/{AccountSid}/Keys.json"]["description"],
            "API keys"
        );
        let s = &op["responses"]["201"]["content"]["application/json"]["schema"];
        assert_eq!(s["properties"].as_object().map(Map::len), Some(5));
        assert!(
            s["properties"]["secret"]["description"]
                .as_str()
                .is_some_and(|d| d.ends_with("first created.**"))
        );
        assert_eq!(
            s["properties"]["date_created"],
            json!({"type": ["string", "null"], "format": "date-time-rfc-2822",
                   "description": "The date and time in GMT that the API Key was created specified in [RFC 2822](https://www.ietf.org/rfc/rfc2822.txt) format."})
        );
        assert_eq!(
            op["responses"]["201"]["headers"].as_object().map(Map::len),
            Some(5)
        );
        assert_eq!(
            r.doc["components"]["securitySchemes"]["accountSid_authToken"],
            json!({"type": "http", "scheme": "basic"})
        );
        assert_eq!(
            r.locations
                .get("/paths/~12010-04-01~1Accounts~1{AccountSid}~1Keys.json/post"),
            Some(&1)
        );
    }

    #[test]
    fn bad_input_is_a_located_error() {
        let e = recover("# Title\n\nno method here\n").err();
        assert!(
            e.as_ref()
                .is_some_and(|e| e.code == "bump_md.no-method" && e.line == 1)
        );
        let e = recover("# T **GET /a** ## Responses ### 200 OK #### Body: application/json (object) - **id** (string(uri) The id.")
            .err();
        let Some(e) = e else { panic!("accepted") };
        assert_eq!(e.code, "bump_md.type-unbalanced");
        assert_eq!((e.line, e.col), (1, 86));
        let e = recover(
            "x\n**GET /a**\n## Responses\n### 200\n#### Body: application/json (array[string)\n",
        )
        .err();
        let Some(e) = e else { panic!("accepted") };
        assert_eq!(e.code, "bump_md.bad-type");
        assert_eq!(e.line, 5);
        let e = recover("**GET /a").err();
        assert!(e.is_some_and(|e| e.code == "bump_md.method-unclosed"));
        assert!(recover("").is_err());
    }

    #[test]
    fn unknown_auth_names_get_untyped_schemes_and_a_warning() {
        let r = recover(
            "# T **GET /a** ## Authentication methods - Bearer auth - Account sid auth token ## Responses ### 204 No content [Powered by Bump.sh](https://bump.sh)",
        );
        let Ok(r) = r else { panic!() };
        assert_eq!(
            r.doc["paths"]["/a"]["get"]["security"],
            json!([{"bearerAuth": []}, {"accountSid_authToken": []}])
        );
        assert_eq!(
            r.doc["components"]["securitySchemes"]["bearerAuth"]["x-cpaas-scheme-type-unknown"],
            true
        );
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.code == "bump_md.auth-type-unknown"
                    && d.pointer.as_deref() == Some("/components/securitySchemes/bearerAuth"))
        );
    }

    #[test]
    fn arbitrary_input_never_panics() {
        let pieces = [
            "**GET /a**",
            "## Servers",
            "- x: y ()",
            "## Responses",
            "### 200",
            "#### Body:",
            "application/json",
            "(object)",
            "- **a** (",
            "string",
            ")",
            "(",
            "**",
            "- ",
            "é",
            "#### Headers",
            "[Powered by Bump.sh](https://bump.sh)",
            "\n",
            "  ",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                t.push(' ');
            }
            let _ = recover(&t);
        }
    }
}
