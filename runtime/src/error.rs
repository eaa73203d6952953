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
/// into an error, and never shows the body of a success (2xx) response, which is where the
/// APIs put what they mint (keys, tokens, JWTs): its excerpt stays in the field, for code
/// that asks for it, and is withheld from `Display` and `Debug`.
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
                if !body_excerpt.is_empty() && !status.is_success() {
                    write!(f, ": {}", cap_str(body_excerpt, DISPLAY_EXCERPT))?;
                }
                Ok(())
            }
            Error::UnexpectedContentType {
                status,
                content_type,
                documented,
                headers,
                ..
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
                // A success body: withheld (it may be a minted credential).
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

/// What `Debug` shows of a body excerpt: the text for an error status, only its size for a
/// success status (whose body may be a minted credential).
struct Excerpt<'a>(StatusCode, &'a str);

impl fmt::Debug for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_success() {
            write!(
                f,
                "<{} bytes of a {} body withheld>",
                self.1.len(),
                self.0.as_u16()
            )
        } else {
            fmt::Debug::fmt(self.1, f)
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Status(v) => f.debug_tuple("Status").field(v).finish(),
            Error::UnexpectedStatus {
                status,
                headers,
                body_excerpt,
            } => f
                .debug_struct("UnexpectedStatus")
                .field("status", status)
                .field("headers", headers)
                .field("body_excerpt", &Excerpt(*status, body_excerpt))
                .finish(),
            Error::UnexpectedContentType {
                status,
                content_type,
                documented,
                headers,
                body_excerpt,
            } => f
                .debug_struct("UnexpectedContentType")
                .field("status", status)
                .field("content_type", content_type)
                .field("documented", documented)
                .field("headers", headers)
                .field("body_excerpt", &Excerpt(*status, body_excerpt))
                .finish(),
            Error::Validation { field, message } => f
                .debug_struct("Validation")
                .field("field", field)
                .field("message", message)
                .finish(),
            Error::InvalidRequest(m) => f.debug_tuple("InvalidRequest").field(m).finish(),
            Error::Timeout { attempts } => f
                .debug_struct("Timeout")
                .field("attempts", attempts)
                .finish(),
            Error::Transport { message, attempts } => f
                .debug_struct("Transport")
                .field("message", message)
                .field("attempts", attempts)
                .finish(),
            Error::Decode {
                status,
                message,
                excerpt,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("message", message)
                .field("excerpt", &Excerpt(*status, excerpt))
                .finish(),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "{\"token\":\"eyJhbGciOiJIUzI1NiJ9.secret\"}";

    fn unexpected(status: u16) -> Error<()> {
        Error::UnexpectedStatus {
            status: StatusCode::from_u16(status).unwrap(),
            headers: Box::default(),
            body_excerpt: TOKEN.into(),
        }
    }

    #[test]
    fn success_bodies_never_show_in_display_or_debug() {
        let errors: [Error<()>; 3] = [
            unexpected(200),
            Error::UnexpectedContentType {
                status: StatusCode::CREATED,
                content_type: "application/jwt".into(),
                documented: &["text/plain"],
                headers: Box::default(),
                body_excerpt: TOKEN.into(),
            },
            Error::Decode {
                status: StatusCode::OK,
                message: "expected a string at line 1 column 2".into(),
                excerpt: TOKEN.into(),
            },
        ];
        for e in &errors {
            for shown in [e.to_string(), format!("{e:?}"), format!("{e:#?}")] {
                assert!(!shown.contains("secret"), "{shown}");
            }
        }
        assert!(format!("{:?}", errors[1]).contains("bytes of a 201 body withheld"));
    }

    #[test]
    fn error_bodies_still_show() {
        let e = unexpected(502);
        assert!(e.to_string().contains("secret"), "{e}");
        assert!(format!("{e:?}").contains("secret"), "{e:?}");
    }
}
