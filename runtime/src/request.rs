//! Requests as the generated code builds them.

use std::fmt::Write as _;

use serde::Serialize;

use crate::error::Error;
use crate::options::RequestOptions;

/// One API call, before auth, retries and the base URL are applied.
///
/// `Debug` prints header *names* only.
#[derive(Clone)]
pub struct Request {
    pub(crate) operation: &'static str,
    pub(crate) method: http::Method,
    pub(crate) path_template: &'static str,
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Body,
    pub(crate) idempotency_key: Option<String>,
    /// A path and query relative to the base URL's origin (a next-page URI), sent instead of
    /// `path` and `query` (set by [`crate::pagination`] only).
    pub(crate) target: Option<String>,
    pub(crate) options: RequestOptions,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            )
            .field("body", &self.body.kind())
            .finish_non_exhaustive()
    }
}

impl Request {
    /// A request for `operation` (its operationId, for logs) to `path`, which is already
    /// filled with [`encode_path`]-ed values and starts with `/`. `path_template` is the
    /// unfilled path (`/Accounts/{AccountSid}/Keys.json`), recorded in traces instead of
    /// `path` so logs carry no identifiers.
    pub fn new(
        operation: &'static str,
        method: http::Method,
        path_template: &'static str,
        path: String,
    ) -> Self {
        Request {
            operation,
            method,
            path_template,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
            idempotency_key: None,
            target: None,
            options: RequestOptions::default(),
        }
    }

    /// Adds a query parameter; calling it again with the same name repeats the key.
    /// Name and value are percent-encoded when sent.
    pub fn query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    /// Adds a header. A value with CR, LF or another control character makes
    /// [`Client::execute`](crate::Client::execute) fail with [`Error::InvalidRequest`]
    /// before anything is sent.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Sets the body (and so its `Content-Type`).
    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    /// Sends `Idempotency-Key: <key>` and makes the request retryable like an idempotent one.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Sets query parameter `name` to `value`, replacing every earlier value of it.
    pub fn set_query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.retain(|(n, _)| *n != name);
        self.query(name, value)
    }

    /// The value of query parameter `name` (the first, when repeated).
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Sets this call's [`RequestOptions`] (timeout, retries, extra headers, idempotency key),
    /// which override the client's configuration; replaces any set before.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The operation name given to [`Request::new`].
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The filled path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A request body; the variant decides the `Content-Type`.
#[derive(Clone, Debug, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// `application/json`.
    Json(Vec<u8>),
    /// `application/x-www-form-urlencoded` (already encoded).
    Form(String),
    /// `text/plain; charset=utf-8`.
    Text(String),
    /// Any other media type.
    Bytes {
        /// The `Content-Type` sent.
        content_type: String,
        /// The bytes.
        data: Vec<u8>,
    },
}

impl Body {
    /// Serializes `value` as JSON.
    pub fn json<T: Serialize, E>(value: &T) -> Result<Body, Error<E>> {
        serde_json::to_vec(value)
            .map(Body::Json)
            .map_err(|e| Error::InvalidRequest(format!("the JSON body does not serialize: {e}")))
    }

    /// Serializes `value` (a struct or map) as a flat `application/x-www-form-urlencoded`
    /// body, the way Twilio and SignalWire expect it:
    ///
    /// * each top-level field is one `key=value` pair, in field order;
    /// * `null`/`None` is left out;
    /// * an array repeats the key per element (`Permissions=a&Permissions=b`);
    /// * booleans are `true`/`false`, numbers as JSON prints them;
    /// * nested objects (and arrays inside arrays) are sent as compact JSON text;
    /// * keys and values are form-encoded (space as `+`, `&`, `=`, `+`, `%` … escaped).
    pub fn form<T: Serialize, E>(value: &T) -> Result<Body, Error<E>> {
        let value = serde_json::to_value(value)
            .map_err(|e| Error::InvalidRequest(format!("the form body does not serialize: {e}")))?;
        let serde_json::Value::Object(fields) = value else {
            return Err(Error::InvalidRequest(
                "a form body must serialize to an object (a struct or map)".into(),
            ));
        };
        let mut out = String::new();
        for (key, value) in &fields {
            match value {
                serde_json::Value::Array(items) => {
                    for item in items {
                        push_form_pair(&mut out, key, item);
                    }
                }
                other => push_form_pair(&mut out, key, other),
            }
        }
        Ok(Body::Form(out))
    }

