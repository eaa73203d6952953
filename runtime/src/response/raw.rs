//! The raw response of the final attempt and its decoding: into a typed
//! [`ResponseValue`] for a success, or into an [`Error`] (documented error status, unexpected
//! status, a media type not documented for the status, or a body that does not decode).
//! Contract: exactly one consuming method per response (after at most one [`RawResponse::media`]); decode errors name line, column and path, and keep only a capped body excerpt.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::excerpt::excerpt;
use super::media::pick_media;
use super::value::ResponseValue;
use crate::error::Error;

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
        self.json_into(|v| v)
    }

    /// Decodes the body as JSON `T` and wraps it with `f` (a variant of an operation's
    /// success enum, or `Some`); errors as [`json`](Self::json).
    pub fn json_into<T: DeserializeOwned, S, E>(
        self,
        f: impl FnOnce(T) -> S,
    ) -> Result<ResponseValue<S>, Error<E>> {
        let value = decode_json::<T, E>(self.status, &self.body)?;
        Ok(self.into_value(f(value)))
    }

    /// The body as text (invalid UTF-8 is a [`Error::Decode`]).
    pub fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
        self.text_into(|t| t)
    }

    /// The body as text, wrapped with `f`; errors as [`text`](Self::text).
    pub fn text_into<S, E>(
        self,
        f: impl FnOnce(String) -> S,
    ) -> Result<ResponseValue<S>, Error<E>> {
        match String::from_utf8(self.body.to_vec()) {
            Ok(text) => Ok(self.into_value(f(text))),
            Err(e) => Err(Error::Decode {
                status: self.status,
                message: format!("the body is not valid UTF-8 ({e})"),
                excerpt: excerpt(&self.body),
            }),
        }
    }

    /// The body as raw bytes (for binary success responses).
    pub fn bytes<E>(self) -> Result<ResponseValue<Vec<u8>>, Error<E>> {
        self.bytes_into(|b| b)
    }

    /// The body as raw bytes, wrapped with `f`.
    pub fn bytes_into<S, E>(
        self,
        f: impl FnOnce(Vec<u8>) -> S,
    ) -> Result<ResponseValue<S>, Error<E>> {
        let bytes = self.body.to_vec();
        Ok(self.into_value(f(bytes)))
    }

    /// A response whose body is irrelevant (204 and the like); the body is dropped.
    pub fn empty<E>(self) -> Result<ResponseValue<()>, Error<E>> {
        self.empty_as(())
    }

    /// A response documented without a body, answered as `value` (a unit variant of an
    /// operation's success enum, or `None`); the body is dropped.
    pub fn empty_as<S, E>(self, value: S) -> Result<ResponseValue<S>, Error<E>> {
        Ok(ResponseValue::new(value, self.status, self.headers))
    }

    /// Which of the media types documented for this status the response's `Content-Type`
    /// is (its index in `documented`; see [`pick_media`](crate::pick_media) for the rules),
    /// or [`Error::UnexpectedContentType`] when it is none of them: a body is never decoded
    /// as something it was not said to be.
    pub fn media<E>(&self, documented: &'static [&'static str]) -> Result<usize, Error<E>> {
        let content_type = self
            .headers
            .get(http::header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        pick_media(content_type.as_deref(), documented).ok_or_else(|| {
            Error::UnexpectedContentType {
                status: self.status,
                content_type: content_type.unwrap_or_default(),
                documented,
                headers: Box::new(self.headers.clone()),
                body_excerpt: excerpt(&self.body),
            }
        })
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

pub(crate) fn decode_json<T: DeserializeOwned, E>(
    status: StatusCode,
    body: &[u8],
) -> Result<T, Error<E>> {
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
