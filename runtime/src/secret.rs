//! Credentials that never show up in `Debug`, `Display` or logs.

use std::fmt;

/// A credential (password, token, API key), passed in or minted by an API.
///
/// `Debug` and `Display` print `[redacted]`; the value is only reachable through
/// [`Secret::expose`] and [`Secret::into_exposed`] (there is deliberately no `From<Secret>`
/// for `String`, so a secret never turns into a plain string by accident). The runtime sends
/// secrets only in header values it marks *sensitive* (so HTTP/2 never indexes them in HPACK
/// tables) and never records them in tracing spans, events or error messages.
///
/// Generated models hold credentials the spec marks (or the name rule of `cpaas-codegen`
/// recognises) as `Secret`: it serializes and deserializes as the plain JSON string (or form
/// value), so the real value still goes on the wire and is read from it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself. Call this only where the value must leave the process.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The credential itself, taking the `Secret` apart. Call this only where the value must
    /// leave the process.
    pub fn into_exposed(self) -> String {
        self.0
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How requests authenticate. `Debug` never prints a secret.
#[derive(Clone, Default)]
pub enum Auth {
    /// No `Authorization` header.
    #[default]
    None,
    /// HTTP Basic: `Authorization: Basic base64(username:password)` (Twilio, SignalWire).
    Basic {
        /// The user name (for Twilio an Account SID or API key SID; not treated as secret).
        username: String,
        /// The password or auth token.
        password: Secret,
    },
    /// `Authorization: Bearer <token>` (Telnyx).
    Bearer(Secret),
    /// The key in a header of its own, e.g. `X-Api-Key: <key>`.
    ApiKeyHeader {
        /// The header name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// The key in a query parameter, e.g. `?api_key=<key>`: added to every request, every page
    /// of a paginated walk included.
    ApiKeyQuery {
        /// The query parameter name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// The key in a cookie: `Cookie: <name>=<key>` on every request.
    ApiKeyCookie {
        /// The cookie name.
        name: &'static str,
        /// The key.
        value: Secret,
    },
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Basic { username, password } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", password)
                .finish(),
            Auth::Bearer(token) => f.debug_tuple("Bearer").field(token).finish(),
            Auth::ApiKeyHeader { name, value } => f
                .debug_struct("ApiKeyHeader")
                .field("name", name)
                .field("value", value)
                .finish(),
            Auth::ApiKeyQuery { name, value } => f
                .debug_struct("ApiKeyQuery")
                .field("name", name)
                .field("value", value)
                .finish(),
            Auth::ApiKeyCookie { name, value } => f
                .debug_struct("ApiKeyCookie")
                .field("name", name)
                .field("value", value)
                .finish(),
        }
    }
}

/// Standard base64 (RFC 4648, with padding), used for the Basic credential.
pub(crate) fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b0 = chunk.first().copied().unwrap_or(0);
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        let sextet = |shift: u32| char::from(ALPHABET[((n >> shift) & 0x3f) as usize]);
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ];
        for (input, expected) in cases {
            assert_eq!(base64(input.as_bytes()), expected, "input {input:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn secret_and_auth_debug_redact() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        let a = Auth::Basic {
            username: "AC1".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{a:?}").contains("hunter2"));
        let b = Auth::ApiKeyHeader {
            name: "X-Key",
            value: "hunter2".into(),
        };
        assert!(!format!("{b:?} {:?}", Auth::Bearer("hunter2".into())).contains("hunter2"));
        let q = Auth::ApiKeyQuery {
            name: "api_key",
            value: "hunter2".into(),
        };
        let c = Auth::ApiKeyCookie {
            name: "session",
            value: "hunter2".into(),
        };
        let text = format!("{q:?} {c:?}");
        assert!(
            text.contains("api_key") && !text.contains("hunter2"),
            "{text}"
        );
    }

    #[test]
    fn secret_serde_is_the_plain_string_and_debug_stays_redacted() {
        let s: Secret = serde_json::from_str(r#""hunter2""#).unwrap();
        assert_eq!(s.expose(), "hunter2");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""hunter2""#);
        assert_eq!(s, Secret::new("hunter2"));
        assert_ne!(s, Secret::new("hunter3"));
        assert_eq!(s.into_exposed(), "hunter2");
        // A wrong type names the type, never a value.
        let e = serde_json::from_str::<Secret>("12")
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected a string"), "{e}");
    }
}
