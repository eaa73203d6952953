//! Mock responses of a mock provider: for every operation, the success response (the spec's
//! example when it fits the generated type, else a value synthesised from the type) and one
//! response per documented error status. Contract: [`operation_mock`] and [`response_body`]
//! are deterministic functions of the IR.

use serde_json::Value;

use super::conformance::{compact, conforms};
use super::events::sse_body;
use super::synth::synthesize;
use crate::ir::*;

/// One response of a mock provider.
#[derive(Debug, Clone, PartialEq)]
pub struct MockBody {
    /// The status answered (`4XX` answers 400, `default` 500 unless a request asks for another).
    pub status: u16,
    /// `"404"`, `"4XX"` or `"default"`: which statuses this response covers.
    pub covers: String,
    /// The media type; empty when there is no body.
    pub content_type: String,
    /// The body text.
    pub body: String,
    /// Where the body came from: `example`, `synthesised`, or `synthesised (…why…)`.
    pub source: String,
}

/// What a mock provider answers for one operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationMock {
    /// The success response.
    pub success: MockBody,
    /// One response per documented error status, in the operation's order.
    pub errors: Vec<MockBody>,
}

/// The mock responses of `op`.
pub fn operation_mock(api: &Api, op: &Operation) -> OperationMock {
    // Without a success status, a `default` the operation answers 2xx with (see
    // `ir::Success`) is the success too.
    let default_success = op
        .responses
        .iter()
        .find(|r| r.status == StatusSpec::Default)
        .filter(|_| !op.success.cases.is_empty());
    let success = match (
        op.responses.iter().find(|r| r.is_success()),
        default_success,
    ) {
        (Some(r), _) => response_body(api, r),
        (None, Some(r)) => MockBody {
            status: 200,
            covers: "2XX".into(),
            ..response_body(api, r)
        },
        (None, None) => MockBody {
            status: 200,
            covers: "200".into(),
            content_type: String::new(),
            body: String::new(),
            source: "no success response is documented".into(),
        },
    };
    let success = stream_only(api, op, success);
    let errors = op
        .responses
        .iter()
        .filter(|r| !r.is_success())
        .map(|r| response_body(api, r))
        .collect();
    OperationMock { success, errors }
}

/// A success documented only as `text/event-stream` answers events of its data's type.
fn stream_only(api: &Api, op: &Operation, success: MockBody) -> MockBody {
    let Some(stream) = op.events.as_ref() else {
        return success;
    };
    if success.content_type != stream.media_type {
        return success;
    }
    let (data, source) = match &stream.data {
        ResponseBody::Json(t) => {
            let (v, source) = example_or_synth(api, t, None);
            (compact(&v), source)
        }
        _ => ("example".to_string(), "synthesised".to_string()),
    };
    MockBody {
        body: sse_body(&data),
        source: format!("{source} (event stream)"),
        ..success
    }
}

/// The mock answer for one documented response.
pub fn response_body(api: &Api, r: &Response) -> MockBody {
    let (status, covers) = match r.status {
        StatusSpec::Code(c) => (c, c.to_string()),
        StatusSpec::Range(c) => (c * 100, format!("{c}XX")),
        StatusSpec::Default => (500, "default".to_string()),
    };
    let content_type = r.content_type.clone().unwrap_or_default();
    let (body, source) = match &r.body {
        ResponseBody::Empty => (String::new(), "no body".to_string()),
        ResponseBody::Json(t) => {
            let (v, source) = example_or_synth(api, t, r.example.as_ref());
            (compact(&v), source)
        }
        ResponseBody::Untyped => match &r.example {
            Some(v) => (compact(v), "example".into()),
            None => ("{}".into(), "synthesised (no schema)".into()),
        },
        ResponseBody::Text | ResponseBody::SecretText | ResponseBody::Bytes => match &r.example {
            Some(Value::String(s)) => (s.clone(), "example".into()),
            Some(v) => (compact(v), "example".into()),
            None => ("example".into(), "synthesised".into()),
        },
    };
    MockBody {
        status,
        covers,
        content_type: if body.is_empty() {
            String::new()
        } else {
            content_type
        },
        body,
        source,
    }
}

fn example_or_synth(api: &Api, t: &TypeRef, example: Option<&Value>) -> (Value, String) {
    let mismatch = match example {
        Some(v) => match conforms(api, t, v) {
            Ok(()) => return (v.clone(), "example".into()),
            Err(e) => Some(e),
        },
        None => None,
    };
    let s = synthesize(api, t, &Constraints::default(), "");
    let mut why: Vec<String> = Vec::new();
    if let Some(e) = mismatch {
        why.push(format!("the spec's example does not fit the type: {e}"));
    }
    why.extend(s.notes);
    let source = if why.is_empty() {
        "synthesised".to_string()
    } else {
        format!("synthesised ({})", why.join("; "))
    };
    (s.value, source)
}
