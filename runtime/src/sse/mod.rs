//! Server-sent events (`text/event-stream`): the parser of the format, the typed
//! [`Event`] an operation's `events()` stream yields, and the decoders generated code passes
//! for each event's `data` ([`json`], [`text`]). Contract: parsing follows the WHATWG format
//! (see `parser.rs`); a `data` that does not decode is an [`Error::Decode`] naming line, column
//! and path, as for whole bodies. Reading a response as events is
//! [`RawEvents`](crate::RawEvents) (non-generic) and [`EventStream`](crate::EventStream).

pub(crate) mod parser;

use std::time::Duration;

use http::StatusCode;
use serde::de::DeserializeOwned;

pub use parser::RawEvent;

use crate::error::Error;
use crate::response::raw::decode_json;

/// The `data` that ends a stream (OpenAI's convention, followed by most AI-style APIs): the
/// stream stops there, without yielding it.
pub const DONE: &str = "[DONE]";

/// One server-sent event, its `data` decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The `event:` field (`None`: the format's default type, `message`).
    pub event: Option<String>,
    /// The last event ID the stream set (`id:` persists across events).
    pub id: Option<String>,
    /// The reconnection time this event's `retry:` asked for.
    pub retry: Option<Duration>,
    /// The event's data lines (joined with `\n`), decoded.
    pub data: T,
}

impl<T> Event<T> {
    /// The event's fields around `data`.
    pub fn new(raw: RawEvent, data: T) -> Self {
        Event {
            event: raw.event,
            id: raw.id,
            retry: raw.retry,
            data,
        }
    }
}

/// Decodes an event's `data` as JSON of `T` (answered with `status`).
pub fn json<T: DeserializeOwned, E>(status: StatusCode, data: &str) -> Result<T, Error<E>> {
    decode_json(status, data.as_bytes())
}

/// An event's `data` as text.
pub fn text<E>(_status: StatusCode, data: &str) -> Result<String, Error<E>> {
    Ok(data.to_owned())
}

#[cfg(test)]
mod tests;
