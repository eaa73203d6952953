//! The operation of a Markdown page: the `**METHOD /path**` line, the title and descriptions
//! around it, and each section's contents put in place (through [`super::super::sections`]).

use serde_json::{Map, Value, json};

use super::items::Item;
use super::labels::Kind;
use super::page::{Page, short};
use crate::diag::{Diagnostic, line_col, pointer_token};
use crate::frontend::bump::sections::{self, METHODS, Operation};
use crate::frontend::recovered::Recovered;

const FOOTER: &str = "[Powered by Bump.sh](https://bump.sh)";

/// A `### CODE` heading and what follows it up to the next code.
#[derive(Debug, Default)]
struct Response {
    code: String,
    at: usize,
    desc: String,
    headers: Vec<Item>,
    body: Option<(String, Value)>,
}

impl Page<'_> {
    /// Reads the page into the OpenAPI document of its one operation.
    pub(super) fn run(mut self) -> Result<Recovered, Diagnostic> {
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
        self.op_ptr = sections::op_pointer(&path, &method);

        let title = text[..m_start].trim().trim_start_matches('#').trim();
        let labels = self.labels(m_end, end);
        let pre_end = labels.first().map_or(end, |l| l.start);
        let pre = text[m_end..pre_end].trim();

        let mut servers: Vec<Value> = Vec::new();
        let mut named = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        let mut body: Option<(String, Value)> = None;
        let mut responses: Vec<Response> = Vec::new();

        for (i, l) in labels.iter().enumerate() {
            let next = labels.get(i + 1).map_or(end, |n| n.start);
            let content = &text[l.end..next];
            match l.kind {
                Kind::Servers => servers = self.servers(l.end, content),
                Kind::Auth => named = self.auth(l.end, content),
                Kind::Parameters => self.stray(l.end, content, "## Parameters"),
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
                Kind::Responses => self.stray(l.end, content, "## Responses"),
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
        // specs repeat the summary as the description) then the path item's. Text that does
        // not repeat the title is the operation's: the page shows it once without its owner,
        // and the owner does not reach the generated code (an operation without a
        // description takes its path item's), so no warning.
        let (op_desc, path_desc) = if pre.is_empty() {
            (None, None)
        } else if !title.is_empty() && pre.starts_with(title) {
            let rest = pre[title.len()..].trim();
            (
                Some(title.to_string()),
                (!rest.is_empty()).then(|| rest.to_string()),
            )
        } else {
            (Some(pre.to_string()), None)
        };

        let request_body =
            body.map(|(mt, schema)| json!({"content": sections::media(mt, schema_media(schema))}));
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
                    let desc = (!h.desc.is_empty()).then(|| json!(h.desc));
                    hs.insert(h.name, sections::header(desc, h.ty.to_schema()));
                }
                m.insert("headers".into(), Value::Object(hs));
            }
            if let Some((mt, schema)) = r.body {
                m.insert("content".into(), sections::media(mt, schema_media(schema)));
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

        // The methods named, typed by their entries and by samples in the descriptions.
        let schemes = self.schemes(named, pre);
        let op = Operation {
            path,
            method,
            title: title.to_string(),
            description: op_desc,
            path_description: path_desc,
            servers,
            parameters: params,
            request_body,
            responses: resp_map,
            schemes,
        };
        Ok(op.into_recovered(line_col(text, m_start).0, self.diags))
    }

    /// Warns about text between `heading` (which has no text of its own) and the next label.
    pub(super) fn stray(&mut self, at: usize, content: &str, heading: &str) {
        if !content.trim().is_empty() {
            self.warn(
                "bump_md.stray-text",
                at,
                Some(self.op_ptr.clone()),
                format!("text after `{heading}` ignored: {}", short(content)),
            );
        }
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
}

/// The media object of a body: its schema, unless nothing is known of it (`{}`).
fn schema_media(schema: Value) -> Map<String, Value> {
    let mut media = Map::new();
    if schema.as_object().is_some_and(|o| !o.is_empty()) {
        media.insert("schema".into(), schema);
    }
    media
}
