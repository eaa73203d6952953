//! Mock event streams: the `text/event-stream` body a mock provider answers a streaming
//! operation with ([`sse_body`]), a few events carrying the same data, then `[DONE]`.
//! Contract: deterministic; every data line of the value is its own `data:` line, so a value
//! with line breaks arrives whole.

/// How many events a mock stream sends before `[DONE]`.
pub const MOCK_EVENTS: usize = 3;

/// A `text/event-stream` body of [`MOCK_EVENTS`] events (`id` 1, 2, 3, type `message`), each
/// with `data` as its data, then a `[DONE]` event.
pub fn sse_body(data: &str) -> String {
    let mut out = String::from(": cpaas mock event stream\n\n");
    for i in 1..=MOCK_EVENTS {
        out.push_str(&format!("id: {i}\nevent: message\n"));
        for line in data.split('\n') {
            out.push_str("data: ");
            out.push_str(line.strip_suffix('\r').unwrap_or(line));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str("data: [DONE]\n\n");
    out
}
