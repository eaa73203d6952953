//! Section labels of a Markdown page (`## Servers` … `#### Body:`), found by anchor and kept
//! only where the page structure allows them.

use super::page::Page;
use crate::frontend::bump::sections::{is_status_code, param_section};

/// What a label starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `## Servers`.
    Servers,
    /// `## Authentication methods`.
    Auth,
    /// `## Parameters` (a heading only: its sections follow).
    Parameters,
    /// `### Path parameters` and the like: the parameter location.
    ParamSection(&'static str),
    /// `### Body:` (the request body).
    Body,
    /// `## Responses` (a heading only: its codes follow).
    Responses,
    /// `### CODE`.
    Code,
    /// `#### Headers` of a response.
    RespHeaders,
    /// `#### Body:` of a response.
    RespBody,
}

/// A section label: kind, where it starts, where its label text ends.
#[derive(Debug, Clone)]
pub(super) struct Label {
    /// What the label starts.
    pub(super) kind: Kind,
    /// Byte offset of its first `#`.
    pub(super) start: usize,
    /// Byte offset after its label text.
    pub(super) end: usize,
    /// For `### CODE`: the code.
    pub(super) code: String,
}

impl Page<'_> {
    /// Section labels between `from` and `to`, kept only where the page structure allows them.
    pub(super) fn labels(&mut self, from: usize, to: usize) -> Vec<Label> {
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
                    if let Some((w, loc)) = param_section(word_end) {
                        found = Some((Kind::ParamSection(loc), w.len(), String::new()));
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
}
