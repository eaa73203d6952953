//! The typed response value: what an operation returns, with the status, headers, request id
//! and raw body of the response it was decoded from. Contract: derefs to the value and
//! serializes as just the value; depends on nothing else in the crate.

use std::fmt;
use std::ops::{Deref, DerefMut};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::{Serialize, Serializer};

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
