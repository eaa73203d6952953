//! Descriptions of generated operations and the glue the generated CLI dispatch uses.

use serde::Serialize;
use serde_json::Value;

use crate::{ApiInfo, Error, RawResponse, ResponseValue};

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
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    /// HTTP status.
    pub status: u16,
    /// The request id header, when the provider sent one.
    pub request_id: Option<String>,
    /// The typed response, as JSON.
    pub body: Value,
}

/// What a dispatched call gives: the output, or the error with its typed body as JSON.
pub type CallResult = Result<Output, Error<Value>>;

/// Turns a typed result into a [`CallResult`] (`Ok(None)` is never produced here).
// `Error` carries the response headers by value so a typed error is complete without another
// allocation; it is returned once per request, never in a hot loop.
#[allow(clippy::result_large_err)]
pub fn finish<T: Serialize, E: Serialize>(
    r: Result<ResponseValue<T>, Error<E>>,
) -> Result<Option<Output>, Error<Value>> {
    match r {
        Ok(v) => {
            let body = serde_json::to_value(&*v).unwrap_or(Value::Null);
            Ok(Some(Output {
                status: v.status().as_u16(),
                request_id: v.request_id().map(str::to_string),
                body,
            }))
        }
        Err(e) => Err(e.map_status(|s| serde_json::to_value(&s).unwrap_or(Value::Null))),
    }
}

/// The dispatch result for an operation name the API does not have.
#[allow(clippy::result_large_err)]
pub fn unknown_operation() -> Result<Option<Output>, Error<Value>> {
    Ok(None)
}

/// `None` for an unknown operation, else the call's result.
pub fn known(r: Result<Option<Output>, Error<Value>>) -> Option<CallResult> {
    match r {
        Ok(None) => None,
        Ok(Some(o)) => Some(Ok(o)),
        Err(e) => Some(Err(e)),
    }
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

impl RawResponse {
    /// The body as raw bytes (for binary success responses).
    pub fn bytes<E>(self) -> Result<ResponseValue<Vec<u8>>, Error<E>> {
        let status = self.status();
        let headers = self.headers().clone();
        Ok(ResponseValue::new(self.body().to_vec(), status, headers))
    }
}