    /// A `text/plain` body.
    pub fn text(s: impl Into<String>) -> Body {
        Body::Text(s.into())
    }

    /// The `Content-Type` this body is sent with.
    pub fn content_type(&self) -> Option<&str> {
        match self {
            Body::Empty => None,
            Body::Json(_) => Some("application/json"),
            Body::Form(_) => Some("application/x-www-form-urlencoded"),
            Body::Text(_) => Some("text/plain; charset=utf-8"),
            Body::Bytes { content_type, .. } => Some(content_type),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Body::Empty => "Empty",
            Body::Json(_) => "Json",
            Body::Form(_) => "Form",
            Body::Text(_) => "Text",
            Body::Bytes { .. } => "Bytes",
        }
    }

    pub(crate) fn into_bytes(self) -> bytes::Bytes {
        match self {
            Body::Empty => bytes::Bytes::new(),
            Body::Json(v) => v.into(),
            Body::Form(s) | Body::Text(s) => s.into(),
            Body::Bytes { data, .. } => data.into(),
        }
    }
}

fn push_form_pair(out: &mut String, key: &str, value: &serde_json::Value) {
    let text = match value {
        serde_json::Value::Null => return,
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.clone(),
        nested => nested.to_string(),
    };
    if !out.is_empty() {
        out.push('&');
    }
    form_encode_into(out, key);
    out.push('=');
    form_encode_into(out, &text);
}

/// `application/x-www-form-urlencoded` byte serializer (WHATWG URL standard): alphanumerics
/// and `*-._` stay, space becomes `+`, everything else is `%XX`.
pub(crate) fn form_encode_into(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

/// Everything but RFC 3986 "unreserved" (`A-Z a-z 0-9 - . _ ~`) is encoded.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment so that no value can change the path's shape: `/`, `?`,
/// `#`, `%` and every other reserved or non-ASCII byte are encoded, and the segments `.` and
/// `..` become `%2E` and `%2E%2E`.
///
/// Note: URL parsers (WHATWG, and so `reqwest`) still treat `%2E%2E` as `..`, so
/// [`Client::execute`](crate::Client::execute) refuses a path holding such a segment with
/// [`Error::InvalidRequest`] rather than let it address a different resource.
pub fn encode_path(segment: &str) -> String {
    match segment {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string(),
    }
}

/// Whether a path segment (encoded) is one URL parsers resolve as `.` or `..`.
pub(crate) fn is_dot_segment(segment: &str) -> bool {
    let is_dot = |s: &str| s == "." || s.eq_ignore_ascii_case("%2e");
    if segment.len() > 6 {
        return false;
    }
    is_dot(segment)
        || [1, 3].iter().any(|&i| {
            segment
                .split_at_checked(i)
                .is_some_and(|(a, b)| is_dot(a) && is_dot(b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_path_keeps_one_segment() {
        assert_eq!(encode_path("AC123"), "AC123");
        assert_eq!(encode_path("a/b"), "a%2Fb");
        assert_eq!(encode_path("../x"), "..%2Fx");
        assert_eq!(encode_path("?q#f%"), "%3Fq%23f%25");
        assert_eq!(encode_path(".."), "%2E%2E");
        assert_eq!(encode_path("."), "%2E");
        assert_eq!(encode_path("a b+é~"), "a%20b%2B%C3%A9~");
        for dot in [".", "..", "%2E", "%2e", "%2E%2e", ".%2E", "%2e.", "%2E%2E"] {
            assert!(is_dot_segment(dot), "{dot}");
        }
        for not in ["..%2F", "...", "%2E%2E%2E", "a.", ".a", "%2", "", "%2Ex"] {
            assert!(!is_dot_segment(not), "{not}");
        }
    }

    #[test]
    fn url_parsers_resolve_encoded_dot_segments() {
        // Why `execute` refuses such segments: the URL parser would drop them.
        let url = reqwest::Url::parse("http://h/a/%2E%2E/b").unwrap();
        assert_eq!(url.path(), "/b");
        let url = reqwest::Url::parse("http://h/a/..%2F/b").unwrap();
        assert_eq!(url.path(), "/a/..%2F/b");
    }

    #[test]
    fn form_encoding() {
        let mut s = String::new();
        form_encode_into(&mut s, "a b&c=d+e%f/é*~");
        assert_eq!(s, "a+b%26c%3Dd%2Be%25f%2F%C3%A9*%7E");
    }
}
