//! Responses: the raw one `execute` returns and the typed one operations return.

use std::fmt;
use std::ops::{Deref, DerefMut};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};

use crate::error::Error;

/// How much of a body errors keep.
pub(crate) const EXCERPT_CAP: usize = 4 * 1024;

/// The response of the final attempt: status, headers and the whole body.
///
/// The generated code looks at [`status`](Self::status) and then calls exactly one of the
/// consuming methods.
#[derive(Debug, Clone)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// Assembles a response (used by `execute`; handy in tests of generated code).
    pub fn new(status: StatusCode, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        RawResponse {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The whole response body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Decodes the body as JSON `T`.
    ///
    /// A mismatch gives [`Error::Decode`] whose message says what was expected, where
    /// (line and column) and at which path of the document (`data[0].id`).
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        let value = decode_json::<T, E>(self.status, &self.body)?;
        Ok(self.into_value(value))
    }

    /// The body as text (invalid UTF-8 is a [`Error::Decode`]).
    pub fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
        match String::from_utf8(self.body.to_vec()) {
            Ok(text) => Ok(self.into_value(text)),
            Err(e) => Err(Error::Decode {
                status: self.status,
                message: format!("the body is not valid UTF-8 ({e})"),
                excerpt: excerpt(&self.body),
            }),
        }
    }

    /// The body as raw bytes (for binary success responses).
    pub fn bytes<E>(self) -> Result<ResponseValue<Vec<u8>>, Error<E>> {
        let bytes = self.body.to_vec();
        Ok(self.into_value(bytes))
    }

    /// A response whose body is irrelevant (204 and the like); the body is dropped.
    pub fn empty<E>(self) -> Result<ResponseValue<()>, Error<E>> {
        Ok(ResponseValue::new((), self.status, self.headers))
    }

    /// A documented error status with a JSON body: decodes `T`, wraps it with `f`, and
    /// returns [`Error::Status`]; a body that does not decode gives [`Error::Decode`].
    pub fn error_json<T: DeserializeOwned, E>(self, f: impl FnOnce(T) -> E) -> Error<E> {
        match decode_json::<T, E>(self.status, &self.body) {
            Ok(value) => Error::Status(Box::new(self.into_value(f(value)))),
            Err(e) => e,
        }
    }

    /// A documented error status without a schema: the body as (lossy) text, wrapped by `f`.
    pub fn error_text<E>(self, f: impl FnOnce(String) -> E) -> Error<E> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Error::Status(Box::new(self.into_value(f(text))))
    }

    /// A status the API description does not document: [`Error::UnexpectedStatus`] with
    /// the first 4 KiB of the body.
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus {
            status: self.status,
            body_excerpt: excerpt(&self.body),
            headers: Box::new(self.headers),
        }
    }

    /// `value` with this response's status, headers and body.
    fn into_value<T>(self, value: T) -> ResponseValue<T> {
        ResponseValue::with_body(value, self.status, self.headers, self.body)
    }
}

fn decode_json<T: DeserializeOwned, E>(status: StatusCode, body: &[u8]) -> Result<T, Error<E>> {
    // One pass, always with path tracking: a second, untracked pass would instantiate every
    // generated type's `Deserialize` for a second deserializer and double what a generated
    // crate costs to compile, for a saving too small to measure next to the network.
    let mut de = serde_json::Deserializer::from_slice(body);
    let decode_error = |message: String| Error::Decode {
        status,
        message,
        excerpt: excerpt(body),
    };
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path.is_empty() || path == "." {
            decode_error(inner.to_string())
        } else {
            decode_error(format!("{inner} (path {path})"))
        }
    })?;
    // Trailing garbage after the document is an error too.
    de.end().map_err(|e| decode_error(e.to_string()))?;
    Ok(value)
}

/// The first [`EXCERPT_CAP`] bytes of `body` as lossy UTF-8, cut at a character boundary,
/// `…` appended when cut.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body.get(..EXCERPT_CAP.min(body.len())).unwrap_or(body));
    let mut text = text.into_owned();
    if body.len() > EXCERPT_CAP {
        // A multi-byte character cut at the cap shows up as U+FFFD; drop it.
        if text.ends_with('\u{FFFD}') {
            text.pop();
        }
        text.push('…');
    }
    text
}

/// `s` cut to at most `max` bytes at a character boundary, `…` appended when cut.
pub(crate) fn cap_str(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return s.into();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end]).into()
}

/// The request-id headers looked at, in order.
const REQUEST_ID_HEADERS: [&str; 3] = ["twilio-request-id", "x-request-id", "request-id"];

pub(crate) fn request_id_of(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
}

/// A typed value with the status and headers of the response it came from.
///
/// Derefs to the value; serializes as just the value.
pub struct ResponseValue<T> {
    inner: T,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl<T> ResponseValue<T> {
    /// Wraps a value (without the raw body).
    pub fn new(inner: T, status: StatusCode, headers: HeaderMap) -> Self {
        Self::with_body(inner, status, headers, Bytes::new())
    }

    /// Wraps a value decoded from `body`.
    pub fn with_body(inner: T, status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        ResponseValue {
            inner,
            status,
            headers,
            body,
        }
    }

    /// The body the value was decoded from, as received (empty for values built with
    /// [`ResponseValue::new`]). Shared, not copied; dropped with the value.
    pub fn raw_body(&self) -> &[u8] {
        &self.body
    }

    /// The value.
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// A reference to the value (same as deref).
    pub fn inner(&self) -> &T {
        &self.inner
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The provider's request id: the first of `Twilio-Request-Id`, `X-Request-Id`,
    /// `Request-Id` present.
    pub fn request_id(&self) -> Option<&str> {
        request_id_of(&self.headers)
    }

    /// Converts the value, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue {
            inner: f(self.inner),
            status: self.status,
            headers: self.headers,
            body: self.body,
        }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> DerefMut for ResponseValue<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

impl<T: fmt::Debug> fmt::Debug for ResponseValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseValue")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("inner", &self.inner)
            .finish()
    }
}

impl<T: Clone> Clone for ResponseValue<T> {
    fn clone(&self) -> Self {
        ResponseValue {
            inner: self.inner.clone(),
            status: self.status,
            headers: self.headers.clone(),
            body: self.body.clone(),
        }
    }
}

impl<T: Serialize> Serialize for ResponseValue<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.inner.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_caps_at_char_boundary() {
        let body = "é".repeat(EXCERPT_CAP); // 2 bytes each
        let e = excerpt(body.as_bytes());
        assert!(e.ends_with('…'));
        assert!(!e.contains('\u{FFFD}'));
        assert!(e.len() <= EXCERPT_CAP + '…'.len_utf8());
        assert_eq!(excerpt(b"short"), "short");
    }

    #[test]
    fn decode_error_names_path_line_and_column() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Item {
            id: u32,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct List {
            data: Vec<Item>,
        }
        let body = b"{\"data\": [{\"id\": 1},\n {\"id\": \"x\"}]}";
        let raw = RawResponse::new(StatusCode::OK, HeaderMap::new(), &body[..]);
        match raw.json::<List, ()>() {
            Err(Error::Decode { message, .. }) => {
                assert!(message.contains("line 2 column"), "{message}");
                assert!(message.contains("(path data[1].id)"), "{message}");
                assert!(message.contains("expected u32"), "{message}");
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
        let raw = RawResponse::new(StatusCode::OK, HeaderMap::new(), &b"{\"data\": []} x"[..]);
        assert!(matches!(raw.json::<List, ()>(), Err(Error::Decode { .. })));
    }
}
