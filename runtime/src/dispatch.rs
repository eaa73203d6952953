//! Descriptions of generated operations and the glue the generated CLI dispatch uses.

use serde::Serialize;
use serde_json::Value;

use crate::config::ApiInfo;
use crate::error::Error;

/// One flag of an operation on the command line (a parameter or a top-level body field).
#[derive(Debug, Clone, Copy)]
pub struct FlagInfo {
    /// Flag name, kebab-case (`friendly-name`).
    pub name: &'static str,
    /// Wire name (`FriendlyName`).
    pub wire: &'static str,
    /// `path`, `query`, `header`, `cookie` or `body`.
    pub location: &'static str,
    /// Required by the API description.
    pub required: bool,
    /// An array: repeat the flag.
    pub repeated: bool,
    /// Human type (`integer`, `string`, `array of string`).
    pub ty: &'static str,
    /// The provider's description.
    pub description: &'static str,
    /// Allowed values, for enums.
    pub values: &'static [&'static str],
    /// An example value that fits the type and constraints, as flag text (one item for a
    /// repeated flag).
    pub example: &'static str,
    /// How the flag's text (each item's, for a repeated flag) is checked and sent.
    pub kind: FlagKind,
    /// For an array in the query sent as one value: the text joining its items; empty when
    /// each item is its own `name=value` pair.
    pub join: &'static str,
    /// For a multipart body field: the `encoding` object's content type for its parts (empty:
    /// the runtime's default for the part).
    pub part_content_type: &'static str,
    /// For a multipart body field: headers sent on each of its parts.
    pub part_headers: &'static [(&'static str, &'static str)],
}

/// What a flag's text must be, checked before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    /// Any text (string enums list their values in [`FlagInfo::values`]).
    String,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A file part: `@PATH` reads the file, other text is the content.
    File,
    /// A JSON value (objects, unions, maps, untyped values); text that is not JSON is sent as
    /// a JSON string.
    Json,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON (`application/json`, `+json`).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// Text or bytes the command line has no flags for.
    Other,
}

/// An operation's request body.
#[derive(Debug, Clone, Copy)]
pub struct BodyInfo {
    /// The media type sent.
    pub content_type: &'static str,
    /// Its encoding.
    pub kind: BodyKind,
    /// Whether the body's fields are flags (`location: "body"`); else the command line cannot
    /// send one.
    pub fields: bool,
    /// Whether a body must be sent.
    pub required: bool,
}

/// One documented response status of an operation.
#[derive(Debug, Clone, Copy)]
pub struct ResponseInfo {
    /// `"201"`, `"4XX"` or `"default"`.
    pub status: &'static str,
    /// The variant of the operation's error enum; empty for a success.
    pub variant: &'static str,
}

/// A response a mock provider answers, computed from the API description at generation time.
#[derive(Debug, Clone, Copy)]
pub struct MockResponse {
    /// The status answered.
    pub status: u16,
    /// The documented statuses it stands for: `"201"`, `"4XX"` or `"default"`.
    pub covers: &'static str,
    /// Media type; empty when there is no body.
    pub content_type: &'static str,
    /// The body.
    pub body: &'static str,
    /// Where the body came from: `example` (the spec's), or `synthesised` with the reason.
    pub source: &'static str,
}

/// One way an operation accepts credentials (any one of an operation's suffices).
#[derive(Debug, Clone, Copy)]
pub struct AuthInfo {
    /// The security scheme's name in the API description.
    pub scheme: &'static str,
    /// `basic`, `bearer`, `api-key`, `oauth2` or `unknown`.
    pub kind: &'static str,
    /// For `api-key`: `header`, `query` or `cookie`; else `header`.
    pub location: &'static str,
    /// For `api-key`: the header, parameter or cookie name; else `Authorization`.
    pub name: &'static str,
}

/// One generated operation.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    /// Name on the command line: the Rust method name in kebab-case.
    pub name: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template.
    pub path: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Rust path of the method (`twilio::api_v2010::Client::create_token`).
    pub rust_path: &'static str,
    /// Vendored source file and line.
    pub source: &'static str,
    /// Detected input format of the source.
    pub format: &'static str,
    /// Flags.
    pub flags: &'static [FlagInfo],
    /// What a mock provider answers on success.
    pub mock: MockResponse,
    /// What a mock provider answers for each documented error status.
    pub mock_errors: &'static [MockResponse],
    /// Accepted credentials; empty when the operation needs none.
    pub auth: &'static [AuthInfo],
    /// The operationId-like name requests are logged under (the Rust method name).
    pub id: &'static str,
    /// The request body, when the operation takes one.
    pub body: Option<BodyInfo>,
    /// The documented statuses, success and error.
    pub responses: &'static [ResponseInfo],
    /// How its list answers page (what `--all-pages` walks), when it is a paginated list.
    pub pagination: Option<&'static crate::pagination::Pagination>,
    /// Whether it answers `text/event-stream` (its events are printed as they arrive).
    pub events: bool,
}

/// One generated API.
#[derive(Debug, Clone, Copy)]
pub struct ApiEntry {
    /// Its runtime description (provider, name, server).
    pub info: &'static ApiInfo,
    /// Its operations.
    pub operations: &'static [OperationInfo],
}

/// A successful call as the CLI prints it.
///
/// Serializing it (what `cpaas call` prints) gives the body as received, minted credentials
/// included: showing them is what the command is asked for. `Debug` leaves the body out,
/// since it may be the key, token or JWT the API minted.
#[derive(Clone, Serialize)]
pub struct Output {
    /// HTTP status.
    pub status: u16,
    /// The request id header, when the provider sent one.
    pub request_id: Option<String>,
    /// The typed response, as JSON.
    pub body: Value,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("body", &format_args!("[not shown: serialize to print it]"))
            .finish()
    }
}

/// What a dispatched call gives: the output, or the error with its typed body as JSON.
pub type CallResult = Result<Output, Error<Value>>;

/// A received body as JSON: `null` when empty, the document when it is JSON, else the text
/// (lossy UTF-8).
pub fn body_value(raw: &[u8]) -> Value {
    if raw.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(raw)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(raw).into_owned()))
}

impl From<Error<()>> for Error<Value> {
    fn from(e: Error<()>) -> Self {
        e.map_status(|()| Value::Null)
    }
}

/// A parameter value as it goes into a path segment, query string or header: strings as they
/// are, numbers and booleans as JSON prints them, anything else as compact JSON.
pub fn param_string<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(Value::Null) => String::new(),
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_debug_never_shows_the_body() {
        let out = Output {
            status: 201,
            request_id: Some("req-1".into()),
            body: Value::String("eyJ.jwt".into()),
        };
        // Printed as JSON on request; never by `Debug`.
        assert!(serde_json::to_string(&out).unwrap().contains("eyJ.jwt"));
        let debug = format!("{out:?}");
        assert!(
            debug.contains("201") && !debug.contains("eyJ.jwt"),
            "{debug}"
        );
    }
}
