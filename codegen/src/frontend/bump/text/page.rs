//! The text page being read: the title, the `METHOD /path` line (past newer UI chrome), the
//! section anchors, the descriptions, and the operation assembled from the sections and the
//! trailer (through [`crate::frontend::bump::sections`]).

use serde_json::{Map, Value, json};

use super::examples::{data_example, is_example_heading};
use super::state::{Page, Trailer};
use crate::diag::{Diagnostic, pointer_token};
use crate::frontend::bump::auth;
use crate::frontend::bump::sections::{self, METHODS, Operation};
use crate::frontend::recovered::Recovered;

impl Page<'_> {
    /// Records a warning at `line`:`col` about the node at `ptr`.
    pub(super) fn warn(
        &mut self,
        code: &'static str,
        line: usize,
        col: usize,
        ptr: &str,
        msg: String,
    ) {
        self.diags
            .push(Diagnostic::warning(code, msg).at(line, col).pointer(ptr));
    }

    /// Reads the page into the OpenAPI document of its one operation.
    pub(super) fn run(mut self) -> Result<Recovered, Diagnostic> {
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
        self.op_ptr = sections::op_pointer(&path, &method);
        let op_line = self.lines[m_idx].no;

        // Anchors.
        let mut anchors: Vec<(usize, &'static str)> = Vec::new();
        let mut trailer = n;
        for (j, l) in self.lines.iter().enumerate().skip(m_idx + 1) {
            if l.indent != 0 {
                continue;
            }
            let kind = match l.text {
                "Body" => Some("body"),
                "Authentication methods" => Some("auth"),
                "Responses" => Some("responses"),
                t => sections::param_section(|w| w == t).map(|(_, loc)| loc),
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
        let (op_desc, path_desc) = self.descriptions(&title, paras);

        let mut params: Vec<Value> = Vec::new();
        let mut body: Option<Value> = None;
        let mut responses = Map::new();
        let mut named = Vec::new();
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
                    // The page states no body type: fields show an object; without them the
                    // type is unknown (a string, a binary upload, an object without
                    // properties all read the same).
                    let mut schema = if nodes.is_empty() {
                        let line = &self.lines[start];
                        let (no, col) = (line.no, line.indent + 1);
                        self.warn(
                            "text_dump.body-type-unknown",
                            no,
                            col,
                            &ptr,
                            "the request body lists no fields and the page states no type: read \
                             as any value (an overlay beside the page can give its schema)"
                                .to_string(),
                        );
                        json!({})
                    } else {
                        json!({"type": "object"})
                    };
                    if !desc.is_empty() {
                        schema["description"] = json!(desc.join("\n"));
                    }
                    if !nodes.is_empty() {
                        self.fill_object(&mut schema, &nodes, &ptr, 0);
                    }
                    body = Some(schema);
                }
                "responses" => {
                    let nodes = self.list(&mut j, end, 0)?;
                    for node in nodes {
                        self.response(node, &mut responses);
                    }
                }
                "auth" => {
                    // `• NAME` bullets, with what is written under them.
                    for node in self.list(&mut j, end, 0)? {
                        let more = node.paras.join(" ");
                        named.extend(auth::entry(&node.head, &more, (node.line, node.col)));
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
        let Trailer {
            servers,
            auth: shown,
            mut req_example,
            resp_examples,
            curl_ct,
            curl_data,
        } = self.trailer(trailer, &path);

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

        let mut request_body = None;
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
            let mut media = Map::new();
            media.insert("schema".into(), schema);
            if let Some((ex, _)) = req_example.take() {
                media.insert("example".into(), ex);
            }
            request_body = Some(json!({"content": sections::media(ct, media)}));
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
        // The methods named, typed by their entries, the curl commands (`--user`: HTTP basic)
        // and samples written in the descriptions.
        let mut samples = shown;
        for d in [&op_desc, &path_desc].into_iter().flatten() {
            for t in auth::from_prose(d) {
                if !samples.contains(&t) {
                    samples.push(t);
                }
            }
        }
        let (schemes, untyped) = auth::resolve(named, &samples);
        for u in untyped {
            let ptr = format!("/components/securitySchemes/{}", pointer_token(&u.key));
            let (line, col) = u.at;
            self.warn("text_dump.auth-type-unknown", line, col, &ptr, u.message);
        }
        let op = Operation {
            path,
            method,
            title,
            description: op_desc,
            path_description: path_desc,
            servers,
            parameters: params,
            request_body,
            responses,
            schemes,
        };
        Ok(op.into_recovered(op_line, self.diags))
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

    /// The operation's and the path item's descriptions from the paragraphs after the method
    /// line: a last paragraph repeating the title is the operation's (Twilio-style specs repeat
    /// the summary as the description) and the ones before it the path item's; otherwise every
    /// paragraph is the operation's. The page shows the text once without its owner, and the
    /// owner does not reach the generated code (an operation without a description takes its
    /// path item's), so no warning.
    fn descriptions(
        &self,
        title: &str,
        mut paras: Vec<String>,
    ) -> (Option<String>, Option<String>) {
        if paras.is_empty() {
            return (None, None);
        }
        if paras.last().is_some_and(|p| p == title) {
            let op = paras.pop();
            let rest = (!paras.is_empty()).then(|| paras.join("\n\n"));
            return (op, rest);
        }
        (Some(paras.join("\n\n")), None)
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
}

/// `METHOD /path` -> (METHOD, /path).
pub(super) fn method_line(l: &str) -> Option<(String, String)> {
    let (m, p) = l.split_once(' ')?;
    (METHODS.contains(&m) && p.starts_with('/') && !p.contains(char::is_whitespace))
        .then(|| (m.to_string(), p.to_string()))
}

/// True for a bare media type line (`application/json; charset=utf-8`).
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
