//! The trailer after the sections: the `curl` command (server, the credentials it shows, content
//! type, data), request-line headers (`Authorization: Bearer $TOKEN` under `METHOD /path`, read
//! as a curl `--header`) and the request and response examples.

use serde_json::{Value, json};

use super::examples::{example_value, is_example_heading};
use super::state::{Page, Trailer};
use crate::frontend::bump::auth::{self, SchemeType};
use crate::frontend::bump::shell::shell_words;

impl Page<'_> {
    /// Reads the trailer from line `from` to the end: curl commands and example blocks.
    pub(super) fn trailer(&mut self, from: usize, path: &str) -> Trailer {
        let n = self.lines.len();
        let mut t = Trailer::default();
        let mut j = from;
        while j < n {
            let l = self.lines[j];
            if l.indent == 0 && l.text.starts_with("curl") {
                let (c, next) = self.curl(j);
                if let Some(url) = c.url {
                    t.servers.push(self.server(&url, path, l.no));
                }
                for a in c.auth {
                    if !t.auth.contains(&a) {
                        t.auth.push(a);
                    }
                }
                t.curl_ct = c.content_type;
                t.curl_data = c.data;
                j = next;
                continue;
            }
            // A request-line header (`Authorization: Bearer $TOKEN`, `X-API-Key: $API_KEY`
            // under the `METHOD /path` line) says what a curl `--header` would.
            if l.indent == 0 && is_header_line(l.text) {
                let words = ["--header".to_string(), l.text.to_string()];
                self.warn_untyped_authorization(&words, l.no);
                for a in auth::from_curl(&words) {
                    if !t.auth.contains(&a) {
                        t.auth.push(a);
                    }
                }
                j += 1;
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
                        None => t.req_example = Some((v, l.no)),
                        Some(code) => t.resp_examples.push((code, v, l.no)),
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
        t
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
        let words = tokens.get(1..).unwrap_or(&[]);
        self.warn_untyped_authorization(words, self.lines[j].no);
        let mut c = Curl {
            auth: auth::from_curl(words),
            ..Curl::default()
        };
        let mut it = tokens.into_iter().skip(1);
        while let Some(t) = it.next() {
            match t.as_str() {
                "--request" | "-X" => {
                    it.next();
                }
                "--url" => c.url = it.next(),
                "--user" | "-u" | "--oauth2-bearer" => {
                    it.next();
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
                // `https://…`, `wss://…`, or a templated scheme (`{scheme}://…`) as a server
                // URL with variables prints it.
                u if is_url(u) => {
                    c.url = Some(u.to_string());
                }
                _ => {}
            }
        }
        (c, next)
    }

    /// The `text_dump.auth-type-unknown` warning for each `Authorization` header of `words`
    /// (curl words) whose scheme is neither Basic nor Bearer, at `line`.
    fn warn_untyped_authorization(&mut self, words: &[String], line: usize) {
        for value in auth::untyped_authorization(words) {
            // The scheme word only: a one-word value may be the credential itself.
            let mut parts = value.split_whitespace();
            let scheme = match (parts.next(), parts.next()) {
                (Some(w), Some(_)) if w.chars().all(|c| c.is_ascii_alphabetic()) => {
                    format!("scheme `{w}`")
                }
                _ => "no scheme word".to_string(),
            };
            let ptr = self.op_ptr.clone();
            self.warn(
                "text_dump.auth-type-unknown",
                line,
                1,
                &ptr,
                format!(
                    "the page sends an `Authorization` header ({scheme}) that is neither Basic \
                     nor Bearer: no security scheme kept for it (give its type in an overlay \
                     beside the page, or set the client's credentials explicitly)"
                ),
            );
        }
    }

    /// A server object from a curl URL: the URL minus `path`.
    fn server(&mut self, url: &str, path: &str, line: usize) -> Value {
        let url = url.split(['?', '#']).next().unwrap_or(url);
        if url.contains('{') && url.find('{') < url.find(path) {
            self.warn(
                "text_dump.server-variables",
                line,
                1,
                "/servers/0",
                format!(
                    "the curl URL `{url}` holds server variables whose values the page does not \
                     show: an overlay beside the page can give them"
                ),
            );
        }
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

/// What a curl command says.
#[derive(Debug, Default)]
struct Curl {
    url: Option<String>,
    auth: Vec<SchemeType>,
    content_type: Option<String>,
    data: Option<String>,
}

/// A request-line header: `Name: value` with a header name (letters, digits, `-`, `_`) and a
/// value, as pages print under the `METHOD /path` line.
fn is_header_line(t: &str) -> bool {
    t.split_once(": ").is_some_and(|(k, v)| {
        !k.is_empty()
            && !v.trim().is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

/// A curl URL word: `SCHEME://…` (letters, digits, `+`, `-`, `.`) or `{var}://…`.
fn is_url(w: &str) -> bool {
    let Some((scheme, _)) = w.split_once("://") else {
        return false;
    };
    let templated = scheme.starts_with('{') && scheme.ends_with('}') && scheme.len() > 2;
    let plain = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    templated || plain
}
