//! The error type of every generated operation.

use std::fmt;

use http::{HeaderMap, StatusCode};

use crate::response::excerpt::cap_str;
use crate::response::value::{ResponseValue, request_id_of};

/// Everything that can go wrong calling an operation.
///
/// `E` is the operation's typed error body (an enum over its documented error statuses,
/// or `()` where there is none). Neither `Display` nor `Debug` ever include a credential:
/// the runtime never puts request headers, request URLs with user info, or request bodies
/// into an error.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with a documented error status; the body decoded as `E`.
    /// (Boxed, like the headers below, so `Result<T, Error<E>>` stays small.)
    Status(Box<ResponseValue<E>>),
    /// The server answered with a status the API description does not document.
    UnexpectedStatus {
        /// The status.
        status: StatusCode,
        /// The response headers.
        headers: Box<HeaderMap>,
        /// The first 4 KiB of the body (lossy UTF-8), with `…` appended when cut.
        body_excerpt: String,
    },
    /// The server answered with a documented success status, but with a `Content-Type` the
    /// API description does not document for it: the body is not decoded as something it
    /// was not said to be.
    UnexpectedContentType {
        /// The status.
        status: StatusCode,
        /// The `Content-Type` received (empty when there was none).
        content_type: String,
        /// The media types documented for this status.
        documented: &'static [&'static str],
        /// The response headers.
        headers: Box<HeaderMap>,
        /// The first 4 KiB of the body (lossy UTF-8), with `…` appended when cut.
        body_excerpt: String,
    },
    /// A value failed client-side validation; nothing was sent.
    Validation {
        /// The parameter or field (for the CLI: the flag).
        field: String,
        /// What was expected.
        message: String,
    },
    /// The request cannot be sent as built (a header value with CR/LF, a bad URL, a body
    /// that does not serialize); nothing was sent.
    InvalidRequest(String),
    /// The last attempt exceeded the per-attempt timeout.
    Timeout {
        /// How many attempts were made.
        attempts: u32,
    },
    /// The connection failed (refused, reset, closed early, TLS, DNS …).
    Transport {
        /// What failed; never contains secrets or URLs.
        message: String,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The response body did not match the documented schema.
    Decode {
        /// The response status.
        status: StatusCode,
        /// `"<what was expected> at line L column C (path a.b[0])"`.
        message: String,
        /// The start of the body (at most 4 KiB, lossy UTF-8).
        excerpt: String,
    },
}

impl<E> Error<E> {
    /// The HTTP status of the response this error came from, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Status(v) => Some(v.status()),
            Error::UnexpectedStatus { status, .. }
            | Error::UnexpectedContentType { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// A client-side validation error for `field`.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Converts the typed error body, keeping every other variant as it is.
    pub fn map_status<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Status(v) => Error::Status(Box::new(v.map(f))),
            Error::UnexpectedStatus {
                status,
                headers,
                body_excerpt,
            } => Error::UnexpectedStatus {
                status,
                headers,
                body_excerpt,
            },
            Error::UnexpectedContentType {
                status,
                content_type,
                documented,
                headers,
                body_excerpt,
            } => Error::UnexpectedContentType {
                status,
                content_type,
                documented,
                headers,
                body_excerpt,
            },
            Error::Validation { field, message } => Error::Validation { field, message },
            Error::InvalidRequest(m) => Error::InvalidRequest(m),
            Error::Timeout { attempts } => Error::Timeout { attempts },
            Error::Transport { message, attempts } => Error::Transport { message, attempts },
            Error::Decode {
                status,
                message,
                excerpt,
            } => Error::Decode {
                status,
                message,
                excerpt,
            },
        }
    }

    /// The provider's request id of the response this error came from
    /// (see [`ResponseValue::request_id`]), for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Status(v) => v.request_id(),
            Error::UnexpectedStatus { headers, .. }
            | Error::UnexpectedContentType { headers, .. } => request_id_of(headers),
            _ => None,
        }
    }

    /// Whether this error is a timeout or a connection failure (as opposed to an answer).
    pub fn is_transport(&self) -> bool {
        matches!(self, Error::Timeout { .. } | Error::Transport { .. })
    }
}

/// How much of an unexpected body `Display` shows (the field itself keeps up to 4 KiB).
const DISPLAY_EXCERPT: usize = 300;

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: &u32| if *n == 1 { "attempt" } else { "attempts" };
        match self {
            Error::Status(v) => {
                write!(f, "HTTP {}", v.status())?;
                if let Some(id) = v.request_id() {
                    write!(f, " (request id {id})")?;
                }
                write!(f, ": {:?}", v.inner())
            }
            Error::UnexpectedStatus {
                status,
                headers,
                body_excerpt,
            } => {
                write!(f, "unexpected HTTP status {status}")?;
                if let Some(id) = request_id_of(headers) {
                    write!(f, " (request id {id})")?;
                }
                if !body_excerpt.is_empty() {
                    write!(f, ": {}", cap_str(body_excerpt, DISPLAY_EXCERPT))?;
                }
                Ok(())
            }
            Error::UnexpectedContentType {
                status,
                content_type,
                documented,
                headers,
                body_excerpt,
            } => {
                let received = if content_type.is_empty() {
                    "no Content-Type"
                } else {
                    content_type.as_str()
                };
                write!(
                    f,
                    "HTTP {status} answered with {received}, not a documented media type ({})",
                    documented.join(", ")
                )?;
                if let Some(id) = request_id_of(headers) {
                    write!(f, " (request id {id})")?;
                }
                if !body_excerpt.is_empty() {
                    write!(f, ": {}", cap_str(body_excerpt, DISPLAY_EXCERPT))?;
                }
                Ok(())
            }
            Error::Validation { field, message } => write!(f, "invalid `{field}`: {message}"),
            Error::InvalidRequest(m) => write!(f, "invalid request: {m}"),
            Error::Timeout { attempts } => {
                write!(f, "request timed out ({attempts} {})", plural(attempts))
            }
            Error::Transport { message, attempts } => {
                write!(
                    f,
                    "connection failed ({attempts} {}): {message}",
                    plural(attempts)
                )
            }
            Error::Decode {
                status, message, ..
            } => {
                write!(
                    f,
                    "could not decode the HTTP {status} response body: {message}"
                )
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {}
